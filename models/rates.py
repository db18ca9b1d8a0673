"""A per-user message rate: a flood gets one polite notice, not a reply each."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import case, literal
from sqlalchemy.orm import Session

from .base import UTCDateTime, insert_for
from .chat import MessageRate

WINDOW = timedelta(seconds=60)
MAX_PER_WINDOW = 20


class Verdict(enum.Enum):
    ANSWER = "answer"
    NOTICE = "notice"  # the first message over the limit: say so, once
    IGNORE = "ignore"  # the rest of the window: acknowledged, not answered


def count_message(session: Session, line_user_id: str, now: datetime, max_per_window: int = MAX_PER_WINDOW) -> Verdict:
    """Count one message (one upsert: a new window when the last began a minute ago or more);
    the caller holds the user's lock (Database.lock_user)."""
    statement = insert_for(session)(MessageRate).values(line_user_id=line_user_id, window_start=now, count=1)
    new_window = MessageRate.window_start <= literal(now - WINDOW, UTCDateTime())
    count = session.execute(
        statement.on_conflict_do_update(
            index_elements=["line_user_id"],
            set_={
                "window_start": case((new_window, statement.excluded.window_start), else_=MessageRate.window_start),
                "count": case((new_window, 1), else_=MessageRate.count + 1),
            },
        ).returning(MessageRate.count)
    ).scalar_one()
    if count <= max_per_window:
        return Verdict.ANSWER
    return Verdict.NOTICE if count == max_per_window + 1 else Verdict.IGNORE
