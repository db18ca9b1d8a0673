"""The reporting conversation as an explicit state machine.

(About 650 lines: the machine's handlers and its table, kept together so that MACHINE is read
beside what it names, the disbursement states' (issue 13) too, which share the month's list, the
reason refusals and the save transitions with the indicators'; state, prompts
(handlers.prompts, handlers.budget_prompts), reading values and reasons (kpi.reasons) are apart.)

`step(conv, inp, view, now, backlog_from)` is pure: from the current state, the officer's input
and a snapshot of their indicators it returns the next state, the replies (SDK message models)
and the effects to persist (values to save). The edge (handlers.router) loads and stores.

`MACHINE` is the whole machine as data: for each state the handler of the officer's input,
what the state shows (handlers.prompts), the buttons it answers and the states it may go to.
The conversation's own commands (ยกเลิก, ช่วยเหลือ, เมนู, รายงาน, แก้ไข, เลือกเดือนอื่น) work in
every state: they are in the one command registry (handlers.commands) and run here
(`COMMAND_STEPS`). A conversation left idle longer than IDLE_TIMEOUT resumes as EXPIRED.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from linebot.v3.messaging import Message

from kpi.disbursement import BudgetView
from kpi.indicator import IndicatorView, OfficerView
from kpi.money import is_amount_answer, read_money
from kpi.month_mention import month_mentioned
from kpi.periods import MONTHS_FULL, Period
from kpi.reasons import ReasonKind, read_reason
from kpi.text import parse_int
from kpi.values import Reason, is_far_from_target, reason_needed
from presentation import messages as M
from presentation import texts as T
from presentation.form_links import FormLinks
from presentation.formatting import fmt_baht

from .budget_prompts import (
    MONEY_PROBLEMS,
    amount_actions,
    amount_question,
    amount_token,
    prompt_amount,
    prompt_amount_reason,
    prompt_confirm_amount,
    prompt_refund,
    reason_applies,
)
from .commands import find_command
from .conversation_state import (
    Conv,
    Ctx,
    Input,
    Item,
    Mode,
    Outcome,
    S,
    SaveDisbursement,
    SaveValue,
    current_budget,
    current_indicator,
    item_choices,
    list_pages,
    month_universe,
    numbered_choices,
    other_months_owed,
    period_of,
    value_of,
    with_spent,
    with_value,
)
from .prompts import (
    confirm_token,
    menu_actions,
    nothing_due_text,
    prompt_choose_indicator,
    prompt_confirm,
    prompt_far,
    prompt_idle,
    prompt_month,
    prompt_reason,
    prompt_value,
    reason_actions,
    still_owed_text,
    value_actions,
    value_question,
    value_text,
)
from .reading import (
    indicator_from_postback,
    is_new_value,
    period_from_postback,
    read_button_value,
    read_reason_for,
    read_typed_value,
    reason_problem,
)

__all__ = ["Conv", "Ctx", "Input", "Mode", "Outcome", "S", "SaveDisbursement", "SaveValue", "menu_actions"]

#: A conversation left longer than this expires: the next message starts afresh.
IDLE_TIMEOUT = timedelta(minutes=30)

Transition = Callable[[Conv, Input, Ctx], Outcome]
Prompt = Callable[[Conv, Ctx], list[Message]]


@dataclass(frozen=True)
class State:
    on_input: Transition  # what the officer's message or button does here
    prompt: Prompt  # what the state shows (again after help or unexpected input)
    buttons: tuple[str, ...] | None  # the postback acts it answers (None: any); others are stale
    goes_to: frozenset[S]  # the states on_input may lead to


# --------------------------------------------------------------------------------------------
# Entry points


def step(
    conv: Conv,
    inp: Input,
    view: OfficerView | None,
    now: datetime,
    backlog_from: Period | None = None,
    form_links: FormLinks | None = None,
) -> Outcome:
    """One message of the officer: the next state, the replies and the effects. `view` may be
    None only where `needs_view` says so."""
    ctx = Ctx(view, now, backlog_from, form_links)  # type: ignore[arg-type]  # read only where needs_view
    command = _conversation_command(conv, inp)
    if command is not None:
        return command(Conv() if conv.state is S.EXPIRED else conv, inp, ctx)  # afresh after a timeout
    state = MACHINE[conv.state]
    act = inp.act()
    if act is not None and state.buttons is not None and act not in state.buttons:
        return _unexpected(conv, ctx, T.STALE_BUTTON)  # a button from an earlier step
    return state.on_input(conv, inp, ctx)


def resume(state: str, data: dict[str, Any], updated_at: datetime | None, now: datetime) -> Conv:
    """The conversation as stored (models.conversations), or EXPIRED when left too long."""
    if state == S.IDLE.value or updated_at is None:
        return Conv()
    if now - updated_at > IDLE_TIMEOUT:
        return Conv(state=S.EXPIRED)
    return Conv.from_data(state, data)


def needs_view(conv: Conv, inp: Input) -> bool:
    """Whether step reads the officer's indicators (an expiry notice does not)."""
    return not (conv.state is S.EXPIRED and not is_command(inp))


