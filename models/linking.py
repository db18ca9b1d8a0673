"""One-time codes that bind an officer's LINE account, with a brake on guessing."""
from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .org import BindAttempt, LinkCode, Officer

CODE_VALID_HOURS = 72
MAX_WRONG_PER_HOUR = 5


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def issue_link_code(session: Session, officer: Officer, now: datetime) -> str:
    """A fresh 6-digit code; earlier unused codes of the officer stop working."""
    session.execute(update(LinkCode).where(LinkCode.officer_id == officer.id, LinkCode.used_at.is_(None))
                    .values(expires_at=now))
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        clash = session.scalar(select(LinkCode.id).where(LinkCode.code_hash == _hash(code),
                                                         LinkCode.used_at.is_(None), LinkCode.expires_at > now))
        if clash is None:
            break
    session.add(LinkCode(officer_id=officer.id, code_hash=_hash(code), created_at=now,
                         expires_at=now + timedelta(hours=CODE_VALID_HOURS)))
    return code


class BindResult(enum.Enum):
    BOUND = "bound"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class Binding:
    result: BindResult
    officer: Officer | None = None
    attempts_left: int = 0
    wait_minutes: int = 0


def redeem_link_code(session: Session, line_user_id: str, code: str, now: datetime) -> Binding:
    hour_ago = now - timedelta(hours=1)
    wrong = session.scalar(select(func.count()).select_from(BindAttempt).where(
        BindAttempt.line_user_id == line_user_id, BindAttempt.succeeded.is_(False), BindAttempt.at > hour_ago))
    if wrong >= MAX_WRONG_PER_HOUR:
        oldest = session.scalar(select(func.min(BindAttempt.at)).where(
            BindAttempt.line_user_id == line_user_id, BindAttempt.succeeded.is_(False), BindAttempt.at > hour_ago))
        wait = max(1, int((oldest + timedelta(hours=1) - now).total_seconds() // 60) + 1)
        return Binding(BindResult.LOCKED, wait_minutes=wait)
    link = session.scalar(select(LinkCode).where(LinkCode.code_hash == _hash(code), LinkCode.used_at.is_(None),
                                                 LinkCode.expires_at > now).with_for_update())
    officer = session.get(Officer, link.officer_id) if link else None
    if officer is None or not officer.active:
        session.add(BindAttempt(line_user_id=line_user_id, at=now, succeeded=False, attempt_no=wrong + 1))
        left = MAX_WRONG_PER_HOUR - wrong - 1
        if left <= 0:
            return Binding(BindResult.LOCKED, wait_minutes=60)
        return Binding(BindResult.WRONG, attempts_left=left)
    link.used_at = now
    # One LINE account, one officer: a re-bound account leaves its previous officer.
    session.execute(update(Officer).where(Officer.line_user_id == line_user_id, Officer.id != officer.id)
                    .values(line_user_id=None))
    officer.line_user_id = line_user_id
    officer.line_blocked = False
    session.add(BindAttempt(line_user_id=line_user_id, at=now, succeeded=True, attempt_no=wrong + 1))
    return Binding(BindResult.BOUND, officer=officer)
