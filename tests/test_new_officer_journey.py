"""The issue's "done means", as a new user would: bind with a code, report three Uthai Thani
indicators typed three different ways, and find exactly those values in `export`."""

from __future__ import annotations

import csv
import io

from bot.demo import load_demo_data

UTHAI = "สำนักงานประกันสังคมจังหวัดอุทัยธานี"


def test_new_officer_binds_reports_three_values_and_export_shows_them(app, db, clock, chat_with, line):
    demo = load_demo_data(db, clock.now())
    chat = chat_with()
    assert "รหัส 6 หลัก" in chat.follow()[0]["text"]
    assert "กิตติ พากเพียร" in chat.say(demo.link_code)[0]["text"]

    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 3 ตัวชี้วัด" in chat.texts()
    chat.press("1. ")
    chat.say("๑๐๐ คน")  # Thai digits with the unit
    chat.press("ยืนยัน")
    chat.press("2. ")
    chat.say("สองรุ่นค่ะ")  # Thai words, unit and a polite ending
    chat.press("ยืนยัน")
    assert "เป้าหมายเดือนตุลาคม 2569: 200 คน" in chat.texts()  # the last one comes straight up
    chat.say("1,180")  # thousands comma, far above the target
    chat.press("ถูกต้อง")
    chat.press("ยืนยัน")
    assert "ส่งผลเดือนตุลาคม 2569 ครบทุกตัวชี้วัดแล้ว" in chat.texts()

    result = app.test_cli_runner().invoke(args=["export", "--year", "2569", "--unit", UTHAI])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    reported = {
        (r["project_code"], r["indicator_no"]): {k: v for k, v in r.items() if k.startswith("value_m") and v}
        for r in rows
    }
    assert {k: v for k, v in reported.items() if v} == {
        ("P04", "1"): {"value_m10": "100"},
        ("P04", "2"): {"value_m10": "2"},
        ("P06", "1"): {"value_m10": "1180"},
    }
    late = {r["on_time_m10"] for r in rows if r["value_m10"]}
    assert late == {"ล่าช้า"}  # reported on 25 November, after the 5th
    assert line.all_problems() == []
