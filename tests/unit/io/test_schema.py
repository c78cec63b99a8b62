"""The JSON Schema of the dataset file layout."""

from __future__ import annotations

import copy
import enum
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradeaccord as ta
from tradeaccord._calendar import Period, Rounding
from tradeaccord._io.schema import json_schema
from tradeaccord._vocabulary import (
    Action,
    AgreementKind,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    PartyKind,
    SourceKind,
)
from tradeaccord.errors import TradeAccordError

Doc = dict[str, Any]

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def agreement_with(**keys: Any) -> Doc:
    """A one-agreement document whose agreement has ``keys`` added."""
    agreement = {"id": "deal", "title": "A deal", "kind": "treaty", "parties": ["USA", "CHN"]}
    return {"format": 1, "agreements": [{**agreement, **keys}]}


def condition_doc(condition: Any) -> Doc:
    return agreement_with(entry_into_force={"when": condition})


def rule_doc(rule: Any) -> Doc:
    return agreement_with(entry_into_force={"when": {"in_force": "other"}, "effective": rule})


def commitment_doc(**keys: Any) -> Doc:
    commitment = {"id": "deal/c1", "by": "USA", "action": "lift", "summary": "Lift it"}
    return agreement_with(commitments=[{**commitment, **keys}])


# The first example of docs/reference/dataset-format.md, in YAML.
YAML_EXAMPLE: Doc = {
    "format": 1,
    "title": "A bilateral framework",
    "parties": [{"id": "USA", "name": "United States"}, {"id": "CHN", "name": "China"}],
    "agreements": [
        {
            "id": "framework",
            "title": "A framework",
            "kind": "framework",
            "parties": ["USA", "CHN"],
            "entry_into_force": {
                "when": {"occurred": "approval", "by_all": ["USA", "CHN"], "target": "framework"}
            },
        }
    ],
    "events": [
        {
            "id": "us-ok",
            "date": "2025-06-11",
            "kind": "approval",
            "party": "USA",
            "target": "framework",
            "summary": "The US approves",
        }
    ],
}

# The same example in TOML reads to the same data (its native date as a string).
TOML_EXAMPLE: Doc = copy.deepcopy(YAML_EXAMPLE)

