"""Odd requests, copied cookies and chart floods against the dashboard: a 4xx, never a 500."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from models import Officer

from . import dashboard_data as DD
from .test_dashboard import BASE, app, ids, image_of, sign_in  # noqa: F401 - app and ids are fixtures


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/chart/1-2569-9999999999-%C3%A9.png",  # non-ASCII signature
        "/dashboard/chart/99999999999999999999-2569-9999999999-x.png",  # an id no table holds
        "/dashboard/chart/%D9%A1-2569-9999999999-x.png",  # an Arabic-Indic digit
        "/dashboard/login/%C3%A9%00x",
    ],
)
def test_odd_links_answer_4xx_without_signing_in(app, ids, path):
    assert 400 <= app.test_client().get(path).status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/unit/99999999999999999999",
        "/dashboard/unit/2147483648",
        "/dashboard/unit/-1",
        "/dashboard/export?unit=99999999999999999999",
        "/dashboard/export.xlsx?unit=99999999999999999999",
        "/dashboard/export.xlsx?unit=%C3%A9",
        "/dashboard/?year=99999999999999999999",
        "/dashboard/?year=%00",
    ],
)
def test_odd_parameters_of_a_signed_in_planner_answer_without_a_500(app, ids, chat_with, path):
    client = sign_in(app, chat_with, DD.PLANNER)
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("form", [{"csrf": "é"}, {"csrf": "\x00"}, {"csrf": "ไทย"}, {}])
def test_a_non_ascii_csrf_field_is_refused_not_a_500(app, ids, chat_with, form):
    client = sign_in(app, chat_with, DD.PLANNER)
    assert client.post("/dashboard/logout", data=form).status_code == 400
    assert client.post("/dashboard/import", data=form).status_code == 400
    assert client.get("/dashboard/").status_code == 200  # still signed in


def test_logout_ends_the_session_everywhere_a_copied_cookie_included(app, ids, chat_with):
    client = sign_in(app, chat_with, DD.PLANNER)
    copy = app.test_client()
    cookie = client.get_cookie("kpibot_dashboard", path="/dashboard")
    copy.set_cookie(cookie.key, cookie.value, path="/dashboard")
    assert copy.get("/dashboard/").status_code == 200
    page = client.get("/dashboard/")
    csrf = page.get_data(as_text=True).split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert client.post("/dashboard/logout", data={"csrf": csrf}).status_code == 401
    assert copy.get("/dashboard/").status_code == 401
    assert sign_in(app, chat_with, DD.PLANNER).get("/dashboard/").status_code == 200  # a new link works


def test_deactivation_ends_the_officers_sessions_for_good(app, db, ids, chat_with):
    client = sign_in(app, chat_with, DD.SUPERVISOR)
    with db.transaction() as s:
        s.scalar(select(Officer).where(Officer.line_user_id == DD.SUPERVISOR)).active = False
    assert client.get("/dashboard/").status_code == 401
    with db.transaction() as s:
        s.scalar(select(Officer).where(Officer.line_user_id == DD.SUPERVISOR)).active = True
    assert client.get("/dashboard/").status_code == 401  # reactivated: the old cookie stays dead


def chart_path(chat_with, user: str) -> str:
    chat = chat_with(user)
    chat.say("กราฟ")
    return urlsplit(image_of(chat)["originalContentUrl"]).path


def test_a_chart_is_drawn_once_until_its_data_changes(app, db, ids, chat_with, clock):
    pictures = app.extensions["chart_cache"]
    path = chart_path(chat_with, DD.CONTRIB)
    client = app.test_client()
    first = client.get(path)
    assert first.status_code == 200 and pictures.drawn == 1
    assert client.get(path).data == first.data and pictures.drawn == 1
    with db.transaction() as s:
        DD.send(s, DD.indicator_id(s, DD.UTHAI, "P07", 1, 2569), 10, 80, clock.now())
    assert client.get(path).status_code == 200 and pictures.drawn == 2


def test_one_chart_link_draws_only_so_many_pictures_a_minute(make_app, db, ids, chat_with, clock, line):
    from tests.chat import Chat
    from tests.conftest import SECRET

    app = make_app(PUBLIC_BASE_URL=BASE, CHART_DRAWS_PER_MINUTE=1)
    chat = Chat(app.test_client(), line, SECRET, DD.CONTRIB)
    chat.say("กราฟ")
    path = urlsplit(image_of(chat)["originalContentUrl"]).path
    client = app.test_client()
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # the kept picture: no draw
    assert client.get(path + "?size=preview").status_code == 429  # a second new picture this minute
    clock.advance(seconds=61)
    assert client.get(path + "?size=preview").status_code == 200
