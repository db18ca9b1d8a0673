"""The reporting conversation as an explicit state machine.

`step(conv, inp, view, now, backlog_from)` is pure: from the current state, the officer's input
and a snapshot of their indicators it returns the next state, the replies (SDK message models)
and the effects to persist (values to save). The edge (handlers.router) loads and stores.
States and their handlers are listed in STATE_HANDLERS; commands that work in every state
(ยกเลิก, ช่วยเหลือ, รายงาน, แก้ไข) are the fallbacks in GLOBAL_COMMANDS.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Callable

from linebot.v3.messaging import Message

from kpi.approximate import strip_hedge
from kpi.indicator import IndicatorView, OfficerView, ReportedView
from kpi.month_mention import month_mentioned
from kpi.periods import MONTHS_ABBR, MONTHS_FULL, Period, reporting_period, thai_date, thai_months
from kpi.reasons import MAX_LENGTH as MAX_REASON
from kpi.reasons import ReasonKind, read_reason
from kpi.reminders import earlier_months_owed
from kpi.values import Reason, ValueProblem, check_value, is_far_from_target, percent_of_target, reason_needed
from models.plan import IndicatorKind

from . import messages as M
from . import texts as T
from .indicator_labels import indicator_labels
from .intents import strip_particles
from .numbers import NumberError, parse_number, parse_pass_fail
from .typed_answer import is_value_answer

PAGE_SIZE = 10  # indicator buttons per page, leaving room for paging and other buttons


class S(str, enum.Enum):
    IDLE = "idle"
    CHOOSE_MONTH = "choose_month"
    CHOOSE_INDICATOR = "choose_indicator"
    ASK_VALUE = "ask_value"
    CONFIRM_FAR = "confirm_far"
    ASK_REASON = "ask_reason"
    CONFIRM = "confirm"


class Mode(str, enum.Enum):
    REPORT = "report"
    EDIT = "edit"


@dataclass(frozen=True)
class Conv:
    """What the bot remembers between two messages of one officer."""

    state: S = S.IDLE
    mode: Mode = Mode.REPORT
    period: str | None = None  # '2569-10'
    indicator_id: int | None = None
    value: str | None = None  # Decimal as text
    note: str | None = None
    page: int = 0
    hedge: str | None = None  # the value was typed as approximate ("ประมาณ 30")

    def to_data(self) -> dict:
        data = asdict(self)
        data["state"], data["mode"] = self.state.value, self.mode.value
        return data

    @classmethod
    def from_data(cls, state: str, data: dict) -> "Conv":
        try:
            return cls(**{**data, "state": S(state), "mode": Mode(data.get("mode", "report"))})
        except (TypeError, ValueError):
            return cls()

    @property
    def decimal_value(self) -> Decimal | None:
        return Decimal(self.value) if self.value is not None else None


@dataclass(frozen=True)
class Input:
    text: str | None = None
    postback: dict[str, str] | None = None

    @property
    def words(self) -> str:
        """The text as commands are matched: spaces tidied, lower case, particles off the end."""
        return strip_particles(" ".join((self.text or "").split()).lower())

    def act(self) -> str | None:
        return (self.postback or {}).get("act")


@dataclass(frozen=True)
class SaveValue:
    """Effect: store this confirmed value (the edge stamps who, when and on time or late)."""

    indicator_id: int
    period: Period
    value: Decimal
    note: str | None
    correction: bool


@dataclass
class Outcome:
    conv: Conv
    replies: list[Message]
    effects: list[SaveValue] = field(default_factory=list)


@dataclass(frozen=True)
class Ctx:
    view: OfficerView
    now: datetime
    backlog_from: Period | None = None  # REMINDER_BACKLOG_FROM: earlier months are not named before it

    @property
    def default_period(self) -> Period:
        return reporting_period(self.now)


# --------------------------------------------------------------------------------------------
# Entry point


def step(conv: Conv, inp: Input, view: OfficerView, now: datetime, backlog_from: Period | None = None) -> Outcome:
    ctx = Ctx(view, now, backlog_from)
    command = _global_command(conv, inp)
    if command is not None:
        return command(conv, inp, ctx)
    if inp.act() is not None and inp.act() not in STATE_ACTS.get(conv.state, ()):
        return _unexpected(conv, ctx, T.STALE_BUTTON)  # a button from an earlier step
    return STATE_HANDLERS[conv.state](conv, inp, ctx)


def expired_notice() -> Message:
    return M.text(T.EXPIRED, menu_actions())


def is_command(inp: Input) -> bool:
    """Input that starts something by itself, whatever the state (a command or a start button)."""
    return _global_command(Conv(), inp) is not None


def _global_command(conv: Conv, inp: Input) -> Callable | None:
    act, words = inp.act(), inp.words
    if act in GLOBAL_ACTS:
        return GLOBAL_ACTS[act]
    if words in T.CMD_EDIT and conv.state == S.CONFIRM:
        return None  # on the confirmation card แก้ไข means "change the number"
    for names, handler in GLOBAL_COMMANDS:
        if words in names:
            return handler
    return None


# --------------------------------------------------------------------------------------------
# Global commands


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
    if not ctx.view.indicators:
        return Outcome(Conv(), [M.text(T.NO_INDICATORS, [M.say(T.BTN_HELP)])])
    period = _period_from_postback(inp, ctx) or ctx.default_period
    conv = Conv(state=S.CHOOSE_INDICATOR, mode=mode, period=period.key())
    wanted = _indicator_from_postback(inp, ctx)
    if wanted is not None:
        return _choose_indicator(conv, wanted, ctx)
    return _list_or_next(conv, ctx)


def choose_other_month(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    new = Conv(state=S.CHOOSE_MONTH, mode=conv.mode if conv.state != S.IDLE else Mode.REPORT)
    return Outcome(new, prompt(new, ctx))


GLOBAL_COMMANDS: list[tuple[tuple[str, ...], Callable]] = [
    (T.CMD_CANCEL, cancel),
    (T.CMD_HELP, show_help),
    (T.CMD_MENU, show_menu),
    (T.CMD_GREETING, greet),
    (T.CMD_THANKS, thank),
    (T.CMD_REPORT, start_report),
    (T.CMD_EDIT, start_edit),
    (T.OTHER_MONTH, choose_other_month),
]
GLOBAL_ACTS: dict[str, Callable] = {
    "cancel": cancel,
    "help": show_help,
    "report": start_report,
    "edit": start_edit,
    "months": choose_other_month,
}


# --------------------------------------------------------------------------------------------
# State handlers


def on_idle(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    return Outcome(Conv(), [M.text(T.UNKNOWN_IDLE, menu_actions())])


def on_choose_month(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    period = _period_from_postback(inp, ctx)
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
    choices = _choices(conv, ctx)
    act = inp.act()
    if act == "page" or inp.words in T.NEXT_PAGE + T.PREV_PAGE:
        delta = 1 if inp.words in T.NEXT_PAGE else -1
        page = _int(inp.postback.get("n")) if act == "page" else conv.page + delta
        pages = max(1, -(-len(choices) // PAGE_SIZE))
        new = replace(conv, page=min(max(page or 0, 0), pages - 1))
        return Outcome(new, prompt(new, ctx))
    if act == "pick":
        chosen = ctx.view.indicator(_int(inp.postback.get("i")) or -1)
        if chosen is None:
            return _unexpected(conv, ctx, T.NOT_YOUR_INDICATOR)
        if inp.postback.get("p") != conv.period:
            return _unexpected(conv, ctx, T.STALE_BUTTON)
        return _choose_indicator(conv, chosen, ctx)
    number = _int(inp.words.rstrip("."))
    if number is not None:
        numbered = dict(_numbered(conv, ctx))
        if number in numbered:
            return _choose_indicator(conv, numbered[number], ctx)
        if conv.mode == Mode.REPORT and 1 <= number <= len(_month_universe(conv, ctx)):
            return _unexpected(conv, ctx, T.PICK_ALREADY_SENT.format(n=number))
        return _unexpected(conv, ctx, T.PICK_UNKNOWN.format(numbers=", ".join(map(str, numbered))))
    by_code = next((i for i in choices if i.code.lower() == inp.words), None)
    if by_code is not None:
        return _choose_indicator(conv, by_code, ctx)
    return _unexpected(conv, ctx)


def on_ask_value(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = _current(conv, ctx)
    if inp.act() == "value" and inp.postback.get("i") == str(ind.id):
        value, problem = _read_button_value(ind, inp.postback.get("v"))
    elif inp.act():
        return _unexpected(conv, ctx, T.STALE_BUTTON)  # a value button of another indicator
    else:
        value, problem, hedge = _read_typed_value(ind, inp.text or "")
        conv = replace(conv, hedge=hedge)
    if problem:
        return Outcome(conv, [M.text(f"{problem}\n{_value_question(ind, period)}", _value_actions(ind))])
    return _accept_value(conv, ind, period, value, ctx)


def on_confirm_far(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = _current(conv, ctx)
    if inp.act() == "far" and inp.postback.get("ok") == "1" or inp.words in T.YES:
        return _after_value_checked(conv, ind, period, conv.decimal_value, ctx)
    if inp.act() == "far" or inp.words in T.NO:
        new = replace(conv, state=S.ASK_VALUE, value=None)
        return Outcome(new, prompt(new, ctx))
    value, problem, hedge = _read_typed_value(ind, inp.text or "")
    if value is not None and not problem:
        return _accept_value(replace(conv, hedge=hedge), ind, period, value, ctx)
    return _unexpected(conv, ctx, T.FAR_UNSURE)


def on_ask_reason(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    if inp.act() == "skip":
        return _take_reason(conv, ctx, "-")
    if inp.act() or not (inp.text or "").strip():
        return _unexpected(conv, ctx)
    return _take_reason(conv, ctx, inp.text)


def _take_reason(conv: Conv, ctx: Ctx, text: str) -> Outcome:
    """The reason typed (at its question or at the card), or why it is not one and the question again."""
    ind, period = _current(conv, ctx)
    required = reason_needed(ind, period.month, conv.decimal_value) == Reason.REQUIRED
    reading = read_reason(text)
    if reading.kind == ReasonKind.OK:
        return _to_confirm(replace(conv, note=reading.note), ctx)
    if reading.kind == ReasonKind.NO_REASON and not required:
        return _to_confirm(replace(conv, note=None), ctx)
    asking = replace(conv, state=S.ASK_REASON)
    problem = {
        ReasonKind.NO_REASON: T.REASON_REQUIRED_AGAIN,
        ReasonKind.NOT_WORDS: T.REASON_NOT_WORDS,
        ReasonKind.TOO_SHORT: T.REASON_TOO_SHORT,
        ReasonKind.TOO_LONG: T.REASON_TOO_LONG.format(max=MAX_REASON),
    }[reading.kind]
    return Outcome(asking, [M.text(problem, _reason_actions(required))])


def on_confirm(conv: Conv, inp: Input, ctx: Ctx) -> Outcome:
    ind, period = _current(conv, ctx)
    act = inp.act()
    if act == "confirm" and inp.postback.get("t") != _confirm_token(conv):
        return _unexpected(conv, ctx, T.STALE_BUTTON)
    if act == "confirm" or inp.words in (T.BTN_CONFIRM, "ยืนยัน", "ok", "ตกลง", "ใช่"):
        return _save(conv, ind, period, ctx)
    if act == "change" or inp.words in T.CMD_EDIT + (T.BTN_CHANGE,):
        new = replace(conv, state=S.ASK_VALUE, value=None, note=None, hedge=None)
        return Outcome(new, prompt(new, ctx))
    reason_applies = reason_needed(ind, period.month, conv.decimal_value) != Reason.NONE
    if act == "reason" or inp.words in T.CMD_CHANGE_REASON:
        if not reason_applies:
            return _unexpected(conv, ctx, T.REASON_NOT_NEEDED)
        new = replace(conv, state=S.ASK_REASON, note=None)
        return Outcome(new, prompt(new, ctx))
    if act is None and inp.text and _is_new_value(ind, inp.text):  # a new value replaces the one shown
        value, problem, hedge = _read_typed_value(ind, inp.text)
        if problem:
            return _unexpected(conv, ctx, problem)
        return _accept_value(replace(conv, hedge=hedge), ind, period, value, ctx)
    if act is None and inp.text and reason_applies:  # words replace the reason
        return _take_reason(conv, ctx, inp.text)
    return _unexpected(conv, ctx, T.CONFIRM_WAITING)


STATE_HANDLERS: dict[S, Callable[[Conv, Input, Ctx], Outcome]] = {
    S.IDLE: on_idle,
    S.CHOOSE_MONTH: on_choose_month,
    S.CHOOSE_INDICATOR: on_choose_indicator,
    S.ASK_VALUE: on_ask_value,
    S.CONFIRM_FAR: on_confirm_far,
    S.ASK_REASON: on_ask_reason,
    S.CONFIRM: on_confirm,
}

#: The buttons (postback `act`) each state answers; any other button is from an earlier step.
STATE_ACTS: dict[S, tuple[str, ...]] = {
    S.CHOOSE_MONTH: ("month",),
    S.CHOOSE_INDICATOR: ("pick", "page"),
    S.ASK_VALUE: ("value",),
    S.CONFIRM_FAR: ("far",),
    S.ASK_REASON: ("skip",),
    S.CONFIRM: ("confirm", "change", "reason"),
}

# --------------------------------------------------------------------------------------------
# Transitions shared by several states


def _choose_indicator(conv: Conv, ind: IndicatorView, ctx: Ctx) -> Outcome:
    new = replace(conv, state=S.ASK_VALUE, indicator_id=ind.id, value=None, note=None, hedge=None)
    return Outcome(new, prompt(new, ctx))


def _list_or_next(conv: Conv, ctx: Ctx, after_save: bool = False) -> Outcome:
    """The list of indicators to pick from; straight to the indicator when only one remains."""
    choices = _choices(conv, ctx)
    period = Period.from_key(conv.period)
    if not choices:
        body = (T.ALL_DONE if conv.mode == Mode.REPORT else T.NOTHING_TO_EDIT).format(period=period.thai())
        if conv.mode == Mode.REPORT and not _month_universe(conv, ctx):
            body = _nothing_due(period, ctx)
        actions = [
            M.say(T.BTN_EDIT, "แก้ไข") if conv.mode == Mode.REPORT else M.say(T.BTN_REPORT, "รายงาน"),
            M.postback(T.BTN_OTHER_MONTH, act="months"),
            M.say(T.BTN_HELP),
        ]
        owed = _other_months_owed(period, ctx) if conv.mode == Mode.REPORT else []
        if owed:  # a month done, another still open (the reminders name earlier months too): lead there
            count = len({i.id for p in owed for i in ctx.view.pending(p.month)})
            body += "\n" + T.STILL_OWED.format(months=thai_months(owed), count=count)
            actions.insert(
                0, M.postback(T.BTN_REPORT_MONTH.format(month=owed[0].thai_short()), act="report", p=owed[0].key())
            )
        return Outcome(Conv(), [M.text(body, actions)])
    if len(choices) == 1 and conv.mode == Mode.REPORT:
        return _choose_indicator(conv, choices[0], ctx)
    if after_save:
        return Outcome(conv, _prompt_choose_indicator(conv, ctx, short=True))
    return Outcome(conv, prompt(conv, ctx))


def _nothing_due(period: Period, ctx: Ctx) -> str:
    """No target this month: say so, and which month next has one."""
    body = T.NOTHING_DUE.format(period=period.thai())
    later = [m for m in range(period.month + 1, 13) if any(i.is_due(m) for i in ctx.view.indicators)]
    if not later:
        return body + "\n" + T.NO_MORE_DUE.format(year=period.year_be)
    nxt = Period(period.year_be, later[0])
    opens = MONTHS_FULL[later[0] % 12] + (f" {nxt.year_be + 1}" if later[0] == 12 else f" {nxt.year_be}")
    return body + "\n" + T.NEXT_DUE.format(month=nxt.thai(), next_month=opens, due=thai_date(nxt.due_date()))


def _other_months_owed(period: Period, ctx: Ctx) -> list[Period]:
    """The months of the year open for reporting, other than `period`, with values still missing:
    the month being reported and the earlier ones the reminders name (not before the go-live
    month, REMINDER_BACKLOG_FROM)."""
    last = ctx.default_period
    if period.year_be != last.year_be:
        return []
    owed = [*earlier_months_owed(ctx.view, last, ctx.backlog_from), *([last] if ctx.view.pending(last.month) else [])]
    return [p for p in owed if p != period]


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
    new = replace(conv, state=S.CONFIRM)
    return Outcome(new, prompt(new, ctx))


def _save(conv: Conv, ind: IndicatorView, period: Period, ctx: Ctx) -> Outcome:
    value = conv.decimal_value
    previous = ctx.view.value(ind.id, period.month)
    effect = SaveValue(ind.id, period, value, conv.note, correction=previous is not None)
    fields = dict(code=ind.code, month=period.thai(), amount=_value_text(ind, value))
    if previous is not None:
        done = T.CORRECTED.format(old=_value_text(ind, previous.value), **fields)
    else:
        done = (T.SAVED if period.is_on_time(ctx.now) else T.SAVED_LATE).format(**fields)
    saved_view = _with_value(ctx.view, ind.id, period.month, value, conv.note, ctx.now, period)
    after = _list_or_next(
        Conv(state=S.CHOOSE_INDICATOR, mode=Mode.REPORT, period=conv.period),
        replace(ctx, view=saved_view),
        after_save=True,
    )
    return Outcome(after.conv, [M.text(done), *after.replies], [effect])


def _unexpected(conv: Conv, ctx: Ctx, reason: str | None = None) -> Outcome:
    """Anything the state does not expect: say why and what the bot is waiting for."""
    lead = reason or T.WAITING_FOR.get(conv.state.value, "")
    return Outcome(conv, [M.text(lead), *prompt(conv, ctx)])


# --------------------------------------------------------------------------------------------
# What each state shows (also used to re-prompt after help or unexpected input)


def prompt(conv: Conv, ctx: Ctx) -> list[Message]:
    return PROMPTS[conv.state](conv, ctx)


def _prompt_idle(conv: Conv, ctx: Ctx) -> list[Message]:
    return [M.text(T.MENU.format(name=ctx.view.display_name), menu_actions())]


def _prompt_month(conv: Conv, ctx: Ctx) -> list[Message]:
    last = ctx.default_period
    months = [Period(last.year_be, m) for m in range(1, last.month + 1)]
    actions = [M.postback(p.thai_short(), act="month", p=p.key()) for p in reversed(months)][:12]
    return [M.text(T.CHOOSE_MONTH.format(year=last.year_be), actions + [M.say(T.BTN_CANCEL)])]


def _prompt_choose_indicator(conv: Conv, ctx: Ctx, short: bool = False) -> list[Message]:
    """The indicators to pick from, each under its number of the month (stable as values are
    saved); `short`: after a save, only what is left, under the words that tell them apart."""
    numbered = _numbered(conv, ctx)
    choices = [ind for _, ind in numbered]
    period = Period.from_key(conv.period)
    pages = max(1, -(-len(choices) // PAGE_SIZE))
    page = min(conv.page, pages - 1)
    first = page * PAGE_SIZE
    shown = numbered[first : first + PAGE_SIZE]
    labels = indicator_labels([(n, ind.name) for n, ind in shown])
    if short:
        header = T.LEFT_HEADER.format(period=period.thai(), count=len(choices))
    elif conv.mode == Mode.EDIT:
        header = T.EDIT_HEADER.format(period=period.thai())
    else:
        late = not period.is_on_time(ctx.now)
        header = (T.PENDING_HEADER_LATE if late else T.PENDING_HEADER).format(
            period=period.thai(), count=len(choices), due=thai_date(period.due_date())
        )
    lines = [header]
    for (n, ind), label in zip(shown, labels):
        line = f"{ind.code} {label.split(' ', 1)[1]}" if short else f"{n}. {ind.code} {ind.name}"
        if short:
            line = f"{n}. {line}"
        if conv.mode == Mode.EDIT:
            line += f" (ส่งแล้ว {_value_text(ind, ctx.view.value(ind.id, period.month).value)})"
        lines.append(line)
    if pages > 1:
        lines.append(T.PAGE_INFO.format(page=page + 1, pages=pages))
    lines.append(T.PICK_PROMPT.format(example=shown[0][0] if shown else 1))
    actions = [
        M.postback(label, display=f"{ind.code} {ind.name}"[:300], act="pick", i=ind.id, p=conv.period)
        for (n, ind), label in zip(shown, labels)
    ]
    if page > 0:
        actions.append(M.postback(T.BTN_PREV, act="page", n=page - 1))
    if page < pages - 1:
        actions.append(M.postback(T.BTN_NEXT, act="page", n=page + 1))
    if len(actions) < 13:
        actions.append(M.postback(T.BTN_OTHER_MONTH, act="months"))
    if len(actions) < 13:
        actions.append(M.say(T.BTN_CANCEL))
    return [M.text("\n".join(lines), actions)]


def _prompt_value(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = _current(conv, ctx)
    so_far = [(m, ctx.view.value(ind.id, m)) for m in range(1, 13)]
    so_far_text = ", ".join(f"{MONTHS_ABBR[m - 1]} {M.fmt_number(v.value)}" for m, v in so_far if v) or T.NOTHING_YET
    card = T.INDICATOR_CARD.format(
        code=ind.code,
        name=ind.name,
        uom=ind.unit_of_measure,
        month=period.thai(),
        month_target=_target_text(ind, period.month),
        year_target=_year_target_text(ind),
        so_far=so_far_text,
    )
    current = ctx.view.value(ind.id, period.month)
    if current is not None:
        card += "\n" + T.CURRENT_VALUE.format(value=_value_text(ind, current.value))
    return [M.text(card), M.text(_value_question(ind, period), _value_actions(ind))]


def _prompt_far(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = _current(conv, ctx)
    body = T.FAR_FROM_TARGET.format(value=_value_text(ind, conv.decimal_value), target=_target_text(ind, period.month))
    return [
        M.text(
            body,
            [
                M.postback(T.BTN_YES_CORRECT, act="far", ok=1),
                M.postback(T.BTN_NO_RETYPE, act="far", ok=0),
                M.say(T.BTN_CANCEL),
            ],
        )
    ]


def _prompt_reason(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = _current(conv, ctx)
    value = conv.decimal_value
    pct = M.fmt_percent(percent_of_target(ind, period.month, value))
    required = reason_needed(ind, period.month, value) == Reason.REQUIRED
    question = T.ASK_REASON_REQUIRED if required else T.ASK_REASON_OPTIONAL
    return [M.text(question.format(pct=pct), _reason_actions(required))]


def _reason_actions(required: bool) -> list:
    return [M.say(T.BTN_CANCEL)] if required else [M.postback(T.BTN_SKIP_REASON, act="skip"), M.say(T.BTN_CANCEL)]


def _prompt_confirm(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = _current(conv, ctx)
    value = conv.decimal_value
    pct = percent_of_target(ind, period.month, value)
    rows = [
        M.field_row(T.CONFIRM_PERIOD, period.thai()),
        M.field_row(T.CONFIRM_RESULT, f"{_value_text(ind, value)}"),
        M.field_row(T.CONFIRM_TARGET, _target_text(ind, period.month)),
        M.field_row(T.CONFIRM_PERCENT, M.fmt_percent(pct), _level_colour(pct)),
    ]
    previous = ctx.view.value(ind.id, period.month)
    if previous is not None:
        rows.append(M.field_row(T.CONFIRM_PREVIOUS, _value_text(ind, previous.value)))
    if conv.note:
        rows.append(M.field_row(T.CONFIRM_NOTE, conv.note))
    notes = []
    if conv.hedge:
        notes.append(T.CONFIRM_APPROX.format(hedge=conv.hedge, amount=_value_text(ind, value)))
    if not period.is_on_time(ctx.now):
        notes.append(T.CONFIRM_LATE.format(due=thai_date(period.due_date())))
    buttons = [M.postback(T.BTN_CONFIRM, act="confirm", t=_confirm_token(conv)), M.postback(T.BTN_CHANGE, act="change")]
    if reason_needed(ind, period.month, value) != Reason.NONE:
        buttons.append(M.postback(T.BTN_CHANGE_REASON, act="reason"))
    buttons.append(M.postback(T.BTN_CANCEL, act="cancel"))
    bubble = M.card(T.CONFIRM_TITLE, f"{ind.code} {ind.name}", rows, buttons, "\n".join(notes) or None)
    alt = T.CONFIRM_ALT.format(code=ind.code, month=period.thai(), amount=_value_text(ind, value))
    return [M.flex(alt, bubble)]


PROMPTS: dict[S, Callable[[Conv, Ctx], list[Message]]] = {
    S.IDLE: _prompt_idle,
    S.CHOOSE_MONTH: _prompt_month,
    S.CHOOSE_INDICATOR: _prompt_choose_indicator,
    S.ASK_VALUE: _prompt_value,
    S.CONFIRM_FAR: _prompt_far,
    S.ASK_REASON: _prompt_reason,
    S.CONFIRM: _prompt_confirm,
}


# --------------------------------------------------------------------------------------------
# Helpers


def menu_actions() -> list:
    return [
        M.say(T.BTN_REPORT, "รายงาน"),
        M.say(T.BTN_EDIT, "แก้ไข"),
        M.postback(T.BTN_OTHER_MONTH, act="months"),
        M.say(T.BTN_HELP),
    ]


def _choices(conv: Conv, ctx: Ctx) -> list[IndicatorView]:
    month = Period.from_key(conv.period).month
    return ctx.view.pending(month) if conv.mode == Mode.REPORT else ctx.view.reported_in(month)


def _month_universe(conv: Conv, ctx: Ctx) -> list[IndicatorView]:
    """The month's indicators in plan order: those due, and any reported anyway."""
    month = Period.from_key(conv.period).month
    return [i for i in ctx.view.indicators if i.is_due(month) or ctx.view.value(i.id, month) is not None]


