"""The health rules behind the gradient lens's banners, on real networks and made-up figures."""

from __future__ import annotations

import re

import numpy as np
import pytest

from playground.core import health
from playground.core.config import ModelConfig, TrainConfig
from playground.core.diagnostics import Diagnostics, diagnose
from playground.core.health import diagnostics_summary, warnings
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.trainer import Trainer


def make_trainer(
    activation: str, depth: int, init: str, bias_init: float = 0.0, width: int = 8
) -> Trainer:
    data = make_dataset("circle", 200, 0.0, 0, 0.5)
    config = ModelConfig(
        hidden=(width,) * depth, activations=(activation,) * depth, init=init, bias_init=bias_init
    )
    return Trainer(
        Model.build(config, data.train_x),
        TrainConfig(),
        data.train_x,
        data.train_y,
        data.test_x,
        data.test_y,
    )


def at_initialisation(trainer: Trainer) -> Diagnostics:
    """The figures with the full-batch gradient at the initial weights (no step taken)."""
    trainer.network.loss_and_gradient(trainer.x_train, trainer.t_train)
    return diagnose(trainer)


def kinds(found: tuple[health.HealthWarning, ...]) -> list[str]:
    return [w.kind for w in found]


def figures(n_layers: int, norms=None, saturated=None, dead=None) -> Diagnostics:
    """Made-up diagnostics: only the fields the rules read matter."""
    n_hidden = n_layers - 1
    ones = np.ones(n_layers)
    return Diagnostics(
        grad_norm_w=ones if norms is None else np.asarray(norms, float),
        grad_norm_b=ones,
        grad_mean_abs_w=ones,
        grad_mean_abs_b=ones,
        weight_norm=ones,
        update_ratio=np.full(n_layers, 1e-3),
        saturated_fraction=np.full(n_hidden, np.nan) if saturated is None else np.array(saturated),
        dead_fraction=np.full(n_hidden, np.nan) if dead is None else np.array(dead),
    )


# ------------------------------------------------------------------ vanishing


def test_eight_layer_sigmoid_net_at_initialisation_raises_the_vanishing_banner() -> None:
    trainer = make_trainer("sigmoid", 8, "xavier_uniform")
    diag = at_initialisation(trainer)
    found = warnings(diag, np.zeros((0, 9)), ("sigmoid",) * 8)
    assert kinds(found)[:1] == ["vanishing"]
    ratio = diag.grad_norm_w[-1] / diag.grad_norm_w[0]
    assert ratio >= 100
    text = found[0].text
    said = re.search(r"gradient is ([0-9.,e+]+)× smaller than layer 9's", text)
    assert said is not None, text
    assert float(said.group(1).replace(",", "")) == pytest.approx(ratio, rel=0.05)
    assert "try ReLU, He initialisation or fewer layers" in text
    assert "\n" not in text


def test_eight_layer_relu_he_net_does_not() -> None:
    trainer = make_trainer("relu", 8, "he_normal", bias_init=0.1)
    diag = at_initialisation(trainer)
    found = warnings(diag, np.zeros((0, 9)), ("relu",) * 8)
    assert "vanishing" not in kinds(found)
    assert diag.grad_norm_w[-1] / diag.grad_norm_w[0] < 100


def test_vanishing_reads_the_latest_history_row_once_there_is_one() -> None:
    history = np.array([[1.0, 1.0], [0.001, 1.0]])
    assert kinds(warnings(figures(2), history, ("tanh",))) == ["vanishing"]
    assert kinds(warnings(figures(2, norms=[0.001, 1.0]), history[:1], ("tanh",))) == []


def test_vanishing_threshold_is_a_factor_of_100() -> None:
    assert kinds(warnings(figures(2, norms=[0.0101, 1.0]), np.zeros((0, 2)), ("tanh",))) == []
    found = warnings(figures(2, norms=[0.01, 1.0]), np.zeros((0, 2)), ("tanh",))
    assert kinds(found) == ["vanishing"] and "100× smaller" in found[0].text


def test_a_zero_first_layer_gradient_is_said_plainly() -> None:
    found = warnings(figures(3, norms=[0.0, 0.1, 0.42]), np.zeros((0, 3)), ("relu", "relu"))
    assert found[0].text.startswith("Vanishing gradients: layer 1's gradient is zero while layer")
    assert "layer 3's is 0.42 — try ReLU" in found[0].text


def test_no_gradient_yet_raises_nothing() -> None:
    trainer = make_trainer("sigmoid", 8, "xavier_uniform")
    assert warnings(diagnose(trainer), np.zeros((0, 9)), ("sigmoid",) * 8) == ()


# ------------------------------------------------------------------ exploding


def test_exploding_when_a_norm_grows_100_times_within_10_epochs() -> None:
    epochs = np.arange(1, 21, dtype=float)
    norms = np.ones((20, 3))
    norms[12:, 1] = np.geomspace(1.0, 150.0, 8)  # epochs 13..20: 150x in 7 epochs
    found = warnings(figures(3), norms, ("tanh", "tanh"), epochs)
    assert kinds(found) == ["exploding"]
    assert found[0].layer == 1
    assert "layer 2's gradient grew 150× within 10 epochs" in found[0].text
    assert health.FIXES["exploding"] in found[0].text


def test_slow_growth_over_many_epochs_is_not_exploding() -> None:
    epochs = np.arange(1, 61, dtype=float)
    norms = np.ones((60, 2))
    norms[:, 0] = np.geomspace(1.0, 500.0, 60)  # 500x, but only ~2.9x per 10 epochs
    assert kinds(warnings(figures(2), norms, ("tanh",), epochs)) == []


