"""The rules engine: ordered, named rules that turn timelines into statuses.

A rule is a pure function from a context (the dataset, the day, the item and
its timelines) to a [`Finding`][tradeaccord.Finding], or ``None`` when it does not
apply. The first rule of a [`RuleSet`][tradeaccord.RuleSet] that returns a
finding decides the status.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, final

import attrs

from ._calendar import Upon
from ._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentShare,
    Not,
    Occurred,
    Threshold,
    WeightedShare,
    children,
    format_number,
    walk,
)
from ._engine import (
    AgreementTimelines,
    CommitmentTimelines,
    Engine,
    EvidencePolicy,
    Tally,
    apply_rule,
)
from ._model import Agreement, Commitment, Dataset, Event
from ._report import (
    AgreementReport,
    AgreementStatus,
    Alternative,
    Citation,
    CommitmentReport,
    CommitmentStatus,
    Deontic,
    Explanation,
    Need,
    PartyReport,
    PartyStatus,
    Progress,
    Report,
    tally_words,
)
from ._timeline import Timeline
from ._truth import Truth
from ._validators import instance_of
from ._vocabulary import EventKind as _EK
from .errors import ModelTypeError, RuleSetError

__all__ = [
    "AgreementContext",
    "CommitmentContext",
    "Finding",
    "Rule",
    "RuleSet",
    "evaluate",
    "explain",
    "missing",
]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
MAX_ALTERNATIVES = 16
"""At most this many alternative ways forward are listed for one condition."""


# ---------------------------------------------------------------- explanations


def cite(engine: Engine, event: Event) -> Citation:
    """A citation of ``event`` with its sources resolved."""
    return Citation(
        event=event.id,
        date=event.date,
        kind=event.kind,
        summary=event.summary,
        confidence=event.confidence,
        party=event.party,
        sources=tuple(engine.dataset.source(s) for s in event.sources),
    )


def explain(engine: Engine, node: Condition, as_of: dt.date) -> Explanation:
    """The explanation tree of a condition on ``as_of``: each node, its value and facts."""
    history = engine.condition(node)
    value = history.at(as_of)
    citations: tuple[Citation, ...] = ()
    label = node.describe()
    if isinstance(node, Occurred | Fulfilled):
        citations = tuple(cite(engine, e) for e in engine.events_for(node) if e.date <= as_of)
    elif isinstance(node, Threshold):
        tally = engine.tally(node, as_of)
        label = f"{label}: {_tally_words(tally)}"
        citations = tuple(
            cite(engine, e)
            for e in engine.events_about(node.target, node.kind, _EK.WITHDRAWAL)
            if e.date <= as_of
            and e.party is not None
            and (e.party in tally.counted or e.party in tally.uncertain)
        )
    elif isinstance(node, Delay):
        inner = engine.condition(node.item)
        start = inner.first(T)
        if inner.initial is not T and start is not None and start <= as_of:
            label = f"{label} {start.isoformat()}: from {apply_rule(node.rule, start).isoformat()}"
    kids = tuple(explain(engine, child, as_of) for child in children(node))
    return Explanation(
        label=label, value=value, since=history.since(as_of), citations=citations, children=kids
    )


def _tally_words(tally: Tally) -> str:
    return tally_words(tally.unit, tally.have, tally.required, tally.members, tally.unknown)


def _names_list(parties: tuple[str, ...], weigh: Callable[[str], str] | None = None) -> str:
    shown = [p if weigh is None else f"{p} ({weigh(p)})" for p in parties[:10]]
    return ", ".join(shown) + (f" and {len(parties) - 10} more" if len(parties) > 10 else "")


def _threshold_need(engine: Engine, node: Threshold, as_of: dt.date) -> Need:
    tally = engine.tally(node, as_of)
    what = node.describe()
    still = format_number(tally.still_needed)
    if isinstance(node, WeightedShare):
        text = f"weight {still} more towards {what} (have {format_number(tally.have)} of {format_number(tally.required)})"
        if tally.outstanding:
            text += "; not yet: " + _names_list(
                tally.outstanding, lambda p: format_number(node.weight_of(p))
            )
        return Need(kind="weight", description=text)
    text = f"{still} more towards {what} (have {format_number(tally.have)} of {format_number(tally.required)}"
    text += f" of {tally.members} members)" if isinstance(node, InstrumentShare) else ")"
    if tally.outstanding:
        text += "; not yet: " + _names_list(tally.outstanding)
    return Need(kind="count", description=text)


def _cross(groups: list[tuple[Alternative, ...]]) -> tuple[Alternative, ...]:
    combined: list[Alternative] = []
    for choice in itertools.product(*groups):
        needs: list[Need] = []
        for alternative in choice:
            needs.extend(n for n in alternative.needs if n not in needs)
        combined.append(Alternative(needs=tuple(needs)))
        if len(combined) >= MAX_ALTERNATIVES:
            break
    return _minimal(combined)


def _minimal(alternatives: Iterable[Alternative]) -> tuple[Alternative, ...]:
    """Drop duplicates and alternatives that ask for more than another one does."""
    unique: list[Alternative] = []
    for alternative in alternatives:
        if alternative not in unique:
            unique.append(alternative)
    sets = [set(a.needs) for a in unique]
    keep = [
        a
        for i, a in enumerate(unique)
        if not any(j != i and sets[j] < sets[i] for j in range(len(unique)))
    ]
    keep.sort(key=lambda a: len(a.needs))
    return tuple(keep[:MAX_ALTERNATIVES])


def missing(engine: Engine, node: Condition, as_of: dt.date) -> tuple[Alternative, ...]:
    """The smallest sets of outstanding facts that would make ``node`` hold.

    Empty when the condition already holds on ``as_of``. Each alternative is a
    set of needs; any one alternative would do. At most ``MAX_ALTERNATIVES`` are
    listed.
    """
    value = engine.condition(node).at(as_of)
    if value is T:
        return ()
    if isinstance(node, Occurred | Fulfilled):
        kind = "performance" if isinstance(node, Fulfilled) else "event"
        if value is U:
            return (
                Alternative(
                    needs=(
                        Need(kind="confirmation", description=f"confirmation of {node.describe()}"),
                    )
                ),
            )
        return (Alternative(needs=(Need(kind=kind, description=node.describe()),)),)
    if isinstance(node, DateReached):
        return (Alternative(needs=(Need(kind="date", description=node.describe()),)),)
    if isinstance(node, Threshold):
        if value is U:
            tally = engine.tally(node, as_of)
            confirm = Need(
                kind="confirmation",
                description=f"confirmation of the instruments of {_names_list(tally.uncertain)} "
                f"towards {node.describe()}",
            )
            return (
                Alternative(needs=(confirm,)),
                Alternative(needs=(_threshold_need(engine, node, as_of),)),
            )
        return (Alternative(needs=(_threshold_need(engine, node, as_of),)),)
    if isinstance(node, InForce):
        return (Alternative(needs=(Need(kind="agreement", description=node.describe()),)),)
    if isinstance(node, Not):
        return (
            Alternative(needs=(Need(kind="absence", description=f"not {node.item.describe()}"),)),
        )
    if isinstance(node, AllOf):
        groups = [missing(engine, item, as_of) for item in node.items]
        return _cross([g for g in groups if g])
    if isinstance(node, AnyOf):
        return _minimal(a for item in node.items for a in missing(engine, item, as_of))
    if isinstance(node, AtLeast):
        outstanding = [item for item in node.items if engine.condition(item).at(as_of) is not T]
        needed = node.n - (len(node.items) - len(outstanding))
        combos = list(
            itertools.islice(itertools.combinations(outstanding, needed), MAX_ALTERNATIVES + 1)
        )
        if len(combos) > MAX_ALTERNATIVES:
            return (
                Alternative(
                    needs=(
                        Need(
                            kind="count",
                            description=f"{needed} more of: "
                            + "; ".join(i.describe() for i in outstanding),
                        ),
                    )
                ),
            )
        return _minimal(
            a for combo in combos for a in _cross([missing(engine, i, as_of) for i in combo])
        )
    if isinstance(node, Delay):
        inner = engine.condition(node.item)
        start = inner.first(T)
        if start is not None and start <= as_of:
            effective = apply_rule(node.rule, start)
            return (
                Alternative(
                    needs=(
                        Need(
                            kind="wait",
                            description=f"date {effective.isoformat()} reached ({node.rule.describe()} {start.isoformat()})",
                        ),
                    )
                ),
            )
        wait = Need(kind="wait", description=f"then {node.rule.describe()} that day")
        return tuple(
            Alternative(needs=a.needs + ((wait,) if not isinstance(node.rule, Upon) else ()))
            for a in missing(engine, node.item, as_of)
        )
    return ()


# ------------------------------------------------------------------- contexts


@final
@attrs.frozen(kw_only=True)
class AgreementContext:
    """What an agreement rule can read: the day, the agreement and its timelines."""

    as_of: dt.date
    dataset: Dataset
    agreement: Agreement
    timelines: AgreementTimelines
    engine: Engine = attrs.field(repr=False)

    def explain(self, node: Condition) -> Explanation:
        """The explanation tree of any condition on this context's day."""
        return explain(self.engine, node, self.as_of)

    def missing(self, node: Condition) -> tuple[Alternative, ...]:
        """What ``node`` still waits for on this context's day."""
        return missing(self.engine, node, self.as_of)


