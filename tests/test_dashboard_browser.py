"""The dashboard in a real browser: Playwright driving Debian's Chromium against the app on a
real threaded server. Sign in through a link the bot sent in chat (its page, then the button
เข้าสู่แดชบอร์ด; a link preview fetched first uses nothing up), read the matrix, open a unit,
download the export and read its cells, and be refused without a session, for another unit and
with a used or expired link. Screenshots go to test-artifacts/.

Needs /usr/bin/chromium (Debian package `chromium`) and, for readable Thai, fonts-thai-tlwg;
Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from werkzeug.serving import make_server

from bot import configure
from files.report_export import DATA_SHEET, REPORT_SHEET
from presentation import texts as T

from . import dashboard_data as DD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium fonts-thai-tlwg)",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def server(app):
    """The app on a real threaded HTTP server; the bot's links point at it."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_port}"
    configure(app, PUBLIC_BASE_URL=url)
    yield url
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="th-TH", accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def ids(db, clock):
    return DD.seed(db, clock.now())


def link_in_chat(chat_with, user_id: str) -> str:
    chat = chat_with(user_id)
    chat.say("แดชบอร์ด")
    (button,) = [b for b in chat.buttons() if b["type"] == "uri"]
    return button["uri"]


def press_sign_in(page, name: str) -> None:
    """On the link's page: it names the officer; its button signs in and lands on the overview."""
    assert name in page.locator("#sign-in").inner_text()
    page.get_by_role("button", name=T.DASH_SIGN_IN_BUTTON).click()
    page.wait_for_url("**/dashboard/")


def cell(page, unit: str, month: int) -> str:
    return page.locator(f'tr[data-unit="{unit}"] td[data-month="{month}"] .status').inner_text()


def test_planner_signs_in_from_chat_reads_the_matrix_opens_a_unit_and_downloads_the_export(
    server, page, browser, ids, chat_with, tmp_path
):
    # An officer sends one more October value through the chat, after the 5th: late.
    officer = chat_with(DD.CONTRIB)
    officer.say("รายงาน")
    officer.press("1. ")
    officer.say("ร้อยละ 90")
    officer.press("ยืนยัน")
    assert "บันทึกผล P07/1 เดือนตุลาคม 2569 เป็น ร้อยละ 90 แล้ว (ส่งช้า)" in officer.texts()

    url = link_in_chat(chat_with, DD.PLANNER)
    assert url.startswith(server + "/dashboard/login/")
    # LINE's servers fetch the link for a preview before the officer taps it: nothing is used up.
    preview = browser.new_context()
    try:
        assert preview.request.get(url).ok and preview.request.head(url).ok
    finally:
        preview.close()
    response = page.goto(url)
    assert response.ok and page.url == url
    press_sign_in(page, "ธีรพงษ์ วางแผน")
    assert "ธีรพงษ์ วางแผน" in page.locator("header").inner_text()

    page.select_option("select[name=q]", "4")
    page.click("form.filters button")
    page.wait_for_url("**/dashboard/?year=2569&q=4*")
    assert cell(page, DD.ON_TIME_UNIT, 10) == "ตรงเวลา"
    assert cell(page, DD.LATE_UNIT, 10) == "ล่าช้า"
    assert cell(page, DD.UTHAI, 10) == "ยังไม่ส่ง"
    assert cell(page, DD.UTHAI, 11) == "รอส่ง"
    assert cell(page, DD.ON_TIME_UNIT, 12) == "–"
    assert "7 งาน/โครงการ" in page.locator("#overview-counts").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-overview.png"), full_page=True)

    page.click(f'tr[data-unit="{DD.UTHAI}"] th a')
    page.wait_for_url(f"**/dashboard/unit/{ids['uthai']}?*")
    row = page.locator('details[data-indicator="P01/1"] > summary > span')  # the quarter: ต.ค. only
    assert [row.nth(i).inner_text().strip() for i in range(7, 11)] == ["10", "7", "70", "ปานกลาง"]
    article = page.locator(f"#ind-{ids['p01']}")
    article.locator("summary").click()
    assert article.locator("svg.chart").count() == 1
    assert "สมชาย ใจดี" in article.inner_text() and "ญาติไม่อนุญาตให้เยี่ยม" in article.inner_text()
    p07 = page.locator('details[data-indicator="P07/3"]')
    p07.locator("summary").click()
    assert "วันเพ็ญ ศรีสุข" in p07.inner_text()
    page.screenshot(path=str(ARTIFACTS / "dashboard-unit.png"), full_page=False)
    article.screenshot(path=str(ARTIFACTS / "dashboard-unit-project.png"))

    page.click("text=ส่งออก Excel")
    page.select_option("select[name=q]", "4")
    with page.expect_download() as download:
        page.click("#download")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "kpi-2569-Q4.xlsx"
    book = load_workbook(saved)
    report, unit = {}, None
    for row in book[REPORT_SHEET].iter_rows(min_row=8, values_only=True):
        if row[0] is None:
            unit = row[1]
        elif unit == DD.UTHAI:
            report[row[0]] = row
    assert report["P01/1"][4:8] == (10, 7, 70, "ปานกลาง")
    assert report["P07/1"][5] == 90
    data = list(book[DATA_SHEET].iter_rows(values_only=True))
    oct_value = data[0].index("ผลการดำเนินงาน ต.ค.")
    oct_time = data[0].index("การรายงาน ต.ค.")
    p07_1 = next(r for r in data[1:] if r[0] == DD.UTHAI and r[2] == "P07" and r[4] == 1)
    assert (p07_1[oct_value], p07_1[oct_time]) == (90, "ล่าช้า")

    # The same link again, from another browser: refused.
    other = browser.new_context()
    try:
        again = other.new_page().goto(url)
        assert again.status == 401
        assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.text()
        # And no page without a session.
        bare = other.new_page()
        response = bare.goto(server + "/dashboard/")
        assert response.status == 401 and 'พิมพ์ "แดชบอร์ด"' in bare.locator("main").inner_text()
    finally:
        other.close()


