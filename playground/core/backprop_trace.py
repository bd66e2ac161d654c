"""Backpropagation for one data point, layer by layer, with the equations and their numbers.

:func:`trace` runs the engine's forward pass (:func:`~playground.core.network.forward_pass`)
on a batch of one point and then the backward pass written out step by step with the
engine's own pieces: the head's ``Loss.delta`` and the activations' derivative tables.
Its gradient equals :meth:`Network.loss_and_gradient` on that one-point batch (the tests
hold it to 1e-12 for every activation and head). The course's names are used throughout:
``Z = A·W + b`` and ``A = g(Z)`` forwards; ``dZ``, ``dW = Aᵀ·dZ / m``, ``db = mean(dZ)``
and ``dA = dZ·Wᵀ`` backwards, with ``m = 1``.

:func:`equations` renders one phase of the trace (a layer, forwards or backwards) as
lines of readable Unicode with this point's numbers in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from playground.core.model import Model
from playground.core.network import forward_pass

Array = NDArray[np.float64]

__all__ = [
    "BackpropTrace",
    "LayerTrace",
    "equations",
    "format_number",
    "format_vector",
    "phases",
    "trace",
]

#: ``dZ`` of the output layer, by loss: the heads whose rule is the plain error ``A − Y``.
HEAD_RULES: dict[str, str] = {
    "binary_cross_entropy": "A − Y",
    "cross_entropy": "A − Y",
    "mse": "A − Y",
    "tanh_mse": "(A − Y) ⊙ (1 − A²)",
}
#: The general chain rule, for a head not in :data:`HEAD_RULES`.
GENERAL_RULE = "∂L/∂A ⊙ g′(Z)"
LOSS_FORMULAS: dict[str, str] = {
    "binary_cross_entropy": "L = −[Y·log A + (1 − Y)·log(1 − A)]",
    "cross_entropy": "L = −Σ Y·log A",
    "mse": "L = ½·Σ (A − Y)²",
    "tanh_mse": "L = ½·Σ (A − Y)²",
}
_G = {"sigmoid": "σ", "linear": "id"}
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: Entries of a vector (rows of a matrix) written out before the rest become "…".
MAX_SHOWN = 8


@dataclass(frozen=True, eq=False)
class LayerTrace:
    """One weight layer's share of the trace (layer ``l`` maps ``A[l-1]`` to ``A[l]``).

    Attributes
    ----------
    activation : str
        Name of ``g``: a hidden activation, or the head's output activation.
    w : ndarray of shape (fan_in, fan_out)
        The weights (a copy).
    b : ndarray of shape (fan_out,)
        The biases (a copy).
    a_in : ndarray of shape (fan_in,)
        ``A[l-1]``, the layer's input.
    z : ndarray of shape (fan_out,)
        ``Z = A[l-1]·W + b``.
    a : ndarray of shape (fan_out,)
        ``A = g(Z)``.
    g_prime : ndarray of shape (fan_out,)
        ``g′(Z)`` (for the output layer: of its output activation).
    delta : ndarray of shape (fan_out,)
        ``δ = dZ = ∂L/∂Z``.
    da : ndarray of shape (fan_out,)
        ``∂L/∂A`` of this layer's output (for the output layer: of the loss).
    dw : ndarray of shape (fan_in, fan_out)
        ``A[l-1]ᵀ·dZ / m``: the data's gradient of the weights, ``a_in[i]·δ[j]``.
    db : ndarray of shape (fan_out,)
        ``mean(dZ)``: the gradient of the biases.
    dw_penalty : ndarray of shape (fan_in, fan_out)
        The L1/L2 penalty's gradient ``l2·W + l1·sign(W)`` (zeros without penalties).
    """

    activation: str
    w: Array
    b: Array
    a_in: Array
    z: Array
    a: Array
    g_prime: Array
    delta: Array
    da: Array
    dw: Array
    db: Array
    dw_penalty: Array

    @property
    def grad_w(self) -> Array:
        """Return ``dw + dw_penalty``, the whole gradient of the weights (fan_in, fan_out)."""
        total: Array = self.dw + self.dw_penalty
        return total


@dataclass(frozen=True, eq=False)
class BackpropTrace:
    """Forward and backward values of every layer for one data point.

    Attributes
    ----------
    point : ndarray of shape (2,)
        The data point.
    label : float
        Its class index or regression target.
    inputs : ndarray of shape (n_inputs,)
        ``A[0]``: the network's inputs (features, scaled).
    feature_names : tuple of str
        The input features, in input order.
    target : ndarray of shape (n_outputs,)
        ``Y``: the encoded target.
    layers : tuple of LayerTrace
        Layer 1 (inputs to the first hidden layer) to layer L (the output layer).
    loss : float
        The data loss of this point.
    loss_name : str
        The head (a key of ``LOSSES``).
    head_rule : str
        The right-hand side of ``dZ[L] = …`` for this head.
    l1, l2 : float
        The penalty rates included in ``dw_penalty``.
    """

    point: Array
    label: float
    inputs: Array
    feature_names: tuple[str, ...]
    target: Array
    layers: tuple[LayerTrace, ...]
    loss: float
    loss_name: str
    head_rule: str
    l1: float = 0.0
    l2: float = 0.0

    @property
    def n_layers(self) -> int:
        """Return the number of weight layers L."""
        return len(self.layers)

    def flat_gradient(self) -> Array:
        """Return the gradient in the layout of ``Network.params``, shape (n_params,)."""
        parts = [p for layer in self.layers for p in (layer.grad_w.ravel(), layer.db)]
        return np.concatenate(parts)


def trace(
    model: Model, x_point: ArrayLike, target: float, l1: float = 0.0, l2: float = 0.0
) -> BackpropTrace:
    """Backpropagate one data point through ``model``.

    Parameters
    ----------
    model : Model
        The network (left unchanged).
    x_point : array_like of shape (2,)
        The point in data coordinates.
    target : float
        Its class index (classification) or target value (regression).
    l1, l2 : float
        Penalty rates, as the trainer adds them to the weights' gradient.

    Returns
    -------
    BackpropTrace
        ``flat_gradient()`` equals ``Network.loss_and_gradient`` on the batch of this point.
    """
    net = model.network
    point = np.asarray(x_point, dtype=np.float64).reshape(2)
    x = model.inputs(point)  # (1, n_inputs)
    t = model.targets(np.asarray([target]))  # (1, n_outputs)
    pre = [np.empty((1, k)) for k in net.sizes[1:]]
    hidden = [np.empty((1, k)) for k in net.sizes[1:-1]]
    logits = forward_pass(x, net.weights, net.biases, net.activations, pre, hidden)
    loss = net.loss
    out = loss.link(logits)
    acts = [x, *hidden, out]
    delta = loss.delta(logits, out, t)  # already divided by m = 1
    value = loss.value(logits, out, t)
    names = [*net.activation_names, loss.output]
    built: list[LayerTrace] = []
    grad_a, g_prime = _head_parts(loss.name, out, t, delta)
    for i in range(net.n_layers - 1, -1, -1):
        w, a_in = net.weights[i], acts[i]
        dw = a_in.T @ delta
        db = delta.sum(axis=0)
        penalty = l2 * w + l1 * np.sign(w)
        built.append(
            LayerTrace(
                names[i],
                w.copy(),
                net.biases[i].copy(),
                a_in[0].copy(),
                pre[i][0].copy(),
                acts[i + 1][0].copy(),
                g_prime[0].copy(),
                delta[0].copy(),
                grad_a[0].copy(),
                dw,
                db,
                penalty,
            )
        )
        if i > 0:
            grad_a = delta @ w.T
            g_prime = net.activations[i - 1].derivative(pre[i - 1], acts[i])
            delta = grad_a * g_prime
    return BackpropTrace(
        point=point,
        label=float(target),
        inputs=x[0].copy(),
        feature_names=tuple(model.features.names),
        target=t[0].copy(),
        layers=tuple(reversed(built)),
        loss=float(value),
        loss_name=loss.name,
        head_rule=HEAD_RULES.get(loss.name, GENERAL_RULE),
        l1=float(l1),
        l2=float(l2),
    )


def _head_parts(loss_name: str, a: Array, t: Array, delta: Array) -> tuple[Array, Array]:
    """``(∂L/∂A, g′(Z))`` of the output layer for one point.

    The tanh head's ``dZ`` is the chain rule written out, ``(A − Y) ⊙ (1 − A²)``. The other
    heads fold their output activation into the loss, ``dZ = A − Y``: their ``∂L/∂A`` is
    given as ``dZ`` itself and ``g′`` as ones.
    """
    if loss_name == "tanh_mse":
        return a - t, 1.0 - a * a
    return delta, np.ones_like(delta)


# -- phases and equations ---------------------------------------------------------------------
def phases(n_layers: int) -> list[tuple[str, int]]:
    """Return the inspector's steps: ("forward", 1..L), then ("backward", L..1)."""
    forward = [("forward", layer) for layer in range(1, n_layers + 1)]
    backward = [("backward", layer) for layer in range(n_layers, 0, -1)]
    return forward + backward


