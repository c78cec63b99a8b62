"""Problems: from cattrs' exception groups to located problems, and back.

Reading hooks raise cattrs' exception groups, each problem noted with its place
(``AttributeValidationNote``, ``IterableValidationNote``): the place stays data. This
module walks such a group together with the data that was read, and gives every problem
as a [`Problem`][tradeaccord.errors.Problem] whose location is the keys and indices of
the file. When an object has a problem, its other fields are checked one by one too,
so that no problem hides another.

A converter's hooks raise [`StructureError`][tradeaccord.serialization.StructureError]:
an ``InputError`` listing every problem, which is also a cattrs ``ClassValidationError``
whose exceptions are the same problems at their places, so that
``cattrs.transform_error`` names each place; with
[`format_exception`][tradeaccord.serialization.format_exception] it says what is wrong
there in tradeaccord's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.v import format_exception as _cattrs_format

from .._conditions import Occurred
from .._expectations import ScenarioFile
from .._model import Dataset
from ..errors import InputError, Key, Location, ModelTypeError, ModelValueError, Problem
from .fields import field_types, union_members
from .layout import COLLECTIONS, NODES, OBJECTS, SHARED_OCCURRENCE, file_key
from .reading import Reading, class_of
from .scalars import ReadError, guess

__all__ = ["Found", "StructureError", "format_exception", "found_in", "structure_error"]

_MISSING: Final = "missing"
_UNKNOWN: Final = "unknown"
_VALUE: Final = "value"

#: The types a YAML file gives unquoted words that look like something else.
_NOT_TEXT: Final = (bool, int, float, dt.date)


@attrs.frozen
class Found:
    """A problem, how it was found (a missing key, an unknown key, a bad value), and
    whether the value is a word YAML read as something other than text."""

    location: Location
    message: str
    kind: str = _VALUE
    key: Any = None
    unquoted: bool = False

    def at(self, prefix: Location) -> Found:
        """The same problem, ``prefix`` deeper."""
        return attrs.evolve(self, location=(*prefix, *self.location))

    def problem(self, quote_hint: str = "", line: int | None = None) -> Problem:
        """As a problem, with ``quote_hint`` added to a message about an unquoted word."""
        message = f"{self.message} {quote_hint}" if self.unquoted and quote_hint else self.message
        return Problem(self.location, message, line=line)


def _what(cls: Any) -> str:
    node = NODES.get(cls)
    if node is not None:
        return node.what
    thing = OBJECTS.get(cls)
    return thing.what if thing is not None else f"a {getattr(cls, '__name__', 'value')}"


def allowed_keys(cls: Any) -> tuple[str, ...]:
    """The keys an object of ``cls`` takes in a file, in order."""
    if cls is Dataset:
        return ("format", "title", *COLLECTIONS)
    if cls is ScenarioFile:
        return ("format", *(a.name for a in attrs.fields(cls)))
    node = NODES.get(cls)
    if node is None:
        return tuple(a.name for a in attrs.fields(cls) if a.init)
    keys = node.file_keys
    if cls is Occurred:
        return (*keys[:2], *SHARED_OCCURRENCE, *keys[2:])
    return keys


def unknown_key(key: Any, cls: Any) -> str:
    """The message for a key an object does not take, with a guess at the key meant."""
    allowed = allowed_keys(cls)
    return (
        f"unknown key {key!r} in {_what(cls)}{guess(key, allowed)} (allowed: {', '.join(allowed)})"
    )


def _and(keys: Sequence[str]) -> str:
    quoted = [repr(k) for k in keys]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _notes(
    exc: BaseException,
) -> tuple[AttributeValidationNote | None, IterableValidationNote | None]:
    attribute = index = None
    for note in getattr(exc, "__notes__", ()):
        if type(note) is AttributeValidationNote:
            attribute = note
        elif type(note) is IterableValidationNote:
            index = note
    return attribute, index


def found_in(exc: BaseException, data: Any, reading: Reading) -> list[Found]:
    """Every problem an exception of a reading hook stands for, located in ``data``."""
    out: list[Found] = []
    _walk(exc, data, (), reading, out)
    seen: set[tuple[Location, str]] = set()
    unique = []
    for found in out:
        if (found.location, found.message) not in seen:
            seen.add((found.location, found.message))
            unique.append(found)
    return unique


def _walk(exc: BaseException, data: Any, at: Location, reading: Reading, out: list[Found]) -> None:
    if isinstance(exc, StructureError):
        out.extend(found.at(at) for found in exc.found)
    elif isinstance(exc, ClassValidationError):
        _object(exc, data, at, reading, out)
    elif isinstance(exc, IterableValidationError):
        for sub in exc.exceptions:
            _, note = _notes(sub)
            if note is None:
                _leaf(sub, None, data, at, out)
            elif type(data) is list and type(note.index) is int and note.index < len(data):
                _walk(sub, data[note.index], (*at, note.index), reading, out)
            elif isinstance(data, dict) and note.index in data:
                _walk(sub, data[note.index], (*at, Key(note.index)), reading, out)
            else:
                _walk(sub, None, (*at, note.index), reading, out)
    else:
        _leaf(exc, None, data, at, out)


def _object(
    exc: ClassValidationError, data: Any, at: Location, reading: Reading, out: list[Found]
) -> None:
    cls = class_of(exc.cl)
    if not isinstance(data, dict):
        data = {}
    missing: list[str] = []
    failed: set[str] = set()
    for sub in exc.exceptions:
        note, _ = _notes(sub)
        if isinstance(sub, ForbiddenExtraKeysError):
            for key in data:
                if key in sub.extra_fields:
                    out.append(Found((*at, _step(key)), unknown_key(key, cls), _UNKNOWN, key))
        elif note is not None:
            key = file_key(cls, note.name)
            failed.add(note.name)
            if isinstance(sub, KeyError) and key not in data:
                missing.append(key)
            else:
                _walk(sub, data.get(key), (*at, _step(key)), reading, out)
        else:
            if isinstance(sub, ModelTypeError | ModelValueError) and sub.location:
                failed.add(str(sub.location[0]))
            _leaf(sub, cls, data, at, out)
    if missing:
        out.append(Found(at, f"{_what(cls)} needs {_and(missing)}", _MISSING, tuple(missing)))
    _fields_alone(cls, data, at, failed, reading, out)


def _step(key: Any) -> Any:
    return key if isinstance(key, str) else Key(key)


def _leaf(exc: BaseException, cls: Any, data: Any, at: Location, out: list[Found]) -> None:
    """One problem: a value that could not be read, or a model value that broke a rule."""
    if isinstance(exc, ReadError):
        out.append(Found(at, exc.message))
    elif isinstance(exc, ModelTypeError | ModelValueError):
        if exc.location and cls is not None:
            field = str(exc.location[0])
            key = file_key(cls, field)
            where = (*at, key, *exc.location[1:])
            value = data.get(key) if isinstance(data, dict) else None
            unquoted = (
                isinstance(exc, ModelTypeError)
                and isinstance(value, _NOT_TEXT)
                and str in _text_types(cls, field)
                and len(exc.location) == 1
            )
            out.append(Found(where, exc.detail, unquoted=unquoted))
        else:
            out.append(Found(at, exc.detail))
    elif isinstance(exc, ClassValidationError | IterableValidationError):  # pragma: no cover
        for sub in exc.exceptions:
            _leaf(sub, cls, data, at, out)
    elif isinstance(exc, Exception) and hasattr(exc, "code"):  # any other TradeAccordError
        out.append(Found(at, str(exc)))
    else:
        out.append(Found(at, f"cannot read this value ({type(exc).__name__}: {exc})"))


def _text_types(cls: Any, field: str) -> frozenset[Any]:
    """The types a field of ``cls`` takes."""
    try:
        return union_members(field_types(cls)[field])[0]
    except (KeyError, TypeError):  # pragma: no cover - every model field has a type
        return frozenset()


def _fields_alone(
    cls: Any,
    data: dict[Any, Any],
    at: Location,
    failed: set[str],
    reading: Reading,
    out: list[Found],
) -> None:
    """Check each field that could be read on its own, so that a problem with one field
    does not hide another's: the object was not built, so its validators did not run."""
    hooks = reading.fields.get(cls)
    if hooks is None:
        return
    bare = object.__new__(cls)
    for attribute in attrs.fields(cls):
        name = attribute.name
        key = file_key(cls, name)
        if name in failed or name not in hooks or key not in data:
            continue
        try:
            value = hooks[name](data[key], None)
        except Exception:  # reported where it was read
            continue
        try:
            converter: Any = attribute.converter
            if isinstance(converter, attrs.Converter):
                value = getattr(converter, "converter")(value, bare, attribute)  # noqa: B009
            if attribute.validator is not None:
                attribute.validator(bare, attribute, value)
        except (ModelTypeError, ModelValueError) as exc:
            _leaf(exc, cls, data, at, out)
        except Exception:  # a check that needs the other fields: the build reports it
            continue


