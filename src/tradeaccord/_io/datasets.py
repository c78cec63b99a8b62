"""Reading a whole dataset: every value, then the dataset's own checks, every problem
placed in the file.

Each value of each list is read by its hook. When every value reads, the ``Dataset`` is
built, and its checks run once. When some do not, the values that could be read, each
at its place in the file, are indexed and checked all the same, ignoring references to
the ids of the values that could not be read (they would only repeat the problem): so
that one pass reports every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._model import Agreement, Commitment, Dataset, EvidencePolicy
from .._model.checks import check
from .._model.index import Index
from ..errors import DatasetError, Key, Location
from .layout import COLLECTIONS, FORMAT, READABLE_FORMATS
from .places import in_file, line_of, position
from .problems import Found, found_in, unknown_key
from .reading import Reading, item_name
from .scalars import NULL, ReadError, describe, shown

__all__ = ["Invalid", "check_format", "read_dataset"]

_TOP_KEYS = ("format", "title", "policy", *COLLECTIONS)
_NOT_TEXT = (bool, int, float)


class Invalid(Exception):
    """The problems of data that is not a valid dataset (turned into an ``InputError``)."""

    def __init__(self, found: list[Found]) -> None:
        super().__init__(found)
        self.found = found


def read_dataset(reading: Reading, data: Any) -> Dataset:
    """Read a dataset from plain data.

    Raises:
        Invalid: with every problem, located in ``data`` and in the order of ``data``.
    """
    check_format(data, "a dataset")
    found: list[Found] = []
    values: dict[str, Any] = {}
    # What could be read, and where it is in the file, for the checks of references.
    kept: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    places: dict[str, list[Any]] = {name: [] for name in (*COLLECTIONS, "commitments")}
    commitments: list[list[Commitment]] = []
    ignore: set[str] = set()
    for key, value in data.items():
        if key == "format":
            continue
        if key == "title":
            if value is None:
                found.append(Found(("title",), NULL))
            elif type(value) is not str:
                unquoted = isinstance(value, _NOT_TEXT) or _is_date(value)
                found.append(
                    Found(("title",), f"must be str, got {describe(value)}", unquoted=unquoted)
                )
            else:
                values["title"] = value
            continue
        if key == "policy":
            try:
                if value is None:
                    raise ReadError(f"expected {item_name(EvidencePolicy)}, got null")
                values["policy"] = reading.hooks[EvidencePolicy](value, EvidencePolicy)
            except Exception as exc:
                found.extend(f.at(("policy",)) for f in found_in(exc, value, reading))
            continue
        cls = COLLECTIONS.get(key)
        if cls is None:
            step = key if isinstance(key, str) else Key(key)
            found.append(Found((step,), unknown_key(key, Dataset), "unknown", key))
            continue
        if type(value) is not list:
            message = NULL if value is None else f"expected a list, got {describe(value)}"
            found.append(Found((key,), message))
            continue
        read = reading.hooks[cls]
        built = []
        null = f"expected {item_name(cls)}, got null"
        for index, item in enumerate(value):
            try:
                if item is None:  # not a key to leave out: an item that is not one
                    raise ReadError(null)
                one = read(item, cls)
            except Exception as exc:
                before = len(found)
                found.extend(f.at((key, index)) for f in found_in(exc, item, reading))
                salvaged = _salvage(reading, cls, item, (key, index), found[before:], ignore)
                if salvaged is not None:
                    one, listed = salvaged
                    kept[key].append(one)
                    places[key].append((key, index))
                    if cls is Agreement:
                        commitments.append([c for c, _ in listed])
                        places["commitments"].append([at for _, at in listed])
                continue
            built.append(one)
            kept[key].append(one)
            places[key].append((key, index))
            if cls is Agreement:
                commitments.append(list(one.commitments))
                places["commitments"].append(
                    [(key, index, "commitments", j) for j in range(len(one.commitments))]
                )
        values[key] = tuple(built)
    if not found:
        try:
            return Dataset(**values)
        except DatasetError:
            pass  # checked again below, to place each problem in the file
    built_index = Index(
        parties=kept["parties"],
        groups=kept["groups"],
        officials=kept["officials"],
        measures=kept["measures"],
        sources=kept["sources"],
        agreements=kept["agreements"],
        events=kept["events"],
        commitments=commitments,
        places=places,
        ignore=frozenset(ignore),
    )
    place: Callable[[Location], Location] = lambda location: in_file(data, location)  # noqa: E731
    for finding in check(built_index):
        problem = finding.problem(place)
        found.append(Found(problem.location, problem.message))
    raise Invalid(_in_order(data, found))


def check_format(data: Any, what: str) -> None:
    """Check that ``data`` is an object with a ``format`` this release reads.

    Raises:
        Invalid: it is not, saying so of ``what`` (``"a dataset"``, ``"a scenario file"``).
    """
    if type(data) is not dict:
        raise Invalid([Found((), f"expected {what} (an object), got {describe(data)}")])
    if "format" not in data:
        message = f"{what} needs 'format': {FORMAT} (the layout it is written in)"
        raise Invalid([Found(("format",), message)])
    version = data["format"]
    if type(version) is not int or version not in READABLE_FORMATS:
        readable = ", ".join(map(str, READABLE_FORMATS))
        message = f"unknown format {shown(version)} (this release reads: {readable})"
        raise Invalid([Found(("format",), message)])


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date)


def _in_order(data: Any, found: list[Found]) -> list[Found]:
    """Problems in the order of the input: of its keys and of its items."""
    return sorted(found, key=lambda f: position(data, f.location))


def placed(found: list[Found], lines: Mapping[Location, int] | None, quote_hint: str) -> list[Any]:
    """The problems, each on its line when the input has lines."""
    return [
        f.problem(quote_hint, None if lines is None else line_of(lines, f.location)) for f in found
    ]


# Values that could be read in part -------------------------------------------------------


def _salvage(
    reading: Reading,
    cls: type,
    item: Any,
    at: Location,
    problems: list[Found],
    ignore: set[str],
) -> tuple[Any, list[tuple[Commitment, Location]]] | None:
    """The value ``item`` holds without the keys that have problems, if that can be
    read; it takes part in the checks of references only.

    The commitments of an agreement are read one by one, and those that read are kept.
    The ids of what could not be read go to ``ignore``.
    """
    if type(item) is not dict:
        return None
    bad: set[Any] = set()
    for problem in problems:
        if len(problem.location) <= len(at):
            _drop(cls, item, ignore)
            return None
        bad.add(problem.location[len(at)])
    listed: list[tuple[Commitment, Location]] = []
    good: tuple[Commitment, ...] = ()
    separate = cls is Agreement and "commitments" in bad and type(item.get("commitments")) is list
    if separate:
        bad.discard("commitments")
        read = reading.hooks[Commitment]
        for j, value in enumerate(item["commitments"]):
            where = (*at, "commitments", j)
            try:
                commitment = read(value, Commitment)
            except Exception as exc:
                inner = [f.at(where) for f in found_in(exc, value, reading)]
                saved = _salvage(reading, Commitment, value, where, inner, ignore)
                if saved is None:
                    continue
                commitment = saved[0]
            listed.append((commitment, where))
        good = tuple(commitment for commitment, _ in listed)
    required = {a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING}
    if bad & required:
        _drop(cls, item, ignore)
        return None
    rest = {k: v for k, v in item.items() if k not in bad and not (separate and k == "commitments")}
    try:
        value = reading.hooks[cls](rest, cls)
        if separate:
            value = attrs.evolve(value, commitments=good)
    except Exception:
        _drop(cls, item, ignore)
        return None
    if cls is Agreement and not separate:
        listed = [(c, (*at, "commitments", j)) for j, c in enumerate(value.commitments)]
    for key in bad:
        _drop_ids(item.get(key), ignore)
    return value, listed


def _drop(cls: type, item: Any, ignore: set[str]) -> None:
    """Remember the ids a value that could not be read would have defined."""
    if type(item) is not dict:
        return
    _drop_ids(item, ignore)
    if cls is Agreement:
        for commitment in item.get("commitments") or ():
            _drop_ids(commitment, ignore)
        _drop_ids(item.get("provisional_application"), ignore)


def _drop_ids(value: Any, ignore: set[str]) -> None:
    if type(value) is dict and isinstance(value.get("id"), str):
        ignore.add(value["id"])
