"""The JSON Schema (draft 2020-12) of the dataset file layout.

The schema describes the layout of ``docs/reference/dataset-format.md`` as it is
written in JSON, YAML or TOML, after native YAML and TOML dates have been turned
into ``"YYYY-MM-DD"`` strings. It checks shapes only: which keys an object
takes, which are required, the spelling of dates, periods, ids, exact numbers
and enumeration values. Cross-references (an unknown party, a duplicate id) are
checked when the dataset is built.

Enumeration values are taken from the enums themselves, so the schema follows
the vocabulary. Every object rejects unknown keys and every property carries a
short description for editor hovers.

Regular expressions are written for both ECMA-262 (editors) and Python's
``re`` (which ``jsonschema`` uses): digits are ``[0-9]``, and each pattern ends
with ``$(?!\\n)`` because in Python ``$`` also matches before a final newline.
"""

from __future__ import annotations

import enum
from typing import Any

from ._calendar import Rounding
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

__all__ = ["json_schema"]

Schema = dict[str, Any]

_FORMAT = 1
_UPON = "upon"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ID = f"https://tradeaccord.dev/schema/dataset-{_FORMAT}.json"

# "$" without "(?!\n)" would accept a trailing newline under Python's re.
_END = r"$(?!\n)"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
_PERIOD_PATTERN = r"^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?" + _END
_ID_PATTERN = r"^\S(?:[\s\S]*\S)?" + _END
_NUMBER_PATTERN = (
    r"^[+-]?(?:[0-9]+/[0-9]*[1-9][0-9]*|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)%?"
    + _END
)


def _ref(name: str, description: str, **extra: Any) -> Schema:
    """A reference to ``#/$defs/name`` with its own description."""
    return {"$ref": f"#/$defs/{name}", "description": description, **extra}


def _text(description: str) -> Schema:
    return {"type": "string", "description": description}


def _list(items: Schema, description: str, **extra: Any) -> Schema:
    return {"type": "array", "description": description, "items": items, **extra}


def _ids(description: str, **extra: Any) -> Schema:
    return _list({"$ref": "#/$defs/id"}, description, **extra)


