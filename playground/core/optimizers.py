"""Optimizers that update one flat parameter vector in place, as a name -> class table.

Each optimizer owns its state (velocity, moments) as flat arrays aligned with
the parameters, so an update is a handful of vectorised operations whatever
the network's depth. The learning rate is a plain attribute and may change
between any two steps.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class Optimizer:
    """Base class: ``update(params, grads)`` changes ``params`` in place."""

    uses_momentum = False

    def __init__(self, n_params: int, learning_rate: float) -> None:
        self.learning_rate = learning_rate
        self.n_params = n_params

    def update(self, params: Array, grads: Array) -> None:
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g."""

    def __init__(self, n_params: int, learning_rate: float) -> None:
        super().__init__(n_params, learning_rate)
        self._step = np.empty(n_params)

    def update(self, params: Array, grads: Array) -> None:
        params -= np.multiply(grads, self.learning_rate, out=self._step)


class Momentum(Optimizer):
    """Heavy-ball momentum, or Nesterov's variant, in scikit-learn's form.

    v <- mu v - lr g;  p <- p + v            (classic)
    p <- p + mu v - lr g  after updating v    (Nesterov)
    """

    uses_momentum = True

    def __init__(
        self, n_params: int, learning_rate: float, momentum: float = 0.9, nesterov: bool = False
    ) -> None:
        super().__init__(n_params, learning_rate)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = np.zeros(n_params)

    def update(self, params: Array, grads: Array) -> None:
        v = self.velocity
        v *= self.momentum
        v -= self.learning_rate * grads
        if self.nesterov:
            params += self.momentum * v - self.learning_rate * grads
        else:
            params += v


class RMSprop(Optimizer):
    """Hinton's RMSprop: s <- rho s + (1 - rho) g^2;  p <- p - lr g / (sqrt(s) + eps)."""

    def __init__(
        self, n_params: int, learning_rate: float, rho: float = 0.9, epsilon: float = 1e-8
    ) -> None:
        super().__init__(n_params, learning_rate)
        self.rho = rho
        self.epsilon = epsilon
        self.square_avg = np.zeros(n_params)

    def update(self, params: Array, grads: Array) -> None:
        s = self.square_avg
        s *= self.rho
        s += (1.0 - self.rho) * grads * grads
        params -= self.learning_rate * grads / (np.sqrt(s) + self.epsilon)


class Adam(Optimizer):
    """Kingma & Ba (2015), with bias-corrected moments."""

    def __init__(
        self,
        n_params: int,
        learning_rate: float,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> None:
        super().__init__(n_params, learning_rate)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.t = 0
        self.m = np.zeros(n_params)
        self.v = np.zeros(n_params)

    def update(self, params: Array, grads: Array) -> None:
        self.t += 1
        self.m *= self.beta1
        self.m += (1.0 - self.beta1) * grads
        self.v *= self.beta2
        self.v += (1.0 - self.beta2) * grads * grads
        # Fold both bias corrections into the step size.
        step = self.learning_rate * np.sqrt(1.0 - self.beta2**self.t) / (1.0 - self.beta1**self.t)
        params -= step * self.m / (np.sqrt(self.v) + self.epsilon)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "rmsprop": RMSprop,
    "adam": Adam,
}


def make_optimizer(
    name: str, n_params: int, learning_rate: float, momentum: float = 0.9, nesterov: bool = False
) -> Optimizer:
    """Build the optimizer ``name`` for ``n_params`` parameters."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}"
        ) from None
    if cls.uses_momentum:
        return cls(n_params, learning_rate, momentum=momentum, nesterov=nesterov)  # type: ignore[call-arg]
    return cls(n_params, learning_rate)
