"""Headless training and prediction: ``python main.py train`` and ``python main.py predict``.

``train`` builds a network on a preset or a CSV dataset, trains it, prints one
line of JSON with the final losses, metrics and gradient norms, and can export
the weights; with ``--compare`` it trains 2 to 4 runs that differ in one setting
and prints a line for each (:mod:`playground.cli_train`). ``predict`` reads a
weight file and a CSV of points and writes a CSV of predictions to stdout. Bad
arguments or files print a single ``error: ...`` line on stderr and exit with
status 2. Never imports Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import math
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np
from numpy.typing import NDArray

from playground.cli_train import run_train
from playground.core import settings_text
from playground.core.activations import ACTIVATIONS
from playground.core.compare import COMPARE_KEYS
from playground.core.config import TASKS, ModelConfig, TrainConfig
from playground.core.dataset_csv import CsvError, bounded_lines
from playground.core.fileio import quote, shorten
from playground.core.files import load_weights
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES
from playground.core.optimizers import OPTIMIZERS
from playground.core.presets import PRESETS
from playground.core.trainer import ENGINES

OUTPUTS = ("sigmoid", "softmax", "linear", "tanh")
EXIT_ERROR = 2
#: What a shell reports for a command stopped by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141
#: Longest ``error:`` line, in characters (core messages are much shorter).
MAX_MESSAGE = 1000


class CliError(Exception):
    """A bad argument or input, reported as one ``error:`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


def number(text: str) -> float:
    """A finite float argument (argparse reports "invalid number value" otherwise)."""
    return settings_text.parse_number(text, "a number")


def build_parser() -> argparse.ArgumentParser:
    """The ``train`` / ``predict`` argument parser."""
    parser = _Parser(prog="python main.py", description="Train or apply an MLP without the window.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{train,predict}")
    m, t = ModelConfig(), TrainConfig()

    train = commands.add_parser("train", help="train a network and print a JSON summary")
    data = train.add_mutually_exclusive_group(required=True)
    data.add_argument("--dataset", choices=list(PRESETS), help="a preset dataset")
    data.add_argument("--data", metavar="TRAIN.csv", help="x1,x2,label|target[,split] file")
    add = train.add_argument
    add("--test-data", metavar="TEST.csv", help="test points (with --data)")
    add("--points", type=int, help="points in a preset (default 200)")
    add("--noise", type=number, help="preset noise 0..1 (default 0)")
    add("--option", action="append", default=[], metavar="KEY=N", help="preset option, e.g. arms=3")
    add("--test-ratio", type=number, help="test fraction 0..0.9 (preset default 0.5)")
    add("--seed", type=int, default=0, help="seed of the data, split, weights and shuffle")
    add("--hidden", default=",".join(map(str, m.hidden)), help='widths, e.g. 8,8 ("" for none)')
    add("--activation", default="tanh", help=f"one or one per layer: {', '.join(ACTIVATIONS)}")
    add("--task", choices=TASKS, help="override the task the data implies")
    add("--output", choices=OUTPUTS, help="output activation (picks the matching loss)")
    add("--loss", choices=list(LOSSES), help="loss (default: the task's usual one)")
    add("--init", choices=list(INITIALIZERS), default=m.init)
    add("--bias-init", type=number, default=m.bias_init)
    add("--features", default=",".join(m.features), help="e.g. x1,x2,x1^2,x1x2,sin_x1")
    add("--optimizer", choices=list(OPTIMIZERS), default=t.optimizer)
    add("--lr", type=number, default=t.learning_rate, help="learning rate")
    add("--batch", type=int, default=t.batch_size, help="mini-batch size")
    add("--momentum", type=number, default=t.momentum)
    add("--nesterov", action="store_true")
    add("--l1", type=number, default=t.l1)
    add("--l2", type=number, default=t.l2)
    add("--epochs", type=int, default=100)
    add(
        "--save",
        metavar="FILE.npz|FILE.json",
        help="export the weights; with --compare one file per run, its label added to the"
        " name (w.npz -> w-lr=3.npz)",
    )
    add(
        "--compare",
        action="append",
        metavar="KEY=V1,V2[,V3,V4]",
        help="train 2 to 4 runs on the same data and seed that differ in one setting and"
        " print a line for each (give it once per setting to vary several together, run i"
        " taking value i of each), e.g. activation=sigmoid,relu, lr=0.03,3, hidden=8x8/4 or"
        " features=x1,x2/x1,x2,x1x2 (/ separates runs; a comma does too except for hidden"
        f" and features); KEY is one of {', '.join(COMPARE_KEYS)}; seed varies the weights"
        " and the shuffle, not the data",
    )
    add(
        "--engine",
        choices=ENGINES,
        default="numpy",
        help="numpy (the readable reference, default), compiled (numba; the same steps,"
        " equal to about 1e-14) or auto",
    )
    add(
        "--diagnostics",
        action="store_true",
        help='add a "diagnostics" object to the summary (to each run\'s with --compare): per'
        " weight layer grad_norm and update_ratio (||dW||/||W|| of the last update), per hidden"
        " layer saturated_fraction and dead_fraction (null where the activation cannot"
        " saturate or die), and warnings, the gradient lens's banners",
    )
    train.set_defaults(run=run_train)

    predict = commands.add_parser("predict", help="write predictions for points as CSV")
    predict.add_argument("--weights", required=True, metavar="FILE.npz|FILE.json")
    predict.add_argument("--data", required=True, metavar="POINTS.csv", help="x1,x2 columns")
    predict.set_defaults(run=_predict)
    return parser


def run_cli(args: Sequence[str]) -> int:
    """Run ``train`` or ``predict`` with command-line ``args``; return the exit status.

    Bad arguments and unreadable files give one ``error:`` line on stderr and
    :data:`EXIT_ERROR`. When the reader of stdout goes away (``... | head -1``)
    the command ends quietly with :data:`EXIT_BROKEN_PIPE`, as Unix tools do.
    """
    try:
        ns = build_parser().parse_args(list(args))
        status = int(ns.run(ns))
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except (CliError, ValueError, OSError) as exc:
        message = shorten(" ".join(str(exc).split()) or type(exc).__name__, MAX_MESSAGE)
        print(f"error: {message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing what is left cannot fail again."""
    with contextlib.suppress(OSError, ValueError):  # stdout may have no file descriptor
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


# ---------------------------------------------------------------------------- train


def parse_hidden(text: str) -> tuple[int, ...]:
    """Parse hidden layer widths such as ``"8,8"`` (``""``, ``"0"`` or ``"none"`` for none)."""
    try:
        return settings_text.parse_hidden(text)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def parse_activations(text: str, n_hidden: int) -> tuple[str, ...]:
    """Parse one activation name for every hidden layer, or a comma list of one per layer."""
    try:
        return settings_text.parse_activations(text, n_hidden)
    except ValueError as exc:
        raise CliError(str(exc)) from None


# -------------------------------------------------------------------------- predict


def read_points(path: str) -> NDArray[np.float64]:
    """The ``x1`` and ``x2`` columns of a CSV file with a header, shape (n, 2).

    Other columns (``label``, ``target``, ``split``, ...) are ignored.
    """
    rows: list[tuple[float, float]] = []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(bounded_lines(handle))
        columns: dict[str, int] | None = None
        try:
            for fields in reader:
                if not any(field.strip() for field in fields):
                    continue
                line = reader.line_num
                if columns is None:
                    columns = {name.strip().lower(): i for i, name in enumerate(fields)}
                    if "x1" not in columns or "x2" not in columns:
                        raise CliError(f"{path}: line {line}: the header needs x1 and x2 columns")
                    continue
                x1, x2 = (_coordinate(path, fields, columns, name, line) for name in ("x1", "x2"))
                rows.append((x1, x2))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: unreadable CSV ({shorten(exc)})") from None
        except CsvError as exc:
            raise CliError(f"{path}: {exc}") from None
        if columns is None:
            raise CliError(f"{path}: the file is empty; expected a header with x1 and x2")
    return np.array(rows, dtype=np.float64).reshape(-1, 2)


def _coordinate(
    path: str, fields: list[str], columns: dict[str, int], name: str, line: int
) -> float:
    index = columns[name]
    text = fields[index].strip() if index < len(fields) else ""
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"{path}: line {line}: {name} value {quote(text)} is not a number") from None
    if not math.isfinite(value):
        raise CliError(f"{path}: line {line}: {name} value {quote(text)} is not finite")
    return value


def _predict(ns: argparse.Namespace) -> int:
    model = load_weights(ns.weights).model
    x = read_points(ns.data)
    with np.errstate(all="ignore"):
        if model.is_classifier:
            proba = model.predict_proba(x)
            header = ["x1", "x2", "class", *(f"p{k}" for k in range(proba.shape[1]))]
            rows = [
                [repr(a), repr(b), str(int(np.argmax(p))), *map(repr, p.tolist())]
                for (a, b), p in zip(x.tolist(), proba)
            ]
        else:
            header = ["x1", "x2", "value"]
            values = model.predict(x).tolist()
            rows = [[repr(a), repr(b), repr(v)] for (a, b), v in zip(x.tolist(), values)]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return 0
