"""What each state of the reporting conversation shows: its prompt (also shown again after
help or unexpected input) and how values, targets and buttons read."""

from __future__ import annotations

from decimal import Decimal

from linebot.v3.messaging import Action, Message

from kpi.disbursement import BudgetView
from kpi.indicator import IndicatorView, OfficerView
from kpi.kinds import IndicatorKind
from kpi.periods import MONTHS_ABBR, MONTHS_FULL, Period, open_months, thai_date, thai_months
from kpi.values import Reason, percent_of_target, reason_needed
from presentation import messages as M
from presentation import texts as T
from presentation.formatting import count_items, fmt_amount, fmt_baht, fmt_number, fmt_percent
from presentation.indicator_labels import indicator_labels
from presentation.levels import level_colour

from .conversation_state import (
    Conv,
    Ctx,
    Item,
    Mode,
    current_indicator,
    list_pages,
    numbered_choices,
    offers_form_page,
    period_of,
    value_of,
)


def prompt_idle(conv: Conv, ctx: Ctx) -> list[Message]:
    return [M.text(T.MENU.format(name=ctx.view.display_name), menu_actions())]


def prompt_month(conv: Conv, ctx: Ctx) -> list[Message]:
    months = open_months(ctx.now)
    actions = [M.postback(p.thai_short(), act="month", p=p.key()) for p in reversed(months)][:12]
    return [M.text(T.CHOOSE_MONTH.format(year=ctx.default_period.year_be), actions + [M.say(T.BTN_CANCEL)])]


def prompt_choose_indicator(conv: Conv, ctx: Ctx, short: bool = False) -> list[Message]:
    """The items to pick from (indicators, then projects' disbursements), each under its number
    of the month (stable as values are saved); `short`: after a save, only what is left, under
    the words that tell them apart."""
    numbered = numbered_choices(conv, ctx)
    choices = [item for _, item in numbered]
    period = period_of(conv)
    size, pages = list_pages(conv, ctx, len(choices))
    page = min(conv.page, pages - 1)
    first = page * size
    shown = numbered[first : first + size]
    labels = item_labels(shown)
    indicators_owed = sum(isinstance(i, IndicatorView) for i in choices)
    count = count_items(indicators_owed, sum(isinstance(i, BudgetView) for i in choices))
    if short:
        header = T.LEFT_HEADER.format(period=period.thai(), count=count)
    elif conv.mode == Mode.EDIT:
        header = T.EDIT_HEADER.format(period=period.thai())
    else:
        late = not period.is_on_time(ctx.now)
        header = (T.PENDING_HEADER_LATE if late else T.PENDING_HEADER).format(
            period=period.thai(), count=count, due=thai_date(period.due_date())
        )
    lines = [header]
    for (n, item), label in zip(shown, labels, strict=True):
        lines.append(item_line(n, item, label, short, conv, ctx))
    if pages > 1:
        lines.append(T.PAGE_INFO.format(page=page + 1, pages=pages))
    lines.append(T.PICK_PROMPT.format(example=shown[0][0] if shown else 1))
    # The page holds every owed item: indicators and disbursements alike.
    page_button = form_page_button(conv, ctx, period, len(choices))
    if page_button is not None:
        lines.append(T.FORM_PAGE_HINT)
    actions: list[Action] = [] if page_button is None else [page_button]
    actions += [pick_action(item, label, conv) for (_, item), label in zip(shown, labels, strict=True)]
    if page > 0:
        actions.append(M.postback(T.BTN_PREV, act="page", n=page - 1))
    if page < pages - 1:
        actions.append(M.postback(T.BTN_NEXT, act="page", n=page + 1))
    actions += [M.postback(T.BTN_OTHER_MONTH, act="months"), M.say(T.BTN_CANCEL)]  # list_pages left room
    return [M.text("\n".join(lines), actions)]


def item_labels(shown: list[tuple[int, Item]]) -> list[str]:
    """Button labels: the indicators' under the words that tell siblings apart, a project's
    disbursement as "4. เบิกจ่าย P01"."""
    indicators = iter(indicator_labels([(n, i.name) for n, i in shown if isinstance(i, IndicatorView)]))
    return [
        next(indicators) if isinstance(i, IndicatorView) else T.BUDGET_LABEL.format(n=n, code=i.project_code)
        for n, i in shown
    ]


