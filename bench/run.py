"""`python -m bench`: the four measurements of issue 7 in one run, printed as one table.

(Longer than ~400 lines: the orchestration of the four measurements and their one table.)

1. webhook   — the bot under gunicorn as the Procfile runs it (SQLite, PostgreSQL) against
               the SDK's echo bot (bench/echo_bot.py), driven by bench/loadgen.py
2. reminders — one reminder round of 10,000 officers against the fake LINE
3. rollup    — the office-wide status summary and the export of 1,000 units × 50 indicators × 12 months
4. memory    — peak RSS of the web workers and of the scheduler (reminder) process during 1–3

Data is generated deterministically (bench/data.py) into a temp SQLite file and a temp
PostgreSQL database that are dropped afterwards. The exit status is non-zero only when a
measurement could not be taken.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fakeline import webhooks as W
from models.db import Database

from . import data as D
from .databases import database, postgres_admin_url
from .loadgen import Client
from .measure import SECRET, TOKEN
from .procs import FakeLine, Gunicorn, run_json

CONFIRM = "ยืนยัน"
SCRIPT = ("20", CONFIRM, "{next}")  # the month's target (100 %), confirm the card, pick the next indicator
PHASES = ("warmup", "closed", "open")


@dataclass(frozen=True)
class Sizes:
    name: str
    webhook_officers: int
    warmup: int
    closed: int
    concurrency: int
    open: int
    rate: float
    reminder_units: int
    rollup_units: int
    repeat: int
    planner_asks: int
    time_limit: float = 120.0

    @property
    def indicators_each(self) -> int:
        """Enough pending indicators that no officer runs out during the run (12 at least)."""
        per_user = (self.warmup + self.closed + self.open) / self.webhook_officers
        return max(12, math.ceil(per_user / len(SCRIPT)) + 3)


SIZES = {
    "full": Sizes(
        "full",
        webhook_officers=200,
        warmup=60,
        closed=3000,
        concurrency=6,
        open=500,
        rate=50,
        reminder_units=1000,
        rollup_units=1000,
        repeat=3,
        planner_asks=3,
    ),
    "quick": Sizes(
        "quick",
        webhook_officers=30,
        warmup=20,
        closed=300,
        concurrency=6,
        open=100,
        rate=50,
        reminder_units=60,
        rollup_units=30,
        repeat=2,
        planner_asks=1,
        time_limit=20,
    ),
    "toy": Sizes(
        "toy",
        webhook_officers=6,
        warmup=3,
        closed=12,
        concurrency=3,
        open=6,
        rate=20,
        reminder_units=3,
        rollup_units=3,
        repeat=1,
        planner_asks=1,
        time_limit=20,
    ),
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# 1. Webhook


def loadgen(
    port: int, sizes: Sizes, users: int, salt: str = "officer", script=SCRIPT, warmup=None, closed=None, open_=None
) -> dict:
    args = [
        "--port",
        str(port),
        "--secret",
        SECRET,
        "--users",
        str(users),
        "--salt",
        salt,
        "--script",
        "|".join(script),
        "--warmup",
        str(sizes.warmup if warmup is None else warmup),
        "--closed",
        str(sizes.closed if closed is None else closed),
        "--concurrency",
        str(sizes.concurrency),
        "--open",
        str(sizes.open if open_ is None else open_),
        "--rate",
        str(sizes.rate),
        "--time-limit",
        str(sizes.time_limit),
    ]
    result, _ = run_json("bench.loadgen", args, timeout=3 * sizes.time_limit + 120)
    return result


def bot_env(database_url: str, line_url: str, now) -> dict:
    """The bot's environment. Its clock stands still (KPIBOT_FIXED_NOW), so every message of a
    run falls in the same minute: the per-user flood limit is raised above what one bench user
    sends, so it is counted (as in production) but never trips."""
    return {
        "DATABASE_URL": database_url,
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": line_url,
        "KPIBOT_FIXED_NOW": now.isoformat(),
        "KPIBOT_MAX_MESSAGES_PER_MINUTE": "100000",
        "SECRET_KEY": "bench-secret-key",
    }


def webhook_echo(sizes: Sizes, fake: FakeLine, workdir: Path) -> dict:
    fake.clear()
    env = {"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_BASE_URL": fake.url}
    with Gunicorn(env, app_spec="bench.echo_bot:create_app()", log_path=workdir / "echo.log") as server:
        result = _drive(server, fake, sizes)
    result["line"] = fake.stats()
    return result


def _drive(server: Gunicorn, fake: FakeLine, sizes: Sizes) -> dict:
    """The load generator against this server; with the CPU the workers and the fake used."""
    cpu, fake_cpu = server.worker_cpu_s(), fake.cpu_s()
    result = loadgen(server.port, sizes, sizes.webhook_officers)
    requests = sum(result[phase]["count"] for phase in PHASES if phase in result)
    result["worker_cpu_ms_per_request"] = (server.worker_cpu_s() - cpu) * 1000 / max(requests, 1)
    result["fake_cpu_ms_per_request"] = (fake.cpu_s() - fake_cpu) * 1000 / max(requests, 1)
    result["worker_peak_rss_kb"] = server.worker_peak_rss_kb()
    result["workers"] = server.workers
    result["command"] = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", " ".join(server.command[2:]))
    return result


def webhook_bot(kind: str, sizes: Sizes, fake: FakeLine, workdir: Path, admin_url: str | None) -> dict:
    spec = D.WebhookSet(officers=sizes.webhook_officers, indicators_each=sizes.indicators_each)
    with database(kind, workdir, "webhook", admin_url) as url:
        db = Database(url)
        rows = D.webhook_rows(spec)
        rows.write(db)
        before = _values_of_month(db, 10)
        fake.clear()
        with Gunicorn(bot_env(url, fake.url, D.WEBHOOK_NOW), log_path=workdir / f"bot-{kind}.log") as server:
            result = _drive(server, fake, sizes)
        result["values_saved"] = _values_of_month(db, 10) - before
        result["confirmed"] = confirmations(result)
        result["line"] = fake.stats()
        result["indicators_each"] = spec.indicators_each
        db.dispose()
    return result


def confirmations(result: dict) -> int:
    """The confirmations (ยืนยัน) the load generator sent and the bot answered with 200: each
    saves one value, so values saved should equal it."""
    return sum(result[phase]["ok_by_text"].get(CONFIRM, 0) for phase in PHASES if phase in result)


def _values_of_month(db: Database, month: int) -> int:
    from sqlalchemy import func, select

    from models.results import ReportedValue

    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(ReportedValue).where(ReportedValue.month == month))


# ------------------------------------------------------------------------------------------------
# 2. Reminder round


def reminders(
    kind: str, sizes: Sizes, fake: FakeLine, workdir: Path, admin_url: str | None, profile_dir: Path | None
) -> dict:
    spec = D.ReminderSet(units=sizes.reminder_units)
    with database(kind, workdir, "reminders", admin_url) as url:
        db = Database(url)
        rows, pending = D.reminder_rows(spec)
        started = time.perf_counter()
        counts = rows.write(db)
        db.dispose()
        log(f"reminders/{kind}: {counts} written in {time.perf_counter() - started:.1f} s")
        fake.clear()
        args = ["--db", url, "--line", fake.url]
        if profile_dir:
            args += ["--profile", str(profile_dir / f"reminders-{kind}.txt")]
        result, _ = run_json("bench.reminder_round", args)
        result["officers"] = len(rows.officers)
        result["officers_pending"] = pending
        result["line"] = fake.stats()
    return result


# ------------------------------------------------------------------------------------------------
# 3. Roll-up


def rollup(
    kind: str, sizes: Sizes, fake: FakeLine, workdir: Path, admin_url: str | None, profile_dir: Path | None
) -> dict:
    spec = D.RollupSet(units=sizes.rollup_units)
    with database(kind, workdir, "rollup", admin_url) as url:
        db = Database(url)
        started = time.perf_counter()
        rows = D.rollup_rows(spec)
        counts = rows.write(db)
        db.dispose()
        log(f"rollup/{kind}: {counts} written in {time.perf_counter() - started:.1f} s")
        args = ["--db", url, "--repeat", str(sizes.repeat)]
        if profile_dir:
            args += ["--profile", str(profile_dir / f"rollup-{kind}.txt")]
        result, _ = run_json("bench.rollup", args)
        result["data"] = counts
        result["chat"] = planner_in_chat(url, sizes, fake, workdir, kind)
    return result


def planner_in_chat(url: str, sizes: Sizes, fake: FakeLine, workdir: Path, kind: str) -> dict:
    """A planner types สถานะ: the office-wide summary answered by a gunicorn worker."""
    fake.clear()
    client = Client("127.0.0.1", 0, "/callback", timeout=60)
    latencies, statuses = [], []
    with Gunicorn(bot_env(url, fake.url, D.ROLLUP_NOW), log_path=workdir / f"planner-{kind}.log") as server:
        client.port = server.port
        for _ in range(sizes.planner_asks):
            body, headers = W.signed_request(SECRET, W.text_event(D.PLANNER_LINE_ID, "สถานะ"))
            start = time.perf_counter()
            statuses.append(client.post(body.encode(), headers))
            latencies.append(time.perf_counter() - start)
        rss = server.worker_peak_rss_kb()
    line = fake.stats()
    return {
        "latencies_s": latencies,
        "statuses": statuses,
        "worker_peak_rss_kb": rss,
        "replies": line["by_endpoint"].get("POST /v2/bot/message/reply", 0),
    }


# ------------------------------------------------------------------------------------------------
# The machine and the table


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    load = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "date": date.today().isoformat(),
        "load_before": [round(x, 2) for x in load],
    }


def _mb(kb: int | None) -> str:
    return "-" if not kb else f"{kb / 1024:.0f} MB"


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f} s"


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "MISSED")


def table(results: dict, kinds: list[str]) -> list[list[str]]:
    """Rows of: measurement, echo bot, SQLite, PostgreSQL, target, verdict."""
    rows: list[list[str]] = [["measurement", "echo bot", "SQLite", "PostgreSQL", "target", ""]]

    def cells(get, kinds=kinds, fmt=str):
        out = []
        for kind in ("sqlite", "postgresql"):
            try:
                value = get(kind) if kind in kinds else None
            except (KeyError, TypeError):
                value = None
            out.append("-" if value is None else fmt(value))
        return out

    def all_met(check, section):
        verdicts = []
        for kind in kinds:
            item = results.get(section, {}).get(kind)
            if isinstance(item, dict) and "error" not in item:
                verdicts.append(check(item))
        return None if not verdicts else all(verdicts)

    web = results.get("webhook", {})
    echo = web.get("echo") or {}
    if web:
        closed = lambda k: web[k]["closed"]  # noqa: E731
        echo_rps = (echo.get("closed") or {}).get("rps")
        rows.append(
            [
                f"1. webhook: requests/s, closed loop ({echo.get('closed', {}).get('count', '?')} req, "
                f"{SIZES_USED.concurrency} clients)",
                str(echo_rps or "-"),
                *cells(lambda k: closed(k)["rps"]),
                "",
                "",
            ]
        )
        ratio = lambda k: closed(k)["rps"] / echo_rps  # noqa: E731
        rows.append(
            [
                "   ratio to the echo bot",
                "1.00" if echo_rps else "-",
                *cells(ratio, fmt=lambda v: f"{v:.2f}"),
                ">= 0.5",
                _verdict(all_met(lambda r: echo_rps and r["closed"]["rps"] / echo_rps >= 0.5, "webhook")),
            ]
        )
        rows.append(
            [
                "   p50 / p99 latency, closed loop",
                f"{echo['closed']['p50_ms']:.0f} / {echo['closed']['p99_ms']:.0f} ms" if echo.get("closed") else "-",
                *cells(lambda k: f"{closed(k)['p50_ms']:.0f} / {closed(k)['p99_ms']:.0f} ms"),
                "",
                "",
            ]
        )
        op = lambda k: web[k]["open"]  # noqa: E731
        rows.append(
            [
                f"   p50 / p99 at {SIZES_USED.rate:.0f} req/s, open loop ({SIZES_USED.open} req)",
                f"{echo['open']['p50_ms']:.0f} / {echo['open']['p99_ms']:.0f} ms" if echo.get("open") else "-",
                *cells(lambda k: f"{op(k)['p50_ms']:.0f} / {op(k)['p99_ms']:.0f} ms"),
                "p99 < 100 ms",
                _verdict(all_met(lambda r: r["open"]["p99_ms"] < 100, "webhook")),
            ]
        )
        rows.append(
            [
                "   CPU per request: web workers + fake LINE",
                f"{echo['worker_cpu_ms_per_request']:.1f} + {echo['fake_cpu_ms_per_request']:.1f} ms"
                if echo.get("closed")
                else "-",
                *cells(
                    lambda k: f"{web[k]['worker_cpu_ms_per_request']:.1f} + {web[k]['fake_cpu_ms_per_request']:.1f} ms"
                ),
                "",
                "",
            ]
        )
        failures = lambda r: sum(sum(r[phase]["failures"].values()) for phase in PHASES)  # noqa: E731
        rows.append(
            [
                "   non-200 answers / values saved of confirmed",
                f"{failures(echo)} / -" if echo.get("closed") else "-",
                *cells(lambda k: f"{failures(web[k])} / {web[k]['values_saved']:,} of {web[k]['confirmed']:,}"),
                "equal",
                _verdict(all_met(lambda r: r["values_saved"] == r["confirmed"], "webhook")),
            ]
        )
    rem = results.get("reminders", {})
    if rem:
        first = next((v for v in rem.values() if isinstance(v, dict) and "officers" in v), {})
        rows.append(
            [
                f"2. reminder round: {first.get('officers', '?')} officers, {first.get('officers_pending', '?')} "
                "pending: decide + write outbox",
                "",
                *cells(lambda k: rem[k]["enqueue_s"], fmt=_s),
                "< 5 s",
                _verdict(all_met(lambda r: r["enqueue_s"] < 5, "reminders")),
            ]
        )
        rows.append(
            [
                "   of which: read snapshot / insert rows",
                "",
                *cells(lambda k: f"{rem[k]['load_statuses_s']:.2f} / {rem[k]['insert_s']:.2f} s"),
                "",
                "",
            ]
        )
        rows.append(["   SQL statements to decide + write", "", *cells(lambda k: rem[k]["enqueue_queries"]), "", ""])
        rows.append(
            [
                "   send the outbox (fake LINE, schema-checked)",
                "",
                *cells(lambda k: rem[k]["deliver_s"], fmt=_s),
                "",
                "",
            ]
        )
        calls = lambda k: rem[k]["line"]["requests"]  # noqa: E731
        rows.append(
            [
                "   API calls (pushes + multicasts + quota reads)",
                "",
                *cells(
                    lambda k: (
                        f"{calls(k)} ({rem[k]['pushes']} + {rem[k]['multicasts']} + "
                        f"{calls(k) - rem[k]['pushes'] - rem[k]['multicasts']})"
                    )
                ),
                "",
                "",
            ]
        )
        rows.append(
            [
                "   quota messages used / officers pending",
                "",
                *cells(lambda k: f"{rem[k]['line']['usage']} / {rem[k]['officers_pending']}"),
                "equal",
                _verdict(
                    all_met(
                        lambda r: r["line"]["usage"] == r["officers_pending"] and r["line"]["problems"] == 0,
                        "reminders",
                    )
                ),
            ]
        )
    roll = results.get("rollup", {})
    if roll:
        first = next((v for v in roll.values() if isinstance(v, dict) and "data" in v), {})
        d = first.get("data", {})
        rows.append(
            [
                f"3. roll-up: {d.get('units', '?')} units, {d.get('indicators', '?')} indicators, "
                f"{d.get('values', '?')} values: office summary, month",
                "",
                *cells(lambda k: roll[k]["month"]["median_s"], fmt=_ms),
                "< 300 ms",
                _verdict(all_met(lambda r: r["month"]["median_s"] < 0.3, "rollup")),
            ]
        )
        rows.append(
            [
                "   office summary, year to date (12 months)",
                "",
                *cells(lambda k: roll[k]["ytd"]["median_s"], fmt=_ms),
                "< 300 ms",
                _verdict(all_met(lambda r: r["ytd"]["median_s"] < 0.3, "rollup")),
            ]
        )
        for key, label in (("month", "month"), ("ytd", "year to date")):
            arriving = f"{key}_as_values_arrive"
            rows.append(
                [
                    f"   as values arrive ({label}; 100 values in 20 units before each)",
                    "",
                    *cells(lambda k: roll[k][arriving]["median_s"], fmt=_ms),
                    "< 300 ms",
                    _verdict(all_met(lambda r: r[arriving]["median_s"] < 0.3, "rollup")),
                ]
            )
        rows.append(
            [
                "   units rated again / taken from the cache (as values arrive)",
                "",
                *cells(
                    lambda k: " + ".join(
                        f"{roll[k][f'{s}_as_values_arrive']['units_rated']} / "
                        f"{roll[k][f'{s}_as_values_arrive']['units_reused']}"
                        for s in ("month", "ytd")
                    )
                ),
                "",
                "",
            ]
        )
        rows.append(
            [
                "   SQL statements: summary / export",
                "",
                *cells(lambda k: f"{roll[k]['month']['queries']} / {roll[k]['export']['queries']}"),
                "no query per row",
                _verdict(
                    all_met(
                        lambda r: (
                            max(r["month"]["queries"], r["export"]["queries"]) < max(10, r["data"]["indicators"] / 100)
                        ),
                        "rollup",
                    )
                ),
            ]
        )
        rows.append(
            ["   export of the year (rows -> CSV)", "", *cells(lambda k: roll[k]["export"]["median_s"], fmt=_s), "", ""]
        )
        for key, label in (
            ("dashboard_overview_before", "dashboard overview, year to date: matrix and cards (SQL statements)"),
            ("dashboard_overview", "dashboard overview with the evaluation table and strategy filter"),
            ("dashboard_overview_q4_before", "dashboard overview, Q4: matrix and cards"),
            ("dashboard_overview_q4", "dashboard overview, Q4, with the table (ม.ค.–ธ.ค., rated again)"),
            ("dashboard_projects", "dashboard: one of the table's numbers opened (SSF ดี)"),
        ):
            rows.append(
                [
                    f"   {label}",
                    "",
                    *cells(lambda k, key=key: f"{_s(roll[k][key]['median_s'])} ({roll[k][key]['queries']})"),
                    "",
                    "",
                ]
            )
        rows.append(
            [
                "   planner asks for the status in chat: first / last ask",
                "",
                *cells(
                    lambda k: (
                        f"{roll[k]['chat']['latencies_s'][0]:.2f} / "
                        f"{roll[k]['chat']['latencies_s'][-1]:.2f} s (HTTP {roll[k]['chat']['statuses'][-1]})"
                    )
                ),
                "",
                "",
            ]
        )
    if web or rem or roll:

        def web_rss(kind):
            peaks = [
                (web.get(kind) or {}).get("worker_peak_rss_kb"),
                ((roll.get(kind) or {}).get("chat") or {}).get("worker_peak_rss_kb"),
            ]
            peaks = [p for p in peaks if p]
            return max(peaks) if peaks else None

        rows.append(
            [
                "4. peak RSS: web worker (webhook load / planner roll-up)",
                _mb(echo.get("worker_peak_rss_kb")),
                *cells(
                    lambda k: (
                        f"{_mb((web.get(k) or {}).get('worker_peak_rss_kb'))} / "
                        f"{_mb(((roll.get(k) or {}).get('chat') or {}).get('worker_peak_rss_kb'))}"
                    )
                ),
                "",
                "",
            ]
        )
        rows.append(
            ["   peak RSS: scheduler (reminder round)", "", *cells(lambda k: _mb(rem[k]["peak_rss_kb"])), "", ""]
        )
        rows.append(
            ["   peak RSS: roll-up + export process (CLI)", "", *cells(lambda k: _mb(roll[k]["peak_rss_kb"])), "", ""]
        )
    return rows


def render(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


SIZES_USED: Sizes = SIZES["full"]


def main(argv: list[str] | None = None) -> int:
    global SIZES_USED
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (under a minute)")
    parser.add_argument("--size", choices=sorted(SIZES), default=None, help="full (default), quick or toy")
    parser.add_argument(
        "--only", default="webhook,reminders,rollup", help="comma-separated: webhook, reminders, rollup (default: all)"
    )
    parser.add_argument(
        "--databases",
        choices=("both", "sqlite", "postgresql"),
        default="both",
        help="which databases to measure on (default: both)",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only (= --databases sqlite)")
    parser.add_argument("--json", default=None, help="also write every figure to this JSON file")
    parser.add_argument("--profile-dir", default=None, help="write pyinstrument profiles of rounds and roll-ups here")
    args = parser.parse_args(argv)
    sizes = SIZES[args.size or ("quick" if args.quick else "full")]
    SIZES_USED = sizes
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(wanted) - {"webhook", "reminders", "rollup"}
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    profile_dir = Path(args.profile_dir).resolve() if args.profile_dir else None
    if profile_dir:
        profile_dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    results: dict = {"machine": machine(), "sizes": sizes.name}
    errors: list[str] = []
    databases = "sqlite" if args.no_postgres else args.databases
    kinds = [] if databases == "postgresql" else ["sqlite"]
    admin_url = None
    if databases != "sqlite":
        try:
            admin_url = postgres_admin_url()
            kinds.append("postgresql")
        except RuntimeError as exc:
            errors.append(f"PostgreSQL: {exc}")
    log(f"sizes {sizes.name}; databases {', '.join(kinds)}")

    def attempt(section: str, key: str, fn, *fn_args) -> None:
        log(f"{section}/{key} ...")
        t0 = time.perf_counter()
        try:
            results.setdefault(section, {})[key] = fn(*fn_args)
        except Exception as exc:  # noqa: BLE001 - report it, go on with the others
            traceback.print_exc()
            errors.append(f"{section}/{key}: {exc}")
            results.setdefault(section, {})[key] = {"error": str(exc)}
        log(f"{section}/{key} done in {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory(prefix="kpibot-bench-") as tmp:
        workdir = Path(tmp)
        with FakeLine(validate=False) as fake:
            if "webhook" in wanted:
                attempt("webhook", "echo", webhook_echo, sizes, fake, workdir)
                for kind in kinds:
                    attempt("webhook", kind, webhook_bot, kind, sizes, fake, workdir, admin_url)
            if "rollup" in wanted:
                for kind in kinds:
                    attempt("rollup", kind, rollup, kind, sizes, fake, workdir, admin_url, profile_dir)
        if "reminders" in wanted:
            with FakeLine(validate=True, quota=1_000_000) as checked:
                for kind in kinds:
                    attempt("reminders", kind, reminders, kind, sizes, checked, workdir, admin_url, profile_dir)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["errors"] = errors

    m = results["machine"]
    print(
        f"KPI Bot benchmarks ({sizes.name}): python -m bench{' --quick' if sizes.name == 'quick' else ''}"
        f" on {m['date']}"
    )
    print(
        f"machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}; "
        f"load average before {m['load_before'][0]}, after {results['load_after'][0]}; "
        f"took {results['elapsed_s']:.0f} s"
    )
    echo = results.get("webhook", {}).get("echo") or {}
    if echo.get("command"):
        print(
            f"web: {echo['command'].replace('bench.echo_bot:create_app()', 'bot:create_app()')} "
            f"(Procfile, {echo['workers']} workers), load generator in a second process"
        )
    print()
    print(render(table(results, kinds)))
    if errors:
        print()
        print("could not measure:")
        for error in errors:
            print(f"  - {error}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 1 if errors else 0
