"""Calendar arithmetic: periods and the named day-count rules of treaty clauses.

This is the only module that uses ``dateutil``. Every date is a calendar day
(``datetime.date``); nothing here reads the clock.
"""

from __future__ import annotations

import calendar as _stdcalendar
import datetime as dt
import enum
import re
from typing import Any, TypeAlias, cast, final

import attrs
from dateutil.relativedelta import relativedelta

from .errors import CalendarError

__all__ = [
    "AfterClearDays",
    "AfterPeriod",
    "DayCount",
    "Earliest",
    "FirstDayOfMonthFollowing",
    "FixedDate",
    "Latest",
    "NthDayAfter",
    "Period",
    "Rounding",
    "Upon",
    "add_period",
]


class Rounding(enum.Enum):
    """What to do when month arithmetic lands on a day the month does not have.

    Adding one month to January 31 asks for February 31. ``STRICT`` raises a
    [`CalendarError`][tradeaccord.errors.CalendarError]; ``DOWN`` takes the last
    day of the month (February 28 or 29); ``UP`` takes the first day of the next
    month (March 1).
    """

    STRICT = "strict"
    DOWN = "down"
    UP = "up"


#: The most days, months and years between two dates Python can represent (years 1 to
#: 9999): a longer count can never give a date.
_LONGEST: dict[str, int] = {
    "days": (dt.date.max - dt.date.min).days,
    "n": (dt.date.max - dt.date.min).days,
    "months": 12 * 9998 + 11,
    "years": 9998,
}


def _at_most_longest(attribute: attrs.Attribute[int], value: int, unit: str) -> None:
    longest = _LONGEST[unit]
    if value > longest:
        raise CalendarError(
            f"{attribute.name} must be at most {longest} (no date is further away), got {value}"
        )


def _nonnegative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise CalendarError(f"{attribute.name} must be zero or more, got {value}")
    _at_most_longest(attribute, value, attribute.name)