def item_line(n: int, item: Item, label: str, short: bool, conv: Conv, ctx: Ctx) -> str:
    month = period_of(conv).month
    if isinstance(item, BudgetView):
        line = f"{n}. " + T.BUDGET_ITEM.format(code=item.project_code, name=item.project_name)
        if conv.mode == Mode.EDIT:
            line += T.BUDGET_SENT.format(amount=fmt_baht(item.spent[month]))
        return line
    line = f"{n}. {item.code} {label.split(' ', 1)[1]}" if short else f"{n}. {item.code} {item.name}"
    if conv.mode == Mode.EDIT:
        reported = ctx.view.value(item.id, month)
        assert reported is not None  # the edit list holds reported indicators only
        line += f" (ส่งแล้ว {value_text(item, reported.value)})"
    return line


def pick_action(item: Item, label: str, conv: Conv) -> Action:
    if isinstance(item, BudgetView):
        display = T.BUDGET_ITEM.format(code=item.project_code, name=item.project_name)
        return M.postback(label, display=display[:300], act="pick", b=item.project_id, p=conv.period)
    return M.postback(label, display=f"{item.code} {item.name}"[:300], act="pick", i=item.id, p=conv.period)


def form_page_button(conv: Conv, ctx: Ctx, period: Period, owed: int) -> Action | None:
    """กรอกทั้งหมดในหน้าเดียว: the month's page (form/), when the list offers it (offers_form_page)."""
    if not offers_form_page(conv, ctx, owed) or ctx.form_links is None:
        return None
    return M.link(T.BTN_FORM_PAGE, ctx.form_links.url(ctx.view.officer_id, period, ctx.now))


