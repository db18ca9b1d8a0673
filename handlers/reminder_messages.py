"""Pure builders of the reminder messages: one text message each, with quick-reply buttons.

A reminder costs one message of the LINE quota per recipient. It names the period and the
pending indicators (code and a short name, a phone screen's worth) and offers a button that
starts the reporting conversation on the first of them (postback act=report&p=…&i=…).
"""
from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Callable, Sequence

from linebot.v3.messaging import TextMessage

from kpi.indicator import IndicatorView
from kpi.periods import Period, thai_date
from kpi.reminders import OfficerStatus
from kpi.rounds import Urgency
from kpi.workdays import thai_weekday

from . import messages as M
from . import texts as T

NAME_MAX = 40            # characters of an indicator name in a reminder line
MAX_LINES = 8            # indicator lines in a reminder
DIGEST_MAX_PEOPLE = 15   # lines of officers (and their units' headings) in a digest
DIGEST_MAX_CODES = 6     # codes listed per officer in a digest


LEADING_VOWELS = "เแโใไ"  # written before the consonant they follow in speech: never end a cut on one


def short_name(name: str, limit: int = NAME_MAX) -> str:
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    return name[: limit - 1].rstrip(" " + LEADING_VOWELS) + "…"


def headline(urgency: Urgency, period: Period, today: date) -> str:
    """The first line: the period, its due date and how close it is, as of `today`."""
    due = period.due_date()
    args = dict(period=period.thai(), due=thai_date(due))
    if today > due or urgency == Urgency.OVERDUE:
        return T.REMIND_OVERDUE.format(**args)
    if today == due:
        return T.REMIND_DUE_TODAY.format(**args)
    if urgency == Urgency.DUE:
        return T.REMIND_DUE_AHEAD.format(weekday=thai_weekday(due), **args)
    if urgency == Urgency.OPEN:
        return T.REMIND_OPEN.format(**args)
    return T.REMIND_SOON.format(days=(due - today).days, **args)


def pending_lines(pending: Sequence[IndicatorView]) -> list[str]:
    lines = [T.REMIND_PENDING.format(count=len(pending))]
    shown = pending if len(pending) <= MAX_LINES else pending[: MAX_LINES - 1]
    lines += [T.REMIND_LINE.format(code=i.code, name=short_name(i.name)) for i in shown]
    if len(shown) < len(pending):
        lines.append(T.REMIND_MORE.format(more=len(pending) - len(shown)))
    return lines


def reminder_message(period: Period, urgency: Urgency, today: date, pending: Sequence[IndicatorView],
                     sender: str | None = None, snooze: bool = True) -> TextMessage:
    """A round's reminder (sender None) or a nudge (sender 'supervisor' or 'planner'); `snooze`
    offers "เตือนพรุ่งนี้" (only when a later round of the period is left to skip)."""
    first = pending[0]
    button = T.BTN_REPORT_FIRST.format(code=first.code)
    lines = []
    if sender is not None:
        lines.append((T.REMIND_FROM_PLANNER if sender == "planner" else T.REMIND_FROM_SUPERVISOR)
                     .format(period=period.thai()))
    lines.append(headline(urgency, period, today))
    lines += pending_lines(pending)
    lines.append((T.REMIND_HOW if snooze else T.REMIND_HOW_NO_SNOOZE).format(button=M.short_label(button)))
    actions = [M.postback(button, act="report", p=period.key(), i=first.id)]
    if snooze:
        actions.append(M.say(T.BTN_SNOOZE))
    return M.text("\n".join(lines), actions)


def _codes(pending: Sequence[IndicatorView]) -> str:
    codes = ", ".join(i.code for i in pending[:DIGEST_MAX_CODES])
    if len(pending) > DIGEST_MAX_CODES:
        codes += T.DIGEST_MORE_CODES.format(more=len(pending) - DIGEST_MAX_CODES)
    return codes


def person_line(person: OfficerStatus, template: str = T.DIGEST_LINE) -> str:
    line = template.format(name=person.display_name, codes=_codes(person.pending))
    if not person.bound:
        line += T.DIGEST_UNBOUND
    elif person.blocked:
        line += T.DIGEST_BLOCKED
    return line


def spans_units(people: Sequence[OfficerStatus], own_unit_id: int | None) -> bool:
    """Whether a supervisor's list reaches past their own unit (then it is grouped by unit)."""
    return any(p.unit_id != own_unit_id for p in people) if own_unit_id is not None else False


def people_lines(people: Sequence[OfficerStatus], own_unit_id: int | None, max_lines: int,
                 line: Callable[[OfficerStatus], str] = person_line, more: str | None = T.DIGEST_MORE_PEOPLE
                 ) -> list[str]:
    """A line per officer, at most `max_lines`, then "…และอีก N คน" (`more`). Officers of the
    supervisor's own unit only: one plain list, as always. Officers of the units below it too
    (given unit by unit): under a heading per unit with its count, the headings counted in
    `max_lines`, so a province with its branches still fits a phone screen."""
    if not spans_units(people, own_unit_id):
        lines = [line(p) for p in people[:max_lines]]
        shown = len(lines)
    else:
        lines, shown = [], 0
        for _, group in groupby(people, key=lambda p: p.unit_id):
            members = list(group)
            if len(lines) + 2 > max_lines:  # a heading needs one officer under it
                break
            lines.append(T.GROUP_UNIT_HEAD.format(unit=M.short_unit(members[0].unit_name), people=len(members)))
            for person in members[:max_lines - len(lines)]:
                lines.append(line(person))
                shown += 1
    if more and shown < len(people):
        lines.append(more.format(more=len(people) - shown))
    return lines


def digest_message(period: Period, urgency: Urgency, today: date, unit_name: str,
                   missing: Sequence[OfficerStatus], own_unit_id: int | None = None) -> TextMessage:
    """To a supervisor: who in their unit (and the units below it) still owes what for the period."""
    due = period.due_date()
    overdue = today > due or urgency == Urgency.OVERDUE
    args = dict(period=period.thai(), due=thai_date(due), unit=unit_name, people=len(missing),
                count=sum(len(p.pending) for p in missing))
    if spans_units(missing, own_unit_id):
        head = T.DIGEST_HEAD_OVERDUE_UNITS if overdue else T.DIGEST_HEAD_UNITS
        args["units"] = len({p.unit_id for p in missing})
    else:
        head = T.DIGEST_HEAD_OVERDUE if overdue else T.DIGEST_HEAD
    lines = [head.format(**args), *people_lines(missing, own_unit_id, DIGEST_MAX_PEOPLE), T.DIGEST_HOW]
    return M.text("\n".join(lines), [M.say(T.BTN_NUDGE)])


def quota_notice_message(round_label: str, period: Period, sent: int, total: int) -> TextMessage:
    """To planners: a round did not fit this month's LINE quota (identical for all of them)."""
    return M.text(T.QUOTA_NOTICE.format(round=round_label, period=period.thai(), sent=sent, total=total,
                                        cut=total - sent))
