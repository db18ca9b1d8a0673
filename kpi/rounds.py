"""Reminder rounds: when the bot reminds officers about a period, as pure functions of time.

A round is defined relative to the month after the period (month M is due on the 5th of M+1):
a fixed day ("day": 3) or the last working day up to a day ("day": "last_working_day",
"by": 5), at a local time (Asia/Bangkok), with an urgency that picks the wording and the order
when the LINE quota is short, and optionally a digest to supervisors. A round with `backlog`
also reminds officers who owe only earlier months of the plan year (by default the overdue
rounds: once a month, never daily). The definitions come from configuration (REMINDER_ROUNDS,
JSON), so changing them needs no code change.

Nothing here reads a clock or a database: `due_round(now, …)` says which round is due at `now`,
`rounds_between(start, end, …)` lists them, so tests can walk through a month.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .periods import BANGKOK, BE_OFFSET, DUE_DAY, MONTHS_FULL, Period
from .workdays import WorkCalendar, thai_weekday


class Urgency(str, enum.Enum):
    OPEN = "open"  # the period is open for reporting
    REMINDER = "reminder"  # still missing, due in a few days
    DUE = "due"  # due today (or on a non-working day right after today)
    OVERDUE = "overdue"  # past the due date: still accepted, recorded as late


#: Lower is more urgent: what is sent first when the quota does not cover a whole round.
PRIORITY = {Urgency.OVERDUE: 0, Urgency.DUE: 1, Urgency.REMINDER: 2, Urgency.OPEN: 3}

LAST_WORKING_DAY = "last_working_day"
_NAME = re.compile(r"^[a-z0-9_]{1,30}$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class RoundDef:
    name: str
    day: int | None  # day of the month after the period; None = last working day up to `by`
    at: time
    urgency: Urgency
    digest: bool = False  # also send each supervisor who in their unit is still missing what
    by: int = DUE_DAY  # with day=None: the last working day on or before this day
    shift: bool = False  # a fixed day that is not a working day moves to the next working day
    backlog: bool | None = None  # also remind those who owe only earlier months; None: overdue rounds do

    @property
    def priority(self) -> int:
        return PRIORITY[self.urgency]

    @property
    def reminds_backlog(self) -> bool:
        """Officers who owe only earlier months of the year (not the period) are reminded too."""
        return self.urgency == Urgency.OVERDUE if self.backlog is None else self.backlog

    def date_for(self, year_ce: int, month: int, calendar: WorkCalendar) -> date | None:
        """The day this round falls on in the given (sending) month, if any."""
        if self.day is None:
            return calendar.last_working_day(date(year_ce, month, self.by), date(year_ce, month, 1))
        d = date(year_ce, month, self.day)
        return calendar.next_working_day(d) if self.shift else d


DEFAULT_ROUNDS_JSON = json.dumps(
    [
        {"name": "open", "day": 1, "time": "09:00", "urgency": "open"},
        {"name": "day3", "day": 3, "time": "09:00", "urgency": "reminder"},
        {"name": "due", "day": LAST_WORKING_DAY, "by": DUE_DAY, "time": "08:30", "urgency": "due"},
        {"name": "overdue", "day": 6, "time": "09:00", "urgency": "overdue", "digest": True},
    ]
)


def parse_rounds(config: str | list[Any]) -> tuple[RoundDef, ...]:
    """Round definitions from JSON text (or the parsed list); ValueError says what is wrong."""
    items = json.loads(config) if isinstance(config, str) else config
    if not isinstance(items, list) or not items:
        raise ValueError("REMINDER_ROUNDS must be a non-empty JSON list of rounds")
    rounds: list[RoundDef] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"round {n}: must be an object")
        unknown = set(item) - {"name", "day", "by", "time", "urgency", "digest", "shift", "backlog"}
        if unknown:
            raise ValueError(f"round {n}: unknown keys {sorted(unknown)}")
        name = str(item.get("name", ""))
        if not _NAME.match(name):
            raise ValueError(f"round {n}: name {name!r} must be 1-30 of a-z, 0-9, _")
        match = _TIME.match(str(item.get("time", "")))
        if not match:
            raise ValueError(f"round {name}: time must be HH:MM")
        try:
            urgency = Urgency(item.get("urgency"))
        except ValueError:
            raise ValueError(f"round {name}: urgency must be one of {[u.value for u in Urgency]}") from None
        backlog = item.get("backlog")
        if backlog is not None and not isinstance(backlog, bool):
            raise ValueError(f"round {name}: backlog must be true or false")
        day, by = item.get("day"), item.get("by", DUE_DAY)
        if day == LAST_WORKING_DAY:
            if not isinstance(by, int) or not 1 <= by <= 28:
                raise ValueError(f"round {name}: by must be a day 1-28")
            day = None
        elif not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 28:
            raise ValueError(f"round {name}: day must be 1-28 or {LAST_WORKING_DAY!r}")
        rounds.append(
            RoundDef(
                name=name,
                day=day,
                by=by,
                urgency=urgency,
                at=time(int(match.group(1)), int(match.group(2))),
                digest=bool(item.get("digest", False)),
                shift=bool(item.get("shift", False)),
                backlog=backlog,
            )
        )
    names = [r.name for r in rounds]
    if len(set(names)) != len(names):
        raise ValueError("round names must be unique")
    return tuple(rounds)


DEFAULT_ROUNDS = parse_rounds(DEFAULT_ROUNDS_JSON)


@dataclass(frozen=True)
class ScheduledRound:
    """One round of one period at one moment."""

    definition: RoundDef
    period: Period
    at: datetime  # aware, Asia/Bangkok

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def urgency(self) -> Urgency:
        return self.definition.urgency

    @property
    def digest(self) -> bool:
        return self.definition.digest

    @property
    def backlog(self) -> bool:
        return self.definition.reminds_backlog


def period_reminded_in(year_ce: int, month: int) -> Period:
    """The period whose reminders go out in this calendar month: the month before."""
    if month == 1:
        return Period(year_ce - 1 + BE_OFFSET, 12)
    return Period(year_ce + BE_OFFSET, month - 1)


def rounds_in_month(
    year_ce: int, month: int, rounds: Iterable[RoundDef], calendar: WorkCalendar
) -> list[ScheduledRound]:
    """The rounds sent in this calendar month, in time order.

    Two rounds falling on the same day would remind twice within hours: only the more urgent
    one is kept (the later one on a tie)."""
    period = period_reminded_in(year_ce, month)
    by_day: dict[date, ScheduledRound] = {}
    for definition in rounds:
        d = definition.date_for(year_ce, month, calendar)
        if d is None:
            continue
        candidate = ScheduledRound(definition, period, datetime.combine(d, definition.at, BANGKOK))
        kept = by_day.get(d)
        if kept is None or (candidate.definition.priority, -candidate.at.timestamp()) <= (
            kept.definition.priority,
            -kept.at.timestamp(),
        ):
            by_day[d] = candidate
    return sorted(by_day.values(), key=lambda r: r.at)


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def rounds_between(
    start: datetime, end: datetime, rounds: Iterable[RoundDef], calendar: WorkCalendar
) -> list[ScheduledRound]:
    """Every round with start <= at < end."""
    rounds = tuple(rounds)
    s, e = start.astimezone(BANGKOK), end.astimezone(BANGKOK)
    found = []
    first = s.date().replace(day=1) - timedelta(days=1)  # a shifted round may spill into the next month
    for y, m in _months(first, e.date()):
        found += [r for r in rounds_in_month(y, m, rounds, calendar) if s <= r.at < e]
    return found


def due_round(
    now: datetime, rounds: Iterable[RoundDef], calendar: WorkCalendar, grace: timedelta
) -> ScheduledRound | None:
    """The round to send at `now`: the latest one that started at most `grace` ago.

    A round found later than its grace is stale and never sent; sending the same round twice is
    prevented by the outbox, not here."""
    candidates = rounds_between(now - grace - timedelta(seconds=1), now + timedelta(microseconds=1), rounds, calendar)
    live = [r for r in candidates if r.at <= now < r.at + grace]
    return live[-1] if live else None


def next_round_of_period(
    now: datetime, period: Period, rounds: Iterable[RoundDef], calendar: WorkCalendar
) -> ScheduledRound | None:
    """The first round of `period` still to come after `now` (what a snooze skips)."""
    due = period.due_date()
    upcoming = rounds_between(
        now + timedelta(microseconds=1), datetime.combine(due + timedelta(days=40), time(0), BANGKOK), rounds, calendar
    )
    return next((r for r in upcoming if r.period == period), None)


def thai_datetime(at: datetime) -> str:
    """e.g. 'วันอังคารที่ 3 พฤศจิกายน 2569 09:00'."""
    local = at.astimezone(BANGKOK)
    return (
        f"วัน{thai_weekday(local.date())}ที่ {local.day} {MONTHS_FULL[local.month - 1]} "
        f"{local.year + BE_OFFSET} {local:%H:%M}"
    )
