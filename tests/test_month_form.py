"""All of a month on one page (form/, issue 14) without a browser: the button in chat and in
reminders, the signed link (GET changes nothing, a POST bound to this browser uses it up), who
sees and saves what, the rows saved as the chat saves them (byte for byte), and the LIFF path
through the fake LINE's /oauth2/v2.1/verify."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import delete, func, select

from kpi.periods import Period
from models import DashboardLogin, Officer, ReportedValue, Responsibility, ValueHistory
from presentation import texts as T
from presentation.form_links import FormLinks

from .chat import Chat
from .conftest import SECRET
from .factories import indicator, month_targets, officer, unit
from .reminder_helpers import FAST, at, outbound, run
from .test_dashboard import _text_of_responses  # noqa: F401  (response.text, entities decoded)

BASE = "https://kpi.example.test"
USER = "Upage1"
CHANNEL = "1650000000"


def seed_month(db, user_id: str = USER, key: str = "o1", unit_name: str | None = None, name: str = "วันเพ็ญ ศรีสุข"):
    """An officer owing six indicators in October 2569 (a count, a second count, a percentage,
    a level, a pass/fail and a count far behind), the kinds the chat knows."""
    with db.transaction() as s:
        u = unit(s) if unit_name is None else unit(s, unit_name)
        suffix = "" if unit_name is None else "x"
        inds = [
            indicator(s, u, f"P01{suffix}", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", month_targets(oct=10)),
            indicator(s, u, f"P01{suffix}", 2, "จำนวนครั้งที่ออกตรวจสถานประกอบการ", "ครั้ง", "count", month_targets(oct=15)),
            indicator(
                s, u, f"P07{suffix}", 1, "ร้อยละของผู้ประกันตนส่งเงินสมทบผ่านอินเทอร์เน็ต", "ร้อยละ", "pct_cum",
                month_targets(oct=84), weight=50,
            ),
            indicator(
                s, u, f"P07{suffix}", 2, "ระดับความสำเร็จของการจัดการความรู้", "ระดับ", "level",
                month_targets(oct=3), weight=50, max_level=5,
            ),
            indicator(s, u, f"P09{suffix}", 1, "ความสำเร็จในการปิดงบการเงิน", "ครั้ง", "pass_fail", month_targets(oct=1)),
            indicator(s, u, f"P03{suffix}", 1, "จำนวนผู้เข้ารับการอบรม", "คน", "count", month_targets(oct=40)),
        ]  # fmt: skip
        o = officer(s, key, u, line_user_id=user_id, indicators=inds, name=name)
        return o.id, [i.id for i in inds]


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE)


def page_link(chat) -> str:
    buttons = [b for b in chat.buttons() if b["type"] == "uri"]
    assert len(buttons) == 1, [b["label"] for b in chat.buttons()]
    assert buttons[0]["label"] == T.BTN_FORM_PAGE and len(buttons[0]["label"]) <= 20
    return buttons[0]["uri"]


def hidden_fields(page) -> dict:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))


def open_page(client, path: str):
    """What the officer does: open the link (a page with a button), press เปิดหน้ากรอกผล."""
    page = client.get(path)
    if page.status_code != 200:
        return page
    return client.post(path, data=hidden_fields(page))


def month_client(app, chat_with, user_id: str = USER):
    chat = chat_with(user_id)
    chat.say("รายงาน")
    client = app.test_client()
    opened = open_page(client, urlsplit(page_link(chat)).path)
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/dashboard/form/2569-10"), opened.text
    return client


def table_rows(db, model, *order) -> list[tuple]:
    """Every column of the table but the row id, in the given order."""
    with db.transaction() as s:
        columns = [c.key for c in model.__table__.columns if c.key != "id"]
        return [tuple(getattr(r, c) for c in columns) for r in s.scalars(select(model).order_by(*order))]


def rows(db) -> tuple[list[tuple], list[tuple]]:
    """Every column of reported_value and value_history but the row ids."""
    return (
        table_rows(db, ReportedValue, ReportedValue.indicator_id, ReportedValue.month),
        table_rows(db, ValueHistory, ValueHistory.id),
    )


def saved(db) -> dict:
    with db.transaction() as s:
        return {(v.indicator_id, v.month): (v.value, v.note, v.on_time) for v in s.scalars(select(ReportedValue))}


#: The month as typed: Thai digits, a word number, a percentage, a level, pass/fail, and a
#: value under half of the target with its reason.
ANSWERS = [
    ("v", "๑๒ ราย", ""),
    ("v", "สิบแปด", ""),
    ("v", "ร้อยละ 90", ""),
    ("b", "4", ""),
    ("b", "1", ""),
    ("v", "12", "งบประมาณล่าช้า"),
]


def form_data(csrf: str, ids: list[int], answers=ANSWERS) -> dict:
    data = {"csrf": csrf}
    for i, (field, value, reason) in zip(ids, answers):
        data[f"{field}_{i}"] = value
        if reason:
            data[f"r_{i}"] = reason
    return data


def csrf_of(client, month: str = "2569-10") -> str:
    page = client.get(f"/dashboard/form/{month}")
    assert page.status_code == 200, page.text
    return hidden_fields(page)["csrf"]


# -- the button -------------------------------------------------------------------------------


def test_the_pending_list_offers_the_page_when_two_or_more_are_owed(app, db, chat_with):
    officer_id, ids = seed_month(db)
    chat = chat_with(USER)
    chat.say("รายงาน")
    url = page_link(chat)
    assert url.startswith(BASE + "/dashboard/form/open/") and "กรอกทั้งหมดหน้าเดียว" in chat.texts()
    assert len(chat.last[-1]["quickReply"]["items"]) <= 13
    # one left: the chat goes straight to it, and no page is offered
    with db.transaction() as s:
        for i in ids[:-1]:
            s.add(ReportedValue(indicator_id=i, month=10, value=Decimal(1), reported_at=app.extensions["clock"].now(),
                                on_time=False, source="chat"))  # fmt: skip
    chat.say("รายงาน")
    assert [b for b in chat.buttons() if b["type"] == "uri"] == []


def test_without_a_public_address_there_is_no_button(make_app, line):
    plain = make_app()  # no PUBLIC_BASE_URL, no LIFF: no link can be made
    seed_month(plain.extensions["db"])
    chat = Chat(plain.test_client(), line, SECRET, USER)
    chat.say("รายงาน")
    assert [b for b in chat.buttons() if b["type"] == "uri"] == []


# -- the signed link --------------------------------------------------------------------------


def test_opening_the_link_changes_nothing_and_shows_nothing_of_the_officer(app, db, chat_with):
    seed_month(db)
    chat = chat_with(USER)
    chat.say("รายงาน")
    path = urlsplit(page_link(chat)).path
    for crawler in (app.test_client(), app.test_client()):
        assert crawler.head(path).status_code == 200
        preview = crawler.get(path)
        assert preview.status_code == 200 and "ตุลาคม 2569" in preview.text
        assert "วันเพ็ญ" not in preview.text and "P01" not in preview.text and "เยี่ยม" not in preview.text
        assert crawler.get("/dashboard/form/2569-10").status_code == 401
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(DashboardLogin)) == 0

    browser = app.test_client()
    page = browser.get(path)
    form = hidden_fields(page)
    refused = browser.post(path, data={**form, "csrf": "forged"})  # not the form this browser was shown
    assert refused.status_code == 400 and browser.get("/dashboard/form/2569-10").status_code == 401
    other_site = browser.post(path, data=form, headers={"Origin": "https://evil.example"})
    assert other_site.status_code == 400
    opened = browser.post(path, data=form)
    assert opened.status_code == 303
    month = browser.get("/dashboard/form/2569-10")
    assert month.status_code == 200 and "วันเพ็ญ ศรีสุข" in month.text and "P03/1" in month.text
    cookie = opened.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/dashboard" in cookie

    # used up: another phone sees nothing; this browser (its session) goes straight to the month
    for method in ("get", "post"):
        again = getattr(app.test_client(), method)(path)
        assert again.status_code == 401 and "วันเพ็ญ" not in again.text and T.FORM_PAGE_LINK_BAD in again.text
    assert browser.get(path).status_code == 303


def test_expired_or_forged_links_open_nothing(app, db, chat_with, clock):
    officer_id, _ = seed_month(db)
    other_id, _ = seed_month(db, "Uother", "o2", "สาขาบางปะกง", name="ชูใจ ใฝ่งาน")
    chat = chat_with(USER)
    chat.say("รายงาน")
    path = urlsplit(page_link(chat)).path
    token = path.rsplit("/", 1)[1]
    forged = token.replace(f"{officer_id}.", f"{other_id}.", 1)
    assert app.test_client().get(f"/dashboard/form/open/{forged}").status_code == 401
    for junk in ("x", "1.2569-10.9999999999.abc", "ก" * 30, "1.2569-10." + "9" * 40 + ".a"):
        assert app.test_client().get(f"/dashboard/form/open/{junk}").status_code == 401
    clock.advance(hours=25)
    expired = open_page(app.test_client(), path)
    assert expired.status_code == 401 and "วันเพ็ญ" not in expired.text


def test_a_link_signed_with_another_key_is_refused(app, db, chat_with, clock):
    officer_id, _ = seed_month(db)
    token = FormLinks(BASE, "another-secret").token(officer_id, Period(2569, 10), clock.now())
    assert app.test_client().get(f"/dashboard/form/open/{token}").status_code == 401
    # with LIFF but no SECRET_KEY there are no signed links: one signed with an empty key is nothing
    unsigned = FormLinks(BASE, "", "1650000000-AbCdEfGh")
    assert unsigned.read(unsigned.token(officer_id, Period(2569, 10), clock.now()), clock.now()) is None


# -- saving -----------------------------------------------------------------------------------


def test_one_save_keeps_every_valid_row_and_leaves_the_others_with_a_reason(app, db, chat_with):
    officer_id, ids = seed_month(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    answers = list(ANSWERS)
    answers[0] = ("v", "12.5", "")  # half a person: refused as in chat
    answers[5] = ("v", "12", "")  # under half of the target without a reason
    page = client.post("/dashboard/form/2569-10", data=form_data(csrf, ids, answers))
    assert page.status_code == 200
    assert "บันทึกแล้ว 4 ตัวชี้วัด" in page.text and "ยังไม่ได้บันทึก 2 ตัวชี้วัด" in page.text
    assert T.REASON_REQUIRED_AGAIN in page.text and "เต็ม" in page.text  # the chat's own reasons
    assert 'value="12.5"' in page.text  # what was typed stays
    assert saved(db) == {
        (ids[1], 10): (Decimal("18"), None, False),
        (ids[2], 10): (Decimal("90"), None, False),
        (ids[3], 10): (Decimal("4"), None, False),
        (ids[4], 10): (Decimal("1"), None, False),
    }
    assert "ยังไม่ได้ส่ง 2 ตัวชี้วัด: P01/1, P03/1" in page.text

    fixed = client.post(
        "/dashboard/form/2569-10",
        data={"csrf": csrf, f"v_{ids[0]}": "๑๒", f"v_{ids[5]}": "12", f"r_{ids[5]}": "งบประมาณล่าช้า"},
    )
    assert "บันทึกแล้ว 2 ตัวชี้วัด" in fixed.text and "ครบทุกตัวชี้วัดแล้ว" in fixed.text
    assert saved(db)[(ids[0], 10)] == (Decimal("12"), None, False)
    assert saved(db)[(ids[5], 10)] == (Decimal("12"), "งบประมาณล่าช้า", False)


def test_far_from_target_is_asked_as_in_chat(app, db, chat_with):
    _, ids = seed_month(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    asked = client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "300"})
    assert "ต่างจากเป้าหมายเดือนนี้ (10 ราย) มาก" in asked.text and saved(db) == {}
    wrong_value = client.post(
        "/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "300", f"far_{ids[0]}": "30"}
    )
    assert saved(db) == {} and "ต่างจากเป้าหมาย" in wrong_value.text  # a tick for another value counts for nothing
    client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "300", f"far_{ids[0]}": "300"})
    assert saved(db) == {(ids[0], 10): (Decimal("300"), None, False)}


def test_corrections_keep_history_and_the_chat_sees_the_pages_saves(app, db, chat_with, line):
    _, ids = seed_month(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    client.post("/dashboard/form/2569-10", data=form_data(csrf, ids[:2], ANSWERS[:2]))
    pushes = len(line.pushes())
    page = client.get("/dashboard/form/2569-10")
    assert "ส่งแล้ว 2 ตัวชี้วัด" in page.text and "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in page.text
    corrected = client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "11"})
    assert "(แก้จาก 12 ราย)" in corrected.text
    with db.transaction() as s:
        history = s.scalars(
            select(ValueHistory).where(ValueHistory.indicator_id == ids[0]).order_by(ValueHistory.id)
        ).all()
        assert [(h.old_value, h.new_value, h.source) for h in history] == [
            (None, Decimal("12"), "chat"),
            (Decimal("12"), Decimal("11"), "correction"),
        ]
    chat = chat_with(USER)
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts()  # the chat's next reply counts the page's saves
    assert len(line.pushes()) == pushes  # and no push was spent on them


def test_same_values_in_chat_and_on_the_page_give_byte_identical_rows(app, db, chat_with):
    officer_id, ids = seed_month(db)
    chat = chat_with(USER)
    typed = ["๑๒ ราย", "สิบแปด", "ร้อยละ 90", "4", "ผ่าน", "12"]  # as ANSWERS, in the order of `ids`
    in_plan_order = [typed[i] for i in (0, 1, 5, 2, 3, 4)]  # P01/1, P01/2, P03/1, P07/1, P07/2, P09/1
    chat.say("รายงาน")
    for n, value in enumerate(in_plan_order, start=1):
        if "เป้าหมายเดือน" not in chat.texts():  # the last one is opened straight away
            chat.say(str(n))
        chat.say(value)
        if "ปัญหา/อุปสรรค" in chat.texts():
            chat.say("งบประมาณล่าช้า")
        assert "ยืนยัน" in str(chat.buttons()), (n, value, chat.texts())
        chat.press("ยืนยัน")
    chat.say("แก้ไข")
    chat.say("1")
    chat.say("11")
    chat.press("ยืนยัน")
    in_chat = rows(db)
    assert len(in_chat[0]) == 6 and len(in_chat[1]) == 7

    with db.transaction() as s:  # the same month again, from the page, at the same moment
        s.execute(delete(ValueHistory))
        s.execute(delete(ReportedValue))
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    client.post("/dashboard/form/2569-10", data=form_data(csrf, ids))
    client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "11"})
    assert rows(db) == in_chat


# -- access -----------------------------------------------------------------------------------


def test_another_officers_indicators_are_never_shown_nor_saved(app, db, chat_with):
    _, ids = seed_month(db)
    _, theirs = seed_month(db, "Uother", "o2", "สาขาบางปะกง", name="ชูใจ ใฝ่งาน")
    client = month_client(app, chat_with)
    page = client.get("/dashboard/form/2569-10")
    assert "P01x" not in page.text and "ชูใจ" not in page.text
    csrf = hidden_fields(page)["csrf"]
    posted = client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{theirs[0]}": "5", f"v_{ids[0]}": "10"})
    assert posted.status_code == 200
    assert saved(db) == {(ids[0], 10): (Decimal("10"), None, False)}
    other = client.post("/dashboard/form/2569-10/preview", data={f"v_{theirs[0]}": "5"}, headers={"X-CSRF-Token": csrf})
    assert other.status_code == 404


def test_saving_needs_the_sessions_csrf_token(app, db, chat_with):
    _, ids = seed_month(db)
    client = month_client(app, chat_with)
    for data in ({f"v_{ids[0]}": "10"}, {"csrf": "forged", f"v_{ids[0]}": "10"}):
        assert client.post("/dashboard/form/2569-10", data=data).status_code == 400
    assert app.test_client().post("/dashboard/form/2569-10", data={f"v_{ids[0]}": "10"}).status_code == 401
    assert saved(db) == {}


def test_a_deactivated_officers_page_stops_at_once(app, db, chat_with):
    officer_id, ids = seed_month(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    with db.transaction() as s:
        s.get(Officer, officer_id).active = False
    gone = client.get("/dashboard/form/2569-10")
    assert gone.status_code == 401 and "วันเพ็ญ" not in gone.text
    assert client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"v_{ids[0]}": "10"}).status_code == 401
    with db.transaction() as s:
        s.get(Officer, officer_id).active = True  # back again: the old session stays ended
    assert client.get("/dashboard/form/2569-10").status_code == 401
    assert saved(db) == {}


def test_months_not_open_are_refused(app, db, chat_with):
    seed_month(db)
    client = month_client(app, chat_with)
    for month in ("2569-11", "2568-10", "2569-13", "abc", "2569-1"):
        assert client.get(f"/dashboard/form/{month}").status_code == 404


def test_the_preview_reads_as_the_chat_reads(app, db, chat_with):
    _, ids = seed_month(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)

    def preview(field: str, value: str) -> dict:
        answer = client.post("/dashboard/form/2569-10/preview", data={field: value}, headers={"X-CSRF-Token": csrf})
        assert answer.status_code == 200
        return answer.get_json()

    assert preview(f"v_{ids[0]}", "สิบสอง")["shown"] == "จะบันทึกเป็น 12 ราย"
    assert preview(f"v_{ids[0]}", "๑,๒๐๐")["far"] is True
    assert preview(f"v_{ids[5]}", "12")["reason"] == "required"
    assert preview(f"v_{ids[1]}", "14")["reason"] == "optional"
    assert preview(f"v_{ids[0]}", "ไม่รู้")["ok"] is False
    assert preview(f"b_{ids[3]}", "9")["ok"] is False  # off the ladder, as a forged button in chat
    assert client.post("/dashboard/form/2569-10/preview", data={f"v_{ids[0]}": "1"}).status_code == 403


# -- reminders --------------------------------------------------------------------------------


def test_reminders_carry_the_button_without_a_message_more(make_app, clock, line):
    app = make_app(PUBLIC_BASE_URL=BASE, **FAST)
    seed_month(app.extensions["db"])
    run(app, clock, at(2026, 11, 6, 9, 0))  # the overdue round
    assert outbound(line) == 1  # one officer owing: one message, the button inside it
    pushed = [m for r in line.pushes() + line.multicasts() for m in r["messages"]]
    assert len(pushed) == 1
    labels = [i["action"]["label"] for i in pushed[0]["quickReply"]["items"]]
    assert T.BTN_FORM_PAGE in labels
    uri = next(i["action"]["uri"] for i in pushed[0]["quickReply"]["items"] if i["action"]["type"] == "uri")
    assert open_page(app.test_client(), urlsplit(uri).path).status_code == 303


# -- LIFF -------------------------------------------------------------------------------------


@pytest.fixture
def liff_app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE, LIFF_ID="1650000000-AbCdEfGh", LINE_LOGIN_CHANNEL_ID=CHANNEL)


def liff_sign_in(client, id_token: str, month: str = "2569-10"):
    page = client.get(f"/dashboard/form/liff?p={month}")
    assert page.status_code == 200 and "liff/edge/2/sdk.js" in page.text
    return client.post("/dashboard/form/liff", data={**hidden_fields(page), "id_token": id_token})


def test_with_liff_the_button_opens_the_liff_app(liff_app, line):
    seed_month(liff_app.extensions["db"])
    chat = Chat(liff_app.test_client(), line, SECRET, USER)
    chat.say("รายงาน")
    url = page_link(chat)
    assert url.startswith("https://liff.line.me/1650000000-AbCdEfGh?")
    assert parse_qs(urlsplit(url).query) == {"p": ["2569-10"]}


def test_liff_id_token_verified_by_line_opens_the_officers_month(liff_app, db, line):
    seed_month(db)
    client = liff_app.test_client()
    opened = liff_sign_in(client, line.issue_id_token(USER, CHANNEL, "วันเพ็ญ"))
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/dashboard/form/2569-10")
    verify = [r for r in line.requests if r.path == "/oauth2/v2.1/verify"]
    assert len(verify) == 1 and verify[0].status == 200
    page = client.get("/dashboard/form/2569-10")
    assert page.status_code == 200 and "วันเพ็ญ ศรีสุข" in page.text


@pytest.mark.parametrize("case", ["unknown", "expired", "other_channel", "unbound_user", "no_form_token", "empty"])
def test_liff_refusals(liff_app, db, line, case):
    seed_month(db)
    client = liff_app.test_client()
    tokens = {
        "unknown": "eyJnot-issued-by-line",
        "expired": line.issue_id_token(USER, CHANNEL, lifetime=-10),
        "other_channel": line.issue_id_token(USER, "1999999999"),
        "unbound_user": line.issue_id_token("Ustranger", CHANNEL),
        "no_form_token": line.issue_id_token(USER, CHANNEL),
        "empty": "",
    }
    if case == "no_form_token":
        refused = client.post("/dashboard/form/liff", data={"id_token": tokens[case], "token": "liff", "csrf": "x"})
        assert refused.status_code == 400
    else:
        refused = liff_sign_in(client, tokens[case])
        assert refused.status_code == 401
    assert "วันเพ็ญ" not in refused.text
    assert client.get("/dashboard/form/2569-10").status_code == 401


def test_fake_line_verify_endpoint_answers_as_line_documents(fake_line):
    import requests

    token = fake_line.issue_id_token("Uabc", CHANNEL, "Taro")
    ok = requests.post(f"{fake_line.url}/oauth2/v2.1/verify", data={"id_token": token, "client_id": CHANNEL}, timeout=5)
    claims = ok.json()
    assert ok.status_code == 200 and claims["sub"] == "Uabc" and claims["aud"] == CHANNEL
    assert claims["iss"] == "https://access.line.me" and claims["exp"] > claims["iat"] and claims["name"] == "Taro"
    bad = requests.post(
        f"{fake_line.url}/oauth2/v2.1/verify", data={"id_token": "nope", "client_id": CHANNEL}, timeout=5
    )
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_request"
    missing = requests.post(f"{fake_line.url}/oauth2/v2.1/verify", data={"id_token": token}, timeout=5)
    assert missing.status_code == 400


def test_the_page_names_other_months_still_owed_as_the_chat_does(app, db, chat_with):
    officer_id, ids = seed_month(db)
    with db.transaction() as s:
        u = unit(s)
        september = indicator(s, u, "P12", 1, "จำนวนครั้งที่ประชาสัมพันธ์", "ครั้ง", "count", month_targets(sep=2))
        s.add(Responsibility(officer_id=officer_id, indicator_id=september.id))
    client = month_client(app, chat_with)
    page = client.get("/dashboard/form/2569-10")
    assert "ยังไม่ได้ส่งผลเดือน ก.ย. 2569 (1 ตัวชี้วัด)" in page.text
    september_page = client.get("/dashboard/form/2569-09")
    assert september_page.status_code == 200 and "P12/1" in september_page.text
    assert "ยังไม่ได้ส่งผลเดือน ต.ค. 2569 (6 ตัวชี้วัด)" in september_page.text
    chat = chat_with(USER)
    chat.say("รายงาน")  # the chat names September too, once October is done; the same words
    csrf = hidden_fields(page)["csrf"]
    done = client.post("/dashboard/form/2569-10", data=form_data(csrf, ids))
    assert "ครบทุกตัวชี้วัดแล้ว" in done.text and "ยังไม่ได้ส่งผลเดือน ก.ย. 2569 (1 ตัวชี้วัด)" in done.text
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่งผลเดือน ก.ย. 2569 (1 ตัวชี้วัด)" in chat.texts()


def test_a_paged_list_keeps_its_way_out_beside_the_page_button(app, db, chat_with):
    """With กรอกทั้งหมดหน้าเดียว on every page, a list of 23 still shows ◀ ▶, เลือกเดือนอื่น and
    ยกเลิก within LINE's 13 quick replies (8 items a page; 10 when they fit on one)."""
    from .test_reporting_conversation import officer_with_many_indicators, walk_the_pages

    officer_with_many_indicators(db, "Umany")
    chat = chat_with("Umany")
    chat.say("รายงาน")
    page_link(chat)
    seen = walk_the_pages(chat, 3)
    assert len(seen) == 23 and len(set(seen)) == 23
