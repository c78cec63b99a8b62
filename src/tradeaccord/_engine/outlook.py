"""What next: the earliest day an agreement, a party or a commitment can get there, and how.

Given the facts recorded by a day, an agreement not yet in force (a party not yet
bound, a commitment not yet active) may be scheduled to get there on the facts alone,
may get there if some events happen, or may no longer get there at all. The ways
forward are the smallest sets of events that would do it, each tried by adding its
events on that day (the earliest they can happen) to the record as it stood, and
sweeping again.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import final

import attrs

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
    Not,
    Occurred,
    Threshold,
    WeightedShare,
    nodes,
)
from .._model import Agreement, Commitment, Event, conditions_of
from .._truth import Truth
from .._vocabulary import Confidence, EventKind
from .explain import failed, refused
from .index import EventIndex
from .intervals import subject_words
from .steps import Timeline
from .sweeps import Sweep

__all__ = ["MAX_WAYS", "Outlook", "Prospect", "Way", "outlook"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
MAX_WAYS = 16
"""At most this many ways forward are tried for one agreement, party or commitment."""

#: An event to imagine: its kind, party, target and official.
Template = tuple[EventKind, str | None, str, str | None]
Ways = list[frozenset[Template]]


class Prospect(enum.Enum):
    """Where an agreement, party or commitment stands towards getting there.

    ``MET``: it is there (in force, bound, active) on the day. ``SCHEDULED``: the
    facts recorded fix the day it will be, with nothing more to happen.
    ``PENDING``: it will be if some events happen. ``FAILED``: it can no longer
    be, whatever happens (a party refused, a deadline passed, the agreement was
    terminated).
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    MET = "met"
    SCHEDULED = "scheduled"
    PENDING = "pending"
    FAILED = "failed"


@final
@attrs.frozen(kw_only=True)
class Way:
    """A set of events that would do it, and the earliest day it would then be there.

    The events are hypothetical: dated on the day of the outlook, marked as such
    in their summaries, and never part of the record.
    """

    events: tuple[Event, ...]
    earliest: dt.date

    def describe(self) -> str:
        """The way in words: its events, then the day."""
        if not self.events:
            return f"nothing more: on {self.earliest.isoformat()}"
        what = " and ".join(_words(e) for e in self.events)
        return f"{what}: on {self.earliest.isoformat()}"


def _words(event: Event) -> str:
    text = f"{event.kind.value.replace('_', ' ')} of {event.target}"
    if event.party is not None:
        text += f" by {event.party}"
    if event.official is not None:
        text += f" ({event.official})"
    return text


@final
@attrs.frozen(kw_only=True)
class Outlook:
    """The earliest day an agreement, a party or a commitment can get there, and how.

    ``kind`` is ``"agreement"`` (in force), ``"party"`` (bound) or ``"commitment"``
    (active); ``earliest`` is ``None`` when it has ``FAILED``; ``ways`` are the
    smallest sets of events that would get it there, those that get it there on
    ``earliest`` first.
    """

    kind: str
    agreement: str
    subject: str
    as_of: dt.date
    prospect: Prospect
    earliest: dt.date | None
    ways: tuple[Way, ...] = ()
    reason: str

    def describe(self) -> str:
        """The outlook in words."""
        what = subject_words(self.kind, self.agreement, self.subject)
        return f"{what}: {self.prospect.value} ({self.reason})"


_GOAL = {"agreement": "in force", "party": "bound", "commitment": "active"}


