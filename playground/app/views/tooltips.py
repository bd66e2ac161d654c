"""Tooltips that say what a control does and the formula behind it, in the current language.

Every tooltip is put together here: a sentence (the rule book's help text, or one of
this module's), the formula lines of :mod:`playground.core.formulas` as they are, a
translated note, and what the symbols stand for. Formulas are shown as Unicode rich
text, so they need no images. Call these functions again after a language change
(the widgets do so in ``retranslate_ui``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication

from playground.app.i18n import FORMULAS, OPTIONS, PRESETS, SETTINGS
from playground.core import formulas as fm
from playground.core.settings import SETTINGS as SETTING_TABLE

CONTEXT = "tooltips"
#: The colour of the symbols' legend.
MUTED = "#5f6368"
#: Symbols a setting's legend may explain (single Latin letters are too common to find).
_SETTING_SYMBOLS = ("η", "μ", "λ₁", "λ₂", "B", "g")


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def option_label(key: str) -> str:
    """A table key as a combo shows it: ``xavier_uniform`` -> "xavier uniform", translated."""
    return _t(OPTIONS, key.replace("_", " "))


def formula_html(lines: Iterable[str]) -> str:
    """Formula lines as rich text, one to a line and never wrapped inside."""
    body = "<br>".join(f"<nobr>{html.escape(line)}</nobr>" for line in lines)
    return f"<p style='margin-left:8px'>{body}</p>" if body else ""


def legend_html(symbols: Iterable[str]) -> str:
    """What ``symbols`` stand for, e.g. "η: the learning rate", in a muted line."""
    parts = [
        f"{html.escape(s)}: {html.escape(_t(FORMULAS, fm.SYMBOLS[s]))}"
        for s in dict.fromkeys(symbols)
        if s in fm.SYMBOLS
    ]
    return f"<p style='color:{MUTED}'>{'<br>'.join(parts)}</p>" if parts else ""


def compose(
    what: str,
    lines: Sequence[str] = (),
    note: str = "",
    symbols: Iterable[str] = (),
    title: str = "",
) -> str:
    """A rich-text tooltip: title, sentence, formula lines, note and legend."""
    parts = [f"<p><b>{html.escape(title)}</b></p>"] if title else []
    if what:
        parts.append(f"<p>{html.escape(what)}</p>")
    parts.append(formula_html(lines))
    if note:
        parts.append(f"<p><i>{html.escape(_t(FORMULAS, note))}</i></p>")
    parts.append(legend_html(symbols))
    return "".join(part for part in parts if part)


def _symbols_in(lines: Iterable[str], candidates: Iterable[str]) -> list[str]:
    text = " ".join(lines)
    return [s for s in candidates if re.search(rf"(?<![A-Za-z_]){re.escape(s)}(?![a-z_])", text)]


def setting_help(name: str) -> str:
    """The rule book's help sentence of setting ``name``, translated."""
    return _t(SETTINGS, SETTING_TABLE[name].help)


def setting_tooltip(name: str, what: str = "") -> str:
    """The tooltip of setting ``name``: its help (or ``what``) and its formula, if any."""
    formula = fm.SETTING_FORMULAS.get(name)
    lines = formula.lines if formula else ()
    note = formula.note if formula else ""
    return compose(what or setting_help(name), lines, note, _symbols_in(lines, _SETTING_SYMBOLS))


def data_tooltip(name: str, what: str) -> str:
    """The tooltip of a data control with a formula (``noise``, ``test_ratio``)."""
    formula = fm.DATA_FORMULAS[name]
    return compose(what, formula.lines, formula.note)


def activation_tooltip(name: str) -> str:
    """f(z) and f′(z) of activation ``name`` (a key of ``ACTIVATIONS``), titled by its name."""
    formula = fm.ACTIVATION_FORMULAS.get(name)
    if formula is None:
        return compose(setting_help("activations"), title=name)
    return compose(setting_help("activations"), formula.lines, symbols=("z", "a"), title=name)


def loss_tooltip(name: str) -> str:
    """The output activation, the loss and its gradient of head ``name`` (a key of ``LOSSES``)."""
    formula = fm.LOSS_FORMULAS.get(name)
    if formula is None:
        return compose(setting_help("loss"), title=option_label(name))
    symbols = ("ŷ", "y", "n")
    return compose(setting_help("loss"), formula.lines, formula.note, symbols, option_label(name))


def auto_loss_tooltip(defaults: dict[str, str]) -> str:
    """The "auto" loss: the default head of each task (task -> loss key)."""
    lines = [f"{task}: {option_label(loss)}" for task, loss in defaults.items()]
    return compose(
        QCoreApplication.translate("tooltips", "Follows the task of the data:"),
        lines,
        title=QCoreApplication.translate("tooltips", "auto"),
    )


def optimizer_tooltip(name: str) -> str:
    """The update rule of optimizer ``name`` (a key of ``OPTIMIZERS``) and its constants."""
    formula = fm.OPTIMIZER_FORMULAS.get(name)
    if formula is None:
        return compose(setting_help("optimizer"), title=option_label(name))
    constants = fm.constants_line(name)
    lines = (*formula.lines, constants) if constants else formula.lines
    symbols = ("w", "g", *formula.symbols)
    return compose(setting_help("optimizer"), lines, formula.note, symbols, option_label(name))


