"""The dashboard without a browser: sign-in links from chat, sessions and who sees what, the
overview matrix, the unit page, the XLSX export against `flask export`, the plan import preview,
and "กราฟ" in chat (a signed, expiring PNG link)."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from dashboard import access
from files.report_export import DATA_SHEET, REPORT_SHEET
from models import DashboardLogin, Indicator, Officer, Project
from presentation import texts as T
from tests.test_plan_import import UTHAI_CSV

from . import dashboard_data as DD

BASE = "https://kpi.example.test"


@pytest.fixture(autouse=True)
def _text_of_responses(monkeypatch):
    """response.text: the page with HTML entities decoded (&#34; → ")."""
    from werkzeug.test import TestResponse

    monkeypatch.setattr(
        TestResponse, "text", property(lambda r: html.unescape(r.get_data(as_text=True))), raising=False
    )


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE)


@pytest.fixture
def ids(db, clock):
    return DD.seed(db, clock.now())


def link_from(chat) -> str:
    """The sign-in URL of the bot's last reply (the card's button)."""
    buttons = [b for b in chat.buttons() if b["type"] == "uri"]
    assert len(buttons) == 1, chat.last
    return buttons[0]["uri"]


def sign_in_form(page) -> dict:
    """The hidden fields of the sign-in page's form (what pressing its button sends)."""
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 200 and T.DASH_SIGN_IN_BUTTON in text, text
    return dict(re.findall(r'<input type="hidden" name="(token|csrf)" value="([^"]*)">', text))


def press_sign_in(client, path: str):
    """What the officer does with the link: open it (a page; nothing is used up), then press
    เข้าสู่แดชบอร์ด (the POST that uses the link and starts the session). A refused link's page
    is returned as it is."""
    page = client.get(path)
    if page.status_code != 200:
        return page
    return client.post(path, data=sign_in_form(page))


def link_used(db, path: str) -> bool:
    with db.transaction() as s:
        row = s.scalar(select(DashboardLogin).where(DashboardLogin.token_hash == access._hash(path.rsplit("/", 1)[1])))
        return row.used_at is not None


def sign_in(app, chat_with, user_id: str):
    """A browser-like client signed in through a link asked for in chat."""
    chat = chat_with(user_id)
    chat.say("แดชบอร์ด")
    client = app.test_client()
    response = press_sign_in(client, urlsplit(link_from(chat)).path)
    assert response.status_code == 303 and response.headers["Location"].endswith("/dashboard/")
    return client


# -- signing in --------------------------------------------------------------------------------


def test_planner_gets_a_personal_link_that_works_once(app, db, ids, chat_with):
    chat = chat_with(DD.PLANNER)
    chat.say("แดชบอร์ด")
    url = link_from(chat)
    assert re.fullmatch(BASE + r"/dashboard/login/[A-Za-z0-9_\-]{40,}", url)
    assert "ใช้ได้ครั้งเดียว ภายใน 10 นาที" in chat.texts() and url in chat.texts()
    token = url.rsplit("/", 1)[1]
    with db.transaction() as s:
        stored = s.scalars(select(DashboardLogin)).all()
        assert [row.token_hash for row in stored] != [token] and len(stored) == 1  # only a hash is kept
        assert stored[0].expires_at - stored[0].created_at == timedelta(minutes=10)

    path = urlsplit(url).path
    browser = app.test_client()
    page = browser.get(path)  # the link only shows who it is for and a button
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "ธีรพงษ์ วางแผน" in page.text and "กองนโยบายและแผนงาน" in page.text
    assert T.DASH_SIGN_IN_BUTTON in page.text and "ถึงเวลา 10:10 น." in page.text
    assert not link_used(db, path) and browser.get("/dashboard/").status_code == 401
    signed_in = browser.post(path, data=sign_in_form(page))
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith("/dashboard/")
    cookie = signed_in.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/dashboard" in cookie
    page = browser.get("/dashboard/")
    assert page.status_code == 200 and "ธีรพงษ์ วางแผน" in page.text

    for method in ("get", "post"):
        again = getattr(app.test_client(), method)(path)
        assert again.status_code == 401 and T.DASH_PAGE_LINK_BAD in again.text


