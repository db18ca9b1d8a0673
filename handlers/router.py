"""From one webhook event to the replies: binding, then the reporting conversation.

This is the edge between LINE events and the pure conversation: it loads the officer, their
indicators and the conversation state, runs one step, persists the effects and the new state
in the caller's transaction and returns the replies for the webhook to send.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from linebot.v3.messaging import Message
from sqlalchemy.orm import Session

from kpi.link_code import CodeKind, read_link_code
from kpi.month_mention import month_mentioned
from kpi.periods import Period, reporting_period
from models.conversations import load_conversation, save_conversation
from models.linking import BindResult, redeem_link_code
from models.officer_views import load_officer_view, officer_by_line_user
from models.org import Officer
from models.rates import Verdict, count_message
from models.reporting import save_disbursement, save_value
from presentation import messages as M
from presentation import texts as T
from presentation.intents import recognise

from . import conversation as C
from . import dashboard, reminder_chat, status
from .commands import find_command
from .context import CommandContext
from .settings import Settings

#: What each feature command of the registry (handlers.commands) runs, beside the conversation.
FEATURES: dict[str, Callable[[CommandContext], list[Message]]] = {
    "status": status.handle,
    "snooze": reminder_chat.snooze,  # reminders: เตือนพรุ่งนี้
    "nudge": reminder_chat.nudge,  # reminders: ส่งเตือน
    "dashboard": dashboard.sign_in_link,  # แดชบอร์ด
    "chart": dashboard.chart,  # กราฟ
}


@dataclass(frozen=True)
class IncomingEvent:
    """What the bot needs of a LINE webhook event, independent of the SDK's classes."""

    kind: str  # follow | unfollow | message | postback | other
    event_id: str
    source_type: str  # user | group | room
    user_id: str | None = None
    text: str | None = None  # text messages only
    postback_data: str | None = None
    is_text: bool = False


@dataclass(frozen=True)
class Reply:
    messages: list[Message]
    #: The officer must learn of it (a value was saved): worth a push if the reply token has expired.
    must_deliver: bool = False


def command_in_words(inp: C.Input, period: Period) -> C.Input | None:
    """A short request typed in other words, as the command it stands for (None: not one).
    A report naming a month of the year so far ("ส่งผลเดือนกันยายน") goes to that month."""
    if inp.postback is not None or not inp.text or C.is_command(inp) or find_command(None, inp.words) is not None:
        return None
    intent = recognise(inp.text)
    if intent is None:
        return None
    month = month_mentioned(inp.text) if intent.key == "report" else None
    if month is not None and month <= period.month:
        return C.Input(postback={"act": "report", "p": Period(period.year_be, month).key()})
    return C.Input(text=intent.command)


def input_of(ev: IncomingEvent) -> C.Input:
    return C.Input(text=ev.text, postback=M.decode_postback(ev.postback_data) if ev.postback_data else None)


def takes_a_moment(ev: IncomingEvent) -> bool:
    """A user's request whose reply is slow to build (worth LINE's loading animation)."""
    if ev.kind not in ("message", "postback") or ev.source_type != "user" or not ev.user_id:
        return False
    inp = input_of(ev)
    command = find_command(inp.act(), inp.words)
    return command is not None and command.slow


def handle_event(session: Session, ev: IncomingEvent, now: datetime, settings: Settings) -> Reply:
    if ev.kind not in ("follow", "unfollow", "message", "postback"):
        return Reply([])
    if ev.source_type != "user":
        return Reply([M.text(T.GROUP_CHAT)] if ev.kind in ("message", "postback") else [])
    if not ev.user_id:
        return Reply([])
    if ev.kind in ("message", "postback"):
        verdict = count_message(session, ev.user_id, now, settings.max_messages_per_minute)
        if verdict != Verdict.ANSWER:
            return Reply([M.text(T.TOO_MANY_MESSAGES)] if verdict == Verdict.NOTICE else [])
    officer = officer_by_line_user(session, ev.user_id)
    if ev.kind == "unfollow":
        if officer is not None:
            officer.line_blocked = True
        return Reply([])
    if ev.kind == "follow":
        return Reply(_greet(officer))
    if officer is None:
        return Reply(_unbound(session, ev, now))
    if not officer.active:
        return Reply([M.text(T.OFFICER_INACTIVE)])
    if ev.kind == "message" and not ev.is_text:
        return Reply([M.text(T.NON_TEXT)])
    return _converse(session, officer, ev, now, settings)


