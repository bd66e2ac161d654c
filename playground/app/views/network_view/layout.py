"""Pure geometry of the network diagram: node size, column and row positions.

A wide column draws its first :data:`MAX_VISIBLE_UNITS` units and a pill standing for the
rest; unfolded, it draws every unit with that pill (now "show fewer") at its bottom. An
unfolded column starts where it would start folded and runs on down, so the rest of the
diagram keeps its place and the scene grows to scroll.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

#: Node squares drawn per folded column at most; the rest are folded into one summary pill.
MAX_VISIBLE_UNITS = 12
HEADER_H = 100
MARGIN = 10
LABEL_W = 54
RIGHT_W = 26
MIN_NODE, MAX_NODE = 28, 44
MIN_PITCH_X, MAX_PITCH_X = 62, 200
SUMMARY_H = 20
ROW_RATIO = 1.3


@dataclass(frozen=True)
class Geometry:
    """Where every column, node and summary pill of the diagram sits, in scene pixels."""

    node: int
    pitch_x: float
    pitch_y: int
    column_x: tuple[float, ...]
    column_top: tuple[float, ...]
    width: float
    height: float

    def node_center(self, column: int, row: int) -> tuple[float, float]:
        """Return the centre of the row-th node square of a column."""
        return self.column_x[column], self.column_top[column] + self.node / 2 + row * self.pitch_y

    def summary_center(self, column: int, n_visible: int) -> tuple[float, float]:
        """Return the centre of the summary pill below n_visible nodes of a column."""
        top = self.column_top[column] + (n_visible - 1) * self.pitch_y + self.node
        return self.column_x[column], top + (self.pitch_y - self.node) + SUMMARY_H / 2


def visible_count(n_units: int, unfolded: bool = False) -> int:
    """Return how many node squares a column of n_units shows (every one when unfolded)."""
    return n_units if unfolded else min(n_units, MAX_VISIBLE_UNITS)


def has_pill(n_units: int) -> bool:
    """Tell whether a column gets a fold pill ("+N more", or "show fewer" when unfolded)."""
    return n_units > MAX_VISIBLE_UNITS


def _column_height(n_units: int, node: int, pitch_y: int, unfolded: bool = False) -> float:
    """Return the drawn height of a column: its squares plus the fold pill if any."""
    height = node + (visible_count(n_units, unfolded) - 1) * pitch_y
    return height + (pitch_y - node + SUMMARY_H if has_pill(n_units) else 0)


def _rows(n_units: int, unfolded: bool = False) -> float:
    """Return a column's height in rows, a fold pill counting as part of a row."""
    return visible_count(n_units, unfolded) + (0.6 if has_pill(n_units) else 0.0)


def _node_for(height: float, rows: float) -> int:
    """Return the node size that fits rows into height, clamped to the allowed sizes."""
    avail = height - HEADER_H - 2 * MARGIN
    return int(min(MAX_NODE, max(MIN_NODE, math.floor(avail / (rows * ROW_RATIO - 0.3)))))


def _min_width(n_columns: int, node: int) -> float:
    """Return the narrowest diagram width that keeps columns readable."""
    return 2 * MARGIN + LABEL_W + RIGHT_W + node + (n_columns - 1) * MIN_PITCH_X


def compute_geometry(
    units: Sequence[int],
    width: float,
    height: float,
    scrollbar: float = 0.0,
    unfolded: Collection[int] = (),
) -> Geometry:
    """Lay out columns of units into a viewport of width x height (scroll bars included).

    Columns whose index is in ``unfolded`` draw every unit; nodes shrink towards
    MIN_NODE to fit them, and the scene grows beyond the viewport when they do not.
    """
    flags = [column in unfolded for column in range(len(units))]
    rows = max(_rows(n, f) for n, f in zip(units, flags, strict=True))
    node = _node_for(height, rows)
    need_h = _min_width(len(units), node) > width
    if need_h:
        node = _node_for(height - scrollbar, rows)
    pitch_y = round(node * ROW_RATIO)
    folded = max(_column_height(n, node, pitch_y) for n in units)
    top = HEADER_H + MARGIN
    # Centred as if every column were folded: an unfolded one only runs on further down.
    column_top = tuple(round(top + (folded - _column_height(n, node, pitch_y)) / 2) for n in units)
    body = max(
        y - top + _column_height(n, node, pitch_y, f)
        for y, n, f in zip(column_top, units, flags, strict=True)
    )
    total_h = HEADER_H + 2 * MARGIN + body
    need_v = total_h > height - (scrollbar if need_h else 0.0)
    avail_w = width - (scrollbar if need_v else 0.0)
    fixed = 2 * MARGIN + LABEL_W + RIGHT_W + node
    spans = max(1, len(units) - 1)
    pitch_x = min(MAX_PITCH_X, max(MIN_PITCH_X, (avail_w - fixed) / spans))
    first = MARGIN + LABEL_W + node / 2
    column_x = tuple(round(first + c * pitch_x) for c in range(len(units)))
    scene_w = column_x[-1] + node / 2 + RIGHT_W + MARGIN
    if not need_h:  # rounding must not ask for a scroll bar the layout did not plan
        scene_w = min(scene_w, avail_w)
    return Geometry(
        node=node,
        pitch_x=pitch_x,
        pitch_y=pitch_y,
        column_x=column_x,
        column_top=column_top,
        width=scene_w,
        height=total_h,
    )
