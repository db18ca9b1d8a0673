"""Links to the month's form page (form/, "กรอกทั้งหมดในหน้าเดียว"), carried by the pending list in
chat and by every reminder.

Without a LIFF app the link is `PUBLIC_BASE_URL/dashboard/form/open/<token>`: the token names one
officer and one month and expires after FORM_LINK_VALID, signed with SECRET_KEY (an HMAC: no row
is written per link, so a reminder round costs no more than before). The page honours it as the
dashboard honours its sign-in links (form/views.py). With LIFF_ID set the link opens the LIFF
app instead (`https://liff.line.me/<LIFF_ID>?p=<month>`): LINE says who the officer is (their ID
token, verified with LINE), so the link is the same for everyone and reminders still batch."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from kpi.periods import Period

#: Long enough for a reminder read later the same day or the next, short enough that a link
#: found in an old chat no longer opens anything.
FORM_LINK_VALID = timedelta(hours=24)
LIFF_HOST = "https://liff.line.me/"
_MAX_ID = 2**63 - 1


def _sign(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), b"kpibot-form:" + payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode().rstrip("=")


@dataclass(frozen=True)
class FormLink:
    """What a genuine, unexpired form token says."""

    officer_id: int
    period: Period
    expires_at: datetime


@dataclass(frozen=True)
class FormLinks:
    base_url: str  # PUBLIC_BASE_URL
    secret: str  # SECRET_KEY
    liff_id: str = ""  # LIFF_ID: the channel's LIFF app, when it has one

    def token(self, officer_id: int, period: Period, now: datetime) -> str:
        """'<officer>.<month key>.<expiry>.<signature>'."""
        payload = f"{officer_id}.{period.key()}.{int((now + FORM_LINK_VALID).timestamp())}"
        return f"{payload}.{_sign(self.secret, payload)}"

    def url(self, officer_id: int, period: Period, now: datetime) -> str:
        if self.liff_id:
            return f"{LIFF_HOST}{self.liff_id}?{urlencode({'p': period.key()})}"
        return f"{self.base_url}/dashboard/form/open/{self.token(officer_id, period, now)}"

    def read(self, token: str, now: datetime) -> FormLink | None:
        """The officer and month of a genuine, unexpired token; None for anything else."""
        parts = token.split(".")
        if not self.secret or len(parts) != 4 or not token.isascii() or len(token) > 200:
            return None
        officer, month_key, expiry, signature = parts
        payload = f"{officer}.{month_key}.{expiry}"
        if not hmac.compare_digest(_sign(self.secret, payload), signature):
            return None
        if not (officer.isdigit() and expiry.isdigit() and len(expiry) <= 12) or int(officer) > _MAX_ID:
            return None
        try:
            period = Period.from_key(month_key)
        except ValueError:
            return None
        expires_at = datetime.fromtimestamp(int(expiry), tz=now.tzinfo)
        return FormLink(int(officer), period, expires_at) if now < expires_at else None


def form_links(base_url: str, secret: str, liff_id: str = "") -> FormLinks | None:
    """The links to hand out, or None where there can be none: without LIFF a link needs the
    bot's public address and a secret to sign it."""
    if liff_id:
        return FormLinks(base_url, secret, liff_id)
    if not base_url or not secret:
        return None
    return FormLinks(base_url.rstrip("/"), secret)
