"""Every lesson's claim holds when it is checked, and a claim can fail.

Each lesson is trained once (the check's runs are cached for the module) and its
claim judged; then claim terms are judged on the wrong run, where the course says
they must not hold. The measures are checked on tiny networks whose weights are
known, and the lesson metadata makes a round trip through a session file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path

import numpy as np
import pytest

from playground.core.config import ModelConfig, TrainConfig
from playground.core.datasets import Dataset
from playground.core.lesson_measures import (
    EXHIBITS,
    MEASURES,
    TrainedRun,
    linear_map_error,
    linear_product,
    measure,
    unit_spread,
)
from playground.core.lesson_session import lesson_session
from playground.core.lessons import (
    Lesson,
    check_lesson,
    evaluate_claim,
    judge,
    list_lessons,
    load_lesson,
    train_lesson,
)
from playground.core.model import Model
from playground.core.network import Network
from playground.core.sessions import load_session, save_session
from playground.core.trainer import Trainer

LESSONS = list_lessons()
#: The course claims every lesson list must hold (more may follow them).
REQUIRED = (
    "hidden-layer", "linear-collapse", "universal-approximation", "choosing-activation",
    "vanishing-gradients", "dead-relus", "zero-init-symmetry", "learning-rate",
    "softmax-multiclass", "regularisation", "feature-engineering", "overfitting",
)  # fmt: skip


@functools.cache
def trained(name: str) -> dict[str, TrainedRun]:
    """The check's runs of lesson ``name``, trained once for the module."""
    return train_lesson(load_lesson(name))


def test_the_course_lessons_are_all_there_in_order() -> None:
    names = [lesson.name for lesson in LESSONS]
    assert set(REQUIRED) <= set(names)
    assert [names.index(n) for n in REQUIRED] == sorted(names.index(n) for n in REQUIRED)
    orders = [lesson.order for lesson in LESSONS]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.name for lesson in LESSONS])
def test_every_lesson_claim_holds(lesson: Lesson) -> None:
    runs = trained(lesson.name)
    results = evaluate_claim(lesson.claim, runs)
    failed = [r.to_dict() for r in results if not r.holds]
    assert not failed, json.dumps(failed)
    assert len(results) == len(lesson.claim.terms) >= 1
    for result in results:
        assert math.isfinite(result.figure) and math.isfinite(result.target)


def test_check_lesson_reports_every_term_and_is_deterministic() -> None:
    lesson = load_lesson("learning-rate")
    first, second = check_lesson(lesson), check_lesson(lesson)
    assert first.holds and [t.to_dict() for t in first.terms] == [t.to_dict() for t in second.terms]
    data = first.to_dict("zh")
    json.dumps(data, allow_nan=False)
    assert data["lesson"] == "learning-rate" and data["text"] == lesson.claim_in("zh")
    assert [t["run"] for t in data["claim"]] == ["lr=0.0003", "lr=0.03", "lr=3"]


# -- claims that must fail ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "index", "wrong_run"),
    [
        ("hidden-layer", 1, "hidden=none"),  # no hidden layer never reaches 100 % on XOR
        ("hidden-layer", 0, "hidden=4"),  # ... and a hidden layer gets past 75 %
        ("linear-collapse", 0, "tanh"),  # tanh layers are not one affine map
        ("vanishing-gradients", 0, "activation=relu"),  # ReLU's ratio is far below 100
        ("vanishing-gradients", 2, "activation=sigmoid"),  # sigmoid's is not under 10
        ("dead-relus", 0, "lr=0.03"),  # a moderate rate kills almost no unit
        ("zero-init-symmetry", 0, "init=small_normal"),  # random weights are not copies
        ("zero-init-symmetry", 2, "init=zeros"),
        ("learning-rate", 2, "lr=0.03"),  # a good rate does not diverge
        ("learning-rate", 1, "lr=0.0003"),  # a tiny rate does not converge in 50 epochs
        ("regularisation", 0, "l1=0"),  # no penalty, no sparsity
        ("regularisation", 0, "l2=0.01"),  # L2 is not sparse
        ("feature-engineering", 1, "features=x1,x2"),  # a line cannot draw the circle
        ("choosing-activation", 1, "activation=sigmoid"),
        ("universal-approximation", 3, "hidden=2"),
        ("overfitting", 0, "l2=0.03"),  # with L2 the gap is small
    ],
)
def test_a_claim_term_on_the_wrong_run_fails(name: str, index: int, wrong_run: str) -> None:
    lesson, runs = load_lesson(name), trained(name)
    term = lesson.claim.terms[index]
    assert judge(term, runs).holds
    assert not judge(dataclasses.replace(term, run=wrong_run), runs).holds


