"""สถานะ beside the indicator levels: each unit's and the office's disbursement against plan
(issue 13), in chat (through signed webhooks and the fake LINE's Flex checks) and from
`flask status` (text, JSON, CSV), computed from seeded budgets and disbursements."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from kpi.disbursement import BudgetPlan, rollup
from models import BudgetLine, Disbursement, Project
from models.budget_queries import unit_disbursements

from . import factories as F
from .budget_seed import P01_SPENT, P07_SPENT, add_disbursement, seed_budgets
from .test_plan_import import run
from .test_status_chat import BRANCH, UTHAI, chat_as, shown, strings, uthai  # noqa: F401  (uthai: a fixture)

UNIT_LINE = "เบิกจ่าย 170,000.00 บาท จากงบ 520,000.00 บาท (ร้อยละ 33)"


@pytest.fixture
def budgets(uthai):  # noqa: F811
    return seed_budgets(uthai)


def test_roll_up_of_the_seeded_budgets(budgets, db):
    with db.transaction() as s:
        money = unit_disbursements(s, 2569, 10)
        uthai_id = F.unit(s).id
    p01 = money.projects[(uthai_id, "P01")]
    assert (p01.spent, p01.planned, p01.pct_of_plan, p01.level.value) == (90000, 100000, 90, "yellow")
    assert p01.pct_of_allocation == 75
    p07 = money.projects[(uthai_id, "P07")]
    assert (p07.spent, p07.allocation, p07.pct_of_allocation, p07.planned) == (80000, 400000, 20, None)
    assert (uthai_id, "P04") not in money.projects  # ไม่มีงบประมาณ: owes nothing
    unit = money.units[uthai_id]
    assert (unit.spent, unit.allocation, unit.planned) == (
        sum(P01_SPENT.values()) + sum(P07_SPENT.values()),
        520000,
        None,
    )
    assert money.office == unit
    # the same as the pure rule's, by hand
    plans = [(BudgetPlan(Decimal(120000), [Decimal(10000)] * 12), P01_SPENT), (BudgetPlan(Decimal(400000)), P07_SPENT)]
    assert rollup(plans, 10) == unit
    with db.transaction() as s:
        assert unit_disbursements(s, 2569, 2).units[uthai_id].spent == 18000  # cumulative to February


def test_supervisor_sees_the_units_disbursement_beside_its_levels(budgets, chat_with):
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ")
    assert len(chat.last) <= 5
    summary = strings(chat.last[0])
    head = summary.index("การเบิกจ่ายงบประมาณ (สะสมถึง ต.ค.)")
    assert summary[head + 1] == UNIT_LINE
    assert summary[head + 2] == "ไม่มีแผนเบิกจ่ายรายเดือนครบทุกโครงการ จึงแสดงร้อยละของงบทั้งปี"
    assert summary.index("ระดับงาน/โครงการ") < head  # beside the levels, after them


def test_a_monthly_plan_gives_the_divisions_level(budgets, db, chat_with):
    """P07 spent nothing more and its lines gone: only P01 with its monthly plan is left → level."""
    with db.transaction() as s:
        s.query(Disbursement).filter(Disbursement.project_id == budgets["P07"]).delete()
        s.query(BudgetLine).filter(BudgetLine.project_id == budgets["P07"]).delete()
        s.get(Project, budgets["P07"]).budget_baht = None
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ")
    office = strings(chat.last[0])
    assert "เบิกจ่าย 90,000.00 บาท จากงบ 120,000.00 บาท (ร้อยละ 75)" in office
    assert "เทียบแผนสะสม 100,000.00 บาท: ร้อยละ 90 · ปานกลาง" in office
    chat.say("สถานะ อุทัยธานี")
    assert "เทียบแผนสะสม 100,000.00 บาท: ร้อยละ 90 · ปานกลาง" in shown(chat)


def test_planner_office_and_units_list_show_disbursement(budgets, db, chat_with):
    with db.transaction() as s:
        F.indicator(s, F.unit(s, BRANCH), "P01", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ")
    assert UNIT_LINE in strings(chat.last[0])
    chat.press("เลือกหน่วยงาน")
    listing = chat.last[0]["text"]
    uthai_line = next(line for line in listing.splitlines() if "อุทัยธานี" in line)
    assert uthai_line.endswith("· เบิกจ่าย ร้อยละ 33")
    assert all("เบิกจ่าย" not in line for line in listing.splitlines() if "ชัยนาท" in line)  # no budget


def test_a_disbursement_reported_moves_the_cached_roll_up(budgets, db, chat_with):
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ")
    add_disbursement(db, budgets["P07"], 9, 90000)
    chat.say("สถานะ")
    assert "เบิกจ่าย 260,000.00 บาท จากงบ 520,000.00 บาท (ร้อยละ 50)" in strings(chat.last[0])


def test_flask_status_prints_the_disbursement(budgets, app):
    text = run(app, "status", "--unit", UTHAI).stdout
    assert f"การเบิกจ่ายงบประมาณ (สะสมถึง ต.ค.): {UNIT_LINE}" in text
    assert "| เบิกจ่าย 90,000.00 บาท จากงบ 120,000.00 บาท (ร้อยละ 75)" in text
    data = json.loads(run(app, "status", "--unit", UTHAI, "--format", "json").stdout)
    assert data["disbursement"] == {
        "allocation_baht": 520000,
        "spent_baht": 170000,
        "spent_pct_of_allocation": 32.69,
        "planned_baht": None,
        "spent_pct_of_plan": None,
        "level": None,
    }
    projects = {p["project_code"]: p["disbursement"] for p in data["projects"]}
    assert projects["P01"]["level"] == "yellow" and projects["P01"]["spent_pct_of_plan"] == 90
    assert projects["P04"] is None
    office = json.loads(run(app, "status", "--all", "--format", "json").stdout)
    assert office["disbursement"]["spent_baht"] == 170000
    assert [u["disbursement"] for u in office["units"] if u["unit"] != UTHAI] == [None] * (len(office["units"]) - 1)
    rows = list(csv.DictReader(io.StringIO(run(app, "status", "--all", "--format", "csv").stdout)))
    assert rows[0]["record"] == "office" and rows[0]["spent_baht"] == "170000"
    p01 = next(r for r in rows if r["record"] == "project" and r["project_code"] == "P01" and r["unit"] == UTHAI)
    assert (p01["planned_baht"], p01["spent_pct_of_plan"], p01["disbursement_level"]) == ("100000", "90", "yellow")
    assert "การเบิกจ่ายงบประมาณ (สะสมถึง ต.ค.)" in run(app, "status", "--all").stdout
