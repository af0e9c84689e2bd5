"""A cheap, exact test that a number written without a country code is valid in none of a set of
regions, from phonenumbers' own metadata, so that the library's parsing runs only where it can say
yes.

`phonenumbers.parse(value, region)` followed by `is_valid_number` accepts a value only if some
national number it can derive from the value's digits fits one number type (fixed line, mobile,
toll free, ...) of a region of the value's country code. For a value of digits and the separators
` .-()` alone (no `+`, no extension, no letters) every such national number is a suffix of the
digits: parsing strips at most the region's international (IDD) prefix, its country code and its
national prefix. `PhonePlans.none_valid` checks every suffix those strips can leave against the
number types, and answers True only when none fits, for every region; wherever parsing could go
another way (an IDD prefix that moves the number to another country, a national-prefix rule that
rewrites digits) it answers False and leaves the answer to phonenumbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata

# the only characters the exactness argument above covers
_PLAIN = re.compile(r"[0-9 .\-()]+")
_NON_DIGIT = re.compile(r"\D")
_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail", "fixed_line", "mobile",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Region:
    """What parsing a number with one default region strips and against what it validates."""

    country_code: str
    idd: re.Pattern[str] | None
    # national prefixes for parsing (the region's and its country's main region's), with whether
    # the region rewrites the digits a match takes (a transform rule)
    national_prefixes: tuple[tuple[re.Pattern[str], bool], ...]


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
    return _Region(str(country), idd, tuple(prefixes))


@cache
def _fits(country_code: str, length: int) -> re.Pattern[str] | None:
    """One pattern that a national number of `length` digits fully matches if it is of some number
    type of some region of `country_code` (None: of none)."""
    alternatives = [
        fits.pattern
        for code in phonenumbers.region_codes_for_country_code(int(country_code))
        if (fits := _type_pattern(int(country_code), code, length)) is not None
    ]
    return re.compile("|".join(alternatives)) if alternatives else None


@cache
def _type_pattern(country_code: int, region_code: str, length: int) -> re.Pattern[str] | None:
    """What a national number of `length` digits fully matches if and only if it is of a number
    type of the region (phonenumbers' `_number_type_helper` is not UNKNOWN): the general
    description, then any type whose possible lengths allow `length`. None: no such number."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region_code)
    if metadata is None:
        return None
    general = metadata.general_desc
    if general is None or not general.national_number_pattern or not _matches_length(general, length):
        return None
    types = []
    for name in _TYPES:
        if name == "mobile" and metadata.same_mobile_and_fixed_line_pattern:
            continue  # checked only as the fixed line's own pattern
        desc = getattr(metadata, name)
        if desc is not None and desc.national_number_pattern and _matches_length(desc, length):
            types.append(f"(?:{desc.national_number_pattern})")
    if not types:
        return None
    return re.compile(f"(?=(?:{general.national_number_pattern})\\Z)(?:{'|'.join(types)})\\Z")


def _matches_length(desc: phonenumbers.PhoneNumberDesc, length: int) -> bool:
    return not desc.possible_length or length in desc.possible_length


def _of_a_type(country_code: int, region_code: str, national: str) -> bool:
    pattern = _type_pattern(country_code, region_code, len(national))
    return pattern is not None and pattern.match(national) is not None


@cache
def _leading_digits(region_code: str) -> re.Pattern[str] | None:
    metadata = PhoneMetadata.metadata_for_region(region_code)
    if metadata is None or metadata.leading_digits is None:
        return None
    return re.compile(metadata.leading_digits)


def is_valid(number: phonenumbers.PhoneNumber) -> bool:
    """`phonenumbers.is_valid_number(number)`, step by step as it decides, with each region's
    number-type patterns compiled once (the library recompiles them through a cache per call)."""
    country_code = number.country_code
    if country_code is None:
        return False
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return False
    national = phonenumbers.national_significant_number(number)
    if len(regions) == 1:
        return _of_a_type(country_code, regions[0], national)
    for code in regions:  # the region the number belongs to: the first that claims it
        if PhoneMetadata.metadata_for_region(code) is None:
            continue
        leading = _leading_digits(code)
        if leading is not None:
            if leading.match(national):
                return _of_a_type(country_code, code, national)
        elif _of_a_type(country_code, code, national):
            return True
    return False


def _validity(value: str, region_code: str | None) -> tuple[bool, bool]:
    try:
        number = phonenumbers.parse(value, region_code)
    except phonenumbers.NumberParseException:
        return False, False
    return (True, number.country_code == 1) if is_valid(number) else (False, False)


class PhonePlans:
    """The numbering plans of `regions` (region codes, as `phonenumbers.parse` takes them)."""

    def __init__(self, regions: Sequence[str]) -> None:
        self._codes = tuple(regions)
        self._regions = [_region(code) for code in regions]

    def validity(self, value: str) -> tuple[bool, bool]:
        """(valid for its country code when written with `+`, else for one of the regions, in
        order; valid as a North American number): what `phonenumbers.parse` then
        `is_valid_number` answer, skipping the regions whose plan cannot take the value."""
        if value.lstrip().startswith("+"):
            return _validity(value, None)
        plain = _PLAIN.fullmatch(value) is not None
        digits = _NON_DIGIT.sub("", value)
        for code, region in zip(self._codes, self._regions, strict=True):
            if plain and self._none_valid_in(region, digits):
                continue
            answer = _validity(value, code)
            if answer[0]:
                return answer
        return False, False

    def none_valid(self, value: str) -> bool:
        """True only if `phonenumbers.parse(value, region)` gives a valid number for none of the
        regions; False when some may (or when this test cannot tell)."""
        if _PLAIN.fullmatch(value) is None:
            return False
        digits = _NON_DIGIT.sub("", value)
        return all(self._none_valid_in(region, digits) for region in self._regions)

    @staticmethod
    def _none_valid_in(region: _Region, digits: str) -> bool:
        if region.idd is not None and region.idd.match(digits):
            return False  # the digits may name another country
        offsets, pending = {0}, [0]
        while pending:  # every offset a sequence of strips can reach, each strip once or more
            offset = pending.pop()
            rest = digits[offset:]
            reached = []
            if rest.startswith(region.country_code):
                reached.append(offset + len(region.country_code))
            for prefix, rewrites in region.national_prefixes:
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
        for offset in offsets:
            national = digits[offset:]
            fits = _fits(region.country_code, len(national))
            if fits is not None and fits.match(national):
                return False
        return True
