"""The values of the model: parties, groups, officials, measures, sources, events,
commitments and agreements, each a frozen attrs class whose validators check its own
invariants.

References between values are ids (strings); they are checked when a
[`Dataset`][tradeaccord.Dataset] is built (see ``checks``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, final

import attrs

from .._calendar import DAY_COUNT_TYPES, DayCount, Period, Rounding, Upon, add_period
from .._conditions import _NODE_TYPES as _CONDITION_TYPES
from .._conditions import (
    Condition,
    DateReached,
    Occurred,
    _instrument_kind,
)
from .._validators import identifier, instance_of, optional, tuple_of, unique
from .._vocabulary import (
    Action,
    AgreementKind,
    Basis,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    PartyKind,
    SourceKind,
    Stance,
)
from ..errors import ModelValueError

__all__ = [
    "Account",
    "Agreement",
    "Commitment",
    "Deadline",
    "EntryIntoForce",
    "Event",
    "Group",
    "Link",
    "Measure",
    "Member",
    "Official",
    "Party",
    "PartyEntry",
    "ProvisionalApplication",
    "Source",
    "Term",
]

_ids = tuple_of(identifier)
_date = instance_of(dt.date)
_text = instance_of(str)


def _field_tuple(validator: Any, *, default: bool = True) -> Any:
    if default:
        return attrs.field(default=(), validator=validator, kw_only=True)
    return attrs.field(validator=validator, kw_only=True)


@final
@attrs.frozen(kw_only=True)
class Party:
    """A state, customs territory, bloc or organisation that can be bound by agreements.

    Examples:
        >>> Party(id="USA", name="United States")
        Party(id='USA', name='United States', kind=<PartyKind.STATE: 'state'>)
    """

    id: str = attrs.field(validator=identifier)
    """A stable id; ISO 3166 alpha-3 where one exists (``USA``, ``CHN``)."""
    name: str = attrs.field(validator=_text)
    kind: PartyKind = attrs.field(default=PartyKind.STATE, validator=instance_of(PartyKind))


@final
@attrs.frozen(kw_only=True)
class Member:
    """A party's membership of a group, from ``joined`` until the day before ``left``.

    ``None`` for ``joined`` means a member from the start; ``None`` for ``left``
    means still a member.
    """

    party: str = attrs.field(validator=identifier)
    joined: dt.date | None = attrs.field(default=None, validator=optional(_date))
    left: dt.date | None = attrs.field(default=None, validator=optional(_date))

    def __attrs_post_init__(self) -> None:
        if self.joined is not None and self.left is not None and self.left <= self.joined:
            raise ModelValueError(
                f"Member.left ({self.left.isoformat()}) must be after Member.joined "
                f"({self.joined.isoformat()}) for party {self.party!r}",
                field="left",
                detail=f"({self.left.isoformat()}) must be after joined "
                f"({self.joined.isoformat()})",
            )

    def is_member_on(self, day: dt.date) -> bool:
        """Whether the party belongs to the group on ``day``."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )


@final
@attrs.frozen(kw_only=True)
class Group:
    """A named set of parties whose membership may change over time.

    Examples:
        >>> import datetime as dt
        >>> g = Group(id="G2", name="Two", members=(Member(party="USA"),
        ...     Member(party="CHN", joined=dt.date(2001, 12, 11))))
        >>> g.members_on(dt.date(2000, 1, 1))
        ('USA',)
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=_text)
    members: tuple[Member, ...] = _field_tuple(tuple_of(instance_of(Member)))

    def members_on(self, day: dt.date) -> tuple[str, ...]:
        """The ids of the parties that belong to the group on ``day``, in order."""
        return tuple(m.party for m in self.members if m.is_member_on(day))


@final
@attrs.frozen(kw_only=True)
class Official:
    """A person acting for a party, with a role.

    Examples:
        >>> Official(id="trump", name="Donald Trump", party="USA", role="President")
        Official(id='trump', name='Donald Trump', party='USA', role='President')
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=_text)
    party: str = attrs.field(validator=identifier)
    role: str = attrs.field(default="", validator=_text)


