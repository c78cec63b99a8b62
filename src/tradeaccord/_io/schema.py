"""The JSON Schema (draft 2020-12) of the dataset file layout, derived from the attrs
classes of the model and the layout tables, with the words of ``descriptions``.

Each object's properties are its fields under their file keys, required when the field
has no default; each value's schema follows from the field's type (an id when its
validator checks ids, an enumeration's values, a date, a period, an exact number, a
list, another object); defaults are written as the writer writes them. What no type
says — a count is at least 1, a share at most 1, a deadline has exactly one of ``on``
and ``within`` — is in ``CONSTRAINTS`` below, beside the model rule it restates.

The schema checks shapes only; cross-references (an unknown party, a duplicate id) are
checked when the dataset is built. It describes the layout after native YAML and TOML
dates have been turned into ``"YYYY-MM-DD"`` strings.

Regular expressions are written for both ECMA-262 (editors) and Python's ``re`` (which
``jsonschema`` uses): digits are ``[0-9]``, and each pattern ends with ``$(?!\\n)``
because in Python ``$`` also matches before a final newline.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from .._calendar import (
    DAY_COUNT_TYPES,
    AfterClearDays,
    Earliest,
    FirstDayOfMonthFollowing,
    Latest,
    NthDayAfter,
    Period,
    Upon,
)
from .._conditions import (
    _NODE_TYPES,
    AtLeast,
    InstrumentCount,
    InstrumentShare,
    Occurred,
    WeightedShare,
    _instrument_kind,
)
from .._expectations import DEONTIC_VALUES, STATUS_VALUES, Expectation, ScenarioFile
from .._model import (
    Agreement,
    Dataset,
    Deadline,
    Event,
    EvidencePolicy,
    ProvisionalApplication,
)
from .._validators import checks, identifier
from .._vocabulary import EventKind
from .descriptions import CLASSES, ENUMS, FIELDS, SHORT_FORMS, VALUES
from .fields import field_types, union_members
from .layout import (
    COLLECTIONS,
    CONDITIONS,
    FORMAT,
    NODES,
    OBJECTS,
    RULES,
    SCALAR_FORMS,
    SCENARIO_OBJECTS,
    SHARED_OCCURRENCE,
    UPON,
    file_key,
)

__all__ = ["CONSTRAINTS", "json_schema"]

Schema = dict[str, Any]

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID: Final = f"https://tradeaccord.dev/schema/dataset-{FORMAT}.json"
_SCENARIO_ID: Final = f"https://tradeaccord.dev/schema/scenario-{FORMAT}.json"

# "$" without "(?!\n)" would accept a trailing newline under Python's re.
_END: Final = r"$(?!\n)"
_DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
_PERIOD_PATTERN: Final = r"^P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?" + _END
_ID_PATTERN: Final = r"^\S(?:[\s\S]*\S)?" + _END
_NUMBER_PATTERN: Final = (
    r"^[+-]?(?:[0-9]+/[0-9]*[1-9][0-9]*|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)%?"
    + _END
)

_AT_LEAST_ONE: Final = {"minimum": 1}
_DAYS: Final = {"minimum": 1, "maximum": (dt.date.max - dt.date.min).days}
_SHARE: Final = {"exclusiveMinimum": 0, "maximum": 1}

CONSTRAINTS: Final[dict[tuple[type, str], Schema]] = {
    # Counts are 1 or more (the validators of n); a count of days or months reaches no
    # date past the span of the calendar.
    (NthDayAfter, "n"): _DAYS,
    (AfterClearDays, "n"): _DAYS,
    (FirstDayOfMonthFollowing, "n"): {"minimum": 1, "maximum": 12 * 9998 + 11},
    (InstrumentCount, "n"): _AT_LEAST_ONE,
    (AtLeast, "n"): _AT_LEAST_ONE,
    # At least one of something (AtLeast's range, Earliest's and Latest's rules, the
    # dataset check of an agreement's parties, which the model also keeps unique).
    (AtLeast, "items"): {"minItems": 1},
    (Earliest, "rules"): {"minItems": 1},
    (Latest, "rules"): {"minItems": 1},
    (Agreement, "parties"): {"minItems": 1, "uniqueItems": True},
    # Shares are greater than 0 and at most 1; a total is greater than 0.
    (InstrumentShare, "share"): _SHARE,
    (WeightedShare, "share"): _SHARE,
    (WeightedShare, "total"): {"exclusiveMinimum": 0},
    # Expectation.__attrs_post_init__: a status of agreements, parties or commitments; a
    # deontic status of commitments.
    (Expectation, "status"): {"enum": sorted(set().union(*STATUS_VALUES.values()))},
    (Expectation, "deontic"): {"enum": sorted(DEONTIC_VALUES)},
}
"""Constraints of single fields that their types do not say, by class and field."""

_OBJECT_CONSTRAINTS: Final[dict[type, Schema]] = {
    # Event.__attrs_post_init__: ends_on for an extension, and only for an extension.
    Event: {
        "if": {"properties": {"kind": {"const": EventKind.EXTENSION.value}}, "required": ["kind"]},
        "then": {"required": ["ends_on"]},
        "else": {"not": {"required": ["ends_on"]}},
    },
    # Deadline.__attrs_post_init__: exactly one of on and within.
    Deadline: {"oneOf": [{"required": ["on"]}, {"required": ["within"]}]},
    # ProvisionalApplication.__attrs_post_init__: at most one of ends_on and term.
    ProvisionalApplication: {"not": {"required": ["ends_on", "term"]}},
    # The short form of Occurred: one of party, by_all and by_any.
    Occurred: {
        "not": {
            "anyOf": [
                {"required": ["party", "by_all"]},
                {"required": ["party", "by_any"]},
                {"required": ["by_all", "by_any"]},
            ]
        }
    },
}


def _ref(name: str, description: str, **extra: Any) -> Schema:
    return {"$ref": f"#/$defs/{name}", "description": description, **extra}


def _list(items: Schema, description: str, **extra: Any) -> Schema:
    return {"type": "array", "description": description, "items": items, **extra}


def _object(description: str, properties: Schema, required: list[str], **extra: Any) -> Schema:
    """A closed object: unknown keys are rejected."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        **extra,
    }


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _name(cls: Any) -> str:
    """The name of the definition of a class in ``$defs``."""
    if cls in NODES:
        prefix = "day_count" if cls in DAY_COUNT_TYPES else "condition"
        return f"{prefix}_{NODES[cls].tag}"
    if cls is Upon:
        return "day_count_upon"
    if cls in OBJECTS:
        return OBJECTS[cls].name
    return _snake(cls.__name__)


