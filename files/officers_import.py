"""Importing officers and who reports which indicator, from a .csv (or .xlsx) file.

Columns: officer_key, display_name, unit, role (officer | supervisor | planner),
indicators (semicolon-separated 'project_code/indicator_no', e.g. 'P07/1;P07/5', resolved
within the officer's unit and that unit's latest plan year; empty for supervisors and planners).
Optional budget_projects (Thai header โครงการที่รายงานการเบิกจ่าย): the codes of the projects
whose monthly disbursement the officer reports, separated by commas ('P01, P06'), resolved the
same way. A project none of its unit's officers is named for is reported by its first officer
(models.budget_queries.budget_reporters); a file without the column leaves who reports
budgets as it was.

All or nothing: every row is checked before anything is written, and an error names the
line (header = line 1). Re-importing updates the officer and replaces their responsibilities;
the LINE binding (line_user_id) is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from files.plan_file import PlanFileError, parse_number, read_table
from models.budget import BudgetResponsibility
from models.budget_queries import budget_plans
from models.column_limits import FieldTooBig, fit_text
from models.org import Officer, Role, Unit
from models.plan import Indicator, Project, Responsibility

REQUIRED = ("officer_key", "display_name", "unit", "role")
OPTIONAL = ("indicators", "budget_projects")
#: Thai headers of the optional column.
ALIASES = {
    "โครงการที่รายงานการเบิกจ่าย": "budget_projects",
    "รายงานการเบิกจ่าย": "budget_projects",
    "โครงการที่รายงานงบประมาณ": "budget_projects",
}
_SPACES = re.compile(r"\s+")
_REF_SEPARATORS = re.compile(r"[;\n]")
_CODE_SEPARATORS = re.compile(r"[,;\n]")


class OfficerFileError(PlanFileError):
    """A row of the officers file cannot be imported; nothing is written."""


@dataclass
class OfficersSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    responsibilities: int = 0
    budget_responsibilities: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line_no: int
    key: str
    display_name: str
    unit: Unit
    role: Role
    indicator_ids: list[int]
    project_ids: list[int] | None  # None: the file has no budget_projects column


def _clean(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", "" if value is None else str(value)).strip()


def _parse_ref(text: str, line_no: int) -> tuple[str, int]:
    code, slash, number = text.partition("/")
    try:
        parsed = parse_number(number) if slash else None
    except ValueError:
        parsed = None
    if not code.strip() or parsed is None or parsed != parsed.to_integral_value() or parsed < 1:
        raise OfficerFileError(line_no, f"รูปแบบตัวชี้วัด '{text}' ไม่ถูกต้อง (ต้องเป็น รหัสโครงการ/ลำดับตัวชี้วัด เช่น P07/5)")
    return code.strip(), int(parsed)


def import_officers(session: Session, path: str | Path) -> OfficersSummary:
    """Create or update the officers of the file and replace their responsibilities."""
    raw_rows = list(read_table(path, REQUIRED, OPTIONAL, ALIASES))
    if not raw_rows:
        raise OfficerFileError(2, "ไม่มีรายชื่อเจ้าหน้าที่ในไฟล์ (มีแต่หัวตาราง)")
    summary = OfficersSummary()

    unit_names = {_clean(r.get("unit")) for _, r in raw_rows}
    units = {u.name: u for u in session.scalars(select(Unit).where(Unit.name.in_(unit_names)))}
    latest_year = dict(
        session.execute(
            select(Project.unit_id, func.max(Project.year_be))
            .where(Project.unit_id.in_([u.id for u in units.values()]))
            .group_by(Project.unit_id)
        ).all()
    )
    indicators: dict[tuple[int, str, int], Indicator] = {}
    for indicator, project in session.execute(
        select(Indicator, Project)
        .join(Project, Indicator.project_id == Project.id)
        .where(Project.unit_id.in_(list(latest_year)))
    ):
        if project.year_be == latest_year[project.unit_id]:
            indicators[(project.unit_id, project.code.casefold(), indicator.number)] = indicator
    projects = {
        (unit_id, code.casefold()): project_id
        for project_id, unit_id, code, year_be in session.execute(
            select(Project.id, Project.unit_id, Project.code, Project.year_be).where(
                Project.unit_id.in_(list(latest_year))
            )
        )
        if year_be == latest_year[unit_id]
    }

    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for line_no, raw in raw_rows:
        key = _clean(raw.get("officer_key"))
        if not key:
            raise OfficerFileError(line_no, "ไม่ได้กรอกรหัสเจ้าหน้าที่ (คอลัมน์ officer_key)")
        try:
            fit_text(key, Officer.key, "รหัสเจ้าหน้าที่")
            fit_text(_clean(raw.get("display_name")), Officer.display_name, "ชื่อที่แสดง")
        except FieldTooBig as too_big:
            raise OfficerFileError(line_no, str(too_big)) from None
        if key in seen:
            raise OfficerFileError(line_no, f"รหัสเจ้าหน้าที่ {key} ซ้ำกับบรรทัด {seen[key]}")
        seen[key] = line_no
        display_name = _clean(raw.get("display_name"))
        if not display_name:
            raise OfficerFileError(line_no, "ไม่ได้กรอกชื่อที่แสดง (คอลัมน์ display_name)")
        unit_name = _clean(raw.get("unit"))
        unit = units.get(unit_name)
        if unit is None:
            raise OfficerFileError(
                line_no,
                f"ไม่พบหน่วยงาน '{unit_name}' ในระบบ (กรุณานำเข้าหน่วยงานหรือแผนของหน่วยงานก่อน)"
                if unit_name
                else "ไม่ได้กรอกหน่วยงาน (คอลัมน์ unit)",
            )
        role_text = _clean(raw.get("role")).lower()
        try:
            role = Role(role_text)
        except ValueError:
            raise OfficerFileError(
                line_no, f"บทบาท '{_clean(raw.get('role'))}' ไม่ถูกต้อง (ใช้ได้: officer, supervisor, planner)"
            ) from None
        refs = [r.strip() for r in _REF_SEPARATORS.split(_clean(raw.get("indicators")))]
        refs = list(dict.fromkeys(r for r in refs if r))
        if refs and role != Role.OFFICER:
            raise OfficerFileError(line_no, f"บทบาท {role.value} ไม่ต้องระบุตัวชี้วัด (ตัวชี้วัดกำหนดให้เฉพาะบทบาท officer)")
        indicator_ids: list[int] = []
        for ref in refs:
            code, number = _parse_ref(ref, line_no)
            if unit.id not in latest_year:
                raise OfficerFileError(line_no, f"{unit.name} ยังไม่มีแผนในระบบ จึงกำหนดตัวชี้วัด {ref} ไม่ได้ (กรุณานำเข้าแผนก่อน)")
            indicator = indicators.get((unit.id, code.casefold(), number))
            if indicator is None:
                raise OfficerFileError(
                    line_no, f"ไม่พบตัวชี้วัด {code}/{number} ในแผนปี {latest_year[unit.id]} ของ{unit.name}"
                )
            if indicator.id not in indicator_ids:
                indicator_ids.append(indicator.id)
        if role == Role.OFFICER and not indicator_ids:
            summary.warnings.append(f"บรรทัด {line_no}: {display_name} ({key}) ยังไม่มีตัวชี้วัดที่รับผิดชอบ")
        project_ids = None
        if "budget_projects" in raw:
            project_ids = _budget_projects(raw, line_no, unit, role, latest_year, projects)
        rows.append(_Row(line_no, key, display_name, unit, role, indicator_ids, project_ids))
    _warn_unbudgeted(session, rows, summary)

    officers = {o.key: o for o in session.scalars(select(Officer).where(Officer.key.in_(list(seen))))}
    current: dict[int, dict[int, Responsibility]] = {}
    if officers:
        for resp in session.scalars(
            select(Responsibility).where(Responsibility.officer_id.in_([o.id for o in officers.values()]))
        ):
            current.setdefault(resp.officer_id, {})[resp.indicator_id] = resp

    for row in rows:
        officer = officers.get(row.key)
        changed = False
        if officer is None:
            officer = Officer(key=row.key, display_name=row.display_name, unit_id=row.unit.id, role=row.role.value)
            session.add(officer)
            session.flush()
            summary.created.append(row.key)
        else:
            for attr, value in (("display_name", row.display_name), ("unit_id", row.unit.id), ("role", row.role.value)):
                if getattr(officer, attr) != value:
                    setattr(officer, attr, value)
                    changed = True
        held = current.get(officer.id, {})
        wanted = set(row.indicator_ids)
        for indicator_id, resp in held.items():
            if indicator_id not in wanted:
                session.delete(resp)
                changed = True
        for indicator_id in row.indicator_ids:
            if indicator_id not in held:
                session.add(Responsibility(officer_id=officer.id, indicator_id=indicator_id))
                changed = True
        summary.responsibilities += len(row.indicator_ids)
        if row.project_ids is not None:
            changed = _replace_budget_responsibilities(session, officer.id, row.project_ids) or changed
            summary.budget_responsibilities += len(row.project_ids)
        if row.key in summary.created:
            continue
        if changed:
            summary.updated.append(row.key)
        else:
            summary.unchanged += 1
    session.flush()
    return summary


def _budget_projects(
    raw: dict, line_no: int, unit: Unit, role: Role, latest_year: dict[int, int], projects: dict[tuple[int, str], int]
) -> list[int]:
    """The projects named in budget_projects ('P01, P06'), in the unit's latest plan."""
    codes = list(
        dict.fromkeys(c.strip() for c in _CODE_SEPARATORS.split(_clean(raw.get("budget_projects"))) if c.strip())
    )
    if codes and role != Role.OFFICER:
        raise OfficerFileError(
            line_no, f"บทบาท {role.value} ไม่ต้องระบุโครงการที่รายงานการเบิกจ่าย (กำหนดให้เฉพาะบทบาท officer)"
        )
    if codes and unit.id not in latest_year:
        raise OfficerFileError(line_no, f"{unit.name} ยังไม่มีแผนในระบบ จึงกำหนดโครงการ {codes[0]} ไม่ได้ (กรุณานำเข้าแผนก่อน)")
    project_ids = []
    for code in codes:
        project_id = projects.get((unit.id, code.casefold()))
        if project_id is None:
            raise OfficerFileError(
                line_no,
                f"ไม่พบโครงการ {code} ในแผนปี {latest_year[unit.id]} ของ{unit.name} "
                "(คอลัมน์ budget_projects ใส่รหัสโครงการคั่นด้วยจุลภาค เช่น P01, P06)",
            )
        project_ids.append(project_id)
    return project_ids


