"""The Gantt chart: SVG that parses, one row and label per task, the axis to the later of finish and
deadline with every month labelled, the deadline line, labels big enough to print."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from ccpa_readiness.reports.charts import gantt_pages, gantt_svg
from tests.reports.conftest import ExampleRun
from tests.reports.svg_reading import SVG, by_id_pattern, by_id_suffix, parse, path_xs, texts


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    department: str
    start: dt.date
    end: dt.date
    critical: bool = False


@dataclass(frozen=True)
class Plan:
    start: dt.date
    deadline: dt.date | None
    finish: dt.date | None
    tasks: Sequence[Task] = field(default_factory=list)


def _plan(count: int, deadline: dt.date | None, length_days: int = 10) -> Plan:
    start = dt.date(2027, 1, 4)
    tasks = [
        Task(
            f"task-{i:03}",
            f"Task number {i} with a title long enough to be shortened in the chart's label column",
            ["Legal", "IT", "Privacy", "Operations"][i % 4],
            start + dt.timedelta(days=i),
            start + dt.timedelta(days=i + length_days),
            critical=i % 5 == 0,
        )
        for i in range(count)
    ]
    return Plan(start, deadline, max(t.end for t in tasks), tasks)


def _months(first: dt.date, last: dt.date) -> list[str]:
    """Every month start in [first, last], as the chart names it (`Feb`)."""
    names, month = [], first.replace(day=1)
    while month <= last:
        if month >= first:
            names.append(f"{month:%b}")
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return names


def _tick_labels(root: object, axis: str) -> list[str]:
    ticks = by_id_pattern(root, rf"{axis}tick_\d+")  # type: ignore[arg-type]
    ordered = sorted(ticks.items(), key=lambda item: int(item[0].split("_")[1]))
    return [" ".join(texts(element)) for _, element in ordered]


def test_one_row_and_one_label_per_task_in_start_order() -> None:
    plan = _plan(12, dt.date(2027, 6, 30))
    root = parse(gantt_svg(plan))
    bars = by_id_pattern(root, r"task-task-\d+")
    labels = by_id_pattern(root, r"label-task-\d+")
    assert sorted(bars) == [f"task-{t.id}" for t in plan.tasks]
    assert sorted(labels) == [f"label-{t.id}" for t in plan.tasks]
    # rows top to bottom in start order: each bar's top edge lower on the page than the previous
    tops = [
        min(float(n) for n in re.findall(r"-?\d+\.\d+", p.get("d", ""))[1::2])
        for p in (next(bars[f"task-{t.id}"].iter(f"{SVG}path")) for t in plan.tasks)
    ]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # the critical tasks, and only they, are outlined
    outlined = {key for key, bar in bars.items() if next(bar.iter(f"{SVG}path")).get("stroke") == "#202124"}
    assert outlined == {f"task-{t.id}" for t in plan.tasks if t.critical}


def test_the_axis_runs_to_the_deadline_when_it_is_later_with_every_month_named() -> None:
    plan = _plan(6, dt.date(2027, 9, 30))  # finishes in January, deadline in September
    root = parse(gantt_svg(plan))
    (area,) = by_id_suffix(root, "-plot-area")
    left, right = min(path_xs(area)), max(path_xs(area))
    (deadline,) = by_id_suffix(root, "-deadline")
    (finish,) = by_id_suffix(root, "-finish")
    deadline_x, finish_x = path_xs(deadline)[0], path_xs(finish)[0]
    assert left < finish_x < deadline_x <= right
    assert right - deadline_x < 0.03 * (right - left), "the axis ends just after the deadline"
    named = [label.split()[0] for label in _tick_labels(root, "x")]
    assert named == _months(plan.start, dt.date(2027, 9, 30))
    assert "deadline 2027-09-30" in texts(root)


def test_the_axis_runs_to_the_finish_when_the_plan_overruns_the_deadline() -> None:
    plan = _plan(8, dt.date(2027, 2, 1), length_days=120)  # finish in May, deadline in February
    assert plan.finish is not None and plan.deadline is not None and plan.finish > plan.deadline
    root = parse(gantt_svg(plan))
    named = [label.split()[0] for label in _tick_labels(root, "x")]
    assert named == _months(plan.start, plan.finish)
    (area,) = by_id_suffix(root, "-plot-area")
    (deadline,) = by_id_suffix(root, "-deadline")
    assert min(path_xs(area)) < path_xs(deadline)[0] < max(path_xs(area))


@pytest.mark.parametrize("count", [3, 40, 120])
def test_labels_keep_a_printable_size_however_many_tasks(count: int) -> None:
    svg = gantt_svg(_plan(count, dt.date(2027, 12, 31)))
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert len(sizes) >= 2 * count and min(sizes) >= 8, "every label and date at 8 pt or more"
    viewbox_height = float(parse(svg).get("viewBox", "").split()[3])
    assert viewbox_height >= count * 0.2 * 72, "the figure grows with the number of rows"


def test_text_stays_text_and_the_output_is_deterministic() -> None:
    plan = _plan(5, dt.date(2027, 3, 1))
    first, second = gantt_svg(plan), gantt_svg(plan)
    assert first == second
    assert first.startswith("<svg") and "<script" not in first and "<?xml" not in first
    assert "Task number 0 with a title long enough to be" in first  # a label as text, not glyph paths
    assert "<dc:date>" not in first
    assert "style=" not in first and "<style" not in first, (
        "attributes only: the review app's CSP allows no inline style"
    )
    ids = [e.get("id") for e in parse(first).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("gantt-") for i in ids)
    referenced = set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', first))
    assert {ref for pair in referenced for ref in pair if ref} <= set(ids)
    assert gantt_svg(_plan(5, dt.date(2027, 3, 2))).split('id="', 1)[1][:14] != first.split('id="', 1)[1][:14]


def test_links_wrap_each_bar_and_label() -> None:
    plan = _plan(4, dt.date(2027, 3, 1))
    svg = gantt_svg(plan, link=lambda task: f"/tasks/{task.id}")
    for task in plan.tasks:
        assert svg.count(f'xlink:href="/tasks/{task.id}"') == 2


def test_pages_split_a_long_plan_on_one_axis(example: ExampleRun) -> None:
    roadmap = example.roadmap
    pages = gantt_pages(roadmap, rows_per_page=30)
    assert len(pages) == -(-len(roadmap.tasks) // 30)
    drawn = [key for page in pages for key in by_id_pattern(parse(page), r"task-[a-z0-9-]+")]
    assert drawn == [f"task-{t.id}" for t in sorted(roadmap.tasks, key=lambda t: (t.start, t.id))]
    ticks = {tuple(_tick_labels(parse(page), "x")) for page in pages}
    assert len(ticks) == 1, "every part shows the same months"
    assert roadmap.deadline is not None
    assert f"deadline {roadmap.deadline}" in texts(parse(pages[-1]))
