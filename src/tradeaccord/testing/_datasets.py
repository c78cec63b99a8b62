"""Strategies for whole datasets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs
from hypothesis import strategies as st

from .._conditions import (
    Condition,
    DateReached,
    Fulfilled,
    Occurred,
    walk,
)
from .._model import (
    Agreement,
    Commitment,
    Dataset,
    Deadline,
    EntryIntoForce,
    Event,
    Group,
    Link,
    Measure,
    Member,
    Official,
    Party,
    PartyEntry,
    ProvisionalApplication,
    Source,
    conditions_of,
)
from .._vocabulary import (
    Action,
    AgreementKind,
    Basis,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    SourceKind,
)
from ._conditions import _counted, conditions, thresholds
from ._values import (
    _AGREEMENT_EVENTS,
    _COMMITMENT_EVENTS,
    _INSTRUMENT_CONFIDENCES,
    _MEASURE_EVENTS,
    _PARTY_NAMES,
    _PROVISIONAL_EVENTS,
    _SOURCE_ID,
    DEFAULT_WINDOW,
    INSTRUMENT_KINDS,
    _maybe,
    _needs_party,
    dates,
    day_counts,
    events,
    periods,
    terms,
)


def _deadlines(min_date: dt.date, max_date: dt.date) -> st.SearchStrategy[Deadline]:
    return st.one_of(
        st.builds(Deadline, on=dates(min_value=min_date, max_value=max_date)),
        st.builds(Deadline, within=periods(max_years=0, max_months=0, max_days=60)),
    )


def _subset(draw: st.DrawFn, values: Sequence[str], *, min_size: int) -> tuple[str, ...]:
    """A subset of ``values`` of at least ``min_size`` items, in their original order."""
    if not values:
        return ()
    chosen = draw(st.sets(st.sampled_from(tuple(values)), min_size=min_size))
    return tuple(v for v in values if v in chosen)


@st.composite
def _satisfying(
    draw: st.DrawFn,
    leaf: Occurred | Fulfilled,
    parties: Sequence[str],
    targets: Sequence[str],
    acting: Mapping[str, str],
    min_date: dt.date,
    max_date: dt.date,
) -> Event | None:
    """An event that satisfies ``leaf`` (``None`` if no valid event can)."""
    party: str | None
    target: str | None
    official: str | None
    date = draw(dates(min_value=min_date, max_value=max_date))
    if isinstance(leaf, Fulfilled):
        kind, party, target, official = EventKind.PERFORMANCE, None, leaf.commitment, None
    else:
        kind, party, target, official = leaf.kind, leaf.party, leaf.target, leaf.official
    if official is not None:
        if party is not None and acting[official] != party:
            return None
        party = acting[official]
    return Event(
        id="satisfying",
        date=date,
        kind=kind,
        summary=f"generated {kind.value}",
        party=party if party is not None else draw(_maybe(parties)),
        official=official,
        target=target if target is not None else draw(_maybe(targets)),
        confidence=draw(st.sampled_from(Confidence)),
        ends_on=(
            date + dt.timedelta(days=draw(st.integers(1, 60)))
            if kind is EventKind.EXTENSION
            else None
        ),
    )


def _instrument(
    draw: st.DrawFn,
    kind: EventKind,
    target: str,
    party: str,
    date: dt.date,
    acting: Mapping[str, str],
) -> Event:
    """A party's instrument (or withdrawal) about ``target``, with any confidence."""
    candidates = sorted(o for o, p in acting.items() if p == party)
    return Event(
        id="instrument",
        date=date,
        kind=kind,
        summary=f"generated {kind.value}",
        party=party,
        official=draw(_maybe(candidates)),
        target=target,
        # Mostly established, so that thresholds are met; weak now and then.
        confidence=draw(st.sampled_from(_INSTRUMENT_CONFIDENCES)),
    )


@st.composite
def _memberships(
    draw: st.DrawFn, parties: tuple[str, ...], min_date: dt.date, max_date: dt.date
) -> tuple[Member, ...]:
    """Members of a group: some of ``parties``, each from a day (or always) until a day (or on)."""
    rows: list[Member] = []
    for party in _subset(draw, parties, min_size=0):
        for _ in range(draw(st.integers(1, 2))):
            joined = draw(st.none() | dates(min_value=min_date, max_value=max_date))
            first_left = min_date if joined is None else joined + dt.timedelta(days=1)
            left = draw(
                st.none() | dates(min_value=first_left, max_value=max(first_left, max_date))
            )
            rows.append(Member(party=party, joined=joined, left=left))
    return tuple(rows)