def _warn_unbudgeted(session: Session, rows: list[_Row], summary: OfficersSummary) -> None:
    """A project named without a budget (yet) owes no disbursement: said, not refused (the
    plan with its budget may come later)."""
    named = {project_id for row in rows for project_id in row.project_ids or ()}
    plans = budget_plans(session, named) if named else {}
    for row in rows:
        for project_id in row.project_ids or ():
            plan = plans.get(project_id)
            if plan is None or plan.allocation <= 0:
                summary.warnings.append(
                    f"บรรทัด {row.line_no}: โครงการที่ระบุให้ {row.display_name} รายงานการเบิกจ่ายยังไม่มีงบประมาณในแผน "
                    "จึงยังไม่ต้องรายงานการเบิกจ่าย"
                )


def _replace_budget_responsibilities(session: Session, officer_id: int, project_ids: list[int]) -> bool:
    """The officer reports the disbursement of exactly these projects; whether that changed."""
    held = {
        r.project_id: r
        for r in session.scalars(select(BudgetResponsibility).where(BudgetResponsibility.officer_id == officer_id))
    }
    wanted = set(project_ids)
    for project_id, resp in held.items():
        if project_id not in wanted:
            session.delete(resp)
    for project_id in wanted - set(held):
        session.add(BudgetResponsibility(officer_id=officer_id, project_id=project_id))
    return wanted != set(held)
