"""The views the window docks around the diagram and the canvas, by name: one table.

Each entry says everything about one view: how to make it, where its dock goes,
whether it is shown only while runs are compared, whether File > Export Image offers
it, how it presents a frame and how often it needs one while training runs. Adding a
view is a module with its widget (and its presenter) plus one entry here: the window
(given these entries by :func:`playground.app.assembly.assemble`), the View menu, the
image export, ``--show`` and the per-frame presentation (:mod:`.schedule`) all read
them.

The table lives in the present layer because the presenters do; the window only
sees the entries through :class:`playground.app.views.registry.DockedView`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from playground.app.present.backprop import present_backprop
from playground.app.present.lenses import activation_lens, gradient_lens, hidden_space
from playground.app.present.results import present_gallery, present_results
from playground.app.present.views import (
    Presenter,
    present_gradients,
    present_loss,
    present_table,
    present_tiles,
)
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
    present : callable
        Its presenter, ``present(widget, frame)``: puts a
        :class:`~playground.app.present.views.Frame` on the widget.
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
    every_s : float
        Seconds between two presentations while training runs (0: every frame).
    every_s_comparing : float or None
        The same while runs are compared (None: ``every_s``).
    curve : bool
        One of the views that draw long curves, the costliest to present and paint:
        while training runs a frame presents at most one of them (the one waiting
        longest), so that their work is spread over frames rather than piled onto
        every third one.
    """

    name: str
    title: str
    factory: Callable[[], QWidget]
    area: Area
    present: Presenter
    beside: str | None = None
    compare_only: bool = False
    exportable: bool = True
    visible: bool = True
    show_as: str | None = None
    every_s: float = 0.0
    every_s_comparing: float | None = None
    curve: bool = False

    def period(self, comparing: bool) -> float:
        """Seconds between two presentations while training runs (0: every frame)."""
        if comparing and self.every_s_comparing is not None:
            return self.every_s_comparing
        return self.every_s


_RIGHT, _BOTTOM = Area.RightDockWidgetArea, Area.BottomDockWidgetArea

# The curves change little between frames; while runs are compared each curve view
# draws every run's curves, so it draws less often still.
# fmt: off
VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "loss", "Loss", LossPlot, _BOTTOM, present_loss,
        every_s=0.1, every_s_comparing=0.25, curve=True,
    ),
    ViewSpec(
        "gradients", "Gradients", GradientPlot, _BOTTOM, present_gradients,
        beside="loss",
        show_as="gradient-norms",  # "gradients" opens the gradient lens
        every_s=0.1, every_s_comparing=0.5, curve=True,
    ),
    ViewSpec("runs", "Compared Runs", RunTiles, _RIGHT, present_tiles, compare_only=True),
    ViewSpec(
        "compare_table", "Comparison", CompareTable, _BOTTOM, present_table,
        beside="gradients", compare_only=True, every_s=0.1,
    ),
    # The gallery only follows the network's layers.
    ViewSpec(
        "lens_gallery", "Activation Gallery", ActivationGallery, _RIGHT, present_gallery,
        visible=False, show_as="gallery", every_s=0.5,
    ),
    # The results redraw with a new point pass at most 4 times a second: their counts
    # change little between passes, and two matrices of texts are dear to paint.
    ViewSpec(
        "lens_results", "Results", ResultsView, _RIGHT, present_results,
        visible=False, show_as="confusion", every_s=0.25,
    ),
    # The point's numbers change every step, faster than anyone reads them, and each
    # refresh rebuilds the model, traces the point and redraws the diagram's overlay.
    ViewSpec(
        "lens_backprop", "Backprop Inspector", BackpropInspector, _RIGHT, present_backprop,
        visible=False, show_as="backprop", every_s=0.25,
    ),
    # The lenses of the point pass draw whenever a frame brings one (at most 10 a second).
    ViewSpec(
        "lens_gradients", "Gradient Lens", GradientLens, _RIGHT, gradient_lens,
        visible=False, show_as="gradients", every_s=0.1, curve=True,
    ),
    ViewSpec(
        "lens_activations", "Activation Lens", ActivationLens, _RIGHT, activation_lens,
        visible=False, show_as="activations",
    ),
    ViewSpec(
        "lens_hidden_space", "Hidden Space", HiddenSpaceView, _RIGHT, hidden_space,
        visible=False, show_as="hidden-space",
    ),
)
# fmt: on


def show_names(views: Sequence[ViewSpec] = VIEWS) -> dict[str, str]:
    """Every view's ``--show`` name, with the registry name it opens."""
    return {spec.show_as or spec.name: spec.name for spec in views}


def view_spec(name: str, views: Sequence[ViewSpec] = VIEWS) -> ViewSpec:
    """The entry of view ``name``."""
    for spec in views:
        if spec.name == name:
            return spec
    raise KeyError(name)
