"""A trained-or-not model: input features and scaling, the network, the task and its classes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
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
            Valid by construction (see :func:`playground.core.settings.validate`).
        x_fit : ndarray of shape (n_samples, 2), optional
            Points the input scaling is fitted on (the training set); without
            them the scaling covers TensorFlow Playground's [-6, 6]² domain.

        Returns
        -------
        Model
            Weights drawn with ``config.init`` from ``config.seed``.
        """
        features = FeatureMap.fit(config.features, x_fit if x_fit is not None else np.zeros((0, 2)))
        network = _network(config, features)
        network.initialize(config.init, np.random.default_rng(config.seed), config.bias_init)
        return cls(config, features, network)

    @classmethod
    def from_params(cls, config: ModelConfig, features: FeatureMap, params: ArrayLike) -> Model:
        """Rebuild a model from its settings, its input scaling and a copy of its weights.

        Parameters
        ----------
        config : ModelConfig
            The architecture.
        features : FeatureMap
            The input features (the same names as ``config.features``) and their scaling.
        params : array_like of shape (n_params,)
            Every weight and bias, laid out as :attr:`Network.params`
            (``[W1, b1, W2, b2, ...]``, each ``W`` row-major of shape (fan_in, fan_out)).

        Returns
        -------
        Model
            A network of its own, holding a copy of ``params``.

        Raises
        ------
        ValueError
            When ``features`` does not match ``config`` or ``params`` has the wrong length.
        """
        network = _network(config, features)
        flat = np.asarray(params, dtype=np.float64)
        if flat.shape != (network.n_params,):
            raise ValueError(
                f"the network {'-'.join(map(str, network.sizes))} has {network.n_params} "
                f"parameters, got {flat.size} in shape {flat.shape}"
            )
        network.set_params(flat)
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
        """Encode targets for labels ``y`` (n_samples,) -> (n_samples, n_outputs)."""
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
            labels: NDArray[np.intp] = np.argmax(self.predict_proba(x), axis=1)
            return labels
        return self.output(x)[:, 0]

    def copy(self) -> Model:
        """Return a deep copy whose weights can change independently."""
        return Model.from_params(self.config, self.features, self.network.params)

    def __repr__(self) -> str:
        """Show the task, the features and the architecture."""
        return f"Model({self.config.task}, features={list(self.features.names)}, {self.network!r})"


def _network(config: ModelConfig, features: FeatureMap) -> Network:
    """Make an uninitialised network for ``config`` on the inputs of ``features``."""
    if tuple(features.names) != tuple(config.features):
        raise ValueError(
            f"the input scaling is for features {', '.join(features.names)}, "
            f"the settings name {', '.join(config.features)}"
        )
    sizes = (features.n_features, *config.hidden, config.n_outputs)
    return Network(sizes, config.activations, config.loss)
