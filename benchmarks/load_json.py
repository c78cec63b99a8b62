"""Loading a 2,000-commitment agreement from canonical JSON, against pydantic v2 and msgspec.

The three loaders read the same JSON text, ``dataset_to_json(build_dataset(n))``, into
immutable, validated objects:

- tradeaccord: ``tradeaccord.serialization.dataset_from_json`` (attrs classes, every id,
  enum, date, period, number and condition checked, then every cross-reference).
- pydantic v2: frozen ``BaseModel`` classes in strict mode with extra keys forbidden,
  validated with ``model_validate_json``. A condition or a day-count rule is an
  externally tagged union (the key that names the node holds its main argument), which
  pydantic has no built-in form for: each union is ``Annotated[A | B | ...,
  Discriminator(callable)]`` whose members carry a ``Tag``, and the callable returns the
  first key of the object that names a node (or ``"upon"`` for that string), so only that
  member is validated. ``{occurred, by_all}`` and ``{occurred, by_any}`` get tags of their
  own, so ``party`` beside them is an unknown key. Terms, deadlines and group members,
  each a string or an object, are ordinary (smart) unions.
- msgspec: frozen ``Struct`` classes with unknown fields forbidden. msgspec only has
  internally tagged unions (a ``type`` field), so conditions, day-count rules and
  deadlines are typed as marker classes it does not know. For those it decodes the JSON
  value into plain dicts, lists and strings and passes it to a ``dec_hook``, which picks
  the struct by the tag key and builds it with ``msgspec.convert`` (through the same hook
  for nested conditions and rules). The dataset is still read by one ``Decoder.decode``
  call, but each condition, rule and deadline is built twice: first as Python dicts and
  strings, then as structs by ``convert``.

Both peers check the same keys, required fields and defaults; enumerations as their
literal values; dates as ``YYYY-MM-DD`` (no numbers, no time of day); whole numbers
(no floats, booleans or strings); periods and exact numbers against a pattern; ``null``
refused everywhere; exactly one of a deadline's ``on`` and ``within``; non-empty
``by_all``/``by_any``/``earliest``/``latest``; an ``at_least`` count within its items; no
withdrawal as an instrument kind. After validation, ``check_references`` looks up every
reference (parties, including those in ``by_all``/``by_any`` and in weights, groups,
officials, measures, sources, agreements, commitments and event targets). The peers do
not make tradeaccord's further checks: ids with surrounding spaces, the ranges of shares
and weights, duplicate ids, cycles between agreements, and the consistency of events with
officials and instruments.

All three are timed in the same run; the ratios (tradeaccord time / peer time) are what
to compare across machines. Before timing, ``main`` checks (untimed) that the three
loaders read the same numbers of commitments, conditions, condition leaves and events.
Run with::

    python benchmarks/load_json.py            # 2,000 commitments, best of 7
    python benchmarks/load_json.py --commitments 200 --repeat 3
    python benchmarks/load_json.py --parts      # and where tradeaccord's time goes

It needs the ``bench`` extra: ``pip install -e ".[bench]"``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, ClassVar, Literal

import attrs
import msgspec
import pydantic
from pydantic import Discriminator, Tag

import tradeaccord as ta
from tradeaccord.serialization import dataset_from_json, dataset_to_json

D = dt.date
EK = ta.EventKind

# ----------------------------------------------------------------- the input


def build_dataset(commitments: int) -> ta.Dataset:
    """One agreement with ``commitments`` commitments of varied shapes, and their events."""
    parties = (ta.Party(id="USA", name="United States"), ta.Party(id="CHN", name="China"))
    measures = tuple(
        ta.Measure(id=f"m{i}", name=f"Measure {i}", imposed_by=("USA", "CHN")[i % 2])
        for i in range(50)
    )
    sources = tuple(
        ta.Source(
            id=f"s{i}",
            publisher="Gazette",
            kind=ta.SourceKind.OFFICIAL_TEXT,
            title=f"Notice {i}",
            quote="« 關稅 »",
        )
        for i in range(20)
    )
    items: list[ta.Commitment] = []
    for i in range(commitments):
        by, other = ("USA", "CHN") if i % 2 else ("CHN", "USA")
        condition: ta.Condition | None = None
        if i % 4 == 1:
            condition = ta.approved_by(by, "deal") & ta.Fulfilled(f"deal/c{i - 1}")
        elif i % 4 == 2:
            condition = ta.Delay(
                ta.AnyOf(ta.approved_by(other, "deal"), ta.DateReached(D(2026, 1, 1))),
                ta.NthDayAfter(30),
            )
        items.append(
            ta.Commitment(
                id=f"deal/c{i}",
                by=by,
                action=(ta.Action.SUSPEND, ta.Action.LIFT, ta.Action.MAINTAIN)[i % 3],
                summary=f"Undertaking number {i} about measure m{i % 50}",
                measure=f"m{i % 50}",
                beneficiary=other,
                condition=condition,
                deadline=ta.Deadline(on=D(2026, 12, 31)) if i % 5 == 0 else None,
                term=ta.Term(period=ta.Period(days=90)) if i % 3 == 0 else None,
                sources=(f"s{i % 20}",),
            )
        )
    agreement = ta.Agreement(
        id="deal",
        title="A large framework",
        kind=ta.AgreementKind.FRAMEWORK,
        parties=("USA", "CHN"),
        concluded=D(2025, 6, 10),
        entry_into_force=ta.EntryIntoForce(
            when=ta.approved_by("USA", "deal") & ta.approved_by("CHN", "deal")
        ),
        commitments=tuple(items),
        sources=("s0",),
    )
    events = tuple(
        ta.Event(
            id=f"e{i}",
            date=D(2025, 6, 11) + dt.timedelta(days=i % 300),
            kind=EK.PERFORMANCE,
            summary=f"Performance of c{i}",
            party=items[i].by,
            target=items[i].id,
            sources=(f"s{i % 20}",),
        )
        for i in range(0, commitments, 7)
    )
    return ta.Dataset(
        parties=parties,
        measures=measures,
        sources=sources,
        agreements=(agreement,),
        events=events,
        title="benchmark",
    )


# ------------------------------------------------------------ shared pieces

CONDITION_TAGS = frozenset(
    {
        "occurred",
        "fulfilled",
        "in_force",
        "date_reached",
        "all_of",
        "any_of",
        "not",
        "at_least",
        "delay",
        "instrument_count",
        "instrument_share",
        "weighted_share",
    }
)
RULE_TAGS = frozenset(
    {
        "nth_day_after",
        "after_clear_days",
        "first_day_of_month_following",
        "after_period",
        "fixed_date",
        "earliest",
        "latest",
    }
)


def condition_tag(node: dict[str, Any]) -> str | None:
    """The tag of a condition object: its first key that names a node.

    A second such key is then an unknown key of the chosen model, so an object with two
    tags is refused. ``occurred`` with ``by_all`` or ``by_any`` has a tag of its own.
    """
    for key in node:
        if key in CONDITION_TAGS:
            if key == "occurred":
                if "by_all" in node:
                    return "occurred_by_all"
                if "by_any" in node:
                    return "occurred_by_any"
            return key
    return None


def rule_tag(node: Any) -> str | None:
    """The tag of a day-count rule: ``"upon"``, or the first key that names a rule."""
    if type(node) is str:
        return "upon" if node == "upon" else None
    if type(node) is dict:
        for key in node:
            if key in RULE_TAGS:
                return key
    return None


def condition_nodes(node: Any) -> Iterator[Any]:
    """Every node of a peer condition tree (pydantic or msgspec: same attribute names)."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        tag = node.TAG
        if tag == "all_of":
            stack.extend(node.all_of)
        elif tag == "any_of":
            stack.extend(node.any_of)
        elif tag == "at_least":
            stack.extend(node.of)
        elif tag == "not":
            stack.append(node.not_)
        elif tag == "delay":
            stack.append(node.delay)


