"""A lesson as the session a window opens: its data, its runs at epoch 0, its panel.

:func:`lesson_session` builds the :class:`~playground.core.session_types.Session`
of a lesson (the one a window loads, and the one "Save as lesson..." writes with
the challenge's metadata): the lesson's points, one run per compared setting (or
the lesson's one run) with the fresh weights its check starts from, compare
mode's settings, and the panel's metadata under ``lesson``
(:func:`~playground.core.lessons.meta_to_session`).
"""

from __future__ import annotations

from typing import Any

from playground.core.lesson_text import DEFAULT_LANGUAGE
from playground.core.lesson_types import Lesson
from playground.core.lessons import lesson_meta, meta_to_session
from playground.core.model import Model
from playground.core.session_types import Session, SessionRun
from playground.core.settings import AUTO_LOSS, DEFAULT_LOSS


def lesson_session(lesson: Lesson, language: str = DEFAULT_LANGUAGE) -> Session:
    """Build the session a window opens for ``lesson``.

    Parameters
    ----------
    lesson : Lesson
        The lesson.
    language : str
        The language of the metadata's ``title`` and ``text``.

    Returns
    -------
    Session
        The lesson's points with their split; one run per compared value (labelled as
        compare mode labels them) or the lesson's one run, each with the weights its
        check starts from and no history; ``compare`` as compare mode saves it;
        ``lesson`` from :func:`~playground.core.lessons.meta_to_session`; and
        ``extras`` with the test ratio, the loss choice (``auto`` for the task's
        usual loss) and, for a preset, the generator ``[name, points, noise, seed]``
        and its options (``generator_options``, e.g. ``{"arms": 3}``).
    """
    data = lesson.data.make()
    runs = tuple(
        SessionRun(spec.label, spec.model_config, spec.train_config,
                   Model.build(spec.model_config, data.train_x))
        for spec in lesson.runs()
        if spec.compared
    )  # fmt: skip
    loss = lesson.model_config.loss
    choice = AUTO_LOSS if loss == DEFAULT_LOSS[lesson.model_config.task] else loss
    extras: dict[str, Any] = {"loss_choice": choice, "test_ratio": lesson.data.test_ratio}
    if lesson.data.preset is not None:
        spec = lesson.data
        extras["generator"] = [spec.preset, spec.points, spec.noise, spec.seed]
        extras["generator_options"] = dict(spec.options)
    compare = None
    if lesson.compare is not None:
        compare = {"key": lesson.compare.key, "values": list(lesson.compare.values)}
    meta = meta_to_session(lesson_meta(lesson), language)
    return Session.from_runs(data, runs, 0, compare, meta, extras)
