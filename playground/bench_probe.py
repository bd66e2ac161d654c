"""Probe bench: ``python -m playground.bench_probe [--repeat N] [--json]``.

Times :meth:`Prober.probe` (the 200 × 200 boundary, 40 × 40 thumbnails of every neuron
and a focused neuron's map, as a live frame asks) and :meth:`Prober.boundary` on
spiral 2-(8x6)-1 tanh, with the NumPy probe and the compiled one, alternating in one
process so that both meet the same machine; the ratios come from the same run.

It then times the frame's probe again beside a thread that runs Python without pause, as
the GUI thread does while it draws: a probe that takes and gives back the interpreter
lock at every NumPy call waits for it each time (up to the switch interval, 5 ms), one
that gives it back once for the whole pass waits once.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from playground.app.training.probing import Prober
from playground.bench_setups import model_config, two_class_data
from playground.core import probe_engine
from playground.core.model import Model

ENGINES = ("numpy", "compiled")


def spiral_model() -> Model:
    """The live bench's spiral 2-(8x6)-1 tanh, freshly initialised."""
    x, _ = two_class_data("spiral", 500)
    return Model.build(model_config((8,) * 6, "tanh"), x)


def _beside_busy_thread(work: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of ``work`` while another thread runs Python without pause."""
    stop = threading.Event()

    def spinning() -> None:
        while not stop.is_set():
            pass

    thread = threading.Thread(target=spinning, daemon=True)
    thread.start()
    try:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            times.append(1e3 * (time.perf_counter() - start))
    finally:
        stop.set()
        thread.join()
    return statistics.median(times)


def bench_probe(repeat: int = 30, busy_repeat: int = 10) -> dict[str, Any]:
    """Median milliseconds of a frame's probe and of a boundary, per engine, and ratios.

    Parameters
    ----------
    repeat : int
        Timed calls per engine and kind, alternating between the engines.
    busy_repeat : int
        Frame probes per engine timed beside a busy Python thread (0 to skip).

    Returns
    -------
    dict
        ``ms`` (engine -> kind -> median ms; kind ``frame_beside_python`` is the frame's
        probe beside a busy thread), ``speedup`` (kind -> NumPy's ms over the compiled
        probe's) and ``compiled`` (False when the compiled probe could not load: then
        NumPy only).
    """
    model = spiral_model()
    compiled = probe_engine.warm_up()
    engines = ENGINES if compiled else ENGINES[:1]
    probers = {engine: Prober(engine=engine) for engine in engines}
    kinds: dict[str, Callable[[Prober], object]] = {
        "frame": lambda p: p.probe(model, (3, 4), maps=True),
        "boundary": lambda p: p.boundary(model),
    }
    times: dict[str, dict[str, list[float]]] = {e: {k: [] for k in kinds} for e in engines}
    for prober in probers.values():  # the grids' inputs, and a first call
        for call in kinds.values():
            call(prober)
    for _ in range(repeat):
        for kind, call in kinds.items():
            for engine, prober in probers.items():
                start = time.perf_counter()
                call(prober)
                times[engine][kind].append(1e3 * (time.perf_counter() - start))
    ms = {e: {k: statistics.median(v) for k, v in by_kind.items()} for e, by_kind in times.items()}
    if busy_repeat > 0:
        for engine, prober in probers.items():
            frame = functools.partial(kinds["frame"], prober)
            ms[engine]["frame_beside_python"] = _beside_busy_thread(frame, busy_repeat)
    speedup = {k: ms["numpy"][k] / ms["compiled"][k] for k in ms["numpy"]} if compiled else {}
    return {
        "name": "Prober.probe, spiral 2-(8x6)-1 tanh, 200x200 boundary, 40x40 thumbnails",
        "compiled": compiled,
        "repeat": repeat,
        "ms": ms,
        "speedup": speedup,
    }


def report(result: dict[str, Any]) -> str:
    """The bench's figures as lines of text."""
    lines = [result["name"]]
    if not result["compiled"]:
        lines.append("  the compiled probe could not load (numba missing?): NumPy only")
    for engine, by_kind in result["ms"].items():
        figures = ", ".join(f"{kind} {value:.2f} ms" for kind, value in by_kind.items())
        lines.append(f"  {engine:<8} {figures}")
    for kind, ratio in result["speedup"].items():
        lines.append(f"  {kind}: compiled {ratio:.1f}x faster than NumPy (same run)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench and print its report (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench_probe", description=__doc__)
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per engine (30)")
    parser.add_argument(
        "--busy-repeat", type=int, default=10, help="frames beside a busy thread (10; 0 skips)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = bench_probe(max(1, args.repeat), max(0, args.busy_repeat))
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
