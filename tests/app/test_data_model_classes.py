"""Painting the first point of a class the palette offers gives the data that class."""

from __future__ import annotations

import numpy as np
import pytest

from playground.app.state.data_model import DataModel
from playground.core.config import MAX_CLASSES
from playground.core.datasets import Dataset


def _two_classes() -> DataModel:
    x = np.array([[0.0, 0.0], [1.0, 1.0]])
    return DataModel(Dataset(x, np.array([0, 1]), np.zeros(2, bool), "binary", 2))


def test_painting_a_new_class_grows_the_classes_in_one_undo_step(qtbot) -> None:
    model = _two_classes()
    with qtbot.waitSignal(model.changed) as changed:
        model.add_points([[2.0, 2.0]], 2)
    ds = changed.args[0]
    assert (ds.task, ds.n_classes, len(ds)) == ("multiclass", 3, 3)
    assert int(ds.y[-1]) == 2
    model.undo_stack.undo()
    assert (model.dataset.task, model.dataset.n_classes, len(model.dataset)) == ("binary", 2, 2)


def test_painting_known_classes_keeps_the_task() -> None:
    model = _two_classes()
    model.add_points([[2.0, 2.0], [3.0, 3.0]], 1)
    assert (model.dataset.task, model.dataset.n_classes) == ("binary", 2)


def test_a_class_beyond_the_palette_is_refused() -> None:
    model = _two_classes()
    with pytest.raises(ValueError, match=f"at most {MAX_CLASSES} classes"):
        model.add_points([[2.0, 2.0]], MAX_CLASSES)
    assert len(model.dataset) == 2
