"""The small text tools: cue patterns, dates, masking."""

from __future__ import annotations

from datetime import date

import pytest

from ccpa_readiness.evidence.documents.cues import CueSet, compile_cue
from ccpa_readiness.evidence.documents.dates import first_date, months_between
from ccpa_readiness.evidence.documents.definitions import check_vocabulary
from ccpa_readiness.evidence.documents.snippets import excerpt
from ccpa_readiness.evidence.pii.masking import mask_text


@pytest.mark.parametrize(
    ("cue", "text", "found"),
    [
        ("right to opt[- ]?out", "the Right to Opt-Out of sale", "Right to Opt-Out"),
        ("right to opt[- ]?out", "your right—to opt out", "right—to opt out"),
        ("agent", "our agents", None),  # whole words only
        ("agents?", "our agents", "agents"),
        ("last updated", "_Last updated_: May 2025", "Last updated"),  # markdown underscores are not letters
        ("8(00|88)[- .]?[0-9]{3}", "call 800-555 now", "800-555"),  # a space inside [...] stays a space
    ],
)
def test_cue_matching(cue: str, text: str, found: str | None) -> None:
    match = compile_cue(cue).search(text)
    assert (match.group() if match else None) == found


def test_cue_set_finds_the_earliest_and_names_the_cues_that_matched() -> None:
    cues = CueSet(["delete", "right to know"])
    text = "You have the right to know and to delete."
    match = cues.first(text)
    assert match is not None and match.group() == "right to know"
    assert cues.matched(text) == {"delete", "right to know"}
    assert not CueSet([]).any(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last Updated: January 5, 2024", date(2024, 1, 5)),
        ("Effective date: 21 April 2020", date(2020, 4, 21)),
        ("Last Updated: July 9th, 2020", date(2020, 7, 9)),
        ("Effective date: Feb. 1, 2021", date(2021, 2, 1)),
        ("updated 2023-07-01", date(2023, 7, 1)),
        ("Revised 01/15/2022", date(2022, 1, 15)),
        ("Last modified: January, 2020", date(2020, 1, 1)),
        ("Effective: Jan 06, 2026. Last Revised: Jan 06, 2026.", date(2026, 1, 6)),
        ("no date at all, only 2026", None),
        ("February 30, 2024", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    found = first_date(text)
    assert (found[0] if found else None) == expected


def test_months_between_counts_whole_months() -> None:
    assert months_between(date(2025, 6, 2), date(2026, 6, 1)) == 11
    assert months_between(date(2025, 6, 1), date(2026, 6, 1)) == 12


def test_masking_hides_contact_details_but_not_dates_or_sections() -> None:
    text = "Call 1-800-555-0199 or write to privacy@acme.example by 01/05/2024 (Civ. §1798.100)."
    masked = mask_text(text)
    assert masked == "Call *-***-***-0199 or write to *******@****.******* by 01/05/2024 (Civ. §1798.100)."


def test_excerpt_keeps_the_match_in_view() -> None:
    text = "filler " * 100 + "THE PASSAGE" + " tail" * 100
    start = text.index("THE PASSAGE")
    quoted = excerpt(text, start, start + len("THE PASSAGE"))
    assert quoted.startswith("…") and quoted.endswith("…")
    assert quoted.index("THE PASSAGE") < 60
    assert len(quoted) <= 245


@pytest.mark.parametrize(
    ("text", "toll_free"),
    [
        ("call 1-800-555-0199", True),
        ("(888) 555.0123", True),
        ("+1 877 555 0100", True),
        ("800 million users", False),
    ],
)
def test_toll_free_numbers(text: str, toll_free: bool) -> None:
    assert bool(compile_cue(check_vocabulary().toll_free_number).search(text)) is toll_free
