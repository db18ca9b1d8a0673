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
#: Wrong codes one LINE account may type in an hour before it waits.
MAX_WRONG_PER_HOUR = 5
#: Wrong codes all accounts together may type in an hour before binding pauses for everyone:
#: a guesser with many LINE accounts is slowed as much as one with a single account (a million
#: codes, a few dozen valid at a time), while an office binding its officers at go-live makes
#: only a few typing mistakes an hour.
MAX_WRONG_PER_HOUR_ALL = 30


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def issue_link_code(session: Session, officer: Officer, now: datetime) -> str:
    """A fresh 6-digit code; earlier unused codes of the officer stop working."""
    session.execute(
        update(LinkCode).where(LinkCode.officer_id == officer.id, LinkCode.used_at.is_(None)).values(expires_at=now)
    )
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        clash = session.scalar(
            select(LinkCode.id).where(
                LinkCode.code_hash == _hash(code), LinkCode.used_at.is_(None), LinkCode.expires_at > now
            )
        )
        if clash is None:
            break
    session.add(
        LinkCode(
            officer_id=officer.id,
            code_hash=_hash(code),
            created_at=now,
            expires_at=now + timedelta(hours=CODE_VALID_HOURS),
        )
    )
    return code


class BindResult(enum.Enum):
    BOUND = "bound"
    WRONG = "wrong"
    LOCKED = "locked"  # this account typed too many wrong codes
    PAUSED = "paused"  # all accounts together did: binding waits for everyone


@dataclass(frozen=True)
class Binding:
    result: BindResult
    officer: Officer | None = None
    attempts_left: int = 0
    wait_minutes: int = 0


def _wrong_since(session: Session, since: datetime, line_user_id: str | None = None):
    """(count, oldest time) of the wrong codes typed since then, by one account or by all."""
    query = select(func.count(), func.min(BindAttempt.at)).where(
        BindAttempt.succeeded.is_(False), BindAttempt.at > since
    )
    if line_user_id is not None:
        query = query.where(BindAttempt.line_user_id == line_user_id)
    return session.execute(query).one()


def _minutes_until_hour_after(oldest: datetime, now: datetime) -> int:
    return max(1, int((oldest + timedelta(hours=1) - now).total_seconds() // 60) + 1)


def redeem_link_code(session: Session, line_user_id: str, code: str, now: datetime) -> Binding:
    hour_ago = now - timedelta(hours=1)
    wrong, oldest = _wrong_since(session, hour_ago, line_user_id)
    if wrong >= MAX_WRONG_PER_HOUR:
        return Binding(BindResult.LOCKED, wait_minutes=_minutes_until_hour_after(oldest, now))
    wrong_all, oldest_all = _wrong_since(session, hour_ago)
    if wrong_all >= MAX_WRONG_PER_HOUR_ALL:
        # Not recorded as an attempt: the pause ends an hour after the guesses that caused it.
        return Binding(BindResult.PAUSED, wait_minutes=_minutes_until_hour_after(oldest_all, now))
    link = session.scalar(
        select(LinkCode)
        .where(LinkCode.code_hash == _hash(code), LinkCode.used_at.is_(None), LinkCode.expires_at > now)
        .with_for_update()
    )
    officer = session.get(Officer, link.officer_id) if link else None
    if officer is None or not officer.active:
        session.add(BindAttempt(line_user_id=line_user_id, at=now, succeeded=False, attempt_no=wrong + 1))
        left = MAX_WRONG_PER_HOUR - wrong - 1
        if left <= 0:
            return Binding(BindResult.LOCKED, wait_minutes=60)
        return Binding(BindResult.WRONG, attempts_left=left)
    link.used_at = now
    # One LINE account, one officer: a re-bound account leaves its previous officer.
    session.execute(
        update(Officer).where(Officer.line_user_id == line_user_id, Officer.id != officer.id).values(line_user_id=None)
    )
    officer.line_user_id = line_user_id
    officer.line_blocked = False
    session.add(BindAttempt(line_user_id=line_user_id, at=now, succeeded=True, attempt_no=wrong + 1))
    return Binding(BindResult.BOUND, officer=officer)
