"""attrs validators that raise tradeaccord's own errors with the class and field named."""

from __future__ import annotations

import datetime as dt
import reprlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from .errors import Key, Location, ModelTypeError, ModelValueError, show_path

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def fail(
    error: type[ModelTypeError | ModelValueError],
    instance: object,
    field: str | Location,
    detail: str,
    *,
    separator: str = " ",
) -> ModelTypeError | ModelValueError:
    """An error about ``field`` of ``instance`` (a name, or a location such as
    ``("sources", 2)``): ``"Class.field detail"``, with the place and the detail kept
    apart for readers of files."""
    return _error(error, type(instance).__name__, field, detail, separator)


def _type_name(types: type | tuple[type, ...]) -> str:
    if isinstance(types, tuple):
        return " or ".join(t.__name__ for t in types)
    return types.__name__


_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 80
_REPR.maxother = 80


def shown(value: Any) -> str:
    """``repr(value)``, bounded in length and depth (for messages about bad input)."""
    return _REPR.repr(value)


def instance_of(types: type | tuple[type, ...]) -> Validator:
    """The value is an instance of ``types`` (a ``datetime`` is not accepted as a date)."""
    exact = frozenset(_as_tuple(types))
    datetime_ok = dt.datetime in exact

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) in exact:
            return
        if not isinstance(value, types) or (isinstance(value, dt.datetime) and not datetime_ok):
            raise fail(
                ModelTypeError,
                instance,
                attribute.name,
                f"must be {_type_name(types)}, got {type(value).__name__} {shown(value)}",
            )

    return check


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def optional(validator: Validator) -> Validator:
    """``None`` or a value that passes ``validator``."""
    if validator is identifier:
        return _optional_identifier

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    check.inner = validator  # type: ignore[attr-defined]
    return check


def checks(validator: Any) -> tuple[Any, ...]:
    """Every check ``validator`` makes of a value or of its items, for tools that
    describe a field (the JSON Schema tells ids from text by them)."""
    if validator is None:
        return ()
    if validator is _optional_identifier:
        return (identifier,)
    found: list[Any] = [validator]
    for name in ("inner", "item"):
        if hasattr(validator, name):
            found.extend(checks(getattr(validator, name)))
    if attrs.has(type(validator)):  # attrs' and_() of several validators
        for field in attrs.fields(type(validator)):
            for part in getattr(validator, field.name) or ():
                found.extend(checks(part))
    return tuple(found)


def identifier(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty string without surrounding whitespace."""
    if type(value) is str and value and value == value.strip():
        return
    if not isinstance(value, str):
        raise fail(
            ModelTypeError,
            instance,
            attribute.name,
            f"must be a string id, got {type(value).__name__} {shown(value)}",
        )
    if not value or value != value.strip():
        raise fail(
            ModelValueError,
            instance,
            attribute.name,
            f"must be a non-empty id without surrounding spaces, got {shown(value)}",
        )


def _optional_identifier(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or an identifier."""
    if value is None or (type(value) is str and value and value == value.strip()):
        return
    identifier(instance, attribute, value)


def tuple_of(item: Validator) -> Validator:
    """A tuple whose every item passes ``item``; the error names the index."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is tuple and item is identifier:
            for element in value:
                if not (type(element) is str and element and element == element.strip()):
                    break
            else:
                return
        if not isinstance(value, tuple):
            raise fail(
                ModelTypeError,
                instance,
                attribute.name,
                f"must be a tuple, got {type(value).__name__}",
            )
        for index, element in enumerate(value):
            try:
                item(instance, attribute, element)
            except (ModelTypeError, ModelValueError) as exc:
                raise type(exc)(
                    str(exc).replace(
                        _where(instance, attribute), f"{_where(instance, attribute)}[{index}]", 1
                    ),
                    field=(attribute.name, index),
                    detail=exc.detail,
                ) from None

    check.item = item  # type: ignore[attr-defined]
    return check


def unique(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """No item appears twice."""
    seen: set[Any] = set()
    for index, element in enumerate(value):
        if element in seen:
            raise fail(
                ModelValueError,
                instance,
                (attribute.name, index),
                f"{element!r} appears twice",
                separator=": ",
            )
        seen.add(element)


def _error(
    error: type[ModelTypeError | ModelValueError],
    owner: str,
    field: str | Location,
    detail: str,
    separator: str = " ",
) -> ModelTypeError | ModelValueError:
    where = field if isinstance(field, str) else show_path(field)
    return error(f"{owner}.{where}{separator}{detail}", field=field, detail=detail)


def _fraction(value: Any, owner: str, field: str | Location) -> Fraction:
    """Read an exact number: an int, a Fraction, a Decimal, a float (as the decimal it
    prints as) or a string such as ``"2/3"``, ``"0.55"`` or ``"55%"``."""
    if isinstance(value, bool):
        raise _error(ModelTypeError, owner, field, f"must be a number, got bool {shown(value)}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            raise _error(
                ModelValueError, owner, field, f"must be a finite number, got {shown(value)}"
            )
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _error(
                ModelValueError, owner, field, f"must be a finite number, got {shown(value)}"
            )
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        if percent:
            text = text[:-1].strip()
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise _error(
                ModelValueError,
                owner,
                field,
                f"must be a number such as '2/3', '0.55' or '55%', got {shown(value)}",
            ) from None
        return number / 100 if percent else number
    raise _error(
        ModelTypeError,
        owner,
        field,
        "must be a number (int, Fraction, Decimal or a string such as '2/3'), "
        f"got {type(value).__name__} {shown(value)}",
    )


def share(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction:
    """Converter: an exact share greater than 0 and at most 1 (``"2/3"``, ``"55%"``...)."""
    owner = type(self).__name__
    number = _fraction(value, owner, field.name)
    if not 0 < number <= 1:
        raise _error(
            ModelValueError,
            owner,
            field.name,
            f"must be greater than 0 and at most 1, got {shown(value)}",
        )
    return number


def weights(value: Any, self: Any, field: attrs.Attribute[Any]) -> tuple[tuple[str, Fraction], ...]:
    """Converter: party weights from a mapping or pairs, kept in order, exact, not negative."""
    owner, name = type(self).__name__, field.name
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, tuple | list):
        pairs = list(value)
    else:
        raise _error(
            ModelTypeError,
            owner,
            name,
            f"must be a mapping of party ids to weights, got {type(value).__name__}",
        )
    out: list[tuple[str, Fraction]] = []
    seen: set[str] = set()
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise _error(
                ModelTypeError,
                owner,
                (name, index),
                f"must be a (party, weight) pair, got {shown(pair)}",
            )
        party, weight = pair
        if not isinstance(party, str) or not party or party != party.strip():
            raise _error(
                ModelValueError, owner, (name, index), f"{party!r} is not a party id", ": "
            )
        if party in seen:
            raise _error(
                ModelValueError, owner, (name, Key(party)), f"party {party!r} appears twice", ": "
            )
        seen.add(party)
        number = _fraction(weight, owner, (name, Key(party)))
        if number < 0:
            raise _error(
                ModelValueError,
                owner,
                (name, Key(party)),
                f"must not be negative, got {shown(weight)}",
            )
        out.append((party, number))
    return tuple(out)


def optional_number(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction | None:
    """Converter: ``None`` or an exact number (see ``share`` for the accepted forms)."""
    if value is None:
        return None
    return _fraction(value, type(self).__name__, field.name)
