"""Hidden-layer activations and their derivatives, as a name -> :class:`Activation` table.

Each derivative is written in terms of the pre-activation ``z`` and the output
``a = f(z)`` that the forward pass already holds, so backprop never recomputes
``f``. All functions are numerically stable: no overflow warnings at |z| = 1000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

LEAKY_SLOPE = 0.01
#: A squashing output this close to a bound, as a share of its range, is saturated:
#: beyond 97 % of the range from its centre (tanh: |a| >= 0.97).
SATURATION_TAIL = 0.015
_GELU_C = np.sqrt(2.0 / np.pi)


def _sigmoid(z: Array) -> Array:
    # 0.5 * (1 + tanh(z / 2)) equals 1 / (1 + exp(-z)) and cannot overflow.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _linear(z: Array) -> Array:
    return z.copy()


def _linear_d(z: Array, a: Array) -> Array:
    return np.ones_like(z)


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_into(z: Array, out: Array) -> Array:
    return np.maximum(z, 0.0, out=out)


def _tanh_into(z: Array, out: Array) -> Array:
    return np.tanh(z, out=out)


def _relu_d(z: Array, a: Array) -> Array:
    return (z > 0.0).astype(z.dtype)


def _leaky_relu(z: Array) -> Array:
    return np.where(z > 0.0, z, LEAKY_SLOPE * z)


def _leaky_relu_d(z: Array, a: Array) -> Array:
    return np.where(z > 0.0, 1.0, LEAKY_SLOPE)


def _elu(z: Array) -> Array:
    return np.where(z > 0.0, z, np.expm1(np.minimum(z, 0.0)))


def _elu_d(z: Array, a: Array) -> Array:
    return np.where(z > 0.0, 1.0, a + 1.0)  # d/dz (e^z - 1) = e^z = a + 1


def _sigmoid_d(z: Array, a: Array) -> Array:
    return a * (1.0 - a)


def _tanh(z: Array) -> Array:
    return np.tanh(z)


def _tanh_d(z: Array, a: Array) -> Array:
    return 1.0 - a * a


def _softplus(z: Array) -> Array:
    return np.logaddexp(0.0, z)


def _softplus_d(z: Array, a: Array) -> Array:
    return _sigmoid(z)


def _silu(z: Array) -> Array:
    return z * _sigmoid(z)


def _silu_d(z: Array, a: Array) -> Array:
    s = _sigmoid(z)
    return s + a * (1.0 - s)  # s + z s (1 - s), with a = z s


def _gelu(z: Array) -> Array:
    # The tanh approximation of z * Phi(z) (Hendrycks & Gimpel), as in GPT-2.
    a: Array = 0.5 * z * (1.0 + np.tanh(_GELU_C * (z + 0.044715 * z**3)))
    return a


def _gelu_d(z: Array, a: Array) -> Array:
    inner = _GELU_C * (z + 0.044715 * z**3)
    t = np.tanh(inner)
    d_inner = _GELU_C * (1.0 + 3 * 0.044715 * z * z)
    d: Array = 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * d_inner
    return d


@dataclass(frozen=True)
class Activation:
    """An elementwise activation.

    Attributes
    ----------
    name : str
        Table key.
    forward : callable
        ``forward(z) -> a``, both of shape (n_samples, n_units).
    derivative : callable
        ``derivative(z, a) -> f'(z)``, same shape as ``z``.
    saturation : tuple of float, or None
        Output bounds ``(low, high)`` of a squashing function. An output beyond
        97 % of the range, seen from its centre (within :data:`SATURATION_TAIL`
        of the range from either bound), has a derivative below about 6 % of its
        peak, so it counts as saturated.
    can_die : bool
        True for rectifiers, whose units die when ``z <= 0`` for every sample.
    forward_into : callable, optional
        ``forward_into(z, out) -> out``: the forward pass written into ``out``.
    """

    name: str
    forward: Callable[[Array], Array]
    derivative: Callable[[Array, Array], Array]
    saturation: tuple[float, float] | None = None
    can_die: bool = False
    forward_into: Callable[[Array, Array], Array] | None = None

    def saturated(self, a: Array) -> NDArray[np.bool_]:
        """Mask of saturated outputs; all False for non-squashing activations."""
        if self.saturation is None:
            return np.zeros(a.shape, dtype=bool)
        low, high = self.saturation
        margin = SATURATION_TAIL * (high - low)
        return (a <= low + margin) | (a >= high - margin)


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("linear", _linear, _linear_d),
        Activation("relu", _relu, _relu_d, can_die=True, forward_into=_relu_into),
        Activation("leaky_relu", _leaky_relu, _leaky_relu_d),  # its slope keeps units alive
        Activation("elu", _elu, _elu_d),
        Activation("sigmoid", _sigmoid, _sigmoid_d, saturation=(0.0, 1.0)),
        Activation("tanh", _tanh, _tanh_d, saturation=(-1.0, 1.0), forward_into=_tanh_into),
        Activation("softplus", _softplus, _softplus_d),
        Activation("silu", _silu, _silu_d),
        Activation("gelu", _gelu, _gelu_d),
    )
}

#: Names of the output-only functions, used by :mod:`playground.core.losses`.
sigmoid = _sigmoid
