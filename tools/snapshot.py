"""What the bot says and writes on the demo data at one fixed moment, as files to compare.

    python -m tools.snapshot OUT_DIR [--now 2026-11-25T10:00:00+07:00]

A change that must keep behaviour (a refactor) runs it before and after, then `diff -r` of the
two folders shows every reply, push, CLI output, dashboard page and export cell that moved.
It runs in one process: the demo data on a temporary SQLite file, the local fake LINE, the
clock stopped. Random tokens (sign-in links, chart links, CSRF fields, the binding code) are
masked, so two runs of the same code give the same files.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from bot import configure, create_app
from bot.clock import FixedClock
from bot.demo import demo_line_user_id, load_demo_data
from dashboard.access import start_session
from fakeline import webhooks as W
from fakeline.server import FakeLineServer
from models.org import Officer
from models.plan import Project

SECRET, TOKEN = "snapshot-channel-secret", "snapshot-access-token"
DEFAULT_NOW = "2026-11-25T10:00:00+07:00"

#: Each demo person's messages; "@label" taps the button whose label starts with it.
CONVERSATIONS = {
    "uthai.visit": [
        "สวัสดี",
        "ช่วยเหลือ",
        "รายงาน",
        "ยี่สิบห้า",
        "@ยืนยัน",
        "สถานะ",
        "แก้ไข",
        "ยกเลิก",
        "เตือนพรุ่งนี้",
        "กราฟ",
        "อะไรนะ",
    ],
    "uthai.contrib": ["รายงาน", "2", "3", "ผู้ประกันตนย้ายสถานประกอบการ", "@ยืนยัน", "@เลือกเดือนอื่น", "ยกเลิก", "สถานะ"],
    "uthai.train": ["รายงาน", "1", "๑๒", "@แก้ตัวเลข", "120", "@ยืนยัน", "ยกเลิก"],
    "uthai.head": ["สถานะ", "สถานะ ทั้งปี", "ส่งเตือน", "แดชบอร์ด", "กราฟ", "รายงาน"],
    "plan.chief": ["สถานะ", "สถานะ ไตรมาส", "สถานะ อุทัย", "แดชบอร์ด", "กราฟ", "ช่วยเหลือ"],
}
CLI_COMMANDS = [
    ["status", "--all"],
    ["status", "--all", "--format", "json"],
    ["status", "--all", "--format", "csv"],
    ["status", "--all", "--ytd", "2569", "--format", "json"],
    ["status", "--all", "--quarter", "2569-Q4"],
    ["status", "--unit", "อุทัยธานี"],
    ["export", "--year", "2569", "--format", "csv"],
    ["schedule", "--from", "2026-11-01", "--days", "40"],
    ["remind", "--now", "2026-12-03T09:00:00+07:00", "--dry-run"],
]
MASKS = [
    (re.compile(r"(/dashboard/(?:login|chart)/)[^\"'\s<>?]+"), r"\1<TOKEN>"),
    (re.compile(r"(name=\"(?:csrf|token)\" value=\")[^\"]+"), r"\1<TOKEN>"),
    (re.compile(r"\b\d{6}\b(?=\D*กิตติ)|(?<=code: )\d{6}"), "<CODE>"),
]


def masked(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


class Snapshot:
    def __init__(self, out: Path, now: datetime, workdir: Path, line: FakeLineServer):
        self.out, self.now, self.line = out, now, line
        self.app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": f"sqlite:///{workdir / 'snapshot.sqlite3'}",
                "LINE_CHANNEL_SECRET": SECRET,
                "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
                "LINE_API_BASE_URL": line.url,
                "CLOCK": FixedClock(now),
                "SECRET_KEY": "snapshot-secret-key",
                "MAX_MESSAGES_PER_MINUTE": 10_000,
                "PUBLIC_BASE_URL": "https://kpi.example.go.th",
            }
        )
        self.db = self.app.extensions["db"]
        self.data = load_demo_data(self.db, now)
        configure(self.app, GO_LIVE_MONTH=self.data.first_month.key())
        self.client = self.app.test_client()

    def write(self, name: str, text: str) -> None:
        (self.out / name).write_text(masked(text.replace(self.data.link_code, "<CODE>")), encoding="utf-8")

    # -- chat ---------------------------------------------------------------------------------
    def send(self, event: dict) -> list[dict]:
        body, headers = W.signed_request(SECRET, event)
        status = self.client.post("/callback", data=body.encode(), headers=headers).status_code
        token = event.get("replyToken")
        messages = [m for r in self.line.replies() if r.get("replyToken") == token for m in r["messages"]]
        return [{"status": status}, *messages]

    def converse(self, user_id: str, inputs: list[str]) -> str:
        transcript, last = [], []
        for typed in inputs:
            event = self._tap(user_id, typed[1:], last) if typed.startswith("@") else W.text_event(user_id, typed)
            if event is None:
                transcript.append({"in": typed, "out": "no such button"})
                continue
            last = self.send(event)
            transcript.append({"in": typed, "out": last})
        return as_json(transcript)

    @staticmethod
    def _tap(user_id: str, label: str, last: list[dict]) -> dict | None:
        for message in last[1:]:
            actions = [i["action"] for i in (message.get("quickReply") or {}).get("items", [])]
            footer = (message.get("contents") or {}).get("footer") or {}
            actions += [c["action"] for c in footer.get("contents", []) if c.get("type") == "button"]
            for action in actions:
                if action.get("label", "").startswith(label):
                    if action["type"] == "postback":
                        return W.postback_event(user_id, action["data"])
                    return W.text_event(user_id, action.get("text", action["label"]))
        return None

    def chats(self) -> None:
        for key, inputs in CONVERSATIONS.items():
            self.write(f"chat-{key}.json", self.converse(demo_line_user_id(key), inputs))
        newcomer = "U" + "9" * 32
        binding = [
            W.follow_event(newcomer),
            W.text_event(newcomer, "รายงาน"),
            W.text_event(newcomer, "123456"),
            W.text_event(newcomer, self.data.link_code),
            W.text_event(newcomer, "รายงาน"),
        ]
        self.write("chat-binding.json", as_json([self.send(e) for e in binding]))

    # -- CLI, dashboard, reminders ------------------------------------------------------------
    def cli(self) -> None:
        runner = self.app.test_cli_runner()
        for number, args in enumerate(CLI_COMMANDS, 1):
            result = runner.invoke(args=args)
            self.write(
                f"cli-{number:02d}-{args[0]}.txt",
                f"$ flask --app bot {' '.join(args)}\nexit {result.exit_code}\n{result.output}",
            )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.xlsx"
            runner.invoke(args=["export", "--year", "2569", "--format", "xlsx", "--out", str(path)])
            self.write("cli-export-xlsx.txt", workbook_text(path.read_bytes()))

    def dashboard(self) -> None:
        for key in ("plan.chief", "uthai.head"):
            client = self.app.test_client()
            with self.db.transaction() as session:
                officer = session.scalar(select(Officer).where(Officer.key == key))
                unit_ids = session.scalars(select(Project.unit_id).distinct().order_by(Project.unit_id)).all()
                with client.session_transaction() as cookie:
                    start_session(cookie, officer, self.now)
            pages = [
                "/dashboard/",
                "/dashboard/?scope=ytd",
                "/dashboard/export",
                "/dashboard/import",
                *[f"/dashboard/unit/{u}" for u in unit_ids[:3]],
            ]
            for number, page in enumerate(pages, 1):
                response = client.get(page)
                self.write(
                    f"page-{key}-{number:02d}.html",
                    f"GET {page}\n{response.status_code}\n" + response.get_data(as_text=True),
                )
            response = client.get("/dashboard/export.xlsx")
            self.write(
                f"page-{key}-export-xlsx.txt",
                f"{response.status_code}\n" + (workbook_text(response.data) if response.status_code == 200 else ""),
            )

    def reminders(self) -> None:
        self.line.clear()
        runner = self.app.test_cli_runner()
        result = runner.invoke(args=["remind", "--now", "2026-12-03T09:00:00+07:00"])
        pushes = [r for r in self.line.requests if "/message/" in r.path]
        self.write(
            "reminders.json",
            as_json(
                {
                    "output": result.output,
                    "sent": [{"path": r.path, "body": r.body, "problems": r.problems} for r in pushes],
                }
            ),
        )


def workbook_text(content: bytes) -> str:
    """Every cell of every sheet, with its type and number format: what a planner's Excel shows."""
    from openpyxl import load_workbook  # here: after bot has imported files/ (openpyxl's writer switch)

    workbook = load_workbook(io.BytesIO(content))
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"== {sheet.title}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(f"{cell.coordinate}\t{cell.data_type}\t{cell.number_format}\t{cell.value!r}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.snapshot", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--now", default=DEFAULT_NOW, help="the stopped clock (ISO, Asia/Bangkok offset)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, FakeLineServer(access_token=TOKEN) as line:
        snapshot = Snapshot(args.out, datetime.fromisoformat(args.now), Path(tmp), line)
        snapshot.chats()
        snapshot.cli()
        snapshot.dashboard()
        snapshot.reminders()
        problems = line.all_problems()
        snapshot.write("line-problems.json", as_json(problems))
        snapshot.db.dispose()
    print(f"{len(list(args.out.iterdir()))} files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
