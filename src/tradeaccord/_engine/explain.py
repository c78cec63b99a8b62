"""Explanations and missing needs: why a condition has its value on a day, what it waits for.

Both read timelines a [`Sweep`][] has computed; neither evaluates anything
else. ``points`` gives the days on which either answer can change, so that a
history only asks on those days.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from fractions import Fraction

from .._calendar import Upon
from .._conditions import (
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
)
from .._model import Event
from .._truth import Truth
from .._vocabulary import EventKind
from .counting import Summary
from .primitives import apply_rule
from .results import Alternative, Citation, Explanation, Need, tally_words
from .sweeps import Sweep

__all__ = [
    "MAX_ALTERNATIVES",
    "cite",
    "explain",
    "failed",
    "missing",
    "points",
    "refusals",
    "refused",
]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
MAX_ALTERNATIVES = 16
"""At most this many alternative ways forward are listed for one condition."""


def cite(sweep: Sweep, event: Event) -> Citation:
    """A citation of ``event`` with its sources resolved."""
    return sweep.citation(event)


def _threshold_events(sweep: Sweep, node: Threshold) -> list[Event]:
    return sweep.events_about(node.target, node.kind, EventKind.WITHDRAWAL)


def points(sweep: Sweep, node: Condition) -> tuple[dt.date, ...]:
    """The days on which the explanation or the needs of ``node`` can change, in order.

    Between two consecutive such days, ``explain`` and ``missing`` give the
    same answer on every day.
    """
    key = ("points", node)
    cached = sweep.memo.get(key)
    if isinstance(cached, tuple):
        return cached
    found: set[dt.date] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        found.update(sweep.condition(current).change_days())
        if isinstance(current, Occurred | Fulfilled):
            found.update(e.date for e in sweep.events_for(current))
            found.update(e.date for e in sweep.set_aside(current))
            if isinstance(current, Occurred) and current.target is not None:
                found.update(
                    e.date for e in sweep.events_about(current.target, EventKind.REJECTION)
                )
        elif isinstance(current, InForce):
            entry = sweep.entry(current.agreement)
            found.update(entry.terminated.change_days())
            found.update(entry.lapsed.change_days())
        elif isinstance(current, DateReached):
            found.add(current.on)
        elif isinstance(current, Threshold):
            found.update(sweep.count(current).days)
            found.update(e.date for e in _threshold_events(sweep, current))
            found.update(e.date for e in sweep.events_about(current.target, EventKind.REJECTION))
            if not isinstance(current, WeightedShare) and current.among is not None:
                for member in sweep.dataset.group(current.among).members:
                    found.update(d for d in (member.joined, member.left) if d is not None)
        stack.extend(children(current))
    ordered = tuple(sorted(found))
    sweep.memo[key] = ordered
    return ordered


_ACTS = frozenset(
    {
        EventKind.APPROVAL,
        EventKind.RATIFICATION,
        EventKind.ACCEPTANCE,
        EventKind.ACCESSION,
        EventKind.DEPOSIT,
        EventKind.NOTIFICATION,
        EventKind.SIGNATURE,
        EventKind.CONCLUSION,
    }
)
"""The acts a party's refusal rules out."""


def refused(sweep: Sweep, party: str, target: str, as_of: dt.date) -> Event | None:
    """The established refusal by ``party`` about ``target`` recorded by ``as_of``, if any."""
    for event in sweep.events_about(target, EventKind.REJECTION):
        if event.date > as_of:
            break
        if event.party == party and sweep.record.establishes(event):
            return event
    return None


def failed(sweep: Sweep, node: Condition, as_of: dt.date) -> bool:
    """Whether ``node`` is not met on ``as_of`` and can no longer be, whatever happens next.

    A leaf asking for a party's act (an approval, a ratification...) about a
    target fails once that party's refusal is recorded; ``InForce`` fails once
    the agreement it names is terminated or has lapsed; a threshold fails when
    even every party that could still add to it would not reach it. ``AllOf``
    fails when one item does, ``AnyOf`` when all do, ``AtLeast`` when too few
    can still hold, ``Delay`` with its item. Dates and negations never fail.
    """
    key = (id(node), as_of)
    found = sweep.failures.get(key)
    if found is not None and found[0] is node:
        return found[1]
    lost = _failed(sweep, node, as_of)
    sweep.failures[key] = (node, lost)
    return lost


def _failed(sweep: Sweep, node: Condition, as_of: dt.date) -> bool:
    if sweep.condition(node).at(as_of) is T:
        return False
    if isinstance(node, Occurred):
        return (
            node.kind in _ACTS
            and node.party is not None
            and node.target is not None
            and refused(sweep, node.party, node.target, as_of) is not None
        )
    if isinstance(node, InForce):
        entry = sweep.entry(node.agreement)
        return entry.terminated.at(as_of) is T or entry.lapsed.at(as_of) is T
    if isinstance(node, Threshold):
        return _short(sweep, node, as_of)
    if isinstance(node, AllOf):
        return any(failed(sweep, item, as_of) for item in node.items)
    if isinstance(node, AnyOf):
        return all(failed(sweep, item, as_of) for item in node.items)
    if isinstance(node, AtLeast):
        return sum(not failed(sweep, item, as_of) for item in node.items) < node.n
    if isinstance(node, Delay):
        return failed(sweep, node.item, as_of)
    return False


