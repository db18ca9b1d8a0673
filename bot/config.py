"""Settings, read from the environment by the app factory (never at import)."""
from __future__ import annotations

import os
from pathlib import Path

LINE_API_HOST = "https://api.line.me"


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
    }
