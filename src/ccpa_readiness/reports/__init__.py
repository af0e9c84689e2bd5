"""Renderers: they turn results into files and compute nothing new."""
