"""Runs that differ in several settings at once: the command line, the window, a session."""

from __future__ import annotations

from playground.app.assembly import Assembly
from playground.app.launch import parse_args
from playground.core.compare import parse_compare
from playground.core.sessions import load_session

TIMEOUT = 30_000
SETTINGS = ("activation=sigmoid,relu", "init=xavier_normal,he_normal")


def test_the_window_compares_runs_that_differ_in_two_settings(qtbot, make_app, tmp_path) -> None:
    args = parse_args([arg for spec in SETTINGS for arg in ("--compare", spec)])
    assert args.compare == parse_compare(list(SETTINGS))
    first: Assembly = make_app()
    c = first.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start(args.compare)
    assert [run.label for run in c.runs.runs] == [
        "activation=sigmoid, init=xavier_normal",
        "activation=relu, init=he_normal",
    ]
    configs = [run.spec.model_config for run in c.runs.runs]
    assert [(m.activations[0], m.init) for m in configs] == [
        ("sigmoid", "xavier_normal"),
        ("relu", "he_normal"),
    ]
    path = tmp_path / "several.mlps"
    first.files.dialogs.next_save = str(path)
    first.window.menu_actions["save_session_as"].trigger()
    assert load_session(path).compare == {
        "key": "activation",
        "values": ["sigmoid", "relu"],
        "also": [{"key": "init", "values": ["xavier_normal", "he_normal"]}],
    }
    second = make_app(session_path=str(path))
    assert second.controller.runs.compare == args.compare
    assert [r.label for r in second.controller.runs.runs] == [r.label for r in c.runs.runs]


def test_a_live_change_of_either_compared_setting_goes_to_the_selected_run_only(
    qtbot, app: Assembly
) -> None:
    c = app.controller
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        assert c.comparing.start(["lr=0.03,0.1", "batch=10,20"])
    shown = c.shown_configs()[1]
    c.set_train_config(shown.with_changes(learning_rate=0.5, batch_size=5, l2=0.001))
    first, second = (run.spec.train_config for run in c.runs.runs)
    assert (first.learning_rate, first.batch_size) == (0.5, 5)
    assert (second.learning_rate, second.batch_size) == (0.1, 20)
    assert first.l2 == second.l2 == 0.001
