"""The formulas shown beside the controls say what the engine computes.

Every key of every core table has a formula, so a new activation, loss, optimizer or
initialiser without one fails here. The activations' lines are evaluated and compared
with the engine's functions, the initialisers' variances with drawn weights, and an
optimizer's symbols with the attributes of the class.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from playground.core import formulas as fm
from playground.core.activations import ACTIVATIONS
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES
from playground.core.network import Network
from playground.core.optimizers import OPTIMIZERS, make_optimizer
from playground.core.settings import SETTINGS

#: Unicode notation -> Python, for evaluating a formula line at one point.
_PYTHON = (
    ("e⁻ᶻ", "exp(-z)"),
    ("eᶻ", "exp(z)"),
    ("·", "*"),
    ("−", "-"),
    ("²", "**2"),
    ("³", "**3"),
    ("½", "0.5"),
    ("√", "sqrt"),
    ("π", "pi"),
    ("σ", "sig"),
    ("ln", "log"),
)
_NAMES = {
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "tanh": math.tanh,
    "max": max,
    "pi": math.pi,
    "sig": lambda z: 1.0 / (1.0 + math.exp(-z)),
}
_CASE = re.compile(r"(.+) \((z [<>≤≥] 0)\), (.+) \((z [<>≤≥] 0)\)")
_GREEK = re.compile(r"[α-ωΑ-Ω][₀-₉]?")
ZS = [z for z in np.linspace(-4.0, 4.0, 33) if z != 0.0]


def evaluate(text: str, **names: float) -> float:
    """The value of a formula's right-hand side, piecewise cases included."""
    case = _CASE.fullmatch(text)
    if case is not None:
        first, condition, second, _other = case.groups()
        holds = evaluate(condition.replace("≤", "<=").replace("≥", ">="), **names)
        return evaluate(first if holds else second, **names)
    for unicode, python in _PYTHON:
        text = text.replace(unicode, python)
    return float(eval(text, {"__builtins__": {}}, {**_NAMES, **names}))


def test_every_table_key_has_a_formula() -> None:
    assert set(fm.ACTIVATION_FORMULAS) == set(ACTIVATIONS)
    assert set(fm.LOSS_FORMULAS) == set(LOSSES)
    assert set(fm.OPTIMIZER_FORMULAS) == set(OPTIMIZERS)
    assert set(fm.INITIALIZER_FORMULAS) == set(INITIALIZERS)
    assert set(fm.SETTING_FORMULAS) <= set(SETTINGS)
    wanted = {"learning_rate", "batch_size", "l1", "l2", "momentum", "bias_init", "features"}
    assert wanted <= set(fm.SETTING_FORMULAS)
    assert "noise" in fm.DATA_FORMULAS


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_formulas_compute_the_engines_f_and_slope(name: str) -> None:
    formula = fm.ACTIVATION_FORMULAS[name]
    act = ACTIVATIONS[name]
    z = np.asarray(ZS)
    a = act.forward(z)
    slope = act.derivative(z, a)
    for i, point in enumerate(ZS):
        names = {"z": float(point)}
        if formula.where:
            symbol, _eq, rhs = formula.where.partition(" = ")
            names[symbol] = evaluate(rhs, **names)
        for form in formula.value.split(" = "):
            assert evaluate(form, **names) == pytest.approx(a[i], rel=1e-9, abs=1e-12), form
        names["a"] = float(a[i])
        got = evaluate(formula.slope, **names)
        assert got == pytest.approx(slope[i], rel=1e-6, abs=1e-12), formula.slope


def test_the_tanh_slope_is_written_with_its_output() -> None:
    assert fm.ACTIVATION_FORMULAS["tanh"].slope == "1 − a²"
    assert fm.ACTIVATION_FORMULAS["tanh"].lines[1] == "f′(z) = 1 − a²"


@pytest.mark.parametrize("name", list(INITIALIZERS))
def test_initializer_variances_are_those_of_the_drawn_weights(name: str) -> None:
    fan_in, fan_out = 300, 200
    w = INITIALIZERS[name](np.random.default_rng(0), fan_in, fan_out)
    expected = evaluate(fm.INITIALIZER_FORMULAS[name].variance, fan_in=fan_in, fan_out=fan_out)
    assert np.var(w) == pytest.approx(expected, rel=0.03, abs=1e-12)
    assert fm.INITIALIZER_FORMULAS[name].lines[-1].startswith("Var(w) = ")


