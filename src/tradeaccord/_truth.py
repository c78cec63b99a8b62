"""Three-valued truth (Kleene's strong logic)."""

from __future__ import annotations

import enum

__all__ = ["Truth"]


class Truth(enum.Enum):
    """A truth value that can also be UNKNOWN, combined by Kleene's strong logic.

    UNKNOWN means the recorded facts do not settle the question (a fact is only
    weakly sourced, or sources conflict). ``&`` is the minimum and ``|`` the
    maximum in the order FALSE < UNKNOWN < TRUE; ``~`` swaps TRUE and FALSE.

    Examples:
        >>> Truth.TRUE & Truth.UNKNOWN
        <Truth.UNKNOWN: 'unknown'>
        >>> Truth.TRUE | Truth.UNKNOWN
        <Truth.TRUE: 'true'>
        >>> ~Truth.UNKNOWN
        <Truth.UNKNOWN: 'unknown'>
        >>> Truth.of(True), Truth.TRUE.as_bool()
        (<Truth.TRUE: 'true'>, True)
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    FALSE = "false"
    UNKNOWN = "unknown"
    TRUE = "true"

    @property
    def rank(self) -> int:
        """0 for FALSE, 1 for UNKNOWN, 2 for TRUE: the order Kleene's logic uses."""
        return _RANK[self]

    @classmethod
    def of(cls, value: bool | None) -> Truth:
        """TRUE for ``True``, FALSE for ``False``, UNKNOWN for ``None``."""
        if value is None:
            return cls.UNKNOWN
        return cls.TRUE if value else cls.FALSE

    def as_bool(self) -> bool | None:
        """``True``, ``False`` or ``None`` for UNKNOWN (the JSON form)."""
        return None if self is Truth.UNKNOWN else self is Truth.TRUE

    def __and__(self, other: Truth) -> Truth:
        return self if _RANK[self] <= _RANK[other] else other

    def __or__(self, other: Truth) -> Truth:
        return self if _RANK[self] >= _RANK[other] else other

    def __invert__(self) -> Truth:
        return _NOT[self]


_RANK = {Truth.FALSE: 0, Truth.UNKNOWN: 1, Truth.TRUE: 2}
_NOT = {Truth.FALSE: Truth.TRUE, Truth.UNKNOWN: Truth.UNKNOWN, Truth.TRUE: Truth.FALSE}
