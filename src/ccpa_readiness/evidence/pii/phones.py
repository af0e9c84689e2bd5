"""Phone-number validity as `phonenumbers.parse` + `is_valid_number` answer it, cheaper.

Two exact shortcuts, from phonenumbers' own metadata:

- `is_valid` follows `is_valid_number` step by step, with the number-type patterns of all regions
  of a country code matched in one RE2 set call (the library tries them one by one, each looked
  up in a regex cache; for the 25 regions of country code 1 that is most of its cost).
- `PhonePlans` skips a default region whose plan cannot take the value, without parsing it.
  Parsing accepts a value only if some national number it derives from the value's digits is of a
  number type (fixed line, mobile, toll free, ...) of a region of the value's country code. For a
  value of digits and the separators ` .-()` alone (no `+`, no extension, no letters) each such
  national number is a suffix of the digits: parsing strips at most the region's country code and
  national prefix (an IDD prefix aside). Every suffix those strips can leave is checked against the
  number types; wherever parsing could go another way (an IDD prefix that moves the number to
  another country, a national-prefix rule that rewrites digits) the region is parsed as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import phonenumbers
import re2
from phonenumbers import PhoneMetadata, PhoneNumberDesc

# the only characters the suffix argument above covers
_PLAIN = re.compile(r"[0-9 .\-()]+")
_NON_DIGIT = re.compile(r"\D")
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
        options = re2.Options()
        options.max_mem = 64 << 20
        self._set = re2.Set.FullMatchSet(options)
        # per pattern of the set: its region, whether it is the general description, its lengths
        self._roles: list[tuple[str, bool, Lengths]] = []
        for code in phonenumbers.region_codes_for_country_code(country_code):
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, code)
            if metadata is None:
                continue
            self._add(code, True, metadata.general_desc)
            for name in _TYPES:
                if name != "mobile" or not metadata.same_mobile_and_fixed_line_pattern:
                    self._add(code, False, getattr(metadata, name))
        self._set.Compile()

    def _add(self, code: str, general: bool, desc: PhoneNumberDesc | None) -> None:
        if desc is not None and desc.national_number_pattern:
            self._set.Add(desc.national_number_pattern)
            self._roles.append((code, general, frozenset(desc.possible_length or ())))

    def typed_regions(self, national: str) -> set[str]:
        """The regions (codes) `national` is of a number type of."""
        hits = self._set.Match(national)
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


@cache
def _leading_digits(region_code: str) -> re.Pattern[str] | None:
    metadata = PhoneMetadata.metadata_for_region(region_code)
    if metadata is None or metadata.leading_digits is None:
        return None
    return re.compile(metadata.leading_digits)


def is_valid(number: phonenumbers.PhoneNumber) -> bool:
    """`phonenumbers.is_valid_number(number)`, decided the way it decides."""
    country_code = number.country_code
    if country_code is None:
        return False
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return False
    national = phonenumbers.national_significant_number(number)
    typed = _country(country_code).typed_regions(national)
    if len(regions) == 1:
        return regions[0] in typed
    for code in regions:  # the region the number belongs to: the first that claims it
        if PhoneMetadata.metadata_for_region(code) is None:
            continue
        leading = _leading_digits(code)
        if leading is not None:
            if leading.match(national):
                return code in typed
        elif code in typed:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Region:
    """What parsing with one default region may strip from a number's digits."""

    code: str
    country_code: int
    idd: re.Pattern[str] | None
    # the national prefixes for parsing (the region's and its country's main region's), each with
    # whether a rule rewrites the digits it takes
    national_prefixes: tuple[tuple[re.Pattern[str], bool], ...]

    def cannot_take(self, digits: str) -> bool:
        """No national number that parsing can derive from `digits` is of a number type of this
        country (False also when parsing may go another way)."""
        if self.idd is not None and self.idd.match(digits):
            return False  # the digits may name another country
        code = str(self.country_code)
        offsets, pending = {0}, [0]
        while pending:  # every offset that strips, in any order and number, can reach
            offset = pending.pop()
            rest = digits[offset:]
            reached = [offset + len(code)] if rest.startswith(code) else []
            for prefix, rewrites in self.national_prefixes:
                match = prefix.match(rest)
                if match is None:
                    continue
                if rewrites and match.groups() and match.groups()[-1] is not None:
                    return False  # a rule rewrites these digits
                reached.append(offset + match.end())
            for new in reached:
                if new not in offsets:
                    offsets.add(new)
                    pending.append(new)
        country = _country(self.country_code)
        return not any(country.typed_regions(digits[offset:]) for offset in offsets)


def _region(code: str) -> _Region:
    metadata = PhoneMetadata.metadata_for_region(code)
    country = None if metadata is None else metadata.country_code
    assert metadata is not None and country is not None, code
    main = PhoneMetadata.metadata_for_region(phonenumbers.region_code_for_country_code(country))
    prefixes = []
    for source in (metadata, main) if main is not None and main is not metadata else (metadata,):
        if source.national_prefix_for_parsing:
            rewrites = bool(source.national_prefix_transform_rule)
            prefixes.append((re.compile(source.national_prefix_for_parsing), rewrites))
    idd = re.compile(metadata.international_prefix) if metadata.international_prefix else None
    return _Region(code, country, idd, tuple(prefixes))


def _validity(value: str, region_code: str | None) -> tuple[bool, bool]:
    try:
        number = phonenumbers.parse(value, region_code)
    except phonenumbers.NumberParseException:
        return False, False
    return (True, number.country_code == 1) if is_valid(number) else (False, False)


class PhonePlans:
    """The numbering plans of `regions` (region codes, as `phonenumbers.parse` takes them)."""

    def __init__(self, regions: Sequence[str]) -> None:
        self._regions = tuple(_region(code) for code in regions)

    def validity(self, value: str) -> tuple[bool, bool]:
        """(valid for its country code when written with `+`, else for the first of the regions
        it is valid for; valid as a North American number), as `phonenumbers.parse` then
        `is_valid_number` answer, region by region."""
        if value.lstrip().startswith("+"):
            return _validity(value, None)
        digits = _NON_DIGIT.sub("", value) if _PLAIN.fullmatch(value) else None
        for region in self._regions:
            if digits is not None and region.cannot_take(digits):
                continue
            answer = _validity(value, region.code)
            if answer[0]:
                return answer
        return False, False

    def none_valid(self, value: str) -> bool:
        """True only if no region's plan can take `value` (it is then valid for none of them)."""
        if _PLAIN.fullmatch(value) is None:
            return False
        digits = _NON_DIGIT.sub("", value)
        return all(region.cannot_take(digits) for region in self._regions)
