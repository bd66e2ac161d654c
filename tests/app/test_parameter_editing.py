"""Typing weights and biases into the diagram: clicked, applied by the worker, undoable."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from playground.app.assembly import Assembly
from playground.app.param_wiring import ParamWiring
from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.training.commands import EditParameter, Rebuild, SetRunning
from playground.app.training.loop import TrainingLoop
from playground.app.views.network_view import NetworkView
from playground.app.views.network_view.editing import VALUE_LIMIT, flat_index, parse_value
from playground.core.presets import make_dataset

TIMEOUT = 20_000


# -- the worker's side, driven by plain calls -------------------------------------------------
def _paused_loop(optimizer: str = "adam") -> TrainingLoop:
    loop = TrainingLoop(emit=lambda s: None, engine="numpy")
    data = make_dataset("circle", 100, 0.1, seed=0, test_ratio=0.5)
    train = DEFAULT_TRAIN.with_changes(optimizer=optimizer, batch_size=10)
    loop.handle([Rebuild(7, DEFAULT_MODEL, train, data)])
    loop.handle([SetRunning(True)])
    for _ in range(3):
        loop.train_slice()
    loop.handle([SetRunning(False)])
    return loop


def test_the_worker_sets_one_parameter_and_keeps_the_optimizer_state() -> None:
    loop = _paused_loop("adam")
    trainer = loop.slots[0].trainer
    before = trainer.network.get_params()
    moments = {k: np.copy(v) for k, v in trainer.optimizer.get_state().items()}
    loop.slots[0].take_checkpoints()
    loop.handle([EditParameter(7, 5, 0.625)])
    after = trainer.network.get_params()
    assert after[5] == 0.625
    np.testing.assert_array_equal(np.delete(after, 5), np.delete(before, 5))
    for key, value in trainer.optimizer.get_state().items():
        np.testing.assert_array_equal(value, moments[key])
    # The latest exact state holds the edit: a pause, a save or the scrubber's latest.
    taken = loop.slots[0].take_checkpoints()
    assert taken and taken[-1].params[5] == 0.625
    assert loop.slots[0].clock.latest().params[5] == 0.625
    snap = loop.make_snapshot()
    assert snap.params[5] == 0.625


def test_the_worker_drops_edits_of_another_run_or_outside_the_network() -> None:
    loop = _paused_loop("sgd")
    before = loop.slots[0].trainer.network.get_params()
    n = before.size
    loop.handle(
        [EditParameter(8, 0, 1.0), EditParameter(7, n, 1.0), EditParameter(7, 0, float("nan"))]
    )
    np.testing.assert_array_equal(loop.slots[0].trainer.network.get_params(), before)


def test_training_goes_on_from_the_edited_value() -> None:
    loop = _paused_loop("sgd")
    trainer = loop.slots[0].trainer
    loop.handle([EditParameter(7, 0, 3.0), SetRunning(True)])
    step = trainer.step_count
    loop.train_slice()
    assert trainer.step_count > step
    assert abs(trainer.network.params[0] - 3.0) < 1.0  # moved by the steps since, from 3


# -- values typed as text ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a number"),
        ("abc", "“abc” is not a number"),
        ("nan", "not NaN or infinity"),
        ("-inf", "not NaN or infinity"),
        (f"{VALUE_LIMIT * 10:g}", "Keep it between"),
    ],
)
def test_text_that_is_not_a_usable_value_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(text)


def test_numbers_may_use_the_true_minus_sign() -> None:
    assert parse_value(" −0.25 ") == -0.25
    assert parse_value("1e-3") == 0.001


def test_flat_indices_follow_the_engines_layout() -> None:
    sizes = (2, 3, 1)  # W1 (2, 3) = 0..5, b1 = 6..8, W2 (3, 1) = 9..11, b2 = 12
    assert flat_index(sizes, 0, 1, 2) == 5
    assert flat_index(sizes, 0, None, 0) == 6
    assert flat_index(sizes, 1, 2, 0) == 11
    assert flat_index(sizes, 1, None, 0) == 12
    with pytest.raises(IndexError):
        flat_index(sizes, 1, 3, 0)


# -- the whole window -------------------------------------------------------------------------
@pytest.fixture
def wired(app: Assembly) -> Assembly:
    ParamWiring.of(app.controller)
    return app


def _edge_point(nv: NetworkView, layer: int, k: int) -> QPointF:
    """A point on edge k of a layer where a hit test finds that edge and no other."""
    edges = nv.edge_layer(layer)
    for sample in (8, 6, 10, 4, 12, 5, 11, 7, 9):
        x, y = edges.points[k, sample]
        if edges.nearest(x, y) == k and nv.overlays.bias_badges.hit(x, y) is None:
            return QPointF(x, y)
    raise AssertionError(f"edge {k} of layer {layer} has no point of its own")


def _click(qtbot, nv: NetworkView, scene_point: QPointF) -> None:
    pos = nv.graphics_view.mapFromScene(scene_point)
    qtbot.mouseClick(nv.graphics_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _type(qtbot, nv: NetworkView, text: str) -> None:
    field = nv.overlays.editor.field
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # the test's key events are Latin-1 only: the true minus sign is pasted in
        field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _undo(qtbot, app: Assembly, redo: bool = False) -> None:
    window = app.window
    window.activateWindow()
    window.setFocus()
    mods = Qt.KeyboardModifier.ControlModifier
    if redo:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, mods)


def _shown(app: Assembly, index: int) -> float:
    return float(app.controller.runs.active_run.last.params[index])


def test_click_an_edge_type_a_value_and_undo_it(qtbot, wired: Assembly) -> None:
    c, nv = wired.controller, wired.window.network_view
    sizes = c.runs.active_run.last.sizes
    edges = nv.edge_layer(1)
    k = len(edges.ij) - 1
    i, j = (int(v) for v in edges.ij[k])
    index = sizes[0] * sizes[1] + sizes[1] + i * sizes[2] + j  # W2[i, j] after W1 and b1
    old = _shown(wired, index)
    _click(qtbot, nv, _edge_point(nv, 1, k))
    editor = nv.overlays.editor
    assert editor.isVisible()
    assert f"layer 1 #{i + 1} → layer 2 #{j + 1}" in editor.caption.text()
    assert parse_value(editor.field.text()) == pytest.approx(old, abs=1e-5)
    _type(qtbot, nv, "0.75")
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: _shown(wired, index) == 0.75, timeout=TIMEOUT)
    assert c.unsaved
    _undo(qtbot, wired)
    qtbot.waitUntil(lambda: _shown(wired, index) == old, timeout=TIMEOUT)
    _undo(qtbot, wired, redo=True)
    qtbot.waitUntil(lambda: _shown(wired, index) == 0.75, timeout=TIMEOUT)


def test_bad_text_is_refused_with_a_message_and_changes_nothing(qtbot, wired: Assembly) -> None:
    c, nv = wired.controller, wired.window.network_view
    before = np.array(c.runs.active_run.last.params)
    undo_count = c.data_model.undo_stack.count()
    _click(qtbot, nv, _edge_point(nv, 0, 0))
    editor = nv.overlays.editor
    for text, message in (("abc", "not a number"), ("nan", "NaN"), ("1e9", "Keep it between")):
        _type(qtbot, nv, text)
        assert editor.isVisible() and message in editor.message.text()
        assert editor.message.isVisible()
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert c.data_model.undo_stack.count() == undo_count
    np.testing.assert_array_equal(c.runs.active_run.last.params, before)


def test_every_bias_is_visible_and_the_output_bias_is_editable(qtbot, wired: Assembly) -> None:
    c, nv = wired.controller, wired.window.network_view
    snap = c.runs.active_run.last
    badges = nv.overlays.bias_badges
    n_columns = len(snap.sizes)
    expected = {(col, u) for col in range(1, n_columns) for u in range(snap.sizes[col])}
    assert set(badges.pills) == expected, "one pill per neuron, the output's included"
    for (col, u), value in badges.values.items():
        assert value == snap.biases()[col - 1][u]
        assert badges.pills[(col, u)].box.isVisible()
    output = badges.pills[(n_columns - 1, 0)]
    _click(qtbot, nv, output.scene_rect().center())
    assert "Bias of ŷ" in nv.overlays.editor.caption.text()
    _type(qtbot, nv, "−0.3")
    last = snap.params.size - 1  # the output bias comes last in the engine's layout
    qtbot.waitUntil(lambda: _shown(wired, last) == -0.3, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: badges.values[(n_columns - 1, 0)] == -0.3, timeout=TIMEOUT)
    assert "−0.3" in output.text.text() or "-0.3" in output.text.text()


def test_an_edit_while_training_applies_at_the_next_step(qtbot, wired: Assembly) -> None:
    c, nv = wired.controller, wired.window.network_view
    c.play()
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch):
        pass
    hidden = c.runs.active_run.last.sizes[1]
    index = flat_index(c.runs.active_run.last.sizes, 0, None, 0)  # the first hidden bias
    assert abs(_shown(wired, index)) < 2.0
    _click(qtbot, nv, nv.overlays.bias_badges.pills[(1, 0)].scene_rect().center())
    _type(qtbot, nv, "6")
    epoch = c.epoch
    qtbot.waitUntil(lambda: abs(_shown(wired, index) - 6.0) < 1.0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: c.epoch > epoch + 1, timeout=TIMEOUT)
    assert c.running and abs(_shown(wired, index) - 6.0) < 2.0, "training went on from 6"
    assert hidden == c.runs.active_run.last.sizes[1]
    c.pause()


def test_an_edit_while_a_checkpoint_is_shown_leaves_it_for_the_live_run(
    qtbot, wired: Assembly
) -> None:
    c, nv = wired.controller, wired.window.network_view
    c.play()
    with qtbot.waitSignal(
        c.snapshot_shown, timeout=TIMEOUT, check_params_cb=lambda s: s.epoch >= 4
    ):
        pass
    c.pause()
    qtbot.waitUntil(lambda: not c.runs.active_run.last.running, timeout=TIMEOUT)
    c.scrub.move_to(0)
    qtbot.waitUntil(lambda: c.runs.active_run.last.preview_epoch == 0, timeout=TIMEOUT)
    live_epoch = c.runs.active_run.live.epoch
    _click(qtbot, nv, _edge_point(nv, 0, 0))
    _type(qtbot, nv, "1.25")
    assert c.runs.cursor is None
    i, j = (int(v) for v in nv.edge_layer(0).ij[0])
    index = flat_index(c.runs.active_run.last.sizes, 0, i, j)
    qtbot.waitUntil(lambda: _shown(wired, index) == 1.25, timeout=TIMEOUT)
    last = c.runs.active_run.last
    assert last.preview_epoch is None and last.epoch == live_epoch


def test_in_compare_mode_an_edit_changes_the_selected_run_only(qtbot, wired: Assembly) -> None:
    c, nv = wired.controller, wired.window.network_view
    with qtbot.waitSignal(c.snapshot_shown, timeout=TIMEOUT):
        assert c.comparing.start("lr=0.03,0.1")
    qtbot.waitUntil(lambda: all(r.last is not None for r in c.runs.runs), timeout=TIMEOUT)
    c.comparing.select(1)
    first, second = c.runs.runs
    index = flat_index(second.last.sizes, 0, 0, 0)
    old_first = float(first.last.params[index])
    _click(qtbot, nv, _edge_point(nv, 0, 0))
    _type(qtbot, nv, "-2.5")
    qtbot.waitUntil(lambda: float(second.last.params[index]) == -2.5, timeout=TIMEOUT)
    assert float(first.last.params[index]) == old_first
    _undo(qtbot, wired)
    qtbot.waitUntil(lambda: float(second.last.params[index]) != -2.5, timeout=TIMEOUT)
    assert float(first.last.params[index]) == old_first
