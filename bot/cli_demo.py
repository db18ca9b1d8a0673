"""`flask --app bot demo` and `flask --app bot link-code`."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple

from models.linking import CODE_VALID_HOURS, issue_link_code
from models.officer_views import officer_by_key

DEMO_SECRET = "demo-channel-secret"
DEMO_TOKEN = "demo-channel-access-token"


@click.command("link-code")
@click.argument("officer_key")
@with_appcontext
def link_code_command(officer_key: str) -> None:
    """Print a fresh one-time 6-digit code that binds OFFICER_KEY's LINE account."""
    db, now = current_app.extensions["db"], current_app.extensions["clock"].now()
    with db.transaction() as session:
        officer = officer_by_key(session, officer_key)
        if officer is None or not officer.active:
            raise click.ClickException(f"ไม่พบเจ้าหน้าที่ที่ใช้งานอยู่ รหัส {officer_key}")
        code = issue_link_code(session, officer, now)
        name = officer.display_name
    click.echo(code)
    click.echo(f"รหัสสำหรับ {name} ใช้ได้ครั้งเดียว ภายใน {CODE_VALID_HOURS} ชั่วโมง ให้พิมพ์รหัสนี้ในแชตกับบอท", err=True)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, help="port of the bot and the simulator")
@click.option("--line-port", default=5001, show_default=True, help="port of the local fake LINE API")
@click.option("--reset", is_flag=True, help="start over: a new demo office as of today (what you did is lost)")
@with_appcontext
def demo_command(host: str, port: int, line_port: int, reset: bool) -> None:
    """Run the bot on SQLite with demo data, a local fake LINE platform and the chat simulator."""
    from fakeline.server import FakeLineServer

    fake = FakeLineServer(host="127.0.0.1", port=line_port, access_token=DEMO_TOKEN).start()
    app, lines = start_demo(Path(current_app.instance_path), f"http://{host}:{port}", fake.url, reset)
    click.echo("\n".join(lines))
    from scheduler.jobs import start_in_background  # reminders: rounds and nudges, as `python -m scheduler`

    reminders = start_in_background(app)
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        reminders.shutdown(wait=False)
        fake.stop()


def start_demo(instance: Path, public_url: str, line_url: str, reset: bool = False, **config):
    """The demo app on instance/demo.sqlite3 (kept between starts unless `reset`) and what to
    print: where to go, and the state of the demo office."""
    from bot import create_app
    from bot.demo import open_demo

    db_path = instance / "demo.sqlite3"
    if reset:
        for path in (db_path, *(db_path.with_name(db_path.name + tail) for tail in ("-wal", "-shm"))):
            path.unlink(missing_ok=True)
    for chatty in ("alembic", "apscheduler"):  # their start-up chatter is no news to a demo user
        logging.getLogger(chatty).setLevel(logging.WARNING)
    app = create_app(
        {
            "DEMO": True,
            "DATABASE_URL": f"sqlite:///{db_path}",
            "LINE_CHANNEL_SECRET": DEMO_SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": DEMO_TOKEN,
            "LINE_API_BASE_URL": line_url,
            "PUBLIC_BASE_URL": public_url,
            **config,
        }
    )
    office = open_demo(app.extensions["db"], app.extensions["clock"].now())
    lines = [
        "",
        "KPI Bot demo — สำนักงานประกันสังคมจังหวัดอุทัยธานี และจังหวัดฉะเชิงเทรากับสาขาบางปะกง "
        "สาขาพนมสารคาม (แผนปี " + ", ".join(map(str, office.plan_years)) + ")",
    ]
    if office.kept:
        lines.append("  ใช้ข้อมูลเดิมจากครั้งก่อน (เริ่มใหม่ทั้งหมด: ./scripts/demo --reset)")
    else:
        lines.append(
            f"  ใช้บอทตั้งแต่เดือน{office.go_live.thai()} เดือนก่อนหน้านำเข้าจาก SSO Budget แล้ว; "
            f"เดือนที่กำลังรายงาน: {office.reporting.thai()}"
        )
    lines += [f"  แชตจำลอง (simulator): {public_url}/simulator/", f"  fake LINE API:        {line_url}"]
    if office.link_code:
        lines.append(f"  รหัสผูกบัญชีของ uthai.new (กิตติ พากเพียร): {office.link_code}")
    return app, lines


def register(app) -> None:
    app.cli.add_command(link_code_command)
    app.cli.add_command(demo_command)
