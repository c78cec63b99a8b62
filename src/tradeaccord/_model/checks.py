"""The checks of a dataset as a whole: duplicate ids, unknown references, cycles.

Each check is a small function over an [`Index`][tradeaccord._model.checks.Index] of the
values, and yields [`Finding`][tradeaccord._model.checks.Finding]s: a problem whose
location, and the locations its message refers to, stay data until shown. A
``Dataset`` shows them at the paths of the model; a file reader at the paths of the
file, through its own mapping (see ``tradeaccord._io``).

The index records where each value is. A ``Dataset`` indexes its own values
(``agreements[3]``); a reader that could build only some of the values of a file
indexes those, at their places in the file, and names the ids of the values it could
not build, so that references to them are not reported a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, final

import attrs

from .._conditions import (
    Condition,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Occurred,
    Threshold,
    nodes,
)
from .._vocabulary import EventKind
from ..errors import Key, Location, Problem, show_path
from .values import (
    Agreement,
    Commitment,
    Event,
    Group,
    Measure,
    Official,
    Party,
    ProvisionalApplication,
    Source,
)

__all__ = ["COLLECTIONS", "Entry", "Finding", "Index", "check"]

T = TypeVar("T")

COLLECTIONS = ("parties", "groups", "officials", "measures", "sources", "agreements", "events")
"""The collections of a dataset, in the order of its fields."""


@final
@attrs.frozen
class Entry(Generic[T]):
    """A value and where it is."""

    value: T
    at: Location


@final
@attrs.frozen
class Finding:
    """A problem found by a check: where, and what, with the places the message
    refers to kept as locations until the finding is shown.

    ``parts`` is the message: text, and locations shown as paths.
    """

    at: Location
    parts: tuple[str | Location, ...]

    def problem(self, place: Callable[[Location], Location] | None = None) -> Problem:
        """The finding as a problem; ``place`` maps each model location to the place to
        show (a file reader's path); by default the model's own."""
        move = place or (lambda location: location)
        text = "".join(
            part if isinstance(part, str) else show_path(move(part)) for part in self.parts
        )
        return Problem(move(self.at), text)


def _first(entries: Iterable[Entry[Any]]) -> dict[str, Any]:
    """Each id, and the first value that has it."""
    out: dict[str, Any] = {}
    for entry in entries:
        out.setdefault(entry.value.id, entry.value)
    return out


@final
class Index:
    """The values of a dataset, where each is, and each id's value; built once.

    ``ignore`` names ids that stand for values left out of the index (values a reader
    could not build): references to them are not reported.
    """

    __slots__ = (
        "agreement",
        "agreements",
        "commitment",
        "commitments",
        "event",
        "events",
        "group",
        "groups",
        "ignore",
        "measure",
        "measures",
        "official",
        "officials",
        "owner",
        "parties",
        "party",
        "provisional",
        "source",
        "sources",
    )

    def __init__(
        self,
        *,
        parties: Sequence[Entry[Party]] = (),
        groups: Sequence[Entry[Group]] = (),
        officials: Sequence[Entry[Official]] = (),
        measures: Sequence[Entry[Measure]] = (),
        sources: Sequence[Entry[Source]] = (),
        agreements: Sequence[Entry[Agreement]] = (),
        events: Sequence[Entry[Event]] = (),
        commitments: Sequence[Sequence[Entry[Commitment]]] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self.parties = parties
        self.groups = groups
        self.officials = officials
        self.measures = measures
        self.sources = sources
        self.agreements = agreements
        self.events = events
        self.ignore = ignore
        self.party: dict[str, Party] = _first(parties)
        self.group: dict[str, Group] = _first(groups)
        self.official: dict[str, Official] = _first(officials)
        self.measure: dict[str, Measure] = _first(measures)
        self.source: dict[str, Source] = _first(sources)
        self.agreement: dict[str, Agreement] = _first(agreements)
        self.event: dict[str, Event] = _first(events)
        if commitments is None:
            commitments = [
                [
                    Entry(commitment, (*entry.at, "commitments", j))
                    for j, commitment in enumerate(entry.value.commitments)
                ]
                for entry in agreements
            ]
        self.commitments: Sequence[Sequence[Entry[Commitment]]] = commitments
        """The commitments of each agreement, in the order of ``agreements``."""
        self.commitment: dict[str, Commitment] = {}
        self.owner: dict[str, Agreement] = {}
        for entry, listed in zip(agreements, commitments, strict=True):
            for item in listed:
                self.commitment.setdefault(item.value.id, item.value)
                self.owner.setdefault(item.value.id, entry.value)
        self.provisional: dict[str, ProvisionalApplication] = {
            a.value.provisional_application.id: a.value.provisional_application
            for a in agreements
            if a.value.provisional_application is not None
        }

    @classmethod
    def of(cls, values: Any) -> Index:
        """The index of a dataset (or anything with its collections), at its own paths."""

        def entries(name: str) -> list[Entry[Any]]:
            return [Entry(value, (name, i)) for i, value in enumerate(getattr(values, name))]

        return cls(
            parties=entries("parties"),
            groups=entries("groups"),
            officials=entries("officials"),
            measures=entries("measures"),
            sources=entries("sources"),
            agreements=entries("agreements"),
            events=entries("events"),
        )

    def targets(self) -> dict[str, str]:
        """What each id an event can be about names: ``"agreement"``, ``"commitment"``,
        ``"measure"`` or ``"provisional application"`` (the first, for an id used twice)."""
        out: dict[str, str] = {}
        for label, table in self._target_tables():
            for id in table:
                out.setdefault(id, label)
        return out

    def _target_tables(self) -> tuple[tuple[str, Mapping[str, Any]], ...]:
        return (
            ("agreement", self.agreement),
            ("commitment", self.commitment),
            ("measure", self.measure),
            ("provisional application", self.provisional),
        )


# Messages -------------------------------------------------------------------------------


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _known(table: Iterable[str]) -> str:
    names = sorted(set(table))
    shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
    return f"(known: {shown or 'none'})"


def _unknown(
    index: Index, at: Location, kind: str, value: str | None, table: Mapping[str, Any]
) -> Iterator[Finding]:
    """A finding if ``value`` is an id that ``table`` lacks (and is not ignored)."""
    if value is not None and value not in table and value not in index.ignore:
        yield Finding(at, (f"unknown {kind} {value!r} {_known(table)}",))


# The checks -----------------------------------------------------------------------------


def duplicate_ids(index: Index) -> Iterator[Finding]:
    """An id given twice in one collection, or to two commitments of any agreements."""
    for name in COLLECTIONS:
        first: dict[str, Location] = {}
        for entry in getattr(index, name):
            id = entry.value.id
            if id in first:
                yield Finding(
                    (*entry.at, "id"), (f"duplicate id {id!r} (first used at ", first[id], ")")
                )
            else:
                first[id] = entry.at
    seen: dict[str, Location] = {}
    for entry in (entry for listed in index.commitments for entry in listed):
        id = entry.value.id
        if id in seen:
            yield Finding(
                (*entry.at, "id"),
                (f"duplicate commitment id {id!r} (first used at ", seen[id], ")"),
            )
        else:
            seen[id] = entry.at


def ambiguous_targets(index: Index) -> Iterator[Finding]:
    """An id that names two things an event can be about (an agreement and a measure...)."""
    places: dict[str, dict[str, Location]] = {
        "agreement": {e.value.id: e.at for e in index.agreements},
        "commitment": {e.value.id: e.at for listed in index.commitments for e in listed},
        "measure": {e.value.id: e.at for e in index.measures},
        "provisional application": {
            e.value.provisional_application.id: (*e.at, "provisional_application")
            for e in index.agreements
            if e.value.provisional_application is not None
        },
    }
    named: dict[str, str] = {}
    for label, table in places.items():
        for id in sorted(table):
            if id in named:
                yield Finding(
                    (*table[id], "id"),
                    (
                        f"id {id!r} names both {_article(named[id])} and {_article(label)}; "
                        "event targets would be ambiguous",
                    ),
                )
            else:
                named[id] = label


def party_references(index: Index) -> Iterator[Finding]:
    """The parties named by group members, officials and measures exist."""
    for group in index.groups:
        for j, member in enumerate(group.value.members):
            at = (*group.at, "members", j, "party")
            yield from _unknown(index, at, "party", member.party, index.party)
    for official in index.officials:
        at = (*official.at, "party")
        yield from _unknown(index, at, "party", official.value.party, index.party)
    for entry in index.measures:
        measure = entry.value
        yield from _unknown(
            index, (*entry.at, "imposed_by"), "party", measure.imposed_by, index.party
        )
        for j, party in enumerate(measure.applies_to):
            yield from _unknown(index, (*entry.at, "applies_to", j), "party", party, index.party)


def condition_references(
    index: Index, at: Location, condition: Condition, targets: Mapping[str, str]
) -> Iterator[Finding]:
    """The ids a condition tree names exist: parties, officials, targets, commitments,
    agreements, groups."""
    for location, node in nodes(condition):
        where = (*at, *location)
        if isinstance(node, Occurred):
            yield from _unknown(index, (*where, "party"), "party", node.party, index.party)
            yield from _unknown(
                index, (*where, "official"), "official", node.official, index.official
            )
            yield from _unknown(index, (*where, "target"), "target", node.target, targets)
        elif isinstance(node, Fulfilled):
            yield from _unknown(
                index, (*where, "commitment"), "commitment", node.commitment, index.commitment
            )
        elif isinstance(node, InForce):
            yield from _unknown(
                index, (*where, "agreement"), "agreement", node.agreement, index.agreement
            )
        elif isinstance(node, Threshold):
            yield from _unknown(index, (*where, "target"), "target", node.target, targets)
            if isinstance(node, InstrumentCount | InstrumentShare):
                yield from _unknown(index, (*where, "among"), "group", node.among, index.group)
            else:
                for party, _ in node.weights:
                    yield from _unknown(
                        index, (*where, "weights", Key(party)), "party", party, index.party
                    )


def agreement_references(index: Index, targets: Mapping[str, str]) -> Iterator[Finding]:
    """Each agreement's parties, sources, links, conditions and commitments name what
    exists."""
    for entry, commitments in zip(index.agreements, index.commitments, strict=True):
        agreement, at = entry.value, entry.at
        if not agreement.parties:
            yield Finding((*at, "parties"), ("an agreement needs at least one party",))
        for j, party in enumerate(agreement.parties):
            yield from _unknown(index, (*at, "parties", j), "party", party, index.party)
        for j, source in enumerate(agreement.sources):
            yield from _unknown(index, (*at, "sources", j), "source", source, index.source)
        for j, link in enumerate(agreement.links):
            where = (*at, "links", j, "target")
            yield from _unknown(index, where, "agreement", link.target, index.agreement)
            if link.target == agreement.id:
                yield Finding(where, (f"{agreement.id!r} links to itself",))
        if agreement.entry_into_force is not None:
            when = (*at, "entry_into_force", "when")
            yield from condition_references(index, when, agreement.entry_into_force.when, targets)
        if agreement.provisional_application is not None:
            start = (*at, "provisional_application", "start")
            condition = agreement.provisional_application.start
            yield from condition_references(index, start, condition, targets)
        for commitment in commitments:
            yield from commitment_references(index, agreement, commitment, targets)


def commitment_references(
    index: Index, agreement: Agreement, entry: Entry[Commitment], targets: Mapping[str, str]
) -> Iterator[Finding]:
    """A commitment is by a party to its agreement, about what exists."""
    commitment, at = entry.value, entry.at
    clause = agreement.entry_into_force
    joinable = clause is not None and clause.per_party is not None
    if (
        not joinable
        and commitment.by in index.party
        and commitment.by not in agreement.parties
        and all(p in index.party for p in agreement.parties)
    ):
        yield Finding(
            (*at, "by"),
            (
                f"{commitment.by!r} is not a party to {agreement.id!r} "
                f"(parties: {', '.join(agreement.parties)})",
            ),
        )
    yield from _unknown(index, (*at, "by"), "party", commitment.by, index.party)
    yield from _unknown(index, (*at, "beneficiary"), "party", commitment.beneficiary, index.party)
    yield from _unknown(index, (*at, "measure"), "measure", commitment.measure, index.measure)
    for k, source in enumerate(commitment.sources):
        yield from _unknown(index, (*at, "sources", k), "source", source, index.source)
    if commitment.condition is not None:
        yield from condition_references(index, (*at, "condition"), commitment.condition, targets)


def instruments(index: Index) -> dict[tuple[EventKind, str], Location]:
    """The events that count as a party's instrument, by kind and target, and the place
    (a threshold node, or a per-party clause) that counts them."""
    out: dict[tuple[EventKind, str], Location] = {}

    def thresholds(at: Location, condition: Condition) -> None:
        for location, node in nodes(condition):
            if isinstance(node, Threshold):
                out.setdefault((node.kind, node.target), (*at, *location))

    for entry, commitments in zip(index.agreements, index.commitments, strict=True):
        agreement, at = entry.value, entry.at
        clause = agreement.entry_into_force
        if clause is not None:
            thresholds((*at, "entry_into_force", "when"), clause.when)
            if clause.per_party is not None:
                out.setdefault(
                    (clause.per_party.instrument, agreement.id),
                    (*at, "entry_into_force", "per_party"),
                )
        if agreement.provisional_application is not None:
            start = agreement.provisional_application.start
            thresholds((*at, "provisional_application", "start"), start)
        for commitment in commitments:
            if commitment.value.condition is not None:
                thresholds((*commitment.at, "condition"), commitment.value.condition)
    return out


def event_references(index: Index, targets: Mapping[str, str]) -> Iterator[Finding]:
    """Each event names what exists, an instrument names its party, an official acts for
    the event's party, and an extension is about something that has a term."""
    counted = instruments(index)
    for entry in index.events:
        event, at = entry.value, entry.at
        yield from _unknown(index, (*at, "party"), "party", event.party, index.party)
        yield from _unknown(index, (*at, "official"), "official", event.official, index.official)
        yield from _unknown(index, (*at, "target"), "target", event.target, targets)
        if event.party is None and event.target is not None:
            counted_at = counted.get((event.kind, event.target))
            if counted_at is None and event.kind is EventKind.WITHDRAWAL:
                counted_at = next(
                    (where for (_, t), where in counted.items() if t == event.target), None
                )
            if counted_at is not None:
                yield Finding(
                    (*at, "party"),
                    (
                        f"a {event.kind.value} about {event.target!r} counts as a party's "
                        "instrument (see ",
                        counted_at,
                        ") and needs a party",
                    ),
                )
        for j, source in enumerate(event.sources):
            yield from _unknown(index, (*at, "sources", j), "source", source, index.source)
        official = index.official.get(event.official) if event.official is not None else None
        if official is not None and event.party in index.party and official.party != event.party:
            yield Finding(
                (*at, "official"),
                (
                    f"{event.official!r} acts for {official.party!r}, "
                    f"not for the event's party {event.party!r}",
                ),
            )
        if (
            event.kind is EventKind.EXTENSION
            and event.target is not None
            and targets.get(event.target) == "measure"
        ):
            yield Finding(
                (*at, "target"),
                ("an extension must be about an agreement or a commitment, not a measure",),
            )


def cycles(index: Index) -> Iterator[Finding]:
    """Agreements that depend on each other in a circle, through links or through
    entry-into-force conditions; each cycle once, at the reference that closes it."""
    edges: dict[str, list[tuple[str, Location]]] = {}
    for entry in index.agreements:
        agreement, at = entry.value, entry.at
        out = edges.setdefault(agreement.id, [])
        for j, link in enumerate(agreement.links):
            if link.target in index.agreement and link.target != agreement.id:
                out.append((link.target, (*at, "links", j)))
        if agreement.entry_into_force is not None:
            for location, node in nodes(agreement.entry_into_force.when):
                if isinstance(node, InForce) and node.agreement in index.agreement:
                    where = (*at, "entry_into_force", "when", *location, "agreement")
                    out.append((node.agreement, where))
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> Iterator[Finding]:
        state[node] = 1
        stack.append(node)
        for target, where in edges.get(node, ()):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield Finding(where, ("cyclic reference: " + " -> ".join(cycle),))
            elif target not in state:
                yield from visit(target)
        stack.pop()
        state[node] = 2

    for entry in index.agreements:
        if entry.value.id not in state:
            yield from visit(entry.value.id)


def check(index: Index) -> list[Finding]:
    """Every finding of every check, in the order of the checks."""
    targets = index.targets()
    return [
        *duplicate_ids(index),
        *ambiguous_targets(index),
        *party_references(index),
        *agreement_references(index, targets),
        *event_references(index, targets),
        *cycles(index),
    ]
