"""Hypothesis strategies for property-testing code built on tradeaccord.

The strategies build valid values only: every generated
[`Dataset`][tradeaccord.Dataset] passes its own cross-reference checks, every
day-count rule and term can be applied to any date the strategies produce
without raising, and every condition refers only to ids that exist.

Generated datasets cover the whole model: groups whose members join and
leave, thresholds (counts, shares of a group's members, weighted shares),
parties bound by their own instruments and withdrawing them, provisional
application, and measures whose invalidation ends the commitments about them.
An event that a threshold or a per-party rule counts as a party's instrument
always has a party; use
[`counted_instruments`][tradeaccord.testing.counted_instruments] to keep
events you add to a dataset that way.

Dates are kept in a small window (``DEFAULT_WINDOW``, 2025-01-01 to
2025-04-30) so that [`NaiveEvaluator`][tradeaccord.testing.NaiveEvaluator], the
deliberately simple day-by-day evaluator re-exported here, stays fast enough to
serve as an oracle: a property can check that your code agrees with it on
every day of the window.

This module needs [Hypothesis](https://hypothesis.readthedocs.io)
(``pip install hypothesis``); tradeaccord itself does not.

Examples:
    >>> import datetime as dt
    >>> from hypothesis import given, strategies as st
    >>> from tradeaccord import timeline
    >>> from tradeaccord.testing import conditions_for, datasets, naive_truth
    >>> @given(st.data())
    ... def test_engine_agrees_with_the_oracle(data):
    ...     dataset = data.draw(datasets())
    ...     condition = data.draw(conditions_for(dataset))
    ...     day = dt.date(2025, 3, 1)
    ...     assert timeline(condition, dataset).at(day) is naive_truth(condition, dataset, day)
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "tradeaccord.testing needs Hypothesis, which is not installed: "
        "run `pip install hypothesis` (or `pip install 'tradeaccord[test]'`)"
    ) from exc

from ._conditions import conditions, conditions_for, counted_instruments, thresholds
from ._datasets import datasets
from ._evidence import evidence_datasets, evidence_policies
from ._oracle import NaiveEvaluator, naive_truth
from ._values import (
    DEFAULT_WINDOW,
    EVENT_KINDS,
    INSTRUMENT_KINDS,
    dates,
    day_counts,
    events,
    periods,
    shares,
    terms,
    timelines,
    truths,
    weights,
)

__all__ = [
    "DEFAULT_WINDOW",
    "EVENT_KINDS",
    "INSTRUMENT_KINDS",
    "NaiveEvaluator",
    "conditions",
    "conditions_for",
    "counted_instruments",
    "datasets",
    "dates",
    "day_counts",
    "events",
    "evidence_datasets",
    "evidence_policies",
    "naive_truth",
    "periods",
    "shares",
    "terms",
    "thresholds",
    "timelines",
    "truths",
    "weights",
]
