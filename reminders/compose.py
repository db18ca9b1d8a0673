"""From planned reminders (kpi.reminders) to outbox rows carrying LINE message JSON."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from kpi.periods import BANGKOK, Period
from kpi.reminders import Kind, Planned, digest_for, missing_by_unit
from kpi.rounds import Urgency, next_round_of_period
from models.reminder_store import load_statuses
from models.reminders import OutboxStatus, ReminderOutbox
from presentation import reminder_messages as RM
from presentation import texts as T

from .settings import ReminderSettings

NUDGE_PREFIX = "nudge-"


def payload_hash(payload: list[dict]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def compose(
    planned: Planned, period: Period, urgency: Urgency, now: datetime, sender: str | None = None, snooze: bool = False
) -> list[dict]:
    """The messages (LINE JSON) of one planned reminder, digest or nudge; `snooze`: a later round
    of the period is left, so "เตือนพรุ่งนี้" means something."""
    today = now.astimezone(BANGKOK).date()
    if planned.kind == Kind.DIGEST:
        message = RM.digest_message(
            period,
            urgency,
            today,
            planned.unit_name or planned.missing[0].unit_name,
            planned.missing,
            own_unit_id=planned.unit_id,
        )
    else:
        nudge = planned.kind == Kind.NUDGE
        message = RM.reminder_message(
            period,
            urgency,
            today,
            planned.pending,
            sender=sender if nudge else None,
            snooze=snooze and not nudge,
            older=planned.older,
            budgets=planned.budgets,
        )
    return [message.to_dict()]


def outbox_row(
    planned: Planned, period: Period, round_key: str, urgency: Urgency, now: datetime, payload: list[dict] | None
) -> dict:
    """Column values of a new outbox row (skipped at once when the plan says it cannot be sent)."""
    payload = payload or []
    return dict(
        officer_id=planned.officer_id,
        period=period.key(),
        round=round_key,
        kind=planned.kind.value,
        priority=planned.priority,
        urgency=urgency.value,
        status=OutboxStatus.SKIPPED if planned.skip else OutboxStatus.PENDING,
        reason=planned.skip.value if planned.skip else None,
        retry_key=str(uuid.uuid4()),
        payload=payload,
        payload_hash=payload_hash(payload) if payload else "",
        attempts=0,
        created_at=now,
    )


def round_label(round_key: str, urgency: str) -> str:
    if round_key.startswith(NUDGE_PREFIX):
        return T.ROUND_LABELS["nudge"]
    return T.ROUND_LABELS.get(urgency, round_key)


def has_later_round(now: datetime, period: Period, settings: ReminderSettings) -> bool:
    return next_round_of_period(now, period, settings.rounds, settings.calendar(now)) is not None


def reminds_backlog(round_key: str, urgency: str, settings: ReminderSettings) -> bool:
    """Whether a row's round reminds those who owe only earlier months (a round no longer
    configured: as an overdue round would)."""
    definition = next((r for r in settings.rounds if r.name == round_key), None)
    if definition is not None:
        return definition.reminds_backlog
    return urgency == Urgency.OVERDUE.value


def refresh_payloads(
    session: Session, rows: Sequence[ReminderOutbox], now: datetime, settings: ReminderSettings
) -> dict[int, list[dict] | None]:
    """For rows never sent: the messages as of `now` (what was reported since is left out), or
    None when there is nothing left to remind about (in the row's round: earlier months count
    only in a backlog round). Nudges keep their text (they wait a minute at most) but are
    dropped when everything was reported."""
    wanted = [r for r in rows if r.kind in (Kind.REMINDER.value, Kind.DIGEST.value, Kind.NUDGE.value)]
    fresh: dict[int, list[dict] | None] = {}
    for period_key in {r.period for r in wanted}:
        period = Period.from_key(period_key)
        people = {p.officer_id: p for p in load_statuses(session, period, backlog_from=settings.backlog_from)}
        missing = missing_by_unit(list(people.values()))
        for row in (r for r in wanted if r.period == period_key):
            person = people.get(row.officer_id)
            if person is None:
                fresh[row.id] = None
                continue
            urgency = Urgency(row.urgency)
            if row.kind == Kind.DIGEST.value:
                digest = digest_for(person, missing, row.priority)
                fresh[row.id] = compose(digest, period, urgency, now) if digest else None
            elif row.kind == Kind.REMINDER.value:
                if not person.reminded(reminds_backlog(row.round, row.urgency, settings)):
                    fresh[row.id] = None
                    continue
                fresh[row.id] = compose(
                    Planned(
                        row.officer_id,
                        Kind.REMINDER,
                        row.priority,
                        pending=person.pending,
                        older=person.older,
                        budgets=person.budgets,
                    ),
                    period,
                    urgency,
                    now,
                    snooze=has_later_round(now, period, settings),
                )
            elif not person.owes:
                fresh[row.id] = None
            else:
                fresh[row.id] = row.payload
    return fresh