def test_link_previews_and_prefetch_use_nothing_up(app, db, ids, chat_with):
    """LINE's servers (and other crawlers, and prefetching browsers) fetch chat links before the
    officer taps them: GET and HEAD only show the page; the button's POST signs in, once."""
    chat = chat_with(DD.SUPERVISOR)
    chat.say("แดชบอร์ด")
    path = urlsplit(link_from(chat)).path
    for crawler in (app.test_client(), app.test_client()):
        assert crawler.head(path).status_code == 200
        preview = crawler.get(path)
        assert preview.status_code == 200 and "อัญชลี หัวหน้างาน" in preview.text and DD.UTHAI in preview.text
    assert not link_used(db, path)

    browser = app.test_client()
    page = browser.get(path)
    assert browser.get(path).status_code == 200  # opened twice: still the same button
    form = sign_in_form(page)
    assert browser.post(path, data=form).status_code == 303
    assert link_used(db, path) and browser.get("/dashboard/").status_code == 200
    again = browser.post(path, data=form)
    assert again.status_code == 401 and T.DASH_PAGE_LINK_BAD in again.text
    assert browser.get("/dashboard/").status_code == 200  # a second tap does not sign them out
    assert app.test_client().head(path).status_code == 401


def test_a_link_expires_after_ten_minutes_even_with_its_page_open(app, db, ids, chat_with, clock):
    chat = chat_with(DD.SUPERVISOR)
    chat.say("แดชบอร์ด")
    path = urlsplit(link_from(chat)).path
    browser = app.test_client()
    form = sign_in_form(browser.get(path))
    clock.advance(minutes=10)
    late = browser.post(path, data=form)
    assert late.status_code == 401 and T.DASH_PAGE_LINK_BAD in late.text
    assert browser.get("/dashboard/").status_code == 401
    refused = app.test_client().get(path)
    assert refused.status_code == 401 and T.DASH_PAGE_LINK_BAD in refused.text


def test_the_sign_in_post_needs_the_form_of_this_browser(app, db, ids, chat_with):
    """No form token, a form copied into another browser (a page elsewhere posting someone's
    own link: login CSRF) or a foreign Origin: refused with 400, and the link stays usable."""
    chat = chat_with(DD.PLANNER)
    chat.say("แดชบอร์ด")
    path = urlsplit(link_from(chat)).path
    browser = app.test_client()
    form = sign_in_form(browser.get(path))
    assert set(form) == {"token", "csrf"} and form["token"] == path.rsplit("/", 1)[1]
    refused = [
        browser.post(path),
        browser.post(path, data={"token": form["token"]}),
        browser.post(path, data={"csrf": form["csrf"]}),
        browser.post(path, data={**form, "csrf": form["csrf"][:-2] + "AA"}),
        app.test_client().post(path, data=form),  # no nonce cookie: not the browser shown the page
        browser.post(path, data=form, headers={"Origin": "https://evil.example"}),
    ]
    for response in refused:
        assert response.status_code == 400 and T.DASH_PAGE_SIGN_IN_FORM_BAD in response.text
        assert f'href="{path}"' in response.text  # "open the link again"
    assert not link_used(db, path) and browser.get("/dashboard/").status_code == 401
    ok = browser.post(path, data=form, headers={"Origin": "http://localhost"})
    assert ok.status_code == 303 and browser.get("/dashboard/").status_code == 200


