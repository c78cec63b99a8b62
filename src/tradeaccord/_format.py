"""The dataset file format: plain data (dicts, lists, text, numbers, dates) to model
values and back, with every problem in the input collected and placed.

The same layout is read from YAML, TOML and JSON (see the dataset format reference).
Reading is one pass over the data: each object is checked for unknown and missing
keys, dates, periods and enumerations are parsed, and the model classes are built
with their own validators — the checks are not written twice. When a value cannot be
built, its fields are checked one by one so that every problem is reported, and the
reading goes on with the next value. Cross-references are checked last, by the
``Dataset`` itself, on whatever could be built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, cast

import attrs

from ._calendar import (
    DAY_COUNT_TYPES,
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
from ._documents import _key_path
from ._model import (
    Agreement,
    Commitment,
    Dataset,
    Deadline,
    EntryIntoForce,
    Event,
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
    _check,
)
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
from .errors import DatasetError, ModelTypeError, ModelValueError, Problem, TradeAccordError

__all__ = [
    "FORMAT",
    "MAX_DEPTH",
    "READABLE_FORMATS",
    "condition_from_data",
    "condition_to_data",
    "dataset_from_data",
    "dataset_to_data",
    "file_path",
    "read_value",
    "rule_from_data",
    "rule_to_data",
    "value_to_data",
]

FORMAT: Final = 1
"""The layout tradeaccord writes, in the ``format`` key of every dataset file."""

READABLE_FORMATS: Final = (1,)
"""The layouts this release reads."""

MAX_DEPTH: Final = 64
"""The deepest nesting of conditions or day-count rules accepted."""


class _Bad(Exception):
    """A scalar that cannot be read; the caller knows where it is."""


_BAD: Final[Any] = object()
"""Marks a value that could not be read; its problems are already recorded."""


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, dt.datetime):
        return f"date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"


class _Reader:
    """Collects the problems found while reading one document."""

    __slots__ = ("dropped", "kept", "problems")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.dropped: set[str] = set()
        # For a list read in part (the commitments of an agreement): the input
        # indices of the items kept, by the list's path.
        self.kept: dict[str, list[int]] = {}

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))


# Scalars --------------------------------------------------------------------------------


def _date(value: Any) -> dt.date:
    if type(value) is str:
        if len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad(f"not a valid calendar date 'YYYY-MM-DD': {value!r}")
    if isinstance(value, dt.datetime):
        raise _Bad(f"expected a date without a time of day, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    raise _Bad(f"expected a date 'YYYY-MM-DD', got {_describe(value)}")


def _period(value: Any) -> Period:
    if type(value) is not str:
        raise _Bad(f"expected a period such as 'P90D' or 'P1Y6M', got {_describe(value)}")
    try:
        return Period.parse(value)
    except TradeAccordError as exc:
        raise _Bad(str(exc)) from None


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Bad(f"expected a whole number, got {_describe(value)}")
    return value


def _enum(cls: Any) -> Callable[[Any], Any]:
    members = {member.value: member for member in cls}
    known = ", ".join(members)
    label = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()

    def read(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise _Bad(
                f"unknown {label} {_shown(value)}{_guess(value, members)} (known: {known})"
            ) from None

    return read


def _shown(value: Any) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return repr(value)
    return _describe(value)


def _tuple(value: Any) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Bad(f"expected a list, got {_describe(value)}")
    return tuple(value)


_ACTION = _enum(Action)
_AGREEMENT_KIND = _enum(AgreementKind)
_CONFIDENCE = _enum(Confidence)
_EVENT_KIND = _enum(EventKind)
_LINK_KIND = _enum(LinkKind)
_MEASURE_KIND = _enum(MeasureKind)
_PARTY_KIND = _enum(PartyKind)
_SOURCE_KIND = _enum(SourceKind)
_ROUNDING = _enum(Rounding)


# Building values ------------------------------------------------------------------------


def _build(
    r: _Reader,
    path: str,
    cls: Any,
    kwargs: dict[str, Any],
    keys: Mapping[str, str] | None = None,
    args: tuple[Any, ...] = (),
) -> Any:
    """``cls(*args, **kwargs)``, or every problem with it recorded under ``path``.

    ``keys`` maps model field names to the keys the file spells them with.
    """
    try:
        return cls(*args, **kwargs)
    except (ModelValueError, ModelTypeError) as exc:
        first = exc
    except TradeAccordError as exc:
        r.add(path, str(exc))
        return _BAD
    found = _each_field(cls, kwargs)
    if not any(field == first.field for field, _ in found):
        found.insert(0, (first.field, first.detail))
    for field, detail in found:
        r.add(_at(path, field, keys), detail)
    return _BAD


def _each_field(cls: Any, kwargs: Mapping[str, Any]) -> list[tuple[str | None, str]]:
    """The problems of each field taken alone (the slow path, after a failed build)."""
    bare = object.__new__(cls)
    found: list[tuple[str | None, str]] = []
    for attribute in attrs.fields(cls):
        name = attribute.alias or attribute.name
        if name not in kwargs:
            continue
        value = kwargs[name]
        try:
            converter: Any = attribute.converter
            if isinstance(converter, attrs.Converter):
                value = getattr(converter, "converter")(value, bare, attribute)  # noqa: B009
            if attribute.validator is not None:
                attribute.validator(bare, attribute, value)
        except (ModelValueError, ModelTypeError) as exc:
            found.append((exc.field, exc.detail))
        except Exception:  # a validator that needs the other fields: the build reported it
            continue
    return found


def _at(path: str, field: str | None, keys: Mapping[str, str] | None = None) -> str:
    if field is None:
        return path
    name, bracket, rest = field.partition("[")
    if keys is not None:
        name = keys.get(name, name)
    if not name:
        return path
    return f"{path}.{name}{bracket}{rest}" if path else f"{name}{bracket}{rest}"


@attrs.frozen
class _Nested:
    read: Callable[[_Reader, Any, str], Any]
    spec: _Spec | None = None


@attrs.frozen
class _Spec:
    """How to read one model class from an object: its keys and how each is read."""

    cls: Any
    what: str
    keys: frozenset[str]
    required: frozenset[str]
    order: tuple[str, ...]
    scalars: tuple[tuple[str, Callable[[Any], Any]], ...]
    nested: tuple[tuple[str, Callable[[_Reader, Any, str], Any]], ...]
    short: Callable[[Any], dict[str, Any]] | None = None


def _spec(
    cls: Any,
    what: str,
    required: tuple[str, ...],
    short: Callable[[Any], dict[str, Any]] | None = None,
    **fields: Any,
) -> _Spec:
    """A reading spec; each field is ``None`` (taken as it is, the model checks it), a
    scalar reader, or a ``_Nested`` reader."""
    return _Spec(
        cls=cls,
        what=what,
        keys=frozenset(fields),
        required=frozenset(required),
        order=tuple(fields),
        scalars=tuple(
            (k, f) for k, f in fields.items() if f is not None and not isinstance(f, _Nested)
        ),
        nested=tuple((k, f.read) for k, f in fields.items() if isinstance(f, _Nested)),
        short=short,
    )


def _object(r: _Reader, data: Any, path: str, spec: _Spec) -> Any:
    """Read one object of ``spec.cls`` from a mapping (or from its short form)."""
    if type(data) is not dict:
        if spec.short is not None:
            try:
                return spec.cls(**spec.short(data))
            except _Bad as exc:
                r.add(path, str(exc))
                return _BAD
            except (ModelTypeError, ModelValueError) as exc:
                r.add(path, exc.detail)
                return _BAD
        r.add(path, f"expected {spec.what} (an object), got {_describe(data)}")
        return _BAD
    ok = True
    failed: set[str] = set()
    keys = data.keys()
    if not keys <= spec.keys:
        for key in data:
            if key not in spec.keys:
                r.add(_key_path(path, key), _unknown_key(key, spec.what, spec.order))
        ok = False
    if not spec.required <= keys:
        lacking = [k for k in spec.order if k in spec.required and k not in keys]
        r.add(path, f"{spec.what} needs {_and(lacking)}")
        ok = False
    kwargs = dict(data)
    if None in data.values():
        for key, value in data.items():
            if value is None and key in spec.keys:
                r.add(_key_path(path, key), _NULL)
                del kwargs[key]
        ok = False
    for key, scalar in spec.scalars:
        if key in kwargs:
            try:
                kwargs[key] = scalar(kwargs[key])
            except _Bad as exc:
                r.add(_key_path(path, key), str(exc))
                failed.add(key)
                ok = False
    for key, nested in spec.nested:
        if key in kwargs:
            value = nested(r, kwargs[key], f"{path}.{key}")
            if value is _BAD:
                ok = False
            elif type(value) is _Part:
                value = value.items  # its bad items are already recorded as problems
            kwargs[key] = value
    if not ok:
        # Check the fields that could be read too, so that no problem hides another.
        readable = {k: v for k, v in kwargs.items() if k not in failed and v is not _BAD}
        for field, detail in _each_field(spec.cls, readable):
            if field is not None:
                r.add(_at(path, field), detail)
        return _BAD
    return _build(r, path, spec.cls, kwargs)


class _Part:
    """The items of a list that could be read, when some could not."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Any, ...]) -> None:
        self.items = items


