"""The planners' pages in a real browser (Playwright on Debian's Chromium, as
test_dashboard_browser.py): the unit page a planner scans (one compact table, each indicator
opening to its chart and monthly rows), the overview's header at phone and laptop widths, and the
import page (Thai words only, template files, what a แก้ไข row changes). Screenshots go to
test-artifacts/; the unit page's height is written to test-artifacts/unit-page-height.txt.
"""

from __future__ import annotations

import pytest

from . import dashboard_data as DD
from .test_dashboard_browser import ARTIFACTS, CHROMIUM, browser, ids, link_in_chat, page, press_sign_in, server  # noqa: F401

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's Chromium")

#: The demo's unit, 18 indicators: was 11,145 px tall with every chart and monthly table shown.
MAX_UNIT_PAGE_HEIGHT = 3000


def signed_in_planner(page, chat_with) -> None:
    page.goto(link_in_chat(chat_with, DD.PLANNER))
    press_sign_in(page, "ธีรพงษ์ วางแผน")


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_unit_page_is_one_compact_table_each_indicator_opening_to_its_details(server, page, ids, chat_with):
    signed_in_planner(page, chat_with)
    page.goto(f"{server}/dashboard/unit/{ids['uthai']}?year=2569")
    height = page_height(page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "unit-page-height.txt").write_text(f"{height}\n")
    page.screenshot(path=str(ARTIFACTS / "dashboard-unit-compact.png"), full_page=True)
    assert height <= MAX_UNIT_PAGE_HEIGHT, height

    table = page.locator("#indicators")
    assert table.locator("details.ind").count() == 18  # every indicator, each once
    assert page.locator(".ind-head").inner_text().count("ตุลาคม 2569") == 1
    assert "ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)" in page.locator(".ind-head").inner_text()
    # P01/1: October 10 → 7 (70 %, ปานกลาง); the year to date 140 → 7 (5 %, ต่ำ)
    row = page.locator('details[data-indicator="P01/1"] > summary > span')
    cells = [row.nth(i).inner_text().strip() for i in range(row.count())]
    assert cells[1:11] == ["ราย", "100", "10", "7", "70", "ปานกลาง", "140", "7", "5", "ต่ำ"], cells
    assert cells[0].count("จำนวนผู้ประกันตนที่ได้รับของเยี่ยม") == 1
    detail = page.locator(f"#ind-{ids['p01']}")
    assert not detail.locator("svg.chart").is_visible()  # closed: one line
    detail.locator("summary").click()
    assert detail.locator("svg.chart").is_visible()
    assert "สมชาย ใจดี" in detail.inner_text() and "ญาติไม่อนุญาตให้เยี่ยม" in detail.inner_text()
    assert detail.locator("table.months tbody tr").count() == 12
    detail.screenshot(path=str(ARTIFACTS / "dashboard-unit-open.png"))
    # the keyboard opens a row too
    other = page.locator('details[data-indicator="P07/3"]')
    other.locator("summary").focus()
    page.keyboard.press("Enter")
    assert other.get_attribute("open") is not None


@pytest.mark.parametrize("width", [360, 1280])
def test_overview_headers_are_whole_at_phone_and_laptop_widths(server, page, ids, chat_with, width):
    signed_in_planner(page, chat_with)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/dashboard/?year=2569")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-overview-{width}.png"), full_page=True)
    cut = page.evaluate("""() => [...document.querySelectorAll('#matrix thead th')]
        .filter(th => th.scrollWidth > th.clientWidth + 1 || th.scrollHeight > th.clientHeight + 1)
        .map(th => th.innerText)""")
    assert cut == []
    if width >= 1280:  # a laptop: the whole matrix fits, nothing to scroll to
        assert page.evaluate(
            "(() => { const w = document.querySelector('.matrix-wrap'); return w.scrollWidth <= w.clientWidth; })()"
        )
    else:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.matrix-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className)""")
        assert wide == []
    # the table scrolls inside its frame (never the page sideways), and its last header can be reached whole
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    last = page.locator("#matrix thead th").last
    last.scroll_into_view_if_needed()
    box, frame = last.bounding_box(), page.locator(".matrix-wrap").bounding_box()
    assert box["x"] >= frame["x"] - 1 and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert box["x"] + box["width"] <= width


def test_import_page_templates_download_and_read_back_and_an_edit_shows_its_changes(
    server, page, ids, chat_with, tmp_path
):
    import csv

    from openpyxl import load_workbook

    from .test_plan_import import UTHAI_CSV

    signed_in_planner(page, chat_with)
    page.click("nav >> text=นำเข้าแผน")
    main = page.locator("main").inner_text()
    assert "flask" not in main and "unit_of_measure" not in main  # the guide is closed
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-import.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=แบบฟอร์ม Excel")
    saved = tmp_path / "template.xlsx"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "แบบฟอร์มแผนปฏิบัติการ.xlsx"
    book = load_workbook(saved)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    with open(UTHAI_CSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    p01 = rows[0]
    p01["m10"], p01["total"] = "12", "152"  # an edit of P01/1's October target
    for row in rows:
        sheet.append([row.get(cell.rsplit("(", 1)[1].rstrip(")")) or None for cell in header])
    book.save(saved)

    page.set_input_files("input[name=file]", str(saved))
    page.fill("input[name=year_be]", "2569")
    page.click("#check")
    page.wait_for_selector("#preview")
    edited = page.locator("tr.change-แก้ไข")
    assert edited.count() == 1 and "P01/1" in edited.inner_text()
    assert edited.locator("ul.diff li").inner_text().split() == ["เป้าหมาย", "ต.ค.", "10", "→", "12"]
    edited.screenshot(path=str(ARTIFACTS / "dashboard-import-diff.png"))
    page.click("#confirm")
    page.wait_for_selector("#import-done")


@pytest.fixture
def app(make_app, request):
    """The bot (parametrize "app" with a GO_LIVE_MONTH to set one)."""
    go_live = getattr(request, "param", None)
    return make_app(**({"GO_LIVE_MONTH": go_live} if go_live else {}))


@pytest.mark.parametrize("app", ["2569-10"], indirect=True)
def test_months_before_go_live_in_the_browser(server, page, ids, chat_with):
    signed_in_planner(page, chat_with)
    page.goto(f"{server}/dashboard/?year=2569")
    row = page.locator(f'tr[data-unit="{DD.UTHAI}"]')
    assert [row.locator(f'td[data-month="{m}"] .status').inner_text() for m in (1, 9, 10, 11)] == [
        "ก่อนใช้ระบบ",
        "ก่อนใช้ระบบ",
        "ยังไม่ส่ง",
        "รอส่ง",
    ]
    assert "ก่อนใช้ระบบ" in page.locator(".legend").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-overview-go-live.png"), full_page=True)
    page.goto(f"{server}/dashboard/unit/{ids['uthai']}?year=2569")
    p01 = page.locator('details[data-indicator="P01/1"]')
    cells = p01.locator("summary > span")
    assert [cells.nth(i).inner_text().strip() for i in range(7, 12)] == ["10", "7", "70", "ปานกลาง", "1/1"]
    p01.locator("summary").click()
    months = p01.locator("table.months tbody tr")
    assert "ก่อนใช้ระบบ" in months.nth(2).inner_text() and "ตรงเวลา" in months.nth(9).inner_text()
