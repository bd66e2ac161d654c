"""Cycles made on another thread are collected on the GUI thread."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from playground.app import gui_gc


class _Tracer:
    """Part of a reference cycle; notes the thread that finalises it."""

    finalised_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Tracer.finalised_on.append(threading.current_thread().name)


N_CYCLES = 5_000  # several times the youngest generation's threshold


def _churn() -> None:
    """Drop cycles, enough to set off a collection."""
    for _ in range(N_CYCLES):
        _Tracer()


def test_a_worker_threads_garbage_is_collected_on_the_gui_thread(qtbot) -> None:
    collector = gui_gc.install()
    assert collector.active and not gc.isenabled()
    _Tracer.finalised_on.clear()
    worker = threading.Thread(target=_churn, name="churn")
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert _Tracer.finalised_on == []  # the worker's allocations triggered no collection
    qtbot.waitUntil(lambda: len(_Tracer.finalised_on) == N_CYCLES, timeout=10_000)
    assert set(_Tracer.finalised_on) == {threading.current_thread().name}
    assert collector.collections >= 1


def test_uninstalling_collects_and_turns_automatic_collection_back_on(qtbot) -> None:
    gui_gc.install()
    _Tracer.finalised_on.clear()
    _Tracer()
    gui_gc.uninstall()
    assert _Tracer.finalised_on == [threading.current_thread().name]
    assert gc.isenabled()
    gui_gc.install()  # the autouse fixture uninstalls it again