def _some(item: _Nested, collection: str) -> _Nested:
    """A list whose good items are kept when others are bad (for checking references)."""
    read = item.read

    def read_some(r: _Reader, data: Any, path: str) -> Any:
        if type(data) is not list:
            return _list(r, data, path, read)
        out = []
        kept = []
        for index, value in enumerate(data):
            before = len(r.problems)
            built = read(r, value, f"{path}[{index}]")
            if built is _BAD:
                built = _salvage(r, item, value, f"{path}[{index}]", before)
            if built is _BAD:
                _drop(r, collection, value)
            else:
                out.append(built)
                kept.append(index)
        if len(out) == len(data):
            return tuple(out)
        r.kept[path] = kept
        return _Part(tuple(out))

    return _Nested(read_some)


_NULL: Final = "null is not a value here: leave the key out instead"


def _unknown_key(key: Any, what: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    return f"unknown key {key!r} in {what}{_guess(key, allowed)} (allowed: {', '.join(allowed)})"


def _guess(word: Any, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when ``word`` looks like a misspelling of one of ``known``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _list(
    r: _Reader,
    data: Any,
    path: str,
    read: Callable[[_Reader, Any, str], Any],
) -> Any:
    """A tuple of values read with ``read``; ``_BAD`` if any item is bad (all are read)."""
    if type(data) is not list:
        r.add(path, f"expected a list, got {_describe(data)}")
        return _BAD
    out = []
    ok = True
    for index, item in enumerate(data):
        value = read(r, item, f"{path}[{index}]")
        if value is _BAD:
            ok = False
        else:
            out.append(value)
    return tuple(out) if ok else _BAD


# Day-count rules ------------------------------------------------------------------------

_RULE_COUNTS: Final[dict[str, type]] = {
    "nth_day_after": NthDayAfter,
    "after_clear_days": AfterClearDays,
    "first_day_of_month_following": FirstDayOfMonthFollowing,
}
_RULE_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "nth_day_after": (),
    "after_clear_days": (),
    "first_day_of_month_following": (),
    "after_period": ("rounding",),
    "fixed_date": (),
    "earliest": (),
    "latest": (),
}
_RULE_TAGS: Final = frozenset(_RULE_KEYS)


def rule_from_data(r: _Reader, data: Any, path: str, depth: int = 0) -> Any:
    """Read a day-count rule: ``"upon"`` or a one-key object such as ``{nth_day_after: 30}``."""
    if data == "upon" and type(data) is str:
        return Upon()
    if depth > MAX_DEPTH:
        r.add(path, f"day-count rules nested deeper than {MAX_DEPTH} levels")
        return _BAD
    if type(data) is not dict:
        r.add(
            path,
            "expected a day-count rule: 'upon' or an object with one of the keys "
            f"{', '.join(_RULE_KEYS)}; got {_describe(data)}",
        )
        return _BAD
    tags = _RULE_TAGS.intersection(data)
    if len(tags) != 1:
        r.add(path, _tag_problem("day-count rule", tags, _RULE_KEYS, data))
        return _BAD
    (tag,) = tags
    allowed = _RULE_KEYS[tag]
    ok = True
    for key in data:
        if key != tag and key not in allowed:
            r.add(_key_path(path, key), _unknown_key(key, f"a {tag!r} rule", (tag, *allowed)))
            ok = False
    value = data[tag]
    where = f"{path}.{tag}"
    if tag in _RULE_COUNTS:
        try:
            n = _int(value)
        except _Bad as exc:
            r.add(where, str(exc))
            return _BAD
        return _build(r, path, _RULE_COUNTS[tag], {}, {"n": tag}, (n,)) if ok else _BAD
    if tag == "after_period":
        period = _scalar(r, _period, value, where)
        rounding = _scalar(r, _ROUNDING, data.get("rounding", "strict"), f"{path}.rounding")
        if not ok or period is _BAD or rounding is _BAD:
            return _BAD
        return AfterPeriod(period, rounding=rounding)
    if tag == "fixed_date":
        on = _scalar(r, _date, value, where)
        return FixedDate(on) if ok and on is not _BAD else _BAD
    rules = _list(r, value, where, lambda r, d, p: rule_from_data(r, d, p, depth + 1))
    if not ok or rules is _BAD:
        return _BAD
    return _build(r, path, Earliest if tag == "earliest" else Latest, {}, {"rules": tag}, (rules,))


def _scalar(r: _Reader, read: Callable[[Any], Any], value: Any, path: str) -> Any:
    try:
        return read(value)
    except _Bad as exc:
        r.add(path, str(exc))
        return _BAD


def _tag_problem(
    what: str, tags: Iterable[str], known: Iterable[str], data: Mapping[str, Any]
) -> str:
    found = sorted(tags)
    if found:
        return f"a {what} has exactly one of the keys {', '.join(known)}; got {' and '.join(map(repr, found))}"
    keys = ", ".join(map(repr, data)) or "none"
    guesses = "".join(_guess(key, known) for key in data)
    return (
        f"expected a {what}: an object with one of the keys {', '.join(known)} "
        f"(got keys: {keys}{guesses})"
    )


def rule_to_data(rule: DayCount) -> Any:
    """The file form of a day-count rule."""
    if isinstance(rule, Upon):
        return "upon"
    if isinstance(rule, NthDayAfter):
        return {"nth_day_after": rule.n}
    if isinstance(rule, AfterClearDays):
        return {"after_clear_days": rule.n}
    if isinstance(rule, FirstDayOfMonthFollowing):
        return {"first_day_of_month_following": rule.n}
    if isinstance(rule, AfterPeriod):
        out: dict[str, Any] = {"after_period": str(rule.period)}
        if rule.rounding is not Rounding.STRICT:
            out["rounding"] = rule.rounding.value
        return out
    if isinstance(rule, FixedDate):
        return {"fixed_date": rule.on}
    if isinstance(rule, Earliest):
        return {"earliest": [rule_to_data(r) for r in rule.rules]}
    if isinstance(rule, Latest):
        return {"latest": [rule_to_data(r) for r in rule.rules]}
    raise TypeError(f"not a day-count rule: {rule!r}")


# Conditions -----------------------------------------------------------------------------

_CONDITION_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "occurred": ("party", "by_all", "by_any", "target", "official"),
    "fulfilled": (),
    "in_force": (),
    "date_reached": (),
    "all_of": (),
    "any_of": (),
    "not": (),
    "at_least": ("of",),
    "delay": ("rule",),
    "instrument_count": ("target", "kind", "among"),
    "instrument_share": ("target", "among", "kind"),
    "weighted_share": ("weights", "target", "kind", "total"),
}
_CONDITION_TAGS: Final = frozenset(_CONDITION_KEYS)
_REQUIRED: Final[dict[str, frozenset[str]]] = {
    "at_least": frozenset({"of"}),
    "delay": frozenset({"rule"}),
    "instrument_count": frozenset({"target"}),
    "instrument_share": frozenset({"target", "among"}),
    "weighted_share": frozenset({"weights", "target"}),
}
_OCCURRED_KEYS: Final = {"kind": "occurred"}


