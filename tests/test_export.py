"""`flask export`: targets and reported values, one row per indicator (files.export)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from bot.clock import BANGKOK
from files.export import COLUMNS, HEADERS_TH, export_rows
from models import Indicator, Project, ReportedValue, Unit
from tests.test_officers_import import write
from tests.test_plan_import import UTHAI, UTHAI_CSV, run, uthai_table  # noqa: F401 (fixture)

BRANCH = "สาขาทดลองใหม่"

P07_5_TARGETS = [
    "24668",
    "24859",
    "25049",
    "25240",
    "25431",
    "25621",
    "25812",
    "26002",
    "26193",
    "26384",
    "26574",
    "26729",
]


def indicator_id(session, code: str, number: int, year: int = 2563, unit: str = UTHAI) -> int:
    return session.scalar(
        select(Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Unit, Unit.id == Project.unit_id)
        .where(Unit.name == unit, Project.year_be == year, Project.code == code, Indicator.number == number)
    )


def report(session, ind_id: int, month: int, value: str, on_time: bool, note: str | None = None) -> None:
    session.add(
        ReportedValue(
            indicator_id=ind_id,
            month=month,
            value=Decimal(value),
            note=note,
            reported_at=datetime(2020, month + 1, 3, 9, 0, tzinfo=BANGKOK),
            on_time=on_time,
            source="chat",
        )
    )


@pytest.fixture
def reported(app, tmp_path):
    """The Uthai Thani plan for 2563 and 2569, a second unit's copy, and a few reported values."""
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    assert run(app, "import-plan", UTHAI_CSV, "--year-be", 2569).exit_code == 0
    table = uthai_table()
    for row in table[1:]:
        row[0] = BRANCH
    assert run(app, "import-plan", write(tmp_path / "branch.csv", table)).exit_code == 0
    with app.extensions["db"].transaction() as s:
        p07_5 = indicator_id(s, "P07", 5)
        report(s, p07_5, 1, "24700", True, "ข้อมูลจากระบบ VDR")
        report(s, p07_5, 2, "24810.0000", False)
        report(s, indicator_id(s, "P07", 1), 1, "80.25", True)
        report(s, indicator_id(s, "P07", 5, year=2569), 1, "99999", True, "ปีอื่น")
        report(s, indicator_id(s, "P07", 5, unit=BRANCH), 3, "11111", False, "หน่วยอื่น")
    return app


def expected_p07_5(
    values=("24700", "24810"), notes=("ข้อมูลจากระบบ VDR", ""), on_time=("ตรงเวลา", "ล่าช้า"), unit=UTHAI, year=2563
) -> dict:
    row = {
        "unit": unit,
        "year_be": year,
        "project_code": "P07",
        "project_name": "งานบริการกองทุนประกันสังคม ณ หน่วยบริการ",
        "indicator_no": 5,
        "indicator_name": "จำนวนผู้ประกันตน ตามมาตรา 40",
        "weight_pct": "20",
        "unit_of_measure": "คน",
        "kind": "stock",
    }
    row.update({f"target_m{m:02d}": P07_5_TARGETS[m - 1] for m in range(1, 13)})
    row.update({f"value_m{m:02d}": values[m - 1] if m <= len(values) else "" for m in range(1, 13)})
    row.update({f"note_m{m:02d}": notes[m - 1] if m <= len(notes) else "" for m in range(1, 13)})
    row.update({f"on_time_m{m:02d}": on_time[m - 1] if m <= len(on_time) else "" for m in range(1, 13)})
    row.update({"budget_baht": "", "spent_baht": "", "spent_pct": ""})  # no budget in this plan
    return row


def test_export_rows_one_row_per_indicator(reported):
    with reported.extensions["db"].transaction() as s:
        rows = export_rows(s, 2563, UTHAI)
    assert len(rows) == 18
    assert [tuple(r.keys()) for r in rows] == [COLUMNS] * 18
    assert [f"{r['project_code']}/{r['indicator_no']}" for r in rows] == [
        "P01/1",
        "P03/1",
        "P03/2",
        "P04/1",
        "P04/2",
        "P06/1",
        "P07/1",
        "P07/2",
        "P07/3",
        "P07/4",
        "P07/5",
        "P07/6",
        "P09/1",
        "P09/2",
        "P11/1",
        "P11/2",
        "P12/1",
        "P12/2",
    ]
    assert rows[10] == expected_p07_5()
    p07_1 = rows[6]
    assert [
        p07_1[k]
        for k in (
            "kind",
            "weight_pct",
            "target_m01",
            "target_m03",
            "target_m12",
            "value_m01",
            "value_m02",
            "note_m01",
            "on_time_m01",
            "on_time_m02",
        )
    ] == ["pct_cum", "10", "76", "78", "84", "80.25", "", "", "ตรงเวลา", ""]
    assert rows[0]["value_m01"] == "" and rows[13]["kind"] == "level"


