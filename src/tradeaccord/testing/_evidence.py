"""Strategies for the evidence of a dataset: report dates, accounts, corrections, policies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from .._model import Account, Dataset, Event, EvidencePolicy, Source
from .._truth import Truth
from .._vocabulary import Confidence, EventKind, SourceKind, Stance
from ._datasets import datasets

__all__ = ["evidence_datasets", "evidence_policies"]

_LAG = 20
"""At most this many days between an event and its report, or a later account."""


@st.composite
def _with_evidence(draw: st.DrawFn, base: Dataset, max_revisions: int) -> Dataset:
    sources = tuple(
        Source(
            id=f"s-{kind.value}",
            publisher=f"Generated {kind.value}",
            kind=kind,
            published=draw(st.none() | st.dates(dt.date(2024, 12, 1), dt.date(2025, 8, 1))),
        )
        for kind in SourceKind
    )
    ids = [s.id for s in sources]

    def lag() -> dt.timedelta:
        return dt.timedelta(days=draw(st.integers(0, _LAG)))

    events: list[Event] = []
    for event in base.events:
        accounts = tuple(
            Account(
                source=draw(st.sampled_from(ids)),
                stance=draw(st.sampled_from(Stance)),
                reported=draw(st.none() | st.just(event.date + lag())),
            )
            for _ in range(draw(st.integers(0, 2)))
        )
        events.append(
            attrs.evolve(
                event,
                sources=tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
                reported=draw(st.none() | st.just(event.date + lag())),
                accounts=accounts,
            )
        )
    for n in range(draw(st.integers(0, max_revisions)) if events else 0):
        old = draw(st.sampled_from(events))
        day = old.date + lag()
        if draw(st.booleans()):
            revision = Event(
                id=f"r{n + 1}",
                date=day,
                kind=EventKind.STATEMENT,
                summary=f"retracts {old.id}",
                retracts=old.id,
                reported=draw(st.none() | st.just(day + lag())),
            )
        else:
            revision = attrs.evolve(
                old,
                id=f"r{n + 1}",
                date=old.date - dt.timedelta(days=draw(st.integers(0, 5))),
                corrects=old.id,
                retracts=None,
                confidence=draw(st.sampled_from(Confidence)),
                reported=day + lag(),
            )
        events.append(revision)
    return attrs.evolve(base, sources=sources, events=tuple(events))


def evidence_datasets(*, max_revisions: int = 2, **kwargs: Any) -> st.SearchStrategy[Dataset]:
    """Datasets of [`datasets`][tradeaccord.testing.datasets] with evidence added.

    One source of each [`SourceKind`][tradeaccord.SourceKind] (ids
    ``s-official_text``...); each event cites up to two of them, may have been
    reported up to 20 days after its date, and has up to two accounts (claims,
    confirmations, denials) of their own dates; then up to ``max_revisions``
    events (ids ``r1``...) retract or correct earlier ones, reported later.
    Other keyword arguments go to ``datasets``.

    Examples:
        >>> from tradeaccord.testing import evidence_datasets
        >>> strategy = evidence_datasets(max_events=4)
    """
    return datasets(**kwargs).flatmap(lambda base: _with_evidence(base, max_revisions))


def evidence_policies() -> st.SearchStrategy[EvidencePolicy]:
    """Evidence policies: any minimum confidence, weakest accepted kind and conflict rule.

    The ranking is the default one or its reverse.

    Examples:
        >>> from tradeaccord.testing import evidence_policies
        >>> strategy = evidence_policies()
    """
    ranking = st.sampled_from(
        [tuple(EvidencePolicy().ranking), tuple(EvidencePolicy().ranking)[::-1]]
    )
    return st.builds(
        EvidencePolicy,
        min_confidence=st.sampled_from(Confidence),
        ranking=ranking,
        min_source=st.sampled_from(SourceKind),
        on_conflict=st.sampled_from(Truth),
    )
