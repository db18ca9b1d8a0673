"""Pictures, locations and files sent to the bot, as LINE sends them (events checked against
LINE's webhook spec): the bot answers each in Thai, saves nothing, and a report in progress
stays where it was."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from fakeline import webhooks as W
from models import ReportedValue
from presentation import texts as T

from .factories import seed_reporter

ATTACHMENTS = {
    "image": lambda user: W.image_event(user),
    "location": lambda user: W.location_event(
        user, 13.6904, 101.0779, title="สำนักงานประกันสังคมจังหวัดฉะเชิงเทรา", address="ฉะเชิงเทรา"
    ),
    "file": lambda user: W.file_event(user, "ผลงานเดือนตุลาคม.xlsx", 18_432),
}


def deliver(chat, event: dict) -> list[dict]:
    assert W.check_webhook(W.webhook_body(event)) == []
    return chat.deliver(event)


@pytest.mark.parametrize("kind", list(ATTACHMENTS))
def test_an_attachment_mid_report_is_answered_and_the_report_goes_on(kind, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.press("1. ")
    assert "เป้าหมายเดือนตุลาคม 2569: 10 ราย" in chat.texts()
    answer = deliver(chat, ATTACHMENTS[kind]("Uofficer1"))
    assert [m["text"] for m in answer] == [T.NON_TEXT]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ReportedValue)) == 0
    chat.say("12")  # the value the bot was asking for
    assert chat.last[0]["type"] == "flex"
    chat.press("ยืนยัน")
    assert "บันทึกผล P01/1 เดือนตุลาคม 2569 เป็น 12 ราย แล้ว" in chat.texts()


@pytest.mark.parametrize("kind", list(ATTACHMENTS))
def test_an_attachment_from_an_unbound_account_is_asked_for_the_code(kind, chat_with):
    chat = chat_with()
    answer = deliver(chat, ATTACHMENTS[kind](chat.user_id))
    assert [m["text"] for m in answer] == [T.ASK_FOR_CODE]
