"""Shared fixtures: a fake LINE platform, a migrated database per test, a movable clock.

Tests talk to the bot the way LINE does: signed webhook JSON in through the Flask test
client, and every Messaging API call recorded (and schema-checked) by the fake server.
Set TEST_DATABASE_URL to a PostgreSQL URL to run the same tests on PostgreSQL.
"""
from __future__ import annotations

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


@pytest.fixture
def database_url(tmp_path, template_sqlite):
    server_url = os.environ.get("TEST_DATABASE_URL")
    if not server_url:
        path = tmp_path / "kpibot.sqlite3"
        shutil.copy(template_sqlite, path)
        yield f"sqlite:///{path}"
        return
    # PostgreSQL: a fresh database per test, built by the migrations.
    name = "kpibot_test_" + uuid.uuid4().hex[:12]
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server_url.rsplit("/", 1)[0] + "/" + name
    Database(url).upgrade()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def clock():
    return FixedClock(DEFAULT_NOW)


@pytest.fixture
def make_app(database_url, clock, line):
    """make_app(**config) → the bot on this test's database, clock and fake LINE."""
    made = []

    def make(**overrides):
        made.append(create_app({
            "TESTING": True,
            "DATABASE_URL": database_url,
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": line.url,
            "CLOCK": clock,
            **overrides,
        }))
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
