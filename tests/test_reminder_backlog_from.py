"""REMINDER_BACKLOG_FROM: the month the bot went live. The look-back for earlier months owed
(reminders, the supervisors' digest, ส่งเตือน, the reporting conversation's "ยังไม่ได้ส่งผลเดือน …")
never reaches before it: those months were reported in the old SSO Budget web form, not in the bot.

The demo data with January–August reported (`reported_through=8`) and the bot live from October
2569: September is not owed as far as the bot knows. On 1 November สมชาย owes October (P01/1),
วันเพ็ญ October (and September, before go-live), ประภา only September (P12/2), กิตติ (not on LINE)
October (and September's P06/1).
"""

from __future__ import annotations

import pytest

from bot.config import config_from_env
from bot.demo import load_demo_data
from kpi.periods import Period, thai_months
from kpi.reminders import backlog_periods
from presentation import texts as T
from reminders.settings import reminder_settings

from .reminder_helpers import CHIEF, CONTRIB, FAST, HEAD, TRAIN, VISIT, at, demo, report, run, sent_texts

GO_LIVE = "2569-10"


@pytest.fixture
def app(make_app):
    """The bot (rounds and chat alike) live from October 2569."""
    return make_app(REMINDER_BACKLOG_FROM=GO_LIVE, **FAST)


def test_the_look_back_starts_at_the_go_live_month():
    october = Period(2569, 10)
    assert backlog_periods(Period(2569, 12), october) == (Period(2569, 10), Period(2569, 11))
    assert backlog_periods(Period(2569, 10), october) == ()  # the go-live month itself: nothing before
    assert backlog_periods(Period(2569, 9), october) == ()  # a period before go-live looks back at nothing
    assert backlog_periods(Period(2570, 3), october) == (Period(2570, 1), Period(2570, 2))  # next year: all of it
    assert backlog_periods(Period(2569, 12), None) == tuple(Period(2569, m) for m in range(1, 12))


def test_months_before_go_live_are_never_reminded_nor_listed_and_those_after_it_are(app, clock, line):
    demo(app, clock, reported_through=8)

    run(app, clock, at(2026, 11, 1, 9, 0))
    got = sent_texts(line)
    assert set(got) == {VISIT, CONTRIB}
    assert "ค้าง" not in got[CONTRIB][0]  # September is before go-live: not named

    line.clear()
    run(app, clock, at(2026, 11, 6, 9, 0))  # the overdue round reminds the backlog …
    got = sent_texts(line)
    assert TRAIN not in got  # … but ประภา owes only September: nobody reminds her
    digest = got[HEAD][0].split("\n")
    assert digest[0].endswith("ยังส่งไม่ครบ 3 คน (10 ตัวชี้วัด):")  # no "และยังค้างผลเดือนก่อนหน้า"
    assert digest[1:4] == [
        "• สมชาย ใจดี: P01/1",
        "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6",
        "• กิตติ พากเพียร: P04/1, P04/2, P06/1 (ยังไม่ได้ผูกบัญชี LINE)",
    ]
    assert "ประภา" not in got[HEAD][0] and "ก.ย." not in got[HEAD][0]

    # December: October (from go-live on) is an earlier month owed, September still is not
    line.clear()
    run(app, clock, at(2026, 12, 1, 9, 0))
    got = sent_texts(line)
    assert got[CONTRIB][0].split("\n")[-2] == "ยังค้าง ต.ค. 2569 (6 ตัวชี้วัด)"
    assert VISIT not in got  # nothing due for November …
    line.clear()
    run(app, clock, at(2026, 12, 6, 9, 0))
    got = sent_texts(line)
    assert got[VISIT][0].split("\n")[0] == (  # … but October, after go-live: reminded on the 6th
        "❗ ยังค้างส่งผลเดือน ต.ค. 2569 ซึ่งเลยกำหนดส่งแล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า"
    )
    digest = got[HEAD][0]
    assert "• สมชาย ใจดี: ค้าง ต.ค. (1 ตัวชี้วัด)" in digest
    assert "• วันเพ็ญ ศรีสุข: P07/1, P07/2, P07/3, P07/4, P07/5, P07/6; ค้าง ต.ค. (6 ตัวชี้วัด)" in digest
    assert "• กิตติ พากเพียร: P04/1, P04/2, P06/1; ค้าง ต.ค. (3 ตัวชี้วัด) (ยังไม่ได้ผูกบัญชี LINE)" in digest
    assert "• ประภา มั่นคง: P12/1\n" in digest  # November only: September is not hers to owe
    assert "ก.ย." not in digest


def test_the_go_live_month_itself_is_still_owed(make_app, clock, line):
    app = make_app(REMINDER_BACKLOG_FROM="2569-09", **FAST)
    demo(app, clock, reported_through=8)
    run(app, clock, at(2026, 11, 6, 9, 0))
    got = sent_texts(line)
    assert got[TRAIN][0].startswith("❗ ยังค้างส่งผลเดือน ก.ย. 2569")
    assert "• ประภา มั่นคง: ค้าง ก.ย. (1 ตัวชี้วัด)" in got[HEAD][0]


