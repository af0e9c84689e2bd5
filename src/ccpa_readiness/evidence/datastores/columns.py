"""Vectorised value checks over a batch of a column's texts (pyarrow compute with RE2, numpy).

Each label's check decides, for every value at once, what it can decide exactly as the PII
package's per-value validator would (`evidence.pii.validator_for`): card numbers (length, first
digit, one kind of separator, Luhn), SSNs and ITINs (SSA/IRS groups, stdnum's blacklist), ABA
routing numbers (checksum), bank account numbers, emails (the validator's own pattern), IPv4
addresses. What it cannot decide (phone numbers, IPv6 addresses, texts with non-ASCII
characters) is left open: the open values go, distinct and up to a budget per column
(`ExactBudget`), to the exact validator, and the rest are counted by their shape (`plausible`),
saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from stdnum.us import ssn

from ccpa_readiness.evidence.datastores.arrays import arrow_of, numpy_of, python_array
from ccpa_readiness.evidence.pii.validators import EMAIL_PATTERN

Mask = np.ndarray[Any, np.dtype[np.bool_]]
IntMatrix = np.ndarray[Any, np.dtype[np.int64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]

# labels whose values are digits and separators never hold a letter (see profile.LETTERS_ALLOWED)
LETTERS_ALLOWED = frozenset({"EMAIL_ADDRESS", "IP_ADDRESS"})
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
_IPV4 = rf"^{_OCTET}(?:\.{_OCTET}){{3}}$"
_IPV6_SHAPE = r"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z_.\-]+)?$"
PHONE_SHAPE = r"^\+?[0-9 ().\-/]+$"  # `Shape.phone_characters`
PHONE_SHAPE_DIGITS = (7, 15)  # E.164: at most 15 digits; a subscriber number has at least 7
_SSN_BLACKLIST = frozenset(int(number.replace("-", "")) for number in ssn._ssn_blacklist)
_ITIN_GROUPS = frozenset({*range(70, 100)} - {89, 93} | {*range(50, 66)})
# ISO dates and timestamps written as text (profile._ISO_DATE), and US month/day/year dates
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]+(?:Z|[+\-][0-9:]+)?)?$"
US_DATE = r"^(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})/(?P<year>[0-9]{4})$"


@cache
def whitespace() -> str:
    """The characters `str.strip()` removes (`str.isspace`), for `pc.utf8_trim`."""
    return "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def column_array(values: Sequence[object]) -> pa.Array | None:
    """The values as one Arrow array when all of them (None aside) have one plain Python type
    (str, int, float, bool, date, datetime); None when they mix types (read value by value)."""
    types = set(map(type, values)) - {type(None)}
    if not types:
        return pa.nulls(len(values))
    if len(types) > 1 or not types <= {str, int, float, bool, dt.date, dt.datetime}:
        return None
    [kind] = types
    aware = kind is dt.datetime and any(getattr(value, "tzinfo", None) is not None for value in values)
    try:
        return pa.array(values) if aware else python_array(values, kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, UnicodeEncodeError):  # an int past 64 bits,
        # mixed time zones, a lone surrogate
        return None


def mask_of(array: pa.Array) -> Mask:
    """A boolean Arrow array as numpy, nulls as False."""
    return np.asarray(numpy_of(array), dtype=np.bool_)


def _offsets(texts: pa.Array) -> IntArray:
    """Where each text of a string array starts in its data buffer, and where the last ends."""
    found = np.frombuffer(texts.buffers()[1], dtype=np.int32)[texts.offset : texts.offset + len(texts) + 1]
    return found.astype(np.int64)


def byte_lengths(texts: pa.Array) -> IntArray:
    """Each text's length in UTF-8 bytes (at least its length in characters)."""
    return np.diff(_offsets(texts)) if len(texts) else np.zeros(0, dtype=np.int64)


def _data(texts: pa.Array) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """The bytes of a string array's texts (from its first offset to its last)."""
    offsets = _offsets(texts)
    buffer = texts.buffers()[2]
    if buffer is None or not len(texts):
        return np.zeros(0, dtype=np.uint8)
    return np.frombuffer(buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]


