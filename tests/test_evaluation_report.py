"""The quarterly evaluation report (reports/) rebuilt from the seed's own rows.

The 198 projects of ../shared/data/eval_2567_q4_rows.csv go in through `import-plan` and
`import-results` (tests/eval_seed.py writes them in those formats and explains each rule);
`evaluation-report --quarter 2567-Q4 --format json` must give every project the bot can
rebuild the level the seed gives it, and so the seed's fund × strategy counts for them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from kpi.rating import RATED_LEVELS, Level

from . import eval_seed as S
from .test_plan_import import run

pytestmark = pytest.mark.skipif(not S.ROWS_FILE.exists(), reason=f"{S.ROWS_FILE} not found (../shared/data)")


@pytest.fixture
def seeded(app, tmp_path):
    plan, results = S.write_files(tmp_path)
    out = run(app, "import-plan", plan)
    assert out.exit_code == 0, out.output
    out = run(app, "import-results", results)
    assert out.exit_code == 0, out.output
    return app


def report_json(app, *args) -> dict:
    out = run(app, "evaluation-report", "--quarter", "2567-Q4", "--format", "json", *args)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_every_rebuilt_project_has_the_seeds_level_and_counts(seeded):
    data = report_json(seeded)
    got = {p["project_code"]: p for p in data["projects"]}
    assert len(got) == 198
    want = S.expected()
    assert len(want) == 177  # the projects whose every indicator and weight the CSV holds
    wrong = {
        c: (level.value, got[c]["level"], got[c]["percent"])
        for c, (_, level) in want.items()
        if got[c]["level"] != level.value
    }
    assert wrong == {}

    # so the fund × strategy counts of those projects are the seed's
    counts = Counter((key[0], key[1], Level(got[c]["level"])) for c, (key, _) in want.items())
    assert counts == S.counts_by_fund_and_strategy(want)
    # and they stay within the seed's printed table (which counts all 233 projects)
    for fund in S.summary()["per_fund"].values():
        for strategy, printed in fund["by_strategy"].items():
            for level in RATED_LEVELS:
                assert counts[(fund["code"], int(strategy), level)] <= printed[level.value]

    # the JSON's shape (issue 12) and its counts
    assert set(data) == {"overall", "funds", "red_projects", "projects"}
    assert [f["fund"] for f in data["funds"]] == ["SSF", "WCF"]
    for fund in data["funds"]:
        assert set(fund) == {"fund", "projects", "green", "yellow", "red", "strategies"}
        assert [s["strategy_no"] for s in fund["strategies"]] == [1, 2, 3]
        assert sum(s["projects"] for s in fund["strategies"]) == fund["projects"]
    levels = Counter(p["level"] for p in data["projects"])
    assert data["overall"] == {
        "projects": 198,
        "green": levels["green"],
        "yellow": levels["yellow"],
        "red": levels["red"],
    }
    assert set(data["projects"][0]) == {"project_code", "fund", "strategy_no", "percent", "level"} | {
        "allocated_baht",  # issue 13: beside issue 12's keys, which stay as they were
        "spent_baht",
        "spent_pct",
    }

    # the red list: every red project, with what the officers gave as the reason
    red = {p["project_code"]: p for p in data["red_projects"]}
    assert set(red) == {c for c, p in got.items() if p["level"] == "red"}
    reasons = {S.code(k): r for k, r in S.red_reasons(S.summary()).items() if S.code(k) in want}
    assert sorted(reasons) == ["WCF-2-12", "WCF-2-17"]  # the CSV holds 2 of the seed's 5 red-listed projects
    for project_code, reason in reasons.items():
        assert reason in red[project_code]["result"]
        assert set(red[project_code]) == {"project_code", "name", "unit", "plan", "result"}
    assert red["WCF-2-17"]["unit"] == "ศฟง. ภาค 2" and "เป้าหมาย 4 ระดับ" in red["WCF-2-17"]["plan"]


def test_workers_compensation_strategies_1_and_2_are_the_printed_table(seeded):
    """กองทุนเงินทดแทน's strategies 1 and 2 are in the CSV whole: the JSON's rows are the
    seed's printed rows (incl. the cancelled project and the one with nothing done)."""
    data = report_json(seeded, "--fund", "WCF")
    assert [f["fund"] for f in data["funds"]] == ["WCF"]
    assert {p["fund"] for p in data["projects"]} == {"WCF"}
    printed = S.summary()["per_fund"]["กองทุนเงินทดแทน"]["by_strategy"]
    for strategy in ("1", "2"):
        row = next(s for s in data["funds"][0]["strategies"] if s["strategy_no"] == int(strategy))
        assert {k: row[k] for k in ("projects", "green", "yellow", "red")} == {
            k: printed[strategy][k] for k in ("projects", "green", "yellow", "red")
        }
    assert data["funds"][0]["strategies"][1]["strategy_name"].startswith("การสร้างพลัง")


