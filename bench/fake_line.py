"""The fake LINE platform in a process of its own, driven over stdin/stdout.

    python -m bench.fake_line [--validate] [--quota N]

prints `URL http://127.0.0.1:PORT` and then answers one JSON line per command line:
`stats` (requests by endpoint and status, messages counted against the quota, schema
problems), `clear` (forget the traffic) and `quit`.

Schema validation (jsonschema over LINE's OpenAPI spec) costs the fake milliseconds per Flex
message; the webhook bench turns it off so the figures are the bot's, not the fake's. The
reminder bench keeps it on: every reminder is checked as LINE would.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from fakeline.schema import SpecValidator
from fakeline.server import FakeLineServer


class NoValidation(SpecValidator):
    """Accepts every body (no spec loaded)."""

    def __init__(self):  # noqa: D107 - nothing to load
        pass

    def check(self, method, path, body):
        return []


def stats(server: FakeLineServer) -> dict:
    records = server.requests
    return {
        "requests": len(records),
        "by_endpoint": dict(Counter(f"{r.method} {r.path}" for r in records)),
        "by_status": {str(k): v for k, v in Counter(r.status for r in records).items()},
        "delivered": sum(1 for r in records if r.delivered),
        "usage": server.usage,
        "problems": len(server.all_problems()),
        "first_problems": server.all_problems()[:3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fake_line")
    parser.add_argument("--validate", action="store_true", help="check bodies against LINE's spec")
    parser.add_argument("--quota", type=int, default=1_000_000, help="monthly message limit (limited)")
    args = parser.parse_args(argv)
    server = FakeLineServer(quota=args.quota, validator=None if args.validate else NoValidation()).start()
    print(f"URL {server.url}", flush=True)
    try:
        for line in sys.stdin:
            command = line.strip()
            if command == "stats":
                print(json.dumps(stats(server)), flush=True)
            elif command == "clear":
                server.clear()
                print("{}", flush=True)
            elif command == "quit":
                break
            else:
                print(json.dumps({"error": f"unknown command {command!r}"}), flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
