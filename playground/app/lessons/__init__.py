"""The window's side of lessons: what they measure, what they lock, and saving one.

:mod:`playground.app.lesson_wiring` puts these together with the menu and the panel.
"""

from __future__ import annotations
