"""The default rules: how tradeaccord decides the status of agreements and commitments."""

from __future__ import annotations

import datetime as dt
import functools

from .._conditions import AllOf, Condition, Delay, InForce
from .._model import EntryIntoForce
from .._truth import Truth
from .._vocabulary import Basis
from .._vocabulary import EventKind as _EK
from .explain import cross
from .results import (
    AgreementStatus,
    Alternative,
    Citation,
    CommitmentStatus,
    Deontic,
    Explanation,
    Need,
)
from .rules import AgreementContext, CommitmentContext, Finding, Rule
from .steps import Timeline

__all__ = ["DEFAULT_AGREEMENT_RULES", "DEFAULT_COMMITMENT_RULES", "deontic"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _fact(label: str, history: Timeline, ctx: AgreementContext | CommitmentContext) -> Explanation:
    return Explanation(label=label, value=history.at(ctx.as_of), since=history.since(ctx.as_of))


def _about(
    ctx: AgreementContext | CommitmentContext, target: str, *kinds: _EK
) -> tuple[Citation, ...]:
    return tuple(ctx.cite(e) for e in ctx.events(target, *kinds))


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
    needs = ctx.missing(_delayed(clause))
    if ctx.timelines.concluded.at(ctx.as_of) is not T:
        conclusion = Need(kind="event", description=f"conclusion of {agreement.id}")
        needs = tuple(Alternative(needs=(conclusion, *a.needs)) for a in needs) or (
            Alternative(needs=(conclusion,)),
        )
    return needs


@functools.lru_cache(maxsize=256)
def _delayed(clause: EntryIntoForce) -> Delay:
    """The condition of entering into force: the clause's condition, then its delay."""
    return Delay(clause.when, clause.effective)


def _recorded(label: str, history: Timeline, ctx: AgreementContext, *kinds: _EK) -> Explanation:
    """What ended the agreement, TRUE since it did, citing its events of ``kinds``."""
    return Explanation(
        label=label,
        value=T,
        since=history.since(ctx.as_of),
        citations=_about(ctx, ctx.agreement.id, *kinds),
    )


def _terminated(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    tl = ctx.timelines.terminated
    if tl.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=AgreementStatus.TERMINATED,
        reason=f"terminated on {tl.since(ctx.as_of)}",
        since=tl.since(ctx.as_of),
        explanation=(
            _recorded("termination recorded", tl, ctx, _EK.TERMINATION),
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
            _recorded("term expired", tl, ctx, _EK.EXTENSION),
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
            _recorded("suspension recorded", tl, ctx, _EK.SUSPENSION, _EK.RESUMPTION),
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
        for e in ctx.events(clause.id, _EK.EXTENSION)
        if e.ends_on is not None and ctx.establishes(e)
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
    entry = _entry(ctx)
    reason = "concluded, not yet in force"
    lost = _failed_leaves(entry)
    if lost:
        reason += "; it can no longer enter into force (failed: " + "; ".join(lost) + ")"
    elif found:
        reason += "; waiting for " + "; or ".join(a.describe() for a in found[:3])
    return Finding(
        status=AgreementStatus.AWAITING_ENTRY_INTO_FORCE,
        reason=reason,
        since=tl.since(ctx.as_of),
        explanation=(entry,),
        missing=found,
    )


def _failed_leaves(node: Explanation) -> list[str]:
    """The labels of the deepest failed nodes of an explanation: why it can no longer hold."""
    if not node.failed:
        return [label for child in node.children for label in _failed_leaves(child)]
    deeper = [label for child in node.children for label in _failed_leaves(child)]
    return deeper or [node.label]


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
    agreement = ctx.agreement_timelines(ctx.agreement.id)
    parts: list[Explanation] = [_fact(f"{ctx.agreement.id} in force", agreement.in_force, ctx)]
    if ctx.agreement.provisional_application is not None:
        parts.append(_fact(f"{ctx.agreement.id} provisionally applied", agreement.provisional, ctx))
    bound = ctx.party_timelines(ctx.agreement.id, ctx.commitment.by).bound
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
    elif ctx.party_timelines(ctx.agreement.id, ctx.commitment.by).withdrawn.at(ctx.as_of) is T:
        why = f"{ctx.commitment.by} withdrew from {ctx.agreement.id}"
    elif (
        ctx.agreement_timelines(ctx.agreement.id).entered.at(ctx.as_of) is not T
        and ctx.agreement_timelines(ctx.agreement.id).provisional.first(T) is not None
    ):
        provisional = ctx.agreement_timelines(ctx.agreement.id).provisional
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
    bound = ctx.party_timelines(agreement, party).bound
    in_force = ctx.agreement_timelines(agreement).in_force
    if in_force.at(ctx.as_of) is T and bound.at(ctx.as_of) is not T:
        # The agreement is in force but not (yet) for the committing party.
        scheduled = ctx.scheduled_binding(agreement, party)
        text = f"{agreement} in force for {party}"
        if scheduled is not None:
            text += f" (from {scheduled.isoformat()})"
        binding = (Alternative(needs=(Need(kind="agreement", description=text),)),)
        if ctx.commitment.condition is None:
            return binding
        rest = ctx.missing(ctx.commitment.condition)
        return cross([binding, rest] if rest else [binding])
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
        expected = ctx.commitment.basis is Basis.EXPECTED
        return (Deontic.MISSED if expected else Deontic.OVERDUE), due
    if tl.active.at(ctx.as_of) is F:
        return Deontic.UNSETTLED, due
    return Deontic.PENDING, due
