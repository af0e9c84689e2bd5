"""Every real policy in ../shared/data/notices is read, classified, and has a status for each element."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ccpa_readiness.evidence.documents import Analysis, DeclaredPractices, analyse
from ccpa_readiness.evidence.documents.dates import first_date
from ccpa_readiness.evidence.documents.definitions import element_catalog
from ccpa_readiness.evidence.documents.model import DocumentKind, ElementStatus

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def notices(shared_dir: Path) -> Path:
    return shared_dir / "data" / "notices"


@pytest.fixture(scope="module")
def analysis(notices: Path) -> Analysis:
    return analyse([notices / "docs"], DeclaredPractices(today=TODAY, over_10m_consumers=True))


@pytest.fixture(scope="module")
def sources(notices: Path) -> dict[str, dict[str, str]]:
    with (notices / "SOURCES.tsv").open(encoding="utf-8") as table:
        return {row["file"]: row for row in csv.DictReader(table, delimiter="\t")}


def test_every_document_is_read_and_classified(notices: Path, analysis: Analysis) -> None:
    assert analysis.problems == []
    files = sorted(str(p) for p in (notices / "docs").iterdir())
    assert [d.path for d in analysis.documents] == files
    kinds = Counter(d.kind for d in analysis.documents)
    assert kinds == {DocumentKind.PRIVACY_POLICY: len(files) - 1, DocumentKind.NOTICE_AT_COLLECTION: 1}
    (notice,) = [d for d in analysis.documents if d.kind is DocumentKind.NOTICE_AT_COLLECTION]
    assert Path(notice.path).name == "Basecamp__privacy_regulations_ccpa.md"


def test_every_element_of_the_kind_has_a_status(analysis: Analysis) -> None:
    for document in analysis.documents:
        expected = [e.id for e in element_catalog().for_kind(document.kind)]
        assert [e.id for e in document.elements] == expected, document.path
        for element in document.elements:
            assert element.status in set(ElementStatus)
            assert element.citation
            assert (element.evidence is not None) or element.status is ElementStatus.ABSENT


def test_core_policy_elements_are_found_in_nearly_every_policy(analysis: Analysis) -> None:
    policies = [d for d in analysis.documents if d.kind is DocumentKind.PRIVACY_POLICY]
    for element_id in ("PP-CATEGORIES", "PP-PURPOSES", "PP-DISCLOSED", "PP-RIGHT-KNOW", "PP-CONTACT"):
        found = sum(
            e.status in (ElementStatus.PRESENT, ElementStatus.PARTIAL)
            for d in policies
            for e in d.elements
            if e.id == element_id
        )
        assert found >= len(policies) - 3, element_id


def test_categories_without_the_twelve_month_frame_are_partial(analysis: Analysis) -> None:
    """Reviewers grade a list of categories without "in the preceding 12 months" as partial."""
    categories = [e for d in analysis.documents for e in d.elements if e.id == "PP-CATEGORIES"]
    partial = [e for e in categories if e.status is ElementStatus.PARTIAL]
    assert partial and all("12-month" in e.note for e in partial)
    assert sum(e.status is ElementStatus.PRESENT for e in categories) > len(partial)


def test_last_updated_dates_agree_with_the_archive_record(
    analysis: Analysis, sources: dict[str, dict[str, str]]
) -> None:
    """SOURCES.tsv transcribes each document's stated date; the analyser reads the same one."""
    agree = 0
    for document in analysis.documents:
        recorded = first_date(sources[Path(document.path).name]["last_updated_stated_in_doc"])
        agree += (recorded[0].isoformat() if recorded else None) == document.last_updated
    assert agree >= len(analysis.documents) - 3


def test_no_ccpa_era_policy_mentions_opt_out_preference_signals(
    analysis: Analysis, sources: dict[str, dict[str, str]]
) -> None:
    """The README: signals appear in most CPRA-era documents and in none of the 2020-21 ones."""
    by_era: dict[bool, list[bool]] = {True: [], False: []}
    for document in analysis.documents:
        if document.kind is not DocumentKind.PRIVACY_POLICY:
            continue
        year = int(sources[Path(document.path).name]["commit_date"][:4])
        if year in (2022,):
            continue
        signals = next(e for e in document.elements if e.id == "PP-OPT-OUT-SIGNALS")
        by_era[year >= 2023].append(signals.status is ElementStatus.PRESENT)
    assert not any(by_era[False])
    assert sum(by_era[True]) * 2 > len(by_era[True])
