"""Writing a checked plan file (files.plan_file) and the unit list into the database.

Everything happens in the caller's session and transaction: the CLI wraps each import in
`db.transaction()`, so an error leaves nothing half-imported. Re-importing the same file
changes nothing; a changed target appends a TargetRevision, a changed budget (the whole or
any category's allocation or monthly plan) a BudgetRevision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from files.plan_budget import ProjectBudget, budget_snapshot
from files.plan_file import PlanFile, PlanFileError, PlanRow, read_table
from kpi.budget_categories import TOTAL
from models.budget import BudgetLine, BudgetRevision
from models.column_limits import FieldTooBig, fit_text, max_length
from models.org import Unit, UnitType
from models.plan import Indicator, MonthlyTarget, Project, TargetRevision
from presentation.formatting import format_number

MONTHS = range(1, 13)


@dataclass
class ImportSummary:
    source: str
    years: list[int] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    projects_created: int = 0
    projects_updated: int = 0
    projects_unchanged: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    target_revisions: int = 0
    budget_revisions: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class UnitsSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def targets_as_strings(values) -> list[str]:
    """Twelve targets as the TargetRevision stores them: ['0', '20', '84.5', …]."""
    return [format_number(v) for v in values]


def guess_unit_type(name: str) -> UnitType:
    """The type of a unit met only by name (a plan file naming a unit not yet imported)."""
    if name.startswith("สำนักงานประกันสังคมกรุงเทพมหานครเขตพื้นที่"):
        return UnitType.BANGKOK_AREA
    if name.startswith("สำนักงานประกันสังคมจังหวัด"):
        return UnitType.PROVINCIAL
    if name.startswith("สาขา"):
        return UnitType.BRANCH
    return UnitType.OTHER


def _get_or_create_units(session: Session, names: list[str], summary: ImportSummary) -> dict[str, Unit]:
    units = {u.name: u for u in session.scalars(select(Unit).where(Unit.name.in_(names)))}
    for name in names:
        if name not in units:
            unit = Unit(name=name, unit_type=guess_unit_type(name).value)
            session.add(unit)
            units[name] = unit
            summary.units_created.append(name)
    session.flush()
    return units


def _apply(obj, **values) -> bool:
    """Set the attributes that differ; True when something changed."""
    changed = False
    for attr, value in values.items():
        if getattr(obj, attr) != value:
            setattr(obj, attr, value)
            changed = True
    return changed


def _indicator_fields(row: PlanRow) -> dict:
    return dict(
        name=row.indicator_name,
        weight_pct=row.weight_pct,
        unit_of_measure=row.unit_of_measure,
        kind=row.kind.value,
        higher_is_better=row.higher_is_better,
        max_level=row.max_level,
    )


def import_plan(session: Session, plan_file: PlanFile, now: datetime, source: str) -> ImportSummary:
    """Create or update the units, projects, indicators and monthly targets of a plan file.

    Matching is on unit name + year_be + project_code + indicator_no. The caller commits."""
    summary = ImportSummary(source=source, years=sorted({r.year_be for r in plan_file.rows}))
    summary.warnings.extend(plan_file.warnings)
    unit_names = list(dict.fromkeys(r.unit for r in plan_file.rows))
    units = _get_or_create_units(session, unit_names, summary)

    unit_ids = [u.id for u in units.values()]
    existing = session.scalars(
        select(Project)
        .where(Project.unit_id.in_(unit_ids), Project.year_be.in_(summary.years))
        .options(selectinload(Project.indicators).selectinload(Indicator.targets))
    ).all()
    projects = {(p.unit_id, p.year_be, p.code): p for p in existing}
    budgets_before = _budgets(session, existing) if plan_file.has_budget else {}
    budgets_after: dict[tuple[int, int, str], ProjectBudget] = {}

    for unit_name, year_be, code, name in plan_file.projects():
        key = (units[unit_name].id, year_be, code)
        project = projects.get(key)
        # Only the structure columns the file has: a plan without them leaves them as they were.
        info = plan_file.info(unit_name, year_be, code)
        structure = {column: getattr(info, column) for column in plan_file.structure_columns}
        if plan_file.has_budget:
            budgets_after[key] = plan_file.budget(unit_name, year_be, code)
            structure["budget_baht"] = budgets_after[key].total
        if project is None:
            project = Project(unit_id=key[0], year_be=year_be, code=code, name=name, **structure)
            session.add(project)
            projects[key] = project
            summary.projects_created += 1
        elif _apply(project, name=name, **structure):
            summary.projects_updated += 1
        else:
            summary.projects_unchanged += 1
    session.flush()
    for key, budget in budgets_after.items():
        project = projects[key]
        if _write_budget(session, project, budgets_before.get(project.id), budget, now, source):
            summary.budget_revisions += 1

    in_file: set[tuple[int, int]] = set()
    for row in plan_file.rows:
        project = projects[(units[row.unit].id, row.year_be, row.project_code)]
        in_file.add((project.id, row.indicator_no))
        after = targets_as_strings(row.targets)
        indicator = next((i for i in project.indicators if i.number == row.indicator_no), None)
        if indicator is None:
            indicator = Indicator(project=project, number=row.indicator_no, **_indicator_fields(row))
            indicator.targets = [MonthlyTarget(month=m, value=row.targets[m - 1]) for m in MONTHS]
            session.add(indicator)
            session.flush()
            session.add(
                TargetRevision(indicator_id=indicator.id, revised_at=now, before=None, after=after, source=source)
            )
            summary.indicators_created += 1
            summary.target_revisions += 1
            continue

        old_kind = indicator.kind
        changed = _apply(indicator, **_indicator_fields(row))
        if old_kind != indicator.kind:
            summary.warnings.append(f"ตัวชี้วัด {row.code}: เปลี่ยนประเภทจาก {old_kind} เป็น {indicator.kind}")
        current = {t.month: t for t in indicator.targets}
        before_values = [current[m].value if m in current else Decimal(0) for m in MONTHS]
        if any(before_values[m - 1] != row.targets[m - 1] or m not in current for m in MONTHS):
            for m in MONTHS:
                if m in current:
                    current[m].value = row.targets[m - 1]
                else:
                    indicator.targets.append(MonthlyTarget(month=m, value=row.targets[m - 1]))
            session.add(
                TargetRevision(
                    indicator_id=indicator.id,
                    revised_at=now,
                    before=targets_as_strings(before_values),
                    after=after,
                    source=source,
                )
            )
            summary.target_revisions += 1
            changed = True
        if changed:
            summary.indicators_updated += 1
        else:
            summary.indicators_unchanged += 1

    for project in projects.values():
        for indicator in project.indicators:
            if indicator.id is not None and (project.id, indicator.number) not in in_file:
                summary.warnings.append(
                    f"ตัวชี้วัด {project.code}/{indicator.number} ปี {project.year_be} มีอยู่ในระบบแต่ไม่มีในไฟล์ — ไม่ได้ลบออก"
                )
    session.flush()
    return summary


# ---------------------------------------------------------------- budgets


def _budgets(session: Session, projects) -> dict[int, tuple[dict, list[BudgetLine]]]:
    """Each existing project's budget as a BudgetRevision keeps it, and its lines (one query).
    A budget given before budget lines existed (budget_baht alone) reads as its one line."""
    lines: dict[int, list[BudgetLine]] = {p.id: [] for p in projects}
    if lines:
        for line in session.scalars(select(BudgetLine).where(BudgetLine.project_id.in_(sorted(lines)))):
            lines[line.project_id].append(line)
    found = {}
    for p in projects:
        given = [(line.category, line.total_baht, line.monthly_plan) for line in lines[p.id]]
        if not given and p.budget_baht:
            given = [(TOTAL, p.budget_baht, None)]
        found[p.id] = (budget_snapshot(p.budget_baht, given), lines[p.id])
    return found


def _write_budget(
    session: Session,
    project: Project,
    before: tuple[dict, list[BudgetLine]] | None,
    budget: ProjectBudget,
    now: datetime,
    source: str,
) -> bool:
    """The project's budget lines made the file's; True when that changed them (revision kept)."""
    after = budget.snapshot()
    old, old_lines = before if before is not None else (None, [])
    if old == after or (old is None and budget.total is None):
        return False
    for line in old_lines:
        session.delete(line)
    session.flush()  # the unique (project, category) is free again
    for category, amount, monthly in budget.lines:
        session.add(
            BudgetLine(
                project_id=project.id,
                category=category,
                total_baht=amount,
                monthly_plan=None if monthly is None else [str(v) for v in monthly],
            )
        )
    session.add(BudgetRevision(project_id=project.id, revised_at=now, before=old, after=after, source=source))
    return True


# ---------------------------------------------------------------- units


def map_unit_type(text: str) -> UnitType:
    """The unit_type column of sso_units.csv ('provincial office (…)', 'branch office (สาขา)',
    'grouping: …', 'central division (กอง)' …) as a UnitType."""
    t = (text or "").strip().lower()
    for member in UnitType:
        if t == member.value:
            return member
    if t.startswith("grouping") or "roll-up" in t:
        return UnitType.GROUPING
    if t.startswith("external"):
        return UnitType.EXTERNAL
    if "bangkok area" in t or "เขตพื้นที่" in t:
        return UnitType.BANGKOK_AREA
    if t.startswith("provincial") or "สำนักงานประกันสังคมจังหวัด" in t:
        return UnitType.PROVINCIAL
    if t.startswith("branch") or "สาขา" in t:
        return UnitType.BRANCH
    if t.startswith("central"):
        return UnitType.CENTRAL
    return UnitType.OTHER


def import_units(session: Session, csv_path: str | Path) -> UnitsSummary:
    """Create or update the units of sso_units.csv (name, type, abbreviation, parent).

    The parent is set where parent_or_region names a unit known in the file or the database
    (regions such as ภาคเหนือ are grouping units of the file). Idempotent."""
    rows: list[tuple[int, str, UnitType, str, str | None]] = []
    seen: dict[str, int] = {}
    for line_no, raw in read_table(
        csv_path, ("unit_name_th", "unit_type"), ("parent_or_region", "abbreviation_or_printed_forms")
    ):
        name = " ".join(str(raw.get("unit_name_th") or "").split())
        if not name:
            raise PlanFileError(line_no, "ไม่ได้กรอกชื่อหน่วยงาน (คอลัมน์ unit_name_th)")
        try:
            fit_text(name, Unit.name, "ชื่อหน่วยงาน")
        except FieldTooBig as too_big:
            raise PlanFileError(line_no, str(too_big)) from None
        if name in seen:
            raise PlanFileError(line_no, f"หน่วยงาน {name} ซ้ำกับบรรทัด {seen[name]}")
        seen[name] = line_no
        parent = " ".join(str(raw.get("parent_or_region") or "").split())
        abbreviation = (
            " ".join(str(raw.get("abbreviation_or_printed_forms") or "").split())[: max_length(Unit.abbreviation)]
            or None
        )
        rows.append((line_no, name, map_unit_type(str(raw.get("unit_type") or "")), parent, abbreviation))

    summary = UnitsSummary()
    units = {u.name: u for u in session.scalars(select(Unit))}
    changed: dict[str, None] = {}  # ordered set
    for _, name, unit_type, _, abbreviation in rows:
        unit = units.get(name)
        if unit is None:
            unit = Unit(name=name, unit_type=unit_type.value, abbreviation=abbreviation)
            session.add(unit)
            units[name] = unit
            summary.created.append(name)
        elif _apply(unit, unit_type=unit_type.value, abbreviation=abbreviation):
            changed[name] = None
    session.flush()
    for _, name, _, parent_name, _ in rows:
        parent = units.get(parent_name)
        parent_id = parent.id if parent is not None and parent_name != name else None
        if units[name].parent_id != parent_id:
            units[name].parent_id = parent_id
            changed[name] = None
    session.flush()
    summary.updated = [n for n in changed if n not in summary.created]
    summary.unchanged = len(rows) - len(summary.created) - len(summary.updated)
    return summary