def test_no_field_turns_a_sign_in_into_another_persons(app, db, ids, chat_with):
    planner, supervisor = chat_with(DD.PLANNER), chat_with(DD.SUPERVISOR)
    planner.say("แดชบอร์ด")
    supervisor.say("แดชบอร์ด")
    mine, theirs = (urlsplit(link_from(c)).path for c in (planner, supervisor))
    their_token = theirs.rsplit("/", 1)[1]
    browser = app.test_client()  # the planner's: shown the page of their own link
    form = sign_in_form(browser.get(mine))
    for path, data in [
        (mine, {**form, "token": their_token}),  # their token in my form
        (theirs, form),  # my form to their link
        (theirs, {**form, "token": their_token}),
    ]:  # …with the token edited to match
        response = browser.post(path, data=data)
        assert response.status_code == 400 and browser.get("/dashboard/").status_code == 401
    assert not link_used(db, mine) and not link_used(db, theirs)
    with db.transaction() as s:
        their_id = s.scalar(select(Officer.id).where(Officer.key == "uthai.head"))
    signed_in = browser.post(mine, data={**form, "officer": str(their_id), "officer_id": str(their_id)})
    assert signed_in.status_code == 303
    assert "ธีรพงษ์ วางแผน" in browser.get("/dashboard/").text  # the link's owner, whatever was sent
    assert link_used(db, mine) and not link_used(db, theirs)


def test_officers_get_no_link(app, db, ids, chat_with):
    chat = chat_with(DD.OFFICER)
    chat.say("แดชบอร์ด")
    assert chat.texts() == T.DASH_OFFICER_REFUSED and chat.buttons() == []
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(DashboardLogin)) == 0


def test_a_forged_or_garbled_link_is_refused(app, ids):
    client = app.test_client()
    for token in ("x", "A" * 43, "%00", "a" * 300):
        for method in (client.get, client.head, client.post):
            assert method(f"/dashboard/login/{token}", data={"token": token}).status_code in (401, 404)
    forged = client.post("/dashboard/login/" + "A" * 43)
    assert forged.status_code == 401 and T.DASH_PAGE_LINK_BAD in forged.text


@pytest.mark.parametrize(
    "path", ["/dashboard/", "/dashboard/unit/1", "/dashboard/export", "/dashboard/export.xlsx", "/dashboard/import"]
)
def test_every_page_needs_a_session(app, ids, path):
    response = app.test_client().get(path)
    assert response.status_code == 401
    assert T.DASH_PAGE_NO_SESSION in response.text


def test_posts_need_a_session_and_the_form_token(app, ids, chat_with):
    assert app.test_client().post("/dashboard/import/confirm", data={"upload": "x"}).status_code == 401
    client = sign_in(app, chat_with, DD.PLANNER)
    assert client.post("/dashboard/import/confirm", data={"upload": "x"}).status_code == 400  # no CSRF token
    assert client.post("/dashboard/logout").status_code == 400


def test_session_ends_after_eight_hours_or_when_the_officer_is_deactivated(app, db, ids, chat_with, clock):
    client = sign_in(app, chat_with, DD.PLANNER)
    clock.advance(hours=7, minutes=59)
    assert client.get("/dashboard/").status_code == 200
    clock.advance(minutes=1)
    assert client.get("/dashboard/").status_code == 401

    client = sign_in(app, chat_with, DD.SUPERVISOR)
    with db.transaction() as s:
        s.scalar(select(Officer).where(Officer.key == "uthai.head")).role = "officer"
    assert client.get("/dashboard/").status_code == 401


