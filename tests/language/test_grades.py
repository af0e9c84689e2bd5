"""Graded elements: present, partial (with what is missing) or absent; checks read partial as partial."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.evidence.documents.analysis import analyse_document
from ccpa_readiness.evidence.documents.model import ElementResult
from tests.assess.test_checks import observation, run_check
from tests.workspace_builder import compliant


def elements(tmp_path: Path, body: str) -> dict[str, ElementResult]:
    path = tmp_path / "policy.md"
    path.write_text("# Privacy Policy\n\n" + body, encoding="utf-8")
    return {e.id: e for e in analyse_document(path, None).elements}


def test_retention_for_some_categories_only_is_partial(tmp_path: Path) -> None:
    some = elements(tmp_path, "## Keeping data\n\nCall recordings are stored for 90 days.\n")["PP-RETENTION"]
    assert some.status == "partial" and "some categories only" in some.note
    every = elements(
        tmp_path,
        "## Keeping data\n\nCall recordings are stored for 90 days. We keep other personal information "
        "only as long as necessary for the purposes described here.\n",
    )["PP-RETENTION"]
    assert every.status == "present"


def test_categories_without_the_twelve_months_are_partial(tmp_path: Path) -> None:
    text = "## What we collect\n\nWe collect your name, email address and purchase history.\n"
    assert elements(tmp_path, text)["PP-CATEGORIES"].status == "partial"
    framed = text.replace("We collect", "In the past 12 months we collected")
    assert elements(tmp_path, framed)["PP-CATEGORIES"].status == "present"


def test_one_request_method_is_partial_and_names_it(tmp_path: Path) -> None:
    one = elements(tmp_path, "## Your rights\n\nTo exercise your rights, email privacy@example.com.\n")
    assert one["PP-METHODS"].status == "partial" and "email" in one["PP-METHODS"].note


def test_a_negated_phrase_is_not_the_element(tmp_path: Path) -> None:
    found = elements(tmp_path, "## Access\n\nYou cannot request a copy of the data we hold.\n")
    assert found["PP-RIGHT-KNOW"].status == "absent"


def test_the_policy_check_reads_partial_as_partial(tmp_path: Path) -> None:
    partial = observation(
        "NOTICE-ELEMENT", "PP-RETENTION", document_kind="privacy_policy", status="partial",
        note="retention for some categories only",
    )  # fmt: skip
    result = run_check(tmp_path, compliant(), "privacy_policy_current", [partial])
    assert result.outcome == Outcome.partial
    assert "PP-RETENTION" in result.reason and result.evidence[0].source == "evidence/x"
    absent = partial.model_copy(update={"attributes": {**partial.attributes, "status": "absent"}})
    assert (
        run_check(tmp_path, compliant(), "privacy_policy_current", [partial, absent]).outcome == Outcome.gap
    )