def condition_from_data(r: _Reader, data: Any, path: str, depth: int = 0) -> Any:
    """Read a condition: a one-tag object such as ``{in_force: geneva-2025}``."""
    if type(data) is dict:
        if len(data) == 1:
            for tag in data:
                read = _CONDITION_READERS.get(tag)
                if read is not None and tag not in _REQUIRED and data[tag] is not None:
                    if depth > MAX_DEPTH:
                        break
                    return read(r, data, path, depth)
        else:
            tags = _CONDITION_TAGS.intersection(data)
            if len(tags) == 1 and depth <= MAX_DEPTH:
                (tag,) = tags
                allowed = _CONDITION_ALLOWED[tag]
                if (
                    data.keys() <= allowed
                    and _REQUIRED.get(tag, _NONE) <= data.keys()
                    and None not in data.values()
                ):
                    return _CONDITION_READERS[tag](r, data, path, depth)
    # Something is wrong with this node: say what.
    if depth > MAX_DEPTH:
        r.add(path, f"conditions nested deeper than {MAX_DEPTH} levels")
        return _BAD
    if type(data) is not dict:
        r.add(
            path,
            f"expected a condition: an object with one of the keys "
            f"{', '.join(_CONDITION_KEYS)}; got {_describe(data)}",
        )
        return _BAD
    tags = _CONDITION_TAGS.intersection(data)
    if len(tags) != 1:
        r.add(path, _tag_problem("condition", tags, _CONDITION_KEYS, data))
        return _BAD
    (tag,) = tags
    for key, value in data.items():
        if value is None and key in _CONDITION_ALLOWED[tag]:
            r.add(_key_path(path, key), _NULL)
        if key not in _CONDITION_ALLOWED[tag]:
            r.add(
                _key_path(path, key),
                _unknown_key(key, f"{_article(tag)} condition", (tag, *_CONDITION_KEYS[tag])),
            )
    lacking = [k for k in _CONDITION_KEYS[tag] if k in _REQUIRED.get(tag, _NONE) and k not in data]
    if lacking:
        r.add(path, f"{_article(tag)} condition needs {_and(lacking)}")
    return _BAD


def _and(keys: list[str]) -> str:
    quoted = [repr(k) for k in keys]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _article(tag: str) -> str:
    return f"{'an' if tag[0] in 'aeiou' else 'a'} {tag!r}"


_NONE: Final[frozenset[str]] = frozenset()


def _fulfilled(r: _Reader, data: Any, path: str, depth: int) -> Any:
    return _build(r, path, Fulfilled, {}, {"commitment": "fulfilled"}, (data["fulfilled"],))


def _in_force(r: _Reader, data: Any, path: str, depth: int) -> Any:
    return _build(r, path, InForce, {}, {"agreement": "in_force"}, (data["in_force"],))


def _date_reached(r: _Reader, data: Any, path: str, depth: int) -> Any:
    on = _scalar(r, _date, data["date_reached"], f"{path}.date_reached")
    return _BAD if on is _BAD else DateReached(on)


