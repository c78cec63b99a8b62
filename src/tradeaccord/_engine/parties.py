"""The common case of a party, answered for every party of an agreement at once.

Most parties of a large treaty are a common case: a listed party that never
withdrew, or, when each party is bound by its own instrument, a party with one
established instrument and no withdrawal. Its position on a day is read
straight off its agreement's timelines, without building timelines of its own,
and what all parties share is read once for the agreement. A one-day report
answers all of them in one loop ([`party_reports`][]); a history asks each one
only on the days its position can change, and answers the parties asked about on
the same day together ([`plain_party_histories`][]). Every other party is answered
by [`party_report`][tradeaccord._engine.report.party_report], and both give the
same answer (a property test holds them to it).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence

from .._model import Agreement, Event
from .._truth import Truth
from .._vocabulary import EventKind
from .intervals import StatusHistory
from .primitives import apply_rule
from .report import party_report
from .results import PartyReport, PartyStatus
from .rules import Reads, scheduled
from .statuses import asked_days, make_intervals, merge_steps, party_interval
from .steps import Timeline
from .sweeps import Sweep

__all__ = ["PlainParties", "party_reports", "plain_party_histories"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


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
        "_named",
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
        self._days: tuple[list[dt.date], list[dt.date], list[dt.date | None]] | None = None
        self._withdrawing: frozenset[str] = frozenset()
        self._named = frozenset(agreement.parties)
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
            return party in self._named and party not in self._withdrawing
        return party in self._own()

    def effect(self, deposit: dt.date, met: dt.date | None) -> dt.date:
        """The day an instrument deposited on ``deposit`` takes effect, the condition met on ``met``.

        As `instrument_effect` for one instrument: one standing when the condition is
        first met takes effect then, if that is earlier than its own day.
        """
        effect = self._effects.get(deposit)
        if effect is None:
            assert self.per_party is not None
            effect = self._effects[deposit] = apply_rule(self.per_party.effective, deposit)
        return met if met is not None and deposit <= met < effect else effect

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
        same answer on every day. It reads the agreement's ``in_force``; the party's
        own instrument and the days it takes effect; and, only on days the party is
        not bound, what the record said of the agreement's future, which changes on
        the projection points and, within a run of them, on the days the projected
        ``in_force`` changes. Those days are left out where the party is bound or
        undetermined: a party bound for years is not asked on every later deposit.
        """
        changes, projections, mets = self._common()
        in_force = self._in_force
        deposit = self.deposit(party)
        if deposit is None:
            effect = None
            found = set(changes)
        else:
            # Before its instrument, the party is not bound and nothing else is read.
            effect = self.effect(deposit, self._met)
            found = {deposit, effect, *(self.effect(deposit, met) for met in mets)}
            found.update(changes[bisect.bisect_left(changes, deposit) :])
            projections = projections[bisect.bisect_left(projections, deposit) :]
        found.update(
            day
            for day in projections
            if (effect is not None and day < effect) or in_force.at(day) is F
        )
        return sorted(found)

    def _common(self) -> tuple[list[dt.date], list[dt.date], list[dt.date | None]]:
        """The days the agreement's ``in_force`` changes; the days what the record said of its
        future can change; and the days the record said, from day to day, that its condition
        was first met."""
        if self._days is None:
            sweep, agreement_id = self.sweep, self.agreement.id
            points = sweep.projection_points(agreement_id)
            found = set(points)
            mets: set[dt.date | None] = set()
            # One day of each run of days the record's projection is the same on.
            for day in asked_days(list(points)):
                entry = sweep.projected_entry(agreement_id, day)
                found.update(entry.in_force.change_days())
                mets.add(entry.ready.first(T))
            self._days = (list(self._in_force.change_days()), sorted(found), list(mets))
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
                return scheduled(line, effect)
            return effect if value is T else None
        return scheduled(line, as_of)

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
        listed, withdrawing = self._named, self._withdrawing
        return [
            PartyReport(
                party=party, status=status, bound=holding, since=since, entry_into_force=entered
            )
            if party in listed and party not in withdrawing
            else None
            for party in parties
        ]


def party_reports(
    plain: PlainParties, parties: Sequence[str], as_of: dt.date
) -> tuple[PartyReport, ...]:
    """``party_report`` of each of ``parties`` on ``as_of`` (nothing noted), the common cases at once."""
    sweep, agreement = plain.sweep, plain.agreement
    found = plain.reports(parties, as_of)
    if not any(report is None for report in found):  # ``None in`` would compare reports
        return tuple(found)  # type: ignore[arg-type]
    return tuple(
        report
        if report is not None
        else party_report(sweep, agreement, party, as_of, Reads(sweep, keep=False))
        for party, report in zip(parties, found, strict=True)
    )


def plain_party_histories(
    plain: PlainParties, parties: Iterable[str]
) -> dict[str, tuple[StatusHistory[PartyStatus], tuple[PartyReport, ...]]]:
    """The status histories of the common cases among ``parties`` (see `PlainParties`), at once.

    Each party's report is asked on the days it can change (and the day before
    the first); the parties asked about on the same day are answered together.
    """
    sweep, agreement = plain.sweep, plain.agreement
    asked: dict[str, list[dt.date]] = {}
    by_day: dict[dt.date, list[str]] = {}
    for party in parties:
        if not plain.is_plain(party):
            continue
        ask = asked[party] = asked_days(plain.days(party))
        for day in ask:
            by_day.setdefault(day, []).append(party)
    answers: dict[str, dict[dt.date, PartyReport]] = {party: {} for party in asked}
    for day, names in by_day.items():
        for party, report in zip(names, plain.reports(names, day), strict=True):
            assert report is not None
            answers[party][day] = report
    out = {}
    for party, ask in asked.items():
        events = sweep.party_events(agreement.id, party)
        own = answers[party]
        values = [
            (own[day], tuple(sweep.citations([e for e in events if e.date <= day]))) for day in ask
        ]
        starts, merged = merge_steps(ask, values)
        intervals = make_intervals(
            starts, (party_interval(agreement, report, why) for report, why in merged)
        )
        history = StatusHistory(
            kind="party", agreement=agreement.id, subject=party, intervals=intervals
        )
        out[party] = (history, tuple(report for report, _ in merged))
    return out
