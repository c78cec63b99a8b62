"""The condition algebra: pure data describing when something holds.

A condition is a tree of frozen nodes. Leaves ask about facts (an event
happened, a commitment was performed, an agreement is in force, a date is
reached); combinators join them with Kleene's three-valued logic; ``Delay``
shifts a condition by a named day-count rule. Nothing here evaluates: the
engine gives a condition its meaning over time.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from fractions import Fraction
from typing import Any, TypeAlias, final

import attrs

from ._calendar import DAY_COUNT_TYPES, DayCount
from ._validators import (
    fail,
    identifier,
    instance_of,
    optional,
    optional_number,
    share,
    weights,
)
from ._vocabulary import EventKind
from .errors import Location, ModelTypeError, ModelValueError, show_path

__all__ = [
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Condition",
    "DateReached",
    "Delay",
    "Fulfilled",
    "InForce",
    "InstrumentCount",
    "InstrumentShare",
    "Not",
    "Occurred",
    "WeightedShare",
    "approved_by",
    "format_number",
    "walk",
]


class _Operators:
    """The ``&``, ``|`` and ``~`` operators shared by every condition node."""

    __slots__ = ()

    def __and__(self, other: Condition) -> AllOf:
        left = self.items if isinstance(self, AllOf) else (self,)
        right = other.items if isinstance(other, AllOf) else (other,)
        return AllOf(*left, *right)

    def __or__(self, other: Condition) -> AnyOf:
        left = self.items if isinstance(self, AnyOf) else (self,)
        right = other.items if isinstance(other, AnyOf) else (other,)
        return AnyOf(*left, *right)

    def __invert__(self) -> Not:
        return Not(self)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return constructor(self)

    def _repr_html_(self) -> str:
        from ._display import render_html  # display hook: see docs/explanation

        return render_html(self)


def constructor(node: Any) -> str:
    """``node`` as the call that builds it, leaving out arguments at their defaults.

    Examples:
        >>> from tradeaccord import EventKind
        >>> approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
        AllOf(Occurred(kind=EventKind.APPROVAL, party='USA', target='london-2025'), Occurred(kind=EventKind.APPROVAL, party='CHN', target='london-2025'))
    """
    cls = type(node)
    if isinstance(node, AllOf | AnyOf | AtLeast):
        first = [repr(node.n)] if isinstance(node, AtLeast) else []
        return f"{cls.__name__}({', '.join(first + [repr(item) for item in node.items])})"
    args: list[str] = []
    for field in attrs.fields(cls):
        value = getattr(node, field.name)
        if field.default is not attrs.NOTHING and value == field.default:
            continue
        shown = (
            f"{type(value).__name__}.{value.name}" if isinstance(value, enum.Enum) else repr(value)
        )
        args.append(f"{field.name}={shown}")
    return f"{cls.__name__}({', '.join(args)})"


@final
@attrs.frozen(cache_hash=True, repr=False)
class Occurred(_Operators):
    """An event of a kind, optionally by a party (or official) about a target, has happened.

    Examples:
        >>> from tradeaccord import EventKind
        >>> Occurred(EventKind.APPROVAL, party="USA", target="london-2025").describe()
        'approval of london-2025 by USA'
    """

    kind: EventKind = attrs.field(validator=instance_of(EventKind))
    party: str | None = attrs.field(default=None, kw_only=True, validator=optional(identifier))
    target: str | None = attrs.field(default=None, kw_only=True, validator=optional(identifier))
    official: str | None = attrs.field(default=None, kw_only=True, validator=optional(identifier))

    def describe(self) -> str:
        """The condition in words."""
        text = self.kind.value.replace("_", " ")
        if self.target is not None:
            text += f" of {self.target}"
        if self.party is not None:
            text += f" by {self.party}"
        if self.official is not None:
            text += f" ({self.official})" if self.party is not None else f" by {self.official}"
        return text


@final
@attrs.frozen(cache_hash=True, repr=False)
class Fulfilled(_Operators):
    """A commitment has been performed (a performance event about it happened).

    Examples:
        >>> Fulfilled("london-2025/cn-rare-earth-approvals").describe()
        'london-2025/cn-rare-earth-approvals performed'
    """

    commitment: str = attrs.field(validator=identifier)

    def describe(self) -> str:
        """The condition in words."""
        return f"{self.commitment} performed"


@final
@attrs.frozen(cache_hash=True, repr=False)
class InForce(_Operators):
    """Another agreement is in force.

    Examples:
        >>> InForce("geneva-2025").describe()
        'geneva-2025 in force'
    """

    agreement: str = attrs.field(validator=identifier)

    def describe(self) -> str:
        """The condition in words."""
        return f"{self.agreement} in force"


@final
@attrs.frozen(cache_hash=True, repr=False)
class DateReached(_Operators):
    """A date has been reached: FALSE before ``on``, TRUE from ``on``.

    Examples:
        >>> import datetime as dt
        >>> DateReached(dt.date(2025, 5, 14)).describe()
        'date 2025-05-14 reached'
    """

    on: dt.date = attrs.field(validator=instance_of(dt.date))

    def describe(self) -> str:
        """The condition in words."""
        return f"date {self.on.isoformat()} reached"


def format_number(number: Fraction | int) -> str:
    """An exact number in words: ``55%`` style is left to callers; ``"36.1"``, ``"2/3"``, ``"5"``.

    Examples:
        >>> format_number(Fraction(361, 10)), format_number(Fraction(2, 3)), format_number(Fraction(5))
        ('36.1', '2/3', '5')
    """
    if number.denominator == 1:
        return str(number.numerator)
    denominator = number.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator != 1:
        return f"{number.numerator}/{number.denominator}"
    places = 0
    while (number * 10**places).denominator != 1:
        places += 1
    sign = "-" if number < 0 else ""
    scaled = abs(number.numerator * 10**places // number.denominator)
    digits = str(scaled).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def format_share(value: Fraction) -> str:
    """A share as a percentage when that is exact, else as a fraction: ``55%``, ``2/3``."""
    percent = format_number(value * 100)
    return f"{percent}%" if "/" not in percent else format_number(value)


def _instruments(kind: EventKind, target: str) -> str:
    return f"{kind.value.replace('_', ' ')}s for {target}"


def _instrument_kind(
    instance: object, attribute: attrs.Attribute[EventKind], value: EventKind
) -> None:
    instance_of(EventKind)(instance, attribute, value)
    if value is EventKind.WITHDRAWAL:
        raise fail(
            ModelValueError,
            instance,
            attribute.name,
            "cannot be withdrawal: a withdrawal takes an instrument back, it is not one",
        )


def _count_positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise fail(
            ModelTypeError, instance, attribute.name, f"must be an int, got {type(value).__name__}"
        )
    if value < 1:
        raise fail(ModelValueError, instance, attribute.name, f"must be 1 or more, got {value}")


@final
@attrs.frozen(cache_hash=True, repr=False)
class InstrumentCount(_Operators):
    """At least ``n`` parties have an instrument standing ("the 30th instrument of ratification").

    A party's instrument is an event of ``kind`` (a deposit, by default) by that
    party about ``target``; it stands from its date until a ``WITHDRAWAL`` by the
    same party about the same target. With ``among`` (a group id), only parties
    that belong to the group on the day count.

    Several deposits on one day count together; an instrument withdrawn before
    the threshold is met no longer counts.

    Examples:
        >>> InstrumentCount(30, target="tfa").describe()
        'at least 30 deposits for tfa'
        >>> InstrumentCount(3, target="tfa", among="LDC", kind=EventKind.RATIFICATION).describe()
        'at least 3 ratifications for tfa by members of LDC'
    """

    n: int = attrs.field(validator=_count_positive)
    target: str = attrs.field(kw_only=True, validator=identifier)
    kind: EventKind = attrs.field(
        default=EventKind.DEPOSIT, kw_only=True, validator=_instrument_kind
    )
    among: str | None = attrs.field(default=None, kw_only=True, validator=optional(identifier))

    def describe(self) -> str:
        """The condition in words."""
        text = f"at least {self.n} {_instruments(self.kind, self.target)}"
        return text + (f" by members of {self.among}" if self.among is not None else "")


@final
@attrs.frozen(cache_hash=True, repr=False)
class InstrumentShare(_Operators):
    """Instruments from at least a share of a group's members, counted on each day.

    The share is taken against the membership on the day: a party that joins
    raises the number needed, one that leaves lowers it (and its instrument no
    longer counts). A group with no members on a day does not meet any share.

    Examples:
        >>> InstrumentShare("2/3", target="tfa", among="WTO").describe()
        'deposits for tfa by at least 2/3 of the members of WTO'
        >>> InstrumentShare("2/3", target="tfa", among="WTO").share
        Fraction(2, 3)
    """

    share: Fraction = attrs.field(
        converter=attrs.Converter(share, takes_self=True, takes_field=True)  # type: ignore[misc]
    )
    target: str = attrs.field(kw_only=True, validator=identifier)
    among: str = attrs.field(kw_only=True, validator=identifier)
    kind: EventKind = attrs.field(
        default=EventKind.DEPOSIT, kw_only=True, validator=_instrument_kind
    )

    def describe(self) -> str:
        """The condition in words."""
        return (
            f"{_instruments(self.kind, self.target)} by at least {format_share(self.share)} "
            f"of the members of {self.among}"
        )


@final
@attrs.frozen(cache_hash=True, repr=False)
class WeightedShare(_Operators):
    """Instruments from parties whose weights add up to at least a share of the total.

    ``weights`` gives each counted party its weight (a mapping or pairs; exact
    numbers: ints, Fractions, Decimals or strings such as ``"36.1"``). The total
    is the sum of the weights unless ``total`` is given (for weights that are
    shares of a larger whole). "Parties accounting for at least 55 per cent of
    the emissions" is ``WeightedShare("55%", weights=emissions, target=...)``.

    Examples:
        >>> w = WeightedShare("55%", weights={"USA": "36.1", "RUS": "17.4", "JPN": "8.5"}, target="k")
        >>> w.describe()
        'deposits for k by parties holding at least 55% of the weight (total 62)'
        >>> w.threshold()
        Fraction(341, 10)
    """

    share: Fraction = attrs.field(
        converter=attrs.Converter(share, takes_self=True, takes_field=True)  # type: ignore[misc]
    )
    weights: tuple[tuple[str, Fraction], ...] = attrs.field(
        kw_only=True,
        converter=attrs.Converter(weights, takes_self=True, takes_field=True),  # type: ignore[misc]
    )
    target: str = attrs.field(kw_only=True, validator=identifier)
    kind: EventKind = attrs.field(
        default=EventKind.DEPOSIT, kw_only=True, validator=_instrument_kind
    )
    total: Fraction | None = attrs.field(
        default=None,
        kw_only=True,
        converter=attrs.Converter(optional_number, takes_self=True, takes_field=True),  # type: ignore[misc]
    )

    def __attrs_post_init__(self) -> None:
        listed = sum((w for _, w in self.weights), Fraction(0))
        if self.total is not None and self.total < listed:
            raise ModelValueError(
                f"WeightedShare.total ({format_number(self.total)}) must be at least the sum "
                f"of the weights ({format_number(listed)})",
                field="total",
                detail=f"({format_number(self.total)}) must be at least the sum of the weights "
                f"({format_number(listed)})",
            )
        if self.whole() <= 0:
            raise ModelValueError("WeightedShare needs a total weight greater than 0")

    def whole(self) -> Fraction:
        """The total the share is taken of: ``total``, or the sum of the weights."""
        if self.total is not None:
            return self.total
        return sum((w for _, w in self.weights), Fraction(0))

    def threshold(self) -> Fraction:
        """The weight needed: the share times the total."""
        return self.share * self.whole()

    def weight_of(self, party: str) -> Fraction:
        """The weight of ``party`` (0 for a party not listed)."""
        for name, weight in self.weights:
            if name == party:
                return weight
        return Fraction(0)

    def describe(self) -> str:
        """The condition in words."""
        return (
            f"{_instruments(self.kind, self.target)} by parties holding at least "
            f"{format_share(self.share)} of the weight (total {format_number(self.whole())})"
        )


def _conditions(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for index, item in enumerate(value):
        if not isinstance(item, _NODE_TYPES):
            raise fail(
                ModelTypeError,
                instance,
                (attribute.name, index),
                f"must be a condition, got {type(item).__name__}",
            )


@final
@attrs.frozen(init=False, repr=False)
class AllOf(_Operators):
    """Every item holds (Kleene conjunction). ``AllOf()`` with no items is TRUE.

    Examples:
        >>> a, b = InForce("a"), InForce("b")
        >>> (a & b) == AllOf(a, b)
        True
    """

    items: tuple[Condition, ...] = attrs.field(validator=_conditions)

    def __init__(self, *items: Condition) -> None:
        self.__attrs_init__(items)

    def describe(self) -> str:
        """The condition in words."""
        return "all of" if self.items else "always (nothing required)"


@final
@attrs.frozen(init=False, repr=False)
class AnyOf(_Operators):
    """At least one item holds (Kleene disjunction). ``AnyOf()`` with no items is FALSE.

    Examples:
        >>> a, b = InForce("a"), InForce("b")
        >>> (a | b) == AnyOf(a, b)
        True
    """

    items: tuple[Condition, ...] = attrs.field(validator=_conditions)

    def __init__(self, *items: Condition) -> None:
        self.__attrs_init__(items)

    def describe(self) -> str:
        """The condition in words."""
        return "any of" if self.items else "never (no alternative)"


@final
@attrs.frozen(cache_hash=True, repr=False)
class Not(_Operators):
    """The item does not hold (Kleene negation).

    Examples:
        >>> ~InForce("a") == Not(InForce("a"))
        True
    """

    item: Condition = attrs.field()

    @item.validator
    def _check(self, attribute: attrs.Attribute[Condition], value: Condition) -> None:
        _conditions(self, attribute, (value,))

    def describe(self) -> str:
        """The condition in words."""
        return "not"


def _count_in_range(instance: AtLeast, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise fail(ModelTypeError, instance, "n", f"must be an int, got {type(value).__name__}")
    if not 1 <= value <= len(instance.items):
        raise fail(
            ModelValueError,
            instance,
            "n",
            f"must be between 1 and {len(instance.items)} (the number of items), got {value}",
        )


@final
@attrs.frozen(init=False, repr=False)
class AtLeast(_Operators):
    """At least ``n`` of the items hold.

    TRUE when ``n`` items are TRUE, FALSE when fewer than ``n`` items could still
    be TRUE (counting UNKNOWN ones), UNKNOWN otherwise.

    Examples:
        >>> AtLeast(2, InForce("a"), InForce("b"), InForce("c")).describe()
        'at least 2 of 3'
    """

    items: tuple[Condition, ...] = attrs.field(validator=_conditions)
    n: int = attrs.field(validator=_count_in_range)

    def __init__(self, n: int, *items: Condition) -> None:
        self.__attrs_init__(items, n)

    def describe(self) -> str:
        """The condition in words."""
        return f"at least {self.n} of {len(self.items)}"


@final
@attrs.frozen(cache_hash=True, repr=False)
class Delay(_Operators):
    """Holds from the date a day-count rule gives for the first day ``item`` holds.

    "On the 30th day after the date on which both approvals are given" is
    ``Delay(both_approvals, NthDayAfter(30))``. Once the inner condition has held,
    the delayed condition keeps holding from the computed date on.

    Examples:
        >>> from tradeaccord import NthDayAfter
        >>> Delay(InForce("a"), NthDayAfter(30)).describe()
        'on the 30th day after'
    """

    item: Condition = attrs.field()
    rule: DayCount = attrs.field(validator=instance_of(DAY_COUNT_TYPES))

    @item.validator
    def _check(self, attribute: attrs.Attribute[Condition], value: Condition) -> None:
        _conditions(self, attribute, (value,))

    def describe(self) -> str:
        """The condition in words."""
        return self.rule.describe()


Condition: TypeAlias = (
    Occurred
    | Fulfilled
    | InForce
    | DateReached
    | InstrumentCount
    | InstrumentShare
    | WeightedShare
    | AllOf
    | AnyOf
    | Not
    | AtLeast
    | Delay
)
"""Any condition node: a leaf, a combinator or a delay."""

_NODE_TYPES = (
    Occurred,
    Fulfilled,
    InForce,
    DateReached,
    InstrumentCount,
    InstrumentShare,
    WeightedShare,
    AllOf,
    AnyOf,
    Not,
    AtLeast,
    Delay,
)

Threshold: TypeAlias = InstrumentCount | InstrumentShare | WeightedShare
"""The nodes that count parties' instruments (usable with ``isinstance``)."""


