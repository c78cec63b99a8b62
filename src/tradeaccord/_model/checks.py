"""The checks of a dataset as a whole: duplicate ids, unknown references, cycles.

Each check is a small function over the [`Index`][tradeaccord._model.index.Index] of
the values, written once, and gives [`Finding`][tradeaccord._model.index.Finding]s: a
problem whose location, and the locations its message refers to, stay data until
shown. A ``Dataset`` shows them at the paths of the model; a file reader at the paths of
the file, through its own mapping (see ``tradeaccord._io``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any, Final

from .._conditions import Fulfilled, InForce, InstrumentCount, InstrumentShare, Occurred, Threshold
from .._vocabulary import EventKind
from ..errors import Key, Location
from .index import COLLECTIONS, Finding, Index, Root
from .values import Agreement, Commitment

__all__ = ["CHECKS", "Finding", "Index", "check"]


# Messages -------------------------------------------------------------------------------


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _known(table: Iterable[str]) -> str:
    names = sorted(set(table))
    shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
    return f"(known: {shown or 'none'})"


class _Lazy:
    """The place of a node of a condition tree, made when asked for."""

    __slots__ = ("index", "position", "root")

    def __init__(self, index: Index, root: Root, position: int) -> None:
        self.index, self.root, self.position = index, root, position

    def __call__(self) -> Location:
        return self.index.node_at(self.root, self.position)


class _Place:
    """The place of a commitment, made when asked for."""

    __slots__ = ("a", "index", "j")

    def __init__(self, index: Index, a: int, j: int) -> None:
        self.index, self.a, self.j = index, a, j

    def __call__(self) -> Location:
        return self.index.commitment_at(self.a, self.j)


class _Unknown:
    """Reports ids that name nothing, into ``out``; ``at`` makes the place of the value
    being checked, only for a finding."""

    __slots__ = ("index", "out")

    def __init__(self, index: Index, out: list[Finding]) -> None:
        self.index = index
        self.out = out

    def __call__(
        self,
        at: Callable[[], Location],
        steps: tuple[str | int | Key, ...],
        kind: str,
        value: str | None,
        table: Mapping[str, Any],
    ) -> None:
        if value is not None and value not in table and value not in self.index.ignore:
            message = f"unknown {kind} {value!r} {_known(table)}"
            self.out.append(Finding((*at(), *steps), (message,)))


# The checks -----------------------------------------------------------------------------


def duplicate_ids(index: Index) -> list[Finding]:
    """An id given twice in one collection, or to two commitments of any agreements."""
    out: list[Finding] = []
    for name in COLLECTIONS:
        first: dict[str, int] = {}
        for i, value in enumerate(getattr(index, name)):
            if value.id in first:
                message = f"duplicate id {value.id!r} (first used at "
                was = index.at(name, first[value.id])
                out.append(Finding((*index.at(name, i), "id"), (message, was, ")")))
            else:
                first[value.id] = i
    seen: dict[str, tuple[int, int]] = {}
    for a, listed in enumerate(index.commitments):
        for j, commitment in enumerate(listed):
            if commitment.id in seen:
                message = f"duplicate commitment id {commitment.id!r} (first used at "
                was = index.commitment_at(*seen[commitment.id])
                out.append(Finding((*index.commitment_at(a, j), "id"), (message, was, ")")))
            else:
                seen[commitment.id] = (a, j)
    return out


def ambiguous_targets(index: Index) -> list[Finding]:
    """An id that names two things an event can be about (an agreement and a measure...)."""
    tables: dict[str, dict[str, tuple[Any, ...]]] = {
        "agreement": {x.id: ("agreements", a) for a, x in enumerate(index.agreements)},
        "commitment": {
            c.id: (a, j) for a, listed in enumerate(index.commitments) for j, c in enumerate(listed)
        },
        "measure": {m.id: ("measures", i) for i, m in enumerate(index.measures)},
        "provisional application": {
            x.provisional_application.id: ("agreements", a, "provisional_application")
            for a, x in enumerate(index.agreements)
            if x.provisional_application is not None
        },
    }
    out: list[Finding] = []
    named: dict[str, str] = {}
    for label, table in tables.items():
        for id in sorted(table):
            if id in named:
                message = (
                    f"id {id!r} names both {_article(named[id])} and {_article(label)}; "
                    "event targets would be ambiguous"
                )
                where = table[id]
                at = index.commitment_at(*where) if label == "commitment" else index.at(*where)
                out.append(Finding((*at, "id"), (message,)))
            else:
                named[id] = label
    return out


def party_references(index: Index) -> list[Finding]:
    """The parties named by group members, officials and measures exist."""
    out: list[Finding] = []
    unknown, parties = _Unknown(index, out), index.party
    for i, group in enumerate(index.groups):
        for j, member in enumerate(group.members):
            if member.party not in parties:
                unknown(
                    partial(index.at, "groups", i),
                    ("members", j, "party"),
                    "party",
                    member.party,
                    parties,
                )
    for i, official in enumerate(index.officials):
        if official.party not in parties:
            unknown(partial(index.at, "officials", i), ("party",), "party", official.party, parties)
    for i, measure in enumerate(index.measures):
        at = partial(index.at, "measures", i)
        if measure.imposed_by not in parties:
            unknown(at, ("imposed_by",), "party", measure.imposed_by, parties)
        for j, party in enumerate(measure.applies_to):
            if party not in parties:
                unknown(at, ("applies_to", j), "party", party, parties)
    return out


def condition_references(out: list[Finding], index: Index, root: Root) -> None:
    """The ids a condition tree names exist: parties, officials, targets, commitments,
    agreements, groups."""
    unknown = _Unknown(index, out)
    parties, officials, targets = index.party, index.official, index.targets
    for position, node in enumerate(root.nodes):
        if isinstance(node, Occurred):
            if node.party not in parties:
                unknown(_Lazy(index, root, position), ("party",), "party", node.party, parties)
            if node.official not in officials:
                at = _Lazy(index, root, position)
                unknown(at, ("official",), "official", node.official, officials)
            if node.target not in targets:
                unknown(_Lazy(index, root, position), ("target",), "target", node.target, targets)
        elif isinstance(node, Fulfilled):
            if node.commitment not in index.commitment:
                at = _Lazy(index, root, position)
                unknown(at, ("commitment",), "commitment", node.commitment, index.commitment)
        elif isinstance(node, InForce):
            if node.agreement not in index.agreement:
                at = _Lazy(index, root, position)
                unknown(at, ("agreement",), "agreement", node.agreement, index.agreement)
        elif isinstance(node, Threshold):
            at = _Lazy(index, root, position)
            unknown(at, ("target",), "target", node.target, targets)
            if isinstance(node, InstrumentCount | InstrumentShare):
                unknown(at, ("among",), "group", node.among, index.group)
            else:
                for name, _ in node.weights:
                    unknown(at, ("weights", Key(name)), "party", name, parties)


def agreement_references(index: Index) -> list[Finding]:
    """Each agreement's parties, sources, links, conditions and commitments name what
    exists."""
    out: list[Finding] = []
    unknown = _Unknown(index, out)
    for a, (agreement, commitments, roots) in enumerate(
        zip(index.agreements, index.commitments, index.roots, strict=True)
    ):
        at = partial(index.at, "agreements", a)
        if not agreement.parties:
            out.append(Finding((*at(), "parties"), ("an agreement needs at least one party",)))
        for j, party in enumerate(agreement.parties):
            if party not in index.party:
                unknown(at, ("parties", j), "party", party, index.party)
        for j, source in enumerate(agreement.sources):
            if source not in index.source:
                unknown(at, ("sources", j), "source", source, index.source)
        for j, link in enumerate(agreement.links):
            if link.target not in index.agreement:
                unknown(at, ("links", j, "target"), "agreement", link.target, index.agreement)
            if link.target == agreement.id:
                message = f"{agreement.id!r} links to itself"
                out.append(Finding((*at(), "links", j, "target"), (message,)))
        of_commitment = {root.commitment: root for root in roots if root.commitment is not None}
        for root in roots:
            if root.commitment is None:
                condition_references(out, index, root)
        for j, commitment in enumerate(commitments):
            commitment_references(unknown, agreement, a, j, commitment)
            if j in of_commitment:
                condition_references(out, index, of_commitment[j])
    return out


def commitment_references(
    unknown: _Unknown, agreement: Agreement, a: int, j: int, commitment: Commitment
) -> None:
    """A commitment is by a party to its agreement, about what exists."""
    index = unknown.index
    parties = index.party
    at = _Place(index, a, j)
    clause = agreement.entry_into_force
    if (
        commitment.by in parties
        and commitment.by not in agreement.parties
        and (clause is None or clause.per_party is None)
        and all(p in parties for p in agreement.parties)
    ):
        message = (
            f"{commitment.by!r} is not a party to {agreement.id!r} "
            f"(parties: {', '.join(agreement.parties)})"
        )
        unknown.out.append(Finding((*at(), "by"), (message,)))
    if commitment.by not in parties:
        unknown(at, ("by",), "party", commitment.by, parties)
    if commitment.beneficiary not in parties:
        unknown(at, ("beneficiary",), "party", commitment.beneficiary, parties)
    if commitment.measure not in index.measure:
        unknown(at, ("measure",), "measure", commitment.measure, index.measure)
    for k, source in enumerate(commitment.sources):
        if source not in index.source:
            unknown(at, ("sources", k), "source", source, index.source)


def instruments(index: Index) -> dict[tuple[EventKind, str], Callable[[], Location]]:
    """The events that count as a party's instrument, by kind and target, and the place
    (a threshold node, or a per-party clause) that counts them."""
    out: dict[tuple[EventKind, str], Callable[[], Location]] = {}
    for a, (agreement, roots) in enumerate(zip(index.agreements, index.roots, strict=True)):
        clause = agreement.entry_into_force
        for root in roots:
            for position, node in enumerate(root.nodes):
                if isinstance(node, Threshold) and (node.kind, node.target) not in out:
                    out[(node.kind, node.target)] = partial(index.node_at, root, position)
            if root.kind == "when" and clause is not None and clause.per_party is not None:
                key = (clause.per_party.instrument, agreement.id)
                if key not in out:
                    per_party = ("entry_into_force", "per_party")
                    out[key] = partial(index.at, "agreements", a, *per_party)
    return out


def event_references(index: Index) -> list[Finding]:
    """Each event names what exists, an instrument names its party, an official acts for
    the event's party, and an extension is about something that has a term."""
    out: list[Finding] = []
    unknown = _Unknown(index, out)
    counted = instruments(index)
    parties, targets = index.party, index.targets
    for i, event in enumerate(index.events):
        at = partial(index.at, "events", i)
        if event.party not in parties:
            unknown(at, ("party",), "party", event.party, parties)
        if event.official not in index.official:
            unknown(at, ("official",), "official", event.official, index.official)
        if event.target not in targets:
            unknown(at, ("target",), "target", event.target, targets)
        if event.party is None and event.target is not None:
            counted_at = counted.get((event.kind, event.target))
            if counted_at is None and event.kind is EventKind.WITHDRAWAL:
                counted_at = next(
                    (where for (_, t), where in counted.items() if t == event.target), None
                )
            if counted_at is not None:
                message = (
                    f"a {event.kind.value} about {event.target!r} counts as a party's "
                    "instrument (see "
                )
                parts = (message, counted_at(), ") and needs a party")
                out.append(Finding((*at(), "party"), parts))
        for j, source in enumerate(event.sources):
            if source not in index.source:
                unknown(at, ("sources", j), "source", source, index.source)
        for j, account in enumerate(event.accounts):
            if account.source not in index.source:
                unknown(at, ("accounts", j, "source"), "source", account.source, index.source)
        for field in ("corrects", "retracts"):
            other = getattr(event, field)
            if other is not None and other not in index.event:
                unknown(at, (field,), "event", other, index.event)
        official = index.official.get(event.official) if event.official is not None else None
        if official is not None and event.party in parties and official.party != event.party:
            message = (
                f"{event.official!r} acts for {official.party!r}, "
                f"not for the event's party {event.party!r}"
            )
            out.append(Finding((*at(), "official"), (message,)))
        if (
            event.kind is EventKind.EXTENSION
            and event.target is not None
            and targets.get(event.target) == "measure"
        ):
            message = "an extension must be about an agreement or a commitment, not a measure"
            out.append(Finding((*at(), "target"), (message,)))
    return out


