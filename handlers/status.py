""" "สถานะ": status summaries in chat, rated as the SSO rates them (kpi.rating).

(Over ~400 lines once formatted: who may see what, role by role, and the paged unit lists share
the parsed ask and its buttons; the Flex drawing is already apart, presentation/status_cards.py.)

* An officer sees their own indicators (asking for a unit shows their own, with a note).
* A supervisor sees the units they oversee (models.org.units_overseen_by: their unit and every
  unit below it): their unit's summary, with a short list of the others (worst first, buttons,
  the full list paged like the planner's), any of them by button or "สถานะ <name>"; asking for
  a unit outside is politely refused.
* A planner sees the office-wide roll-up (the evaluation report's overview: "N งาน/โครงการ:
  ดี … ปานกลาง … ต่ำ …", and the units with missing reports, worst first), then any unit on
  request: the "เลือกหน่วยงาน" list (paged), a unit's button, or "สถานะ <unit name>".
* A cut by the plan's structure, "สถานะ กองทุนเงินทดแทน", "สถานะ ยุทธศาสตร์ 2" (kpi.plan_structure):
  a planner gets the office's roll-up of those projects; a supervisor the same over the units
  they oversee only; an officer still their own indicators.

Quick replies switch between the month, the quarter and the year to date (kpi.rating.Scope).
Replies are Flex bubbles and carousels with a text altText, within LINE's limits: at most 5
messages, 12 bubbles and 50 KB per carousel; long lists are paged, and the last message
always says how much was shown. Postback data: act=status, w=view (mine|unit|office|units),
s=scope (m|q|y), u=unit id, pg=page, f=fund (SSF|WCF) and st=strategy (a cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from linebot.v3.messaging import Message

from kpi.periods import reporting_period
from kpi.plan_structure import FUNDS, PlanCut, parse_plan_cut, strategy_number
from kpi.rating import (
    IndicatorStatus,
    Level,
    OfficeStatus,
    ReportStatus,
    Scope,
    ScopeKind,
    UnitStatus,
    count_reports,
    rate_indicators,
)
from kpi.text import parse_int
from models.budget_queries import BudgetRollup, rollup_disbursements
from models.org import Role, Unit, units_overseen_by
from models.status_queries import find_units, load_status_data, rate_units
from presentation import messages as M
from presentation import texts as T
from presentation.status_cards import office_bubble, pack_carousels, project_bubbles, summary_bubble

from . import reminder_chat
from .commands import find_command

if TYPE_CHECKING:
    from .context import CommandContext

ACT = "status"
ACTS = (ACT,)
SCOPES = {"m": ScopeKind.MONTH, "q": ScopeKind.QUARTER, "y": ScopeKind.YTD}
SCOPE_BUTTONS = (("m", T.BTN_STATUS_MONTH), ("q", T.BTN_STATUS_QUARTER), ("y", T.BTN_STATUS_YTD))

MAX_MESSAGES = 5
CAROUSELS_PER_PAGE = 2  # with the summary and the closing text: at most 5 messages
UNITS_PER_PAGE = 10
#: Units listed under a supervisor's own summary; with the period, paging and nudge buttons
#: and "หน่วยงานในสังกัด" the quick replies stay within LINE's 13.
SUBUNITS_IN_SUMMARY = 6


WORDS = T.CMD_STATUS  # the registry's (handlers.commands) status words


@dataclass(frozen=True)
class Ask:
    """What the officer asked for."""

    view: str = ""  # "" (their default) | mine | unit | office | units
    scope: str = "m"
    unit_id: int | None = None
    page: int = 0
    query: str | None = None  # a unit named after "สถานะ"
    cut: PlanCut | None = None  # a fund and/or a strategy named after "สถานะ"


def parse_ask(text: str | None, postback: dict[str, str] | None) -> Ask:
    if postback and postback.get("act") == ACT:
        scope = postback.get("s") if postback.get("s") in SCOPES else "m"
        view = postback.get("w") if postback.get("w") in ("mine", "unit", "office", "units") else ""
        fund = postback.get("f") if postback.get("f") in FUNDS else None
        strategy = strategy_number(postback.get("st"))  # a forged one: no cut
        cut = PlanCut(fund, strategy) if fund or strategy is not None else None
        return Ask(view, scope, parse_int(postback.get("u")), max(parse_int(postback.get("pg")) or 0, 0), cut=cut)
    words = " ".join((text or "").split()).lower()
    rest = next((words[len(w) :].strip() for w in WORDS if words == w or words.startswith(w + " ")), "")
    for key, names in T.STATUS_SCOPE_WORDS.items():
        if rest in names:
            return Ask(scope=key)
    cut = parse_plan_cut(rest)
    if cut is not None:
        return Ask(view="office", cut=cut)
    return Ask(query=rest or None)


def handle(ctx: CommandContext) -> list[Message]:
    ask = parse_ask(ctx.inp.text, ctx.inp.postback)
    as_of = reporting_period(ctx.now)
    scope = Scope.around(SCOPES[ask.scope], as_of).since(ctx.settings.backlog_from)
    role = ctx.officer.role
    if role == Role.PLANNER.value:
        return _planner(ctx, ask, scope)
    if role == Role.SUPERVISOR.value:
        return _supervisor(ctx, ask, scope)
    return _officer(ctx, ask, scope)


# --------------------------------------------------------------------------------------------
# Roles


def _officer(ctx: CommandContext, ask: Ask, scope: Scope) -> list[Message]:
    lead = []
    if ask.query or ask.cut or ask.view in ("unit", "office", "units"):
        lead.append(M.text(T.STATUS_OFFICER_OWN_ONLY))
    data = load_status_data(ctx.session, scope.year_be, officer_id=ctx.officer.id)
    indicators = tuple(i for unit in data for i in unit.indicators)
    if not indicators:
        return lead + [M.text(T.NO_INDICATORS, [M.say(T.BTN_HELP)])]
    reported = {k: v for unit in data for k, v in unit.reported.items()}
    statuses = rate_indicators(indicators, reported, scope, ctx.now)
    title = T.STATUS_MINE_TITLE.format(name=ctx.officer.display_name)
    return lead + _detail_view(
        title,
        scope,
        _group(statuses),
        statuses,
        ask,
        "mine",
        None,
        show_scores=False,
        extra=_officer_buttons(statuses),
        budget=MAX_MESSAGES - len(lead),
    )


def _supervisor(ctx: CommandContext, ask: Ask, scope: Scope) -> list[Message]:
    own = ctx.officer.unit
    realm = units_overseen_by(ctx.session, ctx.officer)
    if ask.cut is not None:  # the plan's cut stays within their units
        return _cut(ctx, scope, ask, ask.cut, realm, _realm_buttons(own, ask))
    if ask.query:
        found = find_units(ctx.session, ask.query, within=realm)
        if len(found) == 1:
            return _unit(ctx, found[0], scope, ask, realm)
        if found:
            return [_found_units(found, ask, T.STATUS_UNITS_FOUND_OVERSEEN, _realm_buttons(own, ask))]
        return _refused(own, realm, ask)
    if ask.view == "units" and len(realm) > 1:
        return _units_page(
            ctx,
            scope,
            ask,
            realm - {own.id},
            T.STATUS_SUBUNITS_HEAD.format(unit=own.name, scope=scope.thai()),
            _button(T.BTN_STATUS_MY_UNIT, "unit", ask.scope, own.id),
            T.STATUS_NO_PLANS_SUBUNITS.format(unit=own.name, year=scope.year_be),
        )
    if ask.view in ("office", "units") or (ask.unit_id is not None and ask.unit_id not in realm):
        return _refused(own, realm, ask)
    unit = own if ask.unit_id in (None, own.id) else ctx.session.get(Unit, ask.unit_id)
    return _unit(ctx, unit, scope, ask, realm)


def _refused(own: Unit, realm: frozenset[int], ask: Ask) -> list[Message]:
    """A unit outside the supervisor's: politely refused, with buttons back to theirs."""
    if len(realm) > 1:
        body = T.STATUS_OTHER_UNIT_REFUSED_REALM.format(unit=own.name, count=len(realm) - 1)
        return [M.text(body, _scope_buttons("unit", own.id) + [_button(T.BTN_STATUS_SUBUNITS, "units", ask.scope)])]
    return [M.text(T.STATUS_OTHER_UNIT_REFUSED.format(unit=own.name), _scope_buttons("unit", own.id))]


