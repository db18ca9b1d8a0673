"""Alembic migrations build the same schema as the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from models import Base
from models.db import Database, alembic_config


def schema_differences(db: Database) -> list:
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def test_models_and_migrations_agree(database_url):
    db = Database(database_url)
    assert schema_differences(db) == []
    db.dispose()


def test_migrations_go_down_and_up_again(database_url):
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    db = Database(database_url)
    assert schema_differences(db) == []
    db.dispose()
