"""Issue 15: a supervisor's ส่งเตือน is offered only where someone owes a month of the summary
that offers it, and its answer covers that summary's months and people.

The demo data on 25 November 2569 (October overdue), January–August reported: September is
missing for วันเพ็ญ (P07, every month), ประภา (P12/2) and กิตติ (P06/1, not on LINE); October for
สมชาย (P01/1), วันเพ็ญ and กิตติ unless a test reports it.
"""

from __future__ import annotations

import pytest

from .reminder_helpers import FAST, HEAD, at, demo, report


def labels(chat) -> list[str]:
    return [b["label"] for b in chat.buttons()]


def summary(chat, scope_label: str | None = None):
    chat.say("สถานะ")
    if scope_label:
        chat.press(scope_label)
    return chat


@pytest.fixture
def app(make_app):
    return make_app(**FAST)


def test_the_nudge_from_a_month_covers_that_month_and_from_the_year_the_year(app, clock, chat_with):
    demo(app, clock, at(2026, 11, 25, 10, 0), reported_through=8)
    report(app, [10], officer_keys=["uthai.train", "uthai.new"])  # October in but for สมชาย and วันเพ็ญ
    head = summary(chat_with(HEAD))
    assert "ส่งเตือน" in labels(head)
    answer = head.press("ส่งเตือน")[0]["text"]
    assert answer.startswith("ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน")
    assert "สมชาย ใจดี" in answer and "วันเพ็ญ ศรีสุข" in answer and "ประภา" not in answer

    clock.set(at(2026, 11, 26, 10, 0))  # a day later: the nudge may go again
    head = summary(chat_with(HEAD), "ตั้งแต่ต้นปี")
    answer = head.press("ส่งเตือน")[0]["text"]
    assert answer.startswith("ส่งเตือนผลเดือน ม.ค.–ต.ค. 2569 ถึง 3 คน"), answer
    assert "ประภา มั่นคง" in answer  # owes only September: in the year's summary, not the month's
    assert "กิตติ พากเพียร" in answer  # not on LINE: named to contact directly


def test_no_nudge_offered_when_nobody_owes_the_summarys_months(app, clock, chat_with):
    demo(app, clock, at(2026, 11, 25, 10, 0), reported_through=8)
    report(app, [10])  # October complete; September still missing
    head = summary(chat_with(HEAD))
    assert "ส่งเตือน" not in labels(head)
    head = summary(chat_with(HEAD), "ตั้งแต่ต้นปี")
    assert "ส่งเตือน" in labels(head)  # September is owed: the year's summary offers it


def test_before_go_live_nothing_to_nudge_means_no_button(make_app, clock, chat_with):
    """The issue's case: the year to date showed months missing from before the bot went live,
    offered ส่งเตือน, and ส่งเตือน answered that everyone had sent."""
    app = make_app(REMINDER_BACKLOG_FROM="2569-10", **FAST)
    demo(app, clock, at(2026, 11, 25, 10, 0), reported_through=8)
    report(app, [10])
    head = chat_with(HEAD)
    head.client = app.test_client()
    summary(head, "ตั้งแต่ต้นปี")
    assert "ส่งเตือน" not in labels(head)
