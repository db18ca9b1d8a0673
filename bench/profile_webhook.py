"""Where a gunicorn worker's time goes while it answers webhook events: py-spy on the workers.

    python -m bench.profile_webhook [--database sqlite|postgresql] [--requests 2000] [--out FILE]

Runs the bot as `python -m bench` does (Procfile's gunicorn, the bench's officers typing a
value, confirming and picking the next indicator, a fake LINE in its own process), samples
every worker with `py-spy record --subprocesses` during the closed loop and prints the share
of the samples spent inside each step of an event (inclusive: a step's callees count for it).
py-spy slows the workers down: take throughput figures from `python -m bench`, not from here.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from models.db import Database

from . import data as D
from . import run as R
from .databases import database, postgres_admin_url
from .procs import FakeLine, Gunicorn

#: (label, a frame name in py-spy's raw output) — inclusive shares are printed in this order.
STEPS = [
    ("request in the worker (gunicorn + Flask)", "handle_request (gunicorn"),
    ("POST /callback", "callback (bot/webhook.py"),
    ("  signature check and parse (SDK)", "parse (linebot/v3/webhook.py"),
    ("  per-user lock (PostgreSQL advisory lock)", "lock_user (models/db.py"),
    ("  claim the event id", "claim_event (models/events.py"),
    ("  handle_event (router)", "handle_event (handlers/router.py"),
    ("    flood count", "count_message (models/rates.py"),
    ("    the officer and unit", "officer_by_line_user (models/officer_views.py"),
    ("    load the conversation", "load_conversation (models/conversations.py"),
    ("    the officer's indicators, targets, values", "load_officer_view (models/officer_views.py"),
    ("    conversation step (pure) incl. SDK message models", "step (handlers/conversation.py"),
    ("    save a confirmed value and its history", "save_value (models/reporting.py"),
    ("    save the conversation", "save_conversation (models/conversations.py"),
    ("  commit", "transaction (models/db.py"),
    ("  reply through the SDK (to the fake LINE)", "reply (bot/line_api.py"),
    ("SQL statements (SQLAlchemy execute, driver, round trip)", "_execute_context (sqlalchemy/engine/base.py"),
]


def summarise(raw: Path) -> list[tuple[str, float]]:
    total, inclusive = 0, Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        for label, frame in STEPS:
            if frame in stack:
                inclusive[label] += int(count)
    return [(label, inclusive[label] * 100 / total if total else 0.0) for label, _ in STEPS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_webhook")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--officers", type=int, default=100)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--out", default=None, help="keep py-spy's raw stacks here")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        parser.error("py-spy is not installed (pip install -r requirements-dev.txt)")
    sizes = R.Sizes(
        "profile",
        webhook_officers=args.officers,
        warmup=30,
        closed=args.requests,
        concurrency=6,
        open=0,
        rate=50,
        reminder_units=0,
        rollup_units=0,
        repeat=1,
        planner_asks=0,
    )
    admin = postgres_admin_url() if args.database == "postgresql" else None
    with tempfile.TemporaryDirectory(prefix="kpibot-profile-") as tmp, FakeLine() as fake:
        raw = Path(args.out) if args.out else Path(tmp) / "stacks.txt"
        with database(args.database, Path(tmp), "profile", admin) as url:
            db = Database(url)
            D.webhook_rows(D.WebhookSet(officers=args.officers, indicators_each=sizes.indicators_each)).write(db)
            db.dispose()
            with Gunicorn(R.bot_env(url, fake.url, D.WEBHOOK_NOW)) as server:
                sampler = subprocess.Popen(
                    [
                        spy,
                        "record",
                        "--pid",
                        str(server.proc.pid),
                        "--subprocesses",
                        "--format",
                        "raw",
                        "--output",
                        str(raw),
                        "--rate",
                        "200",
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                time.sleep(1.0)
                result = R.loadgen(server.port, sizes, args.officers, open_=0)
                sampler.send_signal(signal.SIGINT)
                try:
                    sampler.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    sampler.kill()
                    sampler.wait()
        if not raw.exists():
            print(f"py-spy wrote nothing: {sampler.stderr.read()[-2000:]}", file=sys.stderr)
            return 1
        closed = result["closed"]
        print(
            f"{args.database}: {closed['ok']} events at {closed['rps']} req/s under py-spy "
            f"(p50 {closed['p50_ms']} ms); share of the workers' samples (inclusive):"
        )
        for label, share in summarise(raw):
            print(f"  {share:5.1f} %  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
