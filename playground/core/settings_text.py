"""Settings typed as text: hidden widths, activation lists, numbers, seeds and table names.

The command lines (``train``, the window's options) and compare specs
(:mod:`playground.core.compare`) read the same settings from text, so they share
these parsers and their messages. Each raises :class:`ValueError` naming the
setting (``name``), the bad text and, for a table, the choices. Ranges that a
settings object checks (learning rate, batch size, ...) are left to
:class:`~playground.core.config.TrainConfig` and
:class:`~playground.core.config.ModelConfig`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from playground.core.activations import ACTIVATIONS
from playground.core.fileio import quote


def parse_hidden(text: str, name: str = "--hidden") -> tuple[int, ...]:
    """Hidden layer widths such as ``"8,8"``; ``""``, ``"0"`` or ``"none"`` for none.

    Parameters
    ----------
    text : str
        Comma-separated positive integers, first layer first.
    name : str
        The setting, as messages name it.

    Returns
    -------
    tuple of int
        One width per hidden layer (empty for none).
    """
    text = text.strip()
    if text.lower() in ("", "0", "none"):
        return ()
    try:
        units = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"{name} takes layer widths such as 8,8, got {quote(text)}") from None
    if min(units) < 1:
        raise ValueError("every hidden layer needs at least one unit")
    return units


def parse_activations(text: str, n_hidden: int, name: str = "--activation") -> tuple[str, ...]:
    """One activation name for every hidden layer, or a comma list of one per layer.

    Parameters
    ----------
    text : str
        A key of :data:`~playground.core.activations.ACTIVATIONS`, or ``n_hidden``
        of them separated by commas.
    n_hidden : int
        Hidden layers of the network.
    name : str
        The setting, as messages name it.

    Returns
    -------
    tuple of str
        ``n_hidden`` names (empty for a network without hidden layers).
    """
    names = [part.strip() for part in text.split(",")]
    unknown = [n for n in names if n not in ACTIVATIONS]
    if unknown:
        choices = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {quote(unknown[0])}; choose from {choices}")
    if len(names) == 1:
        return tuple(names * n_hidden)
    if len(names) != n_hidden:
        raise ValueError(f"{name} lists {len(names)} names for {n_hidden} hidden layers")
    return tuple(names)


def parse_number(text: str, name: str) -> float:
    """A finite float, such as ``"0.03"`` or ``"1e-3"``."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} takes a number, got {quote(text)}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} takes a finite number, got {quote(text)}")
    return value


def parse_integer(text: str, name: str) -> int:
    """A whole number, such as ``"32"``."""
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{name} takes a whole number, got {quote(text)}") from None


def check_seed(seed: int, name: str = "--seed") -> int:
    """``seed`` itself when it can seed a generator (0 or more)."""
    if seed < 0:
        raise ValueError(f"{name} must be 0 or more, got {seed}")
    return seed


def parse_choice(text: str, table: Mapping[str, object], what: str) -> str:
    """A key of ``table`` (stripped); ``what`` names the setting in the message."""
    key = text.strip()
    if key not in table:
        raise ValueError(f"unknown {what} {quote(key)}; choose from {', '.join(table)}")
    return key