def test_export_all_units_of_a_year(reported):
    with reported.extensions["db"].transaction() as s:
        rows = export_rows(s, 2563)
        rows_2569 = export_rows(s, 2569)
    assert [r["unit"] for r in rows] == [BRANCH] * 18 + [UTHAI] * 18
    assert rows[10] == expected_p07_5(
        values=("", "", "11111"), notes=("", "", "หน่วยอื่น"), on_time=("", "", "ล่าช้า"), unit=BRANCH
    )
    assert rows_2569[10] == expected_p07_5(values=("99999",), notes=("ปีอื่น",), on_time=("ตรงเวลา",), year=2569)


def test_export_uses_a_fixed_number_of_queries(reported, tmp_path):
    engine = reported.extensions["db"].engine
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is not a query
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with reported.extensions["db"].transaction() as s:
            export_rows(s, 2563, UTHAI)  # 18 indicators
            one_unit = len(statements)
            export_rows(s, 2563)  # 36 indicators
            both = len(statements) - one_unit
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # indicators, targets, values; budget lines and projects' budgets (no disbursements to
    # read: no project has a budget)
    assert (one_unit, both) == (5, 5)


def test_export_csv_to_stdout(reported):
    result = run(reported, "export", "--year", 2563, "--unit", UTHAI)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 18
    assert rows[10] == {k: str(v) for k, v in expected_p07_5().items()}
    assert lines[11].startswith(
        f"{UTHAI},2563,P07,งานบริการกองทุนประกันสังคม ณ หน่วยบริการ,5,จำนวนผู้ประกันตน ตามมาตรา 40,20,คน,stock,24668,24859,"
    )
    assert result.stderr == ""


def test_export_csv_to_a_file_has_a_bom_for_excel(reported, tmp_path):
    out = tmp_path / "out.csv"
    result = run(reported, "export", "--year", 2563, "--unit", UTHAI, "--out", out)
    assert result.exit_code == 0
    assert result.stderr == f"ส่งออก 18 ตัวชี้วัดไปที่ {out} เรียบร้อยแล้ว\n"
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == run(reported, "export", "--year", 2563, "--unit", UTHAI).stdout


