"""The dashboard links the chat hands out: one-time sign-in links (stored as a SHA-256 in
`dashboard_login`) and HMAC-signed chart links. dashboard.access honours them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from models.dashboard import DashboardLogin
from models.org import Officer, Role

LINK_VALID = timedelta(minutes=10)
CHART_LINK_DAYS = 7
DASHBOARD_ROLES = (Role.PLANNER.value, Role.SUPERVISOR.value)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_use_dashboard(officer: Officer | None) -> bool:
    return officer is not None and bool(officer.active) and officer.role in DASHBOARD_ROLES


def issue_login_link(session: Session, officer: Officer, now: datetime) -> str:
    """A fresh random token (only its hash is stored), valid LINK_VALID, usable once."""
    token = secrets.token_urlsafe(32)
    session.add(
        DashboardLogin(officer_id=officer.id, token_hash=token_hash(token), created_at=now, expires_at=now + LINK_VALID)
    )
    return token


# -- signed chart links


def sign_chart(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), b"kpibot-chart:" + payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")


def chart_token(
    secret: str, officer_id: int, year_be: int, now: datetime, valid: timedelta = timedelta(days=CHART_LINK_DAYS)
) -> str:
    """'<officer>-<year>-<expiry>-<signature>': the chart of this officer's view, until expiry."""
    payload = f"{officer_id}-{year_be}-{int((now + valid).timestamp())}"
    return f"{payload}-{sign_chart(secret, payload)}"
