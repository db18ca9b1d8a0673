"""All of a month on one page (form/, "กรอกทั้งหมดในหน้าเดียว"): what the page shows and how
what it sends is checked and saved.

Each row is read as the chat reads an answer (handlers.reading: the same parser, the same
checks of the value, the same reading of reasons), asked the chat's plausibility question
(kpi.values.is_far_from_target) and saved through the chat's own path (handlers.saving), so the
same values typed in chat and on the page give the same rows. The projects' disbursements the
officer owes are rows too, read likewise (kpi.money, the chat's refund confirmation as a tick,
kpi.disbursement.needs_reason and the chat's reason reading) and saved as the chat's
SaveDisbursement. A row is saved only when it is complete and valid; the others stay on the
page with the reason in Thai. Every ready row is saved in the caller's one transaction: all of
them or, on failure, none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from kpi.disbursement import BudgetView, needs_reason
from kpi.indicator import IndicatorView, OfficerView
from kpi.kinds import IndicatorKind
from kpi.money import read_money
from kpi.periods import Period
from kpi.reasons import ReasonKind, read_reason
from kpi.values import Reason, is_far_from_target, percent_of_target, reason_needed
from models.officer_views import load_officer_view
from models.org import Officer
from presentation import texts as T
from presentation.formatting import fmt_baht, fmt_percent

from .budget_prompts import MONEY_PROBLEMS, amount_reason_question, refund_question
from .conversation_state import SaveDisbursement, SaveValue, other_months_owed, with_spent, with_value
from .prompts import far_question, still_owed_text, value_text
from .reading import read_button_value, read_reason_for, read_typed_value, reason_problem
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
class BudgetAnswer:
    """What the page sent for one project's disbursement of the month."""

    project_id: int
    typed: str = ""  # the amount, typed as in chat (kpi.money)
    refund_ok: str | None = None  # the negative amount the officer confirmed as money given back
    reason: str = ""

    @property
    def given(self) -> bool:
        return bool(self.typed.strip())


@dataclass(frozen=True)
class BudgetRow:
    """One project's amount, read and checked as the chat reads it."""

    budget: BudgetView
    answer: BudgetAnswer
    amount: Decimal | None = None
    note: str | None = None
    problem: str | None = None  # why it cannot be saved, in Thai
    refund: bool = False  # negative: saved only with the refund ticked (the chat's คืนเงิน question)
    reason_needed: bool = False  # past the allocation or far behind the plan (kpi.disbursement)

    @property
    def ready(self) -> bool:
        return self.amount is not None and self.problem is None


def read_amount(budget: BudgetView, period: Period, answer: BudgetAnswer) -> BudgetRow:
    """The amount of an answer and what the chat would ask next (refund, reason): the preview."""
    reading = read_money(answer.typed)
    if reading.amount is None:
        problem = MONEY_PROBLEMS.get(reading.problem, T.MONEY_NOT_AN_AMOUNT)  # type: ignore[arg-type]
        return BudgetRow(budget, answer, problem=problem)
    status = budget.status_with(period.month, reading.amount)
    return BudgetRow(budget, answer, reading.amount, refund=reading.amount < 0, reason_needed=needs_reason(status))


def check_amount(budget: BudgetView, period: Period, answer: BudgetAnswer) -> BudgetRow:
    """The amount read whole: ready to save, or with the problem that keeps it on the page."""
    row = read_amount(budget, period, answer)
    if row.amount is None:
        return row
    if row.refund and not _ticked_for(answer.refund_ok, row.amount):
        question = refund_question(row.amount)
        return BudgetRow(budget, answer, row.amount, problem=question, refund=True, reason_needed=row.reason_needed)
    if not row.reason_needed:
        return row
    reading = read_reason(answer.reason)
    if reading.kind != ReasonKind.OK:  # always required here, as in the chat (ASK_AMOUNT_REASON)
        status = budget.status_with(period.month, row.amount)
        problem = amount_reason_question(status) if not answer.reason.strip() else reason_problem(reading)
        return BudgetRow(budget, answer, row.amount, problem=problem, refund=row.refund, reason_needed=True)
    return BudgetRow(budget, answer, row.amount, reading.note, refund=row.refund, reason_needed=True)


def _ticked_for(ticked: str | None, amount: Decimal) -> bool:
    """The refund tick names the amount it was shown for: a new amount needs a new tick."""
    try:
        return ticked is not None and Decimal(ticked) == amount
    except ArithmeticError:
        return False


