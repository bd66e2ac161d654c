"""Compare mode's views: run colours, small-multiple boundaries, the runs table and the dialog."""

from __future__ import annotations
