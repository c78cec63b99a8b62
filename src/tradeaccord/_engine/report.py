"""Report assembly: the status of an agreement, a party or a commitment on one day.

Each function answers for one day from the timelines of a [`Sweep`][]; a
history calls them on the days on which their answers can change, and looks
the answers up for every other day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

import attrs

from .._conditions import Threshold, walk
from .._model import Agreement, Commitment, Event
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
_ANY_DAY = dt.date(2000, 1, 1)
_ONE_DAY = dt.timedelta(days=1)
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
        found = PlainParties(sweep, agreement).report(party, as_of)
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
    """The reports of an agreement's parties, for the common case, sharing the work.

    The common case: a listed party that never withdrew, or, when each party is
    bound by its own instrument, a party with one established instrument and no
    withdrawal. Its timeline of being bound is then the agreement's ``in_force``
    from the day its instrument takes effect, which answers every question
    without building the party's own timelines. What all parties share (the
    agreement's timelines, what the record said of its future on each day) is
    read once for the agreement.
    """

    __slots__ = (
        "_days",
        "_deposits",
        "_effects",
        "_grouped",
        "_in_force",
        "_met",
        "_projected",
        "_withdrawing",
        "agreement",
        "per_party",
        "sweep",
    )

    def __init__(self, sweep: Sweep, agreement: Agreement) -> None:
        self.sweep, self.agreement = sweep, agreement
        clause = agreement.entry_into_force
        self.per_party = clause.per_party if clause is not None else None
        entry = sweep.entry(agreement.id)
        self._in_force = entry.in_force
        self._met = entry.ready.first(T)
        self._projected: dict[int, tuple[Timeline, dt.date | None, bool]] = {}
        self._effects: dict[dt.date, dt.date] = {}
        self._grouped: dict[str, list[Event]] = {}
        self._deposits: dict[str, tuple[dt.date, dt.date]] | None = None
        self._days: tuple[list[dt.date], list[dt.date | None]] | None = None
        self._withdrawing: frozenset[str] = frozenset()
        if self.per_party is not None:
            self._effects = sweep.effects(self.per_party.effective)
            self._grouped = sweep.index.instruments(agreement.id, self.per_party.instrument)
        else:
            self._withdrawing = frozenset(
                e.party
                for e in sweep.events_about(agreement.id, EventKind.WITHDRAWAL)
                if e.party is not None
            )

    def _own(self) -> dict[str, tuple[dt.date, dt.date]]:
        """For each common case bound by its own instrument: its day, and the day it takes effect."""
        if self._deposits is None:
            per_party = self.per_party
            assert per_party is not None
            kind, establishes, met = per_party.instrument, self.sweep.record.establishes, self._met
            self._deposits = {
                party: (events[0].date, self.effect(events[0].date, met))
                for party, events in self._grouped.items()
                if len(events) == 1 and events[0].kind is kind and establishes(events[0])
            }
        return self._deposits

    def deposit(self, party: str) -> dt.date | None:
        """The day of the party's one instrument, if it is a common case bound by its own."""
        found = self._own().get(party) if self.per_party is not None else None
        return None if found is None else found[0]

    def is_plain(self, party: str) -> bool:
        """Whether the party is a common case."""
        if self.per_party is None:
            return party in self.agreement.parties and party not in self._withdrawing
        return party in self._own()

    def effect(self, deposit: dt.date, met: dt.date | None) -> dt.date:
        """The day an instrument deposited on ``deposit`` takes effect, the condition met on ``met``."""
        effect = self._effects.get(deposit)
        if effect is None:
            assert self.per_party is not None
            effect = self._effects[deposit] = apply_rule(self.per_party.effective, deposit)
        return met if met is not None and deposit <= met and met < effect else effect

    def projected(self, as_of: dt.date) -> tuple[Timeline, dt.date | None, bool]:
        """What the record as it stood on ``as_of`` says: when in force, when first met, and
        whether it is in force on ``as_of`` or some day after."""
        entry = self.sweep.projected_entry(self.agreement.id, as_of)
        found = self._projected.get(id(entry))
        if found is None:
            line = entry.in_force
            found = (line, entry.ready.first(T), any(value is T for _, value in line.steps))
            self._projected[id(entry)] = found
        line, met, ever = found
        return line, met, ever and (line.at(as_of) is T or line.next_change(as_of) is not None)

    def days(self, party: str) -> list[dt.date]:
        """The days on which a common case's report can change, in order.

        Between two consecutive days (and before the first), ``report`` gives the
        same answer on every day: it reads the agreement's ``in_force``, what the
        record said of its future (which changes only on its projection points, and
        within a run of them on the days the projected ``in_force`` changes), and
        the party's own instrument and the days it takes effect.
        """
        days, mets = self._common()
        deposit = self.deposit(party)
        if deposit is None:
            return days
        found = {deposit, self.effect(deposit, self._met)}
        found.update(self.effect(deposit, met) for met in mets)
        # Before its instrument, the party is not bound and nothing else is read.
        found.update(days[bisect.bisect_left(days, deposit) :])
        return sorted(found)

    def _common(self) -> tuple[list[dt.date], list[dt.date | None]]:
        """The days every party's report can change on, and the days the record said, from
        day to day, that the agreement's condition was first met."""
        if self._days is None:
            sweep, agreement_id = self.sweep, self.agreement.id
            found = set(self._in_force.change_days())
            points = sweep.projection_points(agreement_id)
            found.update(points)
            mets: set[dt.date | None] = set()
            before = _ANY_DAY  # a day of the run before the first point (any day, if none)
            if points:
                before = points[0] - _ONE_DAY if points[0] > dt.date.min else points[0]
            for day in (before, *points):
                entry = sweep.projected_entry(agreement_id, day)
                found.update(entry.in_force.change_days())
                mets.add(entry.ready.first(T))
            self._days = (sorted(found), list(mets))
        return self._days

    def _pending(
        self, deposit: dt.date | None, as_of: dt.date, projected: tuple[Timeline, dt.date | None]
    ) -> dt.date | None:
        """The day the record as it stood on ``as_of`` fixes for the party to be bound."""
        line, met = projected
        effect = None if deposit is None else self.effect(deposit, met)
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

    def report(self, party: str, as_of: dt.date) -> PartyReport | None:
        """The party's report on ``as_of``, or ``None`` if it is not a common case."""
        return self.reports((party,), as_of)[0]

    def reports(self, parties: Sequence[str], as_of: dt.date) -> list[PartyReport | None]:
        """The reports of ``parties`` on ``as_of``, ``None`` for each that is not a common case."""
        in_force = self._in_force
        holding_now = in_force.at(as_of)
        days, steps, initial = in_force.change_days(), in_force.steps, in_force.initial
        last = in_force.since(as_of)
        # The days by ``as_of`` on which the agreement came into force (again).
        entries = [day for day, value in steps if value is T and day <= as_of]
        if self.per_party is None:
            return self._listed(parties, as_of, holding_now, last, entries)
        own = self._own()
        # What the record said that day of the agreement's future, read when first needed.
        projected: tuple[Timeline, dt.date | None] | None = None
        ahead = True
        out: list[PartyReport | None] = []
        append = out.append
        for party in parties:
            found = own.get(party)
            if found is None:
                append(None)
                continue
            deposit, effect = found
            instrument_on = deposit if deposit <= as_of else None
            since: dt.date | None = None
            entered: dt.date | None = None
            if as_of < effect:
                holding = F
            else:
                # Bound on the days it is in force from the day its instrument takes effect.
                holding = holding_now
                after = bisect.bisect_right(days, effect)
                at_effect = initial if after == 0 else steps[after - 1][1]
                if last is not None and last > effect:
                    since = last
                elif at_effect is not F:
                    since = effect
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
                pending = None
                if instrument_on is not None and ahead:
                    if projected is None:
                        line, projected_met, ahead = self.projected(as_of)
                        projected = (line, projected_met)
                    if ahead:
                        pending = self._pending(deposit, as_of, projected)
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

    def _listed(
        self,
        parties: Sequence[str],
        as_of: dt.date,
        holding: Truth,
        since: dt.date | None,
        entries: list[dt.date],
    ) -> list[PartyReport | None]:
        """The reports of listed parties that never withdrew: bound whenever the agreement is."""
        entered = entries[0] if entries else None
        status = PartyStatus.NOT_BOUND
        if holding is T:
            status = PartyStatus.BOUND
        elif holding is U:
            status = PartyStatus.UNDETERMINED
        else:
            line, met, ahead = self.projected(as_of)
            pending = self._pending(None, as_of, (line, met)) if ahead else None
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
    found = PlainParties(sweep, agreement).reports(parties, as_of)
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
