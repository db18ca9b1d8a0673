"""All of a month on one page: the officers' phone form opened from the chat (กรอกทั้งหมดใน
หน้าเดียว), under /dashboard/form/ so that it shares the dashboard's session cookie (see
views.py). The application part, reading and saving the rows as the chat does, is
handlers.month_form."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Mount the page (after dashboard.register, which sets up the session cookie and secret)."""
    from . import views

    app.register_blueprint(views.blueprint)
