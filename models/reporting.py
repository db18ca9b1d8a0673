"""Saving reported values and disbursements: the current figure plus an append-only history
row, together."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .budget import Disbursement, DisbursementHistory
from .results import ReportedValue, ValueHistory


def save_value(
    session: Session,
    *,
    indicator_id: int,
    month: int,
    value: Decimal,
    note: str | None,
    officer_id: int | None,
    now: datetime,
    on_time: bool,
    source: str,
) -> ReportedValue:
    """Insert or update the month's value and record the change in the history.

    The row is locked (SELECT … FOR UPDATE on PostgreSQL) so two officers saving the same
    indicator at once are serialised and both changes reach the history.
    """
    current = session.scalar(
        select(ReportedValue)
        .where(ReportedValue.indicator_id == indicator_id, ReportedValue.month == month)
        .with_for_update()
    )
    session.add(
        ValueHistory(
            indicator_id=indicator_id,
            month=month,
            old_value=current.value if current else None,
            new_value=value,
            old_note=current.note if current else None,
            new_note=note,
            changed_by_id=officer_id,
            changed_at=now,
            on_time=on_time,
            source=source if current is None or source == "import" else "correction",
        )
    )
    if current is None:
        current = ReportedValue(
            indicator_id=indicator_id,
            month=month,
            value=value,
            note=note,
            reported_by_id=officer_id,
            reported_at=now,
            on_time=on_time,
            source=source,
        )
        session.add(current)
        return current
    current.value, current.note, current.version = value, note, current.version + 1
    # A value first given on time stays on time when it is later corrected.
    current.reported_by_id, current.reported_at = officer_id, now
    current.on_time = current.on_time or on_time
    return current


def save_disbursement(
    session: Session,
    *,
    project_id: int,
    month: int,
    amount: Decimal,
    note: str | None,
    officer_id: int | None,
    now: datetime,
    on_time: bool,
    source: str,
) -> Disbursement:
    """Insert or update the month's disbursement and record the change in its history, as
    `save_value` does for a value (a change after the first is a correction; first on time
    stays on time)."""
    current = session.scalar(
        select(Disbursement).where(Disbursement.project_id == project_id, Disbursement.month == month).with_for_update()
    )
    session.add(
        DisbursementHistory(
            project_id=project_id,
            month=month,
            old_amount=current.amount_baht if current else None,
            new_amount=amount,
            old_note=current.note if current else None,
            new_note=note,
            changed_by_id=officer_id,
            changed_at=now,
            on_time=on_time,
            source=source if current is None or source == "import" else "correction",
        )
    )
    if current is None:
        current = Disbursement(
            project_id=project_id,
            month=month,
            amount_baht=amount,
            note=note,
            reported_by_id=officer_id,
            reported_at=now,
            on_time=on_time,
            source=source,
        )
        session.add(current)
        return current
    current.amount_baht, current.note, current.version = amount, note, current.version + 1
    current.reported_by_id, current.reported_at = officer_id, now
    current.on_time = current.on_time or on_time
    return current
