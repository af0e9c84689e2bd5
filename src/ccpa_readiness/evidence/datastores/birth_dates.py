"""Whether a column's dates spread the way dates of birth do, whatever the column is called.

Dates of birth of a customer population lie years in the past (hardly anyone under 14, nobody over
110), spread over decades, and carry no time of day. Record dates (`created`, `hire_date`,
`expires`) crowd the last few years, reach the future or carry times. Counted per age in whole
years, so memory stays small whatever the table's size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import numpy as np

MIN_DATES = 20  # fewer dated values say nothing of their spread
YOUNGEST_AGE = 14  # the 10th percentile of ages is at least this (customers, not last week's orders)
OLDEST_AGE = 110  # the 90th percentile of ages is at most this
MIN_SPREAD_YEARS = 8  # ages between the 25th and 75th percentile span at least this many years
MAX_TIMED_SHARE = 0.05  # a time of day other than midnight marks a timestamp
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def us_date(text: str) -> dt.date | None:
    """`03/15/1985` (month/day/year, the way US systems export dates of birth), or None."""
    match = _US_DATE.fullmatch(text)
    if match is None:
        return None
    month, day, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateSpread:
    """Ages (whole years before `as_of`) of the dates fed with `add`."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.ages: Counter[int] = Counter()
        self.count = 0
        self.future = 0
        self.timed = 0

    def add(self, value: dt.date, count: int = 1) -> None:
        self.count += count
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0, 0):
                self.timed += count
            value = value.date()
        if value > self.as_of:
            self.future += count
            return
        self.ages[(self.as_of - value).days // 365] += count

    def add_days(self, days: np.ndarray[Any, np.dtype[np.datetime64]], timed: np.ndarray[Any, Any]) -> None:
        """Many dates at once (`timed`: which carry a time of day other than midnight), as `add`."""
        self.count += len(days)
        self.timed += int(timed.sum())
        as_of = np.datetime64(self.as_of, "D")
        future = days > as_of
        self.future += int(future.sum())
        ages = (as_of - days[~future]).astype(np.int64) // 365
        found, counts = np.unique(ages, return_counts=True)
        self.ages.update(dict(zip(found.tolist(), counts.tolist(), strict=True)))

    def _age_at(self, share: float) -> int:
        """The age below which `share` of the dates lie."""
        wanted, seen = share * sum(self.ages.values()), 0
        for age in sorted(self.ages):
            seen += self.ages[age]
            if seen >= wanted:
                return age
        return max(self.ages)

    def looks_like_birth_dates(self) -> bool:
        if self.count < MIN_DATES or self.future or self.timed > MAX_TIMED_SHARE * self.count:
            return False
        if self._age_at(0.1) < YOUNGEST_AGE or self._age_at(0.9) > OLDEST_AGE:
            return False
        return self._age_at(0.75) - self._age_at(0.25) >= MIN_SPREAD_YEARS
