"""Routes of the month's page (blueprint "form", under /dashboard/form: the dashboard's session
cookie has Path=/dashboard, and the page keeps its session under a key of its own there).

    GET  /dashboard/form/open/<token>    signed link from chat or a reminder → the month and one
                                         button; reads only, shows nothing of the officer's
    POST /dashboard/form/open/<token>    that button: uses the link up → page session → the month
    GET  /dashboard/form/liff            the LIFF app's page: liff.init, then POSTs the ID token
    POST /dashboard/form/liff            ID token verified with LINE → page session → the month
    GET  /dashboard/form/<2569-10>       the month: owed indicators and disbursements, then those
                                         sent (to correct)
    POST /dashboard/form/<2569-10>       บันทึก: saves every complete, valid row (handlers.month_form)
    POST /dashboard/form/<2569-10>/preview   one value read as it will be saved (the page's script)

Without a session the month answers 401 with a Thai page saying how to open it from the chat.
"""

from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, session, url_for

from dashboard import access as dash
from handlers import month_form as F
from handlers.budget_prompts import budget_facts
from handlers.prompts import so_far_text, target_text, value_text, year_target_text
from kpi.kinds import IndicatorKind
from kpi.periods import BANGKOK, Period, open_months, reporting_period, thai_date
from presentation import texts as T
from presentation.formatting import count_items, fmt_baht

from . import access

log = logging.getLogger(__name__)

blueprint = Blueprint(
    "form", __name__, url_prefix="/dashboard/form", template_folder="templates", static_folder="static"
)
MONTH = "<month>"  # 2569-10; any other text is a 404 (`_month`)
MAX_ROWS = 200  # answers read from one POST: far more than any officer's month
LIFF_SDK = "https://static.line-scdn.net/liff/edge/2/sdk.js"


def _db():
    return current_app.extensions["db"]


def _now():
    return current_app.extensions["clock"].now()


def _settings():
    return current_app.extensions["settings"]


