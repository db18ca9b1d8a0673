"""Webhook events already processed: LINE may deliver the same event more than once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .chat import ProcessedEvent


def claim_event(session: Session, webhook_event_id: str, now: datetime) -> bool:
    """True the first time an event id is seen; False for a redelivery (the caller skips it).

    The row is written in the caller's transaction, so the claim and the event's effects
    commit together: a failure leaves the event unclaimed for LINE to redeliver.
    """
    if session.scalar(select(ProcessedEvent.webhook_event_id)
                      .where(ProcessedEvent.webhook_event_id == webhook_event_id)):
        return False
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(webhook_event_id=webhook_event_id, processed_at=now))
    except IntegrityError:
        return False
    return True
