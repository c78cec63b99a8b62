"""Rule types: ordered, named rules that turn timelines into statuses, and what they read.

A rule is a pure function from a context (the dataset, the day, the item and
its timelines) to a [`Finding`][tradeaccord.Finding], or ``None`` when it does not
apply. The first rule of a [`RuleSet`][tradeaccord.RuleSet] that returns a
finding decides the status.

A context gives a rule read-only access to the facts through its methods
(``explain``, ``missing``, ``condition``, ``events``, the timelines of any
agreement, party or commitment, and the dates the record schedules). It notes
what the rule read, so that a history asks the rules again only on the days
on which something they read changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar, final

import attrs

from .._conditions import Condition
from .._model import Agreement, Commitment, Dataset, Event
from .._truth import Truth
from .._validators import instance_of
from .._vocabulary import EventKind
from ..errors import RuleSetError
from .explain import cite, explain, missing, points
from .policy import EvidencePolicy
from .results import (
    AgreementStatus,
    Alternative,
    Citation,
    CommitmentStatus,
    Explanation,
)
from .steps import Timeline
from .sweeps import Sweep
from .values import AgreementTimelines, CommitmentTimelines, PartyTimelines

__all__ = [
    "AgreementContext",
    "CommitmentContext",
    "Finding",
    "Reads",
    "Rule",
    "RuleSet",
    "scheduled",
]

T = Truth.TRUE


def scheduled(history: Timeline, as_of: dt.date) -> dt.date | None:
    """The first day after ``as_of`` on which ``history`` turns TRUE, if it turns nothing else first."""
    if history.at(as_of) is T:
        return None
    change = history.next_change(as_of)
    return change if change is not None and history.at(change) is T else None


class Reads:
    """The days on which what the rules of one item read can change, noted as they read.

    A history gives one to the contexts of an item and asks the rules again
    on every day it collects. Set ``after`` to the day being asked about when
    the answer is to hold from that day on: only later days matter then.
    ``after`` of ``None`` notes every day (for the run of days before the first
    one noted). An evaluation of one day alone uses ``Reads(sweep, keep=False)``,
    which notes nothing.
    """

    __slots__ = ("_low", "after", "days", "keep", "sweep")

    def __init__(self, sweep: Sweep, *, keep: bool = True) -> None:
        self.sweep = sweep
        self.keep = keep
        self.after: dt.date | None = None
        self.days: set[dt.date] = set()
        # For each thing read: the day after which its days were noted (None: all).
        self._low: dict[object, tuple[object, dt.date | None]] = {}

    def _note(self, key: object, holder: object, days: Callable[[], Sequence[dt.date]]) -> None:
        """Note the ``days`` (in order) of something read, those after ``after`` at least."""
        after = self.after
        seen = self._low.get(key)
        if seen is None:
            found = days()
            self.days.update(found if after is None else found[bisect.bisect_right(found, after) :])
            self._low[key] = (holder, after)
            return
        low = seen[1]
        if low is None or (after is not None and after >= low):
            return
        found = days()
        first = 0 if after is None else bisect.bisect_right(found, after)
        self.days.update(found[first : bisect.bisect_right(found, low)])
        self._low[key] = (holder, after)

    def timelines(self, *timelines: Timeline) -> None:
        """Note the change days of ``timelines``."""
        if self.keep:
            for timeline in timelines:
                self._note(id(timeline), timeline, timeline.change_days)

    def values(self, timelines: AgreementTimelines | PartyTimelines | CommitmentTimelines) -> None:
        """Note the days on which any of an item's timelines changes."""
        if self.keep:
            self._note(id(timelines), timelines, timelines.change_days)

    def condition(self, node: Condition) -> None:
        """Note the days on which the explanation of ``node`` can change."""
        if self.keep:
            self._note(("node", node), None, lambda: points(self.sweep, node))

    def events(self, events: Sequence[Event]) -> None:
        """Note the dates of ``events`` (in date order)."""
        if self.keep:
            self._note(id(events), events, lambda: [e.date for e in events])

    def projection(self, agreement_id: str, party: str | None = None) -> None:
        """Note the days on which what the record says of an agreement (or a party) can change."""
        if not self.keep:
            return
        self._note(
            ("projection", agreement_id),
            None,
            lambda: self.sweep.projection_points(agreement_id),
        )
        if party is not None:
            self.events(self.sweep.party_events(agreement_id, party))