def strip(texts: pa.Array) -> pa.Array:
    """`str.strip()` of each text (no nulls); the texts as they are when none starts or ends with
    a byte that may be a space: an ASCII space or control character (`str.isspace` holds for
    9-13 and 28-32) or any byte of a non-ASCII character (an empty text may pass for one)."""
    data = _data(texts)
    if len(data):
        offsets = _offsets(texts)
        offsets -= offsets[0]
        ends = data[np.concatenate((np.minimum(offsets[:-1], len(data) - 1), np.maximum(offsets[1:] - 1, 0)))]
        if (ends <= 32).any() or (ends >= 0x80).any():
            return pc.utf8_trim(texts, characters=whitespace())
    return texts


def ascii_of(texts: pa.Array) -> Mask:
    """Which texts hold only ASCII characters (all, at the cost of one pass over the bytes, when
    no byte is past 0x7f)."""
    if not (_data(texts) >= 0x80).any():
        return np.ones(len(texts), dtype=np.bool_)
    return mask_of(pc.string_is_ascii(texts))


def _contains(texts: pa.Array, pattern: str) -> Mask:
    return mask_of(pc.match_substring_regex(texts, pattern))


def luhn_valid(matrix: IntMatrix) -> Mask:
    """Luhn checksum of each row: every second digit from the right doubled."""
    doubled = matrix.copy()
    doubled[:, -2::-2] *= 2
    doubled[doubled > 9] -= 9
    return np.asarray(doubled.sum(axis=1) % 10 == 0, dtype=np.bool_)


def _not_all_same(matrix: IntMatrix) -> Mask:
    return np.asarray((matrix != matrix[:, :1]).any(axis=1), dtype=np.bool_)


def _as_int(matrix: IntMatrix) -> np.ndarray[Any, np.dtype[np.int64]]:
    return np.asarray(matrix @ (10 ** np.arange(matrix.shape[1] - 1, -1, -1)), dtype=np.int64)


# byte classes counted per text in one pass: digits, letters, the separators, date slashes, a
# phone number's parentheses and plus sign, and any byte of a non-ASCII character
OTHER, DIGIT, LETTER, SPACE, DOT, DASH, SLASH, PAREN, PLUS, NON_ASCII = range(10)
CLASSES = 10
_BYTE_CLASS = np.zeros(256, dtype=np.uint8)
_BYTE_CLASS[ord("0") : ord("9") + 1] = DIGIT
_BYTE_CLASS[ord("A") : ord("Z") + 1] = LETTER
_BYTE_CLASS[ord("a") : ord("z") + 1] = LETTER
_BYTE_CLASS[[ord(" "), ord("."), ord("-"), ord("/")]] = [SPACE, DOT, DASH, SLASH]
_BYTE_CLASS[[ord("("), ord(")"), ord("+")]] = [PAREN, PAREN, PLUS]
_BYTE_CLASS[0x80:] = NON_ASCII


