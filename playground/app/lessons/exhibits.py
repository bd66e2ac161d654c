"""What a lesson shows beside its text while it is open (its ``show`` list).

``linear_product`` writes out the one affine map a stack of linear layers
multiplies out to, from the weights on screen, each frame; ``confusion_matrix``
opens the Results lens, whose matrices follow the run. The figures come from the
core's lesson measures, so the window shows what ``lesson NAME --check`` checks.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication

from playground.app.training.snapshot import Snapshot

#: The view each exhibit opens, when the window shows it in a lens.
EXHIBIT_VIEWS = {"confusion_matrix": "lens_results"}


def _numbers(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.4g}" for v in np.ravel(values)) + "]"


def linear_product_text(snap: Snapshot) -> str:
    """The run's layers multiplied out: ``ŷ = x·W + b`` with this frame's numbers."""
    from playground.core.lesson_measures import linear_product  # not needed at start

    network = snap.to_model().network
    weights, bias = linear_product(network)
    linear = all(name == "linear" for name in snap.model_config.activations)
    if linear:
        head = QCoreApplication.translate(
            "LessonExhibits",
            "The {n} linear hidden layers multiply out to one affine map of the inputs:",
        ).format(n=len(snap.model_config.hidden))
    else:
        head = QCoreApplication.translate(
            "LessonExhibits",
            "The product of the layers' matrices (the network is not linear, so it is not"
            " the network's map):",
        )
    rows = "; ".join(_numbers(row) for row in weights)
    return f"{head}\nz = x·W + b,  W = [{rows}],  b = {_numbers(bias)}"


def exhibit_texts(names: Sequence[str], snap: Snapshot | None) -> str:
    """Every written exhibit of ``names`` for ``snap`` (empty when there is none)."""
    if snap is None:
        return ""
    parts = [linear_product_text(snap) for name in names if name == "linear_product"]
    return "\n\n".join(parts)
