"""Lessons' views: the side panel with a lesson's steps and goals, and "Save as lesson…"."""

from __future__ import annotations