def _numbered(conv: Conv, ctx: Ctx) -> list[tuple[int, IndicatorView]]:
    """The choices under their number in the month's list, which stays as values are saved."""
    choices = {i.id for i in _choices(conv, ctx)}
    return [(n, i) for n, i in enumerate(_month_universe(conv, ctx), start=1) if i.id in choices]


def _current(conv: Conv, ctx: Ctx) -> tuple[IndicatorView, Period]:
    ind = ctx.view.indicator(conv.indicator_id or -1)
    if ind is None:  # responsibilities changed under a running conversation
        raise LookupError("indicator no longer assigned")
    return ind, Period.from_key(conv.period)


def _period_from_postback(inp: Input, ctx: Ctx) -> Period | None:
    key = (inp.postback or {}).get("p")
    if not key:
        return None
    try:
        period = Period.from_key(key)
    except ValueError:
        return None
    last = ctx.default_period
    return period if period.year_be == last.year_be and period <= last else None


def _indicator_from_postback(inp: Input, ctx: Ctx) -> IndicatorView | None:
    return ctx.view.indicator(_int((inp.postback or {}).get("i")) or -1)


def _is_new_value(ind: IndicatorView, typed: str) -> bool:
    """At the card: a value typed again (else words, a new reason)."""
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return parse_pass_fail(typed) is not None
    return is_value_answer(typed)


