"""Throw-away databases for a bench run: a SQLite file in a temp directory, or a PostgreSQL
database created on the server `scripts/postgres` starts (or BENCH_POSTGRES_URL /
TEST_DATABASE_URL names) and dropped afterwards."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from models.db import Database

from .procs import ROOT


def postgres_admin_url() -> str:
    """An admin URL of a PostgreSQL server on loopback (raises RuntimeError when there is none)."""
    for name in ("BENCH_POSTGRES_URL", "TEST_DATABASE_URL"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        out = subprocess.run(
            [str(ROOT / "scripts" / "postgres")], check=True, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"no PostgreSQL (scripts/postgres: {exc})") from None
    return out.stdout.strip().splitlines()[-1]


def _at(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + "/" + name


@contextmanager
def database(kind: str, workdir: Path, label: str, admin_url: str | None = None) -> Iterator[str]:
    """A migrated, empty database of this kind ('sqlite' or 'postgresql'); its URL."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / (label + '.sqlite3')}"
        _migrate(url)
        yield url
        return
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"kpibot_bench_{label}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = _at(admin.url.render_as_string(hide_password=False), name)
        _migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str) -> None:
    db = Database(url)
    try:
        db.upgrade()
    finally:
        db.dispose()
