"""A small load generator for POST /callback: signed text-message events, loopback only.

    python -m bench.loadgen --port P --secret S --users N --script '20|ยืนยัน|{next}'
        [--warmup 30] [--closed 3000 --concurrency 6] [--open 500 --rate 50] [--time-limit 120]

Each LINE user (bench.data.line_user_id(0 … N-1)) types the script's texts in turn, one at a
time: a user's next message is sent only after the previous one was answered (closed loop),
or (open loop) a user's messages are spaced N/rate seconds apart. Three phases, each bounded
by its request count and by the time limit:

- warm-up: a few requests, not counted (first requests compile SQL, open connections);
- closed loop: `concurrency` clients each send their next request as soon as the last one is
  answered: the throughput (requests/s) and its latencies;
- open loop: requests start at a fixed rate whatever the answers, and each latency counts from
  the moment the request was due (queueing included).

Prints one JSON object: per phase the count, successes (HTTP 200), failures by status, the
successes per script text (`ok_by_text`: how many confirmations the bot took, say), elapsed
seconds, requests/s and latency percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fakeline import webhooks as W

from .data import line_user_id

LOOPBACK = ("127.0.0.1", "localhost")


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an ascending list (q in 0..1)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarise(latencies: list[float], failures: dict[str, int], ok_by_text: dict[str, int], elapsed: float) -> dict:
    values = sorted(latencies)
    count = len(values) + sum(failures.values())
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    return {
        "count": count,
        "ok": len(values),
        "failures": failures,
        "ok_by_text": ok_by_text,
        "elapsed_s": round(elapsed, 3),
        "rps": round(len(values) / elapsed, 1) if elapsed > 0 else None,
        "p50_ms": ms(percentile(values, 0.50)),
        "p90_ms": ms(percentile(values, 0.90)),
        "p99_ms": ms(percentile(values, 0.99)),
        "max_ms": ms(values[-1] if values else None),
    }


def script_text(script: list[str] | tuple[str, ...], k: int) -> str:
    """The k-th text a user types: the script over and over, "{next}" standing for the number of
    the indicator after the ones saved so far (an indicator keeps its number through the month,
    so after the first script round the next one is 2, then 3 …)."""
    return script[k % len(script)].replace("{next}", str(k // len(script) + 2))


class Users:
    """Who says what next: each user's place in the script."""

    def __init__(self, count: int, script: list[str], secret: str, salt: str):
        self.ids = [line_user_id(n, salt) for n in range(count)]
        self.script, self.secret = script, secret
        self.cursor = [0] * count
        self.lock = threading.Lock()

    def next_message(self, n: int) -> tuple[str, bytes, dict]:
        """User n's next text, and the signed request that sends it."""
        with self.lock:
            k = self.cursor[n]
            self.cursor[n] += 1
        text = script_text(self.script, k)
        body, headers = W.signed_request(self.secret, W.text_event(self.ids[n], text))
        return text, body.encode(), headers


class Client:
    def __init__(self, host: str, port: int, path: str, timeout: float):
        self.host, self.port, self.path, self.timeout = host, port, path, timeout

    def post(self, body: bytes, headers: dict) -> int:
        """POST once (gunicorn's sync workers close each connection); the status, 0 = no answer."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request("POST", self.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            return 0
        finally:
            conn.close()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.failures: dict[str, int] = {}
        self.ok_by_text: dict[str, int] = {}

    def add(self, text: str, status: int, latency: float) -> None:
        with self.lock:
            if status == 200:
                self.latencies.append(latency)
                self.ok_by_text[text] = self.ok_by_text.get(text, 0) + 1
            else:
                self.failures[str(status)] = self.failures.get(str(status), 0) + 1

    def summary(self, elapsed: float) -> dict:
        return summarise(self.latencies, self.failures, self.ok_by_text, elapsed)


def closed_loop(client: Client, users: Users, total: int, concurrency: int, time_limit: float) -> dict:
    """`concurrency` clients, each owning every concurrency-th user and going round them."""
    tally, sent = Tally(), [0]
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def run(worker: int) -> None:
        mine = list(range(worker, len(users.ids), concurrency))
        turn = 0
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= total:
                    return
                sent[0] += 1
            n = mine[turn % len(mine)]
            turn += 1
            text, body, headers = users.next_message(n)
            start = time.perf_counter()
            status = client.post(body, headers)
            tally.add(text, status, time.perf_counter() - start)

    threads = [threading.Thread(target=run, args=(w,), daemon=True) for w in range(min(concurrency, len(users.ids)))]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + 35)
    return tally.summary(time.perf_counter() - began)


def open_loop(client: Client, users: Users, total: int, rate: float, time_limit: float) -> dict:
    """Requests started at `rate` per second; latency counted from when each was due."""
    tally = Tally()
    pool = ThreadPoolExecutor(max_workers=64)
    began = time.perf_counter()
    limit = began + time_limit

    def job(text: str, body: bytes, headers: dict, due: float) -> None:
        status = client.post(body, headers)
        tally.add(text, status, time.perf_counter() - due)

    futures = []
    for i in range(total):
        due = began + i / rate
        if due > limit:
            break
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        futures.append(pool.submit(job, *users.next_message(i % len(users.ids)), due))
    pool.shutdown(wait=True, cancel_futures=False)
    result = tally.summary(time.perf_counter() - began)
    result["rate"] = rate
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/callback")
    parser.add_argument("--secret", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--salt", default="officer")
    parser.add_argument("--script", required=True, help="texts separated by |")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--closed", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=6)
    parser.add_argument("--open", type=int, default=0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per phase at most")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request at most")
    args = parser.parse_args(argv)
    if args.host not in LOOPBACK:
        parser.error("the load generator only sends to loopback (127.0.0.1)")
    client = Client(args.host, args.port, args.path, args.timeout)
    users = Users(args.users, args.script.split("|"), args.secret, args.salt)
    result = {}
    if args.warmup:
        result["warmup"] = closed_loop(client, users, args.warmup, min(3, args.concurrency), args.time_limit)
    if args.closed:
        result["closed"] = closed_loop(client, users, args.closed, args.concurrency, args.time_limit)
    if args.open:
        result["open"] = open_loop(client, users, args.open, args.rate, args.time_limit)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
