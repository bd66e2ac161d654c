"""Open the window: ``python main.py [--preset NAME] [--session FILE] [--play]``.

``--screenshot FILE --after-epochs N`` trains N epochs, saves a PNG of the
whole window and exits; the README images and the tests use it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from playground.app.resources import resource_folder
from playground.core.presets import PRESETS

if TYPE_CHECKING:
    from playground.app.assembly import Assembly

RESOURCES = resource_folder()
APP_NAME = "MLP Playground"
SWITCH_INTERVAL_S = 0.002


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the window's command line."""
    parser = argparse.ArgumentParser(
        prog="mlp-playground",
        description="Open MLP Playground. Headless commands: 'train' and 'predict' (see --help).",
    )
    parser.add_argument("--preset", choices=list(PRESETS), help="open on this preset dataset")
    parser.add_argument("--session", type=Path, help="open a saved session (.mlps)")
    parser.add_argument("--play", action="store_true", help="start training right away")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    parser.add_argument(
        "--after-epochs",
        type=int,
        default=0,
        metavar="N",
        help="train N epochs before --screenshot",
    )
    parser.add_argument("--hidden", help="hidden layer widths, e.g. 8,8,8 (0 for none)")
    parser.add_argument("--activation", help="one activation for all hidden layers, or one each")
    parser.add_argument("--features", help="input features, e.g. x1,x2,x1^2,sin_x1")
    parser.add_argument("--lr", type=float, help="learning rate")
    parser.add_argument("--size", default="1280x800", help="window size WxH (default 1280x800)")
    parser.add_argument("--fresh", action="store_true", help="ignore the remembered layout")
    args = parser.parse_args(list(argv))
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1280x800, got {args.size!r}")
    args.size = (width, height)
    from playground.cli import CliError

    try:
        args.model_changes = _model_changes(args)
    except (ValueError, CliError) as exc:
        parser.error(str(exc))
    if args.after_epochs < 0:
        parser.error("--after-epochs cannot be negative")
    return args


def _model_changes(args: argparse.Namespace) -> dict[str, object]:
    """ModelConfig fields given on the command line (validated here, applied after start)."""
    from playground.cli import parse_activations, parse_hidden
    from playground.core.features import parse_features

    changes: dict[str, object] = {}
    if args.hidden is not None:
        changes["hidden"] = parse_hidden(args.hidden)
    if args.activation is not None or "hidden" in changes:
        hidden = changes.get("hidden")
        n = len(hidden) if isinstance(hidden, tuple) else None
        if args.activation is None:
            changes["activations"] = ("tanh",) * (n or 0)
        else:
            changes["activations"] = parse_activations(args.activation, n if n is not None else 2)
            if n is None:
                raise ValueError("--activation needs --hidden")
    if args.features is not None:
        changes["features"] = parse_features(args.features)
    return changes


def application(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication, created once with the app's style.

    Also shortens the interpreter's thread switch interval (5 ms by default): when the
    GUI thread needs the interpreter lock while training runs, it waits for it up to
    that long, and every timer and input event pays the wait.
    """
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setStyle("Fusion")
    style = RESOURCES / "styles" / "app.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = RESOURCES / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def launch(argv: Sequence[str]) -> int:
    """Run the window until it closes; return the exit code."""
    args = parse_args(argv)
    app = application()
    from playground.app.assembly import assemble

    settings = None if (args.fresh or args.screenshot) else QSettings()
    parts = assemble(settings)
    window, controller = parts.window, parts.controller
    window.resize(*args.size)
    try:
        parts.open(preset=args.preset, session_path=args.session)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        controller.shutdown()
        return 2
    if args.model_changes:
        controller.configure("settings from the command line", **args.model_changes)
        window.hide_banner()
    if args.lr is not None:
        try:
            controller.set_train_config(controller.train_config.with_changes(learning_rate=args.lr))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            controller.shutdown()
            return 2
        window.hyper_panel.set_train_config(controller.train_config)
    window.show()
    if args.screenshot is not None:
        return _screenshot(app, parts, args.screenshot, args.after_epochs)
    if args.play:
        QTimer.singleShot(0, controller.play)
    return app.exec()


def _screenshot(app: QApplication, parts: Assembly, path: Path, epochs: int) -> int:
    """Train ``epochs`` epochs, then save the window as a PNG and quit."""
    from playground.app.panels.transport import StopConditions

    controller, window = parts.controller, parts.window
    result = {"code": 1}

    def on_snapshot(snap: object) -> None:
        if snap.epoch >= epochs and not snap.running:  # type: ignore[attr-defined]
            controller.snapshot_shown.disconnect(on_snapshot)
            QTimer.singleShot(150, grab)

    def grab() -> None:
        app.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(path))
        result["code"] = 0 if ok else 1
        if not ok:
            print(f"error: could not write {path}", file=sys.stderr)
        window.close()

    controller.snapshot_shown.connect(on_snapshot)
    if epochs > 0:
        controller.set_stop_conditions(StopConditions(max_epochs=epochs))
        QTimer.singleShot(0, controller.play)
    QTimer.singleShot(120_000, window.close)  # never hang
    app.exec()
    return result["code"]
