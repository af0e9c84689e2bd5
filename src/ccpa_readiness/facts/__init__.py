"""Declarations and observations merged into facts, each with its provenance."""
