"""The report's tables as an Excel workbook: a summary sheet (the overview, each fund's table
by strategy, the red list), then one sheet per fund with its detail tables.

Every text cell is stored as text (files.spreadsheet_text.save_workbook): project names and the
officers' notes may start with "=", and a spreadsheet must show them, never run them.
Figures are numbers; a month not reported is an empty cell, a month without a target "-".
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from files.spreadsheet_text import save_workbook
from kpi.rating import Level

from . import texts as T
from .compose import (
    WIDTH,
    EvaluationReport,
    Heading,
    budget_paragraph,
    detail,
    fund_table,
    fund_table_head,
    overview_heading,
    overview_levels,
    overview_sentence,
    plan_text,
    result_text,
)

LEVEL_FILL = {Level.GREEN: "C6EFCE", Level.YELLOW: "FFEB9C", Level.RED: "FFC7CE"}
DETAIL_WIDTHS = (10, 48, 14, 16, 11, 7, 10, 8, *([9] * 12), 11, 12, 16)
#: Detail columns holding figures (งบประมาณ, เป้าหมาย, น้ำหนัก, the months, รวม, ผลการดำเนินงาน).
FIGURE_COLUMNS = frozenset({3, 4, 7, *range(8, 20), 20, 21})
_FIGURE = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")


def _cell_value(text: str):
    """A figure as a number ('1,250' → 1250, '98.5' → 98.5), '' as an empty cell, text as text."""
    if text == "":
        return None
    if _FIGURE.fullmatch(text):
        number = Decimal(text.replace(",", ""))
        return int(number) if number == number.to_integral_value() else float(number)
    return text


def _summary_sheet(book, report: EvaluationReport, styles) -> None:
    bold, title, wrap, head_fill = styles
    sheet = book.active
    sheet.title = T.XLSX_SUMMARY_SHEET
    for column, width in zip("ABCDE", (30, 45, 45, 60, 20)):
        sheet.column_dimensions[column].width = width
    row_no = 0

    def add(values: list, font=None, fill=None, alignment=None) -> None:
        nonlocal row_no  # counted here: sheet.max_row scans every cell
        sheet.append(values)
        row_no += 1
        for j in range(1, len(values) + 1):
            cell = sheet.cell(row_no, j)
            if font is not None and (j == 1 or fill is not None):
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment

    add([T.COVER_TITLE.format(year=report.year_be) + f" ไตรมาส {report.quarter} ({report.span})"], title)
    add([budget_paragraph(report)])
    add([T.COMPILED_BY.format(year=report.year_be, span=report.span)])
    add([T.CRITERIA_HEADING], bold)
    for line in T.CRITERIA:
        add([line])
    add([overview_heading(report)], bold)
    add([overview_sentence(report)])
    for line in overview_levels(report):
        add([f"- {line}"])
    head = fund_table_head(report)
    for section in report.funds:
        add([])
        add([T.FUND_TABLE_TITLE.format(fund=section.name), T.FUND_PROJECTS.format(n=section.counts.projects)], bold)
        add(list(head), bold, head_fill, wrap)
        for row in fund_table(report, section):
            add([_cell_value(text) if i else text for i, text in enumerate(row)])
    add([])
    add([T.RED_TITLE.format(n=len(report.red))], bold)
    if not report.red:
        add([T.RED_NONE])
        return
    add([T.RED_HEAD[0], T.RED_HEAD[1], T.RED_SUBHEAD[0], T.RED_SUBHEAD[1], T.RED_HEAD[3]], bold, head_fill)
    for i, project in enumerate(report.red, start=1):
        add([f"{i}.", project.name, plan_text(project), result_text(project), project.unit_label], alignment=wrap)


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]


def _fund_sheet(book, report: EvaluationReport, section, styles) -> None:
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    bold, title, wrap, head_fill = styles
    sheet = book.create_sheet(_sheet_name(section.name))
    for j, width in enumerate(DETAIL_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    sheet.append([T.DETAIL_PLAN.format(year=report.year_be)])
    sheet.cell(1, 1).font = title
    fills = {level: PatternFill("solid", fgColor=color) for level, color in LEVEL_FILL.items()}
    row_no = 1
    for block in detail(report, section):
        if isinstance(block, Heading):
            if block.level == 1:
                continue  # the sheet is the fund
            sheet.append([block.text])
            row_no += 1
            sheet.cell(row_no, 1).font = bold
            continue
        sheet.append(list(T.DETAIL_HEAD))
        row_no += 1
        for j in range(1, WIDTH + 1):
            cell = sheet.cell(row_no, j)
            cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
        for row in block.rows:
            sheet.append(
                [_cell_value(text) if j in FIGURE_COLUMNS else (text or None) for j, text in enumerate(row.cells)]
            )
            row_no += 1  # sheet.max_row scans every cell: counted here instead
            if row.kind in ("type", "project", "footer"):
                for j in (1, 2):
                    sheet.cell(row_no, j).font = bold
            if row.kind in ("result", "footer") and row.level in fills:
                sheet.cell(row_no, WIDTH - 1).fill = fills[row.level]
    sheet.freeze_panes = "C2"


def to_xlsx(report: EvaluationReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    styles = (
        Font(bold=True),
        Font(bold=True, size=14),
        Alignment(wrap_text=True, vertical="top"),
        PatternFill("solid", fgColor="D9E2F3"),
    )
    _summary_sheet(book, report, styles)
    for section in report.funds:
        _fund_sheet(book, report, section, styles)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()
