"""Shared helpers of the reminder tests: an app whose retries never sleep, demo users, message texts."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import pytest

from bot.clock import BANGKOK
from bot.demo import demo_line_user_id, load_demo_data
from scheduler.service import Reminders

#: 31 October 2569 (2026) noon: the demo plan loads as 2569; October's rounds start tomorrow.
BEFORE_NOVEMBER = datetime(2026, 10, 31, 12, 0, tzinfo=BANGKOK)

VISIT = demo_line_user_id("uthai.visit")      # P01/1 (due in October)
CONTRIB = demo_line_user_id("uthai.contrib")  # P07/1-6 (due every month)
TRAIN = demo_line_user_id("uthai.train")      # nothing due in October; P12/1 in November
HEAD = demo_line_user_id("uthai.head")        # supervisor of Uthai Thani
CHIEF = demo_line_user_id("plan.chief")       # planner
NAMES = {VISIT: "visit", CONTRIB: "contrib", TRAIN: "train", HEAD: "head", CHIEF: "chief"}

FAST = dict(REMINDER_SLEEP=lambda seconds: None, REMINDER_SEND_TIMEOUT=0.3)


@pytest.fixture
def rapp(make_app):
    """The bot with reminder retries that do not sleep and a short request timeout."""
    return make_app(**FAST)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def demo(rapp, clock, now: datetime = BEFORE_NOVEMBER):
    clock.set(now)
    return load_demo_data(rapp.extensions["db"], now)


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
        len(b["messages"]) * len(b["to"]) for b in line.multicasts())


def quick_replies(message: dict) -> list[dict]:
    return [i["action"] for i in (message.get("quickReply") or {}).get("items", [])]
