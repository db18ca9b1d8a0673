"""Plan import from the browser: upload, check and preview, then import only on confirmation.

The uploaded file is kept under the instance folder with a random name, remembered in the
planner's session; the preview reads it with files.plan_file.check_plan_file (every row error
with its line number) and rehearses files.plan_import.import_plan in a transaction that is
rolled back, so the counts shown are exactly what the import will do — and nothing changes
until the planner confirms.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from files.plan_budget import BUDGET_MONTH_COLUMNS, CATEGORY_COLUMNS, CATEGORY_MONTH_COLUMNS
from files.plan_file import (
    COLUMN_NAMES_TH,
    MONTH_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    PlanFile,
    PlanFileError,
    PlanRow,
    bracketed_header,
    check_plan_file,
)
from files.plan_import import ImportSummary, import_plan
from files.spreadsheet_text import save_workbook, write_csv
from kpi.budget_categories import CATEGORIES
from kpi.kinds import IndicatorKind, expected_total, kind_label_th
from kpi.periods import MONTHS_ABBR
from models.db import Database
from models.org import Unit
from models.plan import Indicator, Project
from presentation.formatting import format_number

SUFFIXES = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Upload:
    id: str
    name: str  # as the planner's computer named it
    path: Path
    sha256: str
    year_be: int | None  # replaces the file's year when given

    def to_session(self) -> dict:
        return {"id": self.id, "name": self.name, "sha256": self.sha256, "year": self.year_be}


def uploads_dir(instance_path: str) -> Path:
    path = Path(instance_path) / "dashboard-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(folder: Path, filename: str, data: bytes, year_be: int | None) -> Upload:
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanFileError(None, f"ไม่รองรับไฟล์ชนิด '{suffix or filename}' (ใช้ได้เฉพาะ .csv และ .xlsx)")
    if not data:
        raise PlanFileError(None, "ไฟล์ว่าง")
    _sweep(folder)
    upload_id = secrets.token_hex(16)
    path = folder / f"{upload_id}{suffix}"
    path.write_bytes(data)
    return Upload(upload_id, Path(filename).name[:200], path, hashlib.sha256(data).hexdigest(), year_be)


def find_upload(folder: Path, remembered: dict | None, upload_id: str) -> Upload | None:
    """The planner's own upload, unchanged since the preview."""
    if not isinstance(remembered, dict) or remembered.get("id") != upload_id or not upload_id.isalnum():
        return None
    for suffix in SUFFIXES:
        path = folder / f"{upload_id}{suffix}"
        if path.is_file():
            if hashlib.sha256(path.read_bytes()).hexdigest() != remembered.get("sha256"):
                return None
            return Upload(
                upload_id, str(remembered.get("name") or path.name), path, remembered["sha256"], remembered.get("year")
            )
    return None


