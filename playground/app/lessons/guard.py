"""A lesson's locks: the settings it fixes stay as the lesson opened them.

:class:`LessonGuard` greys out the controls of the locked settings
(:class:`~playground.app.views.lessons.locks.ControlLocks`) and refuses the changes
themselves: right after a panel's intent has been carried out, and after any new run or
snapshot (a shortcut, a menu or code may change settings without a control), it compares
the locked settings with those the lesson opened with and puts back any that differ,
through the controller's public methods. ``refused`` names what was put back.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from playground.app.views.lessons.locks import ControlLocks
from playground.core.compare import CompareSpec
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset

if TYPE_CHECKING:
    from playground.app.controller import Controller

MODEL_FIELDS = frozenset(f.name for f in fields(ModelConfig))
TRAIN_FIELDS = frozenset(f.name for f in fields(TrainConfig))
#: Settings that follow the data: a lock on them holds the data's task and classes.
DATA_TASK = ("task", "n_classes")
#: Most repairs one check makes (each settles one kind of difference).
MAX_REPAIRS = 4


@dataclass(frozen=True, eq=False)
class Locked:
    """What the lesson opened with: the base settings, every run's, and the data."""

    model: ModelConfig
    train: TrainConfig
    runs: dict[str, tuple[ModelConfig, TrainConfig]]
    compare: CompareSpec | None
    dataset: Dataset

    @classmethod
    def capture(cls, c: Controller) -> Locked:
        """What the window holds now."""
        runs = {run.label: (run.spec.model_config, run.spec.train_config) for run in c.runs.runs}
        return cls(c.model_config, c.train_config, runs, c.runs.compare, c.data_model.dataset)

    def run(self, label: str) -> tuple[ModelConfig, TrainConfig]:
        """The settings of the lesson's run ``label`` (the base for a run it has not)."""
        return self.runs.get(label, (self.model, self.train))


def differing(now: object, then: object, names: Collection[str]) -> dict[str, Any]:
    """The settings of ``names`` whose value in ``now`` is not ``then``'s, with ``then``'s."""
    return {n: getattr(then, n) for n in names if getattr(now, n) != getattr(then, n)}


