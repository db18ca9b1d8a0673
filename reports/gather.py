"""Reading a plan year for the report: the projects' place in the plan, and every unit's
indicators, targets and values (models.status_queries, the status summaries' own column
queries: four statements whatever the size)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kpi.plan_structure import STRUCTURE_COLUMNS as STRUCTURE
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


def load_year(session: Session, year_be: int, months) -> tuple[list[UnitData], dict[tuple[int, str], PlanProject]]:
    return load_status_data(session, year_be, months=months), load_plans(session, year_be)
