"""Find the app's icons and styles, installed or in a source checkout.

The top-level ``resources/`` folder is installed as the package
``playground.resources`` (see ``pyproject.toml``), so an installed app reads it
through :mod:`importlib.resources`; a checkout run without installing falls back
to the folder itself.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "playground.resources"
SOURCE_FOLDER = Path(__file__).resolve().parents[2] / "resources"
ICON = "icons/app.svg"
STYLE = "styles/app.qss"


def resource_folder() -> Path:
    """The folder holding ``icons/`` and ``styles/``: the installed package's, else the source's."""
    try:
        root = Path(str(resources.files(PACKAGE)))
    except ModuleNotFoundError:
        return SOURCE_FOLDER
    return root if (root / ICON).is_file() else SOURCE_FOLDER


def resource_path(relative: str) -> Path | None:
    """The file ``relative`` (e.g. ``"icons/app.svg"``) on disk, or None when it is missing."""
    path = resource_folder() / relative
    return path if path.is_file() else None
