"""The views the window docks around the diagram and the canvas, by name: one table.

Each entry says how to make the view, where its dock goes, whether it is shown only
while runs are compared, and whether File > Export Image offers it. How a view shows a
snapshot is its presenter, registered under the same name in
:mod:`playground.app.present.views`. Adding a view is a module with its widget, one
entry here and one presenter there; the window, the View menu, the image export and
the per-frame presentation pick it up from these tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from playground.app.views.compare.table import CompareTable
from playground.app.views.compare.tiles import RunTiles
from playground.app.views.lenses.activation_lens import ActivationLens
from playground.app.views.lenses.backprop import BackpropInspector
from playground.app.views.lenses.gallery import ActivationGallery
from playground.app.views.lenses.gradient_lens import GradientLens
from playground.app.views.lenses.hidden_space import HiddenSpaceView
from playground.app.views.lenses.results import ResultsView
from playground.app.views.plots.gradient_plot import GradientPlot
from playground.app.views.plots.loss_plot import LossPlot

Area = Qt.DockWidgetArea


@dataclass(frozen=True)
class ViewSpec:
    """One dockable view.

    Attributes
    ----------
    name : str
        Its key: ``window.views[name]``, the dock ``dock_<name>``, the action
        ``export_image_<name>``.
    title : str
        The dock's title and the Export Image menu's entry.
    factory : callable
        Makes the widget (once, with the window).
    area : Qt.DockWidgetArea
        Where its dock starts.
    beside : str or None
        A view whose dock this one starts to the right of.
    compare_only : bool
        Shown only while 2–4 runs are compared.
    exportable : bool
        Offered by File > Export Image.
    visible : bool
        Whether its dock is open in the first layout (a closed one is opened from
        the View menu or ``--show``).
    show_as : str or None
        Its name for ``--show`` (default: ``name``).
    """

    name: str
    title: str
    factory: Callable[[], QWidget]
    area: Area
    beside: str | None = None
    compare_only: bool = False
    exportable: bool = True
    visible: bool = True
    show_as: str | None = None


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("loss", "Loss", LossPlot, Area.BottomDockWidgetArea),
    ViewSpec(
        "gradients",
        "Gradients",
        GradientPlot,
        Area.BottomDockWidgetArea,
        beside="loss",
        show_as="gradient-norms",  # "gradients" opens the gradient lens
    ),
    ViewSpec("runs", "Compared Runs", RunTiles, Area.RightDockWidgetArea, compare_only=True),
    ViewSpec(
        "compare_table", "Comparison", CompareTable, Area.BottomDockWidgetArea, "gradients", True
    ),
    ViewSpec(
        "lens_gallery",
        "Activation Gallery",
        ActivationGallery,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="gallery",
    ),
    ViewSpec(
        "lens_results",
        "Results",
        ResultsView,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="confusion",
    ),
    ViewSpec(
        "lens_backprop",
        "Backprop Inspector",
        BackpropInspector,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="backprop",
    ),
    ViewSpec(
        "lens_gradients",
        "Gradient Lens",
        GradientLens,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="gradients",
    ),
    ViewSpec(
        "lens_activations",
        "Activation Lens",
        ActivationLens,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="activations",
    ),
    ViewSpec(
        "lens_hidden_space",
        "Hidden Space",
        HiddenSpaceView,
        Area.RightDockWidgetArea,
        visible=False,
        show_as="hidden-space",
    ),
)


def show_names() -> dict[str, str]:
    """Every view's ``--show`` name, with the registry name it opens."""
    return {spec.show_as or spec.name: spec.name for spec in VIEWS}


def view_spec(name: str) -> ViewSpec:
    """The entry of view ``name``."""
    for spec in VIEWS:
        if spec.name == name:
            return spec
    raise KeyError(name)
