"""``train --engine auto`` picks the engine that trains the network faster, as the window does."""

from __future__ import annotations

import json

import pytest

import playground.cli_train as cli_train
from playground.cli import run_cli
from playground.core.trainer import Trainer


def _engines(monkeypatch: pytest.MonkeyPatch, capsys, *args: str) -> list[str]:
    used: list[str] = []

    class Recording(Trainer):
        def __init__(self, *a, engine: str = "numpy", **k) -> None:
            used.append(engine)
            super().__init__(*a, engine=engine, **k)

    monkeypatch.setattr(cli_train, "Trainer", Recording)
    assert run_cli(["train", *args]) == 0
    json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    return used


def test_auto_trains_a_small_network_compiled(monkeypatch, capsys) -> None:
    assert _engines(
        monkeypatch, capsys, "--dataset", "xor", "--epochs", "2", "--engine", "auto"
    ) == ["compiled"]


def test_auto_trains_a_wide_network_with_numpy(monkeypatch, capsys) -> None:
    args = ["--dataset", "circle", "--points", "600", "--hidden", "256,256"]
    used = _engines(
        monkeypatch, capsys, *args, "--batch", "256", "--epochs", "1", "--engine", "auto"
    )
    assert used == ["numpy"]


def test_an_engine_asked_for_is_kept_whatever_the_size(monkeypatch, capsys) -> None:
    args = ["--dataset", "xor", "--hidden", "256,256", "--batch", "256", "--epochs", "1"]
    assert _engines(monkeypatch, capsys, *args, "--engine", "compiled") == ["compiled"]
