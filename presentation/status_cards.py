"""The status summaries' Flex messages (dicts, checked by the fake LINE in tests): the unit's
summary bubble, a bubble per project with its indicators, the office's roll-up, and packing
bubbles into carousels within LINE's limits (12 bubbles, 50 KB). handlers.status decides who
sees what; this module only draws it."""

from __future__ import annotations

import json
from decimal import Decimal

from kpi.disbursement import DisbursementStatus
from kpi.periods import MONTHS_ABBR
from kpi.rating import IndicatorStatus, Level, OfficeStatus, ProjectRating, ReportStatus, Scope, round_half_up, shares

from . import messages as M
from . import texts as T
from .disbursement_text import budget_head, plan_line, spent_line
from .formatting import figure, fmt_pct, shorten
from .levels import GREEN, RED, YELLOW

COLOURS = {
    Level.GREEN: GREEN,
    Level.YELLOW: YELLOW,
    Level.RED: RED,
    Level.NO_TARGET: "#888888",
    Level.NOT_REPORTED: "#888888",
    Level.BEFORE_GO_LIVE: "#888888",
}
HEADER_BG = "#0B5394"
GREY = "#888888"

MAX_BUBBLES = 12  # per carousel (LINE)
CAROUSEL_BUDGET = 45 * 1024  # of LINE's 50 KB per carousel, leaving room for the SDK's encoding
INDICATORS_PER_BUBBLE = 6
PROJECT_ROWS_IN_SUMMARY = 15
UNITS_IN_OVERVIEW = 8
NAME_CHARS = 90


#: A unit's or the office's disbursement to the end of a month (None: no project with a budget).
Budget = tuple[int, DisbursementStatus | None] | None


def office_bubble(office: OfficeStatus, title: str = T.STATUS_OFFICE_TITLE, budget: Budget = None) -> tuple[dict, str]:
    """The roll-up; `title`: the whole office, or a cut of it (a fund, a strategy)."""
    counts = office.level_counts
    rated = sum(counts[level] for level in (Level.GREEN, Level.YELLOW, Level.RED))
    share = shares(counts)
    overview = T.STATUS_OVERVIEW.format(
        total=rated, green=counts[Level.GREEN], yellow=counts[Level.YELLOW], red=counts[Level.RED]
    )
    lead = overview[: overview.index(":") + 1] + " "
    body = [
        _bold(T.STATUS_LEVELS_HEAD),
        _level_counts_row(counts, with_no_target=False, lead=lead, separator=" "),
        _text(
            T.STATUS_OVERVIEW_SHARES.format(
                **{k.value: M.fmt_percent(v).removeprefix("ร้อยละ ") for k, v in share.items()}
            ),
            size="xs",
            color=GREY,
        ),
    ]
    if counts[Level.NO_TARGET]:
        body.append(_text(T.STATUS_OVERVIEW_NO_TARGET.format(count=counts[Level.NO_TARGET]), size="xs", color=GREY))
    body += [
        *_budget_rows(budget),
        _separator(),
        *_completeness_rows(office.completeness),
        _separator(),
        _bold(T.STATUS_UNITS_MISSING_HEAD),
    ]
    missing = office.units_missing()
    for n, unit in enumerate(missing[:UNITS_IN_OVERVIEW], start=1):
        body.append(
            _text(
                T.STATUS_UNIT_MISSING_LINE.format(n=n, unit=unit.unit_name, missing=unit.completeness.missing),
                size="xs",
                color=RED,
            )
        )
    if len(missing) > UNITS_IN_OVERVIEW:
        body.append(
            _text(T.STATUS_UNITS_MISSING_MORE.format(more=len(missing) - UNITS_IN_OVERVIEW), size="xs", color=GREY)
        )
    if not missing:
        body.append(_text(T.STATUS_UNITS_ALL_IN, size="xs", color=COLOURS[Level.GREEN]))
    bubble = _bubble(title, T.STATUS_SCOPE.format(scope=office.scope.thai()), body)
    alt = T.STATUS_ALT_OFFICE.format(scope=office.scope.thai(), overview=overview, units=len(missing))
    if title != T.STATUS_OFFICE_TITLE:
        alt = f"{title} · {alt}"
    return bubble, alt


# --------------------------------------------------------------------------------------------
# Flex building blocks (dicts, validated by the fake LINE in tests)


def _text(text: str, **style) -> dict:
    return {"type": "text", "text": text or "-", "wrap": True, **style}


def _bold(text: str) -> dict:
    return _text(text, weight="bold", size="sm", margin="md")


def _separator() -> dict:
    return {"type": "separator", "margin": "md"}