def check_references(data: Any) -> None:
    """The unknown-reference checks tradeaccord's Dataset makes, for the peer models.

    Each table of known ids also holds ``None``, so an absent optional reference passes
    the same single ``in`` test as a present one.
    """
    parties = {None, *(p.id for p in data.parties)}
    groups = {None, *(g.id for g in data.groups)}
    officials = {None, *(o.id for o in data.officials)}
    measures = {None, *(m.id for m in data.measures)}
    sources = {s.id for s in data.sources}
    agreements = {a.id for a in data.agreements}
    commitments = {c.id for a in data.agreements for c in a.commitments}
    provisional = {
        a.provisional_application.id
        for a in data.agreements
        if a.provisional_application is not None
    }
    targets = {None} | agreements | commitments | measures | provisional
    problems: list[str] = []

    def unknown(what: str, value: str, where: str) -> None:
        problems.append(f"{where}: unknown {what} {value!r}")

    def condition(root: Any, where: str) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            tag = node.TAG
            if tag in ("occurred", "occurred_by_all", "occurred_by_any"):
                if tag == "occurred":
                    if node.party not in parties:
                        unknown("party", node.party, where)
                else:
                    for party in node.by_all if tag == "occurred_by_all" else node.by_any:
                        if party not in parties:
                            unknown("party", party, where)
                if node.target not in targets:
                    unknown("target", node.target, where)
                if node.official not in officials:
                    unknown("official", node.official, where)
            elif tag == "all_of":
                stack.extend(node.all_of)
            elif tag == "any_of":
                stack.extend(node.any_of)
            elif tag == "fulfilled":
                if node.fulfilled not in commitments:
                    unknown("commitment", node.fulfilled, where)
            elif tag == "date_reached":
                pass
            elif tag == "delay":
                stack.append(node.delay)
            elif tag == "not":
                stack.append(node.not_)
            elif tag == "at_least":
                stack.extend(node.of)
            elif tag == "in_force":
                if node.in_force not in agreements:
                    unknown("agreement", node.in_force, where)
            else:  # instrument_count, instrument_share, weighted_share
                if node.target not in targets:
                    unknown("target", node.target, where)
                if tag == "weighted_share":
                    for party in node.weights:
                        if party not in parties:
                            unknown("party", party, where)
                elif node.among not in groups:
                    unknown("group", node.among, where)

    for group in data.groups:
        for member in group.members:
            party = member if isinstance(member, str) else member.party
            if party not in parties:
                unknown("party", party, group.id)
    for official in data.officials:
        if official.party not in parties:
            unknown("party", official.party, official.id)
    for measure in data.measures:
        for party in (measure.imposed_by, *measure.applies_to):
            if party not in parties:
                unknown("party", party, measure.id)
    for agreement in data.agreements:
        for party in agreement.parties:
            if party not in parties:
                unknown("party", party, agreement.id)
        for source in agreement.sources:
            if source not in sources:
                unknown("source", source, agreement.id)
        for link in agreement.links:
            if link.target not in agreements:
                unknown("agreement", link.target, agreement.id)
        if agreement.entry_into_force is not None:
            condition(agreement.entry_into_force.when, agreement.id)
        if agreement.provisional_application is not None:
            condition(agreement.provisional_application.start, agreement.id)
        for commitment in agreement.commitments:
            where = commitment.id
            if commitment.by not in parties:
                unknown("party", commitment.by, where)
            if commitment.beneficiary not in parties:
                unknown("party", commitment.beneficiary, where)
            if commitment.measure not in measures:
                unknown("measure", commitment.measure, where)
            for source in commitment.sources:
                if source not in sources:
                    unknown("source", source, where)
            if commitment.condition is not None:
                condition(commitment.condition, where)
    for event in data.events:
        if event.party not in parties:
            unknown("party", event.party, event.id)
        if event.official not in officials:
            unknown("official", event.official, event.id)
        if event.target not in targets:
            unknown("target", event.target, event.id)
        for source in event.sources:
            if source not in sources:
                unknown("source", source, event.id)
    if problems:
        raise ValueError(f"unknown references at {problems[:5]}")


