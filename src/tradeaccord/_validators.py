"""attrs validators that raise tradeaccord's own errors with the class and field named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
