"""The README's commands run as written, and its console examples print what it says.

Every ``console`` block is replayed in a scratch folder that holds ``main.py`` and a
``.venv/bin/python`` (this interpreter), so the commands run letter for letter; the
output must match the README's, numbers to nine significant digits. The ``bash``
blocks (which open the window, set up or benchmark) are checked for what a fresh
clone needs: only ``bash run.sh`` and ``.venv/bin/...`` commands, and every file
they read exists.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
COMMAND_PREFIXES = ("bash run.sh", ".venv/bin/python ", ".venv/bin/pip ", "printf ")
#: Options whose value is a file the command reads, so it must exist in a fresh clone.
READS = ("--session", "--data", "--test-data", "--weights")


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == language]


def commands(body: str, prompt: str = "") -> list[tuple[str, list[str]]]:
    """(command, output lines) pairs; ``\\``-continued lines join the command."""
    result: list[tuple[str, list[str]]] = []
    lines = iter(body.splitlines())
    for line in lines:
        if prompt and not line.startswith(prompt):
            if result:
                result[-1][1].append(line)
            continue
        command = line[len(prompt) :]
        while command.endswith("\\"):
            command = command[:-1] + next(lines).strip()
        command = re.sub(r"\s+#.*$", "", command).strip()  # a trailing comment
        if command:
            result.append((command, []))
    return result


def same_value(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return a == b


def same_line(got: str, want: str) -> bool:
    if want.startswith("{"):
        return same_value(json.loads(got), json.loads(want))
    cells_got, cells_want = got.split(","), want.split(",")
    if len(cells_got) != len(cells_want):
        return False
    for g, w in zip(cells_got, cells_want):
        try:
            if not math.isclose(float(g), float(w), rel_tol=1e-9, abs_tol=1e-12):
                return False
        except ValueError:
            if g != w:
                return False
    return True


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A folder where ``main.py`` and ``.venv/bin/python`` are what a set-up clone has."""
    (tmp_path / "main.py").symlink_to(ROOT / "main.py")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    return tmp_path


def test_console_examples_print_what_the_readme_shows(scratch: Path) -> None:
    examples = [pair for body in blocks("console") for pair in commands(body, "$ ")]
    assert len(examples) >= 4
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for command, want in examples:
        assert command.startswith(COMMAND_PREFIXES), f"needs a set-up step or a path: {command}"
        done = subprocess.run(
            command, shell=True, cwd=scratch, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        got = done.stdout.splitlines()
        assert len(got) == len(want), f"{command}\nREADME: {want}\nnow:    {got}"
        for g, w in zip(got, want):
            assert same_line(g, w), f"{command}\nREADME: {w}\nnow:    {g}"


def test_shell_commands_run_on_a_fresh_clone() -> None:
    shown = [command for body in blocks("bash") for command, _ in commands(body)]
    assert "bash run.sh" in shown and "bash run.sh test" in shown
    for command in shown:
        assert command.startswith(COMMAND_PREFIXES), f"needs a set-up step or a path: {command}"
        words = shlex.split(command)
        for option, value in itertools.pairwise(words):
            if option in READS:
                assert (ROOT / value).is_file(), f"{command} reads {value}, which is missing"


def test_quickstart_is_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    body = BLOCK.search(quickstart)
    assert body is not None
    assert [c for c, _ in commands(body.group(2))] == ["bash run.sh", "bash run.sh test"]


def test_the_example_session_opens() -> None:
    from playground.core.sessions import load_session

    session = load_session(ROOT / "resources" / "examples" / "xor.mlps")
    assert session.epoch == 150 and len(session.dataset) == 200
    assert session.model is not None and session.model_config.features == ("x1", "x2", "x1x2")
