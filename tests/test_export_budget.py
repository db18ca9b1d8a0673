"""Allocated, spent and % per project (issue 13) in `flask export` (CSV, XLSX), the dashboard's
export and the evaluation report (JSON, Word, Excel), from the seeded budgets (budget_seed)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from files.export import BAHT_FORMAT, export_rows
from files.report_export import REPORT_SHEET, write_report_xlsx
from kpi.periods import reporting_period
from kpi.rating import Scope

from .budget_seed import seed_budgets
from .test_plan_import import run
from .test_status_chat import UTHAI, uthai  # noqa: F401  (a fixture)


@pytest.fixture
def budgets(uthai):  # noqa: F811
    seed_budgets(uthai)
    return uthai


def by_project(rows: list[dict]) -> dict[str, tuple]:
    return {r["project_code"]: (r["budget_baht"], r["spent_baht"], r["spent_pct"]) for r in rows}


def test_export_rows_carry_each_projects_budget(budgets):
    with budgets.transaction() as s:
        rows = export_rows(s, 2569, UTHAI)
    found = by_project(rows)
    assert found["P01"] == ("120000", "90000", "75")
    assert found["P07"] == ("400000", "80000", "20")
    assert found["P04"] == ("0", "", "")  # ไม่มีงบประมาณ
    assert found["P03"] == ("", "", "")  # budget not given
    assert {r["budget_baht"] for r in rows if r["project_code"] == "P07"} == {"400000"}  # on each of its rows


def test_flask_export_csv_and_xlsx(budgets, app, tmp_path):
    out = run(app, "export", "--year", 2569, "--unit", UTHAI)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert by_project(rows)["P07"] == ("400000", "80000", "20")
    run(app, "export", "--year", 2569, "--unit", UTHAI, "--format", "xlsx", "--out", tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["งบประมาณ (บาท)", "เบิกจ่ายสะสม (บาท)", "ร้อยละการเบิกจ่ายสะสม"]
    p01 = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "P01")
    assert [c.value for c in p01[-3:]] == [120000, 90000, 75]
    assert p01[-3].number_format == p01[-2].number_format == BAHT_FORMAT


def test_dashboard_export_shows_budget_per_project(budgets, app):
    now = app.extensions["clock"].now()
    scope = Scope.year_to_date(2569, reporting_period(now))
    out = io.BytesIO()
    with budgets.transaction() as s:
        write_report_xlsx(s, scope, now, out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))[REPORT_SHEET]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    p01 = next(r for r in rows if r[0] == "P01")
    assert p01[10:13] == [120000, 90000, 75]
    assert next(r for r in rows if r[0] == "P04")[10:13] == [None, None, None]
    cell = next(row for row in sheet.iter_rows() if row[0].value == "P07")[11]
    assert (cell.value, cell.number_format) == (80000, BAHT_FORMAT)


def test_evaluation_report_prints_what_was_spent(budgets, app, tmp_path):
    data = json.loads(run(app, "evaluation-report", "--quarter", "2569-Q4", "--format", "json").stdout)
    projects = {p["project_code"]: p for p in data["projects"]}
    assert (projects["P01"]["allocated_baht"], projects["P01"]["spent_baht"], projects["P01"]["spent_pct"]) == (
        120000,
        90000,
        75.0,
    )
    assert (projects["P07"]["spent_baht"], projects["P07"]["spent_pct"]) == (80000, 20.0)
    assert projects["P04"]["spent_baht"] is None and projects["P04"]["allocated_baht"] == 0
    out = run(app, "evaluation-report", "--quarter", "2569-Q4", "--format", "docx", "--out", tmp_path / "r.docx")
    assert out.exit_code == 0, out.output
    from docx import Document

    cells = {c.text for t in Document(str(tmp_path / "r.docx")).tables for row in t.rows for c in row.cells}
    assert "เบิกจ่าย 90,000\n(ร้อยละ 75)" in cells and "เบิกจ่าย 80,000\n(ร้อยละ 20)" in cells
    out = run(app, "evaluation-report", "--quarter", "2569-Q4", "--format", "xlsx", "--out", tmp_path / "r.xlsx")
    values = {c.value for ws in load_workbook(tmp_path / "r.xlsx").worksheets for row in ws.iter_rows() for c in row}
    assert "เบิกจ่าย 90,000\n(ร้อยละ 75)" in values
