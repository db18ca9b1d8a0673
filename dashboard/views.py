"""Routes of the dashboard (blueprint "dashboard", under /dashboard).

(About 400 lines: one blueprint's routes, each short; the pages' data is dashboard.data.)

    GET  /dashboard/login/<token>       one-time link from chat → a page with one button; uses
                                        nothing up (LINE and other crawlers fetch chat links)
    POST /dashboard/login/<token>       that button: uses the link up → session cookie → overview
    GET  /dashboard/                    overview: units × months matrix, counts, filters
    GET  /dashboard/unit/<id>           a unit: projects, indicators, charts, who reported when
    GET  /dashboard/export              export page;  GET /dashboard/export.xlsx  the workbook
    GET  /dashboard/evaluation-report   the quarterly evaluation report (planners): docx|xlsx|json
    GET  /dashboard/import              plan upload (planners);  POST …/import  preview;
    POST /dashboard/import/confirm      the import itself
    POST /dashboard/logout
    GET  /dashboard/chart/<token>.png   signed, expiring chart picture for chat (no cookie)

Without a session every page answers 401 with a Thai page that says how to get a link;
a supervisor sees the units they oversee (their own and those below it) and gets 403 for
any other; the import is for planners only (403).
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from functools import wraps

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from files.plan_file import PlanFileError
from kpi.periods import BANGKOK, reporting_period
from models.org import Officer, Unit
from models.plan import Project
from presentation import texts as T

from . import access
from . import budget_data as B
from . import chart_data as CD
from . import charts as C
from . import data as D
from . import plan_import as P
from . import plan_table as PT
from .chart_cache import TooManyDraws, office_data_version

log = logging.getLogger(__name__)

blueprint = Blueprint(
    "dashboard", __name__, url_prefix="/dashboard", template_folder="templates", static_folder="static"
)


def _db():
    return current_app.extensions["db"]


def _now():
    return current_app.extensions["clock"].now()


def _go_live():
    return current_app.extensions["settings"].backlog_from


def _page(template: str, http_status: int = 200, **context):
    context.setdefault("viewer", getattr(g, "viewer", None))
    context.setdefault("D", D)
    context.setdefault("P", P)
    context.setdefault("B", B)
    context.setdefault("csrf", access.csrf_token(session) if getattr(g, "viewer", None) else "")
    response = Response(render_template(template, **context), status=http_status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _refusal(status: int, message: str, **context):
    return _page("dashboard/refused.html", status, status=status, message=message, **context)


def signed_in(view):
    """Only for a signed-in planner or supervisor (401 otherwise); sets g.viewer."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_app.config.get("SECRET_KEY"):
            return _refusal(401, T.DASH_PAGE_NOT_READY)
        with _db().transaction() as s:
            g.viewer = access.viewer_from(session, s, _now())
        if g.viewer is None:
            session.pop(access.SESSION_KEY, None)
            return _refusal(401, T.DASH_PAGE_NO_SESSION)
        return view(*args, **kwargs)

    return wrapper


def _other_unit():
    """403 for a unit the supervisor does not oversee."""
    return _refusal(403, T.DASH_PAGE_OTHER_UNIT_REALM if g.viewer.oversees_units_below else T.DASH_PAGE_OTHER_UNIT)


def planners_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.viewer.is_planner:
            return _refusal(403, T.DASH_PAGE_PLANNERS_ONLY)
        return view(*args, **kwargs)

    return wrapper


def _check_csrf() -> None:
    if not access.csrf_ok(session, request.form.get("csrf")):
        abort(400)


@blueprint.errorhandler(PT.BadFilter)
def _bad_filter(error: PT.BadFilter):
    """A fund, strategy or level the overview cannot show: a Thai page, 400."""
    return _refusal(400, str(error))


@blueprint.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


# -- signing in and out -----------------------------------------------------------------------


@blueprint.get("/login/<token>")
def login(token: str):
    """The link from chat: who it is for and a button. Reads, never writes (HEAD likewise):
    LINE's servers, other link-preview crawlers and some browsers' prefetch GET chat links
    before the officer taps them. See access.py, "the sign-in form", for the form's token."""
    if not current_app.config.get("SECRET_KEY"):
        return _refusal(401, T.DASH_PAGE_NOT_READY)
    with _db().transaction() as s:
        pending = access.peek_login_link(s, token, _now())
    if pending is None:
        return _refusal(401, T.DASH_PAGE_LINK_BAD)
    form_token = access.sign_in_form_token(current_app.config["SECRET_KEY"], session, token)
    until = pending.expires_at.astimezone(BANGKOK).strftime("%H:%M")
    response = _page("dashboard/sign_in.html", who=pending.who, until=until, token=token, form_token=form_token, T=T)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@blueprint.post("/login/<token>")
