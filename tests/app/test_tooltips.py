"""Every control says what it does, and the formula behind it, in its tooltip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QSlider,
    QWidget,
)

from playground.app.i18n import install_translator
from playground.app.views import tooltips
from playground.app.views.panels.data_panel import DataPanel
from playground.app.views.panels.hyper_panel import HyperPanel
from playground.app.views.panels.transport import TransportBar
from playground.core import formulas as fm
from playground.core.activations import ACTIVATIONS
from playground.core.initializers import INITIALIZERS
from playground.core.losses import LOSSES
from playground.core.optimizers import OPTIMIZERS

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QSlider)


def plain(tip: str) -> str:
    """A rich-text tooltip as the reader sees it."""
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    install_translator(qapp, "en")
    yield
    install_translator(qapp, "en")


@pytest.fixture
def hyper(qtbot, english) -> HyperPanel:
    panel = HyperPanel()
    qtbot.addWidget(panel)
    momentum = [name for name, cls in OPTIMIZERS.items() if cls.uses_momentum]
    panel.set_options(list(OPTIMIZERS), list(INITIALIZERS), list(LOSSES), momentum)
    return panel


def controls(widget: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for kind in CONTROLS:
        found += widget.findChildren(kind)
    return found


@pytest.mark.parametrize("make", [HyperPanel, DataPanel, TransportBar])
def test_every_control_of_the_panels_has_a_tooltip(qtbot, english, make) -> None:
    panel = make()
    qtbot.addWidget(panel)
    found = controls(panel)
    assert len(found) >= 7
    bare = [f"{type(w).__name__} {w.objectName() or w.text() if hasattr(w, 'text') else ''}"
            for w in found if not w.toolTip().strip()]  # fmt: skip
    assert not bare, f"controls without a tooltip: {bare}"
    for label in getattr(panel, "row_labels", {}).values():
        assert label.text() and label.toolTip(), "a row caption has no text or tooltip"


def test_the_learning_rate_tooltip_shows_the_update_rule(hyper) -> None:
    for widget in (hyper.lr_spin, hyper.lr_slider, hyper.row_labels["learning_rate"]):
        text = plain(widget.toolTip())
        assert "w ← w − η·∂L/∂w" in text
        assert "Step size of each weight change." in text  # the rule book's help
        assert "η: the learning rate" in text
    assert Qt.mightBeRichText(hyper.lr_spin.toolTip())


def test_each_optimizer_item_shows_its_formula(hyper) -> None:
    combo = hyper.optimizer_combo
    keys = [combo.itemData(i) for i in range(combo.count())]
    assert keys == list(OPTIMIZERS)
    for i, key in enumerate(keys):
        text = plain(combo.itemData(i, Qt.ItemDataRole.ToolTipRole))
        for line in fm.OPTIMIZER_FORMULAS[key].lines:
            assert line in text, f"{key}: {line!r} missing"
        assert fm.constants_line(key) in text
    adam = plain(combo.itemData(keys.index("adam"), Qt.ItemDataRole.ToolTipRole))
    assert "β₁ = 0.9, β₂ = 0.999, ε = 1e-08" in adam


def test_each_initializer_and_loss_item_shows_its_formula(hyper) -> None:
    for combo, table in ((hyper.init_combo, fm.INITIALIZER_FORMULAS),
                         (hyper.loss_combo, fm.LOSS_FORMULAS)):  # fmt: skip
        shown = 0
        for i in range(combo.count()):
            key = combo.itemData(i)
            text = plain(combo.itemData(i, Qt.ItemDataRole.ToolTipRole))
            assert text, f"{key} has no item tooltip"
            if key in table:
                shown += 1
                assert all(line in text for line in table[key].lines), key
        assert shown == len(table)
    he = hyper.init_combo.findData("he_normal")
    assert "Var(w) = 2 / fan_in" in plain(
        hyper.init_combo.itemData(he, Qt.ItemDataRole.ToolTipRole)
    )


def test_regularization_items_show_their_penalties(hyper) -> None:
    combo = hyper.reg_combo
    tips = [plain(combo.itemData(i, Qt.ItemDataRole.ToolTipRole)) for i in range(combo.count())]
    assert "L + λ₁·Σ|w|" in tips[1] and "λ₁·sign(w)" in tips[1]
    assert "L + ½·λ₂·Σw²" in tips[2] and "λ₂·w" in tips[2]
    assert "λ₂: the L2 rate" in tips[2]


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_tooltip_shows_f_and_its_derivative(english, name: str) -> None:
    text = plain(tooltips.activation_tooltip(name))
    formula = fm.ACTIVATION_FORMULAS[name]
    assert f"f(z) = {formula.value}" in text
    assert f"f′(z) = {formula.slope}" in text
    assert text.startswith(name)


def test_data_controls_show_their_formulas(qtbot, english) -> None:
    panel = DataPanel()
    qtbot.addWidget(panel)
    assert fm.DATA_FORMULAS["noise"].lines[0] in plain(panel.noise_slider.toolTip())
    assert fm.DATA_FORMULAS["test_ratio"].lines[0] in plain(panel.ratio_slider.toolTip())
    circle = panel.preset_combo.findData("circle")
    assert "±5·noise" in plain(panel.preset_combo.itemData(circle, Qt.ItemDataRole.ToolTipRole))


def test_tooltips_follow_the_language_and_keep_their_formulas(qapp, hyper) -> None:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    hyper.retranslate_ui()
    text = plain(hyper.lr_spin.toolTip())
    assert "每次权重更新的步长。" in text
    assert "w ← w − η·∂L/∂w" in text
    assert "η: 学习率" in text
    sgd = plain(hyper.optimizer_combo.itemData(0, Qt.ItemDataRole.ToolTipRole))
    assert "w ← w − η·g" in sgd and "如何把梯度变成权重的更新。" in sgd
