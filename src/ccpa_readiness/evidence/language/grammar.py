"""The grammar of meaning: concepts found in a text's lemmas, frames matched over clauses."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

try:
    from ccpa_readiness.evidence.common import re2_sets
except ImportError:  # pragma: no cover - the prefilter then searches group by group with `re`
    re2_sets = None  # type: ignore[assignment]

from ccpa_readiness.evidence.language.lexicon import FrameSpec, Polarity, Scope, language_data, lexicon_data
from ccpa_readiness.evidence.language.text import SENTENCE_MARKS, Token, lemma, normalise, tokens

NEGATION, REFERENCE = "negation", "reference"

# The records below are named tuples: a frozen dataclass costs 1.5 ms of a process's start-up to
# make (Python 3.11 compiles each generated method) and more to construct, on every token read.


class Hit(NamedTuple):
    """A concept found at tokens [first, last] of one clause."""

    concept: str
    first: int
    last: int
    clause: int
    sentence: int


class Match(NamedTuple):
    """Where a meaning was read: character offsets in the text, and the concepts that made it."""

    meaning: str
    start: int
    end: int
    concepts: tuple[str, ...]


class Reading(NamedTuple):
    """A text read once: its tokens and every concept found in them, by clause."""

    tokens: tuple[Token, ...]
    hits: tuple[Hit, ...]
    clauses: dict[int, tuple[Hit, ...]]
    sentence_clauses: dict[int, tuple[int, ...]]


class Recogniser:
    """Concept phrases indexed by their first lemma; meanings as frames."""

    def __init__(self, concepts: dict[str, list[str]], meanings: dict[str, list[FrameSpec]]) -> None:
        # each concept's phrases as lemmas, read once for the index and the prefilter's stems
        self._phrases = {
            concept: [lemmas for lemmas in map(_lemmas, phrases) if lemmas]
            for concept, phrases in concepts.items()
        }
        index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for concept, phrases_lemmas in self._phrases.items():
            for lemmas in phrases_lemmas:
                index[lemmas[0]].append((lemmas, concept))
        self._index = dict(index)
        self.meanings = meanings
        self._prefilters: dict[str, list[list[str]]] = {}
        self._stem_sets: dict[tuple[str, ...], _StemSet] = {}

    def prefilter(self, meaning: str) -> list[list[str]]:
        """The stems of each concept group of each frame of `meaning` (alternations of literals
        that every surface form of the group contains), made when first asked."""
        found = self._prefilters.get(meaning)
        if found is None:
            groups = [[frame.act, *frame.with_] for frame in self.meanings[meaning]]
            found = self._prefilters[meaning] = [[_stems(self._phrases, g) for g in f] for f in groups]
        return found

    def read(self, text: str) -> Reading:
        return _read(self, text)

    def _read(self, text: str) -> Reading:
        words = tuple(tokens(text))
        clause_of, sentence_of, clause, sentence = [], [], 0, 0
        sentence_clauses: dict[int, list[int]] = defaultdict(list)
        for token in words:
            if token.is_mark:
                clause += 1
                if token.lemma in SENTENCE_MARKS:
                    sentence += 1
            clause_of.append(clause)
            sentence_of.append(sentence)
            if not sentence_clauses[sentence] or sentence_clauses[sentence][-1] != clause:
                sentence_clauses[sentence].append(clause)
        lemmas = [t.lemma for t in words]
        hits = []
        for i, word in enumerate(lemmas):
            for phrase, concept in self._index.get(word, ()):
                end = i + len(phrase)
                if tuple(lemmas[i:end]) == phrase and clause_of[end - 1] == clause_of[i]:
                    hits.append(Hit(concept, i, end - 1, clause_of[i], sentence_of[i]))
        by_clause: dict[int, list[Hit]] = defaultdict(list)
        for hit in hits:
            by_clause[hit.clause].append(hit)
        return Reading(
            words,
            tuple(hits),
            {k: tuple(v) for k, v in by_clause.items()},
            {k: tuple(v) for k, v in sentence_clauses.items()},
        )

    def find(self, meaning: str, text: str) -> Match | None:
        """The first place where `text` says `meaning`, or None."""
        if not self.may_say(meaning, text):
            return None
        reading = self.read(text)
        for frame in self.meanings[meaning]:
            found = _match_frame(frame, reading)
            if found is not None:
                first, last, concepts = found
                words = reading.tokens
                return Match(meaning, words[first].start, words[last].end, concepts)
        return None

    def may_say(self, meaning: str, text: str) -> bool:
        """A cheap necessary condition: some frame has a word of each of its concepts in the text.
        It holds for a text whenever it holds for a part of it, so one call on a conversation's
        ASCII turns joined tells whether any of them can say `meaning`."""
        return self.may_say_each((meaning,), text)[0]

    def may_say_each(self, meanings: Sequence[str], text: str) -> list[bool]:
        """`may_say` of each of `meanings`, the text normalised and scanned once (by a stem set of
        those meanings only: the fewer its patterns, the faster RE2 scans)."""
        return self._stem_set(meanings).may_say_each(normalise(text))

    def may_say_any(self, meanings: Sequence[str], text: str) -> bool:
        """Whether `may_say` holds for some of `meanings` (`any(may_say_each(...))`)."""
        return self._stem_set(meanings).may_say_any(normalise(text))

    def _stem_set(self, meanings: Sequence[str]) -> _StemSet:
        key = tuple(meanings)
        found = self._stem_sets.get(key)
        if found is None:
            found = self._stem_sets[key] = _StemSet([self.prefilter(m) for m in key])
        return found

    def says(self, meaning: str, text: str) -> bool:
        return self.find(meaning, text) is not None

    def negated_at(self, text: str, offset: int) -> bool:
        """Whether a negation comes before character `offset` in its clause ("you cannot request")."""
        reading = self.read(text)
        at = next((i for i, t in enumerate(reading.tokens) if t.end > offset), None)
        if at is None:
            return False
        clause = next((h.clause for h in reading.hits if h.first <= at <= h.last), None)
        if clause is None:
            marks = sum(1 for t in reading.tokens[:at] if t.is_mark)
            clause = marks
        return any(h.concept == NEGATION and h.last < at for h in reading.clauses.get(clause, ()))

    def polarity(self, meaning: str) -> Polarity:
        """Positive when every frame of the meaning must not be negated, else any."""
        frames = self.meanings[meaning]
        return Polarity.POSITIVE if all(f.polarity is Polarity.POSITIVE for f in frames) else Polarity.ANY


def _lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(t.lemma for t in tokens(phrase) if not t.is_mark)


def _stems(phrases: dict[str, list[tuple[str, ...]]], group: Sequence[str]) -> str:
    """What every text saying one of the group's phrases (as lemmas, by concept) contains, as an
    alternation of literals: for each phrase, the forms (`_forms`) of its longest lemma (every
    lemma of a phrase is in a text that says it: the longest is the rarest)."""
    stems: set[str] = set()
    for concept in group:
        for lemmas in phrases[concept]:
            stems |= _forms(max(lemmas, key=len))
    return "|".join(sorted(map(re.escape, stems)))


@cache
def _forms(base: str) -> frozenset[str]:
    """What every word read as the lemma `base` contains one of: its regular stems, its irregular
    forms ("sold" for "sell") and the contractions holding it ("won't" for "will", "n't" for
    "not")."""
    irregular, contracted = _other_forms()
    found = {*_regular_stems(base), *irregular.get(base, ()), *contracted.get(base, ())}
    if base == "not":
        found.add("n't")
    return frozenset(found)


def _regular_stems(base: str) -> list[str]:
    """What a word that the suffix rules of `lemma` read as `base` contains one of. The rules
    strip an ending (the rest is a prefix of the word) or turn "ies"/"ied" into "y" (a final "y"
    may stand for "ie"), then write "iz"/"yz" as "is"/"ys" (such an "s" may stand for "z")."""
    found = [base[:-1] + "ie", base] if base.endswith("y") else [base]
    for index, char in enumerate(base):
        if char == "s" and index and base[index - 1] in "iy":
            found += [stem[:index] + "z" + stem[index + 1 :] for stem in found]
    return found


@cache
def _other_forms() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The lexicon's irregular forms by lemma, and its contractions (without an apostrophe at
    either end) by the lemma of a word they stand for."""
    irregular: dict[str, set[str]] = defaultdict(set)
    for form, base in lexicon_data().irregular.items():
        irregular[base].add(form)
    contracted: dict[str, set[str]] = defaultdict(set)
    for form, parts in lexicon_data().contractions.items():
        for part in parts:
            contracted[lemma(part)].add(form.strip("'"))
    return dict(irregular), dict(contracted)


