"""A per-user message rate: a flood gets one polite notice, not a reply each."""
from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from .chat import MessageRate

WINDOW = timedelta(seconds=60)
MAX_PER_WINDOW = 20


class Verdict(enum.Enum):
    ANSWER = "answer"
    NOTICE = "notice"    # the first message over the limit: say so, once
    IGNORE = "ignore"    # the rest of the window: acknowledged, not answered


def count_message(session: Session, line_user_id: str, now: datetime,
                  max_per_window: int = MAX_PER_WINDOW) -> Verdict:
    """Count one message; the caller holds the user's lock (Database.lock_user)."""
    rate = session.get(MessageRate, line_user_id)
    if rate is None:
        session.add(MessageRate(line_user_id=line_user_id, window_start=now, count=1))
        return Verdict.ANSWER
    if now - rate.window_start >= WINDOW:
        rate.window_start, rate.count = now, 1
        return Verdict.ANSWER
    rate.count += 1
    if rate.count <= max_per_window:
        return Verdict.ANSWER
    return Verdict.NOTICE if rate.count == max_per_window + 1 else Verdict.IGNORE
