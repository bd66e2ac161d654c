"""The formulas behind every control, written as the engine computes them, in Unicode.

One table per name -> implementation table of the core (activations, losses,
optimizers, initialisers), keyed the same way, and one for the settings of
:data:`~playground.core.settings.SETTINGS` whose effect a formula says best. The
help sentence of a setting stays in the rule book; a formula stands beside it.

Formula lines are mathematics only (symbols, numbers, the code's names such as
``fan_in``), so they read the same in every language and are never translated.
Words go into ``note`` fields and :data:`SYMBOLS`, which the window translates.
The tests hold the lines to the code: every key of each table has an entry, the
activations' lines are evaluated against the engine's functions, the initialisers'
variances against drawn weights, and an optimizer's symbols against its attributes.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from playground.core.activations import LEAKY_SLOPE
from playground.core.features import FEATURES
from playground.core.optimizers import OPTIMIZERS

__all__ = [
    "ACTIVATION_FORMULAS",
    "DATA_FORMULAS",
    "INITIALIZER_FORMULAS",
    "LOSS_FORMULAS",
    "OPTIMIZER_FORMULAS",
    "SETTING_FORMULAS",
    "SYMBOLS",
    "ActivationFormula",
    "Formula",
    "InitializerFormula",
    "OptimizerFormula",
    "constants_line",
    "notes",
]


@dataclass(frozen=True)
class Formula:
    """Lines of mathematics, and a sentence about them.

    Attributes
    ----------
    lines : tuple of str
        Each line one equation or update rule, e.g. ``"w ← w − η·∂L/∂w"``.
    note : str
        Words the lines need (English; the window translates it), or ``""``.
    """

    lines: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ActivationFormula:
    """An activation ``a = f(z)`` and its slope, in the form backprop uses.

    Attributes
    ----------
    value : str
        ``f(z)``; equal forms are separated by ``" = "``. A piecewise function reads
        ``"z (z > 0), 0.01·z (z ≤ 0)"``.
    slope : str
        ``f′(z)``, written with ``a = f(z)`` where the engine does so.
    where : str
        A helper the two use, such as ``"t = tanh(...)"``, or ``""``.
    """

    value: str
    slope: str
    where: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines shown: ``f(z) = ...``, ``f′(z) = ...`` and the helper, if any."""
        lines = (f"f(z) = {self.value}", f"f′(z) = {self.slope}")
        return (*lines, self.where) if self.where else lines


