""" "แดชบอร์ด" (a one-time sign-in link to the web dashboard) and "กราฟ" (a chart picture).

* แดชบอร์ด: planners and supervisors get a card with a personal link, valid 10 minutes and
  usable once (dashboard.access); officers get a polite refusal.
* กราฟ: an image message whose URLs are a signed link, expiring in 7 days, to a PNG drawn
  when LINE fetches it: an officer's indicators, a supervisor's unit, or the planner's office.
  LINE takes image URLs over HTTPS only: with a plain-HTTP PUBLIC_BASE_URL (the local demo)
  the link is sent as text and a button instead.

Both use PUBLIC_BASE_URL and SECRET_KEY from the settings in their context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from linebot.v3.messaging import ImageMessage, Message, URIAction

from kpi.periods import BANGKOK, reporting_period
from models.org import Role
from models.status_queries import chat_has_picture
from presentation import messages as M
from presentation import texts as T

from . import dashboard_links as access

if TYPE_CHECKING:
    from .context import CommandContext

DASHBOARD_WORDS = T.CMD_DASHBOARD
DASHBOARD_ACTS = ("dashboard",)
CHART_WORDS = T.CMD_CHART
CHART_ACTS = ("chart",)


def sign_in_link(ctx: CommandContext) -> list[Message]:
    officer = ctx.officer
    if not access.may_use_dashboard(officer):
        return [M.text(T.DASH_OFFICER_REFUSED)]
    base = ctx.settings.public_base_url
    if not base or not ctx.settings.secret_key:
        return [M.text(T.DASH_NOT_READY)]
    token = access.issue_login_link(ctx.session, officer, ctx.now)
    url = f"{base}/dashboard/login/{token}"
    minutes = int(access.LINK_VALID.total_seconds() // 60)
    until = (ctx.now + access.LINK_VALID).astimezone(BANGKOK).strftime("%H:%M")
    body = T.DASH_LINK_BODY.format(name=officer.display_name, minutes=minutes, until=until)
    bubble = {
        "type": "bubble",
        "header": {
            "type": "box",
            "layout": "vertical",
            "backgroundColor": "#0B5394",
            "contents": [{"type": "text", "text": T.DASH_LINK_TITLE, "color": "#FFFFFF", "weight": "bold"}],
        },
        "body": {
            "type": "box",
            "layout": "vertical",
            "spacing": "md",
            "contents": [
                {"type": "text", "text": body, "wrap": True, "size": "sm"},
                {"type": "text", "text": T.DASH_LINK_HINT, "wrap": True, "size": "xs", "color": "#888888"},
                {"type": "text", "text": url, "wrap": True, "size": "xs", "color": "#0B5394"},
            ],
        },
        "footer": {
            "type": "box",
            "layout": "vertical",
            "contents": [
                {
                    "type": "button",
                    "style": "primary",
                    "height": "sm",
                    "action": URIAction(label=T.DASH_BTN_OPEN, uri=url).to_dict(),
                }
            ],
        },
    }
    return [M.flex(T.DASH_LINK_ALT.format(minutes=minutes, url=url), bubble)]


def chart(ctx: CommandContext) -> list[Message]:
    officer = ctx.officer
    year = reporting_period(ctx.now).year_be
    base, secret = ctx.settings.public_base_url, ctx.settings.secret_key
    if not base or not secret:
        return [M.text(T.DASH_NOT_READY)]
    if not chat_has_picture(ctx.session, officer, year):
        if officer.role == Role.PLANNER.value:
            return [M.text(T.CHART_NOTHING_OFFICE.format(year=year))]
        if officer.role == Role.SUPERVISOR.value:
            return [M.text(T.CHART_NOTHING_UNIT.format(unit=officer.unit.name, year=year))]
        return [M.text(T.CHART_NOTHING_MINE.format(year=year))]
    if officer.role == Role.PLANNER.value:
        caption = T.CHART_OFFICE.format(year=year)
    elif officer.role == Role.SUPERVISOR.value:
        caption = T.CHART_UNIT.format(unit=officer.unit.name, year=year)
    else:
        caption = T.CHART_MINE.format(year=year)
    token = access.chart_token(secret, officer.id, year, ctx.now)
    url = f"{base}/dashboard/chart/{token}.png"
    days = access.CHART_LINK_DAYS
    if not url.startswith("https://"):
        return [
            M.text(
                caption + "\n" + T.CHART_LINK.format(days=days, url=url), [URIAction(label=T.BTN_CHART_OPEN, uri=url)]
            )
        ]
    return [
        M.text(caption + "\n" + T.CHART_TAP.format(days=days)),
        ImageMessage(originalContentUrl=url, previewImageUrl=url + "?size=preview"),
    ]
