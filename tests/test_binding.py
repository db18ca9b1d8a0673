"""Binding a LINE account to an officer with a one-time code."""

from __future__ import annotations

from sqlalchemy import select

from models import Officer
from models.linking import issue_link_code

from .factories import indicator, month_targets, officer, unit


def make_officer(db, clock, key="new1", active=True, number=1):
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(s, u, "P04", number, "จำนวนผู้เข้าร่วมโครงการ", "คน", "count", month_targets(oct=100))
        o = officer(s, key, u, indicators=[ind], name="สมหญิง รักงาน", active=active)
        return issue_link_code(s, o, clock.now())


def bound_user(db, key="new1"):
    with db.transaction() as s:
        return s.scalar(select(Officer.line_user_id).where(Officer.key == key))


def test_code_binds_once_then_officer_can_report(app, db, clock, chat_with):
    code = make_officer(db, clock)
    chat = chat_with()
    assert "รหัส 6 หลัก" in chat.follow()[0]["text"]
    assert "ยังไม่ได้ผูก" in chat.say("รายงาน")[0]["text"]
    thai_code = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert "ผูกบัญชีเรียบร้อยแล้ว" in chat.say(thai_code)[0]["text"]
    assert bound_user(db) == chat.user_id
    chat.say("รายงาน")
    assert "เป้าหมายเดือนตุลาคม 2569: 100 คน" in chat.texts()  # one pending: straight to it
    other = chat_with()
    assert "ไม่ถูกต้องหรือหมดอายุ" in other.say(code)[0]["text"]


def test_code_expires_after_72_hours(app, db, clock, chat_with):
    code = make_officer(db, clock)
    clock.advance(hours=72, seconds=1)
    assert "ไม่ถูกต้องหรือหมดอายุ" in chat_with().say(code)[0]["text"]
    assert bound_user(db) is None


def test_five_wrong_codes_in_an_hour_lock_the_account(app, db, clock, chat_with):
    code = make_officer(db, clock)
    chat = chat_with()
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        assert f"เหลือ {left} ครั้ง" in chat.say(wrong)[0]["text"]
    assert "กรุณารอ" in chat.say(wrong)[0]["text"]
    assert "กรุณารอ" in chat.say(code)[0]["text"]  # even the right code waits
    assert bound_user(db) is None
    clock.advance(minutes=61)
    assert "ผูกบัญชีเรียบร้อยแล้ว" in chat.say(code)[0]["text"]


def test_a_new_code_replaces_the_old_one(app, db, clock, chat_with):
    old = make_officer(db, clock)
    with db.transaction() as s:
        new = issue_link_code(s, s.scalar(select(Officer).where(Officer.key == "new1")), clock.now())
    if old != new:
        assert "ไม่ถูกต้อง" in chat_with().say(old)[0]["text"]
    assert "ผูกบัญชีเรียบร้อยแล้ว" in chat_with().say(new)[0]["text"]


def test_deactivated_officer_cannot_bind_or_report(app, db, clock, chat_with):
    code = make_officer(db, clock, active=False)
    assert "ไม่ถูกต้อง" in chat_with().say(code)[0]["text"]
    code2 = make_officer(db, clock, key="new2", number=2)
    chat = chat_with()
    chat.say(code2)
    with db.transaction() as s:
        s.scalar(select(Officer).where(Officer.key == "new2")).active = False
    assert "ถูกระงับ" in chat.say("รายงาน")[0]["text"]
    assert "ถูกระงับ" in chat.follow()[0]["text"]  # re-adding the bot greets no one by name


def test_wrong_codes_from_many_accounts_pause_binding_for_everyone(app, db, clock, chat_with):
    """A guesser with many LINE accounts meets the office-wide brake, not five tries per account."""
    from models.linking import MAX_WRONG_PER_HOUR_ALL

    code = make_officer(db, clock)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(MAX_WRONG_PER_HOUR_ALL):
        assert "ไม่ถูกต้องหรือหมดอายุ" in chat_with().say(wrong)[0]["text"]
    clock.advance(seconds=600)
    officer_phone = chat_with()
    assert "พักการผูกบัญชีไว้ชั่วคราว กรุณาลองใหม่ในอีก 51 นาที" in officer_phone.say(code)[0]["text"]
    assert bound_user(db) is None
    clock.advance(seconds=51 * 60)
    assert "ผูกบัญชีเรียบร้อยแล้ว" in officer_phone.say(code)[0]["text"]
