"""A trained-or-not model: input features and scaling, the network, the task and its classes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
from playground.core.losses import LOSSES
from playground.core.network import Network

Array = NDArray[np.float64]


@dataclass(eq=False)
class Model:
    """Everything needed to turn 2-D points into predictions.

    Attributes
    ----------
    config : ModelConfig
        The architecture and initialisation it was built from.
    features : FeatureMap
        Input features and their fixed scaling.
    network : Network
        The weights.
    """

    config: ModelConfig
    features: FeatureMap
    network: Network

    @classmethod
    def build(cls, config: ModelConfig, x_fit: Array | None = None) -> Model:
        """Create a freshly initialised model.

        Parameters
        ----------
        config : ModelConfig
        x_fit : ndarray of shape (n_samples, 2), optional
            Points the input scaling is fitted on (the training set); without
            them the scaling covers TensorFlow Playground's [-6, 6]² domain.
        """
        loss = LOSSES.get(config.loss)
        if loss is None:
            raise ValueError(f"unknown loss {config.loss!r}; choose from {', '.join(LOSSES)}")
        if config.task not in loss.tasks:
            raise ValueError(
                f"loss {config.loss!r} does not fit a {config.task} task; "
                f"use one of {', '.join(n for n, v in LOSSES.items() if config.task in v.tasks)}"
            )
        features = FeatureMap.fit(config.features, x_fit if x_fit is not None else np.zeros((0, 2)))
        sizes = (features.n_features, *config.hidden, config.n_outputs)
        network = Network(sizes, config.activations, config.loss)
        network.initialize(config.init, np.random.default_rng(config.seed), config.bias_init)
        return cls(config, features, network)

    @property
    def task(self) -> str:
        """``binary``, ``multiclass`` or ``regression``."""
        return self.config.task

    @property
    def is_classifier(self) -> bool:
        """True for binary and multiclass tasks."""
        return self.config.task != "regression"

    def inputs(self, x: Array) -> Array:
        """Network inputs for points ``x`` (n_samples, 2) -> (n_samples, n_features)."""
        return self.features.transform(np.asarray(x, dtype=np.float64).reshape(-1, 2))

    def targets(self, y: NDArray[np.generic]) -> Array:
        """Encoded targets for labels ``y`` (n_samples,) -> (n_samples, n_outputs)."""
        return self.network.loss.encode(y, self.config.n_outputs, self.config.task)

    def output(self, x: Array) -> Array:
        """Output activations for points ``x`` (n_samples, 2) -> (n_samples, n_outputs)."""
        return self.network.predict(self.inputs(x))

    def predict_proba(self, x: Array) -> Array:
        """Class probabilities for points ``x`` (n_samples, 2) -> (n_samples, n_classes)."""
        if not self.is_classifier or self.network.loss.proba is None:
            raise ValueError("a regression model has no class probabilities")
        return self.network.loss.proba(self.output(x))

    def predict(self, x: Array) -> NDArray[np.generic]:
        """Class index (int64) or predicted value (float64) per point, shape (n_samples,)."""
        if self.is_classifier:
            return np.argmax(self.predict_proba(x), axis=1)
        return self.output(x)[:, 0]

    def copy(self) -> Model:
        """A deep copy whose weights can change independently."""
        network = Network(self.network.sizes, self.network.activation_names, self.config.loss)
        network.set_params(self.network.params)
        return Model(self.config, self.features, network)

    def __repr__(self) -> str:
        return f"Model({self.config.task}, features={list(self.features.names)}, {self.network!r})"
