"""The charts' data: an indicator's monthly targets and results, a unit's projects, monthly
reporting and levels, and the chat's picture ("กราฟ") for each role, as scenes dashboard.charts
draws (inline SVG on the pages, PNG for LINE)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kpi.periods import MONTHS_ABBR, reporting_period
from kpi.rating import (
    RATED_LEVELS,
    Completeness,
    Level,
    Scope,
    UnitStatus,
    rate_office,
    round_half_up,
)
from models.org import Officer, Role
from models.status_queries import load_status_data

from . import charts as C
from .data import (
    LEVEL_COLOURS,
    indicator_chart,
    level_word,
    month_reports,
    thai_datetime,
    whole_year_reports,
)


def projects_chart(status: UnitStatus) -> C.Chart:
    """Each project's weighted % of its target in the scope, coloured by level, against 100 %."""
    projects = [p for p in status.projects]
    values = [round_half_up(p.pct, 2) if p.pct is not None else None for p in projects]
    colours = [LEVEL_COLOURS[p.level] for p in projects]
    return C.Chart(
        f"ร้อยละของเป้าหมายรายโครงการ · {status.unit_name}",
        [p.code for p in projects],
        [C.Series("ร้อยละของเป้าหมาย", values, "bar", C.RESULT, colors=colours, labels=True)],
        subtitle=status.scope.thai(),
        left_label="ร้อยละ",
        reference=100,
        reference_label="เป้าหมาย 100",
        legend=False,
        note="สีตามระดับ: เขียว ดี (100 ขึ้นไป) · เหลือง ปานกลาง (50–99) · แดง ต่ำ (ต่ำกว่า 50)",
    )


def reporting_chart(title: str, months: dict[int, Completeness] | list[Completeness], year_be: int) -> C.Chart:
    """Reports expected each month, stacked by how they came in."""
    by_month = months if isinstance(months, dict) else {m: c for m, c in enumerate(months, start=1)}
    keys = sorted(by_month)

    def series(name, attr, colour):
        return C.Series(name, [getattr(by_month[m], attr) or None for m in keys], "bar", colour, stack="r")

    return C.Chart(
        title,
        [MONTHS_ABBR[m - 1] for m in keys],
        [
            series("ตรงเวลา", "on_time", C.GREEN),
            series("ล่าช้า", "late", C.YELLOW),
            series("ยังไม่ส่ง", "missing", C.RED),
            series("รอส่ง", "pending", C.GREY),
        ],
        subtitle=f"จำนวนรายการที่ต้องรายงานแต่ละเดือน ปี {year_be}",
        left_label="รายการ",
        whole=True,
    )


def levels_chart(title: str, counts: dict[Level, int], scope: Scope) -> C.Chart:
    levels = list(RATED_LEVELS) + [Level.NO_TARGET]
    return C.Chart(
        title,
        [level_word(lv) for lv in levels],
        [
            C.Series(
                "งาน/โครงการ",
                [counts.get(lv, 0) for lv in levels],
                "bar",
                C.RESULT,
                colors=[LEVEL_COLOURS[lv] for lv in levels],
                labels=True,
            )
        ],
        subtitle=scope.thai(),
        left_label="โครงการ",
        legend=False,
        whole=True,
    )


# -- the picture sent in chat ("กราฟ") ---------------------------------------------------------

MAX_PANELS = 8


def chat_picture(session: Session, officer: Officer, year_be: int, now: datetime) -> C.Scene | None:
    """An officer: a chart per indicator they report; a supervisor: their unit's projects and
    reporting; a planner: the office's reporting and levels. None when there is nothing to draw."""
    as_of = reporting_period(now)
    scope = Scope.year_to_date(year_be, as_of)
    if officer.role == Role.PLANNER.value:
        data = load_status_data(session, year_be)
        if not data:
            return None
        units = [d.rate(scope, now) for d in data]
        office = rate_office(units, scope)
        monthly = {m: Completeness() for m in range(1, 13)}
        for d in data:
            reports = whole_year_reports(d, year_be, now)
            for m in monthly:
                monthly[m] = monthly[m] + month_reports(reports, m)
        panels = [
            C.layout(reporting_chart("การส่งรายงานทั้งสำนักงาน", monthly, year_be), 560, 300),
            C.layout(levels_chart("งาน/โครงการตามระดับผล (ทั้งสำนักงาน)", office.level_counts, scope), 560, 300),
        ]
        return C.grid(panels, 2, "ภาพรวมสำนักงานประกันสังคม", f"ข้อมูล ณ {_thai_now(now)}")
    if officer.role == Role.SUPERVISOR.value:
        data = load_status_data(session, year_be, unit_id=officer.unit_id)
        if not data:
            return None
        status = data[0].rate(scope, now)
        reports = whole_year_reports(data[0], year_be, now)
        monthly = {m: month_reports(reports, m) for m in range(1, 13)}
        panels = [
            C.layout(projects_chart(status), 560, 300),
            C.layout(reporting_chart("การส่งรายงานรายเดือน", monthly, year_be), 560, 300),
        ]
        return C.grid(panels, 2, officer.unit.name, f"ข้อมูล ณ {_thai_now(now)}")
    data = load_status_data(session, year_be, officer_id=officer.id)
    indicators = [(ind, d) for d in data for ind in d.indicators]
    if not indicators:
        return None
    panels = []
    for ind, d in indicators[:MAX_PANELS]:
        values = {m: v for (i, m), v in d.reported.items() if i == ind.id}
        panels.append(C.layout(indicator_chart(ind, values, year_be, as_of), 560, 300))
    more = len(indicators) - MAX_PANELS
    subtitle = f"ข้อมูล ณ {_thai_now(now)}" + (f" · แสดง {MAX_PANELS} จาก {len(indicators)} ตัวชี้วัด" if more > 0 else "")
    return C.grid(panels, 2, f"ตัวชี้วัดของคุณ{officer.display_name}", subtitle)


def _thai_now(now: datetime) -> str:
    return thai_datetime(now)
