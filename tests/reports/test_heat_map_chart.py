"""The risk heat map: every severity x likelihood cell drawn, its printed count the open findings in it."""

from __future__ import annotations

from collections import Counter

from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.reports.charts import heat_map_svg, risk_cells
from tests.reports.conftest import ExampleRun
from tests.reports.svg_reading import by_id_pattern, parse, texts

OPEN = {Outcome.gap, Outcome.partial, Outcome.unknown}


def _drawn_counts(svg: str) -> dict[tuple[str, int], int]:
    cells = by_id_pattern(parse(svg), r"count-(?:high|medium|low)-\d")
    return {
        (key.split("-")[1], int(key.split("-")[2])): int(texts(element)[0]) for key, element in cells.items()
    }


def test_the_example_counts_match_its_open_findings(example: ExampleRun) -> None:
    findings = example.assessment.findings
    expected = Counter((f.severity.value, f.risk.likelihood) for f in findings if f.outcome in OPEN)
    assert expected, "the example has open findings"
    drawn = _drawn_counts(heat_map_svg(risk_cells(findings)))
    assert {cell: n for cell, n in drawn.items() if n} == dict(expected)
    assert set(drawn) >= {(s, likelihood) for s in ("high", "medium", "low") for likelihood in (1, 2, 3)}
    assert sum(drawn.values()) == sum(example.assessment.scores.open_by_risk_level.values())


def test_cells_keep_their_place_and_a_likelihood_0_column_appears_only_when_counted() -> None:
    svg = heat_map_svg({("low", 3): 4, ("high", 1): 2})
    drawn = _drawn_counts(svg)
    assert drawn[("low", 3)] == 4 and drawn[("high", 1)] == 2
    assert sum(drawn.values()) == 6 and len(drawn) == 9
    assert len(_drawn_counts(heat_map_svg({("medium", 0): 1}))) == 12
    assert "6 open findings by severity and likelihood" in svg
    assert "low severity, likelihood 3: 4" in parse(svg).get("aria-label", "")
