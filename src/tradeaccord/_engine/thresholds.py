"""The counting part of a sweep: instruments, thresholds, tallies and citations.

A [`Sweep`][tradeaccord._engine.sweeps.Sweep] is a `Counting`: this part reads
each party's instruments from the event index in one pass per threshold,
counts thresholds incrementally over their sorted changes, and says where a
threshold stands on a day (a tally, or a summary read from a ledger built once
per node) and which instruments it relies on (citations, made once per event).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import groupby
from operator import itemgetter
from typing import Self

import attrs

from .._calendar import DayCount
from .._conditions import InstrumentCount, Threshold, WeightedShare
from .._model import Dataset, Event
from .._truth import Truth
from .._vocabulary import EventKind
from .counting import Count, Summary, _Cited, _Ledger, count_sweep
from .evidence import Record
from .index import EventIndex, RecordedIndex
from .primitives import Number, kleene_at_least, membership_timeline, toggle_timeline
from .results import Citation
from .steps import Timeline, _single
from .values import Tally

__all__ = ["Counting"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
_ONE = 1


class Counting:
    """Instruments, thresholds and citations of one dataset's record, each worked out once."""

    def __init__(
        self,
        dataset: Dataset,
        record: Record,
        index: EventIndex | RecordedIndex | None = None,
        *,
        full: Self | None = None,
        hypothetical: frozenset[str] = frozenset(),
    ) -> None:
        self.dataset = dataset
        self.record = record
        self.index = index if index is not None else EventIndex(record.events)
        self.hypothetical = hypothetical
        self._full = full
        """The sweep of the full record, for a sweep of the record as it stood on a day."""
        self.memo: dict[object, object] = {}
        self.agreement_ids = frozenset(a.id for a in dataset.agreements)
        self._counts: dict[int, tuple[Threshold, Count]] = {}
        self._instrument_lines: dict[tuple[str, EventKind], dict[str, Timeline]] = {}
        self._members: dict[tuple[str, str], Timeline] = {}
        self._singles: dict[tuple[dt.date, Truth], Timeline] = {}
        self._citations: dict[str, Citation] = {}
        self._last_tally: tuple[Threshold, dt.date, Tally] | None = None

    @property
    def through(self) -> dt.date | None:
        """The last day of events this sweep sees (``None``: every event)."""
        return self.index.day if isinstance(self.index, RecordedIndex) else None

    def _recorded_line(self, timeline: Callable[[Self], Timeline]) -> Timeline | None:
        """For a sweep of the record on a day: a timeline of the full record, cut at that day.

        A timeline that only steps on the dates of the events it reads is, as
        recorded on a day, the full one with its later steps left out.
        """
        if self._full is None:
            return None
        through = self.through
        assert through is not None
        return timeline(self._full).recorded_on(through)

    # Instruments and thresholds -----------------------------------------------------

    def instrument_parties(self, target: str, kind: EventKind) -> list[str]:
        """The parties with an instrument of ``kind`` about ``target`` recorded, in date order."""
        return self.index.instrument_parties(target, kind)

    def instrument(self, target: str, kind: EventKind, party: str) -> Timeline:
        """TRUE while ``party``'s instrument of ``kind`` about ``target`` stands."""
        return self.instruments(target, kind, [party])[0]

    def instruments(self, target: str, kind: EventKind, parties: list[str]) -> list[Timeline]:
        """``instrument`` for each of ``parties``, in one pass over their grouped events."""
        lines = self._instrument_lines.setdefault((target, kind), {})
        grouped = self.index.instruments(target, kind) if self._full is None else {}
        establishes, singles = self.record.establishes, self._singles
        out: list[Timeline] = []
        append = out.append
        for party in parties:
            line = lines.get(party)
            if line is None:
                if self._full is not None:
                    line = self._recorded_instrument(target, kind, party)
                else:
                    events = grouped.get(party, ())
                    if len(events) == 1 and events[0].kind is kind:
                        # The common case: one instrument, never withdrawn. Timelines are
                        # values: parties whose instruments share a day share one.
                        event = events[0]
                        step = (event.date, T if establishes(event) else U)
                        line = singles.get(step)
                        if line is None:
                            line = singles[step] = _single(F, *step)
                    else:
                        line = toggle_timeline(events, kind, EventKind.WITHDRAWAL, self.record)
                lines[party] = line
            append(line)
        return out

    def _recorded_instrument(self, target: str, kind: EventKind, party: str) -> Timeline:
        found = self._recorded_line(lambda full: full.instrument(target, kind, party))
        assert found is not None
        return found

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
        for day, group in groupby(changes, key=itemgetter(0)):
            for _, i, v in group:
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
        return self.citations((event,))[0]

    def citations(self, events: Sequence[Event]) -> list[Citation]:
        """``citation`` of each of ``events``, made once per event."""
        known, hypothetical, record = self._citations, self.hypothetical, self.record
        judges = record.judges
        out: list[Citation] = []
        append = out.append
        for event in events:
            found = known.get(event.id)
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
                    hypothetical=event.id in hypothetical if hypothetical else False,
                )
                judged = record.judgement(event.id) if judges else None
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
                known[event.id] = found
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
            # Asked again for more, a node is likely asked on many days: cite every event now.
            end = len(found.events) if made else upto
            made.extend(self.citations(found.events[len(made) : end]))
            if len(made) == len(found.events):
                found.whole = tuple(made)
        whole = found.whole
        if found.prefix:
            if whole is None:
                return tuple(made[:upto])
            return whole if upto == len(whole) else whole[:upto]
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
        return _Cited(prefix, tuple(events))
