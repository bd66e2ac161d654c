"""Pure geometry of the network diagram: node size, column and row positions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Node squares drawn per column at most; the rest are folded into one summary pill.
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


def visible_count(n_units: int) -> int:
    """Return how many node squares a column of n_units shows."""
    return min(n_units, MAX_VISIBLE_UNITS)


def _column_height(n_units: int, node: int, pitch_y: int) -> float:
    """Return the drawn height of a column: its squares plus the summary pill if any."""
    n_visible = visible_count(n_units)
    height = node + (n_visible - 1) * pitch_y
    return height + (pitch_y - node + SUMMARY_H if n_units > n_visible else 0)


def _rows(n_units: int) -> float:
    """Return a column's height in rows, a summary pill counting as part of a row."""
    return visible_count(n_units) + (0.6 if n_units > MAX_VISIBLE_UNITS else 0.0)


def _node_for(height: float, rows: float) -> int:
    """Return the node size that fits rows into height, clamped to the allowed sizes."""
    avail = height - HEADER_H - 2 * MARGIN
    return int(min(MAX_NODE, max(MIN_NODE, math.floor(avail / (rows * ROW_RATIO - 0.3)))))


def _min_width(n_columns: int, node: int) -> float:
    """Return the narrowest diagram width that keeps columns readable."""
    return 2 * MARGIN + LABEL_W + RIGHT_W + node + (n_columns - 1) * MIN_PITCH_X


def compute_geometry(
    units: Sequence[int], width: float, height: float, scrollbar: float = 0.0
) -> Geometry:
    """Lay out columns of units into a viewport of width x height (scroll bars included)."""
    rows = max(_rows(n) for n in units)
    node = _node_for(height, rows)
    need_h = _min_width(len(units), node) > width
    if need_h:
        node = _node_for(height - scrollbar, rows)
    pitch_y = round(node * ROW_RATIO)
    body = max(_column_height(n, node, pitch_y) for n in units)
    total_h = HEADER_H + 2 * MARGIN + body
    need_v = total_h > height - (scrollbar if need_h else 0.0)
    avail_w = width - (scrollbar if need_v else 0.0)
    fixed = 2 * MARGIN + LABEL_W + RIGHT_W + node
    spans = max(1, len(units) - 1)
    pitch_x = min(MAX_PITCH_X, max(MIN_PITCH_X, (avail_w - fixed) / spans))
    first = MARGIN + LABEL_W + node / 2
    column_x = tuple(round(first + c * pitch_x) for c in range(len(units)))
    top = HEADER_H + MARGIN
    column_top = tuple(round(top + (body - _column_height(n, node, pitch_y)) / 2) for n in units)
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
