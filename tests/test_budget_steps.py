"""The disbursement states of the conversation's `step`, driven directly (pure, as
tests/test_conversation_step.py drives the indicators'): state + input -> next state, what the
bot says, what it saves, and that MACHINE's table allows the move."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from handlers import commands as commands_registry
from handlers import conversation as C
from handlers.budget_prompts import amount_token
from handlers.conversation import Conv, S
from kpi.disbursement import BudgetPlan, BudgetView
from kpi.indicator import ReportedView
from presentation import texts as T

from .test_conversation_step import NOW, OCT, VIEW, first, press, reply_texts, say

#: 1,200,000 a year, 100,000 a month planned: 1,000,000 by October; 950,000 spent Jan–Sep.
P01 = BudgetView(7, "P01", "โครงการทดสอบ", BudgetPlan(Decimal(1_200_000), [Decimal(100_000)] * 12), {9: Decimal(0)})
BUDGETED = replace(VIEW, budgets=(P01,))
ONLY_BUDGET_LEFT = replace(
    BUDGETED, reported={(i.id, 10): ReportedView(Decimal(20), None, True, NOW) for i in VIEW.indicators}
)


def at(state: S, **fields) -> Conv:
    return Conv(state=state, period=OCT, **fields)


def amount(value: str, state: S = S.CONFIRM_AMOUNT, **fields) -> Conv:
    return at(state, project_id=7, value=value, **fields)


STEPS = [
    # (name, conv, input, view, next state, says, saved)
    (
        "the list counts the disbursement",
        Conv(),
        say("รายงาน"),
        BUDGETED,
        S.CHOOSE_INDICATOR,
        "และการเบิกจ่าย 1 โครงการ",
        0,
    ),
    ("its number", at(S.CHOOSE_INDICATOR), say("5"), BUDGETED, S.ASK_AMOUNT, "งบประมาณที่ได้รับจัดสรร", 0),
    (
        "its button",
        at(S.CHOOSE_INDICATOR),
        press(act="pick", b=7, p=OCT),
        BUDGETED,
        S.ASK_AMOUNT,
        "1,200,000.00 บาท",
        0,
    ),
    (
        "another project's button",
        at(S.CHOOSE_INDICATOR),
        press(act="pick", b=8, p=OCT),
        BUDGETED,
        S.CHOOSE_INDICATOR,
        T.NOT_YOUR_BUDGET,
        0,
    ),
    ("only it left: straight to it", Conv(), say("รายงาน"), ONLY_BUDGET_LEFT, S.ASK_AMOUNT, "แผนการเบิกจ่ายเดือน", 0),
    ("a reminder's button", Conv(), press(act="report", p=OCT, b=7), BUDGETED, S.ASK_AMOUNT, "เบิกจ่ายงบประมาณ P01", 0),
    ("an amount", at(S.ASK_AMOUNT, project_id=7), say("แสนห้า"), BUDGETED, S.ASK_AMOUNT_REASON, "ต่ำกว่าครึ่งหนึ่ง", 0),
    ("on plan", at(S.ASK_AMOUNT, project_id=7), say("1 ล้าน"), BUDGETED, S.CONFIRM_AMOUNT, "1,000,000.00 บาท", 0),
    ("two amounts", at(S.ASK_AMOUNT, project_id=7), say("100 200"), BUDGETED, S.ASK_AMOUNT, T.MONEY_TWO_AMOUNTS, 0),
    ("a button of another step", at(S.ASK_AMOUNT, project_id=7), press(act="far", ok=1), BUDGETED, S.ASK_AMOUNT, "", 0),
    ("a minus", at(S.ASK_AMOUNT, project_id=7), say("-5000"), BUDGETED, S.CONFIRM_REFUND, "เป็นการคืนเงิน", 0),
    ("refund: yes", amount("-5000", S.CONFIRM_REFUND), press(act="refund", ok=1), BUDGETED, S.ASK_AMOUNT_REASON, "", 0),
    ("refund: no", amount("-5000", S.CONFIRM_REFUND), press(act="refund", ok=0), BUDGETED, S.ASK_AMOUNT, "เป็นบาท", 0),
    ("refund: a new amount", amount("-5000", S.CONFIRM_REFUND), say("1 ล้าน"), BUDGETED, S.CONFIRM_AMOUNT, "", 0),
    ("refund: words", amount("-5000", S.CONFIRM_REFUND), say("อะไรนะ"), BUDGETED, S.CONFIRM_REFUND, T.REFUND_UNSURE, 0),
    ("over the allocation", at(S.ASK_AMOUNT, project_id=7), say("1.3 ลบ."), BUDGETED, S.ASK_AMOUNT_REASON, "เกิน", 0),
    (
        "reason: none refused",
        amount("1300000", S.ASK_AMOUNT_REASON),
        say("ไม่มี"),
        BUDGETED,
        S.ASK_AMOUNT_REASON,
        "ต้องระบุ",
        0,
    ),
    ("reason", amount("1300000", S.ASK_AMOUNT_REASON), say("ได้รับโอนงบเพิ่ม"), BUDGETED, S.CONFIRM_AMOUNT, "", 0),
    (
        "confirm",
        amount("1000000"),
        press(act="confirm", t="b7:2569-10:1000000"),
        BUDGETED,
        S.CHOOSE_INDICATOR,
        "บันทึกยอดเบิกจ่าย",
        1,
    ),
    (
        "a stale confirm",
        amount("1000000"),
        press(act="confirm", t="b7:2569-10:5"),
        BUDGETED,
        S.CONFIRM_AMOUNT,
        T.STALE_BUTTON,
        0,
    ),
    ("a new amount at the card", amount("1000000"), say("950,000"), BUDGETED, S.CONFIRM_AMOUNT, "950,000.00 บาท", 0),
    (
        "no reason to change",
        amount("1000000"),
        press(act="reason"),
        BUDGETED,
        S.CONFIRM_AMOUNT,
        T.AMOUNT_REASON_NOT_NEEDED,
        0,
    ),
    ("change the amount", amount("1000000"), press(act="change"), BUDGETED, S.ASK_AMOUNT, "เป็นบาท", 0),
    (
        "words at the card",
        amount("1000000"),
        say("อะไรนะ"),
        BUDGETED,
        S.CONFIRM_AMOUNT,
        first(T.CONFIRM_AMOUNT_WAITING),
        0,
    ),
]


@pytest.mark.parametrize(
    ("conv", "inp", "view", "state", "says", "saved"), [row[1:] for row in STEPS], ids=[row[0] for row in STEPS]
)
def test_step(conv, inp, view, state, says, saved):
    outcome = C.step(conv, inp, view, NOW)
    assert outcome.conv.state == state, reply_texts(outcome)
    assert says in reply_texts(outcome)
    assert len(outcome.effects) == saved
    command = commands_registry.find_command(inp.act(), inp.words, conv.state.value)
    if command is not None and command.moves_conversation:
        allowed = C.COMMAND_GOES_TO[command.name] or {conv.state}
    else:
        allowed = C.MACHINE[conv.state].goes_to
    assert outcome.conv.state in allowed, f"{conv.state} -> {outcome.conv.state} is not in the table"


def test_the_saved_disbursement_is_the_confirmed_one():
    conv = amount("-5000", note="คืนเงินค่าวัสดุ")
    outcome = C.step(conv, press(act="confirm", t=amount_token(conv)), BUDGETED, NOW)
    (effect,) = outcome.effects
    assert isinstance(effect, C.SaveDisbursement)
    assert (effect.project_id, effect.period.key(), effect.amount, effect.note, effect.correction) == (
        7,
        OCT,
        Decimal(-5000),
        "คืนเงินค่าวัสดุ",
        False,
    )
