"""The dashboard's budget views (issue 13): the overview's disbursement column, budget table and
chart of cumulative plan vs. spent, and the unit page's budget table per project, from the
seeded budgets (budget_seed) on the dashboard tests' office."""

from __future__ import annotations

import html
import re

import pytest

from . import dashboard_data as DD
from .budget_seed import plan_p07_by_month, seed_budgets
from .test_dashboard import app, ids, sign_in  # noqa: F401  (app, ids: fixtures)


@pytest.fixture
def budgets(db, ids):  # noqa: F811
    return seed_budgets(db)


def page_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_overview_has_a_disbursement_column_table_and_chart(app, budgets, chat_with, ids):  # noqa: F811
    client = sign_in(app, chat_with, DD.PLANNER)
    page = page_text(client.get("/dashboard/"))
    matrix = re.search(r'<table class="matrix".*?</table>', page, re.S).group(0)
    assert "เบิกจ่าย<small>สะสม</small>" in matrix
    uthai = re.search(rf'<tr data-unit="{DD.UTHAI}">.*?</tr>', matrix, re.S).group(0)
    assert ">32.69%</span>" in uthai and "เบิกจ่าย 170,000 จากงบ 520,000 บาท" in uthai
    on_time = re.search(rf'<tr data-unit="{DD.ON_TIME_UNIT}">.*?</tr>', matrix, re.S).group(0)
    assert re.search(r'data-budget="\d+">–</td>', on_time)  # no budget
    section = re.search(r'<section class="card budget" id="budget-overview">.*?</section>', page, re.S).group(0)
    assert "เบิกจ่าย 170,000 จากงบ 520,000 บาท (ร้อยละ 32.69)" in section
    assert "สะสมถึงตุลาคม 2569" in section
    row = re.search(rf'<tr data-unit="{DD.UTHAI}">(.*?)</tr>', section, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', row) == ["520,000", "170,000", "32.69", "–", "–"]
    assert "ไม่มีแผนรายเดือน" in row
    svg = re.search(r"<figure class=\"wide\">(<svg.*?</svg>)</figure>", section, re.S).group(1)
    assert "เบิกจ่ายสะสม" in svg and "งบประมาณทั้งปี" in svg
    # P07 has no monthly plan: no unit is planned month by month, so no plan line
    assert "แผนเบิกจ่ายสะสม" not in svg and "ยังไม่มีหน่วยงานที่ทุกโครงการมีแผนเบิกจ่ายรายเดือน" in svg


def test_overview_chart_and_level_with_every_project_planned(app, budgets, db, chat_with):
    plan_p07_by_month(db, budgets)
    page = page_text(sign_in(app, chat_with, DD.PLANNER).get("/dashboard/"))
    section = re.search(r'<section class="card budget" id="budget-overview">.*?</section>', page, re.S).group(0)
    # to October: P01 planned 100,000, P07 250,000 + 100,000 → 450,000 planned, 170,000 spent: 37.78 %, ต่ำ
    assert "เทียบแผนสะสม 450,000 บาท: ร้อยละ 37.78" in section and '<span class="lv lv-red">ต่ำ</span>' in section
    svg = re.search(r"<figure class=\"wide\">(<svg.*?</svg>)</figure>", section, re.S).group(1)
    assert "แผนเบิกจ่ายสะสม" in svg and "ยังไม่มีหน่วยงาน" not in svg
    cell = re.search(rf'<tr data-unit="{DD.UTHAI}">.*?<td class="num budget"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert 'class="lv lv-red"' in cell and "32.69%" in cell


def test_overview_without_budgets_has_no_budget_views(app, ids, chat_with):  # noqa: F811
    page = page_text(sign_in(app, chat_with, DD.PLANNER).get("/dashboard/"))
    assert "budget-overview" not in page and "เบิกจ่าย<small>" not in page


def test_supervisor_sees_only_their_units_budget(app, budgets, chat_with):
    page = page_text(sign_in(app, chat_with, DD.SUPERVISOR).get("/dashboard/"))
    assert "เบิกจ่าย 170,000 จากงบ 520,000 บาท (ร้อยละ 32.69)" in page


def test_unit_page_budget_table_per_project(app, budgets, chat_with, ids):  # noqa: F811
    client = sign_in(app, chat_with, DD.PLANNER)
    page = page_text(client.get(f"/dashboard/unit/{ids['uthai']}"))
    table = re.search(r'<table class="budget-table".*?</table>', page, re.S).group(0)
    p01 = re.search(r'<tbody data-project="P01">(.*?)</tbody>', table, re.S).group(1)

    def cells(row_class: str) -> list[str]:
        row = re.search(rf'<tr class="{row_class}">(.*?)</tr>', p01, re.S).group(1)
        return re.findall(r'<td class="num">([^<]*)</td>', row)

    assert cells("line") == ["120,000"] + ["10,000"] * 12
    assert cells("spent") == ["90,000"] + ["9,000"] * 10 + ["", ""]
    assert cells("cumulative")[:10] == ["7.5", "15", "22.5", "30", "37.5", "45", "52.5", "60", "67.5", "75"]
    assert "แผน 90 · ปานกลาง" in p01
    p07 = re.search(r'<tbody data-project="P07">(.*?)</tbody>', table, re.S).group(1)
    assert "งบดำเนินงาน" in p07 and "300,000" in p07 and "งบลงทุน" in p07 and "100,000" in p07
    assert 'data-project="P04"' not in table  # ไม่มีงบประมาณ
