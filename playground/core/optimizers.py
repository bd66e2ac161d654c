"""Optimizers that update one flat parameter vector in place, as a name -> class table.

Each optimizer owns its state (velocity, moments) as flat arrays aligned with
the parameters, so an update is a handful of vectorised operations whatever
the network's depth. The learning rate is a plain attribute and may change
between any two steps.

The state is what an update reads from the steps before it: the arrays named by
``state_arrays`` (each of shape (n_params,)) and the counters named by
``state_counts``. :meth:`Optimizer.get_state` copies them out and
:meth:`Optimizer.set_state` checks and copies them back, so a restored optimizer
takes bit for bit the steps the original would have taken. The settings
(learning rate, momentum, Nesterov) are not state: they come from the
:class:`~playground.core.config.TrainConfig`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
#: An optimizer's state: array name -> copy of shape (n_params,), counter name -> int.
OptimizerState = dict[str, Array | int]


class Optimizer:
    """Base class: ``update(params, grads)`` changes ``params`` in place.

    Attributes
    ----------
    state_arrays : tuple of str
        Attributes holding state arrays of shape (n_params,).
    state_counts : tuple of str
        Attributes holding non-negative integer counters.
    """

    uses_momentum = False
    state_arrays: tuple[str, ...] = ()
    state_counts: tuple[str, ...] = ()

    def __init__(self, n_params: int, learning_rate: float) -> None:
        self.learning_rate = learning_rate
        self.n_params = n_params

    def update(self, params: Array, grads: Array) -> None:
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
        raise NotImplementedError

    def get_state(self) -> OptimizerState:
        """Return copies of the state arrays, shape (n_params,), and the counters."""
        state: OptimizerState = {name: getattr(self, name).copy() for name in self.state_arrays}
        for name in self.state_counts:
            state[name] = int(getattr(self, name))
        return state

    def set_state(self, state: Mapping[str, object]) -> None:
        """Restore what :meth:`get_state` returned, after :func:`check_state`.

        Raises
        ------
        ValueError
            When ``state`` does not fit this optimizer; nothing changes then.
        """
        check_state(type(self), self.n_params, state)
        for name in self.state_arrays:
            # In place: the arrays keep their identity (the compiled engine writes into them).
            np.copyto(getattr(self, name), cast(Array, state[name]))
        for name in self.state_counts:
            setattr(self, name, int(cast(int, state[name])))

    def __repr__(self) -> str:
        """Name the class and the learning rate."""
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g."""

    def __init__(self, n_params: int, learning_rate: float) -> None:
        super().__init__(n_params, learning_rate)
        self._step = np.empty(n_params)

    def update(self, params: Array, grads: Array) -> None:
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
        params -= np.multiply(grads, self.learning_rate, out=self._step)


class Momentum(Optimizer):
    """Heavy-ball momentum, or Nesterov's variant, in scikit-learn's form.

    v <- mu v - lr g;  p <- p + v            (classic)
    p <- p + mu v - lr g  after updating v    (Nesterov)
    """

    uses_momentum = True
    state_arrays = ("velocity",)

    def __init__(
        self, n_params: int, learning_rate: float, momentum: float = 0.9, nesterov: bool = False
    ) -> None:
        super().__init__(n_params, learning_rate)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = np.zeros(n_params)

    def update(self, params: Array, grads: Array) -> None:
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
        v = self.velocity
        v *= self.momentum
        v -= self.learning_rate * grads
        if self.nesterov:
            params += self.momentum * v - self.learning_rate * grads
        else:
            params += v


class RMSprop(Optimizer):
    """Hinton's RMSprop: s <- rho s + (1 - rho) g^2;  p <- p - lr g / (sqrt(s) + eps)."""

    state_arrays = ("square_avg",)

    def __init__(
        self, n_params: int, learning_rate: float, rho: float = 0.9, epsilon: float = 1e-8
    ) -> None:
        super().__init__(n_params, learning_rate)
        self.rho = rho
        self.epsilon = epsilon
        self.square_avg = np.zeros(n_params)

    def update(self, params: Array, grads: Array) -> None:
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
        s = self.square_avg
        s *= self.rho
        s += (1.0 - self.rho) * grads * grads
        params -= self.learning_rate * grads / (np.sqrt(s) + self.epsilon)


class Adam(Optimizer):
    """Kingma & Ba (2015), with bias-corrected moments."""

    state_arrays = ("m", "v")
    state_counts = ("t",)

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
        """Apply one step to ``params`` (n_params,) given ``grads`` (n_params,)."""
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


def check_state(cls: type[Optimizer], n_params: int, state: Mapping[str, object]) -> None:
    """Check that ``state`` is a state of optimizer ``cls`` for ``n_params`` parameters.

    Parameters
    ----------
    cls : type
        A class of :data:`OPTIMIZERS`.
    n_params : int
        Length of every state array.
    state : mapping
        Exactly the names of ``cls.state_arrays`` (finite real arrays of shape
        (n_params,)) and ``cls.state_counts`` (non-negative integers).

    Raises
    ------
    ValueError
        Naming the first name missing, unexpected or of the wrong kind or shape.
    """
    what = f"the {cls.__name__} state"
    if not isinstance(state, Mapping):
        raise ValueError(f"{what} must be a mapping, not {type(state).__name__}")
    expected = {*cls.state_arrays, *cls.state_counts}
    unexpected = sorted(str(name) for name in state if name not in expected)
    if unexpected:
        raise ValueError(f"{what} has no {unexpected[0]!r}; it holds {sorted(expected)}")
    missing = sorted(expected - set(state))
    if missing:
        raise ValueError(f"{what} lacks {missing[0]!r}")
    for name in cls.state_arrays:
        value = state[name]
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
            raise ValueError(f"{what}'s {name!r} must be an array of numbers")
        if value.shape != (n_params,):
            raise ValueError(f"{what}'s {name!r} has shape {value.shape}, expected ({n_params},)")
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{what}'s {name!r} contains NaN or infinite values")
    for name in cls.state_counts:
        value = state[name]
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(f"{what}'s {name!r} must be a non-negative integer, got {value!r}")
