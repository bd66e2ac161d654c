"""Each activation f(z) and its derivative f'(z) for the gallery, with what to notice in them.

The curves come from the tables the engine trains with: every hidden-layer activation of
:data:`~playground.core.activations.ACTIVATIONS` (``forward`` and ``derivative``), and the
softmax output head of :data:`~playground.core.losses.LOSSES`. With two classes, softmax of
the logits ``(0, z)`` gives ``p1 = 1 / (1 + exp(-z))``: it is the sigmoid of the logit
difference ``z = z1 - z0``, and its slope ``dp1/dz = p1 (1 - p1)`` is the diagonal of the
softmax Jacobian.

:func:`facts` reads the annotations off the curves themselves (where f' peaks and its
value, where it steps, the range of f), so they always describe the functions as coded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS
from playground.core.losses import LOSSES

Array = NDArray[np.float64]

#: The gallery's window of pre-activations z.
Z_RANGE = (-6.0, 6.0)
#: Samples of the window the facts are read from (an odd count puts one at z = 0).
FACT_SAMPLES = 2401
#: A jump of f' between two neighbouring samples larger than this is a step, not a slope.
STEP_JUMP = 0.05
#: Beyond this magnitude, f at z = ±1e8 counts as unbounded.
UNBOUNDED = 1e5
#: Places the z of a peak or a step is rounded to (the bisection leaves 1e-21 for 0).
Z_PLACES = 6
#: The output-only function of the gallery and the head whose link it is.
SOFTMAX = "softmax"
_SOFTMAX_HEAD = "cross_entropy"

#: A sentence per function about what it does to learning, shown under the plot.
LESSONS: dict[str, str] = {
    "linear": "No squashing: a network of linear layers is one linear map.",
    "relu": "Units whose z stays negative get no gradient at all and can die.",
    "leaky_relu": "The small negative-side slope keeps every unit learning.",
    "elu": "Smooth below zero, saturating at -1; the slope is e^z there.",
    "sigmoid": "Gradients shrink by at least 4x per sigmoid layer: deep stacks learn slowly.",
    "tanh": "Zero-centred, slope 1 at z = 0, but it saturates at ±1 like sigmoid.",
    "softplus": "A smooth ReLU: its slope is the sigmoid of z.",
    "silu": "z·sigmoid(z): dips below zero and its slope overshoots 1.",
    "gelu": "z·Φ(z) (tanh approximation): like SiLU, a slope above 1 past the knee.",
    SOFTMAX: (
        "Output layer only. With two classes softmax(0, z)₁ equals sigmoid(z), "
        "z being the logit difference."
    ),
}


def _softmax_pair(z: Array) -> tuple[Array, Array]:
    """Softmax of the logits ``(0, z)``: the second probability and its slope in ``z``."""
    link = LOSSES[_SOFTMAX_HEAD].link
    logits = np.column_stack([np.zeros(z.size), z.reshape(-1)])
    p = link(logits)[:, 1].reshape(z.shape)
    slope: Array = p * (1.0 - p)  # the diagonal of the softmax Jacobian
    return p, slope


def _table_pair(name: str) -> Callable[[Array], tuple[Array, Array]]:
    act = ACTIVATIONS[name]

    def pair(z: Array) -> tuple[Array, Array]:
        a = act.forward(z)
        return a, act.derivative(z, a)

    return pair


def gallery_names() -> list[str]:
    """Names the gallery shows: every hidden-layer activation, then the softmax head.

    Returns
    -------
    list of str
        The keys of ``ACTIVATIONS`` in table order, then ``"softmax"``.
    """
    return [*ACTIVATIONS, SOFTMAX]


def for_hidden_layers(name: str) -> bool:
    """Whether ``name`` can be a hidden layer's activation (softmax cannot)."""
    return name in ACTIVATIONS


def curve(name: str, z: Array) -> tuple[Array, Array]:
    """Compute the function and its derivative at ``z`` as the engine does.

    Parameters
    ----------
    name : str
        A key of :func:`gallery_names`.
    z : ndarray of shape (m,)
        Pre-activations.

    Returns
    -------
    f : ndarray of shape (m,)
        ``f(z)``.
    slope : ndarray of shape (m,)
        ``f'(z)``, from the table's ``derivative`` (softmax: ``p1 (1 - p1)``).
    """
    z = np.asarray(z, dtype=np.float64)
    if name == SOFTMAX:
        return _softmax_pair(z)
    if name not in ACTIVATIONS:
        raise KeyError(f"no activation named {name!r}")
    return _table_pair(name)(z)


def window(samples: int = FACT_SAMPLES) -> Array:
    """Return ``samples`` evenly spaced values of z over :data:`Z_RANGE`, shape (samples,)."""
    return np.linspace(Z_RANGE[0], Z_RANGE[1], samples)


@dataclass(frozen=True)
class Marker:
    """A point of f' worth a label: its position on the derivative's curve and the text."""

    z: float
    slope: float
    text: str