# A period as tradeaccord reads it: "P" and at least one of years, months, weeks, days,
# in that order. Rust regexes (pydantic) have no look-ahead, hence the spelled-out forms.
PERIOD = r"^P(?:\d+Y(?:\d+M)?(?:\d+W)?(?:\d+D)?|\d+M(?:\d+W)?(?:\d+D)?|\d+W(?:\d+D)?|\d+D)$"
# An exact number as tradeaccord writes it: "36.1", "2/3", "5", or a percentage "55%".
NUMBER = r"^(?:\d+(?:\.\d+)?%?|\d+/\d+)$"


def _enum(values: Iterable[enum.Enum], *, without: Iterable[enum.Enum] = ()) -> Any:
    left_out = set(without)
    return Literal[tuple(v.value for v in values if v not in left_out)]  # type: ignore[misc]


ACTION, EVENT_KIND = _enum(ta.Action), _enum(ta.EventKind)
INSTRUMENT_KIND = _enum(ta.EventKind, without=(ta.EventKind.WITHDRAWAL,))
AGREEMENT_KIND, CONFIDENCE = _enum(ta.AgreementKind), _enum(ta.Confidence)
ROUNDING, LINK_KIND = _enum(ta.Rounding), _enum(ta.LinkKind)
PARTY_KIND, MEASURE_KIND, SOURCE_KIND = (
    _enum(ta.PartyKind),
    _enum(ta.MeasureKind),
    _enum(ta.SourceKind),
)

# --------------------------------------------------------------- pydantic v2
#
# An optional key is typed without ``None`` and defaults to None: when it is absent the
# attribute is None, and an explicit ``null`` is refused, as tradeaccord refuses it
# (pydantic does not validate defaults).

Id = Annotated[str, pydantic.StringConstraints(min_length=1)]
Count = Annotated[int, pydantic.Field(ge=1)]
Period = Annotated[str, pydantic.StringConstraints(pattern=PERIOD)]
Number = (
    Annotated[str, pydantic.StringConstraints(pattern=NUMBER)]
    | Annotated[int, pydantic.Field(ge=0)]
)
Ids = Annotated[tuple[Id, ...], pydantic.Field(min_length=1)]


class PModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)


def _p_condition_tag(value: Any) -> str | None:
    if type(value) is dict:
        return condition_tag(value)
    return getattr(value, "TAG", None)  # a model instance, when serializing


def _p_rule_tag(value: Any) -> str | None:
    tag = rule_tag(value)
    return tag if tag is not None else getattr(value, "TAG", None)


class PNthDayAfter(PModel):
    TAG: ClassVar[str] = "nth_day_after"
    nth_day_after: Count


class PAfterClearDays(PModel):
    TAG: ClassVar[str] = "after_clear_days"
    after_clear_days: Count


class PFirstDayOfMonthFollowing(PModel):
    TAG: ClassVar[str] = "first_day_of_month_following"
    first_day_of_month_following: Count