def prompt_value(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = current_indicator(conv, ctx)
    card = T.INDICATOR_CARD.format(
        code=ind.code,
        name=ind.name,
        uom=ind.unit_of_measure,
        month=period.thai(),
        month_target=target_text(ind, period.month),
        year_target=year_target_text(ind),
        so_far=so_far_text(ctx.view, ind),
    )
    current = ctx.view.value(ind.id, period.month)
    if current is not None:
        card += "\n" + T.CURRENT_VALUE.format(value=value_text(ind, current.value))
    return [M.text(card), M.text(value_question(ind, period), value_actions(ind))]


def so_far_text(view: OfficerView, ind: IndicatorView) -> str:
    """What was reported so far this year: 'ต.ค. 10, พ.ย. 12' (the card in chat, the month's page)."""
    so_far = [(m, view.value(ind.id, m)) for m in range(1, 13)]
    return ", ".join(f"{MONTHS_ABBR[m - 1]} {fmt_number(v.value)}" for m, v in so_far if v) or T.NOTHING_YET


def prompt_far(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = current_indicator(conv, ctx)
    body = far_question(ind, period, value_of(conv))
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


def prompt_reason(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = current_indicator(conv, ctx)
    value = value_of(conv)
    pct = fmt_percent(percent_of_target(ind, period.month, value))
    required = reason_needed(ind, period.month, value) == Reason.REQUIRED
    question = T.ASK_REASON_REQUIRED if required else T.ASK_REASON_OPTIONAL
    return [M.text(question.format(pct=pct), reason_actions(required))]


def reason_actions(required: bool) -> list[Action]:
    if required:
        return [M.say(T.BTN_CANCEL)]
    return [M.postback(T.BTN_SKIP_REASON, act="skip"), M.say(T.BTN_CANCEL)]


def prompt_confirm(conv: Conv, ctx: Ctx) -> list[Message]:
    ind, period = current_indicator(conv, ctx)
    value = value_of(conv)
    pct = percent_of_target(ind, period.month, value)
    rows = [
        M.field_row(T.CONFIRM_PERIOD, period.thai()),
        M.field_row(T.CONFIRM_RESULT, f"{value_text(ind, value)}"),
        M.field_row(T.CONFIRM_TARGET, target_text(ind, period.month)),
        M.field_row(T.CONFIRM_PERCENT, fmt_percent(pct), level_colour(pct)),
    ]
    previous = ctx.view.value(ind.id, period.month)
    if previous is not None:
        rows.append(M.field_row(T.CONFIRM_PREVIOUS, value_text(ind, previous.value)))
    if conv.note:
        rows.append(M.field_row(T.CONFIRM_NOTE, conv.note))
    notes = []
    if conv.hedge:
        notes.append(T.CONFIRM_APPROX.format(hedge=conv.hedge, amount=value_text(ind, value)))
    if not period.is_on_time(ctx.now):
        notes.append(T.CONFIRM_LATE.format(due=thai_date(period.due_date())))
    buttons = [
        M.postback(T.BTN_CONFIRM, act="confirm", t=confirm_token(conv)),
        M.postback(T.BTN_CHANGE, act="change"),
    ]
    if reason_needed(ind, period.month, value) != Reason.NONE:
        buttons.append(M.postback(T.BTN_CHANGE_REASON, act="reason"))
    buttons.append(M.postback(T.BTN_CANCEL, act="cancel"))
    bubble = M.card(T.CONFIRM_TITLE, f"{ind.code} {ind.name}", rows, buttons, "\n".join(notes) or None)
    alt = T.CONFIRM_ALT.format(code=ind.code, month=period.thai(), amount=value_text(ind, value))
    return [M.flex(alt, bubble)]


def nothing_due_text(period: Period, ctx: Ctx) -> str:
    """No target this month: say so, and which month next has one."""
    body = T.NOTHING_DUE.format(period=period.thai())
    later = [m for m in range(period.month + 1, 13) if any(i.is_due(m) for i in ctx.view.indicators)]
    if not later:
        return body + "\n" + T.NO_MORE_DUE.format(year=period.year_be)
    nxt = Period(period.year_be, later[0])
    opens = MONTHS_FULL[later[0] % 12] + (f" {nxt.year_be + 1}" if later[0] == 12 else f" {nxt.year_be}")
    return body + "\n" + T.NEXT_DUE.format(month=nxt.thai(), next_month=opens, due=thai_date(nxt.due_date()))


# --------------------------------------------------------------------------------------------
# How values, targets and buttons read


def still_owed_text(view: OfficerView, owed: list[Period]) -> str:
    """'ยังไม่ได้ส่งผลเดือน ก.ย. 2569 (1 ตัวชี้วัด)': other months still missing values or disbursements."""
    indicators = len({i.id for p in owed for i in view.pending(p.month)})
    budgets = len({b.project_id for p in owed for b in view.budgets_pending(p.month)})
    return T.STILL_OWED.format(months=thai_months(owed), count=count_items(indicators, budgets))


def menu_actions() -> list[Action]:
    return [
        M.say(T.BTN_REPORT, "รายงาน"),
        M.say(T.BTN_EDIT, "แก้ไข"),
        M.postback(T.BTN_OTHER_MONTH, act="months"),
        M.say(T.BTN_HELP),
    ]


def value_question(ind: IndicatorView, period: Period) -> str:
    month = period.thai()
    if ind.kind == IndicatorKind.LEVEL.value:
        return T.ASK_LEVEL.format(month=month, top=ind.max_level or 5)
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return T.ASK_PASS_FAIL.format(month=month)
    if ind.is_percent:
        return T.ASK_PERCENT.format(month=month)
    return T.ASK_NUMBER.format(month=month, uom=ind.unit_of_measure)


def value_actions(ind: IndicatorView) -> list[Action]:
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


def value_text(ind: IndicatorView, value: Decimal) -> str:
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return T.BTN_PASS if value == 1 else T.BTN_FAIL
    return fmt_amount(value, ind.unit_of_measure)


def far_question(ind: IndicatorView, period: Period, value: Decimal) -> str:
    """The plausibility question of a value far from the month's target (kpi.values)."""
    return T.FAR_FROM_TARGET.format(value=value_text(ind, value), target=target_text(ind, period.month))


def target_text(ind: IndicatorView, month: int) -> str:
    target = ind.target(month)
    return T.NO_TARGET if target == 0 else value_text(ind, target)


def year_target_text(ind: IndicatorView) -> str:
    return value_text(ind, ind.year_target().quantize(Decimal("0.01")))


def confirm_token(conv: Conv) -> str:
    """Ties a confirm button to the exact value and period it showed."""
    return f"{conv.indicator_id}:{conv.period}:{conv.value}"
