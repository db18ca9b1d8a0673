"""The evaluation report on the dashboard (planners only, the quarter picked there) and as
an Excel workbook; a bad request is a Thai 4xx, never a 500."""

from __future__ import annotations

import html
import io
import json

import pytest
from openpyxl import load_workbook

from . import dashboard_data as DD
from . import eval_seed as S
from .test_dashboard import app, ids, sign_in  # noqa: F401  (fixtures)
from .test_plan_import import run

pytestmark = pytest.mark.skipif(not S.ROWS_FILE.exists(), reason=f"{S.ROWS_FILE} not found (../shared/data)")


@pytest.fixture
def seeded(app, ids, tmp_path):  # noqa: F811
    plan, results = S.write_files(tmp_path)
    assert run(app, "import-plan", plan).exit_code == 0
    assert run(app, "import-results", results).exit_code == 0
    return app


def test_planner_downloads_the_report_in_each_format(seeded, chat_with):
    client = sign_in(seeded, chat_with, DD.PLANNER)
    page = client.get("/dashboard/export").text
    assert 'id="evaluation-report"' in page and 'value="2567-Q4"' in page

    data = client.get("/dashboard/evaluation-report?quarter=2567-Q4&format=json")
    assert data.status_code == 200 and data.mimetype == "application/json"
    cli = json.loads(run(seeded, "evaluation-report", "--quarter", "2567-Q4", "--format", "json").stdout)
    assert data.get_json() == cli

    word = client.get("/dashboard/evaluation-report?quarter=2567-Q4&fund=WCF&format=docx&alloc_WCF=349,429,220")
    assert word.status_code == 200
    assert "evaluation-2567-Q4-WCF.docx" in word.headers["Content-Disposition"]
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(word.data)).paragraphs)
    assert "รวมทั้งสิ้น 349,429,220 บาท" in text and "กองทุนประกันสังคม จำแนกตามยุทธศาสตร์" not in text

    book = client.get("/dashboard/evaluation-report?quarter=2567-Q4&format=xlsx")
    assert book.status_code == 200
    sheets = load_workbook(io.BytesIO(book.data)).sheetnames
    assert sheets == ["สรุป", "กองทุนประกันสังคม", "กองทุนเงินทดแทน"]


BAD = [
    ("quarter=2567-Q9&format=docx", "ไตรมาส '2567-Q9' ไม่ถูกต้อง"),
    ("format=docx", "กรุณาระบุเป็น ปี พ.ศ.-ไตรมาส"),
    ("quarter=2400-Q1&format=docx", "ไม่ใช่ปีพุทธศักราช"),
    ("quarter=2590-Q1&format=docx", "ยังไม่ถึงไตรมาส 1 ปี 2590"),
    ("quarter=2555-Q4&format=json", "ไม่มีแผนปฏิบัติการของปี 2555"),
    ("quarter=2567-Q4&fund=XYZ&format=docx", "กองทุน 'XYZ' ไม่ถูกต้อง"),
    ("quarter=2567-Q4&format=pdf", "รูปแบบ 'pdf' ไม่รองรับ"),
    ("quarter=2567-Q4&format=xlsx&alloc_SSF=-5", "งบประมาณที่ได้รับจัดสรร"),
    ("quarter=%00%ff&format=docx", "ไม่ถูกต้อง"),
    ("quarter=2567-Q4&fund=WCF&fund=SSF&format=json&alloc_SSF=1e999", "งบประมาณที่ได้รับจัดสรร"),
]


def test_bad_requests_get_a_thai_400(seeded, chat_with):
    client = sign_in(seeded, chat_with, DD.PLANNER)
    for query, words in BAD:
        response = client.get(f"/dashboard/evaluation-report?{query}")
        assert response.status_code == 400 and words in html.unescape(response.text), query


def test_a_report_too_big_for_a_web_request_is_a_413(seeded, chat_with):
    seeded.config["REPORT_DASHBOARD_MAX_INDICATORS"] = 100
    client = sign_in(seeded, chat_with, DD.PLANNER)
    refused = client.get("/dashboard/evaluation-report?quarter=2567-Q4&format=docx")
    assert refused.status_code == 413 and "ใหญ่เกินกว่าจะสร้างไฟล์ docx" in refused.text
    assert "--quarter 2567-Q4 --format docx" in refused.text
    assert client.get("/dashboard/evaluation-report?quarter=2567-Q4&format=json").status_code == 200


def test_only_planners(seeded, chat_with):
    supervisor = sign_in(seeded, chat_with, DD.SUPERVISOR)
    refused = supervisor.get("/dashboard/evaluation-report?quarter=2567-Q4&format=json")
    assert refused.status_code == 403 and "กองนโยบายและแผนงาน" in refused.text
    assert 'id="evaluation-report"' not in supervisor.get("/dashboard/export").text
    assert seeded.test_client().get("/dashboard/evaluation-report?quarter=2567-Q4").status_code == 401


def test_workbook_keeps_text_text_and_months_not_reported_empty(app, ids, chat_with, tmp_path):  # noqa: F811
    """A project named like a formula and an officer's note starting with "=" stay text."""
    plan = tmp_path / "plan.csv"
    months = ",".join(f"m{m:02d}" for m in range(1, 13))
    plan.write_text(
        f"unit,year_be,project_code,project_name,indicator_no,indicator_name,weight_pct,unit_of_measure,{months},fund,strategy_no,strategy_name\n"
        f'กองคลัง,2569,P1,"=HYPERLINK(""http://x"",""y"")",1,@SUM(A1),100,ครั้ง,{",".join(["2"] * 12)},SSF,1,+แผน\n',
        encoding="utf-8",
    )
    results = tmp_path / "results.csv"
    results.write_text(
        "unit,year_be,project_code,indicator_no,month,value,note\nกองคลัง,2569,P1,1,1,0,=cmd|' /C calc'!A0\n",
        encoding="utf-8",
    )
    assert run(app, "import-plan", plan).exit_code == 0
    out = run(app, "import-results", results)
    assert out.exit_code == 0, out.output
    path = tmp_path / "r.xlsx"
    assert run(app, "evaluation-report", "--quarter", "2569-Q1", "--format", "xlsx", "--out", path).exit_code == 0
    book = load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {'=HYPERLINK("http://x","y")', "@SUM(A1)"}
    assert all(c.data_type == "s" for c in risky)
    assert any("=cmd|' /C calc'!A0" in str(c.value) for c in cells)  # the red list's note, as text
    sheet = book["กองทุนประกันสังคม"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    result = next(r for r in rows if r[5] == "ผล")
    plan_row = next(r for r in rows if r[5] == "แผน")
    assert result[8] == 0 and result[9:20] == [None] * 11  # ม.ค. reported 0; the rest not reported: empty
    assert plan_row[8:20] == [2] * 12
