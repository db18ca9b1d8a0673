"""Exporting a plan year's targets and reported values: one row per indicator (CSV or XLSX).

Three column queries whatever the size: indicators with their project and unit, their targets
and the reported values, each filtered by joins; and the projects' budgets and disbursements
(models.budget_queries).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from files import spreadsheet_text
from kpi.disbursement import disbursement_status, owes_disbursement
from kpi.go_live import BEFORE_GO_LIVE_TH, outside_bot
from kpi.indicator import code_key
from kpi.kinds import kind_label_th
from kpi.periods import MONTHS_ABBR, Period
from kpi.rating import round_half_up
from models.budget_queries import budget_plans, spent_by_month
from models.org import Unit
from models.plan import Indicator, MonthlyTarget, Project
from models.plan_queries import monthly_targets, targets_query
from models.results import ReportedValue
from presentation.formatting import format_number

MONTHS = range(1, 13)
ON_TIME_TH = {True: "ตรงเวลา", False: "ล่าช้า"}

#: The project's budget on each of its rows (issue 13): the allocation (reads back as the plan
#: file's budget_baht), what it disbursed in the months reported, and that as a share of it.
BUDGET_COLUMNS = ("budget_baht", "spent_baht", "spent_pct")
PLAN_COLUMNS = (
    "unit",
    "year_be",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "weight_pct",
    "unit_of_measure",
    "kind",
)
COLUMNS = (
    PLAN_COLUMNS
    + tuple(f"target_m{m:02d}" for m in MONTHS)
    + tuple(f"value_m{m:02d}" for m in MONTHS)
    + tuple(f"note_m{m:02d}" for m in MONTHS)
    + tuple(f"on_time_m{m:02d}" for m in MONTHS)
    + BUDGET_COLUMNS
)
#: Columns holding figures: written as numbers in XLSX.
NUMBER_COLUMNS = frozenset(
    ("weight_pct", *BUDGET_COLUMNS) + tuple(c for c in COLUMNS if c.startswith(("target_", "value_")))
)

HEADERS_TH = {
    "unit": "หน่วยงาน",
    "year_be": "ปี พ.ศ.",
    "project_code": "รหัสโครงการ",
    "project_name": "ชื่อโครงการ",
    "indicator_no": "ตัวชี้วัดที่",
    "indicator_name": "ชื่อตัวชี้วัด",
    "weight_pct": "น้ำหนัก (ร้อยละ)",
    "unit_of_measure": "หน่วยวัด",
    "kind": "ประเภทตัวชี้วัด",
    **{f"target_m{m:02d}": f"เป้าหมาย {MONTHS_ABBR[m - 1]}" for m in MONTHS},
    **{f"value_m{m:02d}": f"ผลการดำเนินงาน {MONTHS_ABBR[m - 1]}" for m in MONTHS},
    **{f"note_m{m:02d}": f"หมายเหตุ {MONTHS_ABBR[m - 1]}" for m in MONTHS},
    **{f"on_time_m{m:02d}": f"การรายงาน {MONTHS_ABBR[m - 1]}" for m in MONTHS},
    "budget_baht": "งบประมาณ (บาท)",
    "spent_baht": "เบิกจ่ายสะสม (บาท)",
    "spent_pct": "ร้อยละการเบิกจ่ายสะสม",
}
#: Baht with satang, as the finance staff read it.
BAHT_FORMAT = "#,##0.00"

#: Excel number formats by indicator kind: whole things (people, levels, months passed) without
#: decimals, percentages with two. One format for all ("#,##0.####") showed "26,574." in Excel.
WHOLE, TWO_PLACES = "#,##0", "#,##0.00"
NUMBER_FORMATS = {
    "count": WHOLE,
    "stock": WHOLE,
    "level": WHOLE,
    "pass_fail": WHOLE,
    "pct_cum": TWO_PLACES,
    "pct_monthly": TWO_PLACES,
    "pp_change": "+#,##0.00;-#,##0.00;0.00",
}
LOWER_IS_BETTER = ":lower"


def number_format(kind: str, value) -> str:
    """The Excel format of a figure of this kind; a fraction where whole numbers are expected
    (a computed average, an odd plan) keeps its decimals rather than being shown rounded."""
    fmt = NUMBER_FORMATS.get(kind.removesuffix(LOWER_IS_BETTER), TWO_PLACES)
    if fmt == WHOLE and value is not None and Decimal(value) != Decimal(value).to_integral_value():
        return TWO_PLACES
    return fmt


def weight_format(value) -> str:
    return WHOLE if value is None or Decimal(value) == Decimal(value).to_integral_value() else TWO_PLACES


def kind_th(kind: str) -> str:
    """'count' → 'นับสะสมรายเดือน (รวมทุกเดือน)'; 'pp_change:lower' adds that less is better."""
    lower = kind.endswith(LOWER_IS_BETTER)
    label = kind_label_th(kind.removesuffix(LOWER_IS_BETTER))
    return label + " ค่าน้อยดีกว่า" if lower else label


def export_rows(
    session: Session, year_be: int, unit_name: str | None = None, go_live: Period | None = None
) -> list[dict]:
    """One dict per indicator of the plan year (optionally of one unit), keys = COLUMNS.
    A month due before `go_live` (GO_LIVE_MONTH) and not imported reads ก่อนใช้ระบบ under การรายงาน.

    Figures are strings without trailing zeros ('25', '84.5'); a month not reported is ''.
    Plain column rows, not ORM objects (a national year is 50,000 indicators and over a
    million targets and values: building ORM objects for them took 30 s)."""

    def scoped(query):
        query = query.where(Project.year_be == year_be)
        return query.where(Unit.name == unit_name) if unit_name is not None else query

    plan = session.execute(
        scoped(
            select(
                Indicator.id,
                Unit.name,
                Project.code,
                Project.name,
                Indicator.number,
                Indicator.name,
                Indicator.weight_pct,
                Indicator.unit_of_measure,
                Indicator.kind,
                Indicator.higher_is_better,
                Project.id,
            )
            .join(Project, Project.id == Indicator.project_id)
            .join(Unit, Unit.id == Project.unit_id)
        )
    ).all()
    targets = monthly_targets(
        session,
        scoped(
            targets_query()
            .join(Indicator, Indicator.id == MonthlyTarget.indicator_id)
            .join(Project, Project.id == Indicator.project_id)
            .join(Unit, Unit.id == Project.unit_id)
        ),
    )
    reported: dict[tuple[int, int], tuple] = {}
    for indicator_id, month, value, note, on_time in session.execute(
        scoped(
            select(
                ReportedValue.indicator_id,
                ReportedValue.month,
                ReportedValue.value,
                ReportedValue.note,
                ReportedValue.on_time,
            )
            .join(Indicator, ReportedValue.indicator_id == Indicator.id)
            .join(Project, Indicator.project_id == Project.id)
            .join(Unit, Project.unit_id == Unit.id)
        )
    ):
        reported[(indicator_id, month)] = (value, note, on_time)

    code_keys: dict[str, tuple] = {}

    def plan_order(row) -> tuple:
        code = row[2]
        key = code_keys.get(code) or code_keys.setdefault(code, code_key(code))
        return (row[1], key, row[4])

    budgets = _budget_cells(session, {row[-1] for row in plan})
    rows: list[dict] = []
    for ind_id, unit, code, project_name, number, name, weight, uom, kind, higher, project_id in sorted(
        plan, key=plan_order
    ):
        row = {
            "unit": unit,
            "year_be": year_be,
            "project_code": code,
            "project_name": project_name,
            "indicator_no": number,
            "indicator_name": name,
            "weight_pct": format_number(weight),
            "unit_of_measure": uom,
            "kind": kind if higher else f"{kind}{LOWER_IS_BETTER}",
        }
        month_targets = targets.get(ind_id, {})
        for m in MONTHS:
            row[f"target_m{m:02d}"] = format_number(month_targets.get(m, Decimal(0)))
        values = [reported.get((ind_id, m)) for m in MONTHS]
        for m, v in zip(MONTHS, values):
            row[f"value_m{m:02d}"] = format_number(v[0]) if v else ""
        for m, v in zip(MONTHS, values):
            row[f"note_m{m:02d}"] = (v[1] or "") if v else ""
        for m, v in zip(MONTHS, values):
            row[f"on_time_m{m:02d}"] = (
                ON_TIME_TH[bool(v[2])]
                if v
                else (
                    BEFORE_GO_LIVE_TH
                    if month_targets.get(m) and outside_bot(Period(year_be, m), go_live, False)
                    else ""
                )
            )
        row.update(budgets.get(project_id) or dict.fromkeys(BUDGET_COLUMNS, ""))
        rows.append(row)
    return rows


def _budget_cells(session: Session, project_ids: set[int]) -> dict[int, dict[str, str]]:
    """Each project's budget_baht, spent_baht and spent_pct (two places) as export cells."""
    plans = budget_plans(session, project_ids)
    spent = spent_by_month(session, plans)
    cells = {}
    for project_id, plan in plans.items():
        status = disbursement_status(plan, spent.get(project_id, {}), 12)
        cells[project_id] = {
            "budget_baht": format_number(plan.allocation),
            "spent_baht": format_number(status.spent) if owes_disbursement(plan) else "",
            "spent_pct": format_number(round_half_up(status.pct_of_allocation, 2))
            if status.pct_of_allocation is not None
            else "",
        }
    return cells


