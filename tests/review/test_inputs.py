"""Reading `out/`: the content hash, tolerance of extra fields, clear errors; views and the Gantt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccpa_readiness.errors import InputError
from ccpa_readiness.reports.charts import gantt_svg
from ccpa_readiness.review import views
from ccpa_readiness.review.inputs import Money, content_hash, load_inputs, parse_inputs
from ccpa_readiness.review.render import money
from tests.reports.svg_reading import SVG, by_id_pattern, by_id_suffix, parse, path_xs, texts
from tests.review.conftest import findings_doc, roadmap_doc, write_out


def test_hash_ignores_key_order_but_not_content() -> None:
    findings, roadmap = findings_doc(), roadmap_doc()
    reordered = json.loads(json.dumps(findings, sort_keys=True))
    assert list(reordered) != list(findings)
    assert content_hash(reordered, roadmap) == content_hash(findings, roadmap)
    roadmap["tasks"][0]["effort_days"] = 6
    assert content_hash(findings, roadmap) != content_hash(findings_doc(), roadmap_doc())


def test_unknown_fields_are_kept_in_the_hash_and_ignored_by_the_models() -> None:
    findings = {**findings_doc(), "new_section": {"x": 1}}
    inputs = parse_inputs(findings, roadmap_doc())
    assert inputs.content_hash != parse_inputs(findings_doc(), roadmap_doc()).content_hash
    assert [f.requirement_id for f in inputs.assessment.findings] == ["NOT-100", "REQ-110", "SEC-150"]


def test_missing_and_malformed_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"findings\.json: not found"):
        load_inputs(tmp_path)
    write_out(tmp_path)
    (tmp_path / "out" / "roadmap.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"roadmap\.json:1:2"):
        load_inputs(tmp_path)
    broken = roadmap_doc()
    del broken["tasks"][0]["department"]
    (tmp_path / "out" / "roadmap.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(InputError, match=r"roadmap\.json:tasks\.0\.department"):
        load_inputs(tmp_path)


def test_findings_filter_by_department_through_the_tasks() -> None:
    inputs = parse_inputs(findings_doc(), roadmap_doc())

    def ids(**filters: str) -> list[str]:
        return [f.requirement_id for f in views.filter_findings(inputs, views.FindingFilters(**filters))]

    assert ids() == ["NOT-100", "REQ-110", "SEC-150"]
    assert ids(department="Legal") == ["NOT-100"]
    assert ids(department="IT") == ["NOT-100", "REQ-110"]
    assert ids(severity="medium", basis="declared") == ["REQ-110"]
    assert ids(area="security", outcome="gap") == []
    assert views.open_by_severity(inputs)["high"] == {"gap": 1, "partial": 0, "unknown": 0}


def test_budget_rows_are_ranges_one_level_deep() -> None:
    budget = {
        "currency": "USD",
        "total": {"low": 1, "expected": 2, "high": 3},
        "by_department": {"IT": 1234.5, "Legal": {"low": 1, "expected": 1, "high": 1}},
        "by_month": {"2027-01": {"nested": {"low": 1, "expected": 1, "high": 1}}},
        "notes": ["x"],
    }
    rows = [(label, money.expected) for label, money in views.budget_rows(budget)]
    assert rows == [("total", 2), ("by_department: IT", 1234.5), ("by_department: Legal", 1)]


def test_money_shows_the_range_only_when_there_is_one() -> None:
    assert money(Money.model_validate(4000)) == "4,000"
    assert money(Money(low=3000, expected=4000.4, high=5000)) == "4,000 (3,000 to 5,000)"


def test_the_app_draws_the_gantt_from_the_chart_library_with_task_links() -> None:
    roadmap = parse_inputs(findings_doc(), roadmap_doc()).roadmap
    root = parse(gantt_svg(roadmap, link=lambda task: f"/tasks/{task.id}"))
    bars = by_id_pattern(root, r"task-T-[A-Z]+")
    notice, portal = (path_xs(bars[f"task-{tid}"]) for tid in ("T-NOTICE", "T-PORTAL"))
    assert max(notice) <= min(portal), "T-PORTAL starts after T-NOTICE ends"
    (area,) = by_id_suffix(root, "-plot-area")
    (deadline,) = by_id_suffix(root, "-deadline")
    assert max(portal) < path_xs(deadline)[0] <= max(path_xs(area))
    months = [" ".join(texts(e)).split()[0] for _, e in sorted(by_id_pattern(root, r"xtick_\d+").items())]
    assert months == ["Dec", "Jan", "Feb", "Mar"]
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
    assert sorted(set(links)) == ["/tasks/T-NOTICE", "/tasks/T-PORTAL"]
