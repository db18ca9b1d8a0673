"""All of a month on one page (form/, "กรอกทั้งหมดในหน้าเดียว"): what the page shows and how
what it sends is checked and saved.

Each row is read as the chat reads an answer (handlers.reading: the same parser, the same
checks of the value, the same reading of reasons), asked the chat's plausibility question
(kpi.values.is_far_from_target) and saved through the chat's own path (handlers.saving), so the
same values typed in chat and on the page give the same rows. A row is saved only when it is
complete and valid; the others stay on the page with the reason in Thai. Every ready row is
saved in the caller's one transaction: all of them or, on failure, none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from kpi.indicator import IndicatorView, OfficerView
from kpi.kinds import IndicatorKind
from kpi.periods import Period
from kpi.values import Reason, is_far_from_target, percent_of_target, reason_needed
from models.officer_views import load_officer_view
from models.org import Officer
from presentation import texts as T
from presentation.formatting import fmt_percent

from .conversation_state import SaveValue, other_months_owed, with_value
from .prompts import far_question, still_owed_text, value_text
from .reading import read_button_value, read_reason_for, read_typed_value
from .saving import save_confirmed

#: Kinds answered by buttons on the page (the chat offers the same buttons).
BUTTON_KINDS = (IndicatorKind.LEVEL.value, IndicatorKind.PASS_FAIL.value)


@dataclass(frozen=True)
class Answer:
    """What the page sent for one indicator."""

    indicator_id: int
    typed: str = ""  # the value field, typed as in chat
    button: str | None = None  # a level or pass/fail button's value
    reason: str = ""
    far_ok: str | None = None  # the value the officer confirmed although far from the target

    @property
    def given(self) -> bool:
        return bool(self.typed.strip()) or bool(self.button)


@dataclass(frozen=True)
class Row:
    """One indicator's answer, read and checked."""

    ind: IndicatorView
    answer: Answer
    value: Decimal | None = None
    note: str | None = None
    problem: str | None = None  # why it cannot be saved, in Thai
    far: bool = False  # far from the month's target: asked whether it is right
    reason: Reason = Reason.NONE
    hedge: str | None = None  # typed as approximate ("ประมาณ 30"): read as 30

    @property
    def ready(self) -> bool:
        return self.value is not None and self.problem is None


def read_answer(ind: IndicatorView, period: Period, answer: Answer) -> Row:
    """The value of an answer and what the chat would ask about it next (the plausibility
    question, a reason), before the reason is read: the page's live preview."""
    hedge = None
    if ind.kind in BUTTON_KINDS and answer.button:
        value, problem = read_button_value(ind, answer.button)
    else:
        value, problem, hedge = read_typed_value(ind, answer.typed)
    if problem is not None or value is None:
        return Row(ind, answer, problem=problem)
    far = is_far_from_target(ind, period.month, value)
    return Row(ind, answer, value, far=far, reason=reason_needed(ind, period.month, value), hedge=hedge)


def check_answer(ind: IndicatorView, period: Period, answer: Answer) -> Row:
    """The answer read whole: ready to save, or with the problem that keeps it on the page."""
    row = read_answer(ind, period, answer)
    if row.value is None:
        return row
    if row.far and answer.far_ok != str(row.value):
        question = far_question(ind, period, row.value)
        return Row(ind, answer, row.value, problem=question, far=True, reason=row.reason, hedge=row.hedge)
    note = None
    if row.reason != Reason.NONE:
        note, problem = read_reason_for(ind, period, row.value, answer.reason.strip() or "-")
        if problem is not None:
            return Row(ind, answer, row.value, problem=problem, far=row.far, reason=row.reason, hedge=row.hedge)
    return Row(ind, answer, row.value, note, far=row.far, reason=row.reason, hedge=row.hedge)


def preview(ind: IndicatorView, period: Period, answer: Answer) -> dict[str, object]:
    """What the page shows under a value field as it is typed (the server is the authority)."""
    row = read_answer(ind, period, answer)
    if row.value is None:
        return {"ok": False, "problem": row.problem or ""}
    shown = T.FORM_WILL_SAVE.format(value=value_text(ind, row.value))
    pct = percent_of_target(ind, period.month, row.value)
    return {
        "ok": True,
        "shown": shown,
        "far": row.far,
        "far_value": str(row.value),
        "far_text": far_question(ind, period, row.value).replace("\n", " "),
        "reason": row.reason.value,
        "pct": T.FORM_ACHIEVED.format(pct=fmt_percent(pct)) if pct is not None and row.reason != Reason.NONE else "",
    }


@dataclass(frozen=True)
class MonthPage:
    """The month as the page shows it: owed indicators first, then those sent (to correct)."""

    period: Period
    view: OfficerView
    owed: list[IndicatorView]
    sent: list[IndicatorView]
    other_months: list[Period]  # other months of the year still owed (as the chat names them)

    @property
    def other_months_text(self) -> str:
        return still_owed_text(self.view, self.other_months) if self.other_months else ""

    def indicator(self, indicator_id: int) -> IndicatorView | None:
        return next((i for i in self.owed + self.sent if i.id == indicator_id), None)


def month_page(session: Session, officer: Officer, period: Period, now: datetime, since: Period | None) -> MonthPage:
    """The month for the page; `since`: the go-live month (GO_LIVE_MONTH), as in chat."""
    return page_of(load_officer_view(session, officer, period.year_be), period, now, since)


def page_of(view: OfficerView, period: Period, now: datetime, since: Period | None) -> MonthPage:
    owed = view.pending(period.month)
    sent = view.reported_in(period.month)
    return MonthPage(period, view, owed, sent, other_months_owed(view, period, now, since))


@dataclass(frozen=True)
class Saved:
    ind: IndicatorView
    value: Decimal
    note: str | None
    old: Decimal | None  # the value it corrected
    on_time: bool


@dataclass
class Outcome:
    saved: list[Saved] = field(default_factory=list)
    problems: dict[int, Row] = field(default_factory=dict)  # indicator id → the row kept on the page
    page: MonthPage | None = None  # the month after the saves


def save_month(
    session: Session, officer: Officer, period: Period, answers: list[Answer], now: datetime, since: Period | None
) -> Outcome:
    """Save every complete, valid answer of the officer's own indicators of this month; keep the
    others with their problem. Answers naming any other indicator are ignored."""
    page = month_page(session, officer, period, now, since)
    outcome = Outcome()
    given = {a.indicator_id: a for a in answers if a.given}
    # in plan order, as the page lists them and the chat numbers them: the history reads alike
    rows = [
        check_answer(ind, period, given[ind.id])
        for ind in page.view.indicators
        if ind.id in given and page.indicator(ind.id) is not None
    ]
    for row in rows:
        if not row.ready:
            outcome.problems[row.ind.id] = row
            continue
        assert row.value is not None
        previous = page.view.value(row.ind.id, period.month)
        effect = SaveValue(row.ind.id, period, row.value, row.note, correction=previous is not None)
        save_confirmed(session, officer.id, effect, now)
        outcome.saved.append(
            Saved(row.ind, row.value, row.note, previous.value if previous else None, period.is_on_time(now))
        )
    view = page.view
    for done in outcome.saved:
        view = with_value(view, done.ind.id, period.month, done.value, done.note, now, period)
    outcome.page = page_of(view, period, now, since)
    return outcome
