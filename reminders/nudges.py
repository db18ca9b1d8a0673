"""Nudges ("ส่งเตือน"): a supervisor's or planner's reminder to the officers still missing
values, written to the outbox inside the webhook's transaction; the scheduler process sends it
(reminders.delivery). Nothing here sends, so the chat never loads the LINE client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kpi.periods import BANGKOK, Period, reporting_period
from kpi.reminders import Kind, OfficerStatus, nudge_urgency, plan_nudge
from models.reminder_store import insert_outbox_rows, load_statuses, outbox_status

from . import compose as C
from .settings import ReminderSettings


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
            p,
            period,
            nudge_round_key(now),
            urgency,
            now,
            C.compose(p, period, urgency, now, sender=sender_role, links=settings.form_links),
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
