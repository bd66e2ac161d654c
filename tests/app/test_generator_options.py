"""A preset's options (the spiral's arms) travel with lessons and sessions into the Data dock."""

from __future__ import annotations

from playground.app.assembly import Assembly
from playground.app.lesson_wiring import open_lesson_by_name


def test_a_lesson_shows_its_presets_options_and_a_session_keeps_them(
    qtbot, make_app, tmp_path
) -> None:
    app: Assembly = make_app()
    panel = app.window.data_panel
    open_lesson_by_name(app, "softmax-multiclass")  # three arms, one class each
    assert panel.generator_options() == {"arms": 3}
    assert len(set(app.controller.data_model.dataset.y.tolist())) == 3
    path = tmp_path / "arms.mlps"
    app.files.dialogs.next_save = str(path)
    app.window.menu_actions["save_session_as"].trigger()
    again = make_app(session_path=str(path))
    assert again.window.data_panel.generator_options() == {"arms": 3}