def initializer_tooltip(name: str) -> str:
    """How initialiser ``name`` (a key of ``INITIALIZERS``) draws the weights, and Var(w)."""
    formula = fm.INITIALIZER_FORMULAS.get(name)
    lines = formula.lines if formula else ()
    return compose(setting_help("init"), lines, title=option_label(name))


def regularization_tooltip(kind: str) -> str:
    """The penalty of a regularisation choice: ``none``, ``L1`` or ``L2``."""
    if kind == "L1":
        return setting_tooltip("l1")
    if kind == "L2":
        return setting_tooltip("l2")
    return compose(
        QCoreApplication.translate("tooltips", "No penalty: only the data loss is minimised."),
        ("L",),
    )


def preset_tooltip(label: str, description: str) -> str:
    """A preset's description, translated."""
    return compose(_t(PRESETS, description), title=_t(PRESETS, label))


def hyper_tips() -> dict[str, str]:
    """The training panel's tooltips, by row (the setting's name where it has one)."""
    keys: tuple[str, ...] = ("optimizer", "learning_rate", "momentum", "batch_size", "nesterov")
    keys += ("init", "bias_init", "loss", "seed")
    tips = {key: setting_tooltip(key) for key in keys}
    l1, l2 = fm.SETTING_FORMULAS["l1"].lines[0], fm.SETTING_FORMULAS["l2"].lines[0]
    tips["regularization"] = compose(
        QCoreApplication.translate(
            "tooltips", "A penalty on large weights, added to the loss: none, L1 or L2."
        ),
        (l1, l2),
    )
    tips["reg_rate"] = compose(
        QCoreApplication.translate(
            "tooltips", "The penalty rate: λ₁ for L1, λ₂ for L2 (type any value)."
        ),
        ("λ₁, λ₂ ≥ 0",),
        symbols=("λ₁", "λ₂"),
    )
    tips["lr_spin"] = tips["learning_rate"] + compose(
        QCoreApplication.translate("tooltips", "Type any value, e.g. 0.005 or 2e-4.")
    )
    return tips


def preset_label(label: str) -> str:
    """A preset's (or a preset option's) name, translated."""
    return _t(PRESETS, label)


def preset_option_tooltip(label: str) -> str:
    """The tooltip of a preset's option spin box, e.g. the spiral's arms."""
    return compose(
        QCoreApplication.translate("tooltips", "An option of this preset: {option}.").format(
            option=preset_label(label)
        )
    )


def data_tips() -> dict[str, str]:
    """The data panel's tooltips, by the panel's attribute (or row caption) they go on."""
    tips = {
        "preset_combo": compose(
            QCoreApplication.translate(
                "tooltips", "The generator of the data; each item says what it draws."
            )
        ),
        "points_spin": compose(
            QCoreApplication.translate("tooltips", "How many points the generator draws."), ("n",)
        ),
        "noise_slider": data_tooltip(
            "noise",
            QCoreApplication.translate(
                "tooltips", "How far every point is moved at random (0–100 %)."
            ),
        ),
        "seed_spin": compose(
            QCoreApplication.translate(
                "tooltips", "Seed of the data's random numbers: the same seed, the same points."
            )
        ),
        "regenerate_button": compose(
            QCoreApplication.translate("tooltips", "Draw a new data set from the preset")
        ),
        "class_picker": compose(
            QCoreApplication.translate(
                "tooltips", "The class (or, for regression, the value) the brush paints"
            )
        ),
        "tool": compose(
            QCoreApplication.translate("tooltips", "What a left drag on the data does")
        ),
        "paint_button": compose(
            QCoreApplication.translate(
                "tooltips", "Left-drag adds points (right-drag always erases)"
            )
        ),
        "erase_button": compose(QCoreApplication.translate("tooltips", "Left-drag removes points")),
        "radius_slider": compose(
            QCoreApplication.translate("tooltips", "Radius of the brush, in data units")
        ),
        "density_slider": compose(
            QCoreApplication.translate("tooltips", "Points the brush adds per dab")
        ),
        "clear_button": compose(
            QCoreApplication.translate("tooltips", "Remove every point (undoable)")
        ),
        "ratio_slider": data_tooltip(
            "test_ratio",
            QCoreApplication.translate("tooltips", "Share of the points held out as the test set."),
        ),
        "task_combo": compose(
            QCoreApplication.translate(
                "tooltips",
                "What the network predicts: Auto follows the data; binary and multiclass "
                "tell classes apart, regression predicts a number.",
            )
        ),
        "show_test_check": compose(
            QCoreApplication.translate("tooltips", "Show the test points (rings) on the canvas")
        ),
        "discretize_check": compose(
            QCoreApplication.translate(
                "tooltips",
                "Show hard class regions instead of shaded confidence (ŷ ≥ ½ or argmax ŷ)",
            )
        ),
        "counts_label": compose(
            QCoreApplication.translate("tooltips", "Points of the data: training set and test set")
        ),
    }
    return tips
