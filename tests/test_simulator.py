"""The demo chat simulator: its page, and its API driving the real /callback over HTTP."""

from __future__ import annotations

import re
import threading

import pytest
import requests
from werkzeug.serving import make_server

from bot.cli_demo import DEMO_SECRET

from .factories import seed_reporter


@pytest.fixture
def demo_app(make_app):
    return make_app(DEMO=True, LINE_CHANNEL_SECRET=DEMO_SECRET)


@pytest.fixture
def server(demo_app):
    """The demo app on a real threaded HTTP server (the simulator POSTs to its own /callback)."""
    httpd = make_server("127.0.0.1", 0, demo_app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def send(server: str, **payload) -> dict:
    response = requests.post(f"{server}/simulator/api/send", json=payload, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def texts(result: dict) -> str:
    return "\n".join(m.get("text") or m.get("altText") or "" for m in result["messages"])


def test_page_lists_bound_officers(server, demo_app):
    seed_reporter(demo_app.extensions["db"])
    response = requests.get(f"{server}/simulator/", timeout=10)
    assert response.status_code == 200
    page = response.text
    assert "จำลองแชต LINE" in page and 'id="user-picker"' in page
    assert "บัญชี LINE ใหม่ (ยังไม่ผูก)" in page
    assert re.search(r'<option value="Uofficer1">สมชาย ใจดี · เจ้าหน้าที่ · สำนักงานประกันสังคมจังหวัดอุทัยธานี', page)
    assert "http://" not in page.replace(server, "") and "https://" not in page  # no CDN: works offline
    users = requests.get(f"{server}/simulator/api/users", timeout=10).json()["officers"]
    assert [(o["user_id"], o["role_th"]) for o in users] == [("Uofficer1", "เจ้าหน้าที่")]
    redirect = requests.get(f"{server}/simulator", allow_redirects=False, timeout=10)
    assert redirect.status_code in (301, 308) and redirect.headers["Location"].endswith("/simulator/")


def test_text_then_tap_a_quick_reply(server, demo_app, line):
    seed_reporter(demo_app.extensions["db"])
    result = send(server, user_id="Uofficer1", text="รายงาน")
    assert result["status"] == 200 and result["problems"] == []
    assert "ตุลาคม 2569" in texts(result)
    quick = [i["action"] for m in result["messages"] for i in (m.get("quickReply") or {}).get("items", [])]
    assert quick and all(m["_via"] == "reply" and m["_delivered"] for m in result["messages"])

    first = quick[0]
    assert first["type"] == "postback"
    tapped = send(server, user_id="Uofficer1", postback=first["data"], display_text=first.get("displayText"))
    assert tapped["status"] == 200 and tapped["problems"] == []
    assert "เป้าหมายเดือนตุลาคม 2569" in texts(tapped)
    assert tapped["messages"] and tapped["messages"] != result["messages"]


def test_unbound_user_is_asked_for_the_code_and_sticker_is_refused(server, demo_app):
    fresh = "U" + "0123456789abcdef" * 2
    assert "รหัส 6 หลัก" in texts(send(server, user_id=fresh, text="สวัสดี"))
    seed_reporter(demo_app.extensions["db"])
    assert "เฉพาะข้อความตัวอักษร" in texts(send(server, user_id="Uofficer1", event="sticker"))


def test_follow_welcomes_and_unfollow_is_silent(server, demo_app):
    fresh = "U" + "f" * 32
    welcome = send(server, user_id=fresh, event="follow")
    assert welcome["status"] == 200 and "ยินดีต้อนรับ" in texts(welcome)
    blocked = send(server, user_id=fresh, event="unfollow")
    assert blocked["status"] == 200 and blocked["messages"] == []


def test_poll_returns_pushes_to_that_user_only(server, demo_app, line):
    start = requests.get(f"{server}/simulator/api/poll", params={"user_id": "Upolled"}, timeout=10).json()
    assert start["messages"] == []
    api = demo_app.extensions["line_api"]
    from presentation import messages as M

    api.push("Uother", [M.text("ไม่ใช่ของคุณ")])
    api.push("Upolled", [M.text("เตือน: ส่งผลภายในวันที่ 5")])
    polled = requests.get(
        f"{server}/simulator/api/poll", params={"user_id": "Upolled", "after": start["last"]}, timeout=10
    ).json()
    assert [m["text"] for m in polled["messages"]] == ["เตือน: ส่งผลภายในวันที่ 5"]
    assert polled["messages"][0]["_via"] == "push" and polled["last"] > start["last"]


def test_bad_requests_are_refused(server):
    assert (
        requests.post(f"{server}/simulator/api/send", json={"user_id": "x", "text": "hi"}, timeout=10).status_code
        == 400
    )
    assert requests.post(f"{server}/simulator/api/send", json={"user_id": "Uabc"}, timeout=10).status_code == 400


def test_no_simulator_without_demo(app):
    client = app.test_client()
    assert not app.config.get("DEMO")
    assert client.get("/simulator/").status_code == 404
    assert client.post("/simulator/api/send", json={"user_id": "Uofficer1", "text": "รายงาน"}).status_code == 404
    assert "simulator" not in app.blueprints


@pytest.mark.parametrize(
    "overrides",
    [
        {"DEMO": True},  # a channel secret other than the demo's: a real channel's, perhaps
        {"DEMO": True, "LINE_CHANNEL_SECRET": DEMO_SECRET, "LINE_API_BASE_URL": "https://api.line.me"},
        {"LINE_CHANNEL_SECRET": DEMO_SECRET},  # not the demo
    ],
)
def test_no_simulator_beside_a_real_channel_or_outside_the_demo(make_app, overrides):
    """It signs webhooks for any user id: registered only with the demo's channel and fake LINE."""
    app = make_app(**overrides)
    assert "simulator" not in app.blueprints
    assert (
        app.test_client().post("/simulator/api/send", json={"user_id": "Uofficer1", "text": "รายงาน"}).status_code
        == 404
    )


# -- images, locations and files; pushes whenever the chat is opened ---------------------------


def test_image_location_and_file_reach_the_bot_as_line_sends_them(server, demo_app, line):
    """The simulator builds each event as LINE would (checked against LINE's webhook spec) and
    the bot answers it: a bound officer is told to type; an unbound account is asked for its code."""
    seed_reporter(demo_app.extensions["db"])
    sent = [
        send(server, user_id="Uofficer1", event="image"),
        send(
            server,
            user_id="Uofficer1",
            event="location",
            latitude=13.6904,
            longitude=101.0779,
            title="สำนักงานประกันสังคมจังหวัดฉะเชิงเทรา",
            address="ฉะเชิงเทรา",
        ),
        send(server, user_id="Uofficer1", event="file", file_name="ผลงานเดือนนี้.xlsx", file_size=18_432),
    ]
    assert [r["event"] for r in sent] == ["message"] * 3
    for result in sent:
        assert result["status"] == 200 and result["problems"] == []
        assert texts(result) == "บอทอ่านได้เฉพาะข้อความตัวอักษร กรุณาพิมพ์เป็นข้อความ"
    fresh = "U" + "a1" * 16
    assert "รหัส 6 หลัก" in texts(send(server, user_id=fresh, event="file", file_name="a.pdf", file_size=10))


@pytest.mark.parametrize(
    "payload",
    [
        {"event": "location", "latitude": 95, "longitude": 100},
        {"event": "location", "latitude": "13", "longitude": 100},
        {"event": "location", "latitude": True, "longitude": 100},
        {"event": "file", "file_name": "", "file_size": 10},
        {"event": "file", "file_name": "x" * 256, "file_size": 10},
        {"event": "file", "file_name": "a.pdf", "file_size": -1},
        {"event": "file", "file_name": "a.pdf", "file_size": "10"},
        {"event": "video"},
    ],
)
def test_odd_attachments_are_refused_with_a_reason(server, payload):
    response = requests.post(f"{server}/simulator/api/send", json={"user_id": "Uofficer1", **payload}, timeout=10)
    assert response.status_code == 400 and response.json()["error"]


def test_a_chat_never_opened_gets_the_pushes_sent_before(server, demo_app, line):
    """A reminder pushed before the officer's chat was ever opened in this browser still shows."""
    from presentation import messages as M

    api = demo_app.extensions["line_api"]
    api.push("Ulate-opener", [M.text("⏰ ยังส่งผลไม่ครบ")])
    api.push("Usomeone-else", [M.text("ไม่ใช่ของคุณ")])
    first = requests.get(f"{server}/simulator/api/poll", params={"user_id": "Ulate-opener"}, timeout=10).json()
    assert [m["text"] for m in first["messages"]] == ["⏰ ยังส่งผลไม่ครบ"]
    assert first["log"] == line.instance and first["last"] >= first["messages"][0]["_seq"]


def test_each_fake_line_log_is_named_so_a_restarted_demo_is_noticed(server, line):
    """After a restart (or --reset) the fake numbers its requests from 1 again: the page sees a
    new log name and reads it from the beginning."""
    from fakeline.server import FakeLineServer

    polled = requests.get(f"{server}/simulator/api/poll", params={"user_id": "Uabc"}, timeout=10).json()
    other = FakeLineServer(access_token="x")
    assert polled["log"] == line.instance != other.instance
