"""Importing reported values in bulk (flask import-results), e.g. past results from SSO Budget.

Columns (header = line 1, any order): unit, year_be, project_code, indicator_no, month, value,
note, and optionally reported_at (a date or date-time, Bangkok time when no zone is given).

Every row is checked as the chat checks a value (kpi.numbers reads it, kpi.values decides
whether the indicator can take it, and a result under half the month's target needs a note)
before anything is written: one bad row and nothing is imported, with every problem listed by
line. Values go through models.reporting.save_value with source "import", so the history keeps
them. On time: an imported value counts as sent on time, unless its reported_at says it came
after the 5th of the next month (a value already in the bot keeps its own flag unless the file
gives reported_at). A row equal to the value and note already stored is left
alone (re-importing a file changes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, contains_eager, selectinload

from files.plan_file import YEAR_BE_MIN, PlanFileError, check_year_be, read_table
from files.plan_file import parse_number as parse_cell
from kpi.indicator import IndicatorView
from kpi.kinds import IndicatorKind
from kpi.numbers import NumberError, ParsedNumber, parse_number, parse_pass_fail
from kpi.periods import BANGKOK, Period
from kpi.values import Reason, check_value, reason_needed
from models.column_limits import fit_integer, fit_text
from models.org import Unit
from models.plan import Indicator, Project
from models.plan_queries import indicator_view
from models.reporting import save_value
from models.results import ReportedValue
from presentation.formatting import format_number
from presentation.value_problems import value_problem_text

REQUIRED = ("unit", "year_be", "project_code", "indicator_no", "month", "value")
OPTIONAL = ("note", "reported_at")
MAX_NOTE = 500
#: The earliest year (CE) a value may say it was reported: the plans' earliest (files.plan_file).
EARLIEST_REPORT_YEAR = YEAR_BE_MIN - 543
MAX_LISTED = 30


class ResultsFileError(PlanFileError):
    """Rows of the results file cannot be imported; nothing is written. Lists every problem."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        first = problems[0]
        super().__init__(first[0], first[1])
        self.problems = problems

    def __str__(self) -> str:
        lines = [f"บรรทัด {n}: {reason}" if n else reason for n, reason in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"…และอีก {len(self.problems) - MAX_LISTED} รายการ")
        return "\n".join(lines)


@dataclass
class ResultsSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line_no: int
    indicator: IndicatorView
    month: int
    value: Decimal
    note: str | None
    on_time: bool
    reported_at: datetime | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _whole(value, label: str) -> int:
    try:
        number = parse_cell(value)
    except ValueError:
        number = None
    if number is None or number != number.to_integral_value():
        raise ValueError(f"{label}ต้องเป็นจำนวนเต็ม (พบ '{_text(value)}')" if _text(value) else f"ไม่ได้กรอก{label}")
    return int(number)


