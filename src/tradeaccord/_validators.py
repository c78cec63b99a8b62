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
            raise ModelTypeError(
                f"{_where(instance, attribute)} must be {_type_name(types)}, "
                f"got {type(value).__name__} {value!r}"
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
        raise ModelTypeError(
            f"{_where(instance, attribute)} must be a string id, got {type(value).__name__} {value!r}"
        )
    if not value or value != value.strip():
        raise ModelValueError(
            f"{_where(instance, attribute)} must be a non-empty id without surrounding spaces, "
            f"got {value!r}"
        )


def tuple_of(item: Validator) -> Validator:
    """A tuple whose every item passes ``item``; the error names the index."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise ModelTypeError(
                f"{_where(instance, attribute)} must be a tuple, got {type(value).__name__}"
            )
        for index, element in enumerate(value):
            try:
                item(instance, attribute, element)
            except (ModelTypeError, ModelValueError) as exc:
                raise type(exc)(
                    str(exc).replace(
                        _where(instance, attribute), f"{_where(instance, attribute)}[{index}]", 1
                    )
                ) from None

    return check


def unique(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """No item appears twice."""
    seen: set[Any] = set()
    for index, element in enumerate(value):
        if element in seen:
            raise ModelValueError(
                f"{_where(instance, attribute)}[{index}]: {element!r} appears twice"
            )
        seen.add(element)


def _fraction(value: Any, where: str) -> Fraction:
    """Read an exact number: an int, a Fraction, a Decimal, a float (as the decimal it
    prints as) or a string such as ``"2/3"``, ``"0.55"`` or ``"55%"``."""
    if isinstance(value, bool):
        raise ModelTypeError(f"{where} must be a number, got bool {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            raise ModelValueError(f"{where} must be a finite number, got {value!r}")
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ModelValueError(f"{where} must be a finite number, got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        if percent:
            text = text[:-1].strip()
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ModelValueError(
                f"{where} must be a number such as '2/3', '0.55' or '55%', got {value!r}"
            ) from None
        return number / 100 if percent else number
    raise ModelTypeError(
        f"{where} must be a number (int, Fraction, Decimal or a string such as '2/3'), "
        f"got {type(value).__name__} {value!r}"
    )


def share(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction:
    """Converter: an exact share greater than 0 and at most 1 (``"2/3"``, ``"55%"``...)."""
    where = f"{type(self).__name__}.{field.name}"
    number = _fraction(value, where)
    if not 0 < number <= 1:
        raise ModelValueError(f"{where} must be greater than 0 and at most 1, got {value!r}")
    return number


def weights(value: Any, self: Any, field: attrs.Attribute[Any]) -> tuple[tuple[str, Fraction], ...]:
    """Converter: party weights from a mapping or pairs, kept in order, exact, not negative."""
    where = f"{type(self).__name__}.{field.name}"
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, tuple | list):
        pairs = list(value)
    else:
        raise ModelTypeError(
            f"{where} must be a mapping of party ids to weights, got {type(value).__name__}"
        )
    out: list[tuple[str, Fraction]] = []
    seen: set[str] = set()
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise ModelTypeError(f"{where}[{index}] must be a (party, weight) pair, got {pair!r}")
        party, weight = pair
        if not isinstance(party, str) or not party or party != party.strip():
            raise ModelValueError(f"{where}[{index}]: {party!r} is not a party id")
        if party in seen:
            raise ModelValueError(f"{where}[{index}]: party {party!r} appears twice")
        seen.add(party)
        number = _fraction(weight, f"{where}[{party!r}]")
        if number < 0:
            raise ModelValueError(f"{where}[{party!r}] must not be negative, got {weight!r}")
        out.append((party, number))
    return tuple(out)


def optional_number(value: Any, self: Any, field: attrs.Attribute[Any]) -> Fraction | None:
    """Converter: ``None`` or an exact number (see ``share`` for the accepted forms)."""
    if value is None:
        return None
    return _fraction(value, f"{type(self).__name__}.{field.name}")
