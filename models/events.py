"""Webhook events already processed: LINE may deliver the same event more than once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .base import insert_for
from .chat import ProcessedEvent


def claim_event(session: Session, webhook_event_id: str, now: datetime) -> bool:
    """True the first time an event id is seen; False for a redelivery (the caller skips it).

    The row is written in the caller's transaction, so the claim and the event's effects
    commit together: a failure leaves the event unclaimed for LINE to redeliver. One statement
    (INSERT … ON CONFLICT DO NOTHING RETURNING): a redelivery inserts nothing and returns no row;
    a concurrent delivery of the same event waits for the first one's transaction on PostgreSQL.
    """
    statement = (insert_for(session)(ProcessedEvent)
                 .values(webhook_event_id=webhook_event_id, processed_at=now)
                 .on_conflict_do_nothing(index_elements=["webhook_event_id"])
                 .returning(ProcessedEvent.webhook_event_id))
    return session.execute(statement).first() is not None
