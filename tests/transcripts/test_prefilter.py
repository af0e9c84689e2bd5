"""The shortcuts of patterns-mode speed give the answers of the long way, on real material:
disclosures read only where a conversation's words allow, turns split in one regex pass."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from ccpa_readiness.evidence.language import recogniser
from ccpa_readiness.evidence.language.grammar import _match_frame
from ccpa_readiness.evidence.language.lexicon import language_data
from ccpa_readiness.evidence.language.text import normalise
from ccpa_readiness.evidence.transcripts.disclosure import (
    _NEGATION,
    KINDS,
    MATCH_THRESHOLD,
    DisclosureMatcher,
)
from ccpa_readiness.evidence.transcripts.models import Turn
from ccpa_readiness.evidence.transcripts.readers.speakers import SPEAKER_LINE, turns_from_text

PARAPHRASES = Path(__file__).parents[1] / "language" / "paraphrases" / "disclosures.yaml"


def _sentences() -> list[str]:
    data: dict[str, Any] = yaml.safe_load(PARAPHRASES.read_text("utf-8"))
    return [
        case["text"]
        for kind in KINDS
        for split in data[kind].values()
        for case in split
        if isinstance(case, dict) and "text" in case
    ]


def _agent_turns(sgd: Path) -> list[str]:
    turns = []
    with sgd.open(encoding="utf-8") as handle:
        for line in list(handle)[:200]:
            turns += [t[7:] for t in json.loads(line)["text"].split("\n") if t.startswith("AGENT: ")]
    return turns


def test_first_giving_is_the_first_turn_that_gives(shared_dir: Path) -> None:
    sentences = _sentences()
    pool = sentences + _agent_turns(shared_dir / "data" / "pii-bench" / "sgd_pii.jsonl")
    rng = random.Random(17)
    approved = DisclosureMatcher.from_texts([("recording_disclosure", "your call with acme is recorded")])
    conversations = [rng.sample(pool, rng.randint(1, 8)) for _ in range(400)]
    conversations += [[s] for s in sentences] + [["ünïcode " + s for s in sentences[:20]]]
    givers = 0
    for matcher in (DisclosureMatcher.from_texts(), approved):
        for turns in conversations:
            for kind in KINDS:
                expected = next((i for i, t in enumerate(turns) if matcher.gives(kind, t)), None)
                assert matcher.first_giving(kind, turns) == expected, (kind, turns)
                givers += expected is not None
    assert givers > 100  # the material holds disclosures, not only turns without one


def test_the_stem_set_agrees_with_the_stem_regexes(shared_dir: Path) -> None:
    """Whichever meanings are asked together (each tuple has its own, smaller, RE2 set)."""
    reader = recogniser()
    everything = tuple(reader.meanings)
    for text in _sentences() + _agent_turns(shared_dir / "data" / "pii-bench" / "sgd_pii.jsonl")[:600]:
        lowered = normalise(text)
        by_regex = {
            meaning: any(
                all(re.search(stems, lowered) for stems in frame) for frame in reader.prefilter(meaning)
            )
            for meaning in everything
        }
        for meaning in everything:
            assert reader.may_say(meaning, text) == by_regex[meaning], (meaning, text)
        for asked in (everything, KINDS, KINDS[::-1]):
            assert reader.may_say_each(asked, text) == [by_regex[m] for m in asked], (asked, text)


def _turns_line_by_line(text: str) -> list[Turn]:
    """The definition: every non-empty line is `SPEAKER: words`, else no turns."""
    turns, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            match = SPEAKER_LINE.match(line)
            if match is None:
                return []
            turns.append(Turn(match.group(1).strip(), offset + match.start(2), offset + match.end(2)))
        offset += len(line) + 1
    return turns


def test_turns_in_one_pass_are_the_turns_line_by_line() -> None:
    pieces = ["AGENT: hi", "USER:", " caller : x", "no colon", "\n", "\n\n", " ", "\t", "\r", "\x1c",
              "\u2028", "é", ":", "1: one", "A very long speaker name of forty chars: x"]  # fmt: skip
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert turns_from_text(text) == _turns_line_by_line(text), repr(text)


def _approved_unfiltered(approved: str, lowered: str) -> bool:
    """The approved-text match without the length shortcut (the definition)."""
    if len(lowered) <= len(approved):
        window = lowered if fuzz.ratio(approved, lowered) >= MATCH_THRESHOLD else None
    else:
        found = fuzz.partial_ratio_alignment(approved, lowered, score_cutoff=MATCH_THRESHOLD)
        window = None if found is None else lowered[max(0, found.dest_start - 12) : found.dest_end + 12]
    return window is not None and not _NEGATION.search(window)


def test_approved_texts_are_matched_as_without_the_length_shortcut(shared_dir: Path) -> None:
    example = Path(__file__).parents[2] / "examples" / "acme-contact-center"
    notices = yaml.safe_load((example / "inventory" / "practices.yaml").read_text("utf-8"))["notices"]
    texts = [(n["kind"], " ".join(n["text"].split()).lower()) for n in notices if n.get("text")]
    texts = [(kind, text) for kind, text in texts if kind in KINDS]
    assert len(texts) >= 2
    matcher = DisclosureMatcher.from_texts(texts)
    turns = _agent_turns(shared_dir / "data" / "pii-bench" / "sgd_pii.jsonl") + _sentences()
    calls = example / "evidence" / "transcripts" / "calls-2026-10.jsonl"
    for line in calls.read_text("utf-8").splitlines():
        turns += [turn["text"] for turn in json.loads(line)["turns"]]
    rng = random.Random(11)
    for _, text in texts:  # around the lengths where the shortcut decides: cut and misspelt copies
        for cut in range(len(text) // 2, len(text) + 1):
            piece = list(text[:cut])
            for _ in range(rng.randint(0, 3)):
                piece[rng.randrange(len(piece))] = rng.choice("aeiou ")
            turns.append("".join(piece))
    matched = 0
    for turn in turns:
        for kind in KINDS:
            expected = any(_approved_unfiltered(t, turn.lower()) for k, t in texts if k == kind)
            assert (matcher._approved_in(kind, turn.lower())) == expected, (kind, turn)
            matched += expected
    assert matched > 50  # the material reaches the threshold, not only turns far from it


def _texts_under(node: Any) -> list[str]:
    """Every `text` of a paraphrase file, however it nests."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for value in node.values() for t in _texts_under(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts_under(item)]
    return []


