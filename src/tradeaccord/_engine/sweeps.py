"""Sweeps: the timeline of every condition, agreement, party and commitment of a dataset.

Every timeline is a step function built in one pass over the sorted change
points of its inputs; the events are indexed once per dataset, and a threshold
counts instruments incrementally over the sorted instrument events. Agreements
are built in dependency order: an ``InForce`` condition reads the in-force part
of the agreement it names, computed before the agreement that depends on it.
Nothing here prints or reads the clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from .._calendar import Upon
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
from .._model import Agreement, Commitment, Dataset, Event
from .._truth import Truth
from .._vocabulary import EventKind
from ..errors import CalendarError, EvaluationError
from .evidence import Record
from .index import EventIndex, RecordedIndex
from .policy import EvidencePolicy
from .primitives import (
    _all,
    _any,
    apply_rule,
    delay_timeline,
    event_timeline,
    expired_timeline,
    instrument_effect,
    kleene_at_least,
    labelled,
    lapse,
    toggle_timeline,
)
from .steps import Timeline, _trusted
from .thresholds import Counting
from .values import AgreementTimelines, CommitmentTimelines, PartyTimelines

__all__ = ["Sweep", "in_force_timeline", "timeline"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
_FALSE = Timeline.constant(F)
_TRUE = Timeline.constant(T)


class _Entry(NamedTuple):
    """The in-force part of an agreement's timelines: what ``InForce`` reads."""

    concluded: Timeline
    condition: Timeline
    ready: Timeline
    entered: Timeline
    lapsed: Timeline
    terminated: Timeline
    suspended: Timeline
    expired: Timeline
    in_force: Timeline


_ONE = 1


