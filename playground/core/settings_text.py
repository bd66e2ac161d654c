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
    """Read hidden layer widths such as ``"8,8"``; ``""``, ``"0"`` or ``"none"`` for none.

    Parameters
    ----------
    text : str
        Comma-separated positive integers, first layer first; surrounding blanks and
        the case of ``"none"`` do not matter.
    name : str
        The setting, as messages name it.

    Returns
    -------
    tuple of int
        One width per hidden layer (empty for none).

    Raises
    ------
    ValueError
        For a part that is not an integer, or a width below 1.
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
    """Read one activation name for every hidden layer, or a comma list of one per layer.

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

    Raises
    ------
    ValueError
        For an unknown name (the message lists the choices), or a list whose length
        is neither 1 nor ``n_hidden``.
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
    """Read a finite float, such as ``"0.03"`` or ``"1e-3"``.

    Parameters
    ----------
    text : str
        The number as :class:`float` reads it (surrounding blanks allowed).
    name : str
        The setting, as messages name it.

    Returns
    -------
    float
        The value.

    Raises
    ------
    ValueError
        For text that is not a number, or for NaN and infinities.
    """
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} takes a number, got {quote(text)}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} takes a finite number, got {quote(text)}")
    return value


def parse_integer(text: str, name: str) -> int:
    """Read a whole number, such as ``"32"``.

    Parameters
    ----------
    text : str
        The number as :class:`int` reads it in base 10 (surrounding blanks allowed).
    name : str
        The setting, as messages name it.

    Returns
    -------
    int
        The value, of any sign (range checks are the caller's).

    Raises
    ------
    ValueError
        For text that is not a whole number, e.g. ``"3.5"``.
    """
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{name} takes a whole number, got {quote(text)}") from None


def check_seed(seed: int, name: str = "--seed") -> int:
    """Return ``seed`` itself when it can seed a generator (0 or more).

    Parameters
    ----------
    seed : int
        The seed to check.
    name : str
        The setting, as messages name it.

    Returns
    -------
    int
        ``seed``, unchanged.

    Raises
    ------
    ValueError
        For a negative seed.
    """
    if seed < 0:
        raise ValueError(f"{name} must be 0 or more, got {seed}")
    return seed


def parse_choice(text: str, table: Mapping[str, object], what: str) -> str:
    """Read one key of ``table``, such as an optimizer or initialiser name.

    Parameters
    ----------
    text : str
        The key; surrounding blanks are stripped, the case must match.
    table : mapping of str
        The choices, keyed by name.
    what : str
        The setting, as messages name it.

    Returns
    -------
    str
        The stripped key.

    Raises
    ------
    ValueError
        For a key not in ``table``; the message lists the choices.
    """
    key = text.strip()
    if key not in table:
        raise ValueError(f"unknown {what} {quote(key)}; choose from {', '.join(table)}")
    return key
