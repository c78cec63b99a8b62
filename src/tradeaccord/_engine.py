"""The timeline engine: what every condition, agreement and commitment is on every day.

One sweep over sorted change points gives each condition node a three-valued
step function; an evaluation "as of" a day reads those functions. Nothing here
prints, reads the clock or keeps state between calls.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
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
    InstrumentCount,
    Not,
    Occurred,
    Threshold,
    WeightedShare,
)
from ._model import Agreement, Commitment, Dataset, Event, Group
from ._timeline import Timeline
from ._truth import Truth
from ._validators import instance_of
from ._vocabulary import Confidence, EventKind
from .errors import CalendarError, EvaluationError

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
    started: Timeline,
    end: Callable[[dt.date], dt.date],
    extensions: Sequence[Event],
    policy: EvidencePolicy,
) -> Timeline:
    """TRUE once the term that began on the first day ``started`` held has run out.

    ``end`` gives, for a start day, the first day the term no longer runs
    (before extensions). The term counts from the first TRUE day of ``started``; before that day, from
    its first UNKNOWN day (if any), so that no day depends on later facts.
    Extensions recorded on or before a day count on that day. A weak extension
    makes the days it would add UNKNOWN.
    """
    first_true = started.first(T) if started.initial is not T else None
    first_unknown = started.first(U) if started.initial is F else None
    if first_true is None:
        return _expired_from(first_unknown, end, extensions, policy)
    from_true = _expired_from(first_true, end, extensions, policy)
    if first_unknown is None or first_unknown >= first_true:
        return from_true
    from_unknown = _expired_from(first_unknown, end, extensions, policy)
    switch = Timeline.from_changes(F, [(first_true, T)])
    return Timeline.combine(
        (switch, from_unknown, from_true), lambda v: v[2] if v[0] is T else v[1]
    )


def _expired_from(
    start: dt.date | None,
    end: Callable[[dt.date], dt.date],
    extensions: Sequence[Event],
    policy: EvidencePolicy,
) -> Timeline:
    if start is None:
        return Timeline.constant(F)
    base_end = end(start)
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


def _labelled(end: Callable[[dt.date], dt.date], what: str) -> Callable[[dt.date], dt.date]:
    """``end`` with calendar errors prefixed by what the term belongs to."""

    def call(start: dt.date) -> dt.date:
        try:
            return end(start)
        except CalendarError as exc:
            raise CalendarError(f"{what}: {exc}") from None

    return call


def _runs(
    timeline: Timeline, holds: Callable[[Truth], bool]
) -> list[tuple[dt.date | None, dt.date | None]]:
    """The maximal runs of days on which ``holds(value)``: (first day, first day after).

    ``None`` as a first day means "since the beginning of time", as an end "for ever".
    """
    out: list[tuple[dt.date | None, dt.date | None]] = []
    inside = holds(timeline.initial)
    start: dt.date | None = None
    for day, value in timeline.steps:
        if holds(value) and not inside:
            start, inside = day, True
        elif not holds(value) and inside:
            out.append((start, day))
            inside = False
    if inside:
        out.append((start, None))
    return out


def instrument_effect(instrument: Timeline, met: dt.date | None, rule: DayCount) -> Timeline:
    """When a party's instrument has taken effect for it, ignoring whether the agreement is in force.

    An instrument that stood on ``met`` (the first day the entry-into-force
    condition held) takes effect from that day; any other takes effect on the
    date ``rule`` gives for its deposit. Either lasts while the instrument
    stands. Computed for the established runs (TRUE) and the possible runs (not
    FALSE) of the instrument; UNKNOWN where only the latter give an effect.
    """

    def project(holds: Callable[[Truth], bool]) -> Timeline:
        changes: list[tuple[dt.date, Truth]] = []
        initial = F
        for start, end in _runs(instrument, holds):
            if start is None:
                initial = T
                if end is not None:
                    changes.append((end, F))
                continue
            begin = apply_rule(rule, start)
            if met is not None and start <= met and (end is None or met < end):
                begin = min(begin, met)
            if end is None or begin < end:
                changes.append((begin, T))
                if end is not None:
                    changes.append((end, F))
        return Timeline.from_changes(initial, changes)

    sure, possible = project(lambda v: v is T), project(lambda v: v is not F)
    return Timeline.combine((sure, possible), lambda v: T if v[0] is T else U if v[1] is T else F)


def membership_timeline(group: Group, party: str) -> Timeline:
    """TRUE on the days ``party`` belongs to ``group``."""
    rows = [m for m in group.members if m.party == party]
    days = sorted(
        {m.joined for m in rows if m.joined is not None}
        | {m.left for m in rows if m.left is not None}
    )
    initial = T if any(m.joined is None for m in rows) else F
    changes = [(day, T if any(m.is_member_on(day) for m in rows) else F) for day in days]
    return Timeline.from_changes(initial, changes)


@final
@attrs.frozen(kw_only=True)
class Tally:
    """Where a threshold stands on one day: how much is there, how much is needed.

    For a count or a membership share the unit is instruments; for a weighted
    share it is weight. ``have`` counts established instruments, ``unknown``
    those only weakly reported; ``required`` is what the threshold asks for on
    that day (for a share of a changing membership it moves with the membership).
    ``outstanding`` names the parties that could still add to it: members of the
    group on the day without an instrument; for a count without a group, the
    listed parties of the target agreement without one; for a weighted share,
    the weighted parties without one.
    """

    unit: str
    have: Fraction
    unknown: Fraction
    required: Fraction
    counted: tuple[str, ...]
    uncertain: tuple[str, ...]
    outstanding: tuple[str, ...]
    members: int | None = None

    @property
    def still_needed(self) -> Fraction:
        """How much more is needed (0 once the threshold is met)."""
        return max(Fraction(0), self.required - self.have)


@final
@attrs.frozen(kw_only=True)
class AgreementTimelines:
    """The timelines the engine derives for one agreement.

    ``ready`` is "concluded and the entry-into-force condition holds";
    ``entered`` is when that took effect (latched); ``in_force`` removes the
    days it was terminated, suspended or expired. ``provisional`` is when it was
    provisionally applied (its commitments bind then too).
    """

    concluded: Timeline
    condition: Timeline
    ready: Timeline
    entered: Timeline
    lapsed: Timeline
    terminated: Timeline
    suspended: Timeline
    expired: Timeline
    in_force: Timeline
    provisional: Timeline


@final
@attrs.frozen(kw_only=True)
class PartyTimelines:
    """The timelines of one party under one agreement.

    ``instrument``: the party's instrument stands (deposited, not withdrawn).
    ``bound``: the agreement is in force for the party. ``withdrawn``: its
    withdrawal has taken effect.
    """

    instrument: Timeline
    bound: Timeline
    withdrawn: Timeline


@final
@attrs.frozen(kw_only=True)
class CommitmentTimelines:
    """The timelines the engine derives for one commitment."""

    condition: Timeline
    triggered: Timeline
    expired: Timeline
    terminated: Timeline
    measure_ended: Timeline
    active: Timeline
    performed: Timeline
    breached: Timeline


class Engine:
    """Computes timelines for one dataset under one evidence policy.

    An engine remembers what it computed for the life of one evaluation only;
    build a new one for each evaluation (the public functions do). With
    ``through``, events dated after that day are left out: what the record
    said on that day, projected forward as if nothing else happened.
    """

    def __init__(
        self, dataset: Dataset, policy: EvidencePolicy, *, through: dt.date | None = None
    ) -> None:
        self.dataset = dataset
        self.policy = policy
        self.through = through
        by_kind: dict[EventKind, list[Event]] = defaultdict(list)
        by_target: dict[str, list[Event]] = defaultdict(list)
        for event in sorted(dataset.events, key=lambda e: e.date):
            if through is not None and event.date > through:
                continue
            by_kind[event.kind].append(event)
            if event.target is not None:
                by_target[event.target].append(event)
        self._by_kind = by_kind
        self._by_target = by_target
        self._nodes: dict[int, tuple[Condition, Timeline]] = {}
        self._bases: dict[str, AgreementTimelines] = {}
        self._agreements: dict[str, AgreementTimelines] = {}
        self._commitments: dict[str, CommitmentTimelines] = {}
        self._instruments: dict[tuple[str, EventKind, str], Timeline] = {}
        self._members: dict[tuple[str, str], Timeline] = {}
        self._parties: dict[tuple[str, str], PartyTimelines] = {}
        self._counts: dict[int, tuple[Threshold, tuple[list[str], list[Timeline]]]] = {}
        self._recorded: dict[dt.date, Engine] = {}
        self._agreement_ids = {a.id for a in dataset.agreements}

    def as_recorded_on(self, day: dt.date) -> Engine:
        """An engine over the same dataset and policy that leaves out events after ``day``.

        Its timelines project forward what the record said on ``day``: the dates
        it fixes (an entry into force 30 days on, a party's own date) without
        anything recorded later. Built once per day for the life of this engine.
        """
        if self.through is not None and day >= self.through:
            return self
        recorded = self._recorded.get(day)
        if recorded is None:
            recorded = Engine(self.dataset, self.policy, through=day)
            self._recorded[day] = recorded
        return recorded

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

    # Instruments and thresholds --------------------------------------------------

    def instrument_parties(self, target: str, kind: EventKind) -> list[str]:
        """The parties with an instrument of ``kind`` about ``target`` recorded, in date order."""
        seen: dict[str, None] = {}
        for event in self.events_about(target, kind):
            if event.party is not None:
                seen.setdefault(event.party, None)
        return list(seen)

    def instrument(self, target: str, kind: EventKind, party: str) -> Timeline:
        """TRUE while ``party``'s instrument of ``kind`` about ``target`` stands."""
        key = (target, kind, party)
        cached = self._instruments.get(key)
        if cached is None:
            events = [
                e for e in self.events_about(target, kind, EventKind.WITHDRAWAL) if e.party == party
            ]
            cached = toggle_timeline(events, kind, EventKind.WITHDRAWAL, self.policy)
            self._instruments[key] = cached
        return cached

    def member(self, group_id: str, party: str) -> Timeline:
        """TRUE on the days ``party`` belongs to the group ``group_id``."""
        key = (group_id, party)
        cached = self._members.get(key)
        if cached is None:
            cached = membership_timeline(self.dataset.group(group_id), party)
            self._members[key] = cached
        return cached

    def _counted(self, node: Threshold) -> tuple[list[str], list[Timeline]]:
        """The parties a threshold node can count, and for each when it counts."""
        cached = self._counts.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        result = self._count_timelines(node)
        self._counts[id(node)] = (node, result)
        return result

    def _count_timelines(self, node: Threshold) -> tuple[list[str], list[Timeline]]:
        if isinstance(node, WeightedShare):
            parties = [p for p, w in node.weights if w > 0]
            return parties, [self.instrument(node.target, node.kind, p) for p in parties]
        if node.among is None:
            parties = self.instrument_parties(node.target, node.kind)
            return parties, [self.instrument(node.target, node.kind, p) for p in parties]
        group = self.dataset.group(node.among)
        parties = list(dict.fromkeys(m.party for m in group.members))
        return parties, [
            self.member(node.among, p) & self.instrument(node.target, node.kind, p) for p in parties
        ]

    def _threshold(self, node: Threshold) -> Timeline:
        parties, counts = self._counted(node)
        if isinstance(node, InstrumentCount):
            n = node.n
            return Timeline.combine(counts, lambda v: _kleene_at_least(n, v))
        if isinstance(node, WeightedShare):
            weights = [node.weight_of(p) for p in parties]
            needed = node.threshold()

            def weighed(values: Sequence[Truth]) -> Truth:
                sure = sum((w for w, v in zip(weights, values, strict=True) if v is T), Fraction(0))
                maybe = sum(
                    (w for w, v in zip(weights, values, strict=True) if v is U), Fraction(0)
                )
                return T if sure >= needed else U if sure + maybe >= needed else F

            return Timeline.combine(counts, weighed)
        assert node.among is not None
        members = [self.member(node.among, p) for p in parties]
        share, size = node.share, len(parties)

        def fraction(values: Sequence[Truth]) -> Truth:
            total = sum(1 for v in values[:size] if v is T)
            if total == 0:
                return F
            sure = sum(1 for v in values[size:] if v is T)
            maybe = sum(1 for v in values[size:] if v is U)
            needed = share * total
            return T if sure >= needed else U if sure + maybe >= needed else F

        return Timeline.combine([*members, *counts], fraction)

    def tally(self, node: Threshold, day: dt.date) -> Tally:
        """Where a threshold node stands on ``day``: what is counted and what is still needed."""
        parties, counts = self._counted(node)
        values = [c.at(day) for c in counts]
        counted = tuple(p for p, v in zip(parties, values, strict=True) if v is T)
        uncertain = tuple(p for p, v in zip(parties, values, strict=True) if v is U)
        if isinstance(node, WeightedShare):
            return Tally(
                unit="weight",
                have=sum((node.weight_of(p) for p in counted), Fraction(0)),
                unknown=sum((node.weight_of(p) for p in uncertain), Fraction(0)),
                required=node.threshold(),
                counted=counted,
                uncertain=uncertain,
                outstanding=tuple(p for p, v in zip(parties, values, strict=True) if v is F),
            )
        members: list[str] | None = None
        if node.among is not None:
            members = list(dict.fromkeys(self.dataset.group(node.among).members_on(day)))
        pool: list[str] = members or []
        if members is None and node.target in self._agreement_ids:
            pool = list(self.dataset.agreement(node.target).parties)
        outstanding = tuple(p for p in pool if p not in counted and p not in uncertain)
        if isinstance(node, InstrumentCount):
            return Tally(
                unit="instruments",
                have=Fraction(len(counted)),
                unknown=Fraction(len(uncertain)),
                required=Fraction(node.n),
                counted=counted,
                uncertain=uncertain,
                outstanding=outstanding,
                members=None if members is None else len(members),
            )
        assert members is not None
        return Tally(
            unit="instruments",
            have=Fraction(len(counted)),
            unknown=Fraction(len(uncertain)),
            required=Fraction(max(1, math.ceil(node.share * len(members)))),
            counted=counted,
            uncertain=uncertain,
            outstanding=outstanding,
            members=len(members),
        )

    # Conditions -------------------------------------------------------------------

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
            return self._base(node.agreement).in_force
        if isinstance(node, Threshold):
            return self._threshold(node)
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

    # Agreements -------------------------------------------------------------------

    def agreement(self, agreement_id: str) -> AgreementTimelines:
        """The timelines of an agreement: entry into force, provisional application, end."""
        cached = self._agreements.get(agreement_id)
        if cached is not None:
            return cached
        agreement = self.dataset.agreement(agreement_id)
        base = self._base(agreement_id)
        provisional = self._provisional(agreement, base)
        result = attrs.evolve(base, provisional=provisional)
        self._agreements[agreement_id] = result
        return result

    def _base(self, agreement_id: str) -> AgreementTimelines:
        """The in-force part of an agreement's timelines (what ``InForce`` reads)."""
        cached = self._bases.get(agreement_id)
        if cached is None:
            cached = self._in_force(self.dataset.agreement(agreement_id))
            self._bases[agreement_id] = cached
        return cached

    def _in_force(self, agreement: Agreement) -> AgreementTimelines:
        if agreement.concluded is not None:
            concluded = Timeline.from_changes(F, [(agreement.concluded, T)])
        else:
            concluded = event_timeline(
                self.events_about(agreement.id, EventKind.CONCLUSION), self.policy
            )
        clause = agreement.entry_into_force
        condition = self.condition(clause.when) if clause is not None else Timeline.constant(T)
        ready = concluded & condition
        entered = ready
        if clause is not None:
            try:
                entered = delay_timeline(ready, clause.effective)
            except CalendarError as exc:
                raise CalendarError(
                    f"entry into force of agreement {agreement.id!r}: {exc}"
                ) from None
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
                _labelled(agreement.term.ends_on, f"term of agreement {agreement.id!r}"),
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
            ready=ready,
            entered=entered,
            lapsed=lapsed,
            terminated=terminated,
            suspended=suspended,
            expired=expired,
            in_force=in_force,
            provisional=Timeline.constant(F),  # filled in by agreement()
        )

    def _provisional(self, agreement: Agreement, base: AgreementTimelines) -> Timeline:
        clause = agreement.provisional_application
        if clause is None:
            return Timeline.constant(F)
        started = delay_timeline(base.concluded & self.condition(clause.start), clause.effective)
        sunset = Timeline.constant(F)
        end: Callable[[dt.date], dt.date] | None = None
        if clause.ends_on is not None:
            fixed = clause.ends_on
            end = lambda _start: fixed  # noqa: E731
        elif clause.term is not None:
            end = _labelled(clause.term.ends_on, f"term of provisional application {clause.id!r}")
        if end is not None:
            sunset = expired_timeline(
                started, end, self.events_about(clause.id, EventKind.EXTENSION), self.policy
            )
        ended = event_timeline(self.events_about(clause.id, EventKind.TERMINATION), self.policy)
        return Timeline.combine(
            (started, sunset, ended, base.entered, base.terminated, base.lapsed),
            lambda v: v[0] & ~v[1] & ~v[2] & ~v[3] & ~v[4] & ~v[5],
        )

    def parties_of(self, agreement_id: str) -> tuple[str, ...]:
        """The parties an agreement can bind: its listed parties, then later joiners."""
        agreement = self.dataset.agreement(agreement_id)
        out = dict.fromkeys(agreement.parties)
        clause = agreement.entry_into_force
        if clause is not None and clause.per_party is not None:
            out.update(
                dict.fromkeys(self.instrument_parties(agreement_id, clause.per_party.instrument))
            )
        return tuple(out)

    def party(self, agreement_id: str, party: str) -> PartyTimelines:
        """When an agreement binds ``party``: its instrument, its own force, its withdrawal."""
        key = (agreement_id, party)
        cached = self._parties.get(key)
        if cached is None:
            cached = self._party(self.dataset.agreement(agreement_id), party)
            self._parties[key] = cached
        return cached

    def _party(self, agreement: Agreement, party: str) -> PartyTimelines:
        base = self._base(agreement.id)
        clause = agreement.entry_into_force
        per_party = clause.per_party if clause is not None else None
        withdrawals = [
            e for e in self.events_about(agreement.id, EventKind.WITHDRAWAL) if e.party == party
        ]
        if per_party is None:
            # Every listed party is bound while the agreement is in force, until it withdraws.
            listed = T if party in agreement.parties else F
            withdrawn = event_timeline(withdrawals, self.policy)
            return PartyTimelines(
                instrument=Timeline.constant(listed),
                bound=base.in_force & withdrawn.map(lambda v: listed & ~v),
                withdrawn=withdrawn.map(lambda v: listed & v),
            )
        instrument = self.instrument(agreement.id, per_party.instrument, party)
        effect = instrument_effect(instrument, base.ready.first(T), per_party.effective)
        before = base.in_force & effect
        notice = per_party.withdrawal
        grace: list[Timeline] = []
        gone: list[Timeline] = []
        deposits = [
            e.date
            for e in self.events_about(agreement.id, per_party.instrument)
            if e.party == party
        ]
        for event in withdrawals:
            was_bound = (
                before.at(event.date - dt.timedelta(days=1)) if event.date > dt.date.min else F
            )
            effective = apply_rule(notice, event.date)
            strength = T if self.policy.establishes(event) else U
            if was_bound is not F and effective > event.date:
                grace.append(Timeline.from_changes(F, [(event.date, was_bound), (effective, F)]))
            # Withdrawn: at once if it was not bound, after the notice if it was; until it
            # deposits a new instrument.
            changes = [(event.date, strength & ~was_bound), (effective, strength)]
            renewed = next((d for d in deposits if d > event.date), None)
            if renewed is not None:
                changes = [c for c in changes if c[0] < renewed] + [(renewed, F)]
            gone.append(Timeline.from_changes(F, sorted(changes, key=lambda c: c[0])))
        held = effect | Timeline.combine(grace, _any) if grace else effect
        return PartyTimelines(
            instrument=instrument,
            bound=base.in_force & held,
            withdrawn=Timeline.combine(gone, _any) if gone else Timeline.constant(F),
        )

    # Commitments ------------------------------------------------------------------

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

    def applies_to(self, agreement_id: str, party: str) -> Timeline:
        """The days an agreement's commitments bind ``party``: bound, or provisionally applied."""
        return self.party(agreement_id, party).bound | self.agreement(agreement_id).provisional

    def _commitment(self, commitment: Commitment, agreement: Agreement) -> CommitmentTimelines:
        applies = self.applies_to(agreement.id, commitment.by)
        condition = (
            self.condition(commitment.condition)
            if commitment.condition is not None
            else Timeline.constant(T)
        )
        triggered = delay_timeline(applies & condition, Upon())
        expired = Timeline.constant(F)
        if commitment.term is not None:
            expired = expired_timeline(
                triggered,
                _labelled(commitment.term.ends_on, f"term of commitment {commitment.id!r}"),
                self.events_about(commitment.id, EventKind.EXTENSION),
                self.policy,
            )
        terminated = event_timeline(
            self.events_about(commitment.id, EventKind.TERMINATION), self.policy
        )
        measure_ended = Timeline.constant(F)
        if commitment.measure is not None:
            measure_ended = event_timeline(
                self.events_about(
                    commitment.measure, EventKind.INVALIDATION, EventKind.TERMINATION
                ),
                self.policy,
            )
        active = Timeline.combine(
            (triggered, applies, expired, terminated, measure_ended),
            lambda v: v[0] & v[1] & ~v[2] & ~v[3] & ~v[4],
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
            measure_ended=measure_ended,
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
