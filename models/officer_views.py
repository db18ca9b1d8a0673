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

from kpi.indicator import OfficerView, ReportedView

from .budget_queries import officer_budgets
from .org import Officer
from .plan import Indicator, MonthlyTarget, Project, Responsibility
from .plan_queries import INDICATOR_VIEW_COLUMNS, monthly_targets, targets_query, view_of
from .results import ReportedValue


def officer_by_line_user(session: Session, line_user_id: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.line_user_id == line_user_id).options(joinedload(Officer.unit)))


def officer_by_key(session: Session, key: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.key == key))


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
    work; and the projects whose disbursement they report (models.budget_queries). Also the
    units whose indicators they are."""
    rows = session.execute(
        select(*INDICATOR_VIEW_COLUMNS, Project.unit_id)
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
        targets = monthly_targets(session, targets_query().where(MonthlyTarget.indicator_id.in_(ids)))
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
    views = tuple(view_of(row, targets.get(row[0], {})) for row in rows)
    return OfficerView(
        officer_id=officer.id,
        display_name=officer.display_name,
        role=officer.role,
        unit_name=officer.unit.name,
        indicators=views,
        reported=reported,
        budgets=officer_budgets(session, year_be, officer_ids=[officer.id]).get(officer.id, ()),
    ), unit_ids
