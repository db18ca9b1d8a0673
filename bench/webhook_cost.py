"""What one webhook event costs the bot, in one process: SQL statements and CPU per event.

    python -m bench.webhook_cost [--officers 60] [--rounds 3]

The bench's officers in the middle of reporting October 2569 (bench.data.webhook_rows, on a
temp SQLite file) each type the bench's script (the target, ยืนยัน, the next indicator) through
the Flask test client, signed as LINE signs; replies go to the fake LINE in a thread. The
statement count is exact and repeatable, whatever else the machine is doing (CPU time is not:
compare it only within one run). Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from fakeline import webhooks as W
from fakeline.server import FakeLineServer
from kpi.numbers import warm_up
from models.db import Database

from . import data as D
from .databases import _migrate
from .loadgen import script_text
from .measure import SECRET, QueryCounter, bot_app
from .run import SCRIPT


def measure(officers: int = 60, rounds: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'webhook.sqlite3'}"
        _migrate(url)
        db = Database(url)
        D.webhook_rows(D.WebhookSet(officers=officers, indicators_each=12)).write(db)
        db.dispose()
        fake = FakeLineServer().start()
        try:
            app = bot_app(url, fake.url, D.WEBHOOK_NOW)
            warm_up()  # as gunicorn.conf.py does when a worker starts: the Thai word tokenizer
            client = app.test_client()
            counter = QueryCounter(app.extensions["db"].engine)
            users = [D.line_user_id(n) for n in range(1, officers + 1)]

            def send(user: str, text: str) -> None:
                body, headers = W.signed_request(SECRET, W.text_event(user, text))
                response = client.post("/callback", data=body, headers=headers)
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")

            for user in users:  # warm-up: the first message of each officer
                send(user, SCRIPT[0])
            events = [
                (user, script_text(SCRIPT, r * len(SCRIPT) + k))
                for r in range(rounds)
                for k in (*range(1, len(SCRIPT)), len(SCRIPT))
                for user in users
            ]
            with counter.counting() as counted:
                started = time.process_time()
                for user, text in events:
                    send(user, text)
                cpu = time.process_time() - started
            app.extensions["db"].dispose()
        finally:
            fake.stop()
    return {
        "events": len(events),
        "statements_per_event": round(counted["queries"] / len(events), 2),
        "cpu_ms_per_event": round(cpu / len(events) * 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.webhook_cost")
    parser.add_argument("--officers", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.officers, args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
