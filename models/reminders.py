"""The reminder outbox and officers' snoozes.

A reminder is written here first and sent afterwards: one row per recipient, period, round and
kind (unique), carrying the exact messages and a UUID used as LINE's X-Line-Retry-Key. Rows move
pending → claimed (by one sender) → sent | skipped | failed; `reason` says why a row was not sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class OutboxStatus:
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


class ReminderOutbox(Base):
    __tablename__ = "reminder_outbox"
    __table_args__ = (UniqueConstraint("officer_id", "period", "round", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # '2569-10'
    round: Mapped[str] = mapped_column(String(40), index=True)  # round name, or 'nudge-2026-11-25'
    kind: Mapped[str] = mapped_column(String(20))  # kpi.reminders.Kind
    priority: Mapped[int] = mapped_column(Integer)  # 0 = most urgent (overdue)
    urgency: Mapped[str] = mapped_column(String(20))  # kpi.rounds.Urgency (wording)
    status: Mapped[str] = mapped_column(String(10), index=True, default=OutboxStatus.PENDING)
    reason: Mapped[str | None] = mapped_column(String(300))
    #: X-Line-Retry-Key of this row's push (a UUID): a repeat is answered 409, never delivered twice.
    retry_key: Mapped[str] = mapped_column(String(36), unique=True)
    #: The retry key of the request that carried the row (its own, or a multicast's), once claimed.
    batch_key: Mapped[str | None] = mapped_column(String(36), index=True)
    #: LINE message objects (JSON) and their hash, to send identical ones as one multicast.
    payload: Mapped[list] = mapped_column(JSON, default=list)
    payload_hash: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    http_status: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(36))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReminderSnooze(Base):
    """ "เตือนพรุ่งนี้": the officer skips one round of one period."""

    __tablename__ = "reminder_snooze"
    __table_args__ = (UniqueConstraint("officer_id", "period", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    round: Mapped[str] = mapped_column(String(40))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
