"""Who may see what: one-time sign-in links from chat, the session cookie, signed chart links.

* A planner or supervisor asks the bot ("แดชบอร์ด"); `issue_login_link` stores the SHA-256 of a
  random token valid 10 minutes. Sign-in takes two steps, because LINE's servers, other link
  preview crawlers and some phones' prefetch GET any URL that appears in chat: opening
  `/dashboard/login/<token>` only reads the link (`peek_login_link`) and shows a page with one
  button; pressing it POSTs the sign-in form (`sign_in_form_ok`), which redeems the link once
  (`redeem_login_link`) and starts a Flask session (a signed cookie, HttpOnly, SameSite=Lax,
  Secure outside demo and tests) that lasts `SESSION_HOURS`, checked against the app's clock.
* Every request re-reads the officer: one who left, was deactivated or is now an officer
  loses access at once. Planners see every unit; a supervisor sees the units they oversee,
  their own and every unit below it (models.org.units_overseen_by, as in chat).
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
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

# Issued in chat (handlers.dashboard_links), honoured here.
from handlers.dashboard_links import (  # noqa: F401
    CHART_LINK_DAYS,
    DASHBOARD_ROLES,
    LINK_VALID,
    chart_token,
    issue_login_link,
    may_use_dashboard,
)
from handlers.dashboard_links import sign_chart as _sign
from handlers.dashboard_links import token_hash as _hash
from models.base import MAX_DB_ID
from models.dashboard import DashboardLogin
from models.org import Officer, Role, units_overseen_by

SESSION_HOURS = 8
SESSION_KEY = "dashboard"


def _usable_login(session: Session, token: str, now: datetime, lock: bool) -> DashboardLogin | None:
    if not token or len(token) > 200:
        return None
    query = select(DashboardLogin).where(DashboardLogin.token_hash == _hash(token))
    login = session.scalar(query.with_for_update() if lock else query)
    if login is None or login.used_at is not None or login.expires_at <= now:
        return None
    return login


def peek_login_link(session: Session, token: str, now: datetime) -> PendingSignIn | None:
    """Who an unused, unexpired link would sign in, and until when; changes nothing (a GET or
    HEAD of the link, by the officer or by a crawler building a preview, uses nothing up)."""
    login = _usable_login(session, token, now, lock=False)
    if login is None:
        return None
    officer = session.scalar(select(Officer).where(Officer.id == login.officer_id).options(selectinload(Officer.unit)))
    if not may_use_dashboard(officer):
        return None
    return PendingSignIn(_viewer(session, officer), login.expires_at)


def redeem_login_link(session: Session, token: str, now: datetime) -> Officer | None:
    """The officer of an unused, unexpired link (marking it used), or None. Only for the POST
    of the sign-in form, after `sign_in_form_ok`."""
    login = _usable_login(session, token, now, lock=True)
    if login is None:
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
    #: The units this viewer may see (models.org.units_overseen_by); None = all.
    realm: frozenset[int] | None = frozenset()

    @property
    def is_planner(self) -> bool:
        return self.role == Role.PLANNER.value

    @property
    def role_th(self) -> str:
        return "กองนโยบายและแผนงาน" if self.is_planner else "หัวหน้าหน่วยงาน"

    def may_see(self, unit_id: int) -> bool:
        return self.realm is None or unit_id in self.realm

    @property
    def unit_ids(self) -> set[int] | None:
        """The units this viewer may see; None = all."""
        return None if self.realm is None else set(self.realm)

    @property
    def oversees_units_below(self) -> bool:
        """A supervisor of a unit with units below it (they may see several)."""
        return self.realm is not None and len(self.realm) > 1


def _viewer(session: Session, officer: Officer) -> Viewer:
    return Viewer(
        officer.id,
        officer.display_name,
        officer.role,
        officer.unit_id,
        officer.unit.name,
        units_overseen_by(session, officer),
    )


@dataclass(frozen=True)
class PendingSignIn:
    """A sign-in link not used yet: whom it signs in, and until when it works."""

    who: Viewer
    expires_at: datetime


def start_session(cookie: dict, officer: Officer, now: datetime) -> None:
    cookie.clear()
    cookie[SESSION_KEY] = {
        "officer": officer.id,
        "v": officer.session_version or 0,
        "until": int((now + timedelta(hours=SESSION_HOURS)).timestamp()),
        "csrf": secrets.token_urlsafe(24),
    }
    cookie.permanent = True


def viewer_from(cookie: dict, session: Session, now: datetime) -> Viewer | None:
    data = cookie.get(SESSION_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("officer"), int):
        return None
    if not isinstance(data.get("until"), int) or now.timestamp() >= data["until"]:
        return None
    officer = session.scalar(select(Officer).where(Officer.id == data["officer"]).options(selectinload(Officer.unit)))
    if not may_use_dashboard(officer) or data.get("v") != (officer.session_version or 0):
        return None
    return _viewer(session, officer)


def end_sessions(officer: Officer) -> None:
    """Logout: every session of this officer ends, in this browser and any copied cookie."""
    officer.session_version = (officer.session_version or 0) + 1


def csrf_token(cookie: dict) -> str:
    data = cookie.get(SESSION_KEY) or {}
    return data.get("csrf", "")


def same_secret(expected: str, sent: object) -> bool:
    """Constant-time equality for anything a request sends: `hmac.compare_digest` raises on a
    str that is not ASCII (and on a non-str), which would be a 500 for whoever sends one."""
    if not isinstance(sent, str) or not isinstance(expected, str):
        return False
    return hmac.compare_digest(expected.encode("utf-8", "surrogatepass"), sent.encode("utf-8", "surrogatepass"))


def csrf_ok(cookie: dict, sent: str | None) -> bool:
    expected = csrf_token(cookie)
    return bool(expected) and bool(sent) and same_secret(expected, sent)


# -- the sign-in form --------------------------------------------------------------------------
#
# The POST that uses a link up is made by a visitor who has no session yet, so the session's
# form token (above) cannot protect it. What could go wrong is login CSRF: a page elsewhere
# making someone's browser sign in with the attacker's own link, so that what they then see
# or upload happens under the attacker's name. The form is therefore tied to the browser that
# was shown the page:
#
# * GET of the link puts a random nonce in the visitor's session cookie (signed with
#   SECRET_KEY, HttpOnly, SameSite=Lax; nothing is stored on the server and the link is not
#   used) and the form carries the link token and HMAC(SECRET_KEY, nonce + token).
# * The POST needs the form's token to be the link's token and that HMAC to match the nonce
#   in the cookie. A page on another site cannot read the nonce (HttpOnly, and our pages are
#   not readable cross-origin), and with SameSite=Lax the browser does not even send the
#   cookie with its cross-site POST; nor can it frame our page to borrow a click
#   (X-Frame-Options: DENY). Sent to the attacker's own link by a top-level GET, the visitor
#   sees a page naming someone else and must press the button themselves. A crawler that
#   never submits a form uses nothing up. The
#   token comes from the URL and the form only confirms it; no field names an officer, and
#   the HMAC binds the form to one link: editing a field cannot aim it at another person's.
# * Belt and braces: a POST whose Origin header names another site is refused outright
#   (`origin_ok`). "null" (what browsers send under our Referrer-Policy: no-referrer) or no
#   Origin at all proves nothing either way and is left to the nonce.
#
# A refused form does not use the link up: opening it again shows a fresh button.

SIGN_IN_KEY = "sign_in_nonce"


def sign_in_nonce(cookie: dict) -> str:
    """This browser's nonce for sign-in forms (made once, so several tabs keep working)."""
    nonce = cookie.get(SIGN_IN_KEY)
    if not isinstance(nonce, str) or not nonce:
        nonce = cookie[SIGN_IN_KEY] = secrets.token_urlsafe(24)
    return nonce


