"""Lenses: views that look into one part of training (activations, results, ...)."""
