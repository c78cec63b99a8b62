"""Report assembly: the status of an agreement, a party or a commitment on one day.

Each function answers for one day from the timelines of a [`Sweep`][]; a
history calls them on the days on which their answers can change, and looks
the answers up for every other day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import attrs

from .._conditions import Threshold, walk
from .._model import Agreement, Commitment
from .._truth import Truth
from .._vocabulary import EventKind
from ..errors import RuleSetError
from .default_rules import deontic
from .results import (
    AgreementReport,
    AgreementStatus,
    CommitmentReport,
    Explanation,
    PartyReport,
    PartyStatus,
    Progress,
)
from .rules import AgreementContext, CommitmentContext, Finding, Reads, Rule, RuleSet, scheduled
from .steps import Timeline
from .sweeps import Sweep

__all__ = [
    "Verdict",
    "agreement_report",
    "commitment_report",
    "decide_agreement",
    "first_on_or_before",
    "parties_on",
    "party_report",
]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
IN_FORCE_BY_STATUS = {AgreementStatus.IN_FORCE: T, AgreementStatus.UNDETERMINED: U}


class Verdict(NamedTuple):
    """The rule that decided an agreement's status on a day, and what it found."""

    rule: str
    finding: Finding[AgreementStatus]


def _decide(rules: tuple[Rule[Any, Any], ...], ctx: object, what: str) -> tuple[str, Finding[Any]]:
    for rule in rules:
        finding = rule.check(ctx)
        if finding is not None:
            return rule.name, finding
    raise RuleSetError(
        f"no rule decided the status of {what}; end the rule set with a catch-all rule"
    )


def first_on_or_before(history: Timeline, as_of: dt.date) -> dt.date | None:
    """The first day ``history`` turns TRUE, if that is on or before ``as_of``."""
    day = history.first(T)
    return day if day is not None and day <= as_of else None


def decide_agreement(
    sweep: Sweep, rules: RuleSet, agreement: Agreement, as_of: dt.date, reads: Reads
) -> Verdict:
    """The agreement rule that decides on ``as_of``, and its finding."""
    timelines = sweep.agreement(agreement.id)
    reads.values(timelines)
    ctx = AgreementContext(
        as_of=as_of, dataset=sweep.dataset, agreement=agreement, timelines=timelines, reads=reads
    )
    name, finding = _decide(rules.agreement_rules, ctx, f"agreement {agreement.id!r}")
    return Verdict(name, finding)


def commitment_report(
    sweep: Sweep,
    rules: RuleSet,
    agreement: Agreement,
    commitment: Commitment,
    as_of: dt.date,
    reads: Reads,
) -> CommitmentReport:
    """The status of one commitment on ``as_of``."""
    timelines = sweep.commitment(commitment.id)
    reads.values(timelines)
    ctx = CommitmentContext(
        as_of=as_of,
        dataset=sweep.dataset,
        agreement=agreement,
        commitment=commitment,
        timelines=timelines,
        reads=reads,
    )
    name, finding = _decide(rules.commitment_rules, ctx, f"commitment {commitment.id!r}")
    status, due = deontic(ctx)
    if due is not None and reads.keep:
        # Past its due day a commitment not performed is overdue: the day after changes.
        reads.days.add(due + dt.timedelta(days=1))
    return CommitmentReport(
        id=commitment.id,
        by=commitment.by,
        action=commitment.action,
        summary=commitment.summary,
        basis=commitment.basis,
        confidence=commitment.confidence,
        status=finding.status,
        since=finding.since,
        deontic=status,
        due=due,
        performed=timelines.performed.at(as_of),
        performed_on=first_on_or_before(timelines.performed, as_of),
        rule=name,
        reason=finding.reason,
        explanation=Explanation(
            label=f"{commitment.id}: {finding.status.value} (rule {name}: {finding.reason})",
            children=finding.explanation,
        ),
        missing=finding.missing,
    )


def parties_on(sweep: Sweep, agreement: Agreement, as_of: dt.date) -> tuple[str, ...]:
    """The parties an agreement can bind on ``as_of``: listed ones, then those with an instrument by then."""
    every = sweep.parties_of(agreement.id)
    if len(every) == len(agreement.parties):
        return every
    listed = set(agreement.parties)
    clause = agreement.entry_into_force
    assert clause is not None and clause.per_party is not None
    first: dict[str, dt.date] = {}
    for event in sweep.events_about(agreement.id, clause.per_party.instrument):
        if event.party is not None:
            first.setdefault(event.party, event.date)
    return tuple(p for p in every if p in listed or first[p] <= as_of)


