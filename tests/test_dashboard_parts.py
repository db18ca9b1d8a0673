"""The dashboard's pure parts: chart layout, SVG and PNG drawing, signed chart tokens, and the
plan check that lists every row error."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import BANGKOK
from dashboard import access
from dashboard import charts as C
from files.plan_file import check_plan_file, read_plan_file
from tests.test_plan_import import UTHAI_CSV

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)


def test_ticks_are_round_and_cover_the_data():
    assert C.nice_ticks(0, 97) == [0, 20, 40, 60, 80, 100]
    assert C.nice_ticks(0, 12, whole=True) == [0, 5, 10, 15]
    assert C.nice_ticks(0, 2, whole=True) == [0, 1, 2]
    assert C.nice_ticks(-3, 5)[0] < -2.9


def test_svg_escapes_text_and_png_draws_thai():
    chart = C.Chart("ร้อยละ <b>&", ["ม.ค.", "ก.พ."], [C.Series("ผล", [1, None])])
    svg = C.to_svg(C.layout(chart))
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    png = C.to_png(C.layout(chart), scale=0.5)
    assert png.startswith(b"\x89PNG")


def test_chart_tokens_read_back_and_resist_tampering():
    now = NOW
    for officer_id in range(1, 60):
        token = access.chart_token("s3cret", officer_id, 2569, now)
        assert access.read_chart_token("s3cret", token, now) == (officer_id, 2569)
        assert access.read_chart_token("other", token, now) is None
        assert access.read_chart_token("s3cret", token, now + timedelta(days=7)) is None
    assert access.read_chart_token("s3cret", "1-2569-99999999999-", now) is None
    assert access.read_chart_token("", access.chart_token("", 1, 2569, now), now) is None


def test_png_uses_a_thai_font_with_shaping():
    from PIL import features

    path = C.font_path()
    assert path.endswith((".ttf", ".otf")) and ("tlwg" in path or "noto" in path.lower())
    assert features.check("raqm"), "Pillow without libraqm cannot place Thai vowels and tone marks"


def test_grid_places_scenes_side_by_side():
    one = C.layout(C.Chart("ก", ["ม.ค."], [C.Series("ผล", [1])]), 300, 200)
    picture = C.grid([one, one, one], 2, "หัวเรื่อง", "รอง")
    assert (picture.width, picture.height) == (600, 34 + 20 + 400)
    assert sum(1 for i in picture.items if isinstance(i, C.Text) and i.text == "ก") == 3


def write_plan(tmp_path, edit) -> str:
    lines = UTHAI_CSV.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    edit(header, rows)
    path = tmp_path / "plan.csv"
    path.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]), encoding="utf-8")
    return path


def test_check_plan_file_lists_every_row_error(tmp_path):
    def spoil(header, rows):
        rows[0][header.index("m03")] = "สิบ"
        rows[3][header.index("indicator_no")] = "x"
        rows[4] = rows[2][:]  # a duplicate of line 4

    plan, errors = check_plan_file(write_plan(tmp_path, spoil))
    assert plan is None
    assert [e.line_no for e in errors] == [2, 5, 6]
    assert "ไม่ใช่ตัวเลข" in errors[0].reason and "จำนวนเต็ม" in errors[1].reason and "ซ้ำกับบรรทัด 4" in errors[2].reason


def test_check_plan_file_agrees_with_read_plan_file(tmp_path):
    plan, errors = check_plan_file(UTHAI_CSV, 2570)
    assert errors == [] and plan.rows == read_plan_file(UTHAI_CSV, 2570).rows
    assert plan.warnings == read_plan_file(UTHAI_CSV, 2570).warnings
    empty = tmp_path / "empty.csv"
    empty.write_text("unit,year_be\n", encoding="utf-8")
    plan, errors = check_plan_file(empty)
    assert plan is None and len(errors) == 1 and "ไม่มีคอลัมน์ที่จำเป็น" in errors[0].reason
