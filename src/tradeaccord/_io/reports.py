"""Reports and explanations as versioned JSON data, written by cattrs-generated hooks.

Any report value class (a frozen attrs class of the engine's results) is written by the
function cattrs generates from its fields, with these conventions: dates as
``"YYYY-MM-DD"`` or ``null``, three-valued truths as ``true``/``false``/``null``,
enumerations by value, exact numbers as strings, tuples as lists. ``LAYOUTS`` adds what
the fields cannot say for the classes of the JSON output reference: the order of the
keys, the keys computed from a value (an agreement's ``missing`` in words), the
``explanation`` written only on request, and the few fields written another way (an
explanation node's ``value`` is a string). A class without a layout is written with the
conventions alone, so a new report class needs no code here.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from .._engine.results import (
    REPORT_FORMAT,
    AgreementReport,
    Alternative,
    Citation,
    CommitmentReport,
    Explanation,
    PartyReport,
    Progress,
    Report,
    describe_missing,
)
from .._model import Source
from .._truth import Truth
from .fields import field_types, union_members
from .scalars import number_text

__all__ = ["LAYOUTS", "REPORT_FORMAT", "ReportLayout", "report_data"]

Hook = Callable[[Any], Any]


@attrs.frozen
class ReportLayout:
    """How one report class is written, beyond what its fields say.

    ``keys`` lists the keys in order (fields not listed are left out); ``computed``
    gives the keys that are not fields; ``fields`` the fields written another way than
    by the conventions. The key ``explanation`` is written only when explanations are
    asked for.
    """

    keys: tuple[str, ...]
    computed: Mapping[str, Hook] = attrs.field(factory=dict)
    fields: Mapping[str, Hook] = attrs.field(factory=dict)


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _source(source: Source) -> dict[str, Any]:
    """A source as a citation shows it (not as a dataset file writes it)."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": _day(source.published),
        "kind": source.kind.value,
    }


def _unconfirmed(missing: tuple[Alternative, ...]) -> list[dict[str, Any]]:
    """The needs reported but unconfirmed, each with the events on record, once each."""
    seen: dict[str, tuple[str, ...]] = {}
    for alternative in missing:
        for need in alternative.needs:
            if need.reported:
                seen.setdefault(need.description, need.reported)
    return [{"need": need, "reported": list(ids)} for need, ids in seen.items()]


LAYOUTS: Final[dict[type, ReportLayout]] = {
    Report: ReportLayout(("format", "as_of", "scenario", "known_on", "agreements")),
    AgreementReport: ReportLayout(
        (
            "id",
            "title",
            "status",
            "in_force",
            "in_force_since",
            "entered_into_force",
            "scheduled_entry_into_force",
            "rule",
            "reason",
            "missing",
            "missing_alternatives",
            "unconfirmed",
            "progress",
            "per_party",
            "parties",
            "commitments",
            "explanation",
        ),
        computed={
            "missing": lambda r: list(r.missing_descriptions()),
            "missing_alternatives": lambda r: [[n.description for n in a.needs] for a in r.missing],
            "unconfirmed": lambda r: _unconfirmed(r.missing),
        },
    ),
    CommitmentReport: ReportLayout(
        (
            "id",
            "by",
            "action",
            "summary",
            "basis",
            "confidence",
            "status",
            "since",
            "deontic",
            "due",
            "performed",
            "performed_on",
            "rule",
            "reason",
            "missing",
            "unconfirmed",
            "explanation",
        ),
        computed={
            "missing": lambda r: list(describe_missing(r.missing)),
            "unconfirmed": lambda r: _unconfirmed(r.missing),
        },
    ),
    Progress: ReportLayout(
        (
            "condition",
            "path",
            "unit",
            "met",
            "have",
            "unknown",
            "required",
            "still_needed",
            "counted",
            "uncertain",
            "outstanding",
            "members",
            "description",
        ),
        computed={"description": lambda p: p.describe()},
    ),
    PartyReport: ReportLayout(
        (
            "party",
            "status",
            "bound",
            "since",
            "entry_into_force",
            "instrument_on",
            "withdrawal_effective",
        )
    ),
    Citation: ReportLayout(
        (
            "event",
            "date",
            "kind",
            "party",
            "summary",
            "confidence",
            "hypothetical",
            "standing",
            "evidence",
            "sources",
        ),
        fields={"sources": lambda sources: [_source(s) for s in sources]},
    ),
    Explanation: ReportLayout(
        ("label", "value", "since", "citations", "children", "failed"),
        fields={"value": lambda value: None if value is None else value.value},
    ),
}
"""The layout of each class of the JSON output reference."""


class _ReportWriting:
    """Writing hooks for report classes, with or without explanations."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.converter = cattrs.Converter()
        self.classes: dict[type, Hook] = {}

    def value(self, value: Any) -> Any:
        """Any report value as JSON-compatible data."""
        return self.hook(type(value))(value)

    def hook(self, tp: Any) -> Hook:
        """The hook that writes a value of type ``tp``."""

        if tp in (str, int, bool) or tp is type(None):
            return _same
        if tp is Truth:
            return Truth.as_bool
        if tp is dt.date:
            return dt.date.isoformat
        if tp is Fraction:
            return number_text
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _value
        members, optional = union_members(tp)
        if optional and len(members) == 1:
            inner = self.hook(next(iter(members)))
            return lambda value: None if value is None else inner(value)
        args: tuple[Any, ...] = getattr(tp, "__args__", ())
        if getattr(tp, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = self.hook(args[0])
            return list if item is _same else (lambda values: [item(v) for v in values])
        if attrs.has(tp):
            found = self.classes.get(tp)
            if found is None:
                # Late binding, for classes that hold themselves (explanation trees).
                self.classes[tp] = lambda value: self.classes[tp](value)
                found = self.classes[tp] = self._generated(tp)
            return found
        raise TypeError(f"no report hook for {tp!r}")  # pragma: no cover - a new type

    def _generated(self, cls: type) -> Hook:
        layout = LAYOUTS.get(cls)
        types = field_types(cls)
        names = [a.name for a in attrs.fields(cls)]
        overrides: dict[str, Any] = {}
        for name in names:
            if (layout is not None and (name not in layout.keys or name in layout.computed)) or (
                name == "explanation" and not self.explain
            ):
                overrides[name] = override(omit=True)
            else:
                hook = layout.fields.get(name) if layout is not None else None
                overrides[name] = override(unstruct_hook=hook or self.hook(types[name]))
        generated: Hook = make_dict_unstructure_fn(cls, self.converter, **overrides)
        if layout is None:
            return generated
        keys = tuple(k for k in layout.keys if k != "explanation" or self.explain)
        computed = layout.computed

        def write(value: Any) -> dict[str, Any]:
            fields = generated(value)
            return {key: computed[key](value) if key in computed else fields[key] for key in keys}

        return write


def _same(value: Any) -> Any:
    return value


def _value(member: enum.Enum) -> Any:
    return member.value


@functools.cache
def _writing(explain: bool) -> _ReportWriting:
    return _ReportWriting(explain)


def report_data(value: Any, *, explain: bool = False) -> Any:
    """Any report value (a ``Report``, an ``AgreementReport``, an ``Explanation``...) as
    JSON-compatible data; explanations only with ``explain``."""
    return _writing(explain).value(value)
