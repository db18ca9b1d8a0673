"""Loading what status summaries rate: indicators, monthly targets and reported values of a plan
year, for one unit, one officer or the whole office.

Three column queries whatever the size: indicators with their project and unit, their targets
and the reported values, each filtered by joins (no long IN lists).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kpi.indicator import IndicatorView, ReportedView, code_key
from kpi.rating import OfficeStatus, Scope, UnitStatus, rate_office, rate_unit

from .org import Officer, Role, Unit
from .plan import Indicator, MonthlyTarget, Project, Responsibility
from .plan_queries import INDICATOR_VIEW_COLUMNS, VIEW_WIDTH, monthly_targets, targets_query, view_of
from .results import ReportedValue

#: The key of the roll-up cache in Session.info (set by models.db.Database).
ROLLUP_CACHE = "rollup_cache"


@dataclass(frozen=True)
class UnitData:
    """One unit's indicators of a plan year (in plan order) and the values reported for them."""

    unit_id: int
    unit_name: str
    indicators: tuple[IndicatorView, ...]
    reported: dict[tuple[int, int], ReportedView] = field(default_factory=dict)  # (indicator id, month)

    def rate(self, scope: Scope, now: datetime) -> UnitStatus:
        return rate_unit(self.unit_id, self.unit_name, self.indicators, self.reported, scope, now)


def load_status_data(
    session: Session,
    year_be: int,
    *,
    unit_id: int | None = None,
    unit_ids: Collection[int] | None = None,
    officer_id: int | None = None,
    months: Iterable[int] | None = None,
) -> list[UnitData]:
    """Units (by name) with their indicators of the year: all units, one unit, some units (a
    supervisor's, models.org.units_overseen_by) or only the indicators one officer reports.
    `months`: load only those months' values (a roll-up of one month or quarter rates nothing
    else); all twelve by default.

    Plain column rows, not ORM objects: the office-wide roll-up reads 50,000 indicators and
    over a million targets and values, and building an ORM object for each took 30 s."""

    def scoped(query):
        query = query.where(Project.year_be == year_be)
        if unit_id is not None:
            query = query.where(Project.unit_id == unit_id)
        if unit_ids is not None:
            query = query.where(Project.unit_id.in_(sorted(unit_ids)))
        if officer_id is not None:
            query = query.where(
                Indicator.id.in_(select(Responsibility.indicator_id).where(Responsibility.officer_id == officer_id))
            )
        return query

    plan = session.execute(
        scoped(
            select(*INDICATOR_VIEW_COLUMNS, Project.unit_id, Unit.name)
            .join(Project, Project.id == Indicator.project_id)
            .join(Unit, Unit.id == Project.unit_id)
        )
    ).all()
    targets = monthly_targets(
        session,
        scoped(
            targets_query()
            .join(Indicator, Indicator.id == MonthlyTarget.indicator_id)
            .join(Project, Project.id == Indicator.project_id)
        ),
    )
    values = scoped(
        select(
            ReportedValue.indicator_id,
            ReportedValue.month,
            ReportedValue.value,
            ReportedValue.note,
            ReportedValue.on_time,
            ReportedValue.reported_at,
        )
        .join(Indicator, ReportedValue.indicator_id == Indicator.id)
        .join(Project, Indicator.project_id == Project.id)
    )
    if months is not None:
        values = values.where(ReportedValue.month.in_(list(months)))

    code_keys: dict[str, tuple] = {}

    def plan_order(row) -> tuple:  # unit name, project code, indicator number
        code = row[1]
        key = code_keys.get(code) or code_keys.setdefault(code, code_key(code))
        return (row[VIEW_WIDTH + 1], key, row[3])

    units: dict[int, tuple[str, list[IndicatorView]]] = {}
    unit_of: dict[int, int] = {}
    for row in sorted(plan, key=plan_order):
        ind_id, (unit_id_, unit_name) = row[0], row[VIEW_WIDTH:]
        units.setdefault(unit_id_, (unit_name, []))[1].append(view_of(row, targets.get(ind_id, {})))
        unit_of[ind_id] = unit_id_
    values_of: dict[int, dict[tuple[int, int], ReportedView]] = {}
    for ind_id, month, value, note, on_time, reported_at in session.execute(values):
        values_of.setdefault(unit_of.get(ind_id), {})[(ind_id, month)] = ReportedView(value, note, on_time, reported_at)
    return [UnitData(uid, name, tuple(views), values_of.get(uid, {})) for uid, (name, views) in units.items()]


def rate_units(session: Session, scope: Scope, now: datetime, unit_ids: Collection[int] | None = None) -> OfficeStatus:
    """The roll-up of every unit (or of these units: a supervisor's) with a plan in the scope's
    year (only the scope's months of values are read). Through the database's roll-up cache
    when the session has one (models/rollup_cache.py): only units changed since the last
    roll-up are rated again."""
    cache = session.info.get(ROLLUP_CACHE)
    if cache is not None:
        return cache.rate(session, scope, now, unit_ids)
    return rate_office(rate_loaded(session, scope, now, unit_ids), scope)


def rate_loaded(
    session: Session, scope: Scope, now: datetime, unit_ids: Collection[int] | None = None
) -> list[UnitStatus]:
    """Load and rate every unit with a plan in the scope's year, or only these units (by name)."""
    data = load_status_data(session, scope.year_be, unit_ids=unit_ids, months=scope.months)
    return [u.rate(scope, now) for u in data]


def find_units(session: Session, text: str, limit: int = 20, within: Collection[int] | None = None) -> list[Unit]:
    """Units whose name or abbreviation contains the text (exact name first); `within`: only
    among these units (a supervisor's), so the limit never hides one of theirs."""
    text = " ".join(text.split())
    if not text:
        return []

    def among(query):
        return query if within is None else query.where(Unit.id.in_(sorted(within)))

    exact = session.scalar(among(select(Unit).where(Unit.name == text)))
    if exact is not None:
        return [exact]
    pattern = f"%{text}%"
    return list(
        session.scalars(
            among(select(Unit).where(or_(Unit.name.like(pattern), Unit.abbreviation.like(pattern))))
            .order_by(Unit.name)
            .limit(limit)
        )
    )


def chat_has_picture(session: Session, officer: Officer, year_be: int) -> bool:
    """Whether "กราฟ" has something to draw for this officer in the year."""
    query = select(Project.id).where(Project.year_be == year_be)
    if officer.role == Role.SUPERVISOR.value:
        query = query.where(Project.unit_id == officer.unit_id)
    elif officer.role != Role.PLANNER.value:
        query = (
            query.join(Indicator, Indicator.project_id == Project.id)
            .join(Responsibility, Responsibility.indicator_id == Indicator.id)
            .where(Responsibility.officer_id == officer.id)
        )
    return session.scalar(query.limit(1)) is not None
