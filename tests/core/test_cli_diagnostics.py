"""``train --diagnostics``: the summary's health figures equal core.diagnostics of the same run."""

from __future__ import annotations

import json

import numpy as np
import pytest

from playground.cli import build_parser, run_cli
from playground.core.config import ModelConfig, TrainConfig
from playground.core.diagnostics import diagnose
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.trainer import Trainer

FIELDS = {"grad_norm", "update_ratio", "saturated_fraction", "dead_fraction", "warnings"}


def lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert run_cli(["train", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return [json.loads(line) for line in out.splitlines()]


def same_run(
    hidden: tuple[int, ...], activations: tuple[str, ...], epochs: int, **model
) -> Trainer:
    """The run ``train --dataset circle --seed 0`` makes, trained here without the CLI."""
    data = make_dataset("circle", 200, 0.0, 0, 0.5)
    config = ModelConfig(hidden=hidden, activations=activations, seed=0, **model)
    trainer = Trainer(
        Model.build(config, data.train_x),
        TrainConfig(),
        data.train_x,
        data.train_y,
        data.test_x,
        data.test_y,
    )
    trainer.run(epochs)
    return trainer


def test_the_figures_are_those_of_core_diagnostics(capsys) -> None:
    (summary,) = lines(
        capsys, "--dataset", "circle", "--hidden", "6,4", "--activation", "relu,tanh",
        "--epochs", "4", "--diagnostics",
    )  # fmt: skip
    got = summary["diagnostics"]
    assert set(got) == FIELDS
    want = diagnose(same_run((6, 4), ("relu", "tanh"), 4))
    np.testing.assert_allclose(got["grad_norm"], want.grad_norm_w, rtol=1e-12)
    np.testing.assert_allclose(got["update_ratio"], want.update_ratio, rtol=1e-12)
    assert len(got["grad_norm"]) == len(got["update_ratio"]) == 3  # weight layers
    # Per hidden layer: relu cannot saturate, tanh cannot die.
    assert got["saturated_fraction"][0] is None and got["dead_fraction"][1] is None
    assert got["saturated_fraction"][1] == pytest.approx(want.saturated_fraction[1], abs=0)
    assert got["dead_fraction"][0] == pytest.approx(want.dead_fraction[0], abs=0)
    assert isinstance(got["warnings"], list)


def test_a_deep_sigmoid_net_warns_of_vanishing_gradients(capsys) -> None:
    (summary,) = lines(
        capsys, "--dataset", "circle", "--hidden", "8,8,8,8,8,8,8,8", "--activation",
        "sigmoid", "--epochs", "2", "--diagnostics",
    )  # fmt: skip
    texts = summary["diagnostics"]["warnings"]
    assert len(texts) == 1 and texts[0].startswith("Vanishing gradients: layer 1's")
    assert texts[0].endswith("try ReLU, He initialisation or fewer layers")


def test_dead_units_are_reported(capsys) -> None:
    (summary,) = lines(
        capsys, "--dataset", "circle", "--hidden", "4", "--activation", "relu",
        "--bias-init", "-50", "--epochs", "1", "--diagnostics",
    )  # fmt: skip
    got = summary["diagnostics"]
    assert got["dead_fraction"] == [1.0]
    assert any(text.startswith("Dead units: 100% of hidden layer 1") for text in got["warnings"])


def test_each_compared_run_has_its_own(capsys) -> None:
    found = lines(
        capsys, "--dataset", "circle", "--hidden", "4", "--compare", "activation=sigmoid,relu",
        "--epochs", "2", "--diagnostics",
    )  # fmt: skip
    assert [line["run"] for line in found] == ["activation=sigmoid", "activation=relu"]
    sigmoid, relu = (line["diagnostics"] for line in found)
    assert sigmoid["dead_fraction"] == [None] and isinstance(
        sigmoid["saturated_fraction"][0], float
    )
    assert relu["saturated_fraction"] == [None] and isinstance(relu["dead_fraction"][0], float)
    want = diagnose(same_run((4,), ("relu",), 2))
    np.testing.assert_allclose(relu["grad_norm"], want.grad_norm_w, rtol=1e-12)


def test_a_diverged_run_gives_null_for_what_is_not_finite(capsys) -> None:
    (summary,) = lines(
        capsys, "--dataset", "circle", "--hidden", "8", "--activation", "linear", "--lr", "1000",
        "--optimizer", "sgd", "--epochs", "20", "--diagnostics",
    )  # fmt: skip
    assert summary["diverged"] is not None
    got = summary["diagnostics"]
    values = got["grad_norm"] + got["update_ratio"] + got["saturated_fraction"]
    assert None in values and all(v is None or np.isfinite(v) for v in values)
    assert any(text.startswith("Exploding gradients") for text in got["warnings"])


def test_without_the_flag_there_is_no_diagnostics_object(capsys) -> None:
    (summary,) = lines(capsys, "--dataset", "circle", "--epochs", "1")
    assert "diagnostics" not in summary


def test_help_documents_the_flag() -> None:
    text = " ".join(
        build_parser()._subparsers._group_actions[0].choices["train"].format_help().split()
    )  # type: ignore[union-attr]
    assert "--diagnostics" in text and "dead_fraction" in text and "null where" in text
