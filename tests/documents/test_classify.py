"""Each document gets a kind from its title, else from its body."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccpa_readiness.evidence.documents.classify import classify
from ccpa_readiness.evidence.documents.reader import read_document
from tests.documents.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("policy_conventional.md", "privacy_policy"),
        ("policy_unusual.md", "privacy_policy"),
        ("navigation_noise.html", "privacy_policy"),
        ("notice_at_collection.md", "notice_at_collection"),
        ("opt_out_notice.md", "opt_out_notice"),
        ("financial_incentive.md", "financial_incentive"),
        ("script_inbound.txt", "script"),
        ("script_no_disclosure.txt", "script"),
    ],
)
def test_kind_of_each_fixture(name: str, kind: str) -> None:
    assert classify(read_document(FIXTURES / name)).value == kind


def test_without_a_telling_title_the_body_decides(tmp_path: Path) -> None:
    path = tmp_path / "greeting-v2.txt"
    path.write_text("Hello.\n\nThank you for calling. This call may be recorded.\n", encoding="utf-8")
    assert classify(read_document(path)).value == "script"


def test_a_document_with_no_cue_falls_back_to_privacy_policy(tmp_path: Path) -> None:
    path = tmp_path / "document.txt"
    path.write_text("Lorem ipsum dolor sit amet.\n", encoding="utf-8")
    assert classify(read_document(path)).value == "privacy_policy"


def test_a_policy_that_calls_itself_a_notice_at_collection_in_its_text_stays_a_policy(tmp_path: Path) -> None:
    path = tmp_path / "legal.md"
    path.write_text(
        "# Privacy Policy\n\nThis policy is also our notice at collection. We collect identifiers.\n",
        encoding="utf-8",
    )
    assert classify(read_document(path)).value == "privacy_policy"