# Every kind of object, with every optional key somewhere.
FULL: Doc = {
    "format": 1,
    "title": "Everything",
    "parties": [
        {"id": "USA", "name": "United States"},
        {"id": "CHN", "name": "China", "kind": "state"},
        {"id": "EU", "name": "European Union", "kind": "bloc"},
        {"id": "X", "name": "One-letter id", "kind": "customs_territory"},
    ],
    "groups": [
        {
            "id": "G3",
            "name": "Three",
            "members": ["USA", {"party": "CHN", "joined": "2001-12-11"}, {"party": "EU"}],
        },
        {
            "id": "G1",
            "name": "One",
            "members": [{"party": "X", "joined": "2000-01-01", "left": "2010-01-01"}],
        },
        {"id": "G0", "name": "None yet"},
    ],
    "officials": [
        {"id": "potus", "name": "The President", "party": "USA", "role": "President"},
        {"id": "envoy", "name": "An envoy", "party": "CHN"},
    ],
    "measures": [
        {"id": "us-tariff", "name": "A tariff", "imposed_by": "USA"},
        {
            "id": "cn-controls",
            "name": "Export controls",
            "imposed_by": "CHN",
            "kind": "export_control",
            "applies_to": ["USA"],
            "legal_basis": "An order",
            "summary": "Controls on exports",
        },
    ],
    "sources": [
        {"id": "s1", "publisher": "A ministry", "kind": "official_text"},
        {
            "id": "s2",
            "publisher": "A paper",
            "kind": "press_report",
            "title": "A report",
            "url": "https://example.org/report",
            "published": "2025-06-12",
            "quote": "They agreed.",
        },
    ],
    "agreements": [
        {
            "id": "deal",
            "title": "A deal",
            "kind": "treaty",
            "parties": ["USA", "CHN"],
            "concluded": "2025-06-10",
            "entry_into_force": {
                "when": {"occurred": "approval", "by_any": ["USA", "CHN"], "target": "deal"},
                "effective": {"nth_day_after": 30},
                "deadline": "2026-12-31",
                "per_party": {
                    "instrument": "ratification",
                    "effective": {"first_day_of_month_following": 1},
                    "withdrawal": {"after_period": "P1Y"},
                },
            },
            "commitments": [
                {
                    "id": "deal/c1",
                    "by": "USA",
                    "action": "reduce",
                    "summary": "Cut the tariff",
                    "measure": "us-tariff",
                    "beneficiary": "CHN",
                    "condition": {"fulfilled": "deal/c2"},
                    "deadline": "2025-12-31",
                    "term": "P90D",
                    "sources": ["s1", "s2"],
                },
                {
                    "id": "deal/c2",
                    "by": "CHN",
                    "action": "suspend",
                    "summary": "Suspend the controls",
                    "deadline": "P30D",
                    "term": {"period": "P1M", "rounding": "down"},
                },
                {
                    "id": "deal/c3",
                    "by": "CHN",
                    "action": "provide",
                    "summary": "Provide licences",
                    "deadline": {"on": "2025-09-01"},
                },
                {
                    "id": "deal/c4",
                    "by": "USA",
                    "action": "refrain",
                    "summary": "No new tariffs",
                    "deadline": {"within": "P2W", "rounding": "up"},
                    "term": {"period": "P1Y6M"},
                },
            ],
            "links": [{"kind": "implements", "target": "framework"}],
            "term": "P3M",
            "provisional_application": {
                "id": "deal/provisional",
                "start": {"date_reached": "2025-07-01"},
                "effective": "upon",
                "term": "P6M",
            },
            "summary": "A deal",
            "sources": ["s1"],
        },
        {
            "id": "framework",
            "title": "A framework",
            "kind": "framework",
            "parties": ["USA", "CHN", "EU"],
            "provisional_application": {
                "id": "framework/provisional",
                "start": {"occurred": "signature", "party": "USA", "official": "potus"},
                "ends_on": "2026-01-01",
            },
        },
    ],
    "events": [
        {"id": "e1", "date": "2025-06-11", "kind": "approval", "summary": "Approved"},
        {
            "id": "e2",
            "date": "2025-06-12",
            "kind": "extension",
            "summary": "Extended",
            "party": "USA",
            "official": "potus",
            "target": "deal",
            "sources": ["s2"],
            "confidence": "medium",
            "ends_on": "2026-06-12",
            "notes": "By order",
        },
    ],
}

EVERY_CONDITION: list[Any] = [
    {"occurred": "approval"},
    {"occurred": "approval", "party": "USA", "target": "deal", "official": "potus"},
    {"occurred": "approval", "by_all": ["USA", "CHN"], "target": "deal"},
    {"occurred": "deposit", "by_any": ["USA"]},
    {"fulfilled": "deal/c1"},
    {"in_force": "deal"},
    {"date_reached": "2026-01-01"},
    {"all_of": [{"in_force": "a"}, {"in_force": "b"}]},
    {"all_of": []},
    {"any_of": [{"in_force": "a"}, {"not": {"in_force": "b"}}]},
    {"any_of": []},
    {"not": {"fulfilled": "deal/c1"}},
    {"at_least": 2, "of": [{"in_force": "a"}, {"in_force": "b"}, {"in_force": "c"}]},
    {"delay": {"in_force": "a"}, "rule": {"nth_day_after": 30}},
    {"delay": {"all_of": [{"in_force": "a"}, {"date_reached": "2026-01-01"}]}, "rule": "upon"},
    {"instrument_count": 3, "target": "t"},
    {"instrument_count": 3, "target": "t", "kind": "ratification", "among": "G3"},
    {"instrument_share": "2/3", "target": "t", "among": "G3"},
    {"instrument_share": 1, "target": "t", "among": "G3", "kind": "acceptance"},
    {"instrument_share": 0.5, "target": "t", "among": "G3"},
    {"weighted_share": "55%", "weights": {"A": "36.1", "B": 20}, "target": "t"},
    {
        "weighted_share": "0.55",
        "weights": {"A": 36.1, "B": "2/3", "C": 0},
        "target": "t",
        "kind": "deposit",
        "total": "100",
    },
    {"weighted_share": "1", "weights": {}, "target": "t", "total": 5},
]

