"""Loading a 2,000-commitment agreement from canonical JSON, against pydantic v2 and msgspec.

The three loaders read the same JSON text into immutable, validated objects:

- tradeaccord: ``tradeaccord.serialization.dataset_from_json`` (attrs classes built by
  cattrs, every id, enum, date and condition checked, then every cross-reference);
- pydantic v2: frozen ``BaseModel`` classes with the same fields, enums, dates,
  discriminated unions for conditions and day-count rules, extra keys forbidden, and the
  same cross-reference checks after validation;
- msgspec: frozen ``Struct`` classes with tagged unions, extra keys forbidden, and the
  same cross-reference checks after decoding.

All three are timed in the same run; the ratios (tradeaccord time / peer time) are what
to compare across machines. Run with::

    python benchmarks/load_json.py            # 2,000 commitments, best of 7
    python benchmarks/load_json.py --commitments 200 --repeat 3

It needs the ``bench`` extra: ``pip install -e ".[bench]"``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

import msgspec
import pydantic

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


# ------------------------------------------------------------ shared checks


def check_references(data: Any) -> None:
    """The cross-reference checks tradeaccord's Dataset makes, for the peer models."""
    parties = {p.id for p in data.parties}
    measures = {m.id for m in data.measures}
    sources = {s.id for s in data.sources}
    agreements = {a.id for a in data.agreements}
    commitments = {c.id for a in data.agreements for c in a.commitments}
    targets = agreements | commitments | measures
    problems: list[str] = []

    def need(value: str | None, table: set[str], where: str) -> None:
        if value is not None and value not in table:
            problems.append(where)

    def walk(node: Any, where: str) -> None:
        tag = node.type
        if tag == "occurred":
            need(node.party, parties, where)
            need(node.target, targets, where)
        elif tag == "fulfilled":
            need(node.commitment, commitments, where)
        elif tag == "in_force":
            need(node.agreement, agreements, where)
        for child in getattr(node, "items", ()) or ():
            walk(child, where)
        if getattr(node, "item", None) is not None:
            walk(node.item, where)

    for agreement in data.agreements:
        for party in agreement.parties:
            need(party, parties, agreement.id)
        if agreement.entry_into_force is not None:
            walk(agreement.entry_into_force.when, agreement.id)
        for commitment in agreement.commitments:
            need(commitment.by, parties, commitment.id)
            need(commitment.beneficiary, parties, commitment.id)
            need(commitment.measure, measures, commitment.id)
            for source in commitment.sources:
                need(source, sources, commitment.id)
            if commitment.condition is not None:
                walk(commitment.condition, commitment.id)
    for event in data.events:
        need(event.party, parties, event.id)
        need(event.target, targets, event.id)
        for source in event.sources:
            need(source, sources, event.id)
    if problems:
        raise ValueError(f"unknown references at {problems[:5]}")


PERIOD = r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"
Id = Annotated[str, pydantic.StringConstraints(min_length=1, strip_whitespace=False)]


def _enum(values: Iterable[enum.Enum]) -> Any:
    return Literal[tuple(v.value for v in values)]  # type: ignore[misc]


ACTION, EVENT_KIND = _enum(ta.Action), _enum(ta.EventKind)
AGREEMENT_KIND, CONFIDENCE = _enum(ta.AgreementKind), _enum(ta.Confidence)
ROUNDING, LINK_KIND = _enum(ta.Rounding), _enum(ta.LinkKind)
PARTY_KIND, MEASURE_KIND, SOURCE_KIND = (
    _enum(ta.PartyKind),
    _enum(ta.MeasureKind),
    _enum(ta.SourceKind),
)

# --------------------------------------------------------------- pydantic v2


class PModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=False)


class PUpon(PModel):
    type: Literal["upon"]


class PNth(PModel):
    type: Literal["nth_day_after", "after_clear_days", "first_day_of_month_following"]
    n: Annotated[int, pydantic.Field(ge=1)]


class PAfterPeriod(PModel):
    type: Literal["after_period"]
    period: Annotated[str, pydantic.Field(pattern=PERIOD)]
    rounding: ROUNDING = "strict"


class PFixed(PModel):
    type: Literal["fixed_date"]
    on: dt.date


class PEarliest(PModel):
    type: Literal["earliest", "latest"]
    rules: tuple[PRule, ...]


