"""The days on which a property test compares the engine with the naive oracle, and the
days on which they disagree: shared by the tests of the engine and of the evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from tradeaccord import Timeline, Truth

ONE_DAY = dt.timedelta(days=1)
MARGIN = dt.timedelta(days=3)


def days_to_check(window: tuple[dt.date, dt.date], timelines: Iterable[Timeline]) -> list[dt.date]:
    """Every day of ``window`` and a margin, plus each change day of ``timelines`` and its neighbours."""
    days: set[dt.date] = set()
    day = window[0] - MARGIN
    while day <= window[1] + MARGIN:
        days.add(day)
        day += ONE_DAY
    for timeline in timelines:
        for change in timeline.change_days():
            days.update((change - ONE_DAY, change, change + ONE_DAY))
    return sorted(days)


def mismatches(
    engine: Timeline, days: Iterable[dt.date], value_of: Callable[[dt.date], Truth]
) -> Iterator[tuple[dt.date, str, str]]:
    """The days on which the engine's timeline and the oracle (``value_of``) disagree."""
    for day in days:
        expected = value_of(day)
        if engine.at(day) is not expected:
            yield day, engine.at(day).name, expected.name
