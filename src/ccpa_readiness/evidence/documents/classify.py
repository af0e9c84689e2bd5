"""Decide a document's kind: privacy policy, notice at collection, opt-out notice, incentive, script."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.documents.cues import CueSet
from ccpa_readiness.evidence.documents.definitions import kind_rules
from ccpa_readiness.evidence.documents.model import DocumentKind, ParsedDocument


def _title_text(document: ParsedDocument) -> str:
    """The file name and the first heading (the opening words when there is none): its own name."""
    stem = Path(document.path).stem.replace("_", " ").replace("-", " ")
    first = document.sections[0]
    name = document.title or (first.paragraphs[0][:120] if first.paragraphs else "")
    return f"{stem} / {name}"


def classify(document: ParsedDocument) -> DocumentKind:
    """The first kind whose title cue matches; else the most distinct body cues; else the fallback."""
    rules = kind_rules()
    title = _title_text(document)
    for kind in rules.kinds:
        if CueSet(kind.title).any(title):
            return kind.kind
    text = document.full_text()
    scores = [
        (len(CueSet(kind.body).matched(text)), -position, kind.kind)
        for position, kind in enumerate(rules.kinds)
    ]
    best = max(scores)
    return best[2] if best[0] > 0 else rules.fallback
