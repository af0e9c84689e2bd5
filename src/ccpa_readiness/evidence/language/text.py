"""Normalisation, word splitting and a small rule-based lemmatiser (English)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from ccpa_readiness.evidence.language.lexicon import lexicon_data

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
# a word (letters, digits, inner hyphens or apostrophes) or a clause/sentence mark
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.!?](?=\s|$)|[;:,()\u2014\u2013]|(?<=\s)-(?=\s)")
_BRACKETED_NUMBER = re.compile(r"\(\d+\)")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")
SENTENCE_MARKS = frozenset(".!?")
CLAUSE_MARKS = frozenset(";:,()\u2014\u2013-")


class Token(NamedTuple):
    """One word (its lemma) or mark, with its place in the original text (a named tuple: see
    `grammar`)."""

    lemma: str
    start: int
    end: int

    @property
    def is_mark(self) -> bool:
        return not self.lemma[0].isalnum()


def normalise(text: str) -> str:
    """NFKC, plain quotes, lower case; offsets are kept (each step maps one character to one).
    ASCII text is its own NFKC form and holds no curly quote: it is only lower-cased."""
    if text.isascii():
        lowered = text.lower()
    else:
        folded = unicodedata.normalize("NFKC", text)
        if len(folded) != len(text):  # a ligature or width change: keep offsets by falling back
            folded = text
        lowered = folded.translate(_QUOTES).lower()
    if "(" not in lowered:
        return lowered
    # "twelve (12) months": a number repeated in brackets is blanked, so the words stay together
    return _BRACKETED_NUMBER.sub(lambda m: " " * len(m.group()), lowered)


@cache
def lemma(word: str) -> str:
    """The word's lemma key: irregular forms from the lexicon, else inflection suffixes removed.

    The same function reads the lexicon's entries, so a key need not be a dictionary word
    (`share`, `shared`, `sharing` all give `shar`); what matters is that forms agree.
    """
    irregular = lexicon_data().irregular
    if word in irregular:
        return irregular[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    stem = word
    if (stem.endswith("ies") and len(stem) > 4) or (stem.endswith("ied") and len(stem) > 4):
        stem = stem[:-3] + "y"
    elif stem.endswith("ing") and len(stem) > 5:
        stem = _undouble(stem[:-3])
    elif stem.endswith("ed") and len(stem) > 4:
        stem = _undouble(stem[:-2])
    elif stem.endswith(("sses", "xes", "ches", "shes", "zes")):
        stem = stem[:-2]
    elif stem.endswith("s") and not stem.endswith(("ss", "us", "is")):
        stem = stem[:-1]
    if stem.endswith("e") and len(stem) > 4:
        stem = stem[:-1]
    return stem.replace("yz", "ys").replace("iz", "is")


def _undouble(stem: str) -> str:
    return stem[:-1] if _DOUBLED.search(stem) and not stem.endswith(("ll", "ss")) else stem


def tokens(text: str) -> list[Token]:
    """Words as lemmas and marks, contractions expanded (`isn't` gives `is`, `not`)."""
    contractions = lexicon_data().contractions
    found: list[Token] = []
    for match in _TOKEN.finditer(normalise(text)):
        word, start, end = match.group(), match.start(), match.end()
        parts = contractions.get(word)
        if parts is None and "'" in word:
            head, _, tail = word.partition("'")
            if tail == "t" and head.endswith("n"):
                parts = [contractions.get(head[:-1], [head[:-1]])[0], "not"]
            else:
                parts = [head, *contractions.get("'" + tail, [])]
        for part in parts or [word]:
            found.append(Token(lemma(part) if part[0].isalnum() else part, start, end))
    return found
