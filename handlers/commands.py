"""Commands beside the reporting conversation (status, reminders, dashboard …).

A feature registers here: the words an officer may type and the postback `act` values of its
buttons, and a handler that returns the replies. They run without touching the reporting
conversation's state, so an officer can ask for status mid-report and carry on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from linebot.v3.messaging import Message
from sqlalchemy.orm import Session

from models.org import Officer

from . import dashboard
from . import reminder_chat
from . import status
from .conversation import Input


@dataclass(frozen=True)
class CommandContext:
    session: Session
    officer: Officer
    inp: Input
    now: datetime


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]
    acts: tuple[str, ...]
    handler: Callable[[CommandContext], list[Message]]
    #: Takes a moment (office-wide roll-ups, charts): show LINE's loading animation first.
    slow: bool = False


#: Feature commands, checked before the reporting conversation. Add a line per feature.
COMMANDS: list[Command] = [
    Command(status.WORDS, status.ACTS, status.handle, slow=True),
    Command(reminder_chat.SNOOZE_WORDS, ("snooze",), reminder_chat.snooze),  # reminders: เตือนพรุ่งนี้
    Command(reminder_chat.NUDGE_WORDS, ("nudge",), reminder_chat.nudge),  # reminders: ส่งเตือน
    Command(dashboard.DASHBOARD_WORDS, dashboard.DASHBOARD_ACTS, dashboard.sign_in_link),  # แดชบอร์ด
    Command(dashboard.CHART_WORDS, dashboard.CHART_ACTS, dashboard.chart, slow=True),  # กราฟ
]


def find_command(inp: Input) -> Command | None:
    act, words = inp.act(), inp.words
    for command in COMMANDS:
        if (act is not None and act in command.acts) or (act is None and words in command.words):
            return command
    return None
