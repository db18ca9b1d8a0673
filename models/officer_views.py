"""Load what the conversation needs about one officer, in a fixed number of queries."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from kpi.indicator import IndicatorView, OfficerView, ReportedView

from .org import Officer
from .plan import Indicator, MonthlyTarget, Project, Responsibility
from .results import ReportedValue


def officer_by_line_user(session: Session, line_user_id: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.line_user_id == line_user_id)
                          .options(joinedload(Officer.unit)))


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
    """Three column queries (the officer's indicators, their targets, their values): every
    webhook event of a reporting officer runs this, and ORM objects for a dozen indicators'
    targets and values cost more than the rest of the event's work."""
    rows = session.execute(
        select(Indicator.id, Project.code, Project.name, Indicator.number, Indicator.name, Indicator.unit_of_measure,
               Indicator.kind, Indicator.weight_pct, Indicator.higher_is_better, Indicator.max_level,
               Indicator.allow_over_100)
        .join(Responsibility, Responsibility.indicator_id == Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .where(Responsibility.officer_id == officer.id, Project.year_be == year_be)
        .order_by(Project.code, Indicator.number)
    ).all()
    ids = [row[0] for row in rows]
    targets: dict[int, dict[int, Decimal]] = {}
    reported = {}
    if ids:
        for indicator_id, month, value in session.execute(
                select(MonthlyTarget.indicator_id, MonthlyTarget.month, MonthlyTarget.value)
                .where(MonthlyTarget.indicator_id.in_(ids))):
            targets.setdefault(indicator_id, {})[month] = value
        for indicator_id, month, value, note, on_time, reported_at in session.execute(
                select(ReportedValue.indicator_id, ReportedValue.month, ReportedValue.value, ReportedValue.note,
                       ReportedValue.on_time, ReportedValue.reported_at)
                .where(ReportedValue.indicator_id.in_(ids))):
            reported[(indicator_id, month)] = ReportedView(value, note, on_time, reported_at)
    views = tuple(
        IndicatorView(id=ind_id, project_code=code, project_name=project_name, number=number, name=name,
                      unit_of_measure=uom, kind=kind, weight_pct=weight,
                      targets=tuple(targets.get(ind_id, {}).get(m, Decimal(0)) for m in range(1, 13)),
                      higher_is_better=higher, max_level=max_level, allow_over_100=over_100)
        for ind_id, code, project_name, number, name, uom, kind, weight, higher, max_level, over_100 in rows)
    return OfficerView(officer_id=officer.id, display_name=officer.display_name, role=officer.role,
                       unit_name=officer.unit.name, indicators=views, reported=reported)
