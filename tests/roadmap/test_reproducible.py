"""Same inputs, same roadmap, whatever the machine's load; a solve the clock cuts short is an error."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccpa_readiness.pipeline import AssessmentRun, run_assessment
from ccpa_readiness.reports.roadmap_files import roadmap_json
from ccpa_readiness.reports.roadmap_html import render_roadmap_error
from ccpa_readiness.roadmap import build_roadmap
from ccpa_readiness.roadmap.greedy import list_schedule, weighted_sum
from ccpa_readiness.roadmap.schedule import SolveCutShort, schedule
from tests.roadmap.test_bounds import _layered

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-contact-center"
BURN = "while True: pass"


@pytest.fixture(scope="module")
def example() -> AssessmentRun:
    if not (EXAMPLE / "ccpa.yaml").is_file():
        pytest.skip("the example workspace is not in this checkout")
    return run_assessment(EXAMPLE, dt.date(2026, 11, 29))


@pytest.fixture
def cpu_burners() -> Iterator[None]:
    """Two processes that keep both cores busy while the test runs."""
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


@pytest.mark.slow
@pytest.mark.usefixtures("cpu_burners")
def test_two_solves_under_load_give_the_same_roadmap(example: AssessmentRun) -> None:
    first, second = (
        roadmap_json(build_roadmap(example.assessment, example.catalog, example.facts)) for _ in range(2)
    )
    assert first == second
    assert '"status": "FEASIBLE"' in first or '"status": "OPTIMAL"' in first


@pytest.mark.slow
@pytest.mark.usefixtures("cpu_burners")
def test_a_plan_the_local_search_schedules_is_the_same_under_load() -> None:
    """A capacity-bound plan of 80 tasks, where the local search's moves decide most of the plan."""
    problem = _layered(seed=3, jobs=80)
    first, second = schedule(problem), schedule(problem)
    assert first.starts == second.starts and first.objective == second.objective
    greedy = list_schedule(problem)
    assert greedy is not None and first.objective is not None
    assert first.moves == second.moves > 0 and first.objective < weighted_sum(problem, greedy)


def test_a_solve_cut_short_by_the_clock_is_an_error_not_a_plan(example: AssessmentRun) -> None:
    with pytest.raises(SolveCutShort, match=r"cut short by the 0\.001 s safety limit") as raised:
        build_roadmap(example.assessment, example.catalog, example.facts, time_limit_s=0.001)
    section = render_roadmap_error(str(raised.value))
    assert "No roadmap: the CP-SAT search was cut short" in section and "<svg" not in section