class PAfterPeriod(PModel):
    TAG: ClassVar[str] = "after_period"
    after_period: Period
    rounding: ROUNDING = "strict"


class PFixedDate(PModel):
    TAG: ClassVar[str] = "fixed_date"
    fixed_date: dt.date


class PEarliest(PModel):
    TAG: ClassVar[str] = "earliest"
    earliest: Annotated[tuple[PRule, ...], pydantic.Field(min_length=1)]


class PLatest(PModel):
    TAG: ClassVar[str] = "latest"
    latest: Annotated[tuple[PRule, ...], pydantic.Field(min_length=1)]


PRule = Annotated[
    Annotated[Literal["upon"], Tag("upon")]
    | Annotated[PNthDayAfter, Tag("nth_day_after")]
    | Annotated[PAfterClearDays, Tag("after_clear_days")]
    | Annotated[PFirstDayOfMonthFollowing, Tag("first_day_of_month_following")]
    | Annotated[PAfterPeriod, Tag("after_period")]
    | Annotated[PFixedDate, Tag("fixed_date")]
    | Annotated[PEarliest, Tag("earliest")]
    | Annotated[PLatest, Tag("latest")],
    Discriminator(
        _p_rule_tag,
        custom_error_type="day_count_rule",
        custom_error_message="expected a day-count rule: 'upon' or an object with one of "
        f"the keys {', '.join(sorted(RULE_TAGS))}",
    ),
]


class POccurred(PModel):
    TAG: ClassVar[str] = "occurred"
    occurred: EVENT_KIND
    party: Id = None
    target: Id = None
    official: Id = None


class POccurredByAll(PModel):
    TAG: ClassVar[str] = "occurred_by_all"
    occurred: EVENT_KIND
    by_all: Ids
    target: Id = None
    official: Id = None


class POccurredByAny(PModel):
    TAG: ClassVar[str] = "occurred_by_any"
    occurred: EVENT_KIND
    by_any: Ids
    target: Id = None
    official: Id = None


class PFulfilled(PModel):
    TAG: ClassVar[str] = "fulfilled"
    fulfilled: Id


class PInForce(PModel):
    TAG: ClassVar[str] = "in_force"
    in_force: Id


class PDateReached(PModel):
    TAG: ClassVar[str] = "date_reached"
    date_reached: dt.date


class PAllOf(PModel):
    TAG: ClassVar[str] = "all_of"
    all_of: tuple[PCondition, ...]


class PAnyOf(PModel):
    TAG: ClassVar[str] = "any_of"
    any_of: tuple[PCondition, ...]


class PNot(PModel):
    TAG: ClassVar[str] = "not"
    not_: PCondition = pydantic.Field(alias="not")


class PAtLeast(PModel):
    TAG: ClassVar[str] = "at_least"
    at_least: Count
    of: tuple[PCondition, ...]

    @pydantic.model_validator(mode="after")
    def _within_items(self) -> PAtLeast:
        if self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} of only {len(self.of)} conditions")
        return self


class PDelay(PModel):
    TAG: ClassVar[str] = "delay"
    delay: PCondition
    rule: PRule


class PInstrumentCount(PModel):
    TAG: ClassVar[str] = "instrument_count"
    instrument_count: Count
    target: Id
    kind: INSTRUMENT_KIND = "deposit"
    among: Id = None


class PInstrumentShare(PModel):
    TAG: ClassVar[str] = "instrument_share"
    instrument_share: Number
    target: Id
    among: Id
    kind: INSTRUMENT_KIND = "deposit"


class PWeightedShare(PModel):
    TAG: ClassVar[str] = "weighted_share"
    weighted_share: Number
    weights: dict[Id, Number]
    target: Id
    kind: INSTRUMENT_KIND = "deposit"
    total: Number = None


PCondition = Annotated[
    Annotated[POccurred, Tag("occurred")]
    | Annotated[POccurredByAll, Tag("occurred_by_all")]
    | Annotated[POccurredByAny, Tag("occurred_by_any")]
    | Annotated[PFulfilled, Tag("fulfilled")]
    | Annotated[PInForce, Tag("in_force")]
    | Annotated[PDateReached, Tag("date_reached")]
    | Annotated[PAllOf, Tag("all_of")]
    | Annotated[PAnyOf, Tag("any_of")]
    | Annotated[PNot, Tag("not")]
    | Annotated[PAtLeast, Tag("at_least")]
    | Annotated[PDelay, Tag("delay")]
    | Annotated[PInstrumentCount, Tag("instrument_count")]
    | Annotated[PInstrumentShare, Tag("instrument_share")]
    | Annotated[PWeightedShare, Tag("weighted_share")],
    Discriminator(
        _p_condition_tag,
        custom_error_type="condition",
        custom_error_message="expected a condition: an object with one of the keys "
        f"{', '.join(sorted(CONDITION_TAGS))}",
    ),
]


class PTermObject(PModel):
    period: Period
    rounding: ROUNDING = "strict"