def login_confirm(token: str):
    """The sign-in page's button: uses the link up and starts the session."""
    secret = current_app.config.get("SECRET_KEY")
    if not secret:
        return _refusal(401, T.DASH_PAGE_NOT_READY)
    form_ok = access.origin_ok(
        request.headers.get("Origin"), request.host, current_app.config.get("PUBLIC_BASE_URL")
    ) and access.sign_in_form_ok(secret, session, token, request.form.get("token"), request.form.get("csrf"))
    now = _now()
    usable = False
    with _db().transaction() as s:
        if form_ok:
            officer = access.redeem_login_link(s, token, now)
            if officer is not None:
                access.start_session(session, officer, now)
                log.info("dashboard: officer %s signed in", officer.id)
        else:  # a used, expired or unknown link is refused as such; a good one stays unused
            officer = None
            usable = access.peek_login_link(s, token, now) is not None
    # A refusal leaves any session the browser holds alone: a second tap on the button must
    # not sign out the officer whom the first tap signed in.
    if usable:  # the form was refused; the link stays usable
        return _refusal(
            400,
            T.DASH_PAGE_SIGN_IN_FORM_BAD,
            retry=url_for("dashboard.login", token=token),
            retry_label=T.DASH_PAGE_SIGN_IN_RETRY,
        )
    if officer is None:
        return _refusal(401, T.DASH_PAGE_LINK_BAD)
    return redirect(url_for("dashboard.overview"), 303)


@blueprint.post("/logout")
@signed_in
def logout():
    _check_csrf()
    with _db().transaction() as s:
        access.end_sessions(s.get(Officer, g.viewer.officer_id))
    session.clear()
    return _refusal(401, T.DASH_PAGE_SIGNED_OUT)


# -- pages ------------------------------------------------------------------------------------


@blueprint.get("/")
@signed_in
def overview():
    """?year=2567&q=4&type=…&fund=SSF|WCF&strategy=2: a bad fund or strategy is a Thai 400."""
    now = _now()
    cut = PT.read_cut(request.args)
    with _db().transaction() as s:
        filters = replace(D.read_filters(request.args, s, now, _go_live()), cut=cut)
        view = D.overview_page(s, filters, now, g.viewer.unit_ids)
        budget = None
        if view.rows and not view.scope.is_empty:
            rows = [r.unit_id for r in view.rows]
            budget = B.overview_budget(s, filters.year_be, view.scope.last, rows, filters.cut)
    charts = []
    if view.rows:
        charts = [
            C.to_svg(C.layout(CD.reporting_chart("การส่งรายงานรายเดือน", view.monthly, filters.year_be), 560, 280)),
            C.to_svg(C.layout(CD.levels_chart("งาน/โครงการตามระดับผล", view.level_counts, view.scope), 560, 280)),
        ]
    budget_svg = (
        C.to_svg(C.layout(B.budget_chart(budget, filters.year_be), 1120, 300)) if budget and budget.total else ""
    )
    return _page(
        "dashboard/overview.html",
        view=view,
        f=filters,
        charts=charts,
        D=D,
        as_of=reporting_period(now),
        now=now,
        budget=budget,
        budget_svg=budget_svg,
    )


@blueprint.get("/projects")
@signed_in
def projects():
    """The projects one number of the overview's evaluation table counts:
    ?year=2567&q=4[&type=…]&fund=SSF|WCF|none[&strategy=2|none][&level=green|yellow|red]."""
    now = _now()
    selection = PT.read_selection(request.args)
    with _db().transaction() as s:
        filters = D.read_filters(request.args, s, now, _go_live())
        report, listed = D.projects_counted(s, filters, selection, now, g.viewer.unit_ids)
    return _page(
        "dashboard/projects.html", f=filters, report=report, listed=listed, title=PT.selection_title(selection)
    )


@blueprint.get(f"/unit/<int(max={access.MAX_DB_ID}):unit_id>")
@signed_in
def unit(unit_id: int):
    if not g.viewer.may_see(unit_id):
        return _other_unit()
    now = _now()
    with _db().transaction() as s:
        found = s.get(Unit, unit_id)
        if found is None:
            abort(404)
        filters = D.read_filters(request.args, s, now, _go_live())
        page = D.unit_page(s, found, filters, now)
        budgets = []
        if page.status is not None and not page.scope.is_empty:
            names = {p.code: p.name for p in page.status.projects}
            budgets = B.unit_budget(s, unit_id, filters.year_be, page.scope.last, names)
    svg = {}
    if page.status is not None:
        svg["projects"] = C.to_svg(C.layout(CD.projects_chart(page.status), 560, 280))
        svg["reporting"] = C.to_svg(
            C.layout(CD.reporting_chart("การส่งรายงานรายเดือน", page.months, filters.year_be), 560, 280)
        )
    indicator_svg = {b.ind.id: C.to_svg(C.layout(b.chart, 560, 290)) for p in page.projects for b in p.indicators}
    return _page(
        "dashboard/unit.html", page=page, f=filters, svg=svg, indicator_svg=indicator_svg, D=D, budgets=budgets
    )


