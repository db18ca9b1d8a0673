"""`flask --app bot evaluation-report`: the quarterly evaluation report (reports/).

    flask --app bot evaluation-report --quarter 2567-Q4 [--fund SSF|WCF] --format docx|xlsx|json
        [--out FILE] [--allocation SSF=5303083050 --allocation WCF=349429220]

Without --out, JSON goes to standard output (a Word or Excel file needs --out).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from reports.build import FORMATS, build_report, render
from reports.compose import ReportRequestError, parse_allocations


@click.command("evaluation-report")
@click.option("--quarter", required=True, help="ไตรมาส นับสะสมตั้งแต่มกราคม เช่น 2567-Q4 (ม.ค.–ธ.ค. 2567)")
@click.option("--fund", default=None, help="SSF (กองทุนประกันสังคม) หรือ WCF (กองทุนเงินทดแทน); ไม่ระบุ = ทั้งสองกองทุน")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="docx, xlsx หรือ json")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="ไฟล์ปลายทาง (json ไม่ระบุ = พิมพ์ออกหน้าจอ)"
)
@click.option(
    "--allocation",
    "allocations",
    multiple=True,
    help="งบประมาณที่ได้รับจัดสรรของกองทุน เช่น SSF=5303083050 (ไม่ระบุ = รวมงบประมาณของงาน/โครงการ)",
)
@with_appcontext
def evaluation_report_command(
    quarter: str, fund: str | None, fmt: str, out: Path | None, allocations: tuple[str, ...]
) -> None:
    """The quarterly evaluation report (การประเมินผลตามแผนปฏิบัติราชการ), cumulative from January."""
    if fmt != "json" and out is None:
        raise click.UsageError(f"รายงานแบบ {fmt} ต้องระบุไฟล์ปลายทางด้วย --out")
    now = current_app.extensions["clock"].now()
    try:
        given = parse_allocations(allocations)
        with current_app.extensions["db"].transaction() as session:
            report = build_report(session, quarter, now, fund, given)
    except ReportRequestError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    data = render(report, fmt, current_app.extensions["settings"].report_font)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        click.echo(f"บันทึกไฟล์ {out} ไม่ได้ ({error.strerror or type(error).__name__})", err=True)
        sys.exit(1)
    click.echo(
        f"บันทึกรายงานไตรมาส {report.quarter}/{report.year_be} ({report.counts.projects} งาน/โครงการ) "
        f"ไปที่ {out} เรียบร้อยแล้ว",
        err=True,
    )


def register(app: Flask) -> None:
    app.cli.add_command(evaluation_report_command)