EVERY_RULE: list[Any] = [
    "upon",
    {"nth_day_after": 30},
    {"after_clear_days": 1},
    {"first_day_of_month_following": 3},
    {"after_period": "P1Y"},
    {"after_period": "P1M", "rounding": "up"},
    {"fixed_date": "2026-01-01"},
    {"earliest": ["upon", {"fixed_date": "2026-01-01"}]},
    {"latest": [{"nth_day_after": 90}, {"earliest": [{"after_period": "P2W"}]}]},
]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself passes the draft 2020-12 meta-schema."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].startswith("https://")


def test_each_call_returns_a_fresh_dict() -> None:
    """Changing one returned schema does not change the next."""
    first = json_schema()
    first["$defs"]["id"]["minLength"] = 99
    first["required"].append("title")
    second = json_schema()
    assert second == SCHEMA
    assert second["$defs"]["id"]["minLength"] == 1


def test_format_is_required_and_must_be_1() -> None:
    """The top level requires 'format', whose only value is 1."""
    assert SCHEMA["required"] == ["format"]
    assert SCHEMA["properties"]["format"]["const"] == 1
    assert errors({"format": 1}) == []


@pytest.mark.parametrize(
    "document", [YAML_EXAMPLE, TOML_EXAMPLE, FULL], ids=["yaml", "toml", "full"]
)
def test_valid_documents_validate(document: Doc) -> None:
    """The reference examples and a document using every key pass."""
    assert errors(document) == []


@pytest.mark.parametrize("condition", EVERY_CONDITION, ids=lambda c: next(iter(c)))
def test_every_condition_form_validates(condition: Any) -> None:
    """Each condition form of the reference is accepted as an entry-into-force condition."""
    assert errors(condition_doc(condition)) == []


@pytest.mark.parametrize(
    "rule", EVERY_RULE, ids=lambda r: r if isinstance(r, str) else next(iter(r))
)
def test_every_day_count_form_validates(rule: Any) -> None:
    """Each day-count rule form of the reference is accepted where a rule is expected."""
    assert errors(rule_doc(rule)) == []
    assert errors(condition_doc({"delay": {"in_force": "a"}, "rule": rule})) == []


def test_deeply_nested_condition_validates() -> None:
    """Conditions nest through every combinator (the schema is recursive)."""
    leaf: Any = {"in_force": "a"}
    for wrap in (
        lambda c: {"not": c},
        lambda c: {"all_of": [c]},
        lambda c: {"any_of": [c, {"in_force": "b"}]},
        lambda c: {"at_least": 1, "of": [c]},
        lambda c: {"delay": c, "rule": {"latest": [{"earliest": ["upon"]}]}},
    ):
        leaf = wrap(leaf)
    assert errors(condition_doc(leaf)) == []


Mutation = Callable[[Doc], None]


def _keys(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".")] if path else []


def _json_path(path: str) -> str:
    """The JSON path jsonschema reports for a dotted path (numbers index lists)."""
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in _keys(path))


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _set(path: str, value: Any, *, new_key: bool = False) -> tuple[Mutation, str]:
    """Set the value at a dotted path; the error is expected there, or at its parent for a new key."""
    *parents, last = _keys(path)

    def mutate(document: Doc) -> None:
        target: Any = document
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate, _json_path(_parent(path) if new_key else path)


def _del(path: str) -> tuple[Mutation, str]:
    """Delete the value at a dotted path; the error is expected at its parent."""
    *parents, last = _keys(path)

    def mutate(document: Doc) -> None:
        target: Any = document
        for key in parents:
            target = target[key]
        del target[last]

    return mutate, _json_path(_parent(path))


