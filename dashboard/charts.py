"""Charts drawn once as a scene of shapes, then written as inline SVG (web pages) or PNG (chat).

(Longer than our ~400 lines on purpose: the layout and its two writers share the scene's shape
types and must change together, or the SVG and the PNG of one chart would differ.)

Pure: a chart is described by a `Chart` (categories, bar and line series, a left and an
optional right axis), laid out into a `Scene` of rectangles, lines, dots and texts, and the
scene is written by `to_svg` (no fonts needed: the browser draws the Thai text) or `to_png`
(Pillow with a Thai TrueType font and libraqm shaping, drawn at twice the size and scaled
down for smooth lines). Several scenes can be stacked into one picture with `grid`.
"""

from __future__ import annotations

import io
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path

from presentation.formatting import format_number
from presentation.levels import GREEN, RED, YELLOW  # noqa: F401  (C.GREEN … in dashboard.data)

# -- colours (the level colours are those of the chat status cards) ---------------------------
GREY = "#9AA3AD"
TARGET = "#B8C4D0"
RESULT = "#0B5394"
CUMULATIVE = "#E67E22"
INK = "#1F2933"
MUTED = "#5F6B7A"
GRID = "#E3E8EE"
BACKGROUND = "#FFFFFF"

#: Thai fonts tried in order for PNGs (Debian: fonts-thai-tlwg, fonts-noto-core).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/opentype/tlwg/Garuda.otf",
)
BOLD_CANDIDATES = (
    "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
    "/usr/share/fonts/opentype/tlwg/Garuda-Bold.otf",
)
SVG_FONTS = "Garuda, 'Noto Sans Thai', Loma, 'Leelawadee UI', Tahoma, sans-serif"

Number = Decimal | float | int


# -- what a chart shows -----------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]  # one per category; None = not drawn
    kind: str = "bar"  # bar | line
    color: str = RESULT
    axis: str = "left"  # left | right
    dashed: bool = False
    colors: Sequence[str] | None = None  # bars: a colour per category
    stack: str | None = None  # bars of the same stack are piled up
    labels: bool = False  # print each bar's value above it


@dataclass(frozen=True)
class Chart:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    subtitle: str = ""
    left_label: str = ""
    right_label: str = ""
    reference: Number | None = None  # a dashed horizontal line on the left axis (e.g. 100 %)
    reference_label: str = ""
    note: str = ""
    legend: bool = True
    whole: bool = False  # counts of things: whole-number ticks on the left axis


# -- the scene --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    color: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 12
    color: str = INK
    anchor: str = "start"  # start | middle | end; y is the middle of the line
    bold: bool = False


@dataclass
class Scene:
    width: float
    height: float
    items: list = field(default_factory=list)
    title: str = ""

    def add(self, *items) -> None:
        self.items.extend(items)


def _num(value: Number | None) -> float | None:
    return None if value is None else float(value)


