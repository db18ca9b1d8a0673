"""The benchmarks still run (issue 7): `python -m bench` at toy size, every code path once.

Not a benchmark: nothing here looks at a time. It proves the bench's data, its gunicorn runs
of the bot and the echo bot, the load generator, the reminder round and the roll-up all
still work, on the database this test run uses (TEST_DATABASE_URL: PostgreSQL, else SQLite).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_bench_runs_every_measurement_at_toy_size(tmp_path):
    database = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "toy", "--databases", database, "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-4000:]
    assert "1. webhook" in run.stdout and "2. reminder round" in run.stdout and "3. roll-up" in run.stdout
    results = json.loads(out.read_text())
    assert results["errors"] == []

    echo, bot = results["webhook"]["echo"], results["webhook"][database]
    for result in (echo, bot):
        assert (
            sum(result[p]["ok"] for p in ("warmup", "closed", "open"))
            == sum(result[p]["count"] for p in ("warmup", "closed", "open"))
            > 0
        )
        assert result["workers"] >= 1 and result["worker_peak_rss_kb"] > 0
    # The conversation went through to confirmed values: one saved for each confirmation sent.
    assert bot["values_saved"] == bot["confirmed"] > 0
    assert "values saved of confirmed" in run.stdout
    assert bot["line"]["by_endpoint"]["POST /v2/bot/message/reply"] == bot["line"]["requests"]

    round_ = results["reminders"][database]
    assert round_["enqueued"] == round_["officers_pending"] > 0
    assert round_["line"]["usage"] == round_["officers_pending"] and round_["line"]["problems"] == 0

    rollup = results["rollup"][database]
    assert rollup["month"]["size"]["units"] == rollup["data"]["units"] - 1  # all but the planners' unit
    assert rollup["export"]["size"]["rows"] == rollup["data"]["indicators"]
    assert rollup["chat"]["statuses"] == [200] and rollup["chat"]["replies"] == 1
    for key in ("month_as_values_arrive", "ytd_as_values_arrive"):
        assert rollup[key]["units_rated"] > 0 and rollup[key]["size"]["units"] == rollup["month"]["size"]["units"]


def test_the_webhook_cost_is_counted():
    """bench.webhook_cost: every event answered, and its SQL statements counted (a handful each)."""
    run = subprocess.run(
        [sys.executable, "-m", "bench.webhook_cost", "--officers", "3", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    result = json.loads(run.stdout)
    assert result["events"] == 9 and 3 <= result["statements_per_event"] <= 20


def test_the_report_bench_runs_at_toy_size():
    """`python -m bench.report` (the evaluation report at national scale) at 2 units: each
    format made in its own process, with its statements counted and its peak RSS."""
    database = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    run = subprocess.run(
        [sys.executable, "-m", "bench.report", "--units", "2", "--databases", database],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-4000:]
    results = json.loads(run.stdout)
    assert [r["format"] for r in results["runs"]] == ["json", "xlsx", "docx"]
    for result in results["runs"]:
        assert result["projects"] == 20 and result["indicators"] == 100 and result["bytes"] > 0
        # indicators, targets, values, structure; the projects' budgets (projects, lines,
        # budget_baht, disbursements: issue 13)
        assert result["queries"] == 8 and result["peak_rss_kb"] > 0
