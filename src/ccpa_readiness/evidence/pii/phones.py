"""Phone-number validity as `phonenumbers.parse` + `is_valid_number` answer it, cheaper.

Two exact shortcuts, from phonenumbers' own metadata:

- `is_valid` follows `is_valid_number` step by step, with the number-type patterns of all regions
  of a country code matched in one RE2 set call (the library tries them one by one, each looked
  up in a regex cache; for the 25 regions of country code 1 that is most of its cost).
- `PhonePlans` follows `parse` itself for a value of digits and the separators ` .-()` alone,
  with or without a leading `+` (no extension, no letters: what the phone patterns match): the
  country code is the default region's, or the one after `+` or an IDD prefix; the national number
  is the digits left with, as the metadata decides, the country code and national prefix
  stripped. Where a national-prefix rule rewrites digits, and for any other value, phonenumbers
  parses it. A test compares both with phonenumbers on random numbers of phone shapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberDesc

from ccpa_readiness.evidence.common.re2_sets import set_match
from ccpa_readiness.evidence.pii.digits import digits_of

# the only characters `_Region.read` and `_international` follow parsing for
_PLAIN = re.compile(r"[0-9 .\-()]+")
# the number types in the order `_number_type_helper` tries them
_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail", "fixed_line", "mobile",
)  # fmt: skip

Lengths = frozenset[int]
"""A number description's possible lengths (empty: any)."""


class _Country:
    """The number types of every region of one country code, as one RE2 set matched against the
    whole national number: the regions whose general description and some number type the number
    fits (phonenumbers' `_number_type_helper` is not UNKNOWN)."""

    def __init__(self, country_code: int) -> None:
        patterns: list[str] = []
        # per pattern of the set: its region, whether it is the general description, its lengths
        self._roles: list[tuple[str, bool, Lengths]] = []
        regions = phonenumbers.region_codes_for_country_code(country_code)
        self._single = regions[0] if len(regions) == 1 else None
        # with several regions, which one a number belongs to: the first that claims it by its
        # leading digits or, for a region without them, by being of one of its number types
        self._claims: list[tuple[str, str | None]] = []  # (region, its leading-digits pattern)
        for code in regions:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, code)
            if metadata is None:
                continue
            if PhoneMetadata.metadata_for_region(code) is not None:
                self._claims.append((code, metadata.leading_digits))
            self._add(patterns, code, True, metadata.general_desc)
            for name in _TYPES:
                if name != "mobile" or not metadata.same_mobile_and_fixed_line_pattern:
                    self._add(patterns, code, False, getattr(metadata, name))
        self._match = set_match(patterns, whole=True)

    def _add(self, patterns: list[str], code: str, general: bool, desc: PhoneNumberDesc | None) -> None:
        if desc is not None and desc.national_number_pattern:
            patterns.append(desc.national_number_pattern)
            self._roles.append((code, general, frozenset(desc.possible_length or ())))

    def valid(self, national: str) -> bool:
        """`is_valid_number` for a number of this country code and this national number."""
        typed = self.typed_regions(national)
        if not typed:
            return False  # of no region's types, whichever region it belongs to
        if self._single is not None:
            return self._single in typed
        for code, leading in self._claims:
            if leading is not None:
                if _compiled(leading).match(national):
                    return code in typed
            elif code in typed:
                return True
        return False

    def typed_regions(self, national: str) -> set[str]:
        """The regions (codes) `national` is of a number type of."""
        hits = self._match(national.encode())
        if not hits:
            return set()
        length = len(national)
        generals: set[str] = set()
        types: set[str] = set()
        for index in hits:
            code, general, lengths = self._roles[index]
            if not lengths or length in lengths:
                (generals if general else types).add(code)
        return generals & types


@cache
def _country(country_code: int) -> _Country:
    return _Country(country_code)


def is_valid(number: phonenumbers.PhoneNumber) -> bool:
    """`phonenumbers.is_valid_number(number)`, decided the way it decides."""
    if number.country_code is None:
        return False
    return _valid_national(number.country_code, phonenumbers.national_significant_number(number))


def _valid_national(country_code: int, national: str) -> bool:
    if country_code not in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        return False
    return _country(country_code).valid(national)


class _Unsure(Exception):
    """Parsing may take a way `_Region.read` does not follow: phonenumbers parses the value."""


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A metadata pattern compiled the first time it is used (most `+` numbers never use their
    country's general pattern, national prefix or regions' leading digits: the 319 of all
    regions take 0.025 CPU s to compile)."""
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What `phonenumbers.parse` reads of one region's metadata for a number without `+`."""

    national_prefix: str | None  # the pattern, compiled where a number is tried on it
    rewrites: bool  # a transform rule rewrites what the national prefix takes
    general: str | None  # the general description's pattern, compiled where a number is tried on it
    lengths: tuple[int, ...]
    local_lengths: tuple[int, ...]

    @classmethod
    def of(cls, metadata: PhoneMetadata) -> _Plan:
        general = metadata.general_desc
        assert general is not None, metadata.id
        return cls(
            metadata.national_prefix_for_parsing or None,
            bool(metadata.national_prefix_transform_rule),
            general.national_number_pattern or None,
            tuple(general.possible_length),
            tuple(general.possible_length_local_only or ()),
        )

    def general_fits(self, number: str) -> bool:
        return self.general is not None and _compiled(self.general).fullmatch(number) is not None

    def strip_national_prefix(self, number: str) -> str:
        """`_maybe_strip_national_prefix_carrier_code`: the number without its national prefix."""
        if not number or self.national_prefix is None:
            return number
        match = _compiled(self.national_prefix).match(number)
        if match is None:
            return number
        if self.rewrites and (not match.groups() or match.groups()[-1] is not None):
            raise _Unsure
        if self.general_fits(number) and not self.general_fits(number[match.end() :]):
            return number
        return number[match.end() :]

    def national_significant(self, national: str) -> str | None:
        """The end of `parse`: the national prefix stripped where what is left has a possible
        length; None where the number is too short or too long."""
        if len(national) < _MIN_LENGTH:
            return None
        stripped = self.strip_national_prefix(national)
        if self.length_is(stripped) not in ("short", "local", "invalid"):
            national = stripped
        return national if _MIN_LENGTH <= len(national) <= _MAX_LENGTH else None

    def length_is(self, number: str) -> str:
        """`_test_number_length` for an unknown type: possible, local, short, long or invalid."""
        length = len(number)
        if not self.lengths:
            raise _Unsure
        if length in self.local_lengths:
            return "local"
        if self.lengths[0] == length:
            return "possible"
        if self.lengths[0] > length:
            return "short"
        if self.lengths[-1] < length:
            return "long"
        return "possible" if length in self.lengths[1:] else "invalid"


