"""A project's budget in the plan file (issue 13): by category and month (files.plan_budget),
imported as BudgetLine rows with a BudgetRevision for every change; bad cells are Thai errors
with their line numbers, on the command line and in the dashboard's preview alike."""

from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from files.plan_file import check_plan_file, read_plan_file
from models import BudgetLine, BudgetRevision, Project
from models.budget_queries import budget_plans

from . import dashboard_data as DD
from . import eval_seed as S
from .test_dashboard import app, csrf_of, ids, sign_in  # noqa: F401  (app, ids: fixtures)
from .test_plan_import import UTHAI_CSV, run
from .test_plan_structure import row, write

UTHAI_JSON = S.SHARED / "uthai_thani_2563_plan.json"
CATEGORY_HEADERS = {  # the form's rows, as a planner would head the columns
    "งบบุคลากร": "personnel",
    "งบดำเนินงาน": "operating",
    "งบลงทุน": "investment",
    "งบเงินอุดหนุน": "subsidy",
    "งบรายจ่ายอื่น": "other",
}
MONTHS_TH = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
#: P01's งบดำเนินงาน 75,000 planned by month (the form leaves the months blank: a planner's).
P01_PLAN = [0, 0, 15000, 0, 15000, 15000, 0, 15000, 0, 15000, 0, 0]


def uthai_with_budget(path, form: dict, p01_plan: list[int] = P01_PLAN) -> str:
    """The Uthai Thani plan with each project's budget on its first row only: categories as
    the form prints them (P02, P05 … print only some rows: their total alone), the grand
    total, and P01's monthly plan under Thai headers."""
    by_code = {p["code"]: p for p in form["projects"]}
    lines = list(csv.reader(UTHAI_CSV.read_text(encoding="utf-8").splitlines()))
    header = lines[0] + ["งบประมาณ (บาท)", *CATEGORY_HEADERS, *(f"งบดำเนินงาน {m}" for m in MONTHS_TH)]
    rows, seen = [], set()
    for line in lines[1:]:
        code = line[2]
        if code in seen:
            rows.append(line + [""] * (len(header) - len(line)))
            continue
        seen.add(code)
        project = by_code[code]
        cells = [project["budget"][name]["total"] for name in CATEGORY_HEADERS]
        months = p01_plan if code == "P01" else [""] * 12
        rows.append(line + [f"{project['budget_total']:,}", *("" if c is None else c for c in cells), *months])
    return write(path, header, rows)


@pytest.mark.skipif(not UTHAI_JSON.exists(), reason=f"{UTHAI_JSON} not found (../shared/data)")
def test_uthai_thani_budget_by_category_and_month_is_imported_and_revised(app, tmp_path):
    form = json.loads(UTHAI_JSON.read_text(encoding="utf-8"))
    path = uthai_with_budget(tmp_path / "uthai.csv", form)
    out = run(app, "import-plan", path)
    assert out.exit_code == 0, out.output
    assert "งบประมาณโครงการที่บันทึกหรือปรับปรุง: 8 โครงการ" in out.output
    db = app.extensions["db"]
    by_code = {p["code"]: p for p in form["projects"]}
    with db.transaction() as s:
        projects = {p.code: p for p in s.scalars(select(Project))}
        lines = {(line.project.code, line.category): line for line in s.scalars(select(BudgetLine))}
        plans = budget_plans(s, [p.id for p in projects.values()])
        for code, project in projects.items():
            assert project.budget_baht == Decimal(str(by_code[code]["budget_total"])), code
            assert plans[project.id].allocation == project.budget_baht
        assert {k: v.total_baht for k, v in lines.items() if k[0] == "P07"} == {
            ("P07", "operating"): 3414500,
            ("P07", "investment"): 259100,
        }
        # P12 prints only its zero rows and the grand total: one unsplit line.
        assert lines[("P12", "total")].total_baht == 30000 and ("P12", "subsidy") not in lines
        p01 = plans[projects["P01"].id]
        assert p01.monthly == [Decimal(v) for v in P01_PLAN] and p01.planned_to(6) == 45000
        assert plans[projects["P03"].id].monthly is None
        assert s.scalar(select(func.count()).select_from(BudgetRevision)) == 8

    assert "งบประมาณโครงการ" not in run(app, "import-plan", path).output  # unchanged: no revision
    form["projects"][0]["budget_total"] = form["projects"][0]["budget"]["งบดำเนินงาน"]["total"] = 80000
    revised = uthai_with_budget(tmp_path / "revised.csv", form, P01_PLAN[:9] + [20000, 0, 0])
    out = run(app, "import-plan", revised)
    assert "งบประมาณโครงการที่บันทึกหรือปรับปรุง: 1 โครงการ" in out.output, out.output
    with db.transaction() as s:
        revision = s.scalars(select(BudgetRevision).order_by(BudgetRevision.id.desc())).first()
        assert revision.before["budget_baht"] == "75000" and revision.after["budget_baht"] == "80000"
        assert revision.after["lines"]["operating"]["monthly"][9] == "20000"
        assert revision.before["lines"]["operating"]["monthly"][9] == "15000"
        assert s.scalar(select(func.count()).select_from(BudgetRevision)) == 9
        assert s.scalar(select(func.count()).select_from(BudgetLine)) == 9  # replaced, not added


