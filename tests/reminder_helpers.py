"""Shared helpers of the reminder tests: an app whose retries never sleep, demo users, message texts."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.clock import BANGKOK
from bot.demo import demo_line_user_id, load_demo_data
from models import MonthlyTarget, Officer, Responsibility
from models.reporting import save_value
from reminders.service import Reminders

#: 31 October 2569 (2026) noon: the demo plan loads as 2569; October's rounds start tomorrow.
BEFORE_NOVEMBER = datetime(2026, 10, 31, 12, 0, tzinfo=BANGKOK)

VISIT = demo_line_user_id("uthai.visit")  # P01/1 (due in October)
CONTRIB = demo_line_user_id("uthai.contrib")  # P07/1-6 (due every month)
TRAIN = demo_line_user_id("uthai.train")  # nothing due in October; P12/1 in November
HEAD = demo_line_user_id("uthai.head")  # supervisor of Uthai Thani
CHIEF = demo_line_user_id("plan.chief")  # planner
NAMES = {VISIT: "visit", CONTRIB: "contrib", TRAIN: "train", HEAD: "head", CHIEF: "chief"}

FAST = dict(REMINDER_SLEEP=lambda seconds: None, REMINDER_SEND_TIMEOUT=0.3)


@pytest.fixture
def rapp(make_app):
    """The bot with reminder retries that do not sleep and a short request timeout."""
    return make_app(**FAST)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def demo(rapp, clock, now: datetime = BEFORE_NOVEMBER, reported_through: int = 9):
    """The demo data, with every value due from January to `reported_through` (September by
    default: the year so far reported, so only October is owed) already in, on time."""
    clock.set(now)
    data = load_demo_data(rapp.extensions["db"], now)
    report(rapp, range(1, reported_through + 1))
    return data


def report(rapp, months, officer_keys=None):
    """Values for these months on every indicator due then (of these officers; all by default),
    sent on time (the 2nd of the month after)."""
    db = rapp.extensions["db"]
    with db.transaction() as s:
        query = (
            select(Officer.id, MonthlyTarget.indicator_id, MonthlyTarget.month)
            .join(Responsibility, Responsibility.officer_id == Officer.id)
            .join(MonthlyTarget, MonthlyTarget.indicator_id == Responsibility.indicator_id)
            .where(MonthlyTarget.month.in_(list(months)), MonthlyTarget.value != 0)
        )
        if officer_keys is not None:
            query = query.where(Officer.key.in_(list(officer_keys)))
        for officer_id, indicator_id, month in s.execute(query).all():
            at_ = datetime(2026 + month // 12, month % 12 + 1, 2, 12, 0, tzinfo=BANGKOK)
            save_value(
                s,
                indicator_id=indicator_id,
                month=month,
                value=Decimal(1),
                note=None,
                officer_id=officer_id,
                now=at_,
                on_time=True,
                source="import",
            )


def run(rapp, clock, now: datetime, dry_run: bool = False):
    clock.set(now)
    return Reminders.of(rapp).run_due(now, dry_run=dry_run)


def sent_texts(line) -> dict[str, list[str]]:
    """LINE user → texts of the pushed and multicast messages they received, in order."""
    got: dict[str, list[str]] = defaultdict(list)
    for body in line.pushes():
        got[body["to"]] += [m.get("text", m.get("altText", "")) for m in body["messages"]]
    for body in line.multicasts():
        for user in body["to"]:
            got[user] += [m.get("text", m.get("altText", "")) for m in body["messages"]]
    return dict(got)


def outbound(line) -> int:
    """Messages delivered by push and multicast (what costs quota)."""
    return sum(len(b["messages"]) for b in line.pushes()) + sum(
        len(b["messages"]) * len(b["to"]) for b in line.multicasts()
    )


def quick_replies(message: dict) -> list[dict]:
    return [i["action"] for i in (message.get("quickReply") or {}).get("items", [])]


def race(apps, moment: datetime) -> None:
    """Schedulers of these apps (one database) run the rounds due at `moment` at the same time."""
    start, errors = threading.Barrier(len(apps)), []

    def one(app):
        try:
            start.wait()
            Reminders.of(app).run_due(moment)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(app,)) for app in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
