"""`flask import-officers`: officers and the indicators each one reports (files.officers_import)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Indicator, Officer, Project, Responsibility
from tests.test_plan_import import UTHAI, UTHAI_CSV, run, snapshot  # noqa: F401 (fixture)

HEADER = ["officer_key", "display_name", "unit", "role", "indicators"]
OFFICERS = [
    HEADER,
    ["somchai", "สมชาย ใจดี", UTHAI, "officer", "P07/1;P07/5"],
    ["somsri", "สมศรี รักงาน", UTHAI, "officer", "P01/1; p03/2 ;P03/2"],
    ["head1", "หัวหน้าฝ่ายบริหารงานทั่วไป", UTHAI, "supervisor", ""],
    ["plan1", "งานแผน", UTHAI, "planner", ""],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def responsibilities(app) -> dict[str, list[str]]:
    with app.extensions["db"].transaction() as s:
        rows = s.execute(
            select(Officer.key, Project.year_be, Project.code, Indicator.number)
            .join(Responsibility, Responsibility.officer_id == Officer.id)
            .join(Indicator, Indicator.id == Responsibility.indicator_id)
            .join(Project, Project.id == Indicator.project_id)
            .order_by(Officer.key, Project.code, Indicator.number)
        ).all()
    result: dict[str, list[str]] = {}
    for key, year, code, number in rows:
        result.setdefault(key, []).append(f"{year} {code}/{number}")
    return result


def officers(app) -> list[tuple]:
    with app.extensions["db"].transaction() as s:
        return [
            (o.key, o.display_name, o.unit.name, o.role, o.line_user_id)
            for o in s.scalars(select(Officer).order_by(Officer.key))
        ]


@pytest.fixture
def planned(app):
    assert run(app, "import-units").exit_code == 0
    assert run(app, "import-plan", UTHAI_CSV).exit_code == 0
    return app


def test_officers_and_their_indicators_are_imported(planned, tmp_path):
    result = run(planned, "import-officers", write(tmp_path / "officers.csv", OFFICERS))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "นำเข้าเจ้าหน้าที่จากไฟล์ officers.csv เรียบร้อยแล้ว: สร้างใหม่ 4, แก้ไข 0, ไม่เปลี่ยนแปลง 0, ตัวชี้วัดที่มอบหมายรวม 4\n"
    )
    assert officers(planned) == [
        ("head1", "หัวหน้าฝ่ายบริหารงานทั่วไป", UTHAI, "supervisor", None),
        ("plan1", "งานแผน", UTHAI, "planner", None),
        ("somchai", "สมชาย ใจดี", UTHAI, "officer", None),
        ("somsri", "สมศรี รักงาน", UTHAI, "officer", None),
    ]
    assert responsibilities(planned) == {
        "somchai": ["2563 P07/1", "2563 P07/5"],
        "somsri": ["2563 P01/1", "2563 P03/2"],
    }


def test_indicators_resolve_in_the_latest_plan_year_of_the_unit(planned, tmp_path):
    assert run(planned, "import-plan", UTHAI_CSV, "--year-be", 2569).exit_code == 0
    assert run(planned, "import-officers", write(tmp_path / "o.csv", OFFICERS)).exit_code == 0
    assert responsibilities(planned) == {
        "somchai": ["2569 P07/1", "2569 P07/5"],
        "somsri": ["2569 P01/1", "2569 P03/2"],
    }


def test_reimport_updates_the_officer_replaces_responsibilities_and_keeps_the_line_binding(planned, tmp_path):
    assert run(planned, "import-officers", write(tmp_path / "o.csv", OFFICERS)).exit_code == 0
    with planned.extensions["db"].transaction() as s:
        s.scalar(select(Officer).where(Officer.key == "somchai")).line_user_id = "U1234567890abcdef"

    before = snapshot(planned)
    same = run(planned, "import-officers", write(tmp_path / "o.csv", OFFICERS))
    assert same.stdout == (
        "นำเข้าเจ้าหน้าที่จากไฟล์ o.csv เรียบร้อยแล้ว: สร้างใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 4, ตัวชี้วัดที่มอบหมายรวม 4\n"
    )
    assert snapshot(planned) == before

    changed = [row[:] for row in OFFICERS]
    changed[1] = ["somchai", "สมชาย ใจดีมาก", UTHAI, "officer", "P07/5;P07/6"]
    result = run(planned, "import-officers", write(tmp_path / "o2.csv", changed))
    assert result.exit_code == 0
    assert result.stdout == (
        "นำเข้าเจ้าหน้าที่จากไฟล์ o2.csv เรียบร้อยแล้ว: สร้างใหม่ 0, แก้ไข 1, ไม่เปลี่ยนแปลง 3, ตัวชี้วัดที่มอบหมายรวม 4\n"
    )
    assert officers(planned)[2] == ("somchai", "สมชาย ใจดีมาก", UTHAI, "officer", "U1234567890abcdef")
    assert responsibilities(planned)["somchai"] == ["2563 P07/5", "2563 P07/6"]


def test_an_officer_without_indicators_is_a_warning(planned, tmp_path):
    rows = OFFICERS[:2] + [["new1", "เจ้าหน้าที่ใหม่", UTHAI, "officer", ""]]
    result = run(planned, "import-officers", write(tmp_path / "o.csv", rows))
    assert result.exit_code == 0
    assert result.stdout == (
        "นำเข้าเจ้าหน้าที่จากไฟล์ o.csv เรียบร้อยแล้ว: สร้างใหม่ 2, แก้ไข 0, ไม่เปลี่ยนแปลง 0, "
        "ตัวชี้วัดที่มอบหมายรวม 2\n"
        "ข้อสังเกต 1 รายการ:\n"
        "- บรรทัด 3: เจ้าหน้าที่ใหม่ (new1) ยังไม่มีตัวชี้วัดที่รับผิดชอบ\n"
    )


def _line(n: int, row: list[str]):
    def mutate(rows):
        rows[n - 1] = row

    return mutate


BAD = [
    (
        "unknown unit",
        _line(3, ["somsri", "สมศรี", "สำนักงานประกันสังคมจังหวัดไม่มีจริง", "officer", "P01/1"]),
        3,
        "ไม่พบหน่วยงาน 'สำนักงานประกันสังคมจังหวัดไม่มีจริง' ในระบบ (กรุณานำเข้าหน่วยงานหรือแผนของหน่วยงานก่อน)",
    ),
    (
        "unit without a plan",
        _line(4, ["x1", "ก", "สาขาท่ามะกา", "officer", "P01/1"]),
        4,
        "สาขาท่ามะกา ยังไม่มีแผนในระบบ จึงกำหนดตัวชี้วัด P01/1 ไม่ได้ (กรุณานำเข้าแผนก่อน)",
    ),
    (
        "unknown indicator",
        _line(3, ["somsri", "สมศรี", UTHAI, "officer", "P01/1;P02/1"]),
        3,
        f"ไม่พบตัวชี้วัด P02/1 ในแผนปี 2563 ของ{UTHAI}",
    ),
    (
        "bad indicator reference",
        _line(2, ["somchai", "สมชาย", UTHAI, "officer", "P07-1"]),
        2,
        "รูปแบบตัวชี้วัด 'P07-1' ไม่ถูกต้อง (ต้องเป็น รหัสโครงการ/ลำดับตัวชี้วัด เช่น P07/5)",
    ),
    (
        "bad role",
        _line(5, ["plan1", "งานแผน", UTHAI, "admin", ""]),
        5,
        "บทบาท 'admin' ไม่ถูกต้อง (ใช้ได้: officer, supervisor, planner)",
    ),
    (
        "supervisor with indicators",
        _line(4, ["head1", "หัวหน้า", UTHAI, "supervisor", "P07/1"]),
        4,
        "บทบาท supervisor ไม่ต้องระบุตัวชี้วัด (ตัวชี้วัดกำหนดให้เฉพาะบทบาท officer)",
    ),
    ("duplicate key", _line(5, ["somchai", "สมชาย 2", UTHAI, "officer", "P07/1"]), 5, "รหัสเจ้าหน้าที่ somchai ซ้ำกับบรรทัด 2"),
    (
        "display name missing",
        _line(3, ["somsri", "", UTHAI, "officer", "P01/1"]),
        3,
        "ไม่ได้กรอกชื่อที่แสดง (คอลัมน์ display_name)",
    ),
    ("missing column", lambda rows: [r.pop(3) for r in rows], 1, "ไม่มีคอลัมน์ที่จำเป็น: role"),
]


@pytest.mark.parametrize("mutate,line_no,reason", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_officers_file_names_the_line_and_writes_nothing(planned, tmp_path, mutate, line_no, reason):
    # officers already there from an earlier import must stay exactly as they were
    assert run(planned, "import-officers", write(tmp_path / "first.csv", OFFICERS[:2])).exit_code == 0
    before = snapshot(planned)
    rows = [row[:] for row in OFFICERS]
    rows[1] = ["somchai", "สมชาย (ย้ายงาน)", UTHAI, "officer", "P12/1"]  # a valid change on line 2
    mutate(rows)
    result = run(planned, "import-officers", write(tmp_path / "bad.csv", rows))
    assert result.exit_code == 1
    assert result.stderr == f"บรรทัด {line_no}: {reason}\nไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่\n"
    assert snapshot(planned) == before
