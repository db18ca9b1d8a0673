"""A whole month of reminder rounds with the demo data, day by day against the fake LINE server,
with officers reporting through the real chat in between."""

from __future__ import annotations

from datetime import timedelta

from .reminder_helpers import (
    CHIEF,
    CONTRIB,
    HEAD,
    NAMES,
    TRAIN,
    VISIT,
    at,
    demo,
    outbound,
    quick_replies,
    rapp,
    run,
    sent_texts,
)

__all__ = ["rapp"]


def test_november_day_by_day_reminds_the_right_people_once_and_never_after_they_reported(rapp, clock, line, chat_with):
    demo(rapp, clock)
    received: list[tuple[str, str, str]] = []  # (when, who, first line)
    seen = 0

    def tick(now):
        nonlocal seen
        run(rapp, clock, now)
        bodies = line.pushes() + line.multicasts()
        for body in bodies[seen:]:
            for user in [body["to"]] if isinstance(body["to"], str) else body["to"]:
                for m in body["messages"]:
                    received.append((f"{now:%d %H:%M}", NAMES.get(user, "?"), m["text"].split("\n")[0]))
        seen = len(bodies)

    visit, contrib = chat_with(VISIT), chat_with(CONTRIB)
    now = at(2026, 11, 1, 0, 0)
    while now < at(2026, 12, 1, 0, 0):
        tick(now)
        if now == at(2026, 11, 2, 10, 0):  # สมชาย reports his only indicator through the chat
            visit.say("รายงาน")
            assert "P01/1" in visit.texts()
            visit.say("12")
            visit.press("ยืนยัน")
            assert "บันทึกผล P01/1" in visit.texts()
        if now == at(2026, 11, 3, 10, 0):  # วันเพ็ญ taps the reminder's button and reports P07/1
            reminder = sent_texts(line)[CONTRIB][-1]
            assert "P07/1" in reminder
            button = next(m for b in line.pushes() if b["to"] == CONTRIB for m in b["messages"])
            contrib.tap(quick_replies(button)[0]["data"])
            assert "P07/1" in contrib.texts() and "เป้าหมายเดือนตุลาคม 2569" in contrib.texts()
            contrib.say("84")
            contrib.press("ยืนยัน")
            assert "บันทึกผล P07/1" in contrib.texts()
        now += timedelta(minutes=30)

    assert [(when, who) for when, who, _ in received] == [
        ("01 09:00", "visit"),
        ("01 09:00", "contrib"),  # period open: everyone with something due
        ("03 09:00", "contrib"),  # สมชาย reported on the 2nd
        ("05 08:30", "contrib"),  # due today (Thursday the 5th)
        ("06 09:00", "contrib"),
        ("06 09:00", "head"),  # overdue, and the supervisor's digest
    ]
    firsts = {(when, who): first for when, who, first in received}
    assert firsts[("01 09:00", "visit")].startswith("📋 เปิดให้ส่งผลเดือนตุลาคม 2569 แล้ว")
    assert "อีก 2 วัน" in firsts[("03 09:00", "contrib")]
    assert firsts[("05 08:30", "contrib")] == "⏰ วันนี้ (5 พฤศจิกายน 2569) ครบกำหนดส่งผลเดือนตุลาคม 2569"
    assert "เลยกำหนดส่ง" in firsts[("06 09:00", "contrib")]
    texts = sent_texts(line)
    assert "ยังไม่ได้ส่ง 6 ตัวชี้วัด" in texts[CONTRIB][0]
    assert "ยังไม่ได้ส่ง 5 ตัวชี้วัด" in texts[CONTRIB][2] and "P07/1 " not in texts[CONTRIB][2]
    digest = texts[HEAD][0]
    assert "วันเพ็ญ ศรีสุข: P07/2, P07/3, P07/4, P07/5, P07/6" in digest
    assert "กิตติ พากเพียร: P04/1, P04/2, P06/1 (ยังไม่ได้ผูกบัญชี LINE)" in digest
    assert "สมชาย" not in digest
    assert TRAIN not in texts and CHIEF not in texts
    assert outbound(line) == 6


def test_each_round_time_sends_one_reminder_per_officer_with_pending_and_rerunning_sends_nothing(rapp, clock, line):
    demo(rapp, clock)
    for moment in (at(2026, 11, 1, 9, 0), at(2026, 11, 3, 9, 0), at(2026, 11, 5, 8, 30), at(2026, 11, 6, 9, 0)):
        before = outbound(line)
        first = run(rapp, clock, moment)
        assert first.round is not None and first.round.at == moment
        sent = outbound(line) - before
        expected = 2 if moment.day < 6 else 3  # visit + contrib; on the 6th contrib, visit and the digest
        assert sent == expected, (moment, sent)
        again = run(rapp, clock, moment + timedelta(minutes=5))
        assert again.enqueued == 0 and again.delivery.sent == 0
        assert outbound(line) - before == expected
    per_user = {user: len(texts) for user, texts in sent_texts(line).items()}
    assert per_user == {VISIT: 4, CONTRIB: 4, HEAD: 1}