@dataclass(frozen=True)
class CurveFacts:
    """What the gallery annotates on one function's curves.

    Attributes
    ----------
    name : str
    for_hidden : bool
        Whether a hidden layer can use it.
    kind : str
        How f' behaves on the window: ``"peak"`` (one largest value inside it),
        ``"step"`` (it jumps), ``"constant"`` or ``"monotone"``.
    max_slope : float
        The largest f' on the window.
    at : float or None
        Where f' peaks (``"peak"``) or steps (``"step"``); None otherwise.
    slopes : tuple of float
        f' at the window's two ends; for a step, just before and just after it.
    low, high : float
        Infimum and supremum of f over all z (±inf when unbounded).
    low_attained, high_attained : bool
        Whether f reaches that bound (ReLU reaches 0, sigmoid never reaches 0).
    markers : tuple of Marker
        Points of f' to mark and label.
    notes : tuple of str
        Sentences to show beside the plot.
    """

    name: str
    for_hidden: bool
    kind: str
    max_slope: float
    at: float | None
    slopes: tuple[float, float]
    low: float
    high: float
    low_attained: bool
    high_attained: bool
    markers: tuple[Marker, ...]
    notes: tuple[str, ...]

    @property
    def range_text(self) -> str:
        """The range of f in interval notation, e.g. ``"(0, 1)"`` or ``"[0, ∞)"``."""
        left = "[" if self.low_attained else "("
        right = "]" if self.high_attained else ")"
        return f"{left}{_num(self.low)}, {_num(self.high)}{right}"


def _num(value: float) -> str:
    """Format a short number: 0.25, 1, 0.01, -0.278, ∞."""
    if np.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = f"{value:.3g}"
    return "0" if text == "-0" else text


def _step_point(pair: Callable[[Array], tuple[Array, Array]], lo: float, hi: float) -> float:
    """Bisect ``[lo, hi]`` down to where f' leaves its value at ``lo``."""
    left = float(pair(np.array([lo]))[1][0])
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if float(pair(np.array([mid]))[1][0]) == left:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _refine_peak(z: Array, d: Array, i: int) -> tuple[float, float]:
    """Fit a parabola through the samples around ``i``: the peak's z and value."""
    y0, y1, y2 = d[i - 1], d[i], d[i + 1]
    bend = y0 - 2.0 * y1 + y2
    if bend >= 0.0:
        return float(z[i]), float(y1)
    shift = 0.5 * (y0 - y2) / bend
    h = z[1] - z[0]
    return float(z[i] + shift * h), float(y1 - 0.25 * (y0 - y2) * shift)


def _bounds(pair: Callable[[Array], tuple[Array, Array]]) -> tuple[float, float, bool, bool]:
    """Infimum and supremum of f over all z, and whether the window reaches them."""
    tails = np.logspace(1.0, 8.0, 200)
    wide = np.concatenate([-tails[::-1], window(), tails])
    f = pair(wide)[0]
    inside = pair(window())[0]
    low, high = float(f.min()), float(f.max())
    low_hit = bool(abs(float(inside.min()) - low) <= 1e-12)
    high_hit = bool(abs(float(inside.max()) - high) <= 1e-12)
    if low < -UNBOUNDED:
        low, low_hit = -np.inf, False
    if high > UNBOUNDED:
        high, high_hit = np.inf, False
    return low, high, low_hit, high_hit


def facts(name: str) -> CurveFacts:
    """Read the annotations of one function off its curves (see :class:`CurveFacts`).

    Parameters
    ----------
    name : str
        A key of :func:`gallery_names`.

    Returns
    -------
    CurveFacts
    """
    pair = _softmax_pair if name == SOFTMAX else _table_pair(name)
    z = window()
    d = pair(z)[1]
    jumps = np.abs(np.diff(d))
    notes: list[str] = []
    markers: list[Marker] = []
    at: float | None = None
    slopes = (float(d[0]), float(d[-1]))
    max_slope = float(d.max())
    if float(np.ptp(d)) < 1e-12:
        kind = "constant"
        notes.append(f"f′(z) = {_num(max_slope)} everywhere.")
    elif float(jumps.max()) > STEP_JUMP:
        kind = "step"
        i = int(np.argmax(jumps))
        at = round(_step_point(pair, float(z[i]), float(z[i + 1])), Z_PLACES) + 0.0
        slopes = (float(d[i]), float(d[i + 1]))
        text = f"f′ steps from {_num(slopes[0])} to {_num(slopes[1])} at z = {_num(at)}"
        notes.append(text + ".")
        markers += [Marker(at, slopes[0], ""), Marker(at, slopes[1], text)]
    elif 0 < int(np.argmax(d)) < len(d) - 1 and max_slope > max(slopes) + 1e-9:
        kind = "peak"
        at, max_slope = _refine_peak(z, d, int(np.argmax(d)))
        at = round(at, Z_PLACES) + 0.0
        text = f"f′ peaks at {_num(max_slope)} at z = {_num(at)}"
        notes.append(text + ".")
        markers.append(Marker(at, max_slope, text))
    else:
        kind = "monotone"
        notes.append(
            f"f′ runs from {_num(slopes[0])} to {_num(slopes[1])} over z in "
            f"[{_num(Z_RANGE[0])}, {_num(Z_RANGE[1])}], never above {_num(max_slope)}."
        )
    low, high, low_hit, high_hit = _bounds(pair)
    result = CurveFacts(
        name=name,
        for_hidden=for_hidden_layers(name),
        kind=kind,
        max_slope=max_slope,
        at=at,
        slopes=slopes,
        low=low,
        high=high,
        low_attained=low_hit,
        high_attained=high_hit,
        markers=tuple(markers),
        notes=(),
    )
    notes.append(f"f(z) ranges over {result.range_text}.")
    if name in LESSONS:
        notes.append(LESSONS[name])
    return replace(result, notes=tuple(notes))
