"""What the webhook needs to remember: conversation state and processed events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class ConversationRecord(Base):
    """The persisted conversation state of one LINE user (expires after idle minutes)."""

    __tablename__ = "conversation"

    line_user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedEvent(Base):
    """Webhook events already handled, so a redelivered event has its effect once.

    Kept as long as LINE may redeliver (`models.events.EVENT_RETENTION`), then purged."""

    __tablename__ = "processed_event"

    webhook_event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    #: Acknowledged without effect: handling it failed in a way a redelivery cannot cure.
    failed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class MessageRate(Base):
    """How many messages a LINE user sent in the current minute, to calm a flood."""

    __tablename__ = "message_rate"

    line_user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    count: Mapped[int] = mapped_column(Integer, default=0)
