"""What was known when, and accounts that disagree: the record as known on a day.

The engine reads the record as known on a day through one pass over the
events; the naive oracle works it out from the definitions. Both must agree,
and the record must behave as an append-only record: knowing everything gives
today's answers, a later report never changes an earlier day's knowledge, and
a retraction is the same as never having recorded the event.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_days import days_to_check, mismatches

from tradeaccord import (
    Dataset,
    Event,
    EventKind,
    EvidencePolicy,
    History,
    Report,
    walk,
)
from tradeaccord._engine.evidence import Record
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import (
    DEFAULT_WINDOW,
    NaiveEvaluator,
    conditions_for,
    events,
    evidence_datasets,
    evidence_policies,
)

slow = settings(deadline=None, max_examples=60)


def reports(
    dataset: Dataset, policy: EvidencePolicy, known_on: dt.date | None, days: list[dt.date]
) -> list[Report]:
    """The reports of every agreement on ``days``, as known on ``known_on`` (the day itself left out)."""
    history = History(dataset, policy=policy, known_on=known_on)
    return [history.at(day) for day in days]


def answers(found: list[Report]) -> list[object]:
    """What the reports say, leaving out which day's knowledge they were asked with."""
    return [report.agreements for report in found]


def last_report(dataset: Dataset) -> dt.date:
    """The last day anything in ``dataset`` became known."""
    days = [e.known for e in dataset.events]
    days += [a.reported for e in dataset.events for a in e.accounts if a.reported is not None]
    days += [s.published for s in dataset.sources if s.published is not None]
    return max(days, default=DEFAULT_WINDOW[1])


def some_days(data: st.DataObject, dataset: Dataset) -> list[dt.date]:
    """A few days to ask about: event days and drawn days of the window."""
    picked = data.draw(
        st.lists(
            st.dates(DEFAULT_WINDOW[0], DEFAULT_WINDOW[1] + dt.timedelta(days=60)), max_size=3
        ),
        label="days",
    )
    return sorted({*picked, *(e.date for e in dataset.events[:3])})


@slow
@given(st.data())
def test_record_as_known_equals_the_oracle(data: st.DataObject) -> None:
    """Every condition node has the same value in the engine and the oracle, as known on any day."""
    dataset = data.draw(evidence_datasets(), label="dataset")
    policy = data.draw(evidence_policies(), label="policy")
    known_on = data.draw(
        st.none() | st.dates(DEFAULT_WINDOW[0], DEFAULT_WINDOW[1]), label="known_on"
    )
    condition = data.draw(conditions_for(dataset), label="condition")
    record = Record(dataset, policy, known_on)
    engine = Sweep(dataset, policy, record=record)
    oracle = NaiveEvaluator(dataset, policy, known_on=known_on)
    # The record itself: the same events, each counted (or UNKNOWN) alike.
    assert sorted(e.id for e in record.events) == sorted(e.id for e in oracle.events)
    for event in record.events:
        assert record.establishes(event) == oracle.establishes(event), event.id
    for path, node in walk(condition):
        line = engine.condition(node)
        wrong = list(
            mismatches(line, days_to_check(DEFAULT_WINDOW, [line]), partial(oracle.truth, node))
        )
        assert not wrong, f"condition{path} = {node!r}\n(day, engine, oracle): {wrong[:5]}"
    for agreement in dataset.agreements:
        line = engine.agreement(agreement.id).in_force
        days = days_to_check(DEFAULT_WINDOW, [line])
        wrong = list(mismatches(line, days, partial(oracle.in_force, agreement)))
        assert not wrong, f"{agreement.id} in force\n(day, engine, oracle): {wrong[:5]}"


@slow
@given(st.data())
def test_knowing_every_report_gives_todays_answers(data: st.DataObject) -> None:
    """Known on a day after every report, each answer is the answer with everything on record."""
    dataset = data.draw(evidence_datasets(), label="dataset")
    policy = data.draw(evidence_policies(), label="policy")
    later = last_report(dataset) + dt.timedelta(days=data.draw(st.integers(0, 30)))
    days = some_days(data, dataset)
    assert answers(reports(dataset, policy, later, days)) == answers(
        reports(dataset, policy, None, days)
    )


@slow
@given(st.data())
def test_a_later_report_leaves_earlier_knowledge_alone(data: st.DataObject) -> None:
    """Adding an event reported on R (a fact, a correction or a retraction) changes no answer known before R."""
    dataset = data.draw(evidence_datasets(), label="dataset")
    policy = data.draw(evidence_policies(), label="policy")
    parties = tuple(p.id for p in dataset.parties)
    targets = tuple(a.id for a in dataset.agreements)
    added: Event = data.draw(events(parties=parties, targets=targets, id="added"), label="event")
    if added.kind is EventKind.EXTENSION:
        added = Event(id="added", date=added.date, kind=EventKind.STATEMENT, summary="said")
    revise = data.draw(st.sampled_from([None, "corrects", "retracts"]), label="revision")
    if revise is not None and dataset.events:
        old = data.draw(st.sampled_from([e.id for e in dataset.events]), label="revised")
        added = Event(
            id="added", date=added.date, kind=added.kind, summary=added.summary,
            party=added.party, target=added.target, **{revise: old},
        )  # fmt: skip
    reported = added.date + dt.timedelta(days=data.draw(st.integers(0, 20)))
    known_on = reported - dt.timedelta(days=data.draw(st.integers(1, 60)))
    try:
        grown = dataset.with_events(attrs.evolve(added, reported=reported))
    except ValueError:  # an event the dataset cannot hold (an instrument without a party...)
        return
    days = some_days(data, dataset)
    before = reports(dataset, policy, known_on, days)
    after = reports(grown, policy, known_on, days)
    assert answers(after) == answers(before)


@slow
@given(st.data())
def test_retracting_an_event_is_never_having_recorded_it(data: st.DataObject) -> None:
    """A dataset with a retraction of an event answers as the dataset without that event."""
    dataset = data.draw(evidence_datasets(max_revisions=0), label="dataset")
    if not dataset.events:
        return
    policy = data.draw(evidence_policies(), label="policy")
    old = data.draw(st.sampled_from(dataset.events), label="retracted")
    day = data.draw(st.dates(DEFAULT_WINDOW[0], DEFAULT_WINDOW[1]), label="retracted on")
    retraction = Event(
        id="retraction", date=day, kind=EventKind.STATEMENT, summary="retracted", retracts=old.id
    )
    days = some_days(data, dataset)
    with_retraction = reports(dataset.with_events(retraction), policy, None, days)
    without = reports(dataset.without_events(old.id), policy, None, days)
    assert answers(with_retraction) == answers(without)
