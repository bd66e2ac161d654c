"""``python main.py lesson``: --list, --json, --check and its exit codes, unknown names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from playground.cli_lesson import run_lesson_cli
from playground.core import lessons
from playground.core.lessons import list_lessons
from tests.core.test_lesson_files import changed, write

ROOT = Path(__file__).resolve().parents[2]


def test_list_names_every_lesson_with_title_and_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_lesson_cli(["--list"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == "" and len(lines) == len(list_lessons())
    for line, lesson in zip(lines, list_lessons()):
        assert line.startswith(lesson.name + " ")
        assert f"{lesson.title['en']}: {lesson.claim.text['en']}" in line


def test_list_json_is_one_line_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_lesson_cli(["--list", "--json", "--lang", "zh"]) == 0
    out, _ = capsys.readouterr()
    assert out.count("\n") == 1
    rows = json.loads(out)
    assert [row["name"] for row in rows] == [lesson.name for lesson in list_lessons()]
    first = list_lessons()[0]
    assert rows[0] == {"name": first.name, "order": first.order, "title": first.title["zh"],
                       "claim": first.claim.text["zh"]}  # fmt: skip


def test_check_prints_one_json_line_and_exits_0_when_the_claim_holds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_lesson_cli(["feature-engineering", "--check"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.count("\n") == 1
    result = json.loads(out)
    assert result["lesson"] == "feature-engineering" and result["holds"] is True
    assert [term["run"] for term in result["claim"]] == ["features=x1,x2",
                                                         "features=x1,x2,x1^2,x2^2"]  # fmt: skip
    for term in result["claim"]:
        assert set(term) >= {"measure", "figure", "op", "target", "holds"} and term["holds"]
    assert result["claim"][1]["figure"] >= 0.98


def test_check_exits_1_when_the_claim_does_not_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Blobs this easy are never below 60 % test accuracy: the claim is false.
    false = changed("claim.terms", [{"run": "lr=0.3", "measure": "test_accuracy", "op": "<",
                                     "value": 0.6}])  # fmt: skip
    write(tmp_path / "01-false", false)
    monkeypatch.setattr(lessons, "lesson_folder", lambda: tmp_path)
    assert run_lesson_cli(["false", "--check"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["holds"] is False and result["claim"][0]["holds"] is False
    assert result["claim"][0]["figure"] >= 0.6


def test_an_unknown_lesson_exits_2_and_lists_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_lesson_cli(["no-such-lesson", "--check"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("error: no lesson 'no-such-lesson'; the lessons are hidden-layer, ")
    for lesson in list_lessons():
        assert lesson.name in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a lesson's name, or --list"),
        (["--list", "--check"], "--list takes no lesson name"),
        (["hidden-layer", "--json"], "--json goes with --list"),
        (["hidden-layer", "--lang", "fr"], "invalid choice: 'fr'"),
    ],
)
def test_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run_lesson_cli(args) == 2
    assert message in capsys.readouterr().err


def test_a_name_alone_prints_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_lesson_cli(["hidden-layer", "--lang", "zh"]) == 0
    assert capsys.readouterr().out.startswith("# 为什么需要隐藏层\n")


def test_main_py_runs_lesson_headless_without_qt() -> None:
    script = (
        "import sys\n"
        "from playground.__main__ import main\n"
        "code = main(['lesson', '--list', '--json'])\n"
        "qt = any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)\n"
        "print('qt' if qt else 'no qt')\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows, flag = done.stdout.splitlines()
    assert flag == "no qt" and len(json.loads(rows)) == len(list_lessons())


def test_run_sh_lets_lesson_run_without_a_screen() -> None:
    text = (ROOT / "run.sh").read_text(encoding="utf-8")
    assert '" train predict lesson -h --help "' in text