class _Reading:
    """The read-only methods shared by both contexts (see `AgreementContext`)."""

    __slots__ = ()
    as_of: dt.date
    _reads: Reads

    @property
    def policy(self) -> EvidencePolicy:
        """The evidence policy of the evaluation."""
        return self._reads.sweep.policy

    def establishes(self, event: Event) -> bool:
        """Whether ``event`` counts as a fact under the policy, given its accounts known then."""
        return self._reads.sweep.record.establishes(event)

    def explain(self, node: Condition) -> Explanation:
        """The explanation tree of any condition on this context's day."""
        self._reads.condition(node)
        return explain(self._reads.sweep, node, self.as_of)

    def missing(self, node: Condition) -> tuple[Alternative, ...]:
        """What ``node`` still waits for on this context's day."""
        self._reads.condition(node)
        return missing(self._reads.sweep, node, self.as_of)

    def condition(self, node: Condition) -> Timeline:
        """The timeline of any condition."""
        found = self._reads.sweep.condition(node)
        self._reads.timelines(found)
        return found

    def agreement_timelines(self, agreement_id: str) -> AgreementTimelines:
        """The timelines of any agreement of the dataset."""
        found = self._reads.sweep.agreement(agreement_id)
        self._reads.values(found)
        return found

    def party_timelines(self, agreement_id: str, party: str) -> PartyTimelines:
        """The timelines of one party under any agreement of the dataset."""
        found = self._reads.sweep.party(agreement_id, party)
        self._reads.values(found)
        return found

    def commitment_timelines(self, commitment_id: str) -> CommitmentTimelines:
        """The timelines of any commitment of the dataset."""
        found = self._reads.sweep.commitment(commitment_id)
        self._reads.values(found)
        return found

    def events(self, target: str, *kinds: EventKind) -> tuple[Event, ...]:
        """The events about ``target`` of the given kinds dated on or before this day."""
        every = self._reads.sweep.events_about(target, *kinds)
        self._reads.events(every)
        return tuple(e for e in every if e.date <= self.as_of)

    def cite(self, event: Event) -> Citation:
        """A citation of ``event``, with its sources."""
        return cite(self._reads.sweep, event)

    def scheduled_entry_into_force(self, agreement_id: str) -> dt.date | None:
        """The day the agreement will enter into force on the facts recorded so far, if fixed.

        ``None`` while nothing recorded fixes it, and once it has entered into force.
        """
        self._reads.projection(agreement_id)
        entered = self._reads.sweep.projected_entry(agreement_id, self.as_of).entered
        self._reads.timelines(entered)
        return scheduled(entered, self.as_of)

    def scheduled_binding(self, agreement_id: str, party: str) -> dt.date | None:
        """The day the agreement will bind ``party`` on the facts recorded so far, if fixed."""
        self._reads.projection(agreement_id, party)
        bound = self._reads.sweep.projected_party(agreement_id, party, self.as_of).bound
        self._reads.timelines(bound)
        return scheduled(bound, self.as_of)


@final
@attrs.frozen(kw_only=True)
class AgreementContext(_Reading):
    """What an agreement rule can read: the day, the agreement, its timelines, the facts.

    Read the facts through the methods (``explain``, ``missing``, ``condition``,
    ``events``, ``agreement_timelines``...), not by scanning ``dataset.events``:
    a history asks the rules again only on the days on which something they
    read through the context changes.
    """

    as_of: dt.date
    dataset: Dataset
    agreement: Agreement
    timelines: AgreementTimelines
    _reads: Reads = attrs.field(alias="reads", repr=False, eq=False)


@final
@attrs.frozen(kw_only=True)
class CommitmentContext(_Reading):
    """What a commitment rule can read: the day, the commitment, its agreement, timelines.

    As for [`AgreementContext`][tradeaccord.AgreementContext], read the facts
    through the methods.
    """

    as_of: dt.date
    dataset: Dataset
    agreement: Agreement
    commitment: Commitment
    timelines: CommitmentTimelines
    _reads: Reads = attrs.field(alias="reads", repr=False, eq=False)


S = TypeVar("S", AgreementStatus, CommitmentStatus)
C = TypeVar("C", AgreementContext, CommitmentContext)


@final
@attrs.frozen(kw_only=True)
class Finding(Generic[S]):
    """What a rule concluded: a status, since when, why, and what is missing."""

    status: S
    reason: str
    since: dt.date | None = None
    explanation: tuple[Explanation, ...] = ()
    missing: tuple[Alternative, ...] = ()


