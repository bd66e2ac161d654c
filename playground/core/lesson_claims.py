"""A lesson's check: train its runs headless, measure them, and judge every claim term.

The comparison's runs train in lock step on the lesson's data, as compare mode
trains them (:mod:`playground.core.compare_run`); each variant trains on its own
data. Everything is seeded, so a check gives the same figures every time (and,
with the compiled engine, figures equal to about 1e-14).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.core.compare_run import CompareRun, advance, build_runs
from playground.core.lesson_goals import holds
from playground.core.lesson_measures import EXHIBITS, TrainedRun, measure
from playground.core.lesson_types import Claim, ClaimTerm, Lesson, RunSpec
from playground.core.model import Model
from playground.core.settings import training_data_problem
from playground.core.trainer import Trainer


@dataclass(frozen=True)
class TermResult:
    """One claim term, judged.

    Attributes
    ----------
    term : ClaimTerm
        The term.
    figure : float
        Its run's measured figure.
    target : float
        What the figure was compared with (``value``, or ``factor * other + plus``).
    other : float or None
        The other run's figure, for a term that compares two.
    holds : bool
        Whether ``figure op target`` is true (never with a NaN).
    """

    term: ClaimTerm
    figure: float
    target: float
    other: float | None
    holds: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the judged term as JSON values (non-finite numbers become None)."""
        term = self.term
        data: dict[str, Any] = {
            "run": term.run,
            "measure": term.measure,
            "figure": _json(self.figure),
            "op": term.op,
            "target": _json(self.target),
        }
        if term.than is not None:
            data["than"] = {
                "run": term.than.run,
                "measure": term.than.measure,
                "figure": _json(self.other if self.other is not None else math.nan),
                "factor": term.than.factor,
                "plus": term.than.plus,
            }
        data["holds"] = self.holds
        return data


@dataclass(frozen=True, eq=False)
class LessonCheck:
    """What a lesson's check found.

    Attributes
    ----------
    lesson : Lesson
        The lesson checked.
    terms : tuple of TermResult
        Every claim term, judged, in the claim's order.
    exhibits : dict
        Run label -> exhibit name -> JSON data, for the lesson's ``show`` list.
    holds : bool
        True when every term holds.
    """

    lesson: Lesson
    terms: tuple[TermResult, ...]
    exhibits: dict[str, dict[str, Any]]
    holds: bool

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """Return the result as one JSON object: lesson, holds, the claim's text and terms."""
        data: dict[str, Any] = {
            "lesson": self.lesson.name,
            "holds": self.holds,
            "text": self.lesson.claim_in(language),
            "claim": [result.to_dict() for result in self.terms],
        }
        if self.exhibits:
            data["exhibits"] = self.exhibits
        return data


def _json(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _trainer(spec: RunSpec, engine: str) -> Trainer:
    data = spec.data.make()
    problem = training_data_problem(data)
    if problem is not None:
        raise ValueError(f"run {spec.label}: {problem}")
    model = Model.build(spec.model_config, data.train_x)
    return Trainer(
        model, spec.train_config, data.train_x, data.train_y, data.test_x, data.test_y,
        engine=engine,
    )  # fmt: skip


def train_lesson(
    lesson: Lesson, engine: str = "numpy", epochs: int | None = None
) -> dict[str, TrainedRun]:
    """Train every run of ``lesson`` for its check.

    Parameters
    ----------
    lesson : Lesson
        The lesson.
    engine : str
        One of :data:`playground.core.trainer.ENGINES`.
    epochs : int, optional
        Epochs instead of the lesson's own.

    Returns
    -------
    dict of str to TrainedRun
        By label: the comparison's runs (or the one run), then the variants.

    Raises
    ------
    ValueError
        When a run's data cannot be trained on.
    """
    epochs = lesson.epochs if epochs is None else epochs
    data = lesson.data.make()
    problem = training_data_problem(data)
    if problem is not None:
        raise ValueError(problem)
    if lesson.compare is not None:
        compared = build_runs(
            lesson.compare, lesson.model_config, lesson.train_config, data, engine
        )
    else:
        main = RunSpec(lesson.label, lesson.data, lesson.model_config, lesson.train_config)
        compared = [CompareRun(lesson.label, _trainer(main, engine))]
    variants = [CompareRun(v.label, _trainer(v, engine)) for v in lesson.variants]
    datasets = [data] * len(compared) + [v.data.make() for v in lesson.variants]
    runs = [TrainedRun.start(run.label, run.trainer, d)
            for run, d in zip([*compared, *variants], datasets)]  # fmt: skip
    for _ in range(epochs):
        advance(compared)
        for variant in variants:
            advance([variant])
        for run in runs:
            run.track()
    return {run.label: run for run in runs}


def judge(term: ClaimTerm, runs: Mapping[str, TrainedRun]) -> TermResult:
    """Measure and judge one claim term on trained runs.

    Parameters
    ----------
    term : ClaimTerm
        The term.
    runs : mapping of str to TrainedRun
        Trained runs by label; the term's runs must be among them.

    Returns
    -------
    TermResult
        The figure, the target and the verdict.

    Raises
    ------
    KeyError
        When a run the term names is not in ``runs``.
    """
    figure = measure(runs[term.run], term.measure)
    other = None
    if term.than is not None:
        other = measure(runs[term.than.run], term.than.measure)
        with np.errstate(all="ignore"):
            target = term.than.factor * other + term.than.plus
    else:
        target = float(term.value if term.value is not None else math.nan)
    return TermResult(term, figure, target, other, holds(figure, term.op, target))


def evaluate_claim(claim: Claim, runs: Mapping[str, TrainedRun]) -> tuple[TermResult, ...]:
    """Judge every term of ``claim`` on ``runs`` (see :func:`judge`)."""
    return tuple(judge(term, runs) for term in claim.terms)


def check_lesson(lesson: Lesson, engine: str = "numpy", epochs: int | None = None) -> LessonCheck:
    """Train ``lesson`` headless and judge its claim.

    Parameters
    ----------
    lesson : Lesson
        The lesson.
    engine : str
        One of :data:`playground.core.trainer.ENGINES`.
    epochs : int, optional
        Epochs instead of the lesson's own.

    Returns
    -------
    LessonCheck
        Every term judged, the exhibits, and whether the claim holds.
    """
    runs = train_lesson(lesson, engine, epochs)
    results = evaluate_claim(lesson.claim, runs)
    exhibits: dict[str, dict[str, Any]] = {}
    for name in lesson.show:
        for label, run in runs.items():
            with np.errstate(all="ignore"):
                exhibits.setdefault(label, {})[name] = EXHIBITS[name](run)
    return LessonCheck(lesson, results, exhibits, all(r.holds for r in results))
