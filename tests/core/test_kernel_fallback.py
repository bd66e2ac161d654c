"""Engine choice without numba: the NumPy engine takes over with one notice, importing the
engine never imports numba, and slices mean the same on the NumPy engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from playground.core import kernel
from playground.core.optimizers import SGD
from playground.core.trainer import SliceResult
from tests.core.kernel_cases import OPTIMIZERS, assert_same_training, make

ROOT = Path(__file__).resolve().parents[2]
ARGS = ("tanh", "binary", "binary_cross_entropy", OPTIMIZERS["adam"])


@pytest.fixture
def fresh_compiler(monkeypatch: pytest.MonkeyPatch) -> kernel._Compiler:
    """A compiler that has not tried to load the kernel yet."""
    compiler = kernel._Compiler()
    monkeypatch.setattr(kernel, "_COMPILER", compiler)
    return compiler


@pytest.fixture
def no_numba(monkeypatch: pytest.MonkeyPatch, fresh_compiler: kernel._Compiler) -> None:
    """``import numba`` fails, as where it is not installed."""
    monkeypatch.setitem(sys.modules, "numba", None)


@pytest.mark.parametrize("engine", ["compiled", "auto"])
@pytest.mark.usefixtures("no_numba")
def test_without_numba_the_numpy_engine_trains_and_says_so_once(engine: str) -> None:
    assert not kernel.numba_available()
    reference, other = make(*ARGS), make(*ARGS, engine=engine)
    reference.run(4)
    assert other.run_slice(max_epochs=2) == SliceResult(6, 2, "epochs", "numpy")
    if engine == "auto":  # its background load fails at once; wait for it to say so
        kernel.warm_up_in_background().join(timeout=30)
    assert other.run(2) is None
    assert_same_training(reference, other, rtol=0.0)
    notice = kernel.engine_notice()
    assert notice is not None and "numba" in notice and "NumPy engine" in notice
    assert not kernel.kernel_ready()
    assert not kernel.warm_up()


def test_a_kernel_that_fails_to_compile_leaves_training_to_numpy(
    monkeypatch: pytest.MonkeyPatch, fresh_compiler: kernel._Compiler
) -> None:
    fake = types.ModuleType("numba")  # importable, but has no njit
    monkeypatch.setitem(sys.modules, "numba", fake)
    reference, other = make(*ARGS), make(*ARGS, engine="compiled")
    reference.run(3)
    assert other.run(3) is None
    assert_same_training(reference, other, rtol=0.0)
    notice = kernel.engine_notice()
    assert notice is not None and "failed" in notice and "AttributeError" in notice


def test_an_optimizer_the_kernel_does_not_know_trains_with_numpy(
    monkeypatch: pytest.MonkeyPatch, fresh_compiler: kernel._Compiler
) -> None:
    class Halving(SGD):
        def update(self, params: np.ndarray, grads: np.ndarray) -> None:
            params -= 0.5 * self.learning_rate * grads

    fresh_compiler.kernel = kernel.ops.train_slice  # a kernel is "loaded"
    trainer = make(*ARGS, engine="compiled")
    trainer.optimizer = Halving(trainer.network.n_params, 0.1)
    assert trainer.run_slice(max_steps=4).engine == "numpy"
    assert trainer.run_slice(max_steps=4, max_epochs=None).steps == 4


def test_unknown_engines_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'fast'"):
        make(*ARGS, engine="fast")
    with pytest.raises(ValueError, match="at least one step"):
        make(*ARGS).run_slice(max_steps=0)


def test_numpy_slices_follow_their_budgets() -> None:
    # 11 points in batches of 4: 3 steps an epoch.
    trainer = make(*ARGS)
    assert trainer.run_slice(max_steps=5) == SliceResult(5, 1, "budget", "numpy")
    assert trainer.run_slice() == SliceResult(1, 1, "epochs", "numpy")
    assert trainer.run_slice(max_epochs=2) == SliceResult(6, 2, "epochs", "numpy")
    assert trainer.run_slice(max_epochs=9, target_loss=10.0) == SliceResult(3, 1, "target", "numpy")
    assert trainer.run_slice(seconds=0.0).steps == 1
    assert trainer.run_epoch() == 2


SCRIPT = """
import json, sys
import playground.core.kernel, playground.core.kernel_ops
from playground.core.trainer import Trainer
from tests.core.kernel_cases import OPTIMIZERS, make
trainer = make("relu", "regression", "mse", OPTIMIZERS["sgd"], engine="auto")
make("relu", "regression", "mse", OPTIMIZERS["sgd"]).run(2)
print(json.dumps({"numba": "numba" in sys.modules}))
"""


def test_importing_the_engine_does_not_import_numba() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"numba": False}