def test_the_xor_lesson_with_one_hidden_unit_fails_its_claim() -> None:
    """One tanh unit is a squashed line: XOR stays at 75 % at best, so 100 % must fail."""
    lesson = load_lesson("hidden-layer")
    assert lesson.compare is not None
    terms = tuple(dataclasses.replace(t, run=t.run.replace("hidden=4", "hidden=1"))
                  for t in lesson.claim.terms)  # fmt: skip
    wrong = dataclasses.replace(
        lesson,
        compare=dataclasses.replace(lesson.compare, values=("none", "1")),
        claim=dataclasses.replace(lesson.claim, terms=terms),
    )
    check = check_lesson(wrong)
    assert not check.holds
    assert [t.holds for t in check.terms] == [True, False]
    assert check.terms[1].figure <= 0.75


def test_the_softmax_lesson_shows_its_confusion_matrix() -> None:
    assert load_lesson("softmax-multiclass").show == ("confusion_matrix",)
    run = trained("softmax-multiclass")["softmax"]
    matrix = np.array(EXHIBITS["confusion_matrix"](run))
    assert matrix.shape == (3, 3) and matrix.sum() == len(run.data.test_y)
    assert np.array_equal(matrix.sum(axis=1), np.bincount(run.data.test_y, minlength=3))
    assert np.trace(matrix) / matrix.sum() == pytest.approx(measure(run, "test_accuracy"))


def test_the_linear_lesson_shows_the_product_map() -> None:
    check = check_lesson(load_lesson("linear-collapse"))
    product = check.exhibits["hidden=4,4,4,4,4,4"]["linear_product"]
    run = trained("linear-collapse")["hidden=4,4,4,4,4,4"]
    w, b = np.array(product["weights"]), np.array(product["bias"])
    assert w.shape == (2, 1) and b.shape == (1,) and product["inputs"] == ["x1", "x2"]
    _, logits = run.trainer.network.layer_outputs(run.trainer.x_train)
    np.testing.assert_allclose(logits, run.trainer.x_train @ w + b, rtol=1e-9, atol=1e-9)


# -- measures on tiny networks with known weights ----------------------------------------
def tiny_run(
    hidden: tuple[int, ...], activations: tuple[str, ...], params: list[float], **start: object
) -> TrainedRun:
    x = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    y = np.array([0, 1, 1, 0])
    data = Dataset(x, y, np.array([False, False, True, True]))
    config = ModelConfig(hidden=hidden, activations=activations)
    model = Model.build(config, data.train_x)
    model = Model.from_params(config, model.features, params)
    trainer = Trainer(model, TrainConfig(), data.train_x, data.train_y, data.test_x, data.test_y)
    return TrainedRun("tiny", trainer, data, **start)  # type: ignore[arg-type]


def test_unit_spread_is_zero_for_copies_and_the_largest_difference_otherwise() -> None:
    net = Network((2, 3, 1), ("tanh",), "binary_cross_entropy")
    # W1 columns identical, b1 equal, W2 rows identical
    net.set_params(np.array([0.5, 0.5, 0.5, -1.0, -1.0, -1.0, 0.2, 0.2, 0.2, 0.7, 0.7, 0.7, 0.1]))
    assert unit_spread(net) == 0.0
    net.weights[0][1, 2] += 0.25
    assert unit_spread(net) == pytest.approx(0.25)
    net.weights[1][1, 0] -= 0.5
    assert unit_spread(net) == pytest.approx(0.5)
    assert math.isnan(unit_spread(Network((2, 1), (), "binary_cross_entropy")))


def test_linear_product_multiplies_the_layers_out() -> None:
    net = Network((2, 2, 1), ("linear",), "binary_cross_entropy")
    net.weights[0][...] = [[1.0, 2.0], [3.0, 4.0]]
    net.biases[0][...] = [1.0, 0.0]
    net.weights[1][...] = [[1.0], [-1.0]]
    net.biases[1][...] = [0.5]
    w, b = linear_product(net)
    np.testing.assert_array_equal(w, [[-1.0], [-1.0]])  # W1 W2 by hand
    np.testing.assert_array_equal(b, [1.5])  # b1 W2 + b2 = 1 - 0 + 0.5
    x = np.array([[0.3, -2.0], [1.5, 0.5]])
    assert linear_map_error(net, x) < 1e-15
    bent = Network((2, 2, 1), ("tanh",), "binary_cross_entropy")
    bent.set_params(net.params)
    assert linear_map_error(bent, x) > 0.1


