"""Load what the conversation needs about one officer, in a fixed number of queries."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kpi.indicator import IndicatorView, OfficerView, ReportedView

from .org import Officer
from .plan import Indicator, Project, Responsibility
from .results import ReportedValue


def officer_by_line_user(session: Session, line_user_id: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.line_user_id == line_user_id)
                          .options(selectinload(Officer.unit)))


def officer_by_key(session: Session, key: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.key == key))


def indicator_view(ind: Indicator) -> IndicatorView:
    targets = {t.month: t.value for t in ind.targets}
    return IndicatorView(
        id=ind.id, project_code=ind.project.code, project_name=ind.project.name, number=ind.number,
        name=ind.name, unit_of_measure=ind.unit_of_measure, kind=ind.kind, weight_pct=ind.weight_pct,
        targets=tuple(targets.get(m, Decimal(0)) for m in range(1, 13)),
        higher_is_better=ind.higher_is_better, max_level=ind.max_level, allow_over_100=ind.allow_over_100)


def load_officer_view(session: Session, officer: Officer, year_be: int) -> OfficerView:
    indicators = session.scalars(
        select(Indicator)
        .join(Responsibility, Responsibility.indicator_id == Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .where(Responsibility.officer_id == officer.id, Project.year_be == year_be)
        .options(selectinload(Indicator.targets), selectinload(Indicator.project))
        .order_by(Project.code, Indicator.number)
    ).all()
    ids = [i.id for i in indicators]
    reported = {}
    if ids:
        for rv in session.scalars(select(ReportedValue).where(ReportedValue.indicator_id.in_(ids))):
            reported[(rv.indicator_id, rv.month)] = ReportedView(rv.value, rv.note, rv.on_time, rv.reported_at)
    return OfficerView(officer_id=officer.id, display_name=officer.display_name, role=officer.role,
                       unit_name=officer.unit.name, indicators=tuple(indicator_view(i) for i in indicators),
                       reported=reported)
