"""The worker's sentences in the window's language, said on the GUI thread.

The training thread has no Qt: it sends its sentences in English as
:class:`~playground.app.training.messages.Message` (templates marked there for
lupdate), and the window translates them here, where it shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.training.messages import CORE_CONTEXT, Message

#: The core's sentences shown as banners, marked here for lupdate (the core has no Qt
#: to translate them); :func:`core_text` says them.
CORE_TEXTS = (
    QT_TRANSLATE_NOOP("CoreMessages", "There are no training points: draw some or pick a preset."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The training points are all one class: add points of another class."
    ),
)


def core_text(text: str) -> str:
    """A sentence of the core in the current language (itself when it has no translation)."""
    return QCoreApplication.translate(CORE_CONTEXT, text)


def say(text: str) -> str:
    """``text`` in the current language: a Message translated, any other text as it is."""
    if isinstance(text, Message):
        return text.say(QCoreApplication.translate)
    return text
