"""Which language a document is written in: its own script, or the share of common words."""

from __future__ import annotations

import re
from collections import Counter

from ccpa_readiness.evidence.documents.definitions import practice_vocabulary

_SAMPLE_CHARS = 20_000
_MIN_SCRIPT_SHARE = 0.2
_MIN_WORD_SHARE = 0.08
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when no language stands out."""
    sample = text[:_SAMPLE_CHARS]
    vocabulary = practice_vocabulary()
    letters = sum(ch.isalpha() for ch in sample) or 1
    for code, script in vocabulary.language_scripts.items():
        if len(re.findall(script, sample)) / letters >= _MIN_SCRIPT_SHARE:
            return code
    words = Counter(word.lower() for word in _WORD.findall(sample))
    total = sum(words.values()) or 1
    shares = {
        code: sum(words[w] for w in common) / total for code, common in vocabulary.language_words.items()
    }
    code, share = max(sorted(shares.items()), key=lambda item: item[1])
    return code if share >= _MIN_WORD_SHARE else None
