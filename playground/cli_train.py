"""``python main.py train``: build the data and a network from the options, train, summarise.

One run prints one line of JSON. With ``--compare KEY=V1,V2[,V3,V4]`` the command
trains 2 to 4 runs in lock step on the same data (see
:mod:`playground.core.compare_run`) and prints one line per run, each with a
``"run"`` field naming its setting. ``--diagnostics`` adds to each line a
``"diagnostics"`` object: per-layer health figures and the gradient lens's warnings
(:func:`playground.core.health.diagnostics_summary`). Bad options raise :class:`ValueError`, which
:func:`playground.cli.run_cli` reports as one ``error:`` line. Never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from playground.core.compare import CompareSpec, parse_compare
from playground.core.compare_run import advance, build_runs, run_summary
from playground.core.config import DEFAULT_LOSS, ModelConfig, TrainConfig
from playground.core.dataset_csv import CsvError, load_csv
from playground.core.datasets import Dataset
from playground.core.features import parse_features
from playground.core.fileio import quote
from playground.core.files import SUFFIXES, save_weights
from playground.core.health import diagnostics_summary
from playground.core.losses import LOSSES, losses_for
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.settings_text import check_seed, parse_activations, parse_hidden
from playground.core.trainer import Trainer

#: Characters a run's label keeps in a ``--save`` file name; others become ``_``.
_UNSAFE_IN_NAMES = re.compile(r"[^A-Za-z0-9._,=+^-]")


def _preset_options(items: list[str]) -> dict[str, int]:
    options = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not value.strip().lstrip("-").isdigit():
            raise ValueError(f"--option takes KEY=INTEGER, got {quote(item)}")
        options[key.strip()] = int(value)
    return options


def _combine(train: Dataset, test: Dataset) -> Dataset:
    """Every row of ``train`` as training points and every row of ``test`` as test points."""
    if train.task == "regression" or test.task == "regression":
        test = test.with_task(train.task, None if train.task == "regression" else train.n_classes)
    else:
        n_classes = max(train.n_classes, test.n_classes)
        task = "binary" if n_classes == 2 and train.task == test.task == "binary" else "multiclass"
        train, test = train.with_task(task, n_classes), test.with_task(task, n_classes)
    flags = np.r_[np.zeros(len(train), bool), np.ones(len(test), bool)]
    x, y = np.concatenate([train.x, test.x]), np.concatenate([train.y, test.y])
    return Dataset(x, y, flags, train.task, train.n_classes)


def _load_csv(path: str, task: str | None) -> Dataset:
    """:func:`load_csv`, with the file's name in front of a format error."""
    try:
        return load_csv(path, task)
    except CsvError as exc:
        raise ValueError(f"{path}: {exc}") from None


def dataset(ns: argparse.Namespace) -> Dataset:
    """The data the options describe: a preset, or CSV files, split into train and test."""
    if ns.dataset is not None:
        if ns.test_data is not None:
            raise ValueError("--test-data goes with --data, not with --dataset")
        ratio = 0.5 if ns.test_ratio is None else ns.test_ratio
        points = 200 if ns.points is None else ns.points
        noise = 0.0 if ns.noise is None else ns.noise
        options = _preset_options(ns.option)
        data = make_dataset(ns.dataset, points, noise, ns.seed, ratio, **options)
        return data if ns.task in (None, data.task) else data.with_task(ns.task)
    if ns.points is not None or ns.noise is not None or ns.option:
        raise ValueError("--points, --noise and --option apply to --dataset only")
    data = _load_csv(ns.data, ns.task)
    if ns.test_data is not None:
        if ns.test_ratio is not None:
            raise ValueError("use either --test-data or --test-ratio, not both")
        return _combine(data, _load_csv(ns.test_data, ns.task))
    return data if ns.test_ratio is None else data.with_split(ns.test_ratio, ns.seed)


def _loss(task: str, output: str | None, loss: str | None) -> str:
    usable = losses_for(task)
    if loss is not None:
        if loss not in usable:
            raise ValueError(f"loss {loss} does not fit a {task} task; use {', '.join(usable)}")
        if output is not None and LOSSES[loss].output != output:
            raise ValueError(f"loss {loss} uses the {LOSSES[loss].output} output, not {output}")
        return loss
    if output is not None:
        for name in usable:
            if LOSSES[name].output == output:
                return name
        fits = ", ".join(LOSSES[name].output for name in usable)
        raise ValueError(f"output {output} does not fit a {task} task; use {fits}")
    return DEFAULT_LOSS[task]


