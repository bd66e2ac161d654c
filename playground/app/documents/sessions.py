"""Documents: start afresh, capture the window's state as a session, restore a session or weights.

Functions of the :class:`~playground.app.controller.Controller` rather than
methods, so that the controller keeps to wiring intents and runs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.app.controller import Controller
from playground.app.panel_wiring import task_name
from playground.app.state.defaults import (
    DEFAULT_MODEL,
    DEFAULT_NOISE,
    DEFAULT_POINTS,
    DEFAULT_PRESET,
    DEFAULT_TRAIN,
    example_dataset,
)
from playground.app.state.runs import Run
from playground.app.views.panels.transport import StopConditions
from playground.core.compare import CompareSpec
from playground.core.config import TrainConfig
from playground.core.datasets import Dataset
from playground.core.files import LoadedWeights
from playground.core.history import HistoryChunk
from playground.core.model import Model
from playground.core.sessions import Session, SessionRun
from playground.core.settings import AUTO_LOSS
from playground.core.settings import training_data_problem as data_problem
from playground.core.trainer import Trainer


def new_document(c: Controller) -> None:
    """Default example, default settings, fresh weights."""
    c.pause()
    c.model_config, c.train_config = DEFAULT_MODEL, DEFAULT_TRAIN
    c.loss_choice = AUTO_LOSS
    dataset = example_dataset(DEFAULT_PRESET, c.data_model.test_ratio)
    c.data_model.replace(dataset, QCoreApplication.translate("Sessions", "New"))
    c.window.data_panel.set_generator(DEFAULT_PRESET, DEFAULT_POINTS, DEFAULT_NOISE, 0)
    c.data_model.undo_stack.clear()
    c.runs.compare = None  # a new document is one run
    c.rebuild(None)
    c.unsaved = False


def make_session(c: Controller) -> Session:
    """Everything needed to come back to this moment: every run, exactly."""
    stop = c.stop_conditions
    runs = tuple(_session_run(run) for run in c.runs.runs)
    compare = c.runs.compare
    return Session.from_runs(
        c.data_model.dataset,
        runs,
        active=c.runs.active,
        compare=None if compare is None else _compare_meta(compare),
        extras={
            "loss_choice": c.loss_choice,
            "test_ratio": c.data_model.test_ratio,
            "max_epochs": stop.max_epochs,
            "target_loss": stop.target_loss,
            "view": list(c.window.canvas.view_rect()),
            "generator": list(c.window.data_panel.generator()),
            "generator_options": c.window.data_panel.generator_options(),
        },
    )


def _session_run(run: Run) -> SessionRun:
    """A run as a session keeps it; its exact state when the latest checkpoint is now."""
    snap = run.live  # the run where it stands, even while a checkpoint is looked at
    latest = run.checkpoints.latest()
    exact = (
        latest
        if snap is not None
        and latest is not None
        and (latest.epoch, latest.step_count) == (snap.epoch, snap.step)
        else None
    )
    spec = run.spec
    return SessionRun(
        label=run.label,
        model_config=spec.model_config,
        train_config=spec.train_config,
        model=snap.to_model() if snap is not None else None,
        history=run.history.chunk(),
        epoch=snap.epoch if snap else 0,
        step=snap.step if snap else 0,
        state=exact,
        checkpoints=tuple(s for s in run.checkpoints.states() if s is not exact),
        max_checkpoints=run.checkpoints.max_count,
    )


def apply_session(c: Controller, session: Session) -> None:
    """Replace data, settings, runs, weights and history with a saved session's."""
    c.pause()
    extras = session.extras
    c.model_config, c.train_config = session.model_config, session.train_config
    c.loss_choice = str(extras.get("loss_choice", AUTO_LOSS))
    c.set_stop_conditions(StopConditions(extras.get("max_epochs"), extras.get("target_loss")))
    view = extras.get("view")
    if isinstance(view, list) and len(view) == 4:
        x, y, width, height = (float(v) for v in view)
        c.window.canvas.reset_view((x, y, width, height))
    generator = extras.get("generator")
    if (
        isinstance(generator, list)
        and len(generator) == 4
        and isinstance(generator[0], str)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in generator[1:])
    ):
        name, points, noise, seed = generator
        options = extras.get("generator_options")
        known = (
            {
                k: int(v)
                for k, v in options.items()
                if isinstance(v, int) and not isinstance(v, bool)
            }
            if isinstance(options, dict)
            else {}
        )  # a preset's spin boxes clamp the values to their ranges
        c.window.data_panel.set_generator(name, int(points), float(noise), int(seed), known)
    c.data_model.replace(session.dataset, QCoreApplication.translate("Sessions", "Open session"))
    c.data_model.undo_stack.clear()
    compare = _compare_spec(session)
    if compare is not None and len(session.runs) > 1:
        c.comparing.restore(compare, session.runs, session.active)
    else:
        c.runs.compare = None
        run = session.active_run
        model = run.model
        if model is not None and model.config == run.model_config:
            weights = (model.network.get_params(), model.features)
            c.rebuild(None, run.history, run.epoch, run.step, run.state, run.checkpoints, weights)
        else:
            c.rebuild(None)
    c.unsaved = False