def format_number(value: float, digits: int = 3) -> str:
    """Write ``value`` with ``digits`` significant digits and a true minus: 0.312, −1.2, 3e−5."""
    value = float(value)
    if not np.isfinite(value):
        return "nan" if np.isnan(value) else ("∞" if value > 0 else "−∞")
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def format_vector(values: ArrayLike, digits: int = 3) -> str:
    """Write a vector as ``[0.31, −1.2]``, the middle left out as "…" beyond :data:`MAX_SHOWN`."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    shown = [format_number(v, digits) for v in flat[:MAX_SHOWN]]
    if flat.size > MAX_SHOWN:
        shown[-1] = "…"
        shown.append(format_number(flat[-1], digits))
    return "[" + ", ".join(shown) + "]"


def _matrix(values: Array) -> str:
    rows = [format_vector(row) for row in values[:MAX_SHOWN]]
    if len(values) > MAX_SHOWN:
        rows[-1] = "…"
    return "[" + ", ".join(rows) + "]"


def _sub(index: int) -> str:
    return str(index).translate(_SUB)


def _g(name: str) -> str:
    return _G.get(name, name)


def equations(t: BackpropTrace, layer: int, phase: str) -> list[str]:
    """Lines of one phase with this point's numbers, e.g. ``Z₁ = A₀·W₁ + b₁ = [0.31, −1.2]``.

    Parameters
    ----------
    t : BackpropTrace
        The trace.
    layer : int
        1..L (layer L is the output layer).
    phase : str
        ``forward`` or ``backward``.

    Returns
    -------
    list of str
        One equation (or remark) per line.
    """
    if not 1 <= layer <= t.n_layers or phase not in ("forward", "backward"):
        raise ValueError(f"no {phase} phase for layer {layer} of {t.n_layers}")
    lt = t.layers[layer - 1]
    return _forward(t, lt, layer) if phase == "forward" else _backward(t, lt, layer)


def _forward(t: BackpropTrace, lt: LayerTrace, layer: int) -> list[str]:
    k, p = _sub(layer), _sub(layer - 1)
    last = layer == t.n_layers
    lines = []
    if layer == 1:
        names = ", ".join(t.feature_names)
        lines.append(f"A₀ = inputs ({names}) = {format_vector(t.inputs)}")
    lines += [
        f"Z{k} = A{p}·W{k} + b{k}",
        f"   = {format_vector(lt.a_in)}·W{k} + {format_vector(lt.b)}",
        f"   = {format_vector(lt.z)}",
        f"A{k} = {_g(lt.activation)}(Z{k}) = {format_vector(lt.a)}",
    ]
    if last:
        formula = LOSS_FORMULAS.get(t.loss_name, f"L = {t.loss_name}(A, Y)")
        lines += [
            f"Y = {format_vector(t.target)}  (the point's target)",
            f"{formula} = {format_number(t.loss, 4)}",
        ]
    return lines


def _backward(t: BackpropTrace, lt: LayerTrace, layer: int) -> list[str]:
    k, p = _sub(layer), _sub(layer - 1)
    lines = []
    if layer == t.n_layers:
        rule = t.head_rule.replace("A", f"A{k}").replace("Z", f"Z{k}")
        if t.head_rule == HEAD_RULES.get(t.loss_name) and t.head_rule == "A − Y":
            numbers = f"{format_vector(lt.a)} − {format_vector(t.target)}"
            head = {"cross_entropy": "softmax", "mse": "linear"}.get(t.loss_name, "sigmoid")
            lines.append(f"dZ{k} = {rule}  ({head} head: the error)")
            lines.append(f"    = {numbers} = {format_vector(lt.delta)}")
        else:
            lines.append(f"dZ{k} = {rule}")
            lines.append(
                f"    = {format_vector(lt.da)} ⊙ {format_vector(lt.g_prime)} = "
                f"{format_vector(lt.delta)}"
            )
    else:
        lines.append(f"dZ{k} = dA{k} ⊙ {_g(lt.activation)}′(Z{k})")
        lines.append(
            f"    = {format_vector(lt.da)} ⊙ {format_vector(lt.g_prime)} = "
            f"{format_vector(lt.delta)}"
        )
    lines += [
        f"dW{k} = A{p}ᵀ·dZ{k} / m  (m = 1: each edge's a_in·δ)",
        f"    = {_matrix(lt.dw)}",
        f"db{k} = mean(dZ{k}) = {format_vector(lt.db)}",
    ]
    if t.l1 or t.l2:
        lines.append(
            f"∂L/∂W{k} = dW{k} + λ₂·W{k} + λ₁·sign(W{k})  (λ₁ = {format_number(t.l1)}, "
            f"λ₂ = {format_number(t.l2)}) = {_matrix(lt.grad_w)}"
        )
    if layer > 1:
        da_prev = lt.delta @ lt.w.T
        lines.append(f"dA{p} = dZ{k}·W{k}ᵀ = {format_vector(da_prev)}")
    return lines


def node_values(t: BackpropTrace, phase: str, layer: int) -> list[Array | None]:
    """Return per diagram column (inputs, hidden…, outputs) the values a phase shows, or None.

    Forwards up to ``layer``: ``A`` of every column reached (``A₀`` the inputs). Backwards
    from ``layer``: ``δ`` of every column from ``layer`` on, ``A`` before it.
    """
    a_values: list[Array] = [t.inputs, *(lt.a for lt in t.layers)]
    out: list[Array | None] = []
    for column, a in enumerate(a_values):
        if phase == "forward":
            out.append(a if column <= layer else None)
        elif column >= layer and column >= 1:
            out.append(t.layers[column - 1].delta)
        else:
            out.append(a)
    return out


def layer_gradients(t: BackpropTrace, phase: str, layer: int) -> Sequence[Array | None]:
    """Return per weight layer ``dW`` (each edge's ``a_in·δ``) once the backward pass is there."""
    if phase != "backward":
        return [None] * t.n_layers
    return [lt.dw if index + 1 >= layer else None for index, lt in enumerate(t.layers)]