def _read_typed_value(ind: IndicatorView, typed: str) -> tuple[Decimal | None, str | None, str | None]:
    """The value typed, the Thai reason it cannot be taken, and the hedge of an approximate
    answer ("ประมาณ 30" is read as 30, and the card says so)."""
    approx = strip_hedge(typed) if ind.kind != IndicatorKind.PASS_FAIL.value else None
    if approx is not None:
        value, problem = _read_value(ind, approx.text)
        if value is not None:
            return value, problem, approx.hedge
    value, problem = _read_value(ind, typed)
    return value, problem, None


def _read_value(ind: IndicatorView, typed: str) -> tuple[Decimal | None, str | None]:
    """The value typed for this indicator, or the Thai reason it cannot be taken."""
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        verdict = parse_pass_fail(typed)
        return (None, T.ERR_NOT_PASS_FAIL) if verdict is None else (Decimal(int(verdict)), None)
    parsed = parse_number(typed)
    if isinstance(parsed, NumberError):
        return None, {NumberError.EMPTY: T.ERR_EMPTY, NumberError.TWO_NUMBERS: T.ERR_TWO_NUMBERS}.get(
            parsed, T.ERR_NOT_A_NUMBER
        )
    return _checked(ind, parsed.value, parsed.is_percent)


def _read_button_value(ind: IndicatorView, raw: str | None) -> tuple[Decimal | None, str | None]:
    """A value from a level or pass/fail button: checked like a typed one, never trusted
    (postback data can be forged)."""
    value = _decimal(raw)
    if value is None:
        return None, T.ERR_NOT_A_NUMBER
    return _checked(ind, value)