def refusals(sweep: Sweep, target: str, as_of: dt.date) -> frozenset[str]:
    """The parties whose established refusal about ``target`` is recorded by ``as_of``."""
    return frozenset(
        e.party
        for e in sweep.events_about(target, EventKind.REJECTION)
        if e.date <= as_of and e.party is not None and sweep.record.establishes(e)
    )


def _short(sweep: Sweep, node: Threshold, as_of: dt.date) -> bool:
    """Whether a threshold cannot be reached even if every party that could add to it did.

    Parties that refused are left out. A plain count may be reached by any party of
    the dataset; a count among a group by its members, those who join later
    included; a share of a group stays open (its members come and go). The common
    cases (no refusal, no one leaving the group) are read off the running totals.
    """
    if isinstance(node, InstrumentShare):
        return False
    count = sweep.count(node)
    sure, maybe, _ = count.totals_on(as_of)
    needed = sweep.tally_required(node, as_of)
    refused_parties = refusals(sweep, node.target, as_of)
    if isinstance(node, WeightedShare):
        weight = sum(count.weights, Fraction(0)) - sure - maybe
        if refused_parties:
            weight -= sum(
                (
                    w
                    for p, w, line in zip(count.parties, count.weights, count.values, strict=True)
                    if p in refused_parties and line.at(as_of) is F
                ),
                Fraction(0),
            )
        return sure + maybe + weight < needed
    if node.among is None:
        free = len(sweep.dataset.parties) - int(sure) - int(maybe)
        if refused_parties:
            values = dict(zip(count.parties, count.values, strict=True))
            free -= sum(1 for p in refused_parties if p not in values or values[p].at(as_of) is F)
        return sure + maybe + free < needed
    group = sweep.dataset.group(node.among)
    if not refused_parties and all(m.left is None for m in group.members):
        # Nobody leaves: every party of the group is, or will be, a member.
        return sure + maybe + len(count.parties) - int(sure) - int(maybe) < needed
    tally = sweep.tally(node, as_of)
    busy = {*tally.counted, *tally.uncertain}
    later = [m.party for m in group.members if m.joined is not None and m.joined > as_of]
    pool = [p for p in dict.fromkeys([*tally.outstanding, *later]) if p not in busy]
    willing = [p for p in pool if p not in refused_parties]
    return tally.have + tally.unknown + len(willing) < tally.required


def explain(sweep: Sweep, node: Condition, as_of: dt.date) -> Explanation:
    """The explanation tree of a condition on ``as_of``: each node, its value and facts."""
    history = sweep.condition(node)
    value = history.at(as_of)
    citations: tuple[Citation, ...] = ()
    label = node.describe()
    if isinstance(node, Occurred | Fulfilled):
        cited = [e for e in sweep.events_for(node) if e.date <= as_of]
        aside = [e for e in sweep.set_aside(node) if e.date <= as_of]
        if aside:
            cited = sorted([*cited, *aside], key=lambda e: e.date)
        citations = tuple(cite(sweep, e) for e in cited)
    elif isinstance(node, Threshold):
        summary = sweep.summary(node, as_of)
        label = f"{label}: {_tally_words(summary)}"
        citations = sweep.threshold_citations(node, as_of)
    elif isinstance(node, Delay):
        inner = sweep.condition(node.item)
        start = inner.first(T)
        if inner.initial is not T and start is not None and start <= as_of:
            label = f"{label} {start.isoformat()}: from {apply_rule(node.rule, start).isoformat()}"
    kids = tuple(explain(sweep, child, as_of) for child in children(node))
    lost = value is not T and _can_fail(node) and failed(sweep, node, as_of)
    if lost and isinstance(node, Occurred):
        refusal = refused(sweep, node.party, node.target, as_of)  # type: ignore[arg-type]
        assert refusal is not None
        citations = (*citations, sweep.citation(refusal))
    return Explanation(
        label=label,
        value=value,
        since=history.since(as_of),
        citations=citations,
        children=kids,
        failed=lost,
    )


def _can_fail(node: Condition) -> bool:
    """Whether ``failed`` can be true of a node at all (cheap, to skip the check)."""
    return not isinstance(node, DateReached | Not | Fulfilled)


def _tally_words(summary: Summary) -> str:
    return tally_words(
        summary.unit, summary.have, summary.required, summary.members, summary.unknown
    )


def names_list(
    parties: tuple[str, ...], count: int, weigh: Callable[[str], str] | None = None
) -> str:
    """At most ten of ``count`` names, then how many more."""
    shown = [p if weigh is None else f"{p} ({weigh(p)})" for p in parties[:10]]
    return ", ".join(shown) + (f" and {count - 10} more" if count > 10 else "")


