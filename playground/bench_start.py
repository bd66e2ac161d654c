"""Start-up bench: ``python -m playground.bench_start [--runs N] [--engine E] [--json]``.

Each run starts a fresh Python process that opens the real window offscreen on the XOR
preset and exits at its first frame; the parent times it from the process's start to
the line the child prints when that frame has been drawn, so interpreter start-up,
imports, building the window and the first snapshot all count, as a user waits for
them. Caches (bytecode, the compiled kernel) are whatever the machine has: run it
twice to see a warm start. The child writes bytecode caches as a user's Python does,
even where the environment turns that off (``PYTHONDONTWRITEBYTECODE``): otherwise
every start would compile the sources again, which no installed app does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

#: What the child runs: the window as ``python main.py --preset xor`` builds it.
CHILD = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from playground.app.launch import application, parse_args, prepare
app = application()
parts = prepare(parse_args(["--fresh", "--preset", "xor", "--engine", sys.argv[1]]), None)
parts.window.show()
def first(_snap):
    print("first-frame", flush=True)
    parts.files.ask_to_save = False
    parts.controller.shutdown()
    os._exit(0)
parts.controller.snapshot_shown.connect(first)
app.exec()
"""
#: The goal for a warm start, in seconds.
TARGET_S = 1.5


def first_frame_s(engine: str, timeout: float = 60.0) -> float:
    """Seconds from starting a fresh process to its first drawn frame."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, engine],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "first-frame":
                elapsed = time.perf_counter() - start
                child.wait(timeout)
                return elapsed
            if time.perf_counter() - start > timeout:
                break
        child.kill()
    raise RuntimeError("the window showed no frame")


def main(argv: Sequence[str] | None = None) -> int:
    """Time several fresh starts and print each, their median and the goal."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench_start", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh starts to time (default 5)")
    parser.add_argument("--engine", choices=("auto", "compiled", "numpy"), default="auto")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    times = [first_frame_s(args.engine) for _ in range(args.runs)]
    median = statistics.median(times)
    if args.json:
        print(json.dumps({"engine": args.engine, "first_frame_s": times, "median_s": median}))
    else:
        print(f"first frame after a fresh start ({args.engine} engine, xor preset, offscreen):")
        print("  " + ", ".join(f"{t:.2f} s" for t in times))
        verdict = "ok" if median <= TARGET_S else "SHORT"
        print(f"  median {median:.2f} s   goal <= {TARGET_S:g} s   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
