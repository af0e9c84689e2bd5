"""One analyzer over the registry: scan, validate, weigh context, resolve overlaps."""

from __future__ import annotations

import re
from functools import cache

from ccpa_readiness.evidence.pii.engine import PatternSet
from ccpa_readiness.evidence.pii.labels import label_table, labels_for_mode
from ccpa_readiness.evidence.pii.models import Detection
from ccpa_readiness.evidence.pii.recognizers import RECOGNIZERS, Recognizer
from ccpa_readiness.evidence.pii.spoken import RUN_PATTERN, normalize

CONTEXT_BOOST = 0.4
CONTEXT_WINDOW = 48
# below this a detection is a mere candidate: a bare nine-digit number, a date with no "born"
DEFAULT_MIN_SCORE = 0.4

Candidate = tuple[int, int, str, float]


class Analyzer:
    """The recognizers of one mode behind one multi-pattern scan."""

    def __init__(self, mode: str = "full", use_re2: bool = True) -> None:
        labels = labels_for_mode(mode)
        self.recognizers = [r for r in RECOGNIZERS if r.label in labels]
        self.spoken_index = len(self.recognizers)
        self.patterns = PatternSet([r.pattern for r in self.recognizers] + [RUN_PATTERN], use_re2)
        self._context = [
            re.compile(r"\b(?:" + "|".join(map(re.escape, r.context)) + r")") if r.context else None
            for r in self.recognizers
        ]

    def analyze(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[Detection]:
        matches = list(self.patterns.scan(text))
        normalized = None
        if any(index == self.spoken_index for index, _, _ in matches):
            normalized = normalize(text)
        if normalized is not None:
            matches = list(self.patterns.scan(normalized.text))
        work = text if normalized is None else normalized.text
        candidates: list[Candidate] = []
        for index, start, end in matches:
            if index == self.spoken_index:
                continue
            found = self._candidate(self.recognizers[index], index, work, start, end, min_score)
            if found is None:
                continue
            if normalized is not None:
                found = (*normalized.original_span(found[0], found[1]), found[2], found[3])
            candidates.append(found)
        table = label_table()
        return [
            Detection(s, e, label, round(score, 2), table[label].category, table[label].sensitive_kind)
            for s, e, label, score in resolve(candidates)
        ]

    def _candidate(
        self, rec: Recognizer, index: int, text: str, start: int, end: int, min_score: float
    ) -> Candidate | None:
        context = self._context[index]
        boost = (
            CONTEXT_BOOST
            if context and context.search(text[max(0, start - CONTEXT_WINDOW) : start].lower())
            else 0
        )
        if rec.score + boost < min_score:
            return None  # cannot reach the threshold: spare the validator
        score = rec.score
        if rec.refine is not None:
            refined = rec.refine(text, start, end)
            if refined is None:
                return None
            start, end, score = refined
        elif rec.validate is not None and not rec.validate(text[start:end]):
            return None
        score += boost
        return (start, end, rec.label, min(score, 1.0)) if score >= min_score else None


# How much a value's own shape says of its label: a checksum (Luhn, ABA) or a strict syntax, a
# number plan or issuing rule (phone, SSN), a structure (house number + street), nothing (any run
# of digits may be a bank account, a licence or a passport number; a name is a word).
SHAPE = {
    "CREDIT_CARD": 3, "ABA_ROUTING_NUMBER": 3, "EMAIL_ADDRESS": 3, "IP_ADDRESS": 3,
    "US_SSN": 2, "US_ITIN": 2, "PHONE_NUMBER": 2, "DATE_OF_BIRTH": 2,
    "ADDRESS": 1,
}  # fmt: skip


def _rank(candidate: Candidate) -> tuple[bool, int, float]:
    """Candidates that reach the default threshold on their own compete by the value's shape
    first, then by score (context); weaker ones by score alone."""
    qualified = candidate[3] >= DEFAULT_MIN_SCORE
    return qualified, SHAPE.get(candidate[2], 0) if qualified else 0, candidate[3]


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates (`_rank`); equal ranks of different labels both
    stay (the value is ambiguous). Sorted by position."""
    kept: list[tuple[Candidate, tuple[bool, int, float]]] = []
    ranked = [(c, _rank(c)) for c in candidates]
    for cand, rank in sorted(
        ranked, key=lambda cr: (_negate(cr[1]), cr[0][0] - cr[0][1], cr[0][0], cr[0][2])
    ):
        start, end, label, _ = cand
        if any(
            start < k_end and k_start < end and (label == k_label or rank < k_rank)
            for (k_start, k_end, k_label, _), k_rank in kept
        ):
            continue
        kept.append((cand, rank))
    return sorted(c for c, _ in kept)


def _negate(rank: tuple[bool, int, float]) -> tuple[int, int, float]:
    return -int(rank[0]), -rank[1], -rank[2]


@cache
def analyzer(mode: str) -> Analyzer:
    return Analyzer(mode)


def detect(text: str, mode: str = "full", min_score: float = DEFAULT_MIN_SCORE) -> list[Detection]:
    """Personal information in `text`: detections sorted by position, scores of at least `min_score`."""
    return analyzer(mode).analyze(text, min_score)
