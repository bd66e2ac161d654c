"""Input features computed from the 2-D point, and the input scaling that is part of a model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Feature:
    """One input feature: ``compute(x)`` maps (n_samples, 2) points to (n_samples,)."""

    name: str
    label: str
    compute: Callable[[Array], Array]


#: TensorFlow Playground's feature set, keyed by the names the CLI and files use.
FEATURES: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("x1", "x₁", lambda x: x[:, 0]),
        Feature("x2", "x₂", lambda x: x[:, 1]),
        Feature("x1^2", "x₁²", lambda x: x[:, 0] ** 2),
        Feature("x2^2", "x₂²", lambda x: x[:, 1] ** 2),
        Feature("x1x2", "x₁x₂", lambda x: x[:, 0] * x[:, 1]),
        Feature("sin_x1", "sin x₁", lambda x: np.sin(x[:, 0])),
        Feature("sin_x2", "sin x₂", lambda x: np.sin(x[:, 1])),
    )
}


def parse_features(text: str) -> tuple[str, ...]:
    """Parse a comma-separated feature list such as ``"x1,x2,x1^2"``."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in FEATURES]
    if unknown or not names:
        raise ValueError(
            f"unknown feature(s) {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(FEATURES)}"
        )
    if len(set(names)) != len(names):
        raise ValueError(f"feature listed twice in {text!r}")
    return names


@dataclass(frozen=True, eq=False)
class FeatureMap:
    """Features plus a fixed affine scaling, ``(features(x) - offset) / scale``.

    The scaling is fitted once when a network is created and then belongs to
    the model: it is saved with the weights and never refitted while training.

    Attributes
    ----------
    names : tuple of str
        Feature keys, in input order.
    offset, scale : ndarray of shape (n_features,)
        Per-feature centre and spread.
    """

    names: tuple[str, ...]
    offset: Array
    scale: Array

    @classmethod
    def identity(cls, names: Sequence[str]) -> FeatureMap:
        """No scaling."""
        return cls(tuple(names), np.zeros(len(names)), np.ones(len(names)))

    @classmethod
    def fit(cls, names: Sequence[str], x: Array) -> FeatureMap:
        """Standardise each feature over the points ``x`` (n_samples, 2).

        With fewer than two points, or a constant feature, the spread falls
        back to the feature's value range on TensorFlow Playground's [-6, 6]²
        domain so that the inputs stay of order one.
        """
        names = tuple(names)
        fallback = cls.identity(names).raw(_DOMAIN_SAMPLE)
        base = cls.identity(names).raw(np.asarray(x, dtype=np.float64).reshape(-1, 2))
        if len(base) < 2:
            base = fallback
        offset = base.mean(axis=0)
        scale = base.std(axis=0)
        flat = scale < 1e-8
        scale[flat] = np.maximum(fallback.std(axis=0)[flat], 1e-8)
        return cls(names, offset, scale)

    @property
    def n_features(self) -> int:
        """Number of network inputs."""
        return len(self.names)

    def raw(self, x: Array) -> Array:
        """Unscaled features of points ``x`` (n_samples, 2) -> (n_samples, n_features)."""
        return (
            np.column_stack([FEATURES[name].compute(x) for name in self.names])
            if len(x)
            else np.zeros((0, len(self.names)))
        )

    def transform(self, x: Array) -> Array:
        """Scaled network inputs of points ``x`` (n_samples, 2) -> (n_samples, n_features)."""
        return (self.raw(x) - self.offset) / self.scale


_g = np.linspace(-6.0, 6.0, 25)
_DOMAIN_SAMPLE: Array = np.stack(np.meshgrid(_g, _g), axis=-1).reshape(-1, 2)
