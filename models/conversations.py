"""Persisted conversation state per LINE user, expiring after idle minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from .base import insert_for
from .chat import ConversationRecord

IDLE_MINUTES = 30


@dataclass(frozen=True)
class StoredConversation:
    state: str
    data: dict
    expired: bool  # a conversation was running but went idle too long


def load_conversation(
    session: Session, line_user_id: str, now: datetime, idle_minutes: int = IDLE_MINUTES
) -> StoredConversation:
    record = session.get(ConversationRecord, line_user_id, with_for_update=True)
    if record is None or record.state == "idle":
        return StoredConversation("idle", {}, expired=False)
    if now - record.updated_at > timedelta(minutes=idle_minutes):
        return StoredConversation("idle", {}, expired=True)
    return StoredConversation(record.state, dict(record.data or {}), expired=False)


def save_conversation(session: Session, line_user_id: str, state: str, data: dict, now: datetime) -> None:
    """One upsert: the record read by load_conversation is gone from the session by now (it keeps
    only weak references to unchanged objects), so getting it again would cost another SELECT."""
    statement = insert_for(session)(ConversationRecord).values(
        line_user_id=line_user_id, state=state, data=data, updated_at=now
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["line_user_id"],
            set_={
                "state": statement.excluded.state,
                "data": statement.excluded.data,
                "updated_at": statement.excluded.updated_at,
            },
        )
    )
