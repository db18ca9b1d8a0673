"""`flask --app bot demo` and `flask --app bot link-code`."""

from __future__ import annotations

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
@click.option("--reset", is_flag=True, help="start from an empty demo database")
@with_appcontext
def demo_command(host: str, port: int, line_port: int, reset: bool) -> None:
    """Run the bot on SQLite with demo data, a local fake LINE platform and the chat simulator."""
    from bot import configure, create_app
    from bot.cli_data import plan_summary_lines
    from bot.demo import load_demo_data
    from fakeline.server import FakeLineServer

    db_path = Path(current_app.instance_path) / "demo.sqlite3"
    if reset and db_path.exists():
        db_path.unlink()
    fake = FakeLineServer(host="127.0.0.1", port=line_port, access_token=DEMO_TOKEN).start()
    app = create_app(
        {
            "DEMO": True,
            "DATABASE_URL": f"sqlite:///{db_path}",
            "LINE_CHANNEL_SECRET": DEMO_SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": DEMO_TOKEN,
            "LINE_API_BASE_URL": fake.url,
            "PUBLIC_BASE_URL": f"http://{host}:{port}",
        }
    )
    data = load_demo_data(app.extensions["db"], app.extensions["clock"].now())
    # No values before the demo's first month: reminding them all as owed would only be noise.
    configure(app, REMINDER_BACKLOG_FROM=data.first_month.key())
    click.echo("\n".join(plan_summary_lines(data.plan_summary)))
    click.echo(f"\nKPI Bot demo — แผนอุทัยธานี 2563 โหลดเป็นแผนปี {data.year_be}")
    click.echo(f"  แชตจำลอง (simulator): http://{host}:{port}/simulator/")
    click.echo(f"  fake LINE API:        {fake.url}")
    click.echo(f"  รหัสผูกบัญชีของ uthai.new (กิตติ พากเพียร): {data.link_code}")
    click.echo(f"  เตือนผลที่ยังค้างตั้งแต่เดือน{data.first_month.thai()} (REMINDER_BACKLOG_FROM={data.first_month.key()})")
    from scheduler.jobs import start_in_background  # reminders: rounds and nudges, as `python -m scheduler`

    reminders = start_in_background(app)
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        reminders.shutdown(wait=False)
        fake.stop()


def register(app) -> None:
    app.cli.add_command(link_code_command)
    app.cli.add_command(demo_command)
