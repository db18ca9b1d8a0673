"""Access control (issue 6): every role × every action, as one table.

Roles are the demo's people: an officer (uthai.visit, P01/1 of Uthai Thani), the supervisor of
that unit (uthai.head), a planner (plan.chief), a LINE account bound to nobody, an officer whose
account was deactivated but stays bound (uthai.contrib), and the supervisor deactivated after
signing in to the dashboard (a session and a sign-in link from before: the dashboard's own check).
"Another unit" is Chai Nat, added with a plan, a bound officer and October due.

Chat actions go in as signed webhooks; forged postbacks are what a planner's button, a reminder's
button or a colleague's list would send. Dashboard actions use a browser that signed in through
the chat link (planner, supervisor), one holding a session cookie for an officer (what the chat
and the link refuse to give them: proves the per-request check), or no session (unbound).
Besides each cell's expectation, nothing of Chai Nat reaches anyone but the planner (not a word in
a reply or page, not a nudge to its officer), and no log line holds what was sent, a sign-in link,
a form token or a secret.
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from secrets import token_urlsafe
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select, text

from bot.demo import demo_line_user_id, load_demo_data
from dashboard import access
from files.report_export import DATA_SHEET
from kpi.periods import reporting_period
from models import Indicator, Officer, Project, Responsibility, Unit
from models.db import Database
from models.reminders import ReminderOutbox
from models.reporting import save_value
from presentation import texts as T
from presentation.messages import encode_postback
from tests.test_dashboard import press_sign_in
from tests.test_plan_import import UTHAI_CSV

from . import factories as F
from .chat import Chat
from .conftest import DEFAULT_NOW, SECRET, TOKEN, _database_at

BASE = "https://kpi.example.test"
UTHAI = F.UTHAI
CHAI_NAT = "สำนักงานประกันสังคมจังหวัดชัยนาท"
#: In Chai Nat's unit name, indicator and officer; nowhere in Uthai Thani's data.
CHAI_NAT_WORD = "ชัยนาท"
CHAI_NAT_USER = demo_line_user_id("chainat.visit")
OCTOBER = reporting_period(DEFAULT_NOW)  # the month being reported on 25 November
TODAY = DEFAULT_NOW.date().isoformat()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- the people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    key: str | None  # demo officer; None: a fresh LINE account bound to nobody
    active: bool = True


ROLES = {
    "officer": Role("uthai.visit"),
    "supervisor": Role("uthai.head"),
    "planner": Role("plan.chief"),
    "unbound": Role(None),
    "deactivated": Role("uthai.contrib", active=False),
    "deactivated-supervisor": Role("uthai.head", active=False),
}


# -- what each cell expects --------------------------------------------------------------------------


@dataclass(frozen=True)
class Says:
    """Chat: the reply is this one text and nothing more (a refusal or a notice)."""

    text: str

    def check(self, reply):
        assert [headline(m, whole=True) for m in reply] == [self.text]


@dataclass(frozen=True)
class Shows:
    """Chat: the reply opens with messages starting so (a text's first line, a card's title)."""

    starts: tuple[str, ...]

    def __init__(self, *starts: str):
        object.__setattr__(self, "starts", starts)

    def check(self, reply):
        shown = [headline(m) for m in reply]
        assert len(shown) >= len(self.starts), shown
        for got, start in zip(shown, self.starts):
            assert got.startswith(start), shown


@dataclass(frozen=True)
class Page:
    """Dashboard: this HTTP status, with this text on the page."""

    status: int
    text: str

    def check(self, response):
        assert response.status_code == self.status
        assert self.text in page_text(response)


@dataclass(frozen=True)
class Redirect:
    """Dashboard: signed in (the sign-in form's POST answers 303 See Other), sent on to this page."""

    to: str

    def check(self, response):
        assert response.status_code == 303 and urlsplit(response.headers["Location"]).path == self.to


@dataclass(frozen=True)
class Xlsx:
    """Dashboard: a workbook whose data sheet holds exactly these units."""

    units: frozenset

    def __init__(self, *units: str):
        object.__setattr__(self, "units", frozenset(units))

    def check(self, response):
        assert response.status_code == 200 and response.mimetype == XLSX
        book = load_workbook(io.BytesIO(response.data), read_only=True)
        assert {row[0] for row in book[DATA_SHEET].iter_rows(min_row=2, values_only=True)} == self.units


UNBOUND = Says(T.ASK_FOR_CODE)
INACTIVE = Says(T.OFFICER_INACTIVE)
NO_INDICATORS = Says(T.NO_INDICATORS)
OWN_UNIT_ONLY = Says(T.STATUS_OTHER_UNIT_REFUSED.format(unit=UTHAI))
MINE = T.STATUS_MINE_TITLE.format(name="สมชาย ใจดี")
OWN_ONLY_THEN_MINE = Shows(T.STATUS_OFFICER_OWN_ONLY, MINE)
NO_SESSION = Page(401, T.DASH_PAGE_NO_SESSION)
LINK_BAD = Page(401, T.DASH_PAGE_LINK_BAD)
OTHER_UNIT = Page(403, T.DASH_PAGE_OTHER_UNIT)
PLANNERS_ONLY = Page(403, T.DASH_PAGE_PLANNERS_ONLY)


# -- the matrix ----------------------------------------------------------------------------------------

#: (role, action, expected). A cell found open is written as what it should be, wrapped in
#: pytest.param(..., marks=pytest.mark.xfail(strict=True, reason=...)).
MATRIX = [
    # "รายงาน": report one's own indicators
    ("officer", "report", Shows("P01/1 ")),
    ("supervisor", "report", NO_INDICATORS),
    ("planner", "report", NO_INDICATORS),
    ("unbound", "report", UNBOUND),
    ("deactivated", "report", INACTIVE),
    ("deactivated-supervisor", "report", INACTIVE),
    # a reminder's "ส่งผล …" button forged to name a colleague's indicator (P07/1 of uthai.contrib)
    ("officer", "report-colleague", Shows("P01/1 ")),
    ("supervisor", "report-colleague", NO_INDICATORS),
    ("planner", "report-colleague", NO_INDICATORS),
    ("unbound", "report-colleague", UNBOUND),
    ("deactivated", "report-colleague", INACTIVE),
    ("deactivated-supervisor", "report-colleague", INACTIVE),
    # "แก้ไข" after a value was sent for October
    ("officer", "edit", Shows(T.EDIT_HEADER.format(period=OCTOBER.thai()))),
    ("supervisor", "edit", NO_INDICATORS),
    ("planner", "edit", NO_INDICATORS),
    ("unbound", "edit", UNBOUND),
    ("deactivated", "edit", INACTIVE),
    ("deactivated-supervisor", "edit", INACTIVE),
    # "แก้ไข", then a list button forged to pick the colleague's indicator
    ("officer", "edit-colleague", Shows(T.NOT_YOUR_INDICATOR)),
    ("supervisor", "edit-colleague", Shows(T.STALE_BUTTON)),
    ("planner", "edit-colleague", Shows(T.STALE_BUTTON)),
    ("unbound", "edit-colleague", UNBOUND),
    ("deactivated", "edit-colleague", INACTIVE),
    ("deactivated-supervisor", "edit-colleague", INACTIVE),
    # "สถานะ"
    ("officer", "status", Shows(MINE)),
    ("supervisor", "status", Shows(T.STATUS_UNIT_TITLE.format(unit=UTHAI))),
    ("planner", "status", Shows(T.STATUS_OFFICE_TITLE)),
    ("unbound", "status", UNBOUND),
    ("deactivated", "status", INACTIVE),
    ("deactivated-supervisor", "status", INACTIVE),
    # another unit: the button of a planner's unit list (act=status&w=unit&u=<Chai Nat>)
    ("officer", "status-other-unit", OWN_ONLY_THEN_MINE),
    ("supervisor", "status-other-unit", OWN_UNIT_ONLY),
    ("planner", "status-other-unit", Shows(T.STATUS_UNIT_TITLE.format(unit=CHAI_NAT))),
    ("unbound", "status-other-unit", UNBOUND),
    ("deactivated", "status-other-unit", INACTIVE),
    ("deactivated-supervisor", "status-other-unit", INACTIVE),
    # another unit by name: "สถานะ ชัยนาท"
    ("officer", "status-named-unit", OWN_ONLY_THEN_MINE),
    ("supervisor", "status-named-unit", OWN_UNIT_ONLY),
    ("planner", "status-named-unit", Shows(T.STATUS_UNIT_TITLE.format(unit=CHAI_NAT))),
    ("unbound", "status-named-unit", UNBOUND),
    ("deactivated", "status-named-unit", INACTIVE),
    ("deactivated-supervisor", "status-named-unit", INACTIVE),
    # the planner's list of units (act=status&w=units)
    ("officer", "unit-list", OWN_ONLY_THEN_MINE),
    ("supervisor", "unit-list", OWN_UNIT_ONLY),
    ("planner", "unit-list", Shows(T.STATUS_UNITS_HEAD.format(scope=OCTOBER.thai()))),
    ("unbound", "unit-list", UNBOUND),
    ("deactivated", "unit-list", INACTIVE),
    ("deactivated-supervisor", "unit-list", INACTIVE),
    # the office-wide roll-up (act=status&w=office)
    ("officer", "roll-up", OWN_ONLY_THEN_MINE),
    ("supervisor", "roll-up", OWN_UNIT_ONLY),
    ("planner", "roll-up", Shows(T.STATUS_OFFICE_TITLE)),
    ("unbound", "roll-up", UNBOUND),
    ("deactivated", "roll-up", INACTIVE),
    ("deactivated-supervisor", "roll-up", INACTIVE),
    # "ส่งเตือน": a supervisor nudges their unit (visit, contrib for October; train for earlier months of
    # the year: the demo has no values before October); a planner is asked to confirm (4 in 2 units)
    ("officer", "nudge", Says(T.NUDGE_OFFICER)),
    ("supervisor", "nudge", Shows(T.NUDGE_QUEUED.format(period=OCTOBER.thai(), count=3))),
    ("planner", "nudge", Says(T.NUDGE_PLANNER_CONFIRM.format(period=OCTOBER.thai(), count=4, units=2))),
    ("unbound", "nudge", UNBOUND),
    ("deactivated", "nudge", INACTIVE),
    ("deactivated-supervisor", "nudge", INACTIVE),
    # the planner's confirmation button, forged (act=nudge&ok=1&d=<today>): every unit
    ("officer", "nudge-every-unit", Says(T.NUDGE_OFFICER)),
    ("supervisor", "nudge-every-unit", Shows(T.NUDGE_QUEUED.format(period=OCTOBER.thai(), count=3))),
    ("planner", "nudge-every-unit", Says(T.NUDGE_PLANNER_QUEUED.format(period=OCTOBER.thai(), count=4, units=2))),
    ("unbound", "nudge-every-unit", UNBOUND),
    ("deactivated", "nudge-every-unit", INACTIVE),
    ("deactivated-supervisor", "nudge-every-unit", INACTIVE),
    # "แดชบอร์ด": a one-time sign-in link
    ("officer", "dashboard-link", Says(T.DASH_OFFICER_REFUSED)),
    ("supervisor", "dashboard-link", Shows(T.DASH_LINK_TITLE)),
    ("planner", "dashboard-link", Shows(T.DASH_LINK_TITLE)),
    ("unbound", "dashboard-link", UNBOUND),
    ("deactivated", "dashboard-link", INACTIVE),
    ("deactivated-supervisor", "dashboard-link", INACTIVE),
    # a sign-in link issued for them (as if the chat had given one), opened and its button pressed
    # (unbound: a made-up one)
    ("officer", "open-link", LINK_BAD),
    ("supervisor", "open-link", Redirect("/dashboard/")),
    ("planner", "open-link", Redirect("/dashboard/")),
    ("unbound", "open-link", LINK_BAD),
    ("deactivated", "open-link", LINK_BAD),
    ("deactivated-supervisor", "open-link", LINK_BAD),
    # GET /dashboard/unit/<Uthai Thani>
    ("officer", "web-own-unit", NO_SESSION),
    ("supervisor", "web-own-unit", Page(200, UTHAI)),
    ("planner", "web-own-unit", Page(200, UTHAI)),
    ("unbound", "web-own-unit", NO_SESSION),
    ("deactivated", "web-own-unit", NO_SESSION),
    ("deactivated-supervisor", "web-own-unit", NO_SESSION),
    # GET /dashboard/unit/<Chai Nat>
    ("officer", "web-other-unit", NO_SESSION),
    ("supervisor", "web-other-unit", OTHER_UNIT),
    ("planner", "web-other-unit", Page(200, CHAI_NAT)),
    ("unbound", "web-other-unit", NO_SESSION),
    ("deactivated", "web-other-unit", NO_SESSION),
    ("deactivated-supervisor", "web-other-unit", NO_SESSION),
    # GET /dashboard/import
    ("officer", "import-page", NO_SESSION),
    ("supervisor", "import-page", PLANNERS_ONLY),
    ("planner", "import-page", Page(200, 'name="file"')),
    ("unbound", "import-page", NO_SESSION),
    ("deactivated", "import-page", NO_SESSION),
    ("deactivated-supervisor", "import-page", NO_SESSION),
    # POST /dashboard/import: a valid plan file with the session's form token → the preview
    ("officer", "import-upload", NO_SESSION),
    ("supervisor", "import-upload", PLANNERS_ONLY),
    ("planner", "import-upload", Page(200, 'name="upload"')),
    ("unbound", "import-upload", NO_SESSION),
    ("deactivated", "import-upload", NO_SESSION),
    ("deactivated-supervisor", "import-upload", NO_SESSION),
    # GET /dashboard/export.xlsx (every unit the viewer may see)
    ("officer", "export-all", NO_SESSION),
    ("supervisor", "export-all", Xlsx(UTHAI)),
    ("planner", "export-all", Xlsx(UTHAI, CHAI_NAT)),
    ("unbound", "export-all", NO_SESSION),
    ("deactivated", "export-all", NO_SESSION),
    ("deactivated-supervisor", "export-all", NO_SESSION),
    # GET /dashboard/export.xlsx?unit=<Chai Nat>
    ("officer", "export-other-unit", NO_SESSION),
    ("supervisor", "export-other-unit", OTHER_UNIT),
    ("planner", "export-other-unit", Xlsx(CHAI_NAT)),
    ("unbound", "export-other-unit", NO_SESSION),
    ("deactivated", "export-other-unit", NO_SESSION),
    ("deactivated-supervisor", "export-other-unit", NO_SESSION),
]


# -- the world: the demo plus Chai Nat, seeded once per module and copied for each test ---------------------------


def seed(db) -> None:
    load_demo_data(db, DEFAULT_NOW)
    with db.transaction() as s:
        chai_nat = F.unit(s, CHAI_NAT)
        ind = F.indicator(
            s, chai_nat, "P02", 1, "จำนวนสถานประกอบการในจังหวัดชัยนาทที่ได้รับการตรวจ", "แห่ง", "count", F.month_targets(oct=5)
        )
        F.officer(s, "chainat.visit", chai_nat, line_user_id=CHAI_NAT_USER, indicators=[ind], name="มานะ ชัยนาทวงศ์")


def seeded_at(url: str) -> None:
    db = Database(url)
    seed(db)
    db.dispose()


@pytest.fixture(scope="module")
def seeded(template_sqlite, postgres_template, tmp_path_factory):
    """The world, seeded once: a SQLite file, or a template database on PostgreSQL."""
    if postgres_template is None:
        path = tmp_path_factory.mktemp("access") / "seeded.sqlite3"
        shutil.copy(template_sqlite, path)
        seeded_at(f"sqlite:///{path}")
        yield path
        return
    admin, template = postgres_template
    name = f"kpibot_access_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    seeded_at(_database_at(admin.url.render_as_string(hide_password=False), name))
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database_url(seeded, postgres_template, tmp_path):
    """This test's copy of the seeded world (overrides the conftest's empty one)."""
    if postgres_template is None:
        path = tmp_path / "kpibot.sqlite3"
        shutil.copy(seeded, path)
        yield f"sqlite:///{path}"
        return
    admin, _ = postgres_template
    name = "kpibot_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{seeded}"'))
    yield _database_at(admin.url.render_as_string(hide_password=False), name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE)


@dataclass(frozen=True)
class World:
    uthai: int
    chai_nat: int
    colleague_indicator: int  # P07/1 of uthai.contrib
    chai_nat_officer: int


@pytest.fixture
def world(db) -> World:
    with db.transaction() as s:
        unit = {name: s.scalar(select(Unit.id).where(Unit.name == name)) for name in (UTHAI, CHAI_NAT)}
        p07_1 = s.scalar(
            select(Indicator.id)
            .join(Project)
            .where(Project.unit_id == unit[UTHAI], Project.code == "P07", Indicator.number == 1)
        )
        chai_nat_officer = s.scalar(select(Officer.id).where(Officer.key == "chainat.visit"))
    return World(unit[UTHAI], unit[CHAI_NAT], p07_1, chai_nat_officer)


# -- acting as someone -----------------------------------------------------------------------------------


@dataclass
class Actor:
    role: Role
    chat: Chat
    browser: FlaskClient  # for the dashboard: signed in, holding a session cookie, or neither
    login_path: str  # a sign-in link issued for them (unbound: a made-up one)
    world: World
    db: Database
    sent: list[str] = field(default_factory=list)  # message bodies and postback data sent
    secrets: list[str] = field(default_factory=list)  # tokens that must never reach the logs


def enter(role: Role, app, db, clock, chat_with, world: World) -> Actor:
    """The role's chat and browser, made while they were active; then the deactivation, if any."""
    chat = chat_with(demo_line_user_id(role.key) if role.key else None)
    actor = Actor(role, chat, app.test_client(), f"/dashboard/login/{token_urlsafe(32)}", world, db)
    if role.key:
        with db.transaction() as s:
            officer = s.scalar(select(Officer).where(Officer.key == role.key))
            actor.login_path = f"/dashboard/login/{access.issue_login_link(s, officer, clock.now())}"
            may_sign_in = access.may_use_dashboard(officer)
            if not may_sign_in:  # the cookie that the chat and the link refuse to give them
                with actor.browser.session_transaction("/dashboard/") as cookie:
                    access.start_session(cookie, officer, clock.now())
        if may_sign_in:
            say(actor, "แดชบอร์ด")
            [link] = [b["uri"] for b in chat.buttons() if b["type"] == "uri"]
            assert press_sign_in(actor.browser, urlsplit(link).path).status_code == 303
            actor.secrets.append(link.rsplit("/", 1)[1])
    if not role.active:
        with db.transaction() as s:
            s.scalar(select(Officer).where(Officer.key == role.key)).active = False
    actor.secrets += [SECRET, TOKEN, app.config["SECRET_KEY"], actor.login_path.rsplit("/", 1)[1]]
    actor.secrets += [csrf_of(actor.browser)] if csrf_of(actor.browser) else []
    return actor


def say(actor: Actor, words: str) -> list[dict]:
    actor.sent.append(words)
    return actor.chat.say(words)


def tap(actor: Actor, **fields) -> list[dict]:
    actor.sent.append(encode_postback(**fields))
    return actor.chat.tap(actor.sent[-1])


def sent_october_value(actor: Actor) -> None:
    """A value the role's officer sent for October on their first indicator (if they have one)."""
    if not actor.role.key:
        return
    with actor.db.transaction() as s:
        officer = s.scalar(select(Officer).where(Officer.key == actor.role.key))
        first = s.scalar(
            select(Responsibility.indicator_id)
            .where(Responsibility.officer_id == officer.id)
            .order_by(Responsibility.indicator_id)
        )
        if first is not None:
            save_value(
                s,
                indicator_id=first,
                month=OCTOBER.month,
                value=Decimal(7),
                note=None,
                officer_id=officer.id,
                now=DEFAULT_NOW,
                on_time=False,
                source="chat",
            )


def edit(actor: Actor, pick_colleagues: bool = False) -> list[dict]:
    sent_october_value(actor)
    reply = say(actor, "แก้ไข")
    if pick_colleagues:
        reply = tap(actor, act="pick", i=actor.world.colleague_indicator, p=OCTOBER.key())
    return reply


def csrf_of(browser: FlaskClient) -> str:
    with browser.session_transaction("/dashboard/") as cookie:
        return (cookie.get(access.SESSION_KEY) or {}).get("csrf", "")


def upload_plan(a: Actor):
    return a.browser.post(
        "/dashboard/import",
        content_type="multipart/form-data",
        data={"csrf": csrf_of(a.browser), "year_be": "2570", "file": (io.BytesIO(UTHAI_CSV.read_bytes()), "plan.csv")},
    )


ACTIONS: dict[str, Callable[[Actor], object]] = {
    "report": lambda a: say(a, "รายงาน"),
    "report-colleague": lambda a: tap(a, act="report", i=a.world.colleague_indicator, p=OCTOBER.key()),
    "edit": edit,
    "edit-colleague": lambda a: edit(a, pick_colleagues=True),
    "status": lambda a: say(a, "สถานะ"),
    "status-other-unit": lambda a: tap(a, act="status", w="unit", s="m", u=a.world.chai_nat),
    "status-named-unit": lambda a: say(a, "สถานะ " + CHAI_NAT_WORD),
    "unit-list": lambda a: tap(a, act="status", w="units", s="m"),
    "roll-up": lambda a: tap(a, act="status", w="office", s="m"),
    "nudge": lambda a: say(a, "ส่งเตือน"),
    "nudge-every-unit": lambda a: tap(a, act="nudge", ok=1, d=TODAY),
    "dashboard-link": lambda a: say(a, "แดชบอร์ด"),
    "open-link": lambda a: press_sign_in(a.browser.application.test_client(), a.login_path),
    "web-own-unit": lambda a: a.browser.get(f"/dashboard/unit/{a.world.uthai}"),
    "web-other-unit": lambda a: a.browser.get(f"/dashboard/unit/{a.world.chai_nat}"),
    "import-page": lambda a: a.browser.get("/dashboard/import"),
    "import-upload": upload_plan,
    "export-all": lambda a: a.browser.get("/dashboard/export.xlsx"),
    "export-other-unit": lambda a: a.browser.get(f"/dashboard/export.xlsx?unit={a.world.chai_nat}"),
}


# -- reading what came back -------------------------------------------------------------------------


def headline(message: dict, whole: bool = False) -> str:
    """A text (its first line, or whole), or the title of a Flex card (the first of a carousel)."""
    if message["type"] == "text":
        return message["text"] if whole else message["text"].split("\n", 1)[0]
    if message["type"] == "flex":
        bubble = message["contents"]
        bubble = bubble["contents"][0] if bubble["type"] == "carousel" else bubble
        return bubble["header"]["contents"][0]["text"]
    return message["type"]


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True)) if response.mimetype == "text/html" else ""


