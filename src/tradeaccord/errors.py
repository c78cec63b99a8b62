"""The exceptions raised by tradeaccord.

Every exception the library raises on purpose derives from
[`TradeAccordError`][tradeaccord.errors.TradeAccordError]. Concrete errors also
derive from the built-in exception they refine (``ValueError``, ``KeyError``), so
code that already catches those keeps working. Each error has a stable ``code``
documented on the errors page of the reference.

Examples:
    >>> from tradeaccord.errors import TradeAccordError, DatasetError
    >>> issubclass(DatasetError, TradeAccordError) and issubclass(DatasetError, ValueError)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import attrs

__all__ = [
    "CalendarError",
    "DatasetError",
    "EvaluationError",
    "InputError",
    "MissingDependencyError",
    "ModelTypeError",
    "ModelValueError",
    "Problem",
    "RuleSetError",
    "TradeAccordError",
    "UnknownIdError",
]


class TradeAccordError(Exception):
    """Root of every error raised by tradeaccord.

    Attributes:
        code: a short stable identifier of the kind of error, such as
            ``"dataset"``; documented on the errors page.
    """

    code: ClassVar[str] = "tradeaccord"


@attrs.frozen
class Problem:
    """One problem found in user input: where it is and what is wrong.

    ``path`` names the place with the same spelling a user would write in Python
    or in a data file, such as ``agreements[1].commitments[0].by``.

    Examples:
        >>> str(Problem("agreements[0].parties[1]", "unknown party 'CHA' (known: CHN, USA)"))
        "agreements[0].parties[1]: unknown party 'CHA' (known: CHN, USA)"
        >>> str(Problem("events[3].date", "not a valid calendar date: '2025-02-30'", line=41))
        "events[3].date (line 41): not a valid calendar date: '2025-02-30'"
    """

    path: str
    message: str
    line: int | None = attrs.field(default=None, kw_only=True)
    """The line of the input the problem is on, when the input has lines to point at
    (YAML files); ``None`` otherwise."""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where = f"{where} (line {self.line})" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


def _summarise(what: str, problems: tuple[Problem, ...]) -> str:
    if len(problems) == 1:
        return f"{what}: {problems[0]}"
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"{what}: {len(problems)} problems\n{lines}"


class DatasetError(TradeAccordError, ValueError):
    """A set of agreements and facts that does not hold together.

    Raised when a [`Dataset`][tradeaccord.Dataset] is assembled with unknown ids,
    duplicate ids or cyclic references. It lists *every* problem found, each with
    its path, not just the first.

    Attributes:
        problems: every problem found, in the order of the input.
    """

    code: ClassVar[str] = "dataset"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(_summarise("invalid dataset", self.problems))


class InputError(TradeAccordError, ValueError):
    """A file or document that cannot be read into tradeaccord values.

    Attributes:
        source: the file name or a description of the input.
        problems: every problem found, each with its path inside the input.
    """

    code: ClassVar[str] = "input"

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(_summarise(f"cannot read {source}", self.problems))


class CalendarError(TradeAccordError, ValueError):
    """Date arithmetic that has no answer under the chosen policy.

    For example adding one month to January 31 under the strict rounding policy,
    or a period outside the range of dates Python can represent.
    """

    code: ClassVar[str] = "calendar"


class RuleSetError(TradeAccordError, ValueError):
    """A rule set that cannot be built: a duplicate rule name or an unknown one."""

    code: ClassVar[str] = "rules"


class EvaluationError(TradeAccordError, ValueError):
    """An evaluation that cannot be carried out, e.g. an unknown agreement id."""

    code: ClassVar[str] = "evaluation"


class _FieldError(TradeAccordError):
    """Base of the model errors: the message, plus where in the value it is."""

    def __init__(self, message: str, *, field: str | None = None, detail: str | None = None):
        super().__init__(message)
        self.field = field
        self.detail = message if detail is None else detail


class ModelValueError(_FieldError, ValueError):
    """A model value built with a field that breaks an invariant.

    For example ``AtLeast(3, a, b)`` (three of two items) or a party id that is
    an empty string. The message names the class and the field.

    Attributes:
        field: the field at fault, with an index where it is a collection
            (``"sources[2]"``, ``"weights['USA']"``), or ``None`` when the problem
            is with the value as a whole (``Deadline`` given both ``on`` and ``within``).
        detail: the message without the class and field name, e.g.
            ``"must be a non-empty id without surrounding spaces, got ''"``.
    """

    code: ClassVar[str] = "model-value"


class ModelTypeError(_FieldError, TypeError):
    """A model value built with a field of the wrong type, e.g. a date given as a string.

    Attributes:
        field: the field at fault, with an index where it is a collection.
        detail: the message without the class and field name.
    """

    code: ClassVar[str] = "model-type"


class UnknownIdError(TradeAccordError, KeyError):
    """A lookup by id that names nothing in the dataset.

    Attributes:
        kind: what was looked up (``"agreement"``, ``"party"``, ...).
        id: the id asked for.
        known: the ids that exist, sorted.
    """

    code: ClassVar[str] = "unknown-id"

    def __init__(self, kind: str, id: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.id = id
        self.known = tuple(sorted(known))
        super().__init__(kind, id)

    def __str__(self) -> str:
        shown = ", ".join(self.known[:20]) + (", ..." if len(self.known) > 20 else "")
        return f"unknown {self.kind} {self.id!r} (known: {shown or 'none'})"


class MissingDependencyError(TradeAccordError, ImportError):
    """A feature that needs an optional package, called without that package installed.

    Plots need matplotlib (the ``plot`` extra) and data frames need pandas (the
    ``pandas`` extra). The message names the package and the command that installs it.

    Attributes:
        feature: what was asked for, e.g. ``"timeline plots"``.
        package: the missing package, e.g. ``"matplotlib"``.
        extra: the extra of tradeaccord that installs it, e.g. ``"plot"``.

    Examples:
        >>> str(MissingDependencyError("timeline plots", "matplotlib", "plot"))
        "timeline plots need matplotlib: pip install 'tradeaccord[plot]'"
    """

    code: ClassVar[str] = "missing-dependency"

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} need {package}: pip install 'tradeaccord[{extra}]'", name=package
        )
