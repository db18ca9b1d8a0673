"""Hostile import files: XLSX bombs refused before openpyxl reads them (files.xlsx_guard), and every
field checked against its column (models.column_limits) with its line number, never a 500.

The hostile workbooks are built here, a few XML parts zipped, as an attacker would."""

from __future__ import annotations

import csv
import io
import random
import re
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from dashboard import plan_import as P
from files import xlsx_guard as G
from files.plan_file import check_plan_file

from . import dashboard_data as DD
from .test_dashboard import app, csrf_of, ids, sign_in  # noqa: F401 - app and ids are fixtures
from .test_import_results import plan  # noqa: F401 - a fixture
from .test_officers_import import write
from .test_plan_import import UTHAI, run, snapshot, uthai_table, write_csv

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PLAN_HEADER = uthai_table()[0]
TOO_MANY_ROWS = "แผ่นงานแรกมีแถวมากเกินกว่าที่รับได้ (ไม่เกิน 10,000 แถวรวมหัวตาราง"
NOTHING_SAVED = "ไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่"


# -- hostile workbooks --------------------------------------------------------------------------


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{rows}</sheetData></worksheet>'


def row_xml(r: int, cells: list) -> str:
    """A row of inline strings (text) and numbers."""
    out = []
    for i, value in enumerate(cells, 1):
        ref = f"{get_column_letter(i)}{r}"
        if isinstance(value, str):
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            out.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{r}">{"".join(out)}</row>'


def plan_rows(data_rows: int = 1) -> str:
    """The plan's header and its first indicators, as sheet rows."""
    table = uthai_table()
    return "".join(row_xml(r, table[r - 1]) for r in range(1, data_rows + 2))


