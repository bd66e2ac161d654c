"""The one number format of the window, and the status texts built on it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.app.present.status_text import edge_text, focus_text, status_texts
from playground.app.training.snapshot import Snapshot
from playground.app.views.numbers import compact, compact_rate, tick_strings
from playground.core.config import ModelConfig
from playground.core.features import FeatureMap
from playground.core.history import History


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (0.123456, "0.1235"),
        (123.456, "123.5"),
        (12345.6, "12346"),
        (999_999.7, "1e+6"),
        (1_234_567.0, "1.235e+6"),
        (4.787620227e280, "4.788e+280"),
        (-4.78e280, "-4.78e+280"),
        (1e-4, "0.0001"),
        (9.999e-5, "9.999e-5"),
        (1.2e-5, "1.2e-5"),
        (100.00000000002, "100"),
        (math.nan, "–"),
        (math.inf, "–"),
        (-math.inf, "–"),
        (None, "–"),
    ],
)
def test_compact_keeps_four_significant_digits(value, text):
    assert compact(value) == text


def test_compact_never_exceeds_a_dozen_characters_for_any_double():
    values = np.concatenate(
        [[np.finfo(float).max, np.finfo(float).tiny, 5e-324], -np.logspace(-300, 300, 61)]
    )
    assert max(len(compact(float(v))) for v in values) <= 11


def test_compact_signs_and_digits():
    assert compact(0.25, sign=True) == "+0.25"
    assert compact(-0.25, sign=True) == "-0.25"
    assert compact(0.0, sign=True) == "0"
    assert compact(2 / 3, 3) == "0.667"


def test_rates_use_k_and_m_then_scientific():
    assert compact_rate(950) == "950"
    assert compact_rate(12_345) == "12.3k"
    assert compact_rate(2.5e6) == "2.5M"
    assert compact_rate(3.7e15) == "3.7e+15"
    assert compact_rate(math.nan) == "–"


def test_tick_strings_show_only_the_digits_the_spacing_needs():
    assert tick_strings([0, 20, 40, 60, 80, 100.00000000002], 20) == [
        "0", "20", "40", "60", "80", "100",
    ]  # fmt: skip
    assert tick_strings([0.0, 0.2, 0.4, 0.6000000000000001], 0.2) == ["0", "0.2", "0.4", "0.6"]
    assert tick_strings([1.25, 2.5, 3.75], 1.25) == ["1.25", "2.5", "3.75"]
    assert tick_strings([1000.1, 1000.2], 0.1) == ["1000.1", "1000.2"]
    assert tick_strings([-0.5, 5.55e-17, 0.5], 0.5) == ["-0.5", "0", "0.5"]
    assert tick_strings([0, 2.5e280, 5e280], 2.5e280) == ["0", "2.5e+280", "5e+280"]


def snapshot(config: ModelConfig, epoch: int, **kw: object) -> Snapshot:
    """A snapshot with only what the status texts read."""
    features = FeatureMap.identity(config.features)
    fields: dict[str, object] = dict(
        run_id=1, seq=1, epoch=epoch, step=epoch * 10, history=None,
        params=np.zeros(0), sizes=(2, *config.hidden, 1), model_config=config, features=features,
        probe=None, neuron_maps=(), focus=None, focus_map=None, diagnostics=None,
        steps_per_s=41234.0, epochs_per_s=412.3, running=False,
    )  # fmt: skip
    fields.update(kw)
    return Snapshot(**fields)  # type: ignore[arg-type]


def test_status_after_a_divergence_is_short():
    config = ModelConfig(task="regression", loss="mse")
    history = History(3)
    huge = 4.787620227044218e280
    history.append(10, huge, huge * 1.1, -1.2e279, -1.3e279, np.array([0.0, 0.0, 5.4e138]))
    epoch, loss, speed = status_texts(snapshot(config, 10, diverged=True), history)
    assert loss == "loss 4.788e+280 / test 5.266e+280   R² -1.2e+279 / -1.3e+279"
    assert speed == "41.2k steps/s · 412 epochs/s"
    assert epoch == "epoch 10"


def test_status_of_loaded_weights_does_not_say_not_trained():
    _epoch, loss, _speed = status_texts(snapshot(ModelConfig(), 399), History(3))
    assert loss == "loss not measured yet"
    _epoch, loss, _speed = status_texts(snapshot(ModelConfig(), 0), History(3))
    assert loss == "not trained yet"


def test_edge_text_names_layers_as_the_diagram_does():
    config = ModelConfig(features=("x1", "x2"), hidden=(4, 2), activations=("tanh", "tanh"))
    assert (
        edge_text(config, 0, 1, 2, 0.123456) == "Weight from input x₂ to layer 1, neuron 3: +0.1235"
    )
    assert (
        edge_text(config, 1, 3, 0, -2.0) == "Weight from layer 1, neuron 4 to layer 2, neuron 1: -2"
    )
    assert edge_text(config, 2, 1, 0, 1e300) == "Weight from layer 2, neuron 2 to output 1: +1e+300"
    assert "column" not in edge_text(config, 1, 0, 0, 0.5)


def test_focus_text_puts_the_statistics_on_a_second_line():
    config = ModelConfig(hidden=(4, 2), activations=("relu", "tanh"))
    values = np.array([[-0.5, 0.25], [1e9, np.nan]])
    text = focus_text(snapshot(config, 3, focus=(1, 2), focus_map=values))
    assert text == "layer 1, neuron 3 (relu)\nmin -0.5   mean 3.33e+8   max 1e+9"
    text = focus_text(snapshot(config, 3, focus=(0, 1), focus_map=values))
    assert text.startswith("input x₂\n")
    text = focus_text(snapshot(config, 3, focus=(3, 0), focus_map=np.full((2, 2), np.nan)))
    assert text == "output 1 (binary_cross_entropy)\nno finite values"
