"""Strategies for conditions: thresholds, condition trees, and conditions over a dataset."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction

from hypothesis import strategies as st

from .._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Not,
    Occurred,
    Threshold,
    WeightedShare,
    walk,
)
from .._model import (
    Agreement,
    Dataset,
    Event,
    conditions_of,
)
from .._vocabulary import (
    EventKind,
)
from ._values import (
    DEFAULT_WINDOW,
    EVENT_KINDS,
    INSTRUMENT_KINDS,
    _maybe,
    dates,
    day_counts,
    shares,
    weights,
)


def thresholds(
    *,
    parties: Sequence[str],
    targets: Sequence[str],
    groups: Sequence[str] = (),
    kinds: Sequence[EventKind] = INSTRUMENT_KINDS,
) -> st.SearchStrategy[Threshold]:
    """Threshold nodes counting instruments of ``kinds`` about one of ``targets``.

    ``InstrumentCount`` (of 1 to one more than the number of parties, so that
    some cannot be met, among one of ``groups`` or everyone),
    ``InstrumentShare`` of one of ``groups`` (when there are groups) and
    ``WeightedShare`` over some of ``parties``, with or without a ``total``
    larger than the sum of the weights.

    Examples:
        >>> from tradeaccord.testing import thresholds
        >>> strategy = thresholds(parties=("USA", "CHN"), targets=("tfa",), groups=("WTO",))
    """
    return _thresholds(tuple(parties), tuple(targets), tuple(groups), tuple(kinds))


@functools.lru_cache(maxsize=256)
def _thresholds(
    parties: tuple[str, ...],
    targets: tuple[str, ...],
    groups: tuple[str, ...],
    kinds: tuple[EventKind, ...],
) -> st.SearchStrategy[Threshold]:
    target = st.sampled_from(targets)
    kind = st.sampled_from(kinds)
    options: list[st.SearchStrategy[Threshold]] = [
        st.builds(
            InstrumentCount,
            st.integers(1, len(parties) + 1),
            target=target,
            kind=kind,
            among=_maybe(groups),
        )
    ]
    if groups:
        options.append(
            st.builds(
                InstrumentShare,
                shares(),
                target=target,
                among=st.sampled_from(groups),
                kind=kind,
            )
        )
    if parties:
        extra = st.sampled_from((Fraction(0), Fraction(1), Fraction(1, 2), Fraction(10)))

        @st.composite
        def weighted(draw: st.DrawFn) -> WeightedShare:
            pairs = draw(weights(parties))
            total = None
            if draw(st.booleans()):
                total = sum((w for _, w in pairs), Fraction(0)) + draw(extra)
            return WeightedShare(
                draw(shares()), weights=pairs, target=draw(target), kind=draw(kind), total=total
            )

        options.append(weighted())
    return st.one_of(options)


def conditions(
    *,
    parties: Sequence[str] = (),
    targets: Sequence[str] = (),
    commitments: Sequence[str] = (),
    agreements: Sequence[str] = (),
    officials: Sequence[str] = (),
    kinds: Sequence[EventKind] = EVENT_KINDS,
    facts: Sequence[Event] = (),
    min_date: dt.date = DEFAULT_WINDOW[0],
    max_date: dt.date = DEFAULT_WINDOW[1],
    max_leaves: int = 8,
    instruments: Sequence[str] = (),
    groups: Sequence[str] = (),
    instrument_kinds: Sequence[EventKind] = INSTRUMENT_KINDS,
) -> st.SearchStrategy[Condition]:
    """Condition trees over the given ids, using every node kind.

    Leaves are ``Occurred`` (of one of ``kinds``, by one of ``parties`` or
    nobody in particular, about one of ``targets`` or anything),
    ``DateReached``, ``Fulfilled`` (when ``commitments`` are given),
    ``InForce`` (when ``agreements`` are given) and, when ``instruments``
    (targets whose instruments are counted) are given, the threshold nodes of
    [`thresholds`][tradeaccord.testing.thresholds] (counting instruments of
    ``instrument_kinds``, among ``groups``); they are joined with
    ``AllOf`` and ``AnyOf`` (including the empty ones), ``Not``, ``AtLeast``
    and ``Delay``, and into "from a date, as long as ... has not happened"
    (``AllOf(DateReached(d), Not(c))``), which can hold and then stop holding.
    ``max_leaves`` bounds the size of a tree.

    Random ``Occurred`` leaves seldom match any recorded event; give the events
    of a dataset as ``facts`` to also get leaves that some of them satisfy
    (``conditions_for`` does).

    Examples:
        >>> from tradeaccord.testing import conditions
        >>> strategy = conditions(parties=("USA", "CHN"), targets=("london-2025",),
        ...                       agreements=("geneva-2025",), max_leaves=4)
    """
    return _conditions(
        tuple(parties),
        tuple(targets),
        tuple(commitments),
        tuple(agreements),
        tuple(officials),
        tuple(kinds),
        _satisfied_leaves(facts),
        min_date,
        max_date,
        max_leaves,
        tuple(instruments),
        tuple(groups),
        tuple(instrument_kinds),
    )


# Strategies are immutable and Hypothesis validates each one on its first use: building
# them once per set of arguments keeps drawing fast when a test draws many of them.
@functools.lru_cache(maxsize=256)
def _conditions(
    parties: tuple[str, ...],
    targets: tuple[str, ...],
    commitments: tuple[str, ...],
    agreements: tuple[str, ...],
    officials: tuple[str, ...],
    kinds: tuple[EventKind, ...],
    facts: tuple[Occurred, ...],
    min_date: dt.date,
    max_date: dt.date,
    max_leaves: int,
    instruments: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    instrument_kinds: tuple[EventKind, ...] = INSTRUMENT_KINDS,
) -> st.SearchStrategy[Condition]:
    occurred = st.builds(
        Occurred,
        st.sampled_from(tuple(kinds)),
        party=_maybe(parties),
        target=_maybe(targets),
        official=_maybe(officials) if officials else st.none(),
    )
    days = dates(min_value=min_date, max_value=max_date)
    leaf_options: list[st.SearchStrategy[Condition]] = [occurred, st.builds(DateReached, days)]
    if facts:
        leaf_options.append(st.sampled_from(facts))
    if commitments:
        leaf_options.append(st.builds(Fulfilled, st.sampled_from(tuple(commitments))))
    if agreements:
        leaf_options.append(st.builds(InForce, st.sampled_from(tuple(agreements))))
    if instruments and instrument_kinds:
        leaf_options.append(
            thresholds(parties=parties, targets=instruments, groups=groups, kinds=instrument_kinds)
        )
    leaves: st.SearchStrategy[Condition] = st.one_of(leaf_options)
    rules = day_counts(max_days=30, min_date=min_date, max_date=max_date, max_leaves=2)

    def extend(inner: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        several = st.lists(inner, min_size=0, max_size=3)
        some = st.lists(inner, min_size=1, max_size=3)
        return st.one_of(
            several.map(lambda items: AllOf(*items)),
            several.map(lambda items: AnyOf(*items)),
            inner.map(Not),
            some.flatmap(
                lambda items: st.integers(1, len(items)).map(lambda n: AtLeast(n, *items))
            ),
            st.builds(Delay, inner, rules),
            # "from a date, as long as ... has not happened": a condition that can
            # become TRUE and then stop holding, which monotone leaves never do.
            st.tuples(days, inner).map(lambda pair: AllOf(DateReached(pair[0]), Not(pair[1]))),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves)


def _satisfied_leaves(facts: Iterable[Event]) -> tuple[Occurred, ...]:
    """The ``Occurred`` leaves the events satisfy: each kind, with or without the other fields."""
    found: set[Occurred] = set()
    for event in facts:
        for party, target, official in itertools.product(
            {event.party, None}, {event.target, None}, {event.official, None}
        ):
            found.add(Occurred(event.kind, party=party, target=target, official=official))
    return tuple(sorted(found, key=repr))


def _commitment_ids(dataset: Dataset) -> tuple[str, ...]:
    return tuple(c.id for a in dataset.agreements for c in a.commitments)


def conditions_for(
    dataset: Dataset,
    *,
    min_date: dt.date = DEFAULT_WINDOW[0],
    max_date: dt.date = DEFAULT_WINDOW[1],
    max_leaves: int = 6,
) -> st.SearchStrategy[Condition]:
    """Conditions over the parties, officials, agreements and commitments of ``dataset``.

    Some ``Occurred`` leaves are drawn from the dataset's events, so that they hold.
    Threshold nodes count instruments about the agreements, among the dataset's groups.

    Examples:
        >>> from tradeaccord import example_dataset
        >>> from tradeaccord.testing import conditions_for
        >>> strategy = conditions_for(example_dataset(), max_leaves=4)
    """
    commitments = _commitment_ids(dataset)
    agreements = tuple(a.id for a in dataset.agreements)
    return conditions(
        parties=tuple(p.id for p in dataset.parties),
        targets=agreements + commitments,
        commitments=commitments,
        agreements=agreements,
        officials=tuple(o.id for o in dataset.officials),
        facts=dataset.events,
        min_date=min_date,
        max_date=max_date,
        max_leaves=max_leaves,
        instruments=agreements,
        groups=tuple(g.id for g in dataset.groups),
    )


def counted_instruments(dataset: Dataset) -> frozenset[tuple[EventKind, str]]:
    """The (kind, target) pairs a dataset counts as parties' instruments.

    They come from the threshold nodes of its conditions and from its
    per-party entry-into-force rules. An event of such a kind about such a
    target, or a withdrawal about the target, must have a party: give the
    result to [`events`][tradeaccord.testing.events] as ``counted`` when you
    add events to the dataset.

    Examples:
        >>> from tradeaccord import example_dataset
        >>> from tradeaccord.testing import counted_instruments
        >>> counted_instruments(example_dataset())
        frozenset()
    """
    return frozenset(_counted(dataset.agreements))


def _counted(agreements: Iterable[Agreement]) -> set[tuple[EventKind, str]]:
    found: set[tuple[EventKind, str]] = set()
    for agreement in agreements:
        clause = agreement.entry_into_force
        if clause is not None and clause.per_party is not None:
            found.add((clause.per_party.instrument, agreement.id))
        for condition in conditions_of(agreement):
            for _, node in walk(condition):
                if isinstance(node, Threshold):
                    found.add((node.kind, node.target))
    return found
