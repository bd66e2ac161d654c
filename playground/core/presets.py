"""Preset dataset generators in the style of TensorFlow Playground.

:class:`Preset`, :class:`PresetOption`, the :data:`PRESETS` registry and
:func:`make_dataset`. This module builds on :mod:`playground.core.datasets`, never
the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import MAX_CLASSES
from playground.core.datasets import DATA_STREAM, MAX_POINTS, Dataset, check_fraction, seeded_rng

Points = tuple[NDArray[np.float64], NDArray[np.generic]]


@dataclass(frozen=True)
class PresetOption:
    """An integer option of a preset, described for the GUI (a spin box)."""

    name: str
    label: str
    default: int
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Preset:
    """A named generator of a 2-D dataset, in the style of TensorFlow Playground.

    Attributes
    ----------
    name : str
        Key in :data:`PRESETS`.
    task : str
        Task with the default options (see :meth:`task_for`).
    description : str
        One sentence for a tooltip, including what noise does.
    generate : callable
        ``generate(n_points, noise, rng, **options) -> (x, y)`` with x of shape
        (n_points, 2) float64 and y of shape (n_points,): int64 class indices, balanced
        to within one point, or float64 targets. Points lie roughly in [-6, 6]^2.
    options : tuple of PresetOption
        Integer keyword options of ``generate``.
    class_option : str or None
        Option that sets the number of classes, if any.
    """

    name: str
    task: str
    description: str
    generate: Callable[..., Points]
    options: tuple[PresetOption, ...] = ()
    class_option: str | None = None

    @property
    def label(self) -> str:
        """Name for display, e.g. ``Multi gaussian``."""
        return self.name.replace("_", " ").capitalize()

    def resolve_options(self, options: Mapping[str, object]) -> dict[str, int]:
        """Fill in defaults and validate ``options``; raise ValueError naming the problem."""
        known = {option.name: option for option in self.options}
        for key in options:
            if key not in known:
                valid = ", ".join(known) or "none"
                raise ValueError(f"preset {self.name!r} has no option {key!r} (valid: {valid})")
        resolved = {}
        for option in self.options:
            value = options.get(option.name, option.default)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | np.integer)
                or not option.minimum <= value <= option.maximum
            ):
                raise ValueError(
                    f"{option.name} must be an integer in {option.minimum}..{option.maximum}, "
                    f"got {value!r}"
                )
            resolved[option.name] = int(value)
        return resolved

    def task_for(self, **options: int) -> tuple[str, int]:
        """Return ``(task, n_classes)`` of the data generated with ``options``."""
        if self.task == "regression":
            return "regression", 1
        resolved = self.resolve_options(options)
        n_classes = resolved[self.class_option] if self.class_option else 2
        return ("binary" if n_classes == 2 else "multiclass"), n_classes


#: Every dataset generator by name; the GUI lists these keys.
PRESETS: dict[str, Preset] = {}


def _preset(
    task: str, *options: PresetOption, class_option: str | None = None
) -> Callable[[Callable[..., Points]], Callable[..., Points]]:
    """Register the decorated ``_name`` generator as preset ``name``; its docstring describes it."""

    def register(generate: Callable[..., Points]) -> Callable[..., Points]:
        name = generate.__name__.lstrip("_")
        doc = " ".join((generate.__doc__ or "").split())
        PRESETS[name] = Preset(name, task, doc, generate, options, class_option)
        return generate

    return register


def _balanced(n: int, k: int) -> NDArray[np.int64]:
    """Labels 0..k-1 with counts differing by at most one, shape (n,)."""
    return np.arange(n, dtype=np.int64) % k


def _finish(
    rng: np.random.Generator, x: NDArray[np.float64], y: NDArray[np.generic], jitter: float
) -> Points:
    """Add uniform jitter in [-jitter, jitter] per coordinate and shuffle the rows.

    The jitter is drawn even when it is zero so that, for one seed, the clean points do
    not change with the noise level.
    """
    x = x + jitter * rng.uniform(-1.0, 1.0, size=x.shape)
    order = rng.permutation(len(x))
    return x[order], y[order]


def _polar(r: NDArray[np.float64], angle: NDArray[np.float64]) -> NDArray[np.float64]:
    # TF Playground's convention: x = r sin(t), y = r cos(t).
    return np.column_stack([r * np.sin(angle), r * np.cos(angle)])


@_preset("binary")
def _circle(n: int, noise: float, rng: np.random.Generator) -> Points:
    """Class 1: disc of radius 2.5; class 0: ring 3.5..5. Noise jitters by ±5·noise."""
    y = _balanced(n, 2)
    u = rng.uniform(size=n)
    r = np.where(y == 1, 2.5 * u, 3.5 + 1.5 * u)
    return _finish(rng, _polar(r, rng.uniform(0.0, 2 * np.pi, n)), y, 5.0 * noise)


@_preset("binary")
def _xor(n: int, noise: float, rng: np.random.Generator) -> Points:
    """Class 1 where x1·x2 > 0; |xi| in 0.3..5.3. Noise jitters by ±5·noise."""
    y = _balanced(n, 2)
    size = rng.uniform(0.3, 5.3, size=(n, 2))
    sign = rng.choice([-1.0, 1.0], size=n)
    return _finish(rng, size * np.column_stack([sign, np.where(y == 1, sign, -sign)]), y, 5 * noise)


@_preset("binary")
def _gaussian(n: int, noise: float, rng: np.random.Generator) -> Points:
    """Blobs at (2, 2) (class 1) and (-2, -2); variance 0.5 + 7·noise (4 at noise 0.5)."""
    y = _balanced(n, 2)
    centre = np.where(y[:, None] == 1, 2.0, -2.0)
    x = centre + np.sqrt(0.5 + 7.0 * noise) * rng.standard_normal((n, 2))
    return _finish(rng, x, y, 0.0)


@_preset("binary", PresetOption("arms", "Arms", 2, 2, MAX_CLASSES), class_option="arms")
def _spiral(n: int, noise: float, rng: np.random.Generator, arms: int = 2) -> Points:
    """One class per arm, 1.75 turns out to radius 5. Noise jitters by ±noise."""
    if not 2 <= arms <= MAX_CLASSES:
        raise ValueError(f"arms must be 2..{MAX_CLASSES}, got {arms}")
    y = _balanced(n, arms)
    along = (np.arange(n) // arms) / np.bincount(y, minlength=arms)[y]  # i / n_arm in [0, 1)
    angle = 1.75 * 2 * np.pi * along + 2 * np.pi * y / arms
    return _finish(rng, _polar(5.0 * along, angle), y, float(noise))


@_preset("binary")
def _moons(n: int, noise: float, rng: np.random.Generator) -> Points:
    """scikit-learn's two moons (class 0 on top), centred and scaled by 3.

    Noise adds Gaussian jitter of standard deviation 1.5·noise.
    """
    y = _balanced(n, 2)
    t = rng.uniform(0.0, np.pi, n)
    top = y == 0
    x = np.column_stack(
        [
            np.where(top, np.cos(t), 1 - np.cos(t)) - 0.5,
            np.where(top, np.sin(t), 0.5 - np.sin(t)) - 0.25,
        ]
    )
    return _finish(rng, 3.0 * x + 1.5 * noise * rng.standard_normal((n, 2)), y, 0.0)


@_preset("binary")
def _checkerboard(n: int, noise: float, rng: np.random.Generator) -> Points:
    """4x4 board of 3x3 cells over [-6, 6]^2, 0.15 margins. Noise jitters by ±3·noise."""
    y = _balanced(n, 2)
    col = rng.integers(0, 4, n)
    row = 2 * rng.integers(0, 2, n) + (col + y) % 2  # (col + row) % 2 == y
    x = -6.0 + 3.0 * np.column_stack([col, row]) + rng.uniform(0.15, 2.85, (n, 2))
    return _finish(rng, x, y, 3.0 * noise)


@_preset("regression")
def _plane(n: int, noise: float, rng: np.random.Generator) -> Points:
    """Target (x1 + x2) / 10 on [-6, 6]^2; noise shifts where it is read by ±6·noise."""
    x = rng.uniform(-6.0, 6.0, (n, 2))
    shifted = x + noise * rng.uniform(-6.0, 6.0, (n, 2))
    return x, shifted.sum(axis=1) / 10.0


_BUMPS = np.array(
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]]
)


@_preset("regression")
def _multi_gaussian(n: int, noise: float, rng: np.random.Generator) -> Points:
    """Six ±1 cones of radius 2 (the strongest wins); noise shifts reads by ±6·noise."""
    x = rng.uniform(-6.0, 6.0, (n, 2))
    shifted = x + noise * rng.uniform(-6.0, 6.0, (n, 2))
    dist = np.linalg.norm(shifted[:, None, :] - _BUMPS[None, :, :2], axis=2)  # (n, 6)
    values = _BUMPS[:, 2] * np.clip(1.0 - dist / 2.0, 0.0, 1.0)
    return x, values[np.arange(n), np.argmax(np.abs(values), axis=1)]


def make_dataset(
    name: str,
    n_points: int = 200,
    noise: float = 0.0,
    seed: int = 0,
    test_ratio: float = 0.5,
    **options: int,
) -> Dataset:
    """Generate a preset dataset with a seeded train/test split.

    Parameters
    ----------
    name : str
        Key of :data:`PRESETS`.
    n_points : int
        Number of points, 0..100000.
    noise : float
        0 (clean) to 1; 0.5 is about TensorFlow Playground's 50 % noise.
    seed : int
        Non-negative seed. The same arguments give identical data; the points do not
        depend on ``test_ratio`` and, for classification, their clean positions and
        labels do not depend on ``noise``.
    test_ratio : float
        Fraction of test points, 0..0.9 (see :func:`~playground.core.datasets.split`).
    **options : int
        Preset options, e.g. ``arms`` for ``spiral``.

    Returns
    -------
    Dataset
        ``x`` of shape (n_points, 2) and ``y`` of shape (n_points,).
    """
    preset = PRESETS.get(name)
    if preset is None:
        raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(PRESETS)}")
    if isinstance(n_points, bool) or not isinstance(n_points, int | np.integer):
        raise ValueError(f"n_points must be an integer, got {n_points!r}")
    if not 0 <= n_points <= MAX_POINTS:
        raise ValueError(f"n_points must be in 0..{MAX_POINTS}, got {n_points}")
    level = check_fraction("noise", noise, 1.0)
    resolved = preset.resolve_options(options)
    task, n_classes = preset.task_for(**resolved)
    x, y = preset.generate(int(n_points), level, seeded_rng(seed, DATA_STREAM), **resolved)
    dataset = Dataset(x, y, np.zeros(len(x), dtype=bool), task, n_classes)
    return dataset.with_split(test_ratio, seed)
