"""`flask --app bot …`: status summaries, importing results and the rich menus.

flask --app bot status --unit NAME [--period 2569-10 | --quarter 2569-Q4 | --ytd 2569] [--format text|json|csv]
flask --app bot status --all [...]
flask --app bot import-results FILE
flask --app bot setup-richmenu
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from linebot.v3.messaging import ApiException
from urllib3.exceptions import HTTPError

from files.plan_file import PlanFileError
from files.results_import import import_results
from kpi.periods import reporting_period
from kpi.rating import Scope, ScopeKind
from models.budget_queries import unit_disbursements
from models.org import Unit
from models.status_queries import find_units, load_status_data, rate_units
from presentation import texts as T

from . import richmenu
from . import status_report as R

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _db():
    return current_app.extensions["db"]


def _scope(period: str | None, quarter: str | None, ytd: str | None) -> Scope:
    as_of = reporting_period(current_app.extensions["clock"].now())
    given = [(k, v) for k, v in (("--period", period), ("--quarter", quarter), ("--ytd", ytd)) if v]
    if len(given) > 1:
        raise click.UsageError("เลือกได้อย่างเดียว: --period, --quarter หรือ --ytd")
    if not given:
        return Scope.around(ScopeKind.MONTH, as_of)
    option, value = given[0]
    try:
        if option == "--period":
            if "-" not in value or "Q" in value.upper():
                raise ValueError(value)
            return Scope.parse(value, as_of)
        if option == "--quarter":
            if "Q" not in value.upper():
                raise ValueError(value)
            return Scope.parse(value, as_of)
        if not value.strip().isdigit():
            raise ValueError(value)
        return Scope.parse(value, as_of)
    except ValueError:
        examples = {"--period": "2569-10", "--quarter": "2569-Q4", "--ytd": "2569"}
        raise click.UsageError(f"{option} '{value}' ไม่ถูกต้อง (ตัวอย่าง: {option} {examples[option]})") from None


def _unit(session, name: str) -> Unit:
    units = find_units(session, name)
    if len(units) == 1:
        return units[0]
    if not units:
        click.echo(f"ไม่พบหน่วยงาน '{name}' ในระบบ", err=True)
    else:
        click.echo(f"ชื่อ '{name}' ตรงกับหลายหน่วยงาน กรุณาระบุชื่อเต็ม:", err=True)
        for unit in units:
            click.echo(f"- {unit.name}", err=True)
    sys.exit(1)


@click.command("status")
@click.option("--unit", "unit_name", default=None, help="ชื่อหน่วยงาน (ชื่อเต็ม หรือส่วนของชื่อที่ตรงหน่วยงานเดียว)")
@click.option("--all", "all_units", is_flag=True, help="ภาพรวมทั้งสำนักงาน (ทุกหน่วยงานที่มีแผนในปีนั้น)")
@click.option("--period", default=None, help="เดือน เช่น 2569-10 (ค่าเริ่มต้น: เดือนที่กำลังรายงาน)")
@click.option("--quarter", default=None, help="ไตรมาส เช่น 2569-Q4 (ถึงเดือนที่กำลังรายงาน)")
@click.option("--ytd", default=None, help="ตั้งแต่ต้นปี เช่น 2569 (ถึงเดือนที่กำลังรายงาน)")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@with_appcontext
def status_command(
    unit_name: str | None, all_units: bool, period: str | None, quarter: str | None, ytd: str | None, fmt: str
) -> None:
    """The status summary the chat shows: a unit's, or the office-wide roll-up (--all)."""
    if bool(unit_name) == all_units:
        raise click.UsageError("ระบุ --unit NAME หรือ --all อย่างใดอย่างหนึ่ง")
    scope = _scope(period, quarter, ytd).since(current_app.extensions["settings"].backlog_from)
    now = current_app.extensions["clock"].now()
    out = io.StringIO()
    with _db().transaction() as session:
        if all_units:
            office = rate_units(session, scope, now)
            if not office.units:
                click.echo(f"ยังไม่มีแผนปฏิบัติการของหน่วยงานใดในปี {scope.year_be}", err=True)
            money = None if scope.is_empty else unit_disbursements(session, scope.year_be, scope.last)
            if fmt == "json":
                R.write_json(R.office_json(office, money), out)
            elif fmt == "csv":
                R.write_csv(R.csv_rows(office.units, office, money), out)
            else:
                out.write(R.office_text(office, money))
        else:
            unit = _unit(session, unit_name)
            data = load_status_data(session, scope.year_be, unit_id=unit.id)
            if not data:
                click.echo(T.STATUS_NO_PLAN.format(unit=unit.name, year=scope.year_be), err=True)
                sys.exit(1)
            status = data[0].rate(scope, now)
            money = None if scope.is_empty else unit_disbursements(session, scope.year_be, scope.last, {unit.id})
            if fmt == "json":
                R.write_json(R.unit_json(status, money), out)
            elif fmt == "csv":
                R.write_csv(R.csv_rows([status], money=money), out)
            else:
                out.write(R.unit_text(status, money))
    click.echo(out.getvalue(), nl=False)


