"""Reading what reminders need and writing the outbox (see models.reminders).

`load_statuses` builds the pure snapshot (kpi.reminders.OfficerStatus) in a fixed number of
queries. Outbox writes are idempotent (INSERT … ON CONFLICT DO NOTHING on the unique key), and a
sender claims rows with one conditional UPDATE (after SELECT … FOR UPDATE SKIP LOCKED on
PostgreSQL), so two senders never take the same row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session

from kpi.disbursement import BudgetView
from kpi.indicator import IndicatorView
from kpi.periods import Period
from kpi.reminders import OfficerStatus, Owed, backlog_periods

from .base import insert_for
from .budget_queries import officer_budgets
from .org import Officer, Role, Unit, unit_children, units_overseen_by
from .plan import Indicator, MonthlyTarget, Project, Responsibility
from .plan_queries import INDICATOR_VIEW_COLUMNS, monthly_targets, targets_query, view_of
from .reminders import OutboxStatus, ReminderOutbox, ReminderSnooze
from .results import ReportedValue

UNIQUE_KEY = ("officer_id", "period", "round", "kind")


def load_statuses(
    session: Session, period: Period, unit_ids: Iterable[int] | None = None, backlog_from: Period | None = None
) -> list[OfficerStatus]:
    """Every active officer (of these units) with the indicators still pending for `period`:
    due that month (target not 0) and without a value; and, the same way, those of the earlier
    months of the plan year (kpi.reminders.backlog_periods; from `backlog_from` on, the go-live
    month REMINDER_BACKLOG_FROM, when given); each supervisor with the units they
    oversee (models.org.units_overseen_by); and the disbursements they report
    (models.budget_queries.officer_budgets) still missing for those months.

    Four column queries whatever the size (and those of the disbursements) (a fifth, the unit tree, only with supervisors),
    filtered by joins and subqueries rather than long IN lists (SQLite plans a 2,000-id IN list
    badly: 3 s instead of 20 ms). The values are not read: one anti-join returns only the
    (indicator, month) pairs due and still missing."""

    def in_scope(query):
        query = query.where(Officer.active.is_(True))
        return query.where(Officer.unit_id.in_(list(unit_ids))) if unit_ids is not None else query

    officers = session.execute(
        in_scope(
            select(
                Officer.id,
                Officer.display_name,
                Officer.role,
                Officer.unit_id,
                Unit.name,
                Officer.line_user_id,
                Officer.line_blocked,
            ).join(Unit, Unit.id == Officer.unit_id)
        ).order_by(Officer.id)
    ).all()
    held = in_scope(
        select(Responsibility.officer_id, *INDICATOR_VIEW_COLUMNS)
        .join(Indicator, Indicator.id == Responsibility.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Officer, Officer.id == Responsibility.officer_id)
        .where(Project.year_be == period.year_be)
    )
    rows = session.execute(held.order_by(Project.code, Indicator.number, Responsibility.officer_id)).all()
    held_ids = held.with_only_columns(Indicator.id).distinct()
    targets = monthly_targets(session, targets_query().where(MonthlyTarget.indicator_id.in_(held_ids)))
    months = [p.month for p in backlog_periods(period, backlog_from)] + [period.month]
    reported = exists().where(
        ReportedValue.indicator_id == MonthlyTarget.indicator_id, ReportedValue.month == MonthlyTarget.month
    )
    missing: dict[int, list[int]] = {}
    for indicator_id, month in session.execute(
        select(MonthlyTarget.indicator_id, MonthlyTarget.month)
        .where(
            MonthlyTarget.indicator_id.in_(held_ids),
            MonthlyTarget.month.in_(months),
            MonthlyTarget.value != 0,
            ~reported,
        )
        .order_by(MonthlyTarget.month)
    ):
        missing.setdefault(indicator_id, []).append(month)
    views: dict[int, IndicatorView] = {}
    pending: dict[int, list[IndicatorView]] = {}
    older: dict[int, dict[int, list[IndicatorView]]] = {}
    for officer_id, *indicator in rows:
        ind_id = indicator[0]
        view = views.get(ind_id)
        if view is None:
            view = views[ind_id] = view_of(indicator, targets.get(ind_id, {}))
        for month in missing.get(ind_id, ()):
            if not view.is_due(month):
                continue
            if month == period.month:
                pending.setdefault(officer_id, []).append(view)
            else:
                older.setdefault(officer_id, {}).setdefault(month, []).append(view)
    budgets = officer_budgets(session, period.year_be, unit_ids=unit_ids)
    children = unit_children(session) if any(o.role == Role.SUPERVISOR.value for o in officers) else {}
    return [
        OfficerStatus(
            officer_id=o.id,
            display_name=o.display_name,
            role=o.role,
            unit_id=o.unit_id,
            unit_name=o.name,
            bound=o.line_user_id is not None,
            blocked=bool(o.line_blocked),
            pending=tuple(pending.get(o.id, ())),
            older=_older(period, months, older.get(o.id, {}), budgets.get(o.id, ())),
            budgets=tuple(b for b in budgets.get(o.id, ()) if b.owes(period.month)),
            oversees=units_overseen_by(session, o, children) if o.role == Role.SUPERVISOR.value else frozenset(),
        )
        for o in officers
    ]


def _older(
    period: Period, months: list[int], indicators: dict[int, list[IndicatorView]], budgets: tuple[BudgetView, ...]
) -> tuple[Owed, ...]:
    """The earlier months (of `months`) with indicators or disbursements still missing."""
    if not indicators and not budgets:  # most officers of a round: nothing to look through
        return ()
    owed = []
    for month in months:
        missing_budgets = tuple(b for b in budgets if b.owes(month))
        if month != period.month and (indicators.get(month) or missing_budgets):
            owed.append(Owed(Period(period.year_be, month), tuple(indicators.get(month, ())), missing_budgets))
    return tuple(owed)


def insert_outbox_rows(session: Session, rows: list[dict]) -> int:
    """Add rows that are not in the outbox yet (same officer, period, round and kind); how many."""
    if not rows:
        return 0
    statement = (
        insert_for(session)(ReminderOutbox)
        .on_conflict_do_nothing(index_elements=list(UNIQUE_KEY))
        .returning(ReminderOutbox.id)
    )
    # Many rows per statement (SQLAlchemy's "insertmanyvalues"): RETURNING gives back only the
    # rows that were new, so the count is right when a round is written again.
    return len(session.execute(statement, rows).all())


def outbox_status(session: Session, period: str, round_key: str) -> dict[tuple[int, str], tuple[str, str | None]]:
    """(officer id, kind) → (status, reason) of this round's rows."""
    return {
        (r.officer_id, r.kind): (r.status, r.reason)
        for r in session.execute(
            select(ReminderOutbox.officer_id, ReminderOutbox.kind, ReminderOutbox.status, ReminderOutbox.reason).where(
                ReminderOutbox.period == period, ReminderOutbox.round == round_key
            )
        )
    }


