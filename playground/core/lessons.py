"""Lessons: each reproduces one of the course's claims live, and a check tests the claim.

The built-in lessons live in ``resources/lessons/<NN-name>/`` (installed as the
package data ``playground.resources.lessons``): :func:`list_lessons` reads them in
order and :func:`load_lesson` one by name; :func:`read_lesson` reads a lesson
folder anywhere. :func:`check_lesson` trains a lesson headless and judges its claim.

A lesson a user saves ("Save as lesson...") is a session file whose ``lesson``
metadata says what the panel shows: :class:`LessonMeta`, turned into that dict
by :func:`meta_to_session` and back by :func:`meta_from_session`.

Everything a lesson names comes from a table: the settings from the rule book
(:data:`~playground.core.settings.SETTINGS`), the figures of its claim from
:data:`MEASURES`, a goal's figures from :data:`FIGURES`, comparisons from
:data:`OPS`, locks from :data:`LOCKABLE` and exhibits from :data:`EXHIBITS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from playground.core.lesson_claims import (
    LessonCheck,
    TermResult,
    check_lesson,
    evaluate_claim,
    judge,
    train_lesson,
)
from playground.core.lesson_files import LessonError, folder_name, read_lesson
from playground.core.lesson_goals import (
    FIGURES,
    LOCKABLE,
    OPS,
    Goal,
    GoalState,
    check_locks,
    figures_from,
    goal_states,
    goals_from_figures,
)
from playground.core.lesson_measures import EXHIBITS, MEASURES, TrainedRun
from playground.core.lesson_text import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MAX_MARKDOWN,
    Step,
    check_language,
    split_steps,
    text_for,
    texts_from,
)
from playground.core.lesson_types import Claim, ClaimTerm, DataSpec, Lesson, RunSpec

__all__ = [
    "EXHIBITS", "FIGURES", "LANGUAGES", "LOCKABLE", "MEASURES", "OPS", "Claim", "ClaimTerm",
    "DataSpec", "Goal", "GoalState", "Lesson", "LessonCheck", "LessonError", "LessonMeta",
    "RunSpec", "Step", "TermResult", "TrainedRun", "check_language", "check_lesson",
    "check_locks", "evaluate_claim", "figures_from", "goal_states", "goals_from_figures",
    "judge", "lesson_folder", "lesson_meta", "lesson_names", "list_lessons", "load_lesson",
    "make_challenge", "meta_from_session",
    "meta_to_session", "read_lesson", "split_steps", "train_lesson",
]  # fmt: skip

PACKAGE = "playground.resources"
#: The lessons of a source checkout, where the package is not installed.
SOURCE_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "lessons"


def lesson_folder() -> Path:
    """Return the folder of the built-in lessons: the installed package's, else the checkout's."""
    try:
        root = Path(str(resources.files(PACKAGE))) / "lessons"
    except ModuleNotFoundError:
        return SOURCE_FOLDER
    return root if root.is_dir() else SOURCE_FOLDER


def _folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "lesson.json").is_file())


def list_lessons(folder: Path | None = None) -> tuple[Lesson, ...]:
    """Read every lesson of ``folder`` (the built-in ones by default), in order.

    Parameters
    ----------
    folder : Path, optional
        A folder of lesson folders, each named ``NN-name``.

    Returns
    -------
    tuple of Lesson
        Sorted by their order, then name.

    Raises
    ------
    LessonError
        For a malformed lesson, or two with one name.
    """
    lessons = [read_lesson(path) for path in _folders(folder or lesson_folder())]
    names = [lesson.name for lesson in lessons]
    twice = {name for name in names if names.count(name) > 1}
    if twice:
        raise LessonError(f"two lessons are named {sorted(twice)[0]!r}")
    return tuple(sorted(lessons, key=lambda lesson: (lesson.order, lesson.name)))


def lesson_names(folder: Path | None = None) -> tuple[str, ...]:
    """Return the names of the lessons of ``folder`` in order, without reading them whole."""
    found = [(folder_name(path), path) for path in _folders(folder or lesson_folder())]
    return tuple(name for (name, _), _ in sorted(found, key=lambda f: (f[0][1], f[0][0])))


def load_lesson(name: str, folder: Path | None = None) -> Lesson:
    """Read the lesson called ``name`` (e.g. ``"hidden-layer"``).

    Raises
    ------
    LessonError
        For an unknown name (the message lists the lessons) or a malformed lesson.
    """
    for path in _folders(folder or lesson_folder()):
        if folder_name(path)[0] == name:
            return read_lesson(path)
    raise LessonError(f"no lesson {name!r}; the lessons are {', '.join(lesson_names(folder))}")


# -- lesson metadata in session files ----------------------------------------------------
@dataclass(frozen=True)
class LessonMeta:
    """What the lesson panel of a window shows, as a session file's ``lesson`` holds it.

    Attributes
    ----------
    title : dict of str to str
        Per language (at least one).
    text : dict of str to str
        Markdown per language (may be empty).
    goals : tuple of Goal
        The challenge's goals.
    locks : tuple of str
        Settings the window locks (see :data:`LOCKABLE`).
    name : str or None
        The built-in lesson it comes from, if any.
    """

    title: dict[str, str]
    text: dict[str, str]
    goals: tuple[Goal, ...] = ()
    locks: tuple[str, ...] = ()
    name: str | None = None

    def title_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the title in ``language`` (or the best there is)."""
        return text_for(self.title, language)

    def text_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the Markdown in ``language`` (or the best there is)."""
        return text_for(self.text, language)


def lesson_meta(lesson: Lesson) -> LessonMeta:
    """Return the panel's view of a built-in lesson."""
    return LessonMeta(dict(lesson.title), dict(lesson.text), lesson.goals, lesson.locks,
                      lesson.name)  # fmt: skip