WHEN = "agreements.0.entry_into_force.when"
COMMITMENT = "agreements.0.commitments.0"

INVALID: dict[str, tuple[Mutation, str]] = {
    "missing format": _del("format"),
    "format 2": _set("format", 2),
    "format as a string": _set("format", "1"),
    "unknown top-level key": _set("version", 1, new_key=True),
    "unknown key in a commitment": _set(f"{COMMITMENT}.due", "2025-12-31", new_key=True),
    "commitment without summary": _del(f"{COMMITMENT}.summary"),
    "unknown event kind": _set("events.0.kind", "approvl"),
    "enumeration in upper case": _set("events.0.kind", "APPROVAL"),
    "unknown party kind": _set("parties.0.kind", "country"),
    "condition with two tag keys": _set(WHEN, {"in_force": "a", "fulfilled": "deal/c1"}),
    "condition with no tag key": _set(WHEN, {"target": "deal"}),
    "condition tagged 'type'": _set(WHEN, {"type": "in_force", "agreement": "a"}),
    "occurred with party and by_all": _set(
        WHEN, {"occurred": "approval", "party": "USA", "by_all": ["USA", "CHN"]}
    ),
    "occurred with by_all and by_any": _set(
        WHEN, {"occurred": "approval", "by_all": ["USA"], "by_any": ["CHN"]}
    ),
    "empty by_all": _set(WHEN, {"occurred": "approval", "by_all": []}),
    "empty by_any": _set(WHEN, {"occurred": "approval", "by_any": []}),
    "at_least 0": _set(WHEN, {"at_least": 0, "of": [{"in_force": "a"}]}),
    "at_least without of": _set(WHEN, {"at_least": 1}),
    "at_least as a string": _set(WHEN, {"at_least": "1", "of": [{"in_force": "a"}]}),
    "at_least of nothing": _set(WHEN, {"at_least": 1, "of": []}),
    "delay without rule": _set(WHEN, {"delay": {"in_force": "a"}}),
    "delay with a bad rule": _set(WHEN, {"delay": {"in_force": "a"}, "rule": {"nth_day_after": 0}}),
    "instrument count without target": _set(WHEN, {"instrument_count": 3}),
    "instrument share without among": _set(WHEN, {"instrument_share": "2/3", "target": "t"}),
    "instrument share above 1": _set(WHEN, {"instrument_share": 2, "target": "t", "among": "G"}),
    "withdrawal as an instrument": _set(
        WHEN, {"instrument_count": 3, "target": "t", "kind": "withdrawal"}
    ),
    "weights as a list": _set(
        WHEN, {"weighted_share": "55%", "weights": [["A", 1]], "target": "t"}
    ),
    "weight as a word": _set(
        WHEN, {"weighted_share": "55%", "weights": {"A": "lots"}, "target": "t"}
    ),
    "weight as a boolean": _set(
        WHEN, {"weighted_share": "55%", "weights": {"A": True}, "target": "t"}
    ),
    "share with a zero denominator": _set(
        WHEN, {"instrument_share": "2/0", "target": "t", "among": "G"}
    ),
    "rule given as an unknown word": _set("agreements.0.entry_into_force.effective", "soon"),
    "rule with two tag keys": _set(
        "agreements.0.entry_into_force.effective", {"nth_day_after": 1, "after_clear_days": 1}
    ),
    "empty earliest": _set("agreements.0.entry_into_force.effective", {"earliest": []}),
    "bad date string": _set("events.0.date", "2025-6-11"),
    "date that does not exist": _set("events.0.date", "2025-02-30"),
    "date with a time": _set("events.0.date", "2025-06-11T10:00:00"),
    "date with a trailing newline": _set("events.0.date", "2025-06-11\n"),
    "bad period": _set(f"{COMMITMENT}.term", "P1H"),
    "period with a time part": _set(f"{COMMITMENT}.term", "PT1H"),
    "period without a number": _set(f"{COMMITMENT}.term", "PD"),
    "id with surrounding spaces": _set("parties.0.id", " USA "),
    "id with a trailing newline": _set("parties.0.id", "USA\n"),
    "empty id": _set("parties.0.id", ""),
    "id as a number": _set("parties.0.id", 2025),
    "text as a boolean": _set("parties.0.name", False),
    "deadline with both on and within": _set(
        f"{COMMITMENT}.deadline", {"on": "2025-12-31", "within": "P30D"}
    ),
    "deadline with neither on nor within": _set(f"{COMMITMENT}.deadline", {"rounding": "up"}),
    "term without period": _set(f"{COMMITMENT}.term", {"rounding": "up"}),
    "unknown rounding": _set(f"{COMMITMENT}.term", {"period": "P1M", "rounding": "nearest"}),
    "member without party": _set("groups.0.members.1", {"joined": "2001-12-11"}),
    "member with an unknown key": _set(
        "groups.0.members.1", {"party": "CHN", "since": "2001-12-11"}
    ),
    "agreement without parties": _set("agreements.0.parties", []),
    "agreement party listed twice": _set("agreements.0.parties", ["USA", "USA"]),
    "extension without ends_on": _del("events.1.ends_on"),
    "ends_on on an approval": _set("events.0.ends_on", "2026-01-01", new_key=True),
    "provisional application with ends_on and term": _set(
        "agreements.0.provisional_application.ends_on", "2026-01-01", new_key=True
    ),
    "per_party with an unknown key": _set(
        "agreements.0.entry_into_force.per_party.notice", "P1Y", new_key=True
    ),
    "null for an optional key": _set("sources.1.url", None),
}


