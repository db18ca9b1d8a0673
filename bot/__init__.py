"""KPI Bot: the Flask app factory. `flask --app bot <command>` finds create_app()."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from flask import Flask, request

import dashboard
import files  # noqa: F401  (first: it keeps openpyxl on its own XML writer, see files/__init__.py)
import form
from handlers.settings import Settings
from models.db import Database

from .clock import FixedClock, SystemClock
from .config import config_from_env, require_line_channel


def _clock_from(fixed_now: str | None):
    return FixedClock(datetime.fromisoformat(fixed_now)) if fixed_now else SystemClock()


class KpiBot(Flask):
    def log_exception(self, exc_info) -> None:
        """Name the route, not the path: paths carry sign-in and chart tokens (Flask logs the
        path). The database's part of the message names the SQL but never its values
        (`hide_parameters`)."""
        rule = request.url_rule.rule if request.url_rule else "(no route)"
        self.logger.error("Exception on %s [%s]", rule, request.method, exc_info=exc_info)


def create_app(config: dict | None = None) -> Flask:
    app = KpiBot(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(
        config_from_env(app.instance_path) if config is None else {**config_from_env(app.instance_path), **config}
    )
    logging.basicConfig(
        level=app.config.get("LOG_LEVEL", logging.INFO), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    require_line_channel(app.config)
    # Parsed here, once: a bad value (GO_LIVE_MONTH …) stops the web workers and the
    # scheduler at start with its reason, not every chat event later.
    Settings.from_config(app.config)

    app.extensions["db"] = Database(app.config["DATABASE_URL"])
    app.extensions["clock"] = app.config.get("CLOCK") or _clock_from(app.config.get("FIXED_NOW"))

    from presentation import line_api

    from . import cli, webhook

    app.extensions["line_api"] = line_api.LineApi(
        host=app.config["LINE_API_BASE_URL"], access_token=app.config["LINE_CHANNEL_ACCESS_TOKEN"]
    )
    app.register_blueprint(webhook.blueprint)
    dashboard.register(app)  # sets a random SECRET_KEY in the demo and tests
    form.register(app)  # the month's page, under /dashboard/form (the dashboard's cookie)
    app.extensions["settings"] = Settings.from_config(app.config)
    cli.register(app)
    if app.config.get("DEMO"):
        from . import simulator

        simulator.register(app)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app


def configure(app: Flask, **changes) -> None:
    """Change settings of a running app (the demo once its data is loaded, tests): the config
    and the settings object handed to the handlers, together."""
    app.config.update(changes)
    app.extensions["settings"] = Settings.from_config(app.config)
