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

from files.plan_file import PlanFile, PlanFileError, PlanRow, check_plan_file
from files.plan_import import ImportSummary, import_plan
from kpi.kinds import expected_total, kind_label_th
from models.db import Database
from models.org import Unit
from models.plan import Indicator, Project

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
            change = "ใหม่"
        elif old == (r.indicator_name, r.weight_pct, r.unit_of_measure, r.kind.value, r.targets, r.project_name):
            change = "เหมือนเดิม"
        else:
            change = "แก้ไข"
        rows.append(PreviewRow(r, change))
    return rows


def run_import(db: Database, upload: Upload, now: datetime) -> ImportSummary:
    """The real import, in one transaction (raises PlanFileError when the file no longer reads)."""
    from files.plan_file import read_plan_file

    plan = read_plan_file(upload.path, upload.year_be)
    with db.transaction() as session:
        summary = import_plan(session, plan, now, source=upload.name)
    upload.path.unlink(missing_ok=True)
    return summary
