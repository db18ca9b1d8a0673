"""Pure builders of the reminder messages: one text message each, with quick-reply buttons.

A reminder costs one message of the LINE quota per recipient. It names the period and the
pending indicators (code and a short name, a phone screen's worth) and offers a button that
starts the reporting conversation on the first of them (postback act=report&p=…&i=…).
"""
from __future__ import annotations

from datetime import date
from typing import Sequence

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
DIGEST_MAX_PEOPLE = 15   # officers listed in a digest
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


def digest_message(period: Period, urgency: Urgency, today: date, unit_name: str,
                   missing: Sequence[OfficerStatus]) -> TextMessage:
    """To a supervisor: who in the unit still owes what for the period."""
    due = period.due_date()
    head = T.DIGEST_HEAD_OVERDUE if today > due or urgency == Urgency.OVERDUE else T.DIGEST_HEAD
    lines = [head.format(period=period.thai(), due=thai_date(due), unit=unit_name, people=len(missing),
                         count=sum(len(p.pending) for p in missing))]
    lines += [person_line(p) for p in missing[:DIGEST_MAX_PEOPLE]]
    if len(missing) > DIGEST_MAX_PEOPLE:
        lines.append(T.DIGEST_MORE_PEOPLE.format(more=len(missing) - DIGEST_MAX_PEOPLE))
    lines.append(T.DIGEST_HOW)
    return M.text("\n".join(lines), [M.say(T.BTN_NUDGE)])


def quota_notice_message(round_label: str, period: Period, sent: int, total: int) -> TextMessage:
    """To planners: a round did not fit this month's LINE quota (identical for all of them)."""
    return M.text(T.QUOTA_NOTICE.format(round=round_label, period=period.thai(), sent=sent, total=total,
                                        cut=total - sent))
