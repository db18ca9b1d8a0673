"""Working days of a Thai government office: Monday to Friday, except public and government holidays.

`WorkCalendar` is plain data (a set of holiday dates), so schedules are pure functions of it;
`thai_calendar(years)` fills it from the `holidays` package (Thailand, categories 'public' and
'government': e.g. the Royal Ploughing Ceremony is a day off for civil servants only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DEFAULT_HOLIDAY_CATEGORIES = ("public", "government")
THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def last_working_day(self, on_or_before: date, not_before: date) -> date | None:
        """The last working day in [not_before, on_or_before], or None when there is none."""
        d = on_or_before
        while d >= not_before:
            if self.is_working_day(d):
                return d
            d -= timedelta(days=1)
        return None

    def next_working_day(self, on_or_after: date) -> date:
        d = on_or_after
        for _ in range(60):  # no stretch of Thai holidays is this long
            if self.is_working_day(d):
                return d
            d += timedelta(days=1)
        return on_or_after


def thai_weekday(d: date) -> str:
    return THAI_WEEKDAYS[d.weekday()]


def thai_calendar(years: Iterable[int], categories: Iterable[str] = DEFAULT_HOLIDAY_CATEGORIES) -> WorkCalendar:
    """Thai public (and government) holidays of these Gregorian years."""
    return _thai_calendar(tuple(sorted(set(years))), tuple(sorted(set(categories))))


@lru_cache(maxsize=32)
def _thai_calendar(years: tuple[int, ...], categories: tuple[str, ...]) -> WorkCalendar:
    import holidays

    thailand = holidays.Thailand(years=years, categories=categories)  # type: ignore[attr-defined]
    return WorkCalendar(frozenset(thailand.keys()))
