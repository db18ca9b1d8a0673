"""Each unit's data version: raised in the same transaction as any change to what its
status summary is rated from (its projects, indicators, targets, target revisions,
reported values, budget lines and disbursements, or its name), so a roll-up rated at version N is right while the unit is
still at N (models/rollup_cache.py). A change of who reports an indicator raises the version
of the indicator's unit and of the officer's (an officer's view in chat is kept per version
of their unit: models/officer_views.py). A change to a unit's projects, budget lines or
disbursements also raises its budget version, in the same statement: the roll-up cache reads a
unit's budget again only when that moved, not for every value reported.

Every write of those tables in the app goes through the ORM, so one `after_flush` hook sees
them all: at that point new rows have their foreign keys and deleted rows still have theirs
in memory. Bulk `insert()`s (the bench's data generator) bypass it, which is why a cache is
always created empty.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, inspect, or_, select, update
from sqlalchemy.orm import Session

from .budget import BudgetLine, BudgetResponsibility, BudgetRevision, Disbursement, DisbursementHistory
from .org import Officer, Unit
from .plan import Indicator, MonthlyTarget, Project, Responsibility, TargetRevision
from .results import ReportedValue, ValueHistory

#: Rows that belong to an indicator: their indicator_id says whose unit changed.
BY_INDICATOR = (MonthlyTarget, TargetRevision, ReportedValue, ValueHistory, Responsibility)
#: Rows that belong to a project (its budget and disbursements): their project_id says whose unit.
BY_PROJECT = (BudgetLine, BudgetRevision, BudgetResponsibility, Disbursement, DisbursementHistory)
WATCHED = (Unit, Project, Indicator, *BY_INDICATOR, *BY_PROJECT)
#: What a unit's budget is read from (models.budget_queries.unit_budget_parts).
BUDGET = (Project, *BY_PROJECT)


def touched_units(objects) -> ColumnElement[bool] | None:
    """Which units these new, changed or deleted objects change, as a condition on Unit (None:
    none): one UPDATE statement, however many rows of however many kinds the flush wrote."""
    unit_ids: set[int] = set()
    project_ids: set[int] = set()
    indicator_ids: set[int] = set()
    officer_ids: set[int] = set()
    for obj in objects:
        if isinstance(obj, Unit):
            unit_ids.add(obj.id)
        elif isinstance(obj, Project):
            unit_ids |= _before_and_now(obj, "unit_id")
        elif isinstance(obj, (Indicator, *BY_PROJECT)):
            project_ids |= _before_and_now(obj, "project_id")
        elif isinstance(obj, BY_INDICATOR):
            indicator_ids |= _before_and_now(obj, "indicator_id")
        if isinstance(obj, Responsibility):
            officer_ids |= _before_and_now(obj, "officer_id")
    conditions = []
    if unit_ids - {None}:
        conditions.append(Unit.id.in_(sorted(unit_ids - {None})))
    if project_ids - {None}:
        conditions.append(Unit.id.in_(select(Project.unit_id).where(Project.id.in_(sorted(project_ids - {None})))))
    if indicator_ids - {None}:
        conditions.append(
            Unit.id.in_(
                select(Project.unit_id)
                .join(Indicator, Indicator.project_id == Project.id)
                .where(Indicator.id.in_(sorted(indicator_ids - {None})))
            )
        )
    if officer_ids - {None}:
        conditions.append(Unit.id.in_(select(Officer.unit_id).where(Officer.id.in_(sorted(officer_ids - {None})))))
    return or_(*conditions) if conditions else None


def _before_and_now(obj, key: str) -> set:
    """A row's owner now and, when this flush moves it (a project to another unit, an indicator
    to another project), its owner before: both sides' summaries change. The attribute's history
    is still the flush's in after_flush."""
    return {getattr(obj, key), *inspect(obj).attrs[key].history.deleted}


def _changed(session: Session):
    yield from session.new
    yield from session.deleted
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            yield obj


#: Session.info key: the units' versions as the roll-up cache read them in this session.
SESSION_VERSIONS = "unit_versions"


def forget_versions(session: Session, _transaction) -> None:
    """Session event: versions read in a transaction are not kept past it."""
    session.info.pop(SESSION_VERSIONS, None)


def raise_versions_after_flush(session: Session, _flush_context) -> None:
    """Session event: raise the data version of every unit the flush changed."""
    changed = [obj for obj in _changed(session) if isinstance(obj, WATCHED)]
    touched = touched_units(changed)
    if touched is None:
        return
    session.info.pop(SESSION_VERSIONS, None)  # read before this change: read again
    session.connection().execute(update(Unit).where(touched).values(_raised(changed)))
    for obj in list(session.identity_map.values()):  # a Unit loaded in this session reads its new version
        if isinstance(obj, Unit):
            session.expire(obj, ["data_version", "budget_version"])


def _raised(changed: list) -> dict:
    """The versions one UPDATE raises: every touched unit's data version, and the budget
    version of those whose budget rows changed (all of them when only budget rows did)."""
    raised: dict = {Unit.data_version: Unit.data_version + 1}
    budget = [obj for obj in changed if isinstance(obj, BUDGET)]
    if len(budget) == len(changed):
        raised[Unit.budget_version] = Unit.budget_version + 1
    elif budget:
        of_budget = touched_units(budget)
        if of_budget is not None:
            raised[Unit.budget_version] = case((of_budget, Unit.budget_version + 1), else_=Unit.budget_version)
    return raised