def _greet(officer: Officer | None) -> list[Message]:
    if officer is None:
        return [M.text(T.WELCOME_UNBOUND)]
    officer.line_blocked = False
    if not officer.active:
        return [M.text(T.OFFICER_INACTIVE)]
    return [M.text(T.WELCOME_BACK.format(name=officer.display_name), C.menu_actions())]


def _unbound(session: Session, ev: IncomingEvent, now: datetime) -> list[Message]:
    typed = read_link_code(ev.text)
    if typed.kind == CodeKind.WRONG_LENGTH:
        return [M.text(T.BIND_CODE_LENGTH.format(digits=typed.digits))]
    if typed.kind != CodeKind.CODE:
        return [M.text(T.ASK_FOR_CODE)]
    binding = redeem_link_code(session, ev.user_id, typed.code, now)
    if binding.result == BindResult.LOCKED:
        return [M.text(T.BIND_LOCKED.format(minutes=binding.wait_minutes))]
    if binding.result == BindResult.PAUSED:
        return [M.text(T.BIND_PAUSED.format(minutes=binding.wait_minutes))]
    if binding.result == BindResult.WRONG:
        return [M.text(T.BIND_WRONG.format(left=binding.attempts_left))]
    officer = binding.officer
    return [M.text(T.BIND_OK.format(name=officer.display_name, unit=officer.unit.name), C.menu_actions())]


def _converse(session: Session, officer: Officer, ev: IncomingEvent, now: datetime, settings: Settings) -> Reply:
    inp = input_of(ev)
    command = find_command(inp.act(), inp.words)
    if command is not None and not command.moves_conversation:
        return Reply(FEATURES[command.name](CommandContext(session, officer, inp, now, settings)))
    stored = load_conversation(session, ev.user_id)
    conv = C.resume(stored.state, stored.data, stored.updated_at, now)
    understood = command_in_words(inp, reporting_period(now)) if conv.state in (C.S.IDLE, C.S.EXPIRED) else None
    if understood is not None:  # "ขอส่งผลงานค่ะ" is รายงาน
        inp = understood
        command = find_command(inp.act(), inp.words)
        if command is not None and not command.moves_conversation:
            return Reply(FEATURES[command.name](CommandContext(session, officer, inp, now, settings)))
    period = Period.from_key(conv.period) if conv.period else reporting_period(now)
    view = load_officer_view(session, officer, period.year_be) if C.needs_view(conv, inp) else None
    try:
        outcome = C.step(conv, inp, view, now, settings.backlog_from)
    except LookupError:  # the indicator was taken off the officer mid-conversation
        outcome = C.Outcome(C.Conv(), [M.text(T.NOT_YOUR_INDICATOR), M.text(T.CANCELLED)])
    for effect in outcome.effects:
        _apply(session, effect, officer, now)
    save_conversation(session, ev.user_id, outcome.conv.state.value, outcome.conv.to_data(), now)
    return Reply(outcome.replies, must_deliver=bool(outcome.effects))


def _apply(session: Session, effect: C.SaveValue | C.SaveDisbursement, officer: Officer, now: datetime) -> None:
    """Store a confirmed figure in the event's transaction, stamped with who, when and whether
    on time (by the 5th of the next month, for values and disbursements alike)."""
    stamp = dict(officer_id=officer.id, now=now, on_time=effect.period.is_on_time(now), source="chat")
    if isinstance(effect, C.SaveDisbursement):
        save_disbursement(
            session,
            project_id=effect.project_id,
            month=effect.period.month,
            amount=effect.amount,
            note=effect.note,
            **stamp,
        )
        return
    save_value(
        session,
        indicator_id=effect.indicator_id,
        month=effect.period.month,
        value=effect.value,
        note=effect.note,
        **stamp,
    )
