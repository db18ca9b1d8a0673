"""The report's tables as an Excel workbook: a summary sheet (the overview, each fund's table
by strategy, the red list), then one sheet per fund with its detail tables.

Every text cell is stored as text (kpi.spreadsheet_text.save_workbook): project names and the
officers' notes may start with "=", and a spreadsheet must show them, never run them.
Figures are numbers; a month not reported is an empty cell, a month without a target "-".
"""
from __future__ import annotations

import io
import re
from decimal import Decimal

from kpi.rating import Level
from kpi.spreadsheet_text import save_workbook

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
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 45
    sheet.column_dimensions["C"].width = 45
    sheet.column_dimensions["D"].width = 60
    sheet.column_dimensions["E"].width = 20
    lines = [
        (T.COVER_TITLE.format(year=report.year_be) + f" ไตรมาส {report.quarter} ({report.span})", title),
        (budget_paragraph(report), None),
        (T.COMPILED_BY.format(year=report.year_be, span=report.span), None),
        (T.CRITERIA_HEADING, bold), *((line, None) for line in T.CRITERIA),
        (overview_heading(report), bold), (overview_sentence(report), None),
        *((f"- {line}", None) for line in overview_levels(report)),
    ]
    for text, font in lines:
        sheet.append([text])
        if font is not None:
            sheet.cell(sheet.max_row, 1).font = font
    head = fund_table_head(report)
    for section in report.funds:
        sheet.append([])
        sheet.append([T.FUND_TABLE_TITLE.format(fund=section.name), T.FUND_PROJECTS.format(n=section.counts.projects)])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append(head)
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
        for row in fund_table(report, section):
            sheet.append([_cell_value(text) if i else text for i, text in enumerate(row)])
    sheet.append([])
    sheet.append([T.RED_TITLE.format(n=len(report.red))])
    sheet.cell(sheet.max_row, 1).font = bold
    if not report.red:
        sheet.append([T.RED_NONE])
        return
    sheet.append([T.RED_HEAD[0], T.RED_HEAD[1], T.RED_SUBHEAD[0], T.RED_SUBHEAD[1], T.RED_HEAD[3]])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = bold, head_fill
    for i, project in enumerate(report.red, start=1):
        sheet.append([f"{i}.", project.name, plan_text(project), result_text(project), project.unit_label])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap


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
    for block in detail(report, section):
        if isinstance(block, Heading):
            if block.level == 1:
                continue  # the sheet is the fund
            sheet.append([block.text])
            sheet.cell(sheet.max_row, 1).font = bold
            continue
        sheet.append(list(T.DETAIL_HEAD))
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
        for row in block.rows:
            sheet.append([_cell_value(text) if j in FIGURE_COLUMNS else (text or None)
                          for j, text in enumerate(row.cells)])
            if row.kind in ("type", "project", "footer"):
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
            if row.kind in ("result", "footer") and row.level in fills:
                sheet.cell(sheet.max_row, WIDTH - 1).fill = fills[row.level]
    sheet.freeze_panes = "C2"


def to_xlsx(report: EvaluationReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    styles = (Font(bold=True), Font(bold=True, size=14), Alignment(wrap_text=True, vertical="top"),
              PatternFill("solid", fgColor="D9E2F3"))
    _summary_sheet(book, report, styles)
    for section in report.funds:
        _fund_sheet(book, report, section, styles)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()