class _StemSet:
    """The stem groups of some meanings' frames in one RE2 set (literal alternations, the same in
    RE2 and `re`), so a text is read once whatever the number of frames; searched group by group
    with `re` without google-re2."""

    def __init__(self, meanings: list[list[list[str]]]) -> None:
        self.groups = sorted({stems for frames in meanings for f in frames for stems in f})
        ids = {pattern: index for index, pattern in enumerate(self.groups)}
        self.meanings = [[frozenset(ids[stems] for stems in f) for f in frames] for frames in meanings]
        self.frames = [frame for frames in self.meanings for frame in frames]
        self._match: re2_sets.SetMatch | None = None
        self.searches: list[re.Pattern[str]] = []
        if re2_sets is not None:
            self._match = re2_sets.set_match(self.groups)  # the set's ids are the groups' indexes
        else:  # pragma: no cover - google-re2 is a dependency
            self.searches = [re.compile(pattern) for pattern in self.groups]

    def present(self, lowered: str) -> list[int]:
        """The groups with a stem in `lowered`."""
        if self._match is not None:
            return self._match(lowered.encode("utf-8"))
        return [
            index for index, search in enumerate(self.searches) if search.search(lowered)
        ]  # pragma: no cover

    def may_say_each(self, lowered: str) -> list[bool]:
        """For each meaning, whether some frame has a stem of each of its groups in `lowered`."""
        found = self.present(lowered)
        if not found:
            return [False] * len(self.meanings)
        present = set(found)
        return [any(frame <= present for frame in frames) for frames in self.meanings]

    def may_say_any(self, lowered: str) -> bool:
        """Whether some frame of some meaning has a stem of each of its groups in `lowered`."""
        found = self.present(lowered)
        if not found:
            return False
        present = set(found)
        return any(frame <= present for frame in self.frames)