class _Planner:
    """The ways forward from the record as it stood on one day."""

    def __init__(self, sweep: Sweep, as_of: dt.date, about: str) -> None:
        self.sweep = sweep.recorded_on(as_of)
        self.as_of = as_of
        self.about = about
        self.dataset = sweep.dataset
        self.events = [e for e in sweep.record.events if e.date <= as_of]
        # With a negation anywhere, which parties act can matter: an instrument may count
        # towards a threshold that a ``Not`` asks to stay unmet.
        self.negating = any(
            _negates(node) for a in self.dataset.agreements for node in conditions_of(a)
        )

    # The smallest sets of events -----------------------------------------------------

    def condition(self, node: Condition, holds: bool = True) -> Ways:
        """The smallest sets of events that would make ``node`` hold (or, ``holds=False``, fail).

        Imagined events are facts that happen: they can make a condition hold,
        never make one fail. A condition to fail is left to the facts alone (the
        empty set), except through a negation, which asks for its item to hold.
        """
        sweep, day = self.sweep, self.as_of
        line = sweep.condition(node)
        value = line.at(day)
        lasting = line.next_change(day) is None  # on the facts so far, it stays as it is
        if not holds:
            if value is F and lasting:
                return [frozenset()]
            if isinstance(node, Not):
                return self.condition(node.item)
            if isinstance(node, AllOf):
                return _minimal(w for item in node.items for w in self.condition(item, False))
            if isinstance(node, AnyOf):
                return _cross([self.condition(item, False) for item in node.items])
            if isinstance(node, AtLeast):
                # Fewer than n hold when more than len - n fail.
                failing = len(node.items) - node.n + 1
                found: Ways = []
                for chosen in itertools.combinations(node.items, failing):
                    found.extend(_cross([self.condition(item, False) for item in chosen]))
                return _minimal(found)
            return [frozenset()]
        if value is T and lasting and not _negates(node):
            return [frozenset()]
        # A condition that holds through a negation may fail once events imagined for
        # another need happen (a conclusion that puts the agreement ``Not`` asks about
        # in force): its other ways to hold are kept too.
        if not isinstance(node, Not | Delay) and failed(sweep, node, day):
            return []
        if isinstance(node, Occurred):
            if node.kind is EventKind.EXTENSION:
                return []  # an extension's new end only the record can say
            if node.target is not None:
                return [frozenset({(node.kind, node.party, node.target, node.official)})]
            # An event about no target in particular: imagine it about each agreement,
            # the one at hand first (about another, it may harm this one less).
            targets = dict.fromkeys([self.about, *(a.id for a in self.dataset.agreements)])
            return [frozenset({(node.kind, node.party, t, node.official)}) for t in targets]
        if isinstance(node, Fulfilled):
            by = self.dataset.commitment(node.commitment).by
            return [frozenset({(EventKind.PERFORMANCE, by, node.commitment, None)})]
        if isinstance(node, InForce):
            return self.agreement(node.agreement)
        if isinstance(node, Threshold):
            return self.threshold(node)
        if isinstance(node, Delay):
            return self.condition(node.item)
        if isinstance(node, Not):
            return self.condition(node.item, False)
        if isinstance(node, DateReached):
            return [frozenset()]  # it comes on its own
        if isinstance(node, AllOf):
            return _cross([self.condition(item) for item in node.items])
        if isinstance(node, AnyOf):
            return _minimal(w for item in node.items for w in self.condition(item))
        assert isinstance(node, AtLeast)
        found = []
        for chosen in itertools.combinations(node.items, node.n):
            found.extend(_cross([self.condition(item) for item in chosen]))
            if len(found) > 4 * MAX_WAYS:
                break
        return _minimal(found)

    def threshold(self, node: Threshold) -> Ways:
        tally = self.sweep.tally(node, self.as_of)
        target, kind = node.target, node.kind
        willing = [
            p
            for p in (*tally.uncertain, *tally.outstanding)
            if refused(self.sweep, p, target, self.as_of) is None
        ]
        if isinstance(node, WeightedShare):
            needed = tally.required - tally.have
            chosen: list[str] = []
            weight = Fraction(0)
            for party in sorted(willing, key=lambda p: -node.weight_of(p)):
                if weight >= needed:
                    break
                chosen.append(party)
                weight += node.weight_of(party)
            if weight < needed:
                return []  # the weights are fixed: nothing else can make up for it
            return [frozenset((kind, p, target, None) for p in chosen)]
        more = math.ceil(tally.required - tally.have)
        if isinstance(node, InstrumentCount) and node.among is None:
            # Any party may deposit: the listed ones first, then the others.
            busy = {*tally.counted, *willing}
            willing += [p.id for p in self.dataset.parties if p.id not in busy]
        elif node.among is not None:
            # Members who join later count from the day they join.
            busy = {*tally.counted, *tally.uncertain, *tally.outstanding}
            joining = sorted(
                (m.joined, m.party)
                for m in self.dataset.group(node.among).members
                if m.joined is not None and m.joined > self.as_of and m.party not in busy
            )
            willing += list(dict.fromkeys(p for _, p in joining))
        # The first ones needed on the day; every willing party (the count may drop later,
        # as members leave); and the facts alone. Each is tried; the best is kept.
        ways: Ways = []
        if 0 < more <= len(willing):
            ways.append(frozenset((kind, p, target, None) for p in willing[:more]))
            if self.negating:
                for some in itertools.islice(itertools.combinations(willing, more), MAX_WAYS):
                    ways.append(frozenset((kind, p, target, None) for p in some))
        ways.append(frozenset((kind, p, target, None) for p in willing))
        ways.append(frozenset())
        return _minimal(ways)

    def agreement(self, agreement_id: str) -> Ways:
        sweep, day = self.sweep, self.as_of
        agreement = self.dataset.agreement(agreement_id)
        entry = sweep.entry(agreement_id)
        if entry.in_force.at(day) is T:
            return [frozenset()]
        if entry.terminated.at(day) is T or entry.lapsed.at(day) is T:
            return []
        if entry.entered.at(day) is T and entry.expired.at(day) is T:
            return []  # its term has run out: only an extension (with its new end) revives it
        needs: list[Ways] = []
        if entry.concluded.at(day) is not T and agreement.concluded is None:
            needs.append([frozenset({(EventKind.CONCLUSION, None, agreement_id, None)})])
        if agreement.entry_into_force is not None and entry.entered.at(day) is not T:
            needs.append(self.condition(agreement.entry_into_force.when))
        if entry.suspended.at(day) is not F:
            needs.append([frozenset({(EventKind.RESUMPTION, None, agreement_id, None)})])
        return _cross(needs)

    def party(self, agreement: Agreement, party: str) -> Ways:
        sweep, day = self.sweep, self.as_of
        if sweep.party(agreement.id, party).bound.at(day) is T:
            return [frozenset()]
        clause = agreement.entry_into_force
        needs = [self.agreement(agreement.id)]
        if clause is not None and clause.per_party is not None:
            kind = clause.per_party.instrument
            if sweep.instrument(agreement.id, kind, party).at(day) is not T:
                if refused(sweep, party, agreement.id, day) is not None:
                    return []
                needs.append([frozenset({(kind, party, agreement.id, None)})])
        elif (
            party not in agreement.parties
            or sweep.party(agreement.id, party).withdrawn.at(day) is not F
        ):
            return []
        return _cross(needs)

    def commitment(self, agreement: Agreement, commitment: Commitment) -> Ways:
        sweep, day = self.sweep, self.as_of
        timelines = sweep.commitment(commitment.id)
        if timelines.active.at(day) is T:
            return [frozenset()]
        for ending in (timelines.terminated, timelines.measure_ended):
            if ending.at(day) is T:
                return []
        if timelines.expired.at(day) is T and timelines.triggered.at(day) is T:
            return []  # its term, counted from its activation, has run out
        applies = self.party(agreement, commitment.by) + self.provisional(agreement)
        needs = [_minimal(applies)]
        if commitment.condition is not None:
            needs.append(self.condition(commitment.condition))
        return _cross(needs)

    def provisional(self, agreement: Agreement) -> Ways:
        """The ways to have the agreement applied provisionally (its commitments bind then too)."""
        clause = agreement.provisional_application
        if clause is None:
            return []
        sweep, day = self.sweep, self.as_of
        if sweep.agreement(agreement.id).provisional.at(day) is T:
            return [frozenset()]
        needs = [self.condition(clause.start)]
        entry = sweep.entry(agreement.id)
        if entry.concluded.at(day) is not T and agreement.concluded is None:
            needs.append([frozenset({(EventKind.CONCLUSION, None, agreement.id, None)})])
        return _cross(needs)

    # Trying them -------------------------------------------------------------------

    def earliest(
        self, goal: str, agreement_id: str, subject: str, way: frozenset[Template]
    ) -> dt.date | None:
        """The first day, from ``as_of`` on, on which the goal holds if ``way`` happens on ``as_of``."""
        imagined = [self.event(template) for template in sorted(way, key=_order)]
        sweep = Sweep(
            self.dataset,
            self.sweep.policy,
            EventIndex([*self.events, *imagined]),
            record=self.sweep.record,
        )
        if goal == "agreement":
            line = sweep.agreement(agreement_id).in_force
        elif goal == "party":
            line = sweep.party(agreement_id, subject).bound
        else:
            line = sweep.commitment(subject).active
        return _first_true(line, self.as_of)

    def event(self, template: Template) -> Event:
        kind, party, target, official = template
        who = party or official or "someone"
        return Event(
            id=f"hypothetical:{kind.value}:{target}:{who}",
            date=self.as_of,
            kind=kind,
            party=party,
            official=official,
            target=target,
            summary=f"(hypothetical) {_words_of(template)}",
            confidence=Confidence.HIGH,
        )


