"""Reminder settings, from the app's configuration (bot.config reads them from the environment),
else these defaults.

| setting | default |
|---|---|
| REMINDER_ROUNDS | kpi.rounds.DEFAULT_ROUNDS_JSON (JSON list of rounds) |
| REMINDER_GRACE_MINUTES | 120: a round found later than this after its time is stale, never sent |
| REMINDER_BACKOFF_SECONDS | "1,4,15": waits between attempts of a request (429, 5xx, no answer) |
| REMINDER_SEND_TIMEOUT | 10 seconds per request |
| REMINDER_CLAIM_LEASE_SECONDS | 600: rows claimed by a sender that died are taken over after this |
| REMINDER_DRAIN_SECONDS | 60: how often the scheduler sends waiting outbox rows (nudges) |
| REMINDER_HOLIDAY_CATEGORIES | "public,government" (the holidays package's Thailand categories) |
| GO_LIVE_MONTH | "" (the whole plan year): the go-live month, a BE key like "2569-10"; earlier months not imported are ก่อนใช้ระบบ everywhere (kpi.go_live) and never reminded. REMINDER_BACKLOG_FROM, its old name, is still read |
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kpi.periods import BE_OFFSET, Period
from kpi.rounds import DEFAULT_ROUNDS_JSON, RoundDef, parse_rounds
from kpi.workdays import WorkCalendar, thai_calendar
from presentation.form_links import FormLinks, form_links


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
    backlog_from: Period | None = None  # GO_LIVE_MONTH: no earlier month before it is owed
    #: The month's page ("กรอกทั้งหมดในหน้าเดียว"), offered in reminders owing two or more; None: no link.
    form_links: FormLinks | None = None

    def calendar(self, around: datetime) -> WorkCalendar:
        """Working days of the year of `around` and the years either side."""
        return thai_calendar(range(around.year - 1, around.year + 2), self.holiday_categories)


def _get(config: Mapping, key: str, default):
    value = config.get(key)
    return default if value in (None, "") else value


MONTH_KEY = re.compile(r"(\d{4})-(\d{1,2})")


GO_LIVE = "GO_LIVE_MONTH"
#: The setting's first name, still accepted (GO_LIVE_MONTH wins when both are set).
GO_LIVE_OLD_NAME = "REMINDER_BACKLOG_FROM"


def parse_backlog_from(value: str | Period | None, name: str = GO_LIVE) -> Period | None:
    """GO_LIVE_MONTH: the month the bot went live, as a Buddhist-Era month key ("2569-10");
    the months before it not imported are ก่อนใช้ระบบ (kpi.go_live) and the look-back for
    earlier months owed never reaches before it. Empty: the whole plan year.

    Raises ValueError saying what is wrong and what is expected (`name`: the setting given)."""
    if value is None or isinstance(value, Period):
        return value
    text = str(value).strip()
    if not text:
        return None
    expected = (
        f"{name} must be the first month reported in the bot as a Buddhist-Era "
        "month YYYY-MM, e.g. 2569-10, or empty for the whole plan year"
    )
    match = MONTH_KEY.fullmatch(text)
    if match is None:
        raise ValueError(f"{expected}; got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{expected}; got {text!r}: no month {month}")
    if year < 2400:
        raise ValueError(
            f"{expected}; got {text!r}: {year} looks like a Christian-Era year "
            f"(in the Buddhist Era: {year + BE_OFFSET}-{month:02d})"
        )
    try:
        return Period.from_key(f"{year}-{month:02d}")
    except ValueError:
        raise ValueError(f"{expected}; got {text!r}") from None


def go_live_month(config: Mapping) -> Period | None:
    """GO_LIVE_MONTH (or its old name REMINDER_BACKLOG_FROM) alone: the reporting
    conversation, the status views, the dashboard and the exports need only this one."""
    for name in (GO_LIVE, GO_LIVE_OLD_NAME):
        value = _get(config, name, None)
        if value is not None:
            return parse_backlog_from(value, name)
    return None


def reminder_settings(config: Mapping) -> ReminderSettings:
    """Settings from the app's configuration (tests put values there)."""
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
        backlog_from=go_live_month(config),
        form_links=form_links(
            (config.get("PUBLIC_BASE_URL") or "").rstrip("/"),
            config.get("SECRET_KEY") or "",
            config.get("LIFF_ID") or "",
        ),
    )
