"""Proposals checked only when not already beaten, and matches not proposed where a dominating
recognizer proposed the span, give the detections of checking every match."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from ccpa_readiness.evidence.pii import validators
from ccpa_readiness.evidence.pii.analyzer import Analyzer, Candidate, Make, Resolution
from ccpa_readiness.evidence.pii.engine import PatternSet
from ccpa_readiness.evidence.pii.recognizers import (
    NORTH_AMERICAN_BONUS,
    PHONE_CONTEXT,
    PhoneRefiner,
    Recognizer,
    dominates,
)


def _texts(shared_dir: Path) -> list[str]:
    """Real dialogues and Presidio's sentences, and the dialogues again with their digits
    permuted (new values of the same shapes: numbers that are invalid, or valid elsewhere)."""
    bench = shared_dir / "data" / "pii-bench"
    texts = []
    for name, count in (("sgd_pii", 400), ("presidio_synth", 1500), ("presidio_unit_cases", 598)):
        with (bench / f"{name}.jsonl").open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in list(handle)[:count]]
    rng = random.Random(17)
    digits = "0123456789"
    texts += [t.translate(str.maketrans(digits, "".join(rng.sample(digits, 10)))) for t in texts[:400]]
    return texts


class _Eager(Resolution):
    """Every proposal checked at once: the definition."""

    def propose(self, bound: Candidate, make: Make) -> None:
        self.add(make())


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["patterns", "full"])
def test_sparing_checks_changes_no_detection(
    shared_dir: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts(shared_dir)
    analyzer = Analyzer(mode)
    calls = {"lazy": 0, "eager": 0}
    validity = validators.phone_validity.__wrapped__
    counting = "lazy"

    def counted(value: str) -> tuple[bool, bool]:
        calls[counting] += 1
        return validity(value)

    monkeypatch.setattr(validators, "phone_validity", counted)
    lazy = [analyzer.analyze(text) for text in texts]
    counting = "eager"
    monkeypatch.setattr("ccpa_readiness.evidence.pii.analyzer.Resolution", _Eager)
    monkeypatch.setattr(analyzer, "_covers", [frozenset()] * len(analyzer._covers))  # every match
    eager = [analyzer.analyze(text) for text in texts]
    assert lazy == eager
    assert sum(map(len, lazy)) > 500
    assert calls["lazy"] < 0.8 * calls["eager"]  # the phone checks spared are real


def test_gates_spare_only_patterns_whose_matches_would_be_rejected() -> None:
    """A gate (a recognizer's `needs`) only keeps a pattern from running where no match it finds
    could pass its check: with and without gates, the same detections."""
    rng = random.Random(6)
    pieces = ["10:30", "4:15 pm", "fe80::1", "2001:db8::8a2e:370:7334", "::1", "std::cout", "a:b:c", "::"]
    for _ in range(300):  # hex groups joined by one or two colons, some with a stray character
        groups = ["".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(0, 5))) for _ in range(8)]
        piece = "".join(g + rng.choice((":", ":", "::", ".", "")) for g in groups[: rng.randint(1, 8)])
        pieces.append(piece if rng.random() < 0.7 else piece + rng.choice("gx:%"))
    texts = [" ".join(rng.sample(pieces, 3)) + " server ip" for _ in range(400)]
    gated = Analyzer("patterns")
    ungated = Analyzer("patterns")
    ungated.patterns = PatternSet(ungated.patterns.patterns)
    assert any(r.needs for r in gated.recognizers)
    detections = [gated.analyze(text) for text in texts]
    assert detections == [ungated.analyze(text) for text in texts]
    assert sum(d.label == "IP_ADDRESS" for found in detections for d in found) > 50


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["patterns", "full"])
def test_sparing_dominated_matches_changes_no_detection(shared_dir: Path, mode: str) -> None:
    """A match of a span that a dominating recognizer proposed is not proposed again: the same
    detections as proposing every match."""
    texts = _texts(shared_dir)
    sparing, proposing = Analyzer(mode), Analyzer(mode)
    proposing._covers = [frozenset()] * len(proposing._covers)
    assert any(sparing._covers)
    assert [sparing.analyze(text) for text in texts] == [proposing.analyze(text) for text in texts]


def test_a_recognizer_dominates_only_with_the_same_check_and_no_lower_score() -> None:
    def phone(base: float, bonus: float = NORTH_AMERICAN_BONUS) -> Recognizer:
        refine = PhoneRefiner(base, bonus)
        return Recognizer("PHONE_NUMBER", r"\d+", base + bonus, PHONE_CONTEXT, refine=refine)

    assert dominates(phone(0.6), phone(0.05)) and dominates(phone(0.05), phone(0.05, 0.0))
    assert not dominates(phone(0.05), phone(0.6)) and not dominates(phone(0.05, 0.0), phone(0.05))
    assert not dominates(phone(0.6), replace(phone(0.05), label="US_SSN"))
    assert not dominates(phone(0.6), replace(phone(0.05), context=("fax",)))
    card = Recognizer("CREDIT_CARD", r"\d+", 0.8, ("card",), validate=validators.is_credit_card)
    assert dominates(card, replace(card, score=0.1)) and not dominates(replace(card, score=0.1), card)
    assert not dominates(card, replace(card, validate=validators.is_bank_account))
