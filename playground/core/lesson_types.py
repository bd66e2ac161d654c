"""What a lesson is made of: its data, its runs, its claim, and the lesson itself.

These are plain frozen records; :mod:`playground.core.lesson_files` reads them
from a lesson folder (and checks every value), :mod:`playground.core.lesson_claims`
trains them and judges the claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from playground.core.compare import CompareSpec, apply_compare
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset, infer_task
from playground.core.lesson_goals import Goal
from playground.core.lesson_text import DEFAULT_LANGUAGE, text_for
from playground.core.presets import PRESETS, make_dataset


@dataclass(frozen=True, eq=False)
class DataSpec:
    """The points of a lesson: a preset with its options, or points written out.

    Attributes
    ----------
    preset : str or None
        A key of :data:`~playground.core.presets.PRESETS`; None for written-out points.
    points : int
        Points a preset generates.
    noise : float
        A preset's noise, 0 to 1.
    seed : int
        Seed of the preset's points and of the train/test split.
    test_ratio : float
        Fraction of test points, 0 to 0.9 (unless ``is_test`` gives the split).
    options : dict of str to int
        The preset's options, e.g. ``{"arms": 3}``.
    x : ndarray of shape (n, 2) or None
        Written-out points.
    y : ndarray of shape (n,) or None
        Their class indices or targets.
    task : str or None
        ``"regression"`` to read whole-number ``y`` of written-out points as targets;
        None: the task follows ``y`` (see :func:`~playground.core.datasets.infer_task`).
    is_test : ndarray of shape (n,) or None
        The split of written-out points (None: drawn with ``test_ratio`` and ``seed``).
    """

    preset: str | None = "circle"
    points: int = 200
    noise: float = 0.0
    seed: int = 0
    test_ratio: float = 0.5
    options: dict[str, int] = field(default_factory=dict)
    x: NDArray[np.float64] | None = None
    y: NDArray[np.float64] | None = None
    task: str | None = None
    is_test: NDArray[np.bool_] | None = None

    def task_and_classes(self) -> tuple[str, int]:
        """Return the ``(task, n_classes)`` of the data, without generating it."""
        if self.preset is not None:
            return PRESETS[self.preset].task_for(**self.options)
        assert self.y is not None
        if self.task == "regression":
            return "regression", 1
        return infer_task(self.y)

    def make(self) -> Dataset:
        """Generate (or assemble) the points with their train/test split.

        Returns
        -------
        Dataset
            The same points and split every time.
        """
        if self.preset is not None:
            return make_dataset(
                self.preset, self.points, self.noise, self.seed, self.test_ratio, **self.options
            )
        assert self.x is not None and self.y is not None
        task, n_classes = self.task_and_classes()
        flags = np.zeros(len(self.x), dtype=bool) if self.is_test is None else self.is_test
        data = Dataset(self.x, self.y, flags, task, n_classes)
        return data if self.is_test is not None else data.with_split(self.test_ratio, self.seed)


@dataclass(frozen=True, eq=False)
class RunSpec:
    """One run a lesson's check trains.

    Attributes
    ----------
    label : str
        How claims name it, e.g. ``"lr=10"`` (a compare run's label) or ``"l2"``.
    data : DataSpec
        Its points (compare runs share the lesson's).
    model_config : ModelConfig
    train_config : TrainConfig
    compared : bool
        One of the lesson's compare runs (trained in lock step on the lesson's data),
        rather than a variant trained for the check alone.
    """

    label: str
    data: DataSpec
    model_config: ModelConfig
    train_config: TrainConfig
    compared: bool = False


@dataclass(frozen=True)
class Comparison:
    """The right side of a claim term that compares two figures: ``factor * figure + plus``.

    Attributes
    ----------
    run : str
        The other run's label.
    measure : str
        Its figure, a key of :data:`~playground.core.lesson_measures.MEASURES`.
    factor, plus : float
        The target is ``factor * figure + plus``.
    """

    run: str
    measure: str
    factor: float = 1.0
    plus: float = 0.0


@dataclass(frozen=True)
class ClaimTerm:
    """One machine-checkable part of a claim: ``run's measure op value``.

    Attributes
    ----------
    run : str
        The run's label.
    measure : str
        A key of :data:`~playground.core.lesson_measures.MEASURES`.
    op : str
        A key of :data:`~playground.core.lesson_goals.OPS`.
    value : float or None
        A fixed target.
    than : Comparison or None
        A target from another figure (exactly one of ``value`` and ``than`` is set).
    """

    run: str
    measure: str
    op: str
    value: float | None = None
    than: Comparison | None = None


@dataclass(frozen=True)
class Claim:
    """What a lesson shows, in words and as terms that must all hold.

    Attributes
    ----------
    text : dict of str to str
        The claim in one sentence, per language.
    terms : tuple of ClaimTerm
        Every term must hold for the claim to hold.
    """

    text: dict[str, str]
    terms: tuple[ClaimTerm, ...]


@dataclass(frozen=True, eq=False)
class Lesson:
    """A lesson: a session to open, its text, and a claim its check can test.

    Attributes
    ----------
    name : str
        Its folder's name without the order prefix, e.g. ``"hidden-layer"``.
    order : int
        Its place in the list (the folder's ``NN-`` prefix; 0 without one).
    title : dict of str to str
        Per language.
    text : dict of str to str
        The Markdown per language (see :func:`~playground.core.lesson_text.split_steps`).
    data : DataSpec
        The points the session opens with.
    model_config, train_config : ModelConfig, TrainConfig
        The settings the session opens with (the first run's, with a comparison).
    compare : CompareSpec or None
        The comparison the session opens in, if any.
    label : str
        The run's label when there is no comparison.
    variants : tuple of RunSpec
        Runs trained only by the check (other data or settings than a comparison allows).
    epochs : int
        Epochs the check trains every run for.
    claim : Claim
        What the check tests.
    goals : tuple of Goal
        The challenge's goals, on live figures.
    locks : tuple of str
        Settings the window locks (rule-book names, or ``data``).
    show : tuple of str
        Keys of :data:`~playground.core.lesson_measures.EXHIBITS` the check reports.
    source : str
        Where it was read from, for messages.
    """

    name: str
    order: int
    title: dict[str, str]
    text: dict[str, str]
    data: DataSpec
    model_config: ModelConfig
    train_config: TrainConfig
    compare: CompareSpec | None = None
    label: str = "lesson"
    variants: tuple[RunSpec, ...] = ()
    epochs: int = 100
    claim: Claim = field(default_factory=lambda: Claim({}, ()))
    goals: tuple[Goal, ...] = ()
    locks: tuple[str, ...] = ()
    show: tuple[str, ...] = ()
    source: str = ""

    def title_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the title in ``language`` (English when it lacks one)."""
        return text_for(self.title, language)

    def text_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the Markdown in ``language`` (English when it lacks one)."""
        return text_for(self.text, language)

    def claim_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the claim's sentence in ``language`` (English when it lacks one)."""
        return text_for(self.claim.text, language)

    def runs(self) -> tuple[RunSpec, ...]:
        """Every run the check trains: the comparison's (or the one run), then the variants."""
        main: tuple[RunSpec, ...]
        if self.compare is None:
            main = (RunSpec(self.label, self.data, self.model_config, self.train_config, True),)
        else:
            main = tuple(
                RunSpec(label, self.data, model, train, True)
                for label, model, train in apply_compare(
                    self.compare, self.model_config, self.train_config
                )
            )
        return (*main, *self.variants)
