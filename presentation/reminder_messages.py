"""Pure builders of the reminder messages: one text message each, with quick-reply buttons.

A reminder costs one message of the LINE quota per recipient. It names the period and the
pending indicators (code and a short name, a phone screen's worth) and the projects whose
disbursement is still to report, and offers a button that starts the reporting conversation on
the first of them (postback act=report&p=…&i=… or b=… for a disbursement). Earlier
months of the year still owed add one line ("ยังค้าง ส.ค., ก.ย. 2569 (3 ตัวชี้วัด)") and a
button that opens the oldest of them (act=report&p=…); a reminder about earlier months only
lists their indicators under a headline naming those months.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import groupby
from typing import TypeVar

from linebot.v3.messaging import TextMessage

from kpi.disbursement import BudgetView
from kpi.indicator import IndicatorView
from kpi.periods import Period, thai_date, thai_months
from kpi.reminders import OfficerStatus, Owed
from kpi.rounds import Urgency
from kpi.workdays import thai_weekday

from . import messages as M
from . import texts as T
from .formatting import count_items

NAME_MAX = 40  # characters of an indicator name in a reminder line
MAX_LINES = 8  # indicator lines in a reminder
DIGEST_MAX_PEOPLE = 15  # lines of officers (and their units' headings) in a digest
DIGEST_MAX_CODES = 6  # codes listed per officer in a digest
_Item = TypeVar("_Item")


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


def pending_lines(pending: Sequence[IndicatorView], months: dict[int, str] | None = None) -> list[str]:
    """The indicators, at most MAX_LINES lines; `months`: indicator id → the months it is owed."""
    lines = [T.REMIND_PENDING.format(count=len(pending))]
    shown = pending if len(pending) <= MAX_LINES else pending[: MAX_LINES - 1]
    for i in shown:
        if months:
            lines.append(T.REMIND_LINE_MONTHS.format(code=i.code, name=short_name(i.name), months=months[i.id]))
        else:
            lines.append(T.REMIND_LINE.format(code=i.code, name=short_name(i.name)))
    if len(shown) < len(pending):
        lines.append(T.REMIND_MORE.format(more=len(pending) - len(shown)))
    return lines


def older_indicators(older: Sequence[Owed]) -> list[IndicatorView]:
    """The indicators owed for earlier months, each once, in plan order of first appearance."""
    return _each_once([i for owed in older for i in owed.pending], lambda i: i.id)


def _each_once(items: Sequence[_Item], key: Callable[[_Item], int]) -> list[_Item]:
    """The items without repeats (by key), in order of first appearance."""
    seen: dict[int, _Item] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def older_months(older: Sequence[Owed], year: bool = True) -> str:
    """'ส.ค., ก.ย. 2569'."""
    return thai_months((o.period for o in older), year=year)


def older_budgets(older: Sequence[Owed]) -> list[BudgetView]:
    """The projects whose disbursement is owed for earlier months, each once."""
    return _each_once([b for owed in older for b in owed.budgets], lambda b: b.project_id)


def older_count(older: Sequence[Owed]) -> str:
    """'3 ตัวชี้วัด', '3 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ'."""
    return count_items(len(older_indicators(older)), len(older_budgets(older)))


def older_line(older: Sequence[Owed]) -> str:
    """The one line a reminder spends on earlier months: 'ยังค้าง ส.ค., ก.ย. 2569 (3 ตัวชี้วัด)'."""
    return T.REMIND_OLDER.format(months=older_months(older), count=older_count(older))


def budget_lines(budgets: Sequence[BudgetView], months: dict[int, str] | None = None) -> list[str]:
    """The projects whose disbursement is owed (with their months when more than one)."""
    if not budgets:
        return []
    lines = [T.REMIND_BUDGETS.format(count=len(budgets))]
    for b in budgets[:MAX_LINES]:
        line = T.REMIND_BUDGET_LINE.format(code=b.project_code, name=short_name(b.project_name))
        lines.append(line + (f" ({months[b.project_id]})" if months else ""))
    return lines


def reminder_message(
    period: Period,
    urgency: Urgency,
    today: date,
    pending: Sequence[IndicatorView],
    sender: str | None = None,
    snooze: bool = True,
    older: Sequence[Owed] = (),
    budgets: Sequence[BudgetView] = (),
    form_url: Callable[[Period], str] | None = None,
) -> TextMessage:
    """A round's reminder (sender None) or a nudge (sender 'supervisor' or 'planner'); `snooze`
    offers "เตือนพรุ่งนี้" (only when a later round of the period is left to skip). `older`:
    earlier months of the year still owed; `budgets`: the period's disbursements owed; without
    `pending` or `budgets` the reminder is about earlier months only. `form_url`: the month's
    page (presentation.form_links), a button when two or more items are owed in the month
    the first button reports (in the same message: no push more)."""
    lines, actions = [], []
    oldest = older[0] if older else None
    month_button = T.BTN_REPORT_MONTH.format(month=oldest.period.thai_short()) if oldest else None
    if pending:
        first = pending[0]
        button = T.BTN_REPORT_FIRST.format(code=first.code)
        subject = period.thai()
        actions.append(M.postback(button, act="report", p=period.key(), i=first.id))
    elif budgets:
        button = T.BTN_REPORT_BUDGET.format(code=budgets[0].project_code)
        subject = period.thai()
        actions.append(M.postback(button, act="report", p=period.key(), b=budgets[0].project_id))
    elif oldest is not None:
        button = month_button
        subject = T.REMIND_OLDER_SUBJECT.format(months=older_months(older))
    else:
        raise ValueError("a reminder about nothing")
    if oldest is not None:
        actions.append(M.postback(month_button, act="report", p=oldest.period.key()))
    # The month's page holds indicators and disbursements: it is offered for the month the first
    # button reports when two or more of its items are owed.
    page_month = period if pending or budgets else oldest.period if oldest else None
    if pending or budgets:
        page_owed = len(pending) + len(budgets)
    else:
        page_owed = len(oldest.pending) + len(oldest.budgets) if oldest else 0
    if form_url is not None and page_month is not None and page_owed >= 2:
        actions.insert(1, M.link(T.BTN_FORM_PAGE, form_url(page_month)))
    if sender is not None:
        lines.append(
            (T.REMIND_FROM_PLANNER if sender == "planner" else T.REMIND_FROM_SUPERVISOR).format(period=subject)
        )
    if pending or budgets:
        lines.append(headline(urgency, period, today))
        if pending:
            lines += pending_lines(pending)
        lines += budget_lines(budgets)
        if older:
            lines.append(older_line(older))
    else:
        lines.append(T.REMIND_BACKLOG.format(months=older_months(older)))
        owed = older_indicators(older)
        owed_budgets = older_budgets(older)
        months = budget_months = None
        if len(older) > 1:
            months = {
                i.id: thai_months([o.period for o in older if any(x.id == i.id for x in o.pending)], year=False)
                for i in owed
            }
            budget_months = {
                b.project_id: thai_months(
                    [o.period for o in older if any(x.project_id == b.project_id for x in o.budgets)], year=False
                )
                for b in owed_budgets
            }
        if owed:
            lines += pending_lines(owed, months)
        lines += budget_lines(owed_budgets, budget_months)
    snooze = snooze and bool(pending or budgets)
    lines.append((T.REMIND_HOW if snooze else T.REMIND_HOW_NO_SNOOZE).format(button=M.short_label(button)))
    if snooze:
        actions.append(M.say(T.BTN_SNOOZE))
    return M.text("\n".join(lines), actions)


def _codes(owed: Sequence[str]) -> str:
    codes = ", ".join(owed[:DIGEST_MAX_CODES])
    if len(owed) > DIGEST_MAX_CODES:
        codes += T.DIGEST_MORE_CODES.format(more=len(owed) - DIGEST_MAX_CODES)
    return codes


def owed_text(person: OfficerStatus) -> str:
    """What one officer owes, compactly: 'P07/2, P07/3, เบิกจ่าย P01; ค้าง ส.ค., ก.ย. (3 ตัวชี้วัด)'."""
    codes = [i.code for i in person.pending] + [
        T.DIGEST_BUDGET_CODE.format(code=b.project_code) for b in person.budgets
    ]
    parts = [_codes(codes)] if codes else []
    if person.older:
        parts.append(
            T.DIGEST_OLDER.format(months=older_months(person.older, year=False), count=older_count(person.older))
        )
    return T.DIGEST_OLDER_SEP.join(parts)


def person_line(person: OfficerStatus, template: str = T.DIGEST_LINE) -> str:
    line = template.format(name=person.display_name, codes=owed_text(person))
    if not person.bound:
        line += T.DIGEST_UNBOUND
    elif person.blocked:
        line += T.DIGEST_BLOCKED
    return line


def spans_units(people: Sequence[OfficerStatus], own_unit_id: int | None) -> bool:
    """Whether a supervisor's list reaches past their own unit (then it is grouped by unit)."""
    return any(p.unit_id != own_unit_id for p in people) if own_unit_id is not None else False


