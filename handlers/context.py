"""What a feature command gets: the transaction, the officer, what they sent, the time and the
bot's settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from models.org import Officer

from .conversation import Input
from .settings import Settings


@dataclass(frozen=True)
class CommandContext:
    session: Session
    officer: Officer
    inp: Input
    now: datetime
    settings: Settings
