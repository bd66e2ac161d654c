"""Session files of version 2: checking the meta before any array is read.

:func:`plan_v2` checks the whole meta (all but ``extras``, ``compare`` and
``lesson``) and returns the :class:`~playground.core.sessions_v2.PlanV2` that
derives every member's exact shape. The free-form JSON values a session carries
are checked here too, by shape and by depth: :func:`json_object` for ``compare``,
:func:`check_lesson` for ``lesson`` and :func:`depth_within` for any of them;
:func:`~playground.core.sessions.save_session` applies the same checks first.
"""

from __future__ import annotations

from typing import Any

from playground.core import fileio
from playground.core.fileio import FileFormatError
from playground.core.session_layout import SessionPlan, model_and_history
from playground.core.session_states import state_plan
from playground.core.session_types import MAX_RUNS
from playground.core.sessions_v2 import MAX_CHECKPOINTS, MAX_LABEL, PlanV2, RunPlan


def json_object(value: Any, key: str, depth: int) -> dict[str, Any] | None:
    """Check that ``value`` is null or a JSON object nesting at most ``depth`` deep.

    Parameters
    ----------
    value : object
        The value as JSON gives it back (or a session holds it).
    key : str
        Its meta key, for messages.
    depth : int
        Deepest nesting of lists and dicts allowed, the object itself counting 1.

    Returns
    -------
    dict or None
        ``value`` itself.

    Raises
    ------
    FileFormatError
        For a value of another type or one nesting deeper.
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FileFormatError(f"{key!r} must be null or a JSON object")
    if not depth_within(value, depth):
        raise FileFormatError(f"{key!r} nests deeper than {depth} levels")
    return value


def check_lesson(lesson: Any, depth: int) -> dict[str, Any] | None:
    """Check a lesson's metadata: null, or an object with ``title``, ``text`` and ``goals``.

    Parameters
    ----------
    lesson : object
        The ``lesson`` value; ``title`` and ``text`` must be str and ``goals`` a
        list, and any other keys are kept.
    depth : int
        Deepest nesting allowed (see :func:`json_object`).

    Returns
    -------
    dict or None
        ``lesson`` itself.

    Raises
    ------
    FileFormatError
        For another shape, or nesting deeper than ``depth``.
    """
    checked = json_object(lesson, "lesson", depth)
    if checked is not None:
        fileio.field(checked, "title", str)
        fileio.field(checked, "text", str)
        if not isinstance(checked.get("goals"), list):
            raise FileFormatError("a lesson's 'goals' must be a list")
    return checked


def depth_within(value: object, limit: int) -> bool:
    """Tell whether ``value`` nests lists, tuples and dicts at most ``limit`` deep.

    The walk uses its own stack, not recursion, so any nesting is measured; a
    container that holds itself is too deep for every limit.

    Parameters
    ----------
    value : object
        The data to measure; a container at the top counts 1, scalars 0.
    limit : int
        Deepest nesting allowed.

    Returns
    -------
    bool
        True when no container lies deeper than ``limit``.
    """
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list | tuple):
            if depth >= limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def _run_plan(obj: Any, task: str, n_classes: int, n_points: int) -> RunPlan:
    """Check one run's object of a version-2 meta against the data set's shape.

    Raises
    ------
    FileFormatError
        For a missing, mistyped or out-of-range key, a label longer than
        :data:`MAX_LABEL`, a rule of :func:`check_consistency` broken, more
        checkpoints than ``max_checkpoints``, states without a model, a state of
        another optimizer than the settings', or checkpoints out of order.
    """
    if not isinstance(obj, dict):
        raise FileFormatError("every run must be a JSON object")
    label = fileio.field(obj, "label", str)
    if len(label) > MAX_LABEL:
        raise FileFormatError(f"a run's label is longer than {MAX_LABEL} characters")
    model_config = fileio.model_config_from_dict(obj.get("model_config"))
    train_config = fileio.train_config_from_dict(obj.get("train_config"))
    epoch, step = fileio.field(obj, "epoch", int), fileio.field(obj, "step", int)
    if epoch < 0 or step < 0:
        raise FileFormatError("'epoch' and 'step' must be non-negative")
    model, shape, layers = model_and_history(obj, task, n_points, model_config)
    max_count = fileio.field(obj, "max_checkpoints", int)
    if not 4 <= max_count <= MAX_CHECKPOINTS:
        raise FileFormatError(f"'max_checkpoints' must be in 4..{MAX_CHECKPOINTS}")
    raw = obj.get("checkpoints")
    if not isinstance(raw, list) or len(raw) > max_count:
        raise FileFormatError(f"'checkpoints' must be a list of at most {max_count} states")
    state = None if obj.get("state", "missing") is None else state_plan(obj.get("state"))
    checkpoints = [state_plan(c) for c in raw]
    if (state is not None or checkpoints) and model is None:
        raise FileFormatError("a run without a model has no trainer state or checkpoints")
    if state is not None and state.optimizer != train_config.optimizer:
        raise FileFormatError(
            f"the run's state belongs to optimizer {state.optimizer!r}, its settings "
            f"say {train_config.optimizer!r}"
        )
    positions = [(c.epoch, c.step_count) for c in checkpoints]
    if positions != sorted(positions):
        raise FileFormatError("a run's checkpoints must be in training order")
    base = SessionPlan(task, n_classes, n_points, model, shape, layers)
    return RunPlan(
        label, base, model_config, train_config, epoch, step, state, checkpoints, max_count
    )


def plan_v2(meta: dict[str, Any]) -> PlanV2:
    """Check a version-2 meta (all but ``extras``, ``compare`` and ``lesson``).

    Parameters
    ----------
    meta : dict
        The archive's meta, of format and version already checked.

    Returns
    -------
    PlanV2
        The data set's task, palette size and point count, every run's plan and
        the active run's index.

    Raises
    ------
    FileFormatError
        For missing or mistyped keys, more than :data:`MAX_RUNS` runs, an ``active``
        index out of range, or a rule of :func:`check_consistency` broken by a run.
    """
    info = meta.get("dataset")
    if not isinstance(info, dict):
        raise FileFormatError("missing 'dataset'")
    task = fileio.field(info, "task", str)
    n_classes = fileio.field(info, "n_classes", int)
    n_points = fileio.field(info, "n_points", int)
    runs = meta.get("runs")
    if not isinstance(runs, list) or not 1 <= len(runs) <= MAX_RUNS:
        raise FileFormatError(f"'runs' must be a list of 1..{MAX_RUNS} runs")
    active = fileio.field(meta, "active", int)
    if not 0 <= active < len(runs):
        raise FileFormatError(f"'active' must be a run index in 0..{len(runs) - 1}")
    plans = [_run_plan(run, task, n_classes, n_points) for run in runs]
    return PlanV2(task, n_classes, n_points, plans, active)