def _bubble(title: str, subtitle: str, body: list[dict], header_colour: str = HEADER_BG) -> dict:
    return {
        "type": "bubble",
        "header": {
            "type": "box",
            "layout": "vertical",
            "backgroundColor": header_colour,
            "contents": [
                _text(title, color="#FFFFFF", weight="bold", size="md", maxLines=3),
                _text(subtitle, color="#FFFFFF", size="xs"),
            ],
        },
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }


def _level_counts_row(
    counts: dict[Level, int], with_no_target: bool = True, lead: str = "", separator: str = " · "
) -> dict:
    """One line of level counts, each in its colour and words ("ดี 1 · ปานกลาง 1 · ต่ำ 2")."""
    levels = [Level.GREEN, Level.YELLOW, Level.RED]
    if with_no_target and counts.get(Level.NO_TARGET):
        levels.append(Level.NO_TARGET)
    if with_no_target and counts.get(Level.NOT_REPORTED):
        levels.append(Level.NOT_REPORTED)
    words = [
        T.STATUS_LEVEL_COUNT.format(word=T.LEVEL_WORDS[level.value], count=counts.get(level, 0)) for level in levels
    ]
    spans = [{"type": "span", "text": lead}] if lead else []
    for n, (level, word) in enumerate(zip(levels, words)):
        if n:
            spans.append({"type": "span", "text": separator})
        spans.append({"type": "span", "text": word, "weight": "bold", "color": COLOURS[level]})
    # `text` repeats the line plainly for clients that do not show spans
    return {"type": "text", "text": lead + separator.join(words), "wrap": True, "size": "sm", "contents": spans}


def _no_target(level: Level) -> str:
    """No target figure: none due, or due only before go-live (its level says ก่อนใช้ระบบ)."""
    return "-" if level == Level.BEFORE_GO_LIVE else T.NO_TARGET


def _completeness_rows(completeness) -> list[dict]:
    rows = [_bold(T.STATUS_REPORTING_HEAD)]
    before = (
        [_text(T.STATUS_BEFORE_GO_LIVE.format(count=completeness.before_go_live), size="xs", color=GREY)]
        if completeness.before_go_live
        else []
    )
    if not completeness.expected:
        return rows + [_text(T.STATUS_NOTHING_EXPECTED, size="sm", color=GREY)] + before
    line = T.STATUS_REPORTING.format(on_time=completeness.on_time, late=completeness.late, missing=completeness.missing)
    if completeness.pending:
        line += T.STATUS_PENDING.format(pending=completeness.pending)
    rows.append(_text(line, size="sm", color=RED if completeness.missing else None))
    rows.append(
        _text(
            T.STATUS_COMPLETENESS.format(
                reported=completeness.reported,
                expected=completeness.expected,
                pct=fmt_pct(completeness.completeness_pct),
                timely=fmt_pct(completeness.timeliness_pct),
            ),
            size="xs",
            color=GREY,
        )
    )
    return [_strip_none(r) for r in rows + before]


def _budget_rows(budget: Budget) -> list[dict]:
    """Disbursement against plan, two short lines under the levels (nothing without a budget)."""
    if budget is None or budget[1] is None:
        return []
    month, status = budget
    colour = COLOURS[status.level] if status.pct_of_plan is not None else GREY
    rows = [
        _separator(),
        _bold(budget_head(month)),
        _text(spent_line(status), size="sm"),
        _text(plan_line(status), size="xs", color=colour, weight="bold" if status.pct_of_plan is not None else None),
    ]
    return [_strip_none(row) for row in rows]


def _strip_none(component: dict) -> dict:
    return {k: v for k, v in component.items() if v is not None}


def summary_bubble(
    title: str, scope: Scope, completeness, counts: dict[Level, int], counts_head: str, projects, budget: Budget = None
) -> dict:
    body = [
        *_completeness_rows(completeness),
        _separator(),
        _bold(counts_head),
        _level_counts_row(counts),
        *_budget_rows(budget),
    ]
    if projects:
        body += [_separator(), _bold(T.STATUS_PROJECTS_HEAD)]
        for project in projects[:PROJECT_ROWS_IN_SUMMARY]:
            colour = COLOURS[project.level]
            body.append(
                {
                    "type": "box",
                    "layout": "baseline",
                    "spacing": "sm",
                    "contents": [
                        _text(project.code, size="xs", flex=2, color=GREY),
                        _text(shorten(project.name, 40), size="xs", flex=7, maxLines=2),
                        _text(_whole(project.pct), size="xs", flex=2, color=colour, align="end"),
                        _text(
                            T.LEVEL_WORDS[project.level.value],
                            size="xs",
                            flex=3,
                            color=colour,
                            weight="bold",
                            align="end",
                        ),
                    ],
                }
            )
        if len(projects) > PROJECT_ROWS_IN_SUMMARY:
            body.append(
                _text(
                    T.STATUS_PROJECTS_MORE.format(more=len(projects) - PROJECT_ROWS_IN_SUMMARY), size="xs", color=GREY
                )
            )
    return _bubble(title, T.STATUS_SCOPE.format(scope=scope.thai()), body)