def _page(template: str, http_status: int = 200, **context) -> Response:
    context.setdefault("T", T)
    response = Response(render_template(template, **context), status=http_status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _refusal(status: int, message: str, **context) -> Response:
    return _page("form/refused.html", status, status=status, message=message, **context)


@blueprint.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
    return response


def _month(key: str) -> Period | None:
    """A month the page may show: one of the year open for reporting (as in chat)."""
    try:
        period = Period.from_key(key)
    except ValueError:
        return None
    return period if period.key() == key and period in open_months(_now()) else None


# -- opening the page -------------------------------------------------------------------------


@blueprint.get("/open/<token>")
def open_link(token: str):
    """The link from chat: the month and a button. Reads, never writes (HEAD likewise); a
    browser already holding this officer's page session goes straight to the month."""
    links = _settings().form_links
    if links is None:
        return _refusal(401, T.FORM_PAGE_NOT_READY)
    now = _now()
    link = links.read(token, now)
    if link is None:
        return _refusal(401, T.FORM_PAGE_LINK_BAD)
    with _db().transaction() as s:
        reporter = access.reporter_from(session, s, now)
        if reporter is not None and reporter.officer.id == link.officer_id:
            return redirect(url_for("form.month", month=link.period.key()), 303)
        if access.usable_link(s, link, token) is None:
            return _refusal(401, T.FORM_PAGE_LINK_BAD)
    form_token = dash.sign_in_form_token(current_app.config["SECRET_KEY"], session, token)
    until = link.expires_at.astimezone(BANGKOK)
    return _page(
        "form/open.html",
        period=link.period,
        token=token,
        form_token=form_token,
        until=f"{thai_date(until.date())} {until:%H:%M}",
    )


@blueprint.post("/open/<token>")
def open_confirm(token: str):
    links, secret = _settings().form_links, current_app.config.get("SECRET_KEY")
    if links is None or not secret:
        return _refusal(401, T.FORM_PAGE_NOT_READY)
    now = _now()
    link = links.read(token, now)
    form_ok = _origin_ok() and dash.sign_in_form_ok(
        secret, session, token, request.form.get("token"), request.form.get("csrf")
    )
    with _db().transaction() as s:
        if not form_ok:
            usable = access.usable_link(s, link, token) is not None
            officer = None
        else:
            officer = access.redeem_link(s, link, token, now)
            if officer is not None:
                access.start_session(session, officer, now)
                log.info("form: officer %s opened the month's page", officer.id)
    if not form_ok and usable:  # the link stays usable: open it again
        return _refusal(400, T.FORM_PAGE_FORM_BAD, retry=url_for("form.open_link", token=token))
    if officer is None or link is None:
        return _refusal(401, T.FORM_PAGE_LINK_BAD)
    return redirect(url_for("form.month", month=link.period.key()), 303)


def _origin_ok() -> bool:
    return dash.origin_ok(request.headers.get("Origin"), request.host, current_app.config.get("PUBLIC_BASE_URL"))


@blueprint.get("/liff")
def liff_page():
    """The LIFF app's endpoint: the SDK says who the LINE user is (liff.init, getIDToken) and
    the page POSTs the ID token with the sign-in nonce's HMAC (dashboard.access)."""
    settings = _settings()
    if not settings.liff_id or not settings.line_login_channel_id:
        return _refusal(401, T.FORM_PAGE_NOT_READY)
    month = request.args.get("p") or reporting_period(_now()).key()
    form_token = dash.sign_in_form_token(current_app.config["SECRET_KEY"], session, access.LIFF_FORM)
    return _page("form/liff.html", liff_id=settings.liff_id, sdk=LIFF_SDK, month=month[:7], form_token=form_token)


@blueprint.post("/liff")
def liff_sign_in():
    settings = _settings()
    secret = current_app.config.get("SECRET_KEY")
    if not settings.liff_id or not settings.line_login_channel_id or not secret:
        return _refusal(401, T.FORM_PAGE_NOT_READY)
    form_ok = _origin_ok() and dash.sign_in_form_ok(
        secret, session, access.LIFF_FORM, request.form.get("token"), request.form.get("csrf")
    )
    if not form_ok:
        return _refusal(400, T.FORM_PAGE_FORM_BAD)
    id_token = request.form.get("id_token") or ""
    claims = None
    if 0 < len(id_token) <= 4096:
        claims = current_app.extensions["line_api"].verify_id_token(id_token, settings.line_login_channel_id)
    if claims is None:
        return _refusal(401, T.FORM_PAGE_LIFF_BAD)
    now = _now()
    with _db().transaction() as s:
        officer = access.officer_of_line_user(s, claims["sub"])
        if officer is not None:
            access.start_session(session, officer, now)
            log.info("form: officer %s opened the month's page through LIFF", officer.id)
    if officer is None:
        return _refusal(401, T.FORM_PAGE_NOT_BOUND)
    period = _month(request.form.get("month") or "") or reporting_period(now)
    return redirect(url_for("form.month", month=period.key()), 303)


# -- the month --------------------------------------------------------------------------------


def _rows(page: F.MonthPage, indicators, outcome: F.Outcome | None) -> list[dict]:
    """What the template shows of each indicator (texts from the chat's own formatting)."""
    period, view = page.period, page.view
    rows = []
    for ind in indicators:
        current = view.value(ind.id, period.month)
        kept = outcome.problems.get(ind.id) if outcome else None
        rows.append(
            dict(
                ind=ind,
                uom=ind.unit_of_measure,
                month_target=target_text(ind, period.month),
                year_target=year_target_text(ind),
                so_far=so_far_text(view, ind),
                current=value_text(ind, current.value) if current else None,
                current_note=current.note if current else None,
                buttons=_buttons(ind),
                kept=kept,
                question=_question(ind),
            )
        )
    return rows


def _budget_rows(page: F.MonthPage, budgets, outcome: F.Outcome | None) -> list[dict]:
    """What the template shows of each project: the chat's card lines (handlers.budget_prompts)."""
    rows = []
    for budget in budgets:
        current = budget.spent.get(page.period.month)
        rows.append(
            dict(
                budget=budget,
                facts=budget_facts(budget, page.period),
                current=fmt_baht(current) if current is not None else None,
                kept=outcome.budget_problems.get(budget.project_id) if outcome else None,
                question=T.ASK_AMOUNT.format(month=page.period.thai()),
            )
        )
    return rows


def _buttons(ind) -> list[tuple[str, str]]:
    """(value, label) of the level ladder or pass/fail, as the chat's buttons."""
    if ind.kind == IndicatorKind.LEVEL.value:
        return [(str(n), f"{ind.unit_of_measure} {n}") for n in range(0, (ind.max_level or 5) + 1)]
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return [("1", T.BTN_PASS), ("0", T.BTN_FAIL)]
    return []


def _question(ind) -> str:
    if ind.kind in F.BUTTON_KINDS:
        return ""
    return T.FORM_ASK_PERCENT if ind.is_percent else T.FORM_ASK_NUMBER.format(uom=ind.unit_of_measure)


def _show_month(reporter: access.Reporter, page: F.MonthPage, outcome: F.Outcome | None = None, status: int = 200):
    period = page.period
    late = not period.is_on_time(_now())
    return _page(
        "form/month.html",
        status,
        officer=reporter.officer,
        period=period,
        due=thai_date(period.due_date()),
        late=late,
        owed=_rows(page, page.owed, outcome),
        other_months=[(p, url_for("form.month", month=p.key())) for p in page.other_months],
        other_months_text=page.other_months_text,
        sent=_rows(page, page.sent, outcome),
        owed_budgets=_budget_rows(page, page.owed_budgets, outcome),
        sent_budgets=_budget_rows(page, page.sent_budgets, outcome),
        owed_count=page.owed_count,
        fmt_baht=fmt_baht,
        count_items=count_items,
        outcome=outcome,
        csrf=reporter.csrf,
        value_text=value_text,
    )


@blueprint.get(f"/{MONTH}")
def month(month: str):
    period = _month(month)
    with _db().transaction() as s:
        reporter = access.reporter_from(session, s, _now())
        if reporter is None:
            session.pop(access.FORM_KEY, None)
            return _refusal(401, T.FORM_PAGE_NO_SESSION)
        if period is None:
            return _refusal(404, T.FORM_PAGE_MONTH_CLOSED)
        page = F.month_page(s, reporter.officer, period, _now(), _settings().backlog_from)
        return _show_month(reporter, page)


_FIELD = re.compile(r"(v|b|r|far|a|ar|refund)_(\d{1,18})")
_AMOUNT_FIELDS = frozenset({"a", "ar", "refund"})


def _fields(form) -> tuple[dict[int, dict[str, str]], dict[int, dict[str, str]]]:
    """The POSTed fields by indicator and by project (their ids are apart)."""
    values: dict[int, dict[str, str]] = {}
    amounts: dict[int, dict[str, str]] = {}
    for key in list(form.keys())[: MAX_ROWS * 4]:
        match = _FIELD.fullmatch(key)
        if match:
            kind = match.group(1)
            rows = amounts if kind in _AMOUNT_FIELDS else values
            rows.setdefault(int(match.group(2)), {})[kind] = str(form.get(key) or "")[:2000]
    return values, amounts


def _answers(form) -> list[F.Answer]:
    """The indicators' rows of the POSTed form: fields v_<id> (typed), b_<id> (button),
    r_<id> (reason), far_<id> (the value confirmed although far from the target)."""
    return [
        F.Answer(i, typed=f.get("v", ""), button=f.get("b") or None, reason=f.get("r", ""), far_ok=f.get("far"))
        for i, f in _fields(form)[0].items()
    ]


def _amounts(form) -> list[F.BudgetAnswer]:
    """The projects' rows: a_<id> (the amount typed), refund_<id> (the negative amount
    confirmed as a refund), ar_<id> (the reason)."""
    return [
        F.BudgetAnswer(i, typed=f.get("a", ""), refund_ok=f.get("refund"), reason=f.get("ar", ""))
        for i, f in _fields(form)[1].items()
    ]


@blueprint.post(f"/{MONTH}")
def save(month: str):
    period = _month(month)
    now = _now()
    db = _db()
    with db.transaction() as s:
        reporter = access.reporter_from(session, s, now)
        if reporter is None:
            session.pop(access.FORM_KEY, None)
            return _refusal(401, T.FORM_PAGE_NO_SESSION)
        if not access.csrf_ok(reporter, request.form.get("csrf")) or not _origin_ok():
            return _refusal(400, T.FORM_PAGE_FORM_BAD)
        if period is None:
            return _refusal(404, T.FORM_PAGE_MONTH_CLOSED)
        db.lock_user(s, reporter.officer.line_user_id)  # one at a time with the officer's chat
        answers, amounts = _answers(request.form), _amounts(request.form)
        outcome = F.save_month(s, reporter.officer, period, answers, now, _settings().backlog_from, amounts)
        if outcome.saved_count:
            log.info("form: officer %s saved %d figures", reporter.officer.id, outcome.saved_count)
        assert outcome.page is not None
        return _show_month(reporter, outcome.page, outcome)


@blueprint.post(f"/{MONTH}/preview")
def preview(month: str):
    """One value as it will be saved: the page's script asks as the officer types (the server
    reads it with the chat's parser; the script only shows the answer)."""
    period = _month(month)
    with _db().transaction() as s:
        reporter = access.reporter_from(session, s, _now())
        if reporter is None or not access.csrf_ok(reporter, request.headers.get("X-CSRF-Token")):
            return jsonify(error="forbidden"), 403
        if period is None:
            return jsonify(error="month"), 404
        page = F.month_page(s, reporter.officer, period, _now(), _settings().backlog_from)
    answers, amounts = _answers(request.form), _amounts(request.form)
    if len(answers) + len(amounts) != 1:
        return jsonify(error="indicator"), 404
    if amounts:
        budget = page.budget(amounts[0].project_id)
        if budget is None:
            return jsonify(error="project"), 404
        return jsonify(F.budget_preview(budget, period, amounts[0]))
    ind = page.indicator(answers[0].indicator_id)
    if ind is None:
        return jsonify(error="indicator"), 404
    return jsonify(F.preview(ind, period, answers[0]))
