"""`flask setup-richmenu` against the fake LINE platform (which checks each request as LINE would)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot import richmenu
from bot.demo import demo_line_user_id, load_demo_data
from presentation.line_api import data_host

from .test_plan_import import run


@pytest.fixture
def fresh_line(line):
    """Rich menus stay on the shared fake between tests: start this test on a new platform."""
    line.reset()
    return line


@pytest.fixture
def demo(app, db, clock, fresh_line):
    load_demo_data(db, clock.now())
    return app


def areas(menu: dict) -> list[str]:
    return [a["action"]["text"] for a in menu["areas"]]


def test_setup_creates_the_officer_default_and_the_staff_menu(demo, fresh_line):
    result = run(demo, "setup-richmenu")
    assert result.exit_code == 0, result.output
    menus = {m["name"]: m for m in fresh_line.rich_menus.values()}
    officer, staff = menus["KPI Bot: เจ้าหน้าที่"], menus["KPI Bot: หัวหน้าและผู้วางแผน"]
    assert areas(officer) == ["รายงาน", "สถานะ", "แก้ไข", "ช่วยเหลือ"]
    assert areas(staff) == ["รายงาน", "สถานะ", "แดชบอร์ด", "แก้ไข", "ช่วยเหลือ"]
    for menu in (officer, staff):
        assert menu["size"] == {"width": 2500, "height": 843} and menu["chatBarText"] == "เมนู"
        bounds = [a["bounds"] for a in menu["areas"]]
        assert sum(b["width"] for b in bounds) == 2500 and all(b["height"] == 843 for b in bounds)
        content_type, size = fresh_line.rich_menu_image(menu["richMenuId"])
        assert content_type == "image/png" and 10_000 < size < 1024 * 1024
        image = Image.open(io.BytesIO(fresh_line.state.rich_menu_images[menu["richMenuId"]].data))
        assert image.size == (2500, 843)
        tile = image.crop((100, 200, 500, 600))
        assert len(tile.getcolors(maxcolors=100_000)) > 2  # the label is drawn on the tile
    assert fresh_line.default_rich_menu_id == officer["richMenuId"]
    assert fresh_line.user_rich_menus == {
        demo_line_user_id("uthai.head"): staff["richMenuId"],
        demo_line_user_id("plan.chief"): staff["richMenuId"],
    }
    uploads = [r for r in fresh_line.requests if r.path.endswith("/content")]
    assert [(r.method, r.content_type, r.status) for r in uploads] == [("POST", "image/png", 200)] * 2
    assert "uthai.head" in result.output and "plan.chief" in result.output


def test_running_again_replaces_the_bots_menus(demo, fresh_line):
    assert run(demo, "setup-richmenu").exit_code == 0
    first = set(fresh_line.rich_menus)
    result = run(demo, "setup-richmenu")
    assert result.exit_code == 0 and "ลบเมนูเดิมของบอท 2 เมนู" in result.output
    assert len(fresh_line.rich_menus) == 2 and not first & set(fresh_line.rich_menus)
    assert fresh_line.default_rich_menu_id in fresh_line.rich_menus


def test_menu_buttons_send_words_the_bot_answers(demo, chat_with):
    assert run(demo, "setup-richmenu").exit_code == 0
    chat = chat_with(demo_line_user_id("uthai.visit"))
    for word in ("รายงาน", "สถานะ", "แก้ไข", "ช่วยเหลือ"):
        chat.say(word)
        assert "ไม่เข้าใจ" not in chat.texts(), word
    head = chat_with(demo_line_user_id("uthai.head"))
    head.say("แดชบอร์ด")
    assert head.last and "ไม่เข้าใจ" not in head.texts()


def test_no_thai_font_is_explained(demo, fresh_line, monkeypatch, tmp_path):
    monkeypatch.setenv(richmenu.FONT_ENV, str(tmp_path / "missing.ttf"))
    result = run(demo, "setup-richmenu")
    assert result.exit_code == 1 and "ไม่พบไฟล์ฟอนต์" in result.output
    monkeypatch.delenv(richmenu.FONT_ENV)
    with pytest.raises(richmenu.RichMenuError, match="fonts-thai-tlwg"):
        richmenu.find_thai_font(candidates=(tmp_path / "none.ttf",))
    assert fresh_line.requests == []


def test_line_refusing_is_reported(demo, fresh_line):
    fresh_line.inject("/v2/bot/richmenu", 500)
    result = run(demo, "setup-richmenu")
    assert result.exit_code == 1 and "LINE ไม่รับคำขอ (HTTP 500)" in result.output


def test_uploads_follow_the_configured_host():
    assert data_host("https://api.line.me") == "https://api-data.line.me"
    assert data_host("http://127.0.0.1:5001/") == "http://127.0.0.1:5001"
