"""Administrator commands: init-db, link-code and the demo data loader."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.demo import UNBOUND_OFFICER, demo_line_user_id, load_demo_data
from models import Indicator, Officer, Project, Responsibility


def test_init_db_is_idempotent(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output


def test_link_code_prints_a_code_that_binds(app, db, clock, chat_with):
    load_demo_data(db, clock.now())
    result = app.test_cli_runner().invoke(args=["link-code", "uthai.visit"])
    assert result.exit_code == 0, result.output
    code = result.output.splitlines()[0]
    assert code.isdigit() and len(code) == 6
    chat = chat_with()
    assert "ผูกบัญชีเรียบร้อยแล้ว สวัสดี คุณสมชาย ใจดี" in chat.say(code)[0]["text"]


def test_link_code_for_unknown_officer_fails(app):
    result = app.test_cli_runner().invoke(args=["link-code", "nobody"])
    assert result.exit_code != 0 and "ไม่พบเจ้าหน้าที่" in result.output


def test_demo_data_loads_the_plan_as_this_year_and_binds_demo_officers(app, db, clock):
    first = load_demo_data(db, clock.now())
    load_demo_data(db, clock.now())  # idempotent: the counts below stay the same
    assert first.year_be == 2569 and len(first.link_code) == 6
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Indicator)) == 18
        assert set(s.scalars(select(Project.year_be))) == {2569}
        officers = {o.key: o for o in s.scalars(select(Officer))}
        assert officers[UNBOUND_OFFICER].line_user_id is None
        assert officers["uthai.visit"].line_user_id == demo_line_user_id("uthai.visit")
        assert officers["plan.chief"].role == "planner"
        assert s.scalar(select(func.count()).select_from(Responsibility)) == 18
