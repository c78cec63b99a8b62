"""Timeline primitives: the step functions of events, toggles, delays, terms and lapses.

Each builds one timeline in one pass over the changes of its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from .._calendar import DayCount
from .._model import Event, Group
from .._truth import Truth
from .._vocabulary import EventKind
from ..errors import CalendarError, EvaluationError
from .policy import Judge
from .steps import Timeline, _trusted

__all__ = [
    "Number",
    "apply_rule",
    "delay_timeline",
    "event_timeline",
    "expired_timeline",
    "instrument_effect",
    "kleene_at_least",
    "labelled",
    "lapse",
    "membership_timeline",
    "runs",
    "toggle_timeline",
]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
_FALSE = Timeline.constant(F)
_TRUE = Timeline.constant(T)


def apply_rule(rule: DayCount, day: dt.date) -> dt.date:
    """Apply a day-count rule, checking that it does not go back in time."""
    result = rule.apply(day)
    if result < day:
        raise EvaluationError(
            f"day-count rule {rule!r} gave {result.isoformat()} for {day.isoformat()}; "
            "rules must not give a date before their trigger"
        )
    return result


def delay_timeline(inner: Timeline, rule: DayCount) -> Timeline:
    """Shift the first TRUE (and first UNKNOWN) day of ``inner`` by ``rule``, latching."""
    if inner.initial is T:
        return _TRUE
    changes: list[tuple[dt.date, Truth]] = []
    initial = U if inner.initial is U else F
    first_unknown = inner.first(U) if initial is F else None
    first_true = inner.first(T)
    # Once TRUE, the delayed condition stays TRUE: an UNKNOWN after it changes nothing.
    if first_unknown is not None and (first_true is None or first_unknown < first_true):
        changes.append((apply_rule(rule, first_unknown), U))
    if first_true is not None:
        changes.append((apply_rule(rule, first_true), T))
    changes.sort(key=lambda c: (c[0], c[1] is T))
    return Timeline.from_changes(initial, changes)


Number = Fraction | int
"""An exact number: a weight or a count."""


def kleene_at_least(n: Number, sure: Number, maybe: Number) -> Truth:
    """TRUE if ``sure`` reaches ``n``, UNKNOWN if ``sure + maybe`` does, else FALSE."""
    if sure >= n:
        return T
    return U if sure + maybe >= n else F


def event_timeline(events: Iterable[Event], policy: Judge) -> Timeline:
    """TRUE from the first established event, UNKNOWN from an earlier weak one."""
    first_strong: dt.date | None = None
    first_weak: dt.date | None = None
    for event in events:
        if policy.establishes(event):
            first_strong = event.date if first_strong is None else min(first_strong, event.date)
        else:
            first_weak = event.date if first_weak is None else min(first_weak, event.date)
    if first_strong is None:
        return _FALSE if first_weak is None else _trusted(F, ((first_weak, U),))
    if first_weak is not None and first_weak < first_strong:
        return _trusted(F, ((first_weak, U), (first_strong, T)))
    return _trusted(F, ((first_strong, T),))


def toggle_timeline(
    events: Iterable[Event], on: EventKind, off: EventKind, policy: Judge
) -> Timeline:
    """TRUE after an ``on`` event until an ``off`` event (UNKNOWN for weak ones).

    ``events`` must be in date order.
    """
    changes: list[tuple[dt.date, Truth]] = []
    for event in events:
        if event.kind is on:
            changes.append((event.date, T if policy.establishes(event) else U))
        elif event.kind is off:
            changes.append((event.date, F if policy.establishes(event) else U))
    if not changes:
        return _FALSE
    if len(changes) == 1:
        return _FALSE if changes[0][1] is F else _trusted(F, changes)
    return Timeline.from_changes(F, changes)


def term_end(
    base_end: dt.date,
    extensions: Sequence[Event],
    day: dt.date,
    policy: Judge,
    *,
    strong_only: bool,
) -> dt.date:
    """The end of a term as known on ``day``: the base end moved by extensions dated by then."""
    end = base_end
    for event in extensions:
        if (
            event.date <= day
            and event.ends_on is not None
            and (policy.establishes(event) or not strong_only)
        ):
            end = max(end, event.ends_on)
    return end


def expired_timeline(
    started: Timeline,
    end: Callable[[dt.date], dt.date],
    extensions: Sequence[Event],
    policy: Judge,
) -> Timeline:
    """TRUE once the term that began on the first day ``started`` held has run out.

    ``end`` gives, for a start day, the first day the term no longer runs
    (before extensions). The term counts from the first TRUE day of ``started``; before that day, from
    its first UNKNOWN day (if any), so that no day depends on later facts.
    Extensions recorded on or before a day count on that day. A weak extension
    makes the days it would add UNKNOWN.
    """
    first_true = started.first(T) if started.initial is not T else None
    first_unknown = started.first(U) if started.initial is F else None
    if first_true is None:
        return _expired_from(first_unknown, end, extensions, policy)
    from_true = _expired_from(first_true, end, extensions, policy)
    if first_unknown is None or first_unknown >= first_true:
        return from_true
    from_unknown = _expired_from(first_unknown, end, extensions, policy)
    switch = _trusted(F, ((first_true, T),))
    return Timeline.combine(
        (switch, from_unknown, from_true), lambda v: v[2] if v[0] is T else v[1]
    )


def _expired_from(
    start: dt.date | None,
    end: Callable[[dt.date], dt.date],
    extensions: Sequence[Event],
    policy: Judge,
) -> Timeline:
    if start is None:
        return _FALSE
    base_end = end(start)
    if not extensions:
        return _trusted(F, ((base_end, T),))
    candidates = {base_end}
    for event in extensions:
        candidates.add(event.date)
        if event.ends_on is not None:
            candidates.add(event.ends_on)
    changes: list[tuple[dt.date, Truth]] = []
    for day in sorted(candidates):
        strong = term_end(base_end, extensions, day, policy, strong_only=True)
        every = term_end(base_end, extensions, day, policy, strong_only=False)
        changes.append((day, T if day >= every else U if day >= strong else F))
    return Timeline.from_changes(F, changes)


def lapse(entered: Timeline, deadline: dt.date) -> tuple[Timeline, Timeline]:
    """Apply an entry-into-force deadline: (entered, lapsed) timelines."""
    at_deadline = entered.at(deadline)
    if at_deadline is T:
        return entered, _FALSE
    # After the deadline the agreement can no longer enter into force (FALSE), or,
    # if it was UNKNOWN on the deadline, at best it is UNKNOWN.
    after = _trusted(F, ((deadline + dt.timedelta(days=1), T),))
    capped = Timeline.combine((entered, after), lambda v: v[0] if v[1] is F else v[0] & at_deadline)
    lapsed = after.map(lambda v: ~at_deadline if v is T else F)
    return capped, lapsed


def labelled(end: Callable[[dt.date], dt.date], what: str) -> Callable[[dt.date], dt.date]:
    """``end`` with calendar errors prefixed by what the term belongs to."""

    def call(start: dt.date) -> dt.date:
        try:
            return end(start)
        except CalendarError as exc:
            raise CalendarError(f"{what}: {exc}") from None

    return call


def runs(
    timeline: Timeline, holds: Callable[[Truth], bool]
) -> list[tuple[dt.date | None, dt.date | None]]:
    """The maximal runs of days on which ``holds(value)``: (first day, first day after).

    ``None`` as a first day means "since the beginning of time", as an end "for ever".
    """
    out: list[tuple[dt.date | None, dt.date | None]] = []
    inside = holds(timeline.initial)
    start: dt.date | None = None
    for day, value in timeline.steps:
        if holds(value) and not inside:
            start, inside = day, True
        elif not holds(value) and inside:
            out.append((start, day))
            inside = False
    if inside:
        out.append((start, None))
    return out


def instrument_effect(instrument: Timeline, met: dt.date | None, rule: DayCount) -> Timeline:
    """When a party's instrument has taken effect for it, ignoring whether the agreement is in force.

    An instrument that stood on ``met`` (the first day the entry-into-force
    condition held) takes effect from that day; any other takes effect on the
    date ``rule`` gives for its deposit. Either lasts while the instrument
    stands. Computed for the established runs (TRUE) and the possible runs (not
    FALSE) of the instrument; UNKNOWN where only the latter give an effect.
    """
    steps = instrument.steps
    if instrument.initial is F and len(steps) == 1 and steps[0][1] is T:
        # The common case: one established instrument, never withdrawn.
        start = steps[0][0]
        begin = min(apply_rule(rule, start), met) if met is not None and start <= met else None
        if begin is None:
            begin = apply_rule(rule, start)
        return _trusted(F, ((begin, T),))

    def project(holds: Callable[[Truth], bool]) -> Timeline:
        changes: list[tuple[dt.date, Truth]] = []
        initial = F
        for start, end in runs(instrument, holds):
            if start is None:
                initial = T
                if end is not None:
                    changes.append((end, F))
                continue
            begin = apply_rule(rule, start)
            if met is not None and start <= met and (end is None or met < end):
                begin = min(begin, met)
            if end is None or begin < end:
                changes.append((begin, T))
                if end is not None:
                    changes.append((end, F))
        return Timeline.from_changes(initial, changes)

    sure, possible = project(lambda v: v is T), project(lambda v: v is not F)
    return Timeline.combine((sure, possible), lambda v: T if v[0] is T else U if v[1] is T else F)


def membership_timeline(group: Group, party: str) -> Timeline:
    """TRUE on the days ``party`` belongs to ``group``."""
    rows = [m for m in group.members if m.party == party]
    days = sorted(
        {m.joined for m in rows if m.joined is not None}
        | {m.left for m in rows if m.left is not None}
    )
    initial = T if any(m.joined is None for m in rows) else F
    changes = [(day, T if any(m.is_member_on(day) for m in rows) else F) for day in days]
    return Timeline.from_changes(initial, changes)


def _all(values: Sequence[Truth]) -> Truth:
    result = T
    for value in values:
        result = result & value
    return result


def _any(values: Sequence[Truth]) -> Truth:
    result = F
    for value in values:
        result = result | value
    return result