def nice_ticks(low: float, high: float, count: int = 5, whole: bool = False) -> list[float]:
    """Round axis ticks (1, 2, 2.5, 5 × 10ⁿ; whole numbers only when `whole`) from 0 (or
    below) to at least `high`."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        high = low + 1
    raw = (high - low) / count
    if whole:
        raw = max(raw, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        if value >= high:
            break
        value += step
    return ticks


def tick_label(value: float) -> str:
    if abs(value) >= 1_000_000:
        return format_number(Decimal(str(round(value / 1_000_000, 2))), True) + " ล."
    return format_number(Decimal(str(round(value, 4))), True)


def _axis_range(series: Sequence[Series], axis: str, extra: Sequence[float] = ()) -> tuple[float, float] | None:
    values: list[float] = list(extra)
    stacks: dict[tuple[str, int], float] = {}
    used = False
    for s in series:
        if s.axis != axis:
            continue
        used = True
        for i, v in enumerate(s.values):
            f = _num(v)
            if f is None:
                continue
            if s.kind == "bar" and s.stack:
                stacks[(s.stack, i)] = stacks.get((s.stack, i), 0.0) + f
            else:
                values.append(f)
    if not used:
        return None
    values.extend(stacks.values())
    return (min(values, default=0.0), max(values, default=1.0))


def layout(chart: Chart, width: float = 560, height: float = 300) -> Scene:
    """Place the chart's title, axes, bars, lines and legend in a width × height scene."""
    scene = Scene(width, height, title=chart.title)
    scene.add(Rect(0, 0, width, height, BACKGROUND))
    top = 12.0
    scene.add(Text(12, top + 8, chart.title, 14, INK, bold=True))
    top += 22
    if chart.subtitle:
        scene.add(Text(12, top + 6, chart.subtitle, 11, MUTED))
        top += 18
    legend_items = [s for s in chart.series if chart.legend]
    if chart.reference is not None and chart.reference_label:
        legend_items = legend_items + [Series(chart.reference_label, (), "line", RED, dashed=True)]
    legend_h = 20 if legend_items else 0
    bottom = height - 26 - legend_h - (16 if chart.note else 0)

    right_range = _axis_range(chart.series, "right")
    extra = [float(chart.reference)] if chart.reference is not None else []
    left_range = _axis_range(chart.series, "left", extra) or (0.0, 1.0)
    left_ticks = nice_ticks(*left_range, whole=chart.whole)
    right_ticks = nice_ticks(*right_range) if right_range else None

    left_w = 12 + 7 * max(len(tick_label(t)) for t in left_ticks)
    right_w = (12 + 7 * max(len(tick_label(t)) for t in right_ticks)) if right_ticks else 14
    x0, x1 = 12 + left_w, width - right_w
    y0, y1 = top + 14, bottom  # plot area: y0 (top) … y1 (bottom)
    if chart.left_label:
        scene.add(Text(12, top + 4, chart.left_label, 10, MUTED))
    if right_ticks and chart.right_label:
        scene.add(Text(x1 + 4, top + 4, chart.right_label, 10, MUTED))

    def scale(ticks: list[float]):
        lo, hi = ticks[0], ticks[-1]
        return lambda v: y1 - (v - lo) / (hi - lo) * (y1 - y0)

    ly = scale(left_ticks)
    ry = scale(right_ticks) if right_ticks else ly
    for t in left_ticks:
        y = ly(t)
        scene.add(Line(((x0, y), (x1, y)), GRID if t else "#AAB4BF", 1))
        scene.add(Text(x0 - 6, y, tick_label(t), 10, MUTED, "end"))
    if right_ticks:
        for t in right_ticks:
            scene.add(Text(x1 + 6, ry(t), tick_label(t), 10, CUMULATIVE))

    n = max(len(chart.categories), 1)
    band = (x1 - x0) / n
    bar_groups: list[str] = []
    for s in chart.series:
        if s.kind == "bar":
            key = s.stack or f"#{id(s)}"
            if key not in bar_groups:
                bar_groups.append(key)
    group_w = band * 0.74
    bar_w = group_w / max(len(bar_groups), 1)
    stacked: dict[tuple[str, int], float] = {}
    for s in chart.series:
        if s.kind != "bar":
            continue
        key = s.stack or f"#{id(s)}"
        g = bar_groups.index(key)
        y_of = ry if s.axis == "right" else ly
        for i, v in enumerate(s.values):
            f = _num(v)
            if f is None or i >= n:
                continue
            base = stacked.get((key, i), 0.0)
            top_v = base + f
            stacked[(key, i)] = top_v
            bx = x0 + band * i + (band - group_w) / 2 + bar_w * g
            ya, yb = y_of(max(base, top_v)), y_of(min(base, top_v))
            color = s.colors[i] if s.colors and i < len(s.colors) else s.color
            scene.add(Rect(bx + 0.5, ya, max(bar_w - 1, 1), max(yb - ya, 0.8 if f else 0), color))
            if s.labels:
                scene.add(Text(bx + bar_w / 2, ya - 8, tick_label(f), 10, INK, "middle"))
    for s in chart.series:
        if s.kind != "line":
            continue
        y_of = ry if s.axis == "right" else ly
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = []
        for i, v in enumerate(s.values):
            f = _num(v)
            if f is None or i >= n:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append((x0 + band * (i + 0.5), y_of(f)))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                scene.add(Line(tuple(points), s.color, 2, s.dashed))
            for x, y in points:
                scene.add(Dot(x, y, 2.6, s.color))
    if chart.reference is not None:
        y = ly(float(chart.reference))
        scene.add(Line(((x0, y), (x1, y)), RED, 1.2, True))
    scene.add(Line(((x0, y1), (x1, y1)), "#7B8794", 1))
    step = max(1, math.ceil(n * 34 / max(x1 - x0, 1)))
    for i, label in enumerate(chart.categories):
        if i % step == 0:
            scene.add(Text(x0 + band * (i + 0.5), y1 + 12, label, 10, MUTED, "middle"))

    y = height - 12 - (16 if chart.note else 0)
    x = 12.0
    for s in legend_items:
        if s.kind == "bar":
            scene.add(Rect(x, y - 5, 12, 10, s.color))
        else:
            scene.add(Line(((x, y), (x + 16, y)), s.color, 2, s.dashed))
        x += 20
        scene.add(Text(x, y, s.name, 10.5, INK))
        x += 8 + 6.2 * len(s.name) + 12
    if chart.note:
        scene.add(Text(12, height - 10, chart.note, 10, MUTED))
    return scene