def test_logout(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    page = client.get("/dashboard/").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert client.post("/dashboard/logout", data={"csrf": csrf}).status_code == 401
    assert client.get("/dashboard/").status_code == 401


def test_cookie_is_secure_outside_demo_and_tests(make_app, ids, chat_with, line):
    production = make_app(TESTING=False, SECRET_KEY="a-long-production-secret", PUBLIC_BASE_URL=BASE)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    with production.extensions["db"].transaction() as s:
        token = access.issue_login_link(
            s, s.scalar(select(Officer).where(Officer.key == "plan.chief")), production.extensions["clock"].now()
        )
    browser = production.test_client()
    response = press_sign_in(browser, f"/dashboard/login/{token}")
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_without_secret_key_in_production_nobody_signs_in(make_app, ids, line):
    app = make_app(TESTING=False, SECRET_KEY="", PUBLIC_BASE_URL=BASE)
    from tests.chat import Chat
    from tests.conftest import SECRET

    chat = Chat(app.test_client(), line, SECRET, DD.PLANNER)
    chat.say("แดชบอร์ด")
    assert chat.texts() == T.DASH_NOT_READY
    assert app.test_client().get("/dashboard/").status_code == 401


# -- who sees what -----------------------------------------------------------------------------


def test_supervisor_sees_only_their_unit(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.SUPERVISOR)
    overview = client.get("/dashboard/").text
    assert DD.UTHAI in overview and DD.ON_TIME_UNIT not in overview and DD.LATE_UNIT not in overview
    assert client.get(f"/dashboard/unit/{ids['uthai']}").status_code == 200
    other = client.get(f"/dashboard/unit/{ids['on_time_unit']}")
    assert other.status_code == 403 and T.DASH_PAGE_OTHER_UNIT in other.text
    assert client.get(f"/dashboard/export.xlsx?unit={ids['late_unit']}").status_code == 403
    assert client.get("/dashboard/import").status_code == 403
    book = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx").data))
    units = {row[0] for row in book[DATA_SHEET].iter_rows(min_row=2, values_only=True)}
    assert units == {DD.UTHAI}


def test_planner_sees_every_unit_and_filters_by_type(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    page = client.get("/dashboard/").text
    assert all(name in page for name in (DD.UTHAI, DD.ON_TIME_UNIT, DD.LATE_UNIT))
    branches = client.get("/dashboard/?type=branch").text
    assert DD.LATE_UNIT in branches and DD.UTHAI not in branches
    assert client.get(f"/dashboard/unit/{ids['late_unit']}").status_code == 200
    assert client.get("/dashboard/unit/999999").status_code == 404
    book = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx?type=branch").data))
    assert {row[0] for row in book[DATA_SHEET].iter_rows(min_row=2, values_only=True)} == {DD.LATE_UNIT}


# -- the overview ------------------------------------------------------------------------------


def matrix_cells(page: str) -> dict[tuple[str, int], str]:
    """(unit, month) → status word of the overview matrix."""
    cells = {}
    for row in re.findall(r'<tr data-unit="([^"]+)">(.*?)</tr>', page, re.S):
        for month, status in re.findall(r'data-month="(\d+)".*?<span class="status">([^<]+)</span>', row[1], re.S):
            cells[(row[0], int(month))] = status
    return cells


def test_overview_matrix_shows_how_each_month_came_in(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    page = client.get("/dashboard/?year=2569&q=4").text
    cells = matrix_cells(page)
    assert cells[(DD.ON_TIME_UNIT, 10)] == "ตรงเวลา"
    assert cells[(DD.LATE_UNIT, 10)] == "ล่าช้า"
    assert cells[(DD.UTHAI, 10)] == "ยังไม่ส่ง"
    assert cells[(DD.ON_TIME_UNIT, 11)] == "–" and cells[(DD.UTHAI, 12)] == "–"
    assert {m for (_, m) in cells} == {10, 11, 12}
    # The evaluation report's overview line, from kpi.rating, of the projects with an October target:
    # on-time unit P01 = 120 % × 60 + 94.4 % × 40 → 109.78 % ดี; late unit P01 1/4 = 25 % ต่ำ,
    # P02 2/2 = 100 % ดี; Uthai Thani P01/1 7/10 ปานกลาง, three more with nothing (or little) sent ต่ำ.
    counts = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'id="overview-counts">(.*?)</p>', page, re.S).group(1))
    )
    assert counts.strip() == "7 งาน/โครงการ: ดี 2 (ร้อยละ 28.57) ปานกลาง 1 (ร้อยละ 14.29) ต่ำ 4 (ร้อยละ 57.14)"
    assert "ไม่มีเป้าหมายในช่วงนี้ 4 งาน/โครงการ" in page
    year = client.get("/dashboard/?year=2569").text
    assert {m for (_, m) in matrix_cells(year)} == set(range(1, 13))


def test_november_is_pending_until_its_due_date(app, ids, chat_with, db):
    client = sign_in(app, chat_with, DD.PLANNER)
    cells = matrix_cells(client.get("/dashboard/?q=4").text)
    with db.transaction() as s:
        nov_target = s.get(Indicator, ids["p07_3"]).target_for(11)
    assert nov_target and cells[(DD.UTHAI, 11)] == "รอส่ง"