def cycles(index: Index) -> list[Finding]:
    """Agreements that depend on each other in a circle, through links or through
    entry-into-force conditions; each cycle once, at the reference that closes it."""
    edges: dict[str, list[tuple[str, Callable[[], Location]]]] = {}
    for a, (agreement, roots) in enumerate(zip(index.agreements, index.roots, strict=True)):
        out = edges.setdefault(agreement.id, [])
        for j, link in enumerate(agreement.links):
            if link.target in index.agreement and link.target != agreement.id:
                out.append((link.target, partial(index.at, "agreements", a, "links", j)))
        for root in roots:
            if root.kind == "when":
                for position, node in enumerate(root.nodes):
                    if isinstance(node, InForce) and node.agreement in index.agreement:
                        place = partial(index.node_at, root, position, "agreement")
                        out.append((node.agreement, place))
    found: list[Finding] = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    for agreement in index.agreements:
        if agreement.id in state:
            continue
        # Depth first, without recursion: a chain of thousands of agreements is fine.
        state[agreement.id] = 1
        path = [agreement.id]
        pending = [iter(edges.get(agreement.id, ()))]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            target, where = step
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    message = "cyclic reference: " + " -> ".join(cycle)
                    found.append(Finding(where(), (message,)))
            elif target not in state:
                state[target] = 1
                path.append(target)
                pending.append(iter(edges.get(target, ())))
    return found


CHECKS: Final[tuple[Callable[[Index], list[Finding]], ...]] = (
    duplicate_ids,
    ambiguous_targets,
    party_references,
    agreement_references,
    event_references,
    cycles,
)
"""Every check, in the order their findings are listed."""


def check(index: Index) -> list[Finding]:
    """Every finding of every check."""
    return [finding for run in CHECKS for finding in run(index)]
