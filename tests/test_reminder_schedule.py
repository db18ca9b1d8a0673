"""Pure reminder rules: working days, round schedules, the round due at a moment, quota ordering,
multicast grouping and the wording of each urgency."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from kpi.indicator import IndicatorView
from kpi.periods import BANGKOK, Period, thai_months
from kpi.reminders import (
    Kind,
    OfficerStatus,
    Owed,
    Skip,
    backlog_periods,
    batches,
    fit_to_quota,
    nudge_urgency,
    plan_nudge,
    plan_round,
)
from kpi.rounds import (
    DEFAULT_ROUNDS,
    ScheduledRound,
    Urgency,
    due_round,
    next_round_of_period,
    parse_rounds,
    rounds_between,
    rounds_in_month,
    thai_datetime,
)
from kpi.workdays import WorkCalendar, thai_calendar
from presentation.reminder_messages import digest_message, headline, reminder_message

CAL = thai_calendar([2026, 2027])
GRACE = timedelta(hours=2)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def schedule(year: int, month: int, rounds=DEFAULT_ROUNDS) -> list[tuple[str, str]]:
    return [(r.name, f"{r.at:%d %a %H:%M}") for r in rounds_in_month(year, month, rounds, CAL)]


def test_working_days_skip_weekends_public_and_government_holidays():
    assert not CAL.is_working_day(date(2026, 12, 5))  # Saturday, Father's Day
    assert not CAL.is_working_day(date(2026, 12, 7))  # Monday, in lieu of the 5th
    assert not CAL.is_working_day(date(2026, 5, 13))  # Royal Ploughing Ceremony (government offices)
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert CAL.is_working_day(date(2026, 11, 5))
    assert thai_calendar([2026], categories=["public"]).is_working_day(date(2026, 5, 13))
    assert CAL.last_working_day(date(2026, 12, 5), date(2026, 12, 1)) == date(2026, 12, 4)
    assert WorkCalendar().last_working_day(date(2026, 11, 1), date(2026, 11, 1)) is None  # a Sunday
    assert CAL.next_working_day(date(2026, 12, 5)) == date(2026, 12, 8)


def test_default_rounds_by_month_with_the_due_round_on_the_last_working_day_up_to_the_fifth():
    assert schedule(2026, 11) == [
        ("open", "01 Sun 09:00"),
        ("day3", "03 Tue 09:00"),
        ("due", "05 Thu 08:30"),
        ("overdue", "06 Fri 09:00"),
    ]
    # 5 December 2569 is a Saturday and a holiday: "due on Friday" the 4th.
    assert schedule(2026, 12) == [
        ("open", "01 Tue 09:00"),
        ("day3", "03 Thu 09:00"),
        ("due", "04 Fri 08:30"),
        ("overdue", "06 Sun 09:00"),
    ]
    # September 2027: the 5th is a Sunday, the 3rd the last working day; day3 and due collide.
    assert schedule(2027, 9) == [("open", "01 Wed 09:00"), ("due", "03 Fri 08:30"), ("overdue", "06 Mon 09:00")]
    periods = {r.period for r in rounds_in_month(2027, 1, DEFAULT_ROUNDS, CAL)}
    assert periods == {Period(2569, 12)}  # January reminds about December of the year before


def test_rounds_are_configurable_without_code_and_can_move_off_non_working_days():
    rounds = parse_rounds(
        '[{"name": "open", "day": 1, "time": "10:15", "urgency": "open", "shift": true},'
        ' {"name": "late", "day": 8, "time": "13:00", "urgency": "overdue", "digest": true}]'
    )
    assert schedule(2026, 11, rounds) == [("open", "02 Mon 10:15"), ("late", "08 Sun 13:00")]
    assert rounds[1].digest and rounds[0].at == time(10, 15)


@pytest.mark.parametrize(
    "config, problem",
    [
        ("[]", "non-empty"),
        ('[{"name": "A", "day": 1, "time": "09:00", "urgency": "open"}]', "name"),
        ('[{"name": "a", "day": 31, "time": "09:00", "urgency": "open"}]', "day"),
        ('[{"name": "a", "day": 1, "time": "9h", "urgency": "open"}]', "time"),
        ('[{"name": "a", "day": 1, "time": "09:00", "urgency": "soon"}]', "urgency"),
        ('[{"name": "a", "day": 1, "time": "09:00", "urgency": "open", "when": 1}]', "unknown"),
        ('[{"name": "a", "day": 1, "time": "09:00", "urgency": "open", "backlog": "yes"}]', "backlog"),
        (
            '[{"name": "a", "day": 1, "time": "09:00", "urgency": "open"},'
            ' {"name": "a", "day": 2, "time": "09:00", "urgency": "open"}]',
            "unique",
        ),
    ],
)
def test_bad_round_configuration_is_refused_with_the_reason(config, problem):
    with pytest.raises(ValueError, match=problem):
        parse_rounds(config)


def test_the_round_due_at_a_moment_within_its_grace_never_a_stale_one():
    nov3 = at(2026, 11, 3, 9, 0)
    assert due_round(nov3 - timedelta(seconds=1), DEFAULT_ROUNDS, CAL, GRACE) is None
    assert due_round(nov3, DEFAULT_ROUNDS, CAL, GRACE).name == "day3"
    assert due_round(nov3 + GRACE - timedelta(seconds=1), DEFAULT_ROUNDS, CAL, GRACE).name == "day3"
    assert due_round(nov3 + GRACE, DEFAULT_ROUNDS, CAL, GRACE) is None
    assert due_round(at(2026, 11, 2, 9, 0), DEFAULT_ROUNDS, CAL, GRACE) is None
    due = due_round(at(2026, 12, 4, 8, 45), DEFAULT_ROUNDS, CAL, GRACE)
    assert (due.name, due.period, due.urgency) == ("due", Period(2569, 11), Urgency.DUE)


def test_every_moment_of_a_month_maps_to_at_most_one_round_and_each_round_is_found():
    found = set()
    now = at(2026, 10, 31, 0, 0)
    while now < at(2027, 2, 1, 0, 0):
        rnd = due_round(now, DEFAULT_ROUNDS, CAL, GRACE)
        if rnd:
            found.add((rnd.period, rnd.name, rnd.at))
        now += timedelta(minutes=15)
    listed = {
        (r.period, r.name, r.at)
        for r in rounds_between(at(2026, 11, 1, 0, 0), at(2027, 2, 1, 0, 0), DEFAULT_ROUNDS, CAL)
    }
    assert found == listed and len(listed) == 12


def test_next_round_of_a_period_is_what_a_snooze_skips():
    october = Period(2569, 10)
    assert next_round_of_period(at(2026, 11, 2, 12, 0), october, DEFAULT_ROUNDS, CAL).name == "day3"
    assert next_round_of_period(at(2026, 11, 3, 9, 0), october, DEFAULT_ROUNDS, CAL).name == "due"
    assert next_round_of_period(at(2026, 11, 6, 9, 0), october, DEFAULT_ROUNDS, CAL) is None
    assert next_round_of_period(at(2026, 10, 20, 9, 0), october, DEFAULT_ROUNDS, CAL).name == "open"


def test_thai_date_time_with_weekday_and_buddhist_era():
    assert thai_datetime(at(2026, 12, 4, 8, 30)) == "วันศุกร์ที่ 4 ธันวาคม 2569 08:30"


def indicator(n: int, name: str = "จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในสถานพยาบาลและผู้ทุพพลภาพ") -> IndicatorView:
    return IndicatorView(
        id=n,
        project_code="P07",
        project_name="งานบริการ",
        number=n,
        name=name,
        unit_of_measure="ราย",
        kind="count",
        weight_pct=Decimal(10),
        targets=(Decimal(1),) * 12,
    )


def person(officer_id, pending=(), role="officer", unit_id=1, bound=True, blocked=False, older=()) -> OfficerStatus:
    return OfficerStatus(
        officer_id, f"คน {officer_id}", role, unit_id, f"หน่วย {unit_id}", bound, blocked, tuple(pending), tuple(older)
    )


def test_plan_round_reminds_only_those_with_pending_and_records_why_some_cannot_be_reached():
    overdue = next(r for r in rounds_in_month(2026, 11, DEFAULT_ROUNDS, CAL) if r.name == "overdue")
    people = [
        person(1, [indicator(1)]),
        person(2),
        person(3, [indicator(3)], bound=False),
        person(4, [indicator(4)], blocked=True),
        person(5, [indicator(5)]),
        person(6, role="supervisor"),
        person(7, role="supervisor", unit_id=2),
        person(8, [], unit_id=2),
    ]
    plan = plan_round(overdue, people, snoozed={5})
    assert [(p.officer_id, p.kind, p.skip) for p in plan] == [
        (1, Kind.REMINDER, None),
        (3, Kind.REMINDER, Skip.UNBOUND),
        (4, Kind.REMINDER, Skip.BLOCKED),
        (5, Kind.REMINDER, Skip.SNOOZED),
        (6, Kind.DIGEST, None),
    ]  # unit 2 has nobody missing
    assert [m.officer_id for m in plan[-1].missing] == [1, 3, 4, 5]
    open_round = rounds_in_month(2026, 11, DEFAULT_ROUNDS, CAL)[0]
    assert all(p.kind == Kind.REMINDER for p in plan_round(open_round, people))


def test_nudges_once_per_day_and_their_urgency():
    people = [person(1, [indicator(1)]), person(2, [indicator(2)]), person(3)]
    planned, repeat = plan_nudge(people, Urgency.OVERDUE, already_today={2})
    assert [p.officer_id for p in planned] == [1] and [p.officer_id for p in repeat] == [2]
    october = Period(2569, 10)
    assert nudge_urgency(october, at(2026, 11, 3, 12, 0), CAL) == Urgency.REMINDER
    assert nudge_urgency(october, at(2026, 11, 5, 12, 0), CAL) == Urgency.DUE
    assert nudge_urgency(october, at(2026, 11, 6, 0, 1), CAL) == Urgency.OVERDUE
    assert nudge_urgency(Period(2569, 11), at(2026, 12, 4, 9, 0), CAL) == Urgency.DUE  # last working day


def test_quota_keeps_the_most_urgent_and_room_for_the_notice():
    items = [("open-a", 3), ("overdue-a", 0), ("due-a", 1), ("overdue-b", 0), ("open-b", 3)]
    send, cut = fit_to_quota(items, cost=lambda i: 1, priority=lambda i: i[1], remaining=4, reserve=1)
    assert [i[0] for i in send] == ["overdue-a", "overdue-b", "due-a"]
    assert [i[0] for i in cut] == ["open-a", "open-b"]
    assert fit_to_quota(items, cost=lambda i: 1, priority=lambda i: i[1], remaining=5, reserve=1) == (items, [])
    assert fit_to_quota(items, cost=lambda i: 1, priority=lambda i: i[1], remaining=None) == (items, [])
    assert fit_to_quota(items, cost=lambda i: 1, priority=lambda i: i[1], remaining=0, reserve=1)[0] == []


def test_identical_messages_are_grouped_by_500_in_first_seen_order():
    items = [("a", n) for n in range(1001)] + [("b", 0), ("a", 1001)]
    groups = batches(items, key=lambda i: i[0])
    assert [(g[0][0], len(g)) for g in groups] == [("a", 500), ("a", 500), ("a", 2), ("b", 1)]


def test_the_wording_names_the_period_and_how_close_the_due_date_is():
    october, november = Period(2569, 10), Period(2569, 11)
    assert (
        headline(Urgency.OPEN, october, date(2026, 11, 1))
        == "📋 เปิดให้ส่งผลเดือนตุลาคม 2569 แล้ว กำหนดส่งภายใน 5 พฤศจิกายน 2569"
    )
    assert (
        headline(Urgency.REMINDER, october, date(2026, 11, 3))
        == "⏰ ผลเดือนตุลาคม 2569 ยังส่งไม่ครบ กำหนดส่งภายใน 5 พฤศจิกายน 2569 (อีก 2 วัน)"
    )
    assert headline(Urgency.DUE, october, date(2026, 11, 5)) == "⏰ วันนี้ (5 พฤศจิกายน 2569) ครบกำหนดส่งผลเดือนตุลาคม 2569"
    assert headline(Urgency.DUE, november, date(2026, 12, 4)) == (
        "⏰ ผลเดือนพฤศจิกายน 2569 ครบกำหนดส่งวันเสาร์ที่ 5 ธันวาคม 2569 ซึ่งเป็นวันหยุด วันนี้เป็นวันทำการสุดท้ายก่อนกำหนด"
    )
    assert headline(Urgency.REMINDER, october, date(2026, 11, 7)).startswith("❗ ผลเดือนตุลาคม 2569 เลยกำหนดส่ง")


def test_a_reminder_is_a_phone_screen_with_a_button_on_the_first_pending_indicator():
    pending = [indicator(n) for n in range(1, 12)]
    message = reminder_message(Period(2569, 10), Urgency.REMINDER, date(2026, 11, 3), pending).to_dict()
    lines = message["text"].split("\n")
    assert lines[1] == "ยังไม่ได้ส่ง 11 ตัวชี้วัด:"
    assert lines[2] == "• P07/1 จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในสถา…"
    assert lines[9] == "…และอีก 4 ตัวชี้วัด" and len(lines) == 11
    first, snooze = [i["action"] for i in message["quickReply"]["items"]]
    assert first["data"] == "act=report&p=2569-10&i=1" and first["label"] == "ส่งผล P07/1"
    assert snooze == {"type": "message", "label": "เตือนพรุ่งนี้", "text": "เตือนพรุ่งนี้"}
    last = reminder_message(Period(2569, 10), Urgency.OVERDUE, date(2026, 11, 6), pending[:1], snooze=False)
    assert len(last.to_dict()["quickReply"]["items"]) == 1 and "เตือนพรุ่งนี้" not in last.text


def test_a_digest_lists_who_misses_what_and_offers_the_nudge():
    missing = [person(n, [indicator(i) for i in range(1, n + 1)]) for n in range(1, 18)]
    text = digest_message(Period(2569, 10), Urgency.OVERDUE, date(2026, 11, 6), "หน่วย 1", missing).to_dict()
    lines = text["text"].split("\n")
    assert lines[0] == ("📊 ผลเดือนตุลาคม 2569 เลยกำหนดส่ง (5 พฤศจิกายน 2569) แล้ว หน่วย 1 ยังส่งไม่ครบ 17 คน (153 ตัวชี้วัด):")
    assert lines[8] == "• คน 8: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6 และอีก 2"
    assert lines[16] == "…และอีก 2 คน"
    assert text["quickReply"]["items"][0]["action"]["text"] == "ส่งเตือน"


def test_scheduled_round_exposes_its_definition():
    rnd = rounds_in_month(2026, 11, DEFAULT_ROUNDS, CAL)[-1]
    assert isinstance(rnd, ScheduledRound) and rnd.digest and rnd.urgency == Urgency.OVERDUE


def test_earlier_months_of_the_plan_year_and_their_short_thai_names():
    assert backlog_periods(Period(2569, 10)) == tuple(Period(2569, m) for m in range(1, 10))
    assert backlog_periods(Period(2570, 1)) == ()  # a new plan year starts afresh
    assert all(now_past_due(p, Period(2569, 10)) for p in backlog_periods(Period(2569, 10)))
    assert thai_months([Period(2569, 9), Period(2569, 8)]) == "ส.ค., ก.ย. 2569"
    assert thai_months([Period(2569, m) for m in (1, 2, 3, 6, 9, 10, 11)], year=False) == "ม.ค.–มี.ค., มิ.ย., ก.ย.–พ.ย."


def now_past_due(earlier: Period, period: Period) -> bool:
    """Every round of `period` (from the 1st of the month after it) is past `earlier`'s deadline."""
    first_round = rounds_in_month(period.due_date().year, period.due_date().month, DEFAULT_ROUNDS, CAL)[0]
    return first_round.at >= earlier.deadline()


