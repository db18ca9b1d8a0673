"""`flask --app bot remind` and `flask --app bot schedule`: the reminder rounds by hand.

Output names officers by display name only (never LINE user ids or message bodies).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from kpi.periods import BANGKOK, BE_OFFSET, thai_date
from kpi.reminders import Kind
from kpi.rounds import ScheduledRound, rounds_between, thai_datetime
from reminders import compose as C
from reminders.delivery import DeliveryReport
from reminders.service import Reminders, RoundOutcome

SKIP_TH = {
    "unbound": "ยังไม่ได้ผูกบัญชี LINE",
    "blocked": "บล็อกบอทอยู่",
    "snoozed": "ขอเลื่อน (เตือนพรุ่งนี้)",
    "reported": "ส่งครบแล้ว",
    "quota": "โควตาข้อความไม่พอ",
    "stale": "เลยเวลาส่ง",
    "inactive": "ระงับการใช้งานแล้ว",
}
KIND_TH = {
    Kind.REMINDER.value: "เตือน",
    Kind.DIGEST.value: "สรุปถึงหัวหน้า",
    Kind.NUDGE.value: "ส่งเตือน",
    Kind.QUOTA_NOTICE.value: "แจ้งโควตา",
}
STATUS_TH = {"pending": "รอส่ง", "claimed": "กำลังส่ง", "sent": "ส่งแล้ว", "skipped": "ข้าม", "failed": "ส่งไม่สำเร็จ"}


def parse_moment(text: str) -> datetime:
    """ISO date-time; without an offset it is Bangkok time; a Buddhist-Era year (2569) is accepted."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"'{text}' ไม่ใช่วันเวลาแบบ ISO เช่น 2026-11-03T09:00") from None
    if value.year > 2400:
        value = value.replace(year=value.year - BE_OFFSET)
    return value.replace(tzinfo=BANGKOK) if value.tzinfo is None else value.astimezone(BANGKOK)


def round_title(rnd: ScheduledRound) -> str:
    return (
        f"{C.round_label(rnd.name, rnd.urgency.value)} ({rnd.name}) ผลเดือน{rnd.period.thai()} — {thai_datetime(rnd.at)}"
    )


def _codes(pending, older=(), budgets=()) -> str:
    codes = ", ".join([i.code for i in pending] + [f"เบิกจ่าย {b.project_code}" for b in budgets])
    if older:
        codes += ("; " if codes else "") + "ค้าง " + C.RM.older_months(older, year=False)
    return codes


def outcome_lines(outcome: RoundOutcome, dry_run: bool) -> list[str]:
    lines = []
    for p in outcome.planned:
        person = outcome.people.get(p.officer_id)
        name = person.display_name if person else f"#{p.officer_id}"
        what = (
            _codes(p.pending, p.older, p.budgets)
            if p.kind != Kind.DIGEST
            else "; ".join(
                m.display_name
                + (f" {len(m.pending) + len(m.budgets)}" if m.owes_period else "")
                + (f" (ค้าง {C.RM.older_months(m.older, year=False)})" if m.older else "")
                for m in p.missing
            )
        )
        existing = outcome.existing.get((p.officer_id, p.kind.value))
        if existing:
            status, reason = existing
            state = f"มีในคิวแล้ว: {STATUS_TH.get(status, status)}"
            if status == "skipped" and reason:
                state += f" ({SKIP_TH.get(reason, reason)})"
        elif p.skip:
            state = f"ข้าม: {SKIP_TH.get(p.skip.value, p.skip.value)}"
        else:
            state = "จะส่ง" if dry_run else "เข้าคิว"
        lines.append(f"  • {name} — {KIND_TH[p.kind.value]} {what} [{state}]")
    return lines


def report_lines(report: DeliveryReport) -> list[str]:
    line = f"ส่งแล้ว {report.sent} รายการ ({report.pushes} push, {report.multicasts} multicast, {report.requests} คำขอ)"
    if report.quota_remaining is not None:
        line += f" โควตาคงเหลือก่อนส่ง {report.quota_remaining} ข้อความ"
    lines = [line]
    if report.skipped:
        lines.append("ข้าม: " + ", ".join(f"{SKIP_TH.get(k, k)} {n}" for k, n in sorted(report.skipped.items())))
    if report.failed:
        lines.append("ส่งไม่สำเร็จ: " + ", ".join(f"{k} ({n})" for k, n in sorted(report.failed.items())))
    if report.waiting:
        lines.append(f"รอส่งใหม่รอบถัดไป: {report.waiting}")
    if report.notices:
        lines.append(f"แจ้งกองนโยบายและแผนงานเรื่องโควตา: {report.notices}")
    return lines


@click.command("remind")
@click.option(
    "--now",
    "now_text",
    metavar="ISO_DATETIME",
    help="the moment to act at, e.g. 2026-11-03T09:00 (Bangkok); default: now",
)
@click.option("--dry-run", is_flag=True, help="print who would get what; write and send nothing")
@with_appcontext
def remind_command(now_text: str | None, dry_run: bool) -> None:
    """Run the reminder round due at that moment (idempotent), then send what waits in the outbox."""
    now = parse_moment(now_text) if now_text else current_app.extensions["clock"].now()
    service = Reminders.of(current_app)
    outcome = service.run_due(now, dry_run=dry_run)
    if outcome.round is None:
        click.echo(f"ไม่มีรอบเตือนที่ถึงกำหนด ณ {thai_datetime(now)}")
        upcoming = rounds_between(
            now, now + timedelta(days=62), service.settings.rounds, service.settings.calendar(now)
        )
        if upcoming:
            click.echo(f"รอบถัดไป: {round_title(upcoming[0])}")
    else:
        click.echo(("[ทดลอง ไม่ส่งจริง] " if dry_run else "") + "รอบเตือน: " + round_title(outcome.round))
        if not outcome.planned:
            click.echo("  ทุกคนส่งผลครบแล้ว ไม่มีใครต้องเตือน")
        for line in outcome_lines(outcome, dry_run):
            click.echo(line)
    if not dry_run:
        for line in report_lines(outcome.delivery):
            click.echo(line)


@click.command("schedule")
@click.option("--from", "start_text", metavar="DATE", help="first day, e.g. 2026-11-01 (default: today)")
@click.option("--days", default=60, show_default=True, help="how many days to list")
@with_appcontext
def schedule_command(start_text: str | None, days: int) -> None:
    """The upcoming reminder rounds, in Thai dates (Buddhist Era)."""
    service = Reminders.of(current_app)
    if start_text:
        start = parse_moment(start_text if "T" in start_text else start_text + "T00:00")
    else:
        today = current_app.extensions["clock"].now().astimezone(BANGKOK).date()
        start = datetime.combine(today, time(0), BANGKOK)
    end = start + timedelta(days=days)
    rounds = rounds_between(start, end, service.settings.rounds, service.settings.calendar(start))
    click.echo(f"รอบเตือน {thai_date(start.date())} ถึง {thai_date((end - timedelta(days=1)).date())}: {len(rounds)} รอบ")
    for rnd in rounds:
        extra = " + สรุปถึงหัวหน้าหน่วยงาน" if rnd.digest else ""
        click.echo(
            f"  {thai_datetime(rnd.at)}  {C.round_label(rnd.name, rnd.urgency.value)}"
            f"  ผลเดือน{rnd.period.thai()} (กำหนดส่ง {thai_date(rnd.period.due_date())}){extra}"
        )


def register(app) -> None:
    app.cli.add_command(remind_command)
    app.cli.add_command(schedule_command)