def snoozed_officers(session: Session, period: str, round_name: str) -> set[int]:
    return set(
        session.scalars(
            select(ReminderSnooze.officer_id).where(ReminderSnooze.period == period, ReminderSnooze.round == round_name)
        )
    )


def add_snooze(session: Session, officer_id: int, period: str, round_name: str, now: datetime) -> bool:
    """Record a snooze; False when this round was already snoozed."""
    statement = (
        insert_for(session)(ReminderSnooze)
        .on_conflict_do_nothing(index_elements=["officer_id", "period", "round"])
        .returning(ReminderSnooze.id)
    )
    return bool(
        session.execute(
            statement.values(officer_id=officer_id, period=period, round=round_name, requested_at=now)
        ).all()
    )


def expire_stale(session: Session, created_before: datetime, lease_cutoff: datetime) -> int:
    """Rows still waiting (or claimed by a sender that died) since before `created_before` are
    not sent any more: a reminder hours late would mislead."""
    result = session.execute(
        update(ReminderOutbox)
        .where(ReminderOutbox.created_at < created_before, claimable(lease_cutoff))
        .values(status=OutboxStatus.SKIPPED, reason="stale", claimed_by=None)
    )
    return result.rowcount or 0


def claimable(lease_cutoff: datetime):
    return or_(
        ReminderOutbox.status == OutboxStatus.PENDING,
        and_(ReminderOutbox.status == OutboxStatus.CLAIMED, ReminderOutbox.claimed_at < lease_cutoff),
    )


def claim_rows(
    session: Session,
    token: str,
    now: datetime,
    lease_cutoff: datetime,
    round_key: str | None = None,
    kinds: Iterable[str] | None = None,
) -> list[ReminderOutbox]:
    """Take the waiting rows (and rows whose claim expired) for this sender, exclusively.

    The conditional UPDATE is the claim: a row another sender took in the meantime no longer
    matches. On PostgreSQL the candidates are first locked with FOR UPDATE SKIP LOCKED so two
    senders split the work instead of waiting for each other."""
    conditions = [claimable(lease_cutoff)]
    if round_key is not None:
        conditions.append(ReminderOutbox.round == round_key)
    if kinds is not None:
        conditions.append(ReminderOutbox.kind.in_(list(kinds)))
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(select(ReminderOutbox.id).where(*conditions).with_for_update(skip_locked=True)))
        if not ids:
            return []
        conditions.append(ReminderOutbox.id.in_(ids))
    session.execute(
        update(ReminderOutbox)
        .where(*conditions)
        .values(status=OutboxStatus.CLAIMED, claimed_by=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return list(
        session.scalars(
            select(ReminderOutbox)
            .where(ReminderOutbox.claimed_by == token, ReminderOutbox.status == OutboxStatus.CLAIMED)
            .order_by(ReminderOutbox.priority, ReminderOutbox.id)
        )
    )


def finish_rows(session: Session, ids: list[int], token: str, **values) -> int:
    """Record the outcome of rows this sender still holds."""
    if not ids:
        return 0
    result = session.execute(
        update(ReminderOutbox)
        .where(
            ReminderOutbox.id.in_(ids),
            ReminderOutbox.claimed_by == token,
            ReminderOutbox.status == OutboxStatus.CLAIMED,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def recipients(session: Session, officer_ids: Iterable[int]) -> dict[int, Officer]:
    return {o.id: o for o in session.scalars(select(Officer).where(Officer.id.in_(list(officer_ids))))}


def planners(session: Session) -> list[Officer]:
    return list(
        session.scalars(select(Officer).where(Officer.role == "planner", Officer.active.is_(True)).order_by(Officer.id))
    )