def test_he_normal_says_two_over_fan_in() -> None:
    assert fm.INITIALIZER_FORMULAS["he_normal"].lines[-1] == "Var(w) = 2 / fan_in"


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizer_formulas_name_only_what_the_code_holds(name: str) -> None:
    formula = fm.OPTIMIZER_FORMULAS[name]
    optimizer = make_optimizer(name, 3, 0.1)
    for symbol, attribute in formula.symbols.items():
        assert hasattr(optimizer, attribute), f"{name} has no {attribute} for {symbol}"
        assert any(symbol in line for line in formula.lines), f"{symbol} is not used"
    text = " ".join(formula.lines)
    greek = set(_GREEK.findall(text))
    assert greek <= set(formula.symbols), f"{name} names {greek - set(formula.symbols)}"
    assert all(symbol in fm.SYMBOLS for symbol in formula.symbols)


def test_optimizer_constants_are_the_codes_defaults() -> None:
    assert fm.constants_line("adam") == "β₁ = 0.9, β₂ = 0.999, ε = 1e-08"
    assert fm.constants_line("rmsprop") == "ρ = 0.9, ε = 1e-08"
    assert fm.constants_line("sgd") == ""


def test_sgd_is_the_learning_rate_rule() -> None:
    """One SGD step is the learning-rate line: w ← w − η·∂L/∂w."""
    assert fm.SETTING_FORMULAS["learning_rate"].lines == ("w ← w − η·∂L/∂w",)
    w, g = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    step = w.copy()
    make_optimizer("sgd", 2, 0.1).update(step, g)
    np.testing.assert_allclose(step, w - 0.1 * g)


def test_the_penalties_are_scaled_as_the_formulas_say() -> None:
    """L1 adds λ₁·Σ|w| (gradient λ₁·sign w), L2 adds ½·λ₂·Σw² (gradient λ₂·w)."""
    assert fm.SETTING_FORMULAS["l2"].lines == ("L + ½·λ₂·Σw²", "∂/∂w: + λ₂·w")
    assert fm.SETTING_FORMULAS["l1"].lines == ("L + λ₁·Σ|w|", "∂/∂w: + λ₁·sign(w)")
    net = Network([2, 3, 1], ["tanh"], "binary_cross_entropy")
    net.params[:] = np.random.default_rng(1).standard_normal(net.params.size)
    w = net.params * net.weight_mask
    assert net.penalty(l2=0.3) == pytest.approx(0.5 * 0.3 * float((w * w).sum()))
    assert net.penalty(l1=0.2) == pytest.approx(0.2 * float(np.abs(w).sum()))
    x, t = np.array([[0.5, -1.0]]), np.array([[1.0]])
    net.loss_and_gradient(x, t)
    plain = net.grads.copy()
    net.loss_and_gradient(x, t, l1=0.2, l2=0.3)
    np.testing.assert_allclose(net.grads - plain, 0.3 * w + 0.2 * np.sign(w))


def test_losses_name_their_output_activation() -> None:
    shown = {"sigmoid": "σ(z)", "softmax": "softmax(z)", "linear": "ŷ = z", "tanh": "tanh(z)"}
    for name, loss in LOSSES.items():
        assert shown[loss.output] in fm.LOSS_FORMULAS[name].lines[0], name


def test_notes_collect_every_sentence_once() -> None:
    texts = fm.notes()
    assert len(texts) == len(set(texts))
    assert fm.SETTING_FORMULAS["l2"].note in texts
    assert fm.SYMBOLS["η"] in texts


def test_formula_lines_hold_no_words_to_translate() -> None:
    """Lines are shown as they are in every language: only functions and the code's names."""
    allowed = {"min", "max", "exp", "ln", "tanh", "softmax", "sign", "mean", "std", "sin", "Var"}
    allowed |= {"fan_in", "fan_out", "noise", "init", "ratio", "n_test", "Nesterov"}
    entries = [*fm.ACTIVATION_FORMULAS.values(), *fm.LOSS_FORMULAS.values()]
    entries += [*fm.OPTIMIZER_FORMULAS.values(), *fm.INITIALIZER_FORMULAS.values()]
    entries += [*fm.SETTING_FORMULAS.values(), *fm.DATA_FORMULAS.values()]
    for entry in entries:
        for line in entry.lines:
            words = set(re.findall(r"[A-Za-z_]{3,}", line)) - allowed
            assert not words, f"{line!r} has words {words}"
