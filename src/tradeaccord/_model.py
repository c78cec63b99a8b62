"""The domain model: parties, groups, officials, measures, sources, events,
commitments, agreements, and the checked ``Dataset`` that holds them together.

Every class is a frozen attrs value; collections are tuples; references between
values are ids (strings), checked when a [`Dataset`][tradeaccord.Dataset] is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, final

import attrs

from ._calendar import DAY_COUNT_TYPES, DayCount, Period, Rounding, Upon, add_period
from ._conditions import _NODE_TYPES as _CONDITION_TYPES
from ._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Not,
    Occurred,
    Threshold,
    _instrument_kind,
    walk,
)
from ._validators import identifier, instance_of, optional, tuple_of, unique
from ._vocabulary import (
    Action,
    AgreementKind,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    PartyKind,
    SourceKind,
)
from .errors import DatasetError, ModelValueError, Problem, UnknownIdError

__all__ = [
    "Agreement",
    "Commitment",
    "Dataset",
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
class Event:
    """A dated fact: an approval, a deposit, a performance, an extension, a ruling...

    ``target`` is the id of the agreement, commitment or measure the event is
    about. An ``EXTENSION`` event gives in ``ends_on`` the first day on which the
    extended term no longer runs.

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

    def __attrs_post_init__(self) -> None:
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
    recorded.

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
        from ._display import render_html  # display hook: see docs/explanation

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
        from ._display import render_html  # display hook: see docs/explanation

        return render_html(self)


