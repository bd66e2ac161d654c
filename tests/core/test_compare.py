"""Compare specs (parse, check, apply) and comparisons trained in lock step without a window."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground.core.compare import (
    COMPARE_KEYS,
    KEY_NAMES,
    CompareSpec,
    apply_compare,
    compare_key,
    parse_compare,
)
from playground.core.compare_run import advance, build_runs, run_compare, run_summary
from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.features import parse_features
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.settings_text import parse_activations, parse_hidden
from playground.core.trainer import Trainer

BASE_MODEL = ModelConfig(hidden=(5, 3), activations=("tanh", "tanh"), seed=4)
BASE_TRAIN = TrainConfig(optimizer="momentum", learning_rate=0.05, batch_size=8)

#: Per key: a spec, the settings field it varies, and each run's value of that field.
EXAMPLES: dict[str, tuple[str, str, list[Any]]] = {
    "activation": ("activation=sigmoid,relu", "activations", [("sigmoid",) * 2, ("relu",) * 2]),
    "init": ("init=zeros,he_normal", "init", ["zeros", "he_normal"]),
    "lr": ("lr=0.03,3", "learning_rate", [0.03, 3.0]),
    "optimizer": ("optimizer=sgd,adam,rmsprop", "optimizer", ["sgd", "adam", "rmsprop"]),
    "hidden": ("hidden=8x8/4/none", "hidden", [(8, 8), (4,), ()]),
    "features": ("features=x1,x2/x1,x2,x1x2", "features", [("x1", "x2"), ("x1", "x2", "x1x2")]),
    "l1": ("l1=0,0.001", "l1", [0.0, 0.001]),
    "l2": ("l2=0,0.01,0.1", "l2", [0.0, 0.01, 0.1]),
    "batch": ("batch=1,10,100,1000", "batch_size", [1, 10, 100, 1000]),
    "seed": ("seed=0,1", "seed", [0, 1]),
    "momentum": ("momentum=0,0.5,0.9", "momentum", [0.0, 0.5, 0.9]),
    "bias_init": ("bias_init=0,0.1", "bias_init", [0.0, 0.1]),
}


def _fields(model: ModelConfig, train: TrainConfig) -> dict[str, object]:
    return {**vars(model), **vars(train)}


# ------------------------------------------------------------------------------ parsing


def test_the_issues_examples_parse_into_key_values_and_labels() -> None:
    spec = parse_compare("activation=sigmoid,relu")
    assert spec == CompareSpec("activation", ("sigmoid", "relu"))
    assert spec.labels() == ("activation=sigmoid", "activation=relu")
    assert parse_compare("lr=0.03,3").labels() == ("lr=0.03", "lr=3")
    assert parse_compare(" init = zeros , he_normal ").values == ("zeros", "he_normal")


def test_every_key_has_an_example_and_varies_only_its_field() -> None:
    assert set(EXAMPLES) == set(COMPARE_KEYS)
    base = _fields(BASE_MODEL, BASE_TRAIN)
    for key, (text, field, values) in EXAMPLES.items():
        spec = parse_compare(text)
        assert spec.key == key
        runs = apply_compare(spec, BASE_MODEL, BASE_TRAIN)
        assert [label for label, _, _ in runs] == list(spec.labels())
        for (_, model, train), value in zip(runs, values):
            fields = _fields(model, train)
            assert fields[field] == value, (text, field)
            changed = {name for name in base if fields[name] != base[name]}
            # a new depth brings one activation per layer with it
            assert changed <= {field, "activations"} if key == "hidden" else {field}, text


def test_aliases_and_spellings_name_the_same_key() -> None:
    for alias, key in (
        ("learning_rate", "lr"),
        ("LR", "lr"),
        ("layers", "hidden"),
        ("initializer", "init"),
        ("initialiser", "init"),
        ("bias-init", "bias_init"),
        ("batch_size", "batch"),
    ):
        assert compare_key(alias).name == key
    for name, key in KEY_NAMES.items():
        assert compare_key(name) is COMPARE_KEYS[key]
    assert parse_compare("layers=8,8/4") == CompareSpec("hidden", ("8,8", "4"))


def test_runs_of_list_values_are_separated_by_slashes() -> None:
    # "x" and "," both separate widths within one run
    assert parse_compare("hidden=8x8/4").values == ("8x8", "4")
    runs = apply_compare(parse_compare("hidden=8x8/4"), BASE_MODEL, BASE_TRAIN)
    assert [m.hidden for _, m, _ in runs] == [(8, 8), (4,)]
    assert [m.activations for _, m, _ in runs] == [("tanh", "tanh"), ("tanh",)]
    # a comma inside a list value does not start a new run
    with pytest.raises(ValueError, match=r"2 to 4 values, got 1.*hidden=V1/V2"):
        parse_compare("hidden=8,4")
    # "/" separates runs for every key
    assert parse_compare("lr=0.1/1").values == ("0.1", "1")
    spec = parse_compare("activation=relu,tanh/tanh")
    runs = apply_compare(spec, BASE_MODEL, BASE_TRAIN)
    assert [m.activations for _, m, _ in runs] == [("relu", "tanh"), ("tanh", "tanh")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.floats(min_value=1e-6, max_value=1e3, allow_nan=False), min_size=2, max_size=4
    ).filter(lambda rates: len(set(rates)) == len(rates)),
    st.sampled_from([",", "/"]),
)
def test_learning_rates_round_trip_through_the_spec(rates: list[float], separator: str) -> None:
    texts = [repr(rate) for rate in rates]
    spec = parse_compare("lr=" + separator.join(texts))
    assert spec.values == tuple(texts)
    assert spec.labels() == tuple(f"lr={text}" for text in texts)
    runs = apply_compare(spec, BASE_MODEL, BASE_TRAIN)
    assert [train.learning_rate for _, _, train in runs] == rates


def _message(call: Any, *args: Any) -> str:
    with pytest.raises(ValueError) as info:
        call(*args)
    return str(info.value)


def test_a_bad_value_gets_the_single_run_settings_message_with_the_key_and_value() -> None:
    cases = [
        ("lr=-1,2", "lr=-1", _message(TrainConfig, "sgd", -1.0)),
        ("lr=0.1,2000", "lr=2000", _message(TrainConfig, "sgd", 2000.0)),
        ("batch=0,2", "batch=0", _message(lambda: TrainConfig(batch_size=0))),
        ("momentum=0.5,1", "momentum=1", _message(lambda: TrainConfig(momentum=1.0))),
        ("l2=-0.1,0", "l2=-0.1", _message(lambda: TrainConfig(l2=-0.1))),
        ("activation=swish,relu", "activation=swish", _message(parse_activations, "swish", 1)),
        ("hidden=8,q/4", "hidden=8,q", _message(parse_hidden, "8,q", "hidden")),
        ("hidden=8,0/4", "hidden=8,0", _message(parse_hidden, "8,0")),
        ("features=x1/x3", "features=x3", _message(parse_features, "x3")),
        ("features=x1,x1/x2", "features=x1,x1", "twice"),
        ("init=zeros,nope", "init=nope", "unknown initialiser 'nope'; choose from zeros,"),
        ("optimizer=sgd,lbfgs", "optimizer=lbfgs", "choose from sgd, momentum, rmsprop, adam"),
        ("seed=-1,2", "seed=-1", "seed must be 0 or more"),
        ("seed=1.5,2", "seed=1.5", "seed takes a whole number, got '1.5'"),
        ("lr=abc,1", "lr=abc", "lr takes a number, got 'abc'"),
        ("lr=nan,1", "lr=nan", "lr takes a finite number"),
        ("bias_init=inf,0", "bias_init=inf", "finite number"),
    ]
    for text, where, reason in cases:
        message = _message(parse_compare, text)
        assert message.startswith(f"compare {where}: "), (text, message)
        assert reason in message, (text, message)


def test_two_to_four_different_values() -> None:
    for text, reason in (
        ("lr=0.1", "needs 2 to 4 values, got 1"),
        ("lr=1,2,3,4,5", "needs 2 to 4 values, got 5"),
        ("lr=1,,2", "a value is empty"),
        ("lr=0.1,0.10", "'0.1' and '0.10' are the same setting"),
        ("hidden=8x8/8,8", "'8x8' and '8,8' are the same setting"),
        ("activation=relu,tanh,relu", "'relu' and 'relu' are the same setting"),
    ):
        assert reason in _message(parse_compare, text), text
    assert len(parse_compare("lr=1,2,3,4").values) == 4
    with pytest.raises(ValueError, match="needs 2 to 4 values"):
        CompareSpec("lr", ("1",))  # made directly, the spec is checked the same way
    with pytest.raises(ValueError, match="unknown compare key 'learning_rate'"):
        CompareSpec("learning_rate", ("1", "2"))  # the spec holds canonical keys only


def test_unknown_keys_and_shapes_name_the_choices() -> None:
    message = _message(parse_compare, "colour=red,blue")
    assert "cannot compare 'colour'" in message
    assert all(key in message for key in COMPARE_KEYS)
    for text in ("lr", "=1,2", ""):
        assert "KEY=V1,V2[,V3,V4]" in _message(parse_compare, text), text


# ----------------------------------------------------------------------------- applying


def test_values_that_do_not_fit_the_shared_settings_are_refused() -> None:
    linear = ModelConfig(hidden=(), activations=())
    message = _message(apply_compare, parse_compare("activation=relu,tanh"), linear, BASE_TRAIN)
    assert message.startswith("compare activation=relu: ") and "no hidden layer" in message
    sgd = TrainConfig(optimizer="sgd")
    message = _message(apply_compare, parse_compare("momentum=0.5,0.9"), BASE_MODEL, sgd)
    assert "sgd optimizer does not use momentum" in message and "momentum optimizer" in message
    mixed = ModelConfig(hidden=(5, 3), activations=("relu", "tanh"))
    message = _message(apply_compare, parse_compare("hidden=4/4,4,4"), mixed, BASE_TRAIN)
    assert "different activations (relu, tanh)" in message and "to 1 layer;" in message
    # the same depth keeps each layer's activation
    runs = apply_compare(parse_compare("hidden=6,2/3,3"), mixed, BASE_TRAIN)
    assert [m.activations for _, m, _ in runs] == [("relu", "tanh")] * 2
    message = _message(
        apply_compare, parse_compare("activation=relu,tanh,sigmoid/tanh"), mixed, BASE_TRAIN
    )
    assert "activation lists 3 names for 2 hidden layers" in message
    # a network without hidden layers grows them with the default activation
    runs = apply_compare(parse_compare("hidden=3/none"), linear, BASE_TRAIN)
    assert [m.activations for _, m, _ in runs] == [(ModelConfig().activations[0],), ()]


# ------------------------------------------------------------------------------ training


def _data(preset: str = "xor", seed: int = 2) -> Dataset:
    return make_dataset(preset, 120, 0.1, seed, 0.3)


def _solo(model: ModelConfig, train: TrainConfig, data: Dataset, epochs: int) -> Trainer:
    """One run trained alone, as a single ``train`` does."""
    trainer = Trainer(
        Model.build(model, data.train_x),
        train,
        data.train_x,
        data.train_y,
        data.test_x,
        data.test_y,
    )
    with np.errstate(all="ignore"):
        trainer.run(epochs)
    return trainer


def test_runs_differing_only_in_the_learning_rate_see_the_same_batches() -> None:
    runs = build_runs(parse_compare("lr=0.03,0.3"), BASE_MODEL, BASE_TRAIN, _data())
    a, b = (run.trainer for run in runs)
    np.testing.assert_array_equal(a.network.params, b.network.params)
    orders = []
    for _ in range(4):
        advance(runs)
        assert a.epoch == b.epoch and a.diverged is None and b.diverged is None
        assert a.rng.bit_generator.state == b.rng.bit_generator.state
        np.testing.assert_array_equal(a._order, b._order)
        orders.append(a._order.copy())
    # the shuffle really changes between epochs, and the weights drift apart
    assert not np.array_equal(orders[0], orders[1])
    assert not np.array_equal(a.network.params, b.network.params)


def test_the_shuffle_follows_the_model_seed() -> None:
    runs = build_runs(parse_compare("seed=4,5"), BASE_MODEL, BASE_TRAIN, _data())
    advance(runs)
    a, b = (run.trainer for run in runs)
    assert a.rng.bit_generator.state != b.rng.bit_generator.state
    assert not np.array_equal(a._order, b._order)
    assert not np.array_equal(a.network.params[:10], b.network.params[:10])


def test_initial_weights_agree_wherever_the_architectures_agree() -> None:
    data = _data()
    same = build_runs(parse_compare("activation=tanh,relu,sigmoid"), BASE_MODEL, BASE_TRAIN, data)
    for run in same[1:]:
        np.testing.assert_array_equal(run.model.network.params, same[0].model.network.params)
    wider = build_runs(parse_compare("hidden=5/5,4"), BASE_MODEL, BASE_TRAIN, data)
    first, second = (run.model.network for run in wider)
    np.testing.assert_array_equal(first.weights[0], second.weights[0])  # 2 -> 5 in both
    inits = build_runs(parse_compare("init=he_normal,xavier_normal"), BASE_MODEL, BASE_TRAIN, data)
    assert not np.array_equal(inits[0].model.network.params, inits[1].model.network.params)


def test_each_run_gives_what_it_gives_trained_alone() -> None:
    data = _data("spiral")
    spec = parse_compare("optimizer=sgd,momentum,adam")
    summaries = run_compare(spec, BASE_MODEL, BASE_TRAIN, data, epochs=6)
    assert [s["run"] for s in summaries] == list(spec.labels())
    for summary, (label, model, train) in zip(
        summaries, apply_compare(spec, BASE_MODEL, BASE_TRAIN)
    ):
        alone = run_summary(_solo(model, train, data, 6), label)
        assert summary == alone
        assert summary["epochs"] == 6 and summary["diverged"] is None
    assert len({s["train_loss"] for s in summaries}) == 3


def test_a_run_that_diverges_stops_alone() -> None:
    data = make_dataset("plane", 200, 0.0, 0, 0.5)
    model = ModelConfig(
        hidden=(8,), activations=("relu",), task="regression", n_classes=1, loss="mse"
    )
    spec = parse_compare("lr=0.01,1000,0.02")
    seen: list[list[int]] = []
    summaries = run_compare(
        spec,
        model,
        TrainConfig(),
        data,
        12,
        on_epoch=lambda e, runs: seen.append([run.trainer.epoch for run in runs]),
    )
    calm, wild, calm2 = summaries
    assert wild["diverged"] is not None and "diverged at epoch" in wild["diverged"]
    assert wild["epochs"] < 12
    assert calm["diverged"] is None and calm2["diverged"] is None
    assert calm["epochs"] == calm2["epochs"] == 12
    assert len(seen) == 12 and all(epochs[0] == epochs[2] == e + 1 for e, epochs in enumerate(seen))
    train = TrainConfig(learning_rate=0.01)
    assert calm == run_summary(_solo(model, train, data, 12), "lr=0.01")


def test_run_compare_refuses_negative_epochs() -> None:
    with pytest.raises(ValueError, match="epochs must be 0 or more"):
        run_compare(parse_compare("lr=1,2"), BASE_MODEL, BASE_TRAIN, _data(), -1)


def test_several_settings_vary_together_value_by_value() -> None:
    spec = parse_compare(["activation=sigmoid,relu", "lr=0.1,0.1", "hidden=8x8/4"])
    assert spec.keys == ("activation", "lr", "hidden")
    assert spec.labels() == (
        "activation=sigmoid, lr=0.1, hidden=8x8",
        "activation=relu, lr=0.1, hidden=4",
    )
    assert spec.text() == "activation=sigmoid,relu and lr=0.1,0.1 and hidden=8x8/4"
    (_, m1, t1), (_, m2, t2) = apply_compare(spec, ModelConfig(), TrainConfig())
    # hidden comes last, so each run's one activation is carried to its new layers
    assert (m1.hidden, m1.activations) == ((8, 8), ("sigmoid", "sigmoid"))
    assert (m2.hidden, m2.activations) == ((4,), ("relu",))
    assert t1.learning_rate == t2.learning_rate == 0.1
    for texts, message in (
        (["lr=0.1,0.2", "seed=1,2,3"], "seed has 3 values but lr has 2"),
        (["lr=0.1,0.2", "learning_rate=1,2"], "names each setting once"),
        (["lr=0.1,0.1", "seed=1,1"], "are the same settings"),
        ([], "at least one setting"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_compare(texts)
