"""The one description of the dataset file layout.

Everything else about the layout is derived from the attrs classes of the model: the
keys of an object are the names of its fields, a key is required when its field has no
default, and the type of a field says how its value is written. This module holds what
the classes cannot say:

- the version of the layout (``FORMAT``) and the versions this release reads;
- the tagged nodes: each condition node and day-count rule is an object named by one
  key, its *tag*, that holds the node's main field (``{in_force: geneva-2025}``), with
  the keys of its other fields renamed where the file spells them differently
  (``AtLeast.items`` is ``of``);
- the short forms: ``{occurred: approval, by_all: [USA, CHN]}`` for an ``AllOf`` of
  ``Occurred`` nodes, ``"upon"`` for ``Upon()``, and the objects that may be written as
  one value (a term as its period, a deadline as its date or period, a member as its
  party id);
- the name of each kind of object in messages (``"a party"``) and in the JSON Schema
  (``party``).

The reader, the writer, the JSON Schema and the problem messages all read these tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, final

import attrs

from .._calendar import (
    AfterClearDays,
    AfterPeriod,
    Earliest,
    FirstDayOfMonthFollowing,
    FixedDate,
    Latest,
    NthDayAfter,
    Upon,
)
from .._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Not,
    Occurred,
    WeightedShare,
)
from .._expectations import Expectation, ScenarioFile
from .._model import (
    Account,
    Agreement,
    Commitment,
    Dataset,
    Deadline,
    EntryIntoForce,
    Event,
    EvidencePolicy,
    Group,
    Link,
    Measure,
    Member,
    Official,
    Party,
    PartyEntry,
    ProvisionalApplication,
    Source,
    Term,
)
from .._scenario import Redate, Scenario

__all__ = [
    "COLLECTIONS",
    "CONDITIONS",
    "FORMAT",
    "MAX_DEPTH",
    "OBJECTS",
    "READABLE_FORMATS",
    "RULES",
    "SCALAR_FORMS",
    "SCENARIO_OBJECTS",
    "UPON",
    "Node",
    "Thing",
    "file_key",
    "model_field",
]

FORMAT: Final = 1
"""The layout tradeaccord writes, in the ``format`` key of every dataset file."""

READABLE_FORMATS: Final = (1,)
"""The layouts this release reads."""

MAX_DEPTH: Final = 64
"""The deepest nesting of conditions or day-count rules accepted."""


@final
@attrs.frozen
class Thing:
    """How one kind of object is named: in messages (``"a party"``) and in the JSON
    Schema (``party``)."""

    what: str
    name: str


@final
@attrs.frozen
class Node:
    """A condition node or day-count rule: an object named by its tag.

    ``main`` is the model field the tag holds; ``keys`` renames the other fields whose
    file key is not their name.
    """

    tag: str
    cls: type
    main: str
    keys: Mapping[str, str] = attrs.field(factory=dict)

    def key(self, field: str) -> str:
        """The file key of a model field."""
        return self.tag if field == self.main else self.keys.get(field, field)

    def field(self, key: str) -> str | None:
        """The model field of a file key (``None`` for a key the node does not take)."""
        if key == self.tag:
            return self.main
        for field, renamed in self.keys.items():
            if renamed == key:
                return field
        names = {a.name for a in attrs.fields(self.cls)}
        return key if key in names and key not in self.keys and key != self.main else None

    @property
    def file_keys(self) -> tuple[str, ...]:
        """Every key of the node in the file, the tag first, then in field order."""
        fields = [a.name for a in attrs.fields(self.cls)]
        return (self.tag, *(self.key(f) for f in fields if f != self.main))

    @property
    def what(self) -> str:
        """``"an 'in_force' condition"``, ``"a 'nth_day_after' rule"``."""
        kind = "rule" if self.cls in _RULE_TYPES else "condition"
        article = "an" if self.tag[0] in "aeiou" and kind == "condition" else "a"
        return f"{article} {self.tag!r} {kind}"


_RULE_TYPES = frozenset(
    {
        Upon,
        NthDayAfter,
        AfterClearDays,
        FirstDayOfMonthFollowing,
        AfterPeriod,
        FixedDate,
        Earliest,
        Latest,
    }
)

CONDITIONS: Final = (
    Node("occurred", Occurred, "kind"),
    Node("fulfilled", Fulfilled, "commitment"),
    Node("in_force", InForce, "agreement"),
    Node("date_reached", DateReached, "on"),
    Node("all_of", AllOf, "items"),
    Node("any_of", AnyOf, "items"),
    Node("not", Not, "item"),
    Node("at_least", AtLeast, "n", {"items": "of"}),
    Node("delay", Delay, "item"),
    Node("instrument_count", InstrumentCount, "n"),
    Node("instrument_share", InstrumentShare, "share"),
    Node("weighted_share", WeightedShare, "share"),
)
"""The condition nodes, in the order of the reference."""

UPON: Final = "upon"
"""``Upon()``, the rule with nothing to say, is written as this word."""

RULES: Final = (
    Node("nth_day_after", NthDayAfter, "n"),
    Node("after_clear_days", AfterClearDays, "n"),
    Node("first_day_of_month_following", FirstDayOfMonthFollowing, "n"),
    Node("after_period", AfterPeriod, "period"),
    Node("fixed_date", FixedDate, "on"),
    Node("earliest", Earliest, "rules"),
    Node("latest", Latest, "rules"),
)
"""The day-count rules written as objects, in the order of the reference."""

SHARED_OCCURRENCE: Final = {"by_all": AllOf, "by_any": AnyOf}
"""The short form of an ``AllOf`` or ``AnyOf`` of ``Occurred`` nodes that differ only by
party: ``{occurred: approval, by_all: [USA, CHN], target: deal}``."""

SCALAR_FORMS: Final[Mapping[type, tuple[str, ...]]] = {
    Term: ("period",),
    Deadline: ("on", "within"),
    Member: ("party",),
    Account: ("source",),
}
"""Objects that may be written as the value of one of their fields, when their other
fields hold their defaults: a term as its period, a deadline as its date or its period,
a member as its party id, an account as its source id (a claim)."""

OBJECTS: Final[Mapping[type, Thing]] = {
    Party: Thing("a party", "party"),
    Member: Thing("a member", "member"),
    Group: Thing("a group", "group"),
    Official: Thing("an official", "official"),
    Measure: Thing("a measure", "measure"),
    Source: Thing("a source", "source"),
    Account: Thing("an account", "account"),
    Event: Thing("an event", "event"),
    Link: Thing("a link", "link"),
    Term: Thing("a term", "term"),
    Deadline: Thing("a deadline", "deadline"),
    Commitment: Thing("a commitment", "commitment"),
    PartyEntry: Thing("a per-party entry into force", "per_party"),
    EntryIntoForce: Thing("an entry-into-force clause", "entry_into_force"),
    ProvisionalApplication: Thing("a provisional application", "provisional_application"),
    Agreement: Thing("an agreement", "agreement"),
    EvidencePolicy: Thing("an evidence policy", "evidence_policy"),
    Dataset: Thing("a dataset", "dataset"),
    Redate: Thing("a re-dating", "redate"),
    Scenario: Thing("a scenario", "scenario"),
    Expectation: Thing("an expectation", "expectation"),
    ScenarioFile: Thing("a scenario file", "scenario_file"),
}
"""Every object of the layout that is not a tagged node."""

SCENARIO_OBJECTS: Final = frozenset({Redate, Scenario, Expectation, ScenarioFile})
"""The objects of scenario files only (a dataset file holds none of them)."""

COLLECTIONS: Final[Mapping[str, type]] = {
    "parties": Party,
    "groups": Group,
    "officials": Official,
    "measures": Measure,
    "sources": Source,
    "agreements": Agreement,
    "events": Event,
}
"""The lists of a dataset file, in the order they are written."""

NODES: Final[Mapping[type, Node]] = {node.cls: node for node in (*CONDITIONS, *RULES)}


def file_key(cls: Any, field: str) -> str:
    """The key a field of ``cls`` has in a file (its name, unless the node renames it)."""
    node = NODES.get(cls)
    return field if node is None else node.key(field)


def model_field(cls: Any, key: str) -> str | None:
    """The field of ``cls`` a file key holds (``None`` if ``cls`` takes no such key)."""
    node = NODES.get(cls)
    if node is not None:
        return node.field(key)
    if attrs.has(cls) and key in {a.name for a in attrs.fields(cls) if a.init}:
        return key
    return None
