"""Statuses as step functions: the rules asked on the days that matter, answers made intervals."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .._model import Agreement
from .._truth import Truth
from .intervals import _ANY_DAY, _ONE_DAY, StatusHistory, StatusInterval
from .report import IN_FORCE_BY_STATUS, Verdict
from .results import (
    AgreementStatus,
    Citation,
    CommitmentReport,
    CommitmentStatus,
    Explanation,
    PartyReport,
    PartyStatus,
)
from .rules import Reads

__all__ = [
    "agreement_explanation",
    "agreement_interval",
    "asked_days",
    "commitment_interval",
    "index_of",
    "make_intervals",
    "merge_steps",
    "party_interval",
    "step_function",
]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
V = TypeVar("V")


def step_function(
    evaluate: Callable[[dt.date, Reads], V], reads: Reads
) -> tuple[tuple[dt.date | None, ...], tuple[V, ...]]:
    """The answers of ``evaluate`` over all time, asked once for each run of unchanged reads.

    ``evaluate`` notes in ``reads`` the days on which what it read changes; it
    is asked again on every such day (and on the day before the first), until
    no new day turns up. Equal consecutive answers are merged.
    """
    answers: dict[dt.date, V] = {}
    while True:
        asked = asked_days(sorted(reads.days))
        todo = [day for day in asked if day not in answers]
        if not todo:
            break
        for day in todo:
            # The answer on the first day asked holds back to the beginning of time: every
            # day it depends on counts. Any other answer holds from its day on.
            reads.after = None if day == asked[0] else day
            answers[day] = evaluate(day, reads)
    return merge_steps(asked, [answers[day] for day in asked])


def asked_days(days: list[dt.date]) -> list[dt.date]:
    """The days to ask on, for answers that change only on ``days`` (in order): those, and the
    day before the first, whose answer holds back to the beginning of time."""
    if not days:
        return [_ANY_DAY]
    if days[0] > dt.date.min:
        return [days[0] - _ONE_DAY, *days]
    return days


def merge_steps(
    asked: list[dt.date], answers: list[V]
) -> tuple[tuple[dt.date | None, ...], tuple[V, ...]]:
    """The step function of the answers on the days asked: equal consecutive answers merged.

    The first answer holds back to the beginning of time (its start is ``None``).
    """
    starts: list[dt.date | None] = []
    values: list[V] = []
    for index, value in enumerate(answers):
        if values and values[-1] == value:
            continue
        starts.append(None if index == 0 else asked[index])
        values.append(value)
    return tuple(starts), tuple(values)


def make_intervals(
    starts: tuple[dt.date | None, ...],
    build: Iterable[Callable[[dt.date | None, dt.date | None], Any]],
) -> tuple[Any, ...]:
    ends = (*starts[1:], None)
    return tuple(make(start, end) for make, start, end in zip(build, starts, ends, strict=True))


def agreement_explanation(agreement_id: str, verdict: Verdict) -> Explanation:
    """The root of an agreement's explanation: its status, rule and reason over the finding's tree."""
    rule, finding = verdict
    return Explanation(
        label=f"{agreement_id}: {finding.status.value} (rule {rule}: {finding.reason})",
        value=IN_FORCE_BY_STATUS.get(finding.status, F),
        since=finding.since,
        children=finding.explanation,
    )


_PARTY_RULES = {
    PartyStatus.BOUND: "bound",
    PartyStatus.PENDING: "pending",
    PartyStatus.NOT_BOUND: "not-bound",
    PartyStatus.WITHDRAWN: "withdrawn",
    PartyStatus.UNDETERMINED: "party-undetermined",
}


def _party_reason(report: PartyReport, agreement: Agreement, per_party: bool) -> str:
    if report.status is PartyStatus.BOUND:
        return f"bound since {report.since}" if report.since is not None else "bound"
    if report.status is PartyStatus.PENDING:
        return f"bound from {report.entry_into_force} on the facts recorded so far"
    if report.status is PartyStatus.WITHDRAWN:
        return f"its withdrawal took effect on {report.withdrawal_effective}"
    if report.status is PartyStatus.UNDETERMINED:
        return "the recorded facts do not settle whether it is bound"
    if per_party and report.instrument_on is None:
        return "no instrument of its own recorded"
    if not per_party and report.party not in agreement.parties:
        return f"not a party to {agreement.id}"
    return f"{agreement.id} is not in force for it"


def index_of(history: StatusHistory[Any], day: dt.date) -> int:
    return bisect.bisect_right(history._starts, day)


def agreement_interval(
    agreement_id: str, verdict: Verdict
) -> Callable[[dt.date | None, dt.date | None], StatusInterval[AgreementStatus]]:
    rule, finding = verdict
    return lambda start, end: StatusInterval(
        start=start,
        end=end,
        status=finding.status,
        rule=rule,
        reason=finding.reason,
        since=finding.since,
        explanation=agreement_explanation(agreement_id, verdict),
        missing=finding.missing,
    )


def commitment_interval(
    report: CommitmentReport,
) -> Callable[[dt.date | None, dt.date | None], StatusInterval[CommitmentStatus]]:
    return lambda start, end: StatusInterval(
        start=start,
        end=end,
        status=report.status,
        rule=report.rule,
        reason=report.reason,
        since=report.since,
        explanation=report.explanation,
        missing=report.missing,
        deontic=report.deontic,
        due=report.due,
    )


def party_interval(
    agreement: Agreement, report: PartyReport, cited: tuple[Citation, ...]
) -> Callable[[dt.date | None, dt.date | None], StatusInterval[PartyStatus]]:
    rule = _PARTY_RULES[report.status]
    clause = agreement.entry_into_force
    reason = _party_reason(report, agreement, clause is not None and clause.per_party is not None)
    explanation = Explanation(
        label=f"{report.party} under {agreement.id}: {report.status.value} (rule {rule}: {reason})",
        value=report.bound,
        since=report.since,
        citations=cited,
    )
    return lambda start, end: StatusInterval(
        start=start,
        end=end,
        status=report.status,
        rule=rule,
        reason=reason,
        since=report.since,
        explanation=explanation,
    )
