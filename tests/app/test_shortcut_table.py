"""The README's keyboard table is the one Help > Keyboard Shortcuts shows."""

from __future__ import annotations

from pathlib import Path

from playground.app.views.main_window import SHORTCUTS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_shortcut_is_a_row_of_the_readme_table_in_the_same_order() -> None:
    section = README.split("### Keyboard and mouse", 1)[1].split("\n#", 1)[0]
    rows = [
        tuple(cell.strip() for cell in line.strip("|").split("|"))
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| keys ")
    ]
    assert rows == [(keys, action) for keys, action in SHORTCUTS]