def test_supervisor_sees_their_unit_only_and_stale_links_are_refused(server, page, ids, chat_with, clock):
    url = link_in_chat(chat_with, DD.SUPERVISOR)
    clock.advance(minutes=9, seconds=59)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: LINE opens the link in its browser
    assert page.goto(url).ok
    button = page.get_by_role("button", name=T.DASH_SIGN_IN_BUTTON).bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 390 and button["height"] >= 44
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-sign-in-phone.png"))
    press_sign_in(page, "อัญชลี หัวหน้างาน")
    page.set_viewport_size({"width": 1400, "height": 900})
    assert page.locator("#matrix tbody tr").count() == 1
    assert page.locator("#matrix tbody tr").get_attribute("data-unit") == DD.UTHAI
    assert page.locator("nav").inner_text().count("นำเข้าแผน") == 0

    refused = page.goto(f"{server}/dashboard/unit/{ids['on_time_unit']}")
    assert refused.status == 403 and "เฉพาะหน่วยงานของท่าน" in page.locator("main").inner_text()
    assert page.goto(f"{server}/dashboard/import").status == 403

    late = link_in_chat(chat_with, DD.SUPERVISOR)
    clock.advance(minutes=10)
    page.context.clear_cookies()
    expired = page.goto(late)
    assert expired.status == 401 and "ลิงก์นี้ใช้ไม่ได้แล้ว" in page.locator("main").inner_text()
    assert page.goto(f"{server}/dashboard/").status == 401


def test_demo_planner_opens_the_dashboard_from_the_simulator(make_app, browser, clock):
    """As a new user of the demo would: the simulator, the planner, "แดชบอร์ด", the card's button."""
    from bot.cli_demo import DEMO_SECRET
    from bot.demo import demo_line_user_id

    demo = make_app(DEMO=True, LINE_CHANNEL_SECRET=DEMO_SECRET)
    DD.seed(demo.extensions["db"], clock.now())
    httpd = make_server("127.0.0.1", 0, demo, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    configure(demo, PUBLIC_BASE_URL=base)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        chat = context.new_page()
        chat.goto(base + "/simulator/")
        chat.select_option("#user-picker", demo_line_user_id("plan.chief"))
        chat.fill("#text", "แดชบอร์ด")
        chat.click("#btn-send")
        chat.wait_for_selector("text=เปิดแดชบอร์ด")
        with context.expect_page() as opened:
            chat.click("text=เปิดแดชบอร์ด")
        dashboard = opened.value
        dashboard.wait_for_load_state()
        press_sign_in(dashboard, "ธีรพงษ์ วางแผน")
        assert dashboard.url == base + "/dashboard/"
        assert cell(dashboard, DD.LATE_UNIT, 10) == "ล่าช้า" and cell(dashboard, DD.ON_TIME_UNIT, 10) == "ตรงเวลา"
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