@final
@attrs.frozen(kw_only=True)
class CommitmentContext:
    """What a commitment rule can read: the day, the commitment, its agreement, timelines."""

    as_of: dt.date
    dataset: Dataset
    agreement: Agreement
    commitment: Commitment
    timelines: CommitmentTimelines
    engine: Engine = attrs.field(repr=False)

    def explain(self, node: Condition) -> Explanation:
        """The explanation tree of any condition on this context's day."""
        return explain(self.engine, node, self.as_of)

    def missing(self, node: Condition) -> tuple[Alternative, ...]:
        """What ``node`` still waits for on this context's day."""
        return missing(self.engine, node, self.as_of)


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


# --------------------------------------------------------------- default rules


def _fact(label: str, history: Timeline, ctx: AgreementContext | CommitmentContext) -> Explanation:
    return Explanation(label=label, value=history.at(ctx.as_of), since=history.since(ctx.as_of))


def _about(
    ctx: AgreementContext | CommitmentContext, target: str, *kinds: _EK
) -> tuple[Citation, ...]:
    return tuple(
        cite(ctx.engine, e) for e in ctx.engine.events_about(target, *kinds) if e.date <= ctx.as_of
    )


def _entry(ctx: AgreementContext) -> Explanation:
    """The entry-into-force part of an agreement's explanation."""
    agreement, tl = ctx.agreement, ctx.timelines
    parts: list[Explanation] = []
    if agreement.concluded is not None:
        parts.append(_fact(f"concluded on {agreement.concluded.isoformat()}", tl.concluded, ctx))
    else:
        parts.append(_fact("concluded", tl.concluded, ctx))
    clause = agreement.entry_into_force
    if clause is not None:
        parts.append(ctx.explain(clause.when))
    label = "entry into force"
    if clause is not None:
        label += f" ({clause.effective.describe()} the condition first holds)"
        if clause.deadline is not None:
            label += f", deadline {clause.deadline.isoformat()}"
    return Explanation(
        label=label,
        value=tl.entered.at(ctx.as_of),
        since=tl.entered.since(ctx.as_of),
        children=tuple(parts),
    )


