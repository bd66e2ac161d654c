"""Compare specs: 2 to 4 runs that differ in one setting or in several at once.

A spec is typed as ``KEY=V1,V2[,V3,V4]``, for example ``activation=sigmoid,relu``,
``lr=0.03,3`` or ``init=zeros,he_normal``. A ``/`` always separates runs, and a
comma does too except for ``hidden`` and ``features``, whose values are lists
with commas of their own: ``hidden=8,8/4`` (or ``hidden=8x8/4``) and
``features=x1,x2/x1,x2,x1x2``. Several such settings with as many values each make
runs that differ in all of them, value by value: ``activation=sigmoid,relu`` with
``init=xavier_normal,he_normal`` compares sigmoid + Xavier with ReLU + He
(:func:`parse_compare` of several texts; the command line takes ``--compare`` once
per setting).

The settings a comparison can vary are :data:`COMPARE_KEYS`
(:mod:`playground.core.compare_keys`). :func:`apply_compare` turns a spec and the
settings the runs share into one ``(label, ModelConfig, TrainConfig)`` per run;
:mod:`playground.core.compare_run` trains them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from playground.core.compare_keys import (
    COMPARE_KEYS,
    KEY_NAMES,
    MAX_RUNS,
    MIN_RUNS,
    RUN_SEPARATOR,
    CompareKey,
    compare_key,
)
from playground.core.config import ModelConfig, TrainConfig
from playground.core.fileio import quote

__all__ = [
    "COMPARE_KEYS",
    "KEY_NAMES",
    "MAX_RUNS",
    "MIN_RUNS",
    "RUN_SEPARATOR",
    "CompareKey",
    "CompareSpec",
    "apply_compare",
    "compare_key",
    "parse_compare",
]

#: Between a run's settings in its label: ``activation=relu, init=he_normal``.
LABEL_JOIN = ", "


@dataclass(frozen=True)
class CompareSpec:
    """What a comparison varies: a setting and 2 to 4 values, and maybe more settings.

    Creating one checks it: known canonical keys, each at most once, 2 to 4 values
    that each parse, as many for every setting, and no two runs that are the same
    settings (``lr=0.1,0.10`` is one setting twice).

    Attributes
    ----------
    key : str
        A canonical key of :data:`COMPARE_KEYS`, e.g. ``"activation"``.
    values : tuple of str
        One value per run, as the user typed it (without surrounding blanks).
    also : tuple of (str, tuple of str)
        Further settings the runs differ in, each a key and one value per run.
    """

    key: str
    values: tuple[str, ...]
    also: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        """Check the keys, the numbers of values and that no two runs are the same.

        Raises
        ------
        ValueError
            For an unknown or repeated key, fewer than :data:`MIN_RUNS` or more than
            :data:`MAX_RUNS` values, settings with different numbers of values, a
            value its key's parser refuses, or two runs with the same settings.
        """
        keys = self.keys
        for key in keys:
            if key not in COMPARE_KEYS:
                raise ValueError(
                    f"unknown compare key {quote(key)}; choose from {', '.join(COMPARE_KEYS)}"
                )
        if len(set(keys)) != len(keys):
            raise ValueError("a comparison names each setting once")
        if not MIN_RUNS <= len(self.values) <= MAX_RUNS:
            raise ValueError(
                f"compare {self.key} needs {MIN_RUNS} to {MAX_RUNS} values, "
                f"got {len(self.values)}; {_example(COMPARE_KEYS[self.key])}"
            )
        for key, values in self.also:
            if len(values) != len(self.values):
                raise ValueError(
                    f"compare {key} has {len(values)} values but {self.key} has"
                    f" {len(self.values)}; give every setting one value per run"
                )
        # Alone, a run is named by its value as typed; with more settings, by its label.
        names = self.labels() if self.also else self.values
        seen: dict[tuple[object, ...], str] = {}
        for name, run in zip(names, zip(*self.parsed_settings())):
            if run in seen:
                what = f"compare {self.key}" if not self.also else "compare"
                same = "setting" if not self.also else "settings"
                raise ValueError(
                    f"{what}: {quote(seen[run])} and {quote(name)} are the same {same};"
                    " give different values"
                )
            seen[run] = name

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key the runs differ in, :attr:`key` first."""
        return (self.key, *(key for key, _ in self.also))

    def settings(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Every ``(key, values)`` pair, :attr:`key` first."""
        return ((self.key, self.values), *self.also)

    def parsed(self) -> list[Any]:
        """Read each run's value of :attr:`key` with its key's parser.

        Returns
        -------
        list
            One parsed value per run, in the order of :attr:`values`; the type is
            the parser's (a float for ``lr``, a tuple of int for ``hidden``, ...).

        Raises
        ------
        ValueError
            For an empty value or one the parser refuses, prefixed with
            ``compare KEY=VALUE``.
        """
        return _parse(self.key, self.values)

    def parsed_settings(self) -> list[list[Any]]:
        """Every setting's parsed values, in the order of :meth:`settings`."""
        return [_parse(key, values) for key, values in self.settings()]

    def labels(self) -> tuple[str, ...]:
        """Name each run by its values, e.g. ``("activation=sigmoid", "activation=relu")``.

        Returns
        -------
        tuple of str
            One label per run, with the values as typed, the settings joined by
            :data:`LABEL_JOIN`.
        """
        settings = self.settings()
        return tuple(
            LABEL_JOIN.join(f"{key}={values[run]}" for key, values in settings)
            for run in range(len(self.values))
        )

    def text(self) -> str:
        """Say the spec as it is typed: ``KEY=V1,V2``, several joined by `` and ``."""
        return " and ".join(_typed(key, values) for key, values in self.settings())


def _parse(name: str, values: tuple[str, ...]) -> list[Any]:
    key = COMPARE_KEYS[name]
    parsed = []
    for raw in values:
        if not raw:
            raise ValueError(f"compare {name}: a value is empty; {_example(key)}")
        try:
            parsed.append(key.parse(raw))
        except ValueError as exc:
            raise ValueError(f"compare {name}={raw}: {exc}") from None
    return parsed


def _typed(name: str, values: tuple[str, ...]) -> str:
    lists = COMPARE_KEYS[name].lists or any("," in v for v in values)
    return f"{name}={(RUN_SEPARATOR if lists else ',').join(values)}"


def _example(key: CompareKey) -> str:
    """Say how to write a spec for ``key``, for the end of a message."""
    separator = RUN_SEPARATOR if key.lists else ","
    return f"write {key.name}=V1{separator}V2[{separator}V3{separator}V4], {key.help}"


def _setting(text: str) -> tuple[str, tuple[str, ...]]:
    """Read ``KEY=V1,V2...`` into the canonical key and the values as typed."""
    name, sep, rest = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(
            f"compare takes KEY=V1,V2[,V3,V4], e.g. activation=sigmoid,relu; got {quote(text)}; "
            f"keys: {', '.join(COMPARE_KEYS)}"
        )
    key = compare_key(name)
    separator = "," if not key.lists and RUN_SEPARATOR not in rest else RUN_SEPARATOR
    return key.name, tuple(part.strip() for part in rest.split(separator))


def parse_compare(text: str | Sequence[str]) -> CompareSpec:
    """Read a spec typed as ``KEY=V1,V2[,V3,V4]``, or several that vary together.

    Parameters
    ----------
    text : str or sequence of str
        For example ``"activation=sigmoid,relu"``, ``"lr=0.03,3"`` or ``"hidden=8x8/4"``.
        Runs are separated by :data:`RUN_SEPARATOR` when the values hold one or the
        key's values are lists (``hidden``, ``features``), else by commas. Several
        texts, with as many values each, make runs that differ in all of them: run
        ``i`` takes value ``i`` of each (one setting may then repeat a value, as long
        as no two runs are the same).

    Returns
    -------
    CompareSpec
        With the canonical keys and the values as typed; the first text's setting is
        :attr:`CompareSpec.key`, the others :attr:`CompareSpec.also`.

    Raises
    ------
    ValueError
        Naming the key or value at fault and what would be accepted.
    """
    texts = [text] if isinstance(text, str) else list(text)
    if not texts:
        raise ValueError("a comparison needs at least one setting")
    (key, values), *also = [_setting(t) for t in texts]
    return CompareSpec(key, values, tuple(also))


def apply_compare(
    spec: CompareSpec, model: ModelConfig, train: TrainConfig
) -> list[tuple[str, ModelConfig, TrainConfig]]:
    """Make one run's settings per value of ``spec``: ``model`` and ``train`` with those values.

    Parameters
    ----------
    spec : CompareSpec
        The settings to vary and their values.
    model, train : ModelConfig, TrainConfig
        What the runs share (data task, loss, seed, ...).

    Returns
    -------
    list of (str, ModelConfig, TrainConfig)
        ``(label, model, train)`` per run, in the order of ``spec.values``; several
        settings go in in the order of :meth:`CompareSpec.settings`.

    Raises
    ------
    ValueError
        When a value does not fit the shared settings, for example an activation for
        a network with no hidden layer, or momentum for plain SGD.
    """
    settings, parsed = spec.settings(), spec.parsed_settings()
    runs = []
    for run, label in enumerate(spec.labels()):
        run_model, run_train = model, train
        for (name, values), parsed_values in zip(settings, parsed):
            try:
                run_model, run_train = COMPARE_KEYS[name].apply(
                    parsed_values[run], run_model, run_train
                )
            except ValueError as exc:
                raise ValueError(f"compare {name}={values[run]}: {exc}") from None
        runs.append((label, run_model, run_train))
    return runs
