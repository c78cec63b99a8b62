"""Calendar arithmetic: periods, month-end rounding and the day-count rules."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import (
    AfterClearDays,
    AfterPeriod,
    DayCount,
    Earliest,
    FirstDayOfMonthFollowing,
    FixedDate,
    Latest,
    NthDayAfter,
    Period,
    Rounding,
    Upon,
    add_period,
)
from tradeaccord.errors import CalendarError
from tradeaccord.testing import dates, day_counts, periods

D = dt.date
ONE_DAY = dt.timedelta(days=1)
#: Several years, leap and not, so that month ends and February 29 come up.
wide_dates = dates(min_value=D(2023, 1, 1), max_value=D(2029, 12, 31))
month_ends = wide_dates.map(lambda d: d.replace(day=calendar.monthrange(d.year, d.month)[1]))
some_dates = st.one_of(wide_dates, month_ends)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has."""
    return calendar.monthrange(year, month)[1]


def landing_month(start: dt.date, period: Period) -> tuple[int, int]:
    """The (year, month) that adding the years and months of ``period`` to ``start`` lands in."""
    index = start.year * 12 + start.month - 1 + period.years * 12 + period.months
    return index // 12, index % 12 + 1


# ---------------------------------------------------------------- month ends


@pytest.mark.parametrize(
    ("start", "period", "down", "up"),
    [
        (D(2025, 1, 31), Period(months=1), D(2025, 2, 28), D(2025, 3, 1)),
        (D(2025, 1, 30), Period(months=1), D(2025, 2, 28), D(2025, 3, 1)),
        (D(2024, 1, 31), Period(months=1), D(2024, 2, 29), D(2024, 3, 1)),
        (D(2024, 2, 29), Period(years=1), D(2025, 2, 28), D(2025, 3, 1)),
        (D(2025, 3, 31), Period(months=1), D(2025, 4, 30), D(2025, 5, 1)),
        (D(2025, 8, 31), Period(months=1, days=1), D(2025, 10, 1), D(2025, 10, 2)),
        (D(2024, 12, 31), Period(months=2), D(2025, 2, 28), D(2025, 3, 1)),
    ],
)
def test_month_end_rounding(start: dt.date, period: Period, down: dt.date, up: dt.date) -> None:
    """A missing day rounds down to the month's last day or up to the next month's first."""
    assert add_period(start, period, rounding=Rounding.DOWN) == down
    assert add_period(start, period, rounding=Rounding.UP) == up
    with pytest.raises(CalendarError, match=r"Rounding\.DOWN or Rounding\.UP"):
        add_period(start, period, rounding=Rounding.STRICT)


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        (D(2024, 2, 29), Period(years=4), D(2028, 2, 29)),
        (D(2025, 1, 28), Period(months=1), D(2025, 2, 28)),
        (D(2025, 1, 31), Period(days=31), D(2025, 3, 3)),
        (D(2025, 12, 15), Period(months=1), D(2026, 1, 15)),
        (D(2025, 5, 14), Period(days=90), D(2025, 8, 12)),
    ],
)
def test_existing_days_need_no_rounding(start: dt.date, period: Period, expected: dt.date) -> None:
    """When the day exists (or only days are added) every rounding gives the same date."""
    for rounding in Rounding:
        assert add_period(start, period, rounding=rounding) == expected


@given(some_dates, periods(max_years=2, max_months=14, max_days=40))
def test_strict_raises_exactly_when_the_day_is_missing(start: dt.date, period: Period) -> None:
    """STRICT raises CalendarError when the landing month lacks the day, else equals DOWN."""
    year, month = landing_month(start, period)
    missing = start.day > days_in_month(year, month)
    if missing:
        with pytest.raises(CalendarError):
            add_period(start, period, rounding=Rounding.STRICT)
    else:
        assert add_period(start, period, rounding=Rounding.STRICT) == add_period(
            start, period, rounding=Rounding.DOWN
        )


@given(some_dates, periods(max_years=2, max_months=14, max_days=40))
def test_down_and_up_land_in_or_just_after_the_month(start: dt.date, period: Period) -> None:
    """DOWN keeps the day or takes the month's last; UP is DOWN plus one day when rounding."""
    year, month = landing_month(start, period)
    last = days_in_month(year, month)
    down = add_period(start, period, rounding=Rounding.DOWN)
    up = add_period(start, period, rounding=Rounding.UP)
    months_only = D(year, month, min(start.day, last))
    assert down == months_only + period.days * ONE_DAY
    assert up == down + (ONE_DAY if start.day > last else dt.timedelta(0))


@given(some_dates, st.integers(0, 1000), st.sampled_from(Rounding))
def test_adding_days_is_plain_day_arithmetic(start: dt.date, days: int, rounding: Rounding) -> None:
    """A period of days only is added day by day, whatever the rounding."""
    assert add_period(start, Period(days=days), rounding=rounding) == start + days * ONE_DAY


