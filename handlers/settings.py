"""The bot's settings as one object: built once by the app factory (bot.create_app, which the
scheduler process uses too) from its configuration, and handed to the handlers through their
context. Nothing below the edges reads the environment or Flask's `current_app`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kpi.periods import Period
from models.rates import MAX_PER_WINDOW
from reminders.settings import ReminderSettings, reminder_settings


@dataclass(frozen=True)
class Settings:
    public_base_url: str = ""  # the bot's public https:// address: dashboard and chart links
    secret_key: str = ""  # signs dashboard sessions and chart links; empty: no links
    max_messages_per_minute: int = MAX_PER_WINDOW
    reminders: ReminderSettings = ReminderSettings(rounds=())

    @property
    def backlog_from(self) -> Period | None:
        """REMINDER_BACKLOG_FROM: the go-live month; no earlier month is ever named as owed."""
        return self.reminders.backlog_from

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """From the app's configuration (bot.config read it from the environment). Raises
        ValueError naming a wrong setting, so a bad value stops the process at start."""
        return cls(
            public_base_url=(config.get("PUBLIC_BASE_URL") or "").rstrip("/"),
            secret_key=config.get("SECRET_KEY") or "",
            max_messages_per_minute=int(config.get("MAX_MESSAGES_PER_MINUTE") or MAX_PER_WINDOW),
            reminders=reminder_settings(config),
        )
