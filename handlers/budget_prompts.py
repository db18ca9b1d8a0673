"""What the disbursement states of the reporting conversation show: the project's card and
the amount question, the refund question, the reason question and the confirmation card
(handlers.prompts does the same for an indicator's value)."""

from __future__ import annotations

from decimal import Decimal

from linebot.v3.messaging import Action, Message

from kpi.disbursement import BudgetView, DisbursementStatus, needs_reason, spent_to
from kpi.money import MoneyProblem
from kpi.periods import Period, thai_date
from presentation import messages as M
from presentation import texts as T
from presentation.formatting import fmt_baht, fmt_percent
from presentation.levels import level_colour

from .conversation_state import Conv, Ctx, current_budget, value_of

MONEY_PROBLEMS = {
    MoneyProblem.EMPTY: T.MONEY_EMPTY,
    MoneyProblem.NOT_AN_AMOUNT: T.MONEY_NOT_AN_AMOUNT,
    MoneyProblem.TWO_AMOUNTS: T.MONEY_TWO_AMOUNTS,
    MoneyProblem.TOO_LARGE: T.MONEY_TOO_LARGE,
    MoneyProblem.TOO_PRECISE: T.MONEY_TOO_PRECISE,
    MoneyProblem.PERCENT: T.MONEY_PERCENT,
    MoneyProblem.NOT_BAHT: T.MONEY_NOT_BAHT,
    MoneyProblem.APPROXIMATE: T.MONEY_APPROXIMATE,
}


def prompt_amount(conv: Conv, ctx: Ctx) -> list[Message]:
    """The project's card (allocation, the month's plan, spent so far, the cumulative rate),
    then the question."""
    budget, period = current_budget(conv, ctx)
    lines = [T.BUDGET_CARD_TITLE.format(code=budget.project_code, name=budget.project_name)]
    lines += budget_facts(budget, period)
    return [M.text("\n".join(lines)), M.text(amount_question(conv, ctx), amount_actions())]


def budget_facts(budget: BudgetView, period: Period) -> list[str]:
    """The card's lines under its title: the chat's card and the month's page show the same."""
    month = period.month
    status = budget.status_with(month, budget.spent.get(month, Decimal(0)))
    lines = [T.BUDGET_CARD_ALLOCATION.format(amount=fmt_baht(budget.plan.allocation))]
    planned_in = budget.plan.planned_in(month)
    if planned_in is not None:
        lines.append(T.BUDGET_CARD_MONTH_PLAN.format(month=period.thai(), amount=fmt_baht(planned_in)))
        lines.append(T.BUDGET_CARD_PLAN_TO.format(amount=fmt_baht(status.planned or 0)))
    lines.append(T.BUDGET_CARD_SPENT.format(amount=fmt_baht(spent_to(budget.spent, 12))))
    lines.append(T.BUDGET_CARD_RATE.format(pct=fmt_percent(status.pct_of_allocation)))
    if status.pct_of_plan is not None:
        lines.append(T.BUDGET_CARD_RATE_PLAN.format(pct=fmt_percent(status.pct_of_plan)))
    if month in budget.spent:
        lines.append(T.BUDGET_CARD_CURRENT.format(amount=fmt_baht(budget.spent[month])))
    return lines


def amount_question(conv: Conv, ctx: Ctx) -> str:
    return T.ASK_AMOUNT.format(month=current_budget(conv, ctx)[1].thai())


def amount_actions() -> list[Action]:
    return [M.say(T.BTN_NO_SPENDING), M.say(T.BTN_CANCEL), M.say(T.BTN_HELP)]


def prompt_refund(conv: Conv, ctx: Ctx) -> list[Message]:
    buttons = [
        M.postback(T.BTN_REFUND_YES, act="refund", ok=1),
        M.postback(T.BTN_NO_RETYPE, act="refund", ok=0),
        M.say(T.BTN_CANCEL),
    ]
    return [M.text(refund_question(value_of(conv)), buttons)]


