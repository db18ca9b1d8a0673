"""`flask --app bot remind` and `schedule`, the scheduler process's jobs and start-up catch-up,
and what the reminder code logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from scheduler.jobs import DRAIN_JOB_ID, PURGE_JOB_ID, catch_up, install_jobs

from .reminder_helpers import CONTRIB, HEAD, VISIT, at, demo, rapp, run, sent_texts

__all__ = ["rapp"]
ROOT = Path(__file__).resolve().parent.parent


def remind(rapp, *args):
    result = rapp.test_cli_runner().invoke(args=["remind", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_remind_dry_run_prints_who_would_get_what_and_sends_nothing(rapp, clock, line):
    demo(rapp, clock)
    out = remind(rapp, "--now", "2026-11-01T09:00", "--dry-run")
    assert out.splitlines() == [
        "[ทดลอง ไม่ส่งจริง] รอบเตือน: รอบเปิดรับผล (open) ผลเดือนตุลาคม 2569 — วันอาทิตย์ที่ 1 พฤศจิกายน 2569 09:00",
        "  • สมชาย ใจดี — เตือน P01/1 [จะส่ง]",
        "  • วันเพ็ญ ศรีสุข — เตือน P07/1, P07/2, P07/3, P07/4, P07/5, P07/6 [จะส่ง]",
        "  • กิตติ พากเพียร — เตือน P04/1, P04/2, P06/1 [ข้าม: ยังไม่ได้ผูกบัญชี LINE]",
    ]
    assert line.requests == []


def test_remind_at_a_round_time_sends_once_and_again_sends_nothing(rapp, clock, line):
    demo(rapp, clock)
    first = remind(rapp, "--now", "2026-11-06T09:00")
    assert "รอบเตือน: รอบเลยกำหนด (overdue) ผลเดือนตุลาคม 2569" in first
    assert "  • อัญชลี หัวหน้างาน — สรุปถึงหัวหน้า สมชาย ใจดี 1; วันเพ็ญ ศรีสุข 6; กิตติ พากเพียร 3 [เข้าคิว]" in first
    assert "ส่งแล้ว 3 รายการ (3 push, 0 multicast, 3 คำขอ) โควตาคงเหลือก่อนส่ง 500 ข้อความ" in first
    second = remind(rapp, "--now", "2026-11-06T09:20")
    assert "[มีในคิวแล้ว: ส่งแล้ว]" in second and "ส่งแล้ว 0 รายการ" in second
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1, HEAD: 1}
    dry = remind(rapp, "--now", "2026-11-06T09:30", "--dry-run")
    assert "[จะส่ง]" not in dry


def test_remind_between_rounds_says_when_the_next_one_is(rapp, clock, line):
    demo(rapp, clock)
    out = remind(rapp, "--now", "2569-11-02T09:00")  # a Buddhist-Era year is understood too
    assert out.splitlines()[:2] == [
        "ไม่มีรอบเตือนที่ถึงกำหนด ณ วันจันทร์ที่ 2 พฤศจิกายน 2569 09:00",
        "รอบถัดไป: รอบเตือนก่อนกำหนด (day3) ผลเดือนตุลาคม 2569 — วันอังคารที่ 3 พฤศจิกายน 2569 09:00",
    ]
    stale = remind(rapp, "--now", "2026-11-03T11:30")  # past the 2-hour grace of the 09:00 round
    assert stale.startswith("ไม่มีรอบเตือนที่ถึงกำหนด") and line.pushes() == []
    bad = rapp.test_cli_runner().invoke(args=["remind", "--now", "tomorrow"])
    assert bad.exit_code != 0 and "ไม่ใช่วันเวลาแบบ ISO" in bad.output


def test_schedule_lists_the_rounds_in_thai_dates(rapp, clock):
    result = rapp.test_cli_runner().invoke(args=["schedule", "--from", "2026-12-01", "--days", "10"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "รอบเตือน 1 ธันวาคม 2569 ถึง 10 ธันวาคม 2569: 4 รอบ",
        "  วันอังคารที่ 1 ธันวาคม 2569 09:00  รอบเปิดรับผล  ผลเดือนพฤศจิกายน 2569 (กำหนดส่ง 5 ธันวาคม 2569)",
        "  วันพฤหัสบดีที่ 3 ธันวาคม 2569 09:00  รอบเตือนก่อนกำหนด  ผลเดือนพฤศจิกายน 2569 (กำหนดส่ง 5 ธันวาคม 2569)",
        "  วันศุกร์ที่ 4 ธันวาคม 2569 08:30  รอบวันครบกำหนด  ผลเดือนพฤศจิกายน 2569 (กำหนดส่ง 5 ธันวาคม 2569)",
        "  วันอาทิตย์ที่ 6 ธันวาคม 2569 09:00  รอบเลยกำหนด  ผลเดือนพฤศจิกายน 2569 (กำหนดส่ง 5 ธันวาคม 2569) + สรุปถึงหัวหน้าหน่วยงาน",
    ]
    clock.set(at(2026, 11, 25, 10, 0))
    default = rapp.test_cli_runner().invoke(args=["schedule"])
    assert default.output.startswith("รอบเตือน 25 พฤศจิกายน 2569 ถึง 23 มกราคม 2570: 8 รอบ")


def test_rounds_come_from_configuration(make_app, clock):
    app = make_app(REMINDER_ROUNDS='[{"name": "only", "day": 2, "time": "14:00", "urgency": "reminder"}]')
    result = app.test_cli_runner().invoke(args=["schedule", "--from", "2026-11-01", "--days", "30"])
    assert result.output.splitlines()[1:] == [
        "  วันจันทร์ที่ 2 พฤศจิกายน 2569 14:00  รอบเตือนก่อนกำหนด  ผลเดือนตุลาคม 2569 (กำหนดส่ง 5 พฤศจิกายน 2569)"
    ]


def test_scheduler_jobs_have_fixed_ids_bangkok_triggers_grace_and_coalesce(rapp):
    scheduler = BackgroundScheduler(timezone="Asia/Bangkok")
    scheduler.start(paused=True)
    try:
        install_jobs(scheduler, rapp)
        install_jobs(scheduler, rapp)  # again: replaced, not duplicated
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert sorted(jobs) == [PURGE_JOB_ID, DRAIN_JOB_ID, "reminder-round-0830", "reminder-round-0900"]
        round_job = jobs["reminder-round-0830"]
        assert isinstance(round_job.trigger, CronTrigger) and str(round_job.trigger.timezone) == "Asia/Bangkok"
        assert round_job.misfire_grace_time == 7200 and round_job.coalesce and round_job.max_instances == 1
        fire = round_job.trigger.get_next_fire_time(None, at(2026, 11, 4, 12, 0))
        assert fire == at(2026, 11, 5, 8, 30)
        assert jobs[DRAIN_JOB_ID].trigger.interval.total_seconds() == 60
    finally:
        scheduler.shutdown(wait=False)


def test_a_scheduler_back_within_the_grace_sends_the_missed_round_once_never_a_stale_one(rapp, clock, line):
    demo(rapp, clock)
    clock.set(at(2026, 11, 3, 9, 40))  # down at 09:00, back at 09:40
    assert catch_up(rapp).delivery.sent == 2
    clock.set(at(2026, 11, 3, 9, 50))  # restarted again
    assert catch_up(rapp).delivery.sent == 0
    clock.set(at(2026, 11, 5, 11, 0))  # down through the 08:30 round and its grace
    assert catch_up(rapp).round is None
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}


def test_python_m_scheduler_lists_its_jobs(tmp_path, line):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "LINE_API_BASE_URL": line.url,
        "LINE_CHANNEL_ACCESS_TOKEN": "test-access-token",
        "LINE_CHANNEL_SECRET": "test-channel-secret",
    }
    result = subprocess.run(
        [sys.executable, "-m", "scheduler", "--jobs"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert [line_.split("\t")[0] for line_ in result.stdout.splitlines()] == [
        "reminder-round-0830",
        "reminder-round-0900",
        DRAIN_JOB_ID,
        PURGE_JOB_ID,
    ]
    assert (ROOT / "Procfile").read_text().count("scheduler: python -m scheduler") == 1


def test_logs_hold_no_user_ids_message_texts_or_tokens(rapp, clock, line, caplog, chat_with):
    demo(rapp, clock)
    caplog.set_level(logging.DEBUG)
    line.inject("/v2/bot/message/push", 500, times=2)
    line.inject("/v2/bot/message/push", 400, times=1, body={"message": "Failed to send messages"})
    clock.set(at(2026, 11, 6, 8, 0))
    chat_with(HEAD).say("ส่งเตือน")
    run(rapp, clock, at(2026, 11, 6, 9, 0))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "push failed: HTTP 500" in logged and "outbox:" in logged
    for secret in (VISIT, CONTRIB, HEAD, "test-access-token", "ผลเดือน", "สมชาย", "P01/1"):
        assert secret not in logged


def test_the_demo_runs_the_jobs_in_process_so_a_nudge_arrives_by_itself(make_app, clock, line, chat_with):
    from scheduler.jobs import start_in_background

    app = make_app(REMINDER_DRAIN_SECONDS=1)
    demo(app, clock, at(2026, 11, 25, 10, 0))
    scheduler = start_in_background(app)
    try:
        chat_with(HEAD).say("ส่งเตือน")
        line.wait_for(2, "/v2/bot/message/push", timeout=10)
    finally:
        scheduler.shutdown(wait=False)
    assert {u: len(t) for u, t in sent_texts(line).items()} == {VISIT: 1, CONTRIB: 1}
