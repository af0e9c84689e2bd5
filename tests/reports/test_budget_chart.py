"""The budget charts: one bar per department with its range, one column per month, figures as text."""

from __future__ import annotations

from ccpa_readiness.reports.charts import budget_svg, monthly_budget_svg
from tests.reports.conftest import ExampleRun
from tests.reports.svg_reading import by_id_pattern, parse, path_xs, texts


def test_one_bar_per_department_with_its_expected_figure_and_range(example: ExampleRun) -> None:
    amounts = [(d.value, m) for d, m in example.roadmap.budget.by_department.items()]
    assert len(amounts) >= 3
    root = parse(budget_svg(amounts))
    bars, ranges = by_id_pattern(root, r"bar-\d+"), by_id_pattern(root, r"range-\d+")
    figures = {key: texts(e)[0] for key, e in by_id_pattern(root, r"amount-\d+").items()}
    assert len(bars) == len(ranges) == len(figures) == len(amounts)
    assert [figures[f"amount-{i}"] for i in range(len(amounts))] == [
        f"${m.expected:,.0f}" for _, m in amounts
    ]
    widths = [max(path_xs(bars[f"bar-{i}"])) - min(path_xs(bars[f"bar-{i}"])) for i in range(len(amounts))]
    largest = max(range(len(amounts)), key=lambda i: amounts[i][1].expected)
    for i, (_, money) in enumerate(amounts):
        assert abs(widths[i] / widths[largest] - money.expected / amounts[largest][1].expected) < 0.01
        low, high = min(path_xs(ranges[f"range-{i}"])), max(path_xs(ranges[f"range-{i}"]))
        assert low <= max(path_xs(bars[f"bar-{i}"])) + 0.01 <= high + 0.02, (
            "the range spans the expected figure"
        )
    assert set(texts(root)) >= {name for name, _ in amounts}


def test_one_column_per_month(example: ExampleRun) -> None:
    months = list(example.roadmap.budget.by_month.items())
    root = parse(monthly_budget_svg(months))
    assert len(by_id_pattern(root, r"bar-\d+")) == len(months)
    assert set(texts(root)) >= {month for month, _ in months}
    figures = [
        texts(e)[0]
        for _, e in sorted(by_id_pattern(root, r"amount-\d+").items(), key=lambda i: int(i[0][7:]))
    ]
    assert figures == [f"${m.expected / 1000:,.0f}k" for _, m in months]
