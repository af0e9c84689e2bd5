"""The shortcuts of patterns-mode speed give the answers of the long way, on real material:
disclosures read only where a conversation's words allow, turns split without a regex per line,
spans lines written without building their objects."""

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
from ccpa_readiness.evidence.pii import detect
from ccpa_readiness.evidence.transcripts.analysis import DocResult, analyze, assess
from ccpa_readiness.evidence.transcripts.disclosure import (
    _NEGATION,
    KINDS,
    MATCH_THRESHOLD,
    DisclosureMatcher,
)
from ccpa_readiness.evidence.transcripts.models import Document, Turn
from ccpa_readiness.evidence.transcripts.outputs import conversation_entries, spans_entries
from ccpa_readiness.evidence.transcripts.readers import read_file
from ccpa_readiness.evidence.transcripts.turns import (
    SPEAKER_LINE,
    is_conversation,
    speakers_of,
    turn_holding,
    turns_at,
    turns_from_text,
)
from tests.readers.capped import run_capped

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
            assert reader.may_say_any(asked, text) == any(by_regex[m] for m in asked), (asked, text)


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


def test_a_conversation_is_told_as_by_its_turns() -> None:
    """`is_conversation` (one regex, no turn made) is two turns or more, on texts made of the
    pieces that decide it: speaker names at the length limit and past it, blanks of every kind."""
    pieces = ["AGENT: hi", "USER:", " caller : x", "no colon", "\n", "\n\n", " ", "\t", "\r", "\x1c",
              "\u2028", "\xa0", "\x85", "é", ":", "1: one", "B:\x00", "D :  ", "a" + "b" * 30 + " : z",
              "a" + "b" * 31 + ": z", "A very long speaker name of forty chars: x", "a" + "b" * 29 + "   : y",
              "a" + "b" * 28 + " c : y", "a" + "b" * 29 + " c: y", "Ann Lee \t : x", "A\tB: x",
              "Jo - : x"]  # fmt: skip
    rng = random.Random(5)
    conversations = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert is_conversation(text) == (len(turns_from_text(text)) > 1), repr(text)
        conversations += is_conversation(text)
    assert 300 < conversations < 19_000  # both answers, many times


def test_a_long_text_of_turn_like_lines_is_told_in_time_proportional_to_it() -> None:
    """Hostile input: thousands of lines with blanks before their colon, then one line that is no
    turn. Each line matches one way only, so refusing the text does not retry every split of
    every line before (a regex with two ways a line took exponential time: 10 lines, minutes). In
    a child process capped at 60 s of CPU, so a regression fails instead of hanging the tests."""
    code = (
        "from ccpa_readiness.evidence.transcripts.turns import is_conversation, turns_from_text\n"
        "for line in ('A     : x', 'Ann Lee \\t  : x', 'a' + 'b' * 29 + '    : y'):\n"
        "    for tail in ('no turn here', ''):\n"
        "        text = (line + '\\n') * 5_000 + tail\n"
        "        assert is_conversation(text) == (len(turns_from_text(text)) > 1) == (tail == '')\n"
        "print('told')\n"
    )
    done = run_capped(code)
    assert done.returncode == 0 and done.stdout.strip() == "told", done.stderr[-2000:]


def test_a_span_is_placed_in_its_turn_as_by_the_turns() -> None:
    """`turns_at` (each offset's line and the labels) and `speakers_of` give what the turns split out give,
    at every offset of conversations with blank lines, labels without words, long names."""
    pieces = ["AGENT: hi 555", "USER:", " caller : x y", "\n", "\n\n", "\n   \n", " ", "\t", "\r", "\x1c",
              "\u2028", "\xa0", "é", "1: one", "B:\x00", "D :  ", "Bob  . x: q", "a" + "b" * 30 + " : z",
              "\nUSER: my number", "\nAGENT:\tok"]  # fmt: skip
    rng = random.Random(11)
    offsets = placed = 0
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 12)))
        if not is_conversation(text):
            continue
        turns = turns_from_text(text)
        assert speakers_of(text) == tuple(t.speaker for t in turns), repr(text)
        every = range(len(text) + 1)
        placed_at = turns_at(text, every)
        for offset in every:
            held = [i for i, t in enumerate(turns) if t.start <= offset < t.end]
            expected = held[0] if held else -1
            assert placed_at[offset] == turn_holding(turns, offset) == expected, (text, offset)
            offsets += 1
            placed += expected >= 0
    assert offsets > 10_000 and offsets / 4 < placed < offsets  # in turns and out of them


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
    for turn in turns + turns[::-1]:  # each turn again: the second answer comes from the cache
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


def _real_texts(shared_dir: Path) -> list[str]:
    """The `text` of every record of the PII corpora and the example's calls as `SPEAKER: text`."""
    texts = []
    for name in ("sgd_pii.jsonl", "presidio_synth.jsonl", "presidio_unit_cases.jsonl"):
        with (shared_dir / "data" / "pii-bench" / name).open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle]
    calls = Path(__file__).parents[2] / "examples" / "acme-contact-center" / "evidence" / "transcripts"
    for line in (calls / "calls-2026-10.jsonl").read_text("utf-8").splitlines():
        texts.append("\n".join(f"{t['speaker']}: {t['text']}" for t in json.loads(line)["turns"]))
    return texts


