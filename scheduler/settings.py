"""Reminder settings: the app's config first, then the environment, then defaults.

| setting | default |
|---|---|
| REMINDER_ROUNDS | kpi.rounds.DEFAULT_ROUNDS_JSON (JSON list of rounds) |
| REMINDER_GRACE_MINUTES | 120: a round found later than this after its time is stale, never sent |
| REMINDER_BACKOFF_SECONDS | "1,4,15": waits between attempts of a request (429, 5xx, no answer) |
| REMINDER_SEND_TIMEOUT | 10 seconds per request |
| REMINDER_CLAIM_LEASE_SECONDS | 600: rows claimed by a sender that died are taken over after this |
| REMINDER_DRAIN_SECONDS | 60: how often the scheduler sends waiting outbox rows (nudges) |
| REMINDER_HOLIDAY_CATEGORIES | "public,government" (the holidays package's Thailand categories) |
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping

from kpi.rounds import DEFAULT_ROUNDS_JSON, RoundDef, parse_rounds
from kpi.workdays import WorkCalendar, thai_calendar


@dataclass(frozen=True)
class ReminderSettings:
    rounds: tuple[RoundDef, ...]
    grace: timedelta = timedelta(minutes=120)
    backoff: tuple[float, ...] = (1.0, 4.0, 15.0)
    send_timeout: float = 10.0
    lease: timedelta = timedelta(seconds=600)
    drain_seconds: int = 60
    holiday_categories: tuple[str, ...] = ("public", "government")
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    multicast_max: int = 500

    def calendar(self, around: datetime) -> WorkCalendar:
        """Working days of the year of `around` and the years either side."""
        return thai_calendar(range(around.year - 1, around.year + 2), self.holiday_categories)


def _get(config: Mapping, key: str, default):
    value = config.get(key)
    if value is None:
        value = os.environ.get(key)
    return default if value in (None, "") else value


def reminder_settings(config: Mapping) -> ReminderSettings:
    """Settings from a Flask config (tests put values there) or the environment."""
    rounds = _get(config, "REMINDER_ROUNDS", DEFAULT_ROUNDS_JSON)
    backoff = _get(config, "REMINDER_BACKOFF_SECONDS", "1,4,15")
    if isinstance(backoff, str):
        backoff = [b for b in backoff.replace(" ", "").split(",") if b]
    categories = _get(config, "REMINDER_HOLIDAY_CATEGORIES", "public,government")
    if isinstance(categories, str):
        categories = [c.strip() for c in categories.split(",") if c.strip()]
    return ReminderSettings(
        rounds=parse_rounds(rounds) if isinstance(rounds, (str, list)) else tuple(rounds),
        grace=timedelta(minutes=float(_get(config, "REMINDER_GRACE_MINUTES", 120))),
        backoff=tuple(float(b) for b in backoff)[:10],
        send_timeout=float(_get(config, "REMINDER_SEND_TIMEOUT", 10)),
        lease=timedelta(seconds=float(_get(config, "REMINDER_CLAIM_LEASE_SECONDS", 600))),
        drain_seconds=int(_get(config, "REMINDER_DRAIN_SECONDS", 60)),
        holiday_categories=tuple(categories),
        sleep=config.get("REMINDER_SLEEP") or time.sleep,
    )