def _checked(ind: IndicatorView, value: Decimal, typed_percent: bool = False) -> tuple[Decimal | None, str | None]:
    problem = check_value(ind, value, typed_percent)
    if problem is None:
        return value, None
    return None, {
        ValueProblem.NEGATIVE: T.ERR_NEGATIVE,
        ValueProblem.NOT_WHOLE: T.ERR_NOT_WHOLE.format(uom=ind.unit_of_measure),
        ValueProblem.OVER_100: T.ERR_OVER_100,
        ValueProblem.OUT_OF_LADDER: T.ERR_OUT_OF_LADDER.format(top=ind.max_level or 5),
        ValueProblem.PERCENT_FOR_COUNT: T.ERR_PERCENT_FOR_COUNT.format(uom=ind.unit_of_measure),
        ValueProblem.NOT_PASS_FAIL: T.ERR_NOT_PASS_FAIL,
        ValueProblem.OUT_OF_RANGE: T.ERR_OUT_OF_RANGE,
        ValueProblem.TOO_PRECISE: T.ERR_TOO_PRECISE,
    }[problem]


def _value_question(ind: IndicatorView, period: Period) -> str:
    month = period.thai()
    if ind.kind == IndicatorKind.LEVEL.value:
        return T.ASK_LEVEL.format(month=month, top=ind.max_level or 5)
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return T.ASK_PASS_FAIL.format(month=month)
    if ind.is_percent:
        return T.ASK_PERCENT.format(month=month)
    return T.ASK_NUMBER.format(month=month, uom=ind.unit_of_measure)


