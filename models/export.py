"""Exporting a plan year's targets and reported values: one row per indicator (CSV or XLSX).

A fixed number of queries whatever the size: indicators with their project and unit (one
joined query), their targets (one selectin query) and the reported values (one query).
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, selectinload

from kpi.plan_file import MONTHS_ABBR_TH, format_number

from .org import Unit
from .plan import Indicator, Project
from .results import ReportedValue

MONTHS = range(1, 13)
ON_TIME_TH = {True: "ตรงเวลา", False: "ล่าช้า"}

PLAN_COLUMNS = ("unit", "year_be", "project_code", "project_name", "indicator_no",
                "indicator_name", "weight_pct", "unit_of_measure", "kind")
COLUMNS = (PLAN_COLUMNS
           + tuple(f"target_m{m:02d}" for m in MONTHS)
           + tuple(f"value_m{m:02d}" for m in MONTHS)
           + tuple(f"note_m{m:02d}" for m in MONTHS)
           + tuple(f"on_time_m{m:02d}" for m in MONTHS))
#: Columns holding figures: written as numbers in XLSX.
NUMBER_COLUMNS = frozenset(("weight_pct",) + tuple(c for c in COLUMNS if c.startswith(("target_", "value_"))))

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
    **{f"target_m{m:02d}": f"เป้าหมาย {MONTHS_ABBR_TH[m - 1]}" for m in MONTHS},
    **{f"value_m{m:02d}": f"ผลการดำเนินงาน {MONTHS_ABBR_TH[m - 1]}" for m in MONTHS},
    **{f"note_m{m:02d}": f"หมายเหตุ {MONTHS_ABBR_TH[m - 1]}" for m in MONTHS},
    **{f"on_time_m{m:02d}": f"การรายงาน {MONTHS_ABBR_TH[m - 1]}" for m in MONTHS},
}

_CODE_NUMBER = re.compile(r"^(.*?)(\d+)$")


def _code_key(code: str) -> tuple:
    m = _CODE_NUMBER.match(code)
    return (m.group(1), int(m.group(2)), code) if m else (code, -1, code)


def _kind_text(indicator: Indicator) -> str:
    return indicator.kind if indicator.higher_is_better else f"{indicator.kind}:lower"


def export_rows(session: Session, year_be: int, unit_name: str | None = None) -> list[dict]:
    """One dict per indicator of the plan year (optionally of one unit), keys = COLUMNS.

    Figures are strings without trailing zeros ('25', '84.5'); a month not reported is ''."""
    query = (
        select(Indicator)
        .join(Indicator.project)
        .join(Project.unit)
        .where(Project.year_be == year_be)
        .options(contains_eager(Indicator.project).contains_eager(Project.unit),
                 selectinload(Indicator.targets))
    )
    values_query = (
        select(ReportedValue)
        .join(Indicator, ReportedValue.indicator_id == Indicator.id)
        .join(Project, Indicator.project_id == Project.id)
        .where(Project.year_be == year_be)
    )
    if unit_name is not None:
        query = query.where(Unit.name == unit_name)
        values_query = values_query.join(Unit, Project.unit_id == Unit.id).where(Unit.name == unit_name)
    indicators = session.scalars(query).unique().all()
    reported: dict[tuple[int, int], ReportedValue] = {
        (v.indicator_id, v.month): v for v in session.scalars(values_query)}

    indicators = sorted(indicators, key=lambda i: (i.project.unit.name, _code_key(i.project.code), i.number))
    rows: list[dict] = []
    for ind in indicators:
        project = ind.project
        row = {
            "unit": project.unit.name,
            "year_be": project.year_be,
            "project_code": project.code,
            "project_name": project.name,
            "indicator_no": ind.number,
            "indicator_name": ind.name,
            "weight_pct": format_number(ind.weight_pct),
            "unit_of_measure": ind.unit_of_measure,
            "kind": _kind_text(ind),
        }
        targets = {t.month: t.value for t in ind.targets}
        for m in MONTHS:
            row[f"target_m{m:02d}"] = format_number(targets.get(m, Decimal(0)))
        for m in MONTHS:
            v = reported.get((ind.id, m))
            row[f"value_m{m:02d}"] = format_number(v.value) if v else ""
        for m in MONTHS:
            v = reported.get((ind.id, m))
            row[f"note_m{m:02d}"] = (v.note or "") if v else ""
        for m in MONTHS:
            v = reported.get((ind.id, m))
            row[f"on_time_m{m:02d}"] = ON_TIME_TH[bool(v.on_time)] if v else ""
        rows.append(row)
    return rows


def write_csv(rows: list[dict], stream: IO[str]) -> None:
    """CSV with the column keys as header (the stream decides the encoding; a file meant for
    Excel should be opened with encoding='utf-8-sig')."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _xlsx_value(column: str, value):
    if value == "" or value is None:
        return None
    if column in NUMBER_COLUMNS and isinstance(value, str):
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else number
    return value


def write_xlsx(rows: list[dict], path: str | Path) -> None:
    """An Excel workbook: one sheet, a bold Thai header row frozen at the top, figures as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการดำเนินงาน"
    fill_sheet(sheet, rows)
    book.save(path)


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
    widths = {"unit": 34, "project_name": 40, "indicator_name": 50, "unit_of_measure": 12}
    for i, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(column, 14)
