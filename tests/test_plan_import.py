"""Importing units and plans: `flask import-units`, `flask import-plan` (files.plan_file + files.plan_import)."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import create_app
from bot.clock import BANGKOK, FixedClock
from models import Base, Indicator, MonthlyTarget, Project, TargetRevision, Unit
from tests.test_kinds import UTHAI_EXPECTED

REPO = Path(__file__).resolve().parent.parent
UTHAI_CSV = REPO / "data" / "uthai_thani_2563_indicators.csv"
UTHAI = "สำนักงานประกันสังคมจังหวัดอุทัยธานี"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)

GAP_WARNINGS = [
    "- โครงการ P02: ไม่มีตัวชี้วัดในไฟล์ (รหัสโครงการข้ามจาก P01 ไป P03 — ตารางตัวชี้วัดอาจตกหล่น)",
    "- โครงการ P05: ไม่มีตัวชี้วัดในไฟล์ (รหัสโครงการข้ามจาก P04 ไป P06 — ตารางตัวชี้วัดอาจตกหล่น)",
    "- โครงการ P08: ไม่มีตัวชี้วัดในไฟล์ (รหัสโครงการข้ามจาก P07 ไป P09 — ตารางตัวชี้วัดอาจตกหล่น)",
    "- โครงการ P10: ไม่มีตัวชี้วัดในไฟล์ (รหัสโครงการข้ามจาก P09 ไป P11 — ตารางตัวชี้วัดอาจตกหล่น)",
]
P12_WARNING = (
    "- โครงการ P12 (การอบรมเชิงปฏิบัติการแก่นายจ้างเพื่อจัดทำข้อมูลและจ่ายเงินส…): "
    "น้ำหนักตัวชี้วัดรวมกันได้ร้อยละ 60 ไม่ครบ 100 ตามที่แบบฟอร์มกำหนด"
)


def summary_text(
    file_name: str, year: int, created_unit: bool, projects: tuple, indicators: tuple, warnings: list[str]
) -> str:
    lines = [f"นำเข้าแผนจากไฟล์ {file_name} (ปี {year}) เรียบร้อยแล้ว"]
    if created_unit:
        lines.append(f"หน่วยงานที่สร้างใหม่: {UTHAI}")
    lines.append("โครงการ: สร้างใหม่ %d, แก้ไข %d, ไม่เปลี่ยนแปลง %d" % projects)
    lines.append("ตัวชี้วัด: สร้างใหม่ %d, แก้ไข %d, ไม่เปลี่ยนแปลง %d" % indicators)
    if warnings:
        lines.append(f"ข้อสังเกต {len(warnings)} รายการ:")
        lines.extend(warnings)
    return "\n".join(lines) + "\n"


FIRST_IMPORT = summary_text(
    "uthai_thani_2563_indicators.csv", 2563, True, (8, 0, 0), (18, 0, 0), GAP_WARNINGS + [P12_WARNING]
)


def run(app, *args):
    return app.test_cli_runner().invoke(args=[str(a) for a in args])


def snapshot(app) -> dict:
    """Every row of every table, to prove that a failed import changed nothing."""
    with app.extensions["db"].engine.connect() as conn:
        return {
            t.name: conn.execute(select(t).order_by(*t.primary_key.columns)).all() for t in Base.metadata.sorted_tables
        }


def uthai_table() -> list[list[str]]:
    with open(UTHAI_CSV, encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f)]


def write_csv(path: Path, table: list[list[str]], bom: bool = False) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    return path


def col(name: str) -> int:
    return uthai_table()[0].index(name)


def plan_content(app, year: int = 2563) -> list[tuple]:
    with app.extensions["db"].transaction() as s:
        rows = s.execute(
            select(
                Unit.name,
                Project.year_be,
                Project.code,
                Project.name,
                Indicator.number,
                Indicator.name,
                Indicator.weight_pct,
                Indicator.unit_of_measure,
                Indicator.kind,
                Indicator.max_level,
                Indicator.higher_is_better,
                Indicator.id,
            )
            .join(Project, Project.unit_id == Unit.id)
            .join(Indicator, Indicator.project_id == Project.id)
            .where(Project.year_be == year)
            .order_by(Project.code, Indicator.number)
        ).all()
        targets = {}
        for t in s.scalars(select(MonthlyTarget).order_by(MonthlyTarget.month)):
            targets.setdefault(t.indicator_id, []).append(t.value)
        return [tuple(r[:-1]) + (tuple(targets[r[-1]]),) for r in rows]


# ---------------------------------------------------------------- the real Uthai Thani file


def test_uthai_thani_plan_imports_18_indicators_in_8_projects(app):
    result = run(app, "import-plan", UTHAI_CSV)
    assert result.exit_code == 0, result.output
    assert result.stdout == FIRST_IMPORT

    content = plan_content(app)
    assert len(content) == 18
    assert sorted({r[2] for r in content}) == ["P01", "P03", "P04", "P06", "P07", "P09", "P11", "P12"]
    kinds = {f"{r[2]}/{r[4]}": (r[8], r[9]) for r in content}
    assert kinds == {code: (kind.value, top) for code, kind, top in UTHAI_EXPECTED}
    p07_5 = next(r for r in content if r[2] == "P07" and r[4] == 5)
    assert p07_5[5] == "จำนวนผู้ประกันตน ตามมาตรา 40"
    assert p07_5[6] == Decimal(20) and p07_5[7] == "คน" and p07_5[10] is True
    assert p07_5[11] == tuple(
        Decimal(v) for v in (24668, 24859, 25049, 25240, 25431, 25621, 25812, 26002, 26193, 26384, 26574, 26729)
    )
    with app.extensions["db"].transaction() as s:
        unit = s.scalar(select(Unit))
        assert (unit.name, unit.unit_type) == (UTHAI, "provincial")
        revisions = s.scalars(select(TargetRevision).order_by(TargetRevision.id)).all()
        assert len(revisions) == 18
        assert {(r.before, r.source, r.revised_at) for r in revisions} == {
            (None, "uthai_thani_2563_indicators.csv", NOW)
        }
        assert revisions[0].after == ["0", "0", "20", "0", "20", "30", "30", "30", "0", "10", "0", "10"]
        assert s.scalar(select(func.count()).select_from(MonthlyTarget)) == 18 * 12


def test_reimporting_the_same_file_changes_and_duplicates_nothing(app):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    before = snapshot(app)
    result = run(app, "import-plan", UTHAI_CSV)
    assert result.exit_code == 0
    assert result.stdout == summary_text(
        "uthai_thani_2563_indicators.csv", 2563, False, (0, 0, 8), (0, 0, 18), GAP_WARNINGS + [P12_WARNING]
    )
    assert snapshot(app) == before


def test_a_changed_target_appends_a_target_revision(app, tmp_path):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    table = uthai_table()
    table[11][col("m12")] = "27,000"  # line 12 = P07/5
    table[11][col("total")] = "27000"
    changed = write_csv(tmp_path / "uthai_revised.csv", table)
    app.extensions["clock"].advance(days=3)

    result = run(app, "import-plan", changed)
    assert result.exit_code == 0, result.output
    assert result.stdout == summary_text(
        "uthai_revised.csv", 2563, False, (0, 0, 8), (0, 1, 17), GAP_WARNINGS + [P12_WARNING]
    )
    with app.extensions["db"].transaction() as s:
        revisions = s.scalars(select(TargetRevision).order_by(TargetRevision.id)).all()
        assert len(revisions) == 19
        last = revisions[-1]
        old = [
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
        assert last.before == old
        assert last.after == old[:11] + ["27000"]
        assert (last.source, last.revised_at) == ("uthai_revised.csv", datetime(2026, 11, 28, 10, 0, tzinfo=BANGKOK))
        indicator = s.get(Indicator, last.indicator_id)
        assert (indicator.project.code, indicator.number) == ("P07", 5)
        assert [t.value for t in indicator.targets][-2:] == [Decimal(26574), Decimal(27000)]
        assert s.scalar(select(func.count()).select_from(MonthlyTarget)) == 18 * 12


def test_a_changed_name_and_weight_update_without_a_revision(app, tmp_path):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    table = uthai_table()
    table[2][col("indicator_name")] = "ร้อยละความพึงพอใจ (แก้ไข)"  # P03/1
    table[2][col("project_name")] = table[3][col("project_name")] = "โครงการเสริมสร้างสมรรถนะบุคลากร (ใหม่)"
    result = run(app, "import-plan", write_csv(tmp_path / "renamed.csv", table))
    assert result.exit_code == 0
    assert "โครงการ: สร้างใหม่ 0, แก้ไข 1, ไม่เปลี่ยนแปลง 7\nตัวชี้วัด: สร้างใหม่ 0, แก้ไข 1, ไม่เปลี่ยนแปลง 17\n" in result.stdout
    content = plan_content(app)
    assert (content[1][3], content[1][5]) == ("โครงการเสริมสร้างสมรรถนะบุคลากร (ใหม่)", "ร้อยละความพึงพอใจ (แก้ไข)")
    with app.extensions["db"].transaction() as s:
        assert s.scalar(select(func.count()).select_from(TargetRevision)) == 18


def test_indicators_missing_from_a_later_file_are_kept_and_named(app, tmp_path):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    table = uthai_table()[:-2]  # without P12
    result = run(app, "import-plan", write_csv(tmp_path / "no_p12.csv", table))
    assert result.exit_code == 0
    assert result.stdout == summary_text(
        "no_p12.csv",
        2563,
        False,
        (0, 0, 7),
        (0, 0, 16),
        GAP_WARNINGS
        + [
            "- ตัวชี้วัด P12/1 ปี 2563 มีอยู่ในระบบแต่ไม่มีในไฟล์ — ไม่ได้ลบออก",
            "- ตัวชี้วัด P12/2 ปี 2563 มีอยู่ในระบบแต่ไม่มีในไฟล์ — ไม่ได้ลบออก",
        ],
    )
    assert len(plan_content(app)) == 18


def test_year_be_override_loads_the_plan_as_another_year(app):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    result = run(app, "import-plan", UTHAI_CSV, "--year-be", 2569)
    assert result.exit_code == 0
    assert result.stdout == summary_text(
        "uthai_thani_2563_indicators.csv", 2569, False, (8, 0, 0), (18, 0, 0), GAP_WARNINGS + [P12_WARNING]
    )
    plan_2569 = plan_content(app, 2569)
    assert [r[1:] for r in plan_2569] == [(2569,) + r[2:] for r in plan_content(app, 2563)]
    with app.extensions["db"].transaction() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 1
        assert s.scalars(select(Project.year_be).distinct().order_by(Project.year_be)).all() == [2563, 2569]


def test_year_be_override_must_be_a_be_year(app):
    result = run(app, "import-plan", UTHAI_CSV, "--year-be", 2026)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "ปี 2026 ไม่ใช่ปีพุทธศักราช (ต้องอยู่ระหว่าง 2500–2700)"


def test_unknown_unit_is_created_and_named(app, tmp_path):
    assert run(app, "import-units").exit_code == 0
    table = uthai_table()
    for row in table[1:]:
        row[col("unit")] = "สาขาทดลองใหม่"
    result = run(app, "import-plan", write_csv(tmp_path / "new_unit.csv", table))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "หน่วยงานที่สร้างใหม่: สาขาทดลองใหม่"
    # the Uthai Thani office is known from the unit list: not created again
    assert "หน่วยงานที่สร้างใหม่" not in run(app, "import-plan", UTHAI_CSV).stdout
    with app.extensions["db"].transaction() as s:
        unit = s.scalar(select(Unit).where(Unit.name == "สาขาทดลองใหม่"))
        assert (unit.unit_type, unit.parent_id) == ("branch", None)
        assert s.scalar(select(func.count()).select_from(Unit)) == 180


def test_thai_digits_thousands_commas_and_bom_are_read(app, tmp_path):
    table = uthai_table()
    table[11][col("m01")] = "๒๔,๖๖๘"
    table[11][col("total")] = "๒๖,๗๒๙"
    table[7][col("m05")] = " 84.00 "
    result = run(app, "import-plan", write_csv(tmp_path / "thai.csv", table, bom=True))
    assert result.exit_code == 0, result.output
    assert plan_content(app) == plan_content_of_original(tmp_path)


def plan_content_of_original(tmp_path) -> list[tuple]:
    app = create_app(
        {
            "DATABASE_URL": "sqlite:///" + str(tmp_path / "orig.db"),
            "LINE_CHANNEL_SECRET": "s",
            "LINE_CHANNEL_ACCESS_TOKEN": "t",
            "LINE_API_BASE_URL": "http://127.0.0.1:9",
            "CLOCK": FixedClock(NOW),
        }
    )
    app.extensions["db"].upgrade()
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    try:
        return plan_content(app)
    finally:
        app.extensions["db"].dispose()


def test_a_printed_total_that_does_not_fit_is_a_warning(app, tmp_path):
    table = uthai_table()
    table[12][col("total")] = "90"  # P07/6: 96 every month
    result = run(app, "import-plan", write_csv(tmp_path / "total.csv", table))
    assert result.exit_code == 0
    assert result.stdout == summary_text(
        "total.csv",
        2563,
        True,
        (8, 0, 0),
        (18, 0, 0),
        GAP_WARNINGS[:2]
        + [
            "- ตัวชี้วัด P07/6 (ร้อยละของจำนวนข้อร้องเรียนของผู้ประกันตนในระบบประกันสังคมที่…): "
            "ยอดรวมที่พิมพ์ 90 ไม่ตรงกับเป้าหมายรายเดือน — ประเภทร้อยละรายเดือน (เฉลี่ยทุกเดือน) ควรได้ 96"
        ]
        + GAP_WARNINGS[2:]
        + [P12_WARNING],
    )


# ---------------------------------------------------------------- bad files: exact line, nothing written


def _set(line: int, column: str, value: str):
    def mutate(table):
        table[line - 1][col(column)] = value

    return mutate


def _drop_column(column: str):
    def mutate(table):
        i = col(column)
        for row in table:
            del row[i]

    return mutate


def _add_kind(line: int, value: str):
    def mutate(table):
        table[0].append("kind")
        for row in table[1:]:
            row.append("")
        table[line - 1][-1] = value

    return mutate


def _duplicate(source_line: int):
    def mutate(table):
        table.append(list(table[source_line - 1]))

    return mutate


def _shift_row(line: int):
    def mutate(table):
        table[line - 1].insert(col("m01"), "0.00")

    return mutate


def _multiline_name_then(line: int, column: str, value: str):
    """A quoted name spanning two physical lines in row 3, then a bad cell in a later row."""

    def mutate(table):
        table[2][col("indicator_name")] = "ร้อยละความพึงพอใจ\nในการนำความรู้ไปใช้"
        table[line - 1][col(column)] = value

    return mutate


BAD_FILES = [
    ("missing column", _drop_column("m05"), 1, "ไม่มีคอลัมน์ที่จำเป็น: m05"),
    ("year not BE", _set(5, "year_be", "2020"), 5, "ปี 2020 ไม่ใช่ปีพุทธศักราช (ต้องอยู่ระหว่าง 2500–2700 เช่น 2563)"),
    ("year not a number", _set(6, "year_be", "ปี63"), 6, "ปี พ.ศ. ต้องเป็นจำนวนเต็ม (พบ 'ปี63')"),
    ("month not a number", _set(8, "m03", "abc"), 8, "เป้าหมายเดือน มี.ค. (m03) ไม่ใช่ตัวเลข (พบ 'abc')"),
    ("decimal comma", _set(9, "m12", "95,5"), 9, "เป้าหมายเดือน ธ.ค. (m12) ไม่ใช่ตัวเลข (พบ '95,5')"),
    (
        "negative target",
        _set(10, "m02", "-5"),
        10,
        "เป้าหมายเดือน ก.พ. (m02) ติดลบ (-5) — ติดลบได้เฉพาะตัวชี้วัดประเภท pp_change",
    ),
    (
        "unknown kind",
        _add_kind(3, "sum"),
        3,
        "ไม่รู้จักประเภทตัวชี้วัด 'sum' (ใช้ได้: count, stock, pct_cum, pct_monthly, level, pass_fail, "
        "pp_change และเติม :lower ได้เมื่อค่าน้อยดีกว่า)",
    ),
    ("duplicate indicator", _duplicate(12), 20, "ตัวชี้วัด P07/5 ของสำนักงานประกันสังคมจังหวัดอุทัยธานี ปี 2563 ซ้ำกับบรรทัด 12"),
    ("weight missing", _set(4, "weight_pct", ""), 4, "ไม่ได้กรอกน้ำหนักตัวชี้วัด (คอลัมน์ weight_pct)"),
    ("weight over 100", _set(4, "weight_pct", "150"), 4, "น้ำหนักต้องอยู่ระหว่าง 0–100 (พบ 150)"),
    ("unit missing", _set(7, "unit", " "), 7, "ไม่ได้กรอกชื่อหน่วยงาน (คอลัมน์ unit)"),
    ("indicator_no not whole", _set(14, "indicator_no", "1.5"), 14, "ลำดับตัวชี้วัด ต้องเป็นจำนวนเต็ม (พบ '1.5')"),
    ("total not a number", _set(15, "total", "เจ็ด"), 15, "ยอดรวม (total) ไม่ใช่ตัวเลข (พบ 'เจ็ด')"),
    ("project name differs", _set(9, "project_name", "งานบริการอื่น"), 9, "ชื่อโครงการ P07 ไม่ตรงกับบรรทัด 8"),
    ("row shifted by a cell", _shift_row(16), 16, "มีข้อมูลเกินจำนวนคอลัมน์ของหัวตาราง (21 คอลัมน์) — ข้อมูลอาจเลื่อนช่อง"),
    (
        "line numbers count physical lines",
        _multiline_name_then(5, "m10", "x"),
        6,
        "เป้าหมายเดือน ต.ค. (m10) ไม่ใช่ตัวเลข (พบ 'x')",
    ),
]


@pytest.mark.parametrize("mutate,line_no,reason", [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_plan_file_names_the_line_and_writes_nothing(app, tmp_path, mutate, line_no, reason):
    assert run(app, "import-units").exit_code == 0
    before = snapshot(app)
    table = uthai_table()
    mutate(table)
    result = run(app, "import-plan", write_csv(tmp_path / "bad.csv", table))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"บรรทัด {line_no}: {reason}\nไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่\n"
    assert snapshot(app) == before


def test_a_failure_half_way_through_the_import_leaves_nothing(app, monkeypatch):
    import files.plan_import as plan_store

    real = plan_store.targets_as_strings
    calls = []

    def failing(values):
        calls.append(1)
        if len(calls) == 10:
            raise RuntimeError("disk full")
        return real(values)

    monkeypatch.setattr(plan_store, "targets_as_strings", failing)
    before = snapshot(app)
    result = run(app, "import-plan", UTHAI_CSV)
    assert result.exit_code == 1 and isinstance(result.exception, RuntimeError)
    assert snapshot(app) == before


def test_not_a_plan_file(app, tmp_path):
    other = tmp_path / "plan.txt"
    other.write_text("x", encoding="utf-8")
    result = run(app, "import-plan", other)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "ไม่รองรับไฟล์ชนิด '.txt' (ใช้ได้เฉพาะ .csv และ .xlsx)")
    empty = write_csv(tmp_path / "empty.csv", [uthai_table()[0]])
    result = run(app, "import-plan", empty)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, "บรรทัด 2: ไม่มีแถวตัวชี้วัดในไฟล์ (มีแต่หัวตาราง)")


# ---------------------------------------------------------------- xlsx


def write_xlsx(path: Path, table: list[list[str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(table[0])
    for row in table[1:]:
        cells = []
        for name, value in zip(table[0], row):
            if name in ("year_be", "indicator_no") or name.startswith("m") or name in ("weight_pct", "total"):
                number = Decimal(value)
                cells.append(int(number) if number == number.to_integral_value() else float(number))
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(path)
    return path


def test_xlsx_imports_the_same_as_csv(app, tmp_path):
    path = write_xlsx(tmp_path / "uthai.xlsx", uthai_table())
    result = run(app, "import-plan", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == FIRST_IMPORT.replace("uthai_thani_2563_indicators.csv", "uthai.xlsx")
    assert plan_content(app) == plan_content_of_original(tmp_path)
    # and re-importing the CSV after the XLSX finds nothing to change
    again = run(app, "import-plan", UTHAI_CSV)
    assert "ตัวชี้วัด: สร้างใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 18\n" in again.stdout


def test_xlsx_errors_name_the_spreadsheet_row(app, tmp_path):
    path = write_xlsx(tmp_path / "uthai.xlsx", uthai_table())
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active.cell(row=13, column=col("m04") + 1, value="ไม่ทราบ")
    book.save(path)
    result = run(app, "import-plan", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "บรรทัด 13: เป้าหมายเดือน เม.ย. (m04) ไม่ใช่ตัวเลข (พบ 'ไม่ทราบ')"


# ---------------------------------------------------------------- units


def test_import_units_maps_types_and_parents_and_is_idempotent(app):
    result = run(app, "import-units")
    assert result.exit_code == 0, result.output
    assert result.stdout == "นำเข้าหน่วยงานจากไฟล์ sso_units.csv เรียบร้อยแล้ว: สร้างใหม่ 179, แก้ไข 0, ไม่เปลี่ยนแปลง 0\n"
    with app.extensions["db"].transaction() as s:
        counts = dict(s.execute(select(Unit.unit_type, func.count()).group_by(Unit.unit_type)).all())
        assert counts == {
            "provincial": 76,
            "branch": 42,
            "bangkok_area": 12,
            "central": 37,
            "grouping": 7,
            "external": 4,
            "other": 1,
        }
        units = {u.name: u for u in s.scalars(select(Unit))}

        def parent(name):
            p = units[name].parent
            return p.name if p else None

        assert parent(UTHAI) == "ภาคเหนือ"
        assert parent("ภาคเหนือ") == "ส่วนภูมิภาค"
        assert parent("ส่วนภูมิภาค") is None  # "สำนักงานประกันสังคม" is not a unit of the list
        assert parent("สาขาท่ามะกา") == "สำนักงานประกันสังคมจังหวัดกาญจนบุรี"
        assert parent("กลุ่มงานนโยบายและแผน") == "กองนโยบายและแผนงาน"
        assert parent("สำนักงานประกันสังคมกรุงเทพมหานครเขตพื้นที่ 7") == "กรุงเทพมหานคร"
        assert parent("สาขาแม่สอด") is None
        assert parent("สำนักงานงบประมาณ") is None
        assert units["กองคลัง"].unit_type == "central" and units["กองคลัง"].abbreviation == "กค."
        assert units["ศูนย์ฟื้นฟูสมรรถภาพคนงานประจำภาค"].unit_type == "other"
    before = snapshot(app)
    again = run(app, "import-units", REPO / "data" / "sso_units.csv")
    assert again.stdout == "นำเข้าหน่วยงานจากไฟล์ sso_units.csv เรียบร้อยแล้ว: สร้างใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 179\n"
    assert snapshot(app) == before


def test_units_after_the_plan_complete_the_unit_the_plan_created(app):
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    result = run(app, "import-units")
    assert result.stdout == (
        f"นำเข้าหน่วยงานจากไฟล์ sso_units.csv เรียบร้อยแล้ว: สร้างใหม่ 178, แก้ไข 1, ไม่เปลี่ยนแปลง 0\nหน่วยงานที่แก้ไข: {UTHAI}\n"
    )
    with app.extensions["db"].transaction() as s:
        uthai = s.scalar(select(Unit).where(Unit.name == UTHAI))
        assert (uthai.unit_type, uthai.parent.name) == ("provincial", "ภาคเหนือ")
        assert s.scalar(select(func.count()).select_from(Project).where(Project.unit_id == uthai.id)) == 8


def test_bundled_data_files_match_the_shared_seed_data():
    shared = Path("/work/shared/data")
    if not shared.exists():
        pytest.skip("shared seed data not mounted")
    for name in ("sso_units.csv", "uthai_thani_2563_indicators.csv"):
        assert (REPO / "data" / name).read_bytes() == (shared / name).read_bytes()


def test_names_from_pdf_made_plans_lose_stray_spaces_when_the_plan_is_read(app, db):
    """The Uthai Thani form was copied out of a PDF: spaces where its lines wrapped."""
    from models import Indicator

    result = run(app, "import-plan", UTHAI_CSV)
    assert result.exit_code == 0, result.output
    with db.transaction() as s:
        names = {i.name for i in s.query(Indicator)}
    assert "ร้อยละของจำนวนผู้ประกันตนส่งเงินสมทบที่นายจ้างส่งผ่าน ระบบอินเทอร์เน็ต" in names
    assert "ความสำเร็จในการปิดและส่งงบการเงินกองทุนประกันสังคม" in names
    assert "จำนวนผู้ประกันตน มาตรา 33 และมาตรา 39" in names  # spaces around numbers stay