def everything_shown(result) -> str:
    return json.dumps(result, ensure_ascii=False) if isinstance(result, list) else page_text(result)


def nudged(db, officer_id: int) -> int:
    with db.transaction() as s:
        return len(s.scalars(select(ReminderOutbox.id).where(ReminderOutbox.officer_id == officer_id)).all())


# -- the test -----------------------------------------------------------------------------------------------


def cell(row):
    return row if hasattr(row, "marks") else pytest.param(*row, id=f"{row[0]}-{row[1]}")


@pytest.mark.parametrize("role, action, expected", [cell(row) for row in MATRIX])
def test_access(role, action, expected, app, db, clock, chat_with, world, caplog):
    caplog.set_level(logging.INFO)  # production's level
    actor = enter(ROLES[role], app, db, clock, chat_with, world)
    result = ACTIONS[action](actor)
    expected.check(result)
    if role != "planner":  # nothing of another unit, whatever the path
        assert CHAI_NAT_WORD not in everything_shown(result)
        assert nudged(db, world.chai_nat_officer) == 0
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [s for s in actor.sent + actor.secrets if s in logged] == []


def test_the_matrix_is_complete():
    cells = [tuple(cell(row).values[:2]) for row in MATRIX]
    assert len(cells) == len(set(cells)) == len(ROLES) * len(ACTIONS)
    assert {r for r, _ in cells} == set(ROLES) and {a for _, a in cells} == set(ACTIONS)