@lru_cache(maxsize=8192)
def _read(recogniser: Recogniser, text: str) -> Reading:
    return recogniser._read(text)


def _units(frame: FrameSpec, reading: Reading) -> list[tuple[list[Hit], list[Hit]]]:
    """(act candidates, context) per clause or sentence; a clause with a pronoun also sees the one before."""
    units = []
    for clauses in reading.sentence_clauses.values():
        if frame.scope is Scope.SENTENCE:
            hits = [h for c in clauses for h in reading.clauses.get(c, ())]
            units.append((hits, hits))
            continue
        for position, clause in enumerate(clauses):
            own = list(reading.clauses.get(clause, ()))
            context = own
            if position and any(h.concept == REFERENCE for h in own):
                context = own + list(reading.clauses.get(clauses[position - 1], ()))
            units.append((own, context))
    return units


def _negated(act: Hit, hits: list[Hit]) -> bool:
    return any(h.concept == NEGATION and h.clause == act.clause and h.last < act.first for h in hits)


def _overlap(one: Hit, other: Hit) -> bool:
    return one.first <= other.last and other.first <= one.last


def _match_frame(frame: FrameSpec, reading: Reading) -> tuple[int, int, tuple[str, ...]] | None:
    for own, context in _units(frame, reading):
        if frame.without and any(h.concept in frame.without for h in context):
            continue
        for act in (h for h in own if h.concept in frame.act):
            if frame.polarity is not Polarity.ANY and _negated(act, own) != (
                frame.polarity is Polarity.NEGATIVE
            ):
                continue
            used = [act]
            for group in frame.with_:
                partner = next(
                    (h for h in context if h.concept in group and not any(_overlap(h, u) for u in used)),
                    None,
                )
                if partner is None:
                    break
                used.append(partner)
            else:
                return (
                    min(h.first for h in used),
                    max(h.last for h in used),
                    tuple(h.concept for h in used),
                )
    return None


@cache
def recogniser() -> Recogniser:
    """The recogniser of the shipped lexicon and meanings."""
    data = language_data()
    return Recogniser(data.lexicon.concepts, data.meanings)
