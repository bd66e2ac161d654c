"""The panels' intents, wired to the controller: data, network edits, settings, transport.

:class:`PanelWiring` connects the data panel, the canvas, the network diagram, the
hyper-parameter panel and the transport bar to the
:class:`~playground.app.controller.Controller`, and turns each intent into a change
of the data model, the base settings or the runs. It keeps no state of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Slot

from playground.app import i18n
from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.present.status_text import edge_text, focus_text
from playground.app.state import edits
from playground.app.state.edits import Edit
from playground.app.training.commands import SetData, SetFocus, SetProbe
from playground.core.datasets import Dataset
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES
from playground.core.optimizers import OPTIMIZERS
from playground.core.presets import PRESETS, make_dataset
from playground.core.settings import AUTO_LOSS, resolve_loss
from playground.core.settings import training_data_problem as data_problem

if TYPE_CHECKING:
    from playground.app.controller import Controller

CONTEXT = "PanelWiring"
#: The tasks as the "task is now" banner names them (English; translated when shown).
TASK_NAMES: dict[str, str] = {
    "binary": QT_TRANSLATE_NOOP("PanelWiring", "binary"),
    "multiclass": QT_TRANSLATE_NOOP("PanelWiring", "multiclass"),
    "regression": QT_TRANSLATE_NOOP("PanelWiring", "regression"),
}


def task_name(task: str) -> str:
    """``task`` in words, in the current language."""
    return QCoreApplication.translate(CONTEXT, TASK_NAMES.get(task, task))


def preset_name(name: str) -> str:
    """The preset ``name`` as the banners name it: its key, or its translated label."""
    preset = PRESETS.get(name)
    if preset is None:
        return name
    label = QCoreApplication.translate(i18n.PRESETS, preset.label)
    return name if label == preset.label else label


class PanelWiring(QObject):
    """Connects the panels' signals to the controller (see the module docstring)."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.c = controller
        self._connect()

    def _connect(self) -> None:
        w = self.c.window
        w.canvas.set_model(self.c.data_model)
        self.c.data_model.changed.connect(self._on_data_changed)
        self.c.data_model.replaced.connect(self._on_data_replaced)
        stack = self.c.data_model.undo_stack
        undo = stack.createUndoAction(w, QCoreApplication.translate("PanelWiring", "&Undo"))
        redo = stack.createRedoAction(w, QCoreApplication.translate("PanelWiring", "&Redo"))
        w.add_undo_actions(undo, redo)
        dp = w.data_panel
        dp.set_presets(list(PRESETS))
        dp.set_undo_stack(stack)
        dp.regenerate_requested.connect(self._on_data_panel_regenerate)
        dp.test_ratio_changed.connect(self.c.data_model.set_test_ratio)
        dp.show_test_toggled.connect(w.canvas.set_show_test)
        dp.discretize_toggled.connect(w.canvas.set_discretize)
        dp.task_override_requested.connect(self._on_data_panel_task_override)
        dp.brush_changed.connect(w.canvas.set_brush)
        dp.paint_label_changed.connect(w.canvas.set_paint_label)
        dp.tool_changed.connect(w.canvas.set_tool)
        dp.clear_requested.connect(self.c.data_model.clear)
        dp.class_count_changed.connect(self._on_data_panel_class_count)
        w.menu_actions["clear_data"].triggered.connect(self.c.data_model.clear)

        nv = w.network_view
        nv.feature_toggled.connect(self._on_network_feature_toggled)
        nv.layer_add_requested.connect(self._on_network_layer_add)
        nv.layer_remove_requested.connect(self._on_network_layer_remove)
        nv.units_change_requested.connect(self._on_network_units_change)
        nv.activation_change_requested.connect(self._on_network_activation_change)
        nv.node_hovered.connect(self._on_network_node_hovered)
        nv.node_unhovered.connect(self._on_network_node_unhovered)
        nv.edge_clicked.connect(self._on_network_edge_clicked)

        hp = w.hyper_panel
        hp.set_options(
            list(OPTIMIZERS),
            list(INITIALIZERS),
            list(LOSSES),
            [name for name, cls in OPTIMIZERS.items() if cls.uses_momentum],
        )
        hp.train_settings_changed.connect(self.c.set_train_config)
        hp.model_settings_changed.connect(self._on_hyper_model_settings_changed)

        tb = w.transport
        tb.play_toggled.connect(self._on_transport_play)
        tb.step_requested.connect(self.c.step_epoch)
        tb.reset_requested.connect(self.c.reset)
        tb.stop_conditions_changed.connect(self.c.apply_stop_conditions)
        w.menu_actions["play"].triggered.connect(self.c.toggle_play)
        w.menu_actions["step"].triggered.connect(self.c.step_epoch)
        w.menu_actions["reset"].triggered.connect(self.c.reset)
        w.canvas.view_changed.connect(self._on_canvas_view_changed)

    @Slot(object)
    def _on_data_changed(self, dataset: Dataset) -> None:
        w = self.c.window
        w.canvas.set_dataset(dataset)
        w.data_panel.set_dataset_info(dataset)
        w.hyper_panel.set_batch_limit(max(1, int(np.count_nonzero(~dataset.is_test))))
        if self.c.runs.comparing:  # every compared run trains on the painted points
            d = dataset
            w.views["runs"].show_points(d.x, d.y, d.is_test, d.task, d.n_classes)  # type: ignore[attr-defined]
        self.c.unsaved = True
        config = edits.follow_task(self.c.model_config, dataset, self.c.loss_choice)
        if config is not None:
            self.c.model_config = config
            text = QCoreApplication.translate(
                "PanelWiring", "Network reset: the task is now {task}."
            )
            self.c.rebuild(text.format(task=task_name(dataset.task)))
            return
        self.c.worker.post(SetData(dataset))

    @Slot(object)
    def _on_data_replaced(self, dataset: Dataset) -> None:
        self.c.window.data_panel.offer_classes(0)  # the new data's own classes, none offered

    def _on_data_panel_regenerate(
        self, name: str, points: int, noise: float, seed: int, options: dict[str, int]
    ) -> None:
        try:
            ds = make_dataset(
                name, points, noise, seed=seed, test_ratio=self.c.data_model.test_ratio, **options
            )
        except ValueError as exc:
            self.c.window.show_banner(str(exc), "warning")
            return
        was_running = self.c.runs.running
        self.c.data_model.replace(
            ds,
            QCoreApplication.translate("PanelWiring", "Generate {name}").format(
                name=preset_name(name)
            ),
        )
        # New data is a new experiment: fresh weights and an empty history, so that one
        # curve never mixes two data sets. (Painting onto the data keeps the run going.)
        text = QCoreApplication.translate(
            "PanelWiring", "New data ({name}): weights and history reset."
        )
        self.c.rebuild(text.format(name=preset_name(name)))
        if was_running and data_problem(ds) is None:
            self.c._start_running()

    def _on_data_panel_task_override(self, task: str) -> None:
        try:
            self.c.data_model.set_task(*edits.task_override(self.c.data_model.dataset, task))
        except ValueError as exc:
            self.c.window.show_banner(str(exc), "warning")

    def _on_data_panel_class_count(self, n: int) -> None:
        """+ offers a class to paint (the data gains it with its first point); − drops one."""
        ds = self.c.data_model.dataset
        if ds.task == "regression":
            return
        if n >= ds.n_classes:  # offering classes changes neither the data nor the network
            self.c.window.data_panel.offer_classes(n)
            return
        try:
            self.c.data_model.set_task("binary" if n <= 2 else "multiclass", n)
        except ValueError as exc:
            self.c.window.show_banner(str(exc), "warning")
            return
        self.c.window.data_panel.offer_classes(n)

    def _edit(self, edit: Callable[..., Edit], *args: object) -> None:
        try:
            result = edit(self.c.model_config, *args)
        except ValueError as exc:
            self.c.window.show_banner(str(exc), "warning")
            self.c._show_settings()
            return
        if result is not None:
            self.c._change_model(result[1], result[0])

    def _on_network_feature_toggled(self, key: str, on: bool) -> None:
        self._edit(edits.toggle_feature, key, on)

    def _on_network_layer_add(self) -> None:
        self._edit(edits.add_layer)

    def _on_network_layer_remove(self) -> None:
        self._edit(edits.remove_layer)

    def _on_network_units_change(self, layer: int, delta: int) -> None:
        self._edit(edits.change_units, layer, delta)

    def _on_network_activation_change(self, layer: int, name: str) -> None:
        self._edit(edits.change_activation, layer, name)

    def _on_network_node_hovered(self, column: int, unit: int) -> None:
        """Show the neuron's map at once from its thumbnail; the worker's sharp one follows."""
        self.c._focus = (column, unit)
        self.c.worker.post(SetFocus(self.c._focus))
        snap = self.c.last_snapshot
        if snap is None or snap.probe is None or snap.run_id != self.c.run_id:
            return
        if column < len(snap.neuron_maps) and unit < len(snap.neuron_maps[column]):
            values = snap.neuron_maps[column][unit]
            thumb = dataclasses.replace(snap, focus=(column, unit), focus_map=values)
            self.c.window.canvas.show_neuron_map(values, snap.probe.rect, focus_text(thumb))

    def _on_network_node_unhovered(self) -> None:
        self.c._focus = None
        self.c.worker.post(SetFocus(None))
        self.c.window.canvas.clear_neuron_map()

    def _on_network_edge_clicked(self, layer: int, i: int, j: int, weight: float) -> None:
        text = edge_text(self.c.model_config, layer, i, j, weight)
        self.c.window.statusBar().showMessage(text, 8000)

    def _on_hyper_model_settings_changed(self, settings: dict[str, Any]) -> None:
        loss = str(settings.get("loss", AUTO_LOSS))
        self.c.loss_choice = loss
        task = self.c.model_config.task
        resolved = resolve_loss(loss, task)
        self.c.configure(
            QCoreApplication.translate("PanelWiring", "initialisation settings changed"),
            init=str(settings["init"]),
            bias_init=float(settings["bias_init"]),
            seed=int(settings["seed"]),
            loss=resolved,
        )

    def _on_transport_play(self, on: bool) -> None:
        if on:
            self.c.play()
        else:
            self.c.pause()

    def _on_canvas_view_changed(self, rect: tuple[float, float, float, float]) -> None:
        x, y, width, height = (float(v) for v in rect)
        self.c.worker.post(SetProbe((x, y, width, height), self.c.probe_resolution))