def _realm_buttons(own: Unit, ask: Ask) -> list:
    """ "หน่วยงานในสังกัด" (the units below theirs, worst first) and back to their own unit."""
    return [
        _button(T.BTN_STATUS_SUBUNITS, "units", ask.scope),
        _button(T.BTN_STATUS_MY_UNIT, "unit", ask.scope, own.id),
    ]


def _planner(ctx: CommandContext, ask: Ask, scope: Scope) -> list[Message]:
    if ask.cut is not None:
        return _cut(ctx, scope, ask, ask.cut, None, [_button(T.BTN_STATUS_OFFICE, "office", ask.scope)])
    if ask.query:
        found = find_units(ctx.session, ask.query)
        if len(found) == 1:
            return _unit(ctx, found[0], scope, ask)
        if not found:
            return [
                M.text(
                    T.STATUS_UNIT_NOT_FOUND.format(query=ask.query),
                    [
                        _button(T.BTN_STATUS_UNITS, "units", ask.scope),
                        _button(T.BTN_STATUS_OFFICE, "office", ask.scope),
                    ],
                )
            ]
        return [
            _found_units(
                found,
                ask,
                T.STATUS_UNITS_FOUND,
                [_button(T.BTN_STATUS_UNITS, "units", ask.scope), _button(T.BTN_STATUS_OFFICE, "office", ask.scope)],
            )
        ]
    if ask.view == "unit" and ask.unit_id is not None:
        unit = ctx.session.get(Unit, ask.unit_id)
        if unit is not None:
            return _unit(ctx, unit, scope, ask)
        return _office(ctx, scope, ask, lead=[M.text(T.STATUS_STALE)])
    if ask.view == "units":
        return _units_page(
            ctx,
            scope,
            ask,
            None,
            T.STATUS_UNITS_HEAD.format(scope=scope.thai()),
            _button(T.BTN_STATUS_OFFICE, "office", ask.scope),
            T.STATUS_NO_PLANS.format(year=scope.year_be),
        )
    return _office(ctx, scope, ask)


