"""The webhook as LINE calls it: signatures, Verify, redelivery, event kinds, groups."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from fakeline import webhooks as W
from models import ConversationRecord, Officer, ProcessedEvent, ValueHistory

from .conftest import SECRET
from .factories import seed_reporter


def count(db, model) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_verify_call_with_no_events_gets_200(app, chat_with, line):
    response = chat_with().post()
    assert response.status_code == 200
    assert line.requests == []


@pytest.mark.parametrize("signature", ["", "bm90LXRoZS1zaWduYXR1cmU=", "%%%"])
def test_bad_or_missing_signature_is_400_and_changes_nothing(app, db, chat_with, line, signature):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    response = chat.post(W.text_event("Uofficer1", "รายงาน"), signature=signature)
    assert response.status_code == 400
    assert count(db, ProcessedEvent) == 0 and count(db, ConversationRecord) == 0
    assert line.requests == []


def test_signature_of_another_body_is_rejected(app, db, chat_with):
    body, headers = W.signed_request(SECRET, W.text_event("U1", "a"))
    other = W.webhook_body(W.text_event("U1", "b"))
    response = app.test_client().post("/callback", data=other, headers=headers)
    assert response.status_code == 400


@pytest.mark.parametrize("body", ["not json", "[]", '{"events": 5}', '{"destination": "x"}', ""])
def test_signed_body_that_is_not_a_webhook_is_400(app, body):
    response = app.test_client().post(
        "/callback", data=body.encode(), headers={"X-Line-Signature": W.sign(SECRET, body)}
    )
    assert response.status_code == 400


def test_redelivered_event_has_its_effect_once(app, db, chat_with, line):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    for typed in ("รายงาน", "1", "10"):
        chat.say(typed)
    confirm = W.text_event("Uofficer1", "ยืนยัน")
    chat.deliver(confirm)
    again = dict(confirm, deliveryContext={"isRedelivery": True}, replyToken="f" * 32)
    assert chat.post(again).status_code == 200
    assert count(db, ValueHistory) == 1
    assert not [r for r in line.replies() if r["replyToken"] == "f" * 32]


def test_group_and_room_messages_get_asked_to_chat_one_to_one(app, chat_with):
    chat = chat_with()
    for source_type in ("group", "room"):
        replies = chat.deliver(W.text_event(chat.user_id, "รายงาน", source_type=source_type))
        assert "แชตส่วนตัว" in replies[0]["text"]


def test_other_events_are_acknowledged_and_ignored(app, chat_with, line):
    chat = chat_with()
    event = W.text_event(chat.user_id, "x")
    event.update(type="beacon", beacon={"hwid": "d41d8cd98f", "type": "enter"})
    del event["message"]
    assert chat.post(event).status_code == 200
    assert line.requests == []


def test_sticker_gets_a_text_only_notice(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    replies = chat.deliver(W.sticker_event("Uofficer1"))
    assert "ข้อความตัวอักษร" in replies[0]["text"]


def test_follow_greets_and_unfollow_blocks_pushes_until_follow(app, db, chat_with):
    seed_reporter(db)
    stranger = chat_with()
    assert "รหัส 6 หลัก" in stranger.follow()[0]["text"]
    chat = chat_with("Uofficer1")
    chat.post(W.unfollow_event("Uofficer1"))
    with db.transaction() as s:
        assert s.scalar(select(Officer.line_blocked).where(Officer.line_user_id == "Uofficer1")) is True
    assert "ยินดีต้อนรับกลับ" in chat.follow()[0]["text"]
    with db.transaction() as s:
        assert s.scalar(select(Officer.line_blocked).where(Officer.line_user_id == "Uofficer1")) is False


def test_failed_reply_does_not_lose_the_saved_value(app, db, chat_with, line):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    for typed in ("รายงาน", "1", "10"):
        chat.say(typed)
    line.inject("/v2/bot/message/reply", 500)
    assert chat.post(W.text_event("Uofficer1", "ยืนยัน")).status_code == 200
    assert count(db, ValueHistory) == 1


def test_expired_reply_token_falls_back_to_one_push_when_a_value_was_saved(app, db, chat_with, line):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    for typed in ("รายงาน", "1", "10"):
        chat.say(typed)
    confirm = W.text_event("Uofficer1", "ยืนยัน")
    line.expire_reply_token(confirm["replyToken"])
    assert chat.post(confirm).status_code == 200
    pushed = [m["text"] for p in line.pushes() if p["to"] == "Uofficer1" for m in p["messages"] if "text" in m]
    assert any("บันทึกผล P01/1" in t for t in pushed)
    # a question alone is not worth a push
    question = W.text_event("Uofficer1", "แก้ไข")
    line.expire_reply_token(question["replyToken"])
    chat.post(question)
    assert len(line.pushes()) == 1


def test_slow_requests_show_the_loading_animation_quick_ones_do_not(app, db, chat_with, line):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert not [r for r in line.requests if r.path == "/v2/bot/chat/loading/start"]
    chat.say("สถานะ")
    loading = [r for r in line.requests if r.path == "/v2/bot/chat/loading/start"]
    assert [r.body["chatId"] for r in loading] == ["Uofficer1"]
