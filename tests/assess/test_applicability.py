"""Is the organization a CCPA business: each threshold at, below and above its figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ccpa_readiness.assess.applicability import ENHANCED_CONDITIONS, decide_applicability
from ccpa_readiness.assess.models import Applicability
from ccpa_readiness.assess.registry import CONDITIONS
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import load_workspace
from tests.workspace_builder import write_workspace

CATALOG = default_catalog()
REVENUE = CATALOG.figure("revenue_threshold_usd").value
CONSUMERS = CATALOG.figure("consumers_households_threshold").value
SHARE = CATALOG.figure("revenue_share_selling_sharing").value


def decide(tmp_path: Path, inventory: dict[str, Any] | None = None, **organization: Any) -> Applicability:
    facts_of_org = {
        "name": "Edge Co",
        "for_profit": True,
        "does_business_in_california": True,
        "annual_gross_revenue_usd": 1_000_000,
        "consumers_households_bought_sold_shared_per_year": 1_000,
        "revenue_share_from_selling_sharing": 0.0,
        "revenue_year": 2025,
        "controls_or_controlled_by_business_with_common_branding": False,
        "joint_venture_of_businesses": False,
        "voluntarily_certified_to_cppa": False,
        **organization,
    }
    files = {"ccpa.yaml": {"organization": facts_of_org}, **(inventory or {})}
    facts = Facts(workspace=load_workspace(write_workspace(tmp_path, files)), as_of=dt.date(2026, 11, 29))
    return decide_applicability(facts, CATALOG)


def test_the_figures_are_the_current_ones_from_the_catalog() -> None:
    assert (REVENUE, CONSUMERS, SHARE) == (26_625_000, 100_000, 0.5)


@pytest.mark.parametrize(
    ("revenue", "applies"), [(REVENUE, False), (REVENUE + 1, True), (REVENUE - 1, False)]
)
def test_revenue_must_be_above_the_threshold(tmp_path: Path, revenue: float, applies: bool) -> None:
    result = decide(tmp_path, annual_gross_revenue_usd=revenue)
    assert result.applies is applies and result.determined


@pytest.mark.parametrize(
    ("consumers", "applies"), [(CONSUMERS, True), (CONSUMERS - 1, False), (CONSUMERS + 1, True)]
)
def test_consumers_at_the_threshold_count(tmp_path: Path, consumers: float, applies: bool) -> None:
    assert (
        decide(tmp_path, consumers_households_bought_sold_shared_per_year=int(consumers)).applies is applies
    )


@pytest.mark.parametrize(("share", "applies"), [(SHARE, True), (0.4999, False)])
def test_half_of_revenue_from_selling_counts(tmp_path: Path, share: float, applies: bool) -> None:
    assert decide(tmp_path, revenue_share_from_selling_sharing=share).applies is applies


def test_a_non_profit_is_not_a_business_whatever_its_size(tmp_path: Path) -> None:
    result = decide(tmp_path, for_profit=False, annual_gross_revenue_usd=10 * REVENUE)
    assert not result.applies and result.determined
    assert any("not for profit" in v.reason for v in result.reasons)


def test_no_business_in_california(tmp_path: Path) -> None:
    result = decide(tmp_path, does_business_in_california=False, annual_gross_revenue_usd=10 * REVENUE)
    assert not result.applies
    assert all(v.citation for v in result.reasons)


def test_missing_thresholds_assess_conservatively_and_say_so(tmp_path: Path) -> None:
    result = decide(tmp_path, annual_gross_revenue_usd=None)
    assert result.applies and not result.determined
    assert any(v.answer is None and "conservative" in v.reason for v in result.reasons)


def test_enhanced_triggers(tmp_path: Path) -> None:
    result = decide(
        tmp_path,
        annual_gross_revenue_usd=REVENUE + 1,
        consumers_per_year=10_000_000,
        consumers_with_spi_per_year=1,
    )
    answers = {v.question.split(" ")[0]: v.answer for v in result.enhanced_triggers}
    assert answers["10,000,000"] is True
    assert result.conditions["large_volume_10m"] is True
    assert result.conditions["cyberaudit_threshold"] is True  # revenue above and 250,000+ consumers


def test_cyberaudit_needs_revenue_and_volume(tmp_path: Path) -> None:
    result = decide(
        tmp_path,
        annual_gross_revenue_usd=REVENUE + 1,
        consumers_or_households_processed_prior_year=249_999,
        consumers_with_spi_per_year=49_999,
    )
    assert result.conditions["cyberaudit_threshold"] is False


def test_cyberaudit_counts_pi_processed_not_only_sold_or_shared(tmp_path: Path) -> None:
    """CCR §7120(b)(2)(A) (law review E2): a center handling 400,000 Californians' calls that
    sells nothing reaches the audit; a bought/sold/shared count below 250,000 cannot show it does not."""
    processed = decide(
        tmp_path,
        annual_gross_revenue_usd=REVENUE + 1,
        consumers_per_year=0,
        consumers_or_households_processed_prior_year=400_000,
        consumers_with_spi_per_year=0,
    )
    assert processed.conditions["cyberaudit_threshold"] is True
    only_sold = decide(
        tmp_path / "b",
        annual_gross_revenue_usd=REVENUE + 1,
        consumers_per_year=10,
        consumers_with_spi_per_year=0,
    )
    assert only_sold.conditions["cyberaudit_threshold"] is None


def test_business_forms_of_d2_to_d4(tmp_path: Path) -> None:
    """Civ. §1798.140(d)(2)-(4) (law review E3): a branded affiliate below every threshold is a
    business; forms left unstated leave a non-business undetermined."""
    affiliate = decide(tmp_path, controls_or_controlled_by_business_with_common_branding=True)
    assert affiliate.applies and affiliate.determined
    unstated = decide(tmp_path / "b", joint_venture_of_businesses=None)
    assert not unstated.applies and not unstated.determined
    assert any(v.citation == "Civ. §1798.140(d)(3)" and v.answer is None for v in unstated.reasons)


def test_revenue_of_another_year_is_said_and_leaves_the_status_undetermined(tmp_path: Path) -> None:
    result = decide(tmp_path, annual_gross_revenue_usd=REVENUE + 1, revenue_year=2023)
    assert result.applies and not result.determined
    revenue = result.reasons[2]
    assert "2023" in revenue.reason and "2025" in revenue.reason


def test_a_non_business_has_no_enhanced_triggers(tmp_path: Path) -> None:
    """No "risk assessment needed: yes" for an organization the CCPA does not reach as a business."""
    inventory = {"inventory/practices.yaml": {"sells_personal_information": True}}
    result = decide(tmp_path, inventory)
    assert not result.applies
    assert all(v.answer is False and "not evaluated" in v.reason for v in result.enhanced_triggers)


def test_exemptions_name_the_data_and_keep_the_breach_right(tmp_path: Path) -> None:
    inventory = {
        "inventory/data.yaml": {
            "data_elements": [
                {"id": "loan", "name": "Loan balance", "category": "customer_records", "exemption": "glba"},
                {"id": "rx", "name": "Prescription", "category": "customer_records", "exemption": "hipaa"},
            ]
        }
    }
    result = decide(tmp_path, inventory, annual_gross_revenue_usd=REVENUE + 1)
    glba = next(v for v in result.exemptions if "GLBA" in v.question)
    hipaa = next(v for v in result.exemptions if "HIPAA" in v.question)
    assert "loan" in glba.reason and "§1798.150" in glba.reason and glba.citation == "Civ. §1798.145(e)"
    assert "rx" in hipaa.reason and "§1798.150" not in hipaa.reason


def test_the_named_enhanced_conditions_are_the_ones_answered(tmp_path: Path) -> None:
    """`catalog validate` accepts these names; applicability must answer each of them."""
    result = decide(tmp_path)
    answered = {name for name in result.conditions if name not in CONDITIONS}
    assert answered == set(ENHANCED_CONDITIONS)
