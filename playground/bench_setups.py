"""The bench's workloads: the architectures timed against scikit-learn and TF Playground's setups.

Also the data they train on (noiseless ``circle`` and ``spiral``) and the binary
classifier's model config, shared by ``playground.bench`` and ``playground.bench_live``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig

Array = NDArray[np.float64]
RECT = (-6.0, -6.0, 12.0, 12.0)
N_POINTS = 1000


@dataclass(frozen=True)
class BenchConfig:
    """One architecture measured against scikit-learn, with the issue's speed target."""

    key: str
    name: str
    hidden: tuple[int, ...]
    activation: str
    batch_size: int
    learning_rate: float
    target: float


CONFIGS: tuple[BenchConfig, ...] = (
    BenchConfig("tiny", "2-4-2-1 tanh b10", (4, 2), "tanh", 10, 0.03, 2.0),
    BenchConfig("deep", "2-(8x6)-1 tanh b10", (8,) * 6, "tanh", 10, 0.03, 2.0),
    BenchConfig("mid", "2-64-64-1 relu b32", (64, 64), "relu", 32, 0.01, 2.0),
    BenchConfig("wide", "2-256-256-1 relu b256", (256, 256), "relu", 256, 0.01, 1.0),
)


@dataclass(frozen=True)
class Setup:
    """One of TensorFlow Playground's reference setups, as every bench trains it.

    Its own speed is measured beside ours by running both apps in turn, never
    quoted from elsewhere.

    Attributes
    ----------
    key : str
        Key in :data:`SETUPS` (``bench_live --setup``).
    name : str
        Row name in this bench's tables.
    description : str
        What ``bench_live`` reports it as.
    preset : str
        The data: a key of :data:`playground.core.presets.PRESETS` (``circle`` or ``spiral``).
    features : tuple of str
        Network inputs.
    hidden : tuple of int
        Hidden layer widths.
    activation : str
        Every hidden layer's activation.
    batch_size : int
        Points per step.
    """

    key: str
    name: str
    description: str
    preset: str
    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    batch_size: int


#: The reference setups, for this bench's live tables and for ``bench_live``.
SETUPS: dict[str, Setup] = {
    s.key: s
    for s in (
        Setup("default", "circle 2-4-2-1 tanh b10", "circle, 2-4-2-1 tanh, batch 10",
              "circle", ("x1", "x2"), (4, 2), "tanh", 10),
        Setup("spiral_tanh", "spiral 2-(8x6)-1 tanh b10", "spiral, x1 x2, 6x8 tanh, batch 10",
              "spiral", ("x1", "x2"), (8,) * 6, "tanh", 10),
        Setup("spiral_relu", "spiral 2-(8x6)-1 relu b30", "spiral, x1 x2, 6x8 relu, batch 30",
              "spiral", ("x1", "x2"), (8,) * 6, "relu", 30),
    )
}  # fmt: skip


def two_class_data(kind: str, n: int, seed: int = 0) -> tuple[Array, NDArray[np.int64]]:
    """TensorFlow Playground's noiseless ``circle`` or ``spiral``, (n, 2) points and 0/1 labels."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    if kind == "circle":
        r = np.where(y == 1, rng.uniform(0.0, 2.5, n), rng.uniform(3.5, 5.0, n))
        angle = rng.uniform(0.0, 2.0 * np.pi, n)
        return np.column_stack([r * np.sin(angle), r * np.cos(angle)]), y
    i = np.arange(n) // 2 / (n // 2 + n % 2)
    r, angle = 5.0 * i, 1.75 * 2.0 * np.pi * i + np.pi * y
    return np.column_stack([r * np.sin(angle), r * np.cos(angle)]), y


def model_config(
    hidden: Sequence[int], activation: str, loss: str = "binary_cross_entropy"
) -> ModelConfig:
    """The binary classifier on (x1, x2) with ``hidden`` layers of ``activation``."""
    return ModelConfig(hidden=tuple(hidden), activations=(activation,) * len(hidden), loss=loss)
