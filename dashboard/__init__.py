"""The planners' web dashboard: server-rendered Jinja pages under /dashboard/ (see views.py)."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from flask import Flask

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Mount the dashboard and set up its session cookie.

    SECRET_KEY signs the session cookie and the chart links: from the environment in
    production (the same value in every worker), random per process in the demo and tests.
    Without it the dashboard refuses to sign anyone in."""
    relaxed = bool(app.config.get("DEMO") or app.config.get("TESTING"))
    if not app.config.get("SECRET_KEY"):
        if relaxed:
            app.config["SECRET_KEY"] = secrets.token_hex(32)
        else:
            app.config["SECRET_KEY"] = None
            log.warning("SECRET_KEY is not set: the dashboard will not sign anyone in")
    app.config.update(
        SESSION_COOKIE_NAME="kpibot_dashboard",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not relaxed,
        SESSION_COOKIE_PATH="/dashboard",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    )
    from . import views
    from .chart_cache import DRAWS_PER_LINK_PER_MINUTE, ChartCache

    app.extensions["chart_cache"] = ChartCache(
        draws_per_minute=int(app.config.get("CHART_DRAWS_PER_MINUTE", DRAWS_PER_LINK_PER_MINUTE))
    )
    app.register_blueprint(views.blueprint)
