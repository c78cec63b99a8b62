"""Causality: what holds on a day depends only on facts dated on or before it.

A generated dataset is evaluated on a day ``d`` (any day, or one on which
something changes); then events dated strictly after ``d`` are added (random
ones; suspensions, terminations, performances and term extensions about the
agreements and commitments; parties' instruments and withdrawals; extensions
and ends of provisional applications; invalidations of the measures
commitments concern; later copies of recorded events with other confidences)
or removed. No value on any day up to ``d`` may change: conditions (thresholds
included), agreements in force or provisionally applied, each party bound,
commitments active; and neither may the report of ``evaluate`` on ``d`` (its
scheduled entry into force, threshold progress and party positions included).
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import (
    Commitment,
    Condition,
    Confidence,
    Dataset,
    Event,
    EventKind,
    EvidencePolicy,
    evaluate,
)
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import (
    DEFAULT_WINDOW,
    conditions_for,
    counted_instruments,
    datasets,
    dates,
    events,
)

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))
ONE_DAY = dt.timedelta(days=1)
AGREEMENT_CHANGES = (EventKind.SUSPENSION, EventKind.RESUMPTION, EventKind.TERMINATION)
COMMITMENT_CHANGES = (EventKind.PERFORMANCE, EventKind.BREACH, EventKind.TERMINATION)
MEASURE_CHANGES = (EventKind.INVALIDATION, EventKind.TERMINATION)
PROVISIONAL_CHANGES = (EventKind.EXTENSION, EventKind.TERMINATION)
FIRST = DEFAULT_WINDOW[0] - 3 * ONE_DAY
LAST = DEFAULT_WINDOW[1] + 3 * ONE_DAY


def days_until(day: dt.date) -> list[dt.date]:
    """Every day from a little before the window up to ``day``."""
    return [FIRST + n * ONE_DAY for n in range((day - FIRST).days + 1)]


def commitments_of(dataset: Dataset) -> list[Commitment]:
    """Every commitment of every agreement."""
    return [c for a in dataset.agreements for c in a.commitments]


@st.composite
def later_events(draw: st.DrawFn, dataset: Dataset, day: dt.date) -> tuple[Event, ...]:
    """Events dated after ``day``: random ones, and copies of recorded ones moved after ``day``."""
    agreements = tuple(a.id for a in dataset.agreements)
    commitments = tuple(c.id for c in commitments_of(dataset))
    parties = tuple(p.id for p in dataset.parties)
    counted = counted_instruments(dataset)
    first = day + ONE_DAY
    random = draw(
        st.lists(
            events(
                parties=parties,
                targets=agreements + commitments,
                officials={o.id: o.party for o in dataset.officials},
                sources=tuple(s.id for s in dataset.sources),
                min_date=first,
                max_date=max(first, DEFAULT_WINDOW[1]) + 30 * ONE_DAY,
                counted=counted,
            ),
            max_size=4,
        )
    )
    # Events that change states (a suspension, a performance, an end) about things that
    # exist, and extensions of the terms; parties' instruments and withdrawals; the ends
    # of measures and of provisional applications.
    changes = [
        (kind, agreement.id) for agreement in dataset.agreements for kind in AGREEMENT_CHANGES
    ] + [
        (kind, commitment.id)
        for commitment in commitments_of(dataset)
        for kind in COMMITMENT_CHANGES
    ]
    changes += sorted(counted, key=lambda pair: (pair[0].value, pair[1]))
    changes += sorted({(EventKind.WITHDRAWAL, target) for _, target in counted})
    changes += [
        (EventKind.WITHDRAWAL, agreement.id)
        for agreement in dataset.agreements
        if agreement.entry_into_force is None or agreement.entry_into_force.per_party is None
    ]
    changes += [
        (kind, measure)
        for measure in sorted({c.measure for c in commitments_of(dataset) if c.measure})
        for kind in MEASURE_CHANGES
    ]
    changes += [
        (kind, agreement.provisional_application.id)
        for agreement in dataset.agreements
        if agreement.provisional_application is not None
        for kind in PROVISIONAL_CHANGES
    ]
    with_terms = [a.id for a in dataset.agreements if a.term] + [
        c.id for c in commitments_of(dataset) if c.term
    ]
    chosen = draw(st.lists(st.sampled_from(changes), max_size=4, unique=True))
    if with_terms:
        chosen += [
            (EventKind.EXTENSION, target)
            for target in draw(st.lists(st.sampled_from(with_terms), unique=True))
        ]
    targeted = [
        draw(
            events(
                parties=parties,
                kinds=(kind,),
                targets=(target,),
                untargeted=False,
                min_date=first,
                max_date=first + 10 * ONE_DAY,
                counted=counted,
            )
        )
        for kind, target in chosen
    ]
    copies = []
    if dataset.events:
        for event in draw(st.lists(st.sampled_from(dataset.events), max_size=4)):
            date = first + draw(st.integers(0, 40)) * ONE_DAY
            ends_on = None if event.ends_on is None else date + (event.ends_on - event.date)
            confidence = draw(st.sampled_from(Confidence))
            copies.append(attrs.evolve(event, date=date, ends_on=ends_on, confidence=confidence))
    found = random + targeted + copies
    return tuple(attrs.evolve(e, id=f"later-{i}") for i, e in enumerate(found))


def interesting_days(dataset: Dataset) -> st.SearchStrategy[dt.date]:
    """Any day of the window, or a day on which something changes (an expiry, an entry...)."""
    engine = Sweep(dataset, EvidencePolicy())
    histories = [engine.agreement(a.id) for a in dataset.agreements]
    changes = {
        day
        for timelines in histories
        for history in (timelines.in_force, timelines.expired, timelines.entered)
        for day in history.change_days()
    }
    changes |= {
        day
        for a in dataset.agreements
        for c in a.commitments
        for day in engine.commitment(c.id).active.change_days()
    }
    changes |= {day for timelines in histories for day in timelines.provisional.change_days()}
    changes |= {
        day
        for a in dataset.agreements
        for p in dataset.parties
        for day in engine.party(a.id, p.id).bound.change_days()
    }
    window = dates(min_value=FIRST, max_value=LAST)
    if not changes:
        return window
    return st.one_of(window, st.sampled_from(sorted(changes)))


def assert_same_until(before: Dataset, after: Dataset, condition: Condition, day: dt.date) -> None:
    """Every value on every day up to ``day``, and the report on ``day``, agree."""
    for policy in POLICIES:
        old, new = Sweep(before, policy), Sweep(after, policy)
        pairs = [(old.condition(condition), new.condition(condition), "condition")]
        for agreement in before.agreements:
            pairs.append(
                (
                    old.agreement(agreement.id).in_force,
                    new.agreement(agreement.id).in_force,
                    f"{agreement.id} in force",
                )
            )
            pairs.append(
                (
                    old.agreement(agreement.id).provisional,
                    new.agreement(agreement.id).provisional,
                    f"{agreement.id} provisionally applied",
                )
            )
            for party in before.parties:
                pairs.append(
                    (
                        old.party(agreement.id, party.id).bound,
                        new.party(agreement.id, party.id).bound,
                        f"{agreement.id} binds {party.id}",
                    )
                )
            for commitment in agreement.commitments:
                pairs.append(
                    (
                        old.commitment(commitment.id).active,
                        new.commitment(commitment.id).active,
                        f"{commitment.id} active",
                    )
                )
        for old_history, new_history, what in pairs:
            for earlier in days_until(day):
                assert old_history.at(earlier) is new_history.at(earlier), (
                    f"{what} on {earlier} (as of {day}), policy {policy!r}"
                )
        old_report = evaluate(before, day, policy=policy)
        new_report = evaluate(after, day, policy=policy)
        for old_agreement, new_agreement in zip(
            old_report.agreements, new_report.agreements, strict=True
        ):
            assert (old_agreement.status, old_agreement.in_force) == (
                new_agreement.status,
                new_agreement.in_force,
            ), f"{old_agreement.id} on {day}, policy {policy!r}"
            assert [(c.status, c.deontic) for c in old_agreement.commitments] == [
                (c.status, c.deontic) for c in new_agreement.commitments
            ], f"commitments of {old_agreement.id} on {day}, policy {policy!r}"
        assert old_report == new_report, f"the report on {day}, policy {policy!r}"


@given(st.data())
def test_events_after_a_day_change_nothing_on_it(data: st.DataObject) -> None:
    """Adding events dated after d changes no value on or before d, nor the report on d."""
    dataset = data.draw(datasets(), label="dataset")
    condition = data.draw(conditions_for(dataset), label="condition")
    day = data.draw(interesting_days(dataset), label="day")
    extra = data.draw(later_events(dataset, day), label="later events")
    assert_same_until(dataset, dataset.with_events(*extra), condition, day)


@given(st.data())
def test_dropping_events_after_a_day_changes_nothing_on_it(data: st.DataObject) -> None:
    """Removing the events dated after d changes no value on or before d, nor the report on d."""
    dataset = data.draw(datasets(), label="dataset")
    condition = data.draw(conditions_for(dataset), label="condition")
    day = data.draw(interesting_days(dataset), label="day")
    later = [e.id for e in dataset.events if e.date > day]
    assert_same_until(dataset, dataset.without_events(*later), condition, day)