def test_outside_the_representable_dates_is_a_calendar_error() -> None:
    """Going past year 9999 raises CalendarError, not OverflowError."""
    with pytest.raises(CalendarError, match="representable"):
        add_period(D(9999, 12, 1), Period(months=1))
    with pytest.raises(CalendarError, match="representable"):
        NthDayAfter(2).apply(D(9999, 12, 31))


# --------------------------------------------------------------- periods


@given(periods(max_years=100, max_months=40, max_days=1000))
def test_period_text_round_trips(period: Period) -> None:
    """Period.parse(str(p)) == p, and str(p) is the ISO 8601 form."""
    text = str(period)
    assert text.startswith("P")
    assert Period.parse(text) == period


@given(st.integers(0, 50), st.integers(0, 6))
def test_weeks_are_read_as_seven_days(weeks: int, days: int) -> None:
    """P<w>W<d>D is read as 7w + d days and written back in days."""
    period = Period.parse(f"P{weeks}W{days}D")
    assert period == Period(days=7 * weeks + days)
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("P0D", Period()),
        ("P90D", Period(days=90)),
        ("P1Y6M", Period(years=1, months=6)),
        ("P1Y2M3D", Period(years=1, months=2, days=3)),
        ("P2W", Period(days=14)),
    ],
)
def test_period_parse_examples(text: str, period: Period) -> None:
    """ISO 8601 durations of years, months, weeks and days parse to the expected period."""
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["", "P", "90D", "P1", "PT1H", "P1D1M", "P1M1M", "P-1D", "P1.5D"])
def test_period_parse_rejects_other_text(text: str) -> None:
    """Anything but years, months, weeks and days in order raises CalendarError."""
    with pytest.raises(CalendarError):
        Period.parse(text)


# --------------------------------------------------------- day-count rules


@pytest.mark.parametrize(
    ("rule", "trigger", "effective"),
    [
        (Upon(), D(2025, 6, 27), D(2025, 6, 27)),
        (NthDayAfter(30), D(2025, 6, 1), D(2025, 7, 1)),
        (NthDayAfter(30), D(2025, 1, 31), D(2025, 3, 2)),
        (NthDayAfter(1), D(2025, 12, 31), D(2026, 1, 1)),
        (AfterClearDays(3), D(2025, 6, 1), D(2025, 6, 5)),
        (AfterClearDays(1), D(2025, 2, 28), D(2025, 3, 2)),
        (FirstDayOfMonthFollowing(3), D(2025, 11, 30), D(2026, 2, 1)),
        (FirstDayOfMonthFollowing(3), D(2025, 11, 1), D(2026, 2, 1)),
        (FirstDayOfMonthFollowing(1), D(2025, 1, 31), D(2025, 2, 1)),
        (FirstDayOfMonthFollowing(1), D(2025, 1, 1), D(2025, 2, 1)),
        (FixedDate(D(2026, 1, 1)), D(2025, 6, 1), D(2026, 1, 1)),
        (FixedDate(D(2026, 1, 1)), D(2026, 3, 1), D(2026, 3, 1)),
        (AfterPeriod(Period(years=1)), D(2025, 6, 27), D(2026, 6, 27)),
        (Earliest((NthDayAfter(30), FixedDate(D(2025, 6, 15)))), D(2025, 6, 1), D(2025, 6, 15)),
        (Latest((NthDayAfter(30), FixedDate(D(2025, 6, 15)))), D(2025, 6, 1), D(2025, 7, 1)),
    ],
)
def test_day_count_examples(rule: DayCount, trigger: dt.date, effective: dt.date) -> None:
    """Each rule counts days exactly as its clause reads (no off-by-one)."""
    assert rule.apply(trigger) == effective


@given(some_dates, st.integers(1, 400))
def test_day_counts_count_from_day_zero(trigger: dt.date, n: int) -> None:
    """The Nth day after is N days on; after N clear days is N + 1 days on."""
    assert NthDayAfter(n).apply(trigger) - trigger == dt.timedelta(days=n)
    assert AfterClearDays(n).apply(trigger) - trigger == dt.timedelta(days=n + 1)
    assert Upon().apply(trigger) == trigger


@given(some_dates, st.integers(1, 30))
def test_first_day_of_month_following(trigger: dt.date, n: int) -> None:
    """The first day of the Nth month following is a first, exactly N months on."""
    effective = FirstDayOfMonthFollowing(n).apply(trigger)
    assert effective.day == 1
    months = (effective.year - trigger.year) * 12 + effective.month - trigger.month
    assert months == n


@given(day_counts(), some_dates, some_dates)
def test_day_count_rules_are_monotone_and_never_go_back(
    rule: DayCount, first: dt.date, second: dt.date
) -> None:
    """A rule never gives a date before its trigger, nor an earlier date for a later trigger."""
    early, late = sorted((first, second))
    assert rule.apply(early) >= early
    assert rule.apply(late) >= late
    assert rule.apply(early) <= rule.apply(late)


@given(day_counts(), some_dates)
def test_generated_rules_never_raise(rule: DayCount, trigger: dt.date) -> None:
    """The rules the testing strategies generate apply to any date without raising."""
    assert isinstance(rule.apply(trigger), dt.date)
    assert rule.describe()