def _items(r: _Reader, value: Any, path: str, depth: int) -> Any:
    if type(value) is not list:
        r.add(path, f"expected a list of conditions, got {_describe(value)}")
        return _BAD
    out = []
    ok = True
    for index, item in enumerate(value):
        node = condition_from_data(r, item, f"{path}[{index}]", depth + 1)
        if node is _BAD:
            ok = False
        out.append(node)
    return out if ok else _BAD


def _all_of(r: _Reader, data: Any, path: str, depth: int) -> Any:
    items = _items(r, data["all_of"], f"{path}.all_of", depth)
    return _BAD if items is _BAD else AllOf(*items)


def _any_of(r: _Reader, data: Any, path: str, depth: int) -> Any:
    items = _items(r, data["any_of"], f"{path}.any_of", depth)
    return _BAD if items is _BAD else AnyOf(*items)


def _not(r: _Reader, data: Any, path: str, depth: int) -> Any:
    item = condition_from_data(r, data["not"], f"{path}.not", depth + 1)
    return _BAD if item is _BAD else Not(item)


def _at_least(r: _Reader, data: Any, path: str, depth: int) -> Any:
    n = _scalar(r, _int, data["at_least"], f"{path}.at_least")
    items = _items(r, data["of"], f"{path}.of", depth)
    if n is _BAD or items is _BAD:
        return _BAD
    return _build(r, path, AtLeast, {}, {"n": "at_least"}, (n, *items))


def _delay(r: _Reader, data: Any, path: str, depth: int) -> Any:
    item = condition_from_data(r, data["delay"], f"{path}.delay", depth + 1)
    rule = rule_from_data(r, data["rule"], f"{path}.rule")
    if item is _BAD or rule is _BAD:
        return _BAD
    return Delay(item, rule)


def _instrument_count(r: _Reader, data: Any, path: str, depth: int) -> Any:
    kind = _scalar(r, _EVENT_KIND, data.get("kind", "deposit"), f"{path}.kind")
    n = _scalar(r, _int, data["instrument_count"], f"{path}.instrument_count")
    if kind is _BAD or n is _BAD:
        return _BAD
    kwargs = {"target": data["target"], "kind": kind, "among": data.get("among")}
    return _build(r, path, InstrumentCount, kwargs, {"n": "instrument_count"}, (n,))


def _instrument_share(r: _Reader, data: Any, path: str, depth: int) -> Any:
    kind = _scalar(r, _EVENT_KIND, data.get("kind", "deposit"), f"{path}.kind")
    if kind is _BAD:
        return _BAD
    kwargs = {"target": data["target"], "among": data["among"], "kind": kind}
    share = data["instrument_share"]
    return _build(r, path, InstrumentShare, kwargs, {"share": "instrument_share"}, (share,))


def _weighted_share(r: _Reader, data: Any, path: str, depth: int) -> Any:
    kind = _scalar(r, _EVENT_KIND, data.get("kind", "deposit"), f"{path}.kind")
    weights = data["weights"]
    if type(weights) is not dict:
        r.add(
            f"{path}.weights",
            f"expected an object mapping party ids to weights, got {_describe(weights)}",
        )
        return _BAD
    if kind is _BAD:
        return _BAD
    kwargs = {
        "weights": weights,
        "target": data["target"],
        "kind": kind,
        "total": data.get("total"),
    }
    share = data["weighted_share"]
    return _build(r, path, WeightedShare, kwargs, {"share": "weighted_share"}, (share,))


def _occurred(r: _Reader, data: Mapping[str, Any], path: str, depth: int) -> Any:
    kind = _scalar(r, _EVENT_KIND, data["occurred"], f"{path}.occurred")
    both = [key for key in ("party", "by_all", "by_any") if key in data]
    if len(both) > 1:
        r.add(path, f"give only one of {', '.join(map(repr, both))}")
        return _BAD
    if kind is _BAD:
        return _BAD
    target, official = data.get("target"), data.get("official")
    if not both or both[0] == "party":
        kwargs = {"party": data.get("party"), "target": target, "official": official}
        return _build(r, path, Occurred, kwargs, _OCCURRED_KEYS, (kind,))
    key = both[0]
    parties = data[key]
    where = f"{path}.{key}"
    if type(parties) is not list or not parties:
        r.add(where, f"expected a non-empty list of party ids, got {_describe(parties)}")
        return _BAD
    items = []
    ok = True
    for index, party in enumerate(parties):
        kwargs = {"party": party, "target": target, "official": official}
        keys = {"kind": "occurred", "party": f"{key}[{index}]"}
        item = _build(r, path, Occurred, kwargs, keys, (kind,))
        if item is _BAD:
            ok = False
        items.append(item)
    if not ok:
        return _BAD
    return AllOf(*items) if key == "by_all" else AnyOf(*items)


_CONDITION_READERS: Final[dict[str, Callable[[_Reader, Any, str, int], Any]]] = {
    "occurred": _occurred,
    "fulfilled": _fulfilled,
    "in_force": _in_force,
    "date_reached": _date_reached,
    "all_of": _all_of,
    "any_of": _any_of,
    "not": _not,
    "at_least": _at_least,
    "delay": _delay,
    "instrument_count": _instrument_count,
    "instrument_share": _instrument_share,
    "weighted_share": _weighted_share,
}
_CONDITION_ALLOWED: Final = {tag: frozenset((tag, *keys)) for tag, keys in _CONDITION_KEYS.items()}


def _shared_occurrence(items: tuple[Condition, ...]) -> list[Occurred] | None:
    """``items`` as ``Occurred`` nodes, if they can be written as one ``occurred`` with
    ``by_all``/``by_any``: each with a party, all of the same kind, target and official."""
    leaves = [i for i in items if type(i) is Occurred and i.party is not None]
    if not leaves or len(leaves) != len(items):
        return None
    first = leaves[0]
    same = all(
        i.kind is first.kind and i.target == first.target and i.official == first.official
        for i in leaves
    )
    return leaves if same else None


