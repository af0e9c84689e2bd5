"""Scores per area: a score and a coverage bar per area, its figure as text, n/a where undecided."""

from __future__ import annotations

from ccpa_readiness.reports.charts import scores_svg
from ccpa_readiness.reports.html_report import AREA_TITLES, render_report
from tests.reports.conftest import ExampleRun
from tests.reports.svg_reading import by_id_pattern, parse, path_xs, texts


def test_every_area_has_its_score_and_coverage(example: ExampleRun) -> None:
    by_area = example.assessment.scores.by_area
    areas = [(AREA_TITLES[area], s.score, s.coverage) for area, s in by_area.items()]
    root = parse(scores_svg(areas))
    figures = {key: texts(e)[0] for key, e in by_id_pattern(root, r"(?:score|coverage)-\d+").items()}
    for row, (_, score, coverage) in enumerate(areas):
        assert figures[f"score-{row}"] == ("score n/a" if score is None else f"{score:g}")
        assert figures[f"coverage-{row}"] == ("coverage n/a" if coverage is None else f"{coverage:g}")
    assert set(texts(root)) >= {title for title, _, _ in areas}
    bars = by_id_pattern(root, r"bar-score-\d+")
    assert len(bars) == sum(score is not None for _, score, _ in areas)
    full = [row for row, (_, score, _) in enumerate(areas) if score == 100]
    half = [row for row, (_, score, _) in enumerate(areas) if score is not None and 0 < score < 100]
    if full and half:
        width = {
            r: max(path_xs(bars[f"bar-score-{r}"])) - min(path_xs(bars[f"bar-score-{r}"]))
            for r in (full[0], half[0])
        }
        assert abs(width[half[0]] / width[full[0]] - (areas[half[0]][1] or 0) / 100) < 0.01


def test_the_report_shows_the_chart_instead_of_css_bars(example: ExampleRun) -> None:
    page = render_report(example.assessment)
    assert 'class="chart scores"' in page and 'class="bar"' not in page and "<script" not in page
