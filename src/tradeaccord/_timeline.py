"""Step functions from dates to three-valued truth."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import final

import attrs

from ._truth import Truth
from .errors import ModelValueError

__all__ = ["Timeline"]


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

    @classmethod
    def constant(cls, value: Truth) -> Timeline:
        """A timeline with the same value on every day."""
        return cls(value)

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
        return cls(initial, tuple(steps))

    def at(self, day: dt.date) -> Truth:
        """The value on ``day``."""
        index = bisect.bisect_right(self.steps, day, key=lambda s: s[0])
        return self.initial if index == 0 else self.steps[index - 1][1]

    def since(self, day: dt.date) -> dt.date | None:
        """The first day of the run of equal values that contains ``day``.

        ``None`` means the value has held since the beginning of time.
        """
        index = bisect.bisect_right(self.steps, day, key=lambda s: s[0])
        return None if index == 0 else self.steps[index - 1][0]

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
        return tuple(day for day, _ in self.steps)

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
        initial = function([t.initial for t in timelines])
        days = sorted({day for t in timelines for day in t.change_days()})
        positions = [0] * len(timelines)
        current = [t.initial for t in timelines]
        changes: list[tuple[dt.date, Truth]] = []
        for day in days:
            for i, timeline in enumerate(timelines):
                steps = timeline.steps
                while positions[i] < len(steps) and steps[positions[i]][0] <= day:
                    current[i] = steps[positions[i]][1]
                    positions[i] += 1
            changes.append((day, function(current)))
        return Timeline.from_changes(initial, changes)

    def __and__(self, other: Timeline) -> Timeline:
        return Timeline.combine((self, other), lambda v: v[0] & v[1])

    def __or__(self, other: Timeline) -> Timeline:
        return Timeline.combine((self, other), lambda v: v[0] | v[1])

    def __invert__(self) -> Timeline:
        return self.map(lambda v: ~v)
