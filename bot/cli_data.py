"""`flask --app bot …`: loading units, plans and officers, and exporting results.

    flask --app bot import-units [FILE]                 (default: data/sso_units.csv)
    flask --app bot import-plan FILE [--year-be 2569]
    flask --app bot import-officers FILE
    flask --app bot export --year 2563 [--unit NAME] [--format csv|xlsx] [--out FILE]

Each import runs in one transaction: an error writes nothing and exits with code 1.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from files.export import export_rows, write_csv, write_xlsx
from files.officers_import import import_officers
from files.plan_file import PlanFileError, read_plan_file
from files.plan_import import ImportSummary, import_plan, import_units
from models.org import Unit

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_UNITS_FILE = DATA_DIR / "sso_units.csv"

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _db():
    return current_app.extensions["db"]


def _fail(error: PlanFileError) -> None:
    click.echo(str(error), err=True)
    click.echo("ไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่", err=True)
    sys.exit(1)


def plan_summary_lines(summary: ImportSummary) -> list[str]:
    years = ", ".join(str(y) for y in summary.years)
    lines = [f"นำเข้าแผนจากไฟล์ {summary.source} (ปี {years}) เรียบร้อยแล้ว"]
    if summary.units_created:
        lines.append("หน่วยงานที่สร้างใหม่: " + ", ".join(summary.units_created))
    lines.append(
        f"โครงการ: สร้างใหม่ {summary.projects_created}, แก้ไข {summary.projects_updated}, "
        f"ไม่เปลี่ยนแปลง {summary.projects_unchanged}"
    )
    lines.append(
        f"ตัวชี้วัด: สร้างใหม่ {summary.indicators_created}, แก้ไข {summary.indicators_updated}, "
        f"ไม่เปลี่ยนแปลง {summary.indicators_unchanged}"
    )
    if summary.budget_revisions:
        lines.append(f"งบประมาณโครงการที่บันทึกหรือปรับปรุง: {summary.budget_revisions} โครงการ")
    if summary.warnings:
        lines.append(f"ข้อสังเกต {len(summary.warnings)} รายการ:")
        lines.extend(f"- {w}" for w in summary.warnings)
    return lines


@click.command("import-units")
@click.argument("file", required=False, type=_FILE)
@with_appcontext
def import_units_command(file: Path | None) -> None:
    """Load the SSO unit list (default: the bundled data/sso_units.csv)."""
    path = file or DEFAULT_UNITS_FILE
    try:
        with _db().transaction() as session:
            summary = import_units(session, path)
    except PlanFileError as error:
        _fail(error)
    click.echo(
        f"นำเข้าหน่วยงานจากไฟล์ {path.name} เรียบร้อยแล้ว: สร้างใหม่ {len(summary.created)}, "
        f"แก้ไข {len(summary.updated)}, ไม่เปลี่ยนแปลง {summary.unchanged}"
    )
    if summary.updated:
        click.echo("หน่วยงานที่แก้ไข: " + ", ".join(summary.updated))


@click.command("import-plan")
@click.argument("file", type=_FILE)
@click.option("--year-be", type=int, default=None, help="ใช้ปี พ.ศ. นี้แทนปีในไฟล์ (เช่น โหลดแผน 2563 เป็นแผนปีปัจจุบันสำหรับสาธิต)")
@with_appcontext
def import_plan_command(file: Path, year_be: int | None) -> None:
    """Load a plan file (.csv or .xlsx): projects, indicators and monthly targets."""
    now = current_app.extensions["clock"].now()
    try:
        plan = read_plan_file(file, year_be=year_be)
        with _db().transaction() as session:
            summary = import_plan(session, plan, now, source=file.name)
    except PlanFileError as error:
        _fail(error)
    for line in plan_summary_lines(summary):
        click.echo(line)


@click.command("import-officers")
@click.argument("file", type=_FILE)
@with_appcontext
def import_officers_command(file: Path) -> None:
    """Load officers, the indicators each one reports and the projects whose disbursement they report."""
    try:
        with _db().transaction() as session:
            summary = import_officers(session, file)
    except PlanFileError as error:
        _fail(error)
    click.echo(
        f"นำเข้าเจ้าหน้าที่จากไฟล์ {file.name} เรียบร้อยแล้ว: สร้างใหม่ {len(summary.created)}, "
        f"แก้ไข {len(summary.updated)}, ไม่เปลี่ยนแปลง {summary.unchanged}, "
        f"ตัวชี้วัดที่มอบหมายรวม {summary.responsibilities}"
        + (f", โครงการที่รายงานการเบิกจ่าย {summary.budget_responsibilities}" if summary.budget_responsibilities else "")
    )
    if summary.warnings:
        click.echo(f"ข้อสังเกต {len(summary.warnings)} รายการ:")
        for warning in summary.warnings:
            click.echo(f"- {warning}")


@click.command("export")
@click.option("--year", "year_be", type=int, required=True, help="ปี พ.ศ. ของแผน เช่น 2563")
@click.option("--unit", "unit_name", default=None, help="ชื่อหน่วยงาน (ไม่ระบุ = ทุกหน่วยงาน)")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None, help="csv (ค่าเริ่มต้น) หรือ xlsx (ต้องระบุ --out)"
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="ไฟล์ปลายทาง (csv ไม่ระบุ = พิมพ์ออกหน้าจอ)"
)
@with_appcontext
def export_command(year_be: int, unit_name: str | None, fmt: str | None, out: Path | None) -> None:
    """Export targets and reported values, one row per indicator."""
    if fmt is None:
        fmt = "xlsx" if out is not None and out.suffix.lower() == ".xlsx" else "csv"
    if fmt == "xlsx" and out is None:
        raise click.UsageError("การส่งออกเป็น xlsx ต้องระบุไฟล์ปลายทางด้วย --out")
    with _db().transaction() as session:
        if unit_name is not None and session.scalar(select(Unit.id).where(Unit.name == unit_name)) is None:
            click.echo(f"ไม่พบหน่วยงาน '{unit_name}' ในระบบ", err=True)
            sys.exit(1)
        rows = export_rows(session, year_be, unit_name, current_app.extensions["settings"].backlog_from)
    if not rows:
        click.echo(f"ไม่มีตัวชี้วัดของปี {year_be}" + (f" ของ{unit_name}" if unit_name else ""), err=True)
    if fmt == "xlsx":
        write_xlsx(rows, out)
    elif out is not None:
        with open(out, "w", encoding="utf-8-sig", newline="") as stream:
            write_csv(rows, stream)
    else:
        buffer = io.StringIO()
        write_csv(rows, buffer)
        click.echo(buffer.getvalue(), nl=False)
    if out is not None:
        click.echo(f"ส่งออก {len(rows)} ตัวชี้วัดไปที่ {out} เรียบร้อยแล้ว", err=True)


def register(app: Flask) -> None:
    for command in (import_units_command, import_plan_command, import_officers_command, export_command):
        app.cli.add_command(command)
