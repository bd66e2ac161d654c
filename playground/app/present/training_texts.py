"""The worker's sentences in the window's language, said on the GUI thread.

The training thread has no Qt: it sends its sentences in English as
:class:`~playground.app.training.messages.Message` (templates marked there for
lupdate), and the window translates them here, where it shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.app.training.messages import Message


def say(text: str) -> str:
    """``text`` in the current language: a Message translated, any other text as it is."""
    if isinstance(text, Message):
        return text.say(QCoreApplication.translate)
    return text
