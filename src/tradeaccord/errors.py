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

import ast
import re
import typing
from collections.abc import Iterable
from typing import Any, ClassVar, Final, TypeAlias

import attrs

__all__ = [
    "CalendarError",
    "DatasetError",
    "EvaluationError",
    "FileError",
    "InputError",
    "Key",
    "Location",
    "MissingDependencyError",
    "ModelTypeError",
    "ModelValueError",
    "Problem",
    "RuleSetError",
    "ScenarioError",
    "TradeAccordError",
    "UnknownIdError",
    "show_path",
]


class TradeAccordError(Exception):
    """Root of every error raised by tradeaccord.

    Attributes:
        code: a short stable identifier of the kind of error, such as
            ``"dataset"``; documented on the errors page.
    """

    code: ClassVar[str] = "tradeaccord"


_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@typing.final
@attrs.frozen
class Key:
    """A key of a mapping in a location, shown in brackets: ``weights['USA']``.

    The keys of an object's fields are plain strings (``events[0].date``); the keys of a
    mapping whose keys are data, such as the party ids of ``WeightedShare.weights``, are
    ``Key`` values. A key that is not a plain name is always a ``Key``.

    Examples:
        >>> show_path(("weights", Key("USA")))
        "weights['USA']"
    """

    value: Any

    def __str__(self) -> str:
        return f"[{self.value!r}]"


Location: TypeAlias = tuple[str | int | Key, ...]
"""A place in the input as data: object keys (`str`, or `Key` for a key of a mapping)
and list indices (`int`), from the top."""


def show_path(location: Location) -> str:
    """The text of a location, as a user would write it in Python or in a data file.

    Examples:
        >>> show_path(("agreements", 0, "commitments", 2, "by"))
        'agreements[0].commitments[2].by'
        >>> show_path(())
        ''
    """
    out: list[str] = []
    for step in location:
        if type(step) is str and _IDENTIFIER.fullmatch(step):
            out.append(f".{step}" if out else step)
        elif type(step) is int:
            out.append(f"[{step}]")
        elif isinstance(step, Key):
            out.append(str(step))
        else:
            out.append(f"[{step!r}]")
    return "".join(out)


def _steps(location: str | Iterable[str | int | Key]) -> Location:
    """A location as a tuple of steps in canonical form (keys that are not plain names
    as `Key`); text, as written by `show_path`, is read into its steps."""
    if isinstance(location, str):
        return _read_path(location)
    steps: list[str | int | Key] = []
    for step in location:
        if type(step) is str and not _IDENTIFIER.fullmatch(step):
            steps.append(Key(step))
        elif isinstance(step, str | int | Key) and type(step) is not bool:
            steps.append(step)
        else:
            steps.append(Key(step))
    return tuple(steps)


_STEP: Final = re.compile(
    r"\.?(?P<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?P<index>[0-9]+)\]"
    r"|\[(?P<key>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]"
)


def _read_path(text: str) -> Location:
    """The steps of a path given as text (``"agreements[0].parties[1]"``), for problems
    built by hand; tradeaccord itself keeps locations as steps throughout."""
    steps: list[str | int | Key] = []
    position = 0
    while position < len(text):
        found = _STEP.match(text, position)
        if found is None or (found["name"] and position and text[position] != "."):
            raise ValueError(f"not a path: {text!r}")
        if found["name"] is not None:
            steps.append(found["name"])
        elif found["index"] is not None:
            steps.append(int(found["index"]))
        else:
            steps.append(Key(ast.literal_eval(found["key"])))
        position = found.end()
    return tuple(steps)


