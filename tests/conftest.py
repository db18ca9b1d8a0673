"""Shared fixtures: a fake LINE platform, a migrated database per test, a movable clock.

Tests talk to the bot the way LINE does: signed webhook JSON in through the Flask test
client, and every Messaging API call recorded (and schema-checked) by the fake server.
Set TEST_DATABASE_URL to a PostgreSQL URL to run the same tests on PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from bot import create_app
from bot.clock import BANGKOK, FixedClock
from fakeline.server import FakeLineServer
from models.db import Database

from .chat import Chat

SECRET = "test-channel-secret"
TOKEN = "test-access-token"
#: 25 November 2569, 10:00 in Bangkok: October's results were due on the 5th.
DEFAULT_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)


@pytest.fixture(scope="session")
def fake_line():
    server = FakeLineServer(access_token=TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(autouse=False)
def line(fake_line):
    """The fake LINE platform, emptied for this test; fails the test on any request LINE would reject."""
    fake_line.clear()
    fake_line.reset_faults()
    yield fake_line
    assert fake_line.all_problems() == []


@pytest.fixture(scope="session")
def template_sqlite(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    db.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template():
    """On PostgreSQL: one migrated template database; each test gets a copy of it."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    if not server_url:
        yield None
        return
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"kpibot_template_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    template = Database(_database_at(server_url, name))
    template.upgrade()
    template.dispose()
    yield admin, name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _database_at(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def database_url(tmp_path, template_sqlite, postgres_template):
    if postgres_template is None:
        path = tmp_path / "kpibot.sqlite3"
        shutil.copy(template_sqlite, path)
        yield f"sqlite:///{path}"
        return
    admin, template = postgres_template
    name = "kpibot_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _database_at(str(admin.url.render_as_string(hide_password=False)), name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def clock():
    return FixedClock(DEFAULT_NOW)


class _FailedEvents(logging.Handler):
    """Collects the webhook's 'event … failed' records: outside the tests that provoke them, an
    event the bot gave up on is a bug the apology to the user would otherwise hide."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "acknowledged, not retried" in record.getMessage():
            self.records.append(record.getMessage())


@pytest.fixture
def failed_events(request):
    """The events the webhook gave up on in this test; none allowed unless the test is marked
    `gives_up_on_events`."""
    handler = _FailedEvents()
    logger = logging.getLogger("bot.webhook")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
    if not request.node.get_closest_marker("gives_up_on_events"):
        assert handler.records == [], handler.records


@pytest.fixture
def make_app(database_url, clock, line, failed_events):
    """make_app(**config) → the bot on this test's database, clock and fake LINE."""
    made = []

    def make(**overrides):
        made.append(
            create_app(
                {
                    "TESTING": True,
                    "DATABASE_URL": database_url,
                    "LINE_CHANNEL_SECRET": SECRET,
                    "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                    "LINE_API_BASE_URL": line.url,
                    "CLOCK": clock,
                    # Scripted chats type faster than people; the flood limit has its own test.
                    "MAX_MESSAGES_PER_MINUTE": 10_000,
                    **overrides,
                }
            )
        )
        return made[-1]

    yield make
    for app in made:
        app.extensions["db"].dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def db(app):
    return app.extensions["db"]


@pytest.fixture
def chat_with(app, line):
    """chat_with(user_id) → a Chat that sends signed events as that LINE user."""
    client = app.test_client()

    def make(user_id: str | None = None) -> Chat:
        return Chat(client, line, SECRET, user_id or "U" + uuid.uuid4().hex)

    return make
