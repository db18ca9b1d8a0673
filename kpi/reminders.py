"""Who gets which reminder: pure decisions over a snapshot of officers and what they still owe.

The edge (reminders.service) loads `OfficerStatus` snapshots, calls `plan_round` or
`plan_nudge`, writes the result to the outbox and sends it. Quota ordering (`fit_to_quota`)
and multicast grouping (`batches`) are pure too.

What an officer owes is the period being reminded (`pending`) and every earlier month of the
same plan year still missing (`older`, see `backlog_periods`; with GO_LIVE_MONTH only
from the bot's go-live month on): those are past their due date and still needed. A reminder
is still one message per officer per round; an officer who owes only earlier months is
reminded in the rounds that remind the backlog (`RoundDef.backlog`, by default the overdue
ones), and the supervisors' digest lists both.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from .disbursement import BudgetView
from .go_live import before_go_live
from .indicator import IndicatorView, OfficerView
from .periods import BANGKOK, Period
from .rounds import PRIORITY, ScheduledRound, Urgency
from .workdays import WorkCalendar

T = TypeVar("T")
MULTICAST_MAX = 500  # LINE: at most 500 user ids per multicast


class Kind(str, enum.Enum):
    REMINDER = "reminder"  # a round's reminder to an officer with pending indicators
    DIGEST = "digest"  # a round's summary to a supervisor: who in their units still owes what
    NUDGE = "nudge"  # a supervisor's (or planner's) "ส่งเตือน": once per officer per day
    QUOTA_NOTICE = "quota_notice"  # to planners: a round did not fit the LINE quota


class Skip(str, enum.Enum):
    """Why an outbox row was not sent."""

    UNBOUND = "unbound"  # no LINE account bound yet
    BLOCKED = "blocked"  # the officer blocked the bot (unfollow)
    SNOOZED = "snoozed"  # "เตือนพรุ่งนี้"
    REPORTED = "reported"  # nothing left to remind about at sending time
    QUOTA = "quota"  # the month's LINE quota did not cover it
    STALE = "stale"  # not sent in time; a late reminder would mislead
    INACTIVE = "inactive"  # the officer was deactivated before the row was sent


def backlog_periods(period: Period, since: Period | None = None) -> tuple[Period, ...]:
    """The months of `period`'s plan year before it. Month M is due on the 5th of M+1 and a
    period is reminded from the 1st of the month after it, so by then each of these is past its
    due date: still owed, reported late. The plan year is the calendar year: January's rounds
    (for December) look back to January of the same year, February's start a new year.

    `since` (GO_LIVE_MONTH, the month the bot went live): none of the months before it,
    which were reported outside the bot; None: the whole plan year."""
    months = (Period(period.year_be, m) for m in range(1, period.month))
    return tuple(p for p in months if not before_go_live(p, since))


def earlier_months_owed(view: OfficerView, period: Period, since: Period | None = None) -> list[Period]:
    """The earlier months of `period`'s plan year (`backlog_periods`) in which this officer
    still has values or a disbursement missing, oldest first."""
    return [p for p in backlog_periods(period, since) if view.owes(p.month)]


@dataclass(frozen=True)
class Owed:
    """An earlier month of the plan year and the indicators (and disbursements) still missing for it."""

    period: Period
    pending: tuple[IndicatorView, ...]
    budgets: tuple[BudgetView, ...] = ()


@dataclass(frozen=True)
class OfficerStatus:
    """One active officer and what they still owe for one period (and the months before it)."""

    officer_id: int
    display_name: str
    role: str
    unit_id: int
    unit_name: str
    bound: bool
    blocked: bool
    pending: tuple[IndicatorView, ...] = ()
    older: tuple[Owed, ...] = ()  # earlier months of the plan year still missing, oldest first
    #: The projects whose disbursement of the period they report and have not (kpi.disbursement).
    budgets: tuple[BudgetView, ...] = ()
    #: A supervisor's units: their own and every unit below it (models.org.units_overseen_by).
    oversees: frozenset[int] = frozenset()

    @property
    def reachable(self) -> bool:
        return self.bound and not self.blocked

    @property
    def owes_period(self) -> bool:
        """Something of the period is missing: a value or a disbursement."""
        return bool(self.pending or self.budgets)

    @property
    def owes(self) -> bool:
        """Something is missing: the period or an earlier month."""
        return self.owes_period or bool(self.older)

    def reminded(self, backlog: bool) -> bool:
        """Reminded in a round: when the period is pending, or (in a backlog round) an earlier month."""
        return self.owes_period or (backlog and bool(self.older))

    def skip_reason(self) -> Skip | None:
        if not self.bound:
            return Skip.UNBOUND
        if self.blocked:
            return Skip.BLOCKED
        return None


@dataclass(frozen=True)
class Planned:
    officer_id: int
    kind: Kind
    priority: int
    skip: Skip | None = None
    pending: tuple[IndicatorView, ...] = ()  # reminder, nudge: what the recipient owes for the period
    budgets: tuple[BudgetView, ...] = ()  # reminder, nudge: the disbursements of the period they owe
    missing: tuple[OfficerStatus, ...] = ()  # digest: who in the supervisor's units owes what
    older: tuple[Owed, ...] = ()  # reminder, nudge: earlier months the recipient owes
    unit_id: int | None = None  # digest: the supervisor's own unit …
    unit_name: str = ""  # … and its name (the digest's heading)


def plan_round(rnd: ScheduledRound, people: Sequence[OfficerStatus], snoozed: Iterable[int] = ()) -> list[Planned]:
    """One reminder to each officer with pending indicators, naming earlier months still owed
    too; in a backlog round also to those who owe only earlier months (and why some cannot be
    sent). With a digest round also one digest per supervisor whose units (their own and those
    below it) have someone missing anything."""
    snoozed = set(snoozed)
    priority = PRIORITY[rnd.urgency]
    planned = []
    for person in people:
        if not person.reminded(rnd.backlog):
            continue
        skip = person.skip_reason() or (Skip.SNOOZED if person.officer_id in snoozed else None)
        planned.append(
            Planned(
                person.officer_id,
                Kind.REMINDER,
                priority,
                skip,
                pending=person.pending,
                older=person.older,
                budgets=person.budgets,
            )
        )
    if rnd.digest:
        planned += plan_digests(people, priority)
    return planned


def plan_digests(people: Sequence[OfficerStatus], priority: int) -> list[Planned]:
    """One digest per supervisor with someone missing in the units they oversee."""
    missing = missing_by_unit(people)
    return [
        digest
        for person in people
        if person.role == "supervisor" and (digest := digest_for(person, missing, priority)) is not None
    ]


def missing_by_unit(people: Sequence[OfficerStatus]) -> dict[int, list[OfficerStatus]]:
    """Unit id → its officers who still owe something, in the given order."""
    missing: dict[int, list[OfficerStatus]] = {}
    for person in people:
        if person.owes:
            missing.setdefault(person.unit_id, []).append(person)
    return missing


def digest_for(supervisor: OfficerStatus, missing: dict[int, list[OfficerStatus]], priority: int) -> Planned | None:
    """A supervisor's digest: who still owes what in the units they oversee (their own unit
    first, then the others by name), or None when nobody does."""
    realm = supervisor.oversees or frozenset({supervisor.unit_id})
    people = [p for unit_id in realm for p in missing.get(unit_id, ())]
    if not people:
        return None
    return Planned(
        supervisor.officer_id,
        Kind.DIGEST,
        priority,
        supervisor.skip_reason(),
        missing=by_unit(people, supervisor.unit_id),
        unit_id=supervisor.unit_id,
        unit_name=supervisor.unit_name,
    )


def by_unit(people: Iterable[OfficerStatus], own_unit_id: int) -> tuple[OfficerStatus, ...]:
    """Officers unit by unit: the supervisor's own unit first, then the others by name; the
    given order within a unit."""
    return tuple(sorted(people, key=lambda p: (p.unit_id != own_unit_id, p.unit_name, p.unit_id)))


def nudge_urgency(period: Period, now: datetime, calendar: WorkCalendar) -> Urgency:
    """How urgent a nudge sent at `now` is: after the due date overdue; on the due date or the
    last working day before it due; otherwise a reminder."""
    today, due = now.astimezone(BANGKOK).date(), period.due_date()
    if today > due:
        return Urgency.OVERDUE
    last = calendar.last_working_day(due, due.replace(day=1))
    if today == due or (last is not None and today >= last):
        return Urgency.DUE
    return Urgency.REMINDER


def plan_nudge(
    people: Sequence[OfficerStatus], urgency: Urgency, already_today: Iterable[int] = ()
) -> tuple[list[Planned], list[OfficerStatus]]:
    """Nudges to the officers among `people` who still owe something (the period or an earlier
    month: whoever the digest lists) and were not nudged today.

    Returns the planned nudges (including those that cannot be delivered, with the reason) and
    the officers skipped because they were already nudged today."""
    already = set(already_today)
    planned, repeat = [], []
    for person in people:
        if not person.owes:
            continue
        if person.officer_id in already:
            repeat.append(person)
            continue
        planned.append(
            Planned(
                person.officer_id,
                Kind.NUDGE,
                PRIORITY[urgency],
                person.skip_reason(),
                pending=person.pending,
                older=person.older,
                budgets=person.budgets,
            )
        )
    return planned, repeat


def fit_to_quota(
    items: Sequence[T],
    *,
    cost: Callable[[T], int],
    priority: Callable[[T], Any],
    remaining: int | None,
    reserve: int = 0,
) -> tuple[list[T], list[T]]:
    """(to send, not sent) when `remaining` messages are left this month (None = no limit).

    Everything fits: send all. Otherwise keep `reserve` for the planners' notice and send the
    most urgent first (lower priority number first, the given order within one priority)."""
    if remaining is None or sum(cost(i) for i in items) <= remaining:
        return list(items), []
    budget = max(remaining - reserve, 0)
    send: list[T] = []
    cut: list[T] = []
    for item in sorted(items, key=priority):  # stable: keeps the given order within a priority
        if not cut and cost(item) <= budget:
            send.append(item)
            budget -= cost(item)
        else:
            cut.append(item)
    return send, cut


def batches(items: Sequence[T], key: Callable[[T], str], max_size: int = MULTICAST_MAX) -> list[list[T]]:
    """Identical messages grouped (at most `max_size` recipients per group), in first-seen order."""
    groups: dict[str, list[list[T]]] = {}
    order: list[list[T]] = []
    for item in items:
        chunks = groups.setdefault(key(item), [])
        if not chunks or len(chunks[-1]) >= max_size:
            chunks.append([])
            order.append(chunks[-1])
        chunks[-1].append(item)
    return order
