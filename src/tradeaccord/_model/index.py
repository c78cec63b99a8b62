"""The index of a dataset that its checks read: every value, where it is, each id's
value, and every condition node; and the findings the checks make.

A ``Dataset`` indexes its own values (``agreements[3]``); a reader that could build only
some of the values of a file indexes those, with their places in the file, and names the
ids of the values it could not build, so that references to them are not reported a
second time. A location is made only for a finding: checking a valid dataset builds none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple, final

import attrs

from .._conditions import AllOf, AnyOf, AtLeast, Condition, Delay, Not, nodes
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

__all__ = ["COLLECTIONS", "Finding", "Index", "Root", "flatten"]

COLLECTIONS: Final = (
    "parties",
    "groups",
    "officials",
    "measures",
    "sources",
    "agreements",
    "events",
)
"""The collections of a dataset, in the order of its fields."""


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


def conditions_of(agreement: Agreement) -> list[Condition]:
    """The condition trees of an agreement: its commitments' conditions, its entry into
    force and the start of its provisional application (those it has)."""
    found = [c.condition for c in agreement.commitments if c.condition is not None]
    if agreement.entry_into_force is not None:
        found.append(agreement.entry_into_force.when)
    if agreement.provisional_application is not None:
        found.append(agreement.provisional_application.start)
    return found


def flatten(condition: Condition) -> list[Condition]:
    """Every node of a condition tree, depth first (the order of ``nodes``)."""
    out: list[Condition] = []
    stack = [condition]
    while stack:
        node = stack.pop()
        out.append(node)
        kind = type(node)
        if kind is Not or kind is Delay:
            stack.append(node.item)  # type: ignore[union-attr]
        elif kind is AllOf or kind is AnyOf or kind is AtLeast:
            stack.extend(reversed(node.items))  # type: ignore[union-attr]
    return out


class Root(NamedTuple):
    """A condition tree of the agreement at ``agreement`` in the index: its entry into
    force (``"when"``), the start of its provisional application (``"start"``), or the
    condition of its commitment at ``commitment`` (``"condition"``); with every node,
    depth first."""

    agreement: int
    kind: str
    condition: Condition
    nodes: list[Condition]
    commitment: int | None = None


@final
class Index:
    """The values of a dataset, each id's value, and every condition node; built once,
    for every check.

    ``places`` gives the place of each value of a collection (by its name), and of each
    commitment (``"commitments"``: one list per agreement), when they are not the
    natural ones (``agreements[3]``, ``agreements[3].commitments[1]``): a reader gives
    the places in the file of the values it could read. ``ignore`` names ids that stand
    for values left out of the index: references to them are not reported.
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
        "places",
        "provisional",
        "roots",
        "source",
        "sources",
        "targets",
    )

    def __init__(
        self,
        *,
        parties: Sequence[Party] = (),
        groups: Sequence[Group] = (),
        officials: Sequence[Official] = (),
        measures: Sequence[Measure] = (),
        sources: Sequence[Source] = (),
        agreements: Sequence[Agreement] = (),
        events: Sequence[Event] = (),
        commitments: Sequence[Sequence[Commitment]] | None = None,
        places: Mapping[str, Sequence[Any]] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self.parties = parties
        self.groups = groups
        self.officials = officials
        self.measures = measures
        self.sources = sources
        self.agreements = agreements
        self.events = events
        self.places = places or {}
        self.ignore = ignore
        self.party: dict[str, Party] = _first(parties)
        self.group: dict[str, Group] = _first(groups)
        self.official: dict[str, Official] = _first(officials)
        self.measure: dict[str, Measure] = _first(measures)
        self.source: dict[str, Source] = _first(sources)
        self.agreement: dict[str, Agreement] = _first(agreements)
        self.event: dict[str, Event] = _first(events)
        self.commitments: Sequence[Sequence[Commitment]] = (
            [a.commitments for a in agreements] if commitments is None else commitments
        )
        """The commitments of each agreement, in the order of ``agreements``."""
        self.commitment: dict[str, Commitment] = {}
        self.owner: dict[str, Agreement] = {}
        self.provisional: dict[str, ProvisionalApplication] = {}
        self.roots: list[list[Root]] = []
        """The condition trees of each agreement, in the order of ``agreements``."""
        for a, (agreement, listed) in enumerate(zip(agreements, self.commitments, strict=True)):
            roots: list[Root] = []
            if agreement.entry_into_force is not None:
                when = agreement.entry_into_force.when
                roots.append(Root(a, "when", when, flatten(when)))
            if agreement.provisional_application is not None:
                pa = agreement.provisional_application
                self.provisional.setdefault(pa.id, pa)
                roots.append(Root(a, "start", pa.start, flatten(pa.start)))
            for j, commitment in enumerate(listed):
                self.commitment.setdefault(commitment.id, commitment)
                self.owner.setdefault(commitment.id, agreement)
                if commitment.condition is not None:
                    condition = commitment.condition
                    roots.append(Root(a, "condition", condition, flatten(condition), j))
            self.roots.append(roots)
        self.targets: dict[str, str] = {}
        """What each id an event can be about names: ``"agreement"``, ``"commitment"``,
        ``"measure"`` or ``"provisional application"`` (the first, for an id used twice)."""
        for label, table in (
            ("agreement", self.agreement),
            ("commitment", self.commitment),
            ("measure", self.measure),
            ("provisional application", self.provisional),
        ):
            for id in table:
                self.targets.setdefault(id, label)

    @classmethod
    def of(cls, values: Any) -> Index:
        """The index of a dataset (or anything with its collections), at its own places."""
        return cls(
            parties=values.parties,
            groups=values.groups,
            officials=values.officials,
            measures=values.measures,
            sources=values.sources,
            agreements=values.agreements,
            events=values.events,
        )

    def at(self, name: str, i: int, *steps: str | int | Key) -> Location:
        """The place of the value at ``i`` in the collection ``name`` (and ``steps``
        further in)."""
        places = self.places.get(name)
        return ((name, i) if places is None else tuple(places[i])) + steps

    def commitment_at(self, a: int, j: int, *steps: str | int | Key) -> Location:
        """The place of the commitment at ``j`` of the agreement at ``a``."""
        places = self.places.get("commitments")
        if places is None:
            return self.at("agreements", a, "commitments", j, *steps)
        return tuple(places[a][j]) + steps

    def root_at(self, root: Root) -> Location:
        """The place of a condition tree."""
        if root.kind == "when":
            return (*self.at("agreements", root.agreement), "entry_into_force", "when")
        if root.kind == "start":
            return (*self.at("agreements", root.agreement), "provisional_application", "start")
        assert root.commitment is not None
        return (*self.commitment_at(root.agreement, root.commitment), "condition")

    def node_at(self, root: Root, position: int, *steps: str | int | Key) -> Location:
        """The place of the node at ``position`` (depth first) of a condition tree."""
        for i, (location, _) in enumerate(nodes(root.condition)):
            if i == position:
                return (*self.root_at(root), *location, *steps)
        raise IndexError(position)  # pragma: no cover - positions come from root.nodes


def _first(values: Iterable[Any]) -> dict[str, Any]:
    """Each id, and the first value that has it."""
    out: dict[str, Any] = {}
    for value in values:
        out.setdefault(value.id, value)
    return out
