"""Status intervals: an item's status over a run of days, its whole history, changes, differences."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any, Generic, TypeVar, final

import attrs

from .results import (
    AgreementStatus,
    Alternative,
    Citation,
    CommitmentStatus,
    Deontic,
    Explanation,
    PartyStatus,
    listing,
)

__all__ = ["Change", "Difference", "StatusHistory", "StatusInterval"]

S = TypeVar("S", AgreementStatus, CommitmentStatus, PartyStatus)

#: The day asked about when nothing an item reads ever changes: any day gives the same answer.
_ANY_DAY = dt.date(2000, 1, 1)
_ONE_DAY = dt.timedelta(days=1)


def subject_words(kind: str, agreement: str, subject: str) -> str:
    """What a change is about, in words: an agreement's or a commitment's id, or, for a
    party, ``'london-2025 for USA'``."""
    return f"{agreement} for {subject}" if kind == "party" else subject


def unchanged_words(before: StatusInterval[Any], after: StatusInterval[Any]) -> str:
    """What tells apart two intervals of the same status and reason, in words: the events
    newly cited (``'newly citing a, b'``), else those no longer cited, else that the
    explanation changed."""
    was = [c.event for c in before.citations()]
    now = [c.event for c in after.citations()]
    known, kept = set(was), set(now)
    added = [e for e in now if e not in known]
    if added:
        return f"newly citing {_some(added)}"
    gone = [e for e in was if e not in kept]
    if gone:
        return f"no longer citing {_some(gone)}"
    return "its explanation changed"


def _some(ids: list[str]) -> str:
    """At most three ids, then how many more."""
    return ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")


def _value(member: Enum) -> str:
    return str(member.value)


def _when(day: dt.date | None) -> str:
    return "the beginning" if day is None else day.isoformat()


@final
@attrs.frozen(kw_only=True)
class StatusInterval(Generic[S]):
    """A run of days with one status, and why: from ``start`` up to the day before ``end``.

    ``start`` of ``None`` means since the beginning of time; ``end`` of ``None``
    means for ever. ``rule`` names the rule that decided, ``reason`` says why in
    words, ``since`` is the day the status itself dates from (which may be
    before ``start`` when only the reason changed). ``explanation`` is the tree
    of conditions and facts the decision rests on, ``missing`` what the item
    still waits for. A commitment's intervals also say whether it is honoured
    (``deontic``).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> london = History(example_dataset()).agreement("london-2025")
        >>> last = london.intervals[-1]
        >>> last.status.value, last.start, last.end
        ('in_force', datetime.date(2025, 6, 27), None)
        >>> [c.event for c in last.citations()]
        ['2025-06-11-deal-done-claim-usa', '2025-06-25-us-approval', '2025-06-11-deal-done-claim-chn', '2025-06-27-cn-approval']
    """

    start: dt.date | None
    end: dt.date | None
    status: S
    rule: str
    reason: str
    since: dt.date | None = None
    explanation: Explanation
    missing: tuple[Alternative, ...] = ()
    deontic: Deontic | None = None
    """For a commitment: whether it is honoured on those days (``None`` otherwise)."""
    due: dt.date | None = None
    """For a commitment with a deadline: the last day to perform it (``None`` otherwise)."""

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the interval."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def citations(self) -> tuple[Citation, ...]:
        """The events the decision relies on, each once, in the order the explanation cites them."""
        seen: dict[str, Citation] = {}
        for node in self.explanation.walk():
            for citation in node.citations:
                seen.setdefault(citation.event, citation)
        return tuple(seen.values())

    def describe(self) -> str:
        """The interval in words: ``'2025-06-27 onwards: in_force (rule in-force: ...)'``.

        A commitment's interval also says whether it is honoured: ``'active, pending'``.
        """
        if self.end is None:
            span = f"{_when(self.start)} onwards"
        else:
            span = f"{_when(self.start)} to {(self.end - _ONE_DAY).isoformat()}"
        status = self.status.value
        if self.deontic is not None:
            status += f", {self.deontic.value}"
        return f"{span}: {status} (rule {self.rule}: {self.reason})"

    def __repr__(self) -> str:
        return f"StatusInterval({self.describe()})"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class StatusHistory(Generic[S]):
    """The status of one agreement, party or commitment over all time, as intervals.

    ``kind`` is ``"agreement"``, ``"party"`` or ``"commitment"``; ``agreement``
    the agreement it belongs to; ``subject`` its own id (the agreement's, the
    party's or the commitment's). The intervals cover every day, in order,
    without gaps.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> rollback = History(example_dataset()).commitment(
        ...     "london-2025/us-rollback-export-restrictions")
        >>> [(i.status.value, i.start) for i in rollback.intervals]
        [('conditional', None), ('active', datetime.date(2025, 6, 27)), ('performed', datetime.date(2025, 7, 2))]
        >>> rollback.at(dt.date(2025, 6, 30)).status.value
        'active'
    """

    kind: str
    agreement: str
    subject: str
    intervals: tuple[StatusInterval[S], ...]
    _starts: tuple[dt.date, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_starts", tuple(i.start for i in self.intervals[1:] if i.start is not None)
        )

    def at(self, day: dt.date) -> StatusInterval[S]:
        """The interval that contains ``day``."""
        return self.intervals[bisect.bisect_right(self._starts, day)]

    def status_at(self, day: dt.date) -> S:
        """The status on ``day``."""
        return self.at(day).status

    def within(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> tuple[StatusInterval[S], ...]:
        """The intervals that share at least one day with ``start`` to ``end`` (both included).

        ``None`` leaves that side open.
        """
        first = 0 if start is None else bisect.bisect_right(self._starts, start)
        last = len(self.intervals) - 1 if end is None else bisect.bisect_right(self._starts, end)
        return self.intervals[first : last + 1]

    def changes(self) -> tuple[tuple[StatusInterval[S], StatusInterval[S]], ...]:
        """Each pair of consecutive intervals: what held before a change and after it."""
        return tuple(zip(self.intervals, self.intervals[1:], strict=False))

    def __repr__(self) -> str:
        runs = listing(
            i.status.value + ("" if i.start is None else f" from {i.start.isoformat()}")
            for i in self.intervals
        )
        what = self.subject if self.kind != "party" else f"{self.subject} under {self.agreement}"
        return f"StatusHistory({self.kind} {what}: {runs})"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class Change:
    """A change on one day to the status (or the reason for it) of an agreement, party or commitment.

    ``before`` held until the day before ``day``, ``after`` holds from ``day``.
    """

    day: dt.date
    kind: str
    agreement: str
    subject: str
    before: StatusInterval[Any]
    after: StatusInterval[Any]

    @property
    def status_changed(self) -> bool:
        """Whether the status itself changed (not only the reason or what is cited): for
        a commitment, its status or whether it is honoured (``deontic``)."""
        return (
            self.before.status is not self.after.status
            or self.before.deontic is not self.after.deontic
        )

    def citations(self) -> tuple[Citation, ...]:
        """The events cited after the change that were not cited before it."""
        before = {c.event for c in self.before.citations()}
        return tuple(c for c in self.after.citations() if c.event not in before)

    def describe(self) -> str:
        """The change in words: the status before and after with the rule and reason,
        ``'still ...'`` and the new reason when only the reason changed, or the events
        newly cited (or no longer cited) when only they did.

        Examples:
            >>> import datetime as dt
            >>> from tradeaccord import History, example_dataset
            >>> history = History(example_dataset())
            >>> for change in history.changes(
            ...     dt.date(2025, 6, 10), dt.date(2025, 6, 25), agreements=["london-2025"]
            ... )[:2]:
            ...     print(change.describe())
            2025-06-11 london-2025: still awaiting_entry_into_force, newly citing 2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn
            2025-06-25 london-2025: still awaiting_entry_into_force, now concluded, not yet in force; waiting for approval of london-2025 by CHN
        """
        what, move = self._wording(_value)
        line = f"{self.day.isoformat()} {what}: {move}"
        if self.before.status is self.after.status and self.status_changed:
            return line
        if self.status_changed:
            return f"{line} (rule {self.after.rule}: {self.after.reason})"
        if self.after.reason == self.before.reason:
            return f"{line}, {unchanged_words(self.before, self.after)}"
        return f"{line}, now {self.after.reason}"

    def _wording(self, name: Callable[[Enum], str]) -> tuple[str, str]:
        """What changed, and how: ``a -> b``, ``still a`` or ``still a, x -> y`` (whether
        a commitment is honoured), each status (and honouring) named by ``name``."""
        what = subject_words(self.kind, self.agreement, self.subject)
        before, after = self.before, self.after
        if before.status is after.status and self.status_changed:
            assert before.deontic is not None and after.deontic is not None
            due = f", due {after.due.isoformat()}" if after.due is not None else ""
            move = f"still {name(after.status)}, {name(before.deontic)} -> {name(after.deontic)}"
            return what, move + due
        if self.status_changed:
            return what, f"{name(before.status)} -> {name(after.status)}"
        return what, f"still {name(after.status)}"

    def __repr__(self) -> str:
        what = subject_words(self.kind, self.agreement, self.subject)
        return (
            f"Change({self.day.isoformat()} {self.kind} {what}: "
            f"{self.before.status.value} -> {self.after.status.value})"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class Difference:
    """A run of days on which two histories disagree about one agreement, party or commitment.

    From ``start`` up to the day before ``end`` (``None``: open), ``base`` is what the
    first history says and ``other`` what the second says.
    """

    kind: str
    agreement: str
    subject: str
    start: dt.date | None
    end: dt.date | None
    base: StatusInterval[Any]
    other: StatusInterval[Any]

    @property
    def status_differs(self) -> bool:
        """Whether the status itself differs (not only the rule or the reason)."""
        return self.base.status is not self.other.status

    def describe(self) -> str:
        """The difference in words."""
        what = self.subject if self.kind != "party" else f"{self.agreement} for {self.subject}"
        if self.end is None:
            span = f"{_when(self.start)} onwards"
        else:
            span = f"{_when(self.start)} to {(self.end - _ONE_DAY).isoformat()}"
        return (
            f"{what}, {span}: {self.base.status.value} ({self.base.reason}) "
            f"-> {self.other.status.value} ({self.other.reason})"
        )


def _differences(mine: StatusHistory[Any], theirs: StatusHistory[Any]) -> Iterator[Difference]:
    """The runs of days on which two status histories of one item say different things."""
    days = sorted(
        {i.start for i in mine.intervals if i.start is not None}
        | {i.start for i in theirs.intervals if i.start is not None}
    )
    starts: list[dt.date | None] = [None, *days]
    ends: list[dt.date | None] = [*days, None]
    current: Difference | None = None
    for start, end in zip(starts, ends, strict=True):
        day = start if start is not None else (days[0] - _ONE_DAY if days else _ANY_DAY)
        a, b = mine.at(day), theirs.at(day)
        same = (a.status, a.rule, a.reason) == (b.status, b.rule, b.reason)
        if current is not None and (same or (current.base, current.other) != (a, b)):
            yield current
            current = None
        if same:
            continue
        if current is None:
            current = Difference(
                kind=mine.kind,
                agreement=mine.agreement,
                subject=mine.subject,
                start=start,
                end=end,
                base=a,
                other=b,
            )
        else:
            current = attrs.evolve(current, end=end)
    if current is not None:
        yield current