def _agreement_missing(ctx: AgreementContext) -> tuple[Alternative, ...]:
    agreement = ctx.agreement
    clause = agreement.entry_into_force
    if clause is None:
        return (
            ()
            if agreement.concluded is not None
            else (
                Alternative(
                    needs=(Need(kind="event", description=f"conclusion of {agreement.id}"),)
                ),
            )
        )
    needs = ctx.missing(Delay(clause.when, clause.effective))
    if ctx.timelines.concluded.at(ctx.as_of) is not T:
        conclusion = Need(kind="event", description=f"conclusion of {agreement.id}")
        needs = tuple(Alternative(needs=(conclusion, *a.needs)) for a in needs) or (
            Alternative(needs=(conclusion,)),
        )
    return needs


def _terminated(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.terminated
    if tl.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=AgreementStatus.TERMINATED,
        reason=f"terminated on {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(
            Explanation(
                label="termination recorded",
                value=T,
                since=tl.since(ctx.as_of),
                citations=_about(ctx, ctx.agreement.id, _EK.TERMINATION),
            ),
            _entry(ctx),
        ),
    )


def _lapsed(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.lapsed
    clause = ctx.agreement.entry_into_force
    if tl.at(ctx.as_of) is not T or clause is None or clause.deadline is None:
        return None
    return Finding(
        status=AgreementStatus.LAPSED,
        reason=f"not in force by its deadline {clause.deadline.isoformat()}",
        since=tl.since(ctx.as_of),
        explanation=(_entry(ctx),),
    )


def _expired(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.expired
    if tl.at(ctx.as_of) is not T or ctx.timelines.entered.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=AgreementStatus.EXPIRED,
        reason=f"its term ran out on {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(
            _entry(ctx),
            Explanation(
                label="term expired",
                value=T,
                since=tl.since(ctx.as_of),
                citations=_about(ctx, ctx.agreement.id, _EK.EXTENSION),
            ),
        ),
    )


