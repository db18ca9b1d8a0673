"""Counting the SQL statements a block sends, for tests that pin how many a read costs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def counted(engine) -> Iterator[list[str]]:
    """The SQL statements the engine sends in the block (SQLite's BEGIN is none)."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
