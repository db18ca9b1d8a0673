"""The level colours, the same in chat cards, dashboard pages and chart pictures."""

from __future__ import annotations

from decimal import Decimal

from kpi.rating import Level, level_of

GREEN = "#1E8449"  # ดี
YELLOW = "#B7950B"  # ปานกลาง
RED = "#C0392B"  # ต่ำ

LEVEL_COLOURS = {Level.GREEN: GREEN, Level.YELLOW: YELLOW, Level.RED: RED}


def level_colour(pct: Decimal | None) -> str | None:
    """The colour of the level a % rates (kpi.rating.level_of); None without a target."""
    return None if pct is None else LEVEL_COLOURS[level_of(pct)]
