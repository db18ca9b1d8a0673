"""Scheduled reminders: the APScheduler process (`python -m scheduler`) and the reminder outbox.

`service` runs a round (plan → outbox → send), `delivery` sends the outbox (quota, multicast,
retries, claims), `jobs` wires APScheduler, `cli` adds `flask --app bot remind` and `schedule`.
Web workers never run jobs: they only write nudges to the outbox, which this process sends.
"""
