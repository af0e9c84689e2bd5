"""Proposals checked only when not already beaten give the detections of checking every match."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from ccpa_readiness.evidence.pii import validators
from ccpa_readiness.evidence.pii.analyzer import Analyzer, Candidate, Make, Resolution


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
    eager = [analyzer.analyze(text) for text in texts]
    assert lazy == eager
    assert sum(map(len, lazy)) > 500
    assert calls["lazy"] < 0.8 * calls["eager"]  # the phone checks spared are real
