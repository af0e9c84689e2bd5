"""One analyzer over the registry: scan, validate, weigh context, resolve overlaps."""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from functools import cache, partial

from ccpa_readiness.evidence.pii.engine import PatternSet
from ccpa_readiness.evidence.pii.labels import label_table, labels_for_mode
from ccpa_readiness.evidence.pii.models import Detection
from ccpa_readiness.evidence.pii.recognizers import RECOGNIZERS, Recognizer, dominates
from ccpa_readiness.evidence.pii.spoken import RUN_PATTERN, Normalized, normalize

CONTEXT_BOOST = 0.4
CONTEXT_WINDOW = 48
# below this a detection is a mere candidate: a bare nine-digit number, a date with no "born"
DEFAULT_MIN_SCORE = 0.4

Candidate = tuple[int, int, str, float]
Make = Callable[[], Candidate | None]


class Analyzer:
    """The recognizers of one mode behind one multi-pattern scan."""

    def __init__(self, mode: str = "full", use_re2: bool = True) -> None:
        labels = labels_for_mode(mode)
        self.recognizers = [r for r in RECOGNIZERS if r.label in labels]
        self.spoken_index = len(self.recognizers)
        patterns = [r.pattern for r in self.recognizers] + [RUN_PATTERN]
        self.patterns = PatternSet(patterns, use_re2, [r.needs for r in self.recognizers])
        self._context = [_context_pattern(r.context) for r in self.recognizers]
        # a costly check (a phone number's parsing) is run only for a match not already beaten
        self._lazy = [r.costly and (r.validate is not None or r.refine_trims) for r in self.recognizers]
        # per recognizer, the later ones whose match of a span it has proposed need not be
        # proposed (`dominates`: they would lose to it), such as a phone number matched both as a
        # North American number and as digit groups
        self._covers = [
            frozenset(j for j, later in enumerate(self.recognizers) if j > i and dominates(rec, later))
            for i, rec in enumerate(self.recognizers)
        ]

    def analyze(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[Detection]:
        table = label_table()
        return [
            Detection(start, end, label, score, table[label].category, table[label].sensitive_kind)
            for start, end, label, score in self.spans(text, min_score)
        ]

    def spans(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[Candidate]:
        """The detections as (start, end, label, score) tuples, sorted by position."""
        matches = self.patterns.scan(text)
        if not matches:
            return []
        normalized = None
        if matches[-1][0] == self.spoken_index:  # the last pattern's matches come last
            normalized = normalize(text)
        if normalized is not None:
            matches = self.patterns.scan(normalized.text)
        work = text if normalized is None else normalized.text
        found = Resolution()
        boosts: dict[tuple[int, int], float] = {}  # (context pattern, start) -> context boost
        proposed: dict[tuple[int, int], list[int]] = {}  # span -> the dominating recognizers that proposed it
        for index, start, end in matches:
            if index == self.spoken_index:
                continue
            earlier = proposed.get((start, end))
            if earlier is not None and any(index in self._covers[i] for i in earlier):
                continue  # a recognizer that dominates this one proposed the span
            rec, lazy, context = self.recognizers[index], self._lazy[index], self._context[index]
            made = None if lazy else _made(rec, work, start, end)
            if not lazy and made is None:
                continue  # a cheap check runs at once, and the context is read only if it passes
            boost: float = 0
            if context is not None:
                key = (id(context), start)
                boost = boosts.get(key, -1)
                if boost < 0:
                    window = work[max(0, start - CONTEXT_WINDOW) : start].lower()
                    boost = boosts[key] = CONTEXT_BOOST if context.search(window) else 0
            if rec.score + boost < min_score:
                continue  # cannot reach the threshold (a costly check is spared)
            if self._covers[index]:  # a later match of this span may be spared
                proposed.setdefault((start, end), []).append(index)
            if made is not None:
                found.add(_candidate(rec, made, boost, min_score, normalized))
                continue
            span = (start, end) if normalized is None else normalized.original_span(start, end)
            bound = (*span, rec.label, min(rec.score + boost, 1.0))
            found.propose(bound, partial(_check, rec, work, start, end, boost, min_score, normalized))
        return [(start, end, label, round(score, 2)) for start, end, label, score in found.resolve()]


@cache
def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """What a recognizer's context words look like in a window (one pattern per word list)."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")") if words else None


def _made(rec: Recognizer, text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """The span and score a match makes once validated or refined (before context), or None."""
    if rec.refine is not None:
        return rec.refine(text, start, end)
    if rec.validate is not None and not rec.validate(text[start:end]):
        return None
    return start, end, rec.score


def _candidate(
    rec: Recognizer,
    made: tuple[int, int, float],
    boost: float,
    min_score: float,
    normalized: Normalized | None,
) -> Candidate | None:
    """The candidate (in the text's original offsets) of a checked match with its context boost."""
    start, end, score = made
    score += boost
    if score < min_score:
        return None
    if normalized is not None:
        start, end = normalized.original_span(start, end)
    return (start, end, rec.label, min(score, 1.0))


def _check(
    rec: Recognizer,
    text: str,
    start: int,
    end: int,
    boost: float,
    min_score: float,
    normalized: Normalized | None,
) -> Candidate | None:
    """The candidate a match makes once validated or refined (in the text's original offsets)."""
    made = _made(rec, text, start, end)
    return None if made is None else _candidate(rec, made, boost, min_score, normalized)


# How much a value's own shape says of its label: a checksum (Luhn, ABA) or a strict syntax, a
# number plan or issuing rule (phone, SSN), a structure (house number + street), nothing (any run
# of digits may be a bank account, a licence or a passport number; a name is a word).
SHAPE = {
    "CREDIT_CARD": 3, "ABA_ROUTING_NUMBER": 3, "EMAIL_ADDRESS": 3, "IP_ADDRESS": 3,
    "US_SSN": 2, "US_ITIN": 2, "PHONE_NUMBER": 2, "DATE_OF_BIRTH": 2,
    "ADDRESS": 1,
}  # fmt: skip

Rank = tuple[bool, int, float]


def _rank(candidate: Candidate) -> Rank:
    """Candidates that reach the default threshold on their own compete by the value's shape
    first, then by score (context); weaker ones by score alone."""
    qualified = candidate[3] >= DEFAULT_MIN_SCORE
    return qualified, SHAPE.get(candidate[2], 0) if qualified else 0, candidate[3]


def _order(candidate: Candidate, rank: Rank) -> tuple[int, int, float, int, int, str]:
    """Best first: rank, then the longer, then the earlier."""
    return (-int(rank[0]), -rank[1], -rank[2], candidate[0] - candidate[1], candidate[0], candidate[2])


class Resolution:
    """The best of overlapping candidates: a candidate is kept unless one kept before it (in
    `_order`) overlaps it with the same label or a higher rank; equal ranks of different labels
    both stay (the value is ambiguous).

    A candidate can also be proposed unchecked, with its bound (its match's span and the highest
    score its recognizer gives) and the check that makes it (`propose`). Checks are run only for
    proposals that are not already beaten: a check keeps the match's start and never gives a
    longer span or a higher score than the bound, so a proposal whose bound loses to a kept
    candidate that holds its start loses whatever the check says, and its validator (a phone
    number's parsing, a checksum) is spared. The result is the one of checking every proposal."""

    def __init__(self) -> None:
        self._heap: list[tuple[tuple[int, int, float, int, int, str], int, Candidate, Make | None]] = []

    def add(self, candidate: Candidate | None) -> None:
        if candidate is not None:
            self._heap.append((_order(candidate, _rank(candidate)), len(self._heap), candidate, None))

    def propose(self, bound: Candidate, make: Make) -> None:
        self._heap.append((_order(bound, _rank(bound)), len(self._heap), bound, make))

    def resolve(self) -> list[Candidate]:
        """The candidates kept, sorted by position."""
        kept: list[tuple[Candidate, Rank]] = []
        if not any(entry[3] for entry in self._heap):  # nothing to check: in order, once
            self._heap.sort()
            for _, _, cand, _ in self._heap:
                _keep_unless_beaten(cand, kept)
            return sorted(c for c, _ in kept)
        heapq.heapify(self._heap)
        while self._heap:
            _, sequence, cand, make = heapq.heappop(self._heap)
            if make is None:
                _keep_unless_beaten(cand, kept)
                continue
            start, _, label, _ = cand
            rank = _rank(cand)
            if any(
                k_start <= start < k_end and (label == k_label or rank < k_rank)
                for (k_start, k_end, k_label, _), k_rank in kept
            ):
                continue  # beaten whatever its check says
            made = make()
            if made is not None:
                heapq.heappush(self._heap, (_order(made, _rank(made)), sequence, made, None))
        return sorted(c for c, _ in kept)


def _keep_unless_beaten(cand: Candidate, kept: list[tuple[Candidate, Rank]]) -> None:
    """Add `cand` to `kept` unless a kept candidate overlaps it with its label or a higher rank."""
    start, end, label, _ = cand
    rank = _rank(cand)
    if not any(
        start < k_end and k_start < end and (label == k_label or rank < k_rank)
        for (k_start, k_end, k_label, _), k_rank in kept
    ):
        kept.append((cand, rank))


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates (`Resolution`). Sorted by position."""
    found = Resolution()
    for candidate in candidates:
        found.add(candidate)
    return found.resolve()


@cache
def analyzer(mode: str) -> Analyzer:
    return Analyzer(mode)


def detect(text: str, mode: str = "full", min_score: float = DEFAULT_MIN_SCORE) -> list[Detection]:
    """Personal information in `text`: detections sorted by position, scores of at least `min_score`."""
    return analyzer(mode).analyze(text, min_score)


def detect_spans(text: str, mode: str = "full", min_score: float = DEFAULT_MIN_SCORE) -> list[Candidate]:
    """`detect` as (start, end, label, score) tuples (no category looked up)."""
    return analyzer(mode).spans(text, min_score)
