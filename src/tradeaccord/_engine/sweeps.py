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
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from operator import itemgetter
from typing import NamedTuple

import attrs

from .._calendar import DayCount, Upon
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
from .counting import Count, Summary, _Cited, _Ledger, count_sweep
from .evidence import Record
from .index import EventIndex, RecordedIndex
from .policy import EvidencePolicy
from .primitives import (
    Number,
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
    membership_timeline,
    toggle_timeline,
)
from .results import Citation
from .steps import Timeline, _single, _trusted
from .values import AgreementTimelines, CommitmentTimelines, PartyTimelines, Tally

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


class Sweep:
    """The timelines of one dataset under one evidence policy, each computed once.

    A sweep is built from an event index, and computes each timeline the first
    time it is asked for, in dependency order; what it returns never changes.
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
        self.dataset = dataset
        self._full = full
        self.hypothetical = hypothetical
        self.policy = policy
        self.record = record if record is not None else Record(dataset, policy)
        self.index = index if index is not None else EventIndex(self.record.events)
        self._nodes: dict[int, tuple[Condition, Timeline]] = {}
        self._equal_nodes: dict[Condition, Timeline] = {}
        self._counts: dict[int, tuple[Threshold, Count]] = {}
        self._entries: dict[str, _Entry] = {}
        self._agreements: dict[str, AgreementTimelines] = {}
        self._parties: dict[tuple[str, str], PartyTimelines] = {}
        self._party_lists: dict[str, tuple[str, ...]] = {}
        self._commitments: dict[str, CommitmentTimelines] = {}
        self._instrument_lines: dict[tuple[str, EventKind], dict[str, Timeline]] = {}
        self._members: dict[tuple[str, str], Timeline] = {}
        self._recorded: dict[dt.date, Sweep] = {}
        self.memo: dict[object, object] = {}
        self._citations: dict[str, Citation] = {}
        self.failures: dict[tuple[int, dt.date], tuple[Condition, bool]] = {}
        """Whether a condition node can no longer hold, by node and day (see ``explain.failed``)."""
        self._last_tally: tuple[Threshold, dt.date, Tally] | None = None
        self.agreement_ids = frozenset(a.id for a in dataset.agreements)

    @property
    def through(self) -> dt.date | None:
        """The last day of events this sweep sees (``None``: every event)."""
        return self.index.day if isinstance(self.index, RecordedIndex) else None

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

    def _recorded_line(self, timeline: Callable[[Sweep], Timeline]) -> Timeline | None:
        """For a sweep of the record on a day: a timeline of the full record, cut at that day.

        A timeline that only steps on the dates of the events it reads is, as
        recorded on a day, the full one with its later steps left out.
        """
        if self._full is None:
            return None
        through = self.through
        assert through is not None
        return timeline(self._full).recorded_on(through)

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

    # Instruments and thresholds -----------------------------------------------------

    def instrument_parties(self, target: str, kind: EventKind) -> list[str]:
        """The parties with an instrument of ``kind`` about ``target`` recorded, in date order."""
        return self.index.instrument_parties(target, kind)

    def instrument(self, target: str, kind: EventKind, party: str) -> Timeline:
        """TRUE while ``party``'s instrument of ``kind`` about ``target`` stands."""
        lines = self._lines(target, kind)
        found = lines.get(party)
        if found is None and self._full is not None:
            found = self._recorded_line(lambda full: full.instrument(target, kind, party))
            assert found is not None
            lines[party] = found
        if found is None:
            events = self.index.party_instruments(target, kind, party)
            found = toggle_timeline(events, kind, EventKind.WITHDRAWAL, self.record)
            lines[party] = found
        return found

    def _lines(self, target: str, kind: EventKind) -> dict[str, Timeline]:
        found = self._instrument_lines.get((target, kind))
        if found is None:
            found = self._instrument_lines[target, kind] = {}
        return found

    def instruments(self, target: str, kind: EventKind, parties: list[str]) -> list[Timeline]:
        """``instrument`` for each of ``parties``, in one pass over their grouped events."""
        if self._full is not None:
            return [self.instrument(target, kind, p) for p in parties]
        lines = self._lines(target, kind)
        grouped = self.index.instruments(target, kind)
        establishes = self.record.establishes
        out: list[Timeline] = []
        append = out.append
        for party in parties:
            found = lines.get(party)
            if found is None:
                events = grouped.get(party, ())
                if len(events) == 1 and events[0].kind is kind:
                    # The common case: one instrument, never withdrawn.
                    event = events[0]
                    found = _single(F, event.date, T if establishes(event) else U)
                else:
                    found = toggle_timeline(events, kind, EventKind.WITHDRAWAL, self.record)
                lines[party] = found
            append(found)
        return out

    def effects(self, rule: DayCount) -> dict[dt.date, dt.date]:
        """The days ``rule`` gives for the days it was applied to so far (a cache to fill in)."""
        found = self.memo.setdefault(("effects", rule), {})
        assert isinstance(found, dict)
        return found

    def member(self, group_id: str, party: str) -> Timeline:
        """TRUE on the days ``party`` belongs to the group ``group_id``."""
        key = (group_id, party)
        found = self._members.get(key)
        if found is None:
            found = membership_timeline(self.dataset.group(group_id), party)
            self._members[key] = found
        return found

    def count(self, node: Threshold) -> Count:
        """A threshold node counted over its parties (computed once per node)."""
        cached = self._counts.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        found = self._count(node)
        self._counts[id(node)] = (node, found)
        return found

    def _count(self, node: Threshold) -> Count:
        target, kind = node.target, node.kind
        if isinstance(node, WeightedShare):
            parties = [p for p, w in node.weights if w > 0]
            needed = node.threshold()
            return count_sweep(
                parties,
                self.instruments(target, kind, parties),
                [node.weight_of(p) for p in parties],
                None,
                lambda sure, maybe, _: kleene_at_least(needed, sure, maybe),
            )
        if node.among is None:
            parties = self.instrument_parties(target, kind)
            n = node.n if isinstance(node, InstrumentCount) else 0
            return count_sweep(
                parties,
                self.instruments(target, kind, parties),
                [_ONE] * len(parties),
                None,
                lambda sure, maybe, _: kleene_at_least(n, sure, maybe),
            )
        group = node.among
        parties = list(dict.fromkeys(m.party for m in self.dataset.group(group).members))
        members = [self.member(group, p) for p in parties]
        values = [
            m & self.instrument(target, kind, p) for m, p in zip(members, parties, strict=True)
        ]
        if isinstance(node, InstrumentCount):
            n = node.n
            return count_sweep(
                parties,
                values,
                [_ONE] * len(parties),
                members,
                lambda sure, maybe, _: kleene_at_least(n, sure, maybe),
            )
        share = node.share

        def fraction(sure: Number, maybe: Number, total: int) -> Truth:
            if total == 0:
                return F
            return kleene_at_least(share * total, sure, maybe)

        return count_sweep(parties, values, [_ONE] * len(parties), members, fraction)

    def _pool(self, node: Threshold) -> tuple[tuple[str, ...], tuple[int | None, ...]]:
        """The parties that could still add to a threshold, and where each is counted.

        For a weighted share, the weighted parties; for a count or share among a
        group, the group's members (on each day, those who belong then); for a
        plain count, the listed parties of the target agreement. The second tuple
        gives each one's place in ``count(node).parties`` (``None``: never counted).
        """
        key = ("pool", node)
        found = self.memo.get(key)
        if found is None:
            count = self.count(node)
            if isinstance(node, WeightedShare) or node.among is not None:
                found = count.parties, tuple(range(len(count.parties)))
            elif node.target not in self.agreement_ids:
                found = (), ()
            else:
                pool = self.dataset.agreement(node.target).parties
                where = {p: i for i, p in enumerate(count.parties)}
                found = pool, tuple(where.get(p) for p in pool)
            self.memo[key] = found
        return found  # type: ignore[return-value]

    def _required(self, node: Threshold, members: int) -> Fraction:
        return Fraction(self._required_number(node, members))

    def _required_number(self, node: Threshold, members: int) -> Number:
        """What a threshold asks for: a whole number of instruments, or a weight."""
        if isinstance(node, WeightedShare):
            return node.threshold()
        if isinstance(node, InstrumentCount):
            return node.n
        return max(1, math.ceil(node.share * members))

    def tally_required(self, node: Threshold, day: dt.date) -> Fraction:
        """What a threshold asks for on ``day`` (for a share, of the members on that day)."""
        return self._required(node, self.count(node).totals_on(day)[2])

    def tally(self, node: Threshold, day: dt.date) -> Tally:
        """Where a threshold node stands on ``day``: what is counted and what is still needed."""
        last = self._last_tally
        if last is not None and last[0] is node and last[1] == day:
            return last[2]
        found = self._tally(node, day)
        self._last_tally = (node, day, found)
        return found

    def _tally(self, node: Threshold, day: dt.date) -> Tally:
        count = self.count(node)
        values = count.values_on(day)
        counted = tuple(p for p, v in zip(count.parties, values, strict=True) if v is T)
        uncertain = tuple(p for p, v in zip(count.parties, values, strict=True) if v is U)
        sure, maybe, total = count.totals_on(day)
        pool, where = self._pool(node)
        among = not isinstance(node, WeightedShare) and node.among is not None
        outstanding = tuple(
            p
            for p, i in zip(pool, where, strict=True)
            if (i is None or values[i] is F)
            and (not among or self.member(node.among, p).at(day) is T)  # type: ignore[union-attr, arg-type]
        )
        return Tally(
            unit="weight" if isinstance(node, WeightedShare) else "instruments",
            have=Fraction(sure),
            unknown=Fraction(maybe),
            required=self._required(node, total),
            counted=counted,
            uncertain=uncertain,
            outstanding=outstanding,
            members=total if among else None,
        )

    def summary(self, node: Threshold, day: dt.date) -> Summary:
        """Where a threshold stands on ``day``, with at most ten names of each kind (fast).

        The same figures as [`tally`][], read from a ledger built once per node.
        """
        calls = self.memo.get(("summaries", node), 0)
        assert isinstance(calls, int)
        if calls < 2:
            # A ledger pays off only for a node asked about on many days.
            self.memo["summaries", node] = calls + 1
            tally = self.tally(node, day)
            return Summary(
                unit=tally.unit,
                have=tally.have,
                unknown=tally.unknown,
                required=tally.required,
                members=tally.members,
                outstanding=tally.outstanding[:10],
                outstanding_count=len(tally.outstanding),
                uncertain=tally.uncertain[:10],
                uncertain_count=len(tally.uncertain),
            )
        ledger = self._ledger(node)
        index = bisect.bisect_right(ledger.days, day)
        found = ledger.summaries.get(index)
        if found is None:
            row = ledger.initial if index == 0 else ledger.rows[index - 1]
            count = self.count(node)
            sure, maybe, total = count.initial if index == 0 else count.totals[index - 1]
            among = not isinstance(node, WeightedShare) and node.among is not None
            found = Summary(
                unit="weight" if isinstance(node, WeightedShare) else "instruments",
                have=sure,
                unknown=maybe,
                required=self._required_number(node, total),
                members=total if among else None,
                outstanding=row[0],
                outstanding_count=row[1],
                uncertain=row[2],
                uncertain_count=row[3],
            )
            ledger.summaries[index] = found
        return found

    def _ledger(self, node: Threshold) -> _Ledger:
        key = ("ledger", node)
        found = self.memo.get(key)
        if not isinstance(found, _Ledger):
            found = self._build_ledger(node)
            self.memo[key] = found
        return found

    def _build_ledger(self, node: Threshold) -> _Ledger:
        """Who is outstanding and who uncertain, from day to day, in one pass over the changes."""
        count = self.count(node)
        pool, where = self._pool(node)
        among = not isinstance(node, WeightedShare) and node.among is not None
        size = len(count.parties)
        value = [v.initial for v in count.values]
        member = [T] * len(pool)
        changes = [(day, i, v) for i, line in enumerate(count.values) for day, v in line.steps]
        if among:
            group = node.among  # type: ignore[union-attr]
            lines = [self.member(group, p) for p in pool]  # type: ignore[arg-type]
            member = [m.initial for m in lines]
            changes.extend(
                (day, size + i, v) for i, line in enumerate(lines) for day, v in line.steps
            )
        changes.sort(key=itemgetter(0))
        place = {i: k for k, i in enumerate(where) if i is not None}

        def outside(k: int) -> bool:
            i = where[k]
            return member[k] is T and (i is None or value[i] is F)

        out = [k for k in range(len(pool)) if outside(k)]
        unsure = [i for i in range(size) if value[i] is U]

        def row() -> tuple[tuple[str, ...], int, tuple[str, ...], int]:
            return (
                tuple(pool[k] for k in out[:10]),
                len(out),
                tuple(count.parties[i] for i in unsure[:10]),
                len(unsure),
            )

        def refresh(k: int) -> None:
            position = bisect.bisect_left(out, k)
            present = position < len(out) and out[position] == k
            if outside(k) and not present:
                out.insert(position, k)
            elif not outside(k) and present:
                del out[position]

        initial = row()
        days: list[dt.date] = []
        rows: list[tuple[tuple[str, ...], int, tuple[str, ...], int]] = []
        k, total = 0, len(changes)
        while k < total:
            day = changes[k][0]
            while k < total and changes[k][0] == day:
                _, i, v = changes[k]
                k += 1
                if i >= size:
                    member[i - size] = v
                    refresh(i - size)
                    continue
                old, value[i] = value[i], v
                if (old is U) != (v is U):
                    position = bisect.bisect_left(unsure, i)
                    if v is U:
                        unsure.insert(position, i)
                    else:
                        del unsure[position]
                if i in place:
                    refresh(place[i])
            days.append(day)
            rows.append(row())
        assert tuple(days) == count.days
        return _Ledger(days=count.days, initial=initial, rows=tuple(rows), summaries={})

    def citation(self, event: Event) -> Citation:
        """A citation of ``event`` with its sources resolved (one value per event)."""
        found = self._citations.get(event.id)
        if found is None:
            found = Citation(
                event=event.id,
                date=event.date,
                kind=event.kind,
                summary=event.summary,
                confidence=event.confidence,
                party=event.party,
                sources=tuple([self.dataset.source(s) for s in event.sources])
                if event.sources
                else (),
                hypothetical=event.id in self.hypothetical if self.hypothetical else False,
            )
            judged = self.record.judgement(event.id) if self.record.judges else None
            if judged is not None:
                found = attrs.evolve(
                    found,
                    standing=judged.standing,
                    evidence=judged.reason,
                    sources=found.sources
                    + tuple(
                        self.dataset.source(a.source)
                        for a in event.accounts
                        if a.source not in event.sources
                    ),
                )
            self._citations[event.id] = found
        return found

    def citations(self, events: Sequence[Event]) -> list[Citation]:
        """``citation`` of each of ``events``, the plain ones (no sources, no judgement) at once."""
        known = self._citations
        hypothetical = self.hypothetical
        plain = not self.record.judges
        out: list[Citation] = []
        append = out.append
        for event in events:
            found = known.get(event.id)
            if found is None:
                if not plain or event.sources:
                    found = self.citation(event)
                else:
                    found = known[event.id] = Citation(
                        event=event.id,
                        date=event.date,
                        kind=event.kind,
                        summary=event.summary,
                        confidence=event.confidence,
                        party=event.party,
                        hypothetical=event.id in hypothetical if hypothetical else False,
                    )
            append(found)
        return out

    def threshold_citations(self, node: Threshold, day: dt.date) -> tuple[Citation, ...]:
        """The instruments and withdrawals, dated by ``day``, of the parties a threshold counts then.

        Counted and uncertain parties both; in date order.
        """
        key = ("cited", node)
        found = self.memo.get(key)
        if not isinstance(found, _Cited):
            found = self._cited(node)
            self.memo[key] = found
        upto = bisect.bisect_right(found.days, day)
        made = found.citations
        if len(made) < upto:
            made.extend(self.citations(found.events[len(made) : upto]))
        if found.prefix:
            return tuple(made[:upto])
        count = self.count(node)
        busy = {p for p, v in zip(count.parties, count.values_on(day), strict=True) if v is not F}
        return tuple(c for c, e in zip(made[:upto], found.events, strict=False) if e.party in busy)

    def _cited(self, node: Threshold) -> _Cited:
        events = [
            e
            for e in self.index.about(node.target, node.kind, EventKind.WITHDRAWAL)
            if e.party is not None
        ]
        count = self.count(node)
        lines = dict(zip(count.parties, count.values, strict=True))
        # In the common case every party counts from its first instrument for ever: the
        # events cited on a day are then those dated by that day.
        prefix = True
        for party, own in self.index.instruments(node.target, node.kind).items():
            line = lines.get(party)
            day = own[0].date
            if line is None:
                prefix = False
            elif len(line.steps) == 1 and line.initial is F:
                prefix = line.steps[0][0] <= day  # its value then holds for ever
            else:
                prefix = line.at(day) is not F and all(v is not F for d, v in line.steps if d > day)
            if not prefix:
                break
        return _Cited(
            prefix=prefix,
            events=tuple(events),
            days=tuple([e.date for e in events]),
            citations=[],
        )

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
                        days.update(self.count(node).days)
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