@final
@attrs.frozen(kw_only=True)
class Measure:
    """A policy instrument one party applies to others (a tariff, an export control...).

    ``applies_to`` empty means the measure applies to every other party.
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=_text)
    imposed_by: str = attrs.field(validator=identifier)
    kind: MeasureKind = attrs.field(default=MeasureKind.OTHER, validator=instance_of(MeasureKind))
    applies_to: tuple[str, ...] = _field_tuple(_ids)
    legal_basis: str = attrs.field(default="", validator=_text)
    summary: str = attrs.field(default="", validator=_text)


@final
@attrs.frozen(kw_only=True)
class Source:
    """Where a fact is asserted: publisher, title, address, date, quote and kind."""

    id: str = attrs.field(validator=identifier)
    publisher: str = attrs.field(validator=_text)
    kind: SourceKind = attrs.field(validator=instance_of(SourceKind))
    title: str = attrs.field(default="", validator=_text)
    url: str | None = attrs.field(default=None, validator=optional(_text))
    published: dt.date | None = attrs.field(default=None, validator=optional(_date))
    quote: str = attrs.field(default="", validator=_text)


@final
@attrs.frozen(kw_only=True)
class Account:
    """One source's account of an event: a claim, a confirmation or a denial.

    ``reported`` is the day the account became known; ``None``: the source's
    ``published`` date, else the day the event became known. An event's plain
    ``sources`` are its claims, known when the event is; its ``accounts`` add
    others, side by side, each with its stance. An
    [`EvidencePolicy`][tradeaccord.EvidencePolicy] decides which prevails.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import Stance
        >>> Account(source="mofcom", stance=Stance.CONFIRMATION, reported=dt.date(2025, 6, 27)).stance
        <Stance.CONFIRMATION: 'confirmation'>
    """

    source: str = attrs.field(validator=identifier)
    stance: Stance = attrs.field(default=Stance.CLAIM, validator=instance_of(Stance))
    reported: dt.date | None = attrs.field(default=None, validator=optional(_date))
    notes: str = attrs.field(default="", validator=_text)


@final
@attrs.frozen(kw_only=True)
class Event:
    """A dated fact: an approval, a deposit, a performance, an extension, a ruling...

    ``target`` is the id of the agreement, commitment or measure the event is
    about. An ``EXTENSION`` event gives in ``ends_on`` the first day on which the
    extended term no longer runs.

    The record is append-only: ``reported`` is the day the event became known
    (``None``: its date), ``corrects`` names an earlier event this one replaces
    from its own report on, ``retracts`` one it withdraws from the record, and
    ``accounts`` holds further sources' claims, confirmations and denials of it.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import EventKind
        >>> Event(id="e1", date=dt.date(2025, 6, 27), kind=EventKind.APPROVAL,
        ...       party="CHN", target="london-2025", summary="China approves").kind
        <EventKind.APPROVAL: 'approval'>
    """

    id: str = attrs.field(validator=identifier)
    date: dt.date = attrs.field(validator=_date)
    kind: EventKind = attrs.field(validator=instance_of(EventKind))
    summary: str = attrs.field(validator=_text)
    party: str | None = attrs.field(default=None, validator=optional(identifier))
    official: str | None = attrs.field(default=None, validator=optional(identifier))
    target: str | None = attrs.field(default=None, validator=optional(identifier))
    sources: tuple[str, ...] = _field_tuple(_ids)
    confidence: Confidence = attrs.field(default=Confidence.HIGH, validator=instance_of(Confidence))
    ends_on: dt.date | None = attrs.field(default=None, validator=optional(_date))
    notes: str = attrs.field(default="", validator=_text)
    reported: dt.date | None = attrs.field(default=None, validator=optional(_date))
    corrects: str | None = attrs.field(default=None, validator=optional(identifier))
    retracts: str | None = attrs.field(default=None, validator=optional(identifier))
    accounts: tuple[Account, ...] = _field_tuple(tuple_of(instance_of(Account)))

    @property
    def known(self) -> dt.date:
        """The day the event became known: ``reported``, else its date."""
        return self.date if self.reported is None else self.reported

    def __attrs_post_init__(self) -> None:
        for field, other in (("corrects", self.corrects), ("retracts", self.retracts)):
            if other == self.id:
                raise ModelValueError(
                    f"Event {self.id!r}: an event cannot {field[:-1]} itself",
                    field=field,
                    detail=f"names the event itself ({self.id!r})",
                )
        if self.corrects is not None and self.retracts is not None:
            raise ModelValueError(
                f"Event {self.id!r}: give at most one of corrects and retracts",
                field="retracts",
                detail="give at most one of corrects and retracts",
            )
        if self.kind is EventKind.EXTENSION and self.ends_on is None:
            raise ModelValueError(
                f"Event {self.id!r}: an extension needs ends_on (the new end)",
                field="ends_on",
                detail="an extension needs ends_on (the new end)",
            )
        if self.kind is not EventKind.EXTENSION and self.ends_on is not None:
            raise ModelValueError(
                f"Event {self.id!r}: ends_on is only meaningful for an extension, "
                f"not for {self.kind.value}",
                field="ends_on",
                detail=f"is only meaningful for an extension, not for {self.kind.value}",
            )
        if self.ends_on is not None and self.ends_on <= self.date:
            raise ModelValueError(
                f"Event {self.id!r}: ends_on ({self.ends_on.isoformat()}) must be after "
                f"the event date ({self.date.isoformat()})",
                field="ends_on",
                detail=f"({self.ends_on.isoformat()}) must be after the event date "
                f"({self.date.isoformat()})",
            )


@final
@attrs.frozen(kw_only=True)
class Deadline:
    """When a commitment must be performed: on a fixed date or within a period of activation.

    Give exactly one of ``on`` (performance due on or before that date) and
    ``within`` (due within that period from the day the commitment becomes active).

    Examples:
        >>> import datetime as dt
        >>> Deadline(on=dt.date(2025, 12, 31)).due(activated=dt.date(2025, 6, 1))
        datetime.date(2025, 12, 31)
        >>> Deadline(within=Period(days=30)).due(activated=dt.date(2025, 6, 1))
        datetime.date(2025, 7, 1)
    """

    on: dt.date | None = attrs.field(default=None, validator=optional(_date))
    within: Period | None = attrs.field(default=None, validator=optional(instance_of(Period)))
    rounding: Rounding = attrs.field(default=Rounding.STRICT, validator=instance_of(Rounding))

    def __attrs_post_init__(self) -> None:
        if (self.on is None) == (self.within is None):
            raise ModelValueError("Deadline needs exactly one of on= and within=")

    def due(self, *, activated: dt.date) -> dt.date:
        """The last day for performance, for a commitment active from ``activated``."""
        if self.on is not None:
            return self.on
        assert self.within is not None
        return add_period(activated, self.within, rounding=self.rounding)


@final
@attrs.frozen(kw_only=True)
class Term:
    """How long something runs once it starts: a period, extendable by events.

    The term ends on the start plus ``period`` (the first day it no longer
    runs), unless an ``EXTENSION`` event about the same thing moves that day.

    Examples:
        >>> import datetime as dt
        >>> Term(period=Period(days=90)).ends_on(dt.date(2025, 5, 14))
        datetime.date(2025, 8, 12)
    """

    period: Period = attrs.field(validator=instance_of(Period))
    rounding: Rounding = attrs.field(default=Rounding.STRICT, validator=instance_of(Rounding))

    def ends_on(self, start: dt.date) -> dt.date:
        """The first day the term no longer runs, for a start on ``start``, before extensions."""
        return add_period(start, self.period, rounding=self.rounding)


_condition = instance_of(_CONDITION_TYPES)


@final
@attrs.frozen(kw_only=True)
class Commitment:
    """An undertaking by one party about a measure, possibly conditional.

    The commitment is *active* while its agreement is in force and its
    ``condition`` (if any) holds, for its ``term`` (if any) from the day it
    became active. It is *performed* once a ``PERFORMANCE`` event about it is
    recorded. A commitment only reported as expected of its party (``basis`` of
    ``Basis.EXPECTED``, such as a window to negotiate a further deal) is recorded
    for what it is, with the ``confidence`` its sources give it.

    Examples:
        >>> from tradeaccord import Action, approved_by
        >>> c = Commitment(id="x/rollback", by="USA", action=Action.LIFT, measure="us-eda",
        ...                beneficiary="CHN", summary="Roll back EDA licensing")
        >>> c.action.value
        'lift'
    """

    id: str = attrs.field(validator=identifier)
    by: str = attrs.field(validator=identifier)
    action: Action = attrs.field(validator=instance_of(Action))
    summary: str = attrs.field(validator=_text)
    measure: str | None = attrs.field(default=None, validator=optional(identifier))
    beneficiary: str | None = attrs.field(default=None, validator=optional(identifier))
    condition: Condition | None = attrs.field(default=None, validator=optional(_condition))
    deadline: Deadline | None = attrs.field(default=None, validator=optional(instance_of(Deadline)))
    term: Term | None = attrs.field(default=None, validator=optional(instance_of(Term)))
    sources: tuple[str, ...] = _field_tuple(_ids)
    basis: Basis = attrs.field(default=Basis.AGREED, validator=instance_of(Basis))
    """Undertaken by its party (``AGREED``), or only reported as expected of it
    (``EXPECTED``: past its due day without performance it is missed, not overdue)."""
    confidence: Confidence = attrs.field(default=Confidence.HIGH, validator=instance_of(Confidence))
    """How well the sources establish that it was undertaken (or expected)."""

    @property
    def is_continuing(self) -> bool:
        """Whether it binds over time (a continuing action, or a term) rather than once.

        A continuing commitment stays active after its performance is recorded,
        until its term runs out; a one-off commitment is done once performed.
        """
        return self.action.is_continuing or self.term is not None

    def __repr__(self) -> str:
        waits = f", waits for {self.condition.describe()}" if self.condition is not None else ""
        return f"Commitment({self.id}: {self.by} {self.action.value}{waits})"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class PartyEntry:
    """How each party of a multilateral agreement comes to be bound, and how it leaves.

    A party is bound by its own ``instrument`` (an event of that kind by the
    party about the agreement; a deposit by default). A party whose instrument
    stood on the day the entry-into-force condition was met is bound from the
    agreement's entry into force; a later one from the date ``effective`` gives
    for its own instrument (never before the agreement itself). A withdrawal by
    a bound party takes effect on the date ``withdrawal`` gives for its
    notification; a party not yet bound withdraws its instrument at once.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import NthDayAfter, AfterPeriod
        >>> rule = PartyEntry(effective=NthDayAfter(30), withdrawal=AfterPeriod(Period(years=1)))
        >>> rule.effective.apply(dt.date(2026, 3, 2)), rule.withdrawal.apply(dt.date(2026, 3, 2))
        (datetime.date(2026, 4, 1), datetime.date(2027, 3, 2))
    """

    instrument: EventKind = attrs.field(default=EventKind.DEPOSIT, validator=_instrument_kind)
    effective: DayCount = attrs.field(default=Upon(), validator=instance_of(DAY_COUNT_TYPES))
    withdrawal: DayCount = attrs.field(default=Upon(), validator=instance_of(DAY_COUNT_TYPES))


@final
@attrs.frozen(kw_only=True)
class EntryIntoForce:
    """An agreement's entry-into-force clause: a condition and a day-count rule.

    The agreement enters into force on the date ``effective`` gives for the first
    day ``when`` holds. ``deadline``, if given, is the last day it may do so; an
    agreement not in force by then has lapsed.

    Examples:
        >>> from tradeaccord import approved_by, NthDayAfter
        >>> rule = EntryIntoForce(when=approved_by("USA", "x") & approved_by("CHN", "x"),
        ...                       effective=NthDayAfter(30))
        >>> rule.effective.describe()
        'on the 30th day after'
    """

    when: Condition = attrs.field(validator=_condition)
    effective: DayCount = attrs.field(default=Upon(), validator=instance_of(DAY_COUNT_TYPES))
    deadline: dt.date | None = attrs.field(default=None, validator=optional(_date))
    per_party: PartyEntry | None = attrs.field(
        default=None, validator=optional(instance_of(PartyEntry))
    )
    """How each party comes to be bound; ``None``: every listed party, from entry into force."""


@final
@attrs.frozen(kw_only=True)
class ProvisionalApplication:
    """Provisional application of an agreement before it enters into force.

    It applies from the date ``effective`` gives for the first day ``start``
    holds (a ``DateReached`` for a fixed date, or any condition, such as a
    signature), until the agreement enters into force, or until its sunset:
    ``ends_on`` (the first day it no longer applies) or a ``term`` from its
    start. An ``EXTENSION`` event about ``id`` moves the sunset; a
    ``TERMINATION`` about ``id`` ends it early. It also ends if the agreement is
    terminated or lapses.

    While it applies, the agreement's commitments bind as if it were in force,
    but the agreement is not in force (``InForce`` stays FALSE).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import DateReached
        >>> pa = ProvisionalApplication(id="x/provisional", start=DateReached(dt.date(2026, 1, 1)),
        ...                             ends_on=dt.date(2027, 1, 1))
        >>> pa.ends_on
        datetime.date(2027, 1, 1)
    """

    id: str = attrs.field(validator=identifier)
    start: Condition = attrs.field(validator=_condition)
    effective: DayCount = attrs.field(default=Upon(), validator=instance_of(DAY_COUNT_TYPES))
    ends_on: dt.date | None = attrs.field(default=None, validator=optional(_date))
    term: Term | None = attrs.field(default=None, validator=optional(instance_of(Term)))

    def __attrs_post_init__(self) -> None:
        if self.ends_on is not None and self.term is not None:
            raise ModelValueError(
                f"ProvisionalApplication {self.id!r}: give at most one of ends_on= and term="
            )


@final
@attrs.frozen(kw_only=True)
class Link:
    """A relation from one agreement to another (implements, amends, extends, supersedes)."""

    kind: LinkKind = attrs.field(validator=instance_of(LinkKind))
    target: str = attrs.field(validator=identifier)


@final
@attrs.frozen(kw_only=True)
class Agreement:
    """A concluded text or arrangement between parties.

    Without an ``entry_into_force`` clause the agreement is in force from the day
    it is ``concluded``. ``concluded`` of ``None`` means it has not been
    concluded. A ``term`` runs from entry into force. A
    ``provisional_application`` makes its commitments bind before that.
    """

    id: str = attrs.field(validator=identifier)
    title: str = attrs.field(validator=_text)
    kind: AgreementKind = attrs.field(validator=instance_of(AgreementKind))
    parties: tuple[str, ...] = attrs.field(validator=[_ids, unique])
    concluded: dt.date | None = attrs.field(default=None, validator=optional(_date))
    entry_into_force: EntryIntoForce | None = attrs.field(
        default=None, validator=optional(instance_of(EntryIntoForce))
    )
    commitments: tuple[Commitment, ...] = _field_tuple(tuple_of(instance_of(Commitment)))
    links: tuple[Link, ...] = _field_tuple(tuple_of(instance_of(Link)))
    term: Term | None = attrs.field(default=None, validator=optional(instance_of(Term)))
    provisional_application: ProvisionalApplication | None = attrs.field(
        default=None, validator=optional(instance_of(ProvisionalApplication))
    )
    summary: str = attrs.field(default="", validator=_text)
    sources: tuple[str, ...] = _field_tuple(_ids)

    def entry_condition(self) -> Condition:
        """The condition the entry-into-force rule waits for (conclusion if there is none)."""
        if self.entry_into_force is not None:
            return self.entry_into_force.when
        if self.concluded is not None:
            return DateReached(self.concluded)
        return Occurred(EventKind.CONCLUSION, target=self.id)

    def __repr__(self) -> str:
        return (
            f"Agreement({self.id}: {self.kind.value}, parties {', '.join(self.parties)}, "
            f"{len(self.commitments)} commitments)"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)