class PDeadlineOn(PModel):
    on: dt.date
    rounding: ROUNDING = "strict"


class PDeadlineWithin(PModel):
    within: Period
    rounding: ROUNDING = "strict"


PTerm = Period | PTermObject
# A date (due that day), a period (due within it) or an object with ``on`` or ``within``:
# with extra keys forbidden, an object with both (or neither) matches no member.
PDeadline = dt.date | Period | PDeadlineOn | PDeadlineWithin


class PMemberObject(PModel):
    party: Id
    joined: dt.date = None
    left: dt.date = None


class PPartyEntry(PModel):
    instrument: INSTRUMENT_KIND = "deposit"
    effective: PRule = "upon"
    withdrawal: PRule = "upon"


class PEntry(PModel):
    when: PCondition
    effective: PRule = "upon"
    deadline: dt.date = None
    per_party: PPartyEntry = None


class PProvisional(PModel):
    id: Id
    start: PCondition
    effective: PRule = "upon"
    ends_on: dt.date = None
    term: PTerm = None


class PCommitment(PModel):
    id: Id
    by: Id
    action: ACTION
    summary: str
    measure: Id = None
    beneficiary: Id = None
    condition: PCondition = None
    deadline: PDeadline = None
    term: PTerm = None
    sources: tuple[Id, ...] = ()


class PLink(PModel):
    kind: LINK_KIND
    target: Id


class PAgreement(PModel):
    id: Id
    title: str
    kind: AGREEMENT_KIND
    parties: tuple[Id, ...]
    concluded: dt.date = None
    entry_into_force: PEntry = None
    commitments: tuple[PCommitment, ...] = ()
    links: tuple[PLink, ...] = ()
    term: PTerm = None
    provisional_application: PProvisional = None
    summary: str = ""
    sources: tuple[Id, ...] = ()


class PParty(PModel):
    id: Id
    name: str
    kind: PARTY_KIND = "state"


class PGroup(PModel):
    id: Id
    name: str
    members: tuple[Id | PMemberObject, ...] = ()


class POfficial(PModel):
    id: Id
    name: str
    party: Id
    role: str = ""


class PMeasure(PModel):
    id: Id
    name: str
    imposed_by: Id
    kind: MEASURE_KIND = "other"
    applies_to: tuple[Id, ...] = ()
    legal_basis: str = ""
    summary: str = ""


class PSource(PModel):
    id: Id
    publisher: str
    kind: SOURCE_KIND
    title: str = ""
    url: str = None
    published: dt.date = None
    quote: str = ""


class PEvent(PModel):
    id: Id
    date: dt.date
    kind: EVENT_KIND
    summary: str
    party: Id = None
    official: Id = None
    target: Id = None
    sources: tuple[Id, ...] = ()
    confidence: CONFIDENCE = "high"
    ends_on: dt.date = None
    notes: str = ""


class PDataset(PModel):
    format: Literal[1]
    title: str = ""
    parties: tuple[PParty, ...] = ()
    groups: tuple[PGroup, ...] = ()
    officials: tuple[POfficial, ...] = ()
    measures: tuple[PMeasure, ...] = ()
    sources: tuple[PSource, ...] = ()
    agreements: tuple[PAgreement, ...] = ()
    events: tuple[PEvent, ...] = ()

    @pydantic.model_validator(mode="after")
    def _references(self) -> PDataset:
        check_references(self)
        return self


def load_pydantic(text: str) -> PDataset:
    return PDataset.model_validate_json(text)


# ------------------------------------------------------------------- msgspec
#
# As for pydantic, an optional key defaults to None but is typed without it, so that an
# explicit ``null`` is refused (msgspec does not validate defaults either). Python's
# ``re`` lets ``$`` match before a final newline, hence ``\Z`` in the patterns.

MId = Annotated[str, msgspec.Meta(min_length=1)]
MCount = Annotated[int, msgspec.Meta(ge=1)]
MPeriod = Annotated[str, msgspec.Meta(pattern=PERIOD[:-1] + r"\Z")]
MNumber = (
    Annotated[str, msgspec.Meta(pattern=NUMBER[:-1] + r"\Z")] | Annotated[int, msgspec.Meta(ge=0)]
)
MIds = Annotated[tuple[MId, ...], msgspec.Meta(min_length=1)]


class MCondition:
    """Marker: a condition, read by ``_m_hook`` (msgspec has no externally tagged unions)."""

    __slots__ = ()


class MRule:
    """Marker: a day-count rule, read by ``_m_hook``."""

    __slots__ = ()


class MAnyDeadline:
    """Marker: a deadline (a date, a period or an object), read by ``_m_hook``."""

    __slots__ = ()


class MStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


class MUpon(MStruct, MRule):
    TAG: ClassVar[str] = "upon"


UPON = MUpon()


class MNthDayAfter(MStruct, MRule):
    TAG: ClassVar[str] = "nth_day_after"
    nth_day_after: MCount


class MAfterClearDays(MStruct, MRule):
    TAG: ClassVar[str] = "after_clear_days"
    after_clear_days: MCount


