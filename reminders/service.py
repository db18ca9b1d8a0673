"""Running reminder rounds and nudges: snapshot → plan (pure) → outbox → send.

`run_due(...)` is what the scheduler's jobs, its start-up catch-up and `flask --app bot remind`
call: it finds the round due at `now` (kpi.rounds.due_round), writes that round's reminders to
the outbox (idempotent: the outbox is unique per officer, period, round and kind) and sends
everything waiting. Nudges ("ส่งเตือน") are reminders.nudges: they only write the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from kpi.reminders import OfficerStatus, Planned, plan_round
from kpi.rounds import ScheduledRound, due_round
from models.db import Database
from models.reminder_store import insert_outbox_rows, load_statuses, outbox_status, snoozed_officers

from . import compose as C
from .delivery import DeliveryReport, OutboxSender
from .settings import ReminderSettings

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
    def of(cls, app) -> Reminders:
        """The service of an app built by bot.create_app (its database, LINE client and settings)."""
        return cls(app.extensions["db"], app.extensions["line_api"], app.extensions["settings"].reminders)

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
                None
                if p.skip
                else C.compose(p, rnd.period, rnd.urgency, now, snooze=snooze, links=self.settings.form_links),
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
