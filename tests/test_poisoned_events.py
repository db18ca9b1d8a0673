"""Events a retry cannot cure: checked, or given up on alone; never a whole delivery held up."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from fakeline import webhooks as W
from models import ProcessedEvent
from models.events import EVENT_RETENTION, purge_processed_events
from models.plan import Indicator
from models.results import ReportedValue
from presentation import texts as T

from .conftest import SECRET
from .factories import seed_reporter

COUNT, PERCENT, LEVEL, PASS_FAIL = range(4)


def values_saved(db) -> list[tuple[Decimal, str | None]]:
    with db.transaction() as s:
        return [tuple(r) for r in s.execute(select(ReportedValue.value, ReportedValue.note))]


@pytest.mark.parametrize(
    "forged, answer",
    [
        ("1E25", T.ERR_OUT_OF_RANGE),
        ("1E20", T.ERR_OUT_OF_RANGE),
        ("-1E20", T.ERR_OUT_OF_RANGE),
        ("NaN", T.ERR_OUT_OF_RANGE),
        ("Infinity", T.ERR_OUT_OF_RANGE),
        ("sNaN", T.ERR_OUT_OF_RANGE),
        ("1E-9", T.ERR_TOO_PRECISE),
        ("0.00001", T.ERR_TOO_PRECISE),
        ("abc", T.ERR_NOT_A_NUMBER),
    ],
)
def test_a_forged_value_button_gets_the_checks_a_typed_value_gets(app, db, chat_with, forged, answer):
    """Postback data can be forged: a count indicator has no buttons, yet its value is checked."""
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.tap(f"act=pick&i={ids[COUNT]}&p=2569-10")
    chat.tap(f"act=value&i={ids[COUNT]}&v={forged}")
    assert answer in chat.texts()
    chat.say("ยืนยัน")
    assert values_saved(db) == []


def test_a_typed_number_past_the_range_is_explained(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.tap(f"act=pick&i={ids[PERCENT]}&p=2569-10")
    chat.say("12.123456")
    assert T.ERR_TOO_PRECISE in chat.texts()
    chat.say("12.1234")
    assert T.ERR_TOO_PRECISE not in chat.texts()


def test_a_reason_holding_nul_is_saved_without_it(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.tap(f"act=pick&i={ids[COUNT]}&p=2569-10")
    chat.say("3")  # under 50 % of 10: a reason is required
    chat.say("งบประมาณ\x00ล่าช้า")
    chat.press("ยืนยัน")
    assert values_saved(db) == [(Decimal(3), "งบประมาณล่าช้า")]


@pytest.mark.gives_up_on_events
def test_an_event_failing_for_good_is_acknowledged_and_the_rest_of_its_delivery_handled(
    app, db, chat_with, line, failed_events, monkeypatch
):
    seed_reporter(db)
    import bot.webhook as webhook

    real = webhook.handle_event

    def poisoned(session, incoming, now, max_per_minute):
        if incoming.text == "ข้อความพิษ":
            raise ValueError("a bug that quotes the user: ข้อความพิษ")
        return real(session, incoming, now, max_per_minute)

    monkeypatch.setattr(webhook, "handle_event", poisoned)
    poison = W.text_event("Uofficer1", "ข้อความพิษ")
    after = W.text_event("Uofficer1", "รายงาน")
    body, headers = W.signed_request(SECRET, poison, after)
    client = app.test_client()
    assert client.post("/callback", data=body.encode(), headers=headers).status_code == 200
    replies = {r["replyToken"]: r["messages"] for r in line.replies()}
    assert replies[poison["replyToken"]][0]["text"] == T.EVENT_FAILED
    assert "ตุลาคม 2569" in json.dumps(replies[after["replyToken"]], ensure_ascii=False)
    with db.transaction() as s:
        marks = dict(s.execute(select(ProcessedEvent.webhook_event_id, ProcessedEvent.failed)).all())
    assert marks == {poison["webhookEventId"]: True, after["webhookEventId"]: False}
    assert len(failed_events) == 1 and poison["webhookEventId"] in failed_events[0]
    assert "ข้อความพิษ" not in failed_events[0] and "Uofficer1" not in failed_events[0]

    line.clear()  # LINE redelivers the same body: both events are known, nothing runs again
    assert client.post("/callback", data=body.encode(), headers=headers).status_code == 200
    assert line.replies() == [] and len(failed_events) == 1


def test_a_database_away_still_answers_503(make_app, tmp_path):
    broken = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/db.sqlite3")
    body, headers = W.signed_request(SECRET, W.text_event("U1", "รายงาน"))
    assert broken.test_client().post("/callback", data=body.encode(), headers=headers).status_code == 503


def test_standby_events_are_left_to_the_channel_that_is_active(app, db, chat_with, line):
    seed_reporter(db)
    event = W.text_event("Uofficer1", "รายงาน")
    event["mode"] = "standby"
    body, headers = W.signed_request(SECRET, event)
    assert app.test_client().post("/callback", data=body.encode(), headers=headers).status_code == 200
    assert line.replies() == []
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


@pytest.mark.parametrize("field", ["userId", "webhookEventId"])
def test_an_id_longer_than_lines_is_refused_and_the_delivery_changes_nothing(app, db, field):
    ok = W.text_event("U" + "a" * 32, "สวัสดี")
    long = W.text_event("U" + "b" * 32, "สวัสดี")
    if field == "userId":
        long["source"]["userId"] = "U" + "x" * 80
    else:
        long["webhookEventId"] = "E" * 80
    body, headers = W.signed_request(SECRET, ok, long)
    assert app.test_client().post("/callback", data=body.encode(), headers=headers).status_code == 400
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def test_processed_events_are_forgotten_once_line_can_no_longer_redeliver_them(app, db, chat_with, clock, line):
    seed_reporter(db)
    event = W.text_event("Uofficer1", "ช่วยเหลือ")
    chat = chat_with("Uofficer1")
    chat.deliver(event)
    clock.advance(seconds=int((EVENT_RETENTION - timedelta(hours=1)).total_seconds()))
    with db.transaction() as s:
        assert purge_processed_events(s, clock.now()) == 0
    line.clear()
    chat.deliver(event)  # a redelivery within the retention: still skipped
    assert line.replies() == []
    clock.advance(seconds=2 * 3600)
    with db.transaction() as s:
        assert purge_processed_events(s, clock.now()) == 1
        assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def test_the_scheduler_purges_every_night(app, db, clock):
    from scheduler.jobs import purge_events

    with db.transaction() as s:
        s.add(ProcessedEvent(webhook_event_id="old", processed_at=clock.now() - EVENT_RETENTION * 2))
        s.add(ProcessedEvent(webhook_event_id="new", processed_at=clock.now()))
    assert purge_events(app) == 1


def test_database_errors_in_logs_carry_no_bound_values(make_app, db, caplog):
    """A request failing on the database: Flask logs the error, and the values stay out."""
    app = make_app(TESTING=False, SECRET_KEY="k" * 32)
    token = "sign-in-token-of-somebody-9f8e7d"
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE dashboard_login"))
    caplog.set_level(logging.ERROR)
    assert app.test_client().get(f"/dashboard/login/{token}").status_code == 500
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    from dashboard.access import _hash

    assert "dashboard_login" in logged  # the SQL is named
    assert _hash(token) not in logged and token not in logged
    assert "parameters hidden" in logged


button_values = st.one_of(
    st.text(max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    st.sampled_from(["1E25", "1e20", "-0", "0", "1", "5", "6", "2.5", "๓", "1,000", "%", " 1"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from([COUNT, PERCENT, LEVEL, PASS_FAIL]), raw=button_values)
def test_any_value_button_is_answered_and_never_saves_what_the_indicator_cannot_take(app, db, chat_with, which, raw):
    with db.transaction() as s:
        ids = s.scalars(select(Indicator.id).order_by(Indicator.id)).all()
    if not ids:
        ids = seed_reporter(db)[1]
    chat = chat_with("Uofficer1")
    chat.say("ยกเลิก")
    chat.say("แก้ไข")
    chat.tap(f"act=pick&i={ids[which]}&p=2569-10")
    assert chat.tap("act=value&" + urlencode({"i": ids[which], "v": raw}))
    chat.say("ยืนยัน")
    for value, _ in values_saved(db):
        assert abs(value) <= 10**12