class MFirstDayOfMonthFollowing(MStruct, MRule):
    TAG: ClassVar[str] = "first_day_of_month_following"
    first_day_of_month_following: MCount


class MAfterPeriod(MStruct, MRule):
    TAG: ClassVar[str] = "after_period"
    after_period: MPeriod
    rounding: ROUNDING = "strict"


class MFixedDate(MStruct, MRule):
    TAG: ClassVar[str] = "fixed_date"
    fixed_date: dt.date


class MEarliest(MStruct, MRule):
    TAG: ClassVar[str] = "earliest"
    earliest: Annotated[tuple[MRule, ...], msgspec.Meta(min_length=1)]


class MLatest(MStruct, MRule):
    TAG: ClassVar[str] = "latest"
    latest: Annotated[tuple[MRule, ...], msgspec.Meta(min_length=1)]


class MOccurred(MStruct, MCondition):
    TAG: ClassVar[str] = "occurred"
    occurred: EVENT_KIND
    party: MId = None
    target: MId = None
    official: MId = None


class MOccurredByAll(MStruct, MCondition):
    TAG: ClassVar[str] = "occurred_by_all"
    occurred: EVENT_KIND
    by_all: MIds
    target: MId = None
    official: MId = None


class MOccurredByAny(MStruct, MCondition):
    TAG: ClassVar[str] = "occurred_by_any"
    occurred: EVENT_KIND
    by_any: MIds
    target: MId = None
    official: MId = None


class MFulfilled(MStruct, MCondition):
    TAG: ClassVar[str] = "fulfilled"
    fulfilled: MId


class MInForce(MStruct, MCondition):
    TAG: ClassVar[str] = "in_force"
    in_force: MId


class MDateReached(MStruct, MCondition):
    TAG: ClassVar[str] = "date_reached"
    date_reached: dt.date


class MAllOf(MStruct, MCondition):
    TAG: ClassVar[str] = "all_of"
    all_of: tuple[MCondition, ...]


class MAnyOf(MStruct, MCondition):
    TAG: ClassVar[str] = "any_of"
    any_of: tuple[MCondition, ...]


class MNot(MStruct, MCondition):
    TAG: ClassVar[str] = "not"
    not_: MCondition = msgspec.field(name="not")


class MAtLeast(MStruct, MCondition):
    TAG: ClassVar[str] = "at_least"
    at_least: MCount
    of: tuple[MCondition, ...]

    def __post_init__(self) -> None:
        if self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} of only {len(self.of)} conditions")


class MDelay(MStruct, MCondition):
    TAG: ClassVar[str] = "delay"
    delay: MCondition
    rule: MRule


class MInstrumentCount(MStruct, MCondition):
    TAG: ClassVar[str] = "instrument_count"
    instrument_count: MCount
    target: MId
    kind: INSTRUMENT_KIND = "deposit"
    among: MId = None


class MInstrumentShare(MStruct, MCondition):
    TAG: ClassVar[str] = "instrument_share"
    instrument_share: MNumber
    target: MId
    among: MId
    kind: INSTRUMENT_KIND = "deposit"


class MWeightedShare(MStruct, MCondition):
    TAG: ClassVar[str] = "weighted_share"
    weighted_share: MNumber
    weights: dict[MId, MNumber]
    target: MId
    kind: INSTRUMENT_KIND = "deposit"
    total: MNumber = None


class MDeadline(MStruct, MAnyDeadline):
    on: dt.date = None
    within: MPeriod = None
    rounding: ROUNDING = "strict"

    def __post_init__(self) -> None:
        if (self.on is None) == (self.within is None):
            raise ValueError("a deadline has exactly one of 'on' and 'within'")


_M_CONDITIONS: dict[str, type] = {
    cls.TAG: cls
    for cls in (
        MOccurred,
        MOccurredByAll,
        MOccurredByAny,
        MFulfilled,
        MInForce,
        MDateReached,
        MAllOf,
        MAnyOf,
        MNot,
        MAtLeast,
        MDelay,
        MInstrumentCount,
        MInstrumentShare,
        MWeightedShare,
    )
}
_M_RULES: dict[str, type] = {
    cls.TAG: cls
    for cls in (
        MNthDayAfter,
        MAfterClearDays,
        MFirstDayOfMonthFollowing,
        MAfterPeriod,
        MFixedDate,
        MEarliest,
        MLatest,
    )
}
_CONDITION_PROBLEM = (
    f"expected a condition: an object with one of the keys {sorted(CONDITION_TAGS)}"
)
_RULE_PROBLEM = f"expected a day-count rule: 'upon' or an object with one of {sorted(RULE_TAGS)}"