def _negates(node: Condition) -> bool:
    """Whether a ``Not`` is part of ``node``: events can then make it fail."""
    return any(isinstance(current, Not) for _, current in nodes(node))


def _words_of(template: Template) -> str:
    kind, party, target, official = template
    text = f"{kind.value.replace('_', ' ')} of {target}"
    if party is not None:
        text += f" by {party}"
    if official is not None:
        text += f" ({official})"
    return text


def _order(template: Template) -> tuple[str, str, str, str]:
    kind, party, target, official = template
    return (kind.value, target, party or "", official or "")


def _first_true(line: Timeline, day: dt.date) -> dt.date | None:
    if line.at(day) is T:
        return day
    for step, value in line.steps:
        if step > day and value is T:
            return step
    return None


def _minimal(ways: Iterable[frozenset[Template]]) -> Ways:
    """The ways without repeats, smallest first.

    A way that asks for more than another is kept: it may bring the day earlier (the
    other may only open a slower road, such as provisional application). Ways that
    are no earlier than a smaller one are dropped once each has been tried.
    """
    unique = list(dict.fromkeys(ways))
    unique.sort(key=lambda w: (len(w), sorted(_order(t) for t in w)))
    return unique


def _cross(groups: Sequence[Ways]) -> Ways:
    if any(not group for group in groups):
        return []
    combined: list[frozenset[Template]] = []
    for choice in itertools.product(*groups):
        combined.append(frozenset().union(*choice))
        if len(combined) > 4 * MAX_WAYS:
            break
    return _minimal(combined)


