"""Challenges: live figures, goals and their states, goals made from figures, locks, metadata."""

from __future__ import annotations

import math

import pytest

from playground.core.config import ModelConfig
from playground.core.lesson_goals import (
    FIGURES,
    LOCKABLE,
    Goal,
    check_locks,
    figures_from,
    goal_states,
    goals_from_figures,
    holds,
)
from playground.core.lesson_text import split_steps, text_for, texts_from
from playground.core.lessons import (
    LessonMeta,
    lesson_meta,
    load_lesson,
    make_challenge,
    meta_from_session,
    meta_to_session,
)
from playground.core.sessions_v2_meta import check_lesson
from playground.core.settings import SETTINGS

CONFIG = ModelConfig(features=("x1", "x2", "x1^2"), hidden=(4, 3), activations=("tanh", "relu"))


def test_figures_from_fills_every_figure() -> None:
    figures = figures_from(CONFIG, 12, 0.25, 0.4, 0.9, 0.85)
    assert set(figures) == set(FIGURES)
    assert figures["epoch"] == 12 and figures["hidden_units"] == 7 and figures["layers"] == 2
    assert figures["inputs"] == 3 and figures["diverged"] == 0
    assert figures["loss_gap"] == pytest.approx(0.15)
    assert figures["accuracy_gap"] == pytest.approx(0.05)
    empty = figures_from(ModelConfig(hidden=(), activations=()), 0, 0.7, math.nan, 0.5, math.nan,
                         diverged=True)  # fmt: skip
    assert empty["hidden_units"] == 0 and empty["diverged"] == 1 and math.isnan(empty["loss_gap"])


def test_goal_states_follow_the_figures() -> None:
    goals = (
        Goal("test_loss", "<=", 0.1),
        Goal("hidden_units", "<=", 4),
        Goal("test_accuracy", ">=", 0.95),
    )
    figures = figures_from(CONFIG, 50, 0.05, 0.08, 0.97, 0.9)
    states = goal_states(goals, figures)
    assert [s.reached for s in states] == [True, False, False]
    assert [s.value for s in states] == [0.08, 7.0, 0.9]
    missing = goal_states(goals[:1], {})[0]
    assert missing.value is None and not missing.reached
    nan = goal_states(goals[:1], {"test_loss": math.nan})[0]
    assert not nan.reached  # a NaN reaches nothing


@pytest.mark.parametrize(
    ("value", "op", "target", "expected"),
    [(1.0, "<", 2.0, True), (2.0, "<", 2.0, False), (2.0, "<=", 2.0, True),
     (3.0, ">", 2.0, True), (2.0, ">=", 2.0, True), (1.0, "==", 1.0, True),
     (1.0, "!=", 1.0, False), (math.nan, "!=", 1.0, False), (math.inf, ">", 1.0, True)],
)  # fmt: skip
def test_holds(value: float, op: str, target: float, expected: bool) -> None:
    assert holds(value, op, target) is expected


def test_goals_from_figures_point_the_right_way_and_stay_reached() -> None:
    figures = {"test_loss": 0.10234, "test_accuracy": 0.98765, "hidden_units": 4.0}
    goals = goals_from_figures(figures, ["test_loss", "test_accuracy", "hidden_units"])
    assert [(g.measure, g.op, g.value) for g in goals] == [
        ("test_loss", "<=", 0.103), ("test_accuracy", ">=", 0.987), ("hidden_units", "<=", 4.0),
    ]  # fmt: skip
    assert all(state.reached for state in goal_states(goals, figures))
    assert (
        goals[0].describe() == "test loss ≤ 0.103" and goals[2].describe("zh") == "隐藏单元数 ≤ 4"
    )
    exact = goals_from_figures(
        {"test_loss": 0.1, "train_accuracy": 0.7}, ["test_loss", "train_accuracy"]
    )
    assert [g.value for g in exact] == [0.1, 0.7]  # already 3 digits: kept as they are
    with pytest.raises(ValueError, match="no figure 'loss'"):
        goals_from_figures(figures, ["loss"])
    with pytest.raises(ValueError, match="has no value to aim for yet"):
        goals_from_figures({"test_loss": math.nan}, ["test_loss"])


