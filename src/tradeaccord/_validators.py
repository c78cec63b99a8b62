"""attrs validators that raise tradeaccord's own errors with the class and field named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from .errors import ModelTypeError, ModelValueError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def fail(
    error: type[ModelTypeError | ModelValueError],
    instance: object,
    field: str,
    detail: str,
    *,
    separator: str = " ",
) -> ModelTypeError | ModelValueError:
    """An error about ``field`` of ``instance``: ``"Class.field detail"``, with the
    field and the detail kept apart for readers of files."""
    return error(f"{type(instance).__name__}.{field}{separator}{detail}", field=field, detail=detail)


def _type_name(types: type | tuple[type, ...]) -> str:
    if isinstance(types, tuple):
        return " or ".join(t.__name__ for t in types)
    return types.__name__


def instance_of(types: type | tuple[type, ...]) -> Validator:
    """The value is an instance of ``types`` (a ``datetime`` is not accepted as a date)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, types) or (
            isinstance(value, dt.datetime) and dt.datetime not in _as_tuple(types)
        ):
            raise fail(
                ModelTypeError,
                instance,
                attribute.name,
                f"must be {_type_name(types)}, got {type(value).__name__} {value!r}",
            )

    return check


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def optional(validator: Validator) -> Validator:
    """``None`` or a value that passes ``validator``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def identifier(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty string without surrounding whitespace."""
    if not isinstance(value, str):
        raise fail(
            ModelTypeError,
            instance,
            attribute.name,
            f"must be a string id, got {type(value).__name__} {value!r}",
        )
    if not value or value != value.strip():
        raise fail(
            ModelValueError,
            instance,
            attribute.name,
            f"must be a non-empty id without surrounding spaces, got {value!r}",
        )


def tuple_of(item: Validator) -> Validator:
    """A tuple whose every item passes ``item``; the error names the index."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
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
                    field=f"{attribute.name}[{index}]",
                    detail=exc.detail,
                ) from None

    return check


def unique(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """No item appears twice."""
    seen: set[Any] = set()
    for index, element in enumerate(value):
        if element in seen:
            raise fail(
                ModelValueError,
                instance,
                f"{attribute.name}[{index}]",
                f"{element!r} appears twice",
                separator=": ",
            )
        seen.add(element)


def _error(
    error: type[ModelTypeError | ModelValueError],
    owner: str,
    field: str,
    detail: str,
    separator: str = " ",
) -> ModelTypeError | ModelValueError:
    return error(f"{owner}.{field}{separator}{detail}", field=field, detail=detail)


def _fraction(value: Any, owner: str, field: str) -> Fraction:
    """Read an exact number: an int, a Fraction, a Decimal, a float (as the decimal it
    prints as) or a string such as ``"2/3"``, ``"0.55"`` or ``"55%"``."""
    if isinstance(value, bool):
        raise _error(ModelTypeError, owner, field, f"must be a number, got bool {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            raise _error(ModelValueError, owner, field, f"must be a finite number, got {value!r}")
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _error(ModelValueError, owner, field, f"must be a finite number, got {value!r}")
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
                f"must be a number such as '2/3', '0.55' or '55%', got {value!r}",
            ) from None
        return number / 100 if percent else number
    raise _error(
        ModelTypeError,
        owner,
        field,
        "must be a number (int, Fraction, Decimal or a string such as '2/3'), "
        f"got {type(value).__name__} {value!r}",
    )


def share(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction:
    """Converter: an exact share greater than 0 and at most 1 (``"2/3"``, ``"55%"``...)."""
    owner = type(self).__name__
    number = _fraction(value, owner, field.name)
    if not 0 < number <= 1:
        raise _error(
            ModelValueError, owner, field.name, f"must be greater than 0 and at most 1, got {value!r}"
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
                ModelTypeError, owner, f"{name}[{index}]", f"must be a (party, weight) pair, got {pair!r}"
            )
        party, weight = pair
        if not isinstance(party, str) or not party or party != party.strip():
            raise _error(
                ModelValueError, owner, f"{name}[{index}]", f"{party!r} is not a party id", ": "
            )
        if party in seen:
            raise _error(
                ModelValueError, owner, f"{name}[{party!r}]", f"party {party!r} appears twice", ": "
            )
        seen.add(party)
        number = _fraction(weight, owner, f"{name}[{party!r}]")
        if number < 0:
            raise _error(
                ModelValueError, owner, f"{name}[{party!r}]", f"must not be negative, got {weight!r}"
            )
        out.append((party, number))
    return tuple(out)


def optional_number(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction | None:
    """Converter: ``None`` or an exact number (see ``share`` for the accepted forms)."""
    if value is None:
        return None
    return _fraction(value, type(self).__name__, field.name)
