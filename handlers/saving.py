"""Saving confirmed figures: the one path from a confirmed answer to the store, for the chat
(handlers.router applies the conversation's SaveValue and SaveDisbursement effects) and the
month's page (handlers.month_form) alike, so the same answer gives the same rows whichever way
it came."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from models.reporting import save_disbursement, save_value

from .conversation_state import SaveDisbursement, SaveValue

#: The history's source of a value an officer gave through LINE: typed in the chat or on the
#: month's page opened from it (the page is the chat's form, not another channel: the rows are
#: the chat's, byte for byte). Corrections are recorded as such by the store.
SOURCE = "chat"


def save_confirmed(session: Session, officer_id: int, effect: SaveValue | SaveDisbursement, now: datetime) -> None:
    """Store a confirmed value or disbursement with its history row; sent after the 5th of the
    next month it is marked late (a correction keeps a first figure's on-time mark:
    models.reporting)."""
    common = dict(
        month=effect.period.month,
        note=effect.note,
        officer_id=officer_id,
        now=now,
        on_time=effect.period.is_on_time(now),
        source=SOURCE,
    )
    if isinstance(effect, SaveDisbursement):
        save_disbursement(session, project_id=effect.project_id, amount=effect.amount, **common)
    else:
        save_value(session, indicator_id=effect.indicator_id, value=effect.value, **common)