def condition_to_data(node: Condition) -> dict[str, Any]:
    """The file form of a condition tree (short forms where they apply)."""
    if isinstance(node, Occurred):
        out: dict[str, Any] = {"occurred": node.kind.value}
        if node.party is not None:
            out["party"] = node.party
        if node.target is not None:
            out["target"] = node.target
        if node.official is not None:
            out["official"] = node.official
        return out
    if isinstance(node, AllOf | AnyOf):
        leaves = _shared_occurrence(node.items)
        if leaves is not None:
            first = leaves[0]
            key = "by_all" if isinstance(node, AllOf) else "by_any"
            out = {"occurred": first.kind.value, key: [i.party for i in leaves]}
            if first.target is not None:
                out["target"] = first.target
            if first.official is not None:
                out["official"] = first.official
            return out
        tag = "all_of" if isinstance(node, AllOf) else "any_of"
        return {tag: [condition_to_data(i) for i in node.items]}
    if isinstance(node, Fulfilled):
        return {"fulfilled": node.commitment}
    if isinstance(node, InForce):
        return {"in_force": node.agreement}
    if isinstance(node, DateReached):
        return {"date_reached": node.on}
    if isinstance(node, Not):
        return {"not": condition_to_data(node.item)}
    if isinstance(node, AtLeast):
        return {"at_least": node.n, "of": [condition_to_data(i) for i in node.items]}
    if isinstance(node, Delay):
        return {"delay": condition_to_data(node.item), "rule": rule_to_data(node.rule)}
    if isinstance(node, InstrumentCount):
        out = {"instrument_count": node.n, "target": node.target}
        if node.kind is not EventKind.DEPOSIT:
            out["kind"] = node.kind.value
        if node.among is not None:
            out["among"] = node.among
        return out
    if isinstance(node, InstrumentShare):
        out = {"instrument_share": format_number(node.share), "target": node.target}
        out["among"] = node.among
        if node.kind is not EventKind.DEPOSIT:
            out["kind"] = node.kind.value
        return out
    if isinstance(node, WeightedShare):
        out = {
            "weighted_share": format_number(node.share),
            "weights": {party: format_number(weight) for party, weight in node.weights},
            "target": node.target,
        }
        if node.kind is not EventKind.DEPOSIT:
            out["kind"] = node.kind.value
        if node.total is not None:
            out["total"] = format_number(node.total)
        return out
    raise TypeError(f"not a condition: {node!r}")


# The model ------------------------------------------------------------------------------


_CONDITION = _Nested(condition_from_data)
_RULE = _Nested(rule_from_data)


def _term_short(value: Any) -> dict[str, Any]:
    return {"period": _period(value)}


_TERM_SPEC = _spec(Term, "a term", ("period",), _term_short, period=_period, rounding=_ROUNDING)


def _deadline_short(value: Any) -> dict[str, Any]:
    if type(value) is str and value.startswith("P"):
        return {"within": _period(value)}
    if type(value) is str and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return {"on": _date(value)}
    try:
        return {"on": _date(value)}
    except _Bad:
        raise _Bad(
            f"expected a deadline: a date, a period such as 'P30D', or an object "
            f"with 'on' or 'within'; got {_describe(value)}"
        ) from None


_DEADLINE_SPEC = _spec(
    Deadline, "a deadline", (), _deadline_short, on=_date, within=_period, rounding=_ROUNDING
)


def _member_short(value: Any) -> dict[str, Any]:
    if type(value) is not str:
        raise _Bad(
            f"expected a member: a party id or an object with 'party', got {_describe(value)}"
        )
    return {"party": value}


_MEMBER_SPEC = _spec(
    Member, "a member", ("party",), _member_short, party=None, joined=_date, left=_date
)


def _reader(spec: _Spec) -> _Nested:
    def read(r: _Reader, data: Any, path: str) -> Any:
        return _object(r, data, path, spec)

    return _Nested(read, spec)


def _many(item: _Nested) -> _Nested:
    read = item.read
    return _Nested(lambda r, data, path: _list(r, data, path, read))


_TERM = _reader(_TERM_SPEC)
_DEADLINE = _reader(_DEADLINE_SPEC)
_MEMBER = _reader(_MEMBER_SPEC)
_PARTY = _reader(_spec(Party, "a party", ("id", "name"), id=None, name=None, kind=_PARTY_KIND))
_GROUP = _reader(
    _spec(Group, "a group", ("id", "name", "members"), id=None, name=None, members=_many(_MEMBER))
)
_OFFICIAL = _reader(
    _spec(
        Official, "an official", ("id", "name", "party"), id=None, name=None, party=None, role=None
    )
)
_MEASURE = _reader(
    _spec(
        Measure,
        "a measure",
        ("id", "name", "imposed_by"),
        id=None,
        name=None,
        imposed_by=None,
        kind=_MEASURE_KIND,
        applies_to=_tuple,
        legal_basis=None,
        summary=None,
    )
)
_SOURCE = _reader(
    _spec(
        Source,
        "a source",
        ("id", "publisher", "kind"),
        id=None,
        publisher=None,
        kind=_SOURCE_KIND,
        title=None,
        url=None,
        published=_date,
        quote=None,
    )
)
_EVENT = _reader(
    _spec(
        Event,
        "an event",
        ("id", "date", "kind", "summary"),
        id=None,
        date=_date,
        kind=_EVENT_KIND,
        summary=None,
        party=None,
        official=None,
        target=None,
        sources=_tuple,
        confidence=_CONFIDENCE,
        ends_on=_date,
        notes=None,
    )
)
_COMMITMENT = _reader(
    _spec(
        Commitment,
        "a commitment",
        ("id", "by", "action", "summary"),
        id=None,
        by=None,
        action=_ACTION,
        summary=None,
        measure=None,
        beneficiary=None,
        condition=_CONDITION,
        deadline=_DEADLINE,
        term=_TERM,
        sources=_tuple,
    )
)
_PARTY_ENTRY = _reader(
    _spec(
        PartyEntry,
        "a per-party entry into force",
        (),
        instrument=_EVENT_KIND,
        effective=_RULE,
        withdrawal=_RULE,
    )
)
_ENTRY = _reader(
    _spec(
        EntryIntoForce,
        "an entry-into-force clause",
        ("when",),
        when=_CONDITION,
        effective=_RULE,
        deadline=_date,
        per_party=_PARTY_ENTRY,
    )
)
_PROVISIONAL = _reader(
    _spec(
        ProvisionalApplication,
        "a provisional application",
        ("id", "start"),
        id=None,
        start=_CONDITION,
        effective=_RULE,
        ends_on=_date,
        term=_TERM,
    )
)
_LINK = _reader(_spec(Link, "a link", ("kind", "target"), kind=_LINK_KIND, target=None))
_AGREEMENT = _reader(
    _spec(
        Agreement,
        "an agreement",
        ("id", "title", "kind", "parties"),
        id=None,
        title=None,
        kind=_AGREEMENT_KIND,
        parties=_tuple,
        concluded=_date,
        entry_into_force=_ENTRY,
        commitments=_some(_COMMITMENT, "commitments"),
        links=_many(_LINK),
        term=_TERM,
        provisional_application=_PROVISIONAL,
        summary=None,
        sources=_tuple,
    )
)

