"""Earlier months still owed: reminders and the supervisors' digest cover every month of the plan
year past its due date and still missing, not only the month being reported; one message per
officer per round, exactly once, and rows cut for quota reach the officer in a later round.

The demo data with January–August reported (`reported_through=8`): on 1 November สมชาย owes
October (P01/1; no September target), วันเพ็ญ September and October (P07/1–6 both), ประภา only
September (P12/2), กิตติ (not on LINE) October and September's P06/1.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from fakeline import webhooks as W
from models.results import ValueHistory
from reminders.service import Reminders

from .reminder_helpers import (
    CHIEF,
    CONTRIB,
    FAST,
    HEAD,
    NAMES,
    TRAIN,
    VISIT,
    at,
    demo,
    outbound,
    quick_replies,
    race,
    rapp,
    report,
    run,
    sent_texts,
)

__all__ = ["rapp"]
PUSH = "/v2/bot/message/push"


def messages_to(line, user) -> list[dict]:
    return [m for b in line.pushes() if b["to"] == user for m in b["messages"]] + [
        m for b in line.multicasts() if user in b["to"] for m in b["messages"]
    ]


def test_two_months_day_by_day_older_months_in_one_message_reminded_monthly_and_stopped_once_reported(
    rapp, clock, line, chat_with
):
    demo(rapp, clock, reported_through=8)
    received: list[tuple[str, str]] = []  # (when, who)
    texts: dict[tuple[str, str], str] = {}
    seen = 0

    def tick(now):
        nonlocal seen
        before = outbound(line)
        outcome = run(rapp, clock, now)
        # Quota: one message per officer reminded (and per digest), whatever they owe.
        assert outbound(line) - before == len(
            [p for p in outcome.planned if p.skip is None and (p.officer_id, p.kind.value) not in outcome.existing]
        )
        bodies = line.pushes() + line.multicasts()
        for body in bodies[seen:]:
            for user in [body["to"]] if isinstance(body["to"], str) else body["to"]:
                for m in body["messages"]:
                    received.append((f"{now:%m-%d %H:%M}", NAMES.get(user, "?")))
                    texts[received[-1]] = m["text"]
        seen = len(bodies)

    visit, train = chat_with(VISIT), chat_with(TRAIN)
    now = at(2026, 11, 1, 0, 0)
    while now < at(2026, 12, 8, 0, 0):
        tick(now)
        if now == at(2026, 11, 2, 10, 0):  # สมชาย reports October: he owes nothing older
            visit.say("รายงาน")
            visit.say("12")
            visit.press("ยืนยัน")
            assert "บันทึกผล P01/1 เดือนตุลาคม 2569" in visit.texts()
        if now == at(2026, 11, 9, 10, 0):  # ประภา taps her reminder's button: straight to September's P12/2
            [reminder] = messages_to(line, TRAIN)
            train.tap(quick_replies(reminder)[0]["data"])
            assert "P12/2" in train.texts() and "เป้าหมายเดือนกันยายน 2569" in train.texts()
            train.say("40")
            train.press("ยืนยัน")
            assert "บันทึกผล P12/2 เดือนกันยายน 2569 เป็น 40 คน แล้ว (ส่งช้า)" in train.texts()
        if now == at(2026, 12, 2, 10, 0):  # … and November's P12/1 the day after its first reminder
            train.say("รายงาน")
            train.say("50")
            train.press("ยืนยัน")
            assert "บันทึกผล P12/1 เดือนพฤศจิกายน 2569" in train.texts()
        now += timedelta(minutes=30)

    assert received == [
        ("11-01 09:00", "visit"),
        ("11-01 09:00", "contrib"),  # ประภา owes only September: not yet
        ("11-03 09:00", "contrib"),
        ("11-05 08:30", "contrib"),
        ("11-06 09:00", "contrib"),
        ("11-06 09:00", "train"),
        ("11-06 09:00", "head"),  # overdue: the backlog too
        ("12-01 09:00", "contrib"),
        ("12-01 09:00", "train"),  # ประภา for November only
        ("12-03 09:00", "contrib"),
        ("12-04 08:30", "contrib"),  # the 5th is a Saturday and a holiday
        ("12-06 09:00", "contrib"),
        ("12-06 09:00", "head"),
    ]
    # วันเพ็ญ: one message a round naming October as today's and September in one short line
    first = texts[("11-01 09:00", "contrib")].split("\n")
    assert first[0] == "📋 เปิดให้ส่งผลเดือนตุลาคม 2569 แล้ว กำหนดส่งภายใน 5 พฤศจิกายน 2569"
    assert first[1] == "ยังไม่ได้ส่ง 6 ตัวชี้วัด:"
    assert first[-2] == "ยังค้าง ก.ย. 2569 (6 ตัวชี้วัด)"
    assert texts[("12-01 09:00", "contrib")].split("\n")[-2] == "ยังค้าง ก.ย., ต.ค. 2569 (6 ตัวชี้วัด)"
    assert "ค้าง" not in texts[("11-01 09:00", "visit")]
    # ประภา: reminded of September in the overdue round; once reported, never again
    backlog = texts[("11-06 09:00", "train")].split("\n")
    assert backlog[0] == "❗ ยังค้างส่งผลเดือน ก.ย. 2569 ซึ่งเลยกำหนดส่งแล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า"
    assert backlog[2].startswith("• P12/2 ") and "เตือนพรุ่งนี้" not in backlog[-1]
    assert texts[("12-01 09:00", "train")].startswith("📋 เปิดให้ส่งผลเดือนพฤศจิกายน 2569")
    assert "ค้าง" not in texts[("12-01 09:00", "train")]
    # the supervisor's digest: per officer, this month's codes and the earlier months, compactly
    november = texts[("11-06 09:00", "head")].split("\n")
    assert november[0].endswith("ยังส่งไม่ครบ 2 คน (9 ตัวชี้วัด) และยังค้างผลเดือนก่อนหน้า 3 คน:")
    assert november[1:4] == [
        "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6; ค้าง ก.ย. (6 ตัวชี้วัด)",
        "• ประภา มั่นคง: ค้าง ก.ย. (1 ตัวชี้วัด)",
        "• กิตติ พากเพียร: P04/1, P04/2, P06/1; ค้าง ก.ย. (1 ตัวชี้วัด) (ยังไม่ได้ผูกบัญชี LINE)",
    ]
    december = texts[("12-06 09:00", "head")]
    assert "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6; ค้าง ก.ย., ต.ค. (6 ตัวชี้วัด)" in december
    assert "• กิตติ พากเพียร: P04/1, P04/2, P06/1; ค้าง ก.ย., ต.ค. (3 ตัวชี้วัด)" in december
    assert "ประภา" not in december and "สมชาย" not in december
    assert CHIEF not in sent_texts(line)
    assert outbound(line) == line.usage == len(received) == 13


def test_the_older_months_button_opens_the_oldest_month_owed(rapp, clock, line, chat_with):
    demo(rapp, clock, reported_through=8)
    run(rapp, clock, at(2026, 11, 1, 9, 0))
    [reminder] = messages_to(line, CONTRIB)
    october, september, snooze = quick_replies(reminder)
    assert october["label"] == "ส่งผล P07/1" and october["data"].startswith("act=report&p=2569-10&i=")
    assert (september["label"], september["data"]) == ("ส่งผล ก.ย. 2569", "act=report&p=2569-09")
    assert snooze["label"] == "เตือนพรุ่งนี้"
    contrib = chat_with(CONTRIB)
    clock.set(at(2026, 11, 1, 9, 30))
    contrib.tap(september["data"])
    assert contrib.texts().startswith("ผลเดือนกันยายน 2569 ที่ยังไม่ได้ส่ง 6 ตัวชี้วัด (เลยกำหนด")


def test_an_officer_who_reports_the_older_month_between_outbox_and_send_is_not_reminded(rapp, clock, line, chat_with):
    demo(rapp, clock, reported_through=8)
    service = Reminders.of(rapp)
    nov6 = at(2026, 11, 6, 9, 0)
    clock.set(nov6)
    service.enqueue(service.due(nov6), nov6)
    report(rapp, [9], officer_keys=["uthai.train"])  # ประภา sends September in the meantime
    outcome = run(rapp, clock, nov6 + timedelta(minutes=1))
    assert outcome.delivery.skipped["reported"] == 1
    assert TRAIN not in sent_texts(line)
    assert "ประภา" not in sent_texts(line)[HEAD][0]


def test_retries_redelivery_and_two_schedulers_send_nothing_twice(make_app, clock, line, chat_with):
    apps = [make_app(**FAST), make_app(**FAST)]
    demo(apps[0], clock, reported_through=8)
    line.inject(PUSH, 500, times=1)
    nov6 = at(2026, 11, 6, 9, 0)
    clock.set(nov6)
    race(apps, nov6)
    again = run(apps[0], clock, nov6 + timedelta(minutes=30))
    assert again.enqueued == 0 and again.delivery.requests == 0
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1, TRAIN: 1, HEAD: 1}
    keys = [r.headers["X-Line-Retry-Key"] for r in line.requests if r.path == PUSH]
    assert len(keys) == 5 and len(set(keys)) == 4  # the 500 was retried with the same key

    train = chat_with(TRAIN)  # ประภา answers; LINE redelivers her confirmation
    clock.set(nov6 + timedelta(hours=1))
    train.tap(quick_replies(messages_to(line, TRAIN)[0])[0]["data"])
    train.say("40")
    confirm = W.text_event(TRAIN, "ยืนยัน")
    train.deliver(confirm)
    assert train.post(dict(confirm, deliveryContext={"isRedelivery": True})).status_code == 200
    with apps[0].extensions["db"].transaction() as s:
        assert s.scalar(select(func.count()).select_from(ValueHistory).where(ValueHistory.month == 9)) == 1
    assert run(apps[0], clock, nov6 + timedelta(hours=1, minutes=1)).delivery.requests == 0
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1, TRAIN: 1, HEAD: 1}


def test_a_supervisor_nudge_reaches_whoever_the_digest_lists(rapp, clock, line, chat_with):
    demo(rapp, clock, at(2026, 11, 25, 10, 0), reported_through=8)
    report(rapp, [10], officer_keys=["uthai.visit", "uthai.contrib"])
    reply = chat_with(HEAD).say("ส่งเตือน")[0]["text"]
    assert reply.split("\n")[:3] == [
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน (ข้อความจะถึงภายในประมาณ 1 นาที):",
        "• วันเพ็ญ ศรีสุข: ค้าง ก.ย. (6 ตัวชี้วัด)",
        "• ประภา มั่นคง: ค้าง ก.ย. (1 ตัวชี้วัด)",
    ]
    run(rapp, clock, at(2026, 11, 25, 10, 1))
    nudge = sent_texts(line)[TRAIN][0].split("\n")
    assert nudge[:2] == [
        "📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนที่ยังค้าง (ก.ย. 2569)",
        "❗ ยังค้างส่งผลเดือน ก.ย. 2569 ซึ่งเลยกำหนดส่งแล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า",
    ]
    assert VISIT not in sent_texts(line)


def test_typing_report_when_only_an_earlier_month_is_owed_leads_to_that_month(rapp, clock, line, chat_with):
    demo(rapp, clock, at(2026, 11, 9, 10, 0), reported_through=8)
    train = chat_with(TRAIN)
    train.say("รายงาน")  # the reminder says: tap the button or type รายงาน
    assert train.texts() == (
        "เดือนตุลาคม 2569 ท่านไม่มีตัวชี้วัดที่มีเป้าหมาย จึงไม่ต้องส่งผล\n"
        "เดือนถัดไปที่มีเป้าหมายคือ พฤศจิกายน 2569 "
        "(ส่งผลได้ตั้งแต่ 1 ธันวาคม 2569 กำหนดส่ง 5 ธันวาคม 2569)\n"
        "ยังไม่ได้ส่งผลเดือน ก.ย. 2569 (1 ตัวชี้วัด)"
    )
    assert [b["label"] for b in train.buttons()][:2] == ["ส่งผล ก.ย. 2569", "แก้ไขผล"]
    train.press("ส่งผล ก.ย. 2569")
    assert "P12/2" in train.texts() and "เป้าหมายเดือนกันยายน 2569" in train.texts()
    train.say("40")
    train.press("ยืนยัน")
    assert train.texts().endswith("ส่งผลเดือนกันยายน 2569 ครบทุกตัวชี้วัดแล้ว ขอบคุณ 🎉")
    assert train.buttons()[0]["label"] == "แก้ไขผล"
