"""A deliberately simple evaluator: each day on its own, by the definitions.

It shares no timeline code with the engine. It exists to keep the engine
honest: property tests check that both give the same value on every day.
It is slow (it scans day by day) and meant for small inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

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
    walk,
)
from .._engine.index import matches
from .._engine.policy import EvidencePolicy, Judge
from .._engine.results import AgreementStatus, CommitmentStatus
from .._model import Agreement, Commitment, Dataset, Event
from .._truth import Truth
from .._vocabulary import EventKind, Stance

__all__ = ["NaiveEvaluator", "naive_truth"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _fact(events: list[Event], day: dt.date, policy: Judge) -> Truth:
    """TRUE if an established event happened by ``day``, UNKNOWN if only a weak one."""
    happened = [e for e in events if e.date <= day]
    if any(policy.establishes(e) for e in happened):
        return T
    return U if happened else F


class NaiveEvaluator:
    """Answers "what is the value on this day?" from the definitions, one day at a time.

    With ``known_on``, only what was known on that day counts: the events
    reported by then, less those an event reported by then retracts or
    corrects, each weighed by the accounts of it reported by then.
    """

    def __init__(
        self,
        dataset: Dataset,
        policy: EvidencePolicy | None = None,
        *,
        known_on: dt.date | None = None,
    ) -> None:
        self.dataset = dataset
        self.policy = policy or EvidencePolicy()
        self.events, self._weight = _naive_record(dataset, self.policy, known_on)
        self._memo: dict[tuple[int, str, dt.date], Truth] = {}
        days: list[dt.date] = [e.date for e in dataset.events]
        days += [e.ends_on for e in dataset.events if e.ends_on is not None]
        for agreement in dataset.agreements:
            if agreement.concluded is not None:
                days.append(agreement.concluded)
            if agreement.entry_into_force is not None:
                if agreement.entry_into_force.deadline is not None:
                    days.append(agreement.entry_into_force.deadline)
                days += _dates_in(agreement.entry_into_force.when)
            for commitment in agreement.commitments:
                if commitment.condition is not None:
                    days += _dates_in(commitment.condition)
        self._dates = days

    def establishes(self, event: Event) -> bool:
        """Whether ``event`` (on record) counts as a fact rather than being UNKNOWN."""
        return self._weight.get(event.id, T) is T

    def _first_day(self, extra: list[dt.date]) -> dt.date | None:
        days = self._dates + extra
        return min(days) if days else None

    def _scan(self, day: dt.date, extra: list[dt.date]) -> list[dt.date]:
        """The days to try as "the first day something held", up to ``day``.

        Before the earliest date anywhere in the input every value is constant,
        so ``date.min`` stands for all of that time.
        """
        candidates = [dt.date.min]
        start = self._first_day(extra)
        if start is not None:
            current = start - dt.timedelta(days=1) if start > dt.date.min else start
            while current <= day:
                candidates.append(current)
                current += dt.timedelta(days=1)
        return candidates

    def truth(self, node: Condition, day: dt.date) -> Truth:
        """The value of ``node`` on ``day``."""
        key = (id(node), "c", day)
        if key not in self._memo:
            self._memo[key] = self._truth(node, day)
        return self._memo[key]

    def _truth(self, node: Condition, day: dt.date) -> Truth:
        if isinstance(node, Occurred):
            return _fact([e for e in self.events if matches(node, e)], day, self)
        if isinstance(node, Fulfilled):
            return _fact(self._about(node.commitment, EventKind.PERFORMANCE), day, self)
        if isinstance(node, DateReached):
            return T if day >= node.on else F
        if isinstance(node, InForce):
            return self.in_force(self.dataset.agreement(node.agreement), day)
        if isinstance(node, Threshold):
            return self._threshold(node, day)
        if isinstance(node, Not):
            return ~self.truth(node.item, day)
        if isinstance(node, AllOf):
            result = T
            for item in node.items:
                result = result & self.truth(item, day)
            return result
        if isinstance(node, AnyOf):
            result = F
            for item in node.items:
                result = result | self.truth(item, day)
            return result
        if isinstance(node, AtLeast):
            values = [self.truth(item, day) for item in node.items]
            if values.count(T) >= node.n:
                return T
            return U if values.count(T) + values.count(U) >= node.n else F
        if isinstance(node, Delay):
            return self._delayed(
                lambda d: self.truth(node.item, d), node.rule.apply, day, _dates_in(node)
            )
        raise TypeError(f"not a condition: {node!r}")

    def _delayed(
        self,
        inner: Callable[[dt.date], Truth],
        rule: Callable[[dt.date], dt.date],
        day: dt.date,
        extra: list[dt.date],
    ) -> Truth:
        """TRUE if inner held on some day t with rule(t) <= day; UNKNOWN if it maybe did."""
        result = F
        for candidate in self._scan(day, extra):
            value = inner(candidate)
            if value is F:
                continue
            if candidate == dt.date.min:
                if value is T:
                    return T
                result = U
                continue
            if rule(candidate) <= day:
                if value is T:
                    return T
                result = U
        return result

    def _about(self, target: str, *kinds: EventKind) -> list[Event]:
        return [e for e in self.events if e.target == target and e.kind in kinds]

    # Instruments --------------------------------------------------------------

    def instrument(self, target: str, kind: EventKind, party: str, day: dt.date) -> Truth:
        """Whether ``party``'s instrument of ``kind`` about ``target`` stands on ``day``."""
        key = (id(self), f"instrument {target} {kind.value} {party}", day)
        if key in self._memo:
            return self._memo[key]
        state = F
        events = [
            e
            for e in self._about(target, kind, EventKind.WITHDRAWAL)
            if e.party == party and e.date <= day
        ]
        for event in sorted(events, key=lambda e: e.date):
            state = U if not self.establishes(event) else T if event.kind is kind else F
        self._memo[key] = state
        return state

    def _member(self, group_id: str, party: str, day: dt.date) -> bool:
        group = self.dataset.group(group_id)
        return any(m.party == party and m.is_member_on(day) for m in group.members)

    def _threshold(self, node: Threshold, day: dt.date) -> Truth:
        if isinstance(node, WeightedShare):
            sure = maybe = Fraction(0)
            for party, weight in node.weights:
                value = self.instrument(node.target, node.kind, party, day)
                if value is T:
                    sure += weight
                elif value is U:
                    maybe += weight
            weight_needed = node.share * node.whole()
            return T if sure >= weight_needed else U if sure + maybe >= weight_needed else F
        if node.among is None:
            candidates = {e.party for e in self._about(node.target, node.kind) if e.party}
        else:
            candidates = {
                m.party
                for m in self.dataset.group(node.among).members
                if self._member(node.among, m.party, day)
            }
        values = [self.instrument(node.target, node.kind, p, day) for p in candidates]
        true, unknown = values.count(T), values.count(U)
        if isinstance(node, InstrumentCount):
            needed: Fraction | int = node.n
        else:
            if not candidates:
                return F
            needed = node.share * len(candidates)
        return T if true >= needed else U if true + unknown >= needed else F

    # Agreements -------------------------------------------------------------

    def concluded(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement is concluded on ``day``."""
        if agreement.concluded is not None:
            return T if day >= agreement.concluded else F
        return _fact(self._about(agreement.id, EventKind.CONCLUSION), day, self)

    def entered(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement has entered into force by ``day`` (ignoring what ended it)."""
        key = (id(agreement), "entered", day)
        if key in self._memo:
            return self._memo[key]
        clause = agreement.entry_into_force
        if clause is None:
            value = self.concluded(agreement, day)
        else:

            def ready(d: dt.date) -> Truth:
                return self.concluded(agreement, d) & self.truth(clause.when, d)

            value = self._delayed(ready, clause.effective.apply, day, _dates_in(clause.when))
            if clause.deadline is not None and day > clause.deadline:
                at_deadline = self.entered_by_deadline(agreement)
                if at_deadline is F:
                    value = F
                elif at_deadline is U:
                    value = value & U
        self._memo[key] = value
        return value

    def entered_by_deadline(self, agreement: Agreement) -> Truth:
        """Whether the agreement had entered into force on its deadline day."""
        clause = agreement.entry_into_force
        assert clause is not None and clause.deadline is not None
        return self.entered(agreement, clause.deadline)

    def in_force(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement is in force on ``day``."""
        key = (id(agreement), "in_force", day)
        if key in self._memo:
            return self._memo[key]
        value = (
            self.entered(agreement, day)
            & ~self.terminated(agreement, day)
            & ~self._suspended(agreement.id, day)
            & ~self.expired(agreement, day)
        )
        self._memo[key] = value
        return value

    def terminated(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether a termination of the agreement is recorded by ``day``."""
        return _fact(self._about(agreement.id, EventKind.TERMINATION), day, self)

    def suspended(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement is suspended on ``day`` (a suspension not yet lifted)."""
        return self._suspended(agreement.id, day)

    def expired(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement's term has run out by ``day``."""
        if agreement.term is None:
            return F
        return self._expired(
            lambda d: self.entered(agreement, d), agreement.term.ends_on, agreement.id, day
        )

    def lapsed(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement lapsed: not in force by its entry-into-force deadline."""
        clause = agreement.entry_into_force
        if clause is None or clause.deadline is None or day <= clause.deadline:
            return F
        return ~self.entered_by_deadline(agreement)

    def agreement_status(self, agreement: Agreement, day: dt.date) -> AgreementStatus:
        """The status the default rules give the agreement on ``day``, from the definitions."""
        if self.terminated(agreement, day) is T:
            return AgreementStatus.TERMINATED
        if self.lapsed(agreement, day) is T:
            return AgreementStatus.LAPSED
        entered = self.entered(agreement, day)
        if self.expired(agreement, day) is T and entered is T:
            return AgreementStatus.EXPIRED
        if self.suspended(agreement, day) is T and entered is T:
            return AgreementStatus.SUSPENDED
        in_force = self.in_force(agreement, day)
        if in_force is T:
            return AgreementStatus.IN_FORCE
        if self.provisional(agreement, day) is T:
            return AgreementStatus.PROVISIONALLY_APPLIED
        if in_force is U:
            return AgreementStatus.UNDETERMINED
        if self.concluded(agreement, day) is T:
            return AgreementStatus.AWAITING_ENTRY_INTO_FORCE
        return AgreementStatus.NOT_CONCLUDED

    def _suspended(self, target: str, day: dt.date) -> Truth:
        state = F
        for event in sorted(
            self._about(target, EventKind.SUSPENSION, EventKind.RESUMPTION), key=lambda e: e.date
        ):
            if event.date > day:
                break
            if not self.establishes(event):
                state = U
            else:
                state = T if event.kind is EventKind.SUSPENSION else F
        return state

    def _expired(
        self,
        started: Callable[[dt.date], Truth],
        end: Callable[[dt.date], dt.date],
        target: str,
        day: dt.date,
    ) -> Truth:
        start = None
        for wanted in (T, U):
            for candidate in self._scan(day, []):
                if candidate != dt.date.min and started(candidate) is wanted:
                    start = candidate
                    break
            if start is not None:
                break
        if start is None:
            return F
        end_strong = end_all = end(start)
        for event in self._about(target, EventKind.EXTENSION):
            if event.date <= day and event.ends_on is not None:
                end_all = max(end_all, event.ends_on)
                if self.establishes(event):
                    end_strong = max(end_strong, event.ends_on)
        if day >= end_all:
            return T
        return U if day >= end_strong else F

    def ready(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement is concluded and its entry-into-force condition holds."""
        clause = agreement.entry_into_force
        condition = self.truth(clause.when, day) if clause is not None else T
        return self.concluded(agreement, day) & condition

    def provisional(self, agreement: Agreement, day: dt.date) -> Truth:
        """Whether the agreement is provisionally applied on ``day``."""
        clause = agreement.provisional_application
        if clause is None:
            return F
        key = (id(agreement), "provisional", day)
        if key in self._memo:
            return self._memo[key]

        def begun(d: dt.date) -> Truth:
            return self.concluded(agreement, d) & self.truth(clause.start, d)

        def started(d: dt.date) -> Truth:
            return self._delayed(begun, clause.effective.apply, d, _dates_in(clause.start))

        sunset = F
        if clause.ends_on is not None or clause.term is not None:
            fixed, term = clause.ends_on, clause.term
            sunset = self._expired(
                started,
                (lambda _s: fixed) if fixed is not None else term.ends_on,  # type: ignore[union-attr]
                clause.id,
                day,
            )
        ended = _fact(self._about(clause.id, EventKind.TERMINATION), day, self)
        terminated = _fact(self._about(agreement.id, EventKind.TERMINATION), day, self)
        lapsed = F
        if (
            agreement.entry_into_force is not None
            and agreement.entry_into_force.deadline is not None
        ) and day > agreement.entry_into_force.deadline:
            lapsed = ~self.entered_by_deadline(agreement)
        value = (
            started(day) & ~sunset & ~ended & ~self.entered(agreement, day) & ~terminated & ~lapsed
        )
        self._memo[key] = value
        return value

    def bound(self, agreement: Agreement, party: str, day: dt.date) -> Truth:
        """Whether the agreement binds ``party`` on ``day``."""
        clause = agreement.entry_into_force
        per_party = clause.per_party if clause is not None else None
        in_force = self.in_force(agreement, day)
        if per_party is None:
            listed = T if party in agreement.parties else F
            withdrew = _fact(self._withdrawals(agreement, party), day, self)
            return in_force & listed & ~withdrew
        grace = F
        for event in self._withdrawals(agreement, party):
            if event.date <= day < per_party.withdrawal.apply(event.date):
                grace = grace | self._before_withdrawal(agreement, party, event.date)
        return in_force & (self.effect(agreement, party, day) | grace)

    def _withdrawals(self, agreement: Agreement, party: str) -> list[Event]:
        return [e for e in self._about(agreement.id, EventKind.WITHDRAWAL) if e.party == party]

    def _before_withdrawal(self, agreement: Agreement, party: str, day: dt.date) -> Truth:
        """Whether ``party`` was bound on the day before ``day``, by its instrument alone."""
        if day == dt.date.min:
            return F
        previous = day - dt.timedelta(days=1)
        return self.in_force(agreement, previous) & self.effect(agreement, party, previous)

    def effect(self, agreement: Agreement, party: str, day: dt.date) -> Truth:
        """Whether ``party``'s instrument has taken effect for it on ``day`` (in force aside)."""
        clause = agreement.entry_into_force
        assert clause is not None and clause.per_party is not None
        kind, rule = clause.per_party.instrument, clause.per_party.effective
        met = None
        for candidate in self._scan(day, []):
            if candidate != dt.date.min and self.ready(agreement, candidate) is T:
                met = candidate
                break

        def took_effect(holds: Callable[[Truth], bool]) -> bool:
            if not holds(self.instrument(agreement.id, kind, party, day)):
                return False
            start = day
            while start > dt.date.min and holds(
                self.instrument(agreement.id, kind, party, start - dt.timedelta(days=1))
            ):
                start -= dt.timedelta(days=1)
            original = met is not None and start <= met <= day
            return original or rule.apply(start) <= day

        if took_effect(lambda v: v is T):
            return T
        return U if took_effect(lambda v: v is not F) else F

    # Commitments --------------------------------------------------------------

    def applies(self, commitment: Commitment, day: dt.date) -> Truth:
        """Whether the commitment's agreement binds its party on ``day`` (or applies provisionally)."""
        agreement = self.dataset.agreement_of(commitment.id)
        return self.bound(agreement, commitment.by, day) | self.provisional(agreement, day)

    def triggered(self, commitment: Commitment, day: dt.date) -> Truth:
        """Whether the commitment has become active on or before ``day`` (ignoring what ended it)."""

        def holds(d: dt.date) -> Truth:
            condition = (
                self.truth(commitment.condition, d) if commitment.condition is not None else T
            )
            return self.applies(commitment, d) & condition

        return self._delayed(holds, lambda t: t, day, [])

    def performed(self, commitment: Commitment, day: dt.date) -> Truth:
        """Whether a performance of the commitment is recorded by ``day``."""
        return _fact(self._about(commitment.id, EventKind.PERFORMANCE), day, self)

    def active(self, commitment: Commitment, day: dt.date) -> Truth:
        """Whether the commitment binds its party on ``day``."""
        expired = F
        if commitment.term is not None:
            expired = self._expired(
                lambda d: self.triggered(commitment, d), commitment.term.ends_on, commitment.id, day
            )
        terminated = _fact(self._about(commitment.id, EventKind.TERMINATION), day, self)
        measure_ended = F
        if commitment.measure is not None:
            measure_ended = _fact(
                self._about(commitment.measure, EventKind.INVALIDATION, EventKind.TERMINATION),
                day,
                self.policy,
            )
        return (
            self.triggered(commitment, day)
            & self.applies(commitment, day)
            & ~expired
            & ~terminated
            & ~measure_ended
        )

    def commitment_status(self, commitment: Commitment, day: dt.date) -> CommitmentStatus:
        """The status the default rules give the commitment on ``day``, from the definitions."""
        if not commitment.is_continuing and self.performed(commitment, day) is T:
            return CommitmentStatus.PERFORMED
        active = self.active(commitment, day)
        if self.triggered(commitment, day) is T and active is F:
            return CommitmentStatus.ENDED
        if active is T:
            return CommitmentStatus.ACTIVE
        if active is U:
            return CommitmentStatus.UNDETERMINED
        return CommitmentStatus.CONDITIONAL


def _naive_record(
    dataset: Dataset, policy: EvidencePolicy, known_on: dt.date | None
) -> tuple[list[Event], dict[str, Truth]]:
    """The events on record as known on ``known_on``, and the weight of each: T or U.

    Straight from the definitions: an event counts from the day it was reported;
    one retracted by an event on record that is not itself retracted is out, and
    so is one that an event on record not retracted corrects; a retraction is not
    a fact. Each event is then weighed by the accounts of it known by then.
    """

    def known(event: Event) -> dt.date:
        return event.reported if event.reported is not None else event.date

    visible = [e for e in dataset.events if known_on is None or known(e) <= known_on]

    def retracted(event: Event, seen: frozenset[str]) -> bool:
        return any(
            other.retracts == event.id and not retracted(other, seen | {event.id})
            for other in visible
            if other.id not in seen | {event.id}
        )

    out: set[str] = set()
    for event in visible:
        if retracted(event, frozenset()) or event.retracts is not None:
            out.add(event.id)
        elif event.corrects is not None:
            out.add(event.corrects)
    events: list[Event] = []
    weight: dict[str, Truth] = {}
    for event in visible:
        if event.id in out:
            continue
        value = _weigh(dataset, policy, event, known_on)
        if value is not F:
            events.append(event)
            weight[event.id] = value
    return events, weight


def _weigh(
    dataset: Dataset, policy: EvidencePolicy, event: Event, known_on: dt.date | None
) -> Truth:
    """T, U or F: how much the accounts of ``event`` known by ``known_on`` make of it."""
    confident = event.confidence.rank >= policy.min_confidence.rank
    accounts = [(dataset.source(s).kind, True) for s in event.sources]
    for account in event.accounts:
        source = dataset.source(account.source)
        day = account.reported or source.published or event.reported or event.date
        day = max(day, event.reported or event.date)
        if known_on is None or day <= known_on:
            accounts.append((source.kind, account.stance is not Stance.DENIAL))
    if not accounts:
        return T if confident else U
    floor = policy.rank(policy.min_source)
    claim = max(
        (policy.rank(k) for k, yes in accounts if yes and policy.rank(k) >= floor), default=0
    )
    denial = max(
        (policy.rank(k) for k, yes in accounts if not yes and policy.rank(k) >= floor), default=0
    )
    if claim == 0 or denial > claim:
        return F
    if claim > denial:
        return T if confident else U
    if policy.on_conflict is T and not confident:
        return U
    return policy.on_conflict


def _dates_in(node: Condition) -> list[dt.date]:
    return [n.on for _, n in walk(node) if isinstance(n, DateReached)]


def naive_truth(
    condition: Condition, dataset: Dataset, day: dt.date, *, policy: EvidencePolicy | None = None
) -> Truth:
    """The value of ``condition`` on ``day``, computed by the naive day-by-day evaluator.

    To ask about many days or many conditions over one dataset, build one
    [`NaiveEvaluator`][tradeaccord.testing.NaiveEvaluator] and reuse it: it
    remembers what it computed.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import example_dataset, approved_by
        >>> from tradeaccord.testing import naive_truth
        >>> both = approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
        >>> naive_truth(both, example_dataset(), dt.date(2025, 6, 27))
        <Truth.TRUE: 'true'>
    """
    return NaiveEvaluator(dataset, policy).truth(condition, day)