@pytest.mark.parametrize(("mutate", "where"), INVALID.values(), ids=INVALID.keys())
def test_invalid_documents_fail(mutate: Mutation, where: str) -> None:
    """Each broken variant of a valid document is rejected, at the broken place."""
    document = copy.deepcopy(FULL)
    mutate(document)
    assert where in {error.json_path for error in VALIDATOR.iter_errors(document)}


ENUM_DEFS: dict[str, type[enum.Enum]] = {
    "party_kind": PartyKind,
    "agreement_kind": AgreementKind,
    "link_kind": LinkKind,
    "action": Action,
    "measure_kind": MeasureKind,
    "event_kind": EventKind,
    "confidence": Confidence,
    "source_kind": SourceKind,
    "rounding": Rounding,
}


@pytest.mark.parametrize("name", ENUM_DEFS)
def test_enum_lists_equal_the_vocabulary(name: str) -> None:
    """Each enumeration in the schema lists exactly the values of its enum, in order."""
    assert SCHEMA["$defs"][name]["enum"] == [member.value for member in ENUM_DEFS[name]]


def test_instrument_kinds_are_event_kinds_but_withdrawal() -> None:
    """Instrument kinds are every event kind except withdrawal."""
    expected = [k.value for k in EventKind if k is not EventKind.WITHDRAWAL]
    assert SCHEMA["$defs"]["instrument_kind"]["enum"] == expected


def test_definitions_cover_every_node() -> None:
    """There is one definition per condition node and per day-count rule."""
    defs = SCHEMA["$defs"]
    conditions = [ref["$ref"].rsplit("/", 1)[1] for ref in defs["condition"]["oneOf"]]
    rules = [ref["$ref"].rsplit("/", 1)[1] for ref in defs["day_count"]["oneOf"]]
    assert conditions == [
        f"condition_{tag}"
        for tag in (
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
        )
    ]
    assert rules == [
        f"day_count_{tag}"
        for tag in (
            "upon",
            "nth_day_after",
            "after_clear_days",
            "first_day_of_month_following",
            "after_period",
            "fixed_date",
            "earliest",
            "latest",
        )
    ]
    for name in (
        *("party", "group", "member", "official", "measure", "source", "event"),
        *("agreement", "entry_into_force", "per_party", "provisional_application", "link"),
        *("commitment", "deadline", "term", "condition", "day_count", "date", "period"),
        *("exact_number", "id"),
    ):
        assert name in defs


