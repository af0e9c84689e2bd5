"""The one masker for everything that leaves a scanner: excerpts, flow prompts, data-store
examples, transcripts' snippets and messages.

The PII detectors decide what is masked, candidates included (a bare nine-digit number is masked
though the scanner would not count it); each label keeps the tail `labels.yaml` gives it (at most
the last 4 digits of an identifier, no letter of a name or an e-mail). Runs of seven or more digits
that no detector claims are masked too. A date or a statute section ("1798.100") that only a weak
candidate claims (a phone number of some plan) stays: only a birth date's context masks a date.
"""

from __future__ import annotations

import re

from ccpa_readiness.evidence.common.masking import mask_spans, mask_value
from ccpa_readiness.evidence.pii.analyzer import detect
from ccpa_readiness.evidence.pii.labels import label_table

# low enough for every candidate of a structured identifier; a date without a birth word (0.0) stays
MASK_MIN_SCORE = 0.05
LONG_NUMBER_TAIL = 4
_LONG_NUMBER = re.compile(r"\+?\d[\d\s().-]{5,}\d")
# an ISO or a slashed date, a statute section; never NNN-NN-NNNN (the shape of an SSN)
_NOT_PERSONAL = re.compile(
    r"^(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:19|20)?\d{2}|\d{4}\.\d{1,3}(?:\.\d+)?)$"
)


def mask_label(value: str, label: str) -> str:
    """`value`, known to be of `label`, masked the way the label keeps: `***-**-6789`, `****`."""
    return mask_value(value, label_table()[label].mask_tail)


def mask_text(text: str) -> str:
    """`text` with every piece of personal information the detectors find masked in place."""
    table = label_table()
    spans = [
        (found.start, found.end, table[found.label].mask_tail)
        for found in detect(text, "full", MASK_MIN_SCORE)
        if found.label == "DATE_OF_BIRTH" or not _NOT_PERSONAL.match(text[found.start : found.end])
    ]
    spans.extend(
        (*match.span(), LONG_NUMBER_TAIL)
        for match in _LONG_NUMBER.finditer(text)
        if sum(ch.isdigit() for ch in match.group()) >= 7 and not _NOT_PERSONAL.match(match.group())
    )
    return mask_spans(text, spans)
