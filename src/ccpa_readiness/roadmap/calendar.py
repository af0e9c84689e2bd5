"""Working days: no weekends, no public holidays of the plan's country, no listed holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays

SATURDAY = 5


@dataclass
class WorkingCalendar:
    """Working days from `start`; a task's days are indexes into `days(...)` (0 = first working day)."""

    start: dt.date
    country: str | None = "US"
    extra_holidays: frozenset[dt.date] = frozenset()
    _public: dict[int, set[dt.date]] = field(default_factory=dict, repr=False)

    def is_working(self, day: dt.date) -> bool:
        return (
            day.weekday() < SATURDAY and day not in self.extra_holidays and day not in self._holidays_of(day)
        )

    def days(self, count: int) -> list[dt.date]:
        """The first `count` working days on or after `start`."""
        result: list[dt.date] = []
        day = self.start
        while len(result) < count:
            if self.is_working(day):
                result.append(day)
            day += dt.timedelta(days=1)
        return result

    def count_through(self, last: dt.date) -> int:
        """How many working days lie from `start` through `last`, both included."""
        return sum(1 for day in _dates(self.start, last) if self.is_working(day))

    def _holidays_of(self, day: dt.date) -> set[dt.date]:
        if self.country is None:
            return set()
        if day.year not in self._public:
            self._public[day.year] = set(holidays.country_holidays(self.country, years=day.year))
        return self._public[day.year]


def _dates(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)
