"""What the CLI and the dashboard call: check the request, read the year, compose the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from kpi.periods import reporting_period

from .compose import EvaluationReport, ReportRequestError, compose, parse_fund, parse_quarter
from .gather import load_disbursements, load_year

FORMATS = ("docx", "xlsx", "json")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def build_report(
    session: Session,
    quarter: str,
    now: datetime,
    fund: str | None = None,
    allocations: Mapping[str, Decimal] | None = None,
) -> EvaluationReport:
    """The report of a quarter ('2567-Q4'); ReportRequestError (Thai) for a request it cannot serve."""
    scope, number = parse_quarter(quarter, reporting_period(now))
    fund_code = parse_fund(fund)
    units, plans = load_year(session, scope.year_be, range(1, 13))
    if not units:
        raise ReportRequestError(f"ไม่มีแผนปฏิบัติการของปี {scope.year_be} ในระบบ")
    if fund_code is not None and not any(p.fund == fund_code for p in plans.values()):
        raise ReportRequestError(f"แผนของปี {scope.year_be} ไม่มีงาน/โครงการของ{_fund_name(fund_code)}")
    spent = load_disbursements(session, scope.year_be, scope.last)
    return compose(units, plans, scope, number, now, allocations, fund_code, disbursements=spent)


def _fund_name(code: str) -> str:
    from .texts import FUND_NAMES

    return FUND_NAMES[code]


def render(report: EvaluationReport, fmt: str, font: str = "") -> bytes:
    """The file's bytes; font: the Word file's font (Settings.report_font), empty = found here."""
    if fmt == "json":
        from .render_json import to_json

        return to_json(report).encode("utf-8")
    if fmt == "docx":
        from .render_docx import to_docx

        return to_docx(report, font)
    if fmt == "xlsx":
        from .render_xlsx import to_xlsx

        return to_xlsx(report)
    raise ReportRequestError(f"รูปแบบ '{fmt}' ไม่รองรับ (ใช้ได้: docx, xlsx, json)")


def file_name(report: EvaluationReport, fmt: str) -> str:
    fund = f"-{report.fund_filter}" if report.fund_filter else ""
    return f"evaluation-{report.year_be}-Q{report.quarter}{fund}.{fmt}"
