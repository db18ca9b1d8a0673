"""Running reminder rounds and nudges: snapshot → plan (pure) → outbox → send.

`run_due(...)` is what the scheduler's jobs, its start-up catch-up and `flask --app bot remind`
call: it finds the round due at `now` (kpi.rounds.due_round), writes that round's reminders to
the outbox (idempotent: the outbox is unique per officer, period, round and kind) and sends
everything waiting. `queue_nudges(...)` is the supervisor's "ส่งเตือน": it only writes the
outbox, inside the webhook's transaction; the scheduler process sends it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Sequence

from flask import Flask
from sqlalchemy.orm import Session

from kpi.periods import BANGKOK, Period, reporting_period
from kpi.reminders import Kind, OfficerStatus, Planned, nudge_urgency, plan_nudge, plan_round
from kpi.rounds import ScheduledRound, due_round
from models.db import Database
from models.reminder_store import insert_outbox_rows, load_statuses, outbox_status, snoozed_officers

from . import compose as C
from .delivery import DeliveryReport, OutboxSender
from .settings import ReminderSettings, reminder_settings

log = logging.getLogger(__name__)


@dataclass
class RoundOutcome:
    now: datetime
    round: ScheduledRound | None
    planned: list[Planned] = field(default_factory=list)
    people: dict[int, OfficerStatus] = field(default_factory=dict)
    existing: dict[tuple[int, str], tuple[str, str | None]] = field(default_factory=dict)  # → (status, reason)
    enqueued: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)


class Reminders:
    """The reminder service of one app: its database, LINE client and settings."""

    def __init__(self, db: Database, line_api, settings: ReminderSettings):
        self.db, self.line_api, self.settings = db, line_api, settings
        self.sender = OutboxSender(db, line_api, settings)

    @classmethod
    def of(cls, app: Flask) -> "Reminders":
        return cls(app.extensions["db"], app.extensions["line_api"], reminder_settings(app.config))

    def due(self, now: datetime) -> ScheduledRound | None:
        return due_round(now, self.settings.rounds, self.settings.calendar(now), self.settings.grace)

    def plan(self, rnd: ScheduledRound) -> RoundOutcome:
        """Who would get what in this round (nothing is written)."""
        with self.db.transaction() as session:
            people = load_statuses(session, rnd.period, backlog_from=self.settings.backlog_from)
            snoozed = snoozed_officers(session, rnd.period.key(), rnd.name)
            existing = outbox_status(session, rnd.period.key(), rnd.name)
        planned = plan_round(rnd, people, snoozed)
        return RoundOutcome(
            now=rnd.at, round=rnd, planned=planned, people={p.officer_id: p for p in people}, existing=existing
        )

    def enqueue(self, rnd: ScheduledRound, now: datetime) -> RoundOutcome:
        """Write the round's reminders to the outbox (rows already there stay as they are)."""
        outcome = self.plan(rnd)
        outcome.now = now
        snooze = C.has_later_round(max(now, rnd.at), rnd.period, self.settings)
        rows = [
            C.outbox_row(
                p,
                rnd.period,
                rnd.name,
                rnd.urgency,
                now,
                None if p.skip else C.compose(p, rnd.period, rnd.urgency, now, snooze=snooze),
            )
            for p in outcome.planned
            if (p.officer_id, p.kind.value) not in outcome.existing
        ]
        with self.db.transaction() as session:  # starts with the write: no stale read to upgrade
            outcome.enqueued = insert_outbox_rows(session, rows)
        return outcome

    def run_due(self, now: datetime, dry_run: bool = False) -> RoundOutcome:
        """The round due at `now` (if any) into the outbox, then send everything waiting."""
        rnd = self.due(now)
        if dry_run:
            return self.plan(rnd) if rnd else RoundOutcome(now=now, round=None)
        outcome = self.enqueue(rnd, now) if rnd else RoundOutcome(now=now, round=None)
        outcome.delivery = self.sender.deliver(now)
        if rnd:
            log.info(
                "round %s of %s: %d planned, %d new in the outbox, %d sent",
                rnd.name,
                rnd.period.key(),
                len(outcome.planned),
                outcome.enqueued,
                outcome.delivery.sent,
            )
        return outcome

    def drain(self, now: datetime) -> DeliveryReport:
        """Send what waits in the outbox (nudges; rows put back after failures)."""
        return self.sender.deliver(now)


# ------------------------------------------------------------------------------------------------
# Nudges ("ส่งเตือน"), written inside the webhook's transaction


@dataclass(frozen=True)
class NudgeResult:
    period: Period
    queued: list[OfficerStatus]
    already_today: list[OfficerStatus]
    unreachable: list[OfficerStatus]
    missing_units: int


def nudge_round_key(now: datetime) -> str:
    return f"{C.NUDGE_PREFIX}{now.astimezone(BANGKOK).date().isoformat()}"


def nudge_candidates(
    session: Session, now: datetime, unit_ids: Sequence[int] | None, backlog_from: Period | None = None
) -> tuple[Period, list[OfficerStatus], set[int]]:
    """The reporting period, the officers (of these units, or all) with what they owe (earlier
    months from `backlog_from` on) and who was nudged today."""
    period = reporting_period(now)
    people = load_statuses(session, period, unit_ids, backlog_from)
    done = outbox_status(session, period.key(), nudge_round_key(now))
    return period, people, {officer_id for officer_id, kind in done if kind == Kind.NUDGE.value}


def queue_nudges(
    session: Session,
    now: datetime,
    settings: ReminderSettings,
    sender_role: str,
    unit_ids: Sequence[int] | None,
    exclude: int | None = None,
    backlog_from: Period | None = None,
) -> NudgeResult:
    """Nudge the officers of these units (None: all units) still missing values for the current
    period (and the earlier months from `backlog_from`, by default the settings'): once per
    officer per day, written to the outbox for the scheduler to send."""
    since = backlog_from if backlog_from is not None else settings.backlog_from
    period, people, already = nudge_candidates(session, now, unit_ids, since)
    people = [p for p in people if p.officer_id != exclude]
    urgency = nudge_urgency(period, now, settings.calendar(now))
    planned, repeat = plan_nudge(people, urgency, already)
    reachable = [p for p in planned if p.skip is None]
    rows = [
        C.outbox_row(
            p, period, nudge_round_key(now), urgency, now, C.compose(p, period, urgency, now, sender=sender_role)
        )
        for p in reachable
    ]
    insert_outbox_rows(session, rows)
    by_id = {p.officer_id: p for p in people}
    return NudgeResult(
        period=period,
        queued=[by_id[p.officer_id] for p in reachable],
        already_today=repeat,
        unreachable=[by_id[p.officer_id] for p in planned if p.skip is not None],
        missing_units=len({by_id[p.officer_id].unit_id for p in planned}),
    )
