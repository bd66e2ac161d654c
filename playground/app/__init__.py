"""The Qt side of MLP Playground."""

from __future__ import annotations