@pytest.mark.parametrize(
    ("definition", "key", "cls"),
    [
        ("party", "kind", ta.Party),
        ("measure", "kind", ta.Measure),
        ("event", "confidence", ta.Event),
        ("per_party", "instrument", ta.PartyEntry),
        ("per_party", "effective", ta.PartyEntry),
        ("per_party", "withdrawal", ta.PartyEntry),
        ("entry_into_force", "effective", ta.EntryIntoForce),
        ("provisional_application", "effective", ta.ProvisionalApplication),
        ("term", "rounding", ta.Term),
        ("deadline", "rounding", ta.Deadline),
        ("day_count_after_period", "rounding", ta.AfterPeriod),
    ],
)
def test_defaults_match_the_model(definition: str, key: str, cls: type) -> None:
    """Each default shown in the schema is the model's default for that field."""
    schema = SCHEMA["$defs"][definition]
    objects = [schema, *schema.get("oneOf", [])]
    shown = next(o["properties"][key]["default"] for o in objects if key in o.get("properties", {}))
    default = getattr(attrs.fields(cls), key).default
    assert shown == ("upon" if isinstance(default, ta.Upon) else default.value)


def _objects(node: Any) -> Iterator[Doc]:
    """Every schema in ``node`` that declares properties."""
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_every_object_is_closed_and_described() -> None:
    """Every object rejects unknown keys, lists its required keys and describes each property."""
    objects = [o for o in _objects(SCHEMA) if o.get("type") == "object"]
    assert len(objects) > 20
    for schema in objects:
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) <= set(schema["properties"])
        assert schema["description"]
        for key, prop in schema["properties"].items():
            assert prop.get("description"), key


def test_every_definition_is_described() -> None:
    """Every definition carries a description for editor hovers."""
    for name, definition in SCHEMA["$defs"].items():
        assert definition.get("description"), name


def test_dates_are_strings_with_format_date() -> None:
    """A date is a string with format 'date', never a native value."""
    assert SCHEMA["$defs"]["date"]["type"] == "string"
    assert SCHEMA["$defs"]["date"]["format"] == "date"
    assert errors(condition_doc({"date_reached": 20260101})) != []


def _period_ok(text: str) -> bool:
    try:
        Period.parse(text)
    except TradeAccordError:
        return False
    return True


@given(st.text(alphabet="P0129YMWDT", max_size=9))
def test_period_pattern_matches_period_parse(text: str) -> None:
    """A string matches the period pattern exactly when Period.parse reads it."""
    pattern = SCHEMA["$defs"]["period"]["pattern"]
    assert (re.search(pattern, text) is not None) == _period_ok(text)


def _number_ok(text: str) -> bool:
    """Whether ``text`` reads as an exact number the way the model reads it."""
    try:
        Fraction(text.removesuffix("%"))
    except (ValueError, ZeroDivisionError):
        return False
    return True


@given(st.text(alphabet="0159./%+-e", max_size=8))
def test_number_pattern_accepts_only_readable_numbers(text: str) -> None:
    """Every string the exact-number pattern accepts is read as a number."""
    pattern = SCHEMA["$defs"]["exact_number"]["anyOf"][2]["pattern"]
    if re.search(pattern, text):
        assert _number_ok(text)


@pytest.mark.parametrize("text", ["2/3", "0.55", "55%", "36.1", "5", "0.5%", "1/3%", ".5", "1e2"])
def test_number_pattern_accepts_the_documented_forms(text: str) -> None:
    """The documented exact-number strings match the pattern."""
    weighted = {"weighted_share": "55%", "weights": {"A": text}, "target": "t"}
    assert errors(condition_doc(weighted)) == []


@given(st.text(alphabet="a1 \t\n\u00a0", max_size=5))
def test_id_pattern_matches_the_model_rule(text: str) -> None:
    """A string is a schema id exactly when it is non-empty without surrounding whitespace."""
    accepted = VALIDATOR.is_valid({"format": 1, "parties": [{"id": text, "name": "n"}]})
    assert accepted == (bool(text) and text == text.strip())