def people_lines(
    people: Sequence[OfficerStatus],
    own_unit_id: int | None,
    max_lines: int,
    line: Callable[[OfficerStatus], str] = person_line,
    more: str | None = T.DIGEST_MORE_PEOPLE,
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
            for person in members[: max_lines - len(lines)]:
                lines.append(line(person))
                shown += 1
    if more and shown < len(people):
        lines.append(more.format(more=len(people) - shown))
    return lines


def digest_message(
    period: Period,
    urgency: Urgency,
    today: date,
    unit_name: str,
    missing: Sequence[OfficerStatus],
    own_unit_id: int | None = None,
) -> TextMessage:
    """To a supervisor: who in their unit (and the units below it) still owes what, for the
    period and for earlier months of the year. The heading counts the period's officers and
    those behind on earlier months; a list reaching past the own unit is given unit by unit."""
    due = period.due_date()
    current = [p for p in missing if p.owes_period]
    behind = [p for p in missing if p.older]
    units = spans_units(missing, own_unit_id)
    if current:
        overdue = today > due or urgency == Urgency.OVERDUE
        if units:
            head = T.DIGEST_HEAD_OVERDUE_UNITS if overdue else T.DIGEST_HEAD_UNITS
        else:
            head = T.DIGEST_HEAD_OVERDUE if overdue else T.DIGEST_HEAD
        head = head.format(
            period=period.thai(),
            due=thai_date(due),
            unit=unit_name,
            people=len(current),
            units=len({p.unit_id for p in current}),
            count=count_items(sum(len(p.pending) for p in current), sum(len(p.budgets) for p in current)),
        )
    else:
        head = (T.DIGEST_HEAD_ONLY_OLDER_UNITS if units else T.DIGEST_HEAD_ONLY_OLDER).format(
            period=period.thai(), unit=unit_name
        )
    if behind:
        head += T.DIGEST_HEAD_OLDER.format(people=len(behind))
    lines = [head + T.DIGEST_HEAD_END, *people_lines(missing, own_unit_id, DIGEST_MAX_PEOPLE), T.DIGEST_HOW]
    return M.text("\n".join(lines), [M.say(T.BTN_NUDGE)])


def quota_notice_message(round_label: str, period: Period, sent: int, total: int) -> TextMessage:
    """To planners: a round did not fit this month's LINE quota (identical for all of them)."""
    return M.text(
        T.QUOTA_NOTICE.format(round=round_label, period=period.thai(), sent=sent, total=total, cut=total - sent)
    )
