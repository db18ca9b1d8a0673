"""The office-wide roll-up and the export in a process of their own.

    python -m bench.rollup --db URL [--repeat 3] [--profile FILE]

As `flask --app bot status --all` and `flask --app bot export` do them, at bench.data.ROLLUP_NOW
(January 2570: December 2569 is the month being reported): the status summary of the month
(the chat's and the CLI's default) and of the year to date (twelve months), each rated with
the units' disbursement against plan beside the levels (issue 13) and written as text; the export rows of the year written as CSV. Each is timed `repeat` times
(the median is reported, and the first run too: it compiles the SQL) with its SQL statement
count. Prints JSON, with this process's peak RSS.

The summary is timed twice over: cold (the roll-up cache emptied before each run: the first
question after a restart) and as values arrive (the cache warm, and before each run
VALUES_BETWEEN values of December saved through the app's own save_value in
UNITS_BETWEEN units, as officers reporting between two planners' questions do).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from decimal import Decimal

from sqlalchemy import select

from bot import status_report as R
from files.export import export_rows, write_csv
from kpi.periods import reporting_period
from kpi.rating import Scope, ScopeKind
from models import Indicator, Project
from models.budget_queries import rollup_disbursements
from models.reporting import save_value
from models.status_queries import rate_units

from .data import ROLLUP_NOW, YEAR_BE
from .measure import QueryCounter, bot_app, maybe_profile, own_peak_rss_kb

UNITS_BETWEEN = 20
VALUES_BETWEEN = 100


def _measure(db, counter: QueryCounter, work, repeat: int, before=None) -> dict:
    times, queries, size = [], None, None
    for _ in range(repeat):
        if before is not None:
            before()
        with db.transaction() as session:
            with counter.counting() as counted:
                start = time.perf_counter()
                size = work(session)
                times.append(time.perf_counter() - start)
        queries = counted["queries"]
    return {
        "median_s": statistics.median(times),
        "first_s": times[0],
        "best_s": min(times),
        "queries": queries,
        "size": size,
    }


def run_rollup(
    database_url: str, repeat: int = 3, profile: str | None = None, line_url: str = "http://127.0.0.1:9"
) -> dict:
    app = bot_app(database_url, line_url, ROLLUP_NOW)
    db = app.extensions["db"]
    counter = QueryCounter(db.engine)
    as_of = reporting_period(ROLLUP_NOW)

    def summary(kind: ScopeKind):
        def work(session):
            scope = Scope.around(kind, as_of)
            office = rate_units(session, scope, ROLLUP_NOW)
            money = rollup_disbursements(session, scope.year_be, scope.last)
            return {
                "units": len(office.units),
                "projects": office.projects,
                "units_with_budget": len(money.units),
                "chars": len(R.office_text(office, money)),
            }

        return work

    def export(session):
        rows = export_rows(session, YEAR_BE)
        out = io.StringIO()
        write_csv(rows, out)
        return {"rows": len(rows), "bytes": len(out.getvalue().encode())}

    def report_some():
        """VALUES_BETWEEN values of December in UNITS_BETWEEN units, saved as the chat saves them."""
        nonlocal rounds
        rounds += 1
        with db.transaction() as session:
            for indicator_id in _indicators_to_report(session):
                save_value(
                    session,
                    indicator_id=indicator_id,
                    month=12,
                    value=Decimal(20 + rounds),
                    note=None,
                    officer_id=None,
                    now=ROLLUP_NOW,
                    on_time=False,
                    source="chat",
                )

    rounds = 0
    result = {}
    with app.app_context():
        with maybe_profile(profile):
            result["month"] = _measure(db, counter, summary(ScopeKind.MONTH), repeat, before=db.rollups.clear)
        result["ytd"] = _measure(db, counter, summary(ScopeKind.YTD), repeat, before=db.rollups.clear)
        for kind in (ScopeKind.MONTH, ScopeKind.YTD):
            with db.transaction() as session:
                summary(kind)(session)  # the cache warm
            db.rollups.stats.rated = db.rollups.stats.reused = 0
            measured = _measure(db, counter, summary(kind), repeat, before=report_some)
            measured["units_rated"], measured["units_reused"] = db.rollups.stats.rated, db.rollups.stats.reused
            result[f"{kind.value}_as_values_arrive"] = measured
        result["export"] = _measure(db, counter, export, max(1, min(repeat, 2)))
        result.update(measure_dashboard(db, counter, max(1, min(repeat, 2))))
    db.dispose()
    result["peak_rss_kb"] = own_peak_rss_kb()
    return result


def measure_dashboard(db, counter: QueryCounter, repeat: int) -> dict:
    """The dashboard's overview for a planner (the year to date, every unit), as it was before
    issue 12 (the matrix and cards: dashboard.data.overview) and as the page now makes it
    (with the evaluation report's table and the strategies of the filter: overview_page), and
    one of the table's numbers opened (SSF's ดี: the most projects), once the projects are
    placed in the plan (bench.report.place_projects)."""
    from dashboard import data as DD
    from dashboard.plan_table import Selection
    from kpi.rating import Level

    from .report import place_projects

    place_projects(db)

    def matrix(filters):
        def work(session):
            return {"units": len(DD.overview(session, filters, ROLLUP_NOW, None).rows)}

        return work

    def page(filters):
        def work(session):
            view = DD.overview_page(session, filters, ROLLUP_NOW, None)
            return {"units": len(view.rows), "projects_rated": view.report.counts.projects}

        return work

    def listed(session):
        selection = Selection("SSF", None, True, Level.GREEN)
        _, projects = DD.projects_counted(session, DD.Filters(YEAR_BE), selection, ROLLUP_NOW, None)
        return {"projects": len(projects)}

    # the year to date (the table reuses the overview's ratings) and Q4 (the table, ม.ค.–ธ.ค.,
    # rates every unit again: the overview's own period is ต.ค.–ธ.ค.)
    result = {}
    for key, filters in (("", DD.Filters(YEAR_BE)), ("_q4", DD.Filters(YEAR_BE, 4))):
        result[f"dashboard_overview{key}_before"] = _measure(db, counter, matrix(filters), repeat)
        result[f"dashboard_overview{key}"] = _measure(db, counter, page(filters), repeat)
    result["dashboard_projects"] = _measure(db, counter, listed, repeat)
    return result


def _indicators_to_report(session) -> list[int]:
    """The same VALUES_BETWEEN indicators each time, spread over UNITS_BETWEEN units."""
    units = session.scalars(select(Project.unit_id).distinct().order_by(Project.unit_id)).all()
    chosen = units[:: max(1, len(units) // UNITS_BETWEEN)][:UNITS_BETWEEN]
    each = VALUES_BETWEEN // max(1, len(chosen))
    ids: list[int] = []
    for unit_id in chosen:
        ids += session.scalars(
            select(Indicator.id).join(Project).where(Project.unit_id == unit_id).order_by(Indicator.id).limit(each)
        ).all()
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rollup")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default=None, help="write a pyinstrument profile of the month's roll-up here")
    args = parser.parse_args(argv)
    print(json.dumps(run_rollup(args.db, args.repeat, args.profile)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