def _seeded_sentences(rng: random.Random, count: int) -> list[str]:
    """Sentences that say a meaning by construction: a phrase of each concept of one of its frames
    (the lexicon's own phrases, inflected the ways speech does), shuffled among filler words."""
    reader = recogniser()
    concepts = language_data().lexicon.concepts
    inflect = [lambda w: w, lambda w: w + "ed", lambda w: w + "ing", lambda w: w + "s", str.upper]
    sentences = []
    for _ in range(count):
        meaning = rng.choice(sorted(reader.meanings))
        frame = rng.choice(reader.meanings[meaning])
        groups = [frame.act, *frame.with_]
        words = ["please", "note", "that", "today", "and"]
        for group in groups:
            phrase = rng.choice(concepts[rng.choice(group)])
            words.append(" ".join(rng.choice(inflect)(w) for w in phrase.split()))
        rng.shuffle(words)
        sentences.append(" ".join(words) + rng.choice([".", "", "?", " (12) months."]))
    return sentences


def _says_unfiltered(meaning: str, text: str) -> bool:
    """Recognition with no prefilter: every frame matched over the text's reading."""
    reader = recogniser()
    return any(_match_frame(frame, reader.read(text)) is not None for frame in reader.meanings[meaning])


def test_the_prefilter_loses_no_recognition(shared_dir: Path) -> None:
    """The word prefilter (stems derived from the lexicon's phrases) only skips texts that say
    nothing: recognition with it equals frame matching on every text, for every meaning, on the
    labelled paraphrases, real agent turns and seeded sentences made of the lexicon's phrases."""
    texts = [
        t
        for path in PARAPHRASES.parent.glob("*.yaml")
        for t in _texts_under(yaml.safe_load(path.read_text("utf-8")))
    ]
    texts += _agent_turns(shared_dir / "data" / "pii-bench" / "sgd_pii.jsonl")[:100]
    seeded = _seeded_sentences(random.Random(23), 300)
    reader = recogniser()
    said = 0
    for text in texts + seeded:
        for meaning in reader.meanings:
            expected = _says_unfiltered(meaning, text)
            assert reader.says(meaning, text) == expected, (meaning, text)
            assert not expected or reader.may_say(meaning, text), (meaning, text)
            said += expected
    assert said > 800  # the material says things, not only turns that say nothing
    passed = sum(reader.may_say(m, t) for t in seeded for m in reader.meanings)
    assert passed < len(seeded) * len(reader.meanings) / 2  # and the prefilter does skip
