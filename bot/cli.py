"""`flask --app bot <command>`: the administrator's commands."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext


def db():
    return current_app.extensions["db"]


def clock():
    return current_app.extensions["clock"]


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (Alembic upgrade to head)."""
    db().upgrade()
    click.echo("ฐานข้อมูลพร้อมใช้งานแล้ว (schema at head)")


def register(app: Flask) -> None:
    app.cli.add_command(init_db)
    from . import cli_data, cli_demo

    cli_data.register(app)
    cli_demo.register(app)
    from . import cli_status  # status summaries, results import, rich menus

    cli_status.register(app)
    from . import cli_reminders as reminder_cli  # reminders: remind, schedule

    reminder_cli.register(app)
