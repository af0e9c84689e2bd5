"""The history part of report.html: since the last assessment, the trend over all runs, and the
roadmap's progress (done against planned, late, due soon). The figures come from the workspace's
store (`ccpa_readiness.review.history`, `run_diff`, `progress`); this module only renders them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from ccpa_readiness.reports.html_report import render_fragment
from ccpa_readiness.reports.trend_chart import TrendPoint, render_trend

KIND_TITLES = {
    "new": "New",
    "regressed": "Regressed",
    "closed": "Closed",
    "improved": "Improved",
}


def render_history_section(
    diff: Mapping[str, Any] | None,
    trend: Sequence[TrendPoint],
    progress: Mapping[str, Any] | None,
) -> Markup:
    """`diff` is `RunDiff.as_json()` (None on the first run); `progress` is `progress.progress()`."""
    return render_fragment(
        "history_section.html.j2",
        diff=diff,
        kinds=KIND_TITLES,
        trend=render_trend(trend),
        runs=len(trend),
        progress=progress,
    )


def render_diff_page(diff: Mapping[str, Any]) -> str:
    """`ccpa diff --format html`: the comparison as a page of its own (inline CSS, no scripts)."""
    return str(render_fragment("diff_page.html.j2", diff=diff, kinds=KIND_TITLES))
