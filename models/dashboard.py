"""One-time sign-in links to the web dashboard, sent in chat to planners and supervisors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime


class DashboardLogin(Base):
    """A personal sign-in link: only the SHA-256 of its random token is stored; it works once,
    until `expires_at`."""

    __tablename__ = "dashboard_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def spend_link(session: Session, officer_id: int, token_hash: str, now: datetime, expires_at: datetime) -> bool:
    """Use up a signed link that has no row of its own (the month's page, form/): its hash is
    written here marked used at once, so it can never be used again nor sign anyone in to the
    dashboard. False when it was used before (also by a concurrent request)."""
    if session.scalar(select(DashboardLogin.id).where(DashboardLogin.token_hash == token_hash)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(
                DashboardLogin(
                    officer_id=officer_id, token_hash=token_hash, created_at=now, expires_at=expires_at, used_at=now
                )
            )
    except IntegrityError:
        return False
    return True
