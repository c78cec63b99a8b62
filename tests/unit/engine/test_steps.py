"""Timelines: lookups, the next change, and the record as it stood on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from tradeaccord import Timeline, Truth
from tradeaccord.errors import ModelValueError

D = dt.date
T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
LINE = Timeline(F, ((D(2025, 6, 1), U), (D(2025, 6, 10), T), (D(2025, 7, 1), F)))


def test_lookups() -> None:
    """``at``, ``since`` and ``next_change`` read the steps around a day."""
    assert [LINE.at(D(2025, 5, 31)), LINE.at(D(2025, 6, 1)), LINE.at(D(2025, 6, 30))] == [F, U, T]
    assert LINE.since(D(2025, 5, 1)) is None and LINE.since(D(2025, 6, 30)) == D(2025, 6, 10)
    assert LINE.next_change(D(2025, 5, 1)) == D(2025, 6, 1)
    assert LINE.next_change(D(2025, 6, 10)) == D(2025, 7, 1)
    assert LINE.next_change(D(2025, 7, 1)) is None


def test_recorded_on_keeps_the_steps_up_to_a_day() -> None:
    """The record on a day keeps the steps up to it and holds the value of that day."""
    assert LINE.recorded_on(D(2025, 6, 9)) == Timeline(F, ((D(2025, 6, 1), U),))
    assert LINE.recorded_on(D(2025, 6, 10)).at(D(2030, 1, 1)) is T
    assert LINE.recorded_on(D(2025, 7, 1)) is LINE
    assert LINE.recorded_on(D(2025, 1, 1)) == Timeline.constant(F)


def test_operators_merge_steps() -> None:
    """``&``, ``|`` and ``~`` give normalised timelines equal to the pointwise combination."""
    other = Timeline(T, ((D(2025, 6, 5), F),))
    days = [D(2025, 5, 1) + dt.timedelta(days=n) for n in range(90)]
    both, either = LINE & other, LINE | other
    for day in days:
        assert both.at(day) is LINE.at(day) & other.at(day)
        assert either.at(day) is LINE.at(day) | other.at(day)
        assert (~LINE).at(day) is ~LINE.at(day)
    assert both == Timeline.combine((LINE, other), lambda v: v[0] & v[1])
    assert Timeline.constant(T) & Timeline.constant(U) == Timeline.constant(U)


def test_steps_are_checked() -> None:
    """A timeline refuses steps out of order or repeating a value."""
    with pytest.raises(ModelValueError, match="increasing dates"):
        Timeline(F, ((D(2025, 6, 2), T), (D(2025, 6, 1), F)))
    with pytest.raises(ModelValueError, match="repeats the value FALSE"):
        Timeline(F, ((D(2025, 6, 2), F),))
