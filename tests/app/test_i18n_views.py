"""The lenses, the plots and the network diagram follow the window's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from playground.app import i18n
from playground.app.views.lenses.banner_list import HEALTH_FIXES, HEALTH_SENTENCES, health_text
from playground.app.views.lenses.gallery import LESSON_TEXTS, NOTE_SENTENCES, say_note
from playground.app.views.lenses.gradient_lens import GradientLens
from playground.app.views.lenses.hidden_space import HiddenSpaceView
from playground.app.views.network_view import NetworkView
from playground.app.views.plots.loss_plot import LossPlot
from playground.core.activation_curves import LESSONS, facts, gallery_names
from playground.core.health import FIXES, RULES, HealthInputs

CJK = re.compile(r"[\u4e00-\u9fff]")
DEAD = (
    "Dead units: 60% of hidden layer 1's relu units never fire on a training point — "
    + FIXES["dead"]
)


@pytest.fixture(autouse=True)
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    i18n.install_translator(qapp, "en")
    yield
    i18n.install_translator(qapp, "en")
    QApplication.processEvents()


def speak(language: str) -> None:
    """Switch the running app to ``language`` (skip when its catalogue is not built)."""
    if i18n.set_language(language) != language:
        pytest.skip(f"the {language} catalogue is not built")
    QApplication.processEvents()


def chinese(text: str) -> bool:
    return CJK.search(text) is not None


def legend_texts(plot: LossPlot) -> list[str]:
    return [label.text for _sample, label in plot.legend.items]


def test_the_gradient_lens_title_and_banners_follow_the_language(qtbot) -> None:
    lens = GradientLens()
    qtbot.addWidget(lens)
    english_title = lens.title_label.text()
    english_clear = lens.banners.all_clear.text()
    lens.show_warnings([DEAD])
    assert lens.banners.labels[0].text() == DEAD, "English shows the core's sentence as it is"

    speak("zh_CN")
    assert chinese(lens.title_label.text())
    assert chinese(lens.banners.all_clear.text())
    banner = lens.banners.labels[0].text()
    assert chinese(banner) and "60%" in banner and "relu" in banner, banner
    assert lens.banners.texts() == [DEAD], "the warnings kept are the core's"

    speak("en")
    assert lens.title_label.text() == english_title
    assert lens.banners.all_clear.text() == english_clear
    assert lens.banners.labels[0].text() == DEAD


def test_the_loss_plot_legend_and_axes_follow_the_language(qtbot) -> None:
    plot = LossPlot()
    qtbot.addWidget(plot)
    english = legend_texts(plot)
    assert english == ["train loss", "test loss", "train acc.", "test acc."]
    bottom = plot.plot_item.getAxis("bottom")
    assert bottom.labelText == "epoch"

    speak("zh_CN")
    assert all(chinese(text) for text in legend_texts(plot)), legend_texts(plot)
    assert bottom.labelText == "轮次"
    assert chinese(plot.plot_item.getAxis("left").labelText)
    assert chinese(plot.title_label.text())

    speak("en")
    assert legend_texts(plot) == english
    assert bottom.labelText == "epoch"
    assert plot.plot_item.getAxis("left").labelText == "loss"


@pytest.fixture
def diagram(qtbot) -> NetworkView:
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.show()
    qtbot.waitExposed(view)
    view.set_architecture(
        ["x1", "x2"], {"x1": "x₁", "x2": "x₂"}, ["x1", "x2"], [(4, "tanh"), (3, "relu")], 1,
        ["relu", "tanh", "sigmoid", "linear"],
    )  # fmt: skip
    return view


def test_the_diagram_header_follows_the_language(diagram: NetworkView) -> None:
    header = diagram.header
    assert header._features.text() == "FEATURES"
    assert header._layers_label.text() == "2 hidden layers"
    assert header.layers[0].label.text() == "4 neurons"

    speak("zh_CN")
    assert header._features.text() == "特征"
    assert chinese(header._output.text())
    assert chinese(header._layers_label.text()) and "2" in header._layers_label.text()
    assert chinese(header.layers[0].label.text())
    assert chinese(header.add_layer_button.toolTip())

    speak("en")
    assert header._features.text() == "FEATURES"
    assert header._layers_label.text() == "2 hidden layers"
    assert header.layers[0].label.text() == "4 neurons"


def test_each_activation_item_carries_its_formula(diagram: NetworkView) -> None:
    combo = diagram.header.layers[0].combo
    index = combo.findText("tanh")
    tip = combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert "f′(z) = 1 − a²" in tip
    assert "Activation of hidden layer 1: tanh" in combo.toolTip()
    assert "1 − a²" in combo.toolTip()
    relu = combo.itemData(combo.findText("relu"), Qt.ItemDataRole.ToolTipRole)
    assert "<b>relu</b>" in relu


def fake_points(units: int = 3) -> SimpleNamespace:
    """What the hidden-space view reads of a point pass: one hidden layer, four points."""
    rng = np.random.default_rng(0)
    return SimpleNamespace(
        hidden=[rng.normal(size=(4, units))],
        grid_hidden=[rng.normal(size=(3, 3, units))],
        n_train=3,
        targets=np.array([0, 1, 0, 1]),
        task="binary",
    )


def test_the_hidden_space_combos_follow_the_language(qtbot) -> None:
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.show_points(fake_points())  # type: ignore[arg-type]

    def items(combo) -> list[str]:
        return [combo.itemText(i) for i in range(combo.count())]

    english = (items(view.projection_combo), items(view.layer_combo), items(view.unit_x))
    assert english == (["PCA 1–2", "two units"], ["hidden layer 1"], ["unit 1", "unit 2", "unit 3"])

    speak("zh_CN")
    for combo in (view.projection_combo, view.layer_combo, view.unit_x):
        assert all(chinese(text) for text in items(combo)), items(combo)
    assert chinese(view.title_label.text())

    speak("en")
    assert (items(view.projection_combo), items(view.layer_combo), items(view.unit_x)) == english


def test_the_marked_health_fixes_are_the_cores() -> None:
    assert set(HEALTH_FIXES) == set(FIXES.values())
    assert len(HEALTH_SENTENCES) >= len(RULES)
    assert set(LESSON_TEXTS) == set(LESSONS.values())


def test_every_health_warning_of_the_core_is_read_back() -> None:
    nan = np.full(2, np.nan)
    figures = [
        HealthInputs(np.array([1e-6, 1.0]), np.ones((1, 2)), np.zeros(1), nan, nan, ("relu",)),
        HealthInputs(np.array([0.0, 1.0]), np.ones((1, 2)), np.zeros(1), nan, nan, ("relu",)),
        HealthInputs(np.array([np.inf, 1.0]), np.ones((1, 2)), np.zeros(1), nan, nan, ("tanh",)),
        HealthInputs(np.array([5e3, 1.0]), np.ones((1, 2)), np.zeros(1), nan, nan, ("tanh",)),
        HealthInputs(
            np.array([1.0, 1.0]),
            np.array([[1.0, 1.0], [1e3, 1.0]]),
            np.array([0.0, 1.0]),
            np.array([0.9, np.nan]),
            np.array([0.8, np.nan]),
            ("tanh", "relu"),
        ),
    ]
    said = [w.text for f in figures for rule in RULES.values() for w in rule(f)]
    assert len(said) >= 6
    for text in said:
        cause = text.partition(" — ")[0]
        assert any(re.fullmatch(p, cause) for p, _ in HEALTH_SENTENCES), text
        assert health_text(text) == text


def test_the_gallery_notes_are_read_back_and_translated() -> None:
    texts = [t for name in gallery_names() for t in facts(name).notes]
    for text in texts:
        readable = any(re.fullmatch(p, text) for p, _ in NOTE_SENTENCES)
        assert readable or text in LESSON_TEXTS, text
    speak("zh_CN")
    assert all(chinese(say_note(text)) for text in texts)