def _sweep(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class PreviewRow:
    row: PlanRow
    change: str  # ใหม่ | แก้ไข | เหมือนเดิม
    #: What a แก้ไข row changes: (what, before, after), in Thai, for the preview.
    changes: tuple[tuple[str, str, str], ...] = ()

    @property
    def kind_th(self) -> str:
        return kind_label_th(self.row.kind)

    @property
    def year_target(self) -> Decimal:
        """The year's target as the plan form totals it for the kind (a sum, the latest, an average)."""
        return expected_total(self.row.kind, list(self.row.targets))


@dataclass
class Preview:
    upload: Upload
    errors: list[PlanFileError] = field(default_factory=list)
    plan: PlanFile | None = None
    summary: ImportSummary | None = None
    rows: list[PreviewRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors


def preview(db: Database, upload: Upload, now: datetime) -> Preview:
    plan, errors = check_plan_file(upload.path, upload.year_be)
    result = Preview(upload, errors, plan)
    if plan is None:
        return result
    with db.sessions() as session:
        session.begin()
        try:
            result.rows = _changes(session, plan)
            result.summary = import_plan(session, plan, now, source=upload.name)
        finally:
            session.rollback()  # a rehearsal: nothing is kept
    return result


def _changes(session, plan: PlanFile) -> list[PreviewRow]:
    units = {r.unit for r in plan.rows}
    years = {r.year_be for r in plan.rows}
    existing = {}
    query = (
        select(Indicator, Project, Unit)
        .join(Project, Indicator.project_id == Project.id)
        .join(Unit, Project.unit_id == Unit.id)
        .where(Unit.name.in_(units), Project.year_be.in_(years))
    )
    for ind, project, unit in session.execute(query):
        targets = tuple(ind.target_for(m) for m in range(1, 13))
        existing[(unit.name, project.year_be, project.code, ind.number)] = (
            ind.name,
            ind.weight_pct,
            ind.unit_of_measure,
            ind.kind,
            targets,
            project.name,
        )
    rows = []
    for r in plan.rows:
        old = existing.get((r.unit, r.year_be, r.project_code, r.indicator_no))
        if old is None:
            rows.append(PreviewRow(r, "ใหม่"))
            continue
        changes = differences(
            old, (r.indicator_name, r.weight_pct, r.unit_of_measure, r.kind.value, r.targets, r.project_name)
        )
        rows.append(PreviewRow(r, "แก้ไข" if changes else "เหมือนเดิม", changes))
    return rows


def differences(old: tuple, new: tuple) -> tuple[tuple[str, str, str], ...]:
    """(what, before, after) for each field of an indicator that the file changes: its name,
    the project's name, weight, unit of measure, kind and each month's target."""
    (name, weight, uom, kind, targets, project), (name2, weight2, uom2, kind2, targets2, project2) = old, new
    found = []
    if name != name2:
        found.append(("ชื่อตัวชี้วัด", name, name2))
    if project != project2:
        found.append(("ชื่อโครงการ", project, project2))
    if weight != weight2:
        found.append(("น้ำหนัก", _figure(weight), _figure(weight2)))
    if uom != uom2:
        found.append(("หน่วยนับ", uom, uom2))
    if kind != kind2:
        found.append(("ประเภท", kind_label_th(kind), kind_label_th(kind2)))
    for i, (before, after) in enumerate(zip(targets, targets2)):
        if before != after:
            found.append((f"เป้าหมาย {MONTHS_ABBR[i]}", _figure(before), _figure(after)))
    return tuple(found)


def _figure(value) -> str:
    return "–" if value is None else format_number(Decimal(value), grouping=True)


# -- template files ----------------------------------------------------------------------------

#: Every column but the categories' monthly plans (60 more, read all the same: the guide names them).
TEMPLATE_COLUMNS = tuple(
    c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if not any(c in m for m in CATEGORY_MONTH_COLUMNS.values())
)
#: What each column holds, for the import page and the template's second sheet.
COLUMN_HELP = {
    "unit": "ชื่อหน่วยงานเต็มตามทะเบียนหน่วยงาน เช่น สำนักงานประกันสังคมจังหวัดอุทัยธานี",
    "year_be": "ปีของแผน (พ.ศ.) เช่น 2569",
    "project_code": "รหัสโครงการ เช่น P01",
    "project_name": "ชื่อโครงการ",
    "indicator_no": "ลำดับตัวชี้วัดในโครงการ เช่น 1",
    "indicator_name": "ชื่อตัวชี้วัด",
    "weight_pct": "น้ำหนักของตัวชี้วัดในโครงการ (ตัวชี้วัดของโครงการเดียวกันรวมกันได้ 100)",
    "unit_of_measure": "หน่วยนับ เช่น ราย คน ร้อยละ ระดับ",
    **{c: f"เป้าหมายเดือน {MONTHS_ABBR[i]} (0 = ไม่มีเป้าหมายเดือนนี้)" for i, c in enumerate(MONTH_COLUMNS)},
    "total": "ไม่บังคับ: เป้าหมายรวมทั้งปีตามแบบฟอร์ม ใช้ตรวจทานเป้าหมายรายเดือน",
    "kind": "ไม่บังคับ: ประเภทตัวชี้วัด (ดูตารางประเภท) เว้นว่างได้ ระบบจะดูจากหน่วยนับและเป้าหมาย",
    "budget_baht": "ไม่บังคับ: งบประมาณทั้งโครงการ (บาท) หรือ ไม่มีงบประมาณ (กรอกครั้งเดียวต่อโครงการ)",
    **{
        c: f"ไม่บังคับ: แผนการเบิกจ่ายเดือน {MONTHS_ABBR[i]} (บาท) ของงบที่ไม่แยกหมวด รวม 12 เดือนต้องเท่ากับงบประมาณ"
        for i, c in enumerate(BUDGET_MONTH_COLUMNS)
    },
    **{
        column: f"ไม่บังคับ: {CATEGORIES[category]} (บาท) ทั้งปี; แผนรายเดือนของหมวดนี้กรอกในคอลัมน์ "
        f"{CATEGORY_MONTH_COLUMNS[category][0]}…{CATEGORY_MONTH_COLUMNS[category][-1]} "
        f"({CATEGORIES[category]} ม.ค. … ธ.ค.) รวมกันต้องเท่ากับยอดทั้งปี"
        for category, column in CATEGORY_COLUMNS.items()
    },
}


def category_name(category: str) -> str:
    return CATEGORIES.get(category, "งบประมาณ")


def column_guide() -> list[tuple[str, str, str, bool]]:
    """(Thai name, machine name, what it holds, required) for each column of a plan file."""
    place = "ไม่บังคับ: ตำแหน่งของโครงการในแผน (กรอกครั้งเดียวต่อโครงการ)"
    return [(COLUMN_NAMES_TH[c], c, COLUMN_HELP.get(c, place), c in REQUIRED_COLUMNS) for c in TEMPLATE_COLUMNS]


def kind_guide() -> list[tuple[str, str]]:
    """(value of the kind column, what it means) for every kind."""
    return [(k.value, kind_label_th(k)) for k in IndicatorKind]


def template_csv() -> bytes:
    """The plan template as CSV: the header row only, Thai names with the machine names
    beside them (UTF-8 with BOM, so that Excel opens the Thai as Thai)."""
    import io

    out = io.StringIO()
    write_csv(out, [bracketed_header(c) for c in TEMPLATE_COLUMNS], [])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The plan template as Excel: sheet แผนปฏิบัติการ (the header row, frozen; the importer
    reads the first sheet) and sheet คำอธิบาย (each column and each kind explained)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "แผนปฏิบัติการ"
    sheet.append([bracketed_header(c) for c in TEMPLATE_COLUMNS])
    for i, column in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(1, i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3" if column in REQUIRED_COLUMNS else "EDEDED")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(i)].width = {
            "unit": 36,
            "project_name": 36,
            "indicator_name": 44,
        }.get(column, 14)
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("คำอธิบาย")
    guide.append(["หัวคอลัมน์", "ชื่อคอลัมน์ในระบบ", "ความหมาย", "จำเป็น"])
    for thai, name, help_text, required in column_guide():
        guide.append([thai, name, help_text, "จำเป็น" if required else "ไม่บังคับ"])
    guide.append([])
    guide.append(["ประเภทตัวชี้วัด", "ค่าที่ใส่ในคอลัมน์ kind", "ความหมาย"])
    kinds_head = guide.max_row
    for value, meaning in kind_guide():
        guide.append(["", value, meaning])
    guide.append(["", "เช่น count:lower", "ต่อท้ายด้วย :lower เมื่อค่ายิ่งน้อยยิ่งดี"])
    for cell in (*guide[1], *guide[kinds_head]):
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (24, 24, 72, 10)):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


def run_import(db: Database, upload: Upload, now: datetime) -> ImportSummary:
    """The real import, in one transaction (raises PlanFileError when the file no longer reads)."""
    from files.plan_file import read_plan_file

    plan = read_plan_file(upload.path, upload.year_be)
    with db.transaction() as session:
        summary = import_plan(session, plan, now, source=upload.name)
    upload.path.unlink(missing_ok=True)
    return summary
