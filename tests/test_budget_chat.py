"""The month's disbursement (issue 13) as one more item of the officer's list: through the
webhook, the fake LINE checking every reply."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from models import Disbursement, DisbursementHistory

from .factories import budget, seed_reporter, unit

MONTHLY = [100_000] * 12  # 1,200,000 a year, 100,000 a month


def seed(db, allocation=1_200_000, monthly=MONTHLY, code="P01"):
    officer_id, indicator_ids = seed_reporter(db)
    with db.transaction() as s:
        project = budget(s, unit(s), code, allocation, monthly)
        return officer_id, project.id


def disbursements(db) -> dict:
    with db.transaction() as s:
        return {
            (d.project_id, d.month): (d.amount_baht, d.note, d.on_time, d.source)
            for d in s.scalars(select(Disbursement))
        }


def history(db) -> list:
    with db.transaction() as s:
        return [
            (h.month, h.old_amount, h.new_amount, h.source)
            for h in s.scalars(select(DisbursementHistory).order_by(DisbursementHistory.id))
        ]


def test_the_disbursement_is_one_more_item_of_the_list(app, db, chat_with):
    _, project_id = seed(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ" in chat.texts()
    assert "5. เบิกจ่ายงบประมาณ P01 โครงการ P01" in chat.texts()
    chat.press("5. เบิกจ่าย P01")
    card = chat.texts()
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in card
    assert "แผนการเบิกจ่ายเดือนตุลาคม 2569: 100,000.00 บาท" in card
    assert "ร้อยละการเบิกจ่ายสะสม: ร้อยละ 0 ของงบประมาณ" in card
    chat.say("950,000.50 บาท")
    assert chat.last[0]["type"] == "flex"
    assert "950,000.50 บาท" in chat.texts()
    assert disbursements(db) == {}
    chat.press("ยืนยัน")
    assert "บันทึกยอดเบิกจ่าย P01 เดือนตุลาคม 2569 เป็น 950,000.50 บาท แล้ว (ส่งช้า)" in chat.texts()
    assert disbursements(db) == {(project_id, 10): (Decimal("950000.50"), None, False, "chat")}
    assert history(db) == [(10, None, Decimal("950000.50"), "chat")]


def to_amount_question(chat):
    chat.say("รายงาน")
    chat.press("5. เบิกจ่าย P01")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("150000", "150,000.00 บาท"),
        ("150,000", "150,000.00 บาท"),
        ("150,000.50 บาท", "150,000.50 บาท"),
        ("1.5 ล้าน", "1,500,000.00 บาท"),
        ("1.5 ลบ.", "1,500,000.00 บาท"),
        ("แสนห้า", "150,000.00 บาท"),
        ("หนึ่งแสนห้าหมื่นบาท", "150,000.00 บาท"),
        ("๑๕๐,๐๐๐", "150,000.00 บาท"),
        ("0", "0.00 บาท"),
        ("ไม่มีการเบิกจ่าย", "0.00 บาท"),
    ],
)
def test_every_money_form_is_shown_back_before_it_is_saved(app, db, chat_with, typed, shown):
    # 2,000,000 a year without a monthly plan: nothing typed here asks for a reason
    _, project_id = seed(db, allocation=2_000_000, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say(typed)
    assert chat.last[0]["type"] == "flex", chat.texts()
    assert f"ยืนยันยอดเบิกจ่าย P01 เดือนตุลาคม 2569: {shown}" in chat.texts()
    assert disbursements(db) == {}
    chat.press("ยืนยัน")
    saved = Decimal(shown.split()[0].replace(",", ""))
    assert disbursements(db) == {(project_id, 10): (saved, None, False, "chat")}


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("150,000 และ 20,000", "มากกว่าหนึ่งยอด"),
        ("รอเบิกจ่ายเดือนหน้า", "ไม่ใช่ยอดเงิน"),
        ("รอเบิกจ่าย 2 งวด", "ไม่ใช่ยอดเงิน"),  # words that hold a figure
        ("2,000,000,000,000", "เกิน 1 ล้านล้านบาท"),
        ("150000.555", "ทศนิยมเกิน 2 ตำแหน่ง"),
        ("ร้อยละ 50", "ไม่ใช่ร้อยละ"),
        ("ประมาณ 150,000", "ไม่ใช่ยอดประมาณ"),
    ],
)
def test_what_is_not_an_amount_is_explained_and_asked_again(app, db, chat_with, typed, why):
    seed(db)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say(typed)
    assert why in chat.texts()
    assert "กรุณาพิมพ์ยอดเบิกจ่ายเดือนตุลาคม 2569 เป็นบาท" in chat.texts()
    chat.say("950000")  # still at the question: the next figure is taken
    assert chat.last[0]["type"] == "flex"
    assert disbursements(db) == {} and history(db) == []


@pytest.mark.parametrize("typed", ["คืนเงิน 5,000", "-5000"])
def test_a_refund_is_asked_to_be_confirmed(app, db, chat_with, typed):
    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say(typed)
    assert "ยอด -5,000.00 บาท ติดลบ: เป็นการคืนเงิน" in chat.texts()
    chat.press("ใช่ คืนเงิน")
    assert "คืนเงิน" in str(chat.last[0]["contents"]) and "5,000.00 บาท" in str(chat.last[0]["contents"])
    chat.press("ยืนยัน")
    assert disbursements(db) == {(project_id, 10): (Decimal("-5000"), None, False, "chat")}


def test_a_refund_not_meant_is_typed_again(app, db, chat_with):
    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("-5000")
    chat.press("พิมพ์ใหม่")
    assert "กรุณาพิมพ์ยอดเบิกจ่ายเดือนตุลาคม 2569 เป็นบาท" in chat.texts()
    chat.say("5000")
    chat.press("ยืนยัน")
    assert disbursements(db) == {(project_id, 10): (Decimal("5000"), None, False, "chat")}


def test_spending_past_the_allocation_asks_for_a_reason(app, db, chat_with):
    _, project_id = seed(db, allocation=1_000_000, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("1.2 ล้าน")
    assert "เกินงบประมาณที่ได้รับจัดสรร 1,000,000.00 บาท (ร้อยละ 120)" in chat.texts()
    chat.say("ไม่มี")  # required: refused
    assert "ต้องระบุ" in chat.texts()
    chat.say("👍")
    assert "ต้องเป็นข้อความ" in chat.texts()
    chat.say("ได้รับโอนงบเพิ่มเติมกลางปี")
    assert "ได้รับโอนงบเพิ่มเติมกลางปี" in str(chat.last[0]["contents"])
    chat.press("ยืนยัน")
    assert disbursements(db) == {(project_id, 10): (Decimal("1200000"), "ได้รับโอนงบเพิ่มเติมกลางปี", False, "chat")}


def test_far_behind_the_cumulative_plan_asks_for_a_reason(app, db, chat_with):
    _, project_id = seed(db)  # 100,000 a month planned: 1,000,000 by October
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("300,000")
    assert "ร้อยละ 30 ของแผนการเบิกจ่ายสะสม 1,000,000.00 บาท" in chat.texts()
    chat.say("รอผลการจัดซื้อจัดจ้าง")
    chat.say("950000")  # a new figure at the card: on plan, the reason goes
    contents = str(chat.last[0]["contents"])
    assert "950,000.00 บาท" in contents and "รอผลการจัดซื้อ" not in contents
    chat.press("ยืนยัน")
    assert disbursements(db)[(project_id, 10)][:2] == (Decimal("950000"), None)


def test_a_correction_through_edit_is_kept_in_the_same_history(app, db, chat_with):
    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("150000")
    chat.press("ยืนยัน")
    chat.say("แก้ไข")
    assert "เบิกจ่ายงบประมาณ P01 โครงการ P01 (ส่งแล้ว 150,000.00 บาท)" in chat.texts()
    chat.press("5. เบิกจ่าย P01")  # its number of the month's list
    assert "ยอดที่ส่งแล้วของเดือนนี้: 150,000.00 บาท" in chat.texts()
    chat.say("175,000.25")
    chat.press("ยืนยัน")
    assert "แก้ไขยอดเบิกจ่าย P01 เดือนตุลาคม 2569 จาก 150,000.00 บาท เป็น 175,000.25 บาท แล้ว" in chat.texts()
    assert disbursements(db) == {(project_id, 10): (Decimal("175000.25"), None, False, "chat")}
    assert history(db) == [
        (10, None, Decimal("150000"), "chat"),
        (10, Decimal("150000"), Decimal("175000.25"), "correction"),
    ]


def test_on_time_by_the_fifth_as_for_values(app, db, chat_with, clock):
    from datetime import datetime

    from bot.clock import BANGKOK

    clock.set(datetime(2026, 11, 5, 23, 59, tzinfo=BANGKOK))
    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("0")
    chat.press("ยืนยัน")
    assert "บันทึกยอดเบิกจ่าย P01 เดือนตุลาคม 2569 เป็น 0.00 บาท แล้ว ✅" in chat.texts()
    assert disbursements(db) == {(project_id, 10): (Decimal("0"), None, True, "chat")}


def test_a_redelivered_confirmation_saves_once(app, db, chat_with, line):
    from fakeline import webhooks as W

    seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    to_amount_question(chat)
    chat.say("150000")
    confirm = W.text_event("Uofficer1", "ยืนยัน")
    chat.deliver(confirm)
    again = dict(confirm, deliveryContext={"isRedelivery": True}, replyToken="f" * 32)
    assert chat.post(again).status_code == 200
    assert len(history(db)) == 1 and len(disbursements(db)) == 1
    assert not [r for r in line.replies() if r["replyToken"] == "f" * 32]


def test_another_officer_cannot_report_it(app, db, chat_with):
    from .factories import indicator, month_targets, officer

    _, project_id = seed(db, monthly=None)
    with db.transaction() as s:
        u = unit(s)
        others = [indicator(s, u, "P02", n, f"จำนวนครั้งที่ตรวจ {n}", "ครั้ง", "count", month_targets(oct=2)) for n in (1, 2)]
        officer(s, "o2", u, line_user_id="Uofficer2", indicators=others, name="สมหญิง")
    chat = chat_with("Uofficer2")
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 2 ตัวชี้วัด (" in chat.texts() and "เบิกจ่าย" not in chat.texts()
    chat.tap(f"act=report&p=2569-10&b={project_id}")  # a forged button naming P01's budget
    assert "เบิกจ่าย" not in chat.texts()
    chat.say("ยกเลิก")
    chat.say("รายงาน")
    chat.tap(f"act=pick&b={project_id}&p=2569-10")
    assert "ไม่ได้อยู่ในความรับผิดชอบการรายงานการเบิกจ่ายของท่าน" in chat.texts()
    assert disbursements(db) == {}


def test_a_project_without_budget_is_not_listed(app, db, chat_with):
    seed_reporter(db)
    with db.transaction() as s:
        budget(s, unit(s), "P01", 0)  # ไม่มีงบประมาณ
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด (" in chat.texts() and "เบิกจ่าย" not in chat.texts()


def test_the_month_is_complete_only_with_its_disbursement(app, db, chat_with):
    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    for pick, typed in (("1. ", "10"), ("2. ", "84"), ("3. ", "ระดับ 3"), ("4. ", "ผ่าน")):
        chat.press(pick)
        chat.say(typed)
        chat.press("ยืนยัน")
    # the disbursement is all that is left: straight to it
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in chat.texts()
    chat.say("100000")
    chat.press("ยืนยัน")
    assert "ครบ" in chat.texts()
    assert (project_id, 10) in disbursements(db)


#: How to reach each disbursement state from a fresh chat (seed(): over 1,000,000 is over the
#: allocation of test_every_budget_state's project).
BUDGET_PATHS = {
    "ask_amount": ["รายงาน", "5"],
    "confirm_refund": ["รายงาน", "5", "-5000"],
    "ask_amount_reason": ["รายงาน", "5", "1.2 ล้าน"],
    "confirm_amount": ["รายงาน", "5", "950000"],
}


@pytest.mark.parametrize("state", BUDGET_PATHS)
def test_every_disbursement_state_answers_anything_and_saves_nothing(app, db, chat_with, state):
    from .test_every_state import STALE_POSTBACKS, UNEXPECTED, state_of

    seed(db, allocation=1_000_000)
    chat = chat_with("Uofficer1")
    for typed in [*UNEXPECTED, *(f"postback:{data}" for data in STALE_POSTBACKS)]:
        chat.say("ยกเลิก")
        for step in BUDGET_PATHS[state]:
            chat.say(step)
        assert state_of(db, "Uofficer1") == state
        replies = chat.tap(typed.removeprefix("postback:")) if typed.startswith("postback:") else chat.say(typed)
        assert replies and 1 <= len(replies) <= 5, f"no reply to {typed!r} in {state}"
    assert disbursements(db) == {} and history(db) == []


def test_naming_another_reporter_moves_the_item_at_once(app, db, chat_with):
    """The officer's view is cached per unit version: a budget responsibility saved raises it
    (the project's unit is the officer's), so the next message sees who reports now."""
    from models import BudgetResponsibility

    from .factories import officer

    _, project_id = seed(db, monthly=None)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "เบิกจ่ายงบประมาณ P01" in chat.texts()  # the first officer, by default
    with db.transaction() as s:
        other = officer(s, "o2", unit(s), line_user_id="Uofficer2", name="สมหญิง")
        s.add(BudgetResponsibility(officer_id=other.id, project_id=project_id))
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด (" in chat.texts() and "เบิกจ่าย" not in chat.texts()
    named = chat_with("Uofficer2")
    named.say("รายงาน")  # their only item: straight to its card
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in named.texts()