def test_bad_requests_get_a_thai_answer(seeded):
    for args, words in [
        (("--quarter", "2567-Q5"), "ไม่ถูกต้อง"),
        (("--quarter", "Q4-2567"), "ไม่ถูกต้อง"),
        (("--quarter", "2560-Q4"), "ไม่มีแผนปฏิบัติการของปี 2560"),
        (("--quarter", "2575-Q1"), "ยังไม่ถึงไตรมาส 1 ปี 2575"),
        (("--quarter", "2567-Q4", "--fund", "ABC"), "กองทุน 'ABC' ไม่ถูกต้อง"),
        (("--quarter", "2567-Q4", "--allocation", "SSF=abc"), "งบประมาณที่ได้รับจัดสรร"),
    ]:
        out = run(seeded, "evaluation-report", *args, "--format", "json")
        assert out.exit_code == 1, (args, out.output)
        assert words in out.stderr and "Traceback" not in out.output
    out = run(seeded, "evaluation-report", "--quarter", "2567-Q4", "--format", "docx")
    assert out.exit_code == 2 and "--out" in out.output
    out = run(
        seeded, "evaluation-report", "--quarter", "2567-Q4", "--format", "xlsx", "--out", "/nonexistent/dir/r.xlsx"
    )
    assert out.exit_code == 1 and "บันทึกไฟล์ /nonexistent/dir/r.xlsx ไม่ได้" in out.stderr


# --------------------------------------------------------------------------------------------
# The Word document and the workbook

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def write_report(app, tmp_path, fmt: str, *args) -> Path:
    out = tmp_path / f"evaluation-2567-Q4.{fmt}"
    result = run(
        app,
        "evaluation-report",
        "--quarter",
        "2567-Q4",
        "--format",
        fmt,
        "--out",
        out,
        "--allocation",
        "SSF=5303083050",
        "--allocation",
        "WCF=349,429,220",
        *args,
    )
    assert result.exit_code == 0, result.output
    return out


