"""The earliest day and the ways forward equal a brute-force search over small cases.

For each agreement, party and commitment of a generated dataset that is not yet in
force, bound or active on a day, the outlook's earliest day must be the earliest day
that *any* set of imaginable events, all happening that day, would bring it about:
every subset of the events its conditions could ask for (acts by parties that refused
left out) is tried. FAILED must mean no subset works; the first way must reach the
earliest day, and no smaller part of it may.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tradeaccord import (
    Confidence,
    Dataset,
    Event,
    EventKind,
    EvidencePolicy,
    Fulfilled,
    History,
    InForce,
    Occurred,
    Prospect,
    Truth,
    walk,
)
from tradeaccord._conditions import Threshold
from tradeaccord._engine.index import EventIndex
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import DEFAULT_WINDOW, datasets, dates

T = Truth.TRUE
ACTS = {
    EventKind.APPROVAL,
    EventKind.RATIFICATION,
    EventKind.ACCEPTANCE,
    EventKind.ACCESSION,
    EventKind.DEPOSIT,
    EventKind.NOTIFICATION,
    EventKind.SIGNATURE,
    EventKind.CONCLUSION,
}
MAX_UNIVERSE = 9

Template = tuple[EventKind, str | None, str, str | None]


def refusals(dataset: Dataset, day: dt.date, policy: EvidencePolicy) -> set[tuple[str, str]]:
    """(party, target) pairs with an established refusal recorded by ``day``."""
    return {
        (e.party, e.target)
        for e in dataset.events
        if e.kind is EventKind.REJECTION
        and e.date <= day
        and e.party is not None
        and e.target is not None
        and policy.establishes(e)
    }


def universe(dataset: Dataset, agreement_id: str, extra: list[Template]) -> set[Template]:
    """Every event the agreement's clauses could ask for, following ``InForce`` links."""
    found: set[Template] = set(extra)
    agreements = [a.id for a in dataset.agreements]
    todo, seen = [agreement_id], set()
    parties = [p.id for p in dataset.parties]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        agreement = dataset.agreement(current)
        found.add((EventKind.CONCLUSION, None, current, None))
        found.add((EventKind.RESUMPTION, None, current, None))
        clause = agreement.entry_into_force
        conditions = [clause.when] if clause is not None else []
        conditions += [c.condition for c in agreement.commitments if c.condition is not None]
        if agreement.provisional_application is not None:
            conditions.append(agreement.provisional_application.start)
        if clause is not None and clause.per_party is not None:
            found.update((clause.per_party.instrument, p, current, None) for p in parties)
        for condition in conditions:
            for _, node in walk(condition):
                if isinstance(node, Occurred) and node.kind is not EventKind.EXTENSION:
                    targets = [node.target] if node.target is not None else list(agreements)
                    found.update((node.kind, node.party, t, node.official) for t in targets)
                elif isinstance(node, Fulfilled):
                    by = dataset.commitment(node.commitment).by
                    found.add((EventKind.PERFORMANCE, by, node.commitment, None))
                elif isinstance(node, InForce):
                    todo.append(node.agreement)
                elif isinstance(node, Threshold):
                    found.update((node.kind, p, node.target, None) for p in parties)
    return found


def first_day(
    dataset: Dataset,
    policy: EvidencePolicy,
    day: dt.date,
    kind: str,
    agreement: str,
    subject: str,
    events: tuple[Template, ...],
) -> dt.date | None:
    """The first day from ``day`` on when the goal holds, with ``events`` added on ``day``."""
    imagined = [
        Event(
            id=f"bf-{i}",
            date=day,
            kind=k,
            party=p,
            target=t,
            official=o,
            summary="",
            confidence=Confidence.HIGH,
        )
        for i, (k, p, t, o) in enumerate(events)
    ]
    known = [e for e in dataset.events if e.date <= day]
    sweep = Sweep(dataset, policy, EventIndex([*known, *imagined]))
    if kind == "agreement":
        line = sweep.agreement(agreement).in_force
    elif kind == "party":
        line = sweep.party(agreement, subject).bound
    else:
        line = sweep.commitment(subject).active
    if line.at(day) is T:
        return day
    return next((d for d, v in line.steps if d > day and v is T), None)


@settings(deadline=None, max_examples=max(10, settings.default.max_examples // 2))
@given(st.data())
def test_earliest_days_equal_a_brute_force_search(data: st.DataObject) -> None:
    """Outlook's earliest day is the best any set of imagined events achieves."""
    dataset = data.draw(datasets(max_agreements=2, max_parties=2, max_events=6), label="dataset")
    day = data.draw(dates(min_value=DEFAULT_WINDOW[0], max_value=DEFAULT_WINDOW[1]), label="day")
    policy = EvidencePolicy()
    history = History(dataset, policy=policy)
    refused = refusals(dataset, day, policy)
    checked = 0
    for found in history.outlook(day):
        instrument: list[Template] = []
        if found.kind == "commitment":
            commitment = dataset.commitment(found.subject)
            instrument.append((EventKind.PERFORMANCE, commitment.by, commitment.id, None))
        pool = sorted(
            (
                t
                for t in universe(dataset, found.agreement, instrument)
                if not (t[0] in ACTS and t[1] is not None and (t[1], t[2]) in refused)
            ),
            key=lambda t: (t[0].value, t[2], t[1] or "", t[3] or ""),
        )
        if len(pool) > MAX_UNIVERSE:
            continue
        checked += 1
        best: dt.date | None = None
        for size in range(len(pool) + 1):
            for chosen in itertools.combinations(pool, size):
                reached = first_day(
                    dataset, policy, day, found.kind, found.agreement, found.subject, chosen
                )
                if reached is not None and (best is None or reached < best):
                    best = reached
        where = f"{found.describe()} on {day}\n{dataset!r}"
        assert found.earliest == best, where
        assert (found.prospect is Prospect.FAILED) == (best is None), where
        if found.ways:
            way = found.ways[0]
            assert way.earliest == found.earliest, where
            assert all(e.date == day and e.summary.startswith("(hypothetical)") for e in way.events)
            events = [(e.kind, e.party, e.target, e.official) for e in way.events]
            for smaller in itertools.combinations(events, len(events) - 1) if events else ():
                reached = first_day(
                    dataset, policy, day, found.kind, found.agreement, found.subject, smaller
                )
                assert reached is None or reached > way.earliest, f"not minimal: {where}"
    assume(checked)
