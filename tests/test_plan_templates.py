"""The import page speaks to planners: Thai words only, template files (CSV and XLSX, Thai
headers with the machine names beside them) that the importer reads back, and a preview that
shows what each แก้ไข row changes (old → new)."""

from __future__ import annotations

import csv
import html
import io
import re

from openpyxl import load_workbook

from files.plan_file import REQUIRED_COLUMNS, check_plan_file, read_plan_file

from . import dashboard_data as DD
from .test_dashboard import app, csrf_of, ids, sign_in  # noqa: F401  (app, ids: fixtures)
from .test_plan_import import UTHAI_CSV


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def plan_rows() -> list[dict]:
    with open(UTHAI_CSV, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def header_name(cell: str) -> str:
    """'ชื่อตัวชี้วัด (indicator_name)' → 'indicator_name'."""
    return re.search(r"\((\w+)\)$", cell).group(1)


def test_import_page_has_no_developer_text(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    page = text_of(client.get("/dashboard/import"))
    main = re.search(r"<main.*</main>", page, re.S).group(0)
    assert "flask" not in main and "import-plan" not in main
    guide = re.search(r'<details class="columns".*?</details>', main, re.S).group(0)
    outside = main.replace(guide, "")
    assert not [c for c in REQUIRED_COLUMNS if re.search(rf"\b{c}\b", re.sub(r"<[^>]+>", " ", outside))]
    for column in ("unit", "indicator_name", "m10", "weight_pct"):  # in the guide: beside their Thai names
        assert re.search(rf"[\u0E00-\u0E7F.] <small class=\"muted\">\({column}\)</small>", guide), column
    assert 'href="/dashboard/import/template.xlsx"' in main and 'href="/dashboard/import/template.csv"' in main
    export = re.search(r"<main.*</main>", text_of(client.get("/dashboard/export")), re.S).group(0)
    assert "flask" not in export


def test_templates_are_for_planners_only(app, ids, chat_with):
    assert app.test_client().get("/dashboard/import/template.csv").status_code == 401
    supervisor = sign_in(app, chat_with, DD.SUPERVISOR)
    assert supervisor.get("/dashboard/import/template.xlsx").status_code == 403
    planner = sign_in(app, chat_with, DD.PLANNER)
    assert planner.get("/dashboard/import/template.pdf").status_code == 404


def test_csv_template_round_trip(app, ids, chat_with, tmp_path):
    client = sign_in(app, chat_with, DD.PLANNER)
    response = client.get("/dashboard/import/template.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    header = next(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header[:3] == ["หน่วยงาน (unit)", "ปี พ.ศ. (year_be)", "รหัสโครงการ (project_code)"]
    assert "เป้าหมาย ต.ค. (m10)" in header and "ประเภทตัวชี้วัด (kind)" in header
    filled = io.StringIO()
    writer = csv.writer(filled)
    writer.writerow(header)
    for row in plan_rows():
        writer.writerow([row.get(header_name(cell), "") for cell in header])
    path = tmp_path / "filled.csv"
    path.write_text(filled.getvalue(), encoding="utf-8-sig")
    assert read_plan_file(path).rows == read_plan_file(UTHAI_CSV).rows
    preview = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "year_be": "2570", "file": (io.BytesIO(path.read_bytes()), "แผน.csv")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200 and "ตัวชี้วัด: <b>ใหม่ 18</b>" in text_of(preview)


def test_xlsx_template_round_trip_and_its_guide(app, ids, chat_with, tmp_path):
    client = sign_in(app, chat_with, DD.PLANNER)
    response = client.get("/dashboard/import/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["แผนปฏิบัติการ", "คำอธิบาย"]
    sheet = book["แผนปฏิบัติการ"]
    header = [c.value for c in sheet[1]]
    assert [header_name(c) for c in header][: len(REQUIRED_COLUMNS)] == list(REQUIRED_COLUMNS)
    assert all(re.match(r"[\u0E00-\u0E7F]", c) for c in header)  # each starts with its Thai name
    guide = [[c for c in row] for row in book["คำอธิบาย"].iter_rows(values_only=True)]
    assert ["ชื่อตัวชี้วัด", "indicator_name", "ชื่อตัวชี้วัด", "จำเป็น"] in guide
    assert any(row[1] == "pct_monthly" for row in guide)
    for row in plan_rows():
        sheet.append([row.get(header_name(cell)) or None for cell in header])
    path = tmp_path / "filled.xlsx"
    book.save(path)
    plan, errors = check_plan_file(path)
    assert errors == [] and plan.rows == read_plan_file(UTHAI_CSV).rows


def test_preview_shows_what_an_edited_row_changes(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    rows = plan_rows()
    p01 = next(r for r in rows if r["project_code"] == "P01")
    old_name = p01["indicator_name"]
    p01["indicator_name"] = "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม"
    p01["m10"], p01["m12"], p01["total"] = "12", "15", "157"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    preview = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "year_be": "2569", "file": (io.BytesIO(out.getvalue().encode()), "แผน.csv")},
        content_type="multipart/form-data",
    )
    page = text_of(preview)
    assert preview.status_code == 200 and "แก้ไข 1, ไม่เปลี่ยนแปลง 17" in page
    (edited,) = re.findall(r'<tr class="change-แก้ไข">.*?</tr>', page, re.S)
    changes = [re.sub(r"<[^>]+>", "", li).split() for li in re.findall(r"<li>.*?</li>", edited, re.S)]
    assert [" ".join(c) for c in changes] == [
        f"ชื่อตัวชี้วัด {old_name} → จำนวนผู้ประกันตนที่ได้รับการเยี่ยม",
        "เป้าหมาย ต.ค. 10 → 12",
        "เป้าหมาย ธ.ค. 10 → 15",
    ]
    assert page.count('<ul class="diff">') == 1  # unchanged rows list nothing


def test_a_project_renamed_and_a_weight_changed_are_shown_too(app, ids, chat_with):
    from dashboard.plan_import import differences

    before = ("ชื่อ", 50, "คน", "count", (1,) * 12, "โครงการเดิม")
    after = ("ชื่อ", 60, "ราย", "stock", (1,) * 11 + (2,), "โครงการใหม่")
    assert [c[0] for c in differences(before, after)] == ["ชื่อโครงการ", "น้ำหนัก", "หน่วยนับ", "ประเภท", "เป้าหมาย ธ.ค."]
    assert differences(before, before) == ()