# Raising ----------------------------------------------------------------------------------


class StructureError(InputError, ClassValidationError):
    """A value a converter cannot read: an [`InputError`][tradeaccord.errors.InputError]
    listing every problem, which is also a cattrs ``ClassValidationError``.

    Its exceptions are the problems at their places, noted the cattrs way, so that
    ``cattrs.transform_error(error)`` lists each place (``$.commitment.action``), and
    ``cattrs.transform_error(error, format_exception=format_exception)`` says what is
    wrong there in tradeaccord's words.

    Attributes:
        source: ``"<Commitment>"``, the class that could not be read.
        problems: every problem, each at its path in the data given to the converter.
    """

    def __new__(cls, source: str, found: Sequence[Found], target: Any) -> StructureError:
        exceptions = _tree(found, target) or [ReadError("cannot read this value")]
        name = getattr(target, "__name__", repr(target))
        return ClassValidationError.__new__(cls, f"While structuring {name}", exceptions, target)

    def __init__(self, source: str, found: Sequence[Found], target: Any) -> None:
        self.found = tuple(found)
        InputError.__init__(self, source, [f.problem() for f in found])

    def __str__(self) -> str:
        return str(self.args[0])

    def derive(self, excs: Sequence[Exception]) -> ClassValidationError:  # type: ignore[override]
        """The same group with other exceptions (a plain ``ClassValidationError``)."""
        return ClassValidationError(self.message, excs, self.cl)