def _sign_in_mac(secret: str, nonce: str, token: str) -> str:
    digest = hmac.new(secret.encode(), f"kpibot-sign-in:{nonce}:{token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign_in_form_token(secret: str, cookie: dict, token: str) -> str:
    """The `csrf` field of the sign-in form for this link in this browser."""
    return _sign_in_mac(secret, sign_in_nonce(cookie), token)


def sign_in_form_ok(secret: str, cookie: dict, token: str, sent_token: str | None, sent_csrf: str | None) -> bool:
    """The POSTed form is the one shown to this browser for this very link."""
    nonce = cookie.get(SIGN_IN_KEY)
    if not secret or not isinstance(nonce, str) or not nonce or not sent_token or not sent_csrf:
        return False
    return same_secret(token, sent_token) and same_secret(_sign_in_mac(secret, nonce, token), sent_csrf)


def origin_ok(origin: str | None, host: str, public_base_url: str | None) -> bool:
    """False only for an Origin header naming a site other than ours (the request's Host, or
    PUBLIC_BASE_URL behind a proxy); absent or "null" is no evidence (see above)."""
    if not origin or origin == "null":
        return True
    sent = urlsplit(origin)
    ours = {host.lower()}
    if public_base_url:
        ours.add(urlsplit(public_base_url).netloc.lower())
    return sent.scheme in ("http", "https") and sent.netloc.lower() in ours


# -- signed chart links -----------------------------------------------------------------------


def read_chart_token(secret: str, token: str, now: datetime) -> tuple[int, int] | None:
    """(officer id, year) of a genuine, unexpired chart token, else None."""
    parts = token.split("-", 3)  # the signature itself may hold "-" (base64url)
    if len(parts) != 4 or not all(p.isascii() and p.isdigit() for p in parts[:3]) or not secret:
        return None
    payload = "-".join(parts[:3])
    if not same_secret(_sign(secret, payload), parts[3]) or int(parts[0]) > MAX_DB_ID:
        return None
    if now.timestamp() >= int(parts[2]):
        return None
    return int(parts[0]), int(parts[1])
