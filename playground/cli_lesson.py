"""``python main.py lesson``: list the lessons, print one, or check its claim headless.

* ``lesson --list [--json] [--lang zh]`` lists every lesson: name, title and claim
  (``--json``: one line holding a JSON array).
* ``lesson NAME [--lang zh]`` prints the lesson's text (Markdown).
* ``lesson NAME --check [--lang zh] [--engine numpy|compiled|auto]`` trains the
  lesson's runs, prints one JSON line ``{"lesson", "holds", "text", "claim": [...]}``
  with every claim term's measured figure, and exits 0 only when the claim holds
  (1 when it does not).

Bad arguments, an unknown lesson (the message lists them) or a malformed lesson
print one ``error:`` line and exit 2; when the reader of stdout goes away the
command ends quietly with 141, as Unix tools do. Never imports Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np

from playground.core.lesson_text import LANGUAGES
from playground.core.lessons import check_lesson, list_lessons, load_lesson
from playground.core.trainer import ENGINES

EXIT_HOLDS, EXIT_FAILS, EXIT_ERROR = 0, 1, 2
#: What a shell reports for a command stopped by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141


class _Error(Exception):
    """A bad argument, reported as one ``error:`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Error(message)


def build_parser() -> argparse.ArgumentParser:
    """The ``lesson`` argument parser."""
    parser = _Parser(
        prog="python main.py lesson",
        description="List the lessons, print one, or train it headless and check its claim.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="a lesson's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list the lessons: name, title, claim")
    parser.add_argument("--json", action="store_true", help="with --list: one line of JSON")
    parser.add_argument(
        "--check",
        action="store_true",
        help="train the lesson and print its measured figures against the claim as one JSON"
        " line; the exit status is 0 only when the claim holds",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the texts")
    parser.add_argument(
        "--engine", choices=ENGINES, default="numpy", help="training engine for --check"
    )
    return parser


def _list(as_json: bool, language: str) -> int:
    lessons = list_lessons()
    if as_json:
        rows = [
            {"name": lesson.name, "order": lesson.order, "title": lesson.title_in(language),
             "claim": lesson.claim_in(language)}
            for lesson in lessons
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_HOLDS
    width = max((len(lesson.name) for lesson in lessons), default=0)
    for lesson in lessons:
        print(f"{lesson.name:<{width}}  {lesson.title_in(language)}: {lesson.claim_in(language)}")
    return EXIT_HOLDS


def _run(ns: argparse.Namespace) -> int:
    if ns.list:
        if ns.name is not None or ns.check:
            raise _Error("--list takes no lesson name and no --check")
        return _list(ns.json, ns.lang)
    if ns.json:
        raise _Error("--json goes with --list (--check always prints JSON)")
    if ns.name is None:
        raise _Error("give a lesson's name, or --list to see them")
    lesson = load_lesson(ns.name)
    if not ns.check:
        print(lesson.text_in(ns.lang).rstrip())
        return EXIT_HOLDS
    engine = "compiled" if ns.engine == "auto" else ns.engine
    with np.errstate(all="ignore"):
        result = check_lesson(lesson, engine)
    print(json.dumps(result.to_dict(ns.lang), ensure_ascii=False, allow_nan=False))
    return EXIT_HOLDS if result.holds else EXIT_FAILS


def run_lesson_cli(argv: Sequence[str]) -> int:
    """Run ``lesson`` with command-line ``argv`` (without the word ``lesson``).

    Returns
    -------
    int
        0 (listed, printed, or the claim holds), 1 (the claim does not hold) or 2
        (bad arguments, an unknown or malformed lesson).
    """
    try:
        status = _run(build_parser().parse_args(list(argv)))
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader of stdout went away (... | head -1)
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        return EXIT_BROKEN_PIPE
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except (_Error, ValueError, OSError) as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_ERROR
