"""The held-back half of the paraphrase sets (written before tuning, never tuned on): >= 90% per kind.

Kinds: each transcript disclosure, each flow-prompt question, and the elements of each document
kind together (privacy policy, notice at collection, opt-out notice, financial incentive, script).
Each element alone has six held-back cases, where one miss is 83%; bench/disclosure_accuracy.py
prints every element's score.
"""

from __future__ import annotations

import pytest

from ccpa_readiness.evidence.documents.definitions import element_catalog
from tests.language.scoring import Score, disclosure_scores, element_scores, prompt_scores

THRESHOLD = 0.9


def _by_document_kind(scores: dict[str, Score]) -> dict[str, Score]:
    kinds = {e.id: e.kinds[0].value for e in element_catalog().elements}
    grouped: dict[str, Score] = {}
    for element_id, score in scores.items():
        group = grouped.setdefault(kinds[element_id], Score())
        group.right += score.right
        group.wrong += [f"{element_id}: {case}" for case in score.wrong]
    return grouped


HELDOUT = {
    **{f"disclosure:{k}": v for k, v in disclosure_scores("heldout").items()},
    **{f"elements:{k}": v for k, v in _by_document_kind(element_scores("heldout")).items()},
    **{f"prompt:{k}": v for k, v in prompt_scores("heldout").items()},
}


@pytest.mark.parametrize("kind", sorted(HELDOUT))
def test_heldout_paraphrases_are_read_right(kind: str) -> None:
    score = HELDOUT[kind]
    assert score.total >= 12
    assert score.accuracy >= THRESHOLD, f"{score.right}/{score.total}; wrong: {score.wrong}"


def test_every_disclosure_kind_and_element_has_ten_phrasings_or_more() -> None:
    dev = {**disclosure_scores("dev"), **element_scores("dev")}
    for kind, held in {**disclosure_scores("heldout"), **element_scores("heldout")}.items():
        assert dev[kind].total + held.total >= 10, kind
