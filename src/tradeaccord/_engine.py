"""The timeline engine: what every condition, agreement and commitment is on every day.

One sweep over sorted change points gives each condition node a three-valued
step function; an evaluation "as of" a day reads those functions. Nothing here
prints, reads the clock or keeps state between calls.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import final

import attrs

from ._calendar import DayCount, Upon
from ._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    Not,
    Occurred,
)
from ._model import Agreement, Commitment, Dataset, Event, Term
from ._timeline import Timeline
from ._truth import Truth
from ._validators import instance_of
from ._vocabulary import Confidence, EventKind
from .errors import EvaluationError

__all__ = ["EvidencePolicy", "in_force_timeline", "timeline"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


@final
@attrs.frozen(kw_only=True)
class EvidencePolicy:
    """Which recorded events count as established facts.

    An event whose confidence is below ``min_confidence`` is not ignored: a
    condition that only such events would satisfy is UNKNOWN rather than TRUE.

    Examples:
        >>> from tradeaccord import Confidence
        >>> EvidencePolicy().min_confidence
        <Confidence.MEDIUM: 'medium'>
        >>> EvidencePolicy(min_confidence=Confidence.HIGH).min_confidence.rank
        2
    """

    min_confidence: Confidence = attrs.field(
        default=Confidence.MEDIUM, validator=instance_of(Confidence)
    )

    def establishes(self, event: Event) -> bool:
        """Whether ``event`` is well enough sourced to count as a fact."""
        return event.confidence.rank >= self.min_confidence.rank


def matches(leaf: Occurred, event: Event) -> bool:
    """Whether ``event`` is an instance of the fact ``leaf`` asks about."""
    return (
        event.kind is leaf.kind
        and (leaf.party is None or event.party == leaf.party)
        and (leaf.target is None or event.target == leaf.target)
        and (leaf.official is None or event.official == leaf.official)
    )


def apply_rule(rule: DayCount, day: dt.date) -> dt.date:
    """Apply a day-count rule, checking that it does not go back in time."""
    result = rule.apply(day)
    if result < day:
        raise EvaluationError(
            f"day-count rule {rule!r} gave {result.isoformat()} for {day.isoformat()}; "
            "rules must not give a date before their trigger"
        )
    return result


def delay_timeline(inner: Timeline, rule: DayCount) -> Timeline:
    """Shift the first TRUE (and first UNKNOWN) day of ``inner`` by ``rule``, latching."""
    if inner.initial is T:
        return Timeline.constant(T)
    changes: list[tuple[dt.date, Truth]] = []
    initial = U if inner.initial is U else F
    first_unknown = inner.first(U) if initial is F else None
    first_true = inner.first(T)
    # Once TRUE, the delayed condition stays TRUE: an UNKNOWN after it changes nothing.
    if first_unknown is not None and (first_true is None or first_unknown < first_true):
        changes.append((apply_rule(rule, first_unknown), U))
    if first_true is not None:
        changes.append((apply_rule(rule, first_true), T))
    changes.sort(key=lambda c: (c[0], c[1] is T))
    return Timeline.from_changes(initial, changes)


def _kleene_at_least(n: int, values: Sequence[Truth]) -> Truth:
    true = sum(1 for v in values if v is T)
    if true >= n:
        return T
    if true + sum(1 for v in values if v is U) >= n:
        return U
    return F


def event_timeline(events: Iterable[Event], policy: EvidencePolicy) -> Timeline:
    """TRUE from the first established event, UNKNOWN from an earlier weak one."""
    first_strong: dt.date | None = None
    first_weak: dt.date | None = None
    for event in events:
        if policy.establishes(event):
            first_strong = event.date if first_strong is None else min(first_strong, event.date)
        else:
            first_weak = event.date if first_weak is None else min(first_weak, event.date)
    changes: list[tuple[dt.date, Truth]] = []
    if first_weak is not None and (first_strong is None or first_weak < first_strong):
        changes.append((first_weak, U))
    if first_strong is not None:
        changes.append((first_strong, T))
    return Timeline.from_changes(F, changes)


def toggle_timeline(
    events: Iterable[Event], on: EventKind, off: EventKind, policy: EvidencePolicy
) -> Timeline:
    """TRUE after an ``on`` event until an ``off`` event (UNKNOWN for weak ones)."""
    changes: list[tuple[dt.date, Truth]] = []
    for event in sorted(events, key=lambda e: e.date):
        if event.kind is on:
            changes.append((event.date, T if policy.establishes(event) else U))
        elif event.kind is off:
            changes.append((event.date, F if policy.establishes(event) else U))
    return Timeline.from_changes(F, changes)


def term_end(
    base_end: dt.date,
    extensions: Sequence[Event],
    day: dt.date,
    policy: EvidencePolicy,
    *,
    strong_only: bool,
) -> dt.date:
    """The end of a term as known on ``day``: the base end moved by extensions dated by then."""
    end = base_end
    for event in extensions:
        if (
            event.date <= day
            and event.ends_on is not None
            and (policy.establishes(event) or not strong_only)
        ):
            end = max(end, event.ends_on)
    return end


def expired_timeline(
    started: Timeline, term: Term, extensions: Sequence[Event], policy: EvidencePolicy
) -> Timeline:
    """TRUE once the term that began on the first day ``started`` held has run out.

    The term counts from the first TRUE day of ``started``; before that day, from
    its first UNKNOWN day (if any), so that no day depends on later facts.
    Extensions recorded on or before a day count on that day. A weak extension
    makes the days it would add UNKNOWN.
    """
    first_true = started.first(T) if started.initial is not T else None
    first_unknown = started.first(U) if started.initial is F else None
    if first_true is None:
        return _expired_from(first_unknown, term, extensions, policy)
    from_true = _expired_from(first_true, term, extensions, policy)
    if first_unknown is None or first_unknown >= first_true:
        return from_true
    from_unknown = _expired_from(first_unknown, term, extensions, policy)
    switch = Timeline.from_changes(F, [(first_true, T)])
    return Timeline.combine(
        (switch, from_unknown, from_true), lambda v: v[2] if v[0] is T else v[1]
    )


def _expired_from(
    start: dt.date | None, term: Term, extensions: Sequence[Event], policy: EvidencePolicy
) -> Timeline:
    if start is None:
        return Timeline.constant(F)
    base_end = term.ends_on(start)
    candidates = {base_end}
    for event in extensions:
        candidates.add(event.date)
        if event.ends_on is not None:
            candidates.add(event.ends_on)
    changes: list[tuple[dt.date, Truth]] = []
    for day in sorted(candidates):
        strong = term_end(base_end, extensions, day, policy, strong_only=True)
        every = term_end(base_end, extensions, day, policy, strong_only=False)
        changes.append((day, T if day >= every else U if day >= strong else F))
    return Timeline.from_changes(F, changes)


def lapse(entered: Timeline, deadline: dt.date) -> tuple[Timeline, Timeline]:
    """Apply an entry-into-force deadline: (entered, lapsed) timelines."""
    at_deadline = entered.at(deadline)
    if at_deadline is T:
        return entered, Timeline.constant(F)
    # After the deadline the agreement can no longer enter into force (FALSE), or,
    # if it was UNKNOWN on the deadline, at best it is UNKNOWN.
    after = Timeline.from_changes(F, [(deadline + dt.timedelta(days=1), T)])
    capped = Timeline.combine((entered, after), lambda v: v[0] if v[1] is F else v[0] & at_deadline)
    lapsed = after.map(lambda v: ~at_deadline if v is T else F)
    return capped, lapsed


@final
@attrs.frozen(kw_only=True)
class AgreementTimelines:
    """The timelines the engine derives for one agreement."""

    concluded: Timeline
    condition: Timeline
    entered: Timeline
    lapsed: Timeline
    terminated: Timeline
    suspended: Timeline
    expired: Timeline
    in_force: Timeline


@final
@attrs.frozen(kw_only=True)
class CommitmentTimelines:
    """The timelines the engine derives for one commitment."""

    condition: Timeline
    triggered: Timeline
    expired: Timeline
    terminated: Timeline
    active: Timeline
    performed: Timeline
    breached: Timeline


class Engine:
    """Computes timelines for one dataset under one evidence policy.

    An engine remembers what it computed for the life of one evaluation only;
    build a new one for each evaluation (the public functions do).
    """

    def __init__(self, dataset: Dataset, policy: EvidencePolicy) -> None:
        self.dataset = dataset
        self.policy = policy
        by_kind: dict[EventKind, list[Event]] = defaultdict(list)
        by_target: dict[str, list[Event]] = defaultdict(list)
        for event in sorted(dataset.events, key=lambda e: e.date):
            by_kind[event.kind].append(event)
            if event.target is not None:
                by_target[event.target].append(event)
        self._by_kind = by_kind
        self._by_target = by_target
        self._nodes: dict[int, tuple[Condition, Timeline]] = {}
        self._agreements: dict[str, AgreementTimelines] = {}
        self._commitments: dict[str, CommitmentTimelines] = {}

    def events_for(self, leaf: Occurred | Fulfilled) -> list[Event]:
        """The recorded events that instantiate a leaf, in date order."""
        if isinstance(leaf, Fulfilled):
            return [
                e
                for e in self._by_target.get(leaf.commitment, ())
                if e.kind is EventKind.PERFORMANCE
            ]
        return [e for e in self._by_kind.get(leaf.kind, ()) if matches(leaf, e)]

    def events_about(self, target: str, *kinds: EventKind) -> list[Event]:
        """The recorded events about ``target`` of the given kinds, in date order."""
        return [e for e in self._by_target.get(target, ()) if e.kind in kinds]

    def condition(self, node: Condition) -> Timeline:
        """The timeline of a condition node."""
        cached = self._nodes.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        result = self._compute(node)
        self._nodes[id(node)] = (node, result)
        return result

    def _compute(self, node: Condition) -> Timeline:
        if isinstance(node, Occurred | Fulfilled):
            return event_timeline(self.events_for(node), self.policy)
        if isinstance(node, DateReached):
            return Timeline.from_changes(F, [(node.on, T)])
        if isinstance(node, InForce):
            return self.agreement(node.agreement).in_force
        if isinstance(node, Not):
            return ~self.condition(node.item)
        if isinstance(node, AllOf):
            return Timeline.combine([self.condition(i) for i in node.items], _all)
        if isinstance(node, AnyOf):
            return Timeline.combine([self.condition(i) for i in node.items], _any)
        if isinstance(node, AtLeast):
            n = node.n
            return Timeline.combine(
                [self.condition(i) for i in node.items], lambda v: _kleene_at_least(n, v)
            )
        if isinstance(node, Delay):
            return delay_timeline(self.condition(node.item), node.rule)
        raise EvaluationError(f"not a condition node: {node!r}")

    def agreement(self, agreement_id: str) -> AgreementTimelines:
        """The timelines of an agreement: entry into force, termination, term, in force."""
        cached = self._agreements.get(agreement_id)
        if cached is not None:
            return cached
        agreement = self.dataset.agreement(agreement_id)
        result = self._agreement(agreement)
        self._agreements[agreement_id] = result
        return result

    def _agreement(self, agreement: Agreement) -> AgreementTimelines:
        if agreement.concluded is not None:
            concluded = Timeline.from_changes(F, [(agreement.concluded, T)])
        else:
            concluded = event_timeline(
                self.events_about(agreement.id, EventKind.CONCLUSION), self.policy
            )
        clause = agreement.entry_into_force
        condition = self.condition(clause.when) if clause is not None else Timeline.constant(T)
        ready = concluded & condition
        entered = delay_timeline(ready, clause.effective) if clause is not None else ready
        lapsed = Timeline.constant(F)
        if clause is not None and clause.deadline is not None:
            entered, lapsed = lapse(entered, clause.deadline)
        terminated = event_timeline(
            self.events_about(agreement.id, EventKind.TERMINATION), self.policy
        )
        suspended = toggle_timeline(
            self.events_about(agreement.id, EventKind.SUSPENSION, EventKind.RESUMPTION),
            EventKind.SUSPENSION,
            EventKind.RESUMPTION,
            self.policy,
        )
        expired = Timeline.constant(F)
        if agreement.term is not None:
            expired = expired_timeline(
                entered,
                agreement.term,
                self.events_about(agreement.id, EventKind.EXTENSION),
                self.policy,
            )
        in_force = Timeline.combine(
            (entered, terminated, suspended, expired),
            lambda v: v[0] & ~v[1] & ~v[2] & ~v[3],
        )
        return AgreementTimelines(
            concluded=concluded,
            condition=condition,
            entered=entered,
            lapsed=lapsed,
            terminated=terminated,
            suspended=suspended,
            expired=expired,
            in_force=in_force,
        )

    def commitment(self, commitment_id: str) -> CommitmentTimelines:
        """The timelines of a commitment: triggered, active, performed, breached."""
        cached = self._commitments.get(commitment_id)
        if cached is not None:
            return cached
        commitment = self.dataset.commitment(commitment_id)
        agreement = self.dataset.agreement_of(commitment_id)
        result = self._commitment(commitment, agreement)
        self._commitments[commitment_id] = result
        return result

    def _commitment(self, commitment: Commitment, agreement: Agreement) -> CommitmentTimelines:
        in_force = self.agreement(agreement.id).in_force
        condition = (
            self.condition(commitment.condition)
            if commitment.condition is not None
            else Timeline.constant(T)
        )
        triggered = delay_timeline(in_force & condition, Upon())
        expired = Timeline.constant(F)
        if commitment.term is not None:
            expired = expired_timeline(
                triggered,
                commitment.term,
                self.events_about(commitment.id, EventKind.EXTENSION),
                self.policy,
            )
        terminated = event_timeline(
            self.events_about(commitment.id, EventKind.TERMINATION), self.policy
        )
        active = Timeline.combine(
            (triggered, in_force, expired, terminated),
            lambda v: v[0] & v[1] & ~v[2] & ~v[3],
        )
        performed = event_timeline(
            self.events_about(commitment.id, EventKind.PERFORMANCE), self.policy
        )
        breached = event_timeline(self.events_about(commitment.id, EventKind.BREACH), self.policy)
        return CommitmentTimelines(
            condition=condition,
            triggered=triggered,
            expired=expired,
            terminated=terminated,
            active=active,
            performed=performed,
            breached=breached,
        )


def _all(values: Sequence[Truth]) -> Truth:
    result = T
    for value in values:
        result = result & value
    return result


def _any(values: Sequence[Truth]) -> Truth:
    result = F
    for value in values:
        result = result | value
    return result


def timeline(
    condition: Condition, dataset: Dataset, *, policy: EvidencePolicy | None = None
) -> Timeline:
    """The whole history of a condition over a dataset's events, as a step function.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import example_dataset, approved_by
        >>> both = approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
        >>> history = timeline(both, example_dataset())
        >>> history.first(Truth.TRUE)
        datetime.date(2025, 6, 27)
    """
    return Engine(dataset, policy or EvidencePolicy()).condition(condition)


def in_force_timeline(
    dataset: Dataset, agreement_id: str, *, policy: EvidencePolicy | None = None
) -> Timeline:
    """When an agreement is in force, over all time.

    Examples:
        >>> from tradeaccord import example_dataset
        >>> in_force_timeline(example_dataset(), "london-2025").first(Truth.TRUE)
        datetime.date(2025, 6, 27)
    """
    return Engine(dataset, policy or EvidencePolicy()).agreement(agreement_id).in_force
