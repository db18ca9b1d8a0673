"""An officer's view (indicators, targets, values) kept per version of their unit
(models/officer_views.py): reused while nothing changes, never stale after a change made
anywhere else (another officer, an import, a plan change, who reports what)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import event, select

from models import Indicator, MonthlyTarget, Responsibility
from models.reporting import save_value

from . import factories as F
from .factories import seed_reporter


def test_a_conversation_reads_the_plan_once_while_nothing_changes(app, db, chat_with):
    seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    misses = db.officer_views.misses
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        chat.press("1. ")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert "เป้าหมายเดือนตุลาคม 2569: 10 ราย" in chat.texts()
    assert db.officer_views.misses == misses and db.officer_views.hits >= 1
    assert not any("monthly_target" in s or "FROM reported_value" in s for s in statements)


def test_a_value_saved_elsewhere_is_seen_at_once(app, db, chat_with, clock):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts()
    with db.transaction() as s:  # a colleague, or an import, saves P01/1
        save_value(
            s,
            indicator_id=count_id,
            month=10,
            value=Decimal(10),
            note=None,
            officer_id=None,
            now=clock.now(),
            on_time=False,
            source="import",
        )
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 3 ตัวชี้วัด" in chat.texts()


def test_a_changed_target_is_seen_at_once(app, db, chat_with):
    _, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    with db.transaction() as s:
        s.scalar(
            select(MonthlyTarget).where(MonthlyTarget.indicator_id == count_id, MonthlyTarget.month == 10)
        ).value = Decimal(12)
    chat.press("1. ")
    assert "เป้าหมายเดือนตุลาคม 2569: 12 ราย" in chat.texts()


def test_an_indicator_given_or_taken_away_is_seen_at_once(app, db, chat_with):
    officer_id, (count_id, *_) = seed_reporter(db)
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    with db.transaction() as s:
        extra = F.indicator(s, F.unit(s), "P11", 1, "จำนวนแกนนำที่ได้รับการอบรม", "คน", "count", F.month_targets(oct=5))
        s.add(Responsibility(officer_id=officer_id, indicator_id=extra.id))
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 5 ตัวชี้วัด" in chat.texts()
    with db.transaction() as s:
        s.delete(s.scalar(select(Responsibility).where(Responsibility.indicator_id == count_id)))
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts() and "P01/1" not in " ".join(b["label"] for b in chat.buttons())


def test_a_view_spanning_another_unit_is_loaded_every_time(app, db, chat_with):
    """An officer reporting an indicator of another unit: that unit's changes would not move
    the officer's unit's version, so such a view is never kept."""
    officer_id, _ = seed_reporter(db)
    with db.transaction() as s:
        other = F.indicator(
            s, F.unit(s, "สำนักงานประกันสังคมจังหวัดชัยนาท"), "P01", 1, "จำนวนผู้เข้าร่วม", "คน", "count", F.month_targets(oct=5)
        )
        s.add(Responsibility(officer_id=officer_id, indicator_id=other.id))
        other_id = other.id
    chat = chat_with("Uofficer1")
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 5 ตัวชี้วัด" in chat.texts()
    with db.transaction() as s:
        s.get(Indicator, other_id).targets[9].value = Decimal(0)  # nothing due there in October now
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 4 ตัวชี้วัด" in chat.texts()
