"""Icons, styles and lessons ship as package data, and the package list misses no package."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from playground.app.resources import ICON, STYLE, resource_folder, resource_path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_installing() -> None:
    """The list is explicit (see pyproject.toml); a package left out would not be installed."""
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "playground").rglob("__init__.py")
    }
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert {"playground.resources", "playground.resources.icons"} <= listed


def test_resource_folders_are_installed_as_package_data() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["playground.resources"] == "resources"
    data = setuptools["package-data"]
    for relative in (ICON, STYLE):
        folder, name = relative.split("/")
        patterns = data[f"playground.resources.{folder}"]
        assert any(Path(name).match(p) for p in patterns), f"{relative} is not package data"


def test_icon_and_style_are_found() -> None:
    icon, style = resource_path(ICON), resource_path(STYLE)
    assert icon is not None and style is not None
    assert icon.parent.parent == resource_folder()
    root = ET.parse(icon).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 64 64"
    assert "{" in style.read_text(encoding="utf-8")
    assert resource_path("icons/missing.svg") is None


def test_license_is_an_spdx_string() -> None:
    """A TOML table here makes every build print setuptools' deprecation warning."""
    assert PYPROJECT["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])


def test_every_lesson_file_is_installed_as_package_data() -> None:
    """Each lesson folder's lesson.json and Markdown texts match the lessons' patterns."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert "playground.resources.lessons" in setuptools["packages"]
    patterns = setuptools["package-data"]["playground.resources.lessons"]
    folder = ROOT / "resources" / "lessons"
    files = [p.relative_to(folder) for p in folder.rglob("*") if p.is_file()]
    assert any(p.name == "lesson.json" for p in files)
    for relative in files:
        # PurePath.match anchors relative patterns at the right, so count the parts too
        assert any(
            relative.match(p) and len(relative.parts) == len(Path(p).parts) for p in patterns
        ), f"resources/lessons/{relative} is not package data"


def test_translations_are_package_data() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert "playground.resources.translations" in setuptools["packages"]
    patterns = setuptools["package-data"]["playground.resources.translations"]
    assert any(Path("mlp_playground_zh_CN.qm").match(p) for p in patterns)
    from playground.app.i18n import catalogue_path

    assert catalogue_path("zh_CN").is_file()
