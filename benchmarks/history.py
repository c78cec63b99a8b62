"""Whole histories and one-day reports at treaty scale, each against a baseline of the same run.

Two workloads, built in memory (no file is read):

P2, one large treaty. One agreement with ``--parties`` parties (1,000 by default) that
enters into force "on the 30th day after the 700th deposit" (70 per cent of the parties),
binds each later party on the 30th day after its own deposit, and has two commitments
(one conditional on a performance). Every party deposits, on a day of its own. Timed:

- ``one day``: ``evaluate(dataset, day)``, the report on the day after the last deposit;
- ``agreement history``: ``History(dataset).agreement("big")``, the agreement's own
  status intervals over all time;
- ``whole history``: ``History(dataset).statuses()``, the status intervals of the
  agreement, of every party and of every commitment, over all time;
- ``the intervals alone``: a copy of every interval of the whole history, of every node
  of its explanation and of every need it lists, made with the classes' constructors
  from values already computed: no rule is asked and nothing is looked up. It is a
  floor: what holding the history's intervals costs, whatever computes them;
- ``each change day``: ``evaluate(dataset, day)`` on each day the agreement's status
  (or its reason) changes, one call per day, which is how the whole history was
  obtained before there was one. With ``--sample K``, K of those days are timed and the
  total is estimated from their mean (the days are spread over the whole range).

Ratios: each change day / whole history (should be at least 50), agreement history and
whole history / one day (at most 3), and the intervals alone / one day.

P5, a treaty database. ``--agreements`` agreements (600) of ``--members`` parties each
(400), 240,000 deposits in all; each agreement enters into force on the 30th day after
its 60 per cent threshold, binds later parties 30 days after their deposits, and has
one commitment. Timed:

- ``sort``: ``sorted(dataset.events, key=date)``, the baseline: no answer can be cheaper
  than ordering the facts;
- ``one day``: ``evaluate(dataset, day)``, every status of every agreement, party and
  commitment on one day (a day when most, not all, have entered into force);
- the same with twice the parties per agreement (twice the events).

Ratios: one day / sort (at most 30), doubled / one day (at most 2.3), each the median
of ``--repeat`` rounds that time the three in turn (so that a drift in the machine's
speed changes them alike), and the peak memory of the one-day evaluation (traced
allocations; at most 1 GiB).

Run with::

    python benchmarks/history.py                 # both workloads, full size
    python benchmarks/history.py --only p2 --sample 100
    python benchmarks/history.py --parties 200 --agreements 30 --members 40 --repeat 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import tradeaccord as ta

START = dt.date(2020, 1, 1)
ONE_DAY = dt.timedelta(days=1)


def _parties(n: int) -> tuple[ta.Party, ...]:
    return tuple(ta.Party(id=f"P{i:05d}", name=f"Party {i}") for i in range(n))


def _treaty(
    agreement_id: str, parties: tuple[str, ...], threshold: int, with_condition: bool
) -> ta.Agreement:
    first = parties[0]
    commitments = [
        ta.Commitment(
            id=f"{agreement_id}/notify",
            by=first,
            action=ta.Action.PROVIDE,
            summary="Notify the depositary of the measures taken.",
        )
    ]
    if with_condition:
        commitments.append(
            ta.Commitment(
                id=f"{agreement_id}/review",
                by=parties[-1],
                action=ta.Action.MAINTAIN,
                summary="Keep the review mechanism once the notification is made.",
                condition=ta.Fulfilled(f"{agreement_id}/notify"),
            )
        )
    return ta.Agreement(
        id=agreement_id,
        title=f"Treaty {agreement_id}",
        kind=ta.AgreementKind.TREATY,
        parties=parties,
        concluded=START,
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(threshold, target=agreement_id),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
        commitments=tuple(commitments),
    )


def _deposit(agreement_id: str, party: str, day: dt.date, n: int) -> ta.Event:
    return ta.Event(
        id=f"{agreement_id}-d{n}",
        date=day,
        kind=ta.EventKind.DEPOSIT,
        party=party,
        target=agreement_id,
        summary=f"{party} deposits its instrument",
    )


def large_treaty(parties: int) -> ta.Dataset:
    """P2: one treaty, one deposit per party per day, entry into force after 70 per cent."""
    everyone = _parties(parties)
    ids = tuple(p.id for p in everyone)
    treaty = _treaty("big", ids, max(1, parties * 7 // 10), with_condition=True)
    events = [_deposit("big", p, START + (i + 1) * ONE_DAY, i) for i, p in enumerate(ids)]
    events.append(
        ta.Event(
            id="big-notified",
            date=START + (parties // 2 + parties) * ONE_DAY,
            kind=ta.EventKind.PERFORMANCE,
            target="big/notify",
            summary="The notification is made.",
        )
    )
    return ta.Dataset(parties=everyone, agreements=(treaty,), events=tuple(events))


def database(agreements: int, members: int) -> ta.Dataset:
    """P5: many treaties, each with its own parties depositing over two years."""
    everyone = _parties(members)
    ids = tuple(p.id for p in everyone)
    treaties = []
    events = []
    for a in range(agreements):
        agreement_id = f"t{a:04d}"
        treaties.append(_treaty(agreement_id, ids, max(1, members * 6 // 10), with_condition=False))
        for i, party in enumerate(ids):
            # Deposits spread over two years, a different order for each treaty.
            day = START + ((i * 7919 + a * 104729) % 730 + 1) * ONE_DAY
            events.append(_deposit(agreement_id, party, day, i))
    return ta.Dataset(parties=everyone, agreements=tuple(treaties), events=tuple(events))


def timed(function: Callable[[], Any], repeat: int) -> float:
    """The best of ``repeat`` runs, in seconds (garbage collected before each)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(function: Callable[[], Any]) -> int:
    """The peak of memory allocated while ``function`` runs, in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _copy(node: ta.Explanation) -> ta.Explanation:
    return ta.Explanation(
        label=node.label,
        value=node.value,
        since=node.since,
        citations=node.citations,
        children=tuple(_copy(child) for child in node.children),
        failed=node.failed,
    )


def copy_intervals(histories: tuple[ta.StatusHistory[Any], ...]) -> list[ta.StatusInterval[Any]]:
    """A copy of every interval of ``histories``, of its explanation's nodes and of its needs.

    The cyclic garbage collector is paused meanwhile, as it is while a history computes.
    """
    paused = not gc.isenabled()
    gc.disable()
    try:
        return _copies(histories)
    finally:
        if not paused:
            gc.enable()


def _copies(histories: tuple[ta.StatusHistory[Any], ...]) -> list[ta.StatusInterval[Any]]:
    copies: list[ta.StatusInterval[Any]] = []
    append = copies.append
    for history in histories:
        for i in history.intervals:
            copy = ta.StatusInterval(
                start=i.start,
                end=i.end,
                status=i.status,
                rule=i.rule,
                reason=i.reason,
                since=i.since,
                explanation=_copy(i.explanation),
                missing=tuple(
                    ta.Alternative(
                        needs=tuple(
                            ta.Need(kind=n.kind, description=n.description, reported=n.reported)
                            for n in a.needs
                        )
                    )
                    for a in i.missing
                ),
                deontic=i.deontic,
                due=i.due,
            )
            append(copy)
    return copies


def p2(parties: int, repeat: int, sample: int | None) -> dict[str, float]:
    """Time the large treaty; return the figures."""
    data = large_treaty(parties)
    last = max(e.date for e in data.events) + ONE_DAY
    history = ta.History(data)
    changes = [i.start for i in history.agreement("big").intervals if i.start is not None]
    one_day = timed(lambda: ta.evaluate(data, last), repeat)
    own = timed(lambda: ta.History(data).agreement("big"), repeat)
    whole = timed(lambda: ta.History(data).statuses(), repeat)
    every = history.statuses()
    floor = timed(lambda: copy_intervals(every), repeat)
    intervals = sum(len(h.intervals) for h in every)
    days = changes
    if sample is not None and sample < len(changes):
        step = len(changes) / sample
        days = [changes[int(k * step)] for k in range(sample)]
    start = time.perf_counter()
    for day in days:
        ta.evaluate(data, day)
    each = (time.perf_counter() - start) * len(changes) / len(days)
    print(f"P2: one treaty, {parties} parties, {len(changes)} change days of its status")
    print(f"  {'one day':<34}{one_day * 1000:>12.1f} ms")
    print(f"  {'agreement history':<34}{own * 1000:>12.1f} ms")
    print(f"  {'whole history':<34}{whole * 1000:>12.1f} ms")
    print(f"  {f'the {intervals:,} intervals alone':<34}{floor * 1000:>12.1f} ms")
    estimated = " (estimated)" if len(days) < len(changes) else ""
    print(f"  {'each change day' + estimated:<34}{each * 1000:>12.1f} ms")
    print(f"  each change day / whole history: {each / whole:8.1f}  (at least 50)")
    print(f"  agreement history / one day:     {own / one_day:8.2f}  (at most 3)")
    print(f"  whole history / one day:         {whole / one_day:8.2f}  (at most 3)")
    print(f"  the intervals alone / one day:   {floor / one_day:8.2f}")
    return {"one_day": one_day, "agreement": own, "whole": whole, "each": each, "floor": floor}


def p5(agreements: int, members: int, repeat: int) -> dict[str, float]:
    """Time the treaty database and its double, in turn; return the figures.

    Each round times the sort, the one-day report and the report on the double, one
    after the other, and takes the ratios within the round: a machine whose speed
    drifts from minute to minute changes the three alike. The ratios printed are the
    medians of the rounds, the times the best of them.
    """
    base, double = database(agreements, members), database(agreements, 2 * members)
    day = START + 400 * ONE_DAY
    sorts, days, doubles = [], [], []
    for _ in range(repeat):
        sorts.append(timed(lambda: sorted(base.events, key=lambda e: e.date), 1))
        days.append(timed(lambda: ta.evaluate(base, day), 1))
        doubles.append(timed(lambda: ta.evaluate(double, day), 1))
    figures = {
        "base_sort": min(sorts),
        "base_one_day": min(days),
        "double_one_day": min(doubles),
        "ratio": statistics.median(d / s for d, s in zip(days, sorts, strict=True)),
        "growth": statistics.median(d2 / d for d2, d in zip(doubles, days, strict=True)),
    }
    figures["peak"] = peak_memory(lambda: ta.evaluate(base, day))
    events = agreements * members
    print(f"P5: {agreements} treaties x {members} parties ({events:,} deposits)")
    print(f"  {'sort the events':<34}{figures['base_sort'] * 1000:>12.1f} ms")
    print(f"  {'every status on one day':<34}{figures['base_one_day'] * 1000:>12.1f} ms")
    print(f"  {'the same, twice the events':<34}{figures['double_one_day'] * 1000:>12.1f} ms")
    print(f"  {'peak memory of one day':<34}{figures['peak'] / 2**20:>12.1f} MiB  (at most 1024)")
    print(f"  one day / sort:                  {figures['ratio']:8.1f}  (at most 30)")
    print(f"  twice the events / one day:      {figures['growth']:8.2f}  (at most 2.3)")
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named by ``--only`` (default: both)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("p2", "p5"))
    parser.add_argument("--parties", type=int, default=1000, help="P2: parties of the treaty")
    parser.add_argument("--agreements", type=int, default=600, help="P5: treaties")
    parser.add_argument("--members", type=int, default=400, help="P5: parties per treaty")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per figure (best time, median ratio)"
    )
    parser.add_argument("--sample", type=int, help="P2: change days to time (default: all)")
    args = parser.parse_args(argv)
    if args.only in (None, "p2"):
        p2(args.parties, args.repeat, args.sample)
    if args.only in (None, "p5"):
        p5(args.agreements, args.members, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
