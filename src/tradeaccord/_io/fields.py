"""The resolved types of the fields of attrs classes, and the members of unions: what
the reading, writing and schema hooks are chosen by."""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs

__all__ = ["field_types", "union_members"]

_field_types_cache: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of an attrs class."""
    found = _field_types_cache.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {a.name: hints.get(a.name, a.type) for a in attrs.fields(cls)}
        _field_types_cache[cls] = found
    return found


def union_members(tp: Any) -> tuple[frozenset[Any], bool]:
    """The types of a union (or the type itself), and whether ``None`` is one of them."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = frozenset(typing.get_args(tp))
        return args - {type(None)}, type(None) in args
    return frozenset({tp}), False