def test_growth_uses_the_epochs_not_the_rows() -> None:
    # Thinned old rows: the 100x jump spans 40 epochs, so it is no explosion.
    epochs = np.array([0.0, 40.0, 41.0])
    norms = np.array([[1.0, 1.0], [100.0, 1.0], [100.0, 1.0]])
    assert kinds(warnings(figures(2), norms, ("tanh",), epochs)) == []
    epochs = np.array([32.0, 40.0, 41.0])
    assert kinds(warnings(figures(2), norms, ("tanh",), epochs)) == ["exploding"]


def test_a_tiny_gradient_recovering_is_not_exploding() -> None:
    norms = np.array([[1e-9, 1e-9], [1e-6, 1e-6]])  # 1000x, but still tiny
    assert kinds(warnings(figures(2), norms, ("tanh",))) == []


def test_exploding_when_a_norm_passes_1e3() -> None:
    found = warnings(figures(3, norms=[5.0, 2e3, 1.0]), np.zeros((0, 3)), ("relu", "relu"))
    assert kinds(found) == ["exploding"] and found[0].layer == 1
    assert "layer 2's gradient norm is 2e+03, above 1e+03" in found[0].text
    assert (
        kinds(warnings(figures(3, norms=[5.0, 999.0, 1.0]), np.zeros((0, 3)), ("relu",) * 2)) == []
    )


def test_exploding_on_a_real_network_with_huge_weights() -> None:
    trainer = make_trainer("relu", 6, "he_normal", width=16)
    trainer.network.params[...] *= 4.0  # each layer now multiplies its input's size by ~4
    diag = at_initialisation(trainer)
    assert diag.grad_norm_w.max() > 1e3
    assert "exploding" in kinds(warnings(diag, np.zeros((0, 7)), ("relu",) * 6))


# ------------------------------------------------------------------ dead and saturated


def test_dead_relu_layer() -> None:
    trainer = make_trainer("relu", 2, "he_normal", bias_init=-1000.0)
    found = warnings(diagnose(trainer), np.zeros((0, 3)), ("relu", "relu"))
    dead = [w for w in found if w.kind == "dead"]
    assert [w.layer for w in dead] == [0, 1]
    assert dead[0].text.startswith("Dead units: 100% of hidden layer 1's relu units never fire")
    assert health.FIXES["dead"] in dead[0].text


def test_dead_threshold_is_half_the_units() -> None:
    found = warnings(figures(3, dead=[0.5, 0.49]), np.zeros((0, 3)), ("relu", "relu"))
    assert [(w.kind, w.layer) for w in found] == [("dead", 0)]


def test_saturated_tanh_layer() -> None:
    trainer = make_trainer("tanh", 1, "xavier_uniform", bias_init=5.0)  # tanh(5) = 0.9999
    diag = diagnose(trainer)
    assert diag.saturated_fraction[0] >= 0.5
    found = warnings(diag, np.zeros((0, 2)), ("tanh",))
    assert kinds(found) == ["saturated"]
    expected = f"{diag.saturated_fraction[0]:.0%} of hidden layer 1's tanh activations sit in"
    assert expected in found[0].text
    assert health.FIXES["saturated"] in found[0].text


def test_saturated_threshold_and_nan_layers() -> None:
    found = warnings(
        figures(4, saturated=[0.49, np.nan, 0.5]), np.zeros((0, 4)), ("sigmoid", "relu", "tanh")
    )
    assert [(w.kind, w.layer) for w in found] == [("saturated", 2)]


def test_healthy_net_raises_no_banner() -> None:
    trainer = make_trainer("relu", 2, "he_normal", bias_init=0.1)
    trainer.run(5)
    h = trainer.history
    found = warnings(diagnose(trainer), h.column("grad_norms"), ("relu", "relu"), h.column("epoch"))
    assert found == ()


def test_without_diagnostics_only_the_history_rules_apply() -> None:
    history = np.array([[1e-4, 1.0]])
    assert kinds(warnings(None, history, ("relu",))) == ["vanishing"]
    assert warnings(None, np.zeros((0, 2)), ("relu",)) == ()


def test_bad_shapes_are_refused() -> None:
    with pytest.raises(ValueError, match=r"\(m, n_layers\)"):
        warnings(None, np.zeros(3), ("relu",))
    with pytest.raises(ValueError, match="epochs"):
        warnings(None, np.zeros((3, 2)), ("relu",), epochs=[1.0, 2.0])


def test_every_rule_is_in_the_table_with_a_fix() -> None:
    assert list(health.RULES) == ["vanishing", "exploding", "dead", "saturated"]
    assert set(health.FIXES) == set(health.RULES)


# ------------------------------------------------------------------ the summary


def test_summary_holds_the_diagnostics_figures_with_null_for_nan() -> None:
    trainer = make_trainer("relu", 2, "he_normal", bias_init=0.1)
    trainer.run(3)
    summary = diagnostics_summary(trainer)
    diag = diagnose(trainer)
    np.testing.assert_allclose(summary["grad_norm"], diag.grad_norm_w)
    np.testing.assert_allclose(summary["update_ratio"], diag.update_ratio)
    np.testing.assert_allclose(summary["dead_fraction"], diag.dead_fraction)
    assert summary["saturated_fraction"] == [None, None]  # relu cannot saturate
    assert summary["warnings"] == []


def test_summary_before_training_uses_the_full_batch_gradient() -> None:
    trainer = make_trainer("sigmoid", 8, "xavier_uniform")
    summary = diagnostics_summary(trainer)
    expected = at_initialisation(make_trainer("sigmoid", 8, "xavier_uniform"))
    np.testing.assert_allclose(summary["grad_norm"], expected.grad_norm_w)
    assert summary["update_ratio"] == [0.0] * 9
    assert summary["dead_fraction"] == [None] * 8
    assert any(text.startswith("Vanishing gradients") for text in summary["warnings"])