# -- export -----------------------------------------------------------------------------------


@blueprint.get("/export")
@signed_in
def export_page():
    now = _now()
    with _db().transaction() as s:
        filters = D.read_filters(request.args, s, now, _go_live())
        years = D.plan_years(s)
        units = _visible_units(s, filters.year_be)
    return _page("dashboard/export.html", f=filters, years=years, units=units, D=D)


def _visible_units(s, year_be: int) -> list[Unit]:
    query = select(Unit).join(Project, Project.unit_id == Unit.id).where(Project.year_be == year_be).distinct()
    if g.viewer.unit_ids is not None:
        query = query.where(Unit.id.in_(g.viewer.unit_ids))
    return sorted(s.scalars(query), key=lambda u: u.name)


@blueprint.get("/export.xlsx")
@signed_in
def export_xlsx():
    from files.report_export import write_report_xlsx

    now = _now()
    unit_id = D._int(request.args.get("unit"))
    if unit_id is not None and not g.viewer.may_see(unit_id):
        return _other_unit()
    with _db().transaction() as s:
        filters = D.read_filters(request.args, s, now, _go_live())
        allowed = {unit_id} if unit_id is not None else g.viewer.unit_ids
        if filters.unit_type and unit_id is None:
            typed = set(s.scalars(select(Unit.id).where(Unit.unit_type == filters.unit_type)))
            allowed = typed if allowed is None else allowed & typed
        out = io.BytesIO()
        write_report_xlsx(s, filters.scope(reporting_period(now)), now, out, allowed)
    out.seek(0)
    name = (
        f"kpi-{filters.year_be}"
        + (f"-Q{filters.quarter}" if filters.quarter else "")
        + (f"-unit{unit_id}" if unit_id else "")
        + ".xlsx"
    )
    response = send_file(
        out,
        as_attachment=True,
        download_name=name,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# -- the quarterly evaluation report (reports/) ------------------------------------------------

#: Word and Excel files the dashboard makes itself; the SSO's own report has some 500 indicators.
REPORT_DASHBOARD_MAX_INDICATORS = 10_000


@blueprint.get("/evaluation-report")
@signed_in
@planners_only
def evaluation_report():
    """?quarter=2567-Q4&fund=SSF|WCF&format=docx|xlsx|json[&alloc_SSF=…&alloc_WCF=…]: a bad
    request is a Thai page with 400, never a 500."""
    from reports.build import FORMATS, MEDIA_TYPES, build_report, file_name, render
    from reports.compose import ReportRequestError, parse_allocations

    fmt = request.args.get("format") or "docx"
    if fmt not in FORMATS:
        return _refusal(400, f"รูปแบบ '{fmt[:10]}' ไม่รองรับ (ใช้ได้: docx, xlsx, json)")
    given = [
        f"{code}={request.args[key]}"
        for code in ("SSF", "WCF")
        if (key := f"alloc_{code}") in request.args and request.args[key].strip()
    ]
    try:
        allocations = parse_allocations(given)
        with _db().transaction() as s:
            report = build_report(s, request.args.get("quarter") or "", _now(), request.args.get("fund"), allocations)
    except ReportRequestError as error:
        return _refusal(400, str(error))
    indicators = sum(len(p.indicators) for p in report.projects)
    limit = current_app.config.get("REPORT_DASHBOARD_MAX_INDICATORS", REPORT_DASHBOARD_MAX_INDICATORS)
    if fmt != "json" and indicators > limit:
        # A national Word file takes minutes and gigabytes (bench/report.py): past gunicorn's
        # 30 s a worker would be killed mid-download. The CLI makes it without that limit.
        return _refusal(
            413,
            f"รายงานนี้มี {indicators:,} ตัวชี้วัด ใหญ่เกินกว่าจะสร้างไฟล์ {fmt} บนหน้าเว็บได้ "
            f"(ไม่เกิน {limit:,}) กรุณาเลือกทีละกองทุน หรือให้ผู้ดูแลระบบใช้คำสั่ง "
            f"flask --app bot evaluation-report --quarter {report.year_be}-Q{report.quarter} "
            f"--format {fmt} --out FILE",
        )
    response = send_file(
        io.BytesIO(render(report, fmt, current_app.extensions["settings"].report_font)),
        as_attachment=fmt != "json",
        download_name=file_name(report, fmt),
        mimetype=MEDIA_TYPES[fmt],
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# -- plan import ------------------------------------------------------------------------------

UPLOAD_KEY = "plan_upload"


def _folder():
    return P.uploads_dir(current_app.instance_path)


@blueprint.get("/import")
@signed_in
@planners_only
def import_page():
    return _page("dashboard/import.html", preview=None, errors=[], done=None)


TEMPLATES = {
    "csv": (P.template_csv, "text/csv"),
    "xlsx": (P.template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@blueprint.get("/import/template.<ext>")
@signed_in
@planners_only
def import_template(ext: str):
    """The plan template (header row with Thai and machine names; the XLSX explains each column)."""
    if ext not in TEMPLATES:
        abort(404)
    build, mimetype = TEMPLATES[ext]
    return send_file(
        io.BytesIO(build()), as_attachment=True, download_name=f"แบบฟอร์มแผนปฏิบัติการ.{ext}", mimetype=mimetype
    )


@blueprint.post("/import")
@signed_in
@planners_only
def import_preview():
    request.max_content_length = P.MAX_UPLOAD_BYTES
    try:
        _check_csrf()
        file = request.files.get("file")
        year_text = (request.form.get("year_be") or "").strip()
    except RequestEntityTooLarge:
        return _page(
            "dashboard/import.html",
            413,
            preview=None,
            done=None,
            errors=[T.DASH_IMPORT_TOO_BIG.format(mb=P.MAX_UPLOAD_BYTES // (1024 * 1024))],
        )
    if file is None or not file.filename:
        return _page("dashboard/import.html", 400, preview=None, done=None, errors=[T.DASH_IMPORT_NO_FILE])
    year = D._int(year_text) if year_text else None
    if year_text and (year is None or not 2500 <= year <= 2700):
        return _page(
            "dashboard/import.html",
            400,
            preview=None,
            done=None,
            errors=[T.DASH_IMPORT_BAD_YEAR.format(year=year_text)],
        )
    try:
        upload = P.save_upload(_folder(), file.filename, file.read(), year)
    except PlanFileError as error:
        return _page("dashboard/import.html", 400, preview=None, done=None, errors=[str(error)])
    session[UPLOAD_KEY] = upload.to_session()
    result = P.preview(_db(), upload, _now())
    return _page("dashboard/import.html", 200 if result.ok else 422, preview=result, errors=[], done=None)


@blueprint.post("/import/confirm")
@signed_in
@planners_only
def import_confirm():
    _check_csrf()
    upload = P.find_upload(_folder(), session.get(UPLOAD_KEY), request.form.get("upload", ""))
    if upload is None:
        return _page("dashboard/import.html", 409, preview=None, done=None, errors=[T.DASH_IMPORT_GONE])
    try:
        summary = P.run_import(_db(), upload, _now())
    except PlanFileError as error:
        return _page("dashboard/import.html", 422, preview=None, done=None, errors=[str(error)])
    session.pop(UPLOAD_KEY, None)
    log.info(
        "dashboard: officer %s imported a plan (%s indicators)",
        g.viewer.officer_id,
        summary.indicators_created + summary.indicators_updated + summary.indicators_unchanged,
    )
    from bot.cli_data import plan_summary_lines

    return _page("dashboard/import.html", preview=None, errors=[], done=plan_summary_lines(summary))


# -- chart pictures for chat ------------------------------------------------------------------


@blueprint.get("/chart/<token>.png")
def chart_png(token: str):
    secret = current_app.config.get("SECRET_KEY") or ""
    now = _now()
    found = access.read_chart_token(secret, token, now)
    if found is None:
        abort(404)
    officer_id, year_be = found
    preview = request.args.get("size") == "preview"
    pictures = current_app.extensions["chart_cache"]
    with _db().transaction() as s:
        officer = s.get(Officer, officer_id)
        if officer is None or not officer.active:
            abort(404)
        key = (officer.id, officer.role, officer.unit_id, year_be, preview, now.date(), office_data_version(s))
        png = pictures.get(key)
        if png is None:
            try:
                pictures.may_draw(token, now)
            except TooManyDraws:
                abort(429)
            scene = CD.chat_picture(s, officer, year_be, now, _go_live())
    if png is None:
        png = _draw(scene, preview)
        pictures.put(key, png)
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=600"
    return response


def _draw(scene, preview: bool) -> bytes:
    """The picture, drawn outside the transaction: no database lock is held while it draws."""
    if scene is None:
        abort(404)
    try:
        return C.to_png(scene, scale=0.5 if preview else 1.0, oversample=4 if preview else 2)
    except C.FontMissing:
        log.error("chart: no Thai font installed (fonts-thai-tlwg)")
        abort(503)
