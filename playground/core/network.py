"""The multilayer perceptron: forward pass, backprop and one flat parameter buffer.

Layer ``l`` computes ``Z = A @ W + b`` with ``W`` of shape (fan_in, fan_out), then
``A' = f(Z)``. All weights and biases live in one flat vector ``params`` laid out
as ``[W1, b1, W2, b2, ...]``; ``weights[l]`` and ``biases[l]`` are views into it,
and ``grads`` has the same layout. An optimizer step is therefore a few
vectorised operations on two flat arrays, whatever the depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS, Activation
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES, Loss
from playground.core.settings import MAX_HIDDEN_LAYERS, MAX_UNITS, SETTINGS

Array = NDArray[np.float64]
#: float64, or float32 where the grid probes trade precision for speed.
Floats = NDArray[Any]

__all__ = ["MAX_HIDDEN_LAYERS", "MAX_UNITS", "Network", "forward_pass"]


def forward_pass(
    x: Floats,
    weights: Sequence[Floats],
    biases: Sequence[Floats],
    activations: Sequence[Activation],
    pre: Sequence[Floats],
    hidden: Sequence[Floats],
) -> Floats:
    """Evaluate the layers on ``x``, writing every layer's values into the arrays given.

    This is the one forward pass: training, evaluation and the grid probes call it
    with arrays of their own (reused work arrays, fresh arrays, or row blocks in
    float32). All arrays share one float dtype.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_inputs)
        Network inputs.
    weights, biases : sequence of ndarray
        Layer ``l``'s ``W`` of shape (fan_in, fan_out) and ``b`` of shape (fan_out,).
    activations : sequence of Activation
        One per hidden layer.
    pre : sequence of ndarray, each (n_samples, fan_out), C-contiguous
        Receive each layer's pre-activation ``Z = A @ W + b``; the last one gets
        the output layer's, the logits.
    hidden : sequence of ndarray, each (n_samples, units)
        Receive each hidden layer's activation ``f(Z)``.

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)
        ``pre[-1]``: the logits (``loss.link`` gives the output activation).
    """
    a = x
    for w, b, act, z, out in zip(weights, biases, activations, pre, hidden):
        np.dot(a, w, out=z)  # np.dot: less overhead than matmul on small batches
        z += b
        if act.forward_into is not None:
            act.forward_into(z, out)
        else:
            out[...] = act.forward(z)
        a = out
    logits = pre[-1]
    np.dot(a, weights[-1], out=logits)
    logits += biases[-1]
    return logits


class Network:
    """A fully connected network with per-layer hidden activations and a loss head.

    Parameters
    ----------
    sizes : sequence of int
        ``(n_inputs, h1, ..., hL, n_outputs)``.
    activations : sequence of str
        One key of ``ACTIVATIONS`` per hidden layer.
    loss : str
        Key of ``LOSSES``; it fixes the output activation.
    """

    def __init__(self, sizes: Sequence[int], activations: Sequence[str], loss: str) -> None:
        sizes = tuple(int(s) for s in sizes)
        if len(sizes) < 2 or min(sizes) < 1 or max(sizes) > MAX_UNITS:
            raise ValueError(f"layer sizes must be 1..{MAX_UNITS}, got {sizes}")
        if len(sizes) - 2 > MAX_HIDDEN_LAYERS:
            raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers")
        if len(activations) != len(sizes) - 2:
            raise ValueError(f"{len(sizes) - 2} hidden layers need as many activations")
        problem = SETTINGS["activations"].problem(tuple(activations)) or SETTINGS["loss"].problem(
            loss
        )
        if problem is not None:
            raise ValueError(problem)
        self.sizes = sizes
        self.activation_names = tuple(activations)
        self.activations: tuple[Activation, ...] = tuple(ACTIVATIONS[a] for a in activations)
        self.loss: Loss = LOSSES[loss]

        shapes = [(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
        self.n_params = sum(fi * fo + fo for fi, fo in shapes)
        self.params = np.zeros(self.n_params)
        self.grads = np.zeros(self.n_params)
        # Offsets of each W and b block, for per-layer reductions (np.add.reduceat).
        self.block_offsets = np.zeros(2 * len(shapes), dtype=np.intp)
        self.weight_mask = np.zeros(self.n_params)
        self.weights: list[Array] = []
        self.biases: list[Array] = []
        self.grad_weights: list[Array] = []
        self.grad_biases: list[Array] = []
        pos = 0
        for i, (fi, fo) in enumerate(shapes):
            self.block_offsets[2 * i] = pos
            self.weights.append(self.params[pos : pos + fi * fo].reshape(fi, fo))
            self.grad_weights.append(self.grads[pos : pos + fi * fo].reshape(fi, fo))
            self.weight_mask[pos : pos + fi * fo] = 1.0
            pos += fi * fo
            self.block_offsets[2 * i + 1] = pos
            self.biases.append(self.params[pos : pos + fo])
            self.grad_biases.append(self.grads[pos : pos + fo])
            pos += fo
        self._zs: list[Array] = []
        self._as: list[Array] = []
        # Reusable work arrays per batch size: (Z per layer, hidden outputs, hidden deltas).
        self._work: dict[int, tuple[list[Array], list[Array], list[Array]]] = {}

    def _buffers(self, n: int) -> tuple[list[Array], list[Array], list[Array]]:
        """Work arrays for a batch of ``n`` rows, allocated once and reused every step."""
        work = self._work.get(n)
        if work is None:
            if len(self._work) >= 8:
                self._work.clear()
            hidden = self.sizes[1:-1]
            work = self._work[n] = (
                [np.empty((n, k)) for k in self.sizes[1:]],
                [np.empty((n, k)) for k in hidden],
                [np.empty((n, k)) for k in hidden],
            )
        return work

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + output)."""
        return len(self.weights)

    def __repr__(self) -> str:
        """Show the layers, the head and the parameter count."""
        hidden = ", ".join(f"{n} {a}" for n, a in zip(self.sizes[1:-1], self.activation_names))
        return (
            f"Network({self.sizes[0]} in -> [{hidden}] -> {self.sizes[-1]} "
            f"{self.loss.output}, loss={self.loss.name}, {self.n_params} params)"
        )

    def initialize(self, init: str, rng: np.random.Generator, bias: float = 0.0) -> None:
        """Draw all weights with initialiser ``init`` and set every bias to ``bias``."""
        problem = SETTINGS["init"].problem(init)
        if problem is not None:
            raise ValueError(problem)
        draw = INITIALIZERS[init]
        for w, b in zip(self.weights, self.biases):
            w[...] = draw(rng, *w.shape)
            b[...] = bias

    def get_params(self) -> Array:
        """Return a copy of the flat parameter vector, shape (n_params,)."""
        return self.params.copy()

    def set_params(self, flat: Array) -> None:
        """Overwrite all parameters from a flat vector of shape (n_params,)."""
        flat = np.asarray(flat, dtype=np.float64)
        if flat.shape != (self.n_params,):
            raise ValueError(f"expected {self.n_params} parameters, got shape {flat.shape}")
        self.params[...] = flat

    def forward(self, x: Array) -> Array:
        """Forward pass that keeps what backprop needs.

        Parameters
        ----------
        x : ndarray of shape (n_samples, n_inputs)

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)
            Output activations (probabilities or values).
        """
        z_work, a_work, _ = self._buffers(len(x))
        logits = forward_pass(x, self.weights, self.biases, self.activations, z_work, a_work)
        out = self.loss.link(logits)
        self._zs = z_work
        self._as = [x, *a_work, out]
        return out

    def backward(self, t: Array) -> float:
        """Backprop from the last :meth:`forward` and fill ``grads``.

        Parameters
        ----------
        t : ndarray of shape (n_samples, n_outputs)
            Encoded targets (see ``Loss.encode``).

        Returns
        -------
        float
            The mean data loss of the batch.
        """
        zs, acts = self._zs, self._as
        z_out, a_out = zs[-1], acts[-1]
        delta_work = self._buffers(len(t))[2]
        delta = self.loss.delta(z_out, a_out, t)
        for i in range(self.n_layers - 1, -1, -1):
            np.dot(acts[i].T, delta, out=self.grad_weights[i])
            np.add.reduce(delta, axis=0, out=self.grad_biases[i])
            if i > 0:
                delta = np.dot(delta, self.weights[i].T, out=delta_work[i - 1])
                delta *= self.activations[i - 1].derivative(zs[i - 1], acts[i])
        return self.loss.value(z_out, a_out, t)

    def loss_and_gradient(self, x: Array, t: Array, l1: float = 0.0, l2: float = 0.0) -> float:
        """Mean data loss of a batch; ``grads`` gets the gradient of loss + penalty.

        The penalty is ``l1 * sum|W| + 0.5 * l2 * sum W²`` over the weights
        (never the biases). It is added to the gradient but not to the returned
        loss, which is the data loss the plots show.
        """
        self.forward(x)
        loss = self.backward(t)
        if l2:
            self.grads += l2 * self.weight_mask * self.params
        if l1:
            self.grads += l1 * self.weight_mask * np.sign(self.params)
        return loss

    def penalty(self, l1: float = 0.0, l2: float = 0.0) -> float:
        """Value of the weight penalty whose gradient :meth:`loss_and_gradient` adds."""
        w = self.params * self.weight_mask
        return float(l1 * np.abs(w).sum() + 0.5 * l2 * (w * w).sum())

    def logits(self, x: Array) -> Array:
        """Output pre-activations for ``x`` in reusable work arrays, valid until the next pass."""
        z_work, a_work, _ = self._buffers(len(x))
        return forward_pass(x, self.weights, self.biases, self.activations, z_work, a_work)

    def layer_outputs(self, x: Array) -> tuple[list[Array], Array]:
        """Evaluate without touching backprop state.

        Parameters
        ----------
        x : ndarray of shape (n_samples, n_inputs)

        Returns
        -------
        hidden : list of ndarray, each (n_samples, units)
            Every hidden layer's activations.
        logits : ndarray of shape (n_samples, n_outputs)
            The output layer's pre-activation; ``loss.link(logits)`` gives the output.
        """
        n = len(x)
        pre = [np.empty((n, k)) for k in self.sizes[1:]]
        hidden = [np.empty((n, k)) for k in self.sizes[1:-1]]
        logits = forward_pass(x, self.weights, self.biases, self.activations, pre, hidden)
        return hidden, logits

    def predict(self, x: Array) -> Array:
        """Output activations for ``x`` (n_samples, n_inputs) -> (n_samples, n_outputs)."""
        return self.loss.link(self.layer_outputs(x)[1])
