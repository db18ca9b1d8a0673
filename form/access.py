"""Who may open the month's page, and how (the dashboard's sign-in design, dashboard.access).

* **A signed link** (presentation.form_links): bound to one officer and one month, expiring.
  A GET of it changes nothing and shows nothing of the officer's (LINE and other crawlers fetch
  chat links for previews; a link forwarded to another phone must not show the officer's
  indicators): only the month and a button. The button POSTs a form bound to this browser
  (dashboard.access's sign-in nonce and HMAC, and the Origin check), which uses the link up
  (`models.dashboard.spend_link`) and starts the page's session.
* **LIFF** (LIFF_ID set): the page opened inside LINE sends the ID token `liff.getIDToken()`
  gives; LINE verifies it (`LineApi.verify_id_token`, POST /oauth2/v2.1/verify on the bot's
  LINE_API_BASE_URL) and its `sub`, the LINE user, names the bound officer.
* **The page's session**: a key of its own in the dashboard's signed cookie (HttpOnly,
  SameSite=Lax, Path=/dashboard), bound to the officer and their session_version, lasting
  FORM_SESSION; every request re-reads the officer, so deactivation ends it at once. Its
  forms carry the session's CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.access import same_secret
from handlers.dashboard_links import token_hash
from models.dashboard import DashboardLogin, spend_link
from models.officer_views import officer_by_line_user
from models.org import Officer
from presentation.form_links import FormLink

FORM_KEY = "form"
FORM_SESSION = timedelta(hours=2)
#: The sign-in form's "link token" when the page was opened through LIFF (no link of its own).
LIFF_FORM = "liff"


def may_report(officer: Officer | None) -> bool:
    """An active officer bound to LINE: the page is the chat's, for those the chat serves."""
    return officer is not None and bool(officer.active) and officer.line_user_id is not None


def _officer(session: Session, officer_id: int) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.id == officer_id).options(selectinload(Officer.unit)))


def link_used(session: Session, token: str) -> bool:
    return session.scalar(select(DashboardLogin.id).where(DashboardLogin.token_hash == token_hash(token))) is not None


def usable_link(session: Session, link: FormLink | None, token: str) -> Officer | None:
    """The officer of a genuine, unexpired, unused link, while they may report; reads only."""
    if link is None or link_used(session, token):
        return None
    officer = _officer(session, link.officer_id)
    return officer if may_report(officer) else None


def redeem_link(session: Session, link: FormLink | None, token: str, now: datetime) -> Officer | None:
    """As usable_link, and uses the link up (once: a second POST, here or elsewhere, gets None)."""
    officer = usable_link(session, link, token)
    if officer is None or link is None or not spend_link(session, officer.id, token_hash(token), now, link.expires_at):
        return None
    return officer


def officer_of_line_user(session: Session, line_user_id: str) -> Officer | None:
    officer = officer_by_line_user(session, line_user_id)
    return officer if may_report(officer) else None


def start_session(cookie: dict, officer: Officer, now: datetime) -> None:
    """The page's session for this officer (a dashboard session in the same cookie stays)."""
    cookie[FORM_KEY] = {
        "officer": officer.id,
        "v": officer.session_version or 0,
        "until": int((now + FORM_SESSION).timestamp()),
        "csrf": secrets.token_urlsafe(24),
    }
    cookie.permanent = True


@dataclass(frozen=True)
class Reporter:
    """The officer of this request's page session."""

    officer: Officer
    csrf: str


def reporter_from(cookie: dict, session: Session, now: datetime) -> Reporter | None:
    data = cookie.get(FORM_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("officer"), int) or not isinstance(data.get("csrf"), str):
        return None
    if not isinstance(data.get("until"), int) or now.timestamp() >= data["until"]:
        return None
    officer = _officer(session, data["officer"])
    if not may_report(officer) or data.get("v") != (officer.session_version or 0):
        return None
    return Reporter(officer, data["csrf"])


def csrf_ok(reporter: Reporter, sent: object) -> bool:
    return bool(reporter.csrf) and same_secret(reporter.csrf, sent)