def _index(values: Iterable[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in values:
        out.setdefault(value.id, value)
    return out


@final
@attrs.frozen(kw_only=True)
class Dataset:
    """A checked set of parties, groups, officials, measures, sources, agreements and events.

    Building a dataset checks every cross-reference and raises one
    [`DatasetError`][tradeaccord.errors.DatasetError] listing every unknown id,
    duplicate id and cyclic reference, each with its path.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import AgreementKind
        >>> Dataset(parties=(Party(id="USA", name="United States"),),
        ...         agreements=(Agreement(id="a", title="A", kind=AgreementKind.TREATY,
        ...                               parties=("USA", "CHA")),))
        Traceback (most recent call last):
        ...
        tradeaccord.errors.DatasetError: invalid dataset: agreements[0].parties[1]: unknown party 'CHA' (known: USA)
    """

    parties: tuple[Party, ...] = _field_tuple(tuple_of(instance_of(Party)))
    groups: tuple[Group, ...] = _field_tuple(tuple_of(instance_of(Group)))
    officials: tuple[Official, ...] = _field_tuple(tuple_of(instance_of(Official)))
    measures: tuple[Measure, ...] = _field_tuple(tuple_of(instance_of(Measure)))
    sources: tuple[Source, ...] = _field_tuple(tuple_of(instance_of(Source)))
    agreements: tuple[Agreement, ...] = _field_tuple(tuple_of(instance_of(Agreement)))
    events: tuple[Event, ...] = _field_tuple(tuple_of(instance_of(Event)))
    title: str = attrs.field(default="", validator=_text)

    _lookup: Mapping[str, Mapping[str, Any]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = _check(self)
        if problems:
            raise DatasetError(problems)
        commitments: dict[str, Commitment] = {}
        owner: dict[str, Agreement] = {}
        for agreement in self.agreements:
            for commitment in agreement.commitments:
                commitments[commitment.id] = commitment
                owner[commitment.id] = agreement
        lookup = {
            "party": _index(self.parties),
            "group": _index(self.groups),
            "official": _index(self.officials),
            "measure": _index(self.measures),
            "source": _index(self.sources),
            "agreement": _index(self.agreements),
            "event": _index(self.events),
            "commitment": commitments,
            "owner": owner,
        }
        object.__setattr__(self, "_lookup", lookup)

    def _get(self, kind: str, id: str) -> Any:
        table = self._lookup[kind]
        try:
            return table[id]
        except KeyError:
            raise UnknownIdError(kind, id, table) from None

    def party(self, id: str) -> Party:
        """The party with this id.

        Raises:
            UnknownIdError: there is no such party.
        """
        return self._get("party", id)  # type: ignore[no-any-return]

    def group(self, id: str) -> Group:
        """The group with this id (raises `UnknownIdError` if there is none)."""
        return self._get("group", id)  # type: ignore[no-any-return]

    def official(self, id: str) -> Official:
        """The official with this id (raises `UnknownIdError` if there is none)."""
        return self._get("official", id)  # type: ignore[no-any-return]

    def measure(self, id: str) -> Measure:
        """The measure with this id (raises `UnknownIdError` if there is none)."""
        return self._get("measure", id)  # type: ignore[no-any-return]

    def source(self, id: str) -> Source:
        """The source with this id (raises `UnknownIdError` if there is none)."""
        return self._get("source", id)  # type: ignore[no-any-return]

    def agreement(self, id: str) -> Agreement:
        """The agreement with this id (raises `UnknownIdError` if there is none)."""
        return self._get("agreement", id)  # type: ignore[no-any-return]

    def event(self, id: str) -> Event:
        """The event with this id (raises `UnknownIdError` if there is none)."""
        return self._get("event", id)  # type: ignore[no-any-return]

    def commitment(self, id: str) -> Commitment:
        """The commitment with this id, from any agreement (raises `UnknownIdError`)."""
        return self._get("commitment", id)  # type: ignore[no-any-return]

    def agreement_of(self, commitment_id: str) -> Agreement:
        """The agreement that contains the commitment ``commitment_id``."""
        table = self._lookup["owner"]
        if commitment_id not in table:
            raise UnknownIdError("commitment", commitment_id, table)
        return table[commitment_id]  # type: ignore[no-any-return]

    def with_events(self, *events: Event) -> Dataset:
        """A copy with ``events`` added (checked like any dataset): a what-if."""
        return attrs.evolve(self, events=self.events + events)

    def without_events(self, *ids: str) -> Dataset:
        """A copy without the events whose ids are given; every id must exist."""
        for id in ids:
            self.event(id)
        drop = set(ids)
        return attrs.evolve(self, events=tuple(e for e in self.events if e.id not in drop))

    def events_about(self, target: str) -> tuple[Event, ...]:
        """The events whose target is ``target``, in date order."""
        return tuple(sorted((e for e in self.events if e.target == target), key=lambda e: e.date))

    def __repr__(self) -> str:
        title = f"{self.title!r}: " if self.title else ""
        return (
            f"Dataset({title}{len(self.parties)} parties, {len(self.agreements)} agreements, "
            f"{len(self.events)} events, {len(self.sources)} sources)"
        )

    def _repr_html_(self) -> str:
        from ._display import render_html  # display hook: see docs/explanation

        return render_html(self)


def _check(ds: Any, ignore: frozenset[str] = frozenset()) -> list[Problem]:
    """Every problem in a dataset's cross-references, in input order.

    ``ds`` is a dataset or anything with its collections; references to the ids in
    ``ignore`` are not reported (a reader passes the ids of values it could not build).
    """
    problems: list[Problem] = []

    def known(kind: str, table: Iterable[str]) -> str:
        names = sorted(set(table))
        shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
        return f"(known: {shown or 'none'})"

    # Duplicate ids within each collection.
    def duplicates(name: str, values: Iterable[Any]) -> None:
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            if value.id in first:
                problems.append(
                    Problem(
                        f"{name}[{index}].id",
                        f"duplicate id {value.id!r} (first used at {name}[{first[value.id]}])",
                    )
                )
            else:
                first[value.id] = index

    duplicates("parties", ds.parties)
    duplicates("groups", ds.groups)
    duplicates("officials", ds.officials)
    duplicates("measures", ds.measures)
    duplicates("sources", ds.sources)
    duplicates("agreements", ds.agreements)
    duplicates("events", ds.events)

    parties = {p.id for p in ds.parties}
    officials = {o.id: o for o in ds.officials}
    measures = {m.id for m in ds.measures}
    sources = {s.id for s in ds.sources}
    agreements = {a.id for a in ds.agreements}
    groups = {g.id for g in ds.groups}
    provisional = {
        a.provisional_application.id for a in ds.agreements if a.provisional_application is not None
    }
    commitments: dict[str, str] = {}
    for i, agreement in enumerate(ds.agreements):
        for j, commitment in enumerate(agreement.commitments):
            path = f"agreements[{i}].commitments[{j}]"
            if commitment.id in commitments:
                problems.append(
                    Problem(
                        f"{path}.id",
                        f"duplicate commitment id {commitment.id!r} (first used at {commitments[commitment.id]})",
                    )
                )
            else:
                commitments[commitment.id] = path

    # Targets of events share one namespace.
    targets: dict[str, str] = {}
    for label, ids in (
        ("agreement", agreements),
        ("commitment", commitments),
        ("measure", measures),
        ("provisional application", provisional),
    ):
        for id in sorted(ids):
            if id in targets:
                problems.append(
                    Problem(
                        f"{label}s",
                        f"id {id!r} names both {_article(targets[id])} and {_article(label)}; "
                        "event targets would be ambiguous",
                    )
                )
            else:
                targets[id] = label

    def ref(path: str, kind: str, value: str | None, table: Iterable[str]) -> None:
        if value is not None and value not in table and value not in ignore:
            problems.append(Problem(path, f"unknown {kind} {value!r} {known(kind, table)}"))

    for i, group in enumerate(ds.groups):
        for j, member in enumerate(group.members):
            ref(f"groups[{i}].members[{j}].party", "party", member.party, parties)
    for i, official in enumerate(ds.officials):
        ref(f"officials[{i}].party", "party", official.party, parties)
    for i, measure in enumerate(ds.measures):
        ref(f"measures[{i}].imposed_by", "party", measure.imposed_by, parties)
        for j, party in enumerate(measure.applies_to):
            ref(f"measures[{i}].applies_to[{j}]", "party", party, parties)

    def fine(node: Condition) -> bool:
        """Whether a tree has no threshold and no unknown reference (the fast path)."""
        kind = type(node)
        if kind is Occurred:
            return (
                (node.party is None or node.party in parties or node.party in ignore)  # type: ignore[union-attr]
                and (node.target is None or node.target in targets or node.target in ignore)  # type: ignore[union-attr]
                and (node.official is None or node.official in officials)  # type: ignore[union-attr]
            )
        if kind is Fulfilled:
            return node.commitment in commitments or node.commitment in ignore  # type: ignore[union-attr]
        if kind is InForce:
            return node.agreement in agreements or node.agreement in ignore  # type: ignore[union-attr]
        if kind is DateReached:
            return True
        if kind is Not or kind is Delay:
            return fine(node.item)  # type: ignore[union-attr]
        if kind is AllOf or kind is AnyOf or kind is AtLeast:
            return all(fine(item) for item in node.items)  # type: ignore[union-attr]
        return False

    def condition(path: str, node: Condition) -> None:
        if fine(node):
            return
        for sub, leaf in walk(node):
            where = f"{path}{sub}"
            if isinstance(leaf, Occurred):
                ref(f"{where}.party", "party", leaf.party, parties)
                ref(f"{where}.official", "official", leaf.official, officials)
                ref(f"{where}.target", "target", leaf.target, targets)
            elif isinstance(leaf, Fulfilled):
                ref(f"{where}.commitment", "commitment", leaf.commitment, commitments)
            elif isinstance(leaf, InForce):
                ref(f"{where}.agreement", "agreement", leaf.agreement, agreements)
            elif isinstance(leaf, Threshold):
                ref(f"{where}.target", "target", leaf.target, targets)
                instruments.setdefault((leaf.kind, leaf.target), where)
                if isinstance(leaf, InstrumentCount | InstrumentShare):
                    ref(f"{where}.among", "group", leaf.among, groups)
                else:
                    for party, _ in leaf.weights:
                        ref(f"{where}.weights[{party!r}]", "party", party, parties)

    instruments: dict[tuple[EventKind, str], str] = {}
    for i, agreement in enumerate(ds.agreements):
        path = f"agreements[{i}]"
        if not agreement.parties:
            problems.append(Problem(f"{path}.parties", "an agreement needs at least one party"))
        for j, party in enumerate(agreement.parties):
            ref(f"{path}.parties[{j}]", "party", party, parties)
        for j, source in enumerate(agreement.sources):
            ref(f"{path}.sources[{j}]", "source", source, sources)
        for j, link in enumerate(agreement.links):
            ref(f"{path}.links[{j}].target", "agreement", link.target, agreements)
            if link.target == agreement.id:
                problems.append(
                    Problem(f"{path}.links[{j}].target", f"{agreement.id!r} links to itself")
                )
        if agreement.entry_into_force is not None:
            condition(f"{path}.entry_into_force.when", agreement.entry_into_force.when)
            per_party = agreement.entry_into_force.per_party
            if per_party is not None:
                instruments.setdefault(
                    (per_party.instrument, agreement.id), f"{path}.entry_into_force.per_party"
                )
        if agreement.provisional_application is not None:
            condition(
                f"{path}.provisional_application.start", agreement.provisional_application.start
            )
        all_known = all(p in parties for p in agreement.parties)
        joinable = (
            agreement.entry_into_force is not None
            and agreement.entry_into_force.per_party is not None
        )
        members = frozenset(agreement.parties)
        for j, commitment in enumerate(agreement.commitments):
            if (
                (commitment.by in parties or commitment.by in ignore)
                and (commitment.by in members or joinable or not all_known)
                and (
                    commitment.beneficiary is None
                    or commitment.beneficiary in parties
                    or commitment.beneficiary in ignore
                )
                and (
                    commitment.measure is None
                    or commitment.measure in measures
                    or commitment.measure in ignore
                )
                and all(source in sources or source in ignore for source in commitment.sources)
                and (commitment.condition is None or fine(commitment.condition))
            ):
                continue
            cpath = f"{path}.commitments[{j}]"
            if (
                all_known
                and not joinable
                and commitment.by in parties
                and commitment.by not in agreement.parties
            ):
                problems.append(
                    Problem(
                        f"{cpath}.by",
                        f"{commitment.by!r} is not a party to {agreement.id!r} "
                        f"(parties: {', '.join(agreement.parties)})",
                    )
                )
            ref(f"{cpath}.by", "party", commitment.by, parties)
            ref(f"{cpath}.beneficiary", "party", commitment.beneficiary, parties)
            ref(f"{cpath}.measure", "measure", commitment.measure, measures)
            for k, source in enumerate(commitment.sources):
                ref(f"{cpath}.sources[{k}]", "source", source, sources)
            if commitment.condition is not None:
                condition(f"{cpath}.condition", commitment.condition)

    for i, event in enumerate(ds.events):
        path = f"events[{i}]"
        ref(f"{path}.party", "party", event.party, parties)
        ref(f"{path}.official", "official", event.official, officials)
        ref(f"{path}.target", "target", event.target, targets)
        if event.party is None and event.target is not None:
            counted_at = instruments.get((event.kind, event.target))
            if counted_at is None and event.kind is EventKind.WITHDRAWAL:
                counted_at = next(
                    (where for (_, t), where in instruments.items() if t == event.target), None
                )
            if counted_at is not None:
                problems.append(
                    Problem(
                        f"{path}.party",
                        f"a {event.kind.value} about {event.target!r} counts as a party's "
                        f"instrument (see {counted_at}) and needs a party",
                    )
                )
        for j, source in enumerate(event.sources):
            ref(f"{path}.sources[{j}]", "source", source, sources)
        if event.official in officials and event.party in parties:
            acting_for = officials[event.official].party
            if acting_for != event.party:
                problems.append(
                    Problem(
                        f"{path}.official",
                        f"{event.official!r} acts for {acting_for!r}, not for the event's party {event.party!r}",
                    )
                )
        if (
            event.kind is EventKind.EXTENSION
            and event.target is not None
            and targets.get(event.target) == "measure"
        ):
            problems.append(
                Problem(
                    f"{path}.target",
                    "an extension must be about an agreement or a commitment, not a measure",
                )
            )

    problems.extend(_cycles(ds))
    return problems


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _cycles(ds: Any) -> Iterator[Problem]:
    """Cycles among agreements, through links and through entry-into-force conditions."""
    position = {a.id: i for i, a in enumerate(ds.agreements)}
    edges: dict[str, list[tuple[str, str]]] = {a.id: [] for a in ds.agreements}
    for i, agreement in enumerate(ds.agreements):
        for j, link in enumerate(agreement.links):
            if link.target in position and link.target != agreement.id:
                edges[agreement.id].append((link.target, f"agreements[{i}].links[{j}]"))
        if agreement.entry_into_force is not None:
            for sub, node in walk(agreement.entry_into_force.when):
                if isinstance(node, InForce) and node.agreement in position:
                    edges[agreement.id].append(
                        (node.agreement, f"agreements[{i}].entry_into_force.when{sub}.agreement")
                    )
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[tuple[str, str]] = []

    def visit(node: str) -> Iterator[Problem]:
        state[node] = 1
        for target, path in edges[node]:
            if state.get(target) == 1:
                ids = [n for n, _ in stack] + [node]
                cycle = [*ids[ids.index(target) :], target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield Problem(path, "cyclic reference: " + " -> ".join(cycle))
            elif target not in state:
                stack.append((node, path))
                yield from visit(target)
                stack.pop()
        state[node] = 2

    for agreement in ds.agreements:
        if agreement.id not in state:
            yield from visit(agreement.id)
