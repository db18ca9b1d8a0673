"""Reporting periods: month M of a plan year is due by the 5th of M+1 (Asia/Bangkok).

Plan years are calendar years written in the Buddhist Era (2569 = 2026).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543
DUE_DAY = 5

MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


@dataclass(frozen=True, order=True)
class Period:
    year_be: int
    month: int  # 1 = ม.ค. … 12 = ธ.ค.

    @property
    def year_ce(self) -> int:
        return self.year_be - BE_OFFSET

    def due_date(self) -> date:
        """The 5th of the following month."""
        if self.month == 12:
            return date(self.year_ce + 1, 1, DUE_DAY)
        return date(self.year_ce, self.month + 1, DUE_DAY)

    def deadline(self) -> datetime:
        """The last moment a value still counts as on time: end of the due date, Bangkok time."""
        return datetime.combine(self.due_date() + timedelta(days=1), time(0), BANGKOK)

    def is_on_time(self, at: datetime) -> bool:
        return at < self.deadline()

    def has_started(self, now: datetime) -> bool:
        """A month can be reported once it has begun."""
        local = now.astimezone(BANGKOK)
        return (local.year + BE_OFFSET, local.month) >= (self.year_be, self.month)

    def thai(self) -> str:
        """e.g. 'ตุลาคม 2569'."""
        return f"{MONTHS_FULL[self.month - 1]} {self.year_be}"

    def thai_short(self) -> str:
        """e.g. 'ต.ค. 2569'."""
        return f"{MONTHS_ABBR[self.month - 1]} {self.year_be}"

    def key(self) -> str:
        return f"{self.year_be}-{self.month:02d}"

    @classmethod
    def from_key(cls, key: str) -> Period:
        year, month = key.split("-")
        period = cls(int(year), int(month))
        if not 1 <= period.month <= 12 or not 2400 <= period.year_be <= 2800:
            raise ValueError(f"not a period: {key!r}")
        return period


def reporting_period(now: datetime) -> Period:
    """The month being reported today: the month before the current one."""
    local = now.astimezone(BANGKOK)
    if local.month == 1:
        return Period(local.year - 1 + BE_OFFSET, 12)
    return Period(local.year + BE_OFFSET, local.month - 1)


def open_months(now: datetime) -> list[Period]:
    """The months open for reporting today: the month being reported and the earlier months of
    its year (the chat's เลือกเดือนอื่น, the month's page)."""
    last = reporting_period(now)
    return [Period(last.year_be, m) for m in range(1, last.month + 1)]


def thai_months(periods: Iterable[Period], year: bool = True) -> str:
    """Months in short Thai, three or more in a row as a range: 'ส.ค., ก.ย. 2569',
    'ม.ค.–มี.ค., มิ.ย. 2569' (`year=False`: without the year)."""
    by_year: dict[int, list[int]] = {}
    for p in sorted(set(periods)):
        by_year.setdefault(p.year_be, []).append(p.month)
    parts = []
    for year_be, months in by_year.items():
        runs: list[list[int]] = []
        for m in months:
            if runs and m == runs[-1][1] + 1:
                runs[-1][1] = m
            else:
                runs.append([m, m])
        names = []
        for first, last in runs:
            if last - first >= 2:
                names.append(f"{MONTHS_ABBR[first - 1]}–{MONTHS_ABBR[last - 1]}")
            else:
                names += [MONTHS_ABBR[m - 1] for m in range(first, last + 1)]
        parts.append(", ".join(names) + (f" {year_be}" if year else ""))
    return ", ".join(parts)


def thai_date(d: date) -> str:
    """e.g. '5 พฤศจิกายน 2569'."""
    return f"{d.day} {MONTHS_FULL[d.month - 1]} {d.year + BE_OFFSET}"


def month_from_text(text: str) -> int | None:
    """'ต.ค.', 'ตุลาคม', 'ตุลา', 'ตค' or '10' → 10."""
    cleaned = text.strip().replace(" ", "")
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return int(cleaned)
    bare = cleaned.replace(".", "").removeprefix("เดือน")
    for i, (full, abbr) in enumerate(zip(MONTHS_FULL, MONTHS_ABBR), start=1):
        if bare and (bare == abbr.replace(".", "") or full.startswith(bare) and len(bare) >= 3):
            return i
    return None