@dataclass(frozen=True)
class OptimizerFormula:
    """An optimizer's update of the weights ``w`` from the batch gradient ``g``.

    Attributes
    ----------
    lines : tuple of str
        The update rules, in the order the code applies them.
    symbols : dict of str to str
        Each symbol of the lines (other than ``w`` and ``g``) and the attribute of
        the optimizer that holds it, e.g. ``{"η": "learning_rate"}``.
    note : str
        Words the lines need, or ``""``.
    """

    lines: tuple[str, ...]
    symbols: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class InitializerFormula:
    """How an initialiser draws a weight matrix of shape (fan_in, fan_out).

    Attributes
    ----------
    draw : str
        The distribution, e.g. ``"w ~ U(−l, l), l = √(6 / fan_in)"``.
    variance : str
        ``Var(w)`` in ``fan_in`` and ``fan_out``, e.g. ``"2 / fan_in"``.
    """

    draw: str
    variance: str

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines shown: the draw, then ``Var(w) = ...``."""
        return (self.draw, f"Var(w) = {self.variance}")


_SLOPE = f"{LEAKY_SLOPE:g}"

#: f and f′ of every hidden-layer activation, by key of ``ACTIVATIONS``.
ACTIVATION_FORMULAS: dict[str, ActivationFormula] = {
    "linear": ActivationFormula("z", "1"),
    "relu": ActivationFormula("max(0, z)", "1 (z > 0), 0 (z ≤ 0)"),
    "leaky_relu": ActivationFormula(
        f"z (z > 0), {_SLOPE}·z (z ≤ 0)", f"1 (z > 0), {_SLOPE} (z ≤ 0)"
    ),
    "elu": ActivationFormula("z (z > 0), eᶻ − 1 (z ≤ 0)", "1 (z > 0), a + 1 (z ≤ 0)"),
    "sigmoid": ActivationFormula("σ(z) = 1 / (1 + e⁻ᶻ)", "a·(1 − a)"),
    "tanh": ActivationFormula("tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)", "1 − a²"),
    "softplus": ActivationFormula("ln(1 + eᶻ)", "σ(z)"),
    "silu": ActivationFormula("z·σ(z)", "σ(z) + a·(1 − σ(z))"),
    "gelu": ActivationFormula(
        "½·z·(1 + t)",
        "½·(1 + t) + ½·z·(1 − t²)·√(2/π)·(1 + 0.134145·z²)",
        "t = tanh(√(2/π)·(z + 0.044715·z³))",
    ),
}

#: The output activation and the loss of every head, by key of ``LOSSES``; n is the batch.
LOSS_FORMULAS: dict[str, Formula] = {
    "binary_cross_entropy": Formula(
        ("ŷ = σ(z)", "L = −(1/n)·Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)]", "∂L/∂z = (ŷ − y) / n"),
        "For two classes, y ∈ {0, 1}: the output is the probability of class 1.",
    ),
    "cross_entropy": Formula(
        (
            "ŷₖ = softmax(z)ₖ = exp(zₖ) / Σⱼ exp(zⱼ)",
            "L = −(1/n)·Σ Σₖ yₖ·ln ŷₖ",
            "∂L/∂z = (ŷ − y) / n",
        ),
        "For several classes; y is 1 for the point's class and 0 for the others.",
    ),
    "mse": Formula(
        ("ŷ = z", "L = (1/2n)·Σ (ŷ − y)²", "∂L/∂z = (ŷ − y) / n"),
        "For regression: the output is the number itself.",
    ),
    "tanh_mse": Formula(
        ("ŷ = tanh(z)", "L = (1/2n)·Σ (ŷ − y)²", "∂L/∂z = (ŷ − y)·(1 − ŷ²) / n"),
        "TensorFlow Playground's head: classes 0 and 1 become the targets −1 and +1.",
    ),
}

#: Every optimizer's update rule, by key of ``OPTIMIZERS``; g is the batch gradient ∂L/∂w.
OPTIMIZER_FORMULAS: dict[str, OptimizerFormula] = {
    "sgd": OptimizerFormula(("w ← w − η·g",), {"η": "learning_rate"}),
    "momentum": OptimizerFormula(
        ("v ← μ·v − η·g", "w ← w + v", "Nesterov: w ← w + μ·v − η·g"),
        {"η": "learning_rate", "μ": "momentum", "v": "velocity"},
        "The velocity v keeps a share μ of the last step; Nesterov's variant takes the "
        "gradient a step ahead.",
    ),
    "rmsprop": OptimizerFormula(
        ("s ← ρ·s + (1 − ρ)·g²", "w ← w − η·g / (√s + ε)"),
        {"η": "learning_rate", "ρ": "rho", "ε": "epsilon", "s": "square_avg"},
        "Each weight's step is divided by the root of its mean square gradient.",
    ),
    "adam": OptimizerFormula(
        ("t ← t + 1", "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²",
         "w ← w − η·√(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε)"),
        {"η": "learning_rate", "β₁": "beta1", "β₂": "beta2", "ε": "epsilon",
         "m": "m", "v": "v", "t": "t"},
        "Mean m and mean square v of the gradient, with both bias corrections folded "
        "into the step size.",
    ),
}  # fmt: skip

#: How every initialiser draws the weights, by key of ``INITIALIZERS``.
INITIALIZER_FORMULAS: dict[str, InitializerFormula] = {
    "zeros": InitializerFormula("w = 0", "0"),
    "small_normal": InitializerFormula("w = 0.01·N(0, 1)", "0.0001"),
    "xavier_uniform": InitializerFormula(
        "w ~ U(−l, l), l = √(6 / (fan_in + fan_out))", "2 / (fan_in + fan_out)"
    ),
    "xavier_normal": InitializerFormula("w ~ N(0, Var(w))", "2 / (fan_in + fan_out)"),
    "he_normal": InitializerFormula("w ~ N(0, Var(w))", "2 / fan_in"),
    "he_uniform": InitializerFormula("w ~ U(−l, l), l = √(6 / fan_in)", "2 / fan_in"),
}

_FEATURE_LABELS = ", ".join(feature.label for feature in FEATURES.values())

#: Formulas of the settings of ``SETTINGS`` that have one, by setting name.
SETTING_FORMULAS: dict[str, Formula] = {
    "learning_rate": Formula(
        ("w ← w − η·∂L/∂w",),
        "η is the learning rate: plain gradient descent moves every weight η times its "
        "gradient; the other optimizers shape the step but keep η as its scale.",
    ),
    "batch_size": Formula(
        ("g = (1/B)·Σᵢ ∂Lᵢ/∂w",),
        "The gradient is the mean over the B points of a mini-batch. The training points "
        "are shuffled every epoch, which takes ⌈n / B⌉ steps (the last batch may be smaller).",
    ),
    "l1": Formula(
        ("L + λ₁·Σ|w|", "∂/∂w: + λ₁·sign(w)"),
        "Added to the batch's mean loss, over the weights only.",
    ),
    "l2": Formula(
        ("L + ½·λ₂·Σw²", "∂/∂w: + λ₂·w"),
        "Added to the batch's mean loss, over the weights only; with the ½ the gradient "
        "is λ₂·w (weight decay).",
    ),
    "momentum": Formula(("v ← μ·v − η·g", "w ← w + v")),
    "nesterov": Formula(("v ← μ·v − η·g", "w ← w + μ·v − η·g")),
    "bias_init": Formula(("b = b₀",), "Every bias starts at this value; the weights are drawn."),
    "init": Formula(("W ~ init(fan_in, fan_out)",), "Each layer's weights, drawn once."),
    "hidden": Formula(("aˡ = f(aˡ⁻¹·Wˡ + bˡ)",), "Every hidden layer, first to last."),
    "features": Formula(
        (_FEATURE_LABELS, "φ̃ = (φ − mean φ) / std φ"),
        "Each feature is standardised over the points when the network is made.",
    ),
    "loss": Formula(("L(ŷ, y) → min",)),
}

#: Formulas of the data generator's controls, by control name.
DATA_FORMULAS: dict[str, Formula] = {
    "noise": Formula(
        ("x ← x + noise·r·u, u ~ U(−1, 1)",),
        "Moves every point at random; r depends on the preset (its tooltip says how).",
    ),
    "test_ratio": Formula(
        ("n_test = ratio·n",),
        "The points held out of training; the test loss is measured on them.",
    ),
}

#: What each symbol of the formulas stands for (English; the window translates it).
SYMBOLS: dict[str, str] = {
    "w": "a weight",
    "g": "the gradient ∂L/∂w of the batch",
    "η": "the learning rate",
    "μ": "the momentum",
    "v": "the velocity, or Adam's mean square gradient",
    "s": "the mean square gradient",
    "m": "the mean gradient",
    "t": "the step count",
    "ρ": "the decay rate of the mean square",
    "β₁": "the decay rate of the mean gradient",
    "β₂": "the decay rate of the mean square gradient",
    "ε": "a small number that keeps the division finite",
    "λ₁": "the L1 rate",
    "λ₂": "the L2 rate",
    "B": "the batch size",
    "n": "the number of points",
    "z": "a unit's pre-activation",
    "a": "its activation f(z)",
    "ŷ": "the network's output",
    "y": "the target",
}


def constants_line(name: str) -> str:
    """Return the fixed constants of optimizer ``name``, as the code's defaults set them.

    Parameters
    ----------
    name : str
        A key of :data:`~playground.core.optimizers.OPTIMIZERS`.

    Returns
    -------
    str
        For instance ``"β₁ = 0.9, β₂ = 0.999, ε = 1e-08"``, or ``""`` when every
        symbol of the formula is a setting.
    """
    formula = OPTIMIZER_FORMULAS[name]
    signature = inspect.signature(OPTIMIZERS[name].__init__)
    settings = {"learning_rate", "momentum", "nesterov"}
    parts = []
    for symbol, attribute in formula.symbols.items():
        parameter = signature.parameters.get(attribute)
        if parameter is not None and attribute not in settings:
            parts.append(f"{symbol} = {parameter.default:g}")
    return ", ".join(parts)


def notes() -> list[str]:
    """Return every sentence of the tables, for the window's translation catalogue.

    Returns
    -------
    list of str
        Each distinct ``note`` and symbol meaning, in table order.
    """
    found: list[str] = []
    tables: list[dict[str, Formula] | dict[str, OptimizerFormula]] = [
        LOSS_FORMULAS,
        OPTIMIZER_FORMULAS,
        SETTING_FORMULAS,
        DATA_FORMULAS,
    ]
    for table in tables:
        found += [entry.note for entry in table.values() if entry.note]
    found += list(SYMBOLS.values())
    return list(dict.fromkeys(found))
