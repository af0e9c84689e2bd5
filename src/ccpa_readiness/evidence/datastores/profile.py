"""Classify one column from its name, its type and its sampled values, fed in a stream.

The first `PROBE_VALUES` values are tried against every value check of the PII package; the
labels that hold for a fair share of them (and the label the name suggests) are the only ones
checked on the rest, batch by batch with the vectorised checks of `columns.py` (the exact
validators only for what those leave open, within a budget), so a column costs a few array
operations per batch whatever its size. A column whose name says free text, or whose values read
as prose, is scanned with the PII detectors instead, one distinct text at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ccpa_readiness.evidence.datastores.arrays import arrow_of, numpy_of, strings_of
from ccpa_readiness.evidence.datastores.birth_dates import DateSpread, us_date
from ccpa_readiness.evidence.datastores.columns import (
    ISO_DATE,
    LETTERS_ALLOWED,
    US_DATE,
    Days,
    ExactBudget,
    Mask,
    Shape,
    ascii_of,
    byte_lengths,
    check_batch,
    column_array,
    iso_days,
    iso_shaped,
    iso_times,
    mask_of,
    strip,
    us_days,
)
from ccpa_readiness.evidence.datastores.models import Classification, ColumnInfo
from ccpa_readiness.evidence.datastores.names import (
    is_free_text_name,
    is_record_date_name,
    label_from_name,
)
from ccpa_readiness.evidence.datastores.sources.base import MAX_TEXT_CHARS, as_date
from ccpa_readiness.evidence.pii import detect_spans, label_table, validator_for
from ccpa_readiness.evidence.pii.masking import mask_label

PROBE_VALUES = 100
# distinct values per column and label that a vectorised check leaves open (phone numbers) given
# to the exact validator; beyond, such values are counted by their shape (`rows_by_shape`)
EXACT_VALUES = 2000
# distinct texts per free-text column scanned with the detectors (each costs about as much as 50
# rows of vectorised checks); rows beyond are counted unscanned (`rows_unscanned`). Both budgets
# are at least the default sample, so a default scan checks every value exactly.
FREE_TEXT_VALUES = 2000
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
# labels whose values are digits and separators (all but `LETTERS_ALLOWED`): a value with a
# letter is not one of them (the phone parser reads letters as a keypad would, so `gAAAAB...`
# ciphertext would pass)
_LETTER = re.compile(r"[A-Za-z]")
# a number in a column not named as a phone must carry an area code: six-digit row ids are valid
# local numbers somewhere
VALUE_ONLY_MIN_DIGITS = {"PHONE_NUMBER": 10}
# an ISO date or timestamp written as text is a date, never a phone or account number
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T][0-9:.]+(?:Z|[+\-][0-9:]+)?)?")


@lru_cache(maxsize=1 << 16)
def _timed(rest: str) -> bool:
    """Whether an ISO-dated text, of which `rest` follows the day, carries a time of day other
    than midnight (`_with_time` and `DateSpread.add` together)."""
    if not rest:
        return False
    try:
        return dt.datetime.fromisoformat(f"2000-01-01{rest}").time() != dt.time(0, 0)
    except ValueError:
        return False


def _times(texts: pa.Array) -> Mask:
    """`_timed` of what follows the day in each ISO-dated text: from the bytes where
    `columns.iso_times` decides, else once per distinct text."""
    decided, timed = iso_times(texts)
    rows = np.flatnonzero(~decided)
    if len(rows):
        encoded = pc.dictionary_encode(
            pc.utf8_slice_codeunits(texts.take(arrow_of(rows)), 10, MAX_TEXT_CHARS)
        )
        verdicts = np.array([_timed(rest) for rest in encoded.dictionary.to_pylist()], dtype=np.bool_)
        timed[rows] = verdicts[numpy_of(encoded.indices)]
    return timed


def _with_time(text: str, day: dt.date) -> dt.date:
    """The timestamp an ISO text holds (its time of day marks a record date), else its day."""
    if len(text) <= 10:
        return day
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return day


def _matching(texts: pa.Array, pattern: str) -> Mask:
    """Which texts match the date `pattern` (the common ISO forms told from their bytes)."""
    matched = iso_shaped(texts) if pattern == ISO_DATE else np.zeros(len(texts), dtype=np.bool_)
    rest = np.flatnonzero(~matched)
    if len(rest):
        others = texts if len(rest) == len(texts) else texts.take(arrow_of(rest))
        matched[rest] = mask_of(pc.match_substring_regex(others, pattern))
    return matched


def _written_dates(texts: pa.Array, rows: np.ndarray[Any, np.dtype[np.intp]]) -> tuple[Mask, Days, Mask]:
    """Which texts of `rows` are ISO or US dates; their days, and which carry a time of day."""
    dated = np.zeros(len(texts), dtype=np.bool_)
    days: list[Days] = [np.zeros(0, dtype="datetime64[D]")]
    timed: list[Mask] = [np.zeros(0, dtype=np.bool_)]
    for pattern, parse in ((ISO_DATE, iso_days), (US_DATE, us_days)):
        candidates = texts if len(rows) == len(texts) else texts.take(arrow_of(rows))
        shaped = rows[_matching(candidates, pattern)]
        if len(shaped):
            written = texts if len(shaped) == len(texts) else texts.take(arrow_of(shaped))
            found, real = parse(written)
            times = np.zeros(len(shaped), dtype=np.bool_)
            if pattern == ISO_DATE:
                times = _times(written)
            days.append(found[real])
            timed.append(times[real])
            dated[shaped[real]] = True
        rows = rows[~dated[rows]]
    return dated, np.concatenate(days), np.concatenate(timed)


Found = tuple[tuple[str, float, str], ...]  # what the detectors found in a text: (label, score, masked)
NONE, BINARY, DATE, SKIPPED, TEXT = "none", "binary", "date", "skipped", "text"
Reading = tuple[str, object, bool]  # (kind, the date or the text, whether the text was cut)


def _vectorised(kind: pa.DataType) -> bool:
    """Arrow types counted by vectorised checks; others (decimals, times, lists) are read as the
    Python values a driver gives."""
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_integer(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_null(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_date(kind)
        or pa.types.is_timestamp(kind)
    )


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
    """Feed values with `add_all` (a batch of the column: an Arrow array or Python values), then
    `classify`."""

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
        self.by_shape_valid: Counter[str] = Counter()  # valid by their shape alone (`rows_by_shape`)
        self.exact_budget = {label: ExactBudget(EXACT_VALUES) for label in self.validators}
        self.text_budget = FREE_TEXT_VALUES
        self.text_unscanned = 0  # free-text rows beyond `FREE_TEXT_VALUES` distinct texts
        self._found_in: dict[str, Found] = {}  # the texts scanned (at most `FREE_TEXT_VALUES`)
        self._scanned: pa.Array | None = None  # the same texts, for `pc.index_in`
        self.examples: dict[str, str] = {}
        self._first_text = ""  # raw, kept in memory only: masked by the label the column gets
        self.found_in_text: Counter[str] = Counter()
        self.text_scores: dict[str, float] = {}
        self._probe: list[str] = []
        self._candidates: tuple[str, ...] | None = None
        self._free_text = False

    def add_all(self, values: pa.Array | pa.ChunkedArray | Sequence[object]) -> None:
        """A batch of the column's values, in order: counted by vectorised checks when they have
        one type (an Arrow array, or Python values of one type), else value by value."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        array = values if isinstance(values, pa.Array) else column_array(values)
        if array is None or not _vectorised(array.type):
            self.add_values(tuple(values.to_pylist() if isinstance(values, pa.Array) else values))
            return
        kind = array.type
        present = array.drop_null()
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            self.rows_seen += len(array) - len(present)
            self._add_strings(pc.cast(present, pa.string()))
            return
        self.rows_seen += len(array)
        self.non_null += len(present)
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            self.binary += len(present)
        elif pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            self._add_dates(present)
        elif pa.types.is_integer(kind) and self.info.kind != "boolean" and self._reads_texts:
            self._add_texts(pc.cast(present, pa.string()))

    @property
    def _reads_texts(self) -> bool:
        """Whether texts are still read beyond their count: the probe is open, or a label is a
        candidate, or the column is free text."""
        return self._candidates is None or bool(self._candidates) or self._free_text

    def _add_dates(self, dates: pa.Array) -> None:
        """Typed dates and timestamps (a timestamp's day and time of day where it was written)."""
        timed = np.zeros(len(dates), dtype=np.bool_)
        if pa.types.is_timestamp(dates.type):
            local = pc.local_timestamp(dates) if dates.type.tz is not None else dates
            timed = mask_of(pc.not_equal(local, pc.floor_temporal(local, unit="day")))
            dates = pc.cast(local, pa.date32())
        days = numpy_of(pc.cast(dates, pa.date32())).astype("datetime64[D]")
        self._add_days(days, timed)

    def _add_days(self, days: Days, timed: Mask) -> None:
        self.dates += len(days)
        self.spread.add_days(days, timed)

    def _add_strings(self, strings: pa.Array) -> None:
        """Texts (no nulls), trimmed; ISO and US dates counted as dates. Texts with non-ASCII
        characters are read value by value (Python reads digits and spaces more widely than
        RE2), and while the probe is still open so are all texts up to the one that fills it,
        so that it keeps its order."""
        texts = strip(strings)
        ascii = ascii_of(texts)
        if not ascii.all() and self._candidates is None:
            end = self._probe_end(texts, ascii)
            self.add_values(tuple(texts.slice(0, end).to_pylist()))
            texts, ascii = texts.slice(end), ascii[end:]
        if not ascii.all():
            self.add_values(tuple(texts.filter(arrow_of(~ascii)).to_pylist()))
            texts = texts.filter(arrow_of(ascii))
        if not len(texts):
            return
        shape = Shape(texts, all_ascii=True)
        self.rows_seen += len(texts)
        self.non_null += len(texts)
        maybe = shape.maybe_dates()
        if maybe.any():
            dated, days, timed = _written_dates(texts, np.flatnonzero(maybe))
            if dated.any():
                self._add_days(days, timed)
                texts = texts.filter(arrow_of(~dated))
                shape = Shape(texts, all_ascii=True)
        if len(texts):
            self._add_texts(texts, shape)

    def _probe_end(self, texts: pa.Array, ascii: Mask) -> int:
        """How many of the first texts hold the texts (not dates) that fill the probe; all of them
        when they do not fill it."""
        dated = _written_dates(texts, np.flatnonzero(ascii & Shape(texts).maybe_dates()))[0]
        other = np.flatnonzero(~ascii)
        dated[other] = [_reading(text)[0] == DATE for text in texts.take(arrow_of(other)).to_pylist()]
        wanted = PROBE_VALUES - len(self._probe)
        kept = np.flatnonzero(~dated)
        return int(kept[wanted - 1]) + 1 if len(kept) >= wanted else len(texts)

    def _add_texts(self, texts: pa.Array, shape: Shape | None = None) -> None:
        """Non-date texts (all ASCII): the probe's share one by one, the rest counted per candidate label by
        `columns.check_batch`; free text scanned per distinct value."""
        cut = 0
        if (byte_lengths(texts) > MAX_TEXT_CHARS).any():
            lengths = numpy_of(pc.utf8_length(texts))
            cut = int((lengths > MAX_TEXT_CHARS).sum())
        if cut:
            self.truncated += cut
            texts = pc.utf8_slice_codeunits(texts, 0, MAX_TEXT_CHARS)
            shape = None
        if self._candidates is None:
            probed = texts.slice(0, PROBE_VALUES - len(self._probe))
            for text in probed.to_pylist():
                self._take_text(text, 1)
            texts = texts.slice(len(probed))
            shape = None
        if not len(texts):
            return
        assert self._candidates is not None
        if self._candidates:
            shape = shape or Shape(texts, all_ascii=True)
        for label in self._candidates:
            assert shape is not None
            min_digits = 0 if label == self.name_label else VALUE_ONLY_MIN_DIGITS.get(label, 0)
            result = check_batch(label, shape, self.validators[label], self.exact_budget[label], min_digits)
            self.checked[label] += len(texts)
            self.valid[label] += int(result.valid.sum())
            self.by_shape_valid[label] += result.by_shape_valid
            if label not in self.examples and result.valid.any():
                self.examples[label] = mask_label(texts[int(np.argmax(result.valid))].as_py(), label)
        if self._free_text:
            self._scan_texts(texts)

    def _scan_texts(self, texts: pa.Array) -> None:
        """Free texts of a batch, as `_scan_text` takes them one by one: the texts not scanned
        yet (first seen first) while the budget lasts, then each row counted from what was found
        in its text, or as unscanned."""
        index = self._scanned_index(texts)
        new = np.flatnonzero(index < 0)
        if len(new) and self.text_budget > 0:
            encoded = pc.dictionary_encode(texts.take(arrow_of(new)))
            fresh = encoded.dictionary.slice(0, self.text_budget)
            for text in fresh.to_pylist():
                self._scan_new(text)
            codes = numpy_of(encoded.indices).astype(np.int64)
            index[new] = np.where(codes < len(fresh), len(self._found_in) - len(fresh) + codes, -1)
        self.text_unscanned += int((index < 0).sum())
        counts = np.bincount(index[index >= 0], minlength=len(self._found_in))
        found = list(self._found_in.values())
        for position in np.flatnonzero(counts):
            self._count_found(found[position], int(counts[position]))

    def _scanned_index(self, texts: pa.Array) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where each text is among those scanned so far (in the order they were), -1 if not."""
        if self._scanned is None or len(self._scanned) != len(self._found_in):
            self._scanned = strings_of(list(self._found_in))
        return numpy_of(pc.index_in(texts, value_set=self._scanned), fill=-1).astype(np.int64)

    def add_values(self, values: tuple[object, ...]) -> None:
        """A batch read value by value, in Python: the reference the vectorised path agrees with,
        and the path of values of mixed types. Each distinct value is read once and counted as
        often as it occurs; only the first `PROBE_VALUES` texts are taken one by one, in order,
        since they decide which checks the column gets."""
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
            self._take_text(value, count)

    def _take_text(self, text: str, count: int) -> None:
        if not self._first_text:
            self._first_text = text[:64]
        if self._candidates is None:
            self._probe.append(text)
            if len(self._probe) == PROBE_VALUES:
                self._decide()
        else:
            self._check(text, count)

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
        """Detectors on each distinct text once, while the column's budget of texts lasts; a text
        seen before is counted from what was found in it, at no cost."""
        found = self._found_in.get(text)
        if found is None:
            if self.text_budget <= 0:
                self.text_unscanned += count
                return
            found = self._scan_new(text)
        self._count_found(found, count)

    def _scan_new(self, text: str) -> Found:
        self.text_budget -= 1
        spans = detect_spans(text)
        found = tuple((label, score, mask_label(text[s:e], label)) for s, e, label, score in spans)
        self._found_in[text] = found
        return found

    def _count_found(self, found: Found, count: int) -> None:
        seen: set[str] = set()
        for label, score, example in found:
            if label not in seen:
                seen.add(label)
                self.found_in_text[label] += count
                self.examples.setdefault(label, example)
            self.text_scores[label] = max(self.text_scores.get(label, 0.0), score)

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
            rows_by_shape=0 if free_text or not rows else self.by_shape_valid[label],
            rows_unscanned=self.text_unscanned if free_text else 0,
        )
