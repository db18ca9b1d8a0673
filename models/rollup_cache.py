"""The office-wide roll-up, kept up to date as values arrive.

Rating all units takes seconds at national scale (50,000 indicators: loading them, their
targets and values, then rating each), while between two planners' questions only the few
units whose officers reported have changed. The cache keeps each unit's rating per scope and
re-rates only the units whose data version (models/data_versions.py) moved since.

A unit's rating depends on nothing else but the scope and, through the reports' status
(pending before the month has begun or before its deadline, missing after), on which of the
scope's months have begun and which deadlines have passed at `now`: that is part of the key,
so a roll-up asked after a deadline is rated again. The versions are read before the data,
so a value committed in between is at worst rated again next time, never missed.

The units' budgets (models.budget_queries.unit_budget_parts: each unit's combined plan and
spending by month, whatever the month) are kept the same way per plan year, by the unit's
budget version: a disbursement saved (or a budget line, a project) raises it, so only that unit
is read again; values reported leave it, so their units' budgets are not read at all.

One cache per Database (so per process); bounded to a few scopes and years.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kpi.disbursement import DisbursementStatus, disbursement_status, rollup
from kpi.periods import Period
from kpi.rating import OfficeStatus, Scope, UnitStatus, rate_office

from .budget_queries import BudgetRollup, UnitBudget, unit_budget_parts
from .data_versions import SESSION_VERSIONS
from .org import Unit
from .plan import Project
from .status_queries import rate_loaded


@dataclass
class CacheStats:
    rated: int = 0  # units loaded and rated
    reused: int = 0  # units taken from the cache


def deadline_state(scope: Scope, now: datetime) -> tuple[tuple[bool, bool], ...]:
    """For each month of the scope: has it begun, and is it still before its deadline, at `now`."""
    return tuple(
        (Period(scope.year_be, m).has_started(now), Period(scope.year_be, m).is_on_time(now)) for m in scope.months
    )


class RollupCache:
    def __init__(self, max_scopes: int = 4):
        self.max_scopes = max_scopes
        self.stats = CacheStats()
        self._scopes: OrderedDict[tuple, dict[int, tuple[int, UnitStatus | None]]] = OrderedDict()
        self._budgets: OrderedDict[int, dict[int, tuple[int, UnitBudget | None]]] = OrderedDict()
        #: (year, month) → unit → (the budget it was rated from, its position): a unit read
        #: again is a new object, so its position is worked out again.
        self._positions: OrderedDict[tuple[int, int], dict[int, tuple[UnitBudget, DisbursementStatus]]] = OrderedDict()
        self._lock = threading.Lock()

    def _versions(self, session: Session, year_be: int, unit_ids: Collection[int] | None) -> dict[int, tuple[int, int]]:
        """The units' (data version, budget version), read once per session for each year (and
        set of units): the rating and the budgets of one สถานะ share them. A flush of this
        session that changes a unit forgets them (models.data_versions); another session's
        commit in between is at worst read again next time, as the module's docstring says."""
        known = session.info.setdefault(SESSION_VERSIONS, {})
        key = (year_be, None if unit_ids is None else frozenset(unit_ids))
        if key not in known:
            query = select(Unit.id, Unit.data_version, Unit.budget_version).where(
                Unit.id.in_(select(Project.unit_id).where(Project.year_be == year_be))
            )
            if unit_ids is not None:
                query = query.where(Unit.id.in_(sorted(unit_ids)))
            known[key] = {uid: (data, budget) for uid, data, budget in session.execute(query)}
        return known[key]

    def budgets(self, session: Session, year_be: int, unit_ids: Collection[int] | None = None) -> dict[int, UnitBudget]:
        """Each unit's (or these units') budget of the year, read again only where the unit's
        budget version moved; units without a budget are left out."""
        versions = {uid: budget for uid, (_, budget) in self._versions(session, year_be, unit_ids).items()}
        with self._lock:
            cached = dict(self._budgets.get(year_be, {}))
        stale = [uid for uid, version in versions.items() if cached.get(uid, (None,))[0] != version]
        read: dict[int, tuple[int, UnitBudget | None]] = {}
        if stale:
            some = None if unit_ids is None and len(stale) == len(versions) else stale
            parts = unit_budget_parts(session, year_be, some)
            read = {uid: (versions[uid], parts.get(uid)) for uid in stale}
        kept = {uid: read[uid] if uid in read else cached[uid] for uid in versions}
        with self._lock:
            self._budgets[year_be] = kept if unit_ids is None else {**self._budgets.get(year_be, {}), **kept}
            self._budgets.move_to_end(year_be)
            while len(self._budgets) > self.max_scopes:
                self._budgets.popitem(last=False)
        return {uid: part for uid, (_, part) in kept.items() if part is not None}

    def budget_rollup(
        self, session: Session, year_be: int, month: int, unit_ids: Collection[int] | None = None
    ) -> BudgetRollup:
        """The units' and their total disbursement to the end of the month (no project figures):
        each unchanged unit's position kept from the last ask."""
        parts = self.budgets(session, year_be, unit_ids)
        with self._lock:
            known = dict(self._positions.get((year_be, month), {}))
        units = {}
        for uid, part in parts.items():
            hit = known.get(uid)
            if hit is None or hit[0] is not part:
                known[uid] = hit = (part, disbursement_status(part[0], part[1], month))
            units[uid] = hit[1]
        with self._lock:
            self._positions[(year_be, month)] = {**self._positions.get((year_be, month), {}), **known}
            self._positions.move_to_end((year_be, month))
            while len(self._positions) > self.max_scopes:
                self._positions.popitem(last=False)
        return BudgetRollup(month, {}, units, rollup(parts.values(), month))

    def rate(
        self, session: Session, scope: Scope, now: datetime, unit_ids: Collection[int] | None = None
    ) -> OfficeStatus:
        """The roll-up of every unit with a plan in the scope's year, or of these units only
        (a supervisor's): rated units are kept for the other questions too."""
        versions = {uid: data for uid, (data, _) in self._versions(session, scope.year_be, unit_ids).items()}
        key = (scope, deadline_state(scope, now))
        with self._lock:
            cached = dict(self._scopes.get(key, {}))
        stale = [uid for uid, version in versions.items() if cached.get(uid, (None,))[0] != version]
        rated = {}
        if stale:
            some = None if unit_ids is None and len(stale) == len(versions) else stale
            rated = {
                status.unit_id: (versions[status.unit_id], status) for status in rate_loaded(session, scope, now, some)
            }
            # A unit with projects but no indicators: nothing to rate until its version moves.
            rated.update({uid: (versions[uid], None) for uid in stale if uid not in rated})
        kept = {
            uid: rated[uid] if uid in rated else cached[uid]
            for uid in versions
            if uid in rated or cached.get(uid, (None,))[0] == versions[uid]
        }
        with self._lock:
            # A whole-office roll-up replaces the scope's units (a unit whose plan went is
            # dropped); a few units' roll-up only updates theirs.
            self._scopes[key] = kept if unit_ids is None else {**self._scopes.get(key, {}), **kept}
            self._scopes.move_to_end(key)
            while len(self._scopes) > self.max_scopes:
                self._scopes.popitem(last=False)
            self.stats.rated += len(rated)
            self.stats.reused += len(kept) - len(rated)
        units = sorted((status for _, status in kept.values() if status is not None), key=lambda u: u.unit_name)
        return rate_office(units, scope)

    def clear(self) -> None:
        with self._lock:
            self._scopes.clear()
            self._budgets.clear()
            self._positions.clear()
