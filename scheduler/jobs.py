"""The APScheduler jobs of the scheduler process (Asia/Bangkok).

- `reminder-round-HHMM`: one cron job per distinct round time (08:30, 09:00 by default), every
  day; the pure `due_round` decides whether a round is due then. `misfire_grace_time` equals the
  rounds' grace and `coalesce` folds missed runs into one, so a scheduler that was stalled
  sends the round once, late, or (after the grace) not at all.
- `reminder-outbox-drain`: every minute, sends what waits in the outbox (supervisors' nudges).
- `processed-events-purge`: every night at 03:15, forgets webhook events older than LINE could
  redeliver (`models.events.EVENT_RETENTION`), so the table holds days of traffic, not years.
- At start-up `catch_up` runs the round due now, if any: a scheduler that was down at 09:00 and
  comes back at 09:40 sends that round once; the outbox makes a second run send nothing new.

Job ids are fixed and added with `replace_existing=True`, so re-installing never duplicates.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from kpi.periods import BANGKOK
from models.events import purge_processed_events
from reminders.service import Reminders, RoundOutcome

log = logging.getLogger(__name__)
DRAIN_JOB_ID = "reminder-outbox-drain"
PURGE_JOB_ID = "processed-events-purge"


def round_job_id(at) -> str:
    return f"reminder-round-{at:%H%M}"


def install_jobs(scheduler: BaseScheduler, app: Flask) -> list[str]:
    """Add (or replace) the reminder jobs; returns their ids."""
    settings = app.extensions["settings"].reminders
    grace = int(settings.grace.total_seconds())
    ids = []
    for at in sorted({r.at for r in settings.rounds}):
        job_id = round_job_id(at)
        scheduler.add_job(
            run_round,
            CronTrigger(hour=at.hour, minute=at.minute, timezone=BANGKOK),
            args=[app],
            id=job_id,
            name=f"reminder round check at {at:%H:%M}",
            replace_existing=True,
            misfire_grace_time=grace,
            coalesce=True,
            max_instances=1,
        )
        ids.append(job_id)
    scheduler.add_job(
        drain,
        IntervalTrigger(seconds=settings.drain_seconds, timezone=BANGKOK),
        args=[app],
        id=DRAIN_JOB_ID,
        name="reminder outbox drain",
        replace_existing=True,
        misfire_grace_time=settings.drain_seconds,
        coalesce=True,
        max_instances=1,
    )
    ids.append(DRAIN_JOB_ID)
    scheduler.add_job(
        purge_events,
        CronTrigger(hour=3, minute=15, timezone=BANGKOK),
        args=[app],
        id=PURGE_JOB_ID,
        name="processed webhook events purge",
        replace_existing=True,
        misfire_grace_time=6 * 3600,
        coalesce=True,
        max_instances=1,
    )
    ids.append(PURGE_JOB_ID)
    return ids


def _now(app: Flask):
    return app.extensions["clock"].now()


def run_round(app: Flask) -> RoundOutcome:
    with app.app_context():
        return Reminders.of(app).run_due(_now(app))


def drain(app: Flask):
    with app.app_context():
        return Reminders.of(app).drain(_now(app))


def purge_events(app: Flask) -> int:
    with app.app_context(), app.extensions["db"].transaction() as session:
        purged = purge_processed_events(session, _now(app))
    log.info("purged %d processed webhook events", purged)
    return purged


def catch_up(app: Flask) -> RoundOutcome:
    """At start-up: the round due now (within its grace), if it was missed; then the outbox."""
    outcome = run_round(app)
    if outcome.round is not None:
        log.info(
            "start-up: round %s of %s checked (%d new, %d sent)",
            outcome.round.name,
            outcome.round.period.key(),
            outcome.enqueued,
            outcome.delivery.sent,
        )
    return outcome


def start_in_background(app: Flask):
    """The same jobs in a background thread of this process: for the local demo only (in
    production they run in their own process, `python -m scheduler`)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone=BANGKOK)
    install_jobs(scheduler, app)
    scheduler.start()
    return scheduler
