"""The plan's structure in the plan file (issue 12): fund, strategy, กลยุทธ์, แผนงาน, kind,
budget, responsible unit, duration, master plan; optional, Thai headers accepted."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from files.plan_file import check_plan_file, read_plan_file
from models import Project

from . import eval_seed as S
from .test_plan_import import UTHAI_CSV, run

MONTHS = [f"m{m:02d}" for m in range(1, 13)]
BASE = [
    "unit",
    "year_be",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "weight_pct",
    "unit_of_measure",
    *MONTHS,
]


def write(path, header: list[str], rows: list[list]) -> str:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def row(code: str, number: int, *extra, weight=100):
    return [
        "กองนโยบายและแผนงาน",
        2567,
        code,
        f"โครงการ {code}",
        number,
        f"ตัวชี้วัด {number}",
        weight,
        "ครั้ง",
        *([0] * 11),
        4,
        *extra,
    ]


THAI_HEADER = BASE + [
    "กองทุน",
    "ยุทธศาสตร์ที่",
    "ชื่อยุทธศาสตร์",
    "กลยุทธ์",
    "ชื่อกลยุทธ์",
    "แผนงาน",
    "ประเภทโครงการ",
    "งบประมาณ (บาท)",
    "หน่วยงานรับผิดชอบ",
    "ระยะเวลาโครงการ",
    "แผนแม่บท",
]


def test_structure_under_thai_headers_given_once_per_project(tmp_path):
    path = write(
        tmp_path / "plan.csv",
        THAI_HEADER,
        [
            row(
                "P1",
                1,
                "กองทุนประกันสังคม",
                "ยุทธศาสตร์ที่ 2",
                "การสร้างพลัง",
                "กลยุทธ์ที่ 2.1",
                "การขับเคลื่อน",
                "พัฒนาข้อมูล",
                "โครงการเดิม",
                "1,236,000",
                "สบท.",
                "มกราคม - ธันวาคม 2567",
                "ชช.6 แผนแม่บทฯ 20",
                weight=50,
            ),
            row("P1", 2, *[""] * 11, weight=50),
            row("P2", 1, "WCF", "๒", "", "2.1", "", "", "งานประจำ", "ไม่มีงบประมาณ", "", "", ""),
        ],
    )
    plan = read_plan_file(path)
    assert plan.warnings == []
    p1, p2 = plan.info("กองนโยบายและแผนงาน", 2567, "P1"), plan.info("กองนโยบายและแผนงาน", 2567, "P2")
    assert (p1.fund, p1.strategy_no, p1.tactic_no, p1.budget_baht, p1.responsible_unit) == (
        "SSF",
        2,
        "2.1",
        Decimal("1236000"),
        "สบท.",
    )
    # the names given on P1's row name P2's numbers too
    assert (p2.fund, p2.strategy_no, p2.strategy_name, p2.tactic_name, p2.budget_baht) == (
        "WCF",
        2,
        "การสร้างพลัง",
        "การขับเคลื่อน",
        Decimal(0),
    )


def test_problems_name_their_line(tmp_path):
    header = BASE + ["fund", "strategy_no", "budget_baht"]
    path = write(
        tmp_path / "plan.csv",
        header,
        [
            row("P1", 1, "SSF", "4", "12,000"),
            row("P2", 1, "SSF", "1", "หนึ่งล้าน"),
            row("P3", 1, "กองทุนอื่น", "1", ""),
            row("P4", 1, "SSF", "สาม", ""),
            row("P1", 2, "SSF", "4", "13,000"),
        ],
    )
    plan, errors = check_plan_file(path)
    assert plan is None
    assert [str(e) for e in errors] == [
        "บรรทัด 3: งบประมาณไม่ใช่ตัวเลข (พบ 'หนึ่งล้าน') — กรอกเป็นบาท เช่น 1,236,000 หรือ ไม่มีงบประมาณ",
        "บรรทัด 4: กองทุน 'กองทุนอื่น' ไม่ถูกต้อง (ใช้ได้: กองทุนประกันสังคม, กองทุนเงินทดแทน, SSF หรือ WCF)",
        "บรรทัด 5: ยุทธศาสตร์ที่ ต้องเป็นตัวเลข เช่น 2 หรือ 1.1 (พบ 'สาม')",
        "บรรทัด 6: คอลัมน์ budget_baht ของโครงการ P1 ไม่ตรงกับบรรทัด 2 (กรอกครั้งเดียวต่อโครงการ หรือให้ตรงกันทุกแถว)",
    ]
    # what the columns cannot hold is a line-numbered error too (models.column_limits)
    big = write(
        tmp_path / "big.csv",
        BASE + ["strategy_no", "budget_baht", "project_type"],
        [row("P1", 1, "99999999999", "", ""), row("P2", 1, "1", "1" + "0" * 15, ""), row("P3", 1, "1", "", "ก" * 101)],
    )
    plan, errors = check_plan_file(big)
    assert [(e.line_no, e.reason.split(" (")[0]) for e in errors] == [
        (2, "ยุทธศาสตร์ที่ ใหญ่เกินไป"),
        (3, "งบประมาณใหญ่เกินไป"),
        (4, "ประเภทโครงการยาวเกิน 100 ตัวอักษร"),
    ]
    fine = write(tmp_path / "fine.csv", header, [row("P1", 1, "SSF", "4", "12,000")])
    assert read_plan_file(fine).warnings == ["บรรทัด 2: ยุทธศาสตร์ที่ 4 ไม่มีชื่อยุทธศาสตร์ในไฟล์"]


def test_import_writes_the_structure_and_a_plan_without_it_leaves_it(app, tmp_path):
    path = write(
        tmp_path / "plan.csv",
        THAI_HEADER,
        [
            row(
                "P1",
                1,
                "SSF",
                "1",
                "การพัฒนาเทคโนโลยี",
                "1.1",
                "แพลตฟอร์ม",
                "เพิ่มช่องทาง",
                "โครงการเดิม",
                "ไม่มีงบประมาณ",
                "กบง.",
                "มกราคม - ธันวาคม 2567",
                "ชช.4 แผนแม่บทฯ 17",
            )
        ],
    )
    out = run(app, "import-plan", path)
    assert out.exit_code == 0, out.output
    plain = write(tmp_path / "plain.csv", BASE, [row("P1", 1)])
    out = run(app, "import-plan", plain)
    assert out.exit_code == 0 and "ไม่เปลี่ยนแปลง 1" in out.output
    with app.extensions["db"].transaction() as s:
        project = s.scalar(select(Project))
        assert (
            project.fund,
            project.strategy_no,
            project.strategy_name,
            project.tactic_no,
            project.work_plan,
            project.project_type,
            project.budget_baht,
            project.responsible_unit,
            project.duration,
            project.master_plan,
        ) == (
            "SSF",
            1,
            "การพัฒนาเทคโนโลยี",
            "1.1",
            "เพิ่มช่องทาง",
            "โครงการเดิม",
            0,
            "กบง.",
            "มกราคม - ธันวาคม 2567",
            "ชช.4 แผนแม่บทฯ 17",
        )


def test_xlsx_plan_with_structure(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(BASE + ["fund", "strategy_no", "strategy_name", "budget_baht"])
    book.active.append(row("P1", 1, "WCF", 3, "การเพิ่มประสิทธิภาพ", 24200000))
    book.save(tmp_path / "plan.xlsx")
    info = read_plan_file(tmp_path / "plan.xlsx").info("กองนโยบายและแผนงาน", 2567, "P1")
    assert (info.fund, info.strategy_no, info.budget_baht) == ("WCF", 3, Decimal(24200000))


UTHAI_JSON = S.SHARED / "uthai_thani_2563_plan.json"


@pytest.mark.skipif(not UTHAI_JSON.exists(), reason=f"{UTHAI_JSON} not found (../shared/data)")
def test_uthai_thani_form_budget_by_category_and_its_report(app, tmp_path):
    """The Uthai Thani 2563 plan form: the budget is printed by category (งบบุคลากร,
    งบดำเนินงาน …) and month; its project's budget_baht is their sum, its strategy the form's
    ประเด็นยุทธศาสตร์ and its กลยุทธ์ the form's. Nothing reported: every project is red, and
    the red list says so."""
    form = json.loads(UTHAI_JSON.read_text(encoding="utf-8"))
    by_code = {p["code"]: p for p in form["projects"]}

    def budget(project) -> Decimal:
        return sum(
            (Decimal(str(c.get("total") or 0)) for c in (project.get("budget") or {}).values() if isinstance(c, dict)),
            Decimal(0),
        )

    lines = UTHAI_CSV.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",") + ["fund", "strategy_no", "strategy_name", "tactic_no", "tactic_name", "budget_baht"]
    rows = []
    for line in csv.reader(lines[1:]):
        project = by_code[line[2]]
        issue = project["strategic_issue"].split(" ", 2)[2]
        tactic = project["strategy"].split(" ", 2)[2]
        rows.append(
            line
            + [
                "SSF",
                project["strategic_issue_no"],
                issue,
                project["strategy_no"],
                tactic,
                budget(project) or "ไม่มีงบประมาณ",
            ]
        )
    path = write(tmp_path / "uthai.csv", header, rows)
    out = run(app, "import-plan", path)
    assert out.exit_code == 0, out.output
    with app.extensions["db"].transaction() as s:
        stored = {p.code: p for p in s.scalars(select(Project))}
    assert stored["P07"].budget_baht == budget(by_code["P07"]) == 3673600
    assert stored["P12"].budget_baht == 0 and stored["P03"].tactic_no == "5.6"

    data = json.loads(run(app, "evaluation-report", "--quarter", "2563-Q4", "--format", "json").stdout)
    fund = data["funds"][0]
    assert fund["fund"] == "SSF" and [s["strategy_no"] for s in fund["strategies"]] == [1, 2, 5]
    assert data["overall"] == {"projects": 8, "green": 0, "yellow": 0, "red": 8}
    assert all("ยังไม่ได้รายงานผล" in p["result"] for p in data["red_projects"])
    out = run(app, "evaluation-report", "--quarter", "2563-Q4", "--format", "docx", "--out", tmp_path / "u.docx")
    assert out.exit_code == 0, out.output
    from docx import Document

    text = [p.text for p in Document(str(tmp_path / "u.docx")).paragraphs]
    total = sum((budget(by_code[code]) for code in stored), Decimal(0))
    assert any(f"รวมทั้งสิ้น {total:,.0f} บาท (รวมงบประมาณของงาน/โครงการในแผน)" in t for t in text)
    assert "กลยุทธ์ที่ 1.1 : " + by_code["P07"]["strategy"].split(" ", 2)[2] in text
