"""A plot shown once paints a few times and then rests: no relayout that feeds itself."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject

from playground.app.views.plots.gradient_plot import GradientPlot


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_gradient_plot_comes_to_rest_at_sizes_where_axes_used_to_flip(qtbot) -> None:
    # Norms falling from about 0.1 to 1e-4 over 10,000 epochs, as in a long default run: at
    # 490x240 the bar axis used to flip between two widths and repaint without end.
    epochs = np.arange(1.0, 10_001.0)
    rng = np.random.default_rng(1)
    decay = np.exp(-epochs / 2500.0)[:, None]
    norms = 0.1 * decay * np.array([1.0, 0.3, 0.1]) * rng.uniform(0.5, 1.5, (10_000, 3)) + 5e-5
    for width in (480, 490, 500):
        plot = GradientPlot()
        qtbot.addWidget(plot)
        plot.resize(width, 240)
        plot.show()
        counter = PaintCounter()
        plot.graphics.viewport().installEventFilter(counter)
        plot.show_gradients(epochs, norms, norms[-1])
        qtbot.wait(300)  # let the first paints and relayouts happen
        counter.paints = 0
        qtbot.wait(300)
        assert counter.paints <= 2, f"{counter.paints} paints at rest at width {width}"
        widths = {plot.bar_plot.getAxis("right").width(), plot.plot_item.getAxis("left").width()}
        assert widths == {52}
