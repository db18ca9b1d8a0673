"""Reminders (application layer): rounds through the outbox (`service`), composing the
messages (`compose`), nudges, delivery with quota, retries and claims (`delivery`) and the
reminder settings (`settings`). The APScheduler process that runs them is `scheduler/`."""