def project_bubbles(project: ProjectRating, show_score: bool) -> list[dict]:
    """One bubble per project (more, marked "(ต่อ)", when it has many indicators). `project` is a
    ProjectRating or anything with its fields (an officer's indicators of one project)."""
    chunks = [
        project.indicators[i : i + INDICATORS_PER_BUBBLE]
        for i in range(0, len(project.indicators), INDICATORS_PER_BUBBLE)
    ] or [()]
    bubbles = []
    for n, chunk in enumerate(chunks):
        title = f"{project.code} {shorten(project.name, 60)}" + (f" {T.STATUS_CONTINUED}" if n else "")
        if show_score:
            if project.pct is None:
                subtitle = T.STATUS_PROJECT_NO_SCORE
            else:
                subtitle = T.STATUS_PROJECT_SCORE.format(
                    pct=M.fmt_number(round_half_up(project.pct)), word=T.LEVEL_WORDS[project.level.value]
                )
            colour = COLOURS[project.level] if project.pct is not None else GREY
        else:
            subtitle, colour = "", HEADER_BG
        body: list[dict] = []
        if show_score and n == 0 and project.pct is not None and project.weight_total != 100:
            body.append(
                _text(T.STATUS_WEIGHTS_NOT_100.format(total=M.fmt_number(project.weight_total)), size="xxs", color=GREY)
            )
        for i, status in enumerate(chunk):
            if i or body:
                body.append(_separator())
            body.append(indicator_block(status))
        bubble = _bubble(title, subtitle or T.STATUS_INDICATOR_LEVELS_HEAD, body, header_colour=colour)
        bubbles.append(bubble)
    return bubbles


def indicator_block(status: IndicatorStatus) -> dict:
    rating = status.rating
    ind = rating.indicator
    colour = COLOURS[rating.level]
    word = T.LEVEL_WORDS[rating.level.value]
    rows = [
        _text(f"{ind.code} {shorten(ind.name, NAME_CHARS)}", size="xs", weight="bold", maxLines=3),
        _pair(T.STATUS_TARGET, figure(ind, rating.target) if rating.target is not None else _no_target(rating.level)),
        _pair(T.STATUS_RESULT, figure(ind, rating.result) if rating.result is not None else "-"),
        {
            "type": "box",
            "layout": "baseline",
            "spacing": "sm",
            "contents": [
                _text(
                    fmt_pct(rating.pct) if rating.pct is not None else "-",
                    size="sm",
                    weight="bold",
                    color=colour,
                    flex=4,
                ),
                _text(word, size="sm", weight="bold", color=colour, flex=4, align="end"),
            ],
        },
    ]
    notes = [T.STATUS_WEIGHT.format(weight=M.fmt_number(ind.weight_pct))]
    missing = [m for m, s in status.reports.items() if s == ReportStatus.MISSING]
    late = [m for m, s in status.reports.items() if s == ReportStatus.LATE]
    if missing:
        notes.append(T.STATUS_MISSING_MONTHS.format(months=" ".join(MONTHS_ABBR[m - 1] for m in missing)))
    if late:
        notes.append(T.STATUS_LATE_MONTHS.format(months=" ".join(MONTHS_ABBR[m - 1] for m in late)))
    rows.append(_text(" · ".join(notes), size="xxs", color=RED if missing else GREY))
    return {"type": "box", "layout": "vertical", "spacing": "xs", "margin": "md", "contents": rows}


def _pair(label: str, value: str) -> dict:
    return {
        "type": "box",
        "layout": "baseline",
        "spacing": "sm",
        "contents": [_text(label, size="xs", color=GREY, flex=2), _text(value, size="xs", flex=7)],
    }


def pack_carousels(items: list[tuple[str, dict]]) -> list[list[tuple[str, dict]]]:
    """(key, bubble) pairs in order, as carousels of at most 12 bubbles within the size limit."""
    carousels: list[list[tuple[str, dict]]] = []
    current: list[tuple[str, dict]] = []
    size = 0
    for key, bubble in items:
        bubble_size = _json_size(bubble) + 1
        if current and (len(current) == MAX_BUBBLES or size + bubble_size > CAROUSEL_BUDGET):
            carousels.append(current)
            current, size = [], 0
        current.append((key, bubble))
        size += bubble_size
    if current:
        carousels.append(current)
    return carousels


def _json_size(value) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Figures


def _whole(pct: Decimal | None) -> str:
    """'120' (the summary's column is headed ร้อยละ)."""
    return "-" if pct is None else M.fmt_number(round_half_up(pct))
