"""Colours every chart shares: one per department (the review app's CSS uses the same), and marks."""

from __future__ import annotations

from ccpa_readiness.vocabulary import Department

DEPARTMENT_COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]
OTHER_COLOUR = "#9c755f"
DEADLINE = "#c5221f"
CRITICAL = "#202124"
GRID = "#e0e0e0"
MUTED = "#5f6368"


def department_index(department: str) -> int:
    """A stable index per department (Department's order; any other name comes last)."""
    names = [d.value for d in Department]
    return names.index(department) if department in names else len(names)


def department_colour(department: str) -> str:
    index = department_index(department)
    return DEPARTMENT_COLOURS[index] if index < len(DEPARTMENT_COLOURS) else OTHER_COLOUR
