"""Speed bench: ``python -m playground.bench [--json] [--quick] [--repeat N] [--seconds S]``.

Measures training steps/s of this engine (``Model.build`` + ``Trainer.run``) and of
scikit-learn's ``MLPClassifier`` in the same process, interleaved, on the same
data, architecture, batch size and learning rate, float64 and plain SGD for both, with
BLAS limited to one thread (``--threads``). Then times the grid probe and TensorFlow
Playground-style live epochs/s. ``--engine compiled`` measures the compiled kernel
instead of the NumPy engine; ``--engines`` only compares the two, headless, alone and
beside a busy Python thread.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np

from playground.bench_engines import bench_config, bench_engines, bench_live, bench_probe
from playground.bench_setups import CONFIGS, N_POINTS
from playground.core import kernel

FAIRNESS = (
    "Both engines: float64, same inputs, architecture, batch size and learning rate, plain "
    "SGD, reshuffled epochs, the same NumPy BLAS, and the same bookkeeping: the epoch's "
    "loss is the mean of its batch losses (PASS/FAIL uses this ratio). The app does more: "
    "it evaluates loss and accuracy on the full training and test sets after every epoch; "
    "'+eval' is our speed measured that way, against the same scikit-learn figure."
)


def format_engines(table: dict[str, Any], seconds: float, repeat: int) -> str:
    """The engine comparison as text."""
    lines = [
        *textwrap.wrap(
            f"Headless epochs/s, NumPy engine against the compiled kernel: run_slice() calls of "
            f"20 ms for ~{seconds:g} s, median of {repeat}, 250 train + 250 test points "
            "evaluated after every epoch; 'busy' with another Python thread spinning meanwhile.",
            88,
        ),
        f"{'setup':<28}{'numpy':>8}{'busy':>8}{'compiled':>10}{'busy':>8}{'x':>7}{'x busy':>8}",
    ]
    for r in table["setups"]:
        if not table["compiled"]:
            lines.append(f"{r['name']:<28}{r['numpy_epochs_per_s']:>8.0f}")
            continue
        lines.append(
            f"{r['name']:<28}{r['numpy_epochs_per_s']:>8.0f}{r['numpy_busy_epochs_per_s']:>8.0f}"
            f"{r['compiled_epochs_per_s']:>10.0f}{r['compiled_busy_epochs_per_s']:>8.0f}"
            f"{r['speedup']:>6.1f}x{r['speedup_busy']:>7.1f}x"
        )
    if table["notice"]:
        lines += ["", *textwrap.wrap(table["notice"], 88)]
    return "\n".join(lines)


def machine_info() -> dict[str, Any]:
    """Versions and CPU facts that the figures depend on."""
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": None,
        "numba": None,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "blas_threads": None,
    }
    with contextlib.suppress(ImportError):
        import sklearn

        info["sklearn"] = sklearn.__version__
    if kernel.numba_available():
        from importlib.metadata import version

        info["numba"] = version("numba")
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_info

        blas = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
        info["blas_threads"] = max(blas, default=None)
    return info


def run(
    keys: Sequence[str] | None = None,
    repeat: int = 3,
    seconds: float = 1.0,
    sklearn: bool = True,
    extras: bool = True,
    engine: str = "numpy",
) -> dict[str, Any]:
    """The whole bench as one JSON-ready dict; ``extras`` adds the probe and live tables."""
    sklearn = sklearn and importlib.util.find_spec("sklearn") is not None
    chosen = [c for c in CONFIGS if not keys or c.key in keys or c.name in keys]
    if engine != "numpy" and not kernel.warm_up():
        engine = "numpy"  # the notice goes into the report
    settings = {"repeat": repeat, "seconds": seconds, "n_points": N_POINTS, "engine": engine}
    report: dict[str, Any] = {
        "machine": machine_info(),
        "settings": {**settings, "engine_notice": kernel.engine_notice()},
        "fairness": FAIRNESS,
        "configs": [bench_config(c, repeat, seconds, sklearn, engine) for c in chosen],
    }
    if extras:
        report["probe"] = bench_probe(max(3, 5 * repeat))
        report["live"] = bench_live(repeat, seconds, engine)
    return report


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def format_report(report: dict[str, Any]) -> str:
    """The plain-text tables."""
    m, s = report["machine"], report["settings"]
    lines = [
        f"MLP Playground bench: Python {m['python']}, NumPy {m['numpy']}, "
        f"scikit-learn {m['sklearn'] or 'not installed'}, {m['cpus']} CPUs, "
        f"BLAS threads {m['blas_threads'] or '?'}",
        f"Training steps/s: float64, plain SGD, {s['n_points']} points, median of "
        f"{s['repeat']} interleaved runs of ~{s['seconds']:g} s each, "
        f"{s.get('engine', 'numpy')} engine",
        "",
        f"{'config':<24}{'ours':>9}{'sklearn':>9}{'ratio':>8}{'target':>8}  result"
        f"{'+eval':>9}{'ratio':>8}",
    ]
    for c in report["configs"]:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[c["passed"]]
        ratio, with_eval = (_ratio(c[k]) for k in ("ratio", "ratio_with_eval"))
        lines.append(
            f"{c['name']:<24}{_num(c['ours_steps_per_s']):>9}{_num(c['sklearn_steps_per_s']):>9}"
            f"{ratio:>8}{'>=' + format(c['target'], 'g') + 'x':>8}  {verdict:<6}"
            f"{_num(c['ours_with_eval_steps_per_s']):>9}{with_eval:>8}"
        )
    lines += ["", *textwrap.wrap(report["fairness"], 88)]
    if "probe" in report:
        p = report["probe"]
        lines += [
            "",
            f"Grid probe, {p['name']} (median of {p['repeat']}):",
            f"  with every neuron's map {p['ms_with_neuron_maps']:8.1f} ms",
            f"  output only             {p['ms_output_only']:8.1f} ms",
            "",
            *textwrap.wrap(
                "Live-style epochs/s, 250 train + 250 test points, lr 0.03, tanh output with "
                "squared loss; '+probe' adds a 100x100 probe with every neuron's map after each "
                "epoch, as TF Playground redraws every frame. Other apps are compared only when "
                "measured on the same machine, one after the other (see the README).",
                88,
            ),
            f"{'setup':<28}{'train':>9}{'+probe':>9}",
        ]
        for r in report["live"]:
            lines.append(
                f"{r['name']:<28}{r['ours_epochs_per_s']:>9.0f}{r['ours_live_epochs_per_s']:>9.0f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the bench, print text or JSON (exit 0: timings never fail)."""
    parser = argparse.ArgumentParser(prog="python -m playground.bench", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, help="runs per engine and config (default 3)")
    parser.add_argument("--seconds", type=float, help="time budget per run (default 1.0)")
    parser.add_argument("--quick", action="store_true", help="CI scale: 1 run of ~0.2 s")
    parser.add_argument(
        "--config",
        action="append",
        choices=[c.key for c in CONFIGS],
        help="only this config (repeatable)",
    )
    parser.add_argument("--no-extras", action="store_true", help="skip probe and live tables")
    parser.add_argument(
        "--engine",
        choices=["numpy", "compiled"],
        default="numpy",
        help="our engine in every table (default numpy; compiled needs numba)",
    )
    parser.add_argument(
        "--engines",
        action="store_true",
        help="only compare the NumPy and compiled engines, alone and beside a busy thread",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="BLAS threads for both engines, via threadpoolctl (default 1; 0 leaves BLAS as is)",
    )
    args = parser.parse_args(argv)
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    seconds = args.seconds if args.seconds is not None else (0.2 if args.quick else 1.0)
    if repeat < 1 or not seconds > 0:
        parser.error("--repeat must be >= 1 and --seconds > 0")
    limit: Any = contextlib.nullcontext()
    if importlib.util.find_spec("sklearn") is not None:
        import sklearn.neural_network  # noqa: F401  (loads SciPy's BLAS too, before any limit)
    if args.threads > 0 and importlib.util.find_spec("threadpoolctl") is not None:
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(args.threads, user_api="blas")
    with limit:
        if args.engines:
            table = {"machine": machine_info(), **bench_engines(repeat, seconds)}
            print(
                json.dumps(table, indent=2) if args.json else format_engines(table, seconds, repeat)
            )
            return 0
        report = run(args.config, repeat, seconds, extras=not args.no_extras, engine=args.engine)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