@final
@attrs.frozen(kw_only=True)
class Rule(Generic[C, S]):
    """A named rule: a pure function from a context to a finding, or ``None``.

    Examples:
        >>> from tradeaccord import AgreementStatus
        >>> always_in_force = Rule(
        ...     name="treat-as-in-force",
        ...     summary="Every agreement counts as in force.",
        ...     check=lambda ctx: Finding(status=AgreementStatus.IN_FORCE, reason="assumed"),
        ... )
        >>> always_in_force.name
        'treat-as-in-force'
    """

    name: str = attrs.field(validator=instance_of(str))
    summary: str = attrs.field(validator=instance_of(str))
    check: Callable[[C], Finding[S] | None]


def _names(rules: tuple[Rule, ...], kind: str) -> None:  # type: ignore[type-arg]
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RuleSetError(f"two {kind} rules are named {rule.name!r}")
        seen.add(rule.name)


@final
@attrs.frozen(kw_only=True)
class RuleSet:
    """Ordered agreement rules and commitment rules; the first that finds decides.

    Examples:
        >>> rules = RuleSet.default()
        >>> [r.name for r in rules.agreement_rules][:3]
        ['terminated', 'lapsed', 'expired']
        >>> rules.without("suspended").agreement_names()[:4]
        ('terminated', 'lapsed', 'expired', 'in-force')
    """

    agreement_rules: tuple[Rule[AgreementContext, AgreementStatus], ...]
    commitment_rules: tuple[Rule[CommitmentContext, CommitmentStatus], ...]

    def __attrs_post_init__(self) -> None:
        _names(self.agreement_rules, "agreement")
        _names(self.commitment_rules, "commitment")

    @classmethod
    def default(cls) -> RuleSet:
        """The rules tradeaccord applies unless told otherwise."""
        from .default_rules import DEFAULT_AGREEMENT_RULES, DEFAULT_COMMITMENT_RULES

        return cls(
            agreement_rules=DEFAULT_AGREEMENT_RULES, commitment_rules=DEFAULT_COMMITMENT_RULES
        )

    def agreement_names(self) -> tuple[str, ...]:
        """The agreement rule names, in order."""
        return tuple(r.name for r in self.agreement_rules)

    def commitment_names(self) -> tuple[str, ...]:
        """The commitment rule names, in order."""
        return tuple(r.name for r in self.commitment_rules)

    def _place(
        self,
        rules: tuple[Rule[Any, Any], ...],
        rule: Rule[Any, Any],
        before: str | None,
        after: str | None,
    ) -> tuple[Rule[Any, Any], ...]:
        if before is not None and after is not None:
            raise RuleSetError("give at most one of before= and after=")
        anchor = before if before is not None else after
        if anchor is None:
            return (*rules, rule)
        names = [r.name for r in rules]
        if anchor not in names:
            raise RuleSetError(f"no rule named {anchor!r} (rules: {', '.join(names)})")
        index = names.index(anchor) + (0 if before is not None else 1)
        return (*rules[:index], rule, *rules[index:])

    def with_agreement_rule(
        self,
        rule: Rule[AgreementContext, AgreementStatus],
        *,
        before: str | None = None,
        after: str | None = None,
    ) -> RuleSet:
        """A copy with ``rule`` added (at the end, or before/after a named rule)."""
        return attrs.evolve(
            self, agreement_rules=self._place(self.agreement_rules, rule, before, after)
        )

    def with_commitment_rule(
        self,
        rule: Rule[CommitmentContext, CommitmentStatus],
        *,
        before: str | None = None,
        after: str | None = None,
    ) -> RuleSet:
        """A copy with ``rule`` added to the commitment rules."""
        return attrs.evolve(
            self, commitment_rules=self._place(self.commitment_rules, rule, before, after)
        )

    def without(self, name: str) -> RuleSet:
        """A copy without the agreement or commitment rule called ``name``."""
        if name not in self.agreement_names() and name not in self.commitment_names():
            raise RuleSetError(
                f"no rule named {name!r} (rules: {', '.join(self.agreement_names() + self.commitment_names())})"
            )
        return attrs.evolve(
            self,
            agreement_rules=tuple(r for r in self.agreement_rules if r.name != name),
            commitment_rules=tuple(r for r in self.commitment_rules if r.name != name),
        )

    def replacing(self, name: str, rule: Rule) -> RuleSet:  # type: ignore[type-arg]
        """A copy with the rule called ``name`` replaced by ``rule`` in the same place."""
        if name in self.agreement_names():
            return attrs.evolve(
                self,
                agreement_rules=tuple(rule if r.name == name else r for r in self.agreement_rules),
            )
        if name in self.commitment_names():
            return attrs.evolve(
                self,
                commitment_rules=tuple(
                    rule if r.name == name else r for r in self.commitment_rules
                ),
            )
        raise RuleSetError(
            f"no rule named {name!r} (rules: {', '.join(self.agreement_names() + self.commitment_names())})"
        )
