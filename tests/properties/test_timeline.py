"""Timelines: step functions from days to truth values, kept normalised."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import Timeline, Truth
from tradeaccord.errors import ModelValueError
from tradeaccord.testing import DEFAULT_WINDOW, dates, timelines, truths

ONE_DAY = dt.timedelta(days=1)
#: Every day of the window the strategies use, with a margin either side.
DAYS = [
    DEFAULT_WINDOW[0] - 2 * ONE_DAY + n * ONE_DAY
    for n in range((DEFAULT_WINDOW[1] - DEFAULT_WINDOW[0]).days + 5)
]
EDGES = [dt.date.min, *DAYS, dt.date.max]

changes = st.lists(st.tuples(dates(), truths()), max_size=8)


def reference(initial: Truth, raw: list[tuple[dt.date, Truth]], day: dt.date) -> Truth:
    """The value on ``day`` by definition: the last change given for the latest day up to it."""
    earlier = [d for d, _ in raw if d <= day]
    if not earlier:
        return initial
    latest = max(earlier)
    return [v for d, v in raw if d == latest][-1]


@st.composite
def tables(draw: st.DrawFn, arity: int) -> dict[tuple[Truth, ...], Truth]:
    """An arbitrary function of ``arity`` truth values, as a lookup table."""
    return {args: draw(truths()) for args in itertools.product(Truth, repeat=arity)}


@given(st.data())
def test_combine_agrees_with_pointwise_evaluation(data: st.DataObject) -> None:
    """Timeline.combine(ts, f) has the value f(t.at(d) for t in ts) on every day d."""
    parts = data.draw(st.lists(timelines(), min_size=1, max_size=4), label="timelines")
    table = data.draw(tables(len(parts)), label="function")
    combined = Timeline.combine(parts, lambda values: table[tuple(values)])
    for day in EDGES:
        assert combined.at(day) is table[tuple(t.at(day) for t in parts)], day


@given(timelines(), timelines())
def test_timeline_operators_are_pointwise(a: Timeline, b: Timeline) -> None:
    """(a & b), (a | b) and ~a have, on every day, the Kleene value of a and b on that day."""
    both, either, negated = a & b, a | b, ~a
    for day in EDGES:
        assert both.at(day) is a.at(day) & b.at(day)
        assert either.at(day) is a.at(day) | b.at(day)
        assert negated.at(day) is ~a.at(day)


@given(truths(), changes)
def test_from_changes_normalises(initial: Truth, raw: list[tuple[dt.date, Truth]]) -> None:
    """from_changes gives increasing days, each value different from the one before."""
    timeline = Timeline.from_changes(initial, raw)
    days = [day for day, _ in timeline.steps]
    assert days == sorted(set(days))
    values = [initial] + [value for _, value in timeline.steps]
    assert all(x is not y for x, y in itertools.pairwise(values))


@given(truths(), changes)
def test_from_changes_keeps_the_meaning(initial: Truth, raw: list[tuple[dt.date, Truth]]) -> None:
    """On every day, from_changes has the value of the last change given for the latest day."""
    timeline = Timeline.from_changes(initial, raw)
    for day in EDGES:
        assert timeline.at(day) is reference(initial, raw, day), day


@given(truths(), changes, st.randoms(use_true_random=False))
def test_from_changes_is_canonical(
    initial: Truth, raw: list[tuple[dt.date, Truth]], rng: random.Random
) -> None:
    """Equal step functions are equal timelines: normalising twice, or reordering days, changes nothing."""
    timeline = Timeline.from_changes(initial, raw)
    assert Timeline.from_changes(timeline.initial, timeline.steps) == timeline
    one_per_day = list({day: value for day, value in raw}.items())
    shuffled = list(one_per_day)
    rng.shuffle(shuffled)
    assert Timeline.from_changes(initial, shuffled) == timeline


@given(truths(), changes)
def test_constructor_rejects_unnormalised_steps(
    initial: Truth, raw: list[tuple[dt.date, Truth]]
) -> None:
    """Timeline(initial, steps) accepts steps exactly when they are already normalised."""
    steps = tuple(raw)
    normalised = Timeline.from_changes(initial, raw).steps == steps
    if normalised:
        assert Timeline(initial, steps).steps == steps
    else:
        with pytest.raises(ModelValueError):
            Timeline(initial, steps)


@given(timelines(), st.sampled_from(DAYS))
def test_since_is_the_start_of_the_run(timeline: Timeline, day: dt.date) -> None:
    """since(d) is the first day of the run of equal values containing d (None: since always)."""
    start = timeline.since(day)
    value = timeline.at(day)
    if start is None:
        assert all(d > day for d in timeline.change_days())
        assert timeline.at(dt.date.min) is value
        return
    assert start <= day
    assert start in timeline.change_days()
    assert all(not start < d <= day for d in timeline.change_days())
    assert timeline.at(start) is value
    assert timeline.at(start - ONE_DAY) is not value


@given(timelines(), truths())
def test_first_is_the_first_day_with_a_value(timeline: Timeline, value: Truth) -> None:
    """first(v) is the first step to v, and first_at_least(v) the first day v or better holds."""
    first = timeline.first(value)
    with_value = [d for d, v in timeline.steps if v is value]
    assert first == (with_value[0] if with_value else None)
    reached, on = timeline.first_at_least(value)
    at_least = [d for d in EDGES if timeline.at(d).rank >= value.rank]
    assert reached is bool(at_least)
    if timeline.initial.rank >= value.rank:
        assert on is None
    elif reached:
        assert on == at_least[0]
