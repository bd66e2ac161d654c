"""The diagram's sticky header: column titles, the layer count and per-layer controls."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QBrush, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsProxyWidget,
    QGraphicsRectItem,
    QGraphicsScene,
    QMenu,
    QToolButton,
    QWidget,
)

from playground.app.views.network_view import colors
from playground.app.views.network_view.items import Z_HEADER, add_text, place_text
from playground.app.views.network_view.layout import HEADER_H, Geometry
from playground.app.views.tooltips import activation_tooltip
from playground.core.settings import GUI_MAX_HIDDEN_LAYERS, GUI_MAX_UNITS

ROW_TITLE, ROW_BUTTONS, ROW_LABEL, ROW_COMBO = 14, 44, 64, 85
BUTTON = 20
MAX_UNITS = GUI_MAX_UNITS  # the window's limits, from the rule book
MAX_LAYERS = GUI_MAX_HIDDEN_LAYERS

BUTTON_STYLE = """
QToolButton { border: 1px solid #c9d0d6; border-radius: 10px; background: #f4f6f8;
  color: #2b3137; font-size: 15px; font-weight: 600; padding: 0 0 2px 0; }
QToolButton:hover { background: #e2e8ed; border-color: #98a3ad; }
QToolButton:pressed { background: #cfd8df; }
QToolButton:disabled { color: #c6ccd1; border-color: #e6e9ec; background: #fafbfc; }
"""
COMBO_STYLE = """
QComboBox { border: 1px solid #d0d6db; border-radius: 4px; background: #ffffff;
  color: #2b3137; font-size: 11px; padding: 1px 4px 1px 6px; }
QComboBox:hover { border-color: #98a3ad; }
QComboBox::drop-down { border: none; background: transparent; width: 14px; }
QComboBox::down-arrow { image: none; }
"""


class _Combo(QComboBox):
    """A flat combo box whose list opens as a menu window, leaving the mouse wheel to the diagram.

    The list of a combo box inside a QGraphicsProxyWidget is put into the scene as well: the
    view clipped it at its top edge, hiding the first activation, and the header's "N neurons"
    label drew over it. A QMenu belonging to the view is a popup window of its own, which Qt
    places below the box and keeps on the screen.
    """

    def __init__(self) -> None:
        super().__init__()
        self.menu: QMenu | None = None
        self._group: QActionGroup | None = None

    def showPopup(self) -> None:
        """Open the activations as a menu just below the box, the current one checked."""
        proxy = self.graphicsProxyWidget()
        scene = proxy.scene() if proxy is not None else None
        views = scene.views() if scene is not None else []
        if proxy is None or not views:
            super().showPopup()
            return
        view = views[0]
        menu, group = self.menu, self._group
        if menu is None or group is None:  # both made here, together
            menu = self.menu = QMenu(view)
            menu.setObjectName("activationMenu")
            menu.triggered.connect(self._on_menu_triggered)
            group = self._group = QActionGroup(menu)  # one choice: a radio mark on the current one
        menu.clear()
        current = None
        for index in range(self.count()):
            action = menu.addAction(self.itemText(index))
            action.setCheckable(True)
            group.addAction(action)
            action.setChecked(index == self.currentIndex())
            action.setData(index)
            if index == self.currentIndex():
                current = action
        menu.setMinimumWidth(self.width())
        if current is not None:  # a cleared menu has no active action already
            menu.setActiveAction(current)
        corner = view.mapFromScene(proxy.sceneBoundingRect().bottomLeft())
        menu.popup(view.viewport().mapToGlobal(corner))

    def hidePopup(self) -> None:
        """Close the menu (or the built-in list)."""
        if self.menu is not None and self.menu.isVisible():
            self.menu.hide()
        super().hidePopup()

    def _on_menu_triggered(self, action: QAction) -> None:
        """Choose the action's entry as if picked from the built-in list."""
        index = int(action.data())
        self.setCurrentIndex(index)
        self.activated.emit(index)
        self.textActivated.emit(self.itemText(index))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the box, then a small chevron at its right end."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colors.TEXT_MUTED, 1.4))
        x, y = self.width() - 10.5, self.height() / 2
        chevron = [QPointF(x - 3, y - 1.5), QPointF(x, y + 1.5), QPointF(x + 3, y - 1.5)]
        painter.drawPolyline(chevron)
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ignore the wheel so the diagram scrolls instead of the activation changing."""
        event.ignore()


def _embed(widget: QWidget, parent: QGraphicsItem) -> QGraphicsProxyWidget:
    """Put a widget into the scene under parent, with a see-through background."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    proxy = QGraphicsProxyWidget(parent)
    proxy.setWidget(widget)
    # A widget drawn through a proxy is dear to paint (3.5 ms of a diagram's 10): kept as
    # a pixmap, it is painted again only when it changes (hover, focus, a new choice).
    proxy.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return proxy


def _button(text: str, tip: str, parent: QGraphicsItem) -> tuple[QToolButton, QGraphicsProxyWidget]:
    """Create a small round + or − button embedded under parent."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setFixedSize(BUTTON, BUTTON)
    button.setStyleSheet(BUTTON_STYLE)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button, _embed(button, parent)


def _center(proxy: QGraphicsProxyWidget, x: float, y: float) -> None:
    """Centre an embedded widget on (x, y)."""
    size = proxy.widget().size()
    proxy.setPos(round(x - size.width() / 2), round(y - size.height() / 2))


class LayerControls(QObject):
    """The − / + buttons, 'N neurons' label and activation combo above one hidden layer."""

    units_change_requested = Signal(int, int)
    activation_change_requested = Signal(int, str)

    def __init__(self, index: int, parent: QGraphicsItem) -> None:
        super().__init__()
        self.index = index
        self.activation = ""
        self.minus_button, self._minus = _button("−", "", parent)
        self.plus_button, self._plus = _button("+", "", parent)
        self.combo = _Combo()
        self.combo.setStyleSheet(COMBO_STYLE)
        self.combo.setToolTip(
            QCoreApplication.translate("DiagramHeader", "Activation of hidden layer {n}").format(
                n=index + 1
            )
        )
        self.combo.setCursor(Qt.CursorShape.PointingHandCursor)
        self._combo = _embed(self.combo, parent)
        self.label = add_text(None, "", 11, colors.TEXT, parent=parent)
        self.retranslate_ui()
        self.minus_button.clicked.connect(self._on_minus_clicked)
        self.plus_button.clicked.connect(self._on_plus_clicked)
        self.combo.textActivated.connect(self._on_combo_text_activated)

    def retranslate_ui(self) -> None:
        """Set the buttons' tooltips in the current language."""
        self.minus_button.setToolTip(QCoreApplication.translate("DiagramHeader", "Remove a neuron"))
        self.plus_button.setToolTip(QCoreApplication.translate("DiagramHeader", "Add a neuron"))

    def _on_minus_clicked(self) -> None:
        """Ask for one neuron fewer."""
        self.units_change_requested.emit(self.index, -1)

    def _on_plus_clicked(self) -> None:
        """Ask for one neuron more."""
        self.units_change_requested.emit(self.index, 1)

    def _on_combo_text_activated(self, name: str) -> None:
        """Ask for another activation, showing the accepted one until set_architecture says so."""
        if name != self.activation:
            self.activation_change_requested.emit(self.index, name)
            self.combo.setCurrentText(self.activation)

    def show_layer(
        self, x: float, width: float, units: int, activation: str, names: Sequence[str]
    ) -> None:
        """Show the controls for a layer of units centred on x, the combo at most width wide."""
        self.activation = activation
        if [self.combo.itemText(i) for i in range(self.combo.count())] != list(names):
            self.combo.clear()
            self.combo.addItems(list(names))
        if self.combo.findText(activation) < 0:
            self.combo.addItem(activation)
        for i in range(self.combo.count()):  # the items are the activations' keys
            tip = activation_tooltip(self.combo.itemText(i))
            self.combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentText(activation)
        self.combo.setFixedSize(round(min(width, 84)), 22)
        # A narrow box cuts long names ("leaky_…"): the tooltip always has the whole one.
        said = QCoreApplication.translate("DiagramHeader", "Activation of hidden layer {n}: {name}")
        said = said.format(n=self.index + 1, name=activation)
        self.combo.setToolTip("<p>" + said + "</p>" + activation_tooltip(activation))
        self.minus_button.setEnabled(units > 1)
        self.plus_button.setEnabled(units < MAX_UNITS)
        if units == 1:
            neurons = QCoreApplication.translate("DiagramHeader", "{n} neuron")
        else:
            neurons = QCoreApplication.translate("DiagramHeader", "{n} neurons")
        self.label.setText(neurons.format(n=units))
        _center(self._minus, x - 13, ROW_BUTTONS)
        _center(self._plus, x + 13, ROW_BUTTONS)
        place_text(self.label, x, ROW_LABEL)
        _center(self._combo, x, ROW_COMBO)
        self.set_visible(True)

    def set_visible(self, visible: bool) -> None:
        """Show or hide every part of the controls."""
        for item in (self._minus, self._plus, self._combo, self.label):
            item.setVisible(visible)


class DiagramHeader(QObject):
    """Header band pinned to the top of the viewport, forwarding its controls' intents."""

    units_change_requested = Signal(int, int)
    activation_change_requested = Signal(int, str)
    layer_add_requested = Signal()
    layer_remove_requested = Signal()

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__()
        self.root = QGraphicsRectItem(0, 0, 10, HEADER_H)
        self.root.setBrush(QBrush(colors.BACKGROUND))
        self.root.setPen(QPen(Qt.PenStyle.NoPen))
        self.root.setZValue(Z_HEADER)
        scene.addItem(self.root)
        self._rule = QGraphicsLineItem(self.root)
        self._rule.setPen(QPen(colors.RULE, 1.0))
        self._bracket = QGraphicsLineItem(self.root)
        self._bracket.setPen(QPen(colors.RULE, 1.0))
        self._features = add_text(None, "", 11, colors.TEXT_MUTED, bold=True, parent=self.root)
        self._output = add_text(None, "", 11, colors.TEXT_MUTED, bold=True, parent=self.root)
        self._features_note = add_text(None, "", 11, colors.TEXT_MUTED, parent=self.root)
        self._output_note = add_text(None, "", 11, colors.TEXT_MUTED, parent=self.root)
        self.remove_layer_button, self._remove = _button("−", "", self.root)
        self.add_layer_button, self._add = _button("+", "", self.root)
        self._layers_label = add_text(None, "", 13, colors.TEXT, parent=self.root)
        self.add_layer_button.clicked.connect(self.layer_add_requested)
        self.remove_layer_button.clicked.connect(self.layer_remove_requested)
        self.layers: list[LayerControls] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the fixed captions and tooltips in the current language.

        The counts ('N neurons', 'K hidden layers') are set again by the next
        :meth:`show_architecture`, which the diagram calls on a language change.
        """
        self._features.setText(QCoreApplication.translate("DiagramHeader", "FEATURES"))
        self._output.setText(QCoreApplication.translate("DiagramHeader", "OUTPUT"))
        self.remove_layer_button.setToolTip(
            QCoreApplication.translate("DiagramHeader", "Remove the last hidden layer")
        )
        self.add_layer_button.setToolTip(
            QCoreApplication.translate("DiagramHeader", "Add a hidden layer")
        )
        for controls in self.layers:
            controls.retranslate_ui()

    def _controls(self, index: int) -> LayerControls:
        """Return the pooled controls of hidden layer index, creating them on first use."""
        while len(self.layers) <= index:
            controls = LayerControls(len(self.layers), self.root)
            controls.units_change_requested.connect(self.units_change_requested)
            controls.activation_change_requested.connect(self.activation_change_requested)
            self.layers.append(controls)
        return self.layers[index]

    def show_architecture(
        self,
        geometry: Geometry,
        hidden: Sequence[tuple[int, str]],
        features: tuple[int, int],
        n_outputs: int,
        names: Sequence[str],
    ) -> None:
        """Lay the header out over the columns of geometry."""
        xs = geometry.column_x
        self.root.setRect(QRectF(0, 0, geometry.width, HEADER_H))
        self._rule.setLine(0, HEADER_H - 0.5, geometry.width, HEADER_H - 0.5)
        place_text(self._features, xs[0], ROW_TITLE)
        place_text(self._output, xs[-1], ROW_TITLE)
        on = QCoreApplication.translate("DiagramHeader", "{on} of {all} on")
        self._features_note.setText(on.format(on=features[0], all=features[1]))
        place_text(self._features_note, xs[0], ROW_LABEL)
        if n_outputs == 1:
            outputs = QCoreApplication.translate("DiagramHeader", "{n} unit")
        else:
            outputs = QCoreApplication.translate("DiagramHeader", "{n} units")
        self._output_note.setText(outputs.format(n=n_outputs))
        place_text(self._output_note, xs[-1], ROW_LABEL)
        for index, (units, activation) in enumerate(hidden):
            width = geometry.pitch_x - 10
            self._controls(index).show_layer(xs[index + 1], width, units, activation, names)
        for controls in self.layers[len(hidden) :]:
            controls.set_visible(False)
        self._show_layer_count(geometry, len(hidden))

    def _show_layer_count(self, geometry: Geometry, n_hidden: int) -> None:
        """Place the − / + layer buttons and 'K hidden layers' over the hidden columns."""
        xs = geometry.column_x
        if n_hidden == 1:
            layers = QCoreApplication.translate("DiagramHeader", "{n} hidden layer")
        else:
            layers = QCoreApplication.translate("DiagramHeader", "{n} hidden layers")
        self._layers_label.setText(layers.format(n=n_hidden))
        text_w = self._layers_label.boundingRect().width()
        group_w = 2 * BUTTON + 4 + 8 + text_w
        if n_hidden:
            mid, y = (xs[1] + xs[n_hidden]) / 2, ROW_TITLE
            half = geometry.pitch_x / 2 - 8
            self._bracket.setLine(xs[1] - half, 29.5, xs[n_hidden] + half, 29.5)
        else:
            mid, y = (xs[0] + xs[-1]) / 2, ROW_BUTTONS
        self._bracket.setVisible(n_hidden > 0)
        left = mid - group_w / 2
        _center(self._remove, left + BUTTON / 2, y)
        _center(self._add, left + 1.5 * BUTTON + 4, y)
        place_text(self._layers_label, left + 2 * BUTTON + 12, y, "left")
        self.remove_layer_button.setEnabled(n_hidden > 0)
        self.add_layer_button.setEnabled(n_hidden < MAX_LAYERS)

    def set_offset(self, y: float) -> None:
        """Pin the header at scene y (the top of the viewport), ruling it off when scrolled."""
        self.root.setY(y)
        self._rule.setVisible(y > 0)
