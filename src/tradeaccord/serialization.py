"""Reading and writing tradeaccord values as JSON-compatible data.

The canonical JSON form of a [`Dataset`][tradeaccord.Dataset] is what
``tradeaccord example`` prints and ``tradeaccord status FILE`` reads. Conditions
and day-count rules are tagged unions: each object names its node in a
``"type"`` key (``"occurred"``, ``"all_of"``, ``"delay"``, ``"nth_day_after"``...).
Unknown keys are errors, never silently dropped.

The threshold nodes (``"instrument_count"``, ``"instrument_share"``,
``"weighted_share"``) write their exact numbers as strings, ``"2/3"`` or
``"36.1"``, and their weights as an object from party ids to weights, in
order; on input a JSON number or a string such as ``"55%"`` is accepted too.

Bring your own converter with [`configure_converter`][tradeaccord.serialization.configure_converter],
or take a ready one from [`make_converter`][tradeaccord.serialization.make_converter].

Examples:
    >>> from tradeaccord import example_dataset
    >>> from tradeaccord.serialization import dataset_from_json, dataset_to_json
    >>> ds = example_dataset()
    >>> dataset_from_json(dataset_to_json(ds)) == ds
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._calendar import (
    AfterClearDays,
    AfterPeriod,
    DayCount,
    Earliest,
    FirstDayOfMonthFollowing,
    FixedDate,
    Latest,
    NthDayAfter,
    Period,
    Rounding,
    Upon,
)
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
    WeightedShare,
    format_number,
)
from ._model import Dataset
from ._report import (
    AgreementReport,
    Citation,
    CommitmentReport,
    Explanation,
    PartyReport,
    Progress,
    Report,
    describe_missing,
)
from ._truth import Truth
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
from .errors import DatasetError, InputError, Problem, TradeAccordError

__all__ = [
    "DATASET_FORMAT",
    "MAX_DEPTH",
    "configure_converter",
    "dataset_from_json",
    "dataset_to_json",
    "make_converter",
    "report_to_dict",
]

DATASET_FORMAT = 1
"""The version of the canonical dataset layout written in the ``"format"`` key."""

MAX_DEPTH = 64
"""The deepest condition tree accepted from a file."""


_ENUMS = (
    Action,
    AgreementKind,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    PartyKind,
    SourceKind,
    Rounding,
)


class _Invalid(Exception):
    """A problem found while reading a condition or rule, with its relative path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _date_in(value: Any, _: Any = None) -> dt.date:
    if not isinstance(value, str):
        raise _Invalid("", f"expected a date as 'YYYY-MM-DD', got {type(value).__name__} {value!r}")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid("", f"not a valid calendar date 'YYYY-MM-DD': {value!r}") from None