# -- the unit page -----------------------------------------------------------------------------


def test_unit_page_shows_indicators_charts_and_who_reported_when(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.SUPERVISOR)
    page = client.get(f"/dashboard/unit/{ids['uthai']}?q=4").text
    assert page.count("<svg") == 2 + 18  # projects and reporting, then one per indicator
    row = re.search(
        r'<details class="ind" id="ind-\d+" data-indicator="P01/1">\s*<summary role="row">(.*?)</summary>', page, re.S
    ).group(1)
    cells = [
        re.sub(r"<[^>]+>|\s+", " ", c).strip()
        for c in re.findall(r'<span[^>]*role="cell">(.*?)</span>\s*(?=<span[^>]*role="cell"|$)', row, re.S)
    ]
    assert cells[1:3] == ["ราย", "100"]
    assert cells[3:7] == cells[7:11] == ["10", "7", "70", "ปานกลาง"]  # ต.ค. alone and the quarter (ต.ค.–พ.ย.)
    assert "สมชาย ใจดี" in page and "3 พ.ย. 2569 09:30" in page and "ญาติไม่อนุญาตให้เยี่ยม" in page
    assert "วันเพ็ญ ศรีสุข" in page and "20 พ.ย. 2569 14:00" in page
    assert "เป้าหมายสะสม" in page and "ผลสะสม" in page


# -- export ------------------------------------------------------------------------------------


def test_export_is_the_evaluation_report_layout_and_matches_flask_export(app, ids, chat_with, tmp_path):
    client = sign_in(app, chat_with, DD.PLANNER)
    response = client.get("/dashboard/export.xlsx?year=2569&q=4")
    assert response.status_code == 200
    assert "filename=kpi-2569-Q4.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [REPORT_SHEET, DATA_SHEET]

    cli = tmp_path / "cli.xlsx"
    result = app.test_cli_runner().invoke(args=["export", "--year", "2569", "--format", "xlsx", "--out", str(cli)])
    assert result.exit_code == 0, result.output
    expected = list(load_workbook(cli).active.iter_rows(values_only=True))
    assert list(book[DATA_SHEET].iter_rows(values_only=True)) == expected

    report = book[REPORT_SHEET]
    assert report["A1"].value.endswith("ประจำปี พ.ศ. 2569")
    assert report["A2"].value == "ช่วงที่รายงาน: ไตรมาส 4/2569 (ต.ค.)"
    assert report["A3"].value == "ข้อมูล ณ วันที่ 25 พฤศจิกายน 2569 เวลา 10:00 น."
    assert report["A4"].value == "ทั้งหมด 7 งาน/โครงการ: ดี 2 (ร้อยละ 28.57) ปานกลาง 1 (ร้อยละ 14.29) ต่ำ 4 (ร้อยละ 57.14)"
    rows = list(report.iter_rows(min_row=7, values_only=True))
    assert rows[0] == (
        "รหัส",
        "โครงการ / ตัวชี้วัด",
        "หน่วยนับ",
        "น้ำหนัก (ร้อยละ)",
        "เป้าหมาย",
        "ผลการดำเนินงาน",
        "ร้อยละของเป้าหมาย",
        "ระดับ",
        "หมายเหตุ (ปัญหา/อุปสรรค)",
        "การรายงาน",
        "งบประมาณ (บาท)",
        "เบิกจ่ายสะสม (บาท)",
        "ร้อยละการเบิกจ่าย",
    )
    by_code = {}
    unit = None
    for row in rows[1:]:
        if row[0] is None:
            unit = row[1]
        else:
            by_code[(unit, row[0])] = row
    p01 = by_code[(DD.UTHAI, "P01/1")]
    assert p01[2:9] == ("ราย", 100, 10, 7, 70, "ปานกลาง", "ต.ค.: ญาติไม่อนุญาตให้เยี่ยม")
    assert p01[9] == "ตรงเวลา 1 ล่าช้า 0 ยังไม่ส่ง 0"
    assert by_code[(DD.LATE_UNIT, "P01/1")][4:8] == (4, 1, 25, "ต่ำ")
    assert by_code[(DD.ON_TIME_UNIT, "P01")][6:8] == (109.78, "ดี")
    # The October value in the data sheet is the result in the report sheet.
    header = expected[0]
    oct_value = header.index("ผลการดำเนินงาน ต.ค.")
    cli_p01 = next(r for r in expected[1:] if r[0] == DD.UTHAI and r[2] == "P01" and r[4] == 1)
    assert cli_p01[oct_value] == p01[5]