def test_backlog_rounds_remind_those_who_owe_only_earlier_months_and_the_digest_lists_them():
    november = rounds_in_month(2026, 11, DEFAULT_ROUNDS, CAL)
    assert [r.backlog for r in november] == [False, False, False, True]  # by default the overdue round
    september = Owed(Period(2569, 9), (indicator(1),))
    people = [
        person(1, [indicator(1)], older=[september]),
        person(2, older=[september]),
        person(3),
        person(4, role="supervisor"),
    ]
    open_plan = plan_round(november[0], people)
    assert [(p.officer_id, p.older) for p in open_plan] == [(1, (september,))]
    overdue_plan = plan_round(november[-1], people)
    assert [(p.officer_id, p.kind) for p in overdue_plan] == [(1, Kind.REMINDER), (2, Kind.REMINDER), (4, Kind.DIGEST)]
    assert [m.officer_id for m in overdue_plan[-1].missing] == [1, 2]
    planned, _ = plan_nudge(people, Urgency.OVERDUE)
    assert [p.officer_id for p in planned] == [1, 2]
    rounds = parse_rounds(
        '[{"name": "a", "day": 1, "time": "09:00", "urgency": "open", "backlog": true},'
        ' {"name": "b", "day": 6, "time": "09:00", "urgency": "overdue", "backlog": false}]'
    )
    assert [r.reminds_backlog for r in rounds] == [True, False]


