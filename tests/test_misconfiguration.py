"""A careless operator: the bot refuses to run without its LINE channel, and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import create_app
from bot.config import ConfigError
from fakeline import webhooks as W
from models import ProcessedEvent

from .factories import seed_reporter

REPO = Path(__file__).resolve().parent.parent
LINE_VARIABLES = ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "KPIBOT_DEMO")


def env_without_line(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in LINE_VARIABLES}
    return {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}", **extra}


@pytest.mark.parametrize("missing", ["LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"])
def test_the_app_will_not_start_without_the_channel_secret_or_token(tmp_path, missing):
    config = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "LINE_CHANNEL_SECRET": "s",
        "LINE_CHANNEL_ACCESS_TOKEN": "t",
        missing: "",
    }
    with pytest.raises(ConfigError, match=missing):
        create_app(config)


def test_gunicorn_without_a_channel_secret_stops_and_says_why(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", "127.0.0.1:0", "bot:create_app()"],
        cwd=REPO,
        env=env_without_line(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN not set" in result.stderr


def test_the_scheduler_without_a_channel_stops_and_says_why(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scheduler", "--jobs"],
        cwd=REPO,
        env=env_without_line(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("scheduler not started: LINE_CHANNEL_SECRET")


def test_the_demo_command_needs_no_channel(tmp_path):
    """./scripts/demo sets KPIBOT_DEMO for the app flask loads to find `demo`; its own app has
    the demo's channel and fake LINE."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "bot", "--help"],
        cwd=REPO,
        env=env_without_line(tmp_path, KPIBOT_DEMO="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout and "SECRET_KEY" not in result.stderr
    assert "KPIBOT_DEMO=1 flask --app bot demo" in (REPO / "scripts" / "demo").read_text()


def test_a_webhook_signed_with_an_empty_secret_is_refused(make_app, chat_with):
    """Should an app ever run with an empty secret, nobody's signature counts."""
    app = make_app(LINE_CHANNEL_SECRET="")
    seed_reporter(app.extensions["db"])
    body, headers = W.signed_request("", W.text_event("Uofficer1", "รายงาน"))
    assert app.test_client().post("/callback", data=body.encode(), headers=headers).status_code == 503
    with app.extensions["db"].transaction() as s:
        assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