def test_export_report_sheet_formats_figures_by_kind(app, ids, chat_with):
    """The first column holds codes, so it is headed รหัส; a count's target and result have no
    decimals (no "26,574." as "#,##0.####" showed), a percentage two."""
    client = sign_in(app, chat_with, DD.PLANNER)
    report = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx?year=2569&q=4").data))[REPORT_SHEET]
    assert report.cell(7, 1).value == "รหัส"
    rows = {r[0].value: r for r in report.iter_rows(min_row=8) if r[0].value}
    count, percent = rows["P01/1"], rows["P07/1"]
    assert [c.number_format for c in count[3:7]] == ["#,##0", "#,##0", "#,##0", "0.00"]
    assert percent[4].number_format == "#,##0.00" and percent[3].number_format == "#,##0"
    figures = {c.number_format for r in rows.values() for c in r[3:6] if c.value is not None}
    assert "#,##0.####" not in figures


def test_export_page_offers_years_quarters_and_units(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.SUPERVISOR)
    page = client.get("/dashboard/export").text
    assert "ไตรมาส 4" in page and DD.UTHAI in page and DD.LATE_UNIT not in page


# -- plan import -------------------------------------------------------------------------------


def csrf_of(client) -> str:
    page = client.get("/dashboard/import").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def count_indicators(db, year: int) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Indicator).join(Project).where(Project.year_be == year))


def test_import_shows_every_row_error_and_changes_nothing(app, db, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    lines = UTHAI_CSV.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    bad = lines[:]
    cells = bad[2].split(",")
    cells[header.index("m03")] = "สิบ"
    bad[2] = ",".join(cells)
    cells = bad[5].split(",")
    cells[header.index("weight_pct")] = "150"
    bad[5] = ",".join(cells)
    before = count_indicators(db, 2570)
    response = client.post(
        "/dashboard/import",
        data={
            "csrf": csrf_of(client),
            "year_be": "2570",
            "file": (io.BytesIO("\n".join(bad).encode("utf-8")), "plan.csv"),
        },
        content_type="multipart/form-data",
    )
    page = response.text
    assert response.status_code == 422
    errors = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]+)</td></tr>', page)
    assert [int(n) for n, _ in errors] == [3, 6]
    assert "ไม่ใช่ตัวเลข" in errors[0][1] and "น้ำหนัก" in errors[1][1]
    assert 'id="confirm"' not in page
    assert count_indicators(db, 2570) == before == 0


def test_import_previews_then_imports_on_confirmation(app, db, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    response = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "year_be": "2570", "file": (io.BytesIO(UTHAI_CSV.read_bytes()), "แผนอุทัย.csv")},
        content_type="multipart/form-data",
    )
    page = response.text
    assert response.status_code == 200
    assert "ตัวชี้วัด: <b>ใหม่ 18</b>, แก้ไข 0, ไม่เปลี่ยนแปลง 0" in page
    assert page.count('<tr class="change-ใหม่">') == 18
    assert count_indicators(db, 2570) == 0  # a preview changes nothing
    upload = re.search(r'name="upload" value="([0-9a-f]+)"', page).group(1)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    other = sign_in(app, chat_with, DD.PLANNER)  # another planner's session cannot confirm this upload
    assert other.post("/dashboard/import/confirm", data={"csrf": csrf_of(other), "upload": upload}).status_code == 409

    done = client.post("/dashboard/import/confirm", data={"csrf": csrf, "upload": upload})
    assert done.status_code == 200 and 'id="import-done"' in done.text
    assert count_indicators(db, 2570) == 18
    again = client.post("/dashboard/import/confirm", data={"csrf": csrf, "upload": upload})
    assert again.status_code == 409  # the upload was used up

    same = client.post(
        "/dashboard/import",
        data={"csrf": csrf, "year_be": "2570", "file": (io.BytesIO(UTHAI_CSV.read_bytes()), "plan.csv")},
        content_type="multipart/form-data",
    )
    assert "ใหม่ 0</b>, แก้ไข 0, ไม่เปลี่ยนแปลง 18" in same.text


