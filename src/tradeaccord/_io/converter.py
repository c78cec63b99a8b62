"""Converters: the reading and writing hooks of the layout, registered on cattrs
converters.

[`configure_converter`][tradeaccord.serialization.configure_converter] registers them
on any converter; [`make_converter`][tradeaccord.serialization.make_converter] makes a
new one. The readers and writers of ``tradeaccord.serialization`` use one shared
converter, made the first time it is needed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import cattrs

from .._calendar import DayCount, Period
from .._conditions import Condition
from .._engine.results import Explanation, Report
from .._model import Dataset
from .datasets import Invalid, read_dataset
from .layout import OBJECTS
from .places import position
from .problems import StructureError, found_in
from .reading import Reading
from .reports import report_data
from .writing import Writing

__all__ = ["Layout", "configure_converter", "make_converter", "shared"]


class Layout:
    """The hooks of the layout for one converter: reading, and writing with dates as
    text (JSON) or as native dates (YAML, TOML)."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.reading = Reading(converter)
        self.text = Writing(converter, "text")
        self.native = Writing(converter, "native")

    def read(self, cls: Any, data: Any) -> Any:
        """A value of ``cls`` (a model class, ``Condition``, ``DayCount``, ``Period`` or
        ``Dataset``) from its file form.

        Raises:
            StructureError: with every problem, located in ``data``.
        """
        name = {Condition: "Condition", DayCount: "DayCount"}.get(cls) or cls.__name__
        try:
            if cls is Dataset:
                return read_dataset(self.reading, data)
            return self.reading.hook(cls)(data, cls)
        except Invalid as exc:
            found = exc.found
        except Exception as exc:
            found = found_in(exc, data, self.reading)
            found.sort(key=lambda f: position(data, f.location))
        raise StructureError(f"<{name}>", found, cls) from None

    def register(self, converter: cattrs.Converter) -> None:
        """Register the hooks on ``converter``."""
        for cls in (*OBJECTS, Condition, DayCount, Period):
            converter.register_structure_hook(cls, self._structure(cls))
        for union, member in ((Condition | None, Condition), (DayCount | None, DayCount)):
            converter.register_structure_hook(union, _optional(self._structure(member)))
        for cls, write in self.text.classes.items():
            converter.register_unstructure_hook(cls, write)
        converter.register_unstructure_hook(Condition, self.text.condition)
        converter.register_unstructure_hook(DayCount, self.text.rule)
        converter.register_unstructure_hook(Period, str)
        converter.register_unstructure_hook(Report, report_data)
        converter.register_unstructure_hook(Explanation, report_data)

    def _structure(self, cls: Any) -> Callable[[Any, Any], Any]:
        return lambda data, _: self.read(cls, data)


def _optional(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda data, type_: None if data is None else hook(data, type_)


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` tradeaccord's file forms: every model class, conditions,
    day-count rules, periods, datasets, and reports.

    Structuring checks everything the file readers check (unknown keys are always
    errors) and raises [`StructureError`][tradeaccord.serialization.StructureError], an
    ``InputError`` with every problem found that is also a cattrs
    ``ClassValidationError``; unstructuring gives the canonical plain data, dates as
    ``"YYYY-MM-DD"``.

    Examples:
        >>> import cattrs
        >>> from tradeaccord import Commitment
        >>> conv = cattrs.Converter()
        >>> configure_converter(conv)
        >>> c = conv.structure({"id": "c", "by": "USA", "action": "lift", "summary": "Lift it",
        ...                     "condition": {"in_force": "deal"}}, Commitment)
        >>> c.condition
        InForce(agreement='deal')
        >>> conv.unstructure(c)["condition"]
        {'in_force': 'deal'}
    """
    Layout(converter).register(converter)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for tradeaccord values (unknown keys are errors).

    Examples:
        >>> from tradeaccord import Party
        >>> conv = make_converter()
        >>> conv.unstructure(Party(id="USA", name="United States"))
        {'id': 'USA', 'name': 'United States'}
        >>> conv.structure({"id": "USA", "name": "United States", "flag": "x"}, Party)
        Traceback (most recent call last):
        ...
        tradeaccord.serialization.StructureError: cannot read <Party>: flag: unknown key 'flag' in a party (allowed: id, name, kind)
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    configure_converter(converter)
    return converter


@functools.cache
def shared() -> Layout:
    """The hooks the readers and writers of ``tradeaccord.serialization`` use."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    layout = Layout(converter)
    layout.register(converter)
    return layout