def test_unsplit_monthly_plan_on_every_row_and_an_xlsx(tmp_path):
    """b01…b12 repeated on each of a project's rows (or Thai แผนเบิกจ่าย headers in Excel)."""
    from .test_plan_structure import BASE

    plan = [10000] * 6 + [0] * 6
    path = write(
        tmp_path / "plan.csv",
        BASE + ["budget_baht", *(f"b{m:02d}" for m in range(1, 13))],
        [row("P1", 1, "60,000", *plan, weight=50), row("P1", 2, "", *plan, weight=50), row("P2", 1, "ไม่มีงบประมาณ")],
    )
    parsed = read_plan_file(path)
    budget = parsed.budget("กองนโยบายและแผนงาน", 2567, "P1")
    assert budget.total == 60000 and budget.lines == (("total", Decimal(60000), tuple(Decimal(v) for v in plan)),)
    assert parsed.budget("กองนโยบายและแผนงาน", 2567, "P2").total == 0
    assert parsed.budget("กองนโยบายและแผนงาน", 2567, "P2").lines == ()

    book = Workbook()
    sheet = book.active
    sheet.append(BASE + ["แผนเบิกจ่าย " + m for m in MONTHS_TH])
    sheet.append(row("P1", 1, *plan))
    book.save(tmp_path / "plan.xlsx")
    budget = read_plan_file(tmp_path / "plan.xlsx").budget("กองนโยบายและแผนงาน", 2567, "P1")
    assert budget.total == 60000 and budget.has_monthly


BAD = {
    "not a number": (["budget_operating"], ["ห้าหมื่น"], "งบดำเนินงาน (budget_operating) ไม่ใช่ตัวเลข"),
    "negative": (["budget_baht", "b01"], ["100", "-100"], "แผนเบิกจ่าย ม.ค. (b01) ติดลบ"),
    "months not adding up": (
        ["budget_baht", "b01", "b02"],
        ["100,000", "40,000", "50,000"],
        "แผนเบิกจ่ายรายเดือนของงบประมาณรวมได้ 90,000 บาท ไม่ตรงกับงบประมาณ 100,000 บาท",
    ),
    "categories not adding up": (
        ["budget_baht", "budget_operating", "budget_investment"],
        ["100,000", "60,000", "30,000"],
        "งบประมาณรวม 100,000 บาท ไม่ตรงกับผลรวมของงบแต่ละหมวด 90,000 บาท",
    ),
    "a category's months not adding up": (
        ["budget_operating", "operating_b01"],
        ["60,000", "50,000"],
        "แผนเบิกจ่ายรายเดือนของงบดำเนินงานรวมได้ 50,000 บาท",
    ),
    "unsplit months beside categories": (
        ["budget_operating", "b01"],
        ["60,000", "60,000"],
        "b01…b12 เฉพาะงบที่ไม่แยกหมวด",
    ),
    "past the column": (["budget_subsidy"], ["1" + "0" * 15], "งบเงินอุดหนุน (budget_subsidy) ใหญ่เกินไป"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_budget_cells_are_thai_errors_with_their_line(tmp_path, case):
    from .test_plan_structure import BASE

    columns, cells, reason = BAD[case]
    path = write(tmp_path / "bad.csv", BASE + columns, [row("P0", 1), row("P1", 1, *cells)])
    plan, errors = check_plan_file(path)
    assert plan is None and [e.line_no for e in errors] == [3], errors
    assert reason in errors[0].reason, errors[0].reason


def test_rows_of_a_project_giving_its_budget_differently(tmp_path):
    from .test_plan_structure import BASE

    path = write(
        tmp_path / "bad.csv",
        BASE + ["budget_operating"],
        [row("P1", 1, "50,000", weight=50), row("P1", 2, "", weight=25), row("P1", 3, "60,000", weight=25)],
    )
    plan, errors = check_plan_file(path)
    assert plan is None and [str(e) for e in errors] == [
        "บรรทัด 4: คอลัมน์ budget_operating ของโครงการ P1 ไม่ตรงกับบรรทัด 2 (กรอกครั้งเดียวต่อโครงการ หรือให้ตรงกันทุกแถว)"
    ]


def test_dashboard_preview_shows_budgets_and_refuses_bad_ones(app, ids, chat_with, tmp_path):  # noqa: F811
    from .test_plan_structure import BASE

    client = sign_in(app, chat_with, DD.PLANNER)
    good = write(
        tmp_path / "good.csv",
        BASE + ["งบดำเนินงาน", "งบลงทุน", *(f"งบดำเนินงาน {m}" for m in MONTHS_TH)],
        [row("P1", 1, "120,000", "30,000", *([10000] * 12))],
    )
    page = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "file": (io.BytesIO(open(good, "rb").read()), "budget.csv")},
        content_type="multipart/form-data",
    )
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 200 and ">150,000<" in text and "งบดำเนินงาน 120,000" in text
    assert "มีแผนเบิกจ่ายรายเดือน" in text and "งบประมาณที่บันทึกหรือปรับปรุง: 1 โครงการ" in text
    with app.extensions["db"].transaction() as s:  # a preview writes nothing
        assert s.scalar(select(func.count()).select_from(BudgetLine)) == 0
    bad = write(tmp_path / "bad.csv", BASE + ["budget_baht", "b01"], [row("P1", 1, "100", "abc")])
    page = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "file": (io.BytesIO(open(bad, "rb").read()), "bad.csv")},
        content_type="multipart/form-data",
    )
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 422 and "แผนเบิกจ่าย ม.ค. (b01) ไม่ใช่ตัวเลข" in text
