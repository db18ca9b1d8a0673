"""Persisted conversation state per LINE user (how long it lasts idle is the conversation's
rule: handlers.conversation.IDLE_TIMEOUT)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from .base import insert_for
from .chat import ConversationRecord


@dataclass(frozen=True)
class StoredConversation:
    state: str
    data: dict
    updated_at: datetime | None  # None: nothing stored yet


def load_conversation(session: Session, line_user_id: str) -> StoredConversation:
    record = session.get(ConversationRecord, line_user_id, with_for_update=True)
    if record is None:
        return StoredConversation("idle", {}, None)
    return StoredConversation(record.state, dict(record.data or {}), record.updated_at)


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