def budget_preview(budget: BudgetView, period: Period, answer: BudgetAnswer) -> dict[str, object]:
    """What the page shows under an amount field as it is typed (the server is the authority)."""
    row = read_amount(budget, period, answer)
    if row.amount is None:
        return {"ok": False, "problem": row.problem or ""}
    status = budget.status_with(period.month, row.amount)
    return {
        "ok": True,
        "shown": T.FORM_WILL_SAVE.format(value=fmt_baht(row.amount)),
        "refund": row.refund,
        "refund_value": str(row.amount),
        "refund_text": refund_question(row.amount) if row.refund else "",
        "reason": "required" if row.reason_needed else "none",
        "pct": T.BUDGET_CARD_RATE.format(pct=fmt_percent(status.pct_of_allocation)),
    }


@dataclass(frozen=True)
class MonthPage:
    """The month as the page shows it: owed indicators and disbursements first, then those sent
    (to correct)."""

    period: Period
    view: OfficerView
    owed: list[IndicatorView]
    sent: list[IndicatorView]
    other_months: list[Period]  # other months of the year still owed (as the chat names them)
    owed_budgets: list[BudgetView] = field(default_factory=list)  # disbursements owed, then sent
    sent_budgets: list[BudgetView] = field(default_factory=list)

    @property
    def other_months_text(self) -> str:
        return still_owed_text(self.view, self.other_months) if self.other_months else ""

    def indicator(self, indicator_id: int) -> IndicatorView | None:
        return next((i for i in self.owed + self.sent if i.id == indicator_id), None)

    def budget(self, project_id: int) -> BudgetView | None:
        return next((b for b in self.owed_budgets + self.sent_budgets if b.project_id == project_id), None)

    @property
    def owed_count(self) -> int:
        return len(self.owed) + len(self.owed_budgets)


def month_page(session: Session, officer: Officer, period: Period, now: datetime, since: Period | None) -> MonthPage:
    """The month for the page; `since`: the go-live month (GO_LIVE_MONTH), as in chat."""
    return page_of(load_officer_view(session, officer, period.year_be), period, now, since)


def page_of(view: OfficerView, period: Period, now: datetime, since: Period | None) -> MonthPage:
    owed = view.pending(period.month)
    sent = view.reported_in(period.month)
    others = other_months_owed(view, period, now, since)
    return MonthPage(
        period, view, owed, sent, others, view.budgets_pending(period.month), view.budgets_reported(period.month)
    )


@dataclass(frozen=True)
class Saved:
    ind: IndicatorView
    value: Decimal
    note: str | None
    old: Decimal | None  # the value it corrected
    on_time: bool


@dataclass(frozen=True)
class SavedAmount:
    budget: BudgetView
    amount: Decimal
    note: str | None
    old: Decimal | None  # the amount it corrected
    on_time: bool


@dataclass
class Outcome:
    saved: list[Saved] = field(default_factory=list)
    problems: dict[int, Row] = field(default_factory=dict)  # indicator id → the row kept on the page
    page: MonthPage | None = None  # the month after the saves
    saved_amounts: list[SavedAmount] = field(default_factory=list)
    budget_problems: dict[int, BudgetRow] = field(default_factory=dict)  # project id → the row kept

    @property
    def saved_count(self) -> int:
        return len(self.saved) + len(self.saved_amounts)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + len(self.budget_problems)


def save_month(
    session: Session,
    officer: Officer,
    period: Period,
    answers: list[Answer],
    now: datetime,
    since: Period | None,
    amounts: list[BudgetAnswer] | None = None,
) -> Outcome:
    """Save every complete, valid answer of the officer's own indicators and projects of this
    month; keep the others with their problem. Answers naming any other indicator or project
    are ignored."""
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
    _save_amounts(session, officer, page, amounts or [], now, outcome)
    view = page.view
    for done in outcome.saved:
        view = with_value(view, done.ind.id, period.month, done.value, done.note, now, period)
    for paid in outcome.saved_amounts:
        view = with_spent(view, paid.budget.project_id, period.month, paid.amount)
    outcome.page = page_of(view, period, now, since)
    return outcome


def _save_amounts(
    session: Session, officer: Officer, page: MonthPage, amounts: list[BudgetAnswer], now: datetime, outcome: Outcome
) -> None:
    """The month's disbursements, in the chat's list order, saved as the chat's confirm saves them."""
    period = page.period
    given = {a.project_id: a for a in amounts if a.given}
    for budget in page.view.budgets:
        if budget.project_id not in given or page.budget(budget.project_id) is None:
            continue
        row = check_amount(budget, period, given[budget.project_id])
        if not row.ready:
            outcome.budget_problems[budget.project_id] = row
            continue
        assert row.amount is not None
        previous = budget.spent.get(period.month)
        effect = SaveDisbursement(budget.project_id, period, row.amount, row.note, correction=previous is not None)
        save_confirmed(session, officer.id, effect, now)
        outcome.saved_amounts.append(SavedAmount(budget, row.amount, row.note, previous, period.is_on_time(now)))