def expired_notice() -> Message:
    return M.text(T.EXPIRED, menu_actions())


def is_command(inp: Input) -> bool:
    """Input that starts something by itself, whatever the state (a command or a start button)."""
    return _conversation_command(Conv(), inp) is not None


def _conversation_command(conv: Conv, inp: Input) -> Transition | None:
    command = find_command(inp.act(), inp.words, conv.state.value)
    if command is None or not command.moves_conversation:
        return None
    return COMMAND_STEPS[command.name]


# --------------------------------------------------------------------------------------------
# The conversation's commands (handlers.commands registers their words and buttons)


def cancel(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    body = T.CANCELLED if conv.state != S.IDLE else T.NOTHING_TO_CANCEL
    return Outcome(Conv(), [M.text(body, menu_actions())])


def show_help(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if conv.state == S.IDLE:
        return Outcome(conv, [M.text(T.HELP, menu_actions())])
    return Outcome(conv, [M.text(T.HELP), M.text(T.HELP_RESUME), *prompt(conv, ctx)])


def show_menu(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return Outcome(Conv(), [M.text(T.MENU.format(name=ctx.view.display_name), menu_actions())])


def greet(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    """A greeting: answered in kind, with the menu (mid-report: the step it was at)."""
    return _friendly(conv, ctx, T.GREETING.format(name=ctx.view.display_name))


def thank(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return _friendly(conv, ctx, T.THANKS.format(name=ctx.view.display_name))


def _friendly(conv: Conv, ctx: Ctx, body: str) -> Outcome:
    if conv.state == S.IDLE:
        return Outcome(Conv(), [M.text(body, menu_actions())])
    return Outcome(conv, [M.text(body.split("\n")[0]), *prompt(conv, ctx)])


def start_report(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return _start(Mode.REPORT, inp, ctx)


def start_edit(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return _start(Mode.EDIT, inp, ctx)


def _start(mode: Mode, inp: Input, ctx: Ctx) -> Outcome:
    if not ctx.view.indicators and not ctx.view.budgets:
        return Outcome(Conv(), [M.text(T.NO_INDICATORS, [M.say(T.BTN_HELP)])])
    period = period_from_postback(inp, ctx) or ctx.default_period
    conv = Conv(state=S.CHOOSE_INDICATOR, mode=mode, period=period.key())
    wanted = indicator_from_postback(inp, ctx)
    if wanted is not None:
        return _choose_item(conv, wanted, ctx)
    return _list_or_next(conv, ctx)


def choose_other_month(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    new = Conv(state=S.CHOOSE_MONTH, mode=conv.mode if conv.state != S.IDLE else Mode.REPORT)
    return Outcome(new, prompt(new, ctx))


COMMAND_STEPS: dict[str, Transition] = {
    "cancel": cancel,
    "help": show_help,
    "menu": show_menu,
    "greeting": greet,
    "thanks": thank,
    "report": start_report,
    "edit": start_edit,
    "months": choose_other_month,
}


# --------------------------------------------------------------------------------------------
# State handlers


def on_expired(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return Outcome(Conv(), [expired_notice()])


def on_idle(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return Outcome(Conv(), [M.text(T.UNKNOWN_IDLE, menu_actions())])


def on_choose_month(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    period = period_from_postback(inp, ctx)
    if period is None and inp.text:
        month = month_mentioned(inp.text)
        if month is None:
            return _unexpected(conv, ctx, T.MONTH_UNKNOWN)
        period = Period(ctx.default_period.year_be, month)
        if period > ctx.default_period:
            return _unexpected(conv, ctx, T.MONTH_NOT_OPEN.format(month=MONTHS_FULL[month - 1], year=period.year_be))
    if period is None:
        return _unexpected(conv, ctx)
    return _list_or_next(replace(conv, state=S.CHOOSE_INDICATOR, period=period.key(), page=0), ctx)


def on_choose_indicator(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    choices = item_choices(conv, ctx)
    act = inp.act()
    if act == "page" or inp.words in T.NEXT_PAGE + T.PREV_PAGE:
        delta = 1 if inp.words in T.NEXT_PAGE else -1
        page = parse_int(inp.field("n")) if act == "page" else conv.page + delta
        _, pages = list_pages(conv, ctx, len(choices))
        new = replace(conv, page=min(max(page or 0, 0), pages - 1))
        return Outcome(new, prompt(new, ctx))
    if act == "pick":
        chosen = indicator_from_postback(inp, ctx)
        if chosen is None:
            return _unexpected(conv, ctx, T.NOT_YOUR_BUDGET if inp.field("b") else T.NOT_YOUR_INDICATOR)
        if inp.field("p") != conv.period:
            return _unexpected(conv, ctx, T.STALE_BUTTON)
        return _choose_item(conv, chosen, ctx)
    number = parse_int(inp.words.rstrip("."))
    if number is not None:
        numbered = dict(numbered_choices(conv, ctx))
        if number in numbered:
            return _choose_item(conv, numbered[number], ctx)
        if conv.mode == Mode.REPORT and 1 <= number <= len(month_universe(conv, ctx)):
            return _unexpected(conv, ctx, T.PICK_ALREADY_SENT.format(n=number))
        return _unexpected(conv, ctx, T.PICK_UNKNOWN.format(numbers=", ".join(map(str, numbered))))
    by_code = next((i for i in choices if isinstance(i, IndicatorView) and i.code.lower() == inp.words), None)
    if by_code is not None:
        return _choose_indicator(conv, by_code, ctx)
    return _unexpected(conv, ctx)


def on_ask_value(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = current_indicator(conv, ctx)
    if inp.act() == "value" and inp.field("i") == str(ind.id):
        value, problem = read_button_value(ind, inp.field("v"))
    elif inp.act():
        return _unexpected(conv, ctx, T.STALE_BUTTON)  # a value button of another indicator
    else:
        value, problem, hedge = read_typed_value(ind, inp.text or "")
        conv = replace(conv, hedge=hedge)
    if problem or value is None:
        return Outcome(conv, [M.text(f"{problem}\n{value_question(ind, period)}", value_actions(ind))])
    return _accept_value(conv, ind, period, value, ctx)


def on_confirm_far(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = current_indicator(conv, ctx)
    if inp.act() == "far" and inp.field("ok") == "1" or inp.words in T.YES:
        return _after_value_checked(conv, ind, period, value_of(conv), ctx)
    if inp.act() == "far" or inp.words in T.NO:
        new = replace(conv, state=S.ASK_VALUE, value=None)
        return Outcome(new, prompt(new, ctx))
    value, problem, hedge = read_typed_value(ind, inp.text or "")
    if value is not None and not problem:
        return _accept_value(replace(conv, hedge=hedge), ind, period, value, ctx)
    return _unexpected(conv, ctx, T.FAR_UNSURE)


def on_ask_reason(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if inp.act() == "skip":
        return _take_reason(conv, ctx, "-")
    if inp.act() or not (inp.text or "").strip():
        return _unexpected(conv, ctx)
    return _take_reason(conv, ctx, inp.text or "")


def _take_reason(conv: Conv, ctx: Ctx, text: str) -> Outcome:
    """The reason typed (at its question or at the card), or why it is not one and the question again."""
    ind, period = current_indicator(conv, ctx)
    note, problem = read_reason_for(ind, period, value_of(conv), text)
    if problem is None:
        return _to_confirm(replace(conv, note=note), ctx)
    required = reason_needed(ind, period.month, value_of(conv)) == Reason.REQUIRED
    return Outcome(replace(conv, state=S.ASK_REASON), [M.text(problem, reason_actions(required))])


def on_confirm(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = current_indicator(conv, ctx)
    act = inp.act()
    if act == "confirm" and inp.field("t") != confirm_token(conv):
        return _unexpected(conv, ctx, T.STALE_BUTTON)
    if act == "confirm" or inp.words in (T.BTN_CONFIRM, "ยืนยัน", "ok", "ตกลง", "ใช่"):
        return _save(conv, ind, period, ctx)
    if act == "change" or inp.words in T.CMD_EDIT + (T.BTN_CHANGE,):
        new = replace(conv, state=S.ASK_VALUE, value=None, note=None, hedge=None)
        return Outcome(new, prompt(new, ctx))
    reason_applies = reason_needed(ind, period.month, value_of(conv)) != Reason.NONE
    if act == "reason" or inp.words in T.CMD_CHANGE_REASON:
        if not reason_applies:
            return _unexpected(conv, ctx, T.REASON_NOT_NEEDED)
        new = replace(conv, state=S.ASK_REASON, note=None)
        return Outcome(new, prompt(new, ctx))
    if act is None and inp.text and is_new_value(ind, inp.text):  # a new value replaces the one shown
        value, problem, hedge = read_typed_value(ind, inp.text)
        if problem or value is None:
            return _unexpected(conv, ctx, problem)
        return _accept_value(replace(conv, hedge=hedge), ind, period, value, ctx)
    if act is None and inp.text and reason_applies:  # words replace the reason
        return _take_reason(conv, ctx, inp.text)
    return _unexpected(conv, ctx, T.CONFIRM_WAITING)


# The month's disbursement of a project (การเบิกจ่าย): amount, refund, reason, card


def on_ask_amount(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if inp.act():
        return _unexpected(conv, ctx, T.STALE_BUTTON)
    return _read_amount(conv, inp.text or "", ctx)


def _read_amount(conv: Conv, typed: str, ctx: Ctx) -> Outcome:
    """The amount typed: refused with the reason, a negative one asked to be confirmed as a
    refund, any other checked for a reason."""
    reading = read_money(typed)
    if reading.amount is None:
        asking = replace(conv, state=S.ASK_AMOUNT, value=None)
        problem = MONEY_PROBLEMS.get(reading.problem, T.MONEY_NOT_AN_AMOUNT)  # type: ignore[arg-type]
        return Outcome(asking, [M.text(f"{problem}\n{amount_question(conv, ctx)}", amount_actions())])
    if reading.amount < 0:
        new = replace(conv, state=S.CONFIRM_REFUND, value=str(reading.amount))
        return Outcome(new, prompt(new, ctx))
    return _amount_checked(replace(conv, value=str(reading.amount)), ctx)


def _amount_checked(conv: Conv, ctx: Ctx) -> Outcome:
    """Past the allocation or far behind the plan: a reason first (a reason already given at
    the card stays)."""
    if reason_applies(conv, ctx) and not conv.note:
        new = replace(conv, state=S.ASK_AMOUNT_REASON)
        return Outcome(new, prompt(new, ctx))
    return _to_state(replace(conv, note=conv.note if reason_applies(conv, ctx) else None), S.CONFIRM_AMOUNT, ctx)


def on_confirm_refund(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if inp.act() == "refund" and inp.field("ok") == "1" or inp.words in T.YES:
        return _amount_checked(conv, ctx)
    if inp.act() == "refund" or inp.words in T.NO:
        return _to_state(replace(conv, value=None), S.ASK_AMOUNT, ctx)
    if inp.act() is None and is_amount_answer(inp.text):
        return _read_amount(conv, inp.text or "", ctx)
    return _unexpected(conv, ctx, T.REFUND_UNSURE)


def on_ask_amount_reason(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if inp.act() or not (inp.text or "").strip():
        return _unexpected(conv, ctx)
    return _take_amount_reason(conv, inp.text or "", ctx)


def _take_amount_reason(conv: Conv, text: str, ctx: Ctx) -> Outcome:
    """A reason is always required here (kpi.disbursement.needs_reason), read as an
    indicator's (kpi.reasons)."""
    reading = read_reason(text)
    if reading.kind == ReasonKind.OK:
        return _to_state(replace(conv, note=reading.note), S.CONFIRM_AMOUNT, ctx)
    return Outcome(replace(conv, state=S.ASK_AMOUNT_REASON), [M.text(reason_problem(reading), [M.say(T.BTN_CANCEL)])])


def on_confirm_amount(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    act = inp.act()
    if act == "confirm" and inp.field("t") != amount_token(conv):
        return _unexpected(conv, ctx, T.STALE_BUTTON)
    if act == "confirm" or inp.words in (T.BTN_CONFIRM, "ยืนยัน", "ok", "ตกลง", "ใช่"):
        return _save_amount(conv, ctx)
    if act == "change" or inp.words in T.CMD_EDIT + (T.BTN_CHANGE, T.BTN_CHANGE_AMOUNT):
        return _to_state(replace(conv, value=None, note=None), S.ASK_AMOUNT, ctx)
    applies = reason_applies(conv, ctx)
    if act == "reason" or inp.words in T.CMD_CHANGE_REASON:
        if not applies:
            return _unexpected(conv, ctx, T.AMOUNT_REASON_NOT_NEEDED)
        return _to_state(replace(conv, note=None), S.ASK_AMOUNT_REASON, ctx)
    if act is None and inp.text and is_amount_answer(inp.text):  # a new amount replaces the one shown
        return _read_amount(conv, inp.text, ctx)
    if act is None and inp.text and applies:  # words replace the reason
        return _take_amount_reason(conv, inp.text, ctx)
    return _unexpected(conv, ctx, T.CONFIRM_AMOUNT_WAITING)


def _save_amount(conv: Conv, ctx: Ctx) -> Outcome:
    budget, period = current_budget(conv, ctx)
    amount = value_of(conv)
    previous = budget.spent.get(period.month)
    effect = SaveDisbursement(budget.project_id, period, amount, conv.note, correction=previous is not None)
    fields = dict(code=budget.project_code, month=period.thai(), amount=fmt_baht(amount))
    if previous is not None:
        done = T.AMOUNT_CORRECTED.format(old=fmt_baht(previous), **fields)
    else:
        done = (T.AMOUNT_SAVED if period.is_on_time(ctx.now) else T.AMOUNT_SAVED_LATE).format(**fields)
    return _saved(conv, done, effect, replace(ctx, view=with_spent(ctx.view, budget.project_id, period.month, amount)))


#: The machine: each state's handler, prompt, buttons and where it may go.
MACHINE: dict[S, State] = {
    S.IDLE: State(on_idle, prompt_idle, (), frozenset({S.IDLE})),
    S.CHOOSE_MONTH: State(
        on_choose_month,
        prompt_month,
        ("month",),
        frozenset({S.CHOOSE_MONTH, S.CHOOSE_INDICATOR, S.ASK_VALUE, S.ASK_AMOUNT, S.IDLE}),
    ),
    S.CHOOSE_INDICATOR: State(
        on_choose_indicator,
        prompt_choose_indicator,
        ("pick", "page"),
        frozenset({S.CHOOSE_INDICATOR, S.ASK_VALUE, S.ASK_AMOUNT}),
    ),
    S.ASK_VALUE: State(
        on_ask_value, prompt_value, ("value",), frozenset({S.ASK_VALUE, S.CONFIRM_FAR, S.ASK_REASON, S.CONFIRM})
    ),
    S.CONFIRM_FAR: State(
        on_confirm_far, prompt_far, ("far",), frozenset({S.ASK_VALUE, S.CONFIRM_FAR, S.ASK_REASON, S.CONFIRM})
    ),
    S.ASK_REASON: State(on_ask_reason, prompt_reason, ("skip",), frozenset({S.ASK_REASON, S.CONFIRM})),
    S.CONFIRM: State(
        on_confirm,
        prompt_confirm,
        ("confirm", "change", "reason"),
        # a value typed at the card is checked again (far, a reason); words there are a new reason
        frozenset({S.CONFIRM, S.CHOOSE_INDICATOR, S.ASK_VALUE, S.CONFIRM_FAR, S.ASK_REASON, S.ASK_AMOUNT, S.IDLE}),
    ),
    S.ASK_AMOUNT: State(
        on_ask_amount,
        prompt_amount,
        (),
        frozenset({S.ASK_AMOUNT, S.CONFIRM_REFUND, S.ASK_AMOUNT_REASON, S.CONFIRM_AMOUNT}),
    ),
    S.CONFIRM_REFUND: State(
        on_confirm_refund,
        prompt_refund,
        ("refund",),
        frozenset({S.ASK_AMOUNT, S.CONFIRM_REFUND, S.ASK_AMOUNT_REASON, S.CONFIRM_AMOUNT}),
    ),
    S.ASK_AMOUNT_REASON: State(
        on_ask_amount_reason, prompt_amount_reason, (), frozenset({S.ASK_AMOUNT_REASON, S.CONFIRM_AMOUNT})
    ),
    S.CONFIRM_AMOUNT: State(
        on_confirm_amount,
        prompt_confirm_amount,
        ("confirm", "change", "reason"),
        # as at an indicator's card: an amount typed is checked again, words are a new reason
        frozenset(
            {
                S.CONFIRM_AMOUNT,
                S.CHOOSE_INDICATOR,
                S.ASK_AMOUNT,
                S.CONFIRM_REFUND,
                S.ASK_AMOUNT_REASON,
                S.ASK_VALUE,
                S.IDLE,
            }
        ),
    ),
    S.EXPIRED: State(on_expired, prompt_idle, None, frozenset({S.IDLE})),
}

#: Where each command may lead (help stays where it was).
COMMAND_GOES_TO: dict[str, frozenset[S] | None] = {
    "cancel": frozenset({S.IDLE}),
    "help": None,
    "menu": frozenset({S.IDLE}),
    "greeting": None,  # answered in kind; the conversation stays where it was
    "thanks": None,
    "report": frozenset({S.IDLE, S.CHOOSE_INDICATOR, S.ASK_VALUE, S.ASK_AMOUNT}),
    "edit": frozenset({S.IDLE, S.CHOOSE_INDICATOR, S.ASK_VALUE, S.ASK_AMOUNT}),
    "months": frozenset({S.CHOOSE_MONTH}),
}


def prompt(conv: Conv, ctx: Ctx) -> list[Message]:
    return MACHINE[conv.state].prompt(conv, ctx)


# --------------------------------------------------------------------------------------------
# Transitions shared by several states


def _choose_item(conv: Conv, item: Item, ctx: Ctx) -> Outcome:
    if isinstance(item, BudgetView):
        new = replace(conv, state=S.ASK_AMOUNT, project_id=item.project_id, indicator_id=None, value=None, note=None)
        return Outcome(new, prompt(new, ctx))
    return _choose_indicator(conv, item, ctx)


def _choose_indicator(conv: Conv, ind: IndicatorView, ctx: Ctx) -> Outcome:
    new = replace(conv, state=S.ASK_VALUE, indicator_id=ind.id, project_id=None, value=None, note=None, hedge=None)
    return Outcome(new, prompt(new, ctx))


def _to_state(conv: Conv, state: S, ctx: Ctx) -> Outcome:
    new = replace(conv, state=state)
    return Outcome(new, prompt(new, ctx))


def _list_or_next(conv: Conv, ctx: Ctx, after_save: bool = False) -> Outcome:
    """The list of items to pick from; straight to the item when only one remains."""
    choices = item_choices(conv, ctx)
    period = period_of(conv)
    if not choices:
        body = (T.ALL_DONE if conv.mode == Mode.REPORT else T.NOTHING_TO_EDIT).format(period=period.thai())
        if conv.mode == Mode.REPORT and not month_universe(conv, ctx):
            body = nothing_due_text(period, ctx)
        actions = [
            M.say(T.BTN_EDIT, "แก้ไข") if conv.mode == Mode.REPORT else M.say(T.BTN_REPORT, "รายงาน"),
            M.postback(T.BTN_OTHER_MONTH, act="months"),
            M.say(T.BTN_HELP),
        ]
        owed = other_months_owed(ctx.view, period, ctx.now, ctx.backlog_from) if conv.mode == Mode.REPORT else []
        if owed:  # a month done, another still open (the reminders name earlier months too): lead there
            body += "\n" + still_owed_text(ctx.view, owed)
            actions.insert(
                0, M.postback(T.BTN_REPORT_MONTH.format(month=owed[0].thai_short()), act="report", p=owed[0].key())
            )
        return Outcome(Conv(), [M.text(body, actions)])
    if len(choices) == 1 and conv.mode == Mode.REPORT:
        return _choose_item(conv, choices[0], ctx)
    if after_save:
        return Outcome(conv, prompt_choose_indicator(conv, ctx, short=True))
    return Outcome(conv, prompt(conv, ctx))


def _accept_value(conv: Conv, ind: IndicatorView, period: Period, value: Decimal, ctx: Ctx) -> Outcome:
    new = replace(conv, value=str(value))
    if is_far_from_target(ind, period.month, value):
        new = replace(new, state=S.CONFIRM_FAR)
        return Outcome(new, prompt(new, ctx))
    return _after_value_checked(new, ind, period, value, ctx)


def _after_value_checked(conv: Conv, ind: IndicatorView, period: Period, value: Decimal, ctx: Ctx) -> Outcome:
    if reason_needed(ind, period.month, value) != Reason.NONE:
        if conv.note:  # a new value typed at the card: the reason given stays
            return _to_confirm(conv, ctx)
        new = replace(conv, state=S.ASK_REASON)
        return Outcome(new, prompt(new, ctx))
    return _to_confirm(replace(conv, note=None), ctx)


def _to_confirm(conv: Conv, ctx: Ctx) -> Outcome:
    return _to_state(conv, S.CONFIRM, ctx)


def _save(conv: Conv, ind: IndicatorView, period: Period, ctx: Ctx) -> Outcome:
    value = value_of(conv)
    previous = ctx.view.value(ind.id, period.month)
    effect = SaveValue(ind.id, period, value, conv.note, correction=previous is not None)
    fields = dict(code=ind.code, month=period.thai(), amount=value_text(ind, value))
    if previous is not None:
        done = T.CORRECTED.format(old=value_text(ind, previous.value), **fields)
    else:
        done = (T.SAVED if period.is_on_time(ctx.now) else T.SAVED_LATE).format(**fields)
    saved_view = with_value(ctx.view, ind.id, period.month, value, conv.note, ctx.now, period)
    return _saved(conv, done, effect, replace(ctx, view=saved_view))


def _saved(conv: Conv, done: str, effect: SaveValue | SaveDisbursement, saved: Ctx) -> Outcome:
    """Said what was saved, and what is left of the month (as it is once saved)."""
    after = _list_or_next(Conv(state=S.CHOOSE_INDICATOR, mode=Mode.REPORT, period=conv.period), saved, after_save=True)
    return Outcome(after.conv, [M.text(done), *after.replies], [effect])


def _unexpected(conv: Conv, ctx: Ctx, reason: str | None = None) -> Outcome:
    """Anything the state does not expect: say why and what the bot is waiting for."""
    lead = reason or T.WAITING_FOR.get(conv.state.value, "")
    return Outcome(conv, [M.text(lead), *prompt(conv, ctx)])


# --------------------------------------------------------------------------------------------
# Reading what the officer sent
