"""The dashboard's budget views in a real browser (Playwright on Debian's Chromium, as
test_dashboard_browser.py): the overview's disbursement column and chart at a laptop's and a
phone's width, and the unit page's budget table. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

from . import dashboard_data as DD
from .budget_seed import seed_budgets
from .test_dashboard_browser import ARTIFACTS, CHROMIUM, browser, ids, link_in_chat, page, press_sign_in, server  # noqa: F401

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's Chromium")


@pytest.fixture
def budgets(db, ids):  # noqa: F811
    return seed_budgets(db)


def signed_in_planner(page, chat_with) -> None:  # noqa: F811
    page.goto(link_in_chat(chat_with, DD.PLANNER))
    press_sign_in(page, "ธีรพงษ์ วางแผน")


@pytest.mark.parametrize("width", [360, 1280])
def test_overview_budget_column_and_chart(server, page, budgets, chat_with, width):  # noqa: F811
    signed_in_planner(page, chat_with)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/dashboard/?year=2569")
    column = page.locator(f'#matrix tr[data-unit="{DD.UTHAI}"] td.budget')
    assert column.inner_text().strip() == "32.69%"
    section = page.locator("#budget-overview")
    assert section.locator("svg").is_visible()
    assert "เบิกจ่าย 170,000 จากงบ 520,000 บาท (ร้อยละ 32.69)" in section.inner_text()
    if width >= 1280:  # the matrix still fits a laptop with the new column
        assert page.evaluate(
            "(() => { const w = document.querySelector('.matrix-wrap'); return w.scrollWidth <= w.clientWidth; })()"
        )
    else:  # on a phone only the matrix and the budget tables scroll sideways
        wide = page.evaluate("""() => [...document.querySelectorAll('#budget-overview *')]
            .filter(e => !e.closest('.budget-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className)""")
        assert wide == []
    ARTIFACTS.mkdir(exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / f"dashboard-budget-overview-{width}.png"))
    page.screenshot(path=str(ARTIFACTS / f"dashboard-overview-budget-{width}.png"), full_page=True)


def test_unit_budget_table(server, page, budgets, ids, chat_with):  # noqa: F811
    signed_in_planner(page, chat_with)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{server}/dashboard/unit/{ids['uthai']}?year=2569")
    table = page.locator("#budget-table")
    assert table.is_visible()
    p01 = table.locator('tbody[data-project="P01"]')
    assert "แผน 90 · ปานกลาง" in p01.inner_text()
    assert table.locator("tbody").count() == 2  # P01, P07 (P04 has no budget)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#budget-unit").screenshot(path=str(ARTIFACTS / "dashboard-unit-budget.png"))
