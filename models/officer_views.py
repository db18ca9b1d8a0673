"""Load what the conversation needs about one officer, in a fixed number of queries, or none.

Every webhook event of a reporting officer needs the officer's indicators, their targets and
the values reported. They change only when the unit's data version moves
(models/data_versions.py: plan, values, and who reports what), so a per-process cache keeps
each officer's view for the version of their unit, which comes with the officer's own row. A
view that spans other units' indicators is not kept. Views are shared: never mutate one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from kpi.indicator import IndicatorView, OfficerView, ReportedView

from .org import Officer
from .plan import Indicator, MonthlyTarget, Project, Responsibility
from .results import ReportedValue


def officer_by_line_user(session: Session, line_user_id: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.line_user_id == line_user_id).options(joinedload(Officer.unit)))


def officer_by_key(session: Session, key: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.key == key))


def indicator_view(ind: Indicator) -> IndicatorView:
    targets = {t.month: t.value for t in ind.targets}
    return IndicatorView(
        id=ind.id,
        project_code=ind.project.code,
        project_name=ind.project.name,
        number=ind.number,
        name=ind.name,
        unit_of_measure=ind.unit_of_measure,
        kind=ind.kind,
        weight_pct=ind.weight_pct,
        targets=tuple(targets.get(m, Decimal(0)) for m in range(1, 13)),
        higher_is_better=ind.higher_is_better,
        max_level=ind.max_level,
        allow_over_100=ind.allow_over_100,
    )


#: The key of the officer view cache in Session.info (set by models.db.Database).
OFFICER_VIEWS = "officer_views"


class OfficerViewCache:
    """Officers' views by (officer, plan year), each valid for one version of the officer's unit."""

    def __init__(self, max_officers: int = 5000):
        self.max_officers = max_officers
        self.hits = self.misses = 0
        self._views: OrderedDict[tuple[int, int], tuple[tuple[int, int], OfficerView]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, int], stamp: tuple[int, int]) -> OfficerView | None:
        with self._lock:
            found = self._views.get(key)
            if found is None or found[0] != stamp:
                self.misses += 1
                return None
            self._views.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, key: tuple[int, int], stamp: tuple[int, int], view: OfficerView) -> None:
        with self._lock:
            self._views[key] = (stamp, view)
            self._views.move_to_end(key)
            while len(self._views) > self.max_officers:
                self._views.popitem(last=False)


def load_officer_view(session: Session, officer: Officer, year_be: int) -> OfficerView:
    """The officer's indicators of the year, their targets and values: from the session's
    cache while the officer's unit is at the same data version, else three column queries."""
    cache: OfficerViewCache | None = session.info.get(OFFICER_VIEWS)
    if cache is None:
        return _load_officer_view(session, officer, year_be)[0]
    key, stamp = (officer.id, year_be), (officer.unit_id, officer.unit.data_version)  # read before the data
    view = cache.get(key, stamp)
    if view is not None:
        return replace(view, display_name=officer.display_name, role=officer.role, unit_name=officer.unit.name)
    view, unit_ids = _load_officer_view(session, officer, year_be)
    if unit_ids <= {officer.unit_id}:
        cache.put(key, stamp, view)
    return view


def _load_officer_view(session: Session, officer: Officer, year_be: int) -> tuple[OfficerView, set[int]]:
    """Three column queries (the officer's indicators, their targets, their values): ORM
    objects for a dozen indicators' targets and values cost more than the rest of an event's
    work. Also the units whose indicators they are."""
    rows = session.execute(
        select(
            Indicator.id,
            Project.code,
            Project.name,
            Indicator.number,
            Indicator.name,
            Indicator.unit_of_measure,
            Indicator.kind,
            Indicator.weight_pct,
            Indicator.higher_is_better,
            Indicator.max_level,
            Indicator.allow_over_100,
            Project.unit_id,
        )
        .join(Responsibility, Responsibility.indicator_id == Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .where(Responsibility.officer_id == officer.id, Project.year_be == year_be)
        .order_by(Project.code, Indicator.number)
    ).all()
    ids = [row[0] for row in rows]
    unit_ids = {row[-1] for row in rows}
    targets: dict[int, dict[int, Decimal]] = {}
    reported = {}
    if ids:
        for indicator_id, month, value in session.execute(
            select(MonthlyTarget.indicator_id, MonthlyTarget.month, MonthlyTarget.value).where(
                MonthlyTarget.indicator_id.in_(ids)
            )
        ):
            targets.setdefault(indicator_id, {})[month] = value
        for indicator_id, month, value, note, on_time, reported_at in session.execute(
            select(
                ReportedValue.indicator_id,
                ReportedValue.month,
                ReportedValue.value,
                ReportedValue.note,
                ReportedValue.on_time,
                ReportedValue.reported_at,
            ).where(ReportedValue.indicator_id.in_(ids))
        ):
            reported[(indicator_id, month)] = ReportedView(value, note, on_time, reported_at)
    views = tuple(
        IndicatorView(
            id=ind_id,
            project_code=code,
            project_name=project_name,
            number=number,
            name=name,
            unit_of_measure=uom,
            kind=kind,
            weight_pct=weight,
            targets=tuple(targets.get(ind_id, {}).get(m, Decimal(0)) for m in range(1, 13)),
            higher_is_better=higher,
            max_level=max_level,
            allow_over_100=over_100,
        )
        for ind_id, code, project_name, number, name, uom, kind, weight, higher, max_level, over_100, _ in rows
    )
    return OfficerView(
        officer_id=officer.id,
        display_name=officer.display_name,
        role=officer.role,
        unit_name=officer.unit.name,
        indicators=views,
        reported=reported,
    ), unit_ids
