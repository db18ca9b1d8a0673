"""Reading a plan year for the report: the projects' place in the plan, and every unit's
indicators, targets and values (models.status_queries, the status summaries' own column
queries: four statements whatever the size)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kpi.disbursement import DisbursementStatus
from kpi.plan_structure import STRUCTURE_COLUMNS as STRUCTURE
from models.budget_queries import unit_disbursements
from models.plan import Project
from models.status_queries import UnitData, load_status_data

from .compose import PlanProject


def load_plans(session: Session, year_be: int) -> dict[tuple[int, str], PlanProject]:
    """(unit id, project code) → the project's place in the plan."""
    columns = [getattr(Project, name) for name in STRUCTURE]
    query = select(Project.unit_id, Project.code, *columns).where(Project.year_be == year_be)
    return {
        (row[0], row[1]): PlanProject(unit_id=row[0], code=row[1], **dict(zip(STRUCTURE, row[2:])))
        for row in session.execute(query)
    }


def load_disbursements(session: Session, year_be: int, month: int) -> dict[tuple[int, str], DisbursementStatus]:
    """(unit id, project code) → what each project with a budget spent to the end of the month."""
    return unit_disbursements(session, year_be, month).projects


def load_year(session: Session, year_be: int, months) -> tuple[list[UnitData], dict[tuple[int, str], PlanProject]]:
    return load_status_data(session, year_be, months=months), load_plans(session, year_be)
