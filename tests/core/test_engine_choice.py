"""Engine ``auto`` trains small networks with the compiled kernel and big ones with NumPy."""

from __future__ import annotations

import pytest

from playground.core import kernel
from playground.core.trainer import Trainer
from tests.core.kernel_cases import OPTIMIZERS, make

pytest.importorskip("numba")


@pytest.fixture(scope="module", autouse=True)
def compiled() -> None:
    assert kernel.warm_up(), kernel.engine_notice()


def _trainer(engine: str, hidden: tuple[int, ...], batch_size: int, n: int) -> Trainer:
    return make(
        "relu", "binary", "binary_cross_entropy", OPTIMIZERS["sgd"], engine=engine,
        n=n, batch_size=batch_size, hidden=hidden,
    )  # fmt: skip


def test_the_rule_counts_one_steps_multiply_adds() -> None:
    # 2-64-64-1: 2*64 + 64*64 + 64*1 = 4288 multiply-adds a row
    limit = kernel.NUMPY_WORK // 4288
    assert not kernel.prefers_numpy((2, 64, 64, 1), limit)
    assert kernel.prefers_numpy((2, 64, 64, 1), limit + 1)
    assert not kernel.prefers_numpy((2, 4, 2, 1), 256)
    assert kernel.prefers_numpy((2, 256, 256, 1), 256)


@pytest.mark.parametrize(
    "hidden,batch_size,n,engine",
    [
        ((4, 2), 10, 30, "compiled"),  # the classic playground network
        ((256, 256), 256, 300, "numpy"),  # 17 million multiply-adds a step
        ((64, 64), 256, 40, "compiled"),  # batches of 256 asked, but 40 points: 170k
        ((64, 64), 256, 300, "numpy"),  # 1.1 million
    ],
)
def test_auto_picks_the_faster_engine(
    hidden: tuple[int, ...], batch_size: int, n: int, engine: str
) -> None:
    trainer = _trainer("auto", hidden, batch_size, n)
    assert trainer.run_slice(max_steps=2).engine == engine
    assert trainer.step_count == 2


def test_compiled_stays_compiled_whatever_the_size() -> None:
    trainer = _trainer("compiled", (256, 256), 256, 300)
    assert trainer.run_slice(max_steps=1).engine == "compiled"


def test_auto_follows_the_network_and_batch_size_as_they_change() -> None:
    trainer = _trainer("auto", (64, 64), 16, 300)  # 69k
    assert trainer.run_slice(max_steps=1).engine == "compiled"
    trainer.set_config(trainer.config.with_changes(batch_size=128))  # 549k
    assert trainer.run_slice(max_steps=1).engine == "numpy"
    trainer.set_config(trainer.config.with_changes(batch_size=32))  # 137k
    assert trainer.run_slice(max_steps=1).engine == "compiled"
    assert trainer.step_count == 3
