"""Open the window: ``python main.py [--preset NAME] [--session FILE] [--play]``.

``--screenshot FILE --after-epochs N`` trains N epochs, saves a PNG of the
whole window and exits; the README images and the tests use it. ``--lesson NAME``
opens a built-in lesson, ``--show VIEW[,VIEW]`` opens views (the lenses start
closed) and ``--lang`` picks the language.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from playground.app import gui_gc
from playground.app.i18n import LANGUAGES, install_translator
from playground.app.resources import resource_folder
from playground.core.presets import PRESETS
from playground.core.trainer import ENGINES

if TYPE_CHECKING:
    from playground.app.assembly import Assembly
    from playground.app.views.main_window import MainWindow

RESOURCES = resource_folder()
APP_NAME = "MLP Playground"
SWITCH_INTERVAL_S = 0.002
SCREENSHOT_TIMEOUT_S = 120.0
DEFAULT_SIZE = (1280, 800)
#: Exit code when --screenshot gives up (the timeout passed, or the window would not close).
TIMED_OUT = 3
WATCHDOG_GRACE_S = 15.0


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
    parser.add_argument(
        "--compare",
        action="append",
        metavar="KEY=V1,V2",
        help="open in compare mode: 2-4 runs in lock step that differ in one setting, e.g."
        " activation=tanh,relu, lr=0.03,3 or init=zeros,he_normal (once per setting to vary"
        " several together)",
    )
    parser.add_argument(
        "--lesson",
        metavar="NAME",
        help="open a built-in lesson by name or number, e.g. hidden-layer or 1",
    )
    parser.add_argument(
        "--show",
        metavar="VIEW[,VIEW]",
        help="open these views: the lenses gradients, activations, hidden-space, gallery,"
        " backprop and confusion start closed (View lists every view)",
    )
    parser.add_argument(
        "--inspect",
        type=int,
        metavar="N",
        help="trace data point N in the backprop inspector (with --show backprop)",
    )
    parser.add_argument(
        "--shade",
        type=int,
        metavar="LAYER",
        help="shade the canvas where hidden layer LAYER's units are saturated or off"
        " (opens the activation lens)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="training engine: compiled (numba, off the interpreter lock), numpy (the readable"
        " reference) or auto (NumPy until the compiled kernel has loaded; the default)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=SCREENSHOT_TIMEOUT_S,
        metavar="S",
        help=f"with --screenshot, give up after S seconds (default {SCREENSHOT_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--size", help="window size WxH (default: the remembered size, else 1280x800)"
    )
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        help="window language (default: View > Language's choice, else the system's)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="ignore the remembered layout and settings"
    )
    args = parser.parse_args(list(argv))
    if args.size is not None:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            parser.error(f"--size must look like 1280x800, got {args.size!r}")
        if width <= 0 or height <= 0:
            parser.error(f"--size must be positive, got {args.size!r}")
        args.size = (width, height)
    if not args.timeout > 0:
        parser.error("--timeout must be a positive number of seconds")
    from playground.cli import CliError

    try:
        args.model_changes = _model_changes(args)
    except (ValueError, CliError) as exc:
        parser.error(str(exc))
    if args.after_epochs < 0:
        parser.error("--after-epochs cannot be negative")
    if args.compare is not None:
        from playground.core.compare import parse_compare

        try:
            args.compare = parse_compare(args.compare)
        except ValueError as exc:
            parser.error(str(exc))
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
    gui_gc.install(app)  # cycles are collected on this thread, never on the worker's
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
    shot = args.screenshot is not None
    settings = None if (args.fresh or shot) else QSettings()
    install_translator(app, args.lang, settings)  # before any window is built
    parts = prepare(args, settings)
    if isinstance(parts, int):
        return parts
    parts.window.show()
    if shot:
        return _screenshot(app, parts, args.screenshot, args.after_epochs, args.timeout)
    if args.play:
        QTimer.singleShot(0, parts.controller.play)
    return app.exec()


def prepare(args: argparse.Namespace, settings: QSettings | None) -> Assembly | int:
    """Build the window as the command line asks, or return an exit code on bad input.

    The command line says where the user starts, so what it sets is not unsaved work:
    a window nobody has touched closes without asking.
    """
    from playground.app.assembly import assemble
    from playground.app.training.worker import TrainingWorker

    parts = assemble(settings, TrainingWorker(engine=args.engine))
    window, controller = parts.window, parts.controller
    if args.size is not None or not parts.layout_restored:
        window.resize(*(args.size or DEFAULT_SIZE))
    try:
        parts.open(preset=args.preset, session_path=args.session)
        if args.lesson is not None:
            from playground.app.lesson_wiring import open_lesson_by_name

            open_lesson_by_name(parts, args.lesson)
        if args.model_changes and not controller.configure(
            QApplication.translate("Launch", "settings from the command line"),
            **args.model_changes,
        ):
            raise ValueError(window.banner.text())
        if args.lr is not None:
            controller.set_train_config(controller.train_config.with_changes(learning_rate=args.lr))
            window.hyper_panel.set_train_config(controller.train_config)
        if args.compare is not None and not controller.comparing.start(args.compare):
            raise ValueError(window.banner.text())
        for name in _shown_views(args.show):
            window.show_view(name)
        if args.inspect is not None:
            controller.backprop.lens.set_point(args.inspect)
        if args.shade is not None:
            _shade(window, controller.model_config.activations, args.shade)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        controller.shutdown()
        window.deleteLater()
        return 2
    window.hide_banner()
    parts.files.mark_clean()
    if args.screenshot is not None:
        parts.files.ask_to_save = False  # a screenshot run never waits for an answer
    return parts


def _shade(window: MainWindow, activations: tuple[str, ...], layer: int) -> None:
    """Open the activation lens shading hidden layer ``layer`` (1 up); ValueError if none."""
    from playground.app.views.lenses.activation_lens import ActivationLens

    if not 1 <= layer <= len(activations):
        raise ValueError(f"--shade takes a hidden layer from 1 to {len(activations)}; got {layer}")
    window.show_view("lens_activations")
    lens = window.views["lens_activations"]
    assert isinstance(lens, ActivationLens)
    lens.set_overlay_layers(activations)
    lens.overlay_combo.setCurrentIndex(layer)  # the lens's intent: the canvas shades it


def _shown_views(text: str | None) -> list[str]:
    """The registry names ``--show`` asks for; ValueError naming an unknown one."""
    from playground.app.present.registry import show_names

    if text is None:
        return []
    names = show_names()
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in names]
    if unknown or not wanted:
        raise ValueError(f"--show takes views from {', '.join(sorted(names))}; got {text!r}")
    return [names[part] for part in wanted]


def _screenshot(app: QApplication, parts: Assembly, path: Path, epochs: int, timeout: float) -> int:
    """Train ``epochs`` epochs, then save the window as a PNG and quit.

    Training that stops on its own first (a divergence, say) is shown as it stopped.
    After ``timeout`` seconds the run gives up with :data:`TIMED_OUT`, whatever the
    window is doing; should even the event loop not return, a watchdog thread ends
    the process a little later.
    """
    from playground.app.views.panels.transport import StopConditions

    controller, window = parts.controller, parts.window
    result = {"code": 1}

    def on_snapshot(snap: object) -> None:
        done = snap.epoch >= epochs or snap.message is not None  # type: ignore[attr-defined]
        if done and not snap.running:  # type: ignore[attr-defined]
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
        app.quit()

    def play() -> None:
        controller.play()
        if not controller.running:  # the data cannot be trained on: show why
            controller.snapshot_shown.disconnect(on_snapshot)
            grab()

    def give_up() -> None:
        print(f"error: no screenshot after {timeout:g} s, giving up", file=sys.stderr)
        result["code"] = TIMED_OUT
        app.exit(TIMED_OUT)  # leaves every running event loop, modal ones too

    controller.snapshot_shown.connect(on_snapshot)
    if epochs > 0:
        controller.set_stop_conditions(StopConditions(max_epochs=epochs))
        QTimer.singleShot(0, play)
    guard = QTimer(window)
    guard.setSingleShot(True)
    guard.timeout.connect(give_up)
    guard.start(round(timeout * 1000))
    watchdog = threading.Timer(timeout + WATCHDOG_GRACE_S, os._exit, (TIMED_OUT,))
    watchdog.daemon = True
    watchdog.start()
    try:
        app.exec()
    finally:
        watchdog.cancel()
        guard.stop()
        controller.shutdown()
    return result["code"]
