#!/bin/sh
# Refresh the translation catalogues after texts change, then compile them.
#
#   scripts/update_translations.sh
#
# 1. writes resources/translations/table_texts.py: the texts the window shows from the
#    core's tables (view titles, setting help, presets, formula notes), for lupdate;
# 2. runs pyside6-lupdate over playground/app and that file, merging new and changed
#    texts into every resources/translations/mlp_playground_<lang>.ts (obsolete ones go);
# 3. runs pyside6-lrelease, compiling each .ts into the .qm the app loads.
#
# New texts arrive untranslated (type="unfinished"): translate them in the .ts (Qt
# Linguist, or any editor), run this again, and commit the .ts and the .qm together.
# tests/app/test_i18n.py fails while a message is left untranslated.
set -eu
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
[ -x "$BIN/python" ] || BIN=$(dirname "$(command -v python3)")
FOLDER=resources/translations
# Every language but English, the source's (see LANGUAGES in playground/app/i18n.py).
LANGUAGES="zh_CN"
"$BIN/python" -c "from playground.app.i18n import write_table_texts; write_table_texts()"
for lang in $LANGUAGES; do
    ts="$FOLDER/mlp_playground_$lang.ts"
    "$BIN/pyside6-lupdate" -extensions py -no-obsolete -locations none -target-language "$lang" \
        playground/app "$FOLDER/table_texts.py" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "$FOLDER/mlp_playground_$lang.qm"
done
