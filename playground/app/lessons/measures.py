"""A lesson in the window: its language, the figures its goals are measured on, its session.

:func:`current_language` picks the lessons' language the window speaks;
:func:`figures_of` fills the core's figures from the active run;
:func:`lesson_session` turns a built-in lesson into the session the window applies.

The window starts without importing :mod:`playground.core.lessons` (reading and checking
lessons takes modules it needs only once a lesson is listed, opened or saved): the
functions that need it import it when they run.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from playground.app import i18n
from playground.core.config import DEFAULT_LOSS
from playground.core.lesson_goals import FIGURES, figures_from
from playground.core.lesson_text import DEFAULT_LANGUAGE, LANGUAGES
from playground.core.sessions import Session
from playground.core.settings import AUTO_LOSS

if TYPE_CHECKING:
    from playground.app.controller import Controller
    from playground.core.lessons import Lesson

HISTORY_NAMES = ("train_loss", "test_loss", "train_metric", "test_metric")


def current_language() -> str:
    """The lessons' language the window speaks now (``zh`` for 简体中文; English otherwise)."""
    code = i18n.current_language().split("_")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def figures_of(controller: Controller) -> dict[str, float]:
    """The figures goals are measured on: the active run's settings and its latest epoch.

    Parameters
    ----------
    controller : Controller
        The window's controller.

    Returns
    -------
    dict of str to float
        As :func:`~playground.core.lessons.figures_from` fills it; the losses and
        accuracies are NaN before the first epoch is measured.
    """
    run = controller.runs.active_run
    history = run.history
    last = {n: float(history.column(n)[-1]) if len(history) else math.nan for n in HISTORY_NAMES}
    live = run.live
    return figures_from(
        run.spec.model_config,
        live.epoch if live is not None else 0,
        last["train_loss"],
        last["test_loss"],
        last["train_metric"],
        last["test_metric"],
        run.diverged_at is not None,
    )


def figure_text(value: float | None, measure: str) -> str:
    """A figure as the panel shows it: a count whole, else 3 significant digits; "" for none."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{int(value)}" if FIGURES[measure].whole else f"{value:.3g}"


def lesson_session(lesson: Lesson, language: str = DEFAULT_LANGUAGE) -> Session:
    """A session of one run on the lesson's data and base settings, carrying its metadata.

    The comparison, if the lesson has one, is started from these base settings once the
    session is applied (see :meth:`~playground.app.lesson_wiring.LessonWiring.open_lesson`).
    """
    from playground.core.lessons import lesson_meta, meta_to_session  # not needed at start

    model, data = lesson.model_config, lesson.data
    extras: dict[str, object] = {
        "loss_choice": AUTO_LOSS if model.loss == DEFAULT_LOSS[model.task] else model.loss,
        "test_ratio": data.test_ratio,
    }
    if data.preset is not None:
        extras["generator"] = [data.preset, data.points, data.noise, data.seed]
        extras["generator_options"] = dict(data.options)  # the Arms box shows the lesson's 3
    return Session(
        dataset=data.make(),
        model_config=model,
        train_config=lesson.train_config,
        extras=extras,
        lesson=meta_to_session(lesson_meta(lesson), language),
    )