def test_export_xlsx(reported, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    result = run(reported, "export", "--year", 2563, "--unit", UTHAI, "--format", "xlsx", "--out", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == [HEADERS_TH[c] for c in COLUMNS]
    assert header[:10] == [
        "หน่วยงาน",
        "ปี พ.ศ.",
        "รหัสโครงการ",
        "ชื่อโครงการ",
        "ตัวชี้วัดที่",
        "ชื่อตัวชี้วัด",
        "น้ำหนัก (ร้อยละ)",
        "หน่วยวัด",
        "ประเภทตัวชี้วัด",
        "เป้าหมาย ม.ค.",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 19
    p07_5 = [c.value for c in sheet[12]]
    assert p07_5 == [
        UTHAI,
        2563,
        "P07",
        "งานบริการกองทุนประกันสังคม ณ หน่วยบริการ",
        5,
        "จำนวนผู้ประกันตน ตามมาตรา 40",
        20,
        "คน",
        "ยอดคงอยู่ (ใช้ค่าเดือนล่าสุด)",
        *[int(t) for t in P07_5_TARGETS],
        24700,
        24810,
        *[None] * 10,
        "ข้อมูลจากระบบ VDR",
        *[None] * 11,
        "ตรงเวลา",
        "ล่าช้า",
        *[None] * 10,
        *[None] * 3,  # no budget
    ]
    p07_1 = [c.value for c in sheet[8]]
    assert (p07_1[8], p07_1[9], p07_1[21], p07_1[45]) == ("ร้อยละสะสม (ใช้ค่าเดือนล่าสุด)", 76, 80.25, "ตรงเวลา")


def test_export_xlsx_speaks_thai_and_shows_whole_numbers_whole(reported, db, tmp_path):
    """Kinds in Thai words, not count/pct_cum; people counted without a trailing dot ("#,##0.####"
    showed 26,574. in Excel), percentages with two places; the CSV keeps the machine names."""
    from openpyxl import load_workbook

    from files.export import NUMBER_FORMATS, WHOLE, number_format

    with db.transaction() as s:
        lower = s.scalar(select(Indicator).where(Indicator.name == "จำนวนผู้ประกันตน ตามมาตรา 40"))
        lower.higher_is_better = False
    out = tmp_path / "out.xlsx"
    assert run(reported, "export", "--year", 2563, "--unit", UTHAI, "--format", "xlsx", "--out", out).exit_code == 0
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    kind, weight = header.index("ประเภทตัวชี้วัด"), header.index("น้ำหนัก (ร้อยละ)")
    kinds = {row[kind].value for row in sheet.iter_rows(min_row=2)}
    assert not kinds & set(NUMBER_FORMATS) and not any(":lower" in k for k in kinds)
    assert {"นับสะสมรายเดือน (รวมทุกเดือน)", "ร้อยละสะสม (ใช้ค่าเดือนล่าสุด)", "ยอดคงอยู่ (ใช้ค่าเดือนล่าสุด) ค่าน้อยดีกว่า"} <= kinds
    p07_5, p07_1 = sheet[12], sheet[8]
    jan, jan_value = header.index("เป้าหมาย ม.ค."), header.index("ผลการดำเนินงาน ม.ค.")
    assert (p07_5[jan].value, p07_5[jan].number_format) == (24668, "#,##0")  # 24,668 not 24,668.
    assert (p07_5[jan_value].value, p07_5[jan_value].number_format) == (24700, "#,##0")
    assert (p07_1[jan_value].value, p07_1[jan_value].number_format) == (80.25, "#,##0.00")
    assert p07_5[weight].number_format == "#,##0"
    figures = [i for i, h in enumerate(header) if h.startswith(("เป้าหมาย", "ผลการดำเนินงาน", "น้ำหนัก"))]
    formats = {row[i].number_format for row in sheet.iter_rows(min_row=2) for i in figures if row[i].value is not None}
    assert formats == {"#,##0", "#,##0.00"}
    # A fraction where whole numbers are expected keeps its decimals.
    assert number_format("count", 12) == WHOLE and number_format("count", "12.5") == "#,##0.00"
    csv_out = tmp_path / "out.csv"
    assert run(reported, "export", "--year", 2563, "--unit", UTHAI, "--out", csv_out).exit_code == 0
    assert ",stock:lower," in csv_out.read_text(encoding="utf-8-sig")


def test_export_format_follows_the_out_suffix(reported, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    assert run(reported, "export", "--year", 2569, "--out", out).exit_code == 0
    assert load_workbook(out).worksheets[0].max_row == 19


def test_export_xlsx_needs_out(reported):
    result = run(reported, "export", "--year", 2563, "--format", "xlsx")
    assert result.exit_code == 2
    assert "การส่งออกเป็น xlsx ต้องระบุไฟล์ปลายทางด้วย --out" in result.stderr


def test_export_unknown_unit(reported):
    result = run(reported, "export", "--year", 2563, "--unit", "ไม่มีหน่วยนี้")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "ไม่พบหน่วยงาน 'ไม่มีหน่วยนี้' ในระบบ\n")


def test_exported_csv_imports_back_as_the_same_plan(reported, tmp_path):
    with reported.extensions["db"].transaction() as s:
        uthai = s.scalar(
            select(Indicator)
            .join(Project)
            .join(Unit)
            .where(Unit.name == UTHAI, Project.year_be == 2563, Project.code == "P07", Indicator.number == 6)
        )
        uthai.kind, uthai.higher_is_better = "pp_change", False
    out = tmp_path / "export.csv"
    assert run(reported, "export", "--year", 2563, "--unit", UTHAI, "--out", out).exit_code == 0
    assert ",pp_change:lower," in out.read_text(encoding="utf-8-sig")
    result = run(reported, "import-plan", out)
    assert result.exit_code == 0, result.output
    assert "ตัวชี้วัด: สร้างใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 18\n" in result.stdout
