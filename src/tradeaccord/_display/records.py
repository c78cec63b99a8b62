"""Plain records (one ``dict`` per row) and pandas data frames of results.

[`to_records`][tradeaccord.to_records] turns reports, histories, intervals,
changes, progress and any other attrs value of the library into rows of plain
values: text, numbers, booleans, ``datetime.date`` and ``None``. Types with a
meaning of their own have a row layout registered here; any other attrs value
(one added later, say) gets one column per field, each made plain by the same
rules, so that a new value type is tabulated without new code.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs

from .._engine.history import History
from .._engine.intervals import Change, StatusHistory, StatusInterval
from .._engine.results import (
    AgreementReport,
    Alternative,
    Citation,
    CommitmentReport,
    Explanation,
    PartyReport,
    Progress,
    Report,
    describe_missing,
)
from ..errors import ModelTypeError
from .extras import require
from .palette import is_unknown

__all__ = [
    "Record",
    "history_records",
    "report_records",
    "rows",
    "to_frame",
    "to_records",
]

Record = dict[str, Any]
"""One row: column name to a plain value."""

_FOREVER_BEFORE = dt.date.min
_FOREVER_AFTER = dt.date.max


def plain(value: object) -> object:
    """``value`` as a plain cell: enums by value, exact numbers as numbers, lists joined.

    Dates, text, numbers, booleans and ``None`` stay as they are; a tuple of
    alternatives becomes what is missing in words; a tuple of citations the
    event ids; any other tuple its items joined by ``", "``; a value with a
    ``describe()`` method its description.
    """
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset | set):
        items = list(value)
        if items and all(isinstance(i, Alternative) for i in items):
            return "; ".join(describe_missing(tuple(items)))
        if items and all(isinstance(i, Citation) for i in items):
            return ", ".join(i.event for i in items)
        return ", ".join(str(plain(i)) for i in items)
    if isinstance(value, Explanation):
        return value.label
    describe = getattr(value, "describe", None)
    if callable(describe):
        return str(describe())
    return str(value)


def fields_record(value: Any) -> Record:
    """One column per public attrs field of ``value``, each made plain."""
    return {
        f.name: plain(getattr(value, f.name))
        for f in attrs.fields(type(value))
        if not f.name.startswith("_") and f.init is not False
    }


@functools.singledispatch
def rows(value: object) -> Iterator[Record]:
    """The rows of ``value``: its registered layout, its fields, or the rows of each item."""
    if attrs.has(type(value)):
        yield fields_record(value)
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        for item in value:
            yield from rows(item)
    else:
        raise ModelTypeError(
            f"cannot tabulate a {type(value).__name__}: give a report, a history, "
            "intervals, changes, progress or another value of tradeaccord"
        )


def to_records(value: object, /) -> list[Record]:
    """Plain records (one ``dict`` per row) of reports, histories, changes, progress...

    The values are plain: text, numbers, booleans, ``datetime.date`` and
    ``None`` (statuses by their value, what is missing in words, cited events
    by id), so the rows can go to ``csv``, JSON or a data frame as they are.

    | value | one row per |
    |---|---|
    | [`Report`][tradeaccord.Report] | agreement, party and commitment (as [`Report.to_records`][tradeaccord.Report.to_records]) |
    | [`AgreementReport`][tradeaccord.AgreementReport] | the agreement, its parties and its commitments |
    | [`CommitmentReport`][tradeaccord.CommitmentReport], [`PartyReport`][tradeaccord.PartyReport] | the item |
    | [`History`][tradeaccord.History], [`StatusHistory`][tradeaccord.StatusHistory] | status interval |
    | [`StatusInterval`][tradeaccord.StatusInterval], [`Change`][tradeaccord.Change], [`Progress`][tradeaccord.Progress] | the value |
    | a list or tuple of these (e.g. ``history.changes(...)``) | the rows of each |
    | any other attrs value of tradeaccord | the value: one column per field |

    Args:
        value: what to tabulate.

    Raises:
        ModelTypeError: ``value`` is not something tradeaccord can tabulate.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> history = ta.History(ta.example_dataset())
        >>> changes = history.changes(dt.date(2025, 6, 26), dt.date(2025, 6, 27))
        >>> row = ta.to_records(changes)[0]
        >>> row["day"], row["subject"], row["before"], row["after"]
        (datetime.date(2025, 6, 27), 'london-2025', 'awaiting_entry_into_force', 'in_force')
    """
    return list(rows(value))


def to_frame(value: object, /) -> Any:
    """A pandas ``DataFrame`` of [`to_records(value)`][tradeaccord.to_records].

    Columns of days become ``datetime64`` columns (an open end is ``NaT``).
    Needs the ``pandas`` extra: ``pip install 'tradeaccord[pandas]'``.

    Raises:
        MissingDependencyError: pandas is not installed.
        ModelTypeError: ``value`` is not something tradeaccord can tabulate.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
        >>> frame = ta.to_frame(report)
        >>> frame.loc[frame["subject"] == "london-2025", ["status", "since"]].to_dict("records")
        [{'status': 'in_force', 'since': Timestamp('2025-06-27 00:00:00')}]
    """
    return frame_of(to_records(value))


def frame_of(records: list[Record]) -> Any:
    """A data frame of ``records``, columns of days as ``datetime64``."""
    pandas = require("pandas", feature="data frames", extra="pandas")
    frame = pandas.DataFrame.from_records(records)
    for column in frame.columns:
        values = [v for v in frame[column] if v is not None]
        if values and all(isinstance(v, dt.date) for v in values):
            frame[column] = pandas.to_datetime(frame[column])
    return frame


# Reports --------------------------------------------------------------------------


def _agreement_rows(report: AgreementReport, as_of: dt.date | None) -> Iterator[Record]:
    base = {"as_of": as_of} if as_of is not None else {}
    yield {
        **base,
        "kind": "agreement",
        "agreement": report.id,
        "subject": report.id,
        "status": report.status.value,
        "since": report.explanation.since,
        "in_force": report.in_force.value,
        "rule": report.rule,
        "reason": report.reason,
        "missing": plain(report.missing),
        "deontic": None,
        "due": None,
        "performed_on": None,
        "entry_into_force": report.entered_into_force or report.scheduled_entry_into_force,
    }
    for party in report.parties:
        yield {**base, **_party_row(report.id, party)}
    for commitment in report.commitments:
        yield {**base, **_commitment_row(report.id, commitment)}


def _party_row(agreement: str, party: PartyReport) -> Record:
    return {
        "kind": "party",
        "agreement": agreement,
        "subject": party.party,
        "status": party.status.value,
        "since": party.since,
        "in_force": party.bound.value,
        "rule": None,
        "reason": None,
        "missing": None,
        "deontic": None,
        "due": None,
        "performed_on": None,
        "entry_into_force": party.entry_into_force,
    }


def _commitment_row(agreement: str | None, commitment: CommitmentReport) -> Record:
    return {
        "kind": "commitment",
        "agreement": agreement,
        "subject": commitment.id,
        "status": commitment.status.value,
        "since": commitment.since,
        "in_force": None,
        "rule": commitment.rule,
        "reason": commitment.reason,
        "missing": plain(commitment.missing),
        "deontic": commitment.deontic.value,
        "due": commitment.due,
        "performed_on": commitment.performed_on,
        "entry_into_force": None,
    }


_TABLES = ("statuses", "progress")


def report_records(report: Report, table: str = "statuses") -> list[Record]:
    """The rows of a report: ``"statuses"`` (one per item) or ``"progress"`` (one per threshold)."""
    if table == "statuses":
        return list(rows(report))
    if table == "progress":
        return [
            {"as_of": report.as_of, "agreement": a.id, **fields_record(p)}
            for a in report.agreements
            for p in a.progress
        ]
    raise ModelTypeError(f"table must be one of {', '.join(_TABLES)}, got {table!r}")


@rows.register
def _(value: Report) -> Iterator[Record]:
    for agreement in value.agreements:
        yield from _agreement_rows(agreement, value.as_of)


@rows.register
def _(value: AgreementReport) -> Iterator[Record]:
    yield from _agreement_rows(value, None)


@rows.register
def _(value: CommitmentReport) -> Iterator[Record]:
    yield _commitment_row(None, value)


@rows.register
def _(value: PartyReport) -> Iterator[Record]:
    yield {"party": value.party, **fields_record(value)}


@rows.register
def _(value: Progress) -> Iterator[Record]:
    yield fields_record(value)


# Histories ------------------------------------------------------------------------


def _interval_row(value: StatusInterval[Any]) -> Record:
    return {
        "start": value.start,
        "end": value.end,
        "status": value.status.value,
        "rule": value.rule,
        "reason": value.reason,
        "since": value.since,
        "unknown": is_unknown(value.status, value.explanation.value),
        "missing": plain(value.missing),
        "citations": plain(value.citations()),
    }


@rows.register
def _(value: StatusInterval) -> Iterator[Record]:  # type: ignore[type-arg]
    yield _interval_row(value)


@rows.register
def _(value: StatusHistory) -> Iterator[Record]:  # type: ignore[type-arg]
    for interval in value.intervals:
        yield {
            "kind": value.kind,
            "agreement": value.agreement,
            "subject": value.subject,
            **_interval_row(interval),
        }


@rows.register
def _(value: History) -> Iterator[Record]:
    for history in value.statuses():
        yield from rows(history)


@rows.register
def _(value: Change) -> Iterator[Record]:
    yield {
        "day": value.day,
        "kind": value.kind,
        "agreement": value.agreement,
        "subject": value.subject,
        "before": value.before.status.value,
        "after": value.after.status.value,
        "status_changed": value.status_changed,
        "rule": value.after.rule,
        "reason": value.after.reason,
        "citations": plain(value.citations()),
    }


def history_records(
    history: History,
    table: str = "intervals",
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agreements: Iterable[str] | None = None,
) -> list[Record]:
    """The rows of a history: ``"intervals"`` (every status interval) or ``"changes"``."""
    if table == "intervals":
        if start is not None or end is not None:
            raise ModelTypeError("start and end select changes: give them with table='changes'")
        return [r for s in history.statuses(agreements=agreements) for r in rows(s)]
    if table == "changes":
        changes = history.changes(
            start if start is not None else _FOREVER_BEFORE,
            end if end is not None else _FOREVER_AFTER,
            agreements=agreements,
        )
        return to_records(changes)
    raise ModelTypeError(f"table must be 'intervals' or 'changes', got {table!r}")