def grid(scenes: Sequence[Scene], columns: int = 2, title: str = "", subtitle: str = "") -> Scene:
    """Scenes side by side, `columns` per row, under an optional heading."""
    if not scenes:
        scenes = [Scene(560, 80, [Text(12, 40, "ไม่มีข้อมูล", 14, MUTED)])]
    columns = max(1, min(columns, len(scenes)))
    cell_w = max(s.width for s in scenes)
    cell_h = max(s.height for s in scenes)
    head = (34 if title else 0) + (20 if subtitle else 0)
    rows = math.ceil(len(scenes) / columns)
    out = Scene(cell_w * columns, head + cell_h * rows, title=title)
    out.add(Rect(0, 0, out.width, out.height, BACKGROUND))
    if title:
        out.add(Text(12, 20, title, 17, INK, bold=True))
    if subtitle:
        out.add(Text(12, head - 12, subtitle, 12, MUTED))
    for k, scene in enumerate(scenes):
        dx, dy = cell_w * (k % columns), head + cell_h * (k // columns)
        out.items.extend(_moved(item, dx, dy) for item in scene.items)
    return out


def _moved(item, dx: float, dy: float):
    if isinstance(item, Line):
        return replace(item, points=tuple((x + dx, y + dy) for x, y in item.points))
    return replace(item, x=item.x + dx, y=item.y + dy)


# -- SVG --------------------------------------------------------------------------------------


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def to_svg(scene: Scene, label: str | None = None) -> str:
    """An <svg> element that scales to its container's width (for inline use in a page)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(scene.width)} {_f(scene.height)}" '
        f'role="img" aria-label="{escape(label or scene.title)}" class="chart" '
        f'font-family="{escape(SVG_FONTS)}">'
    ]
    for item in scene.items:
        if isinstance(item, Rect):
            stroke = f' stroke="{item.stroke}"' if item.stroke else ""
            parts.append(
                f'<rect x="{_f(item.x)}" y="{_f(item.y)}" width="{_f(item.w)}" height="{_f(item.h)}" '
                f'fill="{item.fill}"{stroke}/>'
            )
        elif isinstance(item, Line):
            points = " ".join(f"{_f(x)},{_f(y)}" for x, y in item.points)
            dash = ' stroke-dasharray="5 4"' if item.dashed else ""
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{item.color}" stroke-width="{_f(item.width)}"{dash}/>'
            )
        elif isinstance(item, Dot):
            parts.append(f'<circle cx="{_f(item.x)}" cy="{_f(item.y)}" r="{_f(item.r)}" fill="{item.color}"/>')
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            parts.append(
                f'<text x="{_f(item.x)}" y="{_f(item.y)}" font-size="{_f(item.size)}" fill="{item.color}" '
                f'text-anchor="{item.anchor}" dominant-baseline="central"{weight}>{escape(item.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


# -- PNG --------------------------------------------------------------------------------------


class FontMissing(RuntimeError):
    """No Thai font to draw a PNG with (install Debian's fonts-thai-tlwg)."""


def font_path(bold: bool = False) -> str:
    """The Thai TrueType font used for PNGs: $KPIBOT_CHART_FONT, else the first one installed."""
    wanted = os.environ.get("KPIBOT_CHART_FONT_BOLD" if bold else "KPIBOT_CHART_FONT")
    for path in ([wanted] if wanted else []) + list(BOLD_CANDIDATES if bold else FONT_CANDIDATES):
        if path and Path(path).is_file():
            return path
    if bold:
        return font_path(False)
    raise FontMissing("ไม่พบฟอนต์ภาษาไทยสำหรับวาดกราฟ (ติดตั้ง fonts-thai-tlwg)")


@lru_cache(maxsize=64)
def _font(size: int, bold: bool):
    from PIL import ImageFont, features

    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(font_path(bold), size, layout_engine=engine)


_ANCHORS = {"start": "lm", "middle": "mm", "end": "rm"}
#: FreeType faces are shared (cached) and not safe to use from two threads at once.
_DRAWING = threading.Lock()


def to_png(scene: Scene, scale: float = 2.0, oversample: int = 2) -> bytes:
    """The scene as PNG bytes, `scale` times its size (drawn `oversample` times bigger, then reduced)."""
    from PIL import Image, ImageDraw

    k = scale * oversample
    width, height = round(scene.width * k), round(scene.height * k)
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    with _DRAWING:
        _draw(draw, scene, k)
    if oversample > 1:
        image = image.resize((round(scene.width * scale), round(scene.height * scale)), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _draw(draw, scene: Scene, k: float) -> None:
    for item in scene.items:
        if isinstance(item, Rect):
            if item.w <= 0 or item.h <= 0:
                continue
            box = [item.x * k, item.y * k, (item.x + item.w) * k - 1, (item.y + item.h) * k - 1]
            draw.rectangle(box, fill=item.fill, outline=item.stroke)
        elif isinstance(item, Line):
            points = [(x * k, y * k) for x, y in item.points]
            w = max(1, round(item.width * k))
            if item.dashed:
                for a, b in zip(points, points[1:]):
                    _dashed(draw, a, b, item.color, w, 5 * k, 4 * k)
            else:
                draw.line(points, fill=item.color, width=w, joint="curve")
        elif isinstance(item, Dot):
            r = item.r * k
            draw.ellipse([item.x * k - r, item.y * k - r, item.x * k + r, item.y * k + r], fill=item.color)
        elif isinstance(item, Text):
            font = _font(max(6, round(item.size * k)), item.bold)
            draw.text(
                (item.x * k, item.y * k), item.text, fill=item.color, font=font, anchor=_ANCHORS.get(item.anchor, "lm")
            )


def _dashed(draw, a, b, color, width, on: float, off: float) -> None:
    (xa, ya), (xb, yb) = a, b
    length = math.hypot(xb - xa, yb - ya)
    if length == 0:
        return
    dx, dy = (xb - xa) / length, (yb - ya) / length
    pos = 0.0
    while pos < length:
        end = min(pos + on, length)
        draw.line([(xa + dx * pos, ya + dy * pos), (xa + dx * end, ya + dy * end)], fill=color, width=width)
        pos = end + off
