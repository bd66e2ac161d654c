"""A stack of one-line warnings above a lens: each says its cause and its fix.

The labels are made as they are first needed and then reused; a shorter list hides
the rest, so a frame with the same warnings changes nothing on screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.app.i18n import QT_TRANSLATE_NOOP
from playground.app.views.banner import STYLES
from playground.core.health import FIXES

#: Shown when a run has no warning.
ALL_CLEAR = QT_TRANSLATE_NOOP("BannerList", "No warnings: gradients and activations look healthy.")
#: The context of the health warnings' texts in the catalogue.
HEALTH_CONTEXT = "HealthWarnings"
#: The core's warning sentences (``core/health.py``) as templates: a pattern that reads
#: the figures off the English sentence, and the template that says it again.
HEALTH_SENTENCES: tuple[tuple[str, str], ...] = (
    (
        r"Vanishing gradients: layer 1's gradient is (?P<times>\S+) smaller than "
        r"layer (?P<last>\d+)'s",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Vanishing gradients: layer 1's gradient is {times} smaller than layer {last}'s",
        ),
    ),
    (
        r"Vanishing gradients: layer 1's gradient is zero while layer (?P<last>\d+)'s "
        r"is (?P<value>\S+)",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Vanishing gradients: layer 1's gradient is zero while layer {last}'s is {value}",
        ),
    ),
    (
        r"Exploding gradients: layer (?P<layer>\d+)'s gradient norm is infinite, "
        r"above (?P<limit>\S+)",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Exploding gradients: layer {layer}'s gradient norm is infinite, above {limit}",
        ),
    ),
    (
        r"Exploding gradients: layer (?P<layer>\d+)'s gradient norm is (?P<value>\S+), "
        r"above (?P<limit>\S+)",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Exploding gradients: layer {layer}'s gradient norm is {value}, above {limit}",
        ),
    ),
    (
        r"Exploding gradients: layer (?P<layer>\d+)'s gradient grew (?P<times>\S+) "
        r"within (?P<epochs>\d+) epochs",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Exploding gradients: layer {layer}'s gradient grew {times} within {epochs} epochs",
        ),
    ),
    (
        r"Dead units: (?P<percent>\S+) of hidden layer (?P<layer>\d+)'s (?P<name>\S+) "
        r"units never fire on a training point",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Dead units: {percent} of hidden layer {layer}'s {name} units never fire "
            "on a training point",
        ),
    ),
    (
        r"Saturated units: (?P<percent>\S+) of hidden layer (?P<layer>\d+)'s (?P<name>\S+) "
        r"activations sit in the flat tails",
        QT_TRANSLATE_NOOP(
            "HealthWarnings",
            "Saturated units: {percent} of hidden layer {layer}'s {name} activations sit "
            "in the flat tails",
        ),
    ),
)
#: What the warnings suggest (the values of the core's ``FIXES``).
HEALTH_FIXES = (
    QT_TRANSLATE_NOOP("HealthWarnings", "try ReLU, He initialisation or fewer layers"),
    QT_TRANSLATE_NOOP("HealthWarnings", "try a lower learning rate, smaller initial weights or L2"),
    QT_TRANSLATE_NOOP(
        "HealthWarnings", "try a lower learning rate, Leaky ReLU or a small positive bias"
    ),
    QT_TRANSLATE_NOOP(
        "HealthWarnings",
        "try smaller initial weights (Xavier), a lower learning rate or ReLU",
    ),
)
_SEPARATOR = " — "


def health_text(text: str) -> str:
    """A health warning of the core (English) in the current language.

    The core writes its sentences in English with the figures in them; the sentence is
    read back with :data:`HEALTH_SENTENCES`'s patterns and said again with the
    translated template, figures unchanged. A sentence no pattern reads stays as it is.
    """
    cause, separator, fix = text.partition(_SEPARATOR)
    if separator and fix in FIXES.values():
        fix = QCoreApplication.translate(HEALTH_CONTEXT, fix)
    for pattern, template in HEALTH_SENTENCES:
        found = re.fullmatch(pattern, cause)
        if found is not None:
            cause = QCoreApplication.translate(HEALTH_CONTEXT, template).format(**found.groupdict())
            break
    return cause + separator + fix


class BannerList(QWidget):
    """Warning banners, one a line, or one quiet line saying all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lens_banners")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.labels: list[QLabel] = []
        self.all_clear = QLabel()
        self.all_clear.setObjectName("lens_all_clear")
        self._layout.addWidget(self.all_clear)
        self._shown: tuple[str, ...] = ()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Say the all-clear line and the warnings shown in the current language."""
        self.all_clear.setText(QCoreApplication.translate("BannerList", ALL_CLEAR))
        for label, text in zip(self.labels, self._shown, strict=False):
            label.setText(health_text(text))
            label.setToolTip(health_text(text))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def texts(self) -> list[str]:
        """The warnings shown, top first."""
        return list(self._shown)

    def show_warnings(self, texts: Sequence[str]) -> None:
        """Show these warnings (none: the all-clear line)."""
        wanted = tuple(texts)
        if wanted == self._shown:
            return
        while len(self.labels) < len(wanted):
            label = QLabel()
            label.setObjectName("lens_banner")
            label.setWordWrap(True)
            label.setStyleSheet(
                f"QLabel#lens_banner {{ {STYLES['warning']} border-radius:3px; padding:3px 6px; }}"
            )
            self._layout.insertWidget(len(self.labels), label)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            if i < len(wanted):
                said = health_text(wanted[i])
                label.setText(said)
                label.setToolTip(said)
            label.setVisible(i < len(wanted))
        self.all_clear.setVisible(not wanted)
        self._shown = wanted