_SIMPLE_PERIOD = re.compile(r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?")


@final
@attrs.frozen(kw_only=True)
class Period:
    """A length of calendar time: years, months and days, none negative.

    Months and years are calendar units: adding them keeps the day of the month,
    with a [`Rounding`][tradeaccord.Rounding] policy for days a month lacks.

    Examples:
        >>> import datetime as dt
        >>> Period(days=90)
        Period(years=0, months=0, days=90)
        >>> Period.parse("P1Y6M")
        Period(years=1, months=6, days=0)
        >>> str(Period(months=3))
        'P3M'
        >>> add_period(dt.date(2025, 5, 14), Period(days=90))
        datetime.date(2025, 8, 12)
    """

    years: int = attrs.field(default=0, validator=_nonnegative)
    months: int = attrs.field(default=0, validator=_nonnegative)
    days: int = attrs.field(default=0, validator=_nonnegative)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read an ISO 8601 duration made of years, months, weeks and days.

        Raises:
            CalendarError: ``text`` is not such a duration (e.g. it has a time part).
        """
        simple = _SIMPLE_PERIOD.fullmatch(text) if isinstance(text, str) else None
        if simple is not None and simple.lastindex:
            years, months, weeks, days = (int(g) if g else 0 for g in simple.groups())
            return cls(years=years, months=months, days=weeks * 7 + days)
        original = text
        if not text.startswith("P") or len(text) < 3:
            raise CalendarError(f"not an ISO 8601 period like 'P90D' or 'P1Y6M': {original!r}")
        values = {"Y": 0, "M": 0, "W": 0, "D": 0}
        number = ""
        seen: list[str] = []
        for char in text[1:]:
            if char.isdigit():
                number += char
            elif char in values and number and char not in seen:
                if seen and "YMWD".index(char) < "YMWD".index(seen[-1]):
                    raise CalendarError(f"period units out of order in {original!r}")
                values[char] = int(number)
                seen.append(char)
                number = ""
            else:
                raise CalendarError(f"not an ISO 8601 period like 'P90D' or 'P1Y6M': {original!r}")
        if number:
            raise CalendarError(f"period {original!r} ends with a number without a unit")
        return cls(years=values["Y"], months=values["M"], days=values["W"] * 7 + values["D"])

    def __str__(self) -> str:
        parts = [
            f"{v}{u}" for v, u in ((self.years, "Y"), (self.months, "M"), (self.days, "D")) if v
        ]
        return "P" + ("".join(parts) or "0D")

    def describe(self) -> str:
        """Say the period in words, e.g. ``"1 year and 6 months"``."""
        parts = [
            f"{v} {u}{'' if v == 1 else 's'}"
            for v, u in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if v
        ]
        if not parts:
            return "0 days"
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def add_period(start: dt.date, period: Period, *, rounding: Rounding = Rounding.STRICT) -> dt.date:
    """Add ``period`` to ``start``: years and months first, then days.

    Args:
        start: the date to count from.
        period: how far to go.
        rounding: what to do when the years and months land on a day the
            month does not have.

    Raises:
        CalendarError: the day does not exist under ``Rounding.STRICT``, or the
            result is outside the dates Python can represent.

    Examples:
        >>> import datetime as dt
        >>> jan31 = dt.date(2025, 1, 31)
        >>> add_period(jan31, Period(months=1), rounding=Rounding.DOWN)
        datetime.date(2025, 2, 28)
        >>> add_period(jan31, Period(months=1), rounding=Rounding.UP)
        datetime.date(2025, 3, 1)
    """
    try:
        total_months = start.month - 1 + period.months + 12 * period.years
        year = start.year + total_months // 12
        month = total_months % 12 + 1
        last = _stdcalendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 0
        if last == 0:
            raise OverflowError
        if start.day <= last:
            landed = cast(dt.date, start + relativedelta(years=period.years, months=period.months))
        elif rounding is Rounding.STRICT:
            raise CalendarError(
                f"{start.isoformat()} + {period} lands on day {start.day} of "
                f"{year:04d}-{month:02d}, which has {last} days "
                "(choose Rounding.DOWN or Rounding.UP)"
            )
        elif rounding is Rounding.DOWN:
            landed = dt.date(year, month, last)
        else:
            landed = dt.date(year, month, last) + dt.timedelta(days=1)
        return landed + dt.timedelta(days=period.days)
    except CalendarError:
        raise
    except (OverflowError, ValueError) as exc:
        raise CalendarError(
            f"{start.isoformat()} + {period} is outside the representable dates"
        ) from exc


def _add_days(start: dt.date, days: int) -> dt.date:
    try:
        return start + dt.timedelta(days=days)
    except OverflowError as exc:
        raise CalendarError(
            f"{start.isoformat()} + {days} days is outside the representable dates"
        ) from exc


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise CalendarError(f"{attribute.name} must be 1 or more, got {value}")
    unit = "months" if type(instance).__name__ == "FirstDayOfMonthFollowing" else "n"
    _at_most_longest(attribute, value, unit)


@final
@attrs.frozen
class Upon:
    """The same day as the triggering date ("upon deposit", "on signature").

    Examples:
        >>> import datetime as dt
        >>> Upon().apply(dt.date(2025, 6, 27))
        datetime.date(2025, 6, 27)
    """

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return start

    def describe(self) -> str:
        """The rule in words."""
        return "on the same day"


@final
@attrs.frozen
class NthDayAfter:
    """ "On the Nth day after" (also "N days after"): the trigger plus N days.

    The triggering day is day 0, so the 30th day after June 1 is July 1.

    Examples:
        >>> import datetime as dt
        >>> NthDayAfter(30).apply(dt.date(2025, 6, 1))
        datetime.date(2025, 7, 1)
    """

    n: int = attrs.field(validator=_positive)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return _add_days(start, self.n)

    def describe(self) -> str:
        """The rule in words."""
        return f"on the {_ordinal(self.n)} day after"


@final
@attrs.frozen
class AfterClearDays:
    """ "After N clear days": neither the triggering day nor the last day counts.

    N whole days must pass between the trigger and the effect, so the effect
    falls on the trigger plus N + 1 days.

    Examples:
        >>> import datetime as dt
        >>> AfterClearDays(3).apply(dt.date(2025, 6, 1))
        datetime.date(2025, 6, 5)
    """

    n: int = attrs.field(validator=_positive)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return _add_days(start, self.n + 1)

    def describe(self) -> str:
        """The rule in words."""
        return f"after {self.n} clear days"


@final
@attrs.frozen
class FirstDayOfMonthFollowing:
    """ "The first day of the Nth month following" the month of the trigger.

    Examples:
        >>> import datetime as dt
        >>> FirstDayOfMonthFollowing(3).apply(dt.date(2025, 11, 30))
        datetime.date(2026, 2, 1)
    """

    n: int = attrs.field(validator=_positive)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        first = start.replace(day=1)
        return add_period(first, Period(months=self.n))

    def describe(self) -> str:
        """The rule in words."""
        if self.n == 1:
            return "on the first day of the month following"
        return f"on the first day of the {_ordinal(self.n)} month following"


@final
@attrs.frozen
class AfterPeriod:
    """The trigger plus a calendar period ("one year after"), with a rounding policy.

    Examples:
        >>> import datetime as dt
        >>> AfterPeriod(Period(months=1), rounding=Rounding.DOWN).apply(dt.date(2024, 1, 31))
        datetime.date(2024, 2, 29)
    """

    period: Period
    rounding: Rounding = attrs.field(default=Rounding.STRICT, kw_only=True)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return add_period(start, self.period, rounding=self.rounding)

    def describe(self) -> str:
        """The rule in words."""
        return f"{self.period.describe()} after"


@final
@attrs.frozen
class FixedDate:
    """A fixed calendar date, or the trigger itself if that comes later.

    A clause such as "enters into force on 1 January 2026" cannot take effect
    before the facts that trigger it, so the rule never gives a date earlier
    than its trigger.

    Examples:
        >>> import datetime as dt
        >>> FixedDate(dt.date(2026, 1, 1)).apply(dt.date(2025, 6, 1))
        datetime.date(2026, 1, 1)
    """

    on: dt.date

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return max(self.on, start)

    def describe(self) -> str:
        """The rule in words."""
        return f"on {self.on.isoformat()} (or upon, if later)"


def _at_least_one_rule(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise CalendarError(f"{type(instance).__name__} needs at least one rule")


@final
@attrs.frozen
class Earliest:
    """The earliest of the dates given by several rules ("whichever is earlier")."""

    rules: tuple[DayCount, ...] = attrs.field(converter=tuple, validator=_at_least_one_rule)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return min(rule.apply(start) for rule in self.rules)

    def describe(self) -> str:
        """The rule in words."""
        return "the earliest of: " + "; ".join(r.describe() for r in self.rules)


@final
@attrs.frozen
class Latest:
    """The latest of the dates given by several rules ("whichever is later")."""

    rules: tuple[DayCount, ...] = attrs.field(converter=tuple, validator=_at_least_one_rule)

    def apply(self, start: dt.date) -> dt.date:
        """The date this rule gives for a triggering date ``start``."""
        return max(rule.apply(start) for rule in self.rules)

    def describe(self) -> str:
        """The rule in words."""
        return "the latest of: " + "; ".join(r.describe() for r in self.rules)


DayCount: TypeAlias = (
    Upon
    | NthDayAfter
    | AfterClearDays
    | FirstDayOfMonthFollowing
    | AfterPeriod
    | FixedDate
    | Earliest
    | Latest
)
"""A named rule that turns a triggering date into an effective date.

Every rule gives a date on or after its trigger, and a later trigger never gives
an earlier date, which keeps evaluation causal.
"""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DAY_COUNT_TYPES: tuple[type, ...] = (
    Upon,
    NthDayAfter,
    AfterClearDays,
    FirstDayOfMonthFollowing,
    AfterPeriod,
    FixedDate,
    Earliest,
    Latest,
)