@click.command("import-results")
@click.argument("file", type=_FILE)
@with_appcontext
def import_results_command(file: Path) -> None:
    """Load reported values in bulk (CSV/XLSX: unit, year_be, project_code, indicator_no, month, value,
    note[, reported_at]); all or nothing, recorded in the history as imported."""
    now = current_app.extensions["clock"].now()
    try:
        with _db().transaction() as session:
            summary = import_results(session, file, now)
    except PlanFileError as error:
        click.echo(str(error), err=True)
        click.echo(T.IMPORT_RESULTS_NOTHING, err=True)
        sys.exit(1)
    click.echo(
        T.IMPORT_RESULTS_DONE.format(
            file=file.name, created=summary.created, updated=summary.updated, unchanged=summary.unchanged
        )
    )
    if summary.warnings:
        click.echo(f"ข้อสังเกต {len(summary.warnings)} รายการ:")
        for warning in summary.warnings:
            click.echo(f"- {warning}")


@click.command("setup-richmenu")
@with_appcontext
def setup_richmenu_command() -> None:
    """Create the rich menus: the officers' as the default, the supervisors' and planners' linked to each."""
    try:
        font = richmenu.find_thai_font()
    except richmenu.RichMenuError as error:
        raise click.ClickException(str(error)) from None
    with _db().transaction() as session:
        staff = richmenu.staff_line_users(session)
    try:
        setup = richmenu.setup_rich_menus(current_app.extensions["line_api"], staff, font)
    except ApiException as error:
        raise click.ClickException(
            f"LINE ไม่รับคำขอ (HTTP {error.status}) กรุณาตรวจสอบ LINE_CHANNEL_ACCESS_TOKEN แล้วลองใหม่"
        ) from None
    except (OSError, HTTPError) as error:
        raise click.ClickException(f"ติดต่อ LINE ไม่ได้ ({type(error).__name__}) กรุณาลองใหม่") from None
    click.echo(
        f"สร้างเมนูเจ้าหน้าที่ {setup.officer_menu_id} (เมนูเริ่มต้น) และเมนูหัวหน้า/ผู้วางแผน "
        f"{setup.staff_menu_id} แล้ว (ฟอนต์ {font.name})"
    )
    click.echo(
        f"ผูกเมนูหัวหน้า/ผู้วางแผนกับ {len(setup.linked)} คน" + (f": {', '.join(setup.linked)}" if setup.linked else "")
    )
    if setup.deleted:
        click.echo(f"ลบเมนูเดิมของบอท {setup.deleted} เมนู")


def register(app: Flask) -> None:
    for command in (status_command, import_results_command, setup_richmenu_command):
        app.cli.add_command(command)
