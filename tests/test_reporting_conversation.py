"""The reporting conversation end to end: signed webhooks in, replies through the fake LINE."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from models import ReportedValue, ValueHistory

from .factories import seed_reporter


def values(db) -> dict:
    with db.transaction() as s:
        return {(v.indicator_id, v.month): (v.value, v.note, v.on_time) for v in s.scalars(select(ReportedValue))}


def history_count(db) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(ValueHistory))


def test_report_a_count_typed_with_thai_digits_and_units(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "ตุลาคม 2569" in chat.texts() and "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts()
    labels = [b["label"] for b in chat.buttons()]
    assert all(len(label) <= 20 for label in labels)
    assert len(set(labels)) == len(labels)
    chat.press("1. ")
    assert "เป้าหมายเดือนตุลาคม 2569: 10 ราย" in chat.texts()
    chat.say("๑๒ รายค่ะ")
    assert chat.last[0]["type"] == "flex"
    assert values(db) == {}  # nothing saved before confirmation
    chat.press("ยืนยัน")
    assert "บันทึกผล P01/1 เดือนตุลาคม 2569 เป็น 12 ราย แล้ว (ส่งช้า)" in chat.texts()
    assert values(db) == {(count_id, 10): (Decimal("12"), None, False)}
    assert "เหลืออีก 3 ตัวชี้วัด" in chat.texts()  # the short list of what is left


def test_on_time_before_the_fifth(app, db, chat_with, clock):
    from datetime import datetime

    from bot.clock import BANGKOK

    clock.set(datetime(2026, 11, 5, 23, 59, tzinfo=BANGKOK))
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("ส่งผล")
    chat.say("1")
    chat.say("10")
    chat.say("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal("10"), None, True)


def test_below_half_of_target_requires_a_reason(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say("สาม")
    assert "จำเป็นต้องระบุปัญหา/อุปสรรค" in chat.texts()
    chat.say("ไม่มี")
    assert "ต้องระบุปัญหา/อุปสรรคก่อน" in chat.texts()
    chat.say("ผู้ป่วยย้ายโรงพยาบาล")
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal("3"), "ผู้ป่วยย้ายโรงพยาบาล", False)


def test_slightly_below_target_reason_is_optional(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.press("2. ")
    chat.say("ร้อยละ 80")
    assert 'หรือแตะ "ไม่มี"' in chat.texts()
    chat.press("ไม่มี")
    chat.press("ยืนยัน")
    assert values(db)[(ids[1], 10)] == (Decimal("80"), None, False)


def test_far_from_target_asks_to_confirm_then_retype(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say("1,250")
    assert "ต่างจากเป้าหมายเดือนนี้" in chat.texts()
    chat.press("พิมพ์ใหม่")
    chat.say("12.0")
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)][0] == Decimal("12")


def test_level_and_pass_fail_offer_buttons(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.press("3. ")
    assert [b["label"] for b in chat.buttons()][:6] == [f"ระดับ {n}" for n in range(6)]
    chat.press("ระดับ 4")
    chat.press("ยืนยัน")
    chat.press("4. ")  # numbers stay through the month
    chat.press("ผ่าน")
    chat.press("ยืนยัน")
    saved = values(db)
    assert saved[(ids[2], 10)][0] == 4 and saved[(ids[3], 10)][0] == 1


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("-5", "ติดลบไม่ได้"),
        ("2.5", "ต้องเป็นจำนวนเต็ม"),
        ("80%", "ไม่ใช่ร้อยละ"),
        ("abc", "อ่านข้อความนี้เป็นตัวเลขไม่ได้"),
        ("10 หรือ 12", "มากกว่าหนึ่งค่า"),
        ("ค่ะ", "ยังไม่พบตัวเลข"),
    ],
)
def test_bad_values_for_a_count_are_explained_and_asked_again(app, db, chat_with, typed, reason):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say(typed)
    assert reason in chat.texts()
    assert "กรุณาพิมพ์ผลของเดือนตุลาคม 2569" in chat.texts()
    assert values(db) == {}


@pytest.mark.parametrize("typed, reason", [("101", "ไม่เกิน 100"), ("-1", "ติดลบไม่ได้")])
def test_bad_percentages(app, db, chat_with, typed, reason):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("2")
    chat.say(typed)
    assert reason in chat.texts()


def test_level_outside_the_ladder_is_refused_even_from_a_forged_button(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("3")
    chat.say("ระดับ 7")
    assert "ตั้งแต่ 0 ถึง 5" in chat.texts()
    chat.tap(f"act=value&i={ids[2]}&v=9")
    assert "ตั้งแต่ 0 ถึง 5" in chat.texts()
    assert values(db) == {}


def test_cancel_anywhere_saves_nothing(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say("12")
    chat.say("ยกเลิก")
    assert "ยกเลิกแล้ว" in chat.texts()
    chat.say("ยืนยัน")  # a late confirm after cancelling does nothing
    assert values(db) == {}


def test_help_keeps_the_place(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say("ช่วยเหลือ")
    assert "วิธีใช้" in chat.texts() and "กรุณาพิมพ์ผลของเดือน" in chat.texts()
    chat.say("10")
    assert chat.last[0]["type"] == "flex"


def test_edit_a_reported_value_keeps_history(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    for typed in ("รายงาน", "1", "10", "ยืนยัน"):
        chat.say(typed)
    chat.say("แก้ไข")
    assert "P01/1" in chat.texts() and "(ส่งแล้ว 10 ราย)" in chat.texts()
    chat.say("1")
    assert "ค่าปัจจุบันของเดือนนี้: 10 ราย" in chat.texts()
    chat.say("11")
    chat.press("ยืนยัน")
    assert "จาก 10 ราย เป็น 11 ราย" in chat.texts()
    assert values(db)[(count_id, 10)][0] == 11
    with db.transaction() as s:
        rows = s.execute(
            select(ValueHistory.old_value, ValueHistory.new_value, ValueHistory.source).order_by(ValueHistory.id)
        ).all()
    assert rows == [(None, Decimal(10), "chat"), (Decimal(10), Decimal(11), "correction")]


def test_double_tap_on_confirm_saves_once(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    chat.say("10")
    confirm = next(b for b in chat.buttons() if b["label"] == "ยืนยัน")
    chat.tap(confirm["data"])
    chat.tap(confirm["data"])
    assert "ปุ่มนี้เป็นของขั้นตอนก่อนหน้า" in chat.texts()
    assert history_count(db) == 1


def test_pick_another_month(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.press("เลือกเดือนอื่น")
    labels = [b["label"] for b in chat.buttons()]
    assert labels[0] == "ต.ค. 2569" and "พ.ย. 2569" not in labels
    chat.say("พฤศจิกายน")
    assert "ยังรายงานเดือนพฤศจิกายน ไม่ได้" in chat.texts()
    chat.say("มี.ค.")  # only P07/1 had a March target: straight to it
    assert "เป้าหมายเดือนมีนาคม 2569: ร้อยละ 78" in chat.texts()


def test_postback_cannot_name_another_officers_indicator(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.tap("act=pick&i=99999&p=2569-10")
    assert "ไม่อยู่ในความรับผิดชอบ" in chat.texts()
    chat.tap("act=report&i=99999")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts()


def test_state_expires_after_30_idle_minutes(app, db, chat_with, clock):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("1")
    clock.advance(minutes=31)
    chat.say("12")
    assert "หมดเวลาแล้ว" in chat.texts()
    assert values(db) == {}


def officer_with_many_indicators(db, user_id: str, count: int = 23) -> None:
    from .factories import indicator, month_targets, officer, unit

    with db.transaction() as s:
        u = unit(s)
        inds = [
            indicator(
                s, u, "P20", n, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในพื้นที่เขตอำเภอเมือง", "ราย", "count", month_targets(oct=5)
            )
            for n in range(1, count + 1)
        ]
        officer(s, "many", u, line_user_id=user_id, indicators=inds)


def walk_the_pages(chat, pages: int) -> list[str]:
    """Every page of the list forward: within LINE's 13 quick replies and 20-character labels,
    เลือกเดือนอื่น and ยกเลิก on each; the items' labels seen."""
    from presentation import texts as T

    seen = []
    for page in range(pages):
        labels = [b["label"] for b in chat.buttons()]
        assert len(labels) <= 13 and all(len(label) <= 20 for label in labels)
        assert labels[-2:] == [T.BTN_OTHER_MONTH, T.BTN_CANCEL]
        seen += [label for label in labels if label[0].isdigit()]
        assert f"(หน้า {page + 1}/{pages})" in chat.texts()
        if page < pages - 1:
            chat.press("ถัดไป")
    return seen


def test_more_indicators_than_buttons_are_paged_and_labels_stay_distinct(app, db, chat_with):
    officer_with_many_indicators(db, "Umany")
    chat = chat_with("Umany")
    chat.say("รายงาน")
    seen = walk_the_pages(chat, 3)
    assert len(seen) == 23 and len(set(seen)) == 23
    chat.press("◀ ก่อนหน้า")
    assert "(หน้า 2/3)" in chat.texts()
    chat.say("23")
    assert "P20/23" in chat.texts()


def test_eleven_items_fit_one_page(app, db, chat_with):
    officer_with_many_indicators(db, "Ueleven", count=11)
    chat = chat_with("Ueleven")
    chat.say("รายงาน")
    assert len([b for b in chat.buttons() if b["label"][0].isdigit()]) == 11 and "(หน้า" not in chat.texts()


def test_supervisor_without_indicators_is_told_so(app, db, chat_with):
    from .factories import officer, unit

    with db.transaction() as s:
        officer(s, "head", unit(s), role="supervisor", line_user_id="Uhead")
    assert "ยังไม่มีตัวชี้วัดที่ต้องรายงาน" in chat_with("Uhead").say("รายงาน")[0]["text"]
