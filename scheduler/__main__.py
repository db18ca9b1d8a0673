"""`python -m scheduler`: the reminder process (the Procfile's `scheduler`). Run exactly one
per deployment as a rule; a second one by mistake sends nothing twice (outbox claims)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from apscheduler.schedulers.blocking import BlockingScheduler

from bot import create_app
from bot.config import ConfigError
from kpi.periods import BANGKOK

from .jobs import catch_up, install_jobs

log = logging.getLogger("scheduler")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scheduler", description=__doc__)
    parser.add_argument(
        "--once", action="store_true", help="run the round due now (if any) and send the outbox, then exit"
    )
    parser.add_argument("--jobs", action="store_true", help="print the jobs and their next run, then exit")
    args = parser.parse_args(argv)

    try:
        app = create_app()
    except ConfigError as exc:
        print(f"scheduler not started: {exc}", file=sys.stderr)
        return 2
    if args.once:
        catch_up(app)
        return 0
    scheduler = BlockingScheduler(timezone=BANGKOK)
    install_jobs(scheduler, app)
    if args.jobs:
        now = app.extensions["clock"].now()
        for job in scheduler.get_jobs():
            print(f"{job.id}\t{job.trigger}\tnext: {job.trigger.get_next_fire_time(None, now)}")
        return 0
    catch_up(app)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started: %s", ", ".join(j.id for j in scheduler.get_jobs()))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
