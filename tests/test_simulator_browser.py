"""The chat simulator in a real browser (Playwright on Debian's Chromium, as
tests/test_dashboard_browser.py): pushes reach a chat that was never opened in this browser and
a chat opened before the demo restarted; images, locations and files are sent and answered.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from bot import create_app
from bot.cli_demo import DEMO_SECRET
from bot.clock import BANGKOK
from bot.demo import demo_line_user_id, open_demo
from fakeline.server import FakeLineServer
from presentation import messages as M
from presentation import texts as T
from reminders.service import Reminders

from .conftest import TOKEN
from .test_dashboard_browser import ARTIFACTS, CHROMIUM, browser  # noqa: F401 - the browser fixture

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"
)
#: A Monday in December 2569: November was due on 5 December and is overdue.
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BANGKOK)
HEAD = demo_line_user_id("cco.head")
CHUJAI = demo_line_user_id("bpk.contrib")  # behind: owes this month and an earlier one


@contextmanager
def serving(app, port: int = 0):
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", httpd.server_port
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def demo(make_app, clock):
    clock.set(NOW)
    app = make_app(DEMO=True, LINE_CHANNEL_SECRET=DEMO_SECRET)
    open_demo(app.extensions["db"], clock.now())
    return app


@pytest.fixture
def phone(browser):  # noqa: F811
    """A phone-sized browser context (its localStorage is the simulator's chat memory)."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 440, "height": 900}, locale="th-TH")
    yield context
    context.close()


def open_chat_of(page, user_id: str) -> None:
    page.select_option("#user-picker", user_id)


def type_and_send(page, text: str) -> None:
    page.fill("#text", text)
    page.click("#btn-send")


def test_a_nudge_reaches_a_chat_never_opened_and_one_opened_before_a_restart(demo, phone, clock, line):
    with serving(demo) as (base, port):
        page = phone.new_page()
        page.goto(base + "/simulator/")
        # The province's supervisor nudges; the scheduler's outbox drain pushes the nudges.
        open_chat_of(page, HEAD)
        type_and_send(page, "ส่งเตือน")
        page.wait_for_selector("text=ส่งเตือนผลเดือนพฤศจิกายน 2569")
        assert Reminders.of(demo).drain(clock.now()).sent >= 1
        # ชูใจ's chat was never opened in this browser: the nudge is there when it is.
        open_chat_of(page, CHUJAI)
        pushed = page.locator(".row-msg.bot", has_text="หัวหน้าหน่วยงาน")
        pushed.first.wait_for(timeout=10_000)
        assert "แจ้งเตือน (push)" in pushed.first.inner_text()
        page.screenshot(path=str(ARTIFACTS / "simulator-push-never-opened.png"))

    # The demo restarts (as after --reset: a new fake LINE numbering its requests from 1),
    # on the same address; the browser remembers where it was in the old log.
    with FakeLineServer(access_token=TOKEN) as fresh_line:
        again = create_app(
            {
                **{
                    k: demo.config[k]
                    for k in (
                        "DATABASE_URL",
                        "CLOCK",
                        "TESTING",
                        "DEMO",
                        "LINE_CHANNEL_SECRET",
                        "MAX_MESSAGES_PER_MINUTE",
                    )
                },
                "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                "LINE_API_BASE_URL": fresh_line.url,
            }
        )
        with serving(again, port):
            again.extensions["line_api"].push(CHUJAI, [M.text("⏰ ทดสอบเตือนหลังเริ่มเดโมใหม่")])
            page.reload()
            page.wait_for_selector("text=ทดสอบเตือนหลังเริ่มเดโมใหม่", timeout=10_000)
            page.screenshot(path=str(ARTIFACTS / "simulator-push-after-restart.png"))
            assert fresh_line.all_problems() == []
        again.extensions["db"].dispose()


def test_send_an_image_a_location_and_a_file_from_the_simulator(demo, phone, tmp_path):
    from PIL import Image

    photo = tmp_path / "ใบสรุปผล.png"
    Image.new("RGB", (320, 200), (11, 83, 148)).save(photo)
    sheet = tmp_path / "ผลงานเดือนพฤศจิกายน.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    with serving(demo) as (base, _):
        page = phone.new_page()
        page.goto(base + "/simulator/")
        open_chat_of(page, demo_line_user_id("uthai.visit"))
        page.click("#btn-attach")
        page.set_input_files("#pick-image", str(photo))
        page.click("#btn-attach")
        page.click("#btn-location")
        page.click("#btn-attach")
        page.set_input_files("#pick-file", str(sheet))
        answers = page.locator(".bubble.bot", has_text=T.NON_TEXT)
        expect(answers).to_have_count(3, timeout=15_000)  # one answer each, in the order sent
        mine = page.locator(".bubble.user.media")
        assert mine.count() == 3
        assert mine.nth(0).locator("img").count() == 1 and "ใบสรุปผล.png" in mine.nth(0).inner_text()
        assert "สำนักงานประกันสังคมจังหวัดฉะเชิงเทรา" in mine.nth(1).inner_text()
        assert "ผลงานเดือนพฤศจิกายน.xlsx" in mine.nth(2).inner_text()
        assert page.locator(".note.error").count() == 0
        page.screenshot(path=str(ARTIFACTS / "simulator-attachments.png"))
