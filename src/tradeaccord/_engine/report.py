"""Report assembly: the status of an agreement, a party or a commitment on one day.

Each function answers for one day from the timelines of a [`Sweep`][]; a
history calls them on the days on which their answers can change, and looks
the answers up for every other day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any, NamedTuple

import attrs

from .._conditions import Threshold, walk
from .._model import Agreement, Commitment
from .._truth import Truth
from .._vocabulary import EventKind
from ..errors import RuleSetError
from .default_rules import deontic
from .primitives import apply_rule
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
    "party_reports",
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
    if not reads.keep:
        found = PlainParties(sweep, agreement, as_of).report(party)
        if found is not None:
            return found
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


class PlainParties:
    """The reports of an agreement's parties on one day, for the common case, sharing the work.

    The common case: a listed party that never withdrew, or, when each party is
    bound by its own instrument, a party with one established instrument and no
    withdrawal. Its timeline of being bound is then the agreement's ``in_force``
    from the day its instrument takes effect, which answers every question
    without building the party's own timelines. What all parties share (the
    agreement's timelines, what the record said on the day of its future) is
    read once for the agreement.
    """

    __slots__ = (
        "_effects",
        "_grouped",
        "_holding",
        "_in_force",
        "_met",
        "_projected",
        "_shared",
        "_withdrawing",
        "agreement",
        "as_of",
        "per_party",
        "sweep",
    )

    def __init__(self, sweep: Sweep, agreement: Agreement, as_of: dt.date) -> None:
        self.sweep, self.agreement, self.as_of = sweep, agreement, as_of
        clause = agreement.entry_into_force
        self.per_party = clause.per_party if clause is not None else None
        entry = sweep.entry(agreement.id)
        self._in_force = entry.in_force
        self._holding = entry.in_force.at(as_of)
        self._met = entry.ready.first(T)
        self._shared: dict[dt.date | None, tuple[dt.date | None, dt.date | None]] = {}
        self._projected: tuple[Timeline, dt.date | None, bool] | None = None
        self._effects: dict[dt.date, dt.date] = {}
        if self.per_party is not None:
            self._effects = sweep.effects(self.per_party.effective)
            self._grouped = sweep.index.instruments(agreement.id, self.per_party.instrument)
            self._withdrawing: frozenset[str] = frozenset()
        else:
            self._grouped = {}
            self._withdrawing = frozenset(
                e.party
                for e in sweep.events_about(agreement.id, EventKind.WITHDRAWAL)
                if e.party is not None
            )

    def _effect(self, deposit: dt.date, met: dt.date | None) -> dt.date:
        """The day an instrument deposited on ``deposit`` takes effect, the condition met on ``met``."""
        effect = self._effects.get(deposit)
        if effect is None:
            assert self.per_party is not None
            effect = apply_rule(self.per_party.effective, deposit)
            self._effects[deposit] = effect
        return min(effect, met) if met is not None and deposit <= met else effect

    def _since(self, effect: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
        """``since`` and the day it entered into force, for a party bound from ``effect``."""
        found = self._shared.get(effect)
        if found is None:
            in_force, as_of = self._in_force, self.as_of
            steps = in_force.steps
            last = in_force.since(as_of)
            # The steps after ``effect`` start at ``first``.
            first = 0 if effect is None else bisect.bisect_right(in_force.change_days(), effect)
            at_effect = (
                F if effect is None else in_force.initial if first == 0 else steps[first - 1][1]
            )
            since: dt.date | None = None
            if last is not None and (effect is None or last > effect):
                since = last
            elif effect is not None and at_effect is not F:
                since = effect
            entered: dt.date | None = None
            if effect is not None and at_effect is T:
                entered = effect
            else:
                for day, value in steps[first:]:
                    if day > as_of:
                        break
                    if value is T:
                        entered = day
                        break
            found = (since, entered)
            self._shared[effect] = found
        return found

    def _pending(self, deposit: dt.date | None) -> dt.date | None:
        """The day the record as it stood on the day fixes for the party to be bound."""
        projected = self._projected
        if projected is None:
            entry = self.sweep.projected_entry(self.agreement.id, self.as_of)
            line = entry.in_force
            # Whether the record says the agreement is in force on this day or some day after.
            ahead = line.at(self.as_of) is T or any(
                value is T for day, value in line.steps if day > self.as_of
            )
            projected = self._projected = (line, entry.ready.first(T), ahead)
        line, met, ahead = projected
        if not ahead:
            return None
        as_of = self.as_of
        effect = None if deposit is None else self._effect(deposit, met)
        if effect is not None and effect > as_of:
            value = line.at(effect)
            if value is F:
                change = line.next_change(effect)
                return change if change is not None and line.at(change) is T else None
            return effect if value is T else None
        if line.at(as_of) is T:
            return None
        change = line.next_change(as_of)
        return change if change is not None and line.at(change) is T else None

    def report(self, party: str) -> PartyReport | None:
        """The party's report, or ``None`` if it is not a common case."""
        return self.reports((party,))[0]

    def reports(self, parties: tuple[str, ...]) -> list[PartyReport | None]:
        """The reports of ``parties``, ``None`` for each that is not a common case."""
        if self.per_party is None:
            return self._listed(parties)
        per_party, as_of, holding_now = self.per_party, self.as_of, self._holding
        kind, grouped, met = per_party.instrument, self._grouped, self._met
        establishes, effects, rule = (
            self.sweep.record.establishes,
            self._effects,
            per_party.effective,
        )
        in_force = self._in_force
        days, steps, initial = in_force.change_days(), in_force.steps, in_force.initial
        last = in_force.since(as_of)
        # The days by ``as_of`` on which the agreement came into force (again).
        entries = [day for day, value in steps if value is T and day <= as_of]
        out: list[PartyReport | None] = []
        append = out.append
        for party in parties:
            events = grouped.get(party)
            if events is None or len(events) != 1:
                append(None)
                continue
            event = events[0]
            if event.kind is not kind or not establishes(event):
                append(None)
                continue
            deposit = event.date
            effect = effects.get(deposit)
            if effect is None:
                effect = effects[deposit] = apply_rule(rule, deposit)
            if met is not None and deposit <= met and met < effect:
                effect = met  # deposited by the day the condition was met: bound from entry
            instrument_on = deposit if deposit <= as_of else None
            if as_of < effect:
                holding, since, entered = F, None, None
            else:
                # Bound on the days it is in force from the day its instrument takes effect.
                holding = holding_now
                after = bisect.bisect_right(days, effect)
                at_effect = initial if after == 0 else steps[after - 1][1]
                if last is not None and last > effect:
                    since = last
                else:
                    since = effect if at_effect is not F else None
                if at_effect is T:
                    entered = effect
                else:
                    later = bisect.bisect_right(entries, effect)
                    entered = entries[later] if later < len(entries) else None
            if holding is T:
                status = PartyStatus.BOUND
            elif holding is U:
                status = PartyStatus.UNDETERMINED
            else:
                pending = None if instrument_on is None else self._pending(deposit)
                if pending is not None:
                    status, entered = PartyStatus.PENDING, pending
                else:
                    status = PartyStatus.NOT_BOUND
            append(
                PartyReport(
                    party=party,
                    status=status,
                    bound=holding,
                    since=since,
                    entry_into_force=entered,
                    instrument_on=instrument_on,
                )
            )
        return out

    def _listed(self, parties: tuple[str, ...]) -> list[PartyReport | None]:
        """The reports of listed parties that never withdrew, bound whenever the agreement is."""
        holding = self._holding
        since, entered = self._since(None)
        status = PartyStatus.NOT_BOUND
        if holding is T:
            status = PartyStatus.BOUND
        elif holding is U:
            status = PartyStatus.UNDETERMINED
        else:
            pending = self._pending(None)
            if pending is not None:
                status, entered = PartyStatus.PENDING, pending
        listed, withdrawing = frozenset(self.agreement.parties), self._withdrawing
        return [
            PartyReport(
                party=party, status=status, bound=holding, since=since, entry_into_force=entered
            )
            if party in listed and party not in withdrawing
            else None
            for party in parties
        ]


def party_reports(
    sweep: Sweep, agreement: Agreement, parties: tuple[str, ...], as_of: dt.date
) -> tuple[PartyReport, ...]:
    """``party_report`` of each of ``parties`` on ``as_of`` (nothing noted), the common cases at once."""
    found = PlainParties(sweep, agreement, as_of).reports(parties)
    if None not in found:
        return tuple(found)  # type: ignore[arg-type]
    return tuple(
        report
        if report is not None
        else party_report(sweep, agreement, party, as_of, Reads(sweep, keep=False))
        for party, report in zip(parties, found, strict=True)
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
