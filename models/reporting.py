"""Saving reported values and disbursements: the current figure plus an append-only history
row, together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .budget import Disbursement, DisbursementHistory
from .results import ReportedValue, ValueHistory


@dataclass(frozen=True)
class _Figures:
    """A table of current figures, its history table, and what each calls the figure."""

    current: Any
    history: Any
    figure: str  # the current row's column: value | amount_baht
    history_figure: str  # the history's old_/new_ columns: value | amount


VALUES = _Figures(ReportedValue, ValueHistory, "value", "value")
DISBURSEMENTS = _Figures(Disbursement, DisbursementHistory, "amount_baht", "amount")


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
    """Insert or update the month's value and record the change in the history."""
    return _save(
        session, VALUES, {"indicator_id": indicator_id, "month": month}, value, note, officer_id, now, on_time, source
    )


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
    """Insert or update the month's disbursement (baht) and record the change in its history."""
    return _save(
        session,
        DISBURSEMENTS,
        {"project_id": project_id, "month": month},
        amount,
        note,
        officer_id,
        now,
        on_time,
        source,
    )


def _save(
    session: Session,
    tables: _Figures,
    key: dict[str, int],
    figure: Decimal,
    note: str | None,
    officer_id: int | None,
    now: datetime,
    on_time: bool,
    source: str,
) -> Any:
    """The one way a month's figure is saved, for values and disbursements alike.

    The row is locked (SELECT … FOR UPDATE on PostgreSQL) so two officers saving the same month
    at once are serialised and both changes reach the history. A change after the first is a
    correction (but an import stays an import); a figure first given on time stays on time.
    """
    current = session.scalar(select(tables.current).filter_by(**key).with_for_update())
    session.add(
        tables.history(
            **key,
            **{
                f"old_{tables.history_figure}": getattr(current, tables.figure) if current else None,
                f"new_{tables.history_figure}": figure,
            },
            old_note=current.note if current else None,
            new_note=note,
            changed_by_id=officer_id,
            changed_at=now,
            on_time=on_time,
            source=source if current is None or source == "import" else "correction",
        )
    )
    if current is None:
        current = tables.current(
            **key,
            **{tables.figure: figure},
            note=note,
            reported_by_id=officer_id,
            reported_at=now,
            on_time=on_time,
            source=source,
        )
        session.add(current)
        return current
    setattr(current, tables.figure, figure)
    current.note, current.version = note, current.version + 1
    current.reported_by_id, current.reported_at = officer_id, now
    current.on_time = current.on_time or on_time
    return current
