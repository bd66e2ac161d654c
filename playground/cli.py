"""Headless training and prediction: ``python main.py train`` and ``python main.py predict``.

``train`` builds a network on a preset or a CSV dataset, trains it, prints one
line of JSON with the final losses, metrics and gradient norms, and can export
the weights. ``predict`` reads a weight file and a CSV of points and writes a
CSV of predictions to stdout. Bad arguments or files print a single
``error: ...`` line on stderr and exit with status 2. Never imports Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS
from playground.core.config import DEFAULT_LOSS, TASKS, ModelConfig, TrainConfig
from playground.core.dataset_csv import CsvError, bounded_lines, load_csv
from playground.core.datasets import PRESETS, Dataset, make_dataset
from playground.core.features import parse_features
from playground.core.fileio import quote, shorten
from playground.core.files import SUFFIXES, load_weights, save_weights
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES, losses_for
from playground.core.model import Model
from playground.core.optimizers import OPTIMIZERS
from playground.core.trainer import ENGINES, Trainer

OUTPUTS = ("sigmoid", "softmax", "linear", "tanh")
EXIT_ERROR = 2
#: What a shell reports for a command stopped by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141
#: Longest ``error:`` line, in characters (core messages are much shorter).
MAX_MESSAGE = 1000


class CliError(Exception):
    """A bad argument or input, reported as one ``error:`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


def number(text: str) -> float:
    """A finite float argument (argparse reports "invalid number value" otherwise)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``train`` / ``predict`` argument parser."""
    parser = _Parser(prog="python main.py", description="Train or apply an MLP without the window.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{train,predict}")
    m, t = ModelConfig(), TrainConfig()

    train = commands.add_parser("train", help="train a network and print a JSON summary")
    data = train.add_mutually_exclusive_group(required=True)
    data.add_argument("--dataset", choices=list(PRESETS), help="a preset dataset")
    data.add_argument("--data", metavar="TRAIN.csv", help="x1,x2,label|target[,split] file")
    add = train.add_argument
    add("--test-data", metavar="TEST.csv", help="test points (with --data)")
    add("--points", type=int, help="points in a preset (default 200)")
    add("--noise", type=number, help="preset noise 0..1 (default 0)")
    add("--option", action="append", default=[], metavar="KEY=N", help="preset option, e.g. arms=3")
    add("--test-ratio", type=number, help="test fraction 0..0.9 (preset default 0.5)")
    add("--seed", type=int, default=0, help="seed of the data, split, weights and shuffle")
    add("--hidden", default=",".join(map(str, m.hidden)), help='widths, e.g. 8,8 ("" for none)')
    add("--activation", default="tanh", help=f"one or one per layer: {', '.join(ACTIVATIONS)}")
    add("--task", choices=TASKS, help="override the task the data implies")
    add("--output", choices=OUTPUTS, help="output activation (picks the matching loss)")
    add("--loss", choices=list(LOSSES), help="loss (default: the task's usual one)")
    add("--init", choices=list(INITIALIZERS), default=m.init)
    add("--bias-init", type=number, default=m.bias_init)
    add("--features", default=",".join(m.features), help="e.g. x1,x2,x1^2,x1x2,sin_x1")
    add("--optimizer", choices=list(OPTIMIZERS), default=t.optimizer)
    add("--lr", type=number, default=t.learning_rate, help="learning rate")
    add("--batch", type=int, default=t.batch_size, help="mini-batch size")
    add("--momentum", type=number, default=t.momentum)
    add("--nesterov", action="store_true")
    add("--l1", type=number, default=t.l1)
    add("--l2", type=number, default=t.l2)
    add("--epochs", type=int, default=100)
    add("--save", metavar="FILE.npz|FILE.json", help="export the weights")
    add(
        "--engine",
        choices=ENGINES,
        default="numpy",
        help="numpy (the readable reference, default), compiled (numba; the same steps,"
        " equal to about 1e-14) or auto",
    )
    train.set_defaults(run=_train)

    predict = commands.add_parser("predict", help="write predictions for points as CSV")
    predict.add_argument("--weights", required=True, metavar="FILE.npz|FILE.json")
    predict.add_argument("--data", required=True, metavar="POINTS.csv", help="x1,x2 columns")
    predict.set_defaults(run=_predict)
    return parser


def run_cli(args: Sequence[str]) -> int:
    """Run ``train`` or ``predict`` with command-line ``args``; return the exit status.

    Bad arguments and unreadable files give one ``error:`` line on stderr and
    :data:`EXIT_ERROR`. When the reader of stdout goes away (``... | head -1``)
    the command ends quietly with :data:`EXIT_BROKEN_PIPE`, as Unix tools do.
    """
    try:
        ns = build_parser().parse_args(list(args))
        status = int(ns.run(ns))
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except (CliError, ValueError, OSError) as exc:
        message = shorten(" ".join(str(exc).split()) or type(exc).__name__, MAX_MESSAGE)
        print(f"error: {message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing what is left cannot fail again."""
    with contextlib.suppress(OSError, ValueError):  # stdout may have no file descriptor
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


# ---------------------------------------------------------------------------- train


def _preset_options(items: list[str]) -> dict[str, int]:
    options = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not value.strip().lstrip("-").isdigit():
            raise CliError(f"--option takes KEY=INTEGER, got {quote(item)}")
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
        raise CliError(f"{path}: {exc}") from None


def _dataset(ns: argparse.Namespace) -> Dataset:
    if ns.dataset is not None:
        if ns.test_data is not None:
            raise CliError("--test-data goes with --data, not with --dataset")
        ratio = 0.5 if ns.test_ratio is None else ns.test_ratio
        points = 200 if ns.points is None else ns.points
        noise = 0.0 if ns.noise is None else ns.noise
        options = _preset_options(ns.option)
        data = make_dataset(ns.dataset, points, noise, ns.seed, ratio, **options)
        return data if ns.task in (None, data.task) else data.with_task(ns.task)
    if ns.points is not None or ns.noise is not None or ns.option:
        raise CliError("--points, --noise and --option apply to --dataset only")
    data = _load_csv(ns.data, ns.task)
    if ns.test_data is not None:
        if ns.test_ratio is not None:
            raise CliError("use either --test-data or --test-ratio, not both")
        return _combine(data, _load_csv(ns.test_data, ns.task))
    return data if ns.test_ratio is None else data.with_split(ns.test_ratio, ns.seed)


def parse_hidden(text: str) -> tuple[int, ...]:
    """Parse hidden layer widths such as ``"8,8"`` (``""``, ``"0"`` or ``"none"`` for none)."""
    text = text.strip()
    if text.lower() in ("", "0", "none"):
        return ()
    try:
        units = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise CliError(f"--hidden takes layer widths such as 8,8, got {quote(text)}") from None
    if min(units) < 1:
        raise CliError("every hidden layer needs at least one unit")
    return units


def parse_activations(text: str, n_hidden: int) -> tuple[str, ...]:
    """Parse one activation name for every hidden layer, or a comma list of one per layer."""
    names = [part.strip() for part in text.split(",")]
    unknown = [name for name in names if name not in ACTIVATIONS]
    if unknown:
        choices = ", ".join(ACTIVATIONS)
        raise CliError(f"unknown activation {quote(unknown[0])}; choose from {choices}")
    if len(names) == 1:
        return tuple(names * n_hidden)
    if len(names) != n_hidden:
        raise CliError(f"--activation lists {len(names)} names for {n_hidden} hidden layers")
    return tuple(names)


def _loss(task: str, output: str | None, loss: str | None) -> str:
    usable = losses_for(task)
    if loss is not None:
        if loss not in usable:
            raise CliError(f"loss {loss} does not fit a {task} task; use {', '.join(usable)}")
        if output is not None and LOSSES[loss].output != output:
            raise CliError(f"loss {loss} uses the {LOSSES[loss].output} output, not {output}")
        return loss
    if output is not None:
        for name in usable:
            if LOSSES[name].output == output:
                return name
        fits = ", ".join(LOSSES[name].output for name in usable)
        raise CliError(f"output {output} does not fit a {task} task; use {fits}")
    return DEFAULT_LOSS[task]


def _check_training_data(data: Dataset) -> None:
    y = data.train_y
    if len(y) == 0:
        raise CliError("the training set is empty: there are no training points to learn from")
    if data.task != "regression" and len(np.unique(y)) < 2:
        raise CliError(
            f"the training data has a single class ({int(y[0])}); "
            "a classifier needs points of at least two classes"
        )


def _json_number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _grad_norms(trainer: Trainer) -> NDArray[np.float64]:
    """The last epoch's per-layer gradient norms, or the full-batch ones before any epoch."""
    history = trainer.history
    if len(history):
        return history.column("grad_norms")[-1]
    net, config = trainer.network, trainer.config
    net.loss_and_gradient(trainer.x_train, trainer.t_train, config.l1, config.l2)
    return np.sqrt(np.add.reduceat(net.grads * net.grads, net.block_offsets)[0::2])


def _train(ns: argparse.Namespace) -> int:
    if ns.epochs < 0:
        raise CliError(f"--epochs must be 0 or more, got {ns.epochs}")
    if ns.seed < 0:
        raise CliError(f"--seed must be 0 or more, got {ns.seed}")
    if ns.save is not None and Path(ns.save).suffix.lower() not in SUFFIXES:
        raise CliError(f"--save needs a .npz or .json file name, got {quote(ns.save)}")
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
    data = _dataset(ns)
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
    model = Model.build(config, data.train_x)
    trainer = Trainer(
        model,
        train_config,
        data.train_x,
        data.train_y,
        data.test_x,
        data.test_y,
        engine="compiled" if ns.engine == "auto" else ns.engine,
    )
    with np.errstate(all="ignore"):  # a divergence is reported in the summary instead
        diverged = trainer.run(ns.epochs)
        evaluation = trainer.evaluate()
        norms = _grad_norms(trainer)
    if ns.engine != "numpy":
        from playground.core.kernel import engine_notice

        notice = engine_notice()
        if notice:
            print(f"note: {notice}", file=sys.stderr)
    if ns.save is not None:
        save_weights(model, ns.save, train_config, trainer.epoch)
    summary: dict[str, Any] = {
        "epochs": trainer.epoch,
        "metric": "accuracy" if model.is_classifier else "r2",
        "train_loss": _json_number(evaluation.train_loss),
        "test_loss": _json_number(evaluation.test_loss),
        "train_accuracy": _json_number(evaluation.train_metric),
        "test_accuracy": _json_number(evaluation.test_metric),
        "grad_norms": [_json_number(v) for v in norms],
        "diverged": None if diverged is None else diverged.message,
    }
    print(json.dumps(summary, allow_nan=False))
    return 0


# -------------------------------------------------------------------------- predict


def read_points(path: str) -> NDArray[np.float64]:
    """The ``x1`` and ``x2`` columns of a CSV file with a header, shape (n, 2).

    Other columns (``label``, ``target``, ``split``, ...) are ignored.
    """
    rows: list[tuple[float, float]] = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(bounded_lines(handle))
        columns: dict[str, int] | None = None
        try:
            for fields in reader:
                if not any(field.strip() for field in fields):
                    continue
                line = reader.line_num
                if columns is None:
                    columns = {name.strip().lower(): i for i, name in enumerate(fields)}
                    if "x1" not in columns or "x2" not in columns:
                        raise CliError(f"{path}: line {line}: the header needs x1 and x2 columns")
                    continue
                rows.append(
                    tuple(_coordinate(path, fields, columns, name, line) for name in ("x1", "x2"))
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: unreadable CSV ({shorten(exc)})") from None
        except CsvError as exc:
            raise CliError(f"{path}: {exc}") from None
        if columns is None:
            raise CliError(f"{path}: the file is empty; expected a header with x1 and x2")
    return np.array(rows, dtype=np.float64).reshape(-1, 2)


def _coordinate(
    path: str, fields: list[str], columns: dict[str, int], name: str, line: int
) -> float:
    index = columns[name]
    text = fields[index].strip() if index < len(fields) else ""
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"{path}: line {line}: {name} value {quote(text)} is not a number") from None
    if not math.isfinite(value):
        raise CliError(f"{path}: line {line}: {name} value {quote(text)} is not finite")
    return value


def _predict(ns: argparse.Namespace) -> int:
    model = load_weights(ns.weights).model
    x = read_points(ns.data)
    with np.errstate(all="ignore"):
        if model.is_classifier:
            proba = model.predict_proba(x)
            header = ["x1", "x2", "class", *(f"p{k}" for k in range(proba.shape[1]))]
            rows = [
                [repr(a), repr(b), str(int(np.argmax(p))), *map(repr, p.tolist())]
                for (a, b), p in zip(x.tolist(), proba)
            ]
        else:
            header = ["x1", "x2", "value"]
            values = model.predict(x).tolist()
            rows = [[repr(a), repr(b), repr(v)] for (a, b), v in zip(x.tolist(), values)]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return 0