def _value(cls: type, attribute: attrs.Attribute[Any], tp: Any, description: str) -> Schema:
    """The schema of the value of one field."""
    extra = dict(CONSTRAINTS.get((cls, attribute.name), {}))
    default = attribute.default
    members, _ = union_members(tp)
    validators = checks(attribute.validator)
    if members == frozenset(_NODE_TYPES):
        return _ref("condition", description, **extra)
    if members == frozenset(DAY_COUNT_TYPES):
        if isinstance(default, Upon):
            extra["default"] = UPON
        return _ref("day_count", description, **extra)
    (single,) = members if len(members) == 1 else (None,)
    if single is str:
        if identifier in validators:
            return _ref("id", description, **extra)
        return {"type": "string", "description": description, **extra}
    if single is dt.date:
        return _ref("date", description, **extra)
    if single is Period:
        return _ref("period", description, **extra)
    if single is Fraction:
        return _ref("exact_number", description, **extra)
    if single is int:
        return {"type": "integer", **extra, "description": description}
    if single is bool:
        return {"type": "boolean", **extra, "description": description}
    if isinstance(single, type) and issubclass(single, enum.Enum):
        name = "instrument_kind" if _instrument_kind in validators else _snake(single.__name__)
        if default is not attrs.NOTHING and isinstance(default, enum.Enum):
            extra["default"] = default.value
        return _ref(name, description, **extra)
    if single is not None and attrs.has(single):
        return _ref(_name(single), description, **extra)
    args: tuple[Any, ...] = getattr(tp, "__args__", ())
    if len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if getattr(item, "__args__", None) and getattr(item, "__origin__", None) is tuple:
            weight = _ref("exact_number", FIELDS[(cls, "weight")], minimum=0)
            return {
                "type": "object",
                "description": description,
                "propertyNames": {"$ref": "#/$defs/id"},
                "additionalProperties": weight,
            }
        if item is str:
            items: Schema = (
                {"$ref": "#/$defs/id"} if identifier in validators else {"type": "string"}
            )
        elif union_members(item)[0] == frozenset(_NODE_TYPES):
            items = {"$ref": "#/$defs/condition"}
        elif union_members(item)[0] == frozenset(DAY_COUNT_TYPES):
            items = {"$ref": "#/$defs/day_count"}
        else:
            items = {"$ref": f"#/$defs/{_name(item)}"}
        return _list(items, description, **extra)
    raise TypeError(f"no schema for {cls.__name__}.{attribute.name}: {tp!r}")  # pragma: no cover


def _properties(cls: type) -> tuple[Schema, list[str]]:
    """The properties of an object of ``cls`` and its required keys, in file order."""
    types = field_types(cls)
    fields = {a.name: a for a in attrs.fields(cls) if a.init}
    by_key = {file_key(cls, name): name for name in fields}
    node = NODES.get(cls)
    keys = list(node.file_keys) if node is not None else list(by_key)
    properties: Schema = {}
    required: list[str] = []
    for key in keys:
        name = by_key[key]
        attribute = fields[name]
        properties[key] = _value(cls, attribute, types[name], FIELDS[(cls, name)])
        if attribute.default is attrs.NOTHING:
            required.append(key)
        if cls is Occurred and name == "party":
            for shared in SHARED_OCCURRENCE:
                properties[shared] = _list(
                    {"$ref": "#/$defs/id"}, FIELDS[(Occurred, shared)], minItems=1
                )
    return properties, required


