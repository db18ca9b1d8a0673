"""`flask status` (text, JSON, CSV; a unit or --all) and the status queries (models.status_queries)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bot.demo import load_demo_data
from models.status_queries import load_status_data

from . import factories as F
from .statements import counted
from .test_plan_import import run
from .test_status_chat import BRANCH, UTHAI, report


@pytest.fixture
def uthai(app, db, clock):
    load_demo_data(db, clock.now())
    report(db, {"P01/1": "12"}, on_time=True)
    report(db, {"P04/1": "30", "P04/2": "1", "P07/1": "80", "P07/2": "95", "P07/3": "124", "P07/5": "26384"})
    return app


# --------------------------------------------------------------------------------------------
# flask status


def test_status_text_for_a_unit(uthai):
    result = run(uthai, "status", "--unit", UTHAI)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี — ผลการดำเนินงาน ตุลาคม 2569\n")
    assert "การรายงานผล: ตรงเวลา 1 · ล่าช้า 6 · ยังไม่ส่ง 3" in out
    assert "ระดับงาน/โครงการ: ดี 1 · ปานกลาง 1 · ต่ำ 2 · ยังไม่มีเป้าหมาย 4" in out
    assert "P07 งานบริการกองทุนประกันสังคม ณ หน่วยบริการ — ร้อยละเฉลี่ย 70 · ปานกลาง" in out
    assert "P01/1 จำนวนผู้ประกันตนที่ได้รับของเยี่ยม" in out and "| เป้า 10 ราย | ผล 12 ราย | ร้อยละ 120 | ดี | น้ำหนัก 100" in out
    assert "P07/4 ความสำเร็จในการปิดและส่งงบการเงินกองทุนประกันสังคม | เป้า 1 เดือน | ผล - | - | ยังไม่ส่งผล" in out
    assert "ยังไม่ส่ง: ต.ค." in out


def test_status_by_part_of_the_name_and_other_periods(uthai):
    ytd = run(uthai, "status", "--unit", "อุทัยธานี", "--ytd", "2569")
    assert ytd.exit_code == 0 and "ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)" in ytd.stdout
    assert "| เป้า 140 ราย | ผล 12 ราย | ร้อยละ 9 | ต่ำ |" in ytd.stdout
    quarter = run(uthai, "status", "--unit", UTHAI, "--quarter", "2569-Q3")
    assert quarter.exit_code == 0 and "ไตรมาส 3/2569 (ก.ค.–ก.ย.)" in quarter.stdout
    month = run(uthai, "status", "--unit", UTHAI, "--period", "2569-03")
    assert "ผลการดำเนินงาน มีนาคม 2569" in month.stdout and "P03/2" in month.stdout


def test_status_json_one_record_per_project_and_indicator(uthai):
    result = run(uthai, "status", "--unit", UTHAI, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scope"] == {"kind": "month", "key": "2569-10", "label": "ตุลาคม 2569", "year_be": 2569, "months": [10]}
    assert data["level_counts"] == {"green": 1, "yellow": 1, "red": 2, "no_target": 4}
    assert data["reporting"] == {
        "expected": 10,
        "on_time": 1,
        "late": 6,
        "missing": 3,
        "pending": 0,
        "before_go_live": 0,
        "completeness_pct": 70,
        "timeliness_pct": 10,
    }
    assert len(data["projects"]) == 8 and len(data["indicators"]) == 18
    p07 = next(p for p in data["projects"] if p["project_code"] == "P07")
    assert (p07["percent"], p07["level"], p07["level_th"], p07["weight_total"]) == (69.52, "yellow", "ปานกลาง", 100)
    p07_1 = next(i for i in data["indicators"] if i["project_code"] == "P07" and i["indicator_no"] == 1)
    assert {k: p07_1[k] for k in ("target", "result", "percent", "level", "kind", "weight_pct")} == {
        "target": 84,
        "result": 80,
        "percent": 95.24,
        "level": "yellow",
        "kind": "pct_cum",
        "weight_pct": 10,
    }
    p07_4 = next(i for i in data["indicators"] if i["project_code"] == "P07" and i["indicator_no"] == 4)
    assert (p07_4["result"], p07_4["percent"], p07_4["level"], p07_4["reports"]) == (
        None,
        None,
        "not_reported",
        {"10": "missing"},
    )
    p03 = next(p for p in data["projects"] if p["project_code"] == "P03")
    assert (p03["percent"], p03["level"]) == (None, "no_target")


def test_status_csv(uthai):
    result = run(uthai, "status", "--unit", UTHAI, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["record"] for r in rows].count("project") == 8
    assert [r["record"] for r in rows].count("indicator") == 18
    unit = rows[0]
    assert (unit["record"], unit["green"], unit["yellow"], unit["red"], unit["no_target"], unit["missing"]) == (
        "unit",
        "1",
        "1",
        "2",
        "4",
        "3",
    )
    p01 = next(r for r in rows if r["record"] == "indicator" and r["project_code"] == "P01")
    assert (p01["target"], p01["result"], p01["percent"], p01["level"], p01["level_th"], p01["on_time"]) == (
        "10",
        "12",
        "120",
        "green",
        "ดี",
        "1",
    )


def test_status_all_is_the_office_roll_up(uthai, db):
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        F.indicator(s, other, "P01", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    text = run(uthai, "status", "--all")
    assert text.exit_code == 0
    assert "5 งาน/โครงการ: ดี 1 ปานกลาง 1 ต่ำ 3 (ร้อยละ 20 / 20 / 60)" in text.stdout
    assert text.stdout.index("1. สำนักงานประกันสังคมจังหวัดอุทัยธานี: ยังไม่ส่ง 3") < text.stdout.index(
        "2. สำนักงานประกันสังคมจังหวัดชัยนาท: ยังไม่ส่ง 1"
    )
    data = json.loads(run(uthai, "status", "--all", "--format", "json").stdout)
    assert data["level_counts"] == {"green": 1, "yellow": 1, "red": 3, "no_target": 4}
    assert data["level_shares_pct"] == {"green": 20, "yellow": 20, "red": 60}
    assert data["units_missing"] == [UTHAI, BRANCH]
    assert {p["unit"] for p in data["projects"]} == {UTHAI, BRANCH} and len(data["indicators"]) == 19
    rows = list(csv.DictReader(io.StringIO(run(uthai, "status", "--all", "--format", "csv").stdout)))
    assert rows[0]["record"] == "office" and rows[0]["red"] == "3" and rows[0]["missing"] == "4"


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "--unit NAME หรือ --all"),
        (["--all", "--unit", UTHAI], "--unit NAME หรือ --all"),
        (["--all", "--period", "2569-10", "--ytd", "2569"], "เลือกได้อย่างเดียว"),
        (["--all", "--period", "2569-13"], "--period '2569-13' ไม่ถูกต้อง"),
        (["--all", "--quarter", "2569-10"], "--quarter '2569-10' ไม่ถูกต้อง"),
        (["--all", "--ytd", "2569-Q1"], "--ytd '2569-Q1' ไม่ถูกต้อง"),
    ],
)
def test_status_option_errors(uthai, args, message):
    result = run(uthai, "status", *args)
    assert result.exit_code == 2 and message in result.output


def test_status_unknown_or_ambiguous_unit(uthai, db):
    with db.transaction() as s:
        F.unit(s, "สำนักงานประกันสังคมจังหวัดอุทัยธานี สาขาทดลอง")
    assert "ไม่พบหน่วยงาน 'ไม่มี'" in run(uthai, "status", "--unit", "ไม่มี").stderr
    ambiguous = run(uthai, "status", "--unit", "อุทัย")
    assert ambiguous.exit_code == 1 and "ตรงกับหลายหน่วยงาน" in ambiguous.stderr
    assert run(uthai, "status", "--unit", UTHAI).exit_code == 0  # the exact name wins


def test_status_queries_are_a_fixed_number(uthai, db):
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        for n in range(1, 30):
            F.indicator(s, other, f"P{n:02d}", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    with counted(db.engine) as statements, db.transaction() as s:
        uthai_id = F.unit(s).id
        statements.clear()
        one = load_status_data(s, 2569, unit_id=uthai_id)
        one_unit = len(statements)
        everything = load_status_data(s, 2569)
        all_units = len(statements) - one_unit
        officer = load_status_data(s, 2569, officer_id=1)
        one_officer = len(statements) - one_unit - all_units
    assert (one_unit, all_units, one_officer) == (3, 3, 3)
    assert len(one[0].indicators) == 18 and sum(len(u.indicators) for u in everything) == 47
    assert len(officer) == 1
