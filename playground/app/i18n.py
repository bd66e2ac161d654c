"""Languages: Qt's translators for the window's texts, chosen by locale or View > Language.

The texts are English in the source. Widgets wrap them in ``self.tr()`` or
``QCoreApplication.translate(context, text)``; ``pyside6-lupdate`` collects them into
``resources/translations/mlp_playground_<lang>.ts``, and ``pyside6-lrelease`` compiles
those into the ``.qm`` files loaded here (``scripts/update_translations.sh`` runs both).

Texts that come from the core's tables (view titles, setting help, preset
descriptions, formula notes) are not literals lupdate could find, so
:func:`table_texts` lists them and :func:`write_table_texts` writes them as
``QT_TRANSLATE_NOOP`` entries into ``resources/translations/table_texts.py``, a file
only lupdate reads. The widgets translate them at display time with the same contexts.

The language follows the system locale unless View > Language chose one, which is
remembered in the settings under :data:`SETTINGS_KEY`. Switching installs the new
translator at once; Qt then sends every widget a ``LanguageChange`` event, on which
the widgets set their texts again (their ``retranslate_ui``).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from playground.app.resources import resource_folder

#: Every language of the window: code -> its name, written in that language.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
#: The language of the source texts, which needs no translator.
SOURCE_LANGUAGE = "en"
SETTINGS_KEY = "ui/language"
CATALOGUE_PREFIX = "mlp_playground_"
TABLE_TEXTS_FILE = "table_texts.py"
#: Contexts of the texts that come from tables (see :func:`table_texts`).
VIEWS, SETTINGS, OPTIONS, PRESETS, COMPARE, FORMULAS = (
    "views",
    "settings",
    "options",
    "presets",
    "compare",
    "formulas",
)

_state: dict[str, object] = {"language": SOURCE_LANGUAGE, "translators": []}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` of a table for lupdate under ``context``; return it untranslated.

    A typed stand-in for Qt's own: lupdate finds the call by its name, and the widget
    translates the text when it shows it, ``QCoreApplication.translate(context, text)``.
    """
    return text


def translations_folder() -> Path:
    """The folder of the ``.ts`` and ``.qm`` files (installed package data, or the source's)."""
    return resource_folder() / "translations"


def catalogue_path(language: str, suffix: str = ".qm") -> Path:
    """Where the catalogue of ``language`` lives (it may be missing)."""
    return translations_folder() / f"{CATALOGUE_PREFIX}{language}{suffix}"


def available_languages() -> dict[str, str]:
    """The languages View > Language offers: code -> name in that language."""
    return dict(LANGUAGES)


def current_language() -> str:
    """The code of the language the window speaks now."""
    return str(_state["language"])


def translate(context: str, text: str) -> str:
    """``text`` in the current language (itself when there is no translation)."""
    return QCoreApplication.translate(context, text)


def _system_ui_languages() -> list[str]:
    """The system's preferred languages, most wanted first, e.g. ``["zh-Hans-CN", "en"]``."""
    return list(QLocale.system().uiLanguages())


def system_language() -> str:
    """The first of the system's languages the window speaks, else English.

    Chinese in simplified script (``zh``, ``zh-CN``, ``zh-Hans-*``, ``zh-SG``) picks
    简体中文; traditional script (``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO``) has no
    catalogue and falls through to the next language.
    """
    for tag in _system_ui_languages():
        parts = tag.replace("_", "-").split("-")
        if parts[0] == "en":
            return "en"
        if parts[0] == "zh" and not {"Hant", "TW", "HK", "MO"} & set(parts[1:]):
            return "zh_CN"
    return SOURCE_LANGUAGE


def saved_language(settings: QSettings | None) -> str | None:
    """The language View > Language stored in ``settings``, or None (follow the system)."""
    if settings is None:
        return None
    value = settings.value(SETTINGS_KEY)
    return str(value) if value is not None and str(value) in LANGUAGES else None


