"""Chat commands of the reminders: "เตือนพรุ่งนี้" (snooze) and "ส่งเตือน" (nudge).

Registered in handlers.commands.COMMANDS (run by handlers.router.FEATURES). A snooze skips the officer's next reminder round of the
current period. A nudge is for supervisors (the officers still missing values in the units they
oversee: their own and those below it, models.org.units_overseen_by) and planners (every unit,
after a confirmation since it costs quota); it writes the outbox in the webhook's transaction
and the scheduler process sends it, once per officer per day.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from linebot.v3.messaging import Message

from kpi.periods import BANGKOK, Period, reporting_period, thai_date, thai_months
from kpi.rating import Scope, ScopeKind
from kpi.reminders import by_unit, earlier_months_owed
from kpi.rounds import next_round_of_period, thai_datetime
from models.officer_views import load_officer_view
from models.org import Role, units_overseen_by
from models.reminder_store import add_snooze
from presentation import messages as M
from presentation import reminder_messages as RM
from presentation import texts as T
from reminders.nudges import NudgeResult, nudge_candidates, queue_nudges

if TYPE_CHECKING:
    from .context import CommandContext

MAX_NAMES = 20
#: The months of a status summary (its scope buttons) a nudge from it covers.
NUDGE_SCOPES = {"m": ScopeKind.MONTH, "q": ScopeKind.QUARTER, "y": ScopeKind.YTD}
SNOOZE_WORDS = T.CMD_SNOOZE
NUDGE_WORDS = T.CMD_NUDGE


def snooze(ctx: CommandContext) -> list[Message]:
    """Skip the next reminder round of the current period for this officer."""
    settings = ctx.settings.reminders
    period = reporting_period(ctx.now)
    view = load_officer_view(ctx.session, ctx.officer, period.year_be)
    if not view.owes(period.month):
        older = earlier_months_owed(view, period, settings.backlog_from)
        if older:  # earlier months are reminded in the overdue rounds, which no one can skip
            return [
                M.text(
                    T.SNOOZE_ONLY_OLDER.format(period=period.thai(), months=thai_months(older)),
                    [M.say(T.BTN_REPORT, "รายงาน")],
                )
            ]
        return [M.text(T.SNOOZE_NOTHING_PENDING.format(period=period.thai()))]
    calendar = settings.calendar(ctx.now)
    skipped = next_round_of_period(ctx.now, period, settings.rounds, calendar)
    if skipped is None:
        return [M.text(T.SNOOZE_NO_ROUND.format(period=period.thai()))]
    added = add_snooze(ctx.session, ctx.officer.id, period.key(), skipped.name, ctx.now)
    body = (T.SNOOZE_OK if added else T.SNOOZE_ALREADY).format(period=period.thai(), when=thai_datetime(skipped.at))
    after = next_round_of_period(skipped.at, period, settings.rounds, calendar)
    body += (
        T.SNOOZE_THEN.format(when=thai_datetime(after.at))
        if after
        else T.SNOOZE_LAST.format(due=thai_date(period.due_date()))
    )
    return [M.text(body)]


def nudge(ctx: CommandContext) -> list[Message]:
    role = ctx.officer.role
    if role == Role.SUPERVISOR.value:
        realm = units_overseen_by(ctx.session, ctx.officer)
        postback = ctx.inp.postback or {}
        units, since = nudge_scope(
            ctx.now, realm, ctx.officer.unit_id, postback.get("u"), postback.get("s"), ctx.settings.backlog_from
        )
        result = queue_nudges(
            ctx.session,
            ctx.now,
            ctx.settings.reminders,
            "supervisor",
            sorted(units),
            exclude=ctx.officer.id,
            backlog_from=since,
        )
        return [M.text(_supervisor_reply(result, ctx.officer.unit_id, ctx.officer.unit.name, len(units) > 1, since))]
    if role == Role.PLANNER.value:
        return _planner_nudge(ctx)
    return [M.text(T.NUDGE_OFFICER, [M.say(T.BTN_REPORT, "รายงาน")])]


def nudge_scope(
    now: datetime,
    realm: frozenset[int],
    own_unit_id: int,
    unit: str | None = None,
    scope: str | None = None,
    go_live: Period | None = None,
) -> tuple[frozenset[int], Period | None]:
    """Whom and which months a supervisor's nudge covers: typed, all the units they oversee and
    the months the reminders name; from a status summary's button, that summary's units (their own
    unit's covers the units below it) and months (the month, the quarter or the year so far, not
    before the go-live month `go_live`, GO_LIVE_MONTH)."""
    if scope not in NUDGE_SCOPES:
        return realm, None
    unit_id = int(unit) if unit and unit.isdigit() else own_unit_id
    units = realm if unit_id == own_unit_id else frozenset({unit_id}) & realm
    period = reporting_period(now)
    first = Period(period.year_be, Scope.around(NUDGE_SCOPES[scope], period).first)
    return units, max(first, go_live) if go_live is not None and go_live.year_be == period.year_be else first


def nudge_button(scope: str, unit_id: int):
    return M.postback(T.BTN_NUDGE, act="nudge", s=scope, u=unit_id)


def someone_to_nudge(session, now: datetime, units: frozenset[int], since: Period | None, exclude: int) -> bool:
    """Anyone in these units still owing a month from `since` (what the nudge would list)."""
    _, people, _ = nudge_candidates(session, now, sorted(units), since)
    return any(p.owes and p.officer_id != exclude for p in people)


def _names(people) -> str:
    names = [p.display_name for p in people[:MAX_NAMES]]
    if len(people) > MAX_NAMES:
        names.append(f"…(+{len(people) - MAX_NAMES})")
    return ", ".join(names)


def _supervisor_reply(
    result: NudgeResult, unit_id: int, unit_name: str, has_units_below: bool, since: Period | None = None
) -> str:
    months = result.period.thai()
    if since is not None and since < result.period:  # the summary's months, as it showed them
        months = " " + thai_months([Period(since.year_be, m) for m in range(since.month, result.period.month + 1)])
    if not (result.queued or result.already_today or result.unreachable):
        done = T.NUDGE_ALL_DONE_UNITS if has_units_below else T.NUDGE_ALL_DONE
        return done.format(unit=unit_name, period=months)
    lines = []
    if result.queued:
        lines.append(T.NUDGE_QUEUED.format(period=months, count=len(result.queued)))
        lines += RM.people_lines(
            by_unit(result.queued, unit_id),
            unit_id,
            MAX_NAMES,
            line=lambda p: RM.person_line(p, T.NUDGE_PERSON),
            more=None,
        )
    else:
        lines.append(T.NUDGE_NOBODY_NEW)
    if result.already_today:
        lines.append(T.NUDGE_ALREADY_TODAY.format(names=_names(result.already_today)))
    if result.unreachable:
        lines.append(T.NUDGE_UNREACHABLE.format(names=_names(result.unreachable)))
    return "\n".join(lines)


def _today(now: datetime) -> str:
    return now.astimezone(BANGKOK).date().isoformat()


def _planner_nudge(ctx: CommandContext) -> list[Message]:
    """Every unit: first the count and a confirmation button (for today only), then the nudge."""
    confirmed = ctx.inp.act() == "nudge" and (ctx.inp.postback or {}).get("ok") == "1"
    if confirmed and (ctx.inp.postback or {}).get("d") != _today(ctx.now):
        return [M.text(T.NUDGE_STALE)]
    if confirmed:
        result = queue_nudges(ctx.session, ctx.now, ctx.settings.reminders, "planner", None, exclude=ctx.officer.id)
        if not result.queued:
            return [M.text(T.NUDGE_PLANNER_NONE.format(period=result.period.thai()))]
        units = len({p.unit_id for p in result.queued})
        return [
            M.text(T.NUDGE_PLANNER_QUEUED.format(period=result.period.thai(), count=len(result.queued), units=units))
        ]
    period, people, already = nudge_candidates(ctx.session, ctx.now, None, ctx.settings.reminders.backlog_from)
    due = [
        p for p in people if p.owes and p.reachable and p.officer_id not in already and p.officer_id != ctx.officer.id
    ]
    if not due:
        return [M.text(T.NUDGE_PLANNER_NONE.format(period=period.thai()))]
    body = T.NUDGE_PLANNER_CONFIRM.format(period=period.thai(), count=len(due), units=len({p.unit_id for p in due}))
    return [M.text(body, [M.postback(T.BTN_NUDGE_CONFIRM, act="nudge", ok=1, d=_today(ctx.now)), M.say(T.BTN_CANCEL)])]
