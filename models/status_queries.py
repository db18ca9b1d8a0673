"""Loading what status summaries rate: indicators, monthly targets and reported values of a plan
year, for one unit, one officer or the whole office.

Three queries whatever the size (like models.export): indicators with their project and unit
(one joined query), their targets (one selectin query) and the reported values (one query).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from kpi.indicator import IndicatorView, ReportedView
from kpi.rating import OfficeStatus, Scope, UnitStatus, rate_office, rate_unit

from .export import _code_key
from .officer_views import indicator_view
from .org import Unit
from .plan import Indicator, Project, Responsibility
from .results import ReportedValue


@dataclass(frozen=True)
class UnitData:
    """One unit's indicators of a plan year (in plan order) and the values reported for them."""

    unit_id: int
    unit_name: str
    indicators: tuple[IndicatorView, ...]
    reported: dict[tuple[int, int], ReportedView] = field(default_factory=dict)  # (indicator id, month)

    def rate(self, scope: Scope, now: datetime) -> UnitStatus:
        return rate_unit(self.unit_id, self.unit_name, self.indicators, self.reported, scope, now)


def load_status_data(session: Session, year_be: int, *, unit_id: int | None = None,
                     officer_id: int | None = None) -> list[UnitData]:
    """Units (by name) with their indicators of the year: all units, one unit, or only the
    indicators one officer reports."""
    query = (
        select(Indicator)
        .join(Indicator.project)
        .join(Project.unit)
        .where(Project.year_be == year_be)
        .options(contains_eager(Indicator.project).contains_eager(Project.unit),
                 selectinload(Indicator.targets))
    )
    values = (
        select(ReportedValue)
        .join(Indicator, ReportedValue.indicator_id == Indicator.id)
        .join(Project, Indicator.project_id == Project.id)
        .where(Project.year_be == year_be)
    )
    if unit_id is not None:
        query = query.where(Project.unit_id == unit_id)
        values = values.where(Project.unit_id == unit_id)
    if officer_id is not None:
        mine = select(Responsibility.indicator_id).where(Responsibility.officer_id == officer_id)
        query = query.where(Indicator.id.in_(mine))
        values = values.where(Indicator.id.in_(mine))
    indicators = session.scalars(query).unique().all()
    reported = {(v.indicator_id, v.month): ReportedView(v.value, v.note, v.on_time, v.reported_at)
                for v in session.scalars(values)}

    indicators = sorted(indicators, key=lambda i: (i.project.unit.name, _code_key(i.project.code), i.number))
    units: dict[int, tuple[Unit, list[IndicatorView]]] = {}
    for ind in indicators:
        units.setdefault(ind.project.unit_id, (ind.project.unit, []))[1].append(indicator_view(ind))
    unit_of = {ind.id: ind.project.unit_id for ind in indicators}
    values_of: dict[int, dict[tuple[int, int], ReportedView]] = {}
    for key, value in reported.items():
        values_of.setdefault(unit_of.get(key[0]), {})[key] = value
    return [UnitData(unit.id, unit.name, tuple(views), values_of.get(unit.id, {}))
            for unit, views in units.values()]


def rate_units(session: Session, scope: Scope, now: datetime) -> OfficeStatus:
    """The office-wide roll-up of every unit with a plan in the scope's year."""
    return rate_office([u.rate(scope, now) for u in load_status_data(session, scope.year_be)], scope)


def find_units(session: Session, text: str, limit: int = 20) -> list[Unit]:
    """Units whose name or abbreviation contains the text (exact name first)."""
    text = " ".join(text.split())
    if not text:
        return []
    exact = session.scalar(select(Unit).where(Unit.name == text))
    if exact is not None:
        return [exact]
    pattern = f"%{text}%"
    return list(session.scalars(select(Unit).where(or_(Unit.name.like(pattern), Unit.abbreviation.like(pattern)))
                                .order_by(Unit.name).limit(limit)))
