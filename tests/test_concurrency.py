"""Several gunicorn workers at once (the Procfile's web process): no lost update, no double effect.

Runs against the suite's database (SQLite file or PostgreSQL) with real worker processes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from fakeline import webhooks as W
from models import ProcessedEvent, ReportedValue, ValueHistory

from .conftest import DEFAULT_NOW, SECRET, TOKEN
from .factories import seed_reporter

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(database_url, line, db):
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        LINE_CHANNEL_SECRET=SECRET,
        LINE_CHANNEL_ACCESS_TOKEN=TOKEN,
        LINE_API_BASE_URL=line.url,
        KPIBOT_FIXED_NOW=DEFAULT_NOW.isoformat(),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "3", "--bind", f"127.0.0.1:{port}", "bot:create_app()"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def post(url: str, *events: dict) -> int:
    body, headers = W.signed_request(SECRET, *events)
    return requests.post(url + "/callback", data=body.encode(), headers=headers, timeout=30).status_code


def post_until_accepted(url: str, event: dict) -> None:
    """What LINE does: redeliver while the bot answers 5xx."""
    for _ in range(10):
        if post(url, event) == 200:
            return
        time.sleep(0.1)
    raise AssertionError("never accepted")


def count(db, model) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_same_event_to_many_workers_at_once_has_one_effect(gunicorn, db, line):
    seed_reporter(db)
    event = W.text_event("Uofficer1", "รายงาน")
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: post(gunicorn, event), range(8)))
    assert set(statuses) <= {200, 503} and 200 in statuses
    assert count(db, ProcessedEvent) == 1
    assert len([r for r in line.replies() if r["replyToken"] == event["replyToken"]]) == 1


def test_rapid_confirms_from_one_user_save_once(gunicorn, db, line):
    seed_reporter(db)
    for text in ("รายงาน", "1", "10"):
        post_until_accepted(gunicorn, W.text_event("Uofficer1", text))
    confirms = [W.text_event("Uofficer1", "ยืนยัน") for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda e: post_until_accepted(gunicorn, e), confirms))
    assert count(db, ValueHistory) == 1


def test_two_officers_reporting_one_indicator_lose_nothing(gunicorn, db, line):
    from .factories import officer, unit

    _, (count_id, *_) = seed_reporter(db)
    with db.transaction() as s:
        from models import Indicator

        officer(s, "o2", unit(s), line_user_id="Uofficer2", indicators=[s.get(Indicator, count_id)])
    for user in ("Uofficer1", "Uofficer2"):
        for text in ("รายงาน", "P01/1" if user == "Uofficer2" else "1"):
            post_until_accepted(gunicorn, W.text_event(user, text))
    post_until_accepted(gunicorn, W.text_event("Uofficer1", "10"))
    post_until_accepted(gunicorn, W.text_event("Uofficer2", "11"))
    confirms = [W.text_event("Uofficer1", "ยืนยัน"), W.text_event("Uofficer2", "ยืนยัน")]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda e: post_until_accepted(gunicorn, e), confirms))
    with db.transaction() as s:
        history = s.execute(select(ValueHistory.old_value, ValueHistory.new_value).order_by(ValueHistory.id)).all()
        current = s.scalar(select(ReportedValue.value))
    assert len(history) == 2
    assert history[0][0] is None and history[1][0] == history[0][1]  # the second saw the first
    assert current == history[1][1]
