"""The grammar of meaning: word order, clauses, negation, lemmas, and its data."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from ccpa_readiness.evidence.language import recogniser
from ccpa_readiness.evidence.language.lexicon import FrameSpec, LanguageData, LanguageDataError, language_data
from ccpa_readiness.evidence.language.text import lemma, normalise, tokens


def test_forms_of_a_word_share_a_lemma() -> None:
    assert lemma("recorded") == lemma("recording") == lemma("records") == lemma("record")
    assert lemma("sharing") == lemma("shared") == lemma("share")
    assert lemma("stopped") == lemma("stop") and lemma("sold") == lemma("sell")
    assert lemma("analysed") == lemma("analyzed")


def test_contractions_are_expanded() -> None:
    assert [t.lemma for t in tokens("isn't")] == ["be", "not"]
    assert [t.lemma for t in tokens("won't")] == ["will", "not"]
    assert [t.lemma for t in tokens("call's")] == ["call", "be"]


@pytest.mark.parametrize(
    "text",
    [
        "calls are monitored and recorded",
        "this conversation is being recorded",
        "Recording and monitoring may take place on this line.",
        "A supervisor might be listening to this call, and it is recorded.",
    ],
)
def test_recording_in_any_word_order(text: str) -> None:
    assert recogniser().says("recording_disclosure", text)


@pytest.mark.parametrize(
    "text",
    [
        "this call is not being recorded",
        "We never record calls.",
        "I can record your new address now.",
        "Leave a message after the tone and it will be recorded.",
        "Thanks for calling. I have recorded your payment.",
    ],
)
def test_negated_or_other_objects_do_not_count(text: str) -> None:
    assert not recogniser().says("recording_disclosure", text)


def test_a_pronoun_reaches_the_clause_before_but_not_the_sentence_before() -> None:
    assert recogniser().says("recording_disclosure", "We value this call, and it is recorded.")
    assert not recogniser().says("recording_disclosure", "Thanks for the call. It is noted.")


def test_negative_polarity_needs_the_negation() -> None:
    assert recogniser().says(
        "non_discrimination", "We will not treat you differently for exercising a right."
    )
    assert not recogniser().says(
        "non_discrimination", "We may treat you differently if you exercise a right."
    )


def test_match_offsets_point_into_the_original_text() -> None:
    text = "Hello! Just so you know, we RECORD all calls."
    found = recogniser().find("recording_disclosure", text)
    assert found is not None
    assert text[found.start : found.end] == "RECORD all calls"


def test_a_meaning_with_an_unknown_concept_is_refused() -> None:
    data = language_data()
    broken = {"x": [FrameSpec.read({"act": ["no_such_concept"]}, "x[0]")]}
    with pytest.raises(LanguageDataError, match="no_such_concept"):
        LanguageData(data.lexicon, broken)


def _normalise_in_full(text: str) -> str:
    """The definition: NFKC (unless it changes the length), plain quotes, lower case, bracketed
    numbers blanked, every step on every text."""
    folded = unicodedata.normalize("NFKC", text)
    folded = text if len(folded) != len(text) else folded
    quotes = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
    lowered = folded.translate(str.maketrans(quotes)).lower()
    return re.sub(r"\(\d+\)", lambda m: " " * len(m.group()), lowered)


def test_normalise_takes_the_ascii_shortcut_to_the_same_text() -> None:
    pieces = ["Calls", " are ", "(12)", "(", "1)", " RECORDED", "\u2019", "\ufb01", "\uff21", "é", "\n", "'s"]
    rng = random.Random(5)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert normalise(text) == _normalise_in_full(text), repr(text)
