"""The conversation's `step`, driven directly, table by table: state + input -> next state,
what the bot says and what it saves. Pure: no database, no LINE, no Flask.

Each row also checks the machine's own table: the state reached is one MACHINE (or, for a
command, COMMAND_GOES_TO) says the state may go to."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from handlers import commands as commands_registry
from handlers import conversation as C
from handlers.conversation import Conv, Input, Mode, S
from handlers.router import FEATURES
from kpi.indicator import IndicatorView, OfficerView, ReportedView
from kpi.periods import BANGKOK
from presentation import texts as T

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)  # reporting ตุลาคม 2569, due 5 Nov: late
OCT = "2569-10"


def indicator(
    id_: int, number: int, kind: str = "count", uom: str = "ราย", target: str = "20", max_level: int | None = None
) -> IndicatorView:
    return IndicatorView(
        id=id_,
        project_code="P01",
        project_name="โครงการทดสอบ",
        number=number,
        name=f"ตัวชี้วัดที่ {number}",
        unit_of_measure=uom,
        kind=kind,
        weight_pct=Decimal(25),
        targets=tuple(Decimal(target) for _ in range(12)),
        max_level=max_level,
    )


COUNT, SECOND, LEVEL, PASS = (
    indicator(1, 1),
    indicator(2, 2),
    indicator(3, 3, "level", "ระดับ", "3", 5),
    indicator(4, 4, "pass_fail", "ผ่าน/ไม่ผ่าน", "1"),
)
VIEW = OfficerView(
    officer_id=7,
    display_name="สมชาย ใจดี",
    role="officer",
    unit_name="สปส. ทดสอบ",
    indicators=(COUNT, SECOND, LEVEL, PASS),
)
REPORTED = OfficerView(
    officer_id=7,
    display_name="สมชาย ใจดี",
    role="officer",
    unit_name="สปส. ทดสอบ",
    indicators=(COUNT, SECOND, LEVEL, PASS),
    reported={(1, 10): ReportedView(Decimal(18), None, True, NOW)},
)


def at(state: S, **fields) -> Conv:
    defaults = {"period": OCT} if state not in (S.IDLE, S.CHOOSE_MONTH, S.EXPIRED) else {}
    return Conv(state=state, **{**defaults, **fields})


def say(text: str) -> Input:
    return Input(text=text)


def press(**postback) -> Input:
    return Input(postback={k: str(v) for k, v in postback.items()})


def first(template: str) -> str:
    """The fixed part of a text with {placeholders}."""
    return template.split("{", 1)[0]


CONFIRM_20 = at(S.CONFIRM, indicator_id=1, value="20")

#: (name, conversation, input, view, next state, a text the replies hold, values saved)
STEPS = [
    ("idle: unknown text", at(S.IDLE), say("อะไรนะ"), VIEW, S.IDLE, first(T.UNKNOWN_IDLE), 0),
    ("idle: report lists the month", at(S.IDLE), say("รายงาน"), VIEW, S.CHOOSE_INDICATOR, "ตุลาคม 2569", 0),
    ("idle: report button naming an indicator", at(S.IDLE), press(act="report", i=2), VIEW, S.ASK_VALUE, "ตัวชี้วัดที่ 2", 0),
    ("idle: cancel with nothing to cancel", at(S.IDLE), say("ยกเลิก"), VIEW, S.IDLE, first(T.NOTHING_TO_CANCEL), 0),
    ("idle: other month", at(S.IDLE), say("เลือกเดือนอื่น"), VIEW, S.CHOOSE_MONTH, first(T.CHOOSE_MONTH), 0),
    (
        "idle: a button from an earlier step",
        at(S.IDLE),
        press(act="pick", i=1, p=OCT),
        VIEW,
        S.IDLE,
        first(T.STALE_BUTTON),
        0,
    ),
    (
        "month: a month button",
        at(S.CHOOSE_MONTH),
        press(act="month", p="2569-09"),
        VIEW,
        S.CHOOSE_INDICATOR,
        "กันยายน 2569",
        0,
    ),
    (
        "month: a month not open yet",
        at(S.CHOOSE_MONTH),
        say("ธันวาคม"),
        VIEW,
        S.CHOOSE_MONTH,
        first(T.MONTH_NOT_OPEN),
        0,
    ),
    ("indicator: by number", at(S.CHOOSE_INDICATOR), say("1"), VIEW, S.ASK_VALUE, "ตัวชี้วัดที่ 1", 0),
    (
        "indicator: a number off the list",
        at(S.CHOOSE_INDICATOR),
        say("9"),
        VIEW,
        S.CHOOSE_INDICATOR,
        first(T.PICK_UNKNOWN),
        0,
    ),
    (
        "indicator: next page of a short list",
        at(S.CHOOSE_INDICATOR),
        press(act="page", n=1),
        VIEW,
        S.CHOOSE_INDICATOR,
        "1. P01/1",
        0,
    ),
    ("value: the target", at(S.ASK_VALUE, indicator_id=1), say("20"), VIEW, S.CONFIRM, "P01/1", 0),
    ("value: in Thai words", at(S.ASK_VALUE, indicator_id=1), say("ยี่สิบ ราย"), VIEW, S.CONFIRM, "P01/1", 0),
    ("value: negative", at(S.ASK_VALUE, indicator_id=1), say("-5"), VIEW, S.ASK_VALUE, T.ERR_NEGATIVE, 0),
    ("value: two numbers", at(S.ASK_VALUE, indicator_id=1), say("5 และ 6"), VIEW, S.ASK_VALUE, T.ERR_TWO_NUMBERS, 0),
    (
        "value: far above the target",
        at(S.ASK_VALUE, indicator_id=1),
        say("100"),
        VIEW,
        S.CONFIRM_FAR,
        first(T.FAR_FROM_TARGET),
        0,
    ),
    (
        "value: under half the target",
        at(S.ASK_VALUE, indicator_id=1),
        say("5"),
        VIEW,
        S.ASK_REASON,
        first(T.ASK_REASON_REQUIRED),
        0,
    ),
    (
        "value: a level off the ladder",
        at(S.ASK_VALUE, indicator_id=3),
        press(act="value", i=3, v=9),
        VIEW,
        S.ASK_VALUE,
        first(T.ERR_OUT_OF_LADDER),
        0,
    ),
    (
        "value: another indicator's button",
        at(S.ASK_VALUE, indicator_id=1),
        press(act="value", i=3, v=2),
        VIEW,
        S.ASK_VALUE,
        first(T.STALE_BUTTON),
        0,
    ),
    ("value: pass", at(S.ASK_VALUE, indicator_id=4), say("ผ่าน"), VIEW, S.CONFIRM, "P01/4", 0),
    (
        "value: help keeps the place",
        at(S.ASK_VALUE, indicator_id=1),
        say("ช่วยเหลือ"),
        VIEW,
        S.ASK_VALUE,
        T.HELP_RESUME,
        0,
    ),
    ("far: yes, it is right", at(S.CONFIRM_FAR, indicator_id=1, value="100"), say("ใช่"), VIEW, S.CONFIRM, "P01/1", 0),
    (
        "far: no, type again",
        at(S.CONFIRM_FAR, indicator_id=1, value="100"),
        press(act="far", ok=0),
        VIEW,
        S.ASK_VALUE,
        "ตัวชี้วัดที่ 1",
        0,
    ),
    (
        "reason: required, cannot skip",
        at(S.ASK_REASON, indicator_id=1, value="5"),
        press(act="skip"),
        VIEW,
        S.ASK_REASON,
        first(T.REASON_REQUIRED_AGAIN),
        0,
    ),
    ("reason: given", at(S.ASK_REASON, indicator_id=1, value="5"), say("ฝนตกหนัก"), VIEW, S.CONFIRM, "P01/1", 0),
    (
        "confirm: saved, on to the list",
        CONFIRM_20,
        press(act="confirm", t=f"1:{OCT}:20"),
        VIEW,
        S.CHOOSE_INDICATOR,
        first(T.SAVED_LATE),
        1,
    ),
    (
        "confirm: a card for another value",
        CONFIRM_20,
        press(act="confirm", t=f"1:{OCT}:25"),
        VIEW,
        S.CONFIRM,
        first(T.STALE_BUTTON),
        0,
    ),
    ("confirm: แก้ไข means change the number", CONFIRM_20, say("แก้ไข"), VIEW, S.ASK_VALUE, "ตัวชี้วัดที่ 1", 0),
    (
        "confirm: a correction",
        at(S.CONFIRM, indicator_id=1, value="20", mode=Mode.EDIT),
        press(act="confirm", t=f"1:{OCT}:20"),
        REPORTED,
        S.CHOOSE_INDICATOR,
        first(T.CORRECTED),
        1,
    ),
    ("confirm: cancel", CONFIRM_20, say("ยกเลิก"), VIEW, S.IDLE, first(T.CANCELLED), 0),
    ("idle: a greeting is answered in kind", at(S.IDLE), say("สวัสดีค่ะ"), VIEW, S.IDLE, first(T.GREETING), 0),
    (
        "value: thanks keeps the place",
        at(S.ASK_VALUE, indicator_id=1),
        say("ขอบคุณครับ"),
        VIEW,
        S.ASK_VALUE,
        first(T.THANKS),
        0,
    ),
    ("value: an approximate answer", at(S.ASK_VALUE, indicator_id=1), say("ประมาณ 20"), VIEW, S.CONFIRM, "P01/1", 0),
    (
        "confirm: a value far from the target typed at the card",
        CONFIRM_20,
        say("100"),
        VIEW,
        S.CONFIRM_FAR,
        first(T.FAR_FROM_TARGET),
        0,
    ),
    (
        "confirm: the reason button",
        at(S.CONFIRM, indicator_id=1, value="5", note="ฝนตกหนัก"),
        press(act="reason"),
        VIEW,
        S.ASK_REASON,
        first(T.ASK_REASON_REQUIRED),
        0,
    ),
    (
        "confirm: the reason button where none is asked",
        CONFIRM_20,
        press(act="reason"),
        VIEW,
        S.CONFIRM,
        T.REASON_NOT_NEEDED,
        0,
    ),
    (
        "confirm: words at the card are a new reason",
        at(S.CONFIRM, indicator_id=1, value="5", note="ฝนตกหนัก"),
        say("งบประมาณล่าช้า"),
        VIEW,
        S.CONFIRM,
        "P01/1",
        0,
    ),
    (
        "confirm: a new reason that is no reason",
        at(S.CONFIRM, indicator_id=1, value="5", note="ฝนตกหนัก"),
        say("😀😀"),
        VIEW,
        S.ASK_REASON,
        first(T.REASON_NOT_WORDS),
        0,
    ),
    ("expired: anything gets the notice", at(S.EXPIRED), say("25"), None, S.IDLE, first(T.EXPIRED), 0),
    ("expired: a button too", at(S.EXPIRED), press(act="confirm", t="x"), None, S.IDLE, first(T.EXPIRED), 0),
    ("expired: a command starts afresh", at(S.EXPIRED), say("ยกเลิก"), VIEW, S.IDLE, first(T.NOTHING_TO_CANCEL), 0),
    ("expired: report", at(S.EXPIRED), say("รายงาน"), VIEW, S.CHOOSE_INDICATOR, "ตุลาคม 2569", 0),
]


def reply_texts(outcome: C.Outcome) -> str:
    return "\n".join(getattr(m, "text", None) or getattr(m, "alt_text", "") for m in outcome.replies)


@pytest.mark.parametrize(
    ("conv", "inp", "view", "state", "says", "saved"), [row[1:] for row in STEPS], ids=[row[0] for row in STEPS]
)
def test_step(conv, inp, view, state, says, saved):
    assert C.needs_view(conv, inp) == (view is not None)
    outcome = C.step(conv, inp, view, NOW)
    assert outcome.conv.state == state
    assert says in reply_texts(outcome)
    assert len(outcome.effects) == saved
    command = commands_registry.find_command(inp.act(), inp.words, conv.state.value)
    if command is not None and command.moves_conversation:
        allowed = C.COMMAND_GOES_TO[command.name] or {S.IDLE if conv.state is S.EXPIRED else conv.state}
    else:
        allowed = C.MACHINE[conv.state].goes_to
    assert outcome.conv.state in allowed, f"{conv.state} -> {outcome.conv.state} is not in the table"


def test_the_saved_value_is_the_confirmed_one():
    outcome = C.step(CONFIRM_20, press(act="confirm", t=f"1:{OCT}:20"), VIEW, NOW)
    (effect,) = outcome.effects
    assert (effect.indicator_id, effect.period.key(), effect.value, effect.correction) == (1, OCT, 20, False)


def test_every_state_is_in_the_machine_and_leads_only_to_states():
    assert set(C.MACHINE) == set(S)
    for state in C.MACHINE.values():
        assert state.goes_to <= set(S) - {S.EXPIRED}  # expiry comes from the clock, never from a step


def test_a_conversation_left_idle_too_long_resumes_expired():
    stored = at(S.ASK_VALUE, indicator_id=1).to_data()
    assert C.resume("ask_value", stored, NOW - C.IDLE_TIMEOUT, NOW).state == S.ASK_VALUE
    assert C.resume("ask_value", stored, NOW - C.IDLE_TIMEOUT * 1.01, NOW).state == S.EXPIRED
    assert C.resume("idle", {}, NOW - C.IDLE_TIMEOUT * 9, NOW) == Conv()
    assert C.resume("ask_value", stored, None, NOW) == Conv()


def test_one_registry_names_each_command_once_and_each_runs_somewhere():
    names = [c.name for c in commands_registry.COMMANDS]
    assert len(names) == len(set(names))
    acts = [a for c in commands_registry.COMMANDS for a in c.acts]
    assert len(acts) == len(set(acts))
    words = [w for c in commands_registry.COMMANDS for w in tuple.__iter__(c.words)]
    assert len(words) == len(set(words))
    for command in commands_registry.COMMANDS:
        runs = C.COMMAND_STEPS if command.moves_conversation else FEATURES
        assert command.name in runs, command.name
    assert set(C.COMMAND_STEPS) == set(C.COMMAND_GOES_TO)
