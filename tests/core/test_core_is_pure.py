"""The engine never imports Qt, pyqtgraph or the app: it must run headless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt", "pyqtgraph", "shiboken6", "playground.app")

SCRIPT = """
import json, pkgutil, sys
import playground.core
names = ["playground.core"]
for info in pkgutil.walk_packages(playground.core.__path__, "playground.core."):
    __import__(info.name)
    names.append(info.name)
print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
"""


def test_core_imports_no_gui_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # a module importing a GUI package that is not installed fails here too
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    imported = set(report["imported"])
    # the walk really covered the engine
    for name in ("activations", "losses", "network", "trainer", "diagnostics", "probes"):
        assert f"playground.core.{name}" in imported
    bad = [m for m in report["modules"] if m.startswith(FORBIDDEN)]
    assert bad == [], f"playground.core pulled in {bad}"
    assert "numpy" in report["modules"]
