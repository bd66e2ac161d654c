"""The message banner: a slot beside the transport controls that is always there.

Showing or hiding a message never moves another widget. A message that does not
fit the slot is set in a smaller font, and cut only when even that is too big;
its tooltip always holds the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

BANNER_MIN_WIDTH = 260
STYLES = {
    "info": "background:#e8f1fb; color:#1d3b5c; border:1px solid #b6d0ee;",
    "warning": "background:#fff4e0; color:#6b4200; border:1px solid #f0c97a;",
    "error": "background:#fde8e8; color:#8a1c1c; border:1px solid #f0a6a6;",
}
_PAD_X, _PAD_Y = 10, 6  # the style's padding
_SCALES = (1.0, 0.9, 0.8, 0.72)


class Banner(QLabel):
    """A word-wrapped message that shrinks its font to fit the height it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._base_font = QFont(self.font())
        self.room = 0  # height the slot offers; set by the slot

    def show_message(self, text: str, level: str) -> None:
        """Show ``text`` in the colours of ``level`` (info, warning or error)."""
        self.setText(text)
        self.setToolTip(text)
        self.setStyleSheet(
            f"QLabel#banner {{ {STYLES[level]} border-radius:4px; padding:{_PAD_Y}px {_PAD_X}px; }}"
        )
        self.setProperty("level", level)
        self.fit()
        self.setVisible(True)

    def clear_message(self) -> None:
        """Hide the banner (its slot stays)."""
        self.setVisible(False)
        self.setText("")
        self.setToolTip("")

    def fit(self) -> None:
        """Use the largest font size at which the whole text fits the slot, if any."""
        if self.width() <= 0 or self.room <= 0 or not self.text():
            return
        font = QFont(self._base_font)
        for scale in _SCALES:
            font.setPointSizeF(self._base_font.pointSizeF() * scale)
            if font != self.font():
                self.setFont(font)
            if self.heightForWidth(self.width()) <= self.room:
                break

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the text when the slot changes width."""
        super().resizeEvent(event)
        self.fit()


class BannerSlot(QWidget):
    """The room for the banner: takes the width left in the toolbar, never adds height."""

    def __init__(self, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner_slot")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.setMinimumWidth(BANNER_MIN_WIDTH)
        self.banner = banner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 3, 6, 3)
        layout.addWidget(banner, 1, Qt.AlignmentFlag.AlignVCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell the banner how much height there is."""
        super().resizeEvent(event)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        self.banner.room = self.height() - margins.top() - margins.bottom()
        self.banner.fit()