def _read_value(ind: IndicatorView, raw) -> Decimal:
    """The value as the chat reads it; ValueError with the Thai reason otherwise."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        parsed = ParsedNumber(parse_cell(raw), False, None)
    else:
        typed = _text(raw)
        if not typed:
            raise ValueError("ไม่ได้กรอกผล (คอลัมน์ value)")
        if ind.kind == IndicatorKind.PASS_FAIL.value and parse_pass_fail(typed) is not None:
            parsed = ParsedNumber(Decimal(int(parse_pass_fail(typed))), False, None)
        else:
            parsed = parse_number(typed)
            if parsed == NumberError.TWO_NUMBERS:
                raise ValueError(f"พบตัวเลขมากกว่าหนึ่งค่าในผล '{typed}'")
            if isinstance(parsed, NumberError):
                raise ValueError(f"อ่านผล '{typed}' เป็นตัวเลขไม่ได้")
    problem = check_value(ind, parsed.value, parsed.is_percent)
    if problem is not None:
        raise ValueError(f"{ind.code}: " + value_problem_text(problem, ind, in_file=True))
    return parsed.value


def _read_reported_at(raw) -> datetime | None:
    if raw is None or _text(raw) == "":
        return None
    if isinstance(raw, datetime):
        moment = raw
    elif isinstance(raw, date):
        moment = datetime.combine(raw, time(12, 0))
    else:
        text = _text(raw).replace(" ", "T", 1)
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"reported_at '{_text(raw)}' ไม่ใช่วันที่ (ใช้รูปแบบ 2026-11-03 หรือ 2026-11-03 09:30 ปี ค.ศ.)"
            ) from None
        if "T" not in text:
            moment = datetime.combine(moment.date(), time(12, 0))
    if moment.year < EARLIEST_REPORT_YEAR:  # nor could year 1 be turned into UTC
        raise ValueError(f"reported_at '{_text(raw)}' เก่าเกินไป (ต้องเป็นปี ค.ศ. {EARLIEST_REPORT_YEAR} ขึ้นไป)")
    return moment if moment.tzinfo else moment.replace(tzinfo=BANGKOK)


def _load_indicators(session: Session, keys: set[tuple[str, int, str]]) -> dict[tuple[str, int, str, int], Indicator]:
    if not keys:
        return {}
    found = (
        session.scalars(
            select(Indicator)
            .join(Indicator.project)
            .join(Project.unit)
            .where(tuple_(Unit.name, Project.year_be, Project.code).in_(list(keys)))
            .options(contains_eager(Indicator.project).contains_eager(Project.unit), selectinload(Indicator.targets))
        )
        .unique()
        .all()
    )
    return {(i.project.unit.name, i.project.year_be, i.project.code, i.number): i for i in found}


def check_results(session: Session, path: str | Path, now: datetime) -> list[_Row]:
    """Every row read and checked; ResultsFileError lists all problems (nothing is written)."""
    raw_rows = list(read_table(path, REQUIRED, OPTIONAL))
    if not raw_rows:
        raise ResultsFileError([(2, "ไม่มีผลการดำเนินงานในไฟล์ (มีแต่หัวตาราง)")])
    problems: list[tuple[int, str]] = []
    parsed: list[tuple[int, dict, tuple]] = []
    for line_no, raw in raw_rows:
        try:
            unit = fit_text(_text(raw.get("unit")), Unit.name, "ชื่อหน่วยงาน")
            if not unit:
                raise ValueError("ไม่ได้กรอกหน่วยงาน (คอลัมน์ unit)")
            year = check_year_be(_whole(raw.get("year_be"), "ปี พ.ศ. (year_be) "))
            code = fit_text(_text(raw.get("project_code")), Project.code, "รหัสโครงการ")
            if not code:
                raise ValueError("ไม่ได้กรอกรหัสโครงการ (คอลัมน์ project_code)")
            number = fit_integer(
                _whole(raw.get("indicator_no"), "ลำดับตัวชี้วัด (indicator_no) "), Indicator.number, "ลำดับตัวชี้วัด "
            )
            month = _whole(raw.get("month"), "เดือน (month) ")
            if not 1 <= month <= 12:
                raise ValueError(f"เดือนต้องเป็น 1–12 (พบ {month})")
        except ValueError as exc:
            problems.append((line_no, str(exc)))
            continue
        parsed.append((line_no, raw, (unit, year, code, number, month)))

    indicators = _load_indicators(session, {(u, y, c) for _, _, (u, y, c, _, _) in parsed})
    rows: list[_Row] = []
    seen: dict[tuple[int, int], int] = {}
    for line_no, raw, (unit, year, code, number, month) in parsed:
        found = indicators.get((unit, year, code, number))
        if found is None:
            problems.append(
                (line_no, f"ไม่พบตัวชี้วัด {code}/{number} ของ{unit} ปี {year} (นำเข้าแผนก่อนด้วย flask import-plan)")
            )
            continue
        ind = indicator_view(found)
        period = Period(year, month)
        if not period.has_started(now):
            problems.append((line_no, f"เดือน{period.thai()} ยังไม่เริ่ม รายงานผลล่วงหน้าไม่ได้"))
            continue
        if (ind.id, month) in seen:
            problems.append((line_no, f"{ind.code} เดือน{period.thai()} ซ้ำกับบรรทัด {seen[(ind.id, month)]}"))
            continue
        seen[(ind.id, month)] = line_no
        try:
            value = _read_value(ind, raw.get("value"))
            note = _text(raw.get("note")) or None
            if note and len(note) > MAX_NOTE:
                raise ValueError(f"หมายเหตุยาวเกิน {MAX_NOTE} ตัวอักษร")
            if note is None and reason_needed(ind, month, value) == Reason.REQUIRED:
                raise ValueError(
                    f"{ind.code} เดือน{period.thai()}: ผลต่ำกว่าร้อยละ 50 ของเป้าหมาย "
                    "ต้องระบุปัญหา/อุปสรรคในคอลัมน์ note (เช่นเดียวกับการรายงานในแชต)"
                )
            reported_at = _read_reported_at(raw.get("reported_at"))
            if reported_at is not None and reported_at > now:
                raise ValueError(f"reported_at {_text(raw.get('reported_at'))} เป็นเวลาในอนาคต")
        except ValueError as exc:
            problems.append((line_no, str(exc)))
            continue
        on_time = True if reported_at is None else period.is_on_time(reported_at)
        rows.append(_Row(line_no, ind, month, value, note, on_time, reported_at))
    if problems:
        raise ResultsFileError(sorted(problems))
    return rows


def import_results(session: Session, path: str | Path, now: datetime) -> ResultsSummary:
    """Check the whole file, then save every value (source "import") in the caller's transaction."""
    rows = check_results(session, path, now)
    ids = {r.indicator.id for r in rows}
    current = {
        (v.indicator_id, v.month): v
        for v in session.scalars(select(ReportedValue).where(ReportedValue.indicator_id.in_(ids)))
    }
    summary = ResultsSummary()
    for row in rows:
        existing = current.get((row.indicator.id, row.month))
        if existing is not None and existing.value == row.value and (existing.note or None) == row.note:
            summary.unchanged += 1
            continue
        # A value already in the bot keeps how it was first sent, unless the file says when.
        on_time = existing.on_time if existing is not None and row.reported_at is None else row.on_time
        saved = save_value(
            session,
            indicator_id=row.indicator.id,
            month=row.month,
            value=row.value,
            note=row.note,
            officer_id=None,
            now=now,
            on_time=on_time,
            source="import",
        )
        if row.reported_at is not None:
            saved.reported_at = row.reported_at
        if existing is None:
            summary.created += 1
        else:
            summary.updated += 1
        if not row.indicator.is_due(row.month):
            summary.warnings.append(
                f"บรรทัด {row.line_no}: {row.indicator.code} ไม่มีเป้าหมายเดือนนี้ (บันทึกผล {format_number(row.value)} ไว้แล้ว)"
            )
    return summary