PRule = Annotated[
    PUpon | PNth | PAfterPeriod | PFixed | PEarliest, pydantic.Field(discriminator="type")
]


class POccurred(PModel):
    type: Literal["occurred"]
    kind: EVENT_KIND
    party: Id | None = None
    target: Id | None = None
    official: Id | None = None


class PFulfilled(PModel):
    type: Literal["fulfilled"]
    commitment: Id


class PInForce(PModel):
    type: Literal["in_force"]
    agreement: Id


class PDateReached(PModel):
    type: Literal["date_reached"]
    on: dt.date


class PCount(PModel):
    type: Literal["instrument_count"]
    n: Annotated[int, pydantic.Field(ge=1)]
    target: Id
    kind: EVENT_KIND = "deposit"
    among: Id | None = None


class PShare(PModel):
    type: Literal["instrument_share"]
    share: str
    target: Id
    among: Id
    kind: EVENT_KIND = "deposit"


class PWeighted(PModel):
    type: Literal["weighted_share"]
    share: str
    weights: dict[str, str]
    target: Id
    kind: EVENT_KIND = "deposit"
    total: str | None = None


class PItems(PModel):
    type: Literal["all_of", "any_of"]
    items: tuple[PCondition, ...]


class PAtLeast(PModel):
    type: Literal["at_least"]
    n: int
    items: tuple[PCondition, ...]


class PNot(PModel):
    type: Literal["not"]
    item: PCondition


class PDelay(PModel):
    type: Literal["delay"]
    item: PCondition
    rule: PRule


PCondition = Annotated[
    POccurred
    | PFulfilled
    | PInForce
    | PDateReached
    | PCount
    | PShare
    | PWeighted
    | PItems
    | PAtLeast
    | PNot
    | PDelay,
    pydantic.Field(discriminator="type"),
]


class PTerm(PModel):
    period: Annotated[str, pydantic.Field(pattern=PERIOD)]
    rounding: ROUNDING = "strict"


class PDeadline(PModel):
    on: dt.date | None = None
    within: Annotated[str, pydantic.Field(pattern=PERIOD)] | None = None
    rounding: ROUNDING = "strict"


class PPartyEntry(PModel):
    instrument: EVENT_KIND = "deposit"
    effective: PRule
    withdrawal: PRule


class PEntry(PModel):
    when: PCondition
    effective: PRule
    deadline: dt.date | None = None
    per_party: PPartyEntry | None = None


class PProvisional(PModel):
    id: Id
    start: PCondition
    effective: PRule
    ends_on: dt.date | None = None
    term: PTerm | None = None


class PCommitment(PModel):
    id: Id
    by: Id
    action: ACTION
    summary: str
    measure: Id | None = None
    beneficiary: Id | None = None
    condition: PCondition | None = None
    deadline: PDeadline | None = None
    term: PTerm | None = None
    sources: tuple[Id, ...] = ()


class PLink(PModel):
    kind: LINK_KIND
    target: Id


class PAgreement(PModel):
    id: Id
    title: str
    kind: AGREEMENT_KIND
    parties: tuple[Id, ...]
    concluded: dt.date | None = None
    entry_into_force: PEntry | None = None
    commitments: tuple[PCommitment, ...] = ()
    links: tuple[PLink, ...] = ()
    term: PTerm | None = None
    provisional_application: PProvisional | None = None
    summary: str = ""
    sources: tuple[Id, ...] = ()


class PParty(PModel):
    id: Id
    name: str
    kind: PARTY_KIND = "state"


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
    title: str
    url: str | None = None
    published: dt.date | None = None
    quote: str = ""


class PEvent(PModel):
    id: Id
    date: dt.date
    kind: EVENT_KIND
    summary: str
    party: Id | None = None
    official: Id | None = None
    target: Id | None = None
    sources: tuple[Id, ...] = ()
    confidence: CONFIDENCE = "high"
    ends_on: dt.date | None = None
    notes: str = ""


class PDataset(PModel):
    format: Literal[1]
    parties: tuple[PParty, ...] = ()
    groups: tuple[dict[str, Any], ...] = ()
    officials: tuple[dict[str, Any], ...] = ()
    measures: tuple[PMeasure, ...] = ()
    sources: tuple[PSource, ...] = ()
    agreements: tuple[PAgreement, ...] = ()
    events: tuple[PEvent, ...] = ()
    title: str = ""

    @pydantic.model_validator(mode="after")
    def _references(self) -> PDataset:
        check_references(self)
        return self