class Shape:
    """What the checks need of a batch of texts (no nulls), each computed once when first asked,
    on the Arrow buffer with numpy: how many bytes of each class (`DIGIT`, `LETTER`...) each text
    holds, and where its digits are."""

    def __init__(self, texts: pa.Array, all_ascii: bool = False) -> None:
        self.texts = texts
        self.all_ascii = all_ascii  # known by the caller: no text holds a non-ASCII character
        size = len(texts)
        self.offsets = _offsets(texts)
        buffer = texts.buffers()[2]
        data = np.frombuffer(buffer, dtype=np.uint8) if buffer is not None else np.zeros(0, np.uint8)
        self.data = data[self.offsets[0] : self.offsets[-1]] if size else data[:0]
        self.offsets -= self.offsets[0] if size else 0

    @cached_property
    def _classes(self) -> np.ndarray[Any, np.dtype[np.uint8]]:
        return np.asarray(np.take(_BYTE_CLASS, self.data), dtype=np.uint8)

    @cached_property
    def counts(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Texts x byte classes."""
        size = len(self.texts)
        row = np.repeat(np.arange(0, size * CLASSES, CLASSES, dtype=np.int64), np.diff(self.offsets))
        return np.bincount(row + self._classes, minlength=size * CLASSES).reshape(size, CLASSES)

    @cached_property
    def digits_of(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """The digits of all texts, in order."""
        return np.asarray(self.data[self._classes == DIGIT], dtype=np.int64) - 48

    @cached_property
    def starts(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where each text's digits start in `digits_of`."""
        return np.concatenate(([0], np.cumsum(self.digit_count)[:-1])).astype(np.int64)

    @property
    def digit_count(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return np.asarray(self.counts[:, DIGIT], dtype=np.int64)

    @cached_property
    def ascii(self) -> Mask:
        if self.all_ascii:
            return np.ones(len(self.texts), dtype=np.bool_)
        return ascii_of(self.texts)

    @property
    def letter(self) -> Mask:
        return np.asarray(self.counts[:, LETTER] > 0, dtype=np.bool_)

    @property
    def one_separator_kind(self) -> Mask:
        kinds = (self.counts[:, [SPACE, DOT, DASH]] > 0).sum(axis=1)
        return np.asarray(kinds <= 1, dtype=np.bool_)

    @property
    def phone_characters(self) -> Mask:
        """Texts matching `PHONE_SHAPE`: digits, spaces, parentheses, dots, dashes and slashes
        only, after at most one plus sign at the start."""
        counts = self.counts
        allowed = counts[:, [DIGIT, SPACE, DOT, DASH, SLASH, PAREN]].sum(axis=1)
        plus = counts[:, PLUS]
        lengths = np.diff(self.offsets)
        first = np.zeros(len(lengths), dtype=np.uint8)
        first[lengths > 0] = self.data[self.offsets[:-1][lengths > 0]]
        leading = (plus == 0) | ((plus == 1) & (first == ord("+")))
        return np.asarray((allowed > 0) & (allowed + plus == lengths) & leading, dtype=np.bool_)

    def maybe_dates(self) -> Mask:
        """Texts that may be ISO (`1985-03-15...`) or US (`3/15/1985`) dates, which start with a
        digit and hold at least 8 characters: the rest need no date regex."""
        lengths = np.diff(self.offsets)
        long_enough = np.flatnonzero(lengths >= 8)
        first = self.data[self.offsets[long_enough]]
        maybe = np.zeros(len(self.texts), dtype=np.bool_)
        maybe[long_enough] = (first >= 48) & (first <= 57)
        return maybe

    def digits(self, rows: np.ndarray[Any, np.dtype[np.intp]], width: int) -> IntMatrix:
        """The digits of `rows` (each holding exactly `width` of them) as an int matrix."""
        return np.asarray(self.digits_of[self.starts[rows][:, None] + np.arange(width)], dtype=np.int64)

    def by_length(self, usable: Mask, lengths: range, check: Callable[[IntMatrix, int], Mask]) -> Mask:
        """`check(digits, length)` on the usable rows, grouped by their number of digits."""
        valid = np.zeros(len(self.texts), dtype=np.bool_)
        for length in lengths:
            rows = np.flatnonzero(usable & (self.digit_count == length))
            if len(rows):
                valid[rows] = check(self.digits(rows, length), length)
        return valid


def _card(matrix: IntMatrix, length: int) -> Mask:
    first = matrix[:, 0]
    network = (first >= 1) & (first <= 6) & ~((length == 13) & (first == 1))
    return np.asarray(network & _not_all_same(matrix) & luhn_valid(matrix), dtype=np.bool_)


def _ssn(matrix: IntMatrix, length: int) -> Mask:
    area = matrix[:, 0] * 100 + matrix[:, 1] * 10 + matrix[:, 2]
    group = matrix[:, 3] * 10 + matrix[:, 4]
    serial = _as_int(matrix[:, 5:])
    listed = np.isin(_as_int(matrix), list(_SSN_BLACKLIST))
    valid = (area != 0) & (area != 666) & (matrix[:, 0] != 9) & (group != 0) & (serial != 0)
    return np.asarray(valid & ~listed & _not_all_same(matrix), dtype=np.bool_)


def _itin(matrix: IntMatrix, length: int) -> Mask:
    group = matrix[:, 3] * 10 + matrix[:, 4]
    return np.asarray((matrix[:, 0] == 9) & np.isin(group, list(_ITIN_GROUPS)), dtype=np.bool_)


def _aba(matrix: IntMatrix, length: int) -> Mask:
    d = matrix
    check = (
        7 * (d[:, 0] + d[:, 3] + d[:, 6]) + 3 * (d[:, 1] + d[:, 4] + d[:, 7]) + 9 * (d[:, 2] + d[:, 5])
    ) % 10
    return np.asarray((check == d[:, 8]) & d.any(axis=1), dtype=np.bool_)


def _account(matrix: IntMatrix, length: int) -> Mask:
    return _not_all_same(matrix)


_DIGIT_CHECKS: dict[str, tuple[range, bool, Callable[[IntMatrix, int], Mask]]] = {
    # label: (digit counts, one kind of separator required, check on the digits)
    "CREDIT_CARD": (range(12, 20), True, _card),
    "US_SSN": (range(9, 10), True, _ssn),
    "US_ITIN": (range(9, 10), True, _itin),
    "ABA_ROUTING_NUMBER": (range(9, 10), False, _aba),
    "BANK_ACCOUNT": (range(8, 18), False, _account),
}


@dataclass(frozen=True)
class Decision:
    """`valid`: decided valid; `open`: not decided here (the exact validator must say); the rest
    is decided invalid."""

    valid: Mask
    open: Mask


def decide(label: str, shape: Shape, min_digits: int = 0) -> Decision:
    """The vectorised check of `label` on a batch, with the profile's shaping: no letters in a
    digit label, at least `min_digits` digits."""
    texts, ascii = shape.texts, shape.ascii
    nothing = np.zeros(len(texts), dtype=np.bool_)
    usable = ascii.copy()
    if label not in LETTERS_ALLOWED:
        usable &= ~shape.letter
    if min_digits:
        usable &= shape.digit_count >= min_digits
    if label in _DIGIT_CHECKS:
        lengths, one_kind, check = _DIGIT_CHECKS[label]
        return Decision(
            shape.by_length(usable & shape.one_separator_kind if one_kind else usable, lengths, check), ~ascii
        )
    if label == "EMAIL_ADDRESS":
        return Decision(usable & _contains(texts, f"^(?:{EMAIL_PATTERN.pattern})$"), ~ascii)
    if label == "IP_ADDRESS":
        return Decision(usable & _contains(texts, _IPV4), ~ascii | (usable & _contains(texts, ":")))
    if label == "PHONE_NUMBER":
        return Decision(nothing, ~ascii | (usable & (shape.digit_count > 0)))
    return Decision(nothing, np.ones(len(texts), dtype=np.bool_))


def plausible(label: str, shape: Shape) -> Mask:
    """Whether each value has the shape of `label` (counted so beyond the exact budget):
    a phone number's characters and 7 to 15 digits, an IPv6 address's characters; nothing for
    the other labels (their open values are texts with non-ASCII characters)."""
    if label == "PHONE_NUMBER":
        low, high = PHONE_SHAPE_DIGITS
        digits = (shape.digit_count >= low) & (shape.digit_count <= high)
        return np.asarray(shape.phone_characters & digits, dtype=np.bool_)
    if label == "IP_ADDRESS":
        return np.asarray(_contains(shape.texts, _IPV6_SHAPE) & shape.ascii, dtype=np.bool_)
    return np.zeros(len(shape.texts), dtype=np.bool_)


@dataclass
class Checked:
    """A label's check over a batch: which values hold it, and how many were decided by their
    shape alone (beyond the exact budget), of which how many hold it."""

    valid: Mask
    exact: int = 0  # distinct open values first given to the exact validator in this batch
    by_shape: int = 0
    by_shape_valid: int = 0


class ExactBudget:
    """One label's exact validator over one column, fed batch by batch: the first `size` distinct
    open values each go to the validator once (a value seen again keeps its verdict); from the row
    where a value beyond them appears, every open value is counted by its shape. What is counted
    which way depends on the column's values in order, never on how they are cut into batches.
    Keeps at most `size` values (cut at the profile's `MAX_TEXT_CHARS`)."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.spent = False  # a value beyond the budget was seen: the rest is counted by shape
        self._texts: list[pa.Array] = []
        self._verdicts: list[Mask] = []

    def verdicts(self, texts: pa.Array, exact: Callable[[str], bool]) -> tuple[Mask, int, int]:
        """The verdict of each text (in order) up to the first that is beyond the budget; that
        position (`len(texts)` when none is), and how many distinct texts went to `exact`."""
        known = pa.concat_arrays(self._texts) if self._texts else pa.nulls(0, pa.string())
        index = numpy_of(pc.index_in(texts, value_set=known), fill=-1).astype(np.int64)
        new = np.flatnonzero(index < 0)
        checked, cut = 0, len(texts)
        if len(new):
            encoded = pc.dictionary_encode(texts.take(arrow_of(new)))
            codes = numpy_of(encoded.indices).astype(np.int64)
            checked = min(self.left, len(encoded.dictionary))
            fresh = encoded.dictionary.slice(0, checked)
            self._texts.append(fresh)
            self._verdicts.append(np.array([exact(text) for text in fresh.to_pylist()], dtype=np.bool_))
            self.left -= checked
            index[new] = np.where(codes < checked, len(known) + codes, -1)
            if checked < len(encoded.dictionary):
                self.spent = True
                cut = int(new[np.argmax(codes >= checked)])
        verdicts = np.concatenate(self._verdicts) if self._verdicts else np.zeros(0, dtype=np.bool_)
        return np.asarray(verdicts[index[:cut]], dtype=np.bool_), cut, checked


def check_batch(
    label: str, shape: Shape, exact: Callable[[str], bool], budget: ExactBudget, min_digits: int = 0
) -> Checked:
    """`label` on every value: vectorised where it decides, else the exact validator within
    `budget`, and the values' shape beyond it."""
    decision = decide(label, shape, min_digits)
    valid = decision.valid.copy()
    rows = np.flatnonzero(decision.open)
    if len(rows) == 0:
        return Checked(valid)
    result = Checked(valid)
    cut = 0
    if not budget.spent:
        verdicts, cut, result.exact = budget.verdicts(shape.texts.take(arrow_of(rows)), exact)
        valid[rows[:cut]] = verdicts
    if cut < len(rows):
        beyond = rows[cut:]
        shaped = plausible(label, shape)[beyond]
        result.by_shape, result.by_shape_valid = len(beyond), int(shaped.sum())
        valid[beyond] = shaped
    return result


Days = np.ndarray[Any, np.dtype[np.datetime64]]


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _calendar_days(y: IntArray, m: IntArray, d: IntArray) -> tuple[Days, Mask]:
    """The days of years, months and days, and which of them are calendar days (`1990-02-30`
    and year 0 are not, as `datetime.date` says): the proleptic Gregorian day number in integer
    arithmetic (H. Hinnant's `days_from_civil`)."""
    month = np.clip(m, 1, 12)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    length = _MONTH_DAYS[month] + (leap & (month == 2))
    valid = (y >= 1) & (m >= 1) & (m <= 12) & (d >= 1) & (d <= length)
    year = np.where(month <= 2, y - 1, y)
    era = np.floor_divide(year, 400)
    of_era = year - era * 400
    of_year = (153 * ((month + 9) % 12) + 2) // 5 + np.where(valid, d, 1) - 1
    of_cycle = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    days = era * 146097 + of_cycle - 719468  # days since 1970-01-01
    return days.astype("datetime64[D]"), np.asarray(valid, dtype=np.bool_)


def _leading_bytes(
    texts: pa.Array, rows: np.ndarray[Any, Any], width: int
) -> np.ndarray[Any, np.dtype[np.int16]]:
    """The first `width` bytes of each text of `rows` (each at least that long), as numbers, one
    row each: straight from a view of the buffer when the texts are all equally long."""
    offsets = _offsets(texts)
    data = np.frombuffer(texts.buffers()[2], dtype=np.uint8)
    lengths = np.diff(offsets)
    if len(rows) == len(texts) and len(texts) and (lengths == lengths[0]).all():
        found = data[offsets[0] : offsets[-1]].reshape(len(texts), int(lengths[0]))[:, :width]
    else:
        found = data[offsets[rows][:, None] + np.arange(width)]
    return found.astype(np.int16)


def _digits(matrix: np.ndarray[Any, np.dtype[np.int16]], columns: list[int]) -> Mask:
    """Whether the bytes in `columns` of each row are ASCII digits."""
    picked = matrix[:, columns]
    return np.asarray(((picked >= ord("0")) & (picked <= ord("9"))).all(axis=1), dtype=np.bool_)


def _number(matrix: np.ndarray[Any, np.dtype[np.int16]], first: int, width: int) -> IntArray:
    value = np.zeros(len(matrix), dtype=np.int64)
    for position in range(first, first + width):
        value = value * 10 + matrix[:, position] - ord("0")
    return value


_DAY_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]  # YYYY-MM-DD
_TIME_DIGITS = [11, 12, 14, 15, 17, 18]  # YYYY-MM-DD HH:MM:SS


def iso_shaped(texts: pa.Array) -> Mask:
    """Texts that are `YYYY-MM-DD` or `YYYY-MM-DD[ T]HH:MM:SS` (ASCII digits), told from their
    bytes: all match `ISO_DATE`, whose regex is left for the other forms."""
    lengths = byte_lengths(texts)
    shaped = np.zeros(len(texts), dtype=np.bool_)
    for width in (10, 19):
        rows = np.flatnonzero(lengths == width)
        if not len(rows):
            continue
        b = _leading_bytes(texts, rows, width)
        good = _digits(b, _DAY_DIGITS) & (b[:, 4] == ord("-")) & (b[:, 7] == ord("-"))
        if width == 19:
            timed = (b[:, 10] == ord(" ")) | (b[:, 10] == ord("T"))
            good &= timed & (b[:, 13] == ord(":")) & (b[:, 16] == ord(":")) & _digits(b, _TIME_DIGITS)
        shaped[rows] = good
    return shaped


def iso_days(texts: pa.Array) -> tuple[Days, Mask]:
    """The day each ISO-dated text starts with (`date.fromisoformat` of its first ten
    characters), and which are calendar days. The texts match `ISO_DATE`: their first ten
    characters are ASCII digits and dashes, read straight from the Arrow buffer."""
    if not len(texts):
        return np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=np.bool_)
    b = _leading_bytes(texts, np.arange(len(texts)), 10)
    return _calendar_days(_number(b, 0, 4), _number(b, 5, 2), _number(b, 8, 2))


