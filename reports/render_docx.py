"""The report as the Word document the Policy and Planning Division edits (python-docx).

(About 400 lines: one document, its styles and the oxml the python-docx API lacks.)

In the seed's order: the cover; the heading, the budget paragraph and the criteria; the
overview and each fund's table by strategy; then, in A4 landscape sections, the red list and
the detail tables (fund › strategy › กลยุทธ์ › แผนงาน as Word headings, so Word's table of
contents picks them up, › kind › project, แผน/ผล rows over the twelve months).

Thai is a complex script in Word: a run's font is taken from w:cs (and its size from
w:szCs), not from the Latin font, so every style sets both. The font is TH Sarabun New where
this machine has it (the Thai government's standard font), else Debian's Laksaman from
fonts-thai-tlwg (the same design, TH Sarabun PSK's free twin); KPIBOT_REPORT_FONT (the
settings' report_font, handed in by the CLI and the dashboard) overrides.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from copy import deepcopy
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from kpi.rating import Level

from . import texts as T
from .compose import (
    MONTH_COL,
    WIDTH,
    EvaluationReport,
    Heading,
    Table,
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

PREFERRED_FONT = "TH Sarabun New"
FALLBACK_FONTS = ("Laksaman", "Garuda", "Loma", "Norasi")
BODY_PT, TABLE_PT, DETAIL_PT = 16, 14, 10
LEVEL_FILL = {Level.GREEN: "C6EFCE", Level.YELLOW: "FFEB9C", Level.RED: "FFC7CE"}
#: Detail columns in cm, A4 landscape with 0.8 cm margins (28.1 cm).
DETAIL_WIDTHS = (1.5, 4.2, 1.6, 2.1, 1.3, 0.8, 1.2, 0.8, *([0.9] * 12), 1.4, 1.2, 1.2)
CELL_MARGIN_TWIPS = 40  # 0.07 cm each side: narrow month columns keep room for the figures
RED_WIDTHS = (1.3, 6.5, 6.5, 10.3, 3.5)
FUND_WIDTHS = (5.0, 4.0, 2.6, 2.6, 2.6)
#: Detail columns centred: figures, แผน/ผล, unit of measure, weight.
CENTERED = tuple(range(4, WIDTH - 1))


def report_font(override: str = "") -> str:
    """The font asked for, else TH Sarabun New when installed here, else the first Debian Thai font found."""
    return override or _found_font()


@lru_cache(maxsize=1)
def _found_font() -> str:
    families = _installed_families()
    for name in (PREFERRED_FONT, *FALLBACK_FONTS):
        if name.lower() in families:
            return name
    return FALLBACK_FONTS[0]


def _installed_families() -> set[str]:
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}
    return set()


# --------------------------------------------------------------------------------------------
# Styles and small helpers (python-docx has no API for the complex-script font, shading or a
# repeated header row: those few properties are set through its oxml helpers)


def _font(rpr_owner, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    font = rpr_owner.font
    font.name = name
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    # A theme font (the template's headings: majorHAnsi …) wins over the named one: drop it.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size_pt is not None:
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            rpr.append(size_cs)
        size_cs.set(qn("w:val"), str(int(size_pt * 2)))
    if bold:
        if rpr.find(qn("w:bCs")) is None:
            rpr.append(OxmlElement("w:bCs"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def _styles(doc, font: str) -> None:
    styles = doc.styles
    _font(styles["Normal"], font, BODY_PT)
    styles["Normal"].paragraph_format.space_after = Pt(2)
    styles["Normal"].paragraph_format.line_spacing = 1.0  # Thai fonts are tall: single spacing
    for name, size in (("Title", 26), ("Heading 1", 20), ("Heading 2", 18), ("Heading 3", 16), ("Heading 4", 16)):
        style = styles[name]
        _font(style, font, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(8)
        style.paragraph_format.space_after = Pt(4)
    table_style = styles.add_style("KPI Table Text", 1)  # 1 = paragraph style
    table_style.base_style = styles["Normal"]
    _font(table_style, font, TABLE_PT)
    table_style.paragraph_format.space_after = Pt(0)
    table_style.paragraph_format.line_spacing = 0.9
    detail_style = styles.add_style("KPI Detail Text", 1)
    detail_style.base_style = styles["Normal"]
    _font(detail_style, font, DETAIL_PT)
    detail_style.paragraph_format.space_after = Pt(0)
    detail_style.paragraph_format.line_spacing = 0.85
    # The detail tables' cells take their look from these styles alone (centred figures,
    # bold rows): no properties on each cell keeps a national report's tree smaller.
    for name, base, bold, centred in (
        ("KPI Detail Figure", "KPI Detail Text", False, True),
        ("KPI Detail Bold", "KPI Detail Text", True, False),
        ("KPI Detail Bold Figure", "KPI Detail Text", True, True),
    ):
        style = styles.add_style(name, 1)
        style.base_style = styles[base]
        if bold:
            _font(style, font, DETAIL_PT, bold=True)
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _cell_margins(table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _landscape(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(0.8)
    section.top_margin = section.bottom_margin = Cm(1.2)


def _table(doc, rows: int, widths: tuple[float, ...], style: str, centered: tuple[int, ...] = ()):
    """A grid table of `rows` rows: the first row is made and styled through python-docx (cell
    widths, the paragraph style, centred columns), the others are copies of it. Styling each
    of a large report's cells through the API took most of its time (Paragraph.style looks
    the style up by name on every call)."""
    table = doc.add_table(rows=1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    style_id = doc.styles[style].style_id
    _cell_margins(table)
    for j, (column, cell) in enumerate(zip(table.columns, table.rows[0].cells)):
        column.width = cell.width = Cm(widths[j])
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        if j in centered:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    prototype = table.rows[0]._tr
    for _ in range(rows - 1):
        prototype.addnext(deepcopy(prototype))
    # Row by row, before any merge (Table._cells resolves spans for every cell: slow, and
    # not needed for a plain grid).
    return table, [_Cell(tc, table) for tr in table._tbl.tr_lst for tc in tr.tc_lst]


def _set(cell, text: str, bold: bool = False, center: bool = False) -> None:
    if not text:
        return
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if center and paragraph.alignment is None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


# --------------------------------------------------------------------------------------------
# The parts, in order


def _cover(doc, report: EvaluationReport) -> None:
    for _ in range(6):
        doc.add_paragraph()
    title = doc.add_paragraph(T.COVER_TITLE.format(year=report.year_be), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (
        T.COVER_QUARTER.format(quarter=report.quarter),
        f"({T.month_span(report.year_be, report.scope.first, report.scope.last, '-')})",
        T.OFFICE,
    ):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(22)
    for section in report.funds:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"- {section.name}").font.size = Pt(20)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _opening(doc, report: EvaluationReport) -> None:
    doc.add_heading(T.HEADING.format(year=report.year_be) + f" ไตรมาส {report.quarter} ({report.span})", level=1)
    doc.add_paragraph(budget_paragraph(report)).paragraph_format.first_line_indent = Cm(1.25)
    doc.add_paragraph(
        T.COMPILED_BY.format(year=report.year_be, span=report.span)
    ).paragraph_format.first_line_indent = Cm(1.25)
    doc.add_heading(T.CRITERIA_HEADING, level=2)
    for line in T.CRITERIA:
        doc.add_paragraph(line).paragraph_format.left_indent = Cm(1.25)


def _overview(doc, report: EvaluationReport) -> None:
    doc.add_heading(overview_heading(report), level=2)
    doc.add_paragraph(overview_sentence(report))
    for line in overview_levels(report):
        doc.add_paragraph(f"- {line}").paragraph_format.left_indent = Cm(1.25)
    if report.counts.no_target:
        doc.add_paragraph(T.NO_TARGET_NOTE.format(n=report.counts.no_target))
    head = fund_table_head(report)
    for section in report.funds:
        doc.add_heading(T.FUND_TABLE_TITLE.format(fund=section.name), level=3)
        doc.add_paragraph(T.FUND_PROJECTS.format(n=section.counts.projects))
        body = fund_table(report, section)
        table, cells = _table(doc, len(body) + 2, FUND_WIDTHS, "KPI Table Text")
        cols = len(FUND_WIDTHS)
        # two header rows: the three levels under "ผลการประเมิน (ระดับ)"
        cells[0].merge(cells[cols])
        cells[1].merge(cells[cols + 1])
        cells[2].merge(cells[4])
        _set(cells[0], head[0], bold=True, center=True)
        _set(cells[1], head[1], bold=True, center=True)
        _set(cells[2], T.FUND_TABLE_GROUP, bold=True, center=True)
        for j, text in enumerate(head[2:], start=2):
            _set(cells[cols + j], text, bold=True, center=True)
        for i, row in enumerate(body, start=2):
            total = i >= len(body)
            for j, text in enumerate(row):
                _set(cells[i * cols + j], text, bold=total, center=j > 0)


def _red_list(doc, report: EvaluationReport) -> None:
    doc.add_heading(T.RED_TITLE.format(n=len(report.red)), level=2)
    if not report.red:
        doc.add_paragraph(T.RED_NONE)
        return
    cols = len(RED_WIDTHS)
    table, cells = _table(doc, len(report.red) + 3, RED_WIDTHS, "KPI Table Text")
    head = [T.RED_HEAD[0], T.RED_HEAD[1], T.RED_HEAD[2].format(span_short=report.span_short), "", T.RED_HEAD[3]]
    cells[0].merge(cells[cols])
    cells[1].merge(cells[cols + 1])
    cells[2].merge(cells[3])
    cells[4].merge(cells[cols + 4])
    for j in (0, 1, 2, 4):
        _set(cells[j], head[j], bold=True, center=True)
    _set(cells[cols + 2], T.RED_SUBHEAD[0], bold=True, center=True)
    _set(cells[cols + 3], T.RED_SUBHEAD[1], bold=True, center=True)
    _repeat_header(table.rows[0])
    _repeat_header(table.rows[1])
    group = cells[2 * cols].merge(cells[2 * cols + cols - 1])
    _set(group, T.RED_GROUP, bold=True)
    for i, project in enumerate(report.red, start=3):
        row = (f"{i - 2}.", project.name, plan_text(project), result_text(project), project.unit_label)
        for j, text in enumerate(row):
            _set(cells[i * cols + j], text)


def _detail_table(doc, report: EvaluationReport, table_block: Table) -> None:
    """The header (two rows, merged) through python-docx; then two prototype rows made through
    it too, a plain one and a bold one, each cell holding one empty run; every body row is a
    copy of one of them with its texts filled in. A national report has some 100,000 body
    rows: filling 23 cells a row through the cell API took four fifths of its time."""
    rows = table_block.rows
    table, cells = _table(doc, 4, DETAIL_WIDTHS, "KPI Detail Text", CENTERED)
    for j, text in enumerate(T.DETAIL_HEAD):
        if MONTH_COL <= j < MONTH_COL + 12:
            _set(cells[WIDTH + j], text, bold=True, center=True)
        else:
            _set(cells[j].merge(cells[WIDTH + j]), text, bold=True, center=True)
    for q, text in enumerate(T.QUARTER_HEADS):
        first = MONTH_COL + 3 * q
        _set(cells[first].merge(cells[first + 2]), text, bold=True, center=True)
    _repeat_header(table.rows[0])
    _repeat_header(table.rows[1])
    # the prototypes: every cell one paragraph of the row's style and one run, nothing else
    # (the table's grid gives the widths: fixed layout)
    styles = {
        (False, False): "KPI Detail Text",
        (False, True): "KPI Detail Figure",
        (True, False): "KPI Detail Bold",
        (True, True): "KPI Detail Bold Figure",
    }
    styles = {key: doc.styles[name].style_id for key, name in styles.items()}
    for row_no, bold in ((2, False), (3, True)):
        for j in range(WIDTH):
            cell = cells[row_no * WIDTH + j]
            tc = cell._tc
            tc.remove(tc.tcPr)
            paragraph = cell.paragraphs[0]
            paragraph._p.remove(paragraph._p.pPr)
            paragraph._p.style = styles[(bold, j in CENTERED)]
            t = paragraph.add_run(" ")._r.t_lst[0]  # a run with its <w:t>, filled in below
            t.attrib.pop(qn("xml:space"), None)  # the figures and names have no edge spaces
    tbl = table._tbl
    plain, bold = tbl.tr_lst[2], tbl.tr_lst[3]
    tbl.remove(plain)
    tbl.remove(bold)
    text_tag = qn("w:t")
    for row in rows:
        tr = deepcopy(bold if row.kind in ("type", "project", "footer") else plain)
        for j, (t, text) in enumerate(zip(list(tr.iter(text_tag)), row.cells)):
            run = t.getparent()
            if not text:
                run.getparent().remove(run)
            elif "\n" in text:  # a line break is a <w:br/>: through python-docx's run
                run.getparent().remove(run)
                _set(_Cell(tr.tc_lst[j], table), text)
            else:
                t.text = text
        tbl.append(tr)
        if row.kind in ("result", "footer") and row.level in LEVEL_FILL:
            _shade(_Cell(tr.tc_lst[WIDTH - 2], table), LEVEL_FILL[row.level])


def _detail(doc, report: EvaluationReport) -> None:
    for section in report.funds:
        for block in detail(report, section):
            if isinstance(block, Heading):
                doc.add_heading(block.text, level=block.level)
                if block.level == 1:
                    doc.add_paragraph(T.DETAIL_PLAN.format(year=report.year_be))
            else:
                _detail_table(doc, report, block)


def build_document(report: EvaluationReport, font: str = ""):
    doc = Document()
    _styles(doc, report_font(font))
    first = doc.sections[0]
    first.page_width, first.page_height = Cm(21.0), Cm(29.7)
    first.left_margin = first.right_margin = Cm(2.0)
    _cover(doc, report)
    _opening(doc, report)
    _overview(doc, report)
    _landscape(doc)
    _red_list(doc, report)
    _detail(doc, report)
    doc.core_properties.title = T.COVER_TITLE.format(year=report.year_be) + f" ไตรมาส {report.quarter}"
    doc.core_properties.author = "KPI Bot (กองนโยบายและแผนงาน)"
    return doc


def to_docx(report: EvaluationReport, font: str = "") -> bytes:
    out = io.BytesIO()
    build_document(report, font).save(out)
    return out.getvalue()
