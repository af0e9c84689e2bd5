"""Scanners, one package per artifact kind; each returns observations and knows nothing of law."""