def _expect(data: Any, keys: set[str], required: set[str], what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise _Invalid("", f"expected an object for {what}, got {type(data).__name__}")
    unknown = sorted(set(data) - keys)
    if unknown:
        raise _Invalid(
            f".{unknown[0]}",
            f"unknown key {unknown[0]!r} in {what} (allowed: {', '.join(sorted(keys))})",
        )
    lacking = sorted(required - set(data))
    if lacking:
        raise _Invalid("", f"{what} needs key {lacking[0]!r}")
    return data


def _int(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Invalid(f".{key}", f"expected an integer, got {type(value).__name__} {value!r}")
    return value


def _nested(path: str, function: Callable[[], Any]) -> Any:
    try:
        return function()
    except _Invalid as exc:
        raise _Invalid(path + exc.path, exc.message) from None
    except TradeAccordError as exc:
        raise _Invalid(path, str(exc)) from None


# Day-count rules -----------------------------------------------------------------

_RULE_TAGS: dict[type, str] = {
    Upon: "upon",
    NthDayAfter: "nth_day_after",
    AfterClearDays: "after_clear_days",
    FirstDayOfMonthFollowing: "first_day_of_month_following",
    AfterPeriod: "after_period",
    FixedDate: "fixed_date",
    Earliest: "earliest",
    Latest: "latest",
}


def unstructure_rule(rule: DayCount) -> dict[str, Any]:
    """The JSON form of a day-count rule."""
    out: dict[str, Any] = {"type": _RULE_TAGS[type(rule)]}
    if isinstance(rule, NthDayAfter | AfterClearDays | FirstDayOfMonthFollowing):
        out["n"] = rule.n
    elif isinstance(rule, AfterPeriod):
        out["period"] = str(rule.period)
        out["rounding"] = rule.rounding.value
    elif isinstance(rule, FixedDate):
        out["on"] = rule.on.isoformat()
    elif isinstance(rule, Earliest | Latest):
        out["rules"] = [unstructure_rule(r) for r in rule.rules]
    return out


def structure_rule(data: Any, depth: int = 0) -> DayCount:
    """Read a day-count rule from its JSON form."""
    if depth > MAX_DEPTH:
        raise _Invalid("", f"rules nested deeper than {MAX_DEPTH} levels")
    if not isinstance(data, Mapping) or "type" not in data:
        raise _Invalid("", "expected a day-count rule object with a 'type' key")
    tag = data["type"]
    if tag == "upon":
        _expect(data, {"type"}, set(), "an 'upon' rule")
        return Upon()
    if tag in ("nth_day_after", "after_clear_days", "first_day_of_month_following"):
        _expect(data, {"type", "n"}, {"n"}, f"a {tag!r} rule")
        cls = {"nth_day_after": NthDayAfter, "after_clear_days": AfterClearDays}.get(
            tag, FirstDayOfMonthFollowing
        )
        n = _int(data, "n")
        return _nested(".n", lambda: cls(n))  # type: ignore[no-any-return]
    if tag == "after_period":
        _expect(data, {"type", "period", "rounding"}, {"period"}, "an 'after_period' rule")
        period = _nested(
            ".period",
            lambda: (
                Period.parse(data["period"])
                if isinstance(data["period"], str)
                else _bad_period(data["period"])
            ),
        )
        rounding = _nested(".rounding", lambda: _enum(Rounding, data.get("rounding", "strict")))
        return AfterPeriod(period, rounding=rounding)
    if tag == "fixed_date":
        _expect(data, {"type", "on"}, {"on"}, "a 'fixed_date' rule")
        return FixedDate(_nested(".on", lambda: _date_in(data["on"])))
    if tag in ("earliest", "latest"):
        _expect(data, {"type", "rules"}, {"rules"}, f"an {tag!r} rule")
        items = _list(data["rules"], ".rules")
        rules = tuple(
            _nested(f".rules[{i}]", functools.partial(structure_rule, item, depth + 1))
            for i, item in enumerate(items)
        )
        return _nested(".rules", lambda: (Earliest if tag == "earliest" else Latest)(rules))  # type: ignore[no-any-return]
    raise _Invalid(
        ".type", f"unknown day-count rule {tag!r} (known: {', '.join(_RULE_TAGS.values())})"
    )


def _bad_period(value: Any) -> Period:
    raise _Invalid(
        "", f"expected an ISO 8601 period such as 'P90D', got {type(value).__name__} {value!r}"
    )


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Invalid(path, f"expected a list, got {type(value).__name__}")
    return value


def _enum(cls: Any, value: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(m.value for m in cls)
        raise _Invalid("", f"unknown {cls.__name__} {value!r} (known: {known})") from None


# Conditions --------------------------------------------------------------------------

_NODE_TAGS: dict[type, str] = {
    Occurred: "occurred",
    Fulfilled: "fulfilled",
    InForce: "in_force",
    DateReached: "date_reached",
    AllOf: "all_of",
    AnyOf: "any_of",
    Not: "not",
    AtLeast: "at_least",
    Delay: "delay",
    InstrumentCount: "instrument_count",
    InstrumentShare: "instrument_share",
    WeightedShare: "weighted_share",
}


def unstructure_condition(node: Condition) -> dict[str, Any]:
    """The JSON form of a condition tree."""
    out: dict[str, Any] = {"type": _NODE_TAGS[type(node)]}
    if isinstance(node, Occurred):
        out["kind"] = node.kind.value
        for key in ("party", "target", "official"):
            if getattr(node, key) is not None:
                out[key] = getattr(node, key)
    elif isinstance(node, Fulfilled):
        out["commitment"] = node.commitment
    elif isinstance(node, InForce):
        out["agreement"] = node.agreement
    elif isinstance(node, DateReached):
        out["on"] = node.on.isoformat()
    elif isinstance(node, AllOf | AnyOf):
        out["items"] = [unstructure_condition(i) for i in node.items]
    elif isinstance(node, AtLeast):
        out["n"] = node.n
        out["items"] = [unstructure_condition(i) for i in node.items]
    elif isinstance(node, Not):
        out["item"] = unstructure_condition(node.item)
    elif isinstance(node, Delay):
        out["item"] = unstructure_condition(node.item)
        out["rule"] = unstructure_rule(node.rule)
    elif isinstance(node, InstrumentCount):
        out["n"] = node.n
        out["target"] = node.target
        out["kind"] = node.kind.value
        if node.among is not None:
            out["among"] = node.among
    elif isinstance(node, InstrumentShare):
        out["share"] = format_number(node.share)
        out["target"] = node.target
        out["among"] = node.among
        out["kind"] = node.kind.value
    elif isinstance(node, WeightedShare):
        out["share"] = format_number(node.share)
        out["weights"] = {party: format_number(weight) for party, weight in node.weights}
        out["target"] = node.target
        out["kind"] = node.kind.value
        if node.total is not None:
            out["total"] = format_number(node.total)
    return out


_FIELD = re.compile(r"^[A-Za-z]+\.(?P<field>[a-z_]+)(?P<index>(?:\[[^\]]*\])*)")


def _built(function: Callable[[], Condition]) -> Condition:
    """Build a node; a model error that names one of its fields is placed at that field."""
    try:
        return function()
    except TradeAccordError as exc:
        found = _FIELD.match(str(exc))
        path = f".{found['field']}{found['index']}" if found else ""
        raise _Invalid(path, str(exc)) from None


def _number(value: Any) -> Any:
    """A JSON number or a numeric string, as given (the model reads it exactly)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Invalid(
            "",
            f"expected a number or a string such as '2/3', '0.55' or '55%', "
            f"got {type(value).__name__} {value!r}",
        )
    return value


def _weights(value: Any) -> list[tuple[Any, Any]]:
    """Party weights from a JSON object, in its order."""
    if not isinstance(value, Mapping):
        raise _Invalid(
            "", f"expected an object mapping party ids to weights, got {type(value).__name__}"
        )
    return [
        (party, _nested(f"[{party!r}]", functools.partial(_number, weight)))
        for party, weight in value.items()
    ]


def structure_condition(data: Any, depth: int = 0) -> Condition:
    """Read a condition tree from its JSON form."""
    if depth > MAX_DEPTH:
        raise _Invalid("", f"condition nested deeper than {MAX_DEPTH} levels")
    if not isinstance(data, Mapping) or "type" not in data:
        raise _Invalid("", "expected a condition object with a 'type' key")
    tag = data["type"]

    def items(key: str = "items") -> tuple[Condition, ...]:
        return tuple(
            _nested(f".{key}[{i}]", functools.partial(structure_condition, item, depth + 1))
            for i, item in enumerate(_list(data[key], f".{key}"))
        )

    def build(function: Callable[[], Condition]) -> Condition:
        return _nested("", function)  # type: ignore[no-any-return]

    if tag == "occurred":
        _expect(
            data,
            {"type", "kind", "party", "target", "official"},
            {"kind"},
            "an 'occurred' condition",
        )
        kind = _nested(".kind", lambda: _enum(EventKind, data["kind"]))
        return build(
            lambda: Occurred(
                kind,
                party=data.get("party"),
                target=data.get("target"),
                official=data.get("official"),
            )
        )
    if tag == "fulfilled":
        _expect(data, {"type", "commitment"}, {"commitment"}, "a 'fulfilled' condition")
        return build(lambda: Fulfilled(data["commitment"]))
    if tag == "in_force":
        _expect(data, {"type", "agreement"}, {"agreement"}, "an 'in_force' condition")
        return build(lambda: InForce(data["agreement"]))
    if tag == "date_reached":
        _expect(data, {"type", "on"}, {"on"}, "a 'date_reached' condition")
        return DateReached(_nested(".on", lambda: _date_in(data["on"])))
    if tag in ("all_of", "any_of"):
        _expect(data, {"type", "items"}, {"items"}, f"an {tag!r} condition")
        parts = items()
        return AllOf(*parts) if tag == "all_of" else AnyOf(*parts)
    if tag == "at_least":
        _expect(data, {"type", "n", "items"}, {"n", "items"}, "an 'at_least' condition")
        n = _int(data, "n")
        parts = items()
        return _nested(".n", lambda: AtLeast(n, *parts))  # type: ignore[no-any-return]
    if tag == "not":
        _expect(data, {"type", "item"}, {"item"}, "a 'not' condition")
        return Not(_nested(".item", lambda: structure_condition(data["item"], depth + 1)))
    if tag == "delay":
        _expect(data, {"type", "item", "rule"}, {"item", "rule"}, "a 'delay' condition")
        inner = _nested(".item", lambda: structure_condition(data["item"], depth + 1))
        rule = _nested(".rule", lambda: structure_rule(data["rule"]))
        return Delay(inner, rule)
    if tag in ("instrument_count", "instrument_share", "weighted_share"):
        return _threshold(tag, data)
    raise _Invalid(
        ".type", f"unknown condition type {tag!r} (known: {', '.join(_NODE_TAGS.values())})"
    )


def _threshold(tag: str, data: Mapping[str, Any]) -> Condition:
    """Read an ``instrument_count``, ``instrument_share`` or ``weighted_share`` node."""
    if tag == "instrument_count":
        _expect(
            data, {"type", "n", "target", "kind", "among"}, {"n", "target"}, f"an {tag!r} condition"
        )
    elif tag == "instrument_share":
        _expect(
            data,
            {"type", "share", "target", "among", "kind"},
            {"share", "target", "among"},
            f"an {tag!r} condition",
        )
    else:
        _expect(
            data,
            {"type", "share", "weights", "target", "kind", "total"},
            {"share", "weights", "target"},
            f"a {tag!r} condition",
        )
    kind = _nested(".kind", lambda: _enum(EventKind, data.get("kind", EventKind.DEPOSIT.value)))
    if tag == "instrument_count":
        n = _int(data, "n")
        return _built(
            lambda: InstrumentCount(n, target=data["target"], kind=kind, among=data.get("among"))
        )
    share = _nested(".share", lambda: _number(data["share"]))
    if tag == "instrument_share":
        return _built(
            lambda: InstrumentShare(share, target=data["target"], among=data["among"], kind=kind)
        )
    weights = _nested(".weights", lambda: _weights(data["weights"]))
    total = data.get("total")
    if total is not None:
        total = _nested(".total", lambda: _number(total))
    return _built(
        lambda: WeightedShare(share, weights=weights, target=data["target"], kind=kind, total=total)
    )


# Converter ---------------------------------------------------------------------------


def _wrap(function: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        try:
            return function(value)
        except _Invalid as exc:
            raise ValueError(
                f"{exc.message}{' (at ' + exc.path.lstrip('.') + ')' if exc.path else ''}"
            ) from None

    return hook


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` tradeaccord's canonical forms.

    Dates become ``"YYYY-MM-DD"`` strings, periods ISO 8601 durations
    (``"P90D"``), enums their values, conditions and day-count rules tagged
    objects. Unknown keys are rejected only if the converter was made with
    ``forbid_extra_keys=True`` (as [`make_converter`][tradeaccord.serialization.make_converter] does).
    """
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    converter.register_structure_hook(dt.date, _wrap(_date_in))
    for enum_type in _ENUMS:
        converter.register_structure_hook(enum_type, _wrap(functools.partial(_enum, enum_type)))
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(
        Period, _wrap(lambda v: Period.parse(v) if isinstance(v, str) else _bad_period(v))
    )
    for node_type in _NODE_TAGS:
        converter.register_unstructure_hook(node_type, unstructure_condition)
    converter.register_unstructure_hook(Condition, unstructure_condition)
    converter.register_structure_hook(Condition, _wrap(structure_condition))
    for rule_type in _RULE_TAGS:
        converter.register_unstructure_hook(rule_type, unstructure_rule)
    converter.register_unstructure_hook(DayCount, unstructure_rule)
    converter.register_structure_hook(DayCount, _wrap(structure_rule))
    optional_condition = _wrap(lambda v: None if v is None else structure_condition(v))
    converter.register_structure_hook(Condition | None, optional_condition)
    converter.register_unstructure_hook(
        Condition | None,
        lambda v: None if v is None else unstructure_condition(v),
    )


def make_converter() -> cattrs.Converter:
    """A new converter for tradeaccord values that rejects unknown keys.

    Examples:
        >>> from tradeaccord import Party
        >>> conv = make_converter()
        >>> conv.unstructure(Party(id="USA", name="United States"))
        {'id': 'USA', 'name': 'United States', 'kind': 'state'}
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    configure_converter(converter)
    return converter


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, ValueError | TypeError) and not isinstance(
        exc, ClassValidationError | IterableValidationError | ForbiddenExtraKeysError
    ):
        message = str(exc)
        if message and not message.startswith("invalid value for type"):
            return message
    return cattrs.v.format_exception(exc, type_)


def _problems(exc: BaseException) -> list[Problem]:
    out: list[Problem] = []
    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            if isinstance(sub, DatasetError):
                out.extend(sub.problems)
        if out:
            return out
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").lstrip(".")
        inner = ""
        if "(at " in message and message.endswith(")"):
            message, _, inner = message[:-1].rpartition(" (at ")
            path = f"{path}.{inner}" if path else inner
        out.append(Problem(path.replace(".[", "["), message))
    return out


def dataset_to_json(dataset: Dataset, *, indent: int | None = 2) -> str:
    """The canonical JSON text of a dataset, with a ``"format"`` version key."""
    data = {"format": DATASET_FORMAT, **make_converter().unstructure(dataset)}
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def dataset_from_json(text: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from its canonical JSON text.

    Raises:
        InputError: the text is not JSON, not a dataset, or the dataset does not
            hold together; every problem is listed with its path.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f"line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        )
        raise InputError(
            source, [Problem(where, f"not valid JSON: {getattr(exc, 'msg', exc)}")]
        ) from None
    except RecursionError:
        raise InputError(source, [Problem("", "nested too deeply")]) from None
    if not isinstance(data, dict):
        raise InputError(
            source, [Problem("", f"expected a JSON object, got {type(data).__name__}")]
        )
    data = dict(data)
    version = data.pop("format", None)
    if version != DATASET_FORMAT:
        raise InputError(
            source, [Problem("format", f"expected format {DATASET_FORMAT}, got {version!r}")]
        )
    try:
        return make_converter().structure(data, Dataset)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        raise InputError(source, _problems(exc)) from None
    except DatasetError as exc:
        raise InputError(source, exc.problems) from None
    except TradeAccordError as exc:
        raise InputError(source, [Problem("", str(exc))]) from None


# Reports -------------------------------------------------------------------------------


def _truth(value: Truth) -> bool | None:
    return value.as_bool()


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _citation(citation: Citation) -> dict[str, Any]:
    return {
        "event": citation.event,
        "date": citation.date.isoformat(),
        "kind": citation.kind.value,
        "party": citation.party,
        "summary": citation.summary,
        "confidence": citation.confidence.value,
        "sources": [
            {
                "id": s.id,
                "publisher": s.publisher,
                "title": s.title,
                "url": s.url,
                "published": _day(s.published),
                "kind": s.kind.value,
            }
            for s in citation.sources
        ],
    }


def _explanation(node: Explanation) -> dict[str, Any]:
    return {
        "label": node.label,
        "value": None if node.value is None else node.value.value,
        "since": _day(node.since),
        "citations": [_citation(c) for c in node.citations],
        "children": [_explanation(c) for c in node.children],
    }


def _commitment(report: CommitmentReport, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.id,
        "by": report.by,
        "action": report.action.value,
        "summary": report.summary,
        "status": report.status.value,
        "since": _day(report.since),
        "deontic": report.deontic.value,
        "due": _day(report.due),
        "performed": _truth(report.performed),
        "performed_on": _day(report.performed_on),
        "rule": report.rule,
        "reason": report.reason,
        "missing": list(describe_missing(report.missing)),
    }
    if explain:
        out["explanation"] = _explanation(report.explanation)
    return out


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "condition": progress.condition,
        "path": progress.path,
        "unit": progress.unit,
        "met": _truth(progress.met),
        "have": format_number(progress.have),
        "unknown": format_number(progress.unknown),
        "required": format_number(progress.required),
        "still_needed": format_number(progress.still_needed),
        "counted": list(progress.counted),
        "uncertain": list(progress.uncertain),
        "outstanding": list(progress.outstanding),
        "members": progress.members,
        "description": progress.describe(),
    }


def _party(report: PartyReport) -> dict[str, Any]:
    return {
        "party": report.party,
        "status": report.status.value,
        "bound": _truth(report.bound),
        "since": _day(report.since),
        "entry_into_force": _day(report.entry_into_force),
        "instrument_on": _day(report.instrument_on),
        "withdrawal_effective": _day(report.withdrawal_effective),
    }


def _agreement(report: AgreementReport, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.id,
        "title": report.title,
        "status": report.status.value,
        "in_force": _truth(report.in_force),
        "in_force_since": _day(report.in_force_since),
        "entered_into_force": _day(report.entered_into_force),
        "scheduled_entry_into_force": _day(report.scheduled_entry_into_force),
        "rule": report.rule,
        "reason": report.reason,
        "missing": list(report.missing_descriptions()),
        "missing_alternatives": [[n.description for n in a.needs] for a in report.missing],
        "progress": [_progress(p) for p in report.progress],
        "per_party": report.per_party,
        "parties": [_party(p) for p in report.parties],
        "commitments": [_commitment(c, explain) for c in report.commitments],
    }
    if explain:
        out["explanation"] = _explanation(report.explanation)
    return out


def report_to_dict(report: Report, *, explain: bool = False) -> dict[str, Any]:
    """The JSON-compatible form of a report (see the JSON output reference).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import evaluate, example_dataset
        >>> data = report_to_dict(evaluate(example_dataset(), dt.date(2025, 6, 12)))
        >>> london = [a for a in data["agreements"] if a["id"] == "london-2025"][0]
        >>> london["in_force"], london["missing"]
        (False, ['approval of london-2025 by USA', 'approval of london-2025 by CHN'])
    """
    return {
        "format": report.format,
        "as_of": report.as_of.isoformat(),
        "agreements": [_agreement(a, explain) for a in report.agreements],
    }
