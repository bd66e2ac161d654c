"""Lesson folders: what a valid one holds, and a clear error, naming the file, for each fault."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from playground.core.lesson_files import MAX_LESSON_BYTES, LessonError, read_lesson
from playground.core.lesson_goals import LOCKABLE
from playground.core.lesson_text import LANGUAGES, split_steps
from playground.core.lessons import (
    check_lesson,
    lesson_folder,
    lesson_names,
    list_lessons,
    load_lesson,
)
from playground.core.settings import SETTINGS

VALID: dict[str, Any] = {
    "format": "mlp-playground-lesson",
    "version": 1,
    "title": {"en": "Tiny", "zh": "小"},
    "data": {"preset": "gaussian", "points": 40, "seed": 1, "test_ratio": 0.5},
    "model": {"hidden": [3], "activations": ["tanh"], "seed": 2},
    "train": {"learning_rate": 0.1, "batch_size": 5},
    "compare": "lr=0.1,0.3",
    "variants": [{"label": "wide", "model": {"hidden": [6]}}],
    "epochs": 5,
    "claim": {
        "text": {"en": "Gaussian blobs are easy.", "zh": "高斯团很容易分开。"},
        "terms": [{"run": "lr=0.3", "measure": "test_accuracy", "op": ">=", "value": 0.9}],
    },
    "goals": [{"measure": "test_loss", "op": "<=", "value": 0.1}],
    "locks": ["hidden", "data"],
}


def write(folder: Path, lesson: Any, languages: tuple[str, ...] = LANGUAGES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = lesson if isinstance(lesson, str) else json.dumps(lesson)
    (folder / "lesson.json").write_text(text, encoding="utf-8")
    for code in languages:
        (folder / f"{code}.md").write_text(f"# Tiny\n\nIntro.\n\n## Step\n\nPress {code}.\n")
    return folder


def changed(path: str, value: Any) -> dict[str, Any]:
    """VALID with the value at ``path`` (keys separated by '.', list indexes as numbers)."""
    lesson = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node: Any = lesson
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return lesson


DELETE = object()


def test_a_valid_lesson_reads_whole(tmp_path: Path) -> None:
    lesson = read_lesson(write(tmp_path / "07-tiny", VALID))
    assert (lesson.name, lesson.order) == ("tiny", 7)
    assert lesson.title == {"en": "Tiny", "zh": "小"} and lesson.title_in("zh") == "小"
    assert lesson.text_in("zh").endswith("Press zh.\n")
    assert lesson.model_config.hidden == (3,) and lesson.model_config.task == "binary"
    assert lesson.model_config.loss == "binary_cross_entropy"  # the task's usual loss
    assert lesson.train_config.learning_rate == 0.1 and lesson.train_config.batch_size == 5
    assert [r.label for r in lesson.runs()] == ["lr=0.1", "lr=0.3", "wide"]
    assert lesson.runs()[2].model_config.hidden == (6,)
    assert lesson.runs()[2].train_config == lesson.train_config
    assert lesson.locks == ("hidden", "data") and lesson.goals[0].value == 0.1
    assert check_lesson(lesson).holds


def test_a_lesson_of_written_out_points(tmp_path: Path) -> None:
    x = [[-2.0, -2.0], [-1.5, -2.5], [2.0, 2.0], [2.5, 1.5], [-2.0, -1.0], [1.0, 2.0]]
    data = {"x": x, "y": [0, 0, 1, 1, 0, 1], "test": [False] * 4 + [True] * 2}
    lesson = read_lesson(write(tmp_path / "inline", changed("data", data)))
    dataset = lesson.data.make()
    np.testing.assert_array_equal(dataset.x, x)
    assert dataset.is_test.tolist() == data["test"] and dataset.task == "binary"
    assert lesson.order == 0 and lesson.name == "inline"
    regression = changed("data", {"x": x, "y": [1, 2, 3, 4, 5, 6], "task": "regression"})
    regression["claim"]["terms"][0]["op"] = ">"
    regression["claim"]["terms"][0]["value"] = -100
    assert read_lesson(write(tmp_path / "regr", regression)).model_config.task == "regression"


BAD = [
    ("colour", "blue", "unknown key 'colour'"),
    ("format", "other", '"format": "mlp-playground-lesson"'),
    ("model.width", 3, "model has unknown key 'width'"),
    ("model.task", "regression", "model has unknown key 'task'"),
    ("model.hidden", [0], "model.hidden: every hidden layer needs at least one unit"),
    ("model.activations", ["tanh", "tanh"], "model: 1 hidden layers but 2 activations"),
    ("model.activations", ["swish"], "model.activations: unknown activations entry 'swish'"),
    ("model.loss", "mse", "loss 'mse' does not fit a binary task"),
    ("train.learning_rate", -1, "train.learning_rate: learning rate must be in"),
    ("train.batch_size", 2.5, "train.batch_size: batch size must be a whole number"),
    ("train.nesterov", "yes", "train.nesterov: nesterov must be True or False"),
    ("data.preset", "donut", "data.preset must be one of"),
    ("data.points", 0, "data.points must be a whole number in 1..100000"),
    ("data.noise", 2, r"data.noise must be in \[0, 1\]"),
    ("data.options", {"arms": 3}, "data.options: preset 'gaussian' has no option 'arms'"),
    ("compare", "lr=0.1", "compare: compare lr needs 2 to 4 values"),
    ("compare", "colour=red,blue", "compare: cannot compare 'colour'"),
    ("epochs", -1, "epochs must be a whole number in 0..5000"),
    ("title.zh", DELETE, "title has no 'zh' text"),
    ("title.fr", "Petit", "title has unknown language 'fr'"),
    ("claim.terms", [], "claim.terms must be a non-empty list"),
    ("claim.terms.0.measure", "accuracy", "claim.terms\\[0\\].measure 'accuracy' is unknown"),
    ("claim.terms.0.op", "=>", "claim.terms\\[0\\].op '=>' is unknown"),
    ("claim.terms.0.run", "lr=9", "claim.terms\\[0\\].run must name a run: one of lr=0.1, lr=0.3"),
    ("claim.terms.0.than", {"run": "wide"}, "exactly one of 'value' and 'than'"),
    ("claim.text", DELETE, "claim.text must be an object of texts"),
    ("goals.0.measure", "grad_ratio_start", "goals\\[0\\]: a goal's measure 'grad_ratio_start'"),
    ("goals.0.op", "~", "goals\\[0\\]: a goal's op '~' is unknown"),
    ("goals.0.value", "low", "goals\\[0\\]: a goal's value must be a finite number"),
    ("locks", ["colour"], "locks: 'colour' names no setting"),
    ("locks", ["hidden", "hidden"], "locks: a setting is listed twice"),
    ("variants.0.label", "lr=0.1", "variants\\[0\\].label must be a new run name"),
    ("variants.0.model.hidden", [2, 2], "variants\\[0\\].model: 2 hidden layers but 1"),
    ("show", ["movie"], "show: no exhibit 'movie'"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_value_names_the_file_and_the_key(
    tmp_path: Path, path: str, value: Any, message: str
) -> None:
    folder = write(tmp_path / "01-bad", changed(path, value))
    with pytest.raises(LessonError, match=message) as caught:
        read_lesson(folder)
    assert str(caught.value).startswith(f"{folder / 'lesson.json'}: ")


def test_a_missing_language_file_is_named(tmp_path: Path) -> None:
    folder = write(tmp_path / "02-half", VALID, languages=("en",))
    with pytest.raises(LessonError, match=re.escape(f"{folder / 'zh.md'}: the file is missing")):
        read_lesson(folder)


def test_files_that_are_not_json_or_too_large_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match=r"lesson\.json: the lesson is not valid JSON"):
        read_lesson(write(tmp_path / "broken", "{"))
    with pytest.raises(LessonError, match="not valid JSON"):
        read_lesson(write(tmp_path / "nan", json.dumps(VALID).replace("0.9", "NaN")))
    big = write(tmp_path / "big", VALID)
    (big / "lesson.json").write_text(" " * (MAX_LESSON_BYTES + 1))
    with pytest.raises(LessonError, match=f"larger than {MAX_LESSON_BYTES} bytes"):
        read_lesson(big)
    with pytest.raises(LessonError, match="named like 01-hidden-layer"):
        read_lesson(write(tmp_path / "Bad Name", VALID))


def test_written_out_points_are_checked(tmp_path: Path) -> None:
    cases = [
        ({"x": [[0, 0]], "y": [0, 1]}, "data.x and data.y must be lists of the same length"),
        ({"x": [[0, 0, 0]], "y": [0]}, r"data.x must be a list of \[x1, x2\] pairs"),
        ({"x": [[0, "a"]], "y": [0]}, "data.x must hold numbers only"),
        ({"x": [[0, 0], [1, 1]], "y": [0, 1], "test": [True]}, "data.test must be one"),
        ({"x": [[0, 0], [1, 1]], "y": [0, -1]}, "data: class labels must be 0..7"),
    ]
    for i, (data, message) in enumerate(cases):
        with pytest.raises(LessonError, match=message):
            read_lesson(write(tmp_path / f"p{i}", changed("data", data)))


def test_two_lessons_of_one_name_and_unknown_names(tmp_path: Path) -> None:
    write(tmp_path / "01-same", VALID)
    write(tmp_path / "02-other", VALID)
    assert lesson_names(tmp_path) == ("same", "other")
    assert [lesson.name for lesson in list_lessons(tmp_path)] == ["same", "other"]
    with pytest.raises(LessonError, match="no lesson 'nope'; the lessons are same, other"):
        load_lesson("nope", tmp_path)
    write(tmp_path / "03-same", VALID)
    with pytest.raises(LessonError, match="two lessons are named 'same'"):
        list_lessons(tmp_path)


# -- the built-in lessons ------------------------------------------------------------------
@pytest.mark.parametrize("name", lesson_names())
def test_built_in_lesson_texts_are_steps_in_every_language(name: str) -> None:
    lesson = load_lesson(name)
    for code in LANGUAGES:
        text = lesson.text_in(code)
        assert text.startswith(f"# {lesson.title[code]}\n"), f"{name}/{code}.md: title line"
        steps = split_steps(text)
        assert len(steps) >= 4 and steps[0].title == "", f"{name}/{code}.md: intro and steps"
        assert all(step.title and len(step.body) > 40 for step in steps[1:])
        chinese = len(re.findall(r"[\u4e00-\u9fff]", text))
        assert (chinese > 100) if code == "zh" else (chinese == 0), f"{name}/{code}.md"
    en, zh = split_steps(lesson.text_in("en")), split_steps(lesson.text_in("zh"))
    assert len(en) == len(zh), f"{name}: the translations have as many steps"


@pytest.mark.parametrize("name", lesson_names())
def test_built_in_lessons_use_rule_book_names(name: str) -> None:
    raw = json.loads((next(lesson_folder().glob(f"*-{name}")) / "lesson.json").read_text())
    for section in ("model", "train"):
        assert set(raw.get(section, {})) <= set(SETTINGS)
    assert set(raw.get("locks", [])) <= set(LOCKABLE)
