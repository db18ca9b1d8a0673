"""The office-wide roll-up and the export in a process of their own.

    python -m bench.rollup --db URL [--repeat 3] [--profile FILE]

As `flask --app bot status --all` and `flask --app bot export` do them, at bench.data.ROLLUP_NOW
(January 2570: December 2569 is the month being reported): the status summary of the month
(the chat's and the CLI's default) and of the year to date (twelve months), each rated and
written as text; the export rows of the year written as CSV. Each is timed `repeat` times
(the median is reported, and the first run too: it compiles the SQL) with its SQL statement
count. Prints JSON, with this process's peak RSS.
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import time

from bot import status_report as R
from kpi.periods import reporting_period
from kpi.rating import Scope, ScopeKind
from models.export import export_rows, write_csv
from models.status_queries import rate_units

from .data import ROLLUP_NOW, YEAR_BE
from .measure import QueryCounter, bot_app, maybe_profile, own_peak_rss_kb


def _measure(db, counter: QueryCounter, work, repeat: int) -> dict:
    times, queries, size = [], None, None
    for _ in range(repeat):
        with db.transaction() as session:
            with counter.counting() as counted:
                start = time.perf_counter()
                size = work(session)
                times.append(time.perf_counter() - start)
        queries = counted["queries"]
    return {"median_s": statistics.median(times), "first_s": times[0], "best_s": min(times), "queries": queries,
            "size": size}


def run_rollup(database_url: str, repeat: int = 3, profile: str | None = None, line_url: str = "http://127.0.0.1:9") -> dict:
    app = bot_app(database_url, line_url, ROLLUP_NOW)
    db = app.extensions["db"]
    counter = QueryCounter(db.engine)
    as_of = reporting_period(ROLLUP_NOW)

    def summary(kind: ScopeKind):
        def work(session):
            office = rate_units(session, Scope.around(kind, as_of), ROLLUP_NOW)
            return {"units": len(office.units), "projects": office.projects, "chars": len(R.office_text(office))}
        return work

    def export(session):
        rows = export_rows(session, YEAR_BE)
        out = io.StringIO()
        write_csv(rows, out)
        return {"rows": len(rows), "bytes": len(out.getvalue().encode())}

    result = {}
    with app.app_context():
        with maybe_profile(profile):
            result["month"] = _measure(db, counter, summary(ScopeKind.MONTH), repeat)
        result["ytd"] = _measure(db, counter, summary(ScopeKind.YTD), repeat)
        result["export"] = _measure(db, counter, export, max(1, min(repeat, 2)))
    db.dispose()
    result["peak_rss_kb"] = own_peak_rss_kb()
    return result


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
