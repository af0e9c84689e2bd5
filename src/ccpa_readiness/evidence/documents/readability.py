"""Plain language: Flesch reading ease per section, long sentences and legal jargon flagged."""

from __future__ import annotations

import re
from functools import cache

import pyphen  # type: ignore[import-untyped]

from ccpa_readiness.evidence.documents.cues import CueSet
from ccpa_readiness.evidence.documents.definitions import plain_language_rules
from ccpa_readiness.evidence.documents.model import ParsedDocument, SectionReadability
from ccpa_readiness.evidence.documents.sectioning import sentences
from ccpa_readiness.evidence.pii.masking import mask_text

_QUOTED_WORDS = 14
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


# The Flesch formula and the jargon list are for English text.
READABLE_LANGUAGE = "en"
# Flesch (1948): 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.
_FLESCH_BASE, _FLESCH_SENTENCE, _FLESCH_SYLLABLE = 206.835, 1.015, 84.6


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@cache
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def reading_ease(paragraphs: list[str]) -> float:
    """Flesch reading ease; sentences are textstat's count per paragraph, at least one each.

    A table row or list item without a full stop still ends a sentence. Syllables come from
    pyphen's hyphenation, textstat's own fallback: textstat's English path downloads the CMU
    dictionary at run time, which an offline scan must not do.
    """
    import textstat  # with nltk and pandas it costs half a second: loaded only when documents are read

    words = [w.lower() for p in paragraphs for w in _WORD.findall(p)]
    if not words:
        return 0.0
    sentence_count = sum(max(1, int(textstat.sentence_count(p))) for p in paragraphs)
    syllables = sum(_syllables(word) for word in words)
    score = (
        _FLESCH_BASE
        - _FLESCH_SENTENCE * len(words) / sentence_count
        - _FLESCH_SYLLABLE * syllables / len(words)
    )
    return round(score, 1)


def section_readability(document: ParsedDocument) -> list[SectionReadability]:
    """One entry per section long enough to score, with its long sentences and jargon."""
    rules = plain_language_rules()
    jargon = CueSet(rules.jargon)
    results: list[SectionReadability] = []
    for section in document.sections:
        text = " ".join(section.paragraphs)
        if len(text.split()) < rules.min_section_words:
            continue
        long = [s for s in sentences(section.paragraphs) if len(s.split()) > rules.long_sentence_words]
        quoted = [mask_text(" ".join(s.split()[:_QUOTED_WORDS])) + " …" for s in long]
        found = sorted({" ".join(m.group().lower().split()) for m in jargon.finditer(text)})
        results.append(
            SectionReadability(
                section=section.label,
                reading_ease=reading_ease(section.paragraphs),
                long_sentences=quoted[: rules.max_quoted_sentences],
                long_sentence_count=len(long),
                jargon=found,
            )
        )
    return results