def _m_hook(kind: type, value: Any) -> Any:
    """Build the struct for a condition, rule or deadline that msgspec decoded as plain data.

    msgspec reports a ``ValueError`` raised here as a ``ValidationError`` at the value's path.
    """
    if kind is MCondition:
        tag = condition_tag(value) if type(value) is dict else None
        if tag is None:
            raise ValueError(_CONDITION_PROBLEM)
        return msgspec.convert(value, type=_M_CONDITIONS[tag], dec_hook=_m_hook)
    if kind is MRule:
        tag = rule_tag(value)
        if tag is None:
            raise ValueError(_RULE_PROBLEM)
        if tag == "upon":
            return UPON
        return msgspec.convert(value, type=_M_RULES[tag], dec_hook=_m_hook)
    if kind is MAnyDeadline:
        if type(value) is str:
            if value.startswith("P"):
                return MDeadline(within=msgspec.convert(value, type=MPeriod))
            return MDeadline(on=msgspec.convert(value, type=dt.date))
        return msgspec.convert(value, type=MDeadline)
    raise NotImplementedError(kind)


class MPlain(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


class MTerm(MPlain):
    period: MPeriod
    rounding: ROUNDING = "strict"


class MMember(MPlain):
    party: MId
    joined: dt.date = None
    left: dt.date = None


class MPartyEntry(MPlain):
    instrument: INSTRUMENT_KIND = "deposit"
    effective: MRule = UPON
    withdrawal: MRule = UPON


class MEntry(MPlain):
    when: MCondition
    effective: MRule = UPON
    deadline: dt.date = None
    per_party: MPartyEntry = None


class MProvisional(MPlain):
    id: MId
    start: MCondition
    effective: MRule = UPON
    ends_on: dt.date = None
    term: MPeriod | MTerm = None


class MCommitment(MPlain):
    id: MId
    by: MId
    action: ACTION
    summary: str
    measure: MId = None
    beneficiary: MId = None
    condition: MCondition = None
    deadline: MAnyDeadline = None
    term: MPeriod | MTerm = None
    sources: tuple[MId, ...] = ()


class MLink(MPlain):
    kind: LINK_KIND
    target: MId


class MAgreement(MPlain):
    id: MId
    title: str
    kind: AGREEMENT_KIND
    parties: tuple[MId, ...]
    concluded: dt.date = None
    entry_into_force: MEntry = None
    commitments: tuple[MCommitment, ...] = ()
    links: tuple[MLink, ...] = ()
    term: MPeriod | MTerm = None
    provisional_application: MProvisional = None
    summary: str = ""
    sources: tuple[MId, ...] = ()


class MParty(MPlain):
    id: MId
    name: str
    kind: PARTY_KIND = "state"


class MGroup(MPlain):
    id: MId
    name: str
    members: tuple[MId | MMember, ...] = ()


class MOfficial(MPlain):
    id: MId
    name: str
    party: MId
    role: str = ""


class MMeasure(MPlain):
    id: MId
    name: str
    imposed_by: MId
    kind: MEASURE_KIND = "other"
    applies_to: tuple[MId, ...] = ()
    legal_basis: str = ""
    summary: str = ""


class MSource(MPlain):
    id: MId
    publisher: str
    kind: SOURCE_KIND
    title: str = ""
    url: str = None
    published: dt.date = None
    quote: str = ""


class MEvent(MPlain):
    id: MId
    date: dt.date
    kind: EVENT_KIND
    summary: str
    party: MId = None
    official: MId = None
    target: MId = None
    sources: tuple[MId, ...] = ()
    confidence: CONFIDENCE = "high"
    ends_on: dt.date = None
    notes: str = ""


class MDataset(MPlain):
    format: Literal[1]
    title: str = ""
    parties: tuple[MParty, ...] = ()
    groups: tuple[MGroup, ...] = ()
    officials: tuple[MOfficial, ...] = ()
    measures: tuple[MMeasure, ...] = ()
    sources: tuple[MSource, ...] = ()
    agreements: tuple[MAgreement, ...] = ()
    events: tuple[MEvent, ...] = ()


_M_DECODER = msgspec.json.Decoder(MDataset, dec_hook=_m_hook)


def load_msgspec(text: str) -> MDataset:
    data = _M_DECODER.decode(text)
    check_references(data)
    return data


# ------------------------------------------------------------ same information

_COMBINATORS = (ta.AllOf, ta.AnyOf, ta.Not, ta.AtLeast, ta.Delay)


def counts(data: Any) -> dict[str, int]:
    """What a loader read, in numbers that do not depend on the shape of its objects.

    The conditions are those of the commitments, entries into force and provisional
    applications. A condition leaf is one fact asked about: ``{occurred, by_all: [A, B]}`` is two, as
    tradeaccord reads it into ``AllOf`` of two ``Occurred``.
    """
    commitments = [c for a in data.agreements for c in a.commitments]
    roots = [c.condition for c in commitments if c.condition is not None]
    roots += [a.entry_into_force.when for a in data.agreements if a.entry_into_force]
    roots += [a.provisional_application.start for a in data.agreements if a.provisional_application]
    if isinstance(data, ta.Dataset):
        leaves = sum(
            not isinstance(node, _COMBINATORS) for root in roots for _, node in ta.walk(root)
        )
    else:
        leaves = 0
        for root in roots:
            for node in condition_nodes(root):
                if node.TAG == "occurred_by_all":
                    leaves += len(node.by_all)
                elif node.TAG == "occurred_by_any":
                    leaves += len(node.by_any)
                elif node.TAG not in ("all_of", "any_of", "not", "at_least", "delay"):
                    leaves += 1
    return {
        "commitments": len(commitments),
        "conditions": len(roots),
        "condition leaves": leaves,
        "deadlines": sum(c.deadline is not None for c in commitments),
        "terms": sum(c.term is not None for c in commitments),
        "events": len(data.events),
    }


def check_same(text: str) -> dict[str, int]:
    """The counts every loader read from ``text``; raises if a peer differs from tradeaccord."""
    expected = counts(dataset_from_json(text))
    for name, load in (("pydantic v2", load_pydantic), ("msgspec", load_msgspec)):
        found = counts(load(text))
        if found != expected:
            raise RuntimeError(f"{name} read {found}, tradeaccord read {expected}")
    return expected


# ----------------------------------------------------------------- measuring


def interleaved(
    functions: dict[str, Callable[[], Any]], repeat: int
) -> dict[str, tuple[float, float]]:
    """(best, median) seconds of each function, timed in turn ``repeat`` times after one
    untimed warm-up call each: a change in the machine's load touches them all alike."""
    for function in functions.values():
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: (min(t), statistics.median(t)) for name, t in times.items()}