def _provisional_applications(
    id: str,
    start: st.SearchStrategy[Condition],
    min_date: dt.date,
    max_date: dt.date,
) -> st.SearchStrategy[ProvisionalApplication]:
    """Provisional applications with a start condition and no sunset, a fixed one or a term."""
    days = dates(min_value=min_date, max_value=max_date)
    rules = day_counts(max_days=30, min_date=min_date, max_date=max_date, max_leaves=2)
    return st.one_of(
        st.builds(ProvisionalApplication, id=st.just(id), start=start, effective=rules),
        st.builds(
            ProvisionalApplication, id=st.just(id), start=start, effective=rules, ends_on=days
        ),
        st.builds(
            ProvisionalApplication, id=st.just(id), start=start, effective=rules, term=terms()
        ),
    )


@st.composite
def _datasets(
    draw: st.DrawFn,
    *,
    max_parties: int,
    max_agreements: int,
    max_commitments: int,
    max_events: int,
    min_date: dt.date,
    max_date: dt.date,
    max_leaves: int,
    max_groups: int,
    max_measures: int,
) -> Dataset:
    party_ids = tuple(
        draw(
            st.lists(
                st.sampled_from(tuple(_PARTY_NAMES)), min_size=2, max_size=max_parties, unique=True
            )
        )
    )
    parties = tuple(Party(id=p, name=_PARTY_NAMES[p]) for p in party_ids)
    officials = tuple(
        Official(id=f"{p.lower()}-lead", name=f"Lead negotiator for {p}", party=p)
        for p in _subset(draw, party_ids, min_size=0)
    )
    acting = {o.id: o.party for o in officials}
    groups = tuple(
        Group(
            id=f"g{i + 1}",
            name=f"Generated group {i + 1}",
            members=draw(_memberships(party_ids, min_date, max_date)),
        )
        for i in range(draw(st.integers(0, max_groups)))
    )
    group_ids = tuple(g.id for g in groups)
    measures = tuple(
        Measure(
            id=f"m{i + 1}",
            name=f"Generated measure {i + 1}",
            imposed_by=draw(st.sampled_from(party_ids)),
            kind=draw(st.sampled_from(MeasureKind)),
        )
        for i in range(draw(st.integers(0, max_measures)))
    )
    measure_ids = tuple(m.id for m in measures)

    agreement_ids = [f"a{i + 1}" for i in range(draw(st.integers(1, max_agreements)))]
    commitment_ids = {
        a: [f"{a}/c{j + 1}" for j in range(draw(st.integers(0, max_commitments)))]
        for a in agreement_ids
    }
    # Which agreements have an entry-into-force clause, and which of those can be applied
    # provisionally (without a clause, an agreement is in force once concluded).
    with_clause = [a for a in agreement_ids if draw(st.booleans())]
    provisional_ids = {a: f"{a}/provisional" for a in with_clause if draw(st.integers(0, 2)) > 0}
    every_commitment = tuple(c for ids in commitment_ids.values() for c in ids)
    targets = (*agreement_ids, *every_commitment, *provisional_ids.values())

    # One kind of instrument for the whole dataset, so that the deposits drawn below
    # count towards the thresholds (the other kind still turns up among random events).
    instrument_kind = draw(st.sampled_from(INSTRUMENT_KINDS))

    def over(agreements: Sequence[str]) -> st.SearchStrategy[Condition]:
        return conditions(
            parties=party_ids,
            targets=targets,
            commitments=every_commitment,
            agreements=agreements,
            officials=tuple(acting),
            min_date=min_date,
            max_date=max_date,
            max_leaves=max_leaves,
            instruments=agreement_ids,
            groups=group_ids,
            instrument_kinds=(instrument_kind,),
        )

    rules = day_counts(max_days=30, min_date=min_date, max_date=max_date, max_leaves=2)
    agreements: list[Agreement] = []
    for index, agreement_id in enumerate(agreement_ids):
        # InForce and links only point to earlier agreements, so there are no cycles.
        earlier = agreement_ids[:index]
        members = _subset(draw, party_ids, min_size=1)
        commitments = tuple(
            Commitment(
                id=commitment_id,
                by=draw(st.sampled_from(members)),
                action=draw(st.sampled_from(Action)),
                summary=f"generated commitment {commitment_id}",
                measure=draw(_maybe(measure_ids)),
                beneficiary=draw(_maybe(party_ids)),
                # Commitment conditions cannot make cycles: any agreement will do.
                condition=draw(st.none() | over(agreement_ids)),
                deadline=draw(st.none() | _deadlines(min_date, max_date)),
                term=draw(st.none() | terms()),
                basis=draw(st.sampled_from(Basis)),
                confidence=draw(st.sampled_from(Confidence)),
            )
            for commitment_id in commitment_ids[agreement_id]
        )
        clause = None
        if agreement_id in with_clause:
            per_party = draw(
                st.none()
                | st.builds(
                    PartyEntry,
                    instrument=st.just(instrument_kind),
                    effective=rules,
                    withdrawal=rules,
                )
            )
            # The usual multilateral clause is a bare threshold: draw one often.
            threshold = thresholds(
                parties=party_ids,
                targets=(agreement_id,),
                groups=group_ids,
                kinds=(instrument_kind,),
            )
            clause = EntryIntoForce(
                when=draw(threshold | over(earlier) | threshold),
                effective=draw(rules),
                deadline=draw(st.none() | dates(min_value=min_date, max_value=max_date)),
                per_party=per_party,
            )
        provisional = None
        if agreement_id in provisional_ids:
            # The start may ask for any agreement: it takes no part in entry into force.
            start = st.builds(DateReached, dates(min_value=min_date, max_value=max_date))
            provisional = draw(
                _provisional_applications(
                    provisional_ids[agreement_id], start | over(agreement_ids), min_date, max_date
                )
            )
        links = tuple(
            Link(kind=draw(st.sampled_from(LinkKind)), target=target)
            for target in _subset(draw, earlier, min_size=0)
        )
        # An agreement that binds each party by its own instrument is concluded early on,
        # so that parties do come to be bound within the window.
        concluded = draw(
            dates(min_value=min_date, max_value=min_date + (max_date - min_date) // 2)
            if clause is not None and clause.per_party is not None
            else st.one_of(dates(min_value=min_date, max_value=max_date), st.none())
        )
        agreements.append(
            Agreement(
                id=agreement_id,
                title=f"Generated agreement {agreement_id}",
                kind=draw(st.sampled_from(AgreementKind)),
                parties=members,
                concluded=concluded,
                entry_into_force=clause,
                commitments=commitments,
                links=links,
                term=draw(st.none() | terms()),
                provisional_application=provisional,
            )
        )
    counted = frozenset(_counted(agreements))

    # Parties' instruments about what thresholds and per-party rules count, and their
    # withdrawals: deposits that count, are taken back, and are deposited again.
    # Up to half of the events.
    drawn: list[Event] = []
    budget = -(-max_events // 2)
    pairs = sorted(counted, key=lambda pair: (pair[0].value, pair[1]))
    for kind, target in draw(st.permutations(pairs)) if pairs else ():
        for party in draw(st.permutations(party_ids))[: draw(st.integers(1, len(party_ids)))]:
            if budget <= 0:
                break
            deposited = draw(dates(min_value=min_date, max_value=max_date))
            drawn.append(_instrument(draw, kind, target, party, deposited, acting))
            budget -= 1
            if budget > 0 and draw(st.integers(0, 3)) == 0:
                # Withdrawn on the day of the deposit or later.
                withdrawn = draw(dates(min_value=deposited, max_value=max_date))
                drawn.append(
                    _instrument(draw, EventKind.WITHDRAWAL, target, party, withdrawn, acting)
                )
                budget -= 1

    # Events that satisfy some of the leaves, so that conditions do not all stay FALSE.
    leaves = [
        node
        for agreement in agreements
        for condition in conditions_of(agreement)
        for _, node in walk(condition)
        if isinstance(node, Occurred | Fulfilled)
    ]
    # A quarter of the events at most satisfy leaves, a quarter move things through
    # their lives, and the rest (after the instruments) are random.
    quarter = -(-max_events // 4)
    chosen = draw(st.lists(st.sampled_from(leaves), max_size=quarter)) if leaves else []
    drawn += [
        event
        for leaf in chosen
        if (event := draw(_satisfying(leaf, party_ids, targets, acting, min_date, max_date)))
        is not None
    ]
    # Events that move agreements, commitments, provisional applications and measures
    # through their lives: suspensions, extensions of their terms, performances, ends.
    # They happen once the agreement is concluded, if it has a date for that.
    lifecycle: list[tuple[EventKind, str, dt.date]] = []
    concerned: set[str] = set()
    for agreement in agreements:
        since = agreement.concluded or min_date
        kinds = _AGREEMENT_EVENTS + ((EventKind.EXTENSION,) if agreement.term else ())
        if agreement.concluded is None:
            kinds += (EventKind.CONCLUSION,)
        lifecycle += [(kind, agreement.id, since) for kind in kinds]
        for commitment in agreement.commitments:
            kinds = _COMMITMENT_EVENTS + ((EventKind.EXTENSION,) if commitment.term else ())
            lifecycle += [(kind, commitment.id, since) for kind in kinds]
            if commitment.measure is not None:
                concerned.add(commitment.measure)
        provisional = agreement.provisional_application
        if provisional is not None:
            sunset = provisional.ends_on is not None or provisional.term is not None
            kinds = _PROVISIONAL_EVENTS + ((EventKind.EXTENSION,) if sunset else ())
            lifecycle += [(kind, provisional.id, since) for kind in kinds]
    lifecycle += [(kind, m, min_date) for m in sorted(concerned) for kind in _MEASURE_EVENTS]

    def about(target: str, kind: EventKind, first: dt.date, last: dt.date) -> Event:
        strategy = events(
            parties=party_ids,
            targets=(target,),
            officials=acting,
            kinds=(kind,),
            min_date=first,
            max_date=last,
            untargeted=False,
            counted=counted,
        )
        return draw(strategy)

    # Now and then, the end of a measure a commitment concerns, and the extension or end
    # of a provisional application, whatever else was drawn.
    rare = [(kind, m, min_date) for kind, m, _ in lifecycle if m in concerned]
    rare += [
        (kind, a.provisional_application.id, a.concluded or min_date)
        for a in agreements
        if a.provisional_application is not None
        for kind in (EventKind.TERMINATION, EventKind.EXTENSION)
        if kind is EventKind.TERMINATION
        or a.provisional_application.ends_on is not None
        or a.provisional_application.term is not None
    ]
    picked = draw(st.lists(st.sampled_from(rare), max_size=1)) if rare else []
    for kind, target, since in picked + draw(
        st.lists(st.sampled_from(lifecycle), max_size=quarter)
    ):
        event = about(target, kind, since, max_date)
        drawn.append(event)
        if kind is EventKind.SUSPENSION and len(drawn) < max_events and draw(st.booleans()):
            # ... and the resumption that lifts it.
            resumed = event.date + dt.timedelta(days=draw(st.integers(1, 30)))
            drawn.append(about(target, EventKind.RESUMPTION, resumed, resumed))
    drawn += draw(
        st.lists(
            events(
                parties=party_ids,
                targets=targets,
                officials=acting,
                sources=(_SOURCE_ID,),
                min_date=min_date,
                max_date=max_date,
                counted=counted,
            ),
            max_size=max(0, max_events - len(drawn)),
        )
    )
    # An event that satisfies a leaf about a counted instrument needs a party too.
    drawn = [
        attrs.evolve(e, party=draw(st.sampled_from(party_ids)))
        if e.party is None and _needs_party(e.kind, e.target, counted)
        else e
        for e in drawn
    ]
    numbered = tuple(attrs.evolve(e, id=f"e{i + 1}") for i, e in enumerate(drawn))
    source = Source(id=_SOURCE_ID, publisher="Generated", kind=draw(st.sampled_from(SourceKind)))
    return Dataset(
        parties=parties,
        groups=groups,
        officials=officials,
        measures=measures,
        sources=(source,),
        agreements=tuple(agreements),
        events=numbered,
        title="generated dataset",
    )


def datasets(
    *,
    max_parties: int = 3,
    max_agreements: int = 3,
    max_commitments: int = 2,
    max_events: int = 8,
    min_date: dt.date = DEFAULT_WINDOW[0],
    max_date: dt.date = DEFAULT_WINDOW[1],
    max_leaves: int = 5,
    max_groups: int = 2,
    max_measures: int = 2,
) -> st.SearchStrategy[Dataset]:
    """Valid datasets: a few parties, agreements with commitments, and events about them.

    Each of the 1 to ``max_agreements`` agreements (ids ``a1``, ``a2``...) has
    a conclusion date or none, maybe an entry-into-force clause (its condition
    uses ``InForce`` only of earlier agreements, so there is no cycle; often it
    is a bare threshold), maybe a deadline, a per-party rule
    ([`PartyEntry`][tradeaccord.PartyEntry]), links, a term and a provisional
    application (id ``a1/provisional``, with no sunset, a fixed one or a
    term); each has up to ``max_commitments`` commitments (ids ``a1/c1``...)
    with an optional measure, condition, deadline and term. Conditions use
    every node kind, thresholds included (see
    [`conditions`][tradeaccord.testing.conditions]).

    Up to ``max_groups`` groups (``g1``...) have members who join and leave on
    dated days; up to ``max_measures`` measures (``m1``...) are what
    commitments may concern. About ``max_events`` events (ids ``e1``,
    ``e2``...) of the kinds in ``EVENT_KINDS``, with random confidences, are
    about the agreements, commitments and provisional applications: parties'
    instruments (of ``INSTRUMENT_KINDS``) and their withdrawals, where a
    threshold or a per-party rule counts them (always with a party, as a
    valid dataset requires), extensions and terminations of provisional
    applications, and invalidations and terminations of the measures that
    commitments concern. Every date is between ``min_date`` and ``max_date``
    (the end of a membership may be the day after).

    Examples:
        >>> from tradeaccord.testing import datasets
        >>> strategy = datasets(max_agreements=2, max_events=5)
    """
    return _datasets(
        max_parties=max(2, max_parties),
        max_agreements=max(1, max_agreements),
        max_commitments=max_commitments,
        max_events=max_events,
        min_date=min_date,
        max_date=max_date,
        max_leaves=max_leaves,
        max_groups=max_groups,
        max_measures=max_measures,
    )