def load_pydantic(text: str) -> PDataset:
    return PDataset.model_validate_json(text)


# ------------------------------------------------------------------- msgspec


class MStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="type"):
    pass


class MUpon(MStruct, tag="upon"):
    pass


class MNth(MStruct, tag="nth_day_after"):
    n: Annotated[int, msgspec.Meta(ge=1)]


class MClear(MStruct, tag="after_clear_days"):
    n: Annotated[int, msgspec.Meta(ge=1)]


class MMonth(MStruct, tag="first_day_of_month_following"):
    n: Annotated[int, msgspec.Meta(ge=1)]


class MAfterPeriod(MStruct, tag="after_period"):
    period: Annotated[str, msgspec.Meta(pattern=PERIOD)]
    rounding: ROUNDING = "strict"


class MFixed(MStruct, tag="fixed_date"):
    on: dt.date


class MEarliest(MStruct, tag="earliest"):
    rules: tuple[MRule, ...]


class MLatest(MStruct, tag="latest"):
    rules: tuple[MRule, ...]


MRule = MUpon | MNth | MClear | MMonth | MAfterPeriod | MFixed | MEarliest | MLatest
MId = Annotated[str, msgspec.Meta(min_length=1)]


class MOccurred(MStruct, tag="occurred"):
    kind: EVENT_KIND
    party: MId | None = None
    target: MId | None = None
    official: MId | None = None


class MFulfilled(MStruct, tag="fulfilled"):
    commitment: MId


class MInForce(MStruct, tag="in_force"):
    agreement: MId


class MDateReached(MStruct, tag="date_reached"):
    on: dt.date


class MCount(MStruct, tag="instrument_count"):
    n: Annotated[int, msgspec.Meta(ge=1)]
    target: MId
    kind: EVENT_KIND = "deposit"
    among: MId | None = None


class MShare(MStruct, tag="instrument_share"):
    share: str
    target: MId
    among: MId
    kind: EVENT_KIND = "deposit"


class MWeighted(MStruct, tag="weighted_share"):
    share: str
    weights: dict[str, str]
    target: MId
    kind: EVENT_KIND = "deposit"
    total: str | None = None


class MAllOf(MStruct, tag="all_of"):
    items: tuple[MCondition, ...]


class MAnyOf(MStruct, tag="any_of"):
    items: tuple[MCondition, ...]


class MAtLeast(MStruct, tag="at_least"):
    n: int
    items: tuple[MCondition, ...]


class MNot(MStruct, tag="not"):
    item: MCondition


class MDelay(MStruct, tag="delay"):
    item: MCondition
    rule: MRule


MCondition = (
    MOccurred
    | MFulfilled
    | MInForce
    | MDateReached
    | MCount
    | MShare
    | MWeighted
    | MAllOf
    | MAnyOf
    | MAtLeast
    | MNot
    | MDelay
)