_COLLECTIONS: Final[dict[str, _Nested]] = {
    "parties": _PARTY,
    "groups": _GROUP,
    "officials": _OFFICIAL,
    "measures": _MEASURE,
    "sources": _SOURCE,
    "agreements": _AGREEMENT,
    "events": _EVENT,
}
_TOP_KEYS: Final = ("format", "title", *_COLLECTIONS)

_READERS: Final[dict[type, Callable[[_Reader, Any, str], Any]]] = {
    Party: _PARTY.read,
    Group: _GROUP.read,
    Member: _MEMBER.read,
    Official: _OFFICIAL.read,
    Measure: _MEASURE.read,
    Source: _SOURCE.read,
    Event: _EVENT.read,
    Commitment: _COMMITMENT.read,
    Deadline: _DEADLINE.read,
    Term: _TERM.read,
    PartyEntry: _PARTY_ENTRY.read,
    EntryIntoForce: _ENTRY.read,
    ProvisionalApplication: _PROVISIONAL.read,
    Link: _LINK.read,
    Agreement: _AGREEMENT.read,
}


def read_value(cls: Any, data: Any) -> tuple[Any, list[Problem]]:
    """Read one value of a model class (or ``Condition``, ``DayCount``) from its file form.

    Returns the value (``None`` when it could not be read) and the problems found,
    with paths relative to ``data``.
    """
    r = _Reader()
    if cls is Dataset:
        try:
            return dataset_from_data(data), []
        except _DatasetProblems as exc:
            return None, list(exc.problems)
    if cls is Period:
        value = _scalar(r, _period, data, "")
    elif cls is Condition:
        value = condition_from_data(r, data, "")
    elif cls is DayCount:
        value = rule_from_data(r, data, "")
    else:
        value = _READERS[cls](r, data, "")
    problems = [Problem(p.path.lstrip("."), p.message) for p in r.problems]
    return (None if value is _BAD else value), problems


class _DatasetProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def dataset_from_data(
    data: Any,
    *,
    lines: Mapping[str, int] | None = None,
    hint: str = "",
) -> Dataset:
    """Read a dataset from its file form, checking everything in one pass.

    Raises:
        _DatasetProblems: with every problem found, each placed at its path in the
            data (and its line, from ``lines``, keyed by path).
    """
    r = _Reader()
    if type(data) is not dict:
        raise _DatasetProblems(
            [Problem("", f"expected a dataset (an object), got {_describe(data)}")]
        )
    if "format" not in data:
        raise _DatasetProblems(
            [Problem("format", f"a dataset needs 'format': {FORMAT} (the layout it is written in)")]
        )
    version = data["format"]
    if type(version) is not int or version not in READABLE_FORMATS:
        readable = ", ".join(map(str, READABLE_FORMATS))
        raise _DatasetProblems(
            [
                _placed(
                    Problem(
                        "format",
                        f"unknown format {_shown(version)} (this release reads: {readable})",
                    ),
                    lines,
                )
            ]
        )
    kwargs: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for key, value in data.items():
        if key == "format":
            continue
        if key == "title":
            if value is None:
                r.add("title", _NULL)
            else:
                kwargs["title"] = value
            continue
        reader = _COLLECTIONS.get(key)
        if reader is None:
            r.add(
                key if isinstance(key, str) else repr(key),
                _unknown_key(key, "a dataset", _TOP_KEYS),
            )
            continue
        if type(value) is not list:
            r.add(key, _NULL if value is None else f"expected a list, got {_describe(value)}")
            continue
        items = []
        indices = []
        read = reader.read
        for index, item in enumerate(value):
            before = len(r.problems)
            built = read(r, item, f"{key}[{index}]")
            if built is _BAD:
                built = _salvage(r, reader, item, f"{key}[{index}]", before)
            if built is _BAD:
                _drop(r, key, item)
            else:
                items.append(built)
                indices.append(index)
        kwargs[key] = tuple(items)
        kept[key] = indices
    if not r.problems:
        try:
            return Dataset(**kwargs)
        except DatasetError as exc:
            problems = [
                Problem(file_path(data, p.path), _paths_in(data, p.message)) for p in exc.problems
            ]
            raise _DatasetProblems(
                _in_order(data, [_placed(p, lines, hint) for p in problems])
            ) from None
        except (ModelTypeError, ModelValueError) as exc:
            raise _DatasetProblems(
                [_placed(Problem(_at("", exc.field), exc.detail), lines, hint)]
            ) from None
    # Something could not be built: check the references of what could, ignoring
    # references to the ids of what could not (they would only repeat the problem).
    problems = list(r.problems)
    if not isinstance(kwargs.get("title", ""), str):
        problems.append(Problem("title", f"must be str, got {_describe(kwargs.pop('title'))}"))
    kwargs.pop("title", None)
    for problem in _check(_Partial(**kwargs), ignore=frozenset(r.dropped)):
        path = _renumber(problem.path, kept, r.kept)
        message = _paths_in(data, problem.message)
        problems.append(Problem(file_path(data, path), message))
    raise _DatasetProblems(_in_order(data, [_placed(p, lines, hint) for p in problems]))


@attrs.frozen(kw_only=True)
class _Partial:
    """The values that could be built, for checking their references."""

    parties: tuple[Party, ...] = ()
    groups: tuple[Group, ...] = ()
    officials: tuple[Official, ...] = ()
    measures: tuple[Measure, ...] = ()
    sources: tuple[Source, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()


_FIRST_KEY: Final = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)")


def _salvage(r: _Reader, nested: _Nested, item: Any, path: str, before: int) -> Any:
    """The value ``item`` holds without the keys that had problems, if that can be built:
    it takes part in the reference checks, so that every problem is found in one pass.

    The problems are already recorded; the value is only ever used for checking.
    """
    spec = nested.spec
    if spec is None or type(item) is not dict:
        return _BAD
    bad: set[str] = set()
    for problem in r.problems[before:]:
        found = _FIRST_KEY.match(problem.path, len(path))
        if not problem.path.startswith(path) or found is None:
            return _BAD
        bad.add(found[1])
    if not bad or bad & spec.required:
        return _BAD
    quiet = _Reader()
    value = nested.read(quiet, {k: v for k, v in item.items() if k not in bad}, path)
    if value is _BAD or quiet.problems or quiet.dropped:
        return _BAD
    return value


