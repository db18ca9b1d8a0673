"""Settings, read from the environment by the app factory (never at import)."""

from __future__ import annotations

import os
from pathlib import Path

LINE_API_HOST = "https://api.line.me"
#: Without these the bot cannot tell LINE's webhooks from forged ones, nor answer them.
#: Reminder settings (reminders.settings) taken from the environment when set.
REMINDER_SETTINGS = (
    "REMINDER_ROUNDS",
    "REMINDER_GRACE_MINUTES",
    "REMINDER_BACKOFF_SECONDS",
    "REMINDER_SEND_TIMEOUT",
    "REMINDER_CLAIM_LEASE_SECONDS",
    "REMINDER_DRAIN_SECONDS",
    "REMINDER_HOLIDAY_CATEGORIES",
    "GO_LIVE_MONTH",
    "REMINDER_BACKLOG_FROM",  # GO_LIVE_MONTH's former name, still read
)
REQUIRED_LINE_SETTINGS = ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN")


class ConfigError(RuntimeError):
    """A setting the bot cannot run without is missing or wrong: it stops at start, saying which."""


def require_line_channel(config: dict) -> None:
    """Stop outside the demo and the tests when the LINE channel is not configured.

    An empty channel secret would make every body signed with the empty key pass as LINE's."""
    if config.get("DEMO") or config.get("TESTING"):
        return
    missing = [name for name in REQUIRED_LINE_SETTINGS if not config.get(name)]
    if missing:
        raise ConfigError(
            f"{' and '.join(missing)} not set: the bot cannot verify LINE's webhooks or "
            "answer them without the channel's secret and access token (LINE Developers "
            "console). To try the bot without a channel, run ./scripts/demo."
        )


def config_from_env(instance_path: str) -> dict:
    """Configuration from environment variables, with safe local defaults."""
    default_db = "sqlite:///" + str(Path(instance_path) / "kpibot.sqlite3")
    return {
        "LINE_CHANNEL_SECRET": os.environ.get("LINE_CHANNEL_SECRET", ""),
        "LINE_CHANNEL_ACCESS_TOKEN": os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", ""),
        "LINE_API_BASE_URL": os.environ.get("LINE_API_BASE_URL", LINE_API_HOST),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "DEMO": os.environ.get("KPIBOT_DEMO", "") == "1",
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", ""),
        # Signs the dashboard's session cookie and chart links; the same in every worker.
        "SECRET_KEY": os.environ.get("SECRET_KEY", ""),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # A LINE user sending more than this in a minute gets one notice, then silence.
        "MAX_MESSAGES_PER_MINUTE": int(os.environ.get("KPIBOT_MAX_MESSAGES_PER_MINUTE", "20")),
        # An ISO datetime that stops the clock (tests and rehearsals only; never in production).
        "FIXED_NOW": os.environ.get("KPIBOT_FIXED_NOW", ""),
        # The evaluation report's Word font; empty: TH Sarabun New if installed, else a Debian Thai font.
        "REPORT_FONT": os.environ.get("KPIBOT_REPORT_FONT", ""),
        # The month's page through LINE's LIFF (optional): the LIFF app's ID and its LINE Login
        # channel's ID (the audience its ID tokens are verified for). Without: signed links.
        "LIFF_ID": os.environ.get("LIFF_ID", ""),
        "LINE_LOGIN_CHANNEL_ID": os.environ.get("LINE_LOGIN_CHANNEL_ID", ""),
        **{key: os.environ[key] for key in REMINDER_SETTINGS if key in os.environ},
    }