@dataclass(frozen=True, slots=True)
class _Region:
    """A default region, as parsing a number written without `+` uses it."""

    code: str
    country_code: int
    idd: re.Pattern[str] | None
    own: _Plan
    main: _Plan  # the plan of the country code's main region (the region's own when it is it)

    def read(self, digits: str) -> tuple[int, str] | None:
        """The country code and national number `phonenumbers.parse` reads in a number of these
        `digits` (and separators) with this default region, None where it raises; `_Unsure`
        where it may do more."""
        idd = None if self.idd is None else self.idd.match(digits)
        if idd is not None and not digits[idd.end() :].startswith("0"):
            return _international(digits[idd.end() :])  # dialled abroad: the country code follows
        plan = self.own
        national = digits
        code = str(self.country_code)
        if digits.startswith(code):  # `_maybe_extract_country_code`, from the default country
            stripped = plan.strip_national_prefix(digits[len(code) :])
            fits_only_stripped = not plan.general_fits(digits) and plan.general_fits(stripped)
            if fits_only_stripped or plan.length_is(digits) == "long":
                national, plan = stripped, self.main
        significant = plan.national_significant(national)
        return None if significant is None else (self.country_code, significant)


_MIN_LENGTH, _MAX_LENGTH = 2, 17  # of a national significant number, as phonenumbers has them
# parsing takes at most this many characters
_MAX_INPUT = 250


@cache
def _region(code: str) -> _Region:
    """The region's plan, built the first time a number is tried in it (most numbers are valid
    in the first region: the others' metadata is then never loaded)."""
    metadata = PhoneMetadata.metadata_for_region(code)
    country = None if metadata is None else metadata.country_code
    assert metadata is not None and country is not None, code
    own = _Plan.of(metadata)
    main_code = phonenumbers.region_code_for_country_code(country)
    main = PhoneMetadata.metadata_for_region(main_code)
    assert main is not None, main_code
    idd = re.compile(metadata.international_prefix) if metadata.international_prefix else None
    return _Region(code, country, idd, own, own if main_code == code else _Plan.of(main))


def _international(digits: str) -> tuple[int, str] | None:
    """The country code and national number `phonenumbers.parse` reads in `+` and these `digits`
    (and separators), None where it raises; `_Unsure` where it may do more."""
    if len(digits) <= _MIN_LENGTH or digits[0] == "0":
        return None
    for size in range(1, min(len(digits), 3) + 1):
        country_code = int(digits[:size])
        if country_code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = _country_plan(country_code).national_significant(digits[size:])
    return None if national is None else (country_code, national)


@cache
def _country_plan(country_code: int) -> _Plan:
    """The plan of a country code's main region (or of the non-geographic entity it names)."""
    main = phonenumbers.region_code_for_country_code(country_code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, main)
    if metadata is None:
        raise _Unsure
    return _Plan.of(metadata)


def _validity(value: str, region_code: str | None) -> tuple[bool, bool]:
    try:
        number = phonenumbers.parse(value, region_code)
    except phonenumbers.NumberParseException:
        return False, False
    return (True, number.country_code == 1) if is_valid(number) else (False, False)


def _plain(value: str, digits: str) -> bool:
    """Digits and separators alone, at least three digits (parsing finds such a value viable)."""
    return len(value) < _MAX_INPUT and len(digits) >= 3 and _PLAIN.fullmatch(value) is not None


class PhonePlans:
    """The numbering plans of `regions` (region codes, as `phonenumbers.parse` takes them)."""

    def __init__(self, regions: Sequence[str]) -> None:
        self._codes = tuple(regions)

    def validity(self, value: str) -> tuple[bool, bool]:
        """(valid for its country code when written with `+`, else for the first of the regions
        it is valid for; valid as a North American number), as `phonenumbers.parse` then
        `is_valid_number` answer, region by region."""
        digits = digits_of(value)
        if value.lstrip().startswith("+"):
            if not (value[0] == "+" and _plain(value[1:], digits)):
                return _validity(value, None)
            try:
                read = _international(digits)
            except _Unsure:
                return _validity(value, None)
            if read is None or not _valid_national(*read):
                return False, False
            return True, read[0] == 1
        plain = _plain(value, digits)
        for region in map(_region, self._codes):
            if not plain:
                answer = _validity(value, region.code)
            else:
                try:
                    read = region.read(digits)
                except _Unsure:
                    answer = _validity(value, region.code)
                else:
                    if read is None or not _valid_national(*read):
                        continue
                    answer = True, read[0] == 1
            if answer[0]:
                return answer
        return False, False
