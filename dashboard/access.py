"""Who may see what: one-time sign-in links from chat, the session cookie, signed chart links.

* A planner or supervisor asks the bot ("แดชบอร์ด"); `issue_login_link` stores the SHA-256 of a
  random token valid 10 minutes. Opening `/dashboard/login/<token>` redeems it once and
  starts a Flask session (a signed cookie, HttpOnly, SameSite=Lax, Secure outside demo and
  tests) that lasts `SESSION_HOURS`, checked against the app's clock.
* Every request re-reads the officer: one who left, was deactivated or is now an officer
  loses access at once. Planners see every unit; a supervisor sees their own unit.
* Chart images for chat are fetched by LINE's servers without a cookie: their URLs carry an
  HMAC-signed, expiring token (`chart_token` / `read_chart_token`).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.dashboard import DashboardLogin
from models.org import Officer, Role

LINK_VALID = timedelta(minutes=10)
SESSION_HOURS = 8
CHART_LINK_DAYS = 7
DASHBOARD_ROLES = (Role.PLANNER.value, Role.SUPERVISOR.value)
SESSION_KEY = "dashboard"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_use_dashboard(officer: Officer | None) -> bool:
    return officer is not None and bool(officer.active) and officer.role in DASHBOARD_ROLES


def issue_login_link(session: Session, officer: Officer, now: datetime) -> str:
    """A fresh random token (only its hash is stored), valid LINK_VALID, usable once."""
    token = secrets.token_urlsafe(32)
    session.add(DashboardLogin(officer_id=officer.id, token_hash=_hash(token), created_at=now,
                               expires_at=now + LINK_VALID))
    return token


def redeem_login_link(session: Session, token: str, now: datetime) -> Officer | None:
    """The officer of an unused, unexpired link (marking it used), or None."""
    if not token or len(token) > 200:
        return None
    login = session.scalar(select(DashboardLogin).where(DashboardLogin.token_hash == _hash(token))
                           .with_for_update())
    if login is None or login.used_at is not None or login.expires_at <= now:
        return None
    login.used_at = now
    officer = session.get(Officer, login.officer_id)
    return officer if may_use_dashboard(officer) else None


@dataclass(frozen=True)
class Viewer:
    """The signed-in planner or supervisor of this request."""

    officer_id: int
    name: str
    role: str
    unit_id: int
    unit_name: str

    @property
    def is_planner(self) -> bool:
        return self.role == Role.PLANNER.value

    @property
    def role_th(self) -> str:
        return "กองนโยบายและแผนงาน" if self.is_planner else "หัวหน้าหน่วยงาน"

    def may_see(self, unit_id: int) -> bool:
        return self.is_planner or unit_id == self.unit_id

    @property
    def unit_ids(self) -> set[int] | None:
        """The units this viewer may see; None = all."""
        return None if self.is_planner else {self.unit_id}


def start_session(cookie: dict, officer: Officer, now: datetime) -> None:
    cookie.clear()
    cookie[SESSION_KEY] = {"officer": officer.id,
                           "until": int((now + timedelta(hours=SESSION_HOURS)).timestamp()),
                           "csrf": secrets.token_urlsafe(24)}
    cookie.permanent = True


def viewer_from(cookie: dict, session: Session, now: datetime) -> Viewer | None:
    data = cookie.get(SESSION_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("officer"), int):
        return None
    if not isinstance(data.get("until"), int) or now.timestamp() >= data["until"]:
        return None
    officer = session.scalar(select(Officer).where(Officer.id == data["officer"])
                             .options(selectinload(Officer.unit)))
    if not may_use_dashboard(officer):
        return None
    return Viewer(officer.id, officer.display_name, officer.role, officer.unit_id, officer.unit.name)


def csrf_token(cookie: dict) -> str:
    data = cookie.get(SESSION_KEY) or {}
    return data.get("csrf", "")


def csrf_ok(cookie: dict, sent: str | None) -> bool:
    expected = csrf_token(cookie)
    return bool(expected) and bool(sent) and hmac.compare_digest(expected, sent)


# -- signed chart links -----------------------------------------------------------------------

def _sign(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), b"kpibot-chart:" + payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")


def chart_token(secret: str, officer_id: int, year_be: int, now: datetime,
                valid: timedelta = timedelta(days=CHART_LINK_DAYS)) -> str:
    """'<officer>-<year>-<expiry>-<signature>': the chart of this officer's view, until expiry."""
    payload = f"{officer_id}-{year_be}-{int((now + valid).timestamp())}"
    return f"{payload}-{_sign(secret, payload)}"


def read_chart_token(secret: str, token: str, now: datetime) -> tuple[int, int] | None:
    """(officer id, year) of a genuine, unexpired chart token, else None."""
    parts = token.split("-", 3)  # the signature itself may hold "-" (base64url)
    if len(parts) != 4 or not all(p.isdigit() for p in parts[:3]) or not secret:
        return None
    payload = "-".join(parts[:3])
    if not hmac.compare_digest(_sign(secret, payload), parts[3]):
        return None
    if now.timestamp() >= int(parts[2]):
        return None
    return int(parts[0]), int(parts[1])
