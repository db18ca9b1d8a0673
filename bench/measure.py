"""Helpers for the measuring processes: the bot's app on a database, SQL statement counts,
timing, own peak memory and an optional pyinstrument profile."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

from bot import create_app

SECRET = "bench-channel-secret"
TOKEN = "bench-access-token"


def bot_app(database_url: str, line_url: str, now: datetime):
    return create_app(
        {
            "DATABASE_URL": database_url,
            "LINE_CHANNEL_SECRET": SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
            "LINE_API_BASE_URL": line_url,
            "FIXED_NOW": now.isoformat(),
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": "bench-secret-key",
        }
    )


class QueryCounter:
    """Counts the SQL statements an engine sends (an executemany counts once; BEGIN does not)."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, *args) -> None:
        if not statement.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is no query
            self.count += 1

    @contextmanager
    def counting(self) -> Iterator[dict]:
        result = {}
        before = self.count
        yield result
        result["queries"] = self.count - before


def own_peak_rss_kb() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


@contextmanager
def timed() -> Iterator[dict]:
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


@contextmanager
def maybe_profile(path: str | None) -> Iterator[None]:
    """With a path: profile the block with pyinstrument and write its text report there."""
    if not path:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        Path(path).write_text(profiler.output_text(unicode=True, color=False, show_all=False))
