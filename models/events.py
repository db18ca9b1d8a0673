"""Webhook events already processed: LINE may deliver the same event more than once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from .base import insert_for
from .chat import ProcessedEvent

#: How long an event's id is remembered. LINE redelivers an unacknowledged event for a limited
#: time (hours, not days); a week keeps every redelivery recognised with a wide margin, and the
#: table stays the size of a week of traffic instead of growing forever.
EVENT_RETENTION = timedelta(days=7)


def _claim(session: Session, webhook_event_id: str, now: datetime, failed: bool) -> bool:
    statement = (
        insert_for(session)(ProcessedEvent)
        .values(webhook_event_id=webhook_event_id, processed_at=now, failed=failed)
        .on_conflict_do_nothing(index_elements=["webhook_event_id"])
        .returning(ProcessedEvent.webhook_event_id)
    )
    return session.execute(statement).first() is not None


def claim_event(session: Session, webhook_event_id: str, now: datetime) -> bool:
    """True the first time an event id is seen; False for a redelivery (the caller skips it).

    The row is written in the caller's transaction, so the claim and the event's effects
    commit together: a failure leaves the event unclaimed for LINE to redeliver. One statement
    (INSERT … ON CONFLICT DO NOTHING RETURNING): a redelivery inserts nothing and returns no row;
    a concurrent delivery of the same event waits for the first one's transaction on PostgreSQL.
    """
    return _claim(session, webhook_event_id, now, failed=False)


def record_failed_event(session: Session, webhook_event_id: str, now: datetime) -> None:
    """Remember an event whose handling failed for good (its effects were rolled back), so that
    its redeliveries are acknowledged and skipped instead of failing again forever."""
    _claim(session, webhook_event_id, now, failed=True)


def purge_processed_events(session: Session, now: datetime) -> int:
    """Forget events older than LINE could redeliver; returns how many rows went."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.processed_at < now - EVENT_RETENTION))
    return result.rowcount or 0