def party_report(
    sweep: Sweep, agreement: Agreement, party: str, as_of: dt.date, reads: Reads
) -> PartyReport:
    """One party's own position under an agreement on ``as_of``."""
    timelines = sweep.party(agreement.id, party)
    reads.values(timelines)
    bound_line, withdrawn_line, standing = (
        timelines.bound,
        timelines.withdrawn,
        timelines.instrument,
    )
    bound = bound_line.at(as_of)
    withdrawn = withdrawn_line.at(as_of)
    instrument = standing.at(as_of)
    clause = agreement.entry_into_force
    instrument_on = None
    if clause is not None and clause.per_party is not None:
        instrument_on = (
            standing.since(as_of) if instrument is T else first_on_or_before(standing, as_of)
        )
    pending: dt.date | None = None
    if bound is F and withdrawn is not T and instrument is not F:
        pending = _scheduled(sweep, reads, agreement.id, party, as_of, "bound")
    if bound is T:
        status = PartyStatus.BOUND
    elif withdrawn is T:
        status = PartyStatus.WITHDRAWN
    elif bound is U:
        status = PartyStatus.UNDETERMINED
    elif pending is not None:
        status = PartyStatus.PENDING
    else:
        status = PartyStatus.NOT_BOUND
    entry = pending
    if status is not PartyStatus.PENDING and bound_line.steps:
        # The first day bound since the party last rejoined (after a withdrawal took effect).
        rejoined = None
        for day, value in withdrawn_line.steps:
            if day > as_of:
                break
            if value is not T:
                rejoined = day
        for day, value in bound_line.steps:
            if day > as_of:
                break
            if value is T and (rejoined is None or day >= rejoined):
                entry = day
                break
    withdrawal = None
    if withdrawn is T:
        withdrawal = withdrawn_line.since(as_of)
    elif any(
        e.kind is EventKind.WITHDRAWAL and e.date <= as_of
        for e in sweep.party_events(agreement.id, party)
    ):
        withdrawal = _scheduled(sweep, reads, agreement.id, party, as_of, "withdrawn")
    return PartyReport(
        party=party,
        status=status,
        bound=bound,
        since=bound_line.since(as_of),
        entry_into_force=entry,
        instrument_on=instrument_on,
        withdrawal_effective=withdrawal,
    )


def _scheduled(
    sweep: Sweep, reads: Reads, agreement_id: str, party: str, as_of: dt.date, which: str
) -> dt.date | None:
    """The day the record as it stood on ``as_of`` fixes for a party's ``bound`` or ``withdrawn``."""
    reads.projection(agreement_id, party)
    if which == "bound":
        in_force = sweep.projected_entry(agreement_id, as_of).in_force
        reads.timelines(in_force)
        if in_force.at(as_of) is not T and in_force.next_change(as_of) is None:
            return None  # the record says the agreement will not be in force: no one is bound
    recorded = getattr(sweep.projected_party(agreement_id, party, as_of), which)
    reads.timelines(recorded)
    return scheduled(recorded, as_of)


def progress(sweep: Sweep, agreement: Agreement, as_of: dt.date) -> tuple[Progress, ...]:
    """How far each threshold of the agreement's entry-into-force clause is met on ``as_of``."""
    clause = agreement.entry_into_force
    if clause is None:
        return ()
    out: list[Progress] = []
    for path, node in walk(clause.when):
        if isinstance(node, Threshold):
            tally = sweep.tally(node, as_of)
            out.append(
                Progress(
                    condition=node.describe(),
                    path=f"entry_into_force.when{path}",
                    met=sweep.condition(node).at(as_of),
                    still_needed=tally.still_needed,
                    **attrs.asdict(tally, recurse=False),
                )
            )
    return tuple(out)


def agreement_report(
    sweep: Sweep,
    agreement: Agreement,
    as_of: dt.date,
    verdict: Verdict,
    parties: tuple[PartyReport, ...],
    commitments: tuple[CommitmentReport, ...],
) -> AgreementReport:
    """The report of one agreement on ``as_of``, from its verdict, parties and commitments."""
    rule, finding = verdict
    timelines = sweep.agreement(agreement.id)
    in_force = IN_FORCE_BY_STATUS.get(finding.status, F)
    entry: dt.date | None = None
    if timelines.entered.at(as_of) is not T:
        entry = scheduled(sweep.projected_entry(agreement.id, as_of).entered, as_of)
    return AgreementReport(
        id=agreement.id,
        title=agreement.title,
        status=finding.status,
        in_force=in_force,
        in_force_since=finding.since if in_force is T else None,
        entered_into_force=first_on_or_before(timelines.entered, as_of),
        rule=rule,
        reason=finding.reason,
        explanation=Explanation(
            label=f"{agreement.id}: {finding.status.value} (rule {rule}: {finding.reason})",
            value=in_force,
            since=finding.since,
            children=finding.explanation,
        ),
        missing=finding.missing,
        scheduled_entry_into_force=entry,
        progress=progress(sweep, agreement, as_of),
        per_party=agreement.entry_into_force is not None
        and agreement.entry_into_force.per_party is not None,
        parties=parties,
        commitments=commitments,
    )