def _compare_meta(spec: CompareSpec) -> dict[str, object]:
    """The comparison as a session holds it: key, values and any further settings."""
    meta: dict[str, object] = {"key": spec.key, "values": list(spec.values)}
    if spec.also:
        meta["also"] = [{"key": key, "values": list(values)} for key, values in spec.also]
    return meta


def _compare_spec(session: Session) -> CompareSpec | None:
    """The session's comparison, or None (a file's comparison that no longer parses: none)."""
    data = session.compare
    if not isinstance(data, dict):
        return None
    try:
        also = tuple(
            (str(item["key"]), tuple(str(v) for v in item["values"]))
            for item in data.get("also", ())
        )
        return CompareSpec(str(data["key"]), tuple(str(v) for v in data["values"]), also)
    except (KeyError, TypeError, ValueError):
        return None


def apply_weights(c: Controller, loaded: LoadedWeights, name: str) -> bool:
    """Continue from imported weights; their architecture replaces the current one."""
    config = loaded.model.config
    ds = c.data_model.dataset
    if config.task != ds.task or (ds.task != "regression" and config.n_classes != ds.n_classes):
        text = QCoreApplication.translate(
            "Sessions",
            "{name} was trained for {trained}, but the data is {data}. Nothing was changed.",
        )
        trained, data = _task_words(config.task, config.n_classes), _data_words(ds)
        c.window.show_banner(text.format(name=name, trained=trained, data=data), "warning")
        return False
    c.pause()
    c.model_config = config
    if loaded.train_config is not None:
        c.train_config = loaded.train_config
    c.unsaved = True
    row = starting_row(loaded.model, c.train_config, c.data_model.dataset, loaded.epoch)
    text = QCoreApplication.translate(
        "Sessions", "Loaded weights from {name} (trained {epochs} epochs)."
    )
    c.rebuild(
        text.format(name=name, epochs=loaded.epoch),
        history=row,
        epoch=loaded.epoch,
        weights=(loaded.model.network.get_params(), loaded.model.features),
    )
    return True


def _task_words(task: str, n_classes: int) -> str:
    """What the weights were trained for: "a binary task with 2 classes" (translated)."""
    if task == "regression":
        text = QCoreApplication.translate("Sessions", "a {task} task")
        return text.format(task=task_name(task))
    text = QCoreApplication.translate("Sessions", "a {task} task with {classes} classes")
    return text.format(task=task_name(task), classes=n_classes)


def _data_words(ds: Dataset) -> str:
    """What the data is: "multiclass with 3 classes" (translated)."""
    if ds.task == "regression":
        return task_name(ds.task)
    text = QCoreApplication.translate("Sessions", "{task} with {classes} classes")
    return text.format(task=task_name(ds.task), classes=ds.n_classes)


def starting_row(
    model: Model, config: TrainConfig, dataset: Dataset, epoch: int
) -> HistoryChunk | None:
    """One history row at ``epoch``: the losses and gradients of ``model`` on ``dataset``.

    A weight file carries no history, so without this row the window would show the
    file's epoch with nothing measured for it. None when the data cannot be trained on.
    """
    if data_problem(dataset) is not None:
        return None
    try:
        trainer = Trainer(
            model, config, dataset.train_x, dataset.train_y, dataset.test_x, dataset.test_y
        )
    except ValueError:
        return None
    ev = trainer.evaluate()
    net = trainer.network
    with np.errstate(all="ignore"):
        net.loss_and_gradient(trainer.x_train, trainer.t_train, config.l1, config.l2)
        norms = np.sqrt(np.add.reduceat(net.grads * net.grads, net.block_offsets)[0::2])

    def column(value: float) -> np.ndarray:
        return np.array([value], dtype=np.float64)

    return HistoryChunk(
        epoch=column(epoch),
        train_loss=column(ev.train_loss),
        test_loss=column(ev.test_loss),
        train_metric=column(ev.train_metric),
        test_metric=column(ev.test_metric),
        grad_norms=norms[np.newaxis, :].astype(np.float64),
    )