def test_dead_fraction_and_small_weights_from_known_weights() -> None:
    # Unit 0 gets x1 (alive on some points); unit 1 gets -10 - x2... always < 0: dead.
    params = [1.0, 0.0, 0.0, 0.0005, 0.0, -10.0, 2.0, 1e-4, 0.0]
    run = tiny_run((2,), ("relu",), params)
    assert measure(run, "dead_fraction_max") == 0.5
    assert measure(run, "dead_fraction_mean") == 0.5
    # weights (no biases): 1, 0, 0, 0.0005, 2, 1e-4 -> four of six under 1e-3
    assert measure(run, "small_weight_fraction") == pytest.approx(4 / 6)
    assert measure(run, "weight_norm") == pytest.approx(math.sqrt(1 + 0.0005**2 + 4 + 1e-8))
    assert measure(run, "hidden_units") == 2 and measure(run, "layers") == 1
    assert measure(run, "n_classes") == 2 and measure(run, "diverged") == 0
    tanh = tiny_run((2,), ("tanh",), params)
    assert math.isnan(measure(tanh, "dead_fraction_max"))  # tanh units cannot die


def test_gradient_ratio_is_last_hidden_over_first_at_epoch_0() -> None:
    run = tiny_run((2, 2), ("tanh", "tanh"), [0.1] * 15,
                   start_grad_norms=np.array([0.01, 0.5, 2.0]))  # fmt: skip
    assert measure(run, "grad_ratio_start") == pytest.approx(50.0)  # 0.5 / 0.01
    one_layer = tiny_run((2,), ("tanh",), [0.1] * 9, start_grad_norms=np.array([0.1, 1.0]))
    assert math.isnan(measure(one_layer, "grad_ratio_start"))


def test_best_accuracy_counts_epoch_0_and_loss_ratio_the_start() -> None:
    run = tiny_run((2,), ("tanh",), [0.1] * 9, start_train_loss=2.0, start_train_accuracy=1.0)
    final = run.trainer.evaluate()
    assert measure(run, "best_train_accuracy") == 1.0  # no epoch yet: the start's
    assert measure(run, "loss_ratio") == pytest.approx(final.train_loss / 2.0)
    assert measure(run, "loss_gap") == pytest.approx(final.test_loss - final.train_loss)
    assert measure(run, "accuracy_gap") == pytest.approx(final.train_metric - final.test_metric)


def test_every_measure_has_help_and_an_unknown_one_is_refused() -> None:
    assert all(m.help and m.name == name for name, m in MEASURES.items())
    run = tiny_run((2,), ("tanh",), [0.1] * 9)
    with pytest.raises(ValueError, match=r"unknown measure 'accuracy'.*test_accuracy"):
        measure(run, "accuracy")


# -- the session a lesson opens ------------------------------------------------------------
def test_a_lesson_session_round_trips_with_its_metadata(tmp_path: Path) -> None:
    from playground.core.lessons import meta_from_session

    lesson = load_lesson("overfitting")
    session = lesson_session(lesson, "zh")
    assert [run.label for run in session.runs] == ["l2=0", "l2=0.03"]
    assert session.compare == {"key": "l2", "values": ["0", "0.03"]}
    path = tmp_path / "lesson.mlps"
    save_session(path, session)
    loaded = load_session(path)
    assert loaded.lesson is not None and loaded.lesson["title"] == lesson.title["zh"]
    meta = meta_from_session(loaded.lesson)
    assert meta.goals == lesson.goals and meta.locks == lesson.locks
    assert meta.title == lesson.title and meta.text == lesson.text and meta.name == "overfitting"
    # the session's weights are the ones the check starts from
    first = loaded.runs[0].model
    assert first is not None
    fresh = train_lesson(lesson, epochs=0)["l2=0"].trainer.network.params
    np.testing.assert_array_equal(first.network.params, fresh)
    assert loaded.extras["generator"] == ["circle", 30, 0.3, 0]
