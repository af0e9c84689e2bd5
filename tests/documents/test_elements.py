"""Each element is present, absent or unclear, recognised by meaning, with the passage that shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ccpa_readiness.evidence.documents import DeclaredPractices, analyse
from ccpa_readiness.evidence.documents.definitions import element_catalog
from ccpa_readiness.evidence.documents.model import DocumentKind
from tests.documents.conftest import TODAY, report_for, statuses

POLICY_ELEMENTS = [e.id for e in element_catalog().for_kind(DocumentKind.PRIVACY_POLICY)]
ALL_DUE = DeclaredPractices(today=TODAY, records_calls=True, sells_or_shares=True, over_10m_consumers=True)


def test_the_catalog_covers_every_kind_with_unique_stable_ids() -> None:
    ids = [e.id for e in element_catalog().elements]
    assert len(ids) == len(set(ids))
    for kind in DocumentKind:
        assert element_catalog().for_kind(kind), kind
    assert {"PP-CATEGORIES", "PP-TOLL-FREE", "PP-LAST-UPDATED", "SCRIPT-RECORDING-DISCLOSURE"} <= set(ids)


@pytest.mark.parametrize("element_id", POLICY_ELEMENTS)
def test_conventional_wording_is_present(element_id: str) -> None:
    assert statuses(report_for("policy_conventional.md", ALL_DUE))[element_id] == "present"


@pytest.mark.parametrize("element_id", POLICY_ELEMENTS)
def test_unusual_wording_is_recognised_by_meaning(element_id: str) -> None:
    """Bold-line headings such as "Who else sees it" and "Proving it is you", no statutory terms."""
    assert statuses(report_for("policy_unusual.md", ALL_DUE))[element_id] == "present"


@pytest.mark.parametrize("element_id", POLICY_ELEMENTS)
def test_a_page_without_the_element_has_it_absent(element_id: str) -> None:
    assert statuses(report_for("policy_sparse.md", ALL_DUE))[element_id] == "absent"


def test_present_elements_quote_their_passage() -> None:
    report = report_for("policy_unusual.md", ALL_DUE)
    by_id = {e.id: e for e in report.elements}
    disclosed = by_id["PP-DISCLOSED"].evidence
    assert disclosed is not None
    assert disclosed.section == "Who else sees it"
    assert "We pass details to companies" in disclosed.excerpt
    agent = by_id["PP-AUTHORIZED-AGENT"].evidence
    assert agent is not None and agent.section == "Someone acting for you" and agent.paragraph == 1
    assert by_id["PP-METHODS"].note == "methods: email, mail, phone"
    # the toll-free number is quoted masked, not in clear
    toll_free = by_id["PP-TOLL-FREE"].evidence
    assert toll_free is not None and "888-555-0123" not in toll_free.excerpt and "0123" in toll_free.excerpt


def test_navigation_and_footer_cues_do_not_count() -> None:
    found = statuses(report_for("navigation_noise.html", ALL_DUE))
    assert found["PP-RIGHT-KNOW"] == "present"
    for element_id in (
        "PP-RIGHT-DELETE",
        "PP-AUTHORIZED-AGENT",
        "PP-OPT-OUT-SIGNALS",
        "PP-NON-DISCRIMINATION",
    ):
        assert found[element_id] == "absent", element_id
    assert found["PP-RIGHT-OPT-OUT"] == "absent"


def test_stale_last_updated_date_is_absent_with_its_age() -> None:
    report = report_for("stale_policy.txt")
    (element,) = [e for e in report.elements if e.id == "PP-LAST-UPDATED"]
    assert element.status.value == "absent"
    assert element.note == "last updated 2023-03-03, 38 months before 2026-06-01: older than 12 months"
    assert element.evidence is not None and element.evidence.excerpt == "Last updated: March 3, 2023"
    assert report.last_updated == "2023-03-03"


@pytest.mark.parametrize(("today", "status"), [(date(2024, 3, 2), "present"), (date(2024, 3, 3), "absent")])
def test_last_updated_is_fresh_for_twelve_months(today: date, status: str) -> None:
    report = report_for("stale_policy.txt", DeclaredPractices(today=today))
    assert statuses(report)["PP-LAST-UPDATED"] == status


def tmp_report(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "privacy-policy.md"
    path.write_text(text, encoding="utf-8")
    (report,) = analyse([path], DeclaredPractices(today=TODAY)).documents
    return statuses(report)


def test_a_heading_without_content_is_unclear(tmp_path: Path) -> None:
    found = tmp_report(tmp_path, "# Privacy Policy\n\n## Authorized Agents\n\nSee our help center.\n")
    assert found["PP-AUTHORIZED-AGENT"] == "unclear"


def test_related_words_without_a_heading_are_unclear(tmp_path: Path) -> None:
    found = tmp_report(tmp_path, "# Privacy Policy\n\nWe may verify the identity of visitors to our store.\n")
    assert found["PP-VERIFICATION"] == "unclear"


def test_one_request_method_is_partial_two_are_present(tmp_path: Path) -> None:
    one = tmp_report(tmp_path, "# Privacy Policy\n\n## Your Rights\n\nTo exercise your rights, email us.\n")
    assert one["PP-METHODS"] == "partial"
    two = tmp_report(
        tmp_path,
        "# Privacy Policy\n\n## Your Rights\n\nTo exercise your rights, email us or call 212-555-0100.\n",
    )
    assert two["PP-METHODS"] == "present"
    assert two["PP-TOLL-FREE"] == "absent"  # a number, but not a toll-free one


def test_toll_free_number_away_from_the_request_instructions_is_unclear(tmp_path: Path) -> None:
    found = tmp_report(
        tmp_path,
        "# Privacy Policy\n\n## Orders\n\nFor order status call 1-877-555-0100.\n\n"
        "## Your Rights\n\nTo exercise your rights, use our webform.\n",
    )
    assert found["PP-TOLL-FREE"] == "unclear"


def test_metrics_are_checked_only_for_businesses_over_the_threshold() -> None:
    small = report_for("policy_conventional.md", DeclaredPractices(today=TODAY, over_10m_consumers=False))
    assert "PP-METRICS" not in statuses(small)
    assert statuses(report_for("policy_conventional.md"))["PP-TOLL-FREE"] == "present"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "notice_at_collection.md",
            {e: "present" for e in ("NAC-CATEGORIES", "NAC-PURPOSES", "NAC-SOLD-SHARED", "NAC-RETENTION")},
        ),
        ("opt_out_notice.md", {"OPT-OUT-RIGHT": "present", "OPT-OUT-METHOD": "present"}),
        (
            "financial_incentive.md",
            {e.id: "present" for e in element_catalog().for_kind(DocumentKind.FINANCIAL_INCENTIVE)},
        ),
        (
            "script_inbound.txt",
            {
                "SCRIPT-RECORDING-DISCLOSURE": "present",
                "SCRIPT-RECORDING-PURPOSES": "present",
                "SCRIPT-AI-PROCESSING": "present",
                "SCRIPT-NOTICE-AT-COLLECTION": "present",
                "SCRIPT-OPT-OUT-NOTICE": "absent",
            },
        ),
        (
            "script_no_disclosure.txt",
            {"SCRIPT-RECORDING-DISCLOSURE": "absent", "SCRIPT-AI-PROCESSING": "absent"},
        ),
    ],
)
def test_notices_and_scripts_elements(name: str, expected: dict[str, str]) -> None:
    found = statuses(report_for(name, ALL_DUE))
    assert {k: found[k] for k in expected} == expected


def test_sources_under_a_where_it_comes_from_heading(tmp_path: Path) -> None:
    text = (
        "# Privacy Policy\n\n## Where the information comes from\n\n"
        "We collect personal information directly from you when you call or chat with us, "
        "and from our technicians when they visit your home.\n"
    )
    assert tmp_report(tmp_path, text)["PP-SOURCES"] == "present"
