"""Time is Asia/Bangkok everywhere, and injected so tests can move it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(BANGKOK)


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, at: datetime):
        self.set(at)

    def set(self, at: datetime) -> None:
        self._now = at if at.tzinfo else at.replace(tzinfo=BANGKOK)
        self._now = self._now.astimezone(BANGKOK)

    def advance(self, **delta) -> None:
        self._now = self._now + timedelta(**delta)

    def now(self) -> datetime:
        return self._now