# --------------------------------------------------------------------------------------------
# A unit, and one officer's indicators


def _unit(
    ctx: CommandContext, unit: Unit, scope: Scope, ask: Ask, realm: frozenset[int] | None = None
) -> list[Message]:
    """A unit's summary and projects. `realm`: the units a supervisor oversees (None: a
    planner); a supervisor's own unit then lists the others below it."""
    listing = _Listing()
    own = realm is not None and unit.id == ctx.officer.unit_id
    if own and len(realm) > 1:
        listing = _overseen(ctx, scope, ask, realm - {unit.id})
    data = load_status_data(ctx.session, scope.year_be, unit_id=unit.id)
    if not data:
        body = "\n\n".join([T.STATUS_NO_PLAN.format(unit=unit.name, year=scope.year_be), *listing.text()])
        return [M.text(body, _scope_buttons("unit", unit.id) + listing.actions)]
    status = data[0].rate(scope, ctx.now)
    money = _disbursements(ctx, scope, {unit.id})
    extra = []
    if realm is None:
        extra = [_button(T.BTN_STATUS_UNITS, "units", ask.scope), _button(T.BTN_STATUS_OFFICE, "office", ask.scope)]
    else:
        if _nudge_available():  # only where someone owes a month of this summary, and for those
            units, since = reminder_chat.nudge_scope(
                ctx.now, realm, ctx.officer.unit_id, str(unit.id), ask.scope, ctx.settings.backlog_from
            )
            if reminder_chat.someone_to_nudge(ctx.session, ctx.now, units, since, ctx.officer.id):
                extra.append(reminder_chat.nudge_button(ask.scope, unit.id))
        if not own:
            extra += _realm_buttons(ctx.officer.unit, ask)
        extra += listing.actions
    title = T.STATUS_UNIT_TITLE.format(unit=unit.name)
    return _detail_view(
        title,
        scope,
        status.projects,
        list(status.indicators),
        ask,
        "unit",
        unit.id,
        show_scores=True,
        extra=extra,
        budget=MAX_MESSAGES,
        unit_status=status,
        closing_extra=listing.text(),
        disbursement=(scope.last, money.units.get(unit.id)) if money else None,
    )


