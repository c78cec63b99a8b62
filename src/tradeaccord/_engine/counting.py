"""Counting thresholds: running totals in one pass, and who is outstanding from day to day."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from .._model import Event
from .._truth import Truth
from .primitives import Number
from .results import Citation
from .steps import Timeline, _trusted

__all__ = ["Count", "Summary", "count_sweep"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


class Count(NamedTuple):
    """A threshold node counted over its parties: per-party values and running totals.

    ``values[i]`` is when party ``parties[i]`` counts (its instrument stands, and
    it is a member of the group if the node names one); ``weights[i]`` what it
    counts for. ``days`` are the days the totals change, with ``sure`` (weight
    of established instruments), ``maybe`` (weakly reported ones) and
    ``members`` (members of the group) from each of those days on; ``initial``
    holds the totals before the first of them.
    """

    parties: tuple[str, ...]
    values: tuple[Timeline, ...]
    weights: tuple[Number, ...]
    timeline: Timeline
    initial: tuple[Number, Number, int]
    days: tuple[dt.date, ...]
    totals: tuple[tuple[Number, Number, int], ...]
    changes: list[tuple[dt.date, int, Truth]]
    """Every step of ``values`` (``i`` below ``len(values)``) and of the membership
    timelines (``i`` from ``len(values)`` on), in date order."""

    def totals_on(self, day: dt.date) -> tuple[Number, Number, int]:
        """(sure, maybe, members) on ``day``."""
        index = bisect.bisect_right(self.days, day)
        return self.initial if index == 0 else self.totals[index - 1]

    def values_on(self, day: dt.date) -> list[Truth]:
        """The value of each of ``values`` on ``day``, replayed from the changes up to it."""
        values = [v.initial for v in self.values]
        size = len(values)
        for _, i, value in self.changes[: bisect.bisect_right(self.changes, day, key=_day)]:
            if i < size:
                values[i] = value
        return values


def _day(change: tuple[dt.date, int, Truth]) -> dt.date:
    return change[0]


def count_sweep(
    parties: Sequence[str],
    values: Sequence[Timeline],
    weights: Sequence[Number],
    members: Sequence[Timeline] | None,
    verdict: Callable[[Number, Number, int], Truth],
) -> Count:
    """Count weighted values incrementally over their sorted changes (one pass, no recount)."""
    current = [v.initial for v in values]
    sure: Number = sum((w for w, v in zip(weights, current, strict=True) if v is T), 0)
    maybe: Number = sum((w for w, v in zip(weights, current, strict=True) if v is U), 0)
    size = len(values)
    changes = [(day, i, value) for i, v in enumerate(values) for day, value in v.steps]
    total = 0
    if members is not None:
        total = sum(1 for m in members if m.initial is T)
        changes.extend(
            (day, size + i, value) for i, m in enumerate(members) for day, value in m.steps
        )
    changes.sort(key=itemgetter(0))
    initial_totals = (sure, maybe, total)
    initial = verdict(sure, maybe, total)
    days: list[dt.date] = []
    totals: list[tuple[Number, Number, int]] = []
    steps: list[tuple[dt.date, Truth]] = []
    last = initial
    for day, group in groupby(changes, key=itemgetter(0)):
        for _, i, value in group:
            if i >= size:
                total += 1 if value is T else -1
                continue
            old, weight = current[i], weights[i]
            if old is T:
                sure -= weight
            elif old is U:
                maybe -= weight
            if value is T:
                sure += weight
            elif value is U:
                maybe += weight
            current[i] = value
        days.append(day)
        totals.append((sure, maybe, total))
        value = verdict(sure, maybe, total)
        if value is not last:
            steps.append((day, value))
            last = value
    return Count(
        parties=tuple(parties),
        values=tuple(values),
        weights=tuple(weights),
        timeline=_trusted(initial, steps),
        initial=initial_totals,
        days=tuple(days),
        totals=tuple(totals),
        changes=changes,
    )


class Summary(NamedTuple):
    """Where a threshold stands on a day: the figures of a [`Tally`][], and at most ten names.

    ``outstanding`` and ``uncertain`` hold the first ten parties of each kind;
    ``outstanding_count`` and ``uncertain_count`` how many there are in all.
    """

    unit: str
    have: Number
    unknown: Number
    required: Number
    members: int | None
    outstanding: tuple[str, ...]
    outstanding_count: int
    uncertain: tuple[str, ...]
    uncertain_count: int

    @property
    def still_needed(self) -> Number:
        """How much more is needed (0 once the threshold is met)."""
        needed = self.required - self.have
        return needed if needed > 0 else 0


class _Ledger(NamedTuple):
    days: tuple[dt.date, ...]
    initial: tuple[tuple[str, ...], int, tuple[str, ...], int]
    rows: tuple[tuple[tuple[str, ...], int, tuple[str, ...], int], ...]
    summaries: dict[int, Summary]


class _Cited:
    """The events a threshold cites (``prefix``: those dated by a day, on every day).

    ``citations`` holds the citations of the first events, made as they are first
    needed; ``whole`` all of them, once they are all made.
    """

    __slots__ = ("citations", "days", "events", "prefix", "whole")

    def __init__(self, prefix: bool, events: tuple[Event, ...]) -> None:
        self.prefix = prefix
        self.events = events
        self.days = tuple([e.date for e in events])
        self.citations: list[Citation] = []
        self.whole: tuple[Citation, ...] | None = None
