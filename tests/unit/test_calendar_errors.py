"""Calendar errors say what went wrong."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord.errors import CalendarError


def test_strict_rounding_names_the_missing_day() -> None:
    """Jan 31 + 1 month under STRICT says which day the month lacks and how to choose."""
    with pytest.raises(CalendarError, match="lands on day 31 of 2025-02, which has 28 days"):
        ta.add_period(dt.date(2025, 1, 31), ta.Period(months=1))


def test_out_of_range_dates_are_reported() -> None:
    """Arithmetic beyond year 9999 is a CalendarError, not an OverflowError."""
    with pytest.raises(CalendarError, match="outside the representable dates"):
        ta.add_period(dt.date(9999, 12, 1), ta.Period(months=1))
    with pytest.raises(CalendarError, match="outside the representable dates"):
        ta.NthDayAfter(30).apply(dt.date(9999, 12, 31))


@pytest.mark.parametrize("text", ["90D", "P", "PT1H", "P1D2M", "P1Y1Y", "P5"])
def test_bad_period_text(text: str) -> None:
    """Malformed ISO 8601 periods are refused with the text quoted."""
    with pytest.raises(CalendarError, match=repr(text).replace("(", r"\(")):
        ta.Period.parse(text)


def test_negative_period_is_refused() -> None:
    """Periods cannot be negative."""
    with pytest.raises(CalendarError, match="days must be zero or more, got -1"):
        ta.Period(days=-1)