def run(text: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Time the three loaders on the same text."""
    return interleaved(
        {
            "tradeaccord": lambda: dataset_from_json(text),
            "pydantic v2": lambda: load_pydantic(text),
            "msgspec": lambda: load_msgspec(text),
        },
        repeat,
    )


def _constructions(value: Any, out: list[tuple[Any, tuple[Any, ...], dict[str, Any]]]) -> None:
    """Every constructor call that builds ``value`` and the values in it, with the
    arguments it was built with (the values in it, already built)."""
    if isinstance(value, tuple):
        for item in value:
            _constructions(item, out)
        return
    if not attrs.has(type(value)) or isinstance(value, ta.Period | ta.Upon):
        return
    fields = {a.name: getattr(value, a.name) for a in attrs.fields(type(value)) if a.init}
    for field in fields.values():
        _constructions(field, out)
    if isinstance(value, ta.AllOf | ta.AnyOf):
        out.append((type(value), fields["items"], {}))
    elif isinstance(value, ta.AtLeast):
        out.append((ta.AtLeast, (fields["n"], *fields["items"]), {}))
    elif not isinstance(value, ta.Dataset):
        out.append((type(value), (), fields))


def parts(text: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Time the parts of tradeaccord's load, each on its own."""
    from tradeaccord._io.converter import shared
    from tradeaccord._io.documents import parse
    from tradeaccord._io.layout import COLLECTIONS

    data = parse(text, "json").data
    reading = shared().reading
    dataset = dataset_from_json(text)
    values = {name: getattr(dataset, name) for name in COLLECTIONS}

    calls: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []
    _constructions(dataset, calls)

    def read_values() -> None:
        for name, cls in COLLECTIONS.items():
            hook = reading.hooks[cls]
            for item in data.get(name, ()):
                hook(item, cls)

    return interleaved(
        {
            "the whole load": lambda: dataset_from_json(text),
            "parsing JSON, refusing keys given twice": lambda: parse(text, "json"),
            "(json.loads alone)": lambda: json.loads(text),
            "reading the values": read_values,
            "(of which building the attrs values)": lambda: [
                cls(*args, **kwargs) for cls, args, kwargs in calls
            ],
            "the dataset's checks": lambda: ta.Dataset(**values),
        },
        repeat,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--commitments", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--parts", action="store_true", help="also time the parts of tradeaccord's load"
    )
    args = parser.parse_args(argv)
    text = dataset_to_json(build_dataset(args.commitments), indent=None)
    read = check_same(text)  # not timed
    results = run(text, args.repeat)
    ours = results["tradeaccord"][0]
    print(
        f"Loading one agreement with {args.commitments} commitments from JSON "
        f"({len(text) / 1024:.0f} KiB; best of {args.repeat}, interleaved; Python "
        f"{sys.version.split()[0]}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__})"
    )
    print("Every loader read: " + ", ".join(f"{n} {what}" for what, n in read.items()))
    print(f"{'loader':<14}{'best ms':>10}{'median ms':>12}{'tradeaccord / loader':>24}")
    for name, (best, median) in results.items():
        print(f"{name:<14}{best * 1000:>10.1f}{median * 1000:>12.1f}{ours / best:>24.2f}")
    if args.parts:
        timed = parts(text, args.repeat)
        whole = timed["the whole load"][1]
        print(f"{'part of the load':<42}{'best ms':>10}{'median ms':>12}{'share':>8}")
        for name, (best, median) in timed.items():
            print(f"{name:<42}{best * 1000:>10.1f}{median * 1000:>12.1f}{median / whole:>8.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
