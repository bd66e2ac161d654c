"""The multilayer perceptron: forward pass, backprop and one flat parameter buffer.

Layer ``l`` computes ``Z = A @ W + b`` with ``W`` of shape (fan_in, fan_out), then
``A' = f(Z)``. All weights and biases live in one flat vector ``params`` laid out
as ``[W1, b1, W2, b2, ...]``; ``weights[l]`` and ``biases[l]`` are views into it,
and ``grads`` has the same layout. An optimizer step is therefore a few
vectorised operations on two flat arrays, whatever the depth.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from playground.core.activations import ACTIVATIONS, Activation
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES, Loss

Array = NDArray[np.float64]

MAX_UNITS = 1024
MAX_HIDDEN_LAYERS = 32


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
        unknown = [a for a in activations if a not in ACTIVATIONS]
        if unknown:
            choices = ", ".join(ACTIVATIONS)
            raise ValueError(f"unknown activation {unknown[0]!r}; choose from {choices}")
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}; choose from {', '.join(LOSSES)}")
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
        hidden = ", ".join(f"{n} {a}" for n, a in zip(self.sizes[1:-1], self.activation_names))
        return (
            f"Network({self.sizes[0]} in -> [{hidden}] -> {self.sizes[-1]} "
            f"{self.loss.output}, loss={self.loss.name}, {self.n_params} params)"
        )

    def initialize(self, init: str, rng: np.random.Generator, bias: float = 0.0) -> None:
        """Draw all weights with initialiser ``init`` and set every bias to ``bias``."""
        try:
            draw = INITIALIZERS[init]
        except KeyError:
            choices = ", ".join(INITIALIZERS)
            raise ValueError(f"unknown initialiser {init!r}; choose from {choices}") from None
        for w, b in zip(self.weights, self.biases):
            w[...] = draw(rng, *w.shape)
            b[...] = bias

    def get_params(self) -> Array:
        """A copy of the flat parameter vector, shape (n_params,)."""
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
        zs, acts = self._zs, self._as
        zs.clear()
        acts.clear()
        z_work, a_work, _ = self._buffers(len(x))
        a = x
        acts.append(a)
        last = self.n_layers - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = np.dot(a, w, out=z_work[i])
            z += b
            if i == last:
                a = self.loss.link(z)
            elif self.activations[i].forward_into is not None:
                a = self.activations[i].forward_into(z, a_work[i])
            else:
                a = self.activations[i].forward(z)
            zs.append(z)
            acts.append(a)
        return a

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
        a = x
        for i, (w, b, act) in enumerate(zip(self.weights[:-1], self.biases[:-1], self.activations)):
            z = np.dot(a, w, out=z_work[i])
            z += b
            a = act.forward(z) if act.forward_into is None else act.forward_into(z, a_work[i])
        z = np.dot(a, self.weights[-1], out=z_work[-1])
        z += self.biases[-1]
        return z

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
        hidden: list[Array] = []
        a = x
        for w, b, act in zip(self.weights[:-1], self.biases[:-1], self.activations):
            z = a @ w
            z += b
            a = act.forward(z)
            hidden.append(a)
        logits = a @ self.weights[-1]
        logits += self.biases[-1]
        return hidden, logits

    def predict(self, x: Array) -> Array:
        """Output activations for ``x`` (n_samples, n_inputs) -> (n_samples, n_outputs)."""
        return self.loss.link(self.layer_outputs(x)[1])