def test_goals_are_checked_and_round_trip() -> None:
    goal = Goal("test_loss", "<=", 0.1, {"en": "Reach 0.1", "zh": "达到 0.1"})
    assert Goal.from_dict(goal.to_dict()) == goal and goal.describe("zh") == "达到 0.1"
    for data, message in [
        ({"measure": "loss", "op": "<=", "value": 1}, "not a figure"),
        ({"measure": "test_loss", "op": "=<", "value": 1}, "op '=<' is unknown"),
        ({"measure": "test_loss", "op": "<=", "value": math.inf}, "finite number"),
        ({"measure": "test_loss", "op": "<=", "value": True}, "finite number"),
        ({"measure": "test_loss", "op": "<="}, "a goal needs 'value'"),
        ({"measure": "test_loss", "op": "<=", "value": 1, "why": 2}, "unknown key 'why'"),
        ({"measure": "test_loss", "op": "<=", "value": 1, "text": {"fr": "x"}}, "'fr'"),
        ([1], "must be an object"),
    ]:
        with pytest.raises(ValueError, match=message):
            Goal.from_dict(data)


def test_locks_name_rule_book_settings_or_data() -> None:
    assert set(LOCKABLE) == {*SETTINGS, "data"}
    assert check_locks(["learning_rate", "data"]) == ("learning_rate", "data")
    with pytest.raises(ValueError, match="'lr' names no setting; choose from features"):
        check_locks(["lr"])
    with pytest.raises(ValueError, match="must be a list"):
        check_locks("hidden")


def test_a_challenge_round_trips_through_session_metadata() -> None:
    goals = goals_from_figures({"test_loss": 0.1, "hidden_units": 4}, ["test_loss", "hidden_units"])
    meta = make_challenge("Few units", "# Few units\n\n## Go\n\nTrain.", goals, ["hidden"], "en")
    data = meta_to_session(meta)
    assert check_lesson(data, 8) is data  # what every session reader checks
    assert data["title"] == "Few units" and data["locks"] == ["hidden"]
    assert meta_from_session(data) == meta
    # the metadata of a file written before lessons had languages and locks
    old = meta_from_session({"title": "Momentum", "text": "Watch the curves.", "goals": []})
    assert old == LessonMeta({"en": "Momentum"}, {"en": "Watch the curves."})
    with pytest.raises(ValueError, match="names no setting"):
        make_challenge("T", "", [], ["colour"])
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        make_challenge("T", "", [], [], "fr")


def test_a_lesson_metadata_keeps_both_languages() -> None:
    lesson = load_lesson("overfitting")
    zh = meta_to_session(lesson_meta(lesson), "zh")
    assert zh["title"] == "过拟合" and zh["text"] == lesson.text["zh"]
    assert zh["texts"] == lesson.text and zh["name"] == "overfitting"
    assert len(zh["goals"]) == 2


def test_texts_and_steps() -> None:
    assert text_for({"en": "Hi", "zh": "你好"}, "zh") == "你好"
    assert text_for({"en": "Hi"}, "zh") == "Hi" and text_for({}, "zh") == ""
    assert texts_from("Only English", "title", complete=False) == {"en": "Only English"}
    with pytest.raises(ValueError, match="title has no 'zh' text"):
        texts_from({"en": "Hi"}, "title")
    with pytest.raises(ValueError, match="non-empty"):
        texts_from({"en": " ", "zh": "x"}, "title")
    steps = split_steps(
        "# Title\n\nIntro text.\n\n## First\n\nDo this.\n\n## Second ##\n\nThen that."
    )
    assert [(s.title, s.body) for s in steps] == [
        ("", "Intro text."), ("First", "Do this."), ("Second", "Then that."),
    ]  # fmt: skip
    assert split_steps("## Only\n\nA step.") == split_steps("# T\n## Only\nA step.")