def workbook(
    path: Path, sheet: str, shared: str | None = None, extra: dict | None = None, stored: bool = False
) -> Path:
    """A minimal .xlsx openpyxl reads: content types, the workbook, one sheet[, shared strings]."""
    overrides = (
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    if shared is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets><sheet name="plan" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def shared_strings(texts) -> str:
    return f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{t}</t></si>" for t in texts) + "</sst>"


def dimension_bomb(path: Path) -> Path:
    """The attack of issue 10: 1.9 KB declaring every cell of a sheet; its last row makes openpyxl
    hand out a million rows of 16,384 cells (minutes)."""
    return workbook(path, sheet_xml(row_xml(1, PLAN_HEADER) + '<row r="1048576"/>', "A1:XFD1048576"))


def strings_bomb(path: Path) -> Path:
    """Shared strings compressing a thousand times (the attack's 700 KB held 17 million)."""
    return workbook(path, sheet_xml(row_xml(1, PLAN_HEADER), "A1:T1"), shared_strings(["x"] * 200_000))


def random_texts(n: int) -> list[str]:
    chance = random.Random(10)
    return ["".join(chance.choices(string.ascii_letters, k=6)) for _ in range(n)]


HOSTILE = [
    ("declared a million rows", dimension_bomb, "แต่ไฟล์ระบุไว้ 1,048,576 แถว"),
    (
        "a row past the limit, nothing declared",
        lambda p: workbook(p, sheet_xml(plan_rows(1) + row_xml(1048576, PLAN_HEADER))),
        TOO_MANY_ROWS,
    ),
    ("shared strings compressed a thousand times", strings_bomb, "ถูกบีบอัดผิดปกติ"),
    (
        "more shared strings than a plan has",
        lambda p: workbook(
            p, sheet_xml(row_xml(1, PLAN_HEADER)), shared_strings(random_texts(G.MAX_SHARED_STRINGS + 1))
        ),
        "ข้อความต่างกันเกิน 100,000 ข้อความ",
    ),
    (
        "a part over 16 MB uncompressed",
        lambda p: workbook(
            p, sheet_xml(plan_rows(1)), extra={"docProps/custom.xml": " " * (G.MAX_MEMBER_BYTES + 1)}, stored=True
        ),
        "ใหญ่เกินไปเมื่อคลายการบีบอัด (เกิน 16 MB)",
    ),
    (
        "parts over 32 MB together",
        lambda p: workbook(
            p,
            sheet_xml(plan_rows(1)),
            stored=True,
            extra={f"docProps/part{i}.xml": " " * (12 * 1024 * 1024) for i in range(3)},
        ),
        "ใหญ่เกินไปเมื่อคลายการบีบอัด (เกิน 32 MB)",
    ),
    (
        "too many parts",
        lambda p: workbook(p, sheet_xml(plan_rows(1)), extra={f"xl/media/{i}.xml": "" for i in range(G.MAX_MEMBERS)}),
        "ไฟล์ Excel มีส่วนประกอบ 205 ส่วน เกินกว่าที่รับได้ (200 ส่วน)",
    ),
    (
        "a cell naming a shared string that is not there",
        lambda p: workbook(
            p, sheet_xml(row_xml(1, PLAN_HEADER) + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'), shared_strings([])
        ),
        "บรรทัด 2: อ่านไฟล์ Excel ไม่ได้",
    ),
]


#: Found as the rows are read, after the header: only a plan's header leads there.
FOUND_IN_ROWS = {"a row past the limit, nothing declared", "a cell naming a shared string that is not there"}


@pytest.mark.parametrize("name,build,reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_the_cli_refuses_a_hostile_workbook_with_the_reason(app, tmp_path, name, build, reason):
    path = build(tmp_path / "plan.xlsx")
    before = snapshot(app)
    commands = ("import-plan",) if name in FOUND_IN_ROWS else ("import-plan", "import-officers", "import-results")
    for command in commands:
        result = run(app, command, path)
        assert result.exit_code == 1, (command, result.output)
        assert reason in result.stderr.splitlines()[0], (command, result.stderr)
    assert snapshot(app) == before


def test_the_dashboard_answers_a_hostile_workbook_422_with_the_reason(app, ids, chat_with, tmp_path):  # noqa: F811
    client = sign_in(app, chat_with, DD.PLANNER)
    for build, reason in ((dimension_bomb, "แต่ไฟล์ระบุไว้ 1,048,576 แถว"), (strings_bomb, "ถูกบีบอัดผิดปกติ")):
        data = build(tmp_path / "bomb.xlsx").read_bytes()
        assert len(data) < 20_000
        response = client.post(
            "/dashboard/import",
            data={"csrf": csrf_of(client), "file": (io.BytesIO(data), "แผน.xlsx")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422
        assert reason in response.text and 'id="confirm"' not in response.text


def test_a_sheet_declaring_less_than_it_holds_is_read_whole(tmp_path):
    """openpyxl's read-only mode trusts <dimension>: A1:A1 would have read the header's first cell."""
    path = workbook(tmp_path / "plan.xlsx", sheet_xml(plan_rows(3), "A1:A1"))
    plan, errors = check_plan_file(path)
    assert errors == [] and [r.line_no for r in plan.rows] == [2, 3, 4]


def test_a_plan_of_as_many_rows_as_allowed_reads_and_one_more_is_refused(tmp_path):
    table = uthai_table()
    book = Workbook()
    sheet = book.active
    sheet.append(table[0])
    unit = table[0].index("unit")
    for i in range(G.MAX_ROWS - 1):
        row = list(table[1 + i % 18])
        row[unit] = f"หน่วยงาน {i // 18}"
        sheet.append(row)
    book.save(tmp_path / "largest.xlsx")
    plan, errors = check_plan_file(tmp_path / "largest.xlsx")
    assert errors == [] and len(plan.rows) == G.MAX_ROWS - 1
    sheet.append(table[1][:unit] + ["หน่วยงานสุดท้าย"] + table[1][unit + 1 :])
    book.save(tmp_path / "more.xlsx")
    plan, errors = check_plan_file(tmp_path / "more.xlsx")
    assert plan is None and [str(e) for e in errors] == [G.too_many_rows(G.MAX_ROWS + 1)]


# -- fields and their columns -------------------------------------------------------------------


def _plan_with(column: str, value: str, line: int = 3) -> list[list[str]]:
    table = uthai_table()
    table[line - 1][table[0].index(column)] = value
    return table


TOO_BIG = [
    ("unit name over 300", "unit", "ห" * 301, "ชื่อหน่วยงานยาวเกิน 300 ตัวอักษร (พบ 301 ตัวอักษร)"),
    ("project code over 40", "project_code", "P" * 41, "รหัสโครงการยาวเกิน 40 ตัวอักษร (พบ 41 ตัวอักษร)"),
    ("unit of measure over 100", "unit_of_measure", "ราย" * 34, "หน่วยวัดยาวเกิน 100 ตัวอักษร (พบ 102 ตัวอักษร)"),
    ("target from 1e14", "m03", "100000000000000", "เป้าหมายเดือน มี.ค. (m03) ใหญ่เกินไป (ต้องน้อยกว่า 100,000,000,000,000)"),
    ("indicator number from 2^31", "indicator_no", str(2**31), "ลำดับตัวชี้วัด ใหญ่เกินไป (ต้องไม่เกิน 2,147,483,647)"),
    ("indicator number 10^20", "indicator_no", "1" + "0" * 20, "ลำดับตัวชี้วัด ใหญ่เกินไป (ต้องไม่เกิน 2,147,483,647)"),
    (
        "a ladder of 3,000,000,000 levels",
        "indicator_name",
        "ผ่าน 3000000000 ระดับ",
        "จำนวนระดับของตัวชี้วัด ใหญ่เกินไป (ต้องไม่เกิน 2,147,483,647)",
    ),
]


AT_THE_LIMIT = (
    ("unit", "ห" * 300),
    ("project_code", "P" * 40),
    ("unit_of_measure", "ราย" * 33 + "ร"),
    ("m03", "99999999999999.9999"),
    ("indicator_no", str(2**31 - 1)),
)


@pytest.mark.parametrize("column,value,reason", [t[1:] for t in TOO_BIG], ids=[t[0] for t in TOO_BIG])
def test_a_plan_field_its_column_cannot_hold_is_a_line_numbered_error(app, tmp_path, column, value, reason):
    """The limits are the columns' own: at the limit every field is taken, past it refused by line."""
    table = uthai_table()
    for name, largest in AT_THE_LIMIT:
        table[2][table[0].index(name)] = largest
    table[2][table[0].index("project_name")] = "โครงการยาว"  # a project of its own
    result = run(app, "import-plan", write_csv(tmp_path / "largest.csv", table))
    assert result.exit_code == 0, result.output

    table = _plan_with(column, value)
    if column == "indicator_name":  # a level indicator: the ladder's size is read from its name
        table[2][table[0].index("unit_of_measure")] = "ระดับ"
    before = snapshot(app)
    result = run(app, "import-plan", write_csv(tmp_path / "plan.csv", table))
    assert (result.exit_code, result.stderr) == (1, f"บรรทัด 3: {reason}\n{NOTHING_SAVED}\n")
    assert snapshot(app) == before


def test_the_dashboard_answers_a_too_long_field_422_with_its_line(app, ids, chat_with):  # noqa: F811
    client = sign_in(app, chat_with, DD.PLANNER)
    table = _plan_with("project_code", "P" * 41, line=4)
    text = "\n".join(",".join(row) for row in table)
    response = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "year_be": "2570", "file": (io.BytesIO(text.encode()), "plan.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert '<tr><td class="num">4</td><td>รหัสโครงการยาวเกิน 40 ตัวอักษร (พบ 41 ตัวอักษร)</td></tr>' in response.text


RESULTS_HEADER = ["unit", "year_be", "project_code", "indicator_no", "month", "value", "note", "reported_at"]
BAD_RESULTS = [
    ("year 10^20", {"year_be": "1" + "0" * 20}, "ปี 100000000000000000000 ไม่ใช่ปีพุทธศักราช"),
    ("indicator number 10^20", {"indicator_no": "1" + "0" * 20}, "ลำดับตัวชี้วัด ใหญ่เกินไป"),
    ("unit name over 300", {"unit": "ห" * 301}, "ชื่อหน่วยงานยาวเกิน 300 ตัวอักษร"),
    ("project code over 40", {"project_code": "P" * 41}, "รหัสโครงการยาวเกิน 40 ตัวอักษร"),
    ("reported in year 1", {"reported_at": "0001-01-01"}, "reported_at '0001-01-01' เก่าเกินไป"),
]


@pytest.mark.parametrize("change,reason", [b[1:] for b in BAD_RESULTS], ids=[b[0] for b in BAD_RESULTS])
def test_a_results_field_out_of_range_is_a_line_numbered_error(plan, tmp_path, change, reason):  # noqa: F811
    row = dict(zip(RESULTS_HEADER, [UTHAI, "2569", "P01", "1", "3", "20", "", ""])) | change
    path = write(tmp_path / "results.csv", [RESULTS_HEADER, [row[c] for c in RESULTS_HEADER]])
    before = snapshot(plan)
    result = run(plan, "import-results", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"บรรทัด 2: {reason}"), result.stderr
    assert snapshot(plan) == before


@pytest.mark.parametrize(
    "key,name,reason",
    [
        ("k" * 65, "สมชาย", "รหัสเจ้าหน้าที่ยาวเกิน 64 ตัวอักษร (พบ 65 ตัวอักษร)"),
        ("somchai", "ส" * 201, "ชื่อที่แสดงยาวเกิน 200 ตัวอักษร (พบ 201 ตัวอักษร)"),
    ],
)
def test_an_officers_field_too_long_is_a_line_numbered_error(plan, tmp_path, key, name, reason):  # noqa: F811
    path = write(
        tmp_path / "officers.csv",
        [
            ["officer_key", "display_name", "unit", "role"],
            ["head1", "หัวหน้า", UTHAI, "supervisor"],
            [key, name, UTHAI, "supervisor"],
        ],
    )
    before = snapshot(plan)
    result = run(plan, "import-officers", path)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, f"บรรทัด 3: {reason}")
    assert snapshot(plan) == before


# -- any field content: a clean import or line-numbered errors ----------------------------------

FIELDS = [
    "unit",
    "year_be",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "weight_pct",
    "unit_of_measure",
    "m01",
    "m07",
    "m12",
    "total",
    "kind",
]
field_values = st.one_of(
    st.text(max_size=40),
    st.builds(lambda char, n: char * n, st.characters(), st.integers(0, 400)),  # lengths past the columns'
    st.text(alphabet="กขคงจระดับ ขั้นตอน0123456789๑๒๓,.%-+=:'\"\n\x00", max_size=40),
    st.integers(min_value=-(10**22), max_value=10**22).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            "ห" * 301,
            "P" * 41,
            "ร" * 101,
            str(2**31),
            str(10**20),
            "1E14",
            "99999999999999.99995",
            "ระดับ",
            "9999999999 ระดับ",
            "level",
            "pp_change",
            "=1+1",
            " ",
            "",
        ]
    ),
)


def _fuzzed_upload(folder: Path, column: str, value: str, as_xlsx: bool) -> P.Upload:
    """The Uthai plan with one field of its line 3 replaced, saved as the dashboard saves uploads."""
    table = uthai_table()
    if column not in table[0]:  # an optional column (kind)
        table = [row + ([column] if i == 0 else [""]) for i, row in enumerate(table)]
    table[2][table[0].index(column)] = value
    if not as_xlsx:
        text = io.StringIO()
        csv.writer(text).writerows(table)
        return P.save_upload(folder, "plan.csv", text.getvalue().encode("utf-8"), None)
    book = Workbook()
    for row in table:  # a whole number as a number cell; text without what XML cannot hold
        book.active.append([int(c) if re.fullmatch(r"-?\d+", c) else ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
    data = io.BytesIO()
    book.save(data)
    return P.save_upload(folder, "plan.xlsx", data.getvalue(), None)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(FIELDS), value=field_values, as_xlsx=st.booleans())
def test_any_plan_field_imports_cleanly_or_is_a_line_numbered_error(app, db, clock, tmp_path, column, value, as_xlsx):
    upload = _fuzzed_upload(tmp_path, column, value, as_xlsx)
    preview = P.preview(db, upload, clock.now())  # the dashboard's rehearsal, rolled back
    if preview.ok:
        summary = P.run_import(db, upload, clock.now())  # and the import itself, on this database
        assert summary.indicators_created + summary.indicators_updated + summary.indicators_unchanged == 18
    else:
        assert preview.errors and all(e.line_no for e in preview.errors), [str(e) for e in preview.errors]
