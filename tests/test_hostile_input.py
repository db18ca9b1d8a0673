"""Hostile and broken input: fuzzed webhooks, fuzzed chat, logs without secrets, a database away."""

from __future__ import annotations

import json
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot import configure
from fakeline import webhooks as W
from models import Officer, ProcessedEvent

from .conftest import SECRET, TOKEN
from .factories import seed_reporter

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def rows(db, model) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(
    body=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()),
    signature=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
)
def test_unsigned_or_garbage_webhooks_never_5xx_and_change_nothing(app, db, body, signature):
    response = app.test_client().post("/callback", data=body, headers={"X-Line-Signature": signature})
    assert response.status_code == 400
    assert rows(db, ProcessedEvent) == 0


event_like = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["message", "postback", "follow", "unfollow", "join", "beacon", "x", ""]),
        "source": st.fixed_dictionaries(
            {"type": st.sampled_from(["user", "group", "room", "?"]), "userId": st.text(max_size=40)}
        ),
    },
    optional={
        "webhookEventId": st.text(max_size=40),
        "replyToken": st.text(max_size=40),
        "timestamp": st.integers(),
        "mode": st.sampled_from(["active", "standby"]),
        "message": st.fixed_dictionaries(
            {"type": st.sampled_from(["text", "sticker", "image"]), "id": st.text(max_size=5)},
            optional={"text": st.text(max_size=50)},
        ),
        "postback": st.fixed_dictionaries({"data": st.text(max_size=80)}),
        "deliveryContext": st.fixed_dictionaries({"isRedelivery": st.booleans()}),
    },
)


@FUZZ
@given(events=st.lists(event_like, max_size=3))
def test_correctly_signed_odd_events_never_5xx(app, db, events):
    body = json.dumps({"destination": "U0", "events": events})
    response = app.test_client().post(
        "/callback", data=body.encode(), headers={"X-Line-Signature": W.sign(SECRET, body)}
    )
    assert response.status_code in (200, 400)


@FUZZ
@given(
    inputs=st.lists(
        st.one_of(
            st.text(max_size=60).map(lambda t: ("text", t)),
            st.sampled_from(["รายงาน", "1", "2", "10", "ยืนยัน", "แก้ไข", "ยกเลิก", "ถูกต้อง", "ไม่มี", "ต.ค."]).map(
                lambda t: ("text", t)
            ),
            st.text(max_size=80).map(lambda d: ("postback", d)),
            st.sampled_from(
                [
                    "act=confirm",
                    "act=pick&i=1&p=2569-10",
                    "act=value&i=3&v=99",
                    "act=far&ok=1",
                    "act=month&p=2569-03",
                    "act=page&n=-5",
                    "act=report&i=2",
                ]
            ).map(lambda d: ("postback", d)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_sequence_of_chat_input_gets_a_reply_and_never_fails(app, db, chat_with, inputs):
    if not _seeded(db):
        seed_reporter(db)
    chat = chat_with("Uofficer1")
    for kind, value in inputs:
        replies = chat.say(value) if kind == "text" else chat.tap(value)
        assert replies and len(replies) <= 5


def _seeded(db) -> bool:
    return rows(db, Officer) > 0


def test_logs_never_hold_message_bodies_tokens_or_secrets(app, db, chat_with, caplog, line):
    seed_reporter(db)
    caplog.set_level(logging.DEBUG)
    chat = chat_with("Uofficer1")
    secret_words = ["ผู้ป่วยย้ายโรงพยาบาลกะทันหัน", "รายงาน"]
    for typed in ("รายงาน", "1", "3", secret_words[0], "ยืนยัน"):
        chat.say(typed)
    line.inject("/v2/bot/message/reply", 500)
    chat.say("สถานะอะไรสักอย่าง")
    chat.post(W.text_event("Uofficer1", "x"), signature="forged-signature-value")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for needle in [*secret_words, SECRET, TOKEN, "forged-signature-value", "Uofficer1"]:
        assert needle not in logged


def test_database_away_answers_503_so_line_redelivers(make_app, tmp_path, chat_with):
    broken = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/db.sqlite3")
    body, headers = W.signed_request(SECRET, W.text_event("U1", "รายงาน"))
    response = broken.test_client().post("/callback", data=body.encode(), headers=headers)
    assert response.status_code == 503


def test_oversized_body_is_refused_before_anything_happens(app, db):
    body = '{"destination":"U0","events":[' + ",".join(['{"type":"x"}'] * 120_000) + "]}"
    response = app.test_client().post(
        "/callback", data=body.encode(), headers={"X-Line-Signature": W.sign(SECRET, body)}
    )
    assert response.status_code == 413
    assert rows(db, ProcessedEvent) == 0


def test_a_flood_gets_one_notice_not_a_reply_each(app, db, chat_with, clock, line):
    configure(app, MAX_MESSAGES_PER_MINUTE=20)
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    for _ in range(20):
        assert chat.say("สวัสดี")
    assert "ส่งข้อความถี่เกินไป" in chat.say("สวัสดี")[0]["text"]
    for _ in range(10):
        assert chat.say("สวัสดี") == []
    clock.advance(seconds=61)
    assert "สวัสดี คุณสมชาย" in chat.say("สวัสดี")[0]["text"]
