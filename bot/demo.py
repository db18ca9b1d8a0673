"""Demo data: the Uthai Thani 2563 plan as the current year's plan, units and demo officers.

Demo officers are bound to made-up LINE user ids so the simulator can chat as them at once;
one officer (uthai.new) is left unbound to try binding with a code.

The demo imports no values: its first reported month is the one being reported when it starts,
and the demo command sets REMINDER_BACKLOG_FROM to it, so its reminders and digests do not name
every earlier month of the year as owed (they were never reported in the demo).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from files.officers_import import import_officers
from files.plan_file import read_plan_file
from files.plan_import import ImportSummary, import_plan, import_units
from kpi.periods import BE_OFFSET, Period, reporting_period
from models.db import Database
from models.linking import issue_link_code
from models.org import Officer

DATA = Path(__file__).resolve().parent.parent / "data"
UNITS_FILE = DATA / "sso_units.csv"
PLAN_FILE = DATA / "uthai_thani_2563_indicators.csv"
OFFICERS_FILE = DATA / "demo_officers.csv"
UNBOUND_OFFICER = "uthai.new"


def demo_line_user_id(officer_key: str) -> str:
    return "U" + hashlib.md5(officer_key.encode()).hexdigest()


@dataclass(frozen=True)
class DemoData:
    year_be: int
    plan_summary: ImportSummary
    link_code: str
    #: The demo's first reported month (the month being reported when its data is loaded): the
    #: demo command's REMINDER_BACKLOG_FROM.
    first_month: Period


def load_demo_data(db: Database, now: datetime) -> DemoData:
    """Idempotent: running it again updates the same rows and issues a fresh code."""
    db.upgrade()
    year_be = now.year + BE_OFFSET
    with db.transaction() as session:
        import_units(session, UNITS_FILE)
        summary = import_plan(session, read_plan_file(PLAN_FILE, year_be=year_be), now, source=PLAN_FILE.name)
        import_officers(session, OFFICERS_FILE)
        for officer in session.scalars(select(Officer)):
            if officer.key != UNBOUND_OFFICER and officer.line_user_id is None:
                officer.line_user_id = demo_line_user_id(officer.key)
        unbound = session.scalar(select(Officer).where(Officer.key == UNBOUND_OFFICER))
        unbound.line_user_id = None
        code = issue_link_code(session, unbound, now)
    return DemoData(year_be, summary, code, reporting_period(now))
