"""Reminders name the disbursements owed like the indicators owed (issue 13): still one message
per officer per round (an officer who owes only a disbursement is owing), the supervisors'
digest counts them, and the look-back respects the go-live month."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from bot.clock import BANGKOK
from models.reporting import save_disbursement, save_value

from .factories import budget, indicator, month_targets, officer, unit
from .reminder_helpers import FAST, outbound, quick_replies, run, sent_texts

PUSH = "/v2/bot/message/push"
SENT = datetime(2026, 11, 2, 9, 0, tzinfo=BANGKOK)


def seed(db):
    """A: P01/1 reported, P01's disbursement owed; B: P02/1 owed, no budget; C: all reported."""
    with db.transaction() as s:
        u = unit(s)
        p1 = indicator(s, u, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", month_targets(oct=10))
        p2 = indicator(s, u, "P02", 1, "จำนวนครั้งที่ตรวจ", "ครั้ง", "count", month_targets(oct=2))
        p3 = indicator(s, u, "P03", 1, "จำนวนสถานประกอบการ", "แห่ง", "count", month_targets(oct=2))
        officer(s, "head", u, role="supervisor", line_user_id="Uhead", name="หัวหน้า")
        a = officer(s, "a", u, line_user_id="Ua", indicators=[p1], name="เอ")
        officer(s, "b", u, line_user_id="Ub", indicators=[p2], name="บี")
        c = officer(s, "c", u, line_user_id="Uc", indicators=[p3], name="ซี")
        p01 = budget(s, u, "P01", 1_200_000, [100_000] * 12)
        p03 = budget(s, u, "P03", 500_000)
        for ind, who in ((p1, a), (p3, c)):
            stamp = dict(officer_id=who.id, now=SENT, on_time=True, source="chat")
            save_value(s, indicator_id=ind.id, month=10, value=Decimal(10), note=None, **stamp)
        for month in range(1, 11):  # C reported every month's disbursement of the year
            save_disbursement(
                s,
                project_id=p03.id,
                month=month,
                amount=Decimal(40_000),
                note=None,
                officer_id=c.id,
                now=SENT,
                on_time=True,
                source="chat",
            )
        return p01.id


@pytest.fixture
def live_app(make_app):
    return make_app(**FAST, GO_LIVE_MONTH="2569-10")


def test_a_round_counts_the_disbursements_owed(live_app, clock, line, chat_with):
    p01 = seed(live_app.extensions["db"])
    run(live_app, clock, datetime(2026, 11, 1, 9, 0, tzinfo=BANGKOK))
    texts = sent_texts(line)
    assert set(texts) == {"Ua", "Ub"}  # A owes only a disbursement: reminded; C nothing
    assert outbound(line) == 2  # one message per officer owing
    (a,) = texts["Ua"]
    assert "ยังไม่ได้ส่งยอดเบิกจ่ายงบประมาณ 1 โครงการ:\n• P01 โครงการ P01" in a
    assert "ตัวชี้วัด" not in a.split("\n")[1]  # no indicator line for A
    assert "ยังค้าง" not in a  # go-live: January–September are not owed
    assert "เบิกจ่าย" not in texts["Ub"][0]
    (push,) = [b for b in line.pushes() if b["to"] == "Ua"]
    button = quick_replies(push["messages"][0])[0]
    assert button["label"] == "เบิกจ่าย P01" and f"b={p01}" in button["data"]
    chat = chat_with("Ua")
    chat.tap(button["data"])
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in chat.texts()


def test_the_digest_counts_them_too(live_app, clock, line):
    seed(live_app.extensions["db"])
    run(live_app, clock, datetime(2026, 11, 6, 9, 0, tzinfo=BANGKOK))
    digest = sent_texts(line)["Uhead"][0]
    assert "ยังส่งไม่ครบ 2 คน (1 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ)" in digest
    assert "• เอ: เบิกจ่าย P01" in digest and "• บี: P02/1" in digest and "ซี" not in digest
    assert outbound(line) == 3  # A, B and the digest


def test_without_go_live_earlier_months_owed_are_named(make_app, clock, line):
    rapp = make_app(**FAST)
    seed(rapp.extensions["db"])
    run(rapp, clock, datetime(2026, 11, 6, 9, 0, tzinfo=BANGKOK))
    texts = sent_texts(line)
    assert "ยังค้าง ม.ค.–ก.ย. 2569 (การเบิกจ่าย 1 โครงการ)" in texts["Ua"][0]
    assert "• เอ: เบิกจ่าย P01; ค้าง ม.ค.–ก.ย. (การเบิกจ่าย 1 โครงการ)" in texts["Uhead"][0]
    assert outbound(line) == 3


def test_an_officer_who_reports_the_disbursement_before_the_send_is_not_reminded(live_app, clock, line):
    from reminders.service import Reminders

    p01 = seed(live_app.extensions["db"])
    clock.set(datetime(2026, 11, 1, 9, 0, tzinfo=BANGKOK))
    reminders = Reminders.of(live_app)
    rnd = reminders.due(clock.now())
    assert reminders.enqueue(rnd, clock.now()).enqueued == 2  # A and B in the outbox
    with live_app.extensions["db"].transaction() as s:
        save_disbursement(
            s,
            project_id=p01,
            month=10,
            amount=Decimal(0),
            note=None,
            officer_id=None,
            now=SENT,
            on_time=True,
            source="chat",
        )
    run(live_app, clock, datetime(2026, 11, 1, 9, 0, tzinfo=BANGKOK))
    assert set(sent_texts(line)) == {"Ub"}


def test_with_the_months_page_on_an_officer_owing_only_a_disbursement_gets_no_page_button(make_app, clock, line):
    """The month's page is offered for two or more owed items: an officer owing just one
    disbursement is reminded as before, one message, without the page's button (and without
    failing to compose it)."""
    app = make_app(**FAST, GO_LIVE_MONTH="2569-10", PUBLIC_BASE_URL="https://kpi.example.go.th")
    seed(app.extensions["db"])
    run(app, clock, datetime(2026, 11, 1, 9, 0, tzinfo=BANGKOK))
    assert set(sent_texts(line)) == {"Ua", "Ub"} and outbound(line) == 2
    (push,) = [b for b in line.pushes() if b["to"] == "Ua"]
    assert [r["label"] for r in quick_replies(push["messages"][0])][0] == "เบิกจ่าย P01"
    assert not [i for i in push["messages"][0]["quickReply"]["items"] if i["action"]["type"] == "uri"]
