"""The outbox against a misbehaving LINE: retries with the same key, 409s, 4xx, crashes, quota,
multicast grouping, blocked users and two schedulers racing."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from fakeline import webhooks as W
from models import Indicator, MonthlyTarget, Officer, Project, Responsibility, Unit
from models.reminders import ReminderOutbox
from reminders.service import Reminders

from .reminder_helpers import CHIEF, CONTRIB, FAST, HEAD, VISIT, at, demo, outbound, race, rapp, run, sent_texts

__all__ = ["rapp"]
PUSH = "/v2/bot/message/push"
NOV1 = at(2026, 11, 1, 9, 0)


def outbox(db) -> list[ReminderOutbox]:
    """The outbox, without the rows of the demo's unbound officer (กิตติ: skipped, 'unbound')."""
    with db.transaction() as s:
        rows = list(s.scalars(select(ReminderOutbox).order_by(ReminderOutbox.id)))
    return [r for r in rows if r.reason != "unbound"]


def push_requests(line) -> list:
    return [r for r in line.requests if r.path == PUSH]


@pytest.fixture
def quota(line):
    """Set the fake's monthly quota for one test; restored afterwards (the server is shared)."""
    before = line.quota

    def set_quota(limit, used=0):
        line.quota, line.usage = limit, used

    yield set_quota
    line.quota = before


def test_429_is_retried_with_the_same_retry_key_after_the_backoff(make_app, clock, line):
    waits = []
    rapp = make_app(REMINDER_SLEEP=waits.append, REMINDER_BACKOFF_SECONDS="2,8,30")
    demo(rapp, clock)
    line.inject(PUSH, 429, times=1, body={"message": "Too Many Requests"})
    outcome = run(rapp, clock, NOV1)
    assert outcome.delivery.sent == 2 and outcome.delivery.requests == 3
    first, retry, other = push_requests(line)
    assert first.status == 429 and retry.status == 200 and other.status == 200
    assert first.headers["X-Line-Retry-Key"] == retry.headers["X-Line-Retry-Key"] != other.headers["X-Line-Retry-Key"]
    assert waits == [2.0]
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


def test_a_500_that_lasts_puts_the_rows_back_and_the_next_run_sends_them_once(rapp, clock, line):
    demo(rapp, clock)
    line.inject(PUSH, 500, times=8)  # 4 attempts for each of the two reminders
    first = run(rapp, clock, NOV1)
    assert first.delivery.sent == 0 and first.delivery.waiting == 2 and line.pushes() == []
    rows = outbox(rapp.extensions["db"])
    assert {r.status for r in rows} == {"pending"} and all(r.attempts == 4 for r in rows)
    assert all(r.reason.startswith("HTTP 500") for r in rows)
    keys_before = {r.id: r.batch_key for r in rows}
    second = run(rapp, clock, NOV1 + timedelta(minutes=1))
    assert second.delivery.sent == 2 and second.enqueued == 0
    assert {r.id: r.batch_key for r in outbox(rapp.extensions["db"])} == keys_before
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


def test_a_timeout_after_line_accepted_the_push_is_not_delivered_twice(rapp, clock, line):
    demo(rapp, clock)
    line.inject(PUSH, 200, times=1, delay=0.8, deliver=True)  # LINE got it; the answer comes too late
    outcome = run(rapp, clock, NOV1)
    line.wait_for(3, PUSH)  # the slow first request is recorded once it finishes
    assert outcome.delivery.sent == 2
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}
    statuses = sorted(r.status for r in push_requests(line))
    assert statuses in ([200, 200, 409], [200, 200, 200])  # the retry or the slow original is the 409
    assert len([r for r in push_requests(line) if r.delivered]) == 2


def test_a_timeout_without_delivery_is_retried(rapp, clock, line):
    demo(rapp, clock)
    line.inject(PUSH, 503, times=1, delay=0.8)
    outcome = run(rapp, clock, NOV1)
    line.wait_for(3, PUSH)
    assert outcome.delivery.sent == 2
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