@typing.final
@attrs.frozen(init=False)
class Problem:
    """One problem found in user input: where it is and what is wrong.

    ``location`` is the place as data: the keys and indices that lead to it, such as
    ``("agreements", 1, "commitments", 0, "by")``. ``path`` is the same place as text,
    with the spelling a user would write in Python or in a data file:
    ``agreements[1].commitments[0].by``. A problem can be made from either.

    Examples:
        >>> problem = Problem(("agreements", 0, "parties", 1), "unknown party 'CHA' (known: CHN, USA)")
        >>> str(problem)
        "agreements[0].parties[1]: unknown party 'CHA' (known: CHN, USA)"
        >>> problem == Problem("agreements[0].parties[1]", "unknown party 'CHA' (known: CHN, USA)")
        True
        >>> str(Problem("events[3].date", "not a valid calendar date: '2025-02-30'", line=41))
        "events[3].date (line 41): not a valid calendar date: '2025-02-30'"
    """

    location: Location
    """Where the problem is: the keys (`str`, or `Key` for a key of a mapping) and list
    indices (`int`) from the top of the input; empty for the input as a whole."""
    message: str
    line: int | None
    """The line of the input the problem is on, when the input has lines to point at
    (YAML files); ``None`` otherwise."""

    def __init__(
        self,
        path: str | Iterable[str | int | Key],
        message: str,
        *,
        line: int | None = None,
    ) -> None:
        self.__attrs_init__(_steps(path), message, line)

    @property
    def path(self) -> str:
        """The location as text: ``agreements[1].commitments[0].by``; ``""`` for the whole input."""
        return show_path(self.location)

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

    def __init__(self, problems: Iterable[Problem], *, what: str = "invalid dataset") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(_summarise(what, self.problems))


class ScenarioError(DatasetError):
    """A what-if scenario that does not apply to a dataset.

    Raised by [`Scenario.apply`][tradeaccord.Scenario.apply]: an event to remove or
    move that is not recorded or is named twice, a moved event that no longer holds
    together, an added event that clashes with the dataset. Every problem is listed,
    each at its place in the scenario (``remove[0]``, ``add[1].party``).

    Attributes:
        name: the scenario's name.
        problems: every problem found, in the order of the scenario.

    Examples:
        >>> print(ScenarioError("early", [Problem(("remove", 0), "no recorded event 'x'")]))
        scenario 'early' does not apply: remove[0]: no recorded event 'x'
    """

    code: ClassVar[str] = "scenario"

    def __init__(self, name: str, problems: Iterable[Problem]) -> None:
        self.name = name
        super().__init__(problems, what=f"scenario {name!r} does not apply")


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


class FileError(InputError):
    """A dataset file that cannot be read at all: it does not exist, is not a file, is
    too large, or its format cannot be told from its name (or needs PyYAML, which is not
    installed).

    The command line exits with status 2 for such a file, and 1 for a file it could
    read that is not a valid dataset (any other `InputError`).

    Attributes:
        source: the file name.
        problems: one problem, at the file as a whole, saying why.
    """

    code: ClassVar[str] = "file"

    def __init__(self, source: str, message: str) -> None:
        super().__init__(source, [Problem((), message)])
        self.message = message

    def __str__(self) -> str:
        return self.message


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

    def __init__(
        self,
        message: str,
        *,
        field: str | Iterable[str | int | Key] | None = None,
        detail: str | None = None,
    ):
        super().__init__(message)
        self.location: Location | None = None if field is None else _steps(field)
        self.field = None if self.location is None else show_path(self.location)
        self.detail = message if detail is None else detail


class ModelValueError(_FieldError, ValueError):
    """A model value built with a field that breaks an invariant.

    For example ``AtLeast(3, a, b)`` (three of two items) or a party id that is
    an empty string. The message names the class and the field.

    Attributes:
        field: the field at fault, with an index where it is a collection
            (``"sources[2]"``, ``"weights['USA']"``), or ``None`` when the problem
            is with the value as a whole (``Deadline`` given both ``on`` and ``within``).
        location: the same place as data: ``("sources", 2)``,
            ``("weights", Key("USA"))``, or ``None``.
        detail: the message without the class and field name, e.g.
            ``"must be a non-empty id without surrounding spaces, got ''"``.
    """

    code: ClassVar[str] = "model-value"


class ModelTypeError(_FieldError, TypeError):
    """A model value built with a field of the wrong type, e.g. a date given as a string.

    Attributes:
        field: the field at fault, with an index where it is a collection.
        location: the same place as data, e.g. ``("sources", 1)``.
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
