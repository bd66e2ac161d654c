"""The worker's stop messages and the network-reset reasons follow the window's language.

The training thread has no Qt: it sends its sentences as English ``Message`` strings
that keep their templates, and the window translates them where it shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from playground.app import i18n
from playground.app.assembly import Assembly
from playground.app.documents import sessions as documents
from playground.app.present.training_texts import say
from playground.app.state import edits
from playground.app.training import messages
from playground.app.training.messages import Message
from playground.app.views.panels.transport import StopConditions
from playground.core import kernel
from playground.core.config import ModelConfig
from playground.core.files import LoadedWeights
from playground.core.model import Model
from playground.core.trainer_state import Divergence

TIMEOUT = 20_000
#: Any Latin letter: a fully translated banner has none (numbers and signs are fine).
LATIN = re.compile(r"[A-Za-z]")


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


def stopped(qtbot, app: Assembly, check=lambda s: True):
    """The next snapshot of the active run after training stopped (and ``check`` holds)."""
    c = app.controller
    with qtbot.waitSignal(
        c.snapshot_shown,
        timeout=TIMEOUT,
        check_params_cb=lambda s: s.run_id == c.run_id and not s.running and check(s),
    ) as blocker:
        pass
    return blocker.args[0]


# -- the messages themselves (no window) ---------------------------------------------------
def test_messages_are_the_english_sentences_they_replace() -> None:
    assert messages.stopped_after(40) == "Stopped after 40 epochs."
    assert messages.reached_loss(0.0123456, 7) == "Reached training loss 0.01235 at epoch 7."
    assert messages.every_run_stopped() == "Every run has stopped."
    exc = RuntimeError("x" * 400)
    error = messages.internal_error(exc)
    assert error == f"Training stopped by an internal error: {exc!r}"[:300]
    problem = "There are no training points: draw some or pick a preset."
    assert messages.paused(problem) == f"Paused. {problem}"
    assert messages.cannot_train(ValueError("bad")) == "These points cannot be trained on: bad."
    for reason in messages.DIVERGENCE_REASONS:
        divergence = Divergence(step=12, epoch=3, reason=reason)
        assert messages.diverged(divergence) == divergence.message


def test_the_core_divergence_reasons_are_the_ones_marked() -> None:
    """The kernel's and the trainer's reasons (the trainer's are the kernel's three)."""
    assert set(kernel._REASONS.values()) == set(messages.DIVERGENCE_REASONS)


def test_a_message_says_its_template_and_values_in_another_language() -> None:
    table = {
        ("Training", messages.PAUSED): "PAUSE: {problem}",
        ("CoreMessages", "no points"): "NO POINTS",
        ("Training", messages.STOPPED_AFTER): "STOP {missing}",  # a broken translation
    }

    def translate(context: str, text: str) -> str:
        return table.get((context, text), text)

    assert messages.paused("no points").say(translate) == "PAUSE: NO POINTS"
    assert messages.stopped_after(5).say(translate) == "Stopped after 5 epochs."  # English
    assert say("plain text") == "plain text"
    message = Message("Already {n}.", n=2)
    assert isinstance(message, str) and message == "Already 2." and message.values == (("n", 2),)


def test_every_template_of_the_worker_has_a_chinese_translation(qapp) -> None:
    templates = [
        value
        for name, value in vars(messages).items()
        if name.isupper() and isinstance(value, str) and not name.endswith("CONTEXT")
    ]
    assert len(templates) >= 7
    speak("zh_CN")
    for text in [*templates, *messages.DIVERGENCE_REASONS]:
        assert QCoreApplication.translate(messages.CONTEXT, text) != text, text
    speak("en")


def test_edit_errors_follow_the_language(qapp) -> None:
    cfg = ModelConfig(
        hidden=(4,) * edits.MAX_HIDDEN_LAYERS, activations=("tanh",) * edits.MAX_HIDDEN_LAYERS
    )
    speak("zh_CN")
    with pytest.raises(ValueError, match=f"最多 {edits.MAX_HIDDEN_LAYERS} 个隐藏层"):
        edits.add_layer(cfg)
    speak("en")
    with pytest.raises(ValueError, match=f"At most {edits.MAX_HIDDEN_LAYERS} hidden layers"):
        edits.add_layer(cfg)


# -- in the window ---------------------------------------------------------------------------
def test_the_stop_after_n_epochs_banner_is_translated(qtbot, app: Assembly) -> None:
    c, banner = app.controller, app.window.banner
    speak("zh_CN")
    c.set_stop_conditions(StopConditions(max_epochs=7))
    c.play()
    snap = stopped(qtbot, app, lambda s: s.epoch == 7)
    assert snap.message == "Stopped after 7 epochs."  # the worker's English travels as it is
    assert banner.text() == "已在 7 轮后停止。"

    speak("en")
    c.set_stop_conditions(StopConditions(max_epochs=9))
    c.play()
    stopped(qtbot, app, lambda s: s.epoch == 9)
    assert banner.text() == "Stopped after 9 epochs."


def test_the_network_reset_banner_after_an_edit_is_fully_chinese(qtbot, app: Assembly) -> None:
    c, w = app.controller, app.window
    speak("zh_CN")
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        w.network_view.layer_add_requested.emit()
    layers = len(c.model_config.hidden)
    text = w.banner.text()
    assert text == f"网络已重置：已添加第 {layers} 个隐藏层。"
    assert not LATIN.search(text), text

    speak("en")
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        w.network_view.layer_add_requested.emit()
    assert w.banner.text() == f"Network reset: hidden layer {layers + 1} added."


def test_the_divergence_banner_is_translated(qtbot, app: Assembly) -> None:
    """Regression on the Plane preset at learning rate 10 blows up in a few epochs."""
    c, w = app.controller, app.window
    banner, panel = w.banner, w.data_panel
    speak("zh_CN")
    panel.preset_combo.setCurrentIndex(panel.preset_combo.findData("plane"))
    with qtbot.waitSignal(c.run_started, timeout=TIMEOUT):
        qtbot.mouseClick(panel.regenerate_button, Qt.MouseButton.LeftButton)
    assert banner.text() == "新数据（平面）：权重和历史已重置。"
    c.set_train_config(c.train_config.with_changes(learning_rate=10.0))
    c.play()
    snap = stopped(qtbot, app, lambda s: s.diverged)
    assert snap.message.startswith("diverged at epoch")
    text = banner.text()
    assert text.startswith(f"在第 {snap.epoch} 轮发散（") and text.endswith("）— 请降低学习率")
    assert not LATIN.search(text), text

    speak("en")
    c.reset()
    c.play()
    snap = stopped(qtbot, app, lambda s: s.diverged)
    assert banner.text() == snap.message
    assert banner.text().startswith("diverged at epoch")


def test_the_weights_of_another_task_are_refused_in_the_language(app: Assembly) -> None:
    c, banner = app.controller, app.window.banner
    assert c.data_model.dataset.task == "binary"
    config = c.model_config.with_changes(task="multiclass", n_classes=3, loss="cross_entropy")
    loaded = LoadedWeights(Model.build(config), None, 0, {})
    speak("zh_CN")
    assert not documents.apply_weights(c, loaded, "w.npz")
    assert banner.text() == (
        "w.npz 是为多分类任务（3 个类别）训练的，但当前数据是二分类（2 个类别）。未做任何更改。"
    )
    speak("en")
    assert not documents.apply_weights(c, loaded, "w.npz")
    assert banner.text() == (
        "w.npz was trained for a multiclass task with 3 classes, but the data is binary "
        "with 2 classes. Nothing was changed."
    )