def _drop(r: _Reader, collection: str, item: Any) -> None:
    """Remember the ids a value that could not be built would have defined."""
    if type(item) is not dict:
        return
    ids = [item.get("id")]
    if collection == "agreements":
        for commitment in item.get("commitments") or ():
            if type(commitment) is dict:
                ids.append(commitment.get("id"))
        provisional = item.get("provisional_application")
        if type(provisional) is dict:
            ids.append(provisional.get("id"))
    r.dropped.update(i for i in ids if isinstance(i, str))


_INDEX = re.compile(r"^(?P<key>[a-z]+)\[(?P<index>\d+)\]")


_INNER: Final = re.compile(r"^\.(?P<key>commitments)\[(?P<index>\d+)\]")


def _renumber(path: str, kept: Mapping[str, list[int]], inner: Mapping[str, list[int]]) -> str:
    """A path in the partial dataset as a path in the input."""
    found = _INDEX.match(path)
    if found is None or found["key"] not in kept:
        return path
    head = f"{found['key']}[{kept[found['key']][int(found['index'])]}]"
    rest = path[found.end() :]
    deeper = _INNER.match(rest)
    if deeper is not None and f"{head}.{deeper['key']}" in inner:
        index = inner[f"{head}.{deeper['key']}"][int(deeper["index"])]
        return f"{head}.{deeper['key']}[{index}]{rest[deeper.end() :]}"
    return head + rest


_MODEL_PATH: Final = re.compile(r"agreements\[\d+\](?:\.[A-Za-z_]+|\[\d+\]|\['[^']*'\])*")


def _paths_in(data: Any, message: str) -> str:
    """A message with the model paths it mentions written as paths in the file."""
    if "agreements[" not in message:
        return message
    return _MODEL_PATH.sub(lambda m: file_path(data, m[0]), message)


def _in_order(data: Any, problems: list[Problem]) -> list[Problem]:
    """Problems sorted by where they are in the input: the order of keys and items."""
    return sorted(problems, key=lambda problem: _position(data, problem.path))


def _position(data: Any, path: str) -> tuple[int, ...]:
    """Where ``path`` is in ``data``, as the positions of its keys and items."""
    out: list[int] = []
    node = data
    for seg in _SEGMENT.finditer("." + path if path and path[0] != "[" else path):
        name, index, key = seg["name"], seg["index"], seg["key"]
        name = name if name is not None else (key[1:-1] if key is not None else None)
        if name is not None and isinstance(node, dict):
            keys = list(node)
            out.append(keys.index(name) if name in keys else len(keys))
            node = node.get(name)
        elif index is not None and isinstance(node, list):
            out.append(int(index))
            node = node[int(index)] if int(index) < len(node) else None
        else:
            break
    return tuple(out)


def _placed(problem: Problem, lines: Mapping[str, int] | None, hint: str = "") -> Problem:
    message = problem.message
    if hint and _TEXT_EXPECTED.search(message):
        message = f"{message} {hint}"
    if lines is None:
        return Problem(problem.path, message) if message != problem.message else problem
    return Problem(problem.path, message, line=_line(problem.path, lines))


_TEXT_EXPECTED = re.compile(r"must be (str|a string id), got (bool|int|float|date)")


def _line(path: str, lines: Mapping[str, int]) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        cut = max(path.rfind("."), path.rfind("["))
        path = path[: max(cut, 0)]


# Paths ------------------------------------------------------------------------------------

_SEGMENT = re.compile(
    r"\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?P<index>\d+)\]|\[(?P<key>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]"
)

#: For each tagged node: the model field that holds the main argument, and the model
#: field of its children with the file key they are listed under.
_MAIN_FIELD: Final[dict[str, str]] = {
    "occurred": "kind",
    "fulfilled": "commitment",
    "in_force": "agreement",
    "date_reached": "on",
    "at_least": "n",
    "instrument_count": "n",
    "instrument_share": "share",
    "weighted_share": "share",
    "nth_day_after": "n",
    "after_clear_days": "n",
    "first_day_of_month_following": "n",
    "after_period": "period",
    "fixed_date": "on",
}
_CHILDREN: Final[dict[str, tuple[str, str]]] = {
    "all_of": ("items", "all_of"),
    "any_of": ("items", "any_of"),
    "at_least": ("items", "of"),
    "not": ("item", "not"),
    "delay": ("item", "delay"),
    "earliest": ("rules", "earliest"),
    "latest": ("rules", "latest"),
}
_TAGS: Final = _CONDITION_TAGS | _RULE_TAGS


class _Expanded:
    """One party of a ``by_all``/``by_any`` short form, standing for an ``Occurred``."""

    def __init__(self, parent: Mapping[str, Any], parent_path: str) -> None:
        self.parent = parent
        self.parent_path = parent_path


def file_path(data: Any, path: str) -> str:
    """The path in the file of a place named by its path in the model.

    The model names the children of ``AllOf`` ``items[0]``; the file lists them under
    ``all_of[0]`` (or ``by_all[0]`` in the short form), and so on.
    """
    out = ""
    node: Any = data
    segments = (
        [m for m in _SEGMENT.finditer(path)]
        if path.startswith((".", "["))
        else [m for m in _SEGMENT.finditer("." + path)]
    )
    i = 0
    while i < len(segments):
        seg = segments[i]
        name, index, key = seg["name"], seg["index"], seg["key"]
        if isinstance(node, _Expanded):
            if name == "party":
                i += 1
                continue
            out = node.parent_path
            node = node.parent
            if name == "kind":
                name = "occurred"
        tag = _tag_of(node)
        if tag is not None and name is not None:
            children = _CHILDREN.get(tag)
            if tag == "occurred" and name == "items" and i + 1 < len(segments):
                short = "by_all" if "by_all" in node else "by_any"
                position = int(segments[i + 1]["index"] or 0)
                here = out
                out = f"{out}.{short}[{position}]"
                node = _Expanded(node, here)
                i += 2
                continue
            if children is not None and name == children[0]:
                file_key = children[1]
                node = node.get(file_key)
                out = f"{out}.{file_key}"
                i += 1
                continue
            if _MAIN_FIELD.get(tag) == name:
                name = tag
        if name is not None:
            if isinstance(node, dict):
                node = node.get(name)
                out = f"{out}.{name}"
            elif node is None or isinstance(node, list):
                out = f"{out}.{name}"
                node = None
            # else: a short form (a member written as its party id...): stay on it
        elif index is not None:
            out = f"{out}[{index}]"
            position = int(index)
            node = node[position] if isinstance(node, list) and position < len(node) else None
        else:
            out = f"{out}[{key}]"
            node = node.get(key[1:-1]) if isinstance(node, dict) else None
        i += 1
    return out.lstrip(".")