def write_csv(rows: list[dict], stream: IO[str]) -> None:
    """CSV with the column keys as header (the stream decides the encoding; a file meant for
    Excel should be opened with encoding='utf-8-sig'); notes and names that would read as
    formulas get a leading apostrophe (files.spreadsheet_text)."""
    spreadsheet_text.write_csv(stream, COLUMNS, rows)


def _xlsx_value(column: str, value):
    if value == "" or value is None:
        return None
    if column == "kind":
        return kind_th(value)
    if column in NUMBER_COLUMNS and isinstance(value, str):
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else number
    return value


def write_xlsx(rows: list[dict], path: str | Path) -> None:
    """An Excel workbook: one sheet, a bold Thai header row frozen at the top, figures as numbers
    in their kind's format, kinds in Thai, text as text (never a formula). The CSV keeps the
    machine names (count, pct_cum …) so that it imports back as a plan."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการดำเนินงาน"
    fill_sheet(sheet, rows)
    spreadsheet_text.save_workbook(book, path)


def fill_sheet(sheet, rows: list[dict]) -> None:
    """Write the export rows into an empty openpyxl worksheet (the layout of write_xlsx)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([HEADERS_TH[c] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_xlsx_value(c, row.get(c, "")) for c in COLUMNS])
        for cell, column in zip(sheet[sheet.max_row], COLUMNS):
            if cell.value is None or column not in NUMBER_COLUMNS:
                continue
            if column in BUDGET_COLUMNS:
                cell.number_format = TWO_PLACES if column == "spent_pct" else BAHT_FORMAT
                continue
            cell.number_format = (
                weight_format(cell.value) if column == "weight_pct" else number_format(row["kind"], cell.value)
            )
    widths = {"unit": 34, "project_name": 40, "indicator_name": 50, "unit_of_measure": 12, "kind": 30}
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(column, 14)