def outlook(sweep: Sweep, as_of: dt.date, kind: str, agreement_id: str, subject: str) -> Outlook:
    """The outlook of one agreement (``kind="agreement"``), party or commitment on ``as_of``."""
    planner = _Planner(sweep, as_of, agreement_id)
    agreement = sweep.dataset.agreement(agreement_id)
    recorded = planner.sweep
    if kind == "agreement":
        now = recorded.agreement(agreement_id).in_force
        ways = planner.agreement(agreement_id)
    elif kind == "party":
        now = recorded.party(agreement_id, subject).bound
        ways = planner.party(agreement, subject)
    else:
        commitment = sweep.dataset.commitment(subject)
        now = recorded.commitment(subject).active
        ways = planner.commitment(agreement, commitment)
    common = functools.partial(
        Outlook, kind=kind, agreement=agreement_id, subject=subject, as_of=as_of
    )
    goal = _GOAL[kind]
    if now.at(as_of) is T:
        return common(prospect=Prospect.MET, earliest=as_of, reason=goal)
    tried: list[Way] = []
    # The facts alone; everything any way asks for (for conditions that only grow, the
    # earliest day of all); then each way, smallest first.
    everything = frozenset().union(*ways) if ways else frozenset()
    candidates = list(dict.fromkeys([frozenset(), everything, *ways[: 2 * MAX_WAYS]]))
    kept: set[frozenset[Template]] = set()
    for way in candidates:
        day = planner.earliest(kind, agreement_id, subject, way)
        if day is None:
            continue
        # Leave out every event the day does not need: the ways are the smallest sets.
        for template in sorted(way, key=_order):
            smaller = way - {template}
            if planner.earliest(kind, agreement_id, subject, smaller) == day:
                way = smaller
        if way in kept:
            continue
        kept.add(way)
        events = tuple(planner.event(t) for t in sorted(way, key=_order))
        tried.append(Way(events=events, earliest=day))
    if not tried:
        return common(
            prospect=Prospect.FAILED,
            earliest=None,
            reason=f"it can no longer be {goal}, whatever happens",
        )
    tried.sort(key=lambda w: (w.earliest, len(w.events)))
    sets = [frozenset(w.events) for w in tried]
    tried = [
        way
        for i, way in enumerate(tried)
        if not any(
            sets[j] < sets[i] and tried[j].earliest <= way.earliest for j in range(len(tried))
        )
    ]
    best = tried[0].earliest
    if not tried[0].events:
        return common(
            prospect=Prospect.SCHEDULED,
            earliest=best,
            ways=tuple(tried),
            reason=f"{goal} on {best.isoformat()} on the facts recorded",
        )
    first = tried[0]
    return common(
        prospect=Prospect.PENDING,
        earliest=best,
        ways=tuple(tried),
        reason=f"{goal} on {best.isoformat()} at the earliest, if "
        + " and ".join(_words(e) for e in first.events)
        + f" happened on {as_of.isoformat()}",
    )