def _threshold_need(sweep: Sweep, node: Threshold, as_of: dt.date) -> Need:
    summary = sweep.summary(node, as_of)
    what = node.describe()
    still = format_number(summary.still_needed)
    have, required = format_number(summary.have), format_number(summary.required)
    waiting = summary.outstanding, summary.outstanding_count
    if isinstance(node, WeightedShare):
        text = f"weight {still} more towards {what} (have {have} of {required})"
        if summary.outstanding_count:
            text += "; not yet: " + names_list(*waiting, lambda p: format_number(node.weight_of(p)))
        return Need(kind="weight", description=text)
    text = f"{still} more towards {what} (have {have} of {required}"
    text += f" of {summary.members} members)" if isinstance(node, InstrumentShare) else ")"
    if summary.outstanding_count:
        text += "; not yet: " + names_list(*waiting)
    return Need(kind="count", description=text)


def cross(groups: list[tuple[Alternative, ...]]) -> tuple[Alternative, ...]:
    """Every way to take one alternative of each group, merged, keeping the minimal ones."""
    combined: list[Alternative] = []
    for choice in itertools.product(*groups):
        needs: list[Need] = []
        for alternative in choice:
            needs.extend(n for n in alternative.needs if n not in needs)
        combined.append(Alternative(needs=tuple(needs)))
        if len(combined) >= MAX_ALTERNATIVES:
            break
    return minimal(combined)


def minimal(alternatives: Iterable[Alternative]) -> tuple[Alternative, ...]:
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


def _one(kind: str, description: str) -> tuple[Alternative, ...]:
    return (Alternative(needs=(Need(kind=kind, description=description),)),)


def missing(sweep: Sweep, node: Condition, as_of: dt.date) -> tuple[Alternative, ...]:
    """The smallest sets of outstanding facts that would make ``node`` hold.

    Empty when the condition already holds on ``as_of``. Each alternative is a
    set of needs; any one alternative would do. At most ``MAX_ALTERNATIVES`` are
    listed.
    """
    value = sweep.condition(node).at(as_of)
    if value is T or (_can_fail(node) and failed(sweep, node, as_of)):
        return ()
    if isinstance(node, Occurred | Fulfilled):
        if value is U:
            reported = tuple(
                e.id
                for e in sweep.events_for(node)
                if e.date <= as_of and not sweep.record.establishes(e)
            )
            text = f"confirmation of {node.describe()}"
            unsure_need = Need(kind="confirmation", description=text, reported=reported)
            return (Alternative(needs=(unsure_need,)),)
        aside = tuple(e.id for e in sweep.set_aside(node) if e.date <= as_of)
        if aside:
            claimed = Need(kind="confirmation", description=node.describe(), reported=aside)
            return (Alternative(needs=(claimed,)),)
        return _one("performance" if isinstance(node, Fulfilled) else "event", node.describe())
    if isinstance(node, DateReached):
        return _one("date", node.describe())
    if isinstance(node, Threshold):
        need = (Alternative(needs=(_threshold_need(sweep, node, as_of),)),)
        if value is U:
            summary = sweep.summary(node, as_of)
            unsure = names_list(summary.uncertain, summary.uncertain_count)
            confirm = _one(
                "confirmation",
                f"confirmation of the instruments of {unsure} towards {node.describe()}",
            )
            return confirm + need
        return need
    if isinstance(node, InForce):
        return _one("agreement", node.describe())
    if isinstance(node, Not):
        return _one("absence", f"not {node.item.describe()}")
    if isinstance(node, AllOf):
        groups = [missing(sweep, item, as_of) for item in node.items]
        return cross([g for g in groups if g])  # a failed item fails the whole (above)
    if isinstance(node, AnyOf):
        return minimal(a for item in node.items for a in missing(sweep, item, as_of))
    if isinstance(node, AtLeast):
        outstanding = [item for item in node.items if sweep.condition(item).at(as_of) is not T]
        needed = node.n - (len(node.items) - len(outstanding))
        combos = list(
            itertools.islice(itertools.combinations(outstanding, needed), MAX_ALTERNATIVES + 1)
        )
        if len(combos) > MAX_ALTERNATIVES:
            return _one(
                "count",
                f"{needed} more of: " + "; ".join(i.describe() for i in outstanding),
            )
        return minimal(
            a for combo in combos for a in cross([missing(sweep, i, as_of) for i in combo])
        )
    if isinstance(node, Delay):
        inner = sweep.condition(node.item)
        start = inner.first(T)
        if start is not None and start <= as_of:
            effective = apply_rule(node.rule, start)
            return _one(
                "wait",
                f"date {effective.isoformat()} reached ({node.rule.describe()} {start.isoformat()})",
            )
        wait = Need(kind="wait", description=f"then {node.rule.describe()} that day")
        return tuple(
            Alternative(needs=a.needs + ((wait,) if not isinstance(node.rule, Upon) else ()))
            for a in missing(sweep, node.item, as_of)
        )
    return ()
