"""Every conversation state × unexpected input: always a Thai reply saying what to do, nothing saved."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import ConversationRecord, ValueHistory

from .factories import seed_reporter

#: How to reach each state from a fresh chat (seed_reporter's officer, October due).
PATHS = {
    "idle": [],
    "choose_month": ["เลือกเดือนอื่น"],
    "choose_indicator": ["รายงาน"],
    "ask_value": ["รายงาน", "1"],
    "confirm_far": ["รายงาน", "1", "500"],
    "ask_reason": ["รายงาน", "1", "3"],
    "confirm": ["รายงาน", "1", "10"],
}
UNEXPECTED = [
    "🙂",
    "asdf",
    "ระดับ",
    "0.0.0",
    "x" * 4000,
    "ยืนยันนะ",
    "ตุลา",
    "P99/9",
    "99",
    "-",
    "act=confirm",
    "\u200b",
    "DROP TABLE officer;",
    "รายงานผลเดือนตุลาคม",
]
STALE_POSTBACKS = [
    "act=confirm&t=1:2569-10:11",
    "act=pick&i=1&p=2569-01",
    "act=value&i=3&v=2",
    "act=far&ok=1",
    "act=skip",
    "act=page&n=99",
    "act=month&p=2570-01",
    "garbage=1",
    "",
    "act=report&p=9999-99",
    "act=change",
]


def state_of(db, user_id):
    with db.transaction() as s:
        record = s.get(ConversationRecord, user_id)
        return record.state if record else "idle"


@pytest.mark.parametrize("state", PATHS)
def test_unexpected_text_in_every_state(app, db, chat_with, state):
    seed_reporter(db)
    for typed in UNEXPECTED:
        chat = chat_with("Uofficer1")
        chat.say("ยกเลิก")
        for step in PATHS[state]:
            chat.say(step)
        assert state_of(db, "Uofficer1") == state
        replies = chat.say(typed)
        assert replies, f"no reply to {typed!r} in {state}"
        assert all(m["type"] in ("text", "flex") for m in replies)
        assert 1 <= len(replies) <= 5
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ValueHistory)) == 0


@pytest.mark.parametrize("state", PATHS)
def test_stale_or_forged_postbacks_in_every_state(app, db, chat_with, state):
    seed_reporter(db)
    for data in STALE_POSTBACKS:
        chat = chat_with("Uofficer1")
        chat.say("ยกเลิก")
        for step in PATHS[state]:
            chat.say(step)
        assert chat.tap(data), f"no reply to postback {data!r} in {state}"
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ValueHistory)) == 0
