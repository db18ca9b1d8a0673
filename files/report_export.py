"""The evaluation report's tables as an Excel workbook (the dashboard's export).

Sheet 1 "รายงานผล" is laid out like the Policy and Planning Division's evaluation report:
a heading with the period and the date (Buddhist Era), the overview ("N งาน/โครงการ: ดี …
ปานกลาง … ต่ำ …"), then per unit its projects and indicators with unit of measure, weight,
target, result, % of target, level, notes (ปัญหา/อุปสรรค) and reporting, and each project's
budget, disbursement to the end of the period and its share (baht as numbers). Targets, results, %
and levels come from kpi.rating over the chosen year (to date) or quarter.

Sheet 2 "ข้อมูลรายเดือน" is exactly what `flask --app bot export --format xlsx` writes (the
same rows from files.export), so the figures can be checked against it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import IO

from sqlalchemy.orm import Session

from files.spreadsheet_text import save_workbook
from kpi.go_live import BEFORE_GO_LIVE_TH
from kpi.periods import BANGKOK, BE_OFFSET, MONTHS_ABBR, MONTHS_FULL
from kpi.rating import RATED_LEVELS, Level, Scope, UnitStatus, rate_office, round_half_up, shares
from models.budget_queries import unit_disbursements
from models.status_queries import UnitData, load_status_data

from .export import BAHT_FORMAT, export_rows, fill_sheet, number_format, weight_format

TITLE = "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ สำนักงานประกันสังคม ประจำปี พ.ศ. {year}"
HEADERS = (
    "รหัส",
    "โครงการ / ตัวชี้วัด",
    "หน่วยนับ",
    "น้ำหนัก (ร้อยละ)",
    "เป้าหมาย",
    "ผลการดำเนินงาน",
    "ร้อยละของเป้าหมาย",
    "ระดับ",
    "หมายเหตุ (ปัญหา/อุปสรรค)",
    "การรายงาน",
    "งบประมาณ (บาท)",
    "เบิกจ่ายสะสม (บาท)",
    "ร้อยละการเบิกจ่าย",
)
WIDTHS = (9, 70, 12, 11, 14, 16, 12, 14, 50, 30, 16, 16, 12)
LEVEL_TH = {
    Level.GREEN: "ดี",
    Level.YELLOW: "ปานกลาง",
    Level.RED: "ต่ำ",
    Level.NO_TARGET: "ไม่มีเป้าหมาย",
    Level.NOT_REPORTED: "ยังไม่ส่งผล",
    Level.BEFORE_GO_LIVE: "ก่อนใช้ระบบ",
}
LEVEL_FILL = {Level.GREEN: "C6EFCE", Level.YELLOW: "FFEB9C", Level.RED: "FFC7CE"}
REPORT_SHEET = "รายงานผล"
DATA_SHEET = "ข้อมูลรายเดือน"


def thai_datetime(at: datetime) -> str:
    """'25 พฤศจิกายน 2569 เวลา 10:00 น.' (Bangkok time)."""
    local = at.astimezone(BANGKOK)
    return f"{local.day} {MONTHS_FULL[local.month - 1]} {local.year + BE_OFFSET} เวลา {local:%H:%M} น."


def overview_line(counts: dict[Level, int]) -> str:
    share = shares(counts)
    total = sum(counts.get(lv, 0) for lv in RATED_LEVELS)
    parts = [f"{LEVEL_TH[lv]} {counts.get(lv, 0)} (ร้อยละ {share[lv]:.2f})" for lv in RATED_LEVELS]
    return f"ทั้งหมด {total} งาน/โครงการ: " + " ".join(parts)


def _number(value: Decimal | None, places: int | None = None):
    if value is None:
        return None
    if places is not None:
        value = round_half_up(value, places)
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else value


def load_units(session: Session, year_be: int, unit_ids: set[int] | None = None) -> list[UnitData]:
    return [d for d in load_status_data(session, year_be) if unit_ids is None or d.unit_id in unit_ids]


def write_report_xlsx(
    session: Session, scope: Scope, now: datetime, out: str | IO[bytes], unit_ids: set[int] | None = None
) -> list[UnitStatus]:
    """Write the workbook for the units (None: all with a plan in the scope's year); returns
    the rated units."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    units = load_units(session, scope.year_be, unit_ids)
    rated = [(d, d.rate(scope, now)) for d in units]
    office = rate_office([r for _, r in rated], scope)
    spent = {} if scope.is_empty else unit_disbursements(session, scope.year_be, scope.last, unit_ids).projects

    book = Workbook()
    sheet = book.active
    sheet.title = REPORT_SHEET
    bold = Font(bold=True)
    thin = Side(style="thin", color="B7C0CA")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([TITLE.format(year=scope.year_be)])
    sheet.append([f"ช่วงที่รายงาน: {scope.thai()}"])
    sheet.append([f"ข้อมูล ณ วันที่ {thai_datetime(now)}"])
    sheet.append([overview_line(office.level_counts)])
    c = office.completeness
    sheet.append(
        [
            f"การรายงานผล: ส่งแล้ว {c.reported} จาก {c.expected} รายการ "
            f"(ตรงเวลา {c.on_time} ล่าช้า {c.late} ยังไม่ส่ง {c.missing} รอส่ง {c.pending})"
            + (f" · {BEFORE_GO_LIVE_TH} {c.before_go_live} รายการ ไม่นับ" if c.before_go_live else "")
        ]
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(list(HEADERS))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
    sheet.freeze_panes = f"A{header_row + 1}"

    for data, status in rated:
        uc = status.completeness
        sheet.append(
            [
                None,
                status.unit_name,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                f"ส่งแล้ว {uc.reported}/{uc.expected} · ตรงเวลา {uc.on_time}",
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = bold
            cell.fill = PatternFill("solid", fgColor="BDD7EE")
            cell.border = border
        notes = {(i, m): v.note for (i, m), v in data.reported.items() if v.note}
        for project in status.projects:
            money = spent.get((status.unit_id, project.code))
            sheet.append(
                [
                    project.code,
                    project.name,
                    None,
                    _number(project.weight_total),
                    None,
                    None,
                    _number(project.pct, 2),
                    LEVEL_TH[project.level],
                    None,
                    None,
                    _number(money.allocation, 2) if money else None,
                    _number(money.spent, 2) if money else None,
                    _number(money.pct_of_allocation, 2) if money else None,
                ]
            )
            row = sheet.max_row
            sheet.cell(row, 4).number_format = weight_format(sheet.cell(row, 4).value)
            sheet.cell(row, 7).number_format = "0.00"
            sheet.cell(row, 11).number_format = sheet.cell(row, 12).number_format = BAHT_FORMAT
            sheet.cell(row, 13).number_format = "0.00"
            for cell in sheet[row]:
                cell.font = bold
                cell.border = border
                cell.alignment = wrap
            if project.level in LEVEL_FILL:
                sheet.cell(row, 8).fill = PatternFill("solid", fgColor=LEVEL_FILL[project.level])
            for ist in project.indicators:
                ind, rating = ist.indicator, ist.rating
                note = "; ".join(
                    f"{MONTHS_ABBR[m - 1]}: {notes[(ind.id, m)]}" for m in scope.months if (ind.id, m) in notes
                )
                done = ist.completeness
                reporting = (
                    (
                        f"ตรงเวลา {done.on_time} ล่าช้า {done.late} ยังไม่ส่ง {done.missing}"
                        + (f" รอส่ง {done.pending}" if done.pending else "")
                    )
                    if done.expected
                    else ""
                )
                if done.before_go_live:
                    reporting = " ".join(filter(None, (reporting, f"{BEFORE_GO_LIVE_TH} {done.before_go_live}")))
                sheet.append(
                    [
                        f"{ind.project_code}/{ind.number}",
                        f"ตัวชี้วัดที่ {ind.number} {ind.name}",
                        ind.unit_of_measure,
                        _number(ind.weight_pct),
                        _number(rating.target),
                        _number(rating.result),
                        _number(rating.pct, 2),
                        LEVEL_TH[rating.level],
                        note or None,
                        reporting or None,
                    ]
                )
                row = sheet.max_row
                for cell in sheet[row]:
                    cell.border = border
                    cell.alignment = wrap
                if rating.level in LEVEL_FILL:
                    sheet.cell(row, 8).fill = PatternFill("solid", fgColor=LEVEL_FILL[rating.level])
                sheet.cell(row, 4).number_format = weight_format(sheet.cell(row, 4).value)
                for col in (5, 6):
                    sheet.cell(row, col).number_format = number_format(ind.kind, sheet.cell(row, col).value)
                sheet.cell(row, 7).number_format = "0.00"
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width

    names = {d.unit_name for d in units}
    rows = [
        r for r in export_rows(session, scope.year_be, go_live=scope.go_live) if unit_ids is None or r["unit"] in names
    ]
    fill_sheet(book.create_sheet(DATA_SHEET), rows)
    save_workbook(book, out)
    return [r for _, r in rated]
