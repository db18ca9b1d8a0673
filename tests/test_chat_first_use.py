"""Issue 15, the chat: what a new officer trips on, through the webhook (signed events in, the
fake LINE out)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Officer, ReportedValue
from models.linking import issue_link_code
from presentation import texts as T

from .factories import indicator, month_targets, officer, seed_reporter, unit

CORPUS = Path(__file__).parent / "data" / "intent_phrasings.csv"


def values(db) -> dict:
    with db.transaction() as s:
        return {(v.indicator_id, v.month): (v.value, v.note) for v in s.scalars(select(ReportedValue))}


def card(chat) -> dict:
    flex = [m for m in chat.last if m["type"] == "flex"]
    assert flex, chat.texts()
    return flex[-1]["contents"]


def card_texts(chat) -> list[str]:
    def walk(node):
        if isinstance(node, dict):
            yield from ([node["text"]] if node.get("type") == "text" else [])
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return list(walk(card(chat)))


def at_value(chat, pick: str = "1") -> None:
    chat.say("รายงาน")
    chat.say(pick)


# --------------------------------------------------------------------------------------------
# A reason must be a reason


@pytest.mark.parametrize(
    "answer, problem",
    [
        ("😀", T.REASON_NOT_WORDS),
        ("👍", T.REASON_NOT_WORDS),
        ("!!!", T.REASON_NOT_WORDS),
        ("123", T.REASON_NOT_WORDS),
        ("ไม่มี", T.REASON_REQUIRED_AGAIN),
        ("-", T.REASON_REQUIRED_AGAIN),
        ("ok", T.REASON_TOO_SHORT),
    ],
)
def test_a_required_reason_must_be_words(app, db, chat_with, answer, problem):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("3")  # 30 % of the target: a reason is required
    chat.say(answer)
    assert chat.texts().startswith(problem.split("\n")[0])
    assert [b["label"] for b in chat.buttons()] == ["ยกเลิก"]
    chat.say("งบล่าช้า")  # the shortest kind of real reason is taken
    assert "งบล่าช้า" in card_texts(chat)
    chat.press("ยืนยัน")
    assert list(values(db).values()) == [(Decimal(3), "งบล่าช้า")]


@pytest.mark.parametrize("answer", ["ไม่มี", "ไม่มีค่ะ", "-"])
def test_an_optional_reason_takes_no_reason(app, db, chat_with, answer):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("8")  # 80 %: optional
    assert "ทำได้ร้อยละ 80 ของเป้าหมาย" in chat.texts()
    chat.say(answer)
    chat.press("ยืนยัน")
    assert list(values(db).values()) == [(Decimal(8), None)]


def test_an_optional_reason_still_refuses_emoji(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("8")
    chat.say("😀")
    assert T.REASON_NOT_WORDS.split("\n")[0] in chat.texts()
    assert [b["label"] for b in chat.buttons()] == ["ไม่มี", "ยกเลิก"]


# --------------------------------------------------------------------------------------------
# Approximate answers


@pytest.mark.parametrize(
    "typed, hedge",
    [("ประมาณ 10", "ประมาณ"), ("ราว ๆ 10 ราย", "ราวๆ"), ("เกือบ 10 ค่ะ", "เกือบ"), ("10 กว่าราย", "กว่า"), ("~10", "~")],
)
def test_an_approximate_answer_is_read_and_the_card_says_it_is_saved_exactly(app, db, chat_with, typed, hedge):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say(typed)
    assert T.CONFIRM_APPROX.format(hedge=hedge, amount="10 ราย") in "\n".join(card_texts(chat))
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal(10), None)


def test_bounds_are_still_refused(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("ไม่เกิน 10")
    assert T.ERR_NOT_A_NUMBER in chat.texts() and values(db) == {}


# --------------------------------------------------------------------------------------------
# The confirmation card


def test_a_number_typed_at_the_card_replaces_the_value_and_keeps_the_reason(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("3")
    chat.say("ระบบล่มสองวัน")
    chat.say("ได้ 4 รายค่ะ")  # at the card: a new value
    assert "4 ราย" in card_texts(chat) and "ระบบล่มสองวัน" in card_texts(chat)
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal(4), "ระบบล่มสองวัน")


def test_words_typed_at_the_card_replace_the_reason(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("3")
    chat.say("ระบบล่ม")
    chat.say("ผู้ป่วยย้ายโรงพยาบาล 2 ราย")  # words with a number in them are a reason
    texts = card_texts(chat)
    assert "ผู้ป่วยย้ายโรงพยาบาล 2 ราย" in texts and "3 ราย" in texts
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal(3), "ผู้ป่วยย้ายโรงพยาบาล 2 ราย")


def test_the_card_offers_change_reason_with_labels_that_fit(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("8")
    chat.say("รอเอกสาร")
    labels = [b["label"] for b in chat.buttons()]
    assert labels == ["ยืนยัน", "แก้ตัวเลข", "แก้เหตุผล", "ยกเลิก"]
    footer = card(chat)["footer"]
    assert footer["layout"] == "vertical"  # four side by side would be cut on a phone
    rows = card(chat)["body"]["contents"][2]["contents"]
    assert all(row["contents"][0].get("wrap") for row in rows)  # "ปัญหา/อุปสรรค" is never cut
    chat.press("แก้เหตุผล")
    assert "กรุณาพิมพ์ปัญหา/อุปสรรค" in chat.texts()
    chat.say("เอกสารมาไม่ครบ")
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal(8), "เอกสารมาไม่ครบ")


def test_no_change_reason_when_the_target_is_met(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("10")
    assert [b["label"] for b in chat.buttons()] == ["ยืนยัน", "แก้ตัวเลข", "ยกเลิก"]
    chat.say("ดีมาก")
    assert T.CONFIRM_WAITING.split(" ")[0] in chat.texts()


# --------------------------------------------------------------------------------------------
# Indicator buttons that can be told apart, stable numbers, the short list after a save

#: The Uthai Thani plan's P07 as import-plan reads it (stray spaces gone, kpi.thai_spacing).
P07 = [
    "ร้อยละของจำนวนผู้ประกันตนส่งเงินสมทบที่นายจ้างส่งผ่าน ระบบอินเทอร์เน็ต",
    "ร้อยละของจำนวนสถานประกอบการที่ชำระเงินสมทบกองทุนประกันสังคมผ่านระบบ ธนาคารและหน่วยบริการ",
    "จำนวนผู้ประกันตน มาตรา 33 และมาตรา 39",
    "ความสำเร็จในการปิดและส่งงบการเงินกองทุนประกันสังคม",
    "จำนวนผู้ประกันตน ตามมาตรา 40",
    "ร้อยละของจำนวนข้อร้องเรียนของผู้ประกันตนในระบบประกันสังคมที่ได้รับการแก้ไขภายใน 25 วันทำการ",
]


def seed_p07(db):
    with db.transaction() as s:
        u = unit(s)
        inds = [
            indicator(s, u, "P07", n, name, "ราย", "count", month_targets(oct=10))
            for n, name in enumerate(P07, start=1)
        ]
        officer(s, "contrib", u, line_user_id="Ucontrib", indicators=inds, name="วันเพ็ญ ศรีสุข")
        return [i.id for i in inds]


def test_indicator_buttons_carry_the_words_that_differ(app, db, chat_with):
    seed_p07(db)
    chat = chat_with("Ucontrib")
    chat.say("รายงาน")
    labels = [b["label"] for b in chat.buttons()][:6]
    assert all(len(label) <= 20 for label in labels)
    assert len({label.split(". ", 1)[1][:8] for label in labels}) == 6, labels  # they differ at once
    assert not any("ร้อยละของ" in label for label in labels), labels
    assert "5. ตามมาตรา 40" in labels and "3. มาตรา 33 และ…" in labels


def test_numbers_stay_through_the_month_and_a_save_shows_the_short_list(app, db, chat_with):
    ids = seed_p07(db)
    chat = chat_with("Ucontrib")
    chat.say("รายงาน")
    chat.say("3")
    chat.say("10")
    chat.press("ยืนยัน")
    text = chat.texts()
    assert "เหลืออีก 5 ตัวชี้วัด" in text
    assert "4. P07/4 " in text and "3. P07/3" not in text
    assert len(text.split("\n")) <= 8 and "ร้อยละของ" not in text  # short lines, not the names again
    assert [b["label"] for b in chat.buttons()][2].startswith("4. ")
    chat.say("4")  # P07/4 is still 4
    assert "P07/4" in chat.texts()
    chat.say("ยกเลิก")
    chat.say("รายงาน")
    chat.say("3")
    assert "หมายเลข 3 ส่งผลเดือนนี้แล้ว" in chat.texts()
    assert values(db)[(ids[2], 10)] == (Decimal(10), None)


# --------------------------------------------------------------------------------------------
# Wording and one rounding of percentages


def test_one_rounding_of_percentages_in_card_and_status(app, db, chat_with):
    """88.07 of a target of 84 is 104.845 %: the card and สถานะ both say ร้อยละ 105."""
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(
            s, u, "P07", 1, "ร้อยละของผู้ประกันตนส่งเงินสมทบผ่านอินเทอร์เน็ต", "ร้อยละ", "pct_cum", month_targets(oct=84)
        )
        officer(s, "o1", u, line_user_id="Uofficer1", indicators=[ind])
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("88.07")
    assert "ร้อยละ 105" in card_texts(chat) and "104.8" not in " ".join(card_texts(chat))
    chat.press("ยืนยัน")
    chat.say("สถานะ")
    shown = str(chat.last)
    assert "ร้อยละ 105" in shown and "104.8" not in shown


def test_saved_line_and_values_so_far_read_as_thai(app, db, chat_with, clock):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("10")
    chat.press("ยืนยัน")
    assert "บันทึกผล P01/1 เดือนตุลาคม 2569 เป็น 10 ราย แล้ว" in chat.texts()
    assert " = " not in chat.texts()
    chat.say("แก้ไข")
    assert "พิมพ์หมายเลขหน้า" not in chat.texts() and "(ส่งแล้ว 10 ราย)" in chat.texts()
    chat.say("1")
    assert "ผลที่ส่งแล้วปีนี้: ต.ค. 10" in chat.texts() and "ตุล " not in chat.texts()


@pytest.mark.parametrize(
    "greeting, answer",
    [("สวัสดีครับ", "สวัสดี คุณสมชาย ใจดี"), ("หวัดดีค่ะ", "สวัสดี คุณ"), ("ขอบคุณค่ะ", "ด้วยความยินดี"), ("ขอบคุณมากครับ", "ด้วยความยินดี")],
)
def test_greetings_and_thanks_get_a_friendly_answer_with_the_menu(app, db, chat_with, greeting, answer):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say(greeting)
    assert chat.texts().startswith(answer) and "ไม่เข้าใจ" not in chat.texts()
    assert [b["label"] for b in chat.buttons()][:2] == [T.BTN_REPORT, T.BTN_EDIT]


def test_thanks_mid_report_keeps_the_place(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    at_value(chat)
    chat.say("ขอบคุณค่ะ")
    assert "ด้วยความยินดี" in chat.texts() and "กรุณาพิมพ์ผลของเดือนตุลาคม 2569" in chat.texts()
    chat.say("10")
    assert card(chat)


# --------------------------------------------------------------------------------------------
# Requests in other words


def corpus() -> list[dict]:
    with open(CORPUS, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    "typed, starts",
    [
        ("ขอส่งผลงานเดือนนี้ค่ะ", "ผลเดือนตุลาคม 2569 ที่ยังไม่ได้ส่ง"),
        ("กรอกข้อมูลตัวชี้วัดครับ", "ผลเดือนตุลาคม 2569 ที่ยังไม่ได้ส่ง"),
        ("ขอแก้ตัวเลขหน่อยค่ะ", "ยังไม่มีผลเดือนตุลาคม 2569 ที่ส่งแล้ว"),
        ("ใช้ยังไงคะ", "วิธีใช้บอทรายงานตัวชี้วัด"),
    ],
)
def test_requests_in_other_words_are_understood_when_idle(app, db, chat_with, typed, starts):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say(typed)
    assert chat.texts().startswith(starts), chat.texts()


def test_status_asked_in_other_words(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("อยากดูความคืบหน้าของหน่วยงาน")
    assert "ตัวชี้วัดของคุณสมชาย ใจดี" in str(chat.last)


def test_a_report_naming_a_month_goes_to_that_month(app, db, chat_with):
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(s, u, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", month_targets(sep=10, oct=10))
        officer(s, "o1", u, line_user_id="Uofficer1", indicators=[ind])
    chat = chat_with("Uofficer1")
    chat.say("ส่งผลเดือนกันยายนค่ะ")
    assert "เป้าหมายเดือนกันยายน 2569: 10 ราย" in chat.texts()


def test_phrasings_typed_mid_report_are_values_or_reasons_never_commands(app, db, chat_with):
    """The corpus's non-commands and reasons holding command words, typed where a value or a reason
    is asked: never a command."""
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    for row in corpus():
        if row["intent"] != "none":
            continue
        at_value(chat)
        chat.say(row["text"])
        assert "ไม่เข้าใจข้อความนี้" not in chat.texts() and "วิธีใช้บอท" not in chat.texts(), row
        assert chat.say("ยกเลิก")[0]["text"] == T.CANCELLED, row  # still mid-report
        at_value(chat)
        chat.say("3")
        chat.say(row["text"])
        if "ปัญหา/อุปสรรค" not in chat.texts():  # taken as the reason: on the card
            assert row["text"].strip() in card_texts(chat), row
        assert chat.say("ยกเลิก")[0]["text"] == T.CANCELLED, row
    at_value(chat)
    chat.say("3")
    chat.say("ส่งผลไม่ทันเพราะระบบล่ม ขอแก้ไขเดือนหน้า")  # a reason full of command words
    assert "ส่งผลไม่ทันเพราะระบบล่ม ขอแก้ไขเดือนหน้า" in card_texts(chat)
    chat.say("ขอส่งผลงานค่ะ")  # at the card, words replace the reason: not a new report
    chat.press("ยืนยัน")
    assert values(db)[(count_id, 10)] == (Decimal(3), "ขอส่งผลงานค่ะ")


# --------------------------------------------------------------------------------------------
# Nothing due, months typed, binding codes


def test_nothing_due_this_month_says_so_and_when_the_next_target_is(app, db, chat_with):
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(s, u, "P04", 1, "จำนวนรุ่นที่จัดอบรม", "รุ่น", "count", month_targets(dec=2))
        officer(s, "o1", u, line_user_id="Uofficer1", indicators=[ind])
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert chat.texts() == (
        "เดือนตุลาคม 2569 ท่านไม่มีตัวชี้วัดที่มีเป้าหมาย จึงไม่ต้องส่งผล\n"
        "เดือนถัดไปที่มีเป้าหมายคือ ธันวาคม 2569 "
        "(ส่งผลได้ตั้งแต่ 1 มกราคม 2570 กำหนดส่ง 5 มกราคม 2570)"
    )
    assert "ขอบคุณ 🎉" not in chat.texts()


def test_a_month_in_a_sentence_at_choose_month(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("เลือกเดือนอื่น")
    chat.say("ส่งผลเดือนตุลาคม")
    assert "ผลเดือนตุลาคม 2569 ที่ยังไม่ได้ส่ง" in chat.texts()


def make_unbound(db, clock) -> str:
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(s, u, "P04", 1, "จำนวนผู้เข้าร่วมโครงการ", "คน", "count", month_targets(oct=100))
        o = officer(s, "new1", u, indicators=[ind], name="สมหญิง รักงาน")
        return issue_link_code(s, o, clock.now())


@pytest.mark.parametrize("shape", ["รหัส {a} {b}", "{a} {b}", "{a}-{b} ค่ะ"])
def test_a_code_typed_with_a_space_or_a_word_binds(app, db, clock, chat_with, shape):
    code = make_unbound(db, clock)
    chat = chat_with()
    assert "ผูกบัญชีเรียบร้อยแล้ว" in chat.say(shape.format(a=code[:3], b=code[3:]))[0]["text"]
    with db.transaction() as s:
        assert s.scalar(select(Officer.line_user_id).where(Officer.key == "new1")) == chat.user_id


def test_a_five_digit_code_is_told_the_code_has_six(app, db, clock, chat_with):
    code = make_unbound(db, clock)
    chat = chat_with()
    assert chat.say(code[:5])[0]["text"].startswith("รหัสมี 6 หลัก")
    assert "ผูกบัญชีเรียบร้อยแล้ว" in chat.say(code)[0]["text"]  # not counted as a wrong code


def test_a_pass_fail_answer_at_the_card_is_a_new_value(app, db, chat_with):
    _, ids = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    chat.say("4")
    chat.press("ไม่ผ่าน")
    chat.say("รอผลตรวจสอบบัญชี")
    chat.say("ผ่านแล้วค่ะ")  # the officer checks again: it passed
    assert "ผ่าน/สำเร็จ" in card_texts(chat)
    chat.press("ยืนยัน")
    assert values(db)[(ids[3], 10)] == (Decimal(1), None)
