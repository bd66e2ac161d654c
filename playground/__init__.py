"""MLP Playground: see how multilayer perceptrons train."""

from __future__ import annotations

__version__ = "0.1.0"