def _tag_of(node: Any) -> str | None:
    if type(node) is not dict:
        return None
    tags = _TAGS.intersection(node)
    return next(iter(tags)) if len(tags) == 1 else None


# Writing ----------------------------------------------------------------------------------


def _put(out: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value != default:
        out[key] = value


def _term_data(term: Term) -> Any:
    if term.rounding is Rounding.STRICT:
        return str(term.period)
    return {"period": str(term.period), "rounding": term.rounding.value}


def _deadline_data(deadline: Deadline) -> Any:
    if deadline.rounding is Rounding.STRICT:
        if deadline.on is not None:
            return deadline.on
        return str(deadline.within)
    out: dict[str, Any] = {}
    _put(out, "on", deadline.on)
    if deadline.within is not None:
        out["within"] = str(deadline.within)
    out["rounding"] = deadline.rounding.value
    return out


def value_to_data(value: Any) -> Any:
    """The file form of a model value, condition or day-count rule (dates as ``date``)."""
    if isinstance(value, Party):
        out: dict[str, Any] = {"id": value.id, "name": value.name}
        _put(out, "kind", value.kind.value, PartyKind.STATE.value)
        return out
    if isinstance(value, Member):
        if value.joined is None and value.left is None:
            return value.party
        out = {"party": value.party}
        _put(out, "joined", value.joined)
        _put(out, "left", value.left)
        return out
    if isinstance(value, Group):
        return {
            "id": value.id,
            "name": value.name,
            "members": [value_to_data(m) for m in value.members],
        }
    if isinstance(value, Official):
        out = {"id": value.id, "name": value.name, "party": value.party}
        _put(out, "role", value.role, "")
        return out
    if isinstance(value, Measure):
        out = {"id": value.id, "name": value.name, "imposed_by": value.imposed_by}
        _put(out, "kind", value.kind.value, MeasureKind.OTHER.value)
        _put(out, "applies_to", list(value.applies_to), [])
        _put(out, "legal_basis", value.legal_basis, "")
        _put(out, "summary", value.summary, "")
        return out
    if isinstance(value, Source):
        out = {"id": value.id, "publisher": value.publisher, "kind": value.kind.value}
        _put(out, "title", value.title, "")
        _put(out, "url", value.url)
        _put(out, "published", value.published)
        _put(out, "quote", value.quote, "")
        return out
    if isinstance(value, Event):
        out = {
            "id": value.id,
            "date": value.date,
            "kind": value.kind.value,
            "summary": value.summary,
        }
        _put(out, "party", value.party)
        _put(out, "official", value.official)
        _put(out, "target", value.target)
        _put(out, "sources", list(value.sources), [])
        _put(out, "confidence", value.confidence.value, Confidence.HIGH.value)
        _put(out, "ends_on", value.ends_on)
        _put(out, "notes", value.notes, "")
        return out
    if isinstance(value, Commitment):
        out = {
            "id": value.id,
            "by": value.by,
            "action": value.action.value,
            "summary": value.summary,
        }
        _put(out, "measure", value.measure)
        _put(out, "beneficiary", value.beneficiary)
        if value.condition is not None:
            out["condition"] = condition_to_data(value.condition)
        if value.deadline is not None:
            out["deadline"] = _deadline_data(value.deadline)
        if value.term is not None:
            out["term"] = _term_data(value.term)
        _put(out, "sources", list(value.sources), [])
        return out
    if isinstance(value, Deadline):
        return _deadline_data(value)
    if isinstance(value, Term):
        return _term_data(value)
    if isinstance(value, PartyEntry):
        out = {}
        _put(out, "instrument", value.instrument.value, EventKind.DEPOSIT.value)
        _put(out, "effective", rule_to_data(value.effective), "upon")
        _put(out, "withdrawal", rule_to_data(value.withdrawal), "upon")
        return out
    if isinstance(value, EntryIntoForce):
        out = {"when": condition_to_data(value.when)}
        _put(out, "effective", rule_to_data(value.effective), "upon")
        _put(out, "deadline", value.deadline)
        if value.per_party is not None:
            out["per_party"] = value_to_data(value.per_party)
        return out
    if isinstance(value, ProvisionalApplication):
        out = {"id": value.id, "start": condition_to_data(value.start)}
        _put(out, "effective", rule_to_data(value.effective), "upon")
        _put(out, "ends_on", value.ends_on)
        if value.term is not None:
            out["term"] = _term_data(value.term)
        return out
    if isinstance(value, Link):
        return {"kind": value.kind.value, "target": value.target}
    if isinstance(value, Agreement):
        out = {
            "id": value.id,
            "title": value.title,
            "kind": value.kind.value,
            "parties": list(value.parties),
        }
        _put(out, "concluded", value.concluded)
        if value.entry_into_force is not None:
            out["entry_into_force"] = value_to_data(value.entry_into_force)
        _put(out, "commitments", [value_to_data(c) for c in value.commitments], [])
        _put(out, "links", [value_to_data(link) for link in value.links], [])
        if value.term is not None:
            out["term"] = _term_data(value.term)
        if value.provisional_application is not None:
            out["provisional_application"] = value_to_data(value.provisional_application)
        _put(out, "summary", value.summary, "")
        _put(out, "sources", list(value.sources), [])
        return out
    if isinstance(value, Dataset):
        return dataset_to_data(value)
    if isinstance(value, DAY_COUNT_TYPES):
        return rule_to_data(cast(DayCount, value))
    return condition_to_data(value)


def dataset_to_data(dataset: Dataset) -> dict[str, Any]:
    """The canonical file form of a dataset, dates as ``datetime.date`` values."""
    out: dict[str, Any] = {"format": FORMAT}
    _put(out, "title", dataset.title, "")
    for key in _COLLECTIONS:
        values = getattr(dataset, key)
        if values:
            out[key] = [value_to_data(v) for v in values]
    return out
