"""`flask status` output: the chat's status summary as text, JSON or CSV.

JSON and CSV hold one record per project and per indicator (target, result, percent, level)
and the level counts (per unit, and office-wide with --all), and the disbursement against plan
of each project, unit and the office with a budget (allocation, spent, percentages, level). Percent is result ÷ target × 100,
unrounded to two places; level is green/yellow/red/no_target (indicators also not_reported),
on the whole-number percent as the evaluation report rounds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO

from files import spreadsheet_text
from kpi.disbursement import DisbursementStatus
from kpi.periods import MONTHS_ABBR
from kpi.rating import Completeness, Level, OfficeStatus, Scope, UnitStatus, round_half_up, shares
from models.budget_queries import BudgetRollup
from presentation import texts as T
from presentation.disbursement_text import budget_head, plan_line, spent_line
from presentation.formatting import figure, fmt_pct, format_number

CSV_COLUMNS = (
    "record",
    "unit",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "kind",
    "unit_of_measure",
    "weight_pct",
    "target",
    "result",
    "percent",
    "level",
    "level_th",
    "expected",
    "on_time",
    "late",
    "missing",
    "pending",
    "green",
    "yellow",
    "red",
    "no_target",
    "allocation_baht",
    "spent_baht",
    "spent_pct_of_allocation",
    "planned_baht",
    "spent_pct_of_plan",
    "disbursement_level",
)


def _number(value: Decimal | None, places: int = 4):
    """JSON: whole numbers as ints, others as floats rounded to `places`; None stays None."""
    if value is None:
        return None
    value = round_half_up(Decimal(value), places)
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(value: Decimal | None, places: int = 4) -> str:
    return "" if value is None else format_number(round_half_up(Decimal(value), places))


def _reporting(c: Completeness) -> dict:
    return {
        "expected": c.expected,
        "on_time": c.on_time,
        "late": c.late,
        "missing": c.missing,
        "pending": c.pending,
        "before_go_live": c.before_go_live,
        "completeness_pct": _number(c.completeness_pct, 2),
        "timeliness_pct": _number(c.timeliness_pct, 2),
    }


def _counts(counts: dict[Level, int]) -> dict:
    return {level.value: counts.get(level, 0) for level in (Level.GREEN, Level.YELLOW, Level.RED, Level.NO_TARGET)}


def _scope(scope: Scope) -> dict:
    return {
        "kind": scope.kind.value,
        "key": scope.key(),
        "label": scope.thai(),
        "year_be": scope.year_be,
        "months": list(scope.months),
    }


def _disbursement(d: DisbursementStatus | None) -> dict | None:
    if d is None:
        return None
    return {
        "allocation_baht": _number(d.allocation, 2),
        "spent_baht": _number(d.spent, 2),
        "spent_pct_of_allocation": _number(d.pct_of_allocation, 2),
        "planned_baht": _number(d.planned, 2),
        "spent_pct_of_plan": _number(d.pct_of_plan, 2),
        "level": d.level.value if d.pct_of_plan is not None else None,
    }


def _csv_disbursement(d: DisbursementStatus | None) -> dict:
    if d is None:
        return {}
    return {
        "allocation_baht": _cell(d.allocation, 2),
        "spent_baht": _cell(d.spent, 2),
        "spent_pct_of_allocation": _cell(d.pct_of_allocation, 2),
        "planned_baht": _cell(d.planned, 2),
        "spent_pct_of_plan": _cell(d.pct_of_plan, 2),
        "disbursement_level": d.level.value if d.pct_of_plan is not None else "",
    }


def _of_unit(money: BudgetRollup | None, unit: UnitStatus) -> DisbursementStatus | None:
    return money.units.get(unit.unit_id) if money else None


def _of_project(money: BudgetRollup | None, unit: UnitStatus, code: str) -> DisbursementStatus | None:
    return money.projects.get((unit.unit_id, code)) if money else None


def records(units: Iterable[UnitStatus], money: BudgetRollup | None = None) -> tuple[list[dict], list[dict]]:
    """(project records, indicator records) of the units, in plan order."""
    projects, indicators = [], []
    for unit in units:
        for project in unit.projects:
            reporting = sum((i.completeness for i in project.indicators), Completeness())
            projects.append(
                {
                    "unit": unit.unit_name,
                    "project_code": project.code,
                    "project_name": project.name,
                    "weight_total": _number(project.weight_total),
                    "percent": _number(project.pct, 2),
                    "level": project.level.value,
                    "level_th": T.LEVEL_WORDS[project.level.value],
                    "indicators": len(project.indicators),
                    "reporting": _reporting(reporting),
                    "disbursement": _disbursement(_of_project(money, unit, project.code)),
                }
            )
            for status in project.indicators:
                rating, ind = status.rating, status.indicator
                indicators.append(
                    {
                        "unit": unit.unit_name,
                        "project_code": project.code,
                        "indicator_no": ind.number,
                        "indicator_name": ind.name,
                        "kind": ind.kind if ind.higher_is_better else f"{ind.kind}:lower",
                        "unit_of_measure": ind.unit_of_measure,
                        "weight_pct": _number(ind.weight_pct),
                        "target": _number(rating.target),
                        "result": _number(rating.result),
                        "percent": _number(rating.pct, 2),
                        "level": rating.level.value,
                        "level_th": T.LEVEL_WORDS[rating.level.value],
                        "reports": {str(m): s.value for m, s in status.reports.items()},
                        "reporting": _reporting(status.completeness),
                    }
                )
    return projects, indicators


def unit_json(unit: UnitStatus, money: BudgetRollup | None = None) -> dict:
    projects, indicators = records([unit], money)
    return {
        "scope": _scope(unit.scope),
        "unit": unit.unit_name,
        "level_counts": _counts(unit.level_counts),
        "reporting": _reporting(unit.completeness),
        "disbursement": _disbursement(_of_unit(money, unit)),
        "projects": projects,
        "indicators": indicators,
    }


def office_json(office: OfficeStatus, money: BudgetRollup | None = None) -> dict:
    projects, indicators = records(office.units, money)
    counts = office.level_counts
    return {
        "scope": _scope(office.scope),
        "level_counts": _counts(counts),
        "level_shares_pct": {level.value: _number(pct, 2) for level, pct in shares(counts).items()},
        "reporting": _reporting(office.completeness),
        "disbursement": _disbursement(money.office if money else None),
        "units": [
            {
                "unit": u.unit_name,
                "level_counts": _counts(u.level_counts),
                "reporting": _reporting(u.completeness),
                "disbursement": _disbursement(_of_unit(money, u)),
            }
            for u in office.units
        ],
        "units_missing": [u.unit_name for u in office.units_missing()],
        "projects": projects,
        "indicators": indicators,
    }


def write_json(data: dict, stream: IO[str]) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _csv_reporting(c: Completeness) -> dict:
    return {"expected": c.expected, "on_time": c.on_time, "late": c.late, "missing": c.missing, "pending": c.pending}


def _csv_counts(counts: dict[Level, int]) -> dict:
    return {level.value: counts.get(level, 0) for level in (Level.GREEN, Level.YELLOW, Level.RED, Level.NO_TARGET)}


def csv_rows(
    units: Iterable[UnitStatus], office: OfficeStatus | None = None, money: BudgetRollup | None = None
) -> list[dict]:
    rows: list[dict] = []
    if office is not None:
        rows.append(
            {
                "record": "office",
                **_csv_reporting(office.completeness),
                **_csv_counts(office.level_counts),
                **_csv_disbursement(money.office if money else None),
            }
        )
    for unit in units:
        rows.append(
            {
                "record": "unit",
                "unit": unit.unit_name,
                **_csv_reporting(unit.completeness),
                **_csv_counts(unit.level_counts),
                **_csv_disbursement(_of_unit(money, unit)),
            }
        )
        for project in unit.projects:
            reporting = sum((i.completeness for i in project.indicators), Completeness())
            rows.append(
                {
                    "record": "project",
                    "unit": unit.unit_name,
                    "project_code": project.code,
                    "project_name": project.name,
                    "weight_pct": _cell(project.weight_total),
                    "percent": _cell(project.pct, 2),
                    "level": project.level.value,
                    "level_th": T.LEVEL_WORDS[project.level.value],
                    **_csv_reporting(reporting),
                    **_csv_disbursement(_of_project(money, unit, project.code)),
                }
            )
            for status in project.indicators:
                rating, ind = status.rating, status.indicator
                rows.append(
                    {
                        "record": "indicator",
                        "unit": unit.unit_name,
                        "project_code": project.code,
                        "project_name": project.name,
                        "indicator_no": ind.number,
                        "indicator_name": ind.name,
                        "kind": ind.kind if ind.higher_is_better else f"{ind.kind}:lower",
                        "unit_of_measure": ind.unit_of_measure,
                        "weight_pct": _cell(ind.weight_pct),
                        "target": _cell(rating.target),
                        "result": _cell(rating.result),
                        "percent": _cell(rating.pct, 2),
                        "level": rating.level.value,
                        "level_th": T.LEVEL_WORDS[rating.level.value],
                        **_csv_reporting(status.completeness),
                    }
                )
    return rows


def write_csv(rows: list[dict], stream: IO[str]) -> None:
    """The records as CSV; unit, project and indicator names that would read as formulas get a
    leading apostrophe (files.spreadsheet_text)."""
    spreadsheet_text.write_csv(stream, CSV_COLUMNS, rows)


# --------------------------------------------------------------------------------------------
# Text, as in chat


def _completeness_lines(c: Completeness) -> list[str]:
    before = ["  " + T.STATUS_BEFORE_GO_LIVE.format(count=c.before_go_live)] if c.before_go_live else []
    if not c.expected:
        return [f"{T.STATUS_REPORTING_HEAD}: {T.STATUS_NOTHING_EXPECTED}", *before]
    line = T.STATUS_REPORTING.format(on_time=c.on_time, late=c.late, missing=c.missing)
    if c.pending:
        line += T.STATUS_PENDING.format(pending=c.pending)
    return [
        f"{T.STATUS_REPORTING_HEAD}: {line}",
        "  "
        + T.STATUS_COMPLETENESS.format(
            reported=c.reported,
            expected=c.expected,
            pct=fmt_pct(c.completeness_pct, 2),
            timely=fmt_pct(c.timeliness_pct, 2),
        ),
        *before,
    ]


def _counts_line(counts: dict[Level, int]) -> str:
    levels = [Level.GREEN, Level.YELLOW, Level.RED] + ([Level.NO_TARGET] if counts.get(Level.NO_TARGET) else [])
    return " · ".join(
        T.STATUS_LEVEL_COUNT.format(word=T.LEVEL_WORDS[level.value], count=counts.get(level, 0)) for level in levels
    )


def _budget_lines(month: int, d: DisbursementStatus | None) -> list[str]:
    return [] if d is None else [f"{budget_head(month)}: {spent_line(d)}", "  " + plan_line(d)]


def unit_text(unit: UnitStatus, money: BudgetRollup | None = None) -> str:
    lines = [
        T.STATUS_UNIT_TITLE.format(unit=unit.unit_name) + " — " + T.STATUS_SCOPE.format(scope=unit.scope.thai()),
        *_completeness_lines(unit.completeness),
        f"{T.STATUS_LEVELS_HEAD}: {_counts_line(unit.level_counts)}",
        *(_budget_lines(money.month, _of_unit(money, unit)) if money else []),
        "",
    ]
    for project in unit.projects:
        if project.pct is None:
            score = T.STATUS_PROJECT_NO_SCORE
        else:
            score = T.STATUS_PROJECT_SCORE.format(
                pct=format_number(round_half_up(project.pct)), word=T.LEVEL_WORDS[project.level.value]
            )
        spent = _of_project(money, unit, project.code)
        lines.append(f"{project.code} {project.name} — {score}" + (f" | {spent_line(spent)}" if spent else ""))
        if project.pct is not None and project.weight_total != 100:
            lines.append("  " + T.STATUS_WEIGHTS_NOT_100.format(total=format_number(project.weight_total)))
        for status in project.indicators:
            rating, ind = status.rating, status.indicator
            target = (
                figure(ind, rating.target)
                if rating.target is not None
                else ("-" if rating.level == Level.BEFORE_GO_LIVE else T.NO_TARGET)
            )
            result = figure(ind, rating.result) if rating.result is not None else "-"
            pct = fmt_pct(rating.pct) if rating.pct is not None else "-"
            weight = T.STATUS_WEIGHT.format(weight=format_number(ind.weight_pct))
            line = (
                f"  {ind.code} {ind.name} | {T.STATUS_TARGET} {target} | {T.STATUS_RESULT} {result} | {pct} | "
                f"{T.LEVEL_WORDS[rating.level.value]} | {weight}"
            )
            if status.missing_months:
                line += " | " + T.STATUS_MISSING_MONTHS.format(
                    months=" ".join(MONTHS_ABBR[m - 1] for m in status.missing_months)
                )
            lines.append(line)
    return "\n".join(lines) + "\n"


def office_text(office: OfficeStatus, money: BudgetRollup | None = None) -> str:
    counts = office.level_counts
    rated = sum(counts[level] for level in (Level.GREEN, Level.YELLOW, Level.RED))
    share = shares(counts)
    lines = [
        f"{T.STATUS_OFFICE_TITLE} — {T.STATUS_SCOPE.format(scope=office.scope.thai())}",
        T.STATUS_OVERVIEW.format(
            total=rated, green=counts[Level.GREEN], yellow=counts[Level.YELLOW], red=counts[Level.RED]
        )
        + " "
        + T.STATUS_OVERVIEW_SHARES.format(**{k.value: format_number(v) for k, v in share.items()}),
    ]
    if counts[Level.NO_TARGET]:
        lines.append(T.STATUS_OVERVIEW_NO_TARGET.format(count=counts[Level.NO_TARGET]))
    lines += _budget_lines(money.month, money.office) if money else []
    lines += _completeness_lines(office.completeness)
    missing = office.units_missing()
    lines += ["", T.STATUS_UNITS_MISSING_HEAD + ":"]
    lines += [
        T.STATUS_UNIT_MISSING_LINE.format(n=n, unit=u.unit_name, missing=u.completeness.missing)
        for n, u in enumerate(missing, start=1)
    ] or [T.STATUS_UNITS_ALL_IN]
    lines += ["", f"{T.STATUS_LEVELS_HEAD}:"]
    for unit in office.units:
        spent = _of_unit(money, unit)
        lines.append(
            f"{unit.unit_name}: {_counts_line(unit.level_counts)} · "
            + T.STATUS_REPORTING.format(
                on_time=unit.completeness.on_time, late=unit.completeness.late, missing=unit.completeness.missing
            )
            + (f" · {spent_line(spent)}" if spent else "")
        )
    return "\n".join(lines) + "\n"
