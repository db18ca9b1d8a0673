"""What the reporting conversation remembers and reasons with: its states, the officer's input,
the effects and outcome of a step, and the context a step reads (pure data)."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from linebot.v3.messaging import Message

from kpi.disbursement import BudgetView
from kpi.indicator import IndicatorView, OfficerView, ReportedView
from kpi.periods import Period, reporting_period
from kpi.reminders import earlier_months_owed
from presentation.form_links import FormLinks
from presentation.intents import strip_particles
from presentation.messages import MAX_QUICK_REPLIES

#: The month's list's own buttons on every page: เดือนอื่น and ยกเลิก (the way out stays).
LIST_BUTTONS = 2

#: One item of a month's list: an indicator's value or a project's disbursement.
Item = IndicatorView | BudgetView


class S(str, enum.Enum):
    IDLE = "idle"
    CHOOSE_MONTH = "choose_month"
    CHOOSE_INDICATOR = "choose_indicator"
    ASK_VALUE = "ask_value"
    CONFIRM_FAR = "confirm_far"
    ASK_REASON = "ask_reason"
    CONFIRM = "confirm"
    #: A project's disbursement of the month (การเบิกจ่าย): the amount, a refund confirmed,
    #: the reason when past the allocation or far behind the plan, the card.
    ASK_AMOUNT = "ask_amount"
    CONFIRM_REFUND = "confirm_refund"
    ASK_AMOUNT_REASON = "ask_amount_reason"
    CONFIRM_AMOUNT = "confirm_amount"
    #: Left idle longer than IDLE_TIMEOUT: what was in progress is gone (never stored).
    EXPIRED = "expired"


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
    project_id: int | None = None  # the project whose disbursement is being reported

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["state"], data["mode"] = self.state.value, self.mode.value
        return data

    @classmethod
    def from_data(cls, state: str, data: dict[str, Any]) -> Conv:
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
        return self.field("act")

    def field(self, key: str) -> str | None:
        """A field of the button's postback data."""
        return (self.postback or {}).get(key)


@dataclass(frozen=True)
class SaveValue:
    """Effect: store this confirmed value (the edge stamps who, when and on time or late)."""

    indicator_id: int
    period: Period
    value: Decimal
    note: str | None
    correction: bool


@dataclass(frozen=True)
class SaveDisbursement:
    """Effect: store this confirmed disbursement (baht; negative: a confirmed refund)."""

    project_id: int
    period: Period
    amount: Decimal
    note: str | None
    correction: bool


@dataclass
class Outcome:
    conv: Conv
    replies: list[Message]
    effects: list[SaveValue | SaveDisbursement] = field(default_factory=list)


@dataclass(frozen=True)
class Ctx:
    view: OfficerView
    now: datetime
    backlog_from: Period | None = None  # GO_LIVE_MONTH: earlier months are not named before it
    form_links: FormLinks | None = None  # the month's page, offered when two or more are owed

    @property
    def default_period(self) -> Period:
        return reporting_period(self.now)


def period_of(conv: Conv) -> Period:
    """The month a conversation past IDLE and CHOOSE_MONTH is about."""
    assert conv.period is not None
    return Period.from_key(conv.period)


def item_choices(conv: Conv, ctx: Ctx) -> list[Item]:
    """What is left to report (or, editing, what was reported): the indicators, then the
    projects' disbursements."""
    month = period_of(conv).month
    if conv.mode == Mode.REPORT:
        return [*ctx.view.pending(month), *ctx.view.budgets_pending(month)]
    return [*ctx.view.reported_in(month), *ctx.view.budgets_reported(month)]


def month_universe(conv: Conv, ctx: Ctx) -> list[Item]:
    """The month's items in plan order: the indicators due, and any reported anyway; then the
    disbursement of each project with a budget the officer reports."""
    month = period_of(conv).month
    return [
        *(i for i in ctx.view.indicators if i.is_due(month) or ctx.view.value(i.id, month) is not None),
        *ctx.view.budgets,
    ]


def offers_form_page(conv: Conv, ctx: Ctx, owed: int) -> bool:
    """The list carries กรอกทั้งหมดหน้าเดียว: reporting (not correcting), two or more items owed
    (indicators and disbursements alike), and the bot can make the link."""
    return conv.mode == Mode.REPORT and owed >= 2 and ctx.form_links is not None


def list_pages(conv: Conv, ctx: Ctx, count: int) -> tuple[int, int]:
    """(items per page, pages) of a list of `count` items: each page's buttons (the items, the
    month's page, ◀ ▶ when paged, เดือนอื่น, ยกเลิก) fit LINE's 13 quick replies."""
    room = MAX_QUICK_REPLIES - LIST_BUTTONS - offers_form_page(conv, ctx, count)
    size = room if count <= room else room - 2
    return size, max(1, -(-count // size))


def numbered_choices(conv: Conv, ctx: Ctx) -> list[tuple[int, Item]]:
    """The choices under their number in the month's list, which stays as values are saved."""
    choices = {item_key(i) for i in item_choices(conv, ctx)}
    return [(n, i) for n, i in enumerate(month_universe(conv, ctx), start=1) if item_key(i) in choices]


def item_key(item: Item) -> tuple[str, int]:
    """Tells items apart (an indicator's id and a project's id may be equal)."""
    return ("budget", item.project_id) if isinstance(item, BudgetView) else ("indicator", item.id)


def current_indicator(conv: Conv, ctx: Ctx) -> tuple[IndicatorView, Period]:
    ind = ctx.view.indicator(conv.indicator_id or -1)
    if ind is None:  # responsibilities changed under a running conversation
        raise LookupError("indicator no longer assigned")
    return ind, period_of(conv)


def current_budget(conv: Conv, ctx: Ctx) -> tuple[BudgetView, Period]:
    budget = ctx.view.budget(conv.project_id or -1)
    if budget is None:  # who reports the project changed under a running conversation
        raise LookupError("budget no longer assigned")
    return budget, period_of(conv)


def value_of(conv: Conv) -> Decimal:
    """The value a conversation past ASK_VALUE holds."""
    value = conv.decimal_value
    assert value is not None
    return value


def other_months_owed(view: OfficerView, period: Period, now: datetime, since: Period | None) -> list[Period]:
    """The months of the year open for reporting, other than `period`, with values or a
    disbursement still missing:
    the month being reported and the earlier ones the reminders name (not before the go-live
    month `since`, GO_LIVE_MONTH). The chat names them when a month is done; the month's page
    at its end."""
    last = reporting_period(now)
    if period.year_be != last.year_be:
        return []
    owed = [*earlier_months_owed(view, last, since), *([last] if view.owes(last.month) else [])]
    return [p for p in owed if p != period]


def with_value(
    view: OfficerView, indicator_id: int, month: int, value: Decimal, note: str | None, now: datetime, period: Period
) -> OfficerView:
    reported = dict(view.reported)
    reported[(indicator_id, month)] = ReportedView(value, note, period.is_on_time(now), now)
    return replace(view, reported=reported)


def with_spent(view: OfficerView, project_id: int, month: int, amount: Decimal) -> OfficerView:
    budgets = tuple(b.with_spent(month, amount) if b.project_id == project_id else b for b in view.budgets)
    return replace(view, budgets=budgets)
