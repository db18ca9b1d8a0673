"""Reported values and their append-only history."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Amount, Base, UTCDateTime
from .plan import Indicator


class ReportStamp:
    """Who reported a month's figure, when, with what note and how (a value and a
    disbursement are stamped alike)."""

    note: Mapped[str | None] = mapped_column(Text)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    on_time: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(20), default="chat")
    #: Bumped on every change; guards against lost updates between concurrent writers.
    version: Mapped[int] = mapped_column(Integer, default=1)


class ChangeStamp:
    """One change in an append-only history: the note before and after, who, when, how."""

    old_note: Mapped[str | None] = mapped_column(Text)
    new_note: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    on_time: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(20))  # chat | correction | import


class ReportedValue(ReportStamp, Base):
    """The current value of one indicator for one month."""

    __tablename__ = "reported_value"
    __table_args__ = (UniqueConstraint("indicator_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Amount)

    indicator: Mapped[Indicator] = relationship()


class ValueHistory(ChangeStamp, Base):
    """Append-only audit trail: one row for every change of a reported value."""

    __tablename__ = "value_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    old_value: Mapped[Decimal | None] = mapped_column(Amount)
    new_value: Mapped[Decimal] = mapped_column(Amount)