def _object(
    description: str,
    properties: Schema,
    required: tuple[str, ...] = (),
    **extra: Any,
) -> Schema:
    """A closed object: unknown keys are rejected."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
        **extra,
    }


def _enum(cls: type[enum.Enum], description: str) -> Schema:
    return {"type": "string", "description": description, "enum": [m.value for m in cls]}


def _enums() -> Schema:
    instruments = [k.value for k in EventKind if k is not EventKind.WITHDRAWAL]
    return {
        "party_kind": _enum(PartyKind, "What kind of actor a party is."),
        "agreement_kind": _enum(AgreementKind, "The legal form of an agreement."),
        "link_kind": _enum(LinkKind, "How one agreement relates to another."),
        "action": _enum(Action, "What a commitment undertakes to do about a measure."),
        "measure_kind": _enum(MeasureKind, "The kind of policy instrument a measure is."),
        "event_kind": _enum(EventKind, "What a dated fact is."),
        "instrument_kind": {
            "type": "string",
            "description": "The event kind that counts as a party's instrument (any event kind but withdrawal).",
            "enum": instruments,
        },
        "confidence": _enum(Confidence, "How well an event is established by its sources."),
        "source_kind": _enum(SourceKind, "What kind of document a source is."),
        "rounding": _enum(
            Rounding,
            "What to do when a period ends on a day the month lacks: strict (an error), "
            "down (last day of the month) or up (first day of the next month).",
        ),
    }


def _values() -> Schema:
    return {
        "id": {
            "type": "string",
            "description": "An id: a non-empty string without surrounding spaces.",
            "minLength": 1,
            "pattern": _ID_PATTERN,
        },
        "date": {
            "type": "string",
            "description": "A calendar date, 'YYYY-MM-DD'.",
            "pattern": _DATE_PATTERN,
            "format": "date",
        },
        "period": {
            "type": "string",
            "description": "An ISO 8601 duration of years, months, weeks and days: 'P90D', 'P3M', 'P1Y6M', 'P2W'.",
            "pattern": _PERIOD_PATTERN,
        },
        "exact_number": {
            "description": "An exact number: an integer, a decimal, or a string such as '2/3', '0.55', '55%' or '36.1'.",
            "anyOf": [
                {"type": "integer", "description": "An integer."},
                {"type": "number", "description": "A number, read as the decimal it prints as."},
                {
                    "type": "string",
                    "description": "A fraction ('2/3'), a decimal ('0.55', '36.1'), either with '%' ('55%').",
                    "pattern": _NUMBER_PATTERN,
                },
            ],
        },
    }


def _entities() -> Schema:
    return {
        "party": _object(
            "A state, customs territory, bloc or organization that can be bound by agreements.",
            {
                "id": _ref("id", "A stable id; ISO 3166 alpha-3 where one exists ('USA')."),
                "name": _text("The party's name."),
                "kind": _ref(
                    "party_kind", "What kind of actor the party is.", default=PartyKind.STATE.value
                ),
            },
            ("id", "name"),
        ),
        "member": {
            "description": "A member of a group: a party id, or an object with the dates it joined and left.",
            "oneOf": [
                _ref("id", "The id of a party that is a member throughout."),
                _object(
                    "A party's membership from 'joined' until the day before 'left'.",
                    {
                        "party": _ref("id", "The id of the member party."),
                        "joined": _ref(
                            "date", "The first day of membership (default: from the start)."
                        ),
                        "left": _ref(
                            "date",
                            "The first day the party is no longer a member (default: still a member).",
                        ),
                    },
                    ("party",),
                ),
            ],
        },
        "group": _object(
            "A named set of parties whose membership may change over time.",
            {
                "id": _ref("id", "The group's id."),
                "name": _text("The group's name."),
                "members": _list({"$ref": "#/$defs/member"}, "The members, in order."),
            },
            ("id", "name"),
        ),
        "official": _object(
            "A person acting for a party.",
            {
                "id": _ref("id", "The official's id."),
                "name": _text("The official's name."),
                "party": _ref("id", "The id of the party the official acts for."),
                "role": _text("The official's role ('President')."),
            },
            ("id", "name", "party"),
        ),
        "measure": _object(
            "A policy instrument one party applies to others (a tariff, an export control...).",
            {
                "id": _ref("id", "The measure's id."),
                "name": _text("The measure's name."),
                "imposed_by": _ref("id", "The id of the party that applies the measure."),
                "kind": _ref(
                    "measure_kind", "The kind of measure.", default=MeasureKind.OTHER.value
                ),
                "applies_to": _ids(
                    "The ids of the parties it applies to (empty: every other party)."
                ),
                "legal_basis": _text("The law or order the measure rests on."),
                "summary": _text("A short description."),
            },
            ("id", "name", "imposed_by"),
        ),
        "source": _object(
            "A document where a fact is asserted.",
            {
                "id": _ref("id", "The source's id."),
                "publisher": _text("Who published the document."),
                "kind": _ref("source_kind", "What kind of document it is."),
                "title": _text("The document's title."),
                "url": _text("Where the document can be read."),
                "published": _ref("date", "The day it was published."),
                "quote": _text("The passage that asserts the fact."),
            },
            ("id", "publisher", "kind"),
        ),
        "event": _object(
            "A dated fact: an approval, a deposit, a performance, an extension, a ruling...",
            {
                "id": _ref("id", "The event's id."),
                "date": _ref("date", "The day it happened."),
                "kind": _ref("event_kind", "What kind of fact it is."),
                "summary": _text("A short description."),
                "party": _ref("id", "The id of the party that acted."),
                "official": _ref("id", "The id of the official who acted."),
                "target": _ref(
                    "id",
                    "The id of the agreement, commitment, measure or provisional application the event is about.",
                ),
                "sources": _ids("The ids of the sources that assert it."),
                "confidence": _ref(
                    "confidence",
                    "How well the sources establish it.",
                    default=Confidence.HIGH.value,
                ),
                "ends_on": _ref(
                    "date",
                    "For an extension only (and required there): the first day the extended term no longer runs.",
                ),
                "notes": _text("Free notes."),
            },
            ("id", "date", "kind", "summary"),
            **{
                "if": {
                    "properties": {"kind": {"const": EventKind.EXTENSION.value}},
                    "required": ["kind"],
                },
                "then": {"required": ["ends_on"]},
                "else": {"not": {"required": ["ends_on"]}},
            },
        ),
    }


def _agreements() -> Schema:
    rounding = _ref(
        "rounding",
        "What to do when the period ends on a day the month lacks.",
        default=Rounding.STRICT.value,
    )
    return {
        "link": _object(
            "A relation from this agreement to another.",
            {
                "kind": _ref("link_kind", "How this agreement relates to the other."),
                "target": _ref("id", "The id of the other agreement."),
            },
            ("kind", "target"),
        ),
        "term": {
            "description": "How long something runs once it starts: a period, or {period, rounding}.",
            "oneOf": [
                _ref("period", "The length of the term."),
                _object(
                    "A term with a rounding policy.",
                    {"period": _ref("period", "The length of the term."), "rounding": rounding},
                    ("period",),
                ),
            ],
        },
        "deadline": {
            "description": "When a commitment is due: a date, a period from activation, or {on | within, rounding}.",
            "oneOf": [
                _ref("date", "Due on or before this day."),
                _ref("period", "Due within this period of the day the commitment becomes active."),
                _object(
                    "A deadline with exactly one of 'on' and 'within'.",
                    {
                        "on": _ref("date", "Due on or before this day."),
                        "within": _ref("period", "Due within this period of activation."),
                        "rounding": rounding,
                    },
                    oneOf=[{"required": ["on"]}, {"required": ["within"]}],
                ),
            ],
        },
        "commitment": _object(
            "An undertaking by one party about a measure, possibly conditional.",
            {
                "id": _ref("id", "The commitment's id, unique across agreements ('deal/c1')."),
                "by": _ref("id", "The id of the party that undertakes it."),
                "action": _ref("action", "What the party undertakes to do."),
                "summary": _text("A short description."),
                "measure": _ref("id", "The id of the measure it is about."),
                "beneficiary": _ref("id", "The id of the party it benefits."),
                "condition": _ref("condition", "What must hold for it to be active."),
                "deadline": _ref("deadline", "When it must be performed."),
                "term": _ref("term", "How long it binds once active."),
                "sources": _ids("The ids of the sources that assert it."),
            },
            ("id", "by", "action", "summary"),
        ),
        "per_party": _object(
            "How each party comes to be bound, and how it leaves.",
            {
                "instrument": _ref(
                    "instrument_kind",
                    "The event kind by which a party binds itself.",
                    default=EventKind.DEPOSIT.value,
                ),
                "effective": _ref(
                    "day_count", "When a later party's instrument takes effect.", default=_UPON
                ),
                "withdrawal": _ref(
                    "day_count", "When a bound party's withdrawal takes effect.", default=_UPON
                ),
            },
        ),
        "entry_into_force": _object(
            "An agreement's entry-into-force clause.",
            {
                "when": _ref("condition", "What must hold for the agreement to enter into force."),
                "effective": _ref(
                    "day_count",
                    "The entry-into-force date counted from the day 'when' first holds.",
                    default=_UPON,
                ),
                "deadline": _ref(
                    "date", "The last day it may enter into force; after it the agreement lapses."
                ),
                "per_party": _ref(
                    "per_party",
                    "How each party comes to be bound (for agreements parties join one by one).",
                ),
            },
            ("when",),
        ),
        "provisional_application": _object(
            "Provisional application before entry into force (at most one of 'ends_on' and 'term').",
            {
                "id": _ref("id", "The id events about provisional application target."),
                "start": _ref("condition", "What must hold for provisional application to start."),
                "effective": _ref(
                    "day_count",
                    "The start date counted from the day 'start' first holds.",
                    default=_UPON,
                ),
                "ends_on": _ref("date", "The first day it no longer applies."),
                "term": _ref("term", "How long it applies from its start."),
            },
            ("id", "start"),
            **{"not": {"required": ["ends_on", "term"]}},
        ),
        "agreement": _object(
            "A concluded text or arrangement between parties.",
            {
                "id": _ref("id", "The agreement's id."),
                "title": _text("The agreement's title."),
                "kind": _ref("agreement_kind", "The legal form of the agreement."),
                "parties": _ids("The ids of its parties.", minItems=1, uniqueItems=True),
                "concluded": _ref("date", "The day it was concluded."),
                "entry_into_force": _ref(
                    "entry_into_force", "When it enters into force (default: when concluded)."
                ),
                "commitments": _list({"$ref": "#/$defs/commitment"}, "What its parties undertake."),
                "links": _list({"$ref": "#/$defs/link"}, "Its relations to other agreements."),
                "term": _ref("term", "How long it runs from entry into force."),
                "provisional_application": _ref(
                    "provisional_application", "Provisional application before entry into force."
                ),
                "summary": _text("A short description."),
                "sources": _ids("The ids of the sources that assert it."),
            },
            ("id", "title", "kind", "parties"),
        ),
    }


def _conditions() -> Schema:
    instrument = _ref(
        "instrument_kind",
        "The event kind that counts as an instrument.",
        default=EventKind.DEPOSIT.value,
    )
    target = _ref("id", "The id of the agreement the instruments are about.")
    share = _ref(
        "exact_number",
        "The share needed, greater than 0 and at most 1 ('2/3', '55%').",
        exclusiveMinimum=0,
        maximum=1,
    )
    nodes: Schema = {
        "condition_occurred": _object(
            "An event of this kind has occurred; 'by_all' / 'by_any' take the place of 'party'.",
            {
                "occurred": _ref("event_kind", "The kind of event."),
                "party": _ref("id", "The id of the party that acted."),
                "by_all": _ids("Every one of these parties acted (one event each).", minItems=1),
                "by_any": _ids("At least one of these parties acted.", minItems=1),
                "target": _ref("id", "The id of what the event is about."),
                "official": _ref("id", "The id of the official who acted."),
            },
            ("occurred",),
            **{
                "not": {
                    "anyOf": [
                        {"required": ["party", "by_all"]},
                        {"required": ["party", "by_any"]},
                        {"required": ["by_all", "by_any"]},
                    ]
                }
            },
        ),
        "condition_fulfilled": _object(
            "A commitment has been performed.",
            {"fulfilled": _ref("id", "The id of the commitment.")},
            ("fulfilled",),
        ),
        "condition_in_force": _object(
            "An agreement is in force.",
            {"in_force": _ref("id", "The id of the agreement.")},
            ("in_force",),
        ),
        "condition_date_reached": _object(
            "A date has been reached.",
            {"date_reached": _ref("date", "The date.")},
            ("date_reached",),
        ),
        "condition_all_of": _object(
            "Every condition holds (none: always).",
            {"all_of": _list({"$ref": "#/$defs/condition"}, "The conditions.")},
            ("all_of",),
        ),
        "condition_any_of": _object(
            "At least one condition holds (none: never).",
            {"any_of": _list({"$ref": "#/$defs/condition"}, "The alternatives.")},
            ("any_of",),
        ),
        "condition_not": _object(
            "The condition does not hold.",
            {"not": _ref("condition", "The condition negated.")},
            ("not",),
        ),
        "condition_at_least": _object(
            "At least N of the conditions hold.",
            {
                "at_least": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "How many must hold (1 to the number of conditions).",
                },
                "of": _list({"$ref": "#/$defs/condition"}, "The conditions.", minItems=1),
            },
            ("at_least", "of"),
        ),
        "condition_delay": _object(
            "Holds from the date a day-count rule gives for the first day the condition holds.",
            {
                "delay": _ref("condition", "The condition delayed."),
                "rule": _ref("day_count", "The day-count rule."),
            },
            ("delay", "rule"),
        ),
        "condition_instrument_count": _object(
            "At least N parties have an instrument standing.",
            {
                "instrument_count": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "How many instruments are needed.",
                },
                "target": target,
                "kind": instrument,
                "among": _ref("id", "Count only members of this group (a group id)."),
            },
            ("instrument_count", "target"),
        ),
        "condition_instrument_share": _object(
            "Instruments from at least a share of a group's members, counted on each day.",
            {
                "instrument_share": share,
                "target": target,
                "among": _ref("id", "The id of the group whose members count."),
                "kind": instrument,
            },
            ("instrument_share", "target", "among"),
        ),
        "condition_weighted_share": _object(
            "Instruments from parties whose weights add up to at least a share of the total.",
            {
                "weighted_share": share,
                "weights": {
                    "type": "object",
                    "description": "Each counted party's weight, by party id ('36.1', 20).",
                    "propertyNames": {"$ref": "#/$defs/id"},
                    "additionalProperties": _ref(
                        "exact_number", "The party's weight (not negative).", minimum=0
                    ),
                },
                "target": target,
                "kind": instrument,
                "total": _ref(
                    "exact_number",
                    "The total the share is taken of (default: the sum of the weights).",
                    exclusiveMinimum=0,
                ),
            },
            ("weighted_share", "weights", "target"),
        ),
    }
    condition = {
        "description": "A condition: an object whose first key names the node ('occurred', 'all_of', 'delay'...).",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in nodes],
    }
    return {"condition": condition, **nodes}


def _day_counts() -> Schema:
    def count(tag: str, description: str) -> Schema:
        return _object(
            description,
            {tag: {"type": "integer", "minimum": 1, "description": "N, 1 or more."}},
            (tag,),
        )

    rules = _list({"$ref": "#/$defs/day_count"}, "The rules.", minItems=1)
    nodes: Schema = {
        "day_count_upon": {"const": _UPON, "description": "The same day as the trigger."},
        "day_count_nth_day_after": count(
            "nth_day_after", "On the Nth day after the trigger (the trigger is day 0)."
        ),
        "day_count_after_clear_days": count(
            "after_clear_days", "After N clear days: the trigger plus N + 1 days."
        ),
        "day_count_first_day_of_month_following": count(
            "first_day_of_month_following",
            "The first day of the Nth month following the trigger's month.",
        ),
        "day_count_after_period": _object(
            "The trigger plus a calendar period.",
            {
                "after_period": _ref("period", "The period ('P1Y')."),
                "rounding": _ref(
                    "rounding",
                    "What to do when the period ends on a day the month lacks.",
                    default=Rounding.STRICT.value,
                ),
            },
            ("after_period",),
        ),
        "day_count_fixed_date": _object(
            "A fixed date, or the trigger if that is later.",
            {"fixed_date": _ref("date", "The date.")},
            ("fixed_date",),
        ),
        "day_count_earliest": _object(
            "The earliest of the dates the rules give.",
            {"earliest": rules},
            ("earliest",),
        ),
        "day_count_latest": _object(
            "The latest of the dates the rules give.",
            {"latest": rules},
            ("latest",),
        ),
    }
    day_count = {
        "description": "A day-count rule turning a triggering date into an effective date: 'upon' or an object naming the rule.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in nodes],
    }
    return {"day_count": day_count, **nodes}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the dataset file layout, as a new ``dict``.

    Point an editor at it to complete and check dataset files as they are typed.

    Returns:
        The schema; each call builds a fresh one, free to modify.

    Examples:
        >>> schema = json_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> "format" in schema["required"]
        True
        >>> schema["properties"]["format"]["const"]
        1
    """
    lists = {
        "parties": ("party", "The parties."),
        "groups": ("group", "Named sets of parties."),
        "officials": ("official", "People acting for parties."),
        "measures": ("measure", "Policy instruments (tariffs, export controls...)."),
        "sources": ("source", "Documents that assert facts."),
        "agreements": ("agreement", "The agreements."),
        "events": ("event", "Dated facts."),
    }
    properties: Schema = {
        "format": {"const": _FORMAT, "description": f"The version of the layout: {_FORMAT}."},
        "title": _text("The dataset's title."),
    }
    for key, (name, description) in lists.items():
        properties[key] = _list({"$ref": f"#/$defs/{name}"}, description)
    return {
        "$schema": _DRAFT,
        "$id": _ID,
        "title": "tradeaccord dataset",
        "description": (
            "A tradeaccord dataset file: parties, groups, officials, measures, sources, "
            "agreements and events."
        ),
        "type": "object",
        "properties": properties,
        "required": ["format"],
        "additionalProperties": False,
        "$defs": {
            **_values(),
            **_enums(),
            **_entities(),
            **_agreements(),
            **_conditions(),
            **_day_counts(),
        },
    }