def test_turns_of_real_texts_are_the_turns_line_by_line(shared_dir: Path) -> None:
    texts = _real_texts(shared_dir)
    assert all(turns_from_text(text) == _turns_line_by_line(text) for text in texts)
    assert all(is_conversation(text) == (len(_turns_line_by_line(text)) > 1) for text in texts)
    assert sum(bool(turns_from_text(text)) for text in texts) > 1000  # conversations, not only prose


class _AlwaysCut(DisclosureMatcher):
    """The long way: every conversation's turns are cut out and read."""

    def may_give(self, text: str) -> bool:
        return True


def test_conversations_are_assessed_as_when_every_turn_is_read(shared_dir: Path) -> None:
    """Verdicts with the whole-text prefilter equal those of reading every conversation's turns,
    on real conversations and on real ones with disclosures (the paraphrases) put in agent turns,
    without and with approved texts."""
    rng = random.Random(29)
    texts = [t for t in _real_texts(shared_dir) if turns_from_text(t)]
    sentences = _sentences()
    for text in texts[:400]:
        lines = text.split("\n")
        lines.insert(rng.randrange(len(lines) + 1), "AGENT: " + rng.choice(sentences))
        texts.append("\n".join(lines))
    texts += ["AGENT: Ünïcode hello\nUSER: " + s for s in sentences[:20]]
    approved = [("recording_disclosure", "your call with acme is recorded")]
    skipped = given = 0
    for texts_approved in ((), approved):
        fast, slow = DisclosureMatcher.from_texts(texts_approved), _AlwaysCut.from_texts(texts_approved)
        for text in texts:
            turns = tuple(turns_from_text(text))
            if len(turns) < 2:
                continue
            item = Document("x", "test", 1, "jsonl", text, list(turns))
            spans = tuple((d.start, d.end, d.label, d.score) for d in detect(text, "patterns"))
            verdicts = assess(item, spans, fast)
            assert verdicts == assess(item, spans, slow), text
            skipped += not fast.may_give(text)
            given += "given" in (verdicts.recording_disclosure, verdicts.notice_at_collection)
    assert skipped > 1000 and given > 100  # the prefilter skips, and the material holds disclosures


def test_spans_lines_are_json_dumps_of_the_predictions(shared_dir: Path) -> None:
    texts = _real_texts(shared_dir)[::7]
    ids = ["plain", 'with "quotes" and \\ back', "ünïcode-\u2028-\x01", ""]
    for index, text in enumerate(texts):
        result = analyze(
            Document(ids[index % len(ids)], "test", 1, "jsonl", text), "full", DisclosureMatcher.from_texts()
        )
        doc = Document(result.id, "source", 1, "jsonl", text)
        preds = [
            {"start": s, "end": e, "label": label, "score": score} for s, e, label, score in result.spans
        ]
        assert list(spans_entries(doc, result)) == [json.dumps({"id": doc.id, "preds": preds})]


def test_documents_analyse_as_with_their_turns_split_at_reading(shared_dir: Path) -> None:
    """A document read from a real corpus splits its text's turns only where a disclosure may be
    given in one, and is a conversation and places its spans in turns without splitting them: its
    verdicts are those of the document with every turn split when read; without verdicts (an
    output that shows none) its spans are the same and no conversation is assessed. In patterns
    and full mode."""
    bench = shared_dir / "data" / "pii-bench"
    calls = Path(__file__).parents[2] / "examples" / "acme-contact-center" / "evidence" / "transcripts"
    paths = [bench / name for name in ("sgd_pii.jsonl", "presidio_synth.jsonl", "presidio_unit_cases.jsonl")]
    docs = [
        d for p in [*paths, calls / "calls-2026-10.jsonl"] for d in read_file(p) if isinstance(d, Document)
    ]
    matcher = DisclosureMatcher.from_texts()
    never_split = conversations = 0
    for mode, sample in (("patterns", docs), ("full", docs[::25])):
        for doc in sample:
            lazy = Document(doc.id, doc.source, doc.line, doc.fmt, doc.text, doc.given_turns)
            turns = turns_from_text(doc.text) if doc.given_turns is None else doc.given_turns
            eager = analyze(
                Document(doc.id, doc.source, doc.line, doc.fmt, doc.text, list(turns)), mode, matcher
            )
            assert analyze(lazy, mode, matcher) == eager, doc.id
            assert analyze(lazy, mode, matcher, verdicts=False) == DocResult(doc.id, eager.spans, None)
            never_split += doc.given_turns is None and lazy.given_turns is None
            conversations += eager.conversation is not None
    assert never_split > 1000 and conversations > 1000  # the shortcut is taken, on conversations


def test_conversation_entries_are_json_dumps_of_the_verdicts(shared_dir: Path) -> None:
    texts = [t for t in _real_texts(shared_dir) if is_conversation(t)]
    ids = ["plain", 'with "quotes" and \\ back', "ünïcode-\u2028-\x01", ""]
    collected = 0
    for index, text in enumerate(texts):
        doc = Document(ids[index % len(ids)], "source", 1, "jsonl", text, None)
        result = analyze(doc, "patterns", DisclosureMatcher.from_texts())
        assert result.conversation is not None
        entry = {"id": doc.id, **{kind: getattr(result.conversation, kind) for kind in KINDS}}
        entry["first_collection_turn"] = result.conversation.first_collection_turn
        entry["collected_before_notice"] = list(result.conversation.collected_before_notice)
        assert list(conversation_entries(doc, result)) == [json.dumps(entry)]
        collected += bool(result.conversation.collected_before_notice)
    assert collected >= 5  # entries with labels, not only empty lists
