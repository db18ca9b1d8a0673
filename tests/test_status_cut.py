""" "สถานะ กองทุนเงินทดแทน", "สถานะ ยุทธศาสตร์ 2": status cut by the plan's structure (issue 12),
through signed webhooks and the fake LINE. A planner gets the office's projects of that fund or
strategy; a supervisor's stays their units; an officer's stays their own indicators."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kpi.plan_structure import PlanCut, parse_plan_cut
from models import Project, Unit

from . import factories as F
from .test_status_chat import BRANCH, UTHAI, chat_as, labels, shown, strings, uthai  # noqa: F401  (fixture)

#: (unit, project code) → (fund, strategy). October in the demo: Uthai's P01 ดี (120 %), P07
#: ปานกลาง (70 %), P04 ต่ำ (40 %); Chai Nat's P01 ต่ำ (nothing sent); Uthai's P06 (ต่ำ) has no place.
PLACES = {
    (UTHAI, "P01"): ("WCF", 2),
    (UTHAI, "P04"): ("WCF", 1),
    (UTHAI, "P07"): ("SSF", 2),
    (BRANCH, "P01"): ("WCF", 2),
}


@pytest.fixture
def placed(uthai, db):
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        F.indicator(s, other, "P01", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    with db.transaction() as s:
        for (unit, code), (fund, strategy) in PLACES.items():
            project = s.scalar(select(Project).join(Unit).where(Unit.name == unit, Project.code == code))
            project.fund, project.strategy_no = fund, strategy
    return db


def office(chat) -> str:
    return "\n".join(strings(chat.last[0]))


def test_planner_cuts_the_office_by_fund_and_by_strategy(placed, chat_with):
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ กองทุนเงินทดแทน")
    text = office(chat)
    assert "ภาพรวมกองทุนเงินทดแทน" in text and "ผลการดำเนินงาน ตุลาคม 2569" in text
    assert "3 งาน/โครงการ: ดี 1 ปานกลาง 0 ต่ำ 2" in text  # Uthai P01, P04; Chai Nat P01
    assert chat.last[0]["altText"].startswith("ภาพรวมกองทุนเงินทดแทน · ")
    assert "ชัยนาท" in text  # Chai Nat has the fund's project and sent nothing

    chat.say("สถานะ ยุทธศาสตร์ 2")
    text = office(chat)
    assert "ภาพรวมยุทธศาสตร์ที่ 2" in text
    assert "3 งาน/โครงการ: ดี 1 ปานกลาง 1 ต่ำ 1" in text  # Uthai P01, P07; Chai Nat P01

    chat.say("สถานะ กองทุนเงินทดแทน ยุทธศาสตร์ที่ ๒")  # both, Thai digits
    assert "2 งาน/โครงการ: ดี 1 ปานกลาง 0 ต่ำ 1" in office(chat)

    chat.say("สถานะ WCF")  # the fund's code
    assert "ภาพรวมกองทุนเงินทดแทน" in office(chat)
    # the period buttons keep the cut
    assert labels(chat)[:4] == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "ภาพรวมสำนักงาน"]
    chat.press("ตั้งแต่ต้นปี")
    text = office(chat)
    assert "ภาพรวมกองทุนเงินทดแทน" in text and "ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)" in text
    chat.press("ภาพรวมสำนักงาน")  # back to the whole office, the same period
    text = office(chat)
    assert "ภาพรวมทั้งสำนักงาน" in text and "ตั้งแต่ต้นปี 2569" in text and "กองทุน" not in text


def test_a_cut_without_projects_says_where_the_structure_comes_from(placed, chat_with):
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ กองทุนประกันสังคม ยุทธศาสตร์ 3")
    assert len(chat.last) == 1
    assert "ไม่มีงาน/โครงการของกองทุนประกันสังคม ยุทธศาสตร์ที่ 3ในแผนปี 2569" in chat.last[0]["text"]
    assert "ภาพรวมสำนักงาน" in labels(chat)


def test_supervisor_cut_stays_within_their_units(placed, chat_with):
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ กองทุนเงินทดแทน")
    text = office(chat)
    assert "กองทุนเงินทดแทน หน่วยงานในสังกัดของท่าน" in text
    assert "2 งาน/โครงการ: ดี 1 ปานกลาง 0 ต่ำ 1" in text  # Uthai's P01 and P04, not Chai Nat's
    assert "ชัยนาท" not in shown(chat)
    chat.tap("act=status&w=office&s=y&f=WCF")  # a forged or forwarded planner's button: still theirs
    assert "หน่วยงานในสังกัดของท่าน" in office(chat) and "ชัยนาท" not in shown(chat)
    chat.tap("act=status&w=office&s=m")  # without a cut the office stays refused
    assert "ขออภัย" in chat.last[0]["text"]


def test_officer_cut_is_their_own_indicators(placed, chat_with):
    chat = chat_as(chat_with, "uthai.visit")
    chat.say("สถานะ ยุทธศาสตร์ 2")
    assert "ได้เฉพาะตัวชี้วัดที่ท่านรับผิดชอบ" in chat.last[0]["text"]
    text = shown(chat)
    assert "P01/1" in text and "P07/" not in text and "ยุทธศาสตร์ที่ 2" not in text


def test_forged_cut_buttons_never_hurt(placed, chat_with):
    chat = chat_as(chat_with, "plan.chief")
    for data in ("act=status&w=office&s=m&st=99999999999999999999", "act=status&w=office&s=m&f=XXX&st=-1"):
        chat.tap(data)  # no cut: the whole office, never a 500
        assert "ภาพรวมทั้งสำนักงาน" in office(chat)


@pytest.mark.parametrize(
    "text, cut",
    [
        ("กองทุนเงินทดแทน", PlanCut("WCF")),
        ("กองทุน ประกันสังคม", PlanCut("SSF")),
        ("ssf", PlanCut("SSF")),
        ("ยุทธศาสตร์ 2", PlanCut(None, 2)),
        ("ยุทธศาสตร์ที่๓", PlanCut(None, 3)),
        ("กองทุนเงินทดแทน ยุทธศาสตร์ 1", PlanCut("WCF", 1)),
        ("ประกันสังคม", None),  # a unit's name ("สำนักงานประกันสังคม…"), not a fund
        ("อุทัยธานี", None),
        ("ยุทธศาสตร์", None),
        ("", None),
    ],
)
def test_parse_plan_cut(text, cut):
    assert parse_plan_cut(text) == cut