class LessonGuard(QObject):
    """Keeps a lesson's locked settings as they were (see the module docstring).

    Parameters
    ----------
    controller : Controller
        The window's controller.
    tooltip : str
        What a locked control says on hover.
    """

    #: The names of the locked settings a check put back.
    refused = Signal(list)

    def __init__(self, controller: Controller, tooltip: str) -> None:
        super().__init__(controller)
        self.c = controller
        self.controls = ControlLocks(controller.window, tooltip)
        self.names: tuple[str, ...] = ()
        self.locked: Locked | None = None
        self._checking = False
        self._pending = False
        self._connect()

    def _connect(self) -> None:
        """Check after each intent that may touch a setting, and after runs and snapshots.

        These connections are made after the panels' own, so each check sees the
        change the intent made.
        """
        w, now = self.c.window, self.check
        hp, nv, dp = w.hyper_panel, w.network_view, w.data_panel
        hp.train_settings_changed.connect(now)
        hp.model_settings_changed.connect(now)
        for signal in (nv.feature_toggled, nv.layer_add_requested, nv.layer_remove_requested,
                       nv.units_change_requested, nv.activation_change_requested,
                       dp.regenerate_requested, dp.test_ratio_changed, dp.task_override_requested,
                       dp.clear_requested, dp.class_count_changed):  # fmt: skip
            signal.connect(now)
        self.c.data_model.changed.connect(self.check_later)
        self.c.run_started.connect(self.check_later)
        self.c.snapshot_shown.connect(self.check_later)

    # -- locking --------------------------------------------------------------------------
    def lock(self, names: Collection[str]) -> None:
        """Lock ``names`` at the values the window holds now (none: only watch the document)."""
        self.release()
        self.names = tuple(names)
        self.locked = Locked.capture(self.c)
        if not self.names:
            return
        self.controls.lock(self.names)
        if "data" in self.names:
            self.c.window.canvas.brush.set_model(None)  # no painting or erasing

    def release(self) -> None:
        """Unlock everything and give the controls back their own state."""
        names = self.names
        self.controls.release()
        self.names, self.locked = (), None
        if "data" in names:
            self.c.window.canvas.brush.set_model(self.c.data_model)
        if names:  # the panel enables its controls by the settings again (e.g. the reg. rate)
            self.c.window.hyper_panel.set_train_config(self.c.shown_configs()[1])

    def document_replaced(self) -> bool:
        """Tell whether another document replaced the locked one (its data and undo steps went).

        Only a new document, an opened session or a lesson clears the data's undo steps
        and brings other data at once; a lock's own repair puts back the same data.
        """
        locked = self.locked
        if locked is None:
            return True
        model = self.c.data_model
        return model.dataset is not locked.dataset and model.undo_stack.count() == 0

    # -- checking -------------------------------------------------------------------------
    def check_later(self, *_args: object) -> None:
        """Check once control is back in the event loop (never in the middle of a rebuild)."""
        if self.names and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._check_pending)

    def _check_pending(self) -> None:
        self._pending = False
        if not self.document_replaced():  # a replaced document is the wiring's to close
            self.check()

    def check(self, *_args: object) -> None:
        """Put back every locked setting that differs from the lesson's; say which."""
        locked = self.locked
        if locked is None or not self.names or self._checking:
            return
        self._checking = True
        try:
            refused: list[str] = []
            for _ in range(MAX_REPAIRS):
                repaired = self._repair(locked)
                if not repaired:
                    break
                refused += [name for name in repaired if name not in refused]
            self.controls.apply()  # controls the panels made again are greyed out too
        finally:
            self._checking = False
        if refused:
            self.refused.emit(refused)

    def _repair(self, locked: Locked) -> list[str]:
        """Put back one kind of difference; return the names it concerned ([] for none)."""
        c, names = self.c, self.names
        data = c.data_model
        if "data" in names and data.dataset is not locked.dataset:
            data.replace(locked.dataset, self.tr("Data locked by the lesson"))
            data.undo_stack.clear()
            return ["data"]
        want = locked.dataset
        task = [n for n in DATA_TASK if n in names]
        if task and (data.dataset.task, data.dataset.n_classes) != (want.task, want.n_classes):
            try:
                data.set_task(want.task, want.n_classes)
            except ValueError:
                data.replace(want, self.tr("Data locked by the lesson"))
            return task
        model_names = [n for n in names if n in MODEL_FIELDS and n not in DATA_TASK]
        fix = differing(c.model_config, locked.model, model_names)
        if fix:
            c.configure(self.tr("locked by this lesson"), **self._model_changes(fix, locked.model))
            return list(fix)
        train_names = [n for n in names if n in TRAIN_FIELDS]
        active = c.runs.active_run
        fix = differing(active.spec.train_config, locked.run(active.label)[1], train_names)
        if fix:
            config = active.spec.train_config.with_changes(**fix)
            c.set_train_config(config)
            c.window.hyper_panel.set_train_config(config)
            return list(fix)
        for run in c.runs.runs:
            model, train = locked.run(run.label)
            wrong = [*differing(run.spec.model_config, model, model_names),
                     *differing(run.spec.train_config, train, train_names)]  # fmt: skip
            if wrong:  # a comparison over a locked setting: back to the lesson's runs
                if locked.compare is not None:
                    c.comparing.start(locked.compare)
                else:
                    c.comparing.end()
                return wrong
        return []

    def _model_changes(self, fix: dict[str, Any], model: ModelConfig) -> dict[str, Any]:
        """``fix``, or with the lesson's layers too when ``fix`` alone does not fit."""
        try:
            self.c.model_config.with_changes(**fix)
        except ValueError:
            return {**fix, "hidden": model.hidden, "activations": model.activations}
        return fix