def docx_text(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_docx_holds_the_overview_both_funds_tables_and_the_red_list(seeded, tmp_path):
    from docx import Document

    path = write_report(seeded, tmp_path, "docx")
    data = report_json(seeded)
    document = Document(str(path))
    text = docx_text(document)
    overall = data["overall"]
    assert f"แผนการดำเนินงาน จำนวนทั้งสิ้น {overall['projects']} งาน/โครงการ แบ่งตามเกณฑ์การประเมินได้ ดังนี้" in text
    green_share = f"{overall['green'] * 100 / overall['projects']:.2f}"
    assert f"- ดำเนินการได้ในระดับดี : จำนวน {overall['green']} งาน/โครงการ คิดเป็นร้อยละ {green_share}%" in text
    assert "ระดับปานกลาง (สีเหลือง) ดำเนินการได้ 50-99% ของเป้าหมาย" in text
    assert any("รวมทั้งสิ้น 5,303,083,050 บาท" in t and "รวมทั้งสิ้น 349,429,220 บาท" in t for t in text)

    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 3", "กองทุนประกันสังคม จำแนกตามยุทธศาสตร์") in headings
    assert ("Heading 3", "กองทุนเงินทดแทน จำแนกตามยุทธศาสตร์") in headings
    assert ("Heading 1", "กองทุนเงินทดแทน") in headings
    assert any(name == "Heading 2" and t.startswith("ยุทธศาสตร์ที่ 2 การสร้างพลัง") for name, t in headings)

    # each fund's table: the JSON's counts, "-" for zero
    tables = document.tables
    for fund in data["funds"]:
        table = next(
            t for t in tables if t.cell(2, 0).text == "ยุทธศาสตร์ที่ 1" and t.cell(5, 1).text == str(fund["projects"])
        )
        for i, strategy in enumerate(fund["strategies"], start=2):
            assert [c.text for c in table.rows[i].cells] == [
                f"ยุทธศาสตร์ที่ {strategy['strategy_no']}",
                str(strategy["projects"]) if strategy["projects"] else "-",
                *(str(strategy[k]) if strategy[k] else "-" for k in ("green", "yellow", "red")),
            ]
        assert table.cell(6, 0).text == "ร้อยละของโครงการทั้งหมด"

    red_table = next(t for t in tables if t.cell(2, 0).text.startswith("ผลการดำเนินงานที่ดำเนินการได้ต่ำกว่าเป้าหมาย"))
    names = [red_table.cell(i, 1).text for i in range(3, len(red_table.rows))]
    assert names == [p["name"] for p in data["red_projects"]]
    assert (
        "ยกเลิกโครงการ"
        in red_table.cell(
            3 + names.index(next(p["name"] for p in data["red_projects"] if p["project_code"] == "WCF-2-17")), 3
        ).text
    )

    # Thai is a complex script: the styles name the font for w:cs too, and the tables are landscape
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:cs")) == normal.get(qn("w:ascii")) and normal.get(qn("w:cs"))
    assert document.sections[0].page_width < document.sections[0].page_height
    assert document.sections[1].page_width > document.sections[1].page_height
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / path.name).write_bytes(path.read_bytes())


def test_detail_rows_leave_months_not_reported_empty(seeded, tmp_path):
    from docx import Document

    document = Document(str(write_report(seeded, tmp_path, "docx", "--fund", "WCF")))
    detail = [t for t in document.tables if t.cell(0, 0).text == "ลำดับที่"]
    assert detail
    rows = [[c.text for c in r.cells] for t in detail for r in t.rows]
    results = [r for r in rows if r[5] == "ผล"]
    plans = [r for r in rows if r[5] == "แผน"]
    assert plans and results
    # one value reported for ธ.ค.: January–November stay empty, never 0
    assert all(r[8:19] == [""] * 11 for r in results)
    assert all(r[8:19] == ["-"] * 11 for r in plans)
    cancelled = rows[next(i for i, r in enumerate(rows) if "โครงการปรับปรุงห้องจัดแสดงสินค้า" in r[1])]
    assert cancelled[0].endswith(".") and cancelled[2] == "ศฟง. ภาค 2"


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftoppm) not installed: scripts/system-packages",
)
def test_libreoffice_opens_the_docx_and_draws_its_pages(seeded, tmp_path):
    """LibreOffice converts the Word file to PDF in the report's Thai font; a page of the
    overview and one of the detail tables are drawn to PNG (test-artifacts/, the README's)."""
    path = write_report(seeded, tmp_path, "docx")
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = path.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    from reports.render_docx import report_font

    assert report_font().replace(" ", "") in fonts.replace(" ", "")
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages > 20  # cover, overview, the red list and the detail tables of 198 projects
    ARTIFACTS.mkdir(exist_ok=True)
    for page, name in ((3, "evaluation-overview"), (5, "evaluation-detail")):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(ARTIFACTS / name),
            ],
            check=True,
            timeout=60,
        )
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