def children(node: Condition) -> tuple[Condition, ...]:
    """The direct sub-conditions of ``node`` (empty for a leaf)."""
    if isinstance(node, AllOf | AnyOf | AtLeast):
        return node.items
    if isinstance(node, Not | Delay):
        return (node.item,)
    return ()


def walk(node: Condition) -> Iterator[tuple[str, Condition]]:
    """Every node of a condition tree, depth first, with its path from the root.

    Examples:
        >>> [path for path, _ in walk(InForce("a") & ~InForce("b"))]
        ['', '.items[0]', '.items[1]', '.items[1].item']
    """
    for location, current in nodes(node):
        yield ("." + show_path(location) if location else ""), current


def nodes(node: Condition) -> Iterator[tuple[Location, Condition]]:
    """Every node of a condition tree, depth first, with its location from the root as
    data: ``()``, ``("items", 0)``, ``("items", 1, "item")``..."""
    stack: list[tuple[Location, Condition]] = [((), node)]
    pop, push = stack.pop, stack.append
    while stack:
        location, current = pop()
        yield location, current
        kind = type(current)
        if kind is Not or kind is Delay:
            push(((*location, "item"), current.item))  # type: ignore[union-attr]
        elif kind is AllOf or kind is AnyOf or kind is AtLeast:
            items = current.items  # type: ignore[union-attr]
            for i in range(len(items) - 1, -1, -1):
                push(((*location, "items", i), items[i]))


def approved_by(party: str, target: str, *, official: str | None = None) -> Occurred:
    """Shorthand for ``Occurred(EventKind.APPROVAL, party=party, target=target)``.

    Examples:
        >>> approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
        AllOf(Occurred(kind=EventKind.APPROVAL, party='USA', target='london-2025'), Occurred(kind=EventKind.APPROVAL, party='CHN', target='london-2025'))
    """
    return Occurred(EventKind.APPROVAL, party=party, target=target, official=official)