def test_a_400_is_recorded_with_its_reason_and_not_retried(rapp, clock, line):
    demo(rapp, clock)
    line.inject(PUSH, 400, times=1, body={"message": "Failed to send messages"})
    outcome = run(rapp, clock, NOV1)
    assert outcome.delivery.requests == 2 and outcome.delivery.sent == 1
    failed = [r for r in outbox(rapp.extensions["db"]) if r.status == "failed"]
    assert len(failed) == 1 and failed[0].reason == "HTTP 400: Failed to send messages"
    assert failed[0].attempts == 1 and failed[0].http_status == 400
    again = run(rapp, clock, NOV1 + timedelta(minutes=10))
    assert again.delivery.requests == 0 and len(push_requests(line)) == 2


def test_a_refused_channel_token_stops_the_run_and_leaves_everything_for_the_next(rapp, clock, line):
    demo(rapp, clock)
    line.inject(PUSH, 401, times=1, body={"message": "Authentication failed"})
    first = run(rapp, clock, NOV1)
    assert first.delivery.requests == 1 and first.delivery.waiting == 2 and line.pushes() == []
    assert {r.status for r in outbox(rapp.extensions["db"])} == {"pending"}
    second = run(rapp, clock, NOV1 + timedelta(minutes=1))
    assert second.delivery.sent == 2
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


def test_a_crash_between_outbox_and_send_resumes_with_exactly_the_rest(rapp, clock, line):
    demo(rapp, clock)
    service = Reminders.of(rapp)
    clock.set(NOV1)
    written = service.enqueue(service.due(NOV1), NOV1)  # … and the process dies here
    assert written.enqueued == 3 and line.pushes() == []  # สมชาย, วันเพ็ญ and กิตติ's 'unbound' record
    resumed = run(rapp, clock, NOV1 + timedelta(minutes=3))
    assert resumed.enqueued == 0 and resumed.delivery.sent == 2
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


class Killed(BaseException):
    """The process is killed (not an error the sender could handle)."""


class DiesAfterFirstPush:
    """LINE accepts the first push, then the process is killed before recording it."""

    def __init__(self, api):
        self.api, self.pushed = api, 0

    def __getattr__(self, name):
        return getattr(self.api, name)

    def push(self, *args, **kwargs):
        self.api.push(*args, **kwargs)
        self.pushed += 1
        raise Killed


def test_a_process_killed_mid_round_leaves_no_duplicate_when_another_run_takes_over(rapp, clock, line):
    demo(rapp, clock)
    db, settings = rapp.extensions["db"], Reminders.of(rapp).settings
    dying = Reminders(db, DiesAfterFirstPush(rapp.extensions["line_api"]), settings)
    clock.set(NOV1)
    with pytest.raises(Killed):
        dying.run_due(NOV1)
    assert len(line.pushes()) == 1
    assert {r.status for r in outbox(db)} == {"claimed"}
    soon = run(rapp, clock, NOV1 + timedelta(minutes=2))  # the claim is still leased to the dead process
    assert soon.delivery.sent == 0 and len(line.pushes()) == 1
    later = run(rapp, clock, NOV1 + settings.lease + timedelta(minutes=1))
    assert later.delivery.sent == 2
    assert sorted(r.status for r in push_requests(line)) == [200, 200, 409]
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}
    assert {r.status for r in outbox(db)} == {"sent"}


def test_blocked_officers_are_skipped_and_a_later_follow_resumes(rapp, clock, line, chat_with):
    demo(rapp, clock)
    visit = chat_with(VISIT)
    visit.post(W.unfollow_event(VISIT))
    run(rapp, clock, NOV1)
    assert VISIT not in sent_texts(line) and CONTRIB in sent_texts(line)
    blocked = [r for r in outbox(rapp.extensions["db"]) if r.reason == "blocked"]
    assert [r.status for r in blocked] == ["skipped"]
    clock.set(at(2026, 11, 2, 12, 0))
    assert "ยินดีต้อนรับกลับ" in visit.follow()[0]["text"]
    run(rapp, clock, at(2026, 11, 3, 9, 0))
    assert len(sent_texts(line)[VISIT]) == 1


def test_an_officer_blocking_between_outbox_and_send_is_not_pushed(rapp, clock, line, chat_with):
    demo(rapp, clock)
    service = Reminders.of(rapp)
    clock.set(NOV1)
    service.enqueue(service.due(NOV1), NOV1)
    chat_with(CONTRIB).post(W.unfollow_event(CONTRIB))
    run(rapp, clock, NOV1 + timedelta(minutes=1))
    assert set(sent_texts(line)) == {VISIT}


