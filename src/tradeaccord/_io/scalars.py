"""Reading and writing the values inside objects: text, dates, periods, enumerations,
whole and exact numbers.

A reading hook turns what a file holds into the value a model field takes, or raises
[`ReadError`][tradeaccord._io.scalars.ReadError] saying what was expected and what
was found. It parses; it does not repeat the model's checks: text is passed to the
model as it is, and the model's validators check it (once).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, Final

from .._calendar import Period
from .._conditions import format_number
from ..errors import TradeAccordError

__all__ = [
    "NULL",
    "ReadError",
    "boolean",
    "date",
    "describe",
    "enum_reader",
    "guess",
    "number",
    "period",
    "shown",
    "text",
    "whole",
]


class ReadError(TradeAccordError, ValueError):
    """A value that cannot be read: what was expected, and what was found.

    It is raised by the reading hooks of a converter, and reported as a problem at the
    place of the value (cattrs records the place in notes).
    """

    code = "input"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NULL: Final = "null is not a value here: leave the key out instead"


def describe(value: Any) -> str:
    """What ``value`` is, in words: ``"text 'x'"``, ``"a list"``, ``"boolean true"``..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, dt.datetime):
        return f"date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"


def shown(value: Any) -> str:
    """A value as it is quoted in a message: ``'x'``, ``12``, or described."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return repr(value)
    return describe(value)


def guess(word: Any, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when ``word`` looks like a misspelling of one of ``known``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def text(value: Any, _: Any = None) -> Any:
    """Text, or an id: passed to the model as it is (its validators check it)."""
    if value is None:
        raise ReadError(NULL)
    return value


def boolean(value: Any, _: Any = None) -> bool:
    """``true`` or ``false``."""
    if value is None:
        raise ReadError(NULL)
    if type(value) is not bool:
        raise ReadError(f"must be true or false, got {describe(value)}")
    return value


def date(value: Any, _: Any = None) -> dt.date:
    """A date: ``"YYYY-MM-DD"``, or a native date (YAML, TOML) without a time of day."""
    if type(value) is str:
        if len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ReadError(f"not a valid calendar date 'YYYY-MM-DD': {value!r}")
    if type(value) is dt.date:
        return value
    if value is None:
        raise ReadError(NULL)
    if isinstance(value, dt.datetime):
        raise ReadError(f"expected a date without a time of day, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    raise ReadError(f"expected a date 'YYYY-MM-DD', got {describe(value)}")


def period(value: Any, _: Any = None) -> Period:
    """A period: an ISO 8601 duration such as ``"P90D"``."""
    if type(value) is not str:
        if value is None:
            raise ReadError(NULL)
        raise ReadError(f"expected a period such as 'P90D' or 'P1Y6M', got {describe(value)}")
    return _period(value)


@functools.lru_cache(maxsize=256)
def _period(text: str) -> Period:
    """``Period.parse``, remembered: a file writes the same few periods many times, and a
    period is an immutable value."""
    try:
        return Period.parse(text)
    except TradeAccordError as exc:
        raise ReadError(str(exc)) from None


def whole(value: Any, _: Any = None) -> int:
    """A whole number (not a boolean, not a float, not text)."""
    if type(value) is int:
        return value
    if value is None:
        raise ReadError(NULL)
    raise ReadError(f"expected a whole number, got {describe(value)}")


def number(value: Any, _: Any = None) -> Any:
    """An exact number: passed to the model, whose converter reads ``"2/3"``, ``"55%"``,
    ``36.1``..."""
    if value is None:
        raise ReadError(NULL)
    return value


def _label(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def enum_reader(cls: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    """The reading hook of an enumeration: a member by its value."""
    members = {member.value: member for member in cls}
    known = ", ".join(members)
    label = _label(cls)

    def read(value: Any, _: Any = None) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            if value is None:
                raise ReadError(NULL) from None
            raise ReadError(
                f"unknown {label} {shown(value)}{guess(value, members)} (known: {known})"
            ) from None

    return read


# Writing ----------------------------------------------------------------------------------


def date_text(value: dt.date) -> str:
    """A date as ``"YYYY-MM-DD"``."""
    return value.isoformat()


def number_text(value: Fraction) -> str:
    """An exact number as a string: ``"2/3"``, ``"36.1"``, ``"5"``."""
    return format_number(value)