def refund_question(amount: Decimal) -> str:
    """Is a negative amount money given back? The chat's question and the month's page's."""
    return T.ASK_REFUND.format(amount=fmt_baht(amount))


def status_of(conv: Conv, ctx: Ctx) -> tuple[BudgetView, DisbursementStatus]:
    """The project and its cumulative position with the amount the conversation holds."""
    budget, period = current_budget(conv, ctx)
    return budget, budget.status_with(period.month, value_of(conv))


def reason_applies(conv: Conv, ctx: Ctx) -> bool:
    return needs_reason(status_of(conv, ctx)[1])


def prompt_amount_reason(conv: Conv, ctx: Ctx) -> list[Message]:
    return [M.text(amount_reason_question(status_of(conv, ctx)[1]), [M.say(T.BTN_CANCEL)])]


def amount_reason_question(status: DisbursementStatus) -> str:
    """Why a reason is asked (past the allocation, or far behind the plan): the chat's question
    and the month's page's (handlers.month_form)."""
    if status.over_allocation:
        return T.ASK_AMOUNT_REASON_OVER.format(
            spent=fmt_baht(status.spent),
            allocation=fmt_baht(status.allocation),
            pct=fmt_percent(status.pct_of_allocation),
        )
    return T.ASK_AMOUNT_REASON_BEHIND.format(
        spent=fmt_baht(status.spent), pct=fmt_percent(status.pct_of_plan), planned=fmt_baht(status.planned or 0)
    )


def prompt_confirm_amount(conv: Conv, ctx: Ctx) -> list[Message]:
    budget, period = current_budget(conv, ctx)
    amount = value_of(conv)
    status = budget.status_with(period.month, amount)
    rows = [
        M.field_row(T.CONFIRM_PERIOD, period.thai()),
        M.field_row(T.CONFIRM_REFUND_AMOUNT if amount < 0 else T.CONFIRM_AMOUNT, fmt_baht(abs(amount))),
        M.field_row(T.CONFIRM_SPENT_TO, fmt_baht(status.spent)),
        M.field_row(T.CONFIRM_ALLOCATION, fmt_baht(status.allocation)),
        M.field_row(T.CONFIRM_RATE, fmt_percent(status.pct_of_allocation)),
    ]
    if status.pct_of_plan is not None:
        rows.append(M.field_row(T.CONFIRM_RATE_PLAN, fmt_percent(status.pct_of_plan), level_colour(status.pct_of_plan)))
    if period.month in budget.spent:
        rows.append(M.field_row(T.CONFIRM_PREVIOUS, fmt_baht(budget.spent[period.month])))
    if conv.note:
        rows.append(M.field_row(T.CONFIRM_AMOUNT_NOTE, conv.note))
    late = None if period.is_on_time(ctx.now) else T.CONFIRM_LATE.format(due=thai_date(period.due_date()))
    buttons = [
        M.postback(T.BTN_CONFIRM, act="confirm", t=amount_token(conv)),
        M.postback(T.BTN_CHANGE_AMOUNT, act="change"),
    ]
    if needs_reason(status):
        buttons.append(M.postback(T.BTN_CHANGE_REASON, act="reason"))
    buttons.append(M.postback(T.BTN_CANCEL, act="cancel"))
    subtitle = T.BUDGET_ITEM.format(code=budget.project_code, name=budget.project_name)
    bubble = M.card(T.CONFIRM_AMOUNT_TITLE, subtitle, rows, buttons, late)
    alt = T.CONFIRM_AMOUNT_ALT.format(code=budget.project_code, month=period.thai(), amount=fmt_baht(amount))
    return [M.flex(alt, bubble)]


def amount_token(conv: Conv) -> str:
    """Ties a confirm button to the exact project, month and amount it showed."""
    return f"b{conv.project_id}:{conv.period}:{conv.value}"