def install_translator(
    app: QCoreApplication, language: str | None, settings: QSettings | None = None
) -> str:
    """Make ``app`` speak ``language`` and return the language it speaks now.

    Parameters
    ----------
    app : QCoreApplication
        The application whose translators are replaced.
    language : str or None
        A code of :data:`LANGUAGES`; None for the one stored in ``settings`` by
        View > Language, else the system's (:func:`system_language`).
    settings : QSettings, optional
        Where View > Language remembers its choice (None: nothing stored).

    A language whose catalogue is missing or unreadable falls back to English, and
    Qt's own texts (standard buttons, dialogs) are translated too when Qt ships them.
    """
    wanted = language or saved_language(settings) or system_language()
    if wanted not in LANGUAGES:
        wanted = SOURCE_LANGUAGE
    old: list[QTranslator] = _state["translators"]  # type: ignore[assignment]
    for translator in old:
        app.removeTranslator(translator)
    new: list[QTranslator] = []
    if wanted != SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{wanted}", qt_folder):
            new.append(qt_own)
        ours = QTranslator(app)
        path = catalogue_path(wanted)
        if path.is_file() and ours.load(str(path)):
            new.append(ours)  # installed last, so looked up first
        else:
            new, wanted = [], SOURCE_LANGUAGE
    for translator in old:
        translator.deleteLater()
    QLocale.setDefault(_default_locale(wanted))
    for translator in new:
        app.installTranslator(translator)
    _state["translators"] = new
    _state["language"] = wanted
    return wanted


def _default_locale(language: str) -> QLocale:
    """The locale ``QLocale()`` gives while ``language`` is spoken: the system's if it fits.

    English over a system in another language the window does not speak (German, say)
    keeps the system's locale and its number formats; otherwise the language's own.
    """
    system = QLocale.system()
    code = system.name().split("_")[0]
    if code == language.split("_")[0] or (language == SOURCE_LANGUAGE and code != "zh"):
        return system
    return QLocale(language)


def set_language(language: str | None, settings: QSettings | None = None) -> str:
    """Switch the running app to ``language`` (None: the system's) and remember the choice.

    Returns the language now spoken. Widgets retranslate on the ``LanguageChange``
    event Qt posts to every window.
    """
    if settings is not None:
        if language is None:
            settings.remove(SETTINGS_KEY)
        else:
            settings.setValue(SETTINGS_KEY, language)
        settings.sync()
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a running QApplication")
    return install_translator(app, language or system_language())


# -- the table texts lupdate cannot see ---------------------------------------------------------


def table_texts() -> list[tuple[str, str]]:
    """Every (context, text) the window shows from a table, in a stable order."""
    from playground.app.present.registry import VIEWS as VIEW_SPECS
    from playground.app.views.panels.hyper_panel import pretty
    from playground.core.compare import COMPARE_KEYS
    from playground.core.formulas import notes
    from playground.core.initializers import INITIALIZERS
    from playground.core.losses import LOSSES
    from playground.core.optimizers import OPTIMIZERS
    from playground.core.presets import PRESETS as PRESET_TABLE
    from playground.core.settings import SETTINGS as SETTING_TABLE

    texts: list[tuple[str, str]] = [(VIEWS, spec.title) for spec in VIEW_SPECS]
    texts += [(SETTINGS, setting.help) for setting in SETTING_TABLE.values()]
    for table in (OPTIMIZERS, INITIALIZERS, LOSSES):
        texts += [(OPTIONS, pretty(key)) for key in table]
    for preset in PRESET_TABLE.values():
        texts += [(PRESETS, preset.label), (PRESETS, preset.description)]
        texts += [(PRESETS, option.label) for option in preset.options]
    texts += [(COMPARE, key.help) for key in COMPARE_KEYS.values()]
    texts += [(FORMULAS, note) for note in notes()]
    return list(dict.fromkeys(texts))


def table_texts_source() -> str:
    """The text of ``table_texts.py``: one ``QT_TRANSLATE_NOOP`` per table text."""
    lines = [
        '"""Texts the window shows from the core\'s tables, for pyside6-lupdate only.',
        "",
        "Written by scripts/update_translations.sh (playground.app.i18n.write_table_texts);",
        "do not edit. Nothing imports this file.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEXTS = (",
    ]
    for context, text in table_texts():  # laid out as ruff format leaves it
        lines += [
            "    QT_TRANSLATE_NOOP(",
            f"        {json.dumps(context)},",
            f"        {json.dumps(text, ensure_ascii=False)},",
            "    ),",
        ]
    lines.append(")")
    return "\n".join(lines) + "\n"


def write_table_texts(folder: Path | None = None) -> Path:
    """Write :func:`table_texts_source` into ``folder`` (the translations folder)."""
    path = (folder or translations_folder()) / TABLE_TEXTS_FILE
    path.write_text(table_texts_source(), encoding="utf-8")
    return path