def _value_actions(ind: IndicatorView) -> list:
    if ind.kind == IndicatorKind.LEVEL.value:
        top = min(ind.max_level or 5, 11)
        return [M.postback(f"{ind.unit_of_measure} {n}", act="value", i=ind.id, v=n) for n in range(0, top + 1)] + [
            M.say(T.BTN_CANCEL)
        ]
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return [
            M.postback(T.BTN_PASS, act="value", i=ind.id, v=1),
            M.postback(T.BTN_FAIL, act="value", i=ind.id, v=0),
            M.say(T.BTN_CANCEL),
        ]
    return [M.say(T.BTN_CANCEL), M.say(T.BTN_HELP)]


def _value_text(ind: IndicatorView, value: Decimal) -> str:
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return T.BTN_PASS if value == 1 else T.BTN_FAIL
    return M.fmt_amount(value, ind.unit_of_measure)


def _target_text(ind: IndicatorView, month: int) -> str:
    target = ind.target(month)
    return T.NO_TARGET if target == 0 else _value_text(ind, target)


def _year_target_text(ind: IndicatorView) -> str:
    return _value_text(ind, ind.year_target().quantize(Decimal("0.01")))


def _level_colour(pct: Decimal | None) -> str | None:
    if pct is None:
        return None
    rounded = pct.quantize(Decimal(1))
    return "#1E8449" if rounded >= 100 else "#B7950B" if rounded >= 50 else "#C0392B"


def _confirm_token(conv: Conv) -> str:
    """Ties a confirm button to the exact value and period it showed."""
    return f"{conv.indicator_id}:{conv.period}:{conv.value}"


def _with_value(
    view: OfficerView, indicator_id: int, month: int, value: Decimal, note: str | None, now: datetime, period: Period
) -> OfficerView:
    reported = dict(view.reported)
    reported[(indicator_id, month)] = ReportedView(value, note, period.is_on_time(now), now)
    return replace(view, reported=reported)


def _int(text: str | None) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, TypeError, ValueError):
        return None