def iso_times(texts: pa.Array) -> tuple[Mask, Mask]:
    """Of ISO-dated texts (matching `ISO_DATE`), those whose time of day is decided here: none
    (the day alone) or `[ T]HH:MM:SS` read from the Arrow buffer, which `datetime.fromisoformat`
    reads as that time (an hour past 23, a minute or second past 59, as no time); and which of
    them carry one other than midnight. Other forms (fractions, time zones) are left open."""
    lengths = byte_lengths(texts)
    decided = lengths == 10
    timed = np.zeros(len(texts), dtype=np.bool_)
    rows = np.flatnonzero(lengths == 19)
    if len(rows):
        b = _leading_bytes(texts, rows, 19)
        plain = (
            ((b[:, 10] == ord(" ")) | (b[:, 10] == ord("T")))
            & (b[:, 13] == ord(":"))
            & (b[:, 16] == ord(":"))
        )
        plain &= _digits(b, _TIME_DIGITS)
        hour, minute, second = (_number(b, first, 2) for first in (11, 14, 17))
        decided[rows[plain]] = True
        valid = (hour < 24) & (minute < 60) & (second < 60) & (hour + minute + second > 0)
        timed[rows[plain]] = valid[plain]
    return np.asarray(decided, dtype=np.bool_), timed


def us_days(texts: pa.Array) -> tuple[Days, Mask]:
    """The day of each `03/15/1985` text (month/day/year), and which are calendar days."""
    parts = pc.extract_regex(texts, US_DATE)
    month, day, year = (
        numpy_of(pc.cast(pc.struct_field(parts, name), pa.int64())) for name in ("month", "day", "year")
    )
    return _calendar_days(year, month, day)