def test_import_takes_plans_up_to_8_mb(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    big = io.BytesIO(UTHAI_CSV.read_bytes() + b"\n" * (2 * 1024 * 1024))  # over the app's 1 MB webhook limit
    ok = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "year_be": "2570", "file": (big, "plan.csv")},
        content_type="multipart/form-data",
    )
    assert ok.status_code == 200
    huge = io.BytesIO(b"x" * (9 * 1024 * 1024))
    refused = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "file": (huge, "plan.csv")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 413 and "ไฟล์ใหญ่เกินไป (ไม่เกิน 8 MB)" in refused.text


def test_import_refuses_other_file_types(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    response = client.post(
        "/dashboard/import",
        data={"csrf": csrf_of(client), "file": (io.BytesIO(b"MZ"), "plan.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "ไม่รองรับไฟล์ชนิด" in response.text


# -- กราฟ in chat ------------------------------------------------------------------------------


def image_of(chat) -> dict:
    images = [m for m in chat.last if m["type"] == "image"]
    assert len(images) == 1, chat.last
    return images[0]


@pytest.mark.parametrize("user", [DD.CONTRIB, DD.SUPERVISOR, DD.PLANNER])
def test_chart_in_chat_is_a_signed_expiring_png(app, ids, chat_with, clock, user):
    chat = chat_with(user)
    chat.say("กราฟ")
    image = image_of(chat)
    assert image["originalContentUrl"].startswith(BASE + "/dashboard/chart/")
    assert image["previewImageUrl"] == image["originalContentUrl"] + "?size=preview"
    client = app.test_client()  # LINE's servers: no cookie
    full = client.get(urlsplit(image["originalContentUrl"]).path)
    assert full.status_code == 200 and full.mimetype == "image/png" and full.data[:8] == b"\x89PNG\r\n\x1a\n"
    preview = client.get(urlsplit(image["previewImageUrl"]).path + "?size=preview")
    assert preview.status_code == 200 and len(preview.data) < len(full.data) and len(preview.data) < 1024 * 1024
    from PIL import Image

    assert Image.open(io.BytesIO(full.data)).size[0] == 2 * Image.open(io.BytesIO(preview.data)).size[0]
    path = urlsplit(image["originalContentUrl"]).path
    forged = re.sub(r"/(\d+)-", lambda m: f"/{int(m.group(1)) + 1}-", path, count=1)
    assert client.get(forged).status_code == 404
    clock.advance(days=7)
    assert client.get(path).status_code == 404


def test_chart_link_is_text_when_the_base_url_is_not_https(make_app, ids, line):
    from tests.chat import Chat
    from tests.conftest import SECRET

    app = make_app(PUBLIC_BASE_URL="http://127.0.0.1:5000")
    chat = Chat(app.test_client(), line, SECRET, DD.CONTRIB)
    chat.say("กราฟ")
    assert [m["type"] for m in chat.last] == ["text"]
    assert "http://127.0.0.1:5000/dashboard/chart/" in chat.texts()
    assert chat.buttons()[0]["type"] == "uri"


def test_chart_for_an_officer_without_indicators(app, ids, chat_with, db):
    with db.transaction() as s:
        from tests import factories as F

        F.officer(s, "lonely", F.unit(s), line_user_id="Ulonely")
    chat = chat_with("Ulonely")
    chat.say("กราฟ")
    assert chat.texts() == T.CHART_NOTHING_MINE.format(year=2569)
