"""Weight initialisers, as a name -> function table.

Each function draws a weight matrix of shape (fan_in, fan_out) from a seeded
generator. Biases are set separately (0, or 0.1 as an option).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Initializer = Callable[[np.random.Generator, int, int], NDArray[np.float64]]


def zeros(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """All zeros: every unit of a layer stays identical (the symmetry problem)."""
    return np.zeros((fan_in, fan_out))


def small_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """0.01 * N(0, 1), as in the classic course."""
    return 0.01 * rng.standard_normal((fan_in, fan_out))


def xavier_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """Glorot & Bengio (2010): U(-l, l) with l = sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def xavier_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """Glorot & Bengio (2010): N(0, 2 / (fan_in + fan_out))."""
    w: NDArray[np.float64] = np.sqrt(2.0 / (fan_in + fan_out)) * rng.standard_normal(
        (fan_in, fan_out)
    )
    return w


def he_normal(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """He et al. (2015): N(0, 2 / fan_in), for rectifiers."""
    w: NDArray[np.float64] = np.sqrt(2.0 / fan_in) * rng.standard_normal((fan_in, fan_out))
    return w


def he_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> NDArray[np.float64]:
    """He et al. (2015): U(-l, l) with l = sqrt(6 / fan_in)."""
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, (fan_in, fan_out))


INITIALIZERS: dict[str, Initializer] = {
    fn.__name__: fn
    for fn in (zeros, small_normal, xavier_uniform, xavier_normal, he_normal, he_uniform)
}