@dataclass(frozen=True)
class _Listing:
    """The short list of the other units a supervisor oversees, under their own unit's summary."""

    lines: tuple[str, ...] = ()
    actions: list = field(default_factory=list)
    units: tuple[UnitStatus, ...] = ()

    def text(self) -> list[str]:
        return ["\n".join(self.lines)] if self.lines else []


def _overseen(ctx: CommandContext, scope: Scope, ask: Ask, unit_ids: frozenset[int]) -> _Listing:
    units = _worst_first(rate_units(ctx.session, scope, ctx.now, unit_ids).units)
    if not units:
        return _Listing()
    shown = units[:SUBUNITS_IN_SUMMARY]
    money = _disbursements(ctx, scope, {u.unit_id for u in shown})
    lines = [T.STATUS_SUBUNITS_SHORT_HEAD.format(count=len(units)), *_units_lines(shown, 1, money)]
    actions = _units_buttons(shown, 1, ask.scope)
    if len(units) > len(shown):
        lines.append(T.STATUS_SUBUNITS_MORE.format(more=len(units) - len(shown)))
        actions.append(_button(T.BTN_STATUS_SUBUNITS, "units", ask.scope))
    return _Listing(tuple(lines), actions, tuple(units))


def _detail_view(
    title: str,
    scope: Scope,
    projects,
    statuses: list[IndicatorStatus],
    ask: Ask,
    view: str,
    unit_id: int | None,
    *,
    show_scores: bool,
    extra: list,
    budget: int,
    unit_status: UnitStatus | None = None,
    closing_extra: list[str] = (),
    disbursement=None,
) -> list[Message]:
    """Summary bubble (first page), project carousels (paged) and a closing text with the buttons."""
    items = [(p.code, b) for p in projects for b in project_bubbles(p, show_scores)]
    carousels = pack_carousels(items)
    per_page = max(1, min(CAROUSELS_PER_PAGE, budget - 2))
    pages = max(1, -(-len(carousels) // per_page))
    page = min(ask.page, pages - 1)
    shown = carousels[page * per_page : (page + 1) * per_page]
    completeness = count_reports(s for st in statuses for s in st.reports.values())
    messages: list[Message] = []
    if page == 0:
        if show_scores and unit_status is not None:
            counts = unit_status.level_counts
            bubble = summary_bubble(title, scope, completeness, counts, T.STATUS_LEVELS_HEAD, projects, disbursement)
        else:
            counts = _indicator_counts(statuses)
            bubble = summary_bubble(title, scope, completeness, counts, T.STATUS_INDICATOR_LEVELS_HEAD, None)
        alt = T.STATUS_ALT_UNIT.format(
            title=title,
            scope=scope.thai(),
            green=counts.get(Level.GREEN, 0),
            yellow=counts.get(Level.YELLOW, 0),
            red=counts.get(Level.RED, 0),
            reported=completeness.reported,
            expected=completeness.expected,
        )
        messages.append(M.flex(alt, bubble))
    for carousel in shown:
        codes = list(dict.fromkeys(code for code, _ in carousel))
        messages.append(
            M.flex(
                T.STATUS_ALT_PROJECTS.format(codes=", ".join(codes)),
                {"type": "carousel", "contents": [bubble for _, bubble in carousel]},
            )
        )
    total = len(projects)
    position = {p.code: n for n, p in enumerate(projects, start=1)}
    shown_codes = [code for carousel in shown for code, _ in carousel] or [projects[0].code]
    first, last = position[shown_codes[0]], position[shown_codes[-1]]
    if pages == 1:
        closing = T.STATUS_SHOWN_ALL.format(total=total) if total > 1 else T.STATUS_SHOWN_ONE
    else:
        template = T.STATUS_SHOWN_PAGE if page < pages - 1 else T.STATUS_SHOWN_LAST_PAGE
        closing = template.format(first=first, last=last, total=total, page=page + 1, pages=pages)
    closing += "\n" + T.STATUS_SWITCH
    if any(getattr(a, "label", None) == T.BTN_STATUS_NUDGE for a in extra):
        closing += "\n" + T.STATUS_NUDGE_HINT
    closing = "\n\n".join([closing, *closing_extra])
    actions = _scope_buttons(view, unit_id)
    if page < pages - 1:
        actions.append(_button(T.BTN_STATUS_MORE, view, ask.scope, unit_id, page + 1))
    elif page > 0:
        actions.append(_button(T.BTN_STATUS_BACK, view, ask.scope, unit_id, 0))
    actions += extra
    messages.append(M.text(closing, actions[: M.MAX_QUICK_REPLIES]))
    return messages


@dataclass(frozen=True)
class _Group:
    """An officer's indicators of one project (no project score: they may not be all of it)."""

    code: str
    name: str
    indicators: tuple[IndicatorStatus, ...]
    pct: Decimal | None = None
    level: Level = Level.NO_TARGET
    weight_total: Decimal = Decimal(100)


def _group(statuses: list[IndicatorStatus]) -> list[_Group]:
    groups: dict[str, list[IndicatorStatus]] = {}
    names = {}
    for status in statuses:
        groups.setdefault(status.indicator.project_code, []).append(status)
        names.setdefault(status.indicator.project_code, status.indicator.project_name)
    return [_Group(code, names[code], tuple(items)) for code, items in groups.items()]


def _indicator_counts(statuses: list[IndicatorStatus]) -> dict[Level, int]:
    counts = {level: 0 for level in Level}
    for status in statuses:
        counts[status.rating.level] += 1
    return counts


def _officer_buttons(statuses: list[IndicatorStatus]) -> list:
    unsent = any(s in (ReportStatus.MISSING, ReportStatus.PENDING) for st in statuses for s in st.reports.values())
    return ([M.say(T.BTN_REPORT, "รายงาน")] if unsent else []) + [M.say(T.BTN_HELP)]


def _nudge_available() -> bool:
    """The reminders' "ส่งเตือน" command is registered (the button never leads nowhere)."""
    return find_command(None, " ".join(T.BTN_STATUS_NUDGE.split()).lower()) is not None


# --------------------------------------------------------------------------------------------
# The office


def _office(ctx: CommandContext, scope: Scope, ask: Ask, lead: list | None = None) -> list[Message]:
    lead = lead or []
    office = rate_units(ctx.session, scope, ctx.now)
    if not office.units:
        return lead + [M.text(T.STATUS_NO_PLANS.format(year=scope.year_be))]
    actions = _scope_buttons("office", None) + [_button(T.BTN_STATUS_UNITS, "units", ask.scope)]
    return lead + _roll_up(office, T.STATUS_OFFICE_TITLE, actions, ask, _disbursements(ctx, scope))


def _disbursements(
    ctx: CommandContext, scope: Scope, unit_ids: frozenset[int] | set[int] | None = None, cut: PlanCut | None = None
) -> BudgetRollup | None:
    """Disbursement against plan to the end of the scope (None: the scope has not begun)."""
    if scope.is_empty:
        return None
    return rollup_disbursements(ctx.session, scope.year_be, scope.last, unit_ids, cut)


def _roll_up(office: OfficeStatus, title: str, actions: list, ask: Ask, money: BudgetRollup | None) -> list[Message]:
    """The roll-up's bubble, then its buttons and the units with missing reports (worst first)."""
    bubble, alt = office_bubble(office, title, (money.month, money.office) if money else None)
    for n, unit in enumerate(office.units_missing()[: M.MAX_QUICK_REPLIES - len(actions)], start=1):
        actions.append(_unit_button(n, unit, ask.scope))
    return [M.flex(alt, bubble), M.text(T.STATUS_SWITCH_UNITS, actions)]


def _cut(
    ctx: CommandContext, scope: Scope, ask: Ask, cut: PlanCut, realm: frozenset[int] | None, back: list
) -> list[Message]:
    """The roll-up of a fund's or a strategy's projects: office-wide (`realm` None, a planner)
    or over the units a supervisor oversees."""
    name = cut_name(cut)
    office = rate_units(ctx.session, scope, ctx.now, realm, cut)
    if not office.units:
        return [M.text(T.STATUS_CUT_EMPTY.format(cut=name, year=scope.year_be), back)]
    title = T.STATUS_CUT_TITLE.format(cut=name) if realm is None else T.STATUS_CUT_TITLE_REALM.format(cut=name)
    actions = [_button(label, "office", key, cut=cut) for key, label in SCOPE_BUTTONS] + back
    return _roll_up(office, title, actions, ask, _disbursements(ctx, scope, realm, cut))


def cut_name(cut: PlanCut) -> str:
    """'กองทุนเงินทดแทน', 'ยุทธศาสตร์ที่ 2', 'กองทุนประกันสังคม ยุทธศาสตร์ที่ 1'."""
    parts = [FUNDS[cut.fund]] if cut.fund else []
    if cut.strategy_no is not None:
        parts.append(T.STATUS_CUT_STRATEGY.format(no=cut.strategy_no))
    return " ".join(parts)


def _units_page(
    ctx: CommandContext, scope: Scope, ask: Ask, unit_ids: frozenset[int] | None, head: str, back, empty: str
) -> list[Message]:
    """Units worst first, paged by 10, a button each: every unit for a planner (`unit_ids`
    None, back to the office), the units a supervisor oversees (back to their own)."""
    office = rate_units(ctx.session, scope, ctx.now, unit_ids)
    if not office.units:
        return [M.text(empty)]
    units = _worst_first(office.units)
    pages = max(1, -(-len(units) // UNITS_PER_PAGE))
    page = min(ask.page, pages - 1)
    first = page * UNITS_PER_PAGE
    shown = units[first : first + UNITS_PER_PAGE]
    lines = [head, *_units_lines(shown, first + 1, _disbursements(ctx, scope, {u.unit_id for u in shown}))]
    if pages > 1:
        lines.append(T.PAGE_INFO.format(page=page + 1, pages=pages))
    actions = _units_buttons(shown, first + 1, ask.scope)
    if page > 0:
        actions.append(_button(T.BTN_PREV, "units", ask.scope, page=page - 1))
    if page < pages - 1:
        actions.append(_button(T.BTN_NEXT, "units", ask.scope, page=page + 1))
    actions.append(back)
    return [M.text("\n".join(lines), actions)]


def _worst_first(units) -> list[UnitStatus]:
    """Most reports missing first, then most projects ต่ำ, then ปานกลาง, then by name."""
    return sorted(units, key=lambda u: (-u.completeness.missing, _worst_key(u), u.unit_name))


def _worst_key(unit: UnitStatus) -> tuple:
    counts = unit.level_counts
    return (-counts[Level.RED], -counts[Level.YELLOW])


def _units_lines(units: list[UnitStatus], first: int, money: BudgetRollup | None = None) -> list[str]:
    """A line a unit: reports missing and levels, and its disbursement's share of its budget."""
    lines = []
    for n, unit in enumerate(units, start=first):
        counts = unit.level_counts
        line = T.STATUS_UNITS_LINE.format(
            n=n,
            unit=unit.unit_name,
            missing=unit.completeness.missing,
            green=counts[Level.GREEN],
            yellow=counts[Level.YELLOW],
            red=counts[Level.RED],
        )
        spent = money.units.get(unit.unit_id) if money else None
        if spent is not None:
            line += T.STATUS_UNITS_BUDGET.format(pct=M.fmt_percent(spent.pct_of_allocation, "-"))
        lines.append(line)
    return lines


def _units_buttons(units: list[UnitStatus], first: int, scope: str) -> list:
    return [_unit_button(n, unit, scope) for n, unit in enumerate(units, start=first)]


def _found_units(found: list[Unit], ask: Ask, head: str, tail: list) -> Message:
    """Several units match the name asked for: a button each (at most 10), then `tail`."""
    shown = found[:UNITS_PER_PAGE]
    lines = [head.format(query=ask.query, count=len(found))]
    lines += [f"{n}. {u.name}" for n, u in enumerate(shown, start=1)]
    actions = [_button(f"{n}. {M.short_unit(u.name)}", "unit", ask.scope, u.id) for n, u in enumerate(shown, start=1)]
    return M.text("\n".join(lines), actions + tail)


# --------------------------------------------------------------------------------------------
# Buttons


def _button(
    label: str, view: str, scope: str, unit_id: int | None = None, page: int | None = None, cut: PlanCut | None = None
):
    fund, strategy = (cut.fund, cut.strategy_no) if cut else (None, None)
    return M.postback(label, act=ACT, w=view, s=scope, u=unit_id, pg=page or None, f=fund, st=strategy)


def _scope_buttons(view: str, unit_id: int | None) -> list:
    return [_button(label, view, key, unit_id) for key, label in SCOPE_BUTTONS]


def _unit_button(n: int, unit: UnitStatus, scope: str):
    return _button(f"{n}. {M.short_unit(unit.unit_name)}", "unit", scope, unit.unit_id)