def test_an_officer_who_reported_between_outbox_and_send_is_not_reminded(rapp, clock, line, chat_with):
    demo(rapp, clock)
    service = Reminders.of(rapp)
    clock.set(NOV1)
    service.enqueue(service.due(NOV1), NOV1)
    visit = chat_with(VISIT)
    visit.say("รายงาน")
    visit.say("10")
    visit.press("ยืนยัน")
    outcome = run(rapp, clock, NOV1 + timedelta(minutes=1))
    assert outcome.delivery.skipped["reported"] == 1
    assert set(sent_texts(line)) == {CONTRIB}


def test_quota_short_sends_the_most_urgent_first_and_tells_the_planners_once(make_app, clock, line, quota, chat_with):
    # A late "period open" round (urgency open) lands while the supervisor's overdue nudges still wait.
    rapp = make_app(**FAST, REMINDER_ROUNDS='[{"name": "late_open", "day": 6, "time": "09:00", "urgency": "open"}]')
    demo(rapp, clock)
    clock.set(at(2026, 11, 6, 8, 59))
    chat_with(HEAD).say("ส่งเตือน")
    quota(4, used=1)  # 3 left: the planners' notice keeps 1, so 2 of the 4 reminders fit
    outcome = run(rapp, clock, at(2026, 11, 6, 9, 0))
    assert outcome.delivery.quota_remaining == 3
    assert outcome.delivery.skipped["quota"] == 2
    assert outcome.delivery.sent == 3 and outcome.delivery.notices == 1  # two nudges, one notice
    got = sent_texts(line)
    assert [t.split("\n")[0] for t in got[VISIT]] == ["📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนตุลาคม 2569"]
    assert [t.split("\n")[0] for t in got[CONTRIB]] == ["📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนตุลาคม 2569"]
    assert got[CHIEF] == [
        "⚠️ โควตาข้อความ LINE ของเดือนนี้ไม่พอ: รอบเปิดรับผล ผลเดือนตุลาคม 2569 "
        "ส่งได้ 0 จาก 2 ข้อความ อีก 2 ข้อความไม่ได้ส่ง (ส่งเรื่องที่เลยกำหนดก่อน) "
        "ผู้ที่ยังค้างส่งจะถูกเตือนอีกในรอบเตือนต่อ ๆ ไป "
        "กรุณาเพิ่มโควตาใน LINE Official Account Manager"
    ]
    assert line.usage == 4
    cut = [r for r in outbox(rapp.extensions["db"]) if r.reason == "quota"]
    assert {(r.round, r.kind) for r in cut} == {("late_open", "reminder")}
    again = run(rapp, clock, at(2026, 11, 6, 9, 30))
    assert again.delivery.requests == 0 and len(sent_texts(line)[CHIEF]) == 1
    assert line.all_problems() == []


def test_rows_cut_for_quota_are_not_resent_but_what_is_owed_comes_back_in_the_next_rounds(rapp, clock, line, quota):
    """What a planner expects: a cut reminder is not sent hours late (its wording would be stale,
    and the quota is still spent), but the officer is not forgotten either: whatever they still
    owe is in their next reminder, even after the period's last round (as an earlier month)."""
    demo(rapp, clock)
    quota(3, used=1)  # 2 left, one kept for the notice: สมชาย's reminder goes, วันเพ็ญ's and the digest are cut
    nov6 = at(2026, 11, 6, 9, 0)
    first = run(rapp, clock, nov6)
    assert first.delivery.sent == 2 and first.delivery.skipped["quota"] == 2 and first.delivery.notices == 1
    assert "ผู้ที่ยังค้างส่งจะถูกเตือนอีกในรอบเตือนต่อ ๆ ไป" in sent_texts(line)[CHIEF][0]
    now = nov6
    while now < at(2026, 11, 30, 0, 0):  # the rest of November: rounds re-run, drains: nothing resent
        now += timedelta(hours=1)
        assert run(rapp, clock, now).delivery.requests == 0
    assert set(sent_texts(line)) == {VISIT, CHIEF}
    cut = [(r.kind, r.status, r.reason) for r in outbox(rapp.extensions["db"]) if r.reason == "quota"]
    assert cut == [("reminder", "skipped", "quota"), ("digest", "skipped", "quota")]

    quota(None)  # December: a new month of quota
    run(rapp, clock, at(2026, 12, 1, 9, 0))  # วันเพ็ญ: November, and October she was never reminded of
    december = sent_texts(line)[CONTRIB]
    assert len(december) == 1 and december[0].startswith("📋 เปิดให้ส่งผลเดือนพฤศจิกายน 2569")
    assert "ยังค้าง ต.ค. 2569 (6 ตัวชี้วัด)" in december[0]
    assert len(sent_texts(line)[VISIT]) == 1  # สมชาย owes only October: not in the open round …
    run(rapp, clock, at(2026, 12, 6, 9, 0))  # … but in the overdue one, with the digest
    assert sent_texts(line)[VISIT][1].startswith("❗ ยังค้างส่งผลเดือน ต.ค. 2569")
    assert "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6; ค้าง ต.ค. (6 ตัวชี้วัด)" in sent_texts(line)[HEAD][0]


