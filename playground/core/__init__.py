"""The pure-NumPy engine of MLP Playground. Never imports Qt."""

from __future__ import annotations