class Sweep(Counting):
    """The timelines of one dataset under one evidence policy, each computed once.

    A sweep is built from an event index, and computes each timeline the first
    time it is asked for, in dependency order; what it returns never changes.
    Instruments, thresholds and citations are its [`Counting`][] part.
    ``recorded_on(day)`` gives the sweep of the record as it stood on that day:
    the same dataset without the events dated after it.
    """

    def __init__(
        self,
        dataset: Dataset,
        policy: EvidencePolicy,
        index: EventIndex | RecordedIndex | None = None,
        *,
        full: Sweep | None = None,
        hypothetical: frozenset[str] = frozenset(),
        record: Record | None = None,
    ) -> None:
        super().__init__(
            dataset,
            record if record is not None else Record(dataset, policy),
            index,
            full=full,
            hypothetical=hypothetical,
        )
        self.policy = policy
        self._nodes: dict[int, tuple[Condition, Timeline]] = {}
        self._equal_nodes: dict[Condition, Timeline] = {}
        self._entries: dict[str, _Entry] = {}
        self._agreements: dict[str, AgreementTimelines] = {}
        self._parties: dict[tuple[str, str], PartyTimelines] = {}
        self._party_lists: dict[str, tuple[str, ...]] = {}
        self._commitments: dict[str, CommitmentTimelines] = {}
        self._recorded: dict[dt.date, Sweep] = {}
        self.failures: dict[tuple[int, dt.date], tuple[Condition, bool]] = {}
        """Whether a condition node can no longer hold, by node and day (see ``explain.failed``)."""

    def recorded_on(self, day: dt.date) -> Sweep:
        """The sweep of the record as it stood on ``day``: events dated after it left out.

        Its timelines project forward what the record said on ``day``: the dates
        it fixes (an entry into force 30 days on, a party's own date) without
        anything recorded later.
        """
        through = self.through
        if through is not None and day >= through:
            return self
        found = self._recorded.get(day)
        if found is None:
            full = self._full if self._full is not None else self
            found = Sweep(
                self.dataset,
                self.policy,
                self.index.through(day),
                full=full,
                hypothetical=self.hypothetical,
                record=self.record,
            )
            self._recorded[day] = found
        return found

    # Events -------------------------------------------------------------------------

    def events_for(self, leaf: Occurred | Fulfilled) -> list[Event]:
        """The recorded events that instantiate a leaf, in date order."""
        if isinstance(leaf, Fulfilled):
            return self.index.about(leaf.commitment, EventKind.PERFORMANCE)
        return self.index.matching(leaf)

    def set_aside(self, leaf: Occurred | Fulfilled) -> list[Event]:
        """The events on record set aside by the evidence policy that would instantiate ``leaf``.

        Claims only weak sources assert, and denied events: they do not make
        ``leaf`` hold, but explanations cite them.
        """
        return self.record.set_aside(leaf)

    def events_about(self, target: str, *kinds: EventKind) -> list[Event]:
        """The recorded events about ``target`` of the given kinds, in date order."""
        return self.index.about(target, *kinds)

    def _fact(self, target: str, *kinds: EventKind) -> Timeline:
        return event_timeline(self.index.about(target, *kinds), self.record)

    # Conditions ---------------------------------------------------------------------

    def condition(self, node: Condition) -> Timeline:
        """The timeline of a condition node."""
        cached = self._nodes.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        found = self._equal_nodes.get(node)
        if found is None:
            found = self._compute(node)
            self._equal_nodes[node] = found
            # Remember the object too: the next lookup of this very node skips hashing it.
            self._nodes[id(node)] = (node, found)
        return found

    def _compute(self, node: Condition) -> Timeline:
        if self._full is not None and (
            isinstance(node, Occurred | Fulfilled | WeightedShare)
            or (isinstance(node, InstrumentCount) and node.among is None)
        ):
            # Their steps fall only on the dates of the events they count.
            found = self._recorded_line(lambda full: full.condition(node))
            assert found is not None
            return found
        if isinstance(node, Occurred | Fulfilled):
            return event_timeline(self.events_for(node), self.record)
        if isinstance(node, DateReached):
            return _trusted(F, ((node.on, T),))
        if isinstance(node, InForce):
            return self._entry(node.agreement).in_force
        if isinstance(node, Threshold):
            return self.count(node).timeline
        if isinstance(node, Not):
            return ~self.condition(node.item)
        if isinstance(node, AllOf | AnyOf) and len(node.items) == 2:
            first, second = (self.condition(i) for i in node.items)
            return first & second if isinstance(node, AllOf) else first | second
        if isinstance(node, AllOf):
            return Timeline.combine([self.condition(i) for i in node.items], _all)
        if isinstance(node, AnyOf):
            return Timeline.combine([self.condition(i) for i in node.items], _any)
        if isinstance(node, AtLeast):
            n = node.n
            return Timeline.combine(
                [self.condition(i) for i in node.items],
                lambda v: kleene_at_least(n, v.count(T), v.count(U)),
            )
        if isinstance(node, Delay):
            return delay_timeline(self.condition(node.item), node.rule)
        raise EvaluationError(f"not a condition node: {node!r}")

    # Agreements ---------------------------------------------------------------------

    def agreement(self, agreement_id: str) -> AgreementTimelines:
        """The timelines of an agreement: entry into force, provisional application, end."""
        found = self._agreements.get(agreement_id)
        if found is None:
            agreement = self.dataset.agreement(agreement_id)
            entry = self._entry(agreement_id)
            found = AgreementTimelines(
                **entry._asdict(), provisional=self._provisional(agreement, entry)
            )
            self._agreements[agreement_id] = found
        return found

    def entry(self, agreement_id: str) -> _Entry:
        """The in-force part of an agreement's timelines (what ``InForce`` reads)."""
        return self._entry(agreement_id)

    def _entry(self, agreement_id: str) -> _Entry:
        found = self._entries.get(agreement_id)
        if found is None:
            found = self._compute_entry(self.dataset.agreement(agreement_id))
            self._entries[agreement_id] = found
        return found

    def _compute_entry(self, agreement: Agreement) -> _Entry:
        if agreement.concluded is not None:
            concluded = _trusted(F, ((agreement.concluded, T),))
        else:
            concluded = self._fact(agreement.id, EventKind.CONCLUSION)
        clause = agreement.entry_into_force
        condition = self.condition(clause.when) if clause is not None else _TRUE
        ready = concluded & condition
        entered = ready
        if clause is not None:
            try:
                entered = delay_timeline(ready, clause.effective)
            except CalendarError as exc:
                raise CalendarError(
                    f"entry into force of agreement {agreement.id!r}: {exc}"
                ) from None
        lapsed = _FALSE
        if clause is not None and clause.deadline is not None:
            entered, lapsed = lapse(entered, clause.deadline)
        terminated = self._fact(agreement.id, EventKind.TERMINATION)
        suspended = toggle_timeline(
            self.index.about(agreement.id, EventKind.SUSPENSION, EventKind.RESUMPTION),
            EventKind.SUSPENSION,
            EventKind.RESUMPTION,
            self.record,
        )
        expired = _FALSE
        if agreement.term is not None:
            expired = expired_timeline(
                entered,
                labelled(agreement.term.ends_on, f"term of agreement {agreement.id!r}"),
                self.index.about(agreement.id, EventKind.EXTENSION),
                self.record,
            )
        in_force = entered
        for ending in (terminated, suspended, expired):
            if ending.steps or ending.initial is not F:
                in_force = in_force & ~ending
        return _Entry(
            concluded=concluded,
            condition=condition,
            ready=ready,
            entered=entered,
            lapsed=lapsed,
            terminated=terminated,
            suspended=suspended,
            expired=expired,
            in_force=in_force,
        )

    def _provisional(self, agreement: Agreement, entry: _Entry) -> Timeline:
        clause = agreement.provisional_application
        if clause is None:
            return _FALSE
        started = delay_timeline(entry.concluded & self.condition(clause.start), clause.effective)
        sunset = _FALSE
        end: Callable[[dt.date], dt.date] | None = None
        if clause.ends_on is not None:
            fixed = clause.ends_on
            end = lambda _start: fixed  # noqa: E731
        elif clause.term is not None:
            end = labelled(clause.term.ends_on, f"term of provisional application {clause.id!r}")
        if end is not None:
            sunset = expired_timeline(
                started, end, self.index.about(clause.id, EventKind.EXTENSION), self.record
            )
        ended = self._fact(clause.id, EventKind.TERMINATION)
        return Timeline.combine(
            (started, sunset, ended, entry.entered, entry.terminated, entry.lapsed),
            lambda v: v[0] & ~v[1] & ~v[2] & ~v[3] & ~v[4] & ~v[5],
        )

    # Parties ------------------------------------------------------------------------

    def parties_of(self, agreement_id: str) -> tuple[str, ...]:
        """The parties an agreement can bind: its listed parties, then later joiners."""
        found = self._party_lists.get(agreement_id)
        if found is None:
            agreement = self.dataset.agreement(agreement_id)
            out = dict.fromkeys(agreement.parties)
            clause = agreement.entry_into_force
            if clause is not None and clause.per_party is not None:
                out.update(
                    dict.fromkeys(
                        self.instrument_parties(agreement_id, clause.per_party.instrument)
                    )
                )
            found = tuple(out)
            self._party_lists[agreement_id] = found
        return found

    def party(self, agreement_id: str, party: str) -> PartyTimelines:
        """When an agreement binds ``party``: its instrument, its own force, its withdrawal."""
        key = (agreement_id, party)
        found = self._parties.get(key)
        if found is None:
            found = self._party(self.dataset.agreement(agreement_id), party)
            self._parties[key] = found
        return found

    def party_events(self, agreement_id: str, party: str) -> list[Event]:
        """The events by which ``party`` comes to be bound or leaves: instruments, withdrawals."""
        clause = self.dataset.agreement(agreement_id).entry_into_force
        if clause is not None and clause.per_party is not None:
            return self.index.party_instruments(agreement_id, clause.per_party.instrument, party)
        return self.withdrawals(agreement_id, party)

    def withdrawals(self, agreement_id: str, party: str) -> list[Event]:
        """The withdrawals ``party`` recorded from the agreement, in date order."""
        clause = self.dataset.agreement(agreement_id).entry_into_force
        if clause is not None and clause.per_party is not None:
            events = self.index.party_instruments(agreement_id, clause.per_party.instrument, party)
            return [e for e in events if e.kind is EventKind.WITHDRAWAL]
        return [e for e in self.index.about(agreement_id, EventKind.WITHDRAWAL) if e.party == party]

    def _party(
        self,
        agreement: Agreement,
        party: str,
        entry: _Entry | None = None,
        through: dt.date | None = None,
    ) -> PartyTimelines:
        """A party's timelines; with ``through``, from its events recorded by then only."""
        if entry is None:
            entry = self._entry(agreement.id)
        clause = agreement.entry_into_force
        per_party = clause.per_party if clause is not None else None
        if per_party is None:
            # Every listed party is bound while the agreement is in force, until it withdraws.
            withdrawals = self.withdrawals(agreement.id, party)
            if through is not None:
                withdrawals = [e for e in withdrawals if e.date <= through]
            if party not in agreement.parties:
                return PartyTimelines(instrument=_FALSE, bound=_FALSE, withdrawn=_FALSE)
            withdrawn = event_timeline(withdrawals, self.record)
            return PartyTimelines(
                instrument=_TRUE, bound=entry.in_force & ~withdrawn, withdrawn=withdrawn
            )
        events = self.index.party_instruments(agreement.id, per_party.instrument, party)
        instrument = self.instrument(agreement.id, per_party.instrument, party)
        if through is not None:
            events = [e for e in events if e.date <= through]
            instrument = instrument.recorded_on(through)
        effect = instrument_effect(instrument, entry.ready.first(T), per_party.effective)
        withdrawals = [e for e in events if e.kind is EventKind.WITHDRAWAL]
        if not withdrawals:
            return PartyTimelines(
                instrument=instrument, bound=entry.in_force & effect, withdrawn=_FALSE
            )
        before = entry.in_force & effect
        notice = per_party.withdrawal
        grace: list[Timeline] = []
        gone: list[Timeline] = []
        deposits = [e.date for e in events if e.kind is per_party.instrument]
        for event in withdrawals:
            was_bound = (
                before.at(event.date - dt.timedelta(days=1)) if event.date > dt.date.min else F
            )
            effective = apply_rule(notice, event.date)
            strength = T if self.record.establishes(event) else U
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
            bound=entry.in_force & held,
            withdrawn=Timeline.combine(gone, _any),
        )

    # What the record says of the future ---------------------------------------------

    def projection_points(self, agreement_id: str) -> tuple[dt.date, ...]:
        """The days on which what the record says of an agreement's future can change, in order.

        What the record as it stood on a day says (``recorded_on``) depends only on
        the values on that day of what the agreement's entry into force reads (for a
        count among a group's members, on who had an instrument standing), and on
        the extensions of its term recorded by then. Between two of these days,
        ``projected_entry`` is the same.
        """
        key = ("projection", agreement_id)
        found = self.memo.get(key)
        if not isinstance(found, tuple):
            agreement = self.dataset.agreement(agreement_id)
            entry = self._entry(agreement_id)
            days: set[dt.date] = set()
            for timeline in (entry.concluded, entry.terminated, entry.suspended):
                days.update(timeline.change_days())
            days.update(e.date for e in self.index.about(agreement_id, EventKind.EXTENSION))
            clause = agreement.entry_into_force
            if clause is not None:
                if clause.deadline is not None:
                    days.add(clause.deadline + dt.timedelta(days=1))
                for _, node in walk(clause.when):
                    days.update(self.condition(node).change_days())
                    if (
                        isinstance(node, InstrumentCount | InstrumentShare)
                        and node.among is not None
                    ):
                        # Who is counted, and whose instrument stands for a member to come.
                        days.update(self.count(node).days)
                        days.update(
                            e.date
                            for e in self.index.about(node.target, node.kind, EventKind.WITHDRAWAL)
                        )
                    if isinstance(node, InForce):
                        days.update(self.projection_points(node.agreement))
            found = tuple(sorted(days))
            self.memo[key] = found
        return found

    def projected_entry(self, agreement_id: str, day: dt.date) -> _Entry:
        """The in-force part of an agreement as the record stood on ``day``, projected forward."""
        index = bisect.bisect_right(self.projection_points(agreement_id), day)
        key = ("projected", agreement_id, index)
        found = self.memo.get(key)
        if not isinstance(found, _Entry):
            found = self.recorded_on(day)._entry(agreement_id)
            self.memo[key] = found
        return found

    def projected_party(self, agreement_id: str, party: str, day: dt.date) -> PartyTimelines:
        """A party's timelines as the record stood on ``day``, projected forward."""
        agreement = self.dataset.agreement(agreement_id)
        return self._party(agreement, party, self.projected_entry(agreement_id, day), day)

    # Commitments --------------------------------------------------------------------

    def commitment(self, commitment_id: str) -> CommitmentTimelines:
        """The timelines of a commitment: triggered, active, performed, breached."""
        found = self._commitments.get(commitment_id)
        if found is None:
            commitment = self.dataset.commitment(commitment_id)
            agreement = self.dataset.agreement_of(commitment_id)
            found = self._commitment(commitment, agreement)
            self._commitments[commitment_id] = found
        return found

    def applies_to(self, agreement_id: str, party: str) -> Timeline:
        """The days an agreement's commitments bind ``party``: bound, or provisionally applied."""
        return self.party(agreement_id, party).bound | self.agreement(agreement_id).provisional

    def _commitment(self, commitment: Commitment, agreement: Agreement) -> CommitmentTimelines:
        applies = self.applies_to(agreement.id, commitment.by)
        condition = (
            self.condition(commitment.condition) if commitment.condition is not None else _TRUE
        )
        triggered = delay_timeline(applies & condition, Upon())
        expired = _FALSE
        if commitment.term is not None:
            expired = expired_timeline(
                triggered,
                labelled(commitment.term.ends_on, f"term of commitment {commitment.id!r}"),
                self.index.about(commitment.id, EventKind.EXTENSION),
                self.record,
            )
        terminated = self._fact(commitment.id, EventKind.TERMINATION)
        measure_ended = _FALSE
        if commitment.measure is not None:
            measure_ended = self._fact(
                commitment.measure, EventKind.INVALIDATION, EventKind.TERMINATION
            )
        active = Timeline.combine(
            (triggered, applies, expired, terminated, measure_ended),
            lambda v: v[0] & v[1] & ~v[2] & ~v[3] & ~v[4],
        )
        return CommitmentTimelines(
            condition=condition,
            triggered=triggered,
            expired=expired,
            terminated=terminated,
            measure_ended=measure_ended,
            active=active,
            performed=self._fact(commitment.id, EventKind.PERFORMANCE),
            breached=self._fact(commitment.id, EventKind.BREACH),
        )


def timeline(
    condition: Condition, dataset: Dataset, *, policy: EvidencePolicy | None = None
) -> Timeline:
    """The whole history of a condition over a dataset's events, as a step function.

    Examples:
        >>> from tradeaccord import example_dataset, approved_by
        >>> both = approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
        >>> timeline(both, example_dataset()).first(Truth.TRUE)
        datetime.date(2025, 6, 27)
    """
    return Sweep(dataset, policy or EvidencePolicy()).condition(condition)


def in_force_timeline(
    dataset: Dataset, agreement_id: str, *, policy: EvidencePolicy | None = None
) -> Timeline:
    """When an agreement is in force, over all time.

    Examples:
        >>> from tradeaccord import example_dataset
        >>> in_force_timeline(example_dataset(), "london-2025").first(Truth.TRUE)
        datetime.date(2025, 6, 27)
    """
    return Sweep(dataset, policy or EvidencePolicy()).agreement(agreement_id).in_force