def _check_training_data(data: Dataset) -> None:
    y = data.train_y
    if len(y) == 0:
        raise ValueError("the training set is empty: there are no training points to learn from")
    if data.task != "regression" and len(np.unique(y)) < 2:
        raise ValueError(
            f"the training data has a single class ({int(y[0])}); "
            "a classifier needs points of at least two classes"
        )


def _compare_spec(items: list[str] | None) -> CompareSpec | None:
    if not items:
        return None
    # Several settings vary together, value by value: run i takes value i of each.
    return parse_compare(items)


def run_path(path: str, label: str) -> Path:
    """Where ``--save path`` puts the weights of the run ``label``: ``w.npz`` -> ``w-lr=3.npz``."""
    target = Path(path)
    return target.with_name(f"{target.stem}-{_UNSAFE_IN_NAMES.sub('_', label)}{target.suffix}")


def _engine(asked: str, config: ModelConfig, train_config: TrainConfig, data: Dataset) -> str:
    """``auto``: the compiled kernel (waited for), or NumPy for a network it trains slower."""
    if asked != "auto":
        return asked
    from playground.core.kernel import prefers_numpy

    sizes = Model.build(config, data.train_x).network.sizes
    batch = min(train_config.batch_size, len(data.train_x))
    return "numpy" if prefers_numpy(sizes, batch) else "compiled"


def _print_engine_notice(engine: str) -> None:
    if engine != "numpy":
        from playground.core.kernel import engine_notice

        notice = engine_notice()
        if notice:
            print(f"note: {notice}", file=sys.stderr)


def run_train(ns: argparse.Namespace) -> int:
    """The ``train`` command for parsed options ``ns``; prints the summary lines."""
    if ns.epochs < 0:
        raise ValueError(f"--epochs must be 0 or more, got {ns.epochs}")
    check_seed(ns.seed)
    if ns.save is not None and Path(ns.save).suffix.lower() not in SUFFIXES:
        raise ValueError(f"--save needs a .npz or .json file name, got {quote(ns.save)}")
    spec = _compare_spec(ns.compare)
    hidden = parse_hidden(ns.hidden)
    activations = parse_activations(ns.activation, len(hidden))
    features = parse_features(ns.features)
    train_config = TrainConfig(
        optimizer=ns.optimizer,
        learning_rate=ns.lr,
        batch_size=ns.batch,
        l1=ns.l1,
        l2=ns.l2,
        momentum=ns.momentum,
        nesterov=ns.nesterov,
    )
    data = dataset(ns)
    _check_training_data(data)
    config = ModelConfig(
        features=features,
        hidden=hidden,
        activations=activations,
        task=data.task,
        n_classes=data.n_classes,
        loss=_loss(data.task, ns.output, ns.loss),
        init=ns.init,
        bias_init=ns.bias_init,
        seed=ns.seed,
    )
    engine = _engine(ns.engine, config, train_config, data)
    if spec is not None:
        return _train_compare(ns, spec, config, train_config, data, engine)
    model = Model.build(config, data.train_x)
    trainer = Trainer(
        model, train_config, data.train_x, data.train_y, data.test_x, data.test_y, engine=engine
    )
    with np.errstate(all="ignore"):  # a divergence is reported in the summary instead
        trainer.run(ns.epochs)
    _print_engine_notice(ns.engine)
    if ns.save is not None:
        save_weights(model, ns.save, train_config, trainer.epoch)
    print(json.dumps(_summary(ns, trainer), allow_nan=False))
    return 0


def _summary(ns: argparse.Namespace, trainer: Trainer, label: str | None = None) -> dict[str, Any]:
    """The run's summary line, with its ``"diagnostics"`` when ``--diagnostics`` asks."""
    summary = run_summary(trainer, label)
    if ns.diagnostics:
        summary["diagnostics"] = diagnostics_summary(trainer)
    return summary


def _train_compare(
    ns: argparse.Namespace,
    spec: CompareSpec,
    config: ModelConfig,
    train_config: TrainConfig,
    data: Dataset,
    engine: str,
) -> int:
    runs = build_runs(spec, config, train_config, data, engine)
    paths = [] if ns.save is None else [run_path(ns.save, run.label) for run in runs]
    if len(set(paths)) < len(paths):
        raise ValueError("two runs' labels give the same --save file name; change a value")
    advance(runs, ns.epochs)
    _print_engine_notice(ns.engine)
    for run, path in zip(runs, paths):
        save_weights(run.model, path, run.trainer.config, run.trainer.epoch)
    summaries: list[dict[str, Any]] = [_summary(ns, run.trainer, run.label) for run in runs]
    for summary in summaries:
        print(json.dumps(summary, allow_nan=False))
    return 0
