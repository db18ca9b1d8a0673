"""`flask import-results`: reported values in bulk, checked as the chat checks them, all or nothing."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.clock import BANGKOK
from bot.demo import load_demo_data
from models import ReportedValue, ValueHistory

from .test_officers_import import write
from .test_plan_import import run
from .test_status_chat import UTHAI, indicator_id, report

HEADER = ["unit", "year_be", "project_code", "indicator_no", "month", "value", "note"]


def values(db) -> dict:
    with db.transaction() as s:
        return {
            (v.indicator_id, v.month): (v.value, v.note, v.on_time, v.source) for v in s.scalars(select(ReportedValue))
        }


def history(db) -> list[tuple]:
    with db.transaction() as s:
        return [
            (h.indicator_id, h.month, h.new_value, h.source)
            for h in s.scalars(select(ValueHistory).order_by(ValueHistory.id))
        ]


@pytest.fixture
def plan(app, db, clock):
    load_demo_data(db, clock.now())
    return app


def ids(db, *refs: str) -> list[int]:
    with db.transaction() as s:
        return [indicator_id(s, ref.split("/")[0], int(ref.split("/")[1])) for ref in refs]


def test_import_results_loads_values_as_imported(plan, db, tmp_path):
    path = write(
        tmp_path / "results.csv",
        [
            HEADER,
            [UTHAI, "2569", "P01", "1", "3", "20", ""],
            [UTHAI, "2569", "P01", "1", "5", "๑๕", "ผู้ป่วยน้อย"],
            [UTHAI, "2569", "P07", "1", "1", "ร้อยละ 80", ""],
            [UTHAI, "2569", "P07", "3", "2", "1,250", ""],
            [UTHAI, "2569", "P09", "2", "8", "7", ""],
        ],
    )
    result = run(plan, "import-results", path)
    assert result.exit_code == 0, result.output
    assert "ใหม่ 5, แก้ไข 0, ไม่เปลี่ยนแปลง 0" in result.stdout
    p01, p07_1, p07_3, p09_2 = ids(db, "P01/1", "P07/1", "P07/3", "P09/2")
    assert values(db) == {
        (p01, 3): (Decimal("20"), None, True, "import"),
        (p01, 5): (Decimal("15"), "ผู้ป่วยน้อย", True, "import"),
        (p07_1, 1): (Decimal("80"), None, True, "import"),
        (p07_3, 2): (Decimal("1250"), None, True, "import"),
        (p09_2, 8): (Decimal("7"), None, True, "import"),
    }
    assert {h[3] for h in history(db)} == {"import"} and len(history(db)) == 5
    # the status counts them: P01 to October 35 of 140
    assert "| เป้า 140 ราย | ผล 35 ราย | ร้อยละ 25 | ต่ำ |" in run(plan, "status", "--unit", UTHAI, "--ytd", "2569").stdout

    again = run(plan, "import-results", path)  # the same file again changes nothing
    assert "ใหม่ 0, แก้ไข 0, ไม่เปลี่ยนแปลง 5" in again.stdout and len(history(db)) == 5


def test_import_results_updates_with_history_and_reads_reported_at(plan, db, tmp_path):
    (p01,) = ids(db, "P01/1")
    report(db, {"P01/1": "9"}, month=10, on_time=False)
    path = write(
        tmp_path / "results.csv",
        [
            HEADER + ["reported_at"],
            [UTHAI, "2569", "P01", "1", "10", "10", "", ""],
            [UTHAI, "2569", "P01", "1", "7", "30", "", "2026-08-05"],
            [UTHAI, "2569", "P01", "1", "8", "30", "", "2026-09-06 08:00"],
            [UTHAI, "2569", "P01", "1", "2", "3", "", ""],
        ],
    )
    result = run(plan, "import-results", path)
    assert result.exit_code == 0, result.output
    assert "ใหม่ 3, แก้ไข 1" in result.stdout
    assert "บรรทัด 5: P01/1 ไม่มีเป้าหมายเดือนนี้" in result.stdout
    got = values(db)
    assert got[(p01, 10)] == (Decimal("10"), None, False, "chat")  # a late value stays late
    assert got[(p01, 7)][2] is True and got[(p01, 8)][2] is False  # by the 5th / after it
    with db.transaction() as s:
        august = s.scalar(select(ReportedValue).where(ReportedValue.indicator_id == p01, ReportedValue.month == 8))
        assert august.reported_at == datetime(2026, 9, 6, 8, 0, tzinfo=BANGKOK)
    assert [h[3] for h in history(db)] == ["chat", "import", "import", "import", "import"]


@pytest.mark.parametrize(
    "row, message",
    [
        ([UTHAI, "2569", "P01", "1", "10", "-5", ""], "บรรทัด 3: P01/1: ผลของตัวชี้วัดนี้ติดลบไม่ได้"),
        ([UTHAI, "2569", "P01", "1", "10", "2.5", ""], "บรรทัด 3: P01/1: ตัวชี้วัดนี้นับเป็นราย ต้องเป็นจำนวนเต็ม"),
        ([UTHAI, "2569", "P01", "1", "10", "80%", ""], "บรรทัด 3: P01/1: ตัวชี้วัดนี้นับเป็นราย ไม่ใช่ร้อยละ"),
        ([UTHAI, "2569", "P07", "1", "10", "120", ""], "บรรทัด 3: P07/1: ร้อยละต้องไม่เกิน 100"),
        ([UTHAI, "2569", "P09", "2", "8", "9", ""], "บรรทัด 3: P09/2: ระดับต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 7"),
        ([UTHAI, "2569", "P01", "1", "10", "ไม่ทราบ", ""], "อ่านผล 'ไม่ทราบ' เป็นตัวเลขไม่ได้"),
        ([UTHAI, "2569", "P01", "1", "10", "สิบหรือสิบเอ็ด", ""], "พบตัวเลขมากกว่าหนึ่งค่า"),
        ([UTHAI, "2569", "P01", "1", "10", "", ""], "ไม่ได้กรอกผล"),
        ([UTHAI, "2569", "P01", "1", "10", "2", ""], "ต้องระบุปัญหา/อุปสรรคในคอลัมน์ note"),
        ([UTHAI, "2569", "P01", "1", "13", "2", ""], "เดือนต้องเป็น 1–12"),
        ([UTHAI, "2569", "P01", "1", "12", "2", "x"], "เดือนธันวาคม 2569 ยังไม่เริ่ม"),
        ([UTHAI, "2569", "P99", "1", "10", "2", ""], "ไม่พบตัวชี้วัด P99/1"),
        (["สาขาที่ไม่มี", "2569", "P01", "1", "10", "2", ""], "ไม่พบตัวชี้วัด P01/1 ของสาขาที่ไม่มี"),
        ([UTHAI, "๒๕๖๙", "P01", "หนึ่ง", "10", "2", ""], "ลำดับตัวชี้วัด (indicator_no) ต้องเป็นจำนวนเต็ม"),
    ],
)
def test_import_results_refuses_bad_rows_and_writes_nothing(plan, db, tmp_path, row, message):
    path = write(tmp_path / "results.csv", [HEADER, [UTHAI, "2569", "P01", "1", "3", "20", ""], row])
    result = run(plan, "import-results", path)
    assert result.exit_code == 1
    assert message in result.stderr and "ไม่ได้บันทึกข้อมูลใด ๆ" in result.stderr
    assert values(db) == {} and history(db) == []


def test_import_results_lists_every_problem_by_line(plan, db, tmp_path):
    path = write(
        tmp_path / "results.csv",
        [
            HEADER,
            [UTHAI, "2569", "P01", "1", "3", "20", ""],
            [UTHAI, "2569", "P01", "1", "3", "21", ""],
            [UTHAI, "2569", "P07", "6", "1", "ร้อยละ 101", ""],
            [UTHAI, "2569", "P07", "4", "1", "ผ่าน", ""],
        ],
    )
    result = run(plan, "import-results", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "บรรทัด 3: P01/1 เดือนมีนาคม 2569 ซ้ำกับบรรทัด 2",
        "บรรทัด 4: P07/6: ร้อยละต้องไม่เกิน 100",
    ]
    assert "บรรทัด 5" in result.stderr  # a count (เดือน) is not a pass/fail answer
    assert values(db) == {}


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["unit", "year_be", "project_code", "month", "value"]], "ไม่มีคอลัมน์ที่จำเป็น: indicator_no"),
        ([HEADER], "ไม่มีผลการดำเนินงานในไฟล์"),
    ],
)
def test_import_results_bad_files(plan, db, tmp_path, rows, message):
    result = run(plan, "import-results", write(tmp_path / "results.csv", rows))
    assert result.exit_code == 1 and message in result.stderr
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ValueHistory)) == 0


def test_import_results_reported_at_problems(plan, db, tmp_path):
    path = write(
        tmp_path / "results.csv",
        [
            HEADER + ["reported_at"],
            [UTHAI, "2569", "P01", "1", "3", "20", "", "5 เม.ย."],
            [UTHAI, "2569", "P01", "1", "5", "20", "", "2027-01-01"],
        ],
    )
    result = run(plan, "import-results", path)
    assert "บรรทัด 2: reported_at '5 เม.ย.' ไม่ใช่วันที่" in result.stderr
    assert "บรรทัด 3: reported_at 2027-01-01 เป็นเวลาในอนาคต" in result.stderr
    assert values(db) == {}
