"""A stack of one-line warnings above a lens: each says its cause and its fix.

The labels are made as they are first needed and then reused; a shorter list hides
the rest, so a frame with the same warnings changes nothing on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.app.views.banner import STYLES

#: Shown when a run has no warning.
ALL_CLEAR = "No warnings: gradients and activations look healthy."


class BannerList(QWidget):
    """Warning banners, one a line, or one quiet line saying all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lens_banners")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.labels: list[QLabel] = []
        self.all_clear = QLabel(ALL_CLEAR)
        self.all_clear.setObjectName("lens_all_clear")
        self._layout.addWidget(self.all_clear)
        self._shown: tuple[str, ...] = ()

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
                label.setText(wanted[i])
                label.setToolTip(wanted[i])
            label.setVisible(i < len(wanted))
        self.all_clear.setVisible(not wanted)
        self._shown = wanted
