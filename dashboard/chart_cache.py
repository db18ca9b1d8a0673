"""Chart pictures drawn once per data version, and a brake on drawing per chart link.

A chart PNG takes 0.1–0.6 s of a worker's CPU to draw, and its link works for 7 days for
whoever holds it. So a drawn picture is kept (per process, the most recent few) under a key
that changes whenever what it shows may change: the viewer, the year, the size, the day (a
deadline passing changes colours) and the sum of every unit's data version (raised by every
change to a plan or a value). A fetch of an unchanged chart costs one small query; drawing
anew is limited per link per minute, and a link over its limit is answered 429.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.org import Unit

KEPT_PICTURES = 64
DRAWS_PER_LINK_PER_MINUTE = 6
_WINDOW = timedelta(minutes=1)


def office_data_version(session: Session) -> int:
    """Moves whenever any unit's plan or values change (each change raises a unit's version)."""
    return int(session.scalar(select(func.coalesce(func.sum(Unit.data_version), 0))) or 0)


class TooManyDraws(Exception):
    """This link asked for more new pictures in a minute than anyone looking at them would."""


class ChartCache:
    def __init__(self, kept: int = KEPT_PICTURES, draws_per_minute: int = DRAWS_PER_LINK_PER_MINUTE):
        self.kept, self.draws_per_minute = kept, draws_per_minute
        self._pictures: OrderedDict[Hashable, bytes] = OrderedDict()
        self._draws: dict[str, tuple[datetime, int]] = {}
        self._lock = threading.Lock()
        self.drawn = 0  # pictures drawn by this process (what the tests count)

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            png = self._pictures.get(key)
            if png is not None:
                self._pictures.move_to_end(key)
            return png

    def may_draw(self, link: str, now: datetime) -> None:
        """Count a new picture for this link; TooManyDraws past its limit for the minute."""
        with self._lock:
            self._count_draw(link, now)

    def put(self, key: Hashable, png: bytes) -> None:
        with self._lock:
            self.drawn += 1
            self._pictures[key] = png
            while len(self._pictures) > self.kept:
                self._pictures.popitem(last=False)

    def _count_draw(self, link: str, now: datetime) -> None:
        started, count = self._draws.get(link, (now, 0))
        if now - started >= _WINDOW:
            started, count = now, 0
        if count >= self.draws_per_minute:
            raise TooManyDraws
        self._draws[link] = (started, count + 1)
        if len(self._draws) > 10 * self.kept:  # forget links whose minute is over
            self._draws = {k: v for k, v in self._draws.items() if now - v[0] < _WINDOW}
