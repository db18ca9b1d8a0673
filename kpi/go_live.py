"""The go-live month: the first month reported in the bot (GO_LIVE_MONTH).

The bot goes live mid-year; the months before it were reported in SSO Budget's old web form.
A month before go-live that has no value in the bot is neither due nor missing: it is shown as
ก่อนใช้ระบบ and counts in no completeness figure, no rating and no reminder. A value imported
for it (`flask --app bot import-results`) makes it count like any other month. This module is
the one place that rule lives; every view (dashboard, สถานะ, the CLI status, the exports and
the reminders) asks it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .periods import Period

BEFORE_GO_LIVE_TH = "ก่อนใช้ระบบ"


def before_go_live(period: Period, go_live: Period | None) -> bool:
    """Whether `period` is a month before the bot went live (never, when go-live is not set)."""
    return go_live is not None and period < go_live


def outside_bot(period: Period, go_live: Period | None, reported: bool) -> bool:
    """A month the bot knows nothing of: before go-live and never imported."""
    return not reported and before_go_live(period, go_live)


def counted_months(
    year_be: int, months: Iterable[int], reported: Collection[int], go_live: Period | None
) -> tuple[int, ...]:
    """The months of `months` that count for an indicator: all but those outside the bot
    (before go-live with no value in `reported`)."""
    return tuple(m for m in months if not outside_bot(Period(year_be, m), go_live, m in reported))