def _definition(cls: type) -> Schema:
    properties, required = _properties(cls)
    described = CLASSES[cls]
    extra = _OBJECT_CONSTRAINTS.get(cls, {})
    if cls not in SCALAR_FORMS:
        assert isinstance(described, str)
        return _object(described, properties, required, **extra)
    assert isinstance(described, tuple)
    whole, as_object = described
    types = field_types(cls)
    fields = {a.name: a for a in attrs.fields(cls)}
    short = [
        _value(cls, fields[name], types[name], SHORT_FORMS[(cls, name)])
        for name in SCALAR_FORMS[cls]
    ]
    for form in short:
        form.pop("default", None)
    return {
        "description": whole,
        "oneOf": [*short, _object(as_object, properties, required, **extra)],
    }


def _enums() -> Schema:
    out: Schema = {
        _snake(cls.__name__): {
            "type": "string",
            "description": description,
            "enum": [member.value for member in cls],  # type: ignore[attr-defined]
        }
        for cls, description in ENUMS.items()
    }
    out["instrument_kind"] = {
        "type": "string",
        "description": VALUES["instrument_kind"],
        "enum": [kind.value for kind in EventKind if kind is not EventKind.WITHDRAWAL],
    }
    return out


def _values() -> Schema:
    return {
        "id": {
            "type": "string",
            "description": VALUES["id"],
            "minLength": 1,
            "pattern": _ID_PATTERN,
        },
        "date": {
            "type": "string",
            "description": VALUES["date"],
            "pattern": _DATE_PATTERN,
            "format": "date",
        },
        "period": {"type": "string", "description": VALUES["period"], "pattern": _PERIOD_PATTERN},
        "exact_number": {
            "description": VALUES["exact_number"],
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


def json_schema(kind: Literal["dataset", "scenario"] = "dataset") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the dataset file layout, or with
    ``kind="scenario"`` of scenario files, as a new ``dict``.

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
        >>> list(json_schema("scenario")["properties"])
        ['format', 'scenario', 'expect', 'dataset']
    """
    if kind not in ("dataset", "scenario"):
        raise ValueError(f"kind must be 'dataset' or 'scenario', got {kind!r}")
    scenario = kind == "scenario"
    definitions: Schema = {**_values(), **_enums()}
    for cls in OBJECTS:
        if cls not in (Dataset, ScenarioFile) and (scenario or cls not in SCENARIO_OBJECTS):
            definitions[_name(cls)] = _definition(cls)
    nodes = [node.cls for node in CONDITIONS]
    definitions["condition"] = {
        "description": VALUES["condition"],
        "oneOf": [{"$ref": f"#/$defs/{_name(cls)}"} for cls in nodes],
    }
    definitions.update({_name(cls): _definition(cls) for cls in nodes})
    rules = [Upon, *(node.cls for node in RULES)]
    definitions["day_count"] = {
        "description": VALUES["day_count"],
        "oneOf": [{"$ref": f"#/$defs/{_name(cls)}"} for cls in rules],
    }
    definitions["day_count_upon"] = {"const": UPON, "description": CLASSES[Upon]}
    definitions.update({_name(cls): _definition(cls) for cls in rules[1:]})
    format = {"const": FORMAT, "description": VALUES["format"].format(format=FORMAT)}
    if scenario:
        properties, required = _properties(ScenarioFile)
        return {
            "$schema": _DRAFT,
            "$id": _SCENARIO_ID,
            "title": "tradeaccord scenario file",
            "description": CLASSES[ScenarioFile],
            "type": "object",
            "properties": {"format": format, **properties},
            "required": ["format", *required],
            "additionalProperties": False,
            "$defs": definitions,
        }
    properties = {
        "format": format,
        "title": {"type": "string", "description": FIELDS[(Dataset, "title")]},
        "policy": {
            "$ref": f"#/$defs/{_name(EvidencePolicy)}",
            "description": FIELDS[(Dataset, "policy")],
        },
    }
    for key, cls in COLLECTIONS.items():
        properties[key] = _list({"$ref": f"#/$defs/{_name(cls)}"}, FIELDS[(Dataset, key)])
    return {
        "$schema": _DRAFT,
        "$id": _ID,
        "title": "tradeaccord dataset",
        "description": CLASSES[Dataset],
        "type": "object",
        "properties": properties,
        "required": ["format"],
        "additionalProperties": False,
        "$defs": definitions,
    }
