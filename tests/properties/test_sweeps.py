"""The sweep's incremental counts and ledgers agree with counting afresh on each day.

A threshold is counted once, in one pass over its parties' sorted changes; the
names an explanation shows (the first outstanding and uncertain parties) come
from a ledger built in one more pass; the events it cites are a prefix of the
instrument events when no party ever stops counting. Each is checked here
against the plain computation of the same thing on every day.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaccord import Confidence, Dataset, EventKind, EvidencePolicy, Timeline, Truth
from tradeaccord._engine.counting import count_sweep
from tradeaccord._engine.primitives import kleene_at_least
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import (
    DEFAULT_WINDOW,
    INSTRUMENT_KINDS,
    datasets,
    thresholds,
    timelines,
)

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))
ONE_DAY = dt.timedelta(days=1)
T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def window() -> list[dt.date]:
    """Every day of the default window, with a few days either side."""
    first, last = DEFAULT_WINDOW
    return [first - 3 * ONE_DAY + n * ONE_DAY for n in range((last - first).days + 7)]


@given(
    st.lists(st.tuples(timelines(), st.sampled_from([Fraction(1), Fraction(5, 2)])), max_size=6),
    st.integers(min_value=0, max_value=8),
)
def test_counting_in_one_pass_equals_counting_each_day(
    weighted: list[tuple[Timeline, Fraction]], needed: int
) -> None:
    """The running totals and the verdict equal a recount of every value on every day."""
    values = [t for t, _ in weighted]
    weights = [w for _, w in weighted]
    count = count_sweep(
        [f"P{i}" for i in range(len(values))],
        values,
        weights,
        None,
        lambda sure, maybe, _: kleene_at_least(needed, sure, maybe),
    )
    days = window() + [d for t in values for d in t.change_days()]
    for day in days:
        now = [t.at(day) for t in values]
        sure = sum((w for w, v in zip(weights, now, strict=True) if v is T), Fraction(0))
        maybe = sum((w for w, v in zip(weights, now, strict=True) if v is U), Fraction(0))
        assert count.totals_on(day)[:2] == (sure, maybe), day
        assert count.timeline.at(day) is kleene_at_least(needed, sure, maybe), day


@settings(deadline=None)
@given(st.data())
def test_summaries_and_citations_equal_the_tally_of_each_day(data: st.DataObject) -> None:
    """A threshold's summary (figures, first names, counts) and citations agree with its tally."""
    dataset: Dataset = data.draw(datasets(max_events=12), label="dataset")
    # Count the instruments the dataset records, when it records some.
    recorded = sorted(
        {
            (e.kind, e.target)
            for e in dataset.events
            if e.kind in INSTRUMENT_KINDS and e.party is not None and e.target is not None
        },
        key=lambda pair: (pair[0].value, pair[1]),
    )
    kinds, targets = INSTRUMENT_KINDS, tuple(a.id for a in dataset.agreements)
    if recorded:
        kind, target = data.draw(st.sampled_from(recorded), label="counted")
        kinds, targets = (kind,), (target,)
    node = data.draw(
        thresholds(
            parties=tuple(p.id for p in dataset.parties),
            targets=targets,
            groups=tuple(g.id for g in dataset.groups),
            kinds=kinds,
        ),
        label="threshold",
    )
    for policy in POLICIES:
        sweep = Sweep(dataset, policy)
        events = sweep.events_about(node.target, node.kind, EventKind.WITHDRAWAL)
        days = window() + [e.date for e in events]
        for day in days:
            tally = sweep.tally(node, day)
            summary = sweep.summary(node, day)
            assert (summary.unit, summary.have, summary.unknown, summary.required) == (
                tally.unit,
                tally.have,
                tally.unknown,
                tally.required,
            ), day
            assert summary.members == tally.members, day
            assert summary.outstanding == tally.outstanding[:10], day
            assert summary.outstanding_count == len(tally.outstanding), day
            assert summary.uncertain == tally.uncertain[:10], day
            assert summary.uncertain_count == len(tally.uncertain), day
            counted = set(tally.counted) | set(tally.uncertain)
            expected = [
                e.id for e in events if e.date <= day and e.party is not None and e.party in counted
            ]
            assert [c.event for c in sweep.threshold_citations(node, day)] == expected, day