def test_the_nudge_and_the_reporting_chat_do_not_reach_before_go_live(app, clock, line, chat_with):
    demo(app, clock, at(2026, 11, 9, 10, 0), reported_through=8)
    report(app, [10], officer_keys=["uthai.visit", "uthai.contrib"])
    # วันเพ็ญ and ประภา owe only September: without the setting both would be nudged
    assert chat_with(HEAD).say("ส่งเตือน")[0]["text"] == (
        "ไม่มีผู้ที่ต้องเตือนเพิ่มในวันนี้\nเตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: กิตติ พากเพียร"
    )
    assert chat_with(CHIEF).say("ส่งเตือน")[0]["text"] == T.NUDGE_PLANNER_NONE.format(period="ตุลาคม 2569")
    train = chat_with(TRAIN)
    train.say("รายงาน")
    assert train.texts() == (
        "เดือนตุลาคม 2569 ท่านไม่มีตัวชี้วัดที่มีเป้าหมาย จึงไม่ต้องส่งผล\n"  # no "ยังไม่ได้ส่งผลเดือน ก.ย."
        "เดือนถัดไปที่มีเป้าหมายคือ พฤศจิกายน 2569 "
        "(ส่งผลได้ตั้งแต่ 1 ธันวาคม 2569 กำหนดส่ง 5 ธันวาคม 2569)"
    )
    assert [b["label"] for b in train.buttons()][0] == "แก้ไขผล"
    run(app, clock, at(2026, 11, 9, 10, 1))
    assert sent_texts(line) == {}


@pytest.mark.parametrize(
    "value, problem",
    [
        ("2026-10", "2026 looks like a Christian-Era year (in the Buddhist Era: 2569-10)"),
        ("2569-13", "no month 13"),
        ("ต.ค. 2569", "got 'ต.ค. 2569'"),
        ("2569/10", "got '2569/10'"),
        ("10-2569", "got '10-2569'"),
    ],
)
def test_a_bad_go_live_month_is_refused_with_what_is_expected(value, problem, make_app, monkeypatch, tmp_path):
    expected = "REMINDER_BACKLOG_FROM must be the first month reported in the bot as a Buddhist-Era month YYYY-MM"
    with pytest.raises(ValueError, match=expected) as refused:
        reminder_settings({"REMINDER_BACKLOG_FROM": value})
    assert problem in str(refused.value)
    with pytest.raises(ValueError, match=expected):  # the app (web workers, the scheduler) does not start
        make_app(REMINDER_BACKLOG_FROM=value)
    monkeypatch.setenv("REMINDER_BACKLOG_FROM", value)  # from the environment, as deployed
    with pytest.raises(ValueError, match=expected):
        reminder_settings(config_from_env(str(tmp_path)))
    with pytest.raises(ValueError, match=expected):
        make_app()


def test_an_empty_or_absent_go_live_month_means_the_whole_plan_year(monkeypatch, tmp_path):
    monkeypatch.delenv("REMINDER_BACKLOG_FROM", raising=False)
    assert reminder_settings(config_from_env(str(tmp_path))).backlog_from is None
    assert reminder_settings({"REMINDER_BACKLOG_FROM": " "}).backlog_from is None
    monkeypatch.setenv("REMINDER_BACKLOG_FROM", " 2569-10 ")
    assert reminder_settings(config_from_env(str(tmp_path))).backlog_from == Period(2569, 10)
    assert reminder_settings({"REMINDER_BACKLOG_FROM": "2570-1"}).backlog_from == Period(2570, 1)


def test_the_demo_reminds_nothing_before_its_first_reported_month(make_app, clock, line):
    """The demo imports no values: started on 3 November 2569 it is live from October, and its
    overdue round names no earlier month (without the setting: ม.ค.–ก.ย. to everyone)."""
    clock.set(at(2026, 11, 3, 10, 0))
    plain = make_app(**FAST)
    data = load_demo_data(plain.extensions["db"], clock.now())
    assert data.first_month == Period(2569, 10)
    noisy = run(plain, clock, at(2026, 11, 6, 9, 0), dry_run=True)
    owed = [thai_months(o.period for o in p.older) for p in noisy.planned if p.kind.value == "reminder"]
    assert owed == ["มี.ค., พ.ค.–ส.ค. 2569", "ม.ค.–ก.ย. 2569", "มี.ค., ส.ค., ก.ย. 2569", "ม.ค.–ก.ย. 2569"]

    demo_app = make_app(REMINDER_BACKLOG_FROM=data.first_month.key(), **FAST)  # as the demo command does
    run(demo_app, clock, at(2026, 11, 6, 9, 0))
    got = sent_texts(line)
    assert set(got) == {VISIT, CONTRIB, HEAD}  # ประภา owes nothing of October; กิตติ is not on LINE
    assert not [text for texts in got.values() for text in texts if "ค้าง" in text or "ก.ย." in text]
