"""The overview's evaluation table in a real browser (Playwright on Debian's Chromium, as
test_dashboard_browser.py), at a laptop's and a phone's width: the seed's 198 projects
(tests/eval_seed.py) give both funds' tables, a number opens the list of the projects it
counts, and the fund filter cuts the page. Screenshots go to test-artifacts/
(dashboard-plan-table-1280.png is copied to docs/ for the README)."""

from __future__ import annotations

import json

import pytest

from . import dashboard_data as DD
from . import eval_seed as S
from .test_dashboard_browser import ARTIFACTS, CHROMIUM, browser, ids, link_in_chat, page, press_sign_in, server  # noqa: F401
from .test_plan_import import run

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's Chromium"),
    pytest.mark.skipif(not S.ROWS_FILE.exists(), reason=f"{S.ROWS_FILE} not found (../shared/data)"),
]


@pytest.fixture
def seeded(app, ids, tmp_path):  # noqa: F811
    plan, results = S.write_files(tmp_path)
    assert run(app, "import-plan", plan).exit_code == 0
    assert run(app, "import-results", results).exit_code == 0
    out = run(app, "evaluation-report", "--quarter", "2567-Q4", "--format", "json")
    return json.loads(out.stdout)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_table_renders_and_a_number_opens_its_projects(server, page, seeded, chat_with, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(link_in_chat(chat_with, DD.PLANNER))
    press_sign_in(page, "ธีรพงษ์ วางแผน")
    page.goto(f"{server}/dashboard/?year=2567&q=4")
    section = page.locator("#plan-table")
    assert section.is_visible()
    assert section.locator("table.fund-table").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / f"dashboard-plan-table-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    for table in section.locator("table.fund-table").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1

    wcf = next(f for f in seeded["funds"] if f["fund"] == "WCF")
    strategy2 = next(s for s in wcf["strategies"] if s["strategy_no"] == 2)
    row = page.locator('table.fund-table[data-fund="WCF"] tbody tr').nth(1)
    assert row.locator("th").inner_text().startswith("ยุทธศาสตร์ที่ 2")
    yellow = row.locator("td").nth(2)
    assert yellow.inner_text().strip() == str(strategy2["yellow"])
    yellow.locator("a").click()
    page.wait_for_url("**/dashboard/projects?**")
    assert page.locator("#projects-title").inner_text() == "กองทุนเงินทดแทน · ยุทธศาสตร์ที่ 2 · ระดับปานกลาง"
    assert page.locator("#projects tbody tr").count() == strategy2["yellow"]
    assert page.locator("#projects-count").inner_text() == f"{strategy2['yellow']} งาน/โครงการ"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"dashboard-plan-projects-{width}.png"), full_page=True)

    # back on the overview, the fund filter cuts the page to กองทุนเงินทดแทน
    page.click("text=← ภาพรวม")
    page.select_option("select[name=fund]", "WCF")
    page.click("form.filters button")
    page.wait_for_url("**fund=WCF**")
    assert page.locator("table.fund-table").count() == 1
    assert page.locator('table.fund-table[data-fund="WCF"] tr.total td').first.inner_text().strip() == str(
        wcf["projects"]
    )
    assert "q=4" in page.url and "year=2567" in page.url  # the period kept
