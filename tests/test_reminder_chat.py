"""Reminders in the chat: "เตือนพรุ่งนี้" skips the next round; "ส่งเตือน" nudges the missing
officers of a supervisor's unit (planners: every unit, after a confirmation) once per day."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from models import Responsibility
from models.reminders import ReminderOutbox, ReminderSnooze
from models.reporting import save_value

from .reminder_helpers import CHIEF, CONTRIB, HEAD, TRAIN, VISIT, at, demo, rapp, run, sent_texts

__all__ = ["rapp"]


def firsts(line, user) -> list[str]:
    return [t.split("\n")[0] for t in sent_texts(line).get(user, [])]


def test_snooze_skips_the_next_round_of_the_period_only(rapp, clock, line, chat_with):
    demo(rapp, clock)
    run(rapp, clock, at(2026, 11, 1, 9, 0))
    clock.set(at(2026, 11, 2, 18, 0))
    contrib = chat_with(CONTRIB)
    reply = contrib.say("เตือนพรุ่งนี้")[0]["text"]
    assert reply == (
        "รับทราบ จะงดเตือนผลเดือนตุลาคม 2569 รอบวันอังคารที่ 3 พฤศจิกายน 2569 09:00 ให้ท่าน\n"
        "รอบเตือนถัดไป: วันพฤหัสบดีที่ 5 พฤศจิกายน 2569 08:30"
    )
    assert contrib.say("เตือนพรุ่งนี้")[0]["text"].startswith("งดเตือนผลเดือนตุลาคม 2569 รอบวันอังคารที่ 3")
    outcome = run(rapp, clock, at(2026, 11, 3, 9, 0))
    assert outcome.delivery.sent == 1 and outcome.delivery.skipped == {}
    assert len(firsts(line, CONTRIB)) == 1 and len(firsts(line, VISIT)) == 2
    snoozed = [p for p in outcome.planned if p.skip and p.skip.value == "snoozed"]
    assert len(snoozed) == 1
    run(rapp, clock, at(2026, 11, 5, 8, 30))
    assert len(firsts(line, CONTRIB)) == 2
    with rapp.extensions["db"].transaction() as s:
        assert s.scalars(select(ReminderSnooze.round)).all() == ["day3"]


def test_snooze_when_nothing_is_pending_or_no_round_is_left(rapp, clock, line, chat_with):
    demo(rapp, clock)
    clock.set(at(2026, 11, 2, 10, 0))
    assert "ส่งผลเดือนตุลาคม 2569 ครบแล้ว" in chat_with(TRAIN).say("เตือนพรุ่งนี้")[0]["text"]
    clock.set(at(2026, 11, 5, 20, 0))
    reply = chat_with(CONTRIB).say("เตือนพรุ่งนี้")[0]["text"]
    assert reply == (
        "รับทราบ จะงดเตือนผลเดือนตุลาคม 2569 รอบวันศุกร์ที่ 6 พฤศจิกายน 2569 09:00 ให้ท่าน\n"
        "หลังจากนั้นไม่มีรอบเตือนของเดือนนี้แล้ว อย่าลืมส่งภายใน 5 พฤศจิกายน 2569"
    )
    clock.set(at(2026, 11, 20, 10, 0))
    assert "ไม่มีรอบเตือนผลเดือนตุลาคม 2569 เหลืออยู่แล้ว" in chat_with(VISIT).say("เตือนพรุ่งนี้")[0]["text"]
    assert sent_texts(line) == {}


def test_snooze_with_only_earlier_months_owed_says_so(rapp, clock, line, chat_with):
    """ประภา sent October's (nothing due) but not September's: the overdue round will remind
    her of it, so she is told, not that nothing is pending."""
    demo(rapp, clock, reported_through=8)
    clock.set(at(2026, 11, 2, 10, 0))
    reply = chat_with(TRAIN).say("เตือนพรุ่งนี้")[0]
    assert reply["text"].startswith("ท่านส่งผลเดือนตุลาคม 2569 ครบแล้ว แต่ยังค้างผลเดือน ก.ย. 2569")
    assert [i["action"]["label"] for i in reply["quickReply"]["items"]] == ["รายงานผล"]
    with rapp.extensions["db"].transaction() as s:
        assert s.scalars(select(ReminderSnooze)).all() == []


def test_the_last_round_offers_no_snooze(rapp, clock, line):
    demo(rapp, clock)
    run(rapp, clock, at(2026, 11, 6, 9, 0))
    message = next(m for b in line.pushes() if b["to"] == VISIT for m in b["messages"])
    labels = [i["action"]["label"] for i in message["quickReply"]["items"]]
    assert labels == ["ส่งผล P01/1"] and "เตือนพรุ่งนี้" not in message["text"]


def test_a_supervisor_nudges_the_missing_officers_of_the_unit_once_per_day(rapp, clock, line, chat_with):
    demo(rapp, clock)
    head = chat_with(HEAD)
    clock.set(at(2026, 11, 25, 10, 0))
    reply = head.say("ส่งเตือน")[0]["text"]
    assert reply == (
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน (ข้อความจะถึงภายในประมาณ 1 นาที):\n"
        "• สมชาย ใจดี: P01/1\n"
        "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6\n"
        "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: กิตติ พากเพียร"
    )
    assert sent_texts(line) == {}  # the web worker only wrote the outbox
    run(rapp, clock, at(2026, 11, 25, 10, 1))  # the scheduler's drain sends it
    assert firsts(line, VISIT) == firsts(line, CONTRIB) == ["📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนตุลาคม 2569"]
    assert sent_texts(line)[VISIT][0].split("\n")[1].startswith("❗ ผลเดือนตุลาคม 2569 เลยกำหนดส่ง")

    clock.set(at(2026, 11, 25, 15, 0))
    again = head.say("ส่งเตือน")[0]["text"]
    assert again == (
        "ไม่มีผู้ที่ต้องเตือนเพิ่มในวันนี้\n"
        "วันนี้เตือนไปแล้ว (เตือนได้วันละครั้งต่อคน): สมชาย ใจดี, วันเพ็ญ ศรีสุข\n"
        "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: กิตติ พากเพียร"
    )
    run(rapp, clock, at(2026, 11, 25, 15, 1))
    assert len(firsts(line, VISIT)) == 1

    visit = chat_with(VISIT)  # สมชาย reports; the next day only วันเพ็ญ is nudged
    clock.set(at(2026, 11, 26, 9, 0))
    visit.say("รายงาน")
    visit.say("10")
    visit.press("ยืนยัน")
    assert "ถึง 1 คน" in head.say("ส่งเตือน")[0]["text"]
    run(rapp, clock, at(2026, 11, 26, 9, 1))
    assert len(firsts(line, VISIT)) == 1 and len(firsts(line, CONTRIB)) == 2
    with rapp.extensions["db"].transaction() as s:
        rounds = s.scalars(
            select(ReminderOutbox.round).where(ReminderOutbox.kind == "nudge").order_by(ReminderOutbox.id)
        ).all()
    assert rounds == ["nudge-2026-11-25", "nudge-2026-11-25", "nudge-2026-11-26"]


def test_nudge_when_everyone_reported_and_from_the_digest_button(rapp, clock, line, chat_with):
    demo(rapp, clock)
    run(rapp, clock, at(2026, 11, 6, 9, 0))
    digest = next(m for b in line.pushes() if b["to"] == HEAD for m in b["messages"])
    head = chat_with(HEAD)
    head.last = [digest]
    clock.set(at(2026, 11, 6, 9, 30))
    assert head.press("ส่งเตือน")[0]["text"].startswith("ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน")
    clock.set(at(2026, 11, 7, 9, 0))
    with rapp.extensions["db"].transaction() as s:  # everyone reports October (imported in bulk)
        for indicator_id in s.scalars(select(Responsibility.indicator_id)):
            save_value(
                s,
                indicator_id=indicator_id,
                month=10,
                value=Decimal(1),
                note=None,
                officer_id=None,
                now=clock.now(),
                on_time=False,
                source="import",
            )
    assert head.say("ส่งเตือน")[0]["text"] == (
        "ทุกคนในสำนักงานประกันสังคมจังหวัดอุทัยธานี ส่งผลเดือนตุลาคม 2569 ครบแล้ว ไม่ต้องส่งเตือน 🎉"
    )


def test_an_officer_asking_to_nudge_is_told_who_can(rapp, clock, line, chat_with):
    demo(rapp, clock)
    clock.set(at(2026, 11, 25, 10, 0))
    visit = chat_with(VISIT)
    assert visit.say("ส่งเตือน")[0]["text"].startswith('คำสั่ง "ส่งเตือน" ใช้ได้เฉพาะหัวหน้าหน่วยงาน')
    assert visit.buttons()[0]["text"] == "รายงาน"
    run(rapp, clock, at(2026, 11, 25, 10, 1))
    assert sent_texts(line) == {}


def test_a_planner_nudges_every_unit_after_confirming(rapp, clock, line, chat_with):
    demo(rapp, clock)
    chief = chat_with(CHIEF)
    clock.set(at(2026, 11, 25, 10, 0))
    assert chief.say("ส่งเตือน")[0]["text"] == (
        "จะส่งเตือนผลเดือนตุลาคม 2569 ถึงเจ้าหน้าที่ที่ยังไม่ส่ง 2 คน ใน 1 หน่วยงาน (ใช้โควตาข้อความ LINE 2 ข้อความ) ยืนยันหรือไม่"
    )
    stale_button = chief.buttons()[0]["data"]
    assert chief.press("ยืนยันส่งเตือน")[0]["text"] == (
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน ใน 1 หน่วยงานแล้ว (ข้อความจะถึงภายในประมาณ 1 นาที)"
    )
    run(rapp, clock, at(2026, 11, 25, 10, 1))
    assert firsts(line, VISIT) == ["📣 กองนโยบายและแผนงานขอให้ส่งผลเดือนตุลาคม 2569"]
    assert "ไม่มีเจ้าหน้าที่ที่ต้องเตือน" in chief.say("ส่งเตือน")[0]["text"]
    clock.set(at(2026, 11, 26, 10, 0))
    assert chief.tap(stale_button)[0]["text"].startswith("ปุ่มยืนยันนี้หมดอายุแล้ว")
    assert len(firsts(line, VISIT)) == 1


def test_nudges_left_waiting_past_the_grace_are_dropped_as_stale(rapp, clock, line, chat_with):
    demo(rapp, clock)
    clock.set(at(2026, 11, 25, 10, 0))
    chat_with(HEAD).say("ส่งเตือน")
    outcome = run(rapp, clock, at(2026, 11, 25, 10, 0) + timedelta(hours=3))  # the scheduler was down
    assert outcome.delivery.skipped == {"stale": 2} and sent_texts(line) == {}
