"""Command-line entry: ``python -m playground [train|predict|lesson|app] ...``.

With no sub-command (or only window options such as ``--preset``) the window
opens; ``train``, ``predict`` and ``lesson`` run headless and never import Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

HEADLESS = ("train", "predict", "lesson")


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the headless CLI or the window; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "lesson":
        from playground.cli_lesson import run_lesson_cli

        return run_lesson_cli(args[1:])
    if args and args[0] in HEADLESS:
        from playground.cli import run_cli

        return run_cli(args)
    if args and args[0] == "app":
        args = args[1:]
    from playground.app.launch import launch

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
