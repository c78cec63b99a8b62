"""Step functions from dates to three-valued truth."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import final

import attrs

from .._truth import Truth
from ..errors import ModelValueError

__all__ = ["Timeline"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _check_steps(
    instance: Timeline, attribute: object, steps: tuple[tuple[dt.date, Truth], ...]
) -> None:
    previous_day: dt.date | None = None
    previous_value = instance.initial
    for day, value in steps:
        if previous_day is not None and day <= previous_day:
            raise ModelValueError(
                f"Timeline steps must have increasing dates, got {day} after {previous_day}"
            )
        if value is previous_value:
            raise ModelValueError(f"Timeline step on {day} repeats the value {value.name}")
        previous_day, previous_value = day, value


@final
@attrs.frozen
class Timeline:
    """A step function from calendar days to [`Truth`][tradeaccord.Truth].

    ``initial`` holds before the first step ("since the beginning of time");
    each step ``(day, value)`` holds from ``day`` until the next step. Steps are
    kept normalised: increasing days, each value different from the one before.

    Examples:
        >>> import datetime as dt
        >>> t = Timeline.from_changes(Truth.FALSE, [(dt.date(2025, 6, 27), Truth.TRUE)])
        >>> t.at(dt.date(2025, 6, 26)), t.at(dt.date(2025, 6, 27))
        (<Truth.FALSE: 'false'>, <Truth.TRUE: 'true'>)
        >>> t.since(dt.date(2025, 7, 1))
        datetime.date(2025, 6, 27)
    """

    initial: Truth
    steps: tuple[tuple[dt.date, Truth], ...] = attrs.field(default=(), validator=_check_steps)
    _days: tuple[dt.date, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_days", tuple(day for day, _ in self.steps))

    @classmethod
    def constant(cls, value: Truth) -> Timeline:
        """A timeline with the same value on every day."""
        return _CONSTANT[value]

    @classmethod
    def from_changes(cls, initial: Truth, changes: Iterable[tuple[dt.date, Truth]]) -> Timeline:
        """Build a normalised timeline from changes in any order.

        Later entries for the same day win; changes to the value already in
        force are dropped.
        """
        by_day: dict[dt.date, Truth] = {}
        for day, value in changes:
            by_day[day] = value
        steps: list[tuple[dt.date, Truth]] = []
        current = initial
        for day in sorted(by_day):
            value = by_day[day]
            if value is not current:
                steps.append((day, value))
                current = value
        return _trusted(initial, steps)

    def at(self, day: dt.date) -> Truth:
        """The value on ``day``."""
        index = bisect.bisect_right(self._days, day)
        return self.initial if index == 0 else self.steps[index - 1][1]

    def since(self, day: dt.date) -> dt.date | None:
        """The first day of the run of equal values that contains ``day``.

        ``None`` means the value has held since the beginning of time.
        """
        index = bisect.bisect_right(self._days, day)
        return None if index == 0 else self._days[index - 1]

    def next_change(self, day: dt.date) -> dt.date | None:
        """The first day after ``day`` on which the value changes (``None``: it never does)."""
        index = bisect.bisect_right(self._days, day)
        return self._days[index] if index < len(self._days) else None

    def first(self, value: Truth) -> dt.date | None:
        """The first day a step gives ``value``; ``None`` if no step does.

        A value held from the beginning of time is ``initial``, not a step:
        check ``initial`` to tell "always" from "never".
        """
        for day, step_value in self.steps:
            if step_value is value:
                return day
        return None

    def first_at_least(self, value: Truth) -> tuple[bool, dt.date | None]:
        """Whether the value ever reaches ``value`` or better, and the first day it does.

        Returns ``(True, None)`` when it does so from the beginning of time.
        """
        if self.initial.rank >= value.rank:
            return True, None
        for day, step_value in self.steps:
            if step_value.rank >= value.rank:
                return True, day
        return False, None

    def change_days(self) -> tuple[dt.date, ...]:
        """The days on which the value changes."""
        return self._days

    def recorded_on(self, day: dt.date) -> Timeline:
        """The steps up to ``day``, with the value on ``day`` held for ever after.

        Examples:
            >>> import datetime as dt
            >>> t = Timeline.from_changes(Truth.FALSE, [(dt.date(2025, 6, 1), Truth.TRUE),
            ...                                         (dt.date(2025, 7, 1), Truth.FALSE)])
            >>> t.recorded_on(dt.date(2025, 6, 15)).steps
            ((datetime.date(2025, 6, 1), <Truth.TRUE: 'true'>),)
        """
        index = bisect.bisect_right(self._days, day)
        if index == len(self.steps):
            return self
        return _trusted(self.initial, self.steps[:index])

    def map(self, function: Callable[[Truth], Truth]) -> Timeline:
        """Apply ``function`` to every value."""
        return Timeline.from_changes(
            function(self.initial), ((d, function(v)) for d, v in self.steps)
        )

    @staticmethod
    def combine(
        timelines: Sequence[Timeline], function: Callable[[Sequence[Truth]], Truth]
    ) -> Timeline:
        """Merge several timelines pointwise with ``function``, in one sweep over their changes."""
        current = [t.initial for t in timelines]
        initial = function(current)
        changes = sorted((day, i, value) for i, t in enumerate(timelines) for day, value in t.steps)
        steps: list[tuple[dt.date, Truth]] = []
        last = initial
        count = len(changes)
        k = 0
        while k < count:
            day = changes[k][0]
            while k < count and changes[k][0] == day:
                current[changes[k][1]] = changes[k][2]
                k += 1
            value = function(current)
            if value is not last:
                steps.append((day, value))
                last = value
        return _trusted(initial, steps)

    def __and__(self, other: Timeline) -> Timeline:
        return _pair(self, other, _AND)

    def __or__(self, other: Timeline) -> Timeline:
        return _pair(self, other, _OR)

    def __invert__(self) -> Timeline:
        if not self.steps:
            return _CONSTANT[~self.initial]
        return _trusted(~self.initial, [(d, ~v) for d, v in self.steps])


def _trusted(initial: Truth, steps: Sequence[tuple[dt.date, Truth]]) -> Timeline:
    """A timeline from steps already normalised (increasing days, no repeated value)."""
    timeline = object.__new__(Timeline)
    setattr_ = object.__setattr__
    setattr_(timeline, "initial", initial)
    setattr_(timeline, "steps", tuple(steps))
    if len(steps) == 1:
        setattr_(timeline, "_days", (steps[0][0],))
    else:
        setattr_(timeline, "_days", tuple([day for day, _ in steps]))
    return timeline


def _single(initial: Truth, day: dt.date, value: Truth) -> Timeline:
    """A timeline of one step, ``value`` from ``day`` on (``value`` must differ from ``initial``)."""
    timeline = object.__new__(Timeline)
    setattr_ = object.__setattr__
    setattr_(timeline, "initial", initial)
    setattr_(timeline, "steps", ((day, value),))
    setattr_(timeline, "_days", (day,))
    return timeline


def _and(a: Truth, b: Truth) -> Truth:
    return a & b


def _or(a: Truth, b: Truth) -> Truth:
    return a | b


_AND: dict[tuple[Truth, Truth], Truth] = {(a, b): _and(a, b) for a in Truth for b in Truth}
_OR: dict[tuple[Truth, Truth], Truth] = {(a, b): _or(a, b) for a in Truth for b in Truth}


def _pair(left: Timeline, right: Timeline, table: dict[tuple[Truth, Truth], Truth]) -> Timeline:
    """Two timelines merged pointwise through a truth table, in one pass over both."""
    a, b = left.initial, right.initial
    initial = table[a, b]
    if not left.steps and not right.steps:
        return _CONSTANT[initial]
    steps: list[tuple[dt.date, Truth]] = []
    last = initial
    xs, ys = left.steps, right.steps
    i = j = 0
    nx, ny = len(xs), len(ys)
    while i < nx or j < ny:
        if j >= ny or (i < nx and xs[i][0] < ys[j][0]):
            day, a = xs[i]
            i += 1
        elif i >= nx or ys[j][0] < xs[i][0]:
            day, b = ys[j]
            j += 1
        else:
            day, a = xs[i]
            b = ys[j][1]
            i += 1
            j += 1
        value = table[a, b]
        if value is not last:
            steps.append((day, value))
            last = value
    return _trusted(initial, steps)


_CONSTANT: dict[Truth, Timeline] = {value: _trusted(value, ()) for value in Truth}
