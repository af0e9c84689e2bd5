"""Score the recognisers on the paraphrase sets (tests/language/paraphrases/*.yaml).

Shared by the tests and bench/disclosure_accuracy.py; `split` is "dev" or "heldout".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ccpa_readiness.evidence.documents.definitions import element_catalog
from ccpa_readiness.evidence.documents.element_checks import CheckContext, check_element
from ccpa_readiness.evidence.documents.model import ParsedDocument, Section
from ccpa_readiness.evidence.flows.wording import asks_for_data, sensitive_kinds
from ccpa_readiness.evidence.transcripts.analysis import analyze
from ccpa_readiness.evidence.transcripts.disclosure import KINDS, DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import TurnBuilder

PARAPHRASES = Path(__file__).parent / "paraphrases"
TODAY = date(2026, 12, 1)


@dataclass
class Score:
    """Right and wrong answers of one kind, with the wrong cases for a reader."""

    right: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, ok: bool, case: str) -> None:
        if ok:
            self.right += 1
        else:
            self.wrong.append(case)

    @property
    def total(self) -> int:
        return self.right + len(self.wrong)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@cache
def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((PARAPHRASES / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def disclosure_scores(split: str) -> dict[str, Score]:
    """Per disclosure kind: sentences (does this turn give it?) and conversations (given, late, missing)."""
    data = _load("disclosures.yaml")
    matcher = DisclosureMatcher.from_texts()
    scores = {kind: Score() for kind in KINDS}
    for kind in KINDS:
        for case in data[kind][split]:
            scores[kind].add(matcher.gives(kind, case["text"]) == case["gives"], case["text"])
    for case in data["conversations"][split]:
        builder = TurnBuilder()
        for speaker, text in case["turns"]:
            builder.add(speaker, text)
        doc = builder.document("c", "paraphrases", 1, "jsonl", None)
        result = analyze(doc, "full", matcher)
        assert result.conversation is not None
        for kind in KINDS:
            got = getattr(result.conversation, kind)
            scores[kind].add(got == case[kind], f"conversation {case['turns'][0][1]!r}: {got}")
    return scores


def _document(case: dict[str, Any]) -> ParsedDocument:
    section = Section(index=0, heading=case.get("heading", ""), level=2, paragraphs=[case["text"]])
    return ParsedDocument(path="paraphrase.md", sections=[section])


def element_scores(split: str) -> dict[str, Score]:
    """Per element: the grade (present, partial, absent) of a one-paragraph document."""
    definitions = {e.id: e for e in element_catalog().elements}
    scores: dict[str, Score] = {}
    for element_id, sets in _load("policy_elements.yaml").items():
        score = scores.setdefault(element_id, Score())
        for case in sets[split]:
            result = check_element(definitions[element_id], CheckContext(_document(case), TODAY))
            got = result.status.value
            score.add(got == case["expect"], f"{case['text']!r}: {got} ({result.note})")
    return scores


def prompt_scores(split: str) -> dict[str, Score]:
    """Flow prompts: does it ask for data, and which sensitive kinds."""
    scores = {"data_request": Score(), "sensitive_kinds": Score()}
    for case in _load("flow_prompts.yaml")["prompts"][split]:
        text = case["text"]
        scores["data_request"].add(asks_for_data(text) == case["asks_for_data"], text)
        kinds = sensitive_kinds([text]) if asks_for_data(text) else ()
        scores["sensitive_kinds"].add(sorted(kinds) == sorted(case["sensitive"]), f"{text!r}: {kinds}")
    return scores
