"""The bot's settings as one object: built once by the app factory (bot.create_app, which the
scheduler process uses too) from its configuration, and handed to the handlers through their
context. Nothing below the edges reads the environment or Flask's `current_app`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kpi.periods import Period
from models.rates import MAX_PER_WINDOW
from presentation.form_links import FormLinks
from reminders.settings import ReminderSettings, reminder_settings


@dataclass(frozen=True)
class Settings:
    public_base_url: str = ""  # the bot's public https:// address: dashboard and chart links
    secret_key: str = ""  # signs dashboard sessions and chart links; empty: no links
    max_messages_per_minute: int = MAX_PER_WINDOW
    reminders: ReminderSettings = ReminderSettings(rounds=())
    report_font: str = ""  # KPIBOT_REPORT_FONT: the evaluation report's Word font; empty = found here
    liff_id: str = ""  # LIFF_ID: the channel's LIFF app for the month's page; empty: signed links only
    #: LINE_LOGIN_CHANNEL_ID: the LINE Login channel of the LIFF app (the ID token's audience)
    line_login_channel_id: str = ""

    @property
    def backlog_from(self) -> Period | None:
        """GO_LIVE_MONTH (formerly REMINDER_BACKLOG_FROM): the go-live month. No earlier month is
        ever named as owed, and one not imported is ก่อนใช้ระบบ in every view (kpi.go_live)."""
        return self.reminders.backlog_from

    @property
    def form_links(self) -> FormLinks | None:
        """Links to the month's page (presentation.form_links), as the reminders make them."""
        return self.reminders.form_links

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """From the app's configuration (bot.config read it from the environment). Raises
        ValueError naming a wrong setting, so a bad value stops the process at start."""
        return cls(
            public_base_url=(config.get("PUBLIC_BASE_URL") or "").rstrip("/"),
            secret_key=config.get("SECRET_KEY") or "",
            max_messages_per_minute=int(config.get("MAX_MESSAGES_PER_MINUTE") or MAX_PER_WINDOW),
            reminders=reminder_settings(config),
            report_font=config.get("REPORT_FONT") or "",
            liff_id=config.get("LIFF_ID") or "",
            line_login_channel_id=str(config.get("LINE_LOGIN_CHANNEL_ID") or ""),
        )