def test_when_line_itself_says_the_monthly_limit_is_reached_rows_are_recorded_not_retried(rapp, clock, line, quota):
    demo(rapp, clock)
    line.inject("/v2/bot/message/quota", 500, times=1)  # the quota is unknown: send and see
    quota(1)
    outcome = run(rapp, clock, NOV1)
    assert outcome.delivery.sent == 1 and outcome.delivery.skipped["quota"] == 1
    assert outcome.delivery.requests == 2


def test_identical_reminders_go_as_multicasts_of_at_most_500(rapp, clock, line, quota):
    quota(None)
    clock.set(NOV1)
    db = rapp.extensions["db"]
    with db.transaction() as s:
        unit = Unit(name="สำนักงานประกันสังคมจังหวัดทดสอบ", unit_type="provincial")
        s.add(unit)
        s.flush()
        project = Project(unit_id=unit.id, year_be=2569, code="P01", name="โครงการทดสอบ")
        s.add(project)
        s.flush()
        indicator = Indicator(
            project_id=project.id,
            number=1,
            name="จำนวนผู้ประกันตนที่ได้รับการเยี่ยม",
            weight_pct=Decimal(100),
            unit_of_measure="ราย",
            kind="count",
        )
        indicator.targets = [MonthlyTarget(month=m, value=Decimal(10)) for m in range(1, 13)]
        s.add(indicator)
        s.flush()
        officers = [
            Officer(
                key=f"o{n}", display_name=f"เจ้าหน้าที่ {n}", unit_id=unit.id, role="officer", line_user_id=f"U{n:032x}"
            )
            for n in range(1001)
        ]
        s.add_all(officers)
        s.flush()
        s.add_all([Responsibility(officer_id=o.id, indicator_id=indicator.id) for o in officers])
    outcome = run(rapp, clock, NOV1)
    assert outcome.delivery.sent == 1001
    assert [len(b["to"]) for b in line.multicasts()] == [500, 500] and len(line.pushes()) == 1
    assert outcome.delivery.multicasts == 2 and outcome.delivery.pushes == 1
    per_user = Counter(u for b in line.multicasts() for u in b["to"]) + Counter(b["to"] for b in line.pushes())
    assert len(per_user) == 1001 and set(per_user.values()) == {1}
    rows = outbox(db)
    by_batch = Counter(r.batch_key for r in rows)
    for request in (r for r in line.requests if r.path.endswith("/multicast")):
        key = request.headers["X-Line-Retry-Key"]  # the retry key of the first row of the 500
        assert by_batch[key] == 500 and key in {r.retry_key for r in rows}
    again = run(rapp, clock, NOV1 + timedelta(minutes=5))
    assert again.delivery.requests == 0


def test_two_schedulers_racing_the_same_rounds_send_each_message_once(make_app, clock, line):
    apps = [make_app(**FAST), make_app(**FAST)]
    demo(apps[0], clock)
    for moment in (NOV1, at(2026, 11, 3, 9, 0), at(2026, 11, 5, 8, 30), at(2026, 11, 6, 9, 0)):
        clock.set(moment)
        race(apps, moment)
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 4, CONTRIB: 4, HEAD: 1}
    assert {r.status for r in outbox(apps[0].extensions["db"])} == {"sent"}
    assert len({r.headers["X-Line-Retry-Key"] for r in push_requests(line)}) == len(push_requests(line)) == 9
    assert outbound(line) == 9