class MPlain(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    pass


class MTerm(MPlain):
    period: Annotated[str, msgspec.Meta(pattern=PERIOD)]
    rounding: ROUNDING = "strict"


class MDeadline(MPlain):
    on: dt.date | None = None
    within: Annotated[str, msgspec.Meta(pattern=PERIOD)] | None = None
    rounding: ROUNDING = "strict"


class MPartyEntry(MPlain):
    effective: MRule
    withdrawal: MRule
    instrument: EVENT_KIND = "deposit"


class MEntry(MPlain):
    when: MCondition
    effective: MRule
    deadline: dt.date | None = None
    per_party: MPartyEntry | None = None


class MProvisional(MPlain):
    id: MId
    start: MCondition
    effective: MRule
    ends_on: dt.date | None = None
    term: MTerm | None = None


class MCommitment(MPlain):
    id: MId
    by: MId
    action: ACTION
    summary: str
    measure: MId | None = None
    beneficiary: MId | None = None
    condition: MCondition | None = None
    deadline: MDeadline | None = None
    term: MTerm | None = None
    sources: tuple[MId, ...] = ()


class MLink(MPlain):
    kind: LINK_KIND
    target: MId


class MAgreement(MPlain):
    id: MId
    title: str
    kind: AGREEMENT_KIND
    parties: tuple[MId, ...]
    concluded: dt.date | None = None
    entry_into_force: MEntry | None = None
    commitments: tuple[MCommitment, ...] = ()
    links: tuple[MLink, ...] = ()
    term: MTerm | None = None
    provisional_application: MProvisional | None = None
    summary: str = ""
    sources: tuple[MId, ...] = ()


class MParty(MPlain):
    id: MId
    name: str
    kind: PARTY_KIND = "state"


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
    title: str
    url: str | None = None
    published: dt.date | None = None
    quote: str = ""


class MEvent(MPlain):
    id: MId
    date: dt.date
    kind: EVENT_KIND
    summary: str
    party: MId | None = None
    official: MId | None = None
    target: MId | None = None
    sources: tuple[MId, ...] = ()
    confidence: CONFIDENCE = "high"
    ends_on: dt.date | None = None
    notes: str = ""


class MDataset(MPlain):
    format: Literal[1]
    parties: tuple[MParty, ...] = ()
    groups: tuple[dict[str, Any], ...] = ()
    officials: tuple[dict[str, Any], ...] = ()
    measures: tuple[MMeasure, ...] = ()
    sources: tuple[MSource, ...] = ()
    agreements: tuple[MAgreement, ...] = ()
    events: tuple[MEvent, ...] = ()
    title: str = ""


_M_DECODER = msgspec.json.Decoder(MDataset)


def _msgspec_type(node: Any) -> str:
    return type(node).__struct_config__.tag  # type: ignore[no-any-return]


def load_msgspec(text: str) -> MDataset:
    data = _M_DECODER.decode(text)
    check_references(_MView(data))
    return data


class _MView:
    """Presents msgspec conditions with a ``type`` attribute, as the shared check expects."""

    def __init__(self, data: MDataset) -> None:
        self.parties, self.measures, self.sources = data.parties, data.measures, data.sources
        self.events = data.events
        self.agreements = [_MAgreementView(a) for a in data.agreements]


class _MNode:
    def __init__(self, node: Any) -> None:
        self.type = _msgspec_type(node)
        self._node = node
        self.items = tuple(_MNode(i) for i in getattr(node, "items", ()) or ())
        inner = getattr(node, "item", None)
        self.item = _MNode(inner) if inner is not None else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._node, name)


class _MCommitmentView:
    def __init__(self, c: MCommitment) -> None:
        self.id, self.by, self.beneficiary, self.measure = c.id, c.by, c.beneficiary, c.measure
        self.sources = c.sources
        self.condition = _MNode(c.condition) if c.condition is not None else None


class _MEntryView:
    def __init__(self, e: MEntry) -> None:
        self.when = _MNode(e.when)


class _MAgreementView:
    def __init__(self, a: MAgreement) -> None:
        self.id, self.parties = a.id, a.parties
        self.entry_into_force = (
            _MEntryView(a.entry_into_force) if a.entry_into_force is not None else None
        )
        self.commitments = [_MCommitmentView(c) for c in a.commitments]


# ----------------------------------------------------------------- measuring


def best_of(function: Callable[[str], Any], text: str, repeat: int) -> tuple[float, float]:
    """(best, median) seconds of ``repeat`` timed calls, after one untimed warm-up call."""
    function(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def run(commitments: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Time the three loaders on the same text; check they all read it."""
    text = dataset_to_json(build_dataset(commitments), indent=None)
    loaded = dataset_from_json(text)
    assert len(loaded.agreements[0].commitments) == commitments
    assert len(load_pydantic(text).agreements[0].commitments) == commitments
    assert len(load_msgspec(text).agreements[0].commitments) == commitments
    return {
        "tradeaccord": best_of(dataset_from_json, text, repeat),
        "pydantic v2": best_of(load_pydantic, text, repeat),
        "msgspec": best_of(load_msgspec, text, repeat),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--commitments", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    results = run(args.commitments, args.repeat)
    ours = results["tradeaccord"][0]
    print(
        f"Loading one agreement with {args.commitments} commitments from JSON "
        f"(best of {args.repeat}; Python {sys.version.split()[0]}, "
        f"pydantic {pydantic.VERSION}, msgspec {msgspec.__version__})"
    )
    print(f"{'loader':<14}{'best ms':>10}{'median ms':>12}{'tradeaccord / loader':>24}")
    for name, (best, median) in results.items():
        print(f"{name:<14}{best * 1000:>10.1f}{median * 1000:>12.1f}{ours / best:>24.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