def test_a_reminder_names_earlier_months_in_one_line_or_lists_them_when_nothing_else_is_owed():
    october = Period(2569, 10)
    older = [Owed(Period(2569, 8), (indicator(1), indicator(2))), Owed(Period(2569, 9), (indicator(1), indicator(3)))]
    both = reminder_message(october, Urgency.REMINDER, date(2026, 11, 3), [indicator(4)], older=older).to_dict()
    assert both["text"].split("\n")[-2] == "ยังค้าง ส.ค., ก.ย. 2569 (3 ตัวชี้วัด)"
    assert [a["label"] for a in (i["action"] for i in both["quickReply"]["items"])] == [
        "ส่งผล P07/4",
        "ส่งผล ส.ค. 2569",
        "เตือนพรุ่งนี้",
    ]
    only = reminder_message(october, Urgency.OVERDUE, date(2026, 11, 6), [], older=older, snooze=True).to_dict()
    lines = only["text"].split("\n")
    assert lines[0] == "❗ ยังค้างส่งผลเดือน ส.ค., ก.ย. 2569 ซึ่งเลยกำหนดส่งแล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า"
    assert lines[1:5] == [
        "ยังไม่ได้ส่ง 3 ตัวชี้วัด:",
        "• P07/1 จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในสถา… (ส.ค., ก.ย.)",
        "• P07/2 จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในสถา… (ส.ค.)",
        "• P07/3 จำนวนผู้ประกันตนที่ได้รับการเยี่ยมในสถา… (ก.ย.)",
    ]
    assert lines[5] == 'แตะ "ส่งผล ส.ค. 2569" เพื่อเริ่มส่งผล หรือพิมพ์ "รายงาน"'
    [button] = [i["action"] for i in only["quickReply"]["items"]]  # nothing of the period left to snooze
    assert button["data"] == "act=report&p=2569-08"
    digest = (
        digest_message(october, Urgency.OVERDUE, date(2026, 11, 6), "หน่วย 1", [person(2, older=older)])
        .to_dict()["text"]
        .split("\n")
    )
    assert digest[:2] == [
        "📊 หน่วย 1 ส่งผลเดือนตุลาคม 2569 ครบแล้ว และยังค้างผลเดือนก่อนหน้า 1 คน:",
        "• คน 2: ค้าง ส.ค., ก.ย. (3 ตัวชี้วัด)",
    ]
