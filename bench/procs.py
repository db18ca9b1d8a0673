"""Processes of a bench run: the fake LINE, gunicorn as the Procfile runs it, peak memory.

Everything listens on 127.0.0.1 only; every process started here is stopped here, by its pid.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROCFILE = ROOT / "Procfile"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_kb(pid: int) -> int | None:
    """The process's peak resident set so far (VmHWM), in kB; None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid …: comm may hold spaces, so split after its closing bracket
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPIBOT_", "REMINDER_"))}
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


# ------------------------------------------------------------------------------------------------
# The fake LINE platform


class FakeLine:
    """`python -m bench.fake_line` in its own process."""

    def __init__(self, validate: bool = False, quota: int = 1_000_000):
        args = [sys.executable, "-m", "bench.fake_line", "--quota", str(quota)] + (["--validate"] if validate else [])
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        first = self.proc.stdout.readline().split()
        if len(first) != 2 or first[0] != "URL":
            self.stop()
            raise RuntimeError("the fake LINE server did not start")
        self.url = first[1]

    def _ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stats(self) -> dict:
        return self._ask("stats")

    def clear(self) -> None:
        self._ask("clear")

    def cpu_s(self) -> float:
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> FakeLine:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# ------------------------------------------------------------------------------------------------
# gunicorn, as the Procfile's web process


def procfile_web() -> list[str]:
    """The Procfile's `web:` command, split into words."""
    for line in PROCFILE.read_text().splitlines():
        if line.startswith("web:"):
            return shlex.split(line[len("web:") :])
    raise RuntimeError("Procfile has no web: process")


def gunicorn_command(port: int, app_spec: str | None = None) -> tuple[list[str], int]:
    """The Procfile's web command with its options unchanged, bound to 127.0.0.1:port, run with
    this interpreter's gunicorn; `app_spec` replaces the app (the echo bot). Also the worker count."""
    words = procfile_web()
    if words[0] != "gunicorn":
        raise RuntimeError(f"the Procfile's web process is not gunicorn: {words[0]}")
    out, workers, i = [], 1, 1
    while i < len(words):
        word = words[i]
        if word in ("--bind", "-b"):
            out += [word, f"127.0.0.1:{port}"]
            i += 2
            continue
        if word.startswith("--bind="):
            out.append(f"--bind=127.0.0.1:{port}")
        elif word in ("--workers", "-w"):
            workers = int(words[i + 1])
            out += [word, words[i + 1]]
            i += 2
            continue
        elif word.startswith("--workers="):
            workers = int(word.split("=", 1)[1])
            out.append(word)
        elif ":" in word and not word.startswith("-") and app_spec is not None:
            out.append(app_spec)
        else:
            out.append(word)
        i += 1
    if app_spec is not None:  # gunicorn.conf.py warms the bot up; the echo bot has its own
        out = ["--config", str(ROOT / "bench" / "echo_gunicorn.conf.py"), *out]
    return [sys.executable, "-m", "gunicorn", *out], workers


@dataclass
class Gunicorn:
    """gunicorn started from the Procfile's command, stopped (SIGTERM, then SIGKILL) on exit."""

    env: dict
    app_spec: str | None = None
    log_path: Path | None = None

    def __enter__(self) -> Gunicorn:
        self.port = free_port()
        command, self.workers = gunicorn_command(self.port, self.app_spec)
        self.command = command
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(command, cwd=ROOT, env=_env(**self.env), stdout=log, stderr=log)
        if self.log_path:
            log.close()
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}: {self._log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s: {self._log_tail()}")

    def _log_tail(self) -> str:
        if self.log_path and self.log_path.exists():
            return self.log_path.read_text(errors="replace")[-2000:]
        return ""

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid)

    def worker_cpu_s(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.worker_pids())

    def worker_peak_rss_kb(self) -> int | None:
        peaks = [p for p in (peak_rss_kb(pid) for pid in self.worker_pids()) if p]
        return max(peaks) if peaks else None

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run_json(module: str, args: list[str], env: dict | None = None, timeout: float = 1800) -> tuple[dict, int | None]:
    """Run `python -m module args` and parse the JSON it prints last; also its peak RSS (kB)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=_env(**(env or {})),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RuntimeError(f"{module} ran longer than {timeout:.0f} s") from None
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{module} failed ({proc.returncode}): {err[-3000:]}")
    result = json.loads(lines[-1])
    return result, result.get("peak_rss_kb")
