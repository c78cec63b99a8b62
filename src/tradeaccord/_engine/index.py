"""A dataset's events, indexed once: in date order, by target, by kind, by party."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import final

from .._conditions import Occurred
from .._model import Event
from .._vocabulary import EventKind

__all__ = ["EventIndex", "RecordedIndex", "matches"]


def matches(leaf: Occurred, event: Event) -> bool:
    """Whether ``event`` is an instance of the fact ``leaf`` asks about."""
    return (
        event.kind is leaf.kind
        and (leaf.party is None or event.party == leaf.party)
        and (leaf.target is None or event.target == leaf.target)
        and (leaf.official is None or event.official == leaf.official)
    )


@final
class EventIndex:
    """The events of a dataset sorted by date (ties keep their input order) and grouped.

    Built once per dataset; every lookup returns events in date order. The
    index is never changed after it is built.
    """

    __slots__ = (
        "_about",
        "_by_kind",
        "_by_target",
        "_by_target_kind",
        "_events",
        "_given",
        "_instruments",
        "_parties",
    )

    def __init__(self, events: Iterable[Event]) -> None:
        self._given = tuple(events)
        self._events: tuple[Event, ...] | None = None
        by_target_kind: dict[tuple[str, EventKind], list[Event]] = {}
        for event in self._given:
            if event.target is not None:
                key = (event.target, event.kind)
                found = by_target_kind.get(key)
                if found is None:
                    by_target_kind[key] = [event]
                else:
                    found.append(event)
        for group in by_target_kind.values():
            group.sort(key=_date)  # stable: events of a day keep their order
        self._by_target_kind = by_target_kind
        # Built on first use: most datasets are asked about by target and kind only.
        self._by_kind: dict[EventKind, list[Event]] | None = None
        self._by_target: dict[str, list[Event]] | None = None
        self._instruments: dict[tuple[str, EventKind], dict[str, list[Event]]] = {}
        self._about: dict[tuple[str, frozenset[EventKind]], list[Event]] = {}
        self._parties: dict[tuple[str, EventKind], list[str]] = {}

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, in date order (events of a day in the order given)."""
        if self._events is None:
            self._events = tuple(sorted(self._given, key=_date))
        return self._events

    def about(self, target: str, *kinds: EventKind) -> list[Event]:
        """The events about ``target`` of the given kinds, in date order."""
        if len(kinds) == 1:
            return self._by_target_kind.get((target, kinds[0]), _NONE)
        groups = [g for g in (self._by_target_kind.get((target, k)) for k in kinds) if g]
        if len(groups) <= 1:
            return groups[0] if groups else _NONE
        wanted = frozenset(kinds)
        found = self._about.get((target, wanted))
        if found is None:
            if self._by_target is None:
                by_target: dict[str, list[Event]] = {}
                for event in self.events:
                    if event.target is not None:
                        by_target.setdefault(event.target, []).append(event)
                self._by_target = by_target
            found = [e for e in self._by_target.get(target, _NONE) if e.kind in wanted]
            self._about[target, wanted] = found
        return found

    def matching(self, leaf: Occurred) -> list[Event]:
        """The events that instantiate an ``Occurred`` leaf, in date order."""
        if leaf.target is not None:
            candidates = self._by_target_kind.get((leaf.target, leaf.kind), _NONE)
        else:
            if self._by_kind is None:
                by_kind: dict[EventKind, list[Event]] = {}
                for event in self.events:
                    by_kind.setdefault(event.kind, []).append(event)
                self._by_kind = by_kind
            candidates = self._by_kind.get(leaf.kind, _NONE)
        if leaf.party is None and leaf.official is None:
            return candidates
        return [e for e in candidates if matches(leaf, e)]

    def instruments(self, target: str, kind: EventKind) -> dict[str, list[Event]]:
        """Each party's instruments of ``kind`` about ``target`` and its withdrawals, in date order.

        Every party with such an event is a key, in the order of its first one
        (a party that only withdrew included).
        """
        key = (target, kind)
        found = self._instruments.get(key)
        if found is None:
            found = {}
            for event in self.about(target, kind, EventKind.WITHDRAWAL):
                if event.party is not None:
                    found.setdefault(event.party, []).append(event)
            self._instruments[key] = found
        return found

    def party_instruments(self, target: str, kind: EventKind, party: str) -> list[Event]:
        """``party``'s instruments of ``kind`` about ``target`` and its withdrawals, in date order."""
        return self.instruments(target, kind).get(party, _NONE)

    def instrument_parties(self, target: str, kind: EventKind) -> list[str]:
        """The parties with an instrument of ``kind`` about ``target``, in the order of the first."""
        found = self._parties.get((target, kind))
        if found is None:
            seen: dict[str, None] = {}
            for event in self._by_target_kind.get((target, kind), _NONE):
                if event.party is not None:
                    seen.setdefault(event.party, None)
            found = self._parties[target, kind] = list(seen)
        return found

    def through(self, day: dt.date) -> RecordedIndex:
        """The same index without the events dated after ``day``: the record as it stood then."""
        return RecordedIndex(self, day)


@final
class RecordedIndex:
    """An [`EventIndex`][] as it stood on one day: its lookups leave out later events."""

    __slots__ = ("_index", "day")

    def __init__(self, index: EventIndex, day: dt.date) -> None:
        self._index = index
        self.day = day

    def _cut(self, events: list[Event]) -> list[Event]:
        if not events or events[-1].date <= self.day:
            return events
        return events[: bisect.bisect_right(events, self.day, key=_date)]

    def about(self, target: str, *kinds: EventKind) -> list[Event]:
        """The events about ``target`` of the given kinds dated by then, in date order."""
        return self._cut(self._index.about(target, *kinds))

    def matching(self, leaf: Occurred) -> list[Event]:
        """The events dated by then that instantiate an ``Occurred`` leaf, in date order."""
        return self._cut(self._index.matching(leaf))

    def instruments(self, target: str, kind: EventKind) -> dict[str, list[Event]]:
        """Each party's instruments and withdrawals dated by then (see `EventIndex.instruments`)."""
        out: dict[str, list[Event]] = {}
        for party, events in self._index.instruments(target, kind).items():
            kept = self._cut(events)
            if kept:
                out[party] = kept
        return out

    def party_instruments(self, target: str, kind: EventKind, party: str) -> list[Event]:
        """``party``'s instruments and withdrawals dated by then, in date order."""
        return self._cut(self._index.party_instruments(target, kind, party))

    def instrument_parties(self, target: str, kind: EventKind) -> list[str]:
        """The parties with an instrument dated by then, in the order of the first."""
        seen: dict[str, None] = {}
        for event in self.about(target, kind):
            if event.party is not None:
                seen.setdefault(event.party, None)
        return list(seen)

    def through(self, day: dt.date) -> RecordedIndex:
        """The record as it stood on an earlier (or the same) day."""
        return RecordedIndex(self._index, min(day, self.day))


_NONE: list[Event] = []


def _date(event: Event) -> dt.date:
    return event.date
