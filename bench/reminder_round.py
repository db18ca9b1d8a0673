"""One reminder round in a process of its own, as the scheduler process runs it.

    python -m bench.reminder_round --db URL --line URL [--profile FILE]

The round due at bench.data.REMINDER_NOW (the "day3" round of October 2569) is decided and
written to the outbox (`Reminders.enqueue`, the first half of the scheduler's job), then the
outbox is sent (`OutboxSender.deliver`, the second half). Prints JSON: each half's seconds and
SQL statements, the time spent reading the snapshot and inserting rows, how many were planned,
written and sent, the send requests, and this process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import time

import reminders.service as service  # the module whose helpers are timed below
from reminders.service import Reminders

from .data import REMINDER_NOW
from .measure import QueryCounter, bot_app, maybe_profile, own_peak_rss_kb


def _timing(module, name: str, spent: dict) -> None:
    """Wrap module.name to add its seconds to spent[name]."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    setattr(module, name, wrapper)


def run_round(database_url: str, line_url: str, profile: str | None = None) -> dict:
    from apscheduler.schedulers.blocking import BlockingScheduler  # noqa: F401 - the scheduler process loads it

    app = bot_app(database_url, line_url, REMINDER_NOW)
    db = app.extensions["db"]
    counter = QueryCounter(db.engine)
    spent: dict[str, float] = {}
    for name in ("load_statuses", "insert_outbox_rows"):
        _timing(service, name, spent)
    with app.app_context():
        reminders = Reminders.of(app)
        rnd = reminders.due(REMINDER_NOW)
        if rnd is None:
            raise RuntimeError("no reminder round is due at the bench's moment")
        with maybe_profile(profile):
            start = time.perf_counter()
            with counter.counting() as enqueue_queries:
                outcome = reminders.enqueue(rnd, REMINDER_NOW)
            enqueue_s = time.perf_counter() - start
        start = time.perf_counter()
        with counter.counting() as deliver_queries:
            report = reminders.sender.deliver(REMINDER_NOW)
        deliver_s = time.perf_counter() - start
    db.dispose()
    return {
        "round": rnd.name,
        "period": rnd.period.key(),
        "planned": len(outcome.planned),
        "enqueued": outcome.enqueued,
        "enqueue_s": enqueue_s,
        "enqueue_queries": enqueue_queries["queries"],
        "load_statuses_s": spent.get("load_statuses", 0.0),
        "insert_s": spent.get("insert_outbox_rows", 0.0),
        "deliver_s": deliver_s,
        "deliver_queries": deliver_queries["queries"],
        "sent": report.sent,
        "requests": report.requests,
        "pushes": report.pushes,
        "multicasts": report.multicasts,
        "skipped": dict(report.skipped),
        "failed": dict(report.failed),
        "peak_rss_kb": own_peak_rss_kb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminder_round")
    parser.add_argument("--db", required=True)
    parser.add_argument("--line", required=True)
    parser.add_argument("--profile", default=None, help="write a pyinstrument profile of enqueue here")
    args = parser.parse_args(argv)
    print(json.dumps(run_round(args.db, args.line, args.profile)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
