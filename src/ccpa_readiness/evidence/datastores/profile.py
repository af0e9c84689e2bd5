"""Classify one column from its name, its type and its sampled values, fed in a stream.

The first `PROBE_VALUES` values are tried against every value check of the PII package; the
labels that hold for a fair share of them (and the label the name suggests) are the only ones
checked on the rest, so a column costs a few checks per value whatever its size. A column whose
name says free text, or whose values read as prose, is scanned with the PII detectors instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from ccpa_readiness.evidence.datastores.birth_dates import DateSpread, us_date
from ccpa_readiness.evidence.datastores.models import Classification, ColumnInfo
from ccpa_readiness.evidence.datastores.names import (
    is_free_text_name,
    is_record_date_name,
    label_from_name,
)
from ccpa_readiness.evidence.datastores.sources.base import MAX_TEXT_CHARS, as_date
from ccpa_readiness.evidence.pii import detect, label_table, validator_for
from ccpa_readiness.evidence.pii.masking import mask_label

PROBE_VALUES = 100
CANDIDATE_SHARE = 0.2  # share of probed values a label must validate to stay a candidate
VALUE_ONLY_SHARE = 0.6  # share of values that must validate to label a column its name does not explain
PROSE_MIN_CHARS = 20
PROSE_SHARE = 0.5
NAME_ONLY_CONFIDENCE = 0.6  # the name says so and the label has no value check
NAME_AND_TYPE_CONFIDENCE = 0.8  # a date of birth by name, in a date column
NAME_AND_SPREAD_CONFIDENCE = 0.9  # a date of birth by name, and the dates spread like births
SPREAD_ONLY_CONFIDENCE = 0.6  # a column its name does not explain, whose dates spread like births
UNVALIDATED_CONFIDENCE = 0.4  # the name says so but the values do not validate (encrypted, tokenized)
# labels a column may get from its values alone, most specific first; bank account numbers
# (any 8 to 17 digits) only ever come from the name
VALUE_LABELS = (
    "EMAIL_ADDRESS",
    "IP_ADDRESS",
    "CREDIT_CARD",
    "US_SSN",
    "US_ITIN",
    "PHONE_NUMBER",
    "ABA_ROUTING_NUMBER",
)
# labels whose values are digits and separators: a value with a letter is not one of them
# (the phone parser reads letters as a keypad would, so `gAAAAB...` ciphertext would pass)
LETTERS_ALLOWED = frozenset({"EMAIL_ADDRESS", "IP_ADDRESS"})
_LETTER = re.compile(r"[A-Za-z]")
# a number in a column not named as a phone must carry an area code: six-digit row ids are valid
# local numbers somewhere
VALUE_ONLY_MIN_DIGITS = {"PHONE_NUMBER": 10}
# an ISO date or timestamp written as text is a date, never a phone or account number
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T][0-9:.]+(?:Z|[+\-][0-9:]+)?)?")


def _with_time(text: str, day: dt.date) -> dt.date:
    """The timestamp an ISO text holds (its time of day marks a record date), else its day."""
    if len(text) <= 10:
        return day
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return day


NONE, BINARY, DATE, SKIPPED, TEXT = "none", "binary", "date", "skipped", "text"
Reading = tuple[str, object, bool]  # (kind, the date or the text, whether the text was cut)


def _reading(value: object) -> Reading:
    """What one value is to the profile: nothing, binary, a date (typed or written), a number or
    flag that says nothing, or a text (cut at `MAX_TEXT_CHARS`)."""
    if value is None:
        return NONE, None, False
    if isinstance(value, bytes | bytearray | memoryview):
        return BINARY, None, False
    if isinstance(value, dt.date):
        return DATE, value, False
    if isinstance(value, bool | float):
        return SKIPPED, None, False
    text = str(value).strip()
    written = as_date(text) if _ISO_DATE.fullmatch(text) else us_date(text)
    if written is not None:
        return DATE, _with_time(text, written), False
    if len(text) > MAX_TEXT_CHARS:
        return TEXT, text[:MAX_TEXT_CHARS], True
    return TEXT, text, False


@cache
def _validators(name_label: str | None) -> dict[str, Callable[[str], bool]]:
    """The PII package's value checks, stricter for labels the column's name does not suggest."""
    found = {label: validator_for(label) for label in label_table()}
    return {
        label: _shaped(label, check, named=label == name_label)
        for label, check in found.items()
        if check is not None
    }


def _shaped(label: str, check: Callable[[str], bool], named: bool) -> Callable[[str], bool]:
    letters_allowed = label in LETTERS_ALLOWED
    min_digits = 0 if named else VALUE_ONLY_MIN_DIGITS.get(label, 0)

    def checked(text: str) -> bool:
        if not letters_allowed and _LETTER.search(text) is not None:
            return False
        if min_digits and sum(ch.isdigit() for ch in text) < min_digits:
            return False
        return check(text)

    return checked


class ColumnProfile:
    """Feed values with `add_all`, then `classify`."""

    def __init__(self, info: ColumnInfo, as_of: dt.date | None = None) -> None:
        self.info = info
        self.spread = DateSpread(as_of or dt.date.today())
        self.name_label = label_from_name(info.name)
        self.validators = _validators(self.name_label)
        self.rows_seen = 0
        self.non_null = 0
        self.dates = 0
        self.truncated = 0
        self.binary = 0
        self.checked: Counter[str] = Counter()
        self.valid: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self._first_text = ""  # raw, kept in memory only: masked by the label the column gets
        self.found_in_text: Counter[str] = Counter()
        self.text_scores: dict[str, float] = {}
        self._probe: list[str] = []
        self._candidates: tuple[str, ...] | None = None
        self._free_text = False

    def add_all(self, values: tuple[object, ...]) -> None:
        """A batch of the column's values. Each distinct value is read once and counted as often
        as it occurs; only the first `PROBE_VALUES` texts are taken one by one, in order, since
        they decide which checks the column gets."""
        self.rows_seen += len(values)
        keys = list(zip(map(type, values), values, strict=True))  # 1, 1.0 and True stay apart
        try:
            counts = Counter(keys)
        except TypeError:  # an unhashable value (a driver's own type): one by one
            for value in values:
                self._take(_reading(value), 1)
            return
        readings = {key: _reading(key[1]) for key in counts}
        if self._candidates is None:
            for key in keys:
                if readings[key][0] == TEXT:
                    self._take(readings[key], 1)
                    counts[key] -= 1
                    if self._candidates is not None:
                        break
        for key, count in counts.items():
            if count:
                self._take(readings[key], count)

    def _take(self, reading: Reading, count: int) -> None:
        kind, value, truncated = reading
        if kind == NONE:
            return
        self.non_null += count
        if kind == BINARY:
            self.binary += count
        elif kind == DATE:
            assert isinstance(value, dt.date)
            self.dates += count
            self.spread.add(value, count)
        elif kind == TEXT:
            assert isinstance(value, str)
            self.truncated += count * truncated
            if not self._first_text:
                self._first_text = value[:64]
            if self._candidates is None:
                self._probe.append(value)
                if len(self._probe) == PROBE_VALUES:
                    self._decide()
            else:
                self._check(value, count)

    def _decide(self) -> None:
        probe, self._probe = self._probe, []
        candidates = []
        for label, check in self.validators.items():
            hits = sum(check(text) for text in probe)
            if label == self.name_label or (probe and hits / len(probe) >= CANDIDATE_SHARE):
                candidates.append(label)
        self._candidates = tuple(candidates)
        prose = sum(len(text) >= PROSE_MIN_CHARS and " " in text for text in probe)
        self._free_text = (
            self.name_label is None
            and not candidates
            and self.info.kind in ("text", "other")
            and (is_free_text_name(self.info.name) or (bool(probe) and prose / len(probe) >= PROSE_SHARE))
        )
        for text in probe:
            self._check(text)

    def _check(self, text: str, count: int = 1) -> None:
        assert self._candidates is not None
        for label in self._candidates:
            self.checked[label] += count
            if self.validators[label](text):
                self.valid[label] += count
                if label not in self.examples:
                    self.examples[label] = mask_label(text, label)
        if self._free_text:
            self._scan_text(text, count)

    def _scan_text(self, text: str, count: int) -> None:
        seen: set[str] = set()
        for found in detect(text):
            if found.label not in seen:
                seen.add(found.label)
                self.found_in_text[found.label] += count
                if found.label not in self.examples:
                    self.examples[found.label] = mask_label(text[found.start : found.end], found.label)
            self.text_scores[found.label] = max(self.text_scores.get(found.label, 0.0), found.score)

    def classify(self) -> list[Classification]:
        """The column's label (or, for free text, one per label found in it); empty if none."""
        if self._candidates is None:
            self._decide()
        if self._free_text:
            return [
                self._result(label, self.text_scores[label], None, rows, free_text=True)
                for label, rows in sorted(self.found_in_text.items())
            ]
        structured = self._structured()
        return [] if structured is None else [structured]

    def _share(self, label: str) -> float | None:
        return self.valid[label] / self.checked[label] if self.checked[label] else None

    def _structured(self) -> Classification | None:
        name = self.name_label
        births = self.spread.looks_like_birth_dates()
        if name is not None:
            share = self._share(name)
            if name not in self.validators or share is None:
                typed = name == "DATE_OF_BIRTH" and (self.info.kind == "date" or self.dates > 0)
                confidence = NAME_AND_TYPE_CONFIDENCE if typed else NAME_ONLY_CONFIDENCE
                if name == "DATE_OF_BIRTH" and births:
                    confidence = NAME_AND_SPREAD_CONFIDENCE
                return self._result(name, confidence, None, self.non_null)
            if share >= CANDIDATE_SHARE:
                return self._result(name, 0.3 + 0.7 * share, share, self.valid[name])
        for label in VALUE_LABELS:
            share = self._share(label)
            if share is not None and share >= VALUE_ONLY_SHARE:
                return self._result(label, 0.8 * share, share, self.valid[label])
        if name is None and births and not is_record_date_name(self.info.name):
            return self._result("DATE_OF_BIRTH", SPREAD_ONLY_CONFIDENCE, None, self.dates)
        if name is not None:
            return self._result(name, UNVALIDATED_CONFIDENCE, self._share(name), 0)
        return None

    def _result(
        self, label: str, confidence: float, share: float | None, rows: int, free_text: bool = False
    ) -> Classification:
        info = label_table()[label]
        return Classification(
            label=label,
            category=info.category,
            sensitive_kind=info.sensitive_kind,
            confidence=round(confidence, 2),
            validated_share=None if share is None else round(share, 3),
            rows=rows,
            example=self.examples.get(label) or mask_label(self._first_text, label),
            free_text=free_text,
        )