StructureError.__module__ = "tradeaccord.serialization"


def _tree(found: Iterable[Found], target: Any) -> list[Exception]:
    """Exceptions standing for ``found``, grouped and noted by place the cattrs way."""
    here: list[Exception] = []
    below: dict[Any, list[Found]] = {}
    for item in found:
        location = item.location
        if item.kind == _UNKNOWN:
            location = location[:-1]
        if location:
            below.setdefault(location[0], []).append(attrs.evolve(item, location=location[1:]))
        elif item.kind == _UNKNOWN:
            here.append(ForbiddenExtraKeysError(item.message, target, {item.key}))
        elif item.kind == _MISSING:
            for key in item.key:
                missing = KeyError(key)
                noted = AttributeValidationNote(f"Structuring @ attribute {key}", key, None)
                missing.__notes__ = [item.message, noted]
                here.append(missing)
        else:
            here.append(ReadError(item.message))
    for step, items in below.items():
        inner = _tree(items, target)
        if isinstance(step, int | Key):
            index = step.value if isinstance(step, Key) else step
            note: Any = IterableValidationNote(f"Structuring @ index {index!r}", index, None)
        else:
            note = AttributeValidationNote(f"Structuring @ attribute {step}", step, None)
        error: Exception
        if (
            len(inner) == 1
            and not isinstance(inner[0], ClassValidationError | IterableValidationError)
            and not getattr(inner[0], "__notes__", None)
        ):
            error = inner[0]
        elif all(isinstance(_notes(e)[1], IterableValidationNote) for e in inner):
            error = IterableValidationError(f"While structuring @ {step!r}", inner, list)
        else:
            error = ClassValidationError(f"While structuring @ {step!r}", inner, target)
        error.__notes__ = [*getattr(error, "__notes__", []), note]
        here.append(error)
    return here


def structure_error(source: str, found: Sequence[Found], target: Any) -> StructureError:
    """The error a converter raises for ``found``."""
    return StructureError(source, found, target)


def format_exception(exc: BaseException, expected: Any) -> str:
    """Describe one problem for ``cattrs.transform_error``, in tradeaccord's words.

    Pass it as ``format_exception=`` to ``cattrs.transform_error``; exceptions that are
    not tradeaccord's are described as cattrs does.

    Examples:
        >>> import cattrs
        >>> from tradeaccord import Party
        >>> from tradeaccord.serialization import make_converter
        >>> try:
        ...     make_converter().structure({"id": "USA", "name": "US", "kind": "stat"}, Party)
        ... except cattrs.ClassValidationError as error:
        ...     cattrs.transform_error(error, format_exception=format_exception)
        ["unknown party kind 'stat'; did you mean 'state'? (known: state, customs_territory, bloc, organization) @ $.kind"]
    """
    if isinstance(exc, ReadError):
        return exc.message
    if isinstance(exc, ModelTypeError | ModelValueError):
        return exc.detail
    if isinstance(exc, ForbiddenExtraKeysError) and exc.message:
        return exc.message
    if isinstance(exc, KeyError):
        notes = [n for n in getattr(exc, "__notes__", ()) if type(n) is str]
        if notes:
            return str(notes[0])
    return str(_cattrs_format(exc, expected))
