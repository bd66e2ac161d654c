"""What the window starts with, and the example data it opens on."""

from __future__ import annotations

from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.presets import PRESETS, make_dataset

DEFAULT_MODEL = ModelConfig(
    features=("x1", "x2"), hidden=(4, 2), activations=("tanh", "tanh"), init="xavier_uniform"
)
DEFAULT_TRAIN = TrainConfig(optimizer="sgd", learning_rate=0.03, batch_size=10)
DEFAULT_PRESET = "circle"
DEFAULT_POINTS = 500
DEFAULT_NOISE = 0.0
DEFAULT_TEST_RATIO = 0.5  # TensorFlow Playground's 50% training data


def example_points(preset: str) -> int:
    """How many points an example of ``preset`` gets (regression sets are denser)."""
    return DEFAULT_POINTS if PRESETS[preset].task != "regression" else DEFAULT_POINTS // 2


def example_dataset(
    preset: str = DEFAULT_PRESET, test_ratio: float = DEFAULT_TEST_RATIO
) -> Dataset:
    """The example the window opens on: ``preset`` with the default size, noise and seed."""
    return make_dataset(
        preset, example_points(preset), DEFAULT_NOISE, seed=0, test_ratio=test_ratio
    )
