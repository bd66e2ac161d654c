"""A lesson's words: its languages, texts kept per language, and the steps of its Markdown.

Every lesson is written in each of :data:`LANGUAGES`; its title, claim and goal
texts are JSON objects keyed by language (``{"en": "...", "zh": "..."}``) and
its Markdown is one file per language (``en.md``, ``zh.md``). :func:`split_steps`
cuts the Markdown into the steps a side panel shows one by one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: The languages every lesson is written in: English and Simplified Chinese.
LANGUAGES: tuple[str, ...] = ("en", "zh")
#: The language shown when a text lacks the one asked for.
DEFAULT_LANGUAGE = "en"
#: Longest title, claim or goal text, in characters.
MAX_SHORT_TEXT = 500
#: Largest Markdown text of one language, in characters.
MAX_MARKDOWN = 100_000

_STEP_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def text_for(texts: Mapping[str, str], language: str = DEFAULT_LANGUAGE) -> str:
    """Return the text in ``language``, else in :data:`DEFAULT_LANGUAGE`, else any, else "".

    Parameters
    ----------
    texts : mapping of str to str
        One text per language code.
    language : str
        The language wanted, e.g. ``"zh"``.

    Returns
    -------
    str
        The best text there is.
    """
    for code in (language, DEFAULT_LANGUAGE):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()), "")


def check_language(language: str) -> str:
    """Return ``language`` when it is one of :data:`LANGUAGES`; raise ValueError otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    return language


def texts_from(value: Any, what: str, complete: bool = True) -> dict[str, str]:
    """Check a JSON object of texts by language, e.g. ``{"en": "Why", "zh": "为什么"}``.

    Parameters
    ----------
    value : object
        The value as JSON gives it. A bare string counts as the English text.
    what : str
        What the texts are, for messages (``"title"``).
    complete : bool
        Require a text for every language of :data:`LANGUAGES`.

    Returns
    -------
    dict of str to str
        The texts, stripped, in the order of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        For another type, an unknown language, an empty or over-long text, or (with
        ``complete``) a missing language.
    """
    if isinstance(value, str):
        value = {DEFAULT_LANGUAGE: value}
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object of texts by language ({', '.join(LANGUAGES)})")
    unknown = [key for key in value if key not in LANGUAGES]
    if unknown:
        raise ValueError(
            f"{what} has unknown language {unknown[0]!r}; choose from {', '.join(LANGUAGES)}"
        )
    missing = [code for code in LANGUAGES if code not in value]
    if complete and missing:
        raise ValueError(f"{what} has no {missing[0]!r} text")
    texts = {}
    for code in LANGUAGES:
        if code not in value:
            continue
        text = value[code]
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{what} in {code!r} must be a non-empty text")
        if len(text) > MAX_SHORT_TEXT:
            raise ValueError(f"{what} in {code!r} is longer than {MAX_SHORT_TEXT} characters")
        texts[code] = text.strip()
    if not texts:
        raise ValueError(f"{what} has no text")
    return texts


@dataclass(frozen=True)
class Step:
    """One step of a lesson's text.

    Attributes
    ----------
    title : str
        The step's heading (the text after ``##``); "" for the introduction.
    body : str
        Its Markdown, without the heading.
    """

    title: str
    body: str


def split_steps(markdown: str) -> tuple[Step, ...]:
    """Cut a lesson's Markdown into steps at its level-2 headings (``## ...``).

    Parameters
    ----------
    markdown : str
        The text: an optional ``# Title`` line, an introduction, then one ``##``
        section per step.

    Returns
    -------
    tuple of Step
        The introduction (title "") when there is text before the first step, then
        every step in order. The ``#`` title line is left out.
    """
    steps: list[Step] = []
    title, lines = "", list[str]()
    for line in markdown.splitlines():
        heading = _STEP_HEADING.match(line)
        if heading:
            if title or "\n".join(lines).strip():
                steps.append(Step(title, "\n".join(lines).strip()))
            title, lines = heading.group(1), []
        elif not (line.startswith("# ") and not steps and not title and not any(lines)):
            lines.append(line)
    if title or "\n".join(lines).strip():
        steps.append(Step(title, "\n".join(lines).strip()))
    return tuple(steps)