def make_challenge(
    title: str,
    text: str,
    goals: Iterable[Goal],
    locks: Iterable[str],
    language: str = DEFAULT_LANGUAGE,
) -> LessonMeta:
    """Make the metadata of a challenge an instructor saves from the current window.

    Parameters
    ----------
    title, text : str
        The title and the Markdown, in ``language``.
    goals : iterable of Goal
        For example from :func:`goals_from_figures`.
    locks : iterable of str
        Settings to lock, names of :data:`LOCKABLE`.
    language : str
        One of :data:`LANGUAGES`.

    Returns
    -------
    LessonMeta
        Checked.

    Raises
    ------
    ValueError
        For an empty title, an over-long text, an unknown language or lock.
    """
    code = check_language(language)
    return LessonMeta(
        texts_from({code: title}, "the title", complete=False),
        _markdown({code: text}, "the text"),
        tuple(goals),
        check_locks(list(locks)),
    )


def _markdown(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object of Markdown texts by language")
    texts = {}
    for code, text in value.items():
        check_language(code)
        if not isinstance(text, str) or len(text) > MAX_MARKDOWN:
            raise ValueError(
                f"{what} in {code!r} must be text of at most {MAX_MARKDOWN} characters"
            )
        texts[code] = text
    return texts


def meta_to_session(meta: LessonMeta, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Return ``meta`` as a session's ``lesson`` dict.

    ``title`` and ``text`` hold ``language``'s (the keys every session reader
    checks); ``titles`` and ``texts`` every language's, and ``goals``, ``locks``
    and ``name`` the rest.

    Parameters
    ----------
    meta : LessonMeta
        The metadata.
    language : str
        The language of ``title`` and ``text``.

    Returns
    -------
    dict
        JSON values only.
    """
    data: dict[str, Any] = {
        "title": meta.title_in(language),
        "text": meta.text_in(language),
        "goals": [goal.to_dict() for goal in meta.goals],
        "titles": dict(meta.title),
        "texts": dict(meta.text),
        "locks": list(meta.locks),
    }
    if meta.name is not None:
        data["name"] = meta.name
    return data


def meta_from_session(data: Mapping[str, Any]) -> LessonMeta:
    """Read a session's ``lesson`` dict back (see :func:`meta_to_session`).

    A dict of only ``title``, ``text`` and ``goals`` reads as English texts and no
    locks.

    Parameters
    ----------
    data : mapping
        The session's ``lesson`` value.

    Returns
    -------
    LessonMeta
        Checked.

    Raises
    ------
    ValueError
        For a goal, lock, language or text that is not valid.
    """
    title = data.get("titles", {DEFAULT_LANGUAGE: data.get("title", "")})
    text = data.get("texts", {DEFAULT_LANGUAGE: data.get("text", "")})
    goals_raw = data.get("goals", [])
    if not isinstance(goals_raw, list):
        raise ValueError("a lesson's goals must be a list")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise ValueError("a lesson's name must be text")
    return LessonMeta(
        texts_from(title, "the lesson's title", complete=False),
        _markdown(text, "the lesson's text"),
        tuple(Goal.from_dict(goal) for goal in goals_raw),
        check_locks(data.get("locks", []), "the lesson's locks"),
        name,
    )
