"""The worker's sentences for the user: English, with what the window needs to translate them.

The training thread has no Qt, so it cannot translate; it says each sentence as a
:class:`Message`, a ``str`` that is the English text and also keeps its template and
values. The GUI thread says it again in the window's language
(:func:`playground.app.present.training_texts.say`):
``translate(context, template).format(**values)``.

Every template is a literal ``QT_TRANSLATE_NOOP`` call here, which ``pyside6-lupdate``
finds by its name and files under its context in the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

from playground.core.trainer_state import Divergence

# The context of the worker's sentences in the catalogue.
CONTEXT = "Training"
# The context of the core's sentences (see ``CORE_TEXTS`` in app/present/training_texts.py).
CORE_CONTEXT = "CoreMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; return it untranslated (no Qt here)."""
    return text


#: The banner when training reaches the stop after N epochs.
STOPPED_AFTER = QT_TRANSLATE_NOOP("Training", "Stopped after {epochs} epochs.")
#: The banner when training reaches the target training loss (the loss as 0.01234).
REACHED_LOSS = QT_TRANSLATE_NOOP("Training", "Reached training loss {loss:.4g} at epoch {epoch}.")
#: The banner when every compared run has stopped on its own.
EVERY_RUN_STOPPED = QT_TRANSLATE_NOOP("Training", "Every run has stopped.")
#: The banner when a bug stopped training; the error is Python's, in English.
INTERNAL_ERROR = QT_TRANSLATE_NOOP("Training", "Training stopped by an internal error: {error}")
#: The banner when new points cannot be trained on; the problem says why.
PAUSED = QT_TRANSLATE_NOOP("Training", "Paused. {problem}")
#: Why new points cannot be trained on; the error is the core's, in English.
CANNOT_TRAIN = QT_TRANSLATE_NOOP("Training", "These points cannot be trained on: {error}.")
#: The banner when a run diverges; the reason is one of the three below (the core's
#: Divergence.message, as a template).
DIVERGED = QT_TRANSLATE_NOOP(
    "Training", "diverged at epoch {epoch} ({reason}) — lower the learning rate"
)
#: Why a diverging run stopped (the core's Trainer._diverge calls and kernel._REASONS).
DIVERGENCE_REASONS = (
    QT_TRANSLATE_NOOP("Training", "non-finite loss"),
    QT_TRANSLATE_NOOP("Training", "non-finite gradient"),
    QT_TRANSLATE_NOOP("Training", "weights overflowed"),
)
# Longest message of an internal error (a long repr would fill the window).
MAX_ERROR_CHARS = 300

Translate = Callable[[str, str], str]


class Message(str):
    """An English sentence that keeps its context, template and values.

    It is the English text wherever a ``str`` is wanted (tests, logs, the command
    line); :meth:`say` says it in another language. A value that is a Message is said
    in that language too; other values are formatted as they are.
    """

    context: str
    template: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, template: str, context: str = CONTEXT, **values: object) -> Message:
        text = template.format(**values) if values else template
        self = super().__new__(cls, text)
        self.context, self.template, self.values = context, template, tuple(values.items())
        return self

    def say(self, translate: Translate) -> str:
        """This sentence as ``translate`` says its template (English if that fails)."""
        template = translate(self.context, self.template)
        if not self.values:
            return template
        values = {
            name: value.say(translate) if isinstance(value, Message) else value
            for name, value in self.values
        }
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return str(self)


def stopped_after(epochs: int) -> Message:
    """The stop after N epochs was reached."""
    return Message(STOPPED_AFTER, epochs=epochs)


def reached_loss(loss: float, epoch: int) -> Message:
    """The target training loss was reached."""
    return Message(REACHED_LOSS, loss=loss, epoch=epoch)


def every_run_stopped() -> Message:
    """Every compared run stopped on its own."""
    return Message(EVERY_RUN_STOPPED)


def internal_error(exc: BaseException) -> Message:
    """A bug stopped training (the repr cut so the whole sentence has at most 300 chars)."""
    room = MAX_ERROR_CHARS - len(INTERNAL_ERROR.format(error=""))
    return Message(INTERNAL_ERROR, error=repr(exc)[:room])


def core_text(text: str) -> Message:
    """A sentence of the core, marked for translation in the app (``CORE_TEXTS``).

    A Message already is one: it is kept as it is.
    """
    return text if isinstance(text, Message) else Message(text, context=CORE_CONTEXT)


def paused(problem: str) -> Message:
    """Training paused because the data cannot be trained on (``problem`` says why)."""
    return Message(PAUSED, problem=core_text(problem))


def cannot_train(error: object) -> Message:
    """The trainers refused the new points (``error`` says why, in the core's English)."""
    return Message(CANNOT_TRAIN, error=error)


def diverged(divergence: Divergence) -> Message:
    """:attr:`Divergence.message <playground.core.trainer_state.Divergence.message>`."""
    reason = Message(divergence.reason)
    return Message(DIVERGED, epoch=divergence.epoch, reason=reason)
