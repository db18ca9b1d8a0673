"""The quarterly evaluation report at national scale: 1,000 units × 50 indicators.

    python -m bench.report [--units 1000] [--formats json,xlsx,docx] [--databases sqlite|postgresql|both]
    python -m bench.report --db URL --format docx          (one measurement; prints JSON)

The data is bench.data's roll-up set (units × 10 projects × 5 indicators of seven kinds, twelve
monthly targets, 95 % of the months reported, notes under half the target), its projects
placed in the plan afterwards (7 of 10 in กองทุนประกันสังคม, 3 in กองทุนเงินทดแทน, strategies
1–3, two กลยุทธ์ each, a budget). Each format is made in a process of its own, as
`flask --app bot evaluation-report --quarter 2569-Q4 --format F --out FILE` makes it: the
report is read and rated (gather + compose: `build_s`), then written (`render_s`); the
process's peak RSS (VmHWM) is the memory figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import case, update

from models.db import Database
from models.plan import Project

from . import data as D
from .measure import QueryCounter, bot_app, own_peak_rss_kb

FORMATS = ("json", "xlsx", "docx")
STRATEGIES = {
    1: "การพัฒนาเทคโนโลยีและนวัตกรรม",
    2: "การสร้างพลังแห่งการขับเคลื่อนองค์กร",
    3: "การเพิ่มประสิทธิภาพในการสร้างและเข้าถึงหลักประกันสังคม",
}


def place_projects(db: Database) -> None:
    """Give every bench project a fund, strategy, กลยุทธ์, kind and budget (by its code P01–P10)."""
    number = Project.code  # "P01" … "P10"
    with db.engine.begin() as conn:
        conn.execute(
            update(Project).values(
                fund=case((number.in_(["P08", "P09", "P10"]), "WCF"), else_="SSF"),
                strategy_no=case(
                    (number.in_(["P01", "P02", "P08"]), 1), (number.in_(["P03", "P04", "P05", "P09"]), 2), else_=3
                ),
                tactic_no=case((number.in_(["P01", "P03", "P06", "P08"]), "x.1"), else_="x.2"),
                project_type=case((number.in_(["P01", "P04", "P07"]), "งานประจำ"), else_="โครงการเดิม"),
                budget_baht=1_250_000,
                responsible_unit=None,
                duration="มกราคม - ธันวาคม 2569",
            )
        )
        for n, name in STRATEGIES.items():
            conn.execute(
                update(Project)
                .where(Project.strategy_no == n)
                .values(
                    strategy_name=name,
                    tactic_no=case((Project.tactic_no == "x.1", f"{n}.1"), else_=f"{n}.2"),
                    tactic_name=f"กลยุทธ์ของยุทธศาสตร์ที่ {n}",
                    work_plan=f"แผนงานที่ {n}",
                )
            )


def measure_one(url: str, fmt: str, out: Path) -> dict:
    from reports.build import build_report, render

    app = bot_app(url, "http://127.0.0.1:9", D.ROLLUP_NOW)
    db = app.extensions["db"]
    counter = QueryCounter(db.engine)
    with db.transaction() as session:
        with counter.counting() as counted:
            started = time.perf_counter()
            report = build_report(session, f"{D.YEAR_BE}-Q4", D.ROLLUP_NOW)
            built = time.perf_counter() - started
    started = time.perf_counter()
    data = render(report, fmt)
    rendered = time.perf_counter() - started
    out.write_bytes(data)
    return {
        "format": fmt,
        "build_s": round(built, 2),
        "render_s": round(rendered, 2),
        "total_s": round(built + rendered, 2),
        "queries": counted["queries"],
        "bytes": len(data),
        "projects": report.counts.projects,
        "indicators": sum(len(p.indicators) for p in report.projects),
        "peak_rss_kb": own_peak_rss_kb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.report", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="measure one format on this database (used by the run itself)")
    parser.add_argument("--format", choices=FORMATS)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--databases", choices=("sqlite", "postgresql", "both"), default="sqlite")
    args = parser.parse_args(argv)
    if args.db:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(measure_one(args.db, args.format, Path(tmp) / f"report.{args.format}")))
        return 0

    from .databases import database, postgres_admin_url
    from .procs import run_json

    kinds = ["sqlite", "postgresql"] if args.databases == "both" else [args.databases]
    admin = postgres_admin_url() if "postgresql" in kinds else None
    results = {"units": args.units, "indicators_per_unit": 50, "runs": []}
    with tempfile.TemporaryDirectory(prefix="kpibot-bench-report-") as tmp:
        for kind in kinds:
            with database(kind, Path(tmp), "report", admin) as url:
                db = Database(url)
                started = time.perf_counter()
                D.rollup_rows(D.RollupSet(units=args.units)).write(db)
                place_projects(db)
                db.dispose()
                print(f"report/{kind}: data written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
                for fmt in args.formats.split(","):
                    result, _ = run_json("bench.report", ["--db", url, "--format", fmt], timeout=3600)
                    result["database"] = kind
                    results["runs"].append(result)
                    print(
                        f"report/{kind}/{fmt}: {result['total_s']} s (read and rate {result['build_s']} s, "
                        f"write {result['render_s']} s), {result['queries']} SQL statements, "
                        f"{result['bytes'] / 1e6:.1f} MB, peak RSS {result['peak_rss_kb'] / 1024:.0f} MB",
                        file=sys.stderr,
                    )
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