def _suspended(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.suspended
    if tl.at(ctx.as_of) is not T or ctx.timelines.entered.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=AgreementStatus.SUSPENDED,
        reason=f"suspended since {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(
            _entry(ctx),
            Explanation(
                label="suspension recorded",
                value=T,
                since=tl.since(ctx.as_of),
                citations=_about(ctx, ctx.agreement.id, _EK.SUSPENSION, _EK.RESUMPTION),
            ),
        ),
    )


def _in_force(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.in_force
    if tl.at(ctx.as_of) is not T:
        return None
    since = tl.since(ctx.as_of)
    return Finding(
        status=AgreementStatus.IN_FORCE,
        reason=f"in force since {since}" if since else "in force",
        since=since,
        explanation=(_entry(ctx),),
    )


def _provisional_part(ctx: AgreementContext) -> Explanation:
    clause = ctx.agreement.provisional_application
    assert clause is not None
    tl = ctx.timelines.provisional
    label = f"provisional application ({clause.effective.describe()} its start holds"
    extended = [
        e.ends_on
        for e in ctx.engine.events_about(clause.id, _EK.EXTENSION)
        if e.date <= ctx.as_of and e.ends_on is not None and ctx.engine.policy.establishes(e)
    ]
    if clause.ends_on is not None:
        sunset = max([clause.ends_on, *extended])
        label += f"; sunset {sunset.isoformat()}"
        if sunset != clause.ends_on:
            label += f", extended from {clause.ends_on.isoformat()}"
    elif clause.term is not None:
        label += f"; for {clause.term.period.describe()}"
        if extended:
            label += f", extended to {max(extended).isoformat()}"
    label += "; ends on entry into force)"
    return Explanation(
        label=label,
        value=tl.at(ctx.as_of),
        since=tl.since(ctx.as_of),
        citations=_about(ctx, clause.id, _EK.EXTENSION, _EK.TERMINATION),
        children=(ctx.explain(clause.start),),
    )


def _provisionally_applied(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.provisional
    if ctx.agreement.provisional_application is None or tl.at(ctx.as_of) is not T:
        return None
    since = tl.since(ctx.as_of)
    found = _agreement_missing(ctx)
    reason = f"provisionally applied since {since}" if since else "provisionally applied"
    if found:
        reason += "; entry into force waits for " + "; or ".join(a.describe() for a in found[:3])
    return Finding(
        status=AgreementStatus.PROVISIONALLY_APPLIED,
        reason=reason,
        since=since,
        explanation=(_provisional_part(ctx), _entry(ctx)),
        missing=found,
    )


def _undetermined(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.in_force
    if tl.at(ctx.as_of) is not U:
        return None
    return Finding(
        status=AgreementStatus.UNDETERMINED,
        reason="the recorded facts do not settle whether it is in force",
        since=tl.since(ctx.as_of),
        explanation=(_entry(ctx),),
        missing=_agreement_missing(ctx),
    )


def _awaiting(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.concluded
    if tl.at(ctx.as_of) is not T:
        return None
    found = _agreement_missing(ctx)
    reason = "concluded, not yet in force"
    if found:
        reason += "; waiting for " + "; or ".join(a.describe() for a in found[:3])
    return Finding(
        status=AgreementStatus.AWAITING_ENTRY_INTO_FORCE,
        reason=reason,
        since=tl.since(ctx.as_of),
        explanation=(_entry(ctx),),
        missing=found,
    )


def _not_concluded(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    concluded = ctx.agreement.concluded
    reason = f"to be concluded on {concluded.isoformat()}" if concluded else "not concluded"
    return Finding(
        status=AgreementStatus.NOT_CONCLUDED,
        reason=reason,
        explanation=(_entry(ctx),),
        missing=_agreement_missing(ctx),
    )


DEFAULT_AGREEMENT_RULES: tuple[Rule[AgreementContext, AgreementStatus], ...] = (
    Rule(
        name="terminated", summary="A recorded termination ends the agreement.", check=_terminated
    ),
    Rule(
        name="lapsed",
        summary="Not in force by its entry-into-force deadline: lapsed.",
        check=_lapsed,
    ),
    Rule(name="expired", summary="Its term, with any extensions, has run out.", check=_expired),
    Rule(name="suspended", summary="A recorded suspension, not yet lifted.", check=_suspended),
    Rule(name="in-force", summary="Its entry-into-force clause is satisfied.", check=_in_force),
    Rule(
        name="provisionally-applied",
        summary="Not in force, but applied provisionally.",
        check=_provisionally_applied,
    ),
    Rule(
        name="undetermined",
        summary="The facts do not settle whether it is in force.",
        check=_undetermined,
    ),
    Rule(
        name="awaiting-entry-into-force",
        summary="Concluded, waiting for its clause.",
        check=_awaiting,
    ),
    Rule(name="not-concluded", summary="Not (yet) concluded.", check=_not_concluded),
)


def _activation(ctx: CommitmentContext) -> Explanation:
    tl = ctx.timelines
    agreement = ctx.engine.agreement(ctx.agreement.id)
    parts: list[Explanation] = [_fact(f"{ctx.agreement.id} in force", agreement.in_force, ctx)]
    if ctx.agreement.provisional_application is not None:
        parts.append(_fact(f"{ctx.agreement.id} provisionally applied", agreement.provisional, ctx))
    bound = ctx.engine.party(ctx.agreement.id, ctx.commitment.by).bound
    as_of = ctx.as_of
    if (bound.at(as_of), bound.since(as_of)) != (
        agreement.in_force.at(as_of),
        agreement.in_force.since(as_of),
    ):
        parts.append(_fact(f"{ctx.agreement.id} binds {ctx.commitment.by}", bound, ctx))
    if ctx.commitment.condition is not None:
        parts.append(ctx.explain(ctx.commitment.condition))
    if ctx.commitment.term is not None:
        parts.append(
            Explanation(
                label=f"term of {ctx.commitment.term.period.describe()} expired",
                value=tl.expired.at(ctx.as_of),
                since=tl.expired.since(ctx.as_of),
                citations=_about(ctx, ctx.commitment.id, _EK.EXTENSION),
            )
        )
    if ctx.commitment.measure is not None and tl.measure_ended.at(ctx.as_of) is not F:
        parts.append(
            Explanation(
                label=f"legal basis of {ctx.commitment.measure} removed",
                value=tl.measure_ended.at(ctx.as_of),
                since=tl.measure_ended.since(ctx.as_of),
                citations=_about(ctx, ctx.commitment.measure, _EK.INVALIDATION, _EK.TERMINATION),
            )
        )
    return Explanation(
        label="activation",
        value=tl.active.at(ctx.as_of),
        since=tl.active.since(ctx.as_of),
        children=tuple(parts),
    )


def _performance(ctx: CommitmentContext) -> Explanation:
    tl = ctx.timelines.performed
    return Explanation(
        label="performance recorded",
        value=tl.at(ctx.as_of),
        since=tl.since(ctx.as_of),
        citations=_about(ctx, ctx.commitment.id, _EK.PERFORMANCE),
    )


def _c_performed(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    tl = ctx.timelines.performed
    if ctx.commitment.is_continuing or tl.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=CommitmentStatus.PERFORMED,
        reason=f"performed on {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(_performance(ctx), _activation(ctx)),
    )


def _c_ended(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    tl = ctx.timelines
    if tl.triggered.at(ctx.as_of) is not T or tl.active.at(ctx.as_of) is not F:
        return None
    if tl.terminated.at(ctx.as_of) is T:
        why = f"terminated on {tl.terminated.since(ctx.as_of)}"
    elif tl.measure_ended.at(ctx.as_of) is T:
        why = (
            f"the legal basis of {ctx.commitment.measure} was removed on "
            f"{tl.measure_ended.since(ctx.as_of)}"
        )
    elif tl.expired.at(ctx.as_of) is T:
        why = f"its term ran out on {tl.expired.since(ctx.as_of)}"
    elif ctx.engine.party(ctx.agreement.id, ctx.commitment.by).withdrawn.at(ctx.as_of) is T:
        why = f"{ctx.commitment.by} withdrew from {ctx.agreement.id}"
    elif (
        ctx.engine.agreement(ctx.agreement.id).entered.at(ctx.as_of) is not T
        and ctx.engine.agreement(ctx.agreement.id).provisional.first(T) is not None
    ):
        provisional = ctx.engine.agreement(ctx.agreement.id).provisional
        why = f"the provisional application of {ctx.agreement.id} ended on {provisional.since(ctx.as_of)}"
    else:
        why = f"{ctx.agreement.id} is no longer in force"
    return Finding(
        status=CommitmentStatus.ENDED,
        reason=why,
        since=tl.active.since(ctx.as_of),
        explanation=(_activation(ctx), _performance(ctx)),
    )


def _c_active(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    tl = ctx.timelines.active
    if tl.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=CommitmentStatus.ACTIVE,
        reason=f"active since {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(_activation(ctx), _performance(ctx)),
    )


def _c_undetermined(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    tl = ctx.timelines.active
    if tl.at(ctx.as_of) is not U:
        return None
    return Finding(
        status=CommitmentStatus.UNDETERMINED,
        reason="the recorded facts do not settle whether it is active",
        since=tl.since(ctx.as_of),
        explanation=(_activation(ctx), _performance(ctx)),
        missing=_commitment_missing(ctx),
    )


def _commitment_missing(ctx: CommitmentContext) -> tuple[Alternative, ...]:
    party, agreement = ctx.commitment.by, ctx.agreement.id
    bound = ctx.engine.party(agreement, party).bound
    in_force = ctx.engine.agreement(agreement).in_force
    if in_force.at(ctx.as_of) is T and bound.at(ctx.as_of) is not T:
        # The agreement is in force but not (yet) for the committing party.
        so_far = ctx.engine.as_recorded_on(ctx.as_of)
        scheduled = _scheduled(so_far.party(agreement, party).bound, ctx.as_of)
        text = f"{agreement} in force for {party}"
        if scheduled is not None:
            text += f" (from {scheduled.isoformat()})"
        binding = (Alternative(needs=(Need(kind="agreement", description=text),)),)
        if ctx.commitment.condition is None:
            return binding
        rest = ctx.missing(ctx.commitment.condition)
        return _cross([binding, rest] if rest else [binding])
    needed: Condition = InForce(agreement)
    if ctx.commitment.condition is not None:
        needed = AllOf(needed, ctx.commitment.condition)
    return ctx.missing(needed)


def _c_conditional(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    found = _commitment_missing(ctx)
    reason = (
        "waiting for " + "; or ".join(a.describe() for a in found[:3]) if found else "not active"
    )
    return Finding(
        status=CommitmentStatus.CONDITIONAL,
        reason=reason,
        since=ctx.timelines.active.since(ctx.as_of),
        explanation=(_activation(ctx),),
        missing=found,
    )


DEFAULT_COMMITMENT_RULES: tuple[Rule[CommitmentContext, CommitmentStatus], ...] = (
    Rule(
        name="performed",
        summary="A one-off undertaking with a recorded performance.",
        check=_c_performed,
    ),
    Rule(name="ended", summary="Activated once, no longer binding.", check=_c_ended),
    Rule(
        name="active",
        summary="Its agreement is in force and its condition has held.",
        check=_c_active,
    ),
    Rule(
        name="commitment-undetermined", summary="The facts do not settle it.", check=_c_undetermined
    ),
    Rule(
        name="conditional",
        summary="Waiting for its agreement or its condition.",
        check=_c_conditional,
    ),
)


# ----------------------------------------------------------------- evaluation


def deontic(ctx: CommitmentContext) -> tuple[Deontic, dt.date | None]:
    """Whether the commitment has been honoured on the day, and when it is due."""
    tl = ctx.timelines
    start = tl.triggered.first(T)
    due = None
    if ctx.commitment.deadline is not None and start is not None and start <= ctx.as_of:
        due = ctx.commitment.deadline.due(activated=start)
    if tl.breached.at(ctx.as_of) is T:
        return Deontic.VIOLATED, due
    if tl.performed.at(ctx.as_of) is T:
        return Deontic.FULFILLED, due
    triggered = tl.triggered.at(ctx.as_of)
    if triggered is U:
        return Deontic.UNDETERMINED, due
    if triggered is F:
        return Deontic.NOT_APPLICABLE, due
    if due is not None and ctx.as_of > due and tl.performed.at(ctx.as_of) is not T:
        return Deontic.VIOLATED, due
    if tl.active.at(ctx.as_of) is F:
        return Deontic.UNSETTLED, due
    return Deontic.PENDING, due


def _decide(rules: tuple[Rule, ...], ctx: object, what: str) -> tuple[Rule, Finding]:  # type: ignore[type-arg]
    for rule in rules:
        finding = rule.check(ctx)
        if finding is not None:
            return rule, finding
    raise RuleSetError(
        f"no rule decided the status of {what}; end the rule set with a catch-all rule"
    )


def evaluate(
    dataset: Dataset,
    as_of: dt.date,
    *,
    agreements: Iterable[str] | None = None,
    rules: RuleSet | None = None,
    policy: EvidencePolicy | None = None,
) -> Report:
    """Evaluate agreements and their commitments on a day.

    Args:
        dataset: the agreements and the recorded events.
        as_of: the day to evaluate; only facts dated on or before it count.
        agreements: ids of the agreements to report (default: all, in order).
        rules: the rule set (default: [`RuleSet.default()`][tradeaccord.RuleSet.default]).
        policy: which events count as facts (default: medium confidence or better).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import example_dataset
        >>> report = evaluate(example_dataset(), dt.date(2025, 6, 12))
        >>> london = report.agreement("london-2025")
        >>> london.status.value, london.in_force.value
        ('awaiting_entry_into_force', 'false')
        >>> london.missing_descriptions()
        ('approval of london-2025 by USA', 'approval of london-2025 by CHN')
    """
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise ModelTypeError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    rule_set = rules if rules is not None else RuleSet.default()
    evidence = policy if policy is not None else EvidencePolicy()
    engine = Engine(dataset, evidence)
    so_far = engine.as_recorded_on(as_of)
    ids = tuple(a.id for a in dataset.agreements) if agreements is None else tuple(agreements)
    reports: list[AgreementReport] = []
    for agreement_id in ids:
        agreement = dataset.agreement(agreement_id)
        timelines = engine.agreement(agreement_id)
        ctx = AgreementContext(
            as_of=as_of, dataset=dataset, agreement=agreement, timelines=timelines, engine=engine
        )
        rule, finding = _decide(rule_set.agreement_rules, ctx, f"agreement {agreement_id!r}")
        commitments = tuple(
            _commitment_report(engine, dataset, agreement, c, as_of, rule_set)
            for c in agreement.commitments
        )
        in_force = _IN_FORCE_BY_STATUS.get(finding.status, F)
        reports.append(
            AgreementReport(
                id=agreement.id,
                title=agreement.title,
                status=finding.status,
                in_force=in_force,
                in_force_since=finding.since if in_force is T else None,
                entered_into_force=_first_on_or_before(timelines.entered, as_of),
                rule=rule.name,
                reason=finding.reason,
                explanation=Explanation(
                    label=f"{agreement.id}: {finding.status.value} (rule {rule.name}: {finding.reason})",
                    value=in_force,
                    since=finding.since,
                    children=finding.explanation,
                ),
                missing=finding.missing,
                scheduled_entry_into_force=_scheduled(
                    so_far.agreement(agreement_id).entered, as_of
                ),
                progress=_progress(engine, agreement, as_of),
                per_party=agreement.entry_into_force is not None
                and agreement.entry_into_force.per_party is not None,
                parties=tuple(
                    _party_report(engine, so_far, agreement, p, as_of)
                    for p in so_far.parties_of(agreement_id)
                ),
                commitments=commitments,
            )
        )
    return Report(as_of=as_of, agreements=tuple(reports))


def _scheduled(history: Timeline, as_of: dt.date) -> dt.date | None:
    """The first day after ``as_of`` on which ``history`` turns TRUE, if it is FALSE-free from then."""
    if history.at(as_of) is T:
        return None
    for day, value in history.steps:
        if day > as_of:
            return day if value is T else None
    return None


def _progress(engine: Engine, agreement: Agreement, as_of: dt.date) -> tuple[Progress, ...]:
    clause = agreement.entry_into_force
    if clause is None:
        return ()
    out: list[Progress] = []
    for path, node in walk(clause.when):
        if isinstance(node, Threshold):
            tally = engine.tally(node, as_of)
            out.append(
                Progress(
                    condition=node.describe(),
                    path=f"entry_into_force.when{path}",
                    met=engine.condition(node).at(as_of),
                    still_needed=tally.still_needed,
                    **attrs.asdict(tally, recurse=False),
                )
            )
    return tuple(out)


def _party_report(
    engine: Engine, so_far: Engine, agreement: Agreement, party: str, as_of: dt.date
) -> PartyReport:
    timelines = engine.party(agreement.id, party)
    bound = timelines.bound.at(as_of)
    withdrawn = timelines.withdrawn.at(as_of)
    clause = agreement.entry_into_force
    instrument_on = None
    if clause is not None and clause.per_party is not None:
        standing = timelines.instrument
        instrument_on = (
            standing.since(as_of)
            if standing.at(as_of) is T
            else _first_on_or_before(standing, as_of)
        )
    scheduled = _scheduled(so_far.party(agreement.id, party).bound, as_of)
    if bound is T:
        status = PartyStatus.BOUND
    elif withdrawn is T:
        status = PartyStatus.WITHDRAWN
    elif bound is U:
        status = PartyStatus.UNDETERMINED
    elif scheduled is not None:
        status = PartyStatus.PENDING
    else:
        status = PartyStatus.NOT_BOUND
    entry = scheduled
    if status is not PartyStatus.PENDING:
        # The first day bound since the party last rejoined (after a withdrawal took effect).
        rejoined = max(
            (day for day, value in timelines.withdrawn.steps if value is not T and day <= as_of),
            default=None,
        )
        entry = next(
            (
                day
                for day, value in timelines.bound.steps
                if value is T and day <= as_of and (rejoined is None or day >= rejoined)
            ),
            None,
        )
    withdrawal = _scheduled(so_far.party(agreement.id, party).withdrawn, as_of)
    if withdrawn is T:
        withdrawal = timelines.withdrawn.since(as_of)
    return PartyReport(
        party=party,
        status=status,
        bound=bound,
        since=timelines.bound.since(as_of),
        entry_into_force=entry,
        instrument_on=instrument_on,
        withdrawal_effective=withdrawal,
    )


_IN_FORCE_BY_STATUS = {AgreementStatus.IN_FORCE: T, AgreementStatus.UNDETERMINED: U}


def _first_on_or_before(history: Timeline, as_of: dt.date) -> dt.date | None:
    day = history.first(T)
    return day if day is not None and day <= as_of else None


def _commitment_report(
    engine: Engine,
    dataset: Dataset,
    agreement: Agreement,
    commitment: Commitment,
    as_of: dt.date,
    rules: RuleSet,
) -> CommitmentReport:
    ctx = CommitmentContext(
        as_of=as_of,
        dataset=dataset,
        agreement=agreement,
        commitment=commitment,
        timelines=engine.commitment(commitment.id),
        engine=engine,
    )
    rule, finding = _decide(rules.commitment_rules, ctx, f"commitment {commitment.id!r}")
    status, due = deontic(ctx)
    return CommitmentReport(
        id=commitment.id,
        by=commitment.by,
        action=commitment.action,
        summary=commitment.summary,
        status=finding.status,
        since=finding.since,
        deontic=status,
        due=due,
        performed=ctx.timelines.performed.at(as_of),
        performed_on=_first_on_or_before(ctx.timelines.performed, as_of),
        rule=rule.name,
        reason=finding.reason,
        explanation=Explanation(
            label=f"{commitment.id}: {finding.status.value} (rule {rule.name}: {finding.reason})",
            children=finding.explanation,
        ),
        missing=finding.missing,
    )
