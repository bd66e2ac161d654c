"""PNG and SVG images of the window or of one of its parts."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QCoreApplication, QPoint, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QWidget


def _not_written(path: Path) -> str:
    """The reason shown when ``path`` could not be written, in the current language."""
    return QCoreApplication.translate("ImageExport", "could not write {path}").format(path=path)


def export_widget_image(widget: QWidget, path: Path) -> None:
    """Write ``widget`` as PNG or SVG (by the suffix); plots go through pyqtgraph's exporters.

    Raises OSError or ValueError when the file cannot be written.
    """
    scene = _plot_scene(widget)
    svg = path.suffix.lower() == ".svg"
    if scene is not None and not (svg and _export_plot_svg_failed(scene, path)):
        if not svg:
            _export_plot(scene, path, svg=False)
    elif svg:
        _render_svg(widget, path)
    elif not widget.grab().save(str(path)):
        raise OSError(_not_written(path))


def _render_svg(widget: QWidget, path: Path) -> None:
    """Draw a widget into an SVG file (vector where the widget paints vectors)."""
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("MLP Playground")
    painter = QPainter(generator)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    if not path.exists():
        raise OSError(_not_written(path))


def _plot_scene(widget: QWidget) -> QGraphicsScene | None:
    """The pyqtgraph scene of a plot widget, when it has exactly one."""
    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    views += widget.findChildren(pg.GraphicsView)
    return views[0].scene() if len(views) == 1 else None


def _export_plot_svg_failed(scene: QGraphicsScene, path: Path) -> bool:
    """Try pyqtgraph's SVG exporter; True when it failed and a Qt rendering is needed.

    pyqtgraph 0.14's exporter cannot rewrite some path items (it raises while
    correcting coordinates); Qt's SVG painter then draws the widget instead.
    """
    try:
        _export_plot(scene, path, svg=True)
    except (ValueError, IndexError, AttributeError):
        return True
    return False


def _export_plot(scene: QGraphicsScene, path: Path, svg: bool) -> None:
    """Export a whole plot scene with pyqtgraph's exporters."""
    exporter = (
        pyqtgraph.exporters.SVGExporter(scene) if svg else pyqtgraph.exporters.ImageExporter(scene)
    )
    exporter.export(str(path))
    if not path.exists():
        raise OSError(_not_written(path))
