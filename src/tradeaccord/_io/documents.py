"""Parsing the text of dataset files — JSON, TOML and YAML — into plain data.

Nothing from a file is ever executed: JSON and TOML have no such feature, and YAML
is composed with PyYAML's safe loader and built here node by node, so tags that would
build Python objects are errors. Every parser is bounded: the size of the text, the
nesting of the data, and (for YAML) the number of nodes reached through aliases.
Duplicate keys are errors in all three formats. Every problem found here is placed at
its location in the data (and, for YAML, its line); the YAML composer records the line of
every location it builds, for the problems found later.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any, Final, Literal

from ..errors import Location, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_NESTING",
    "MAX_YAML_NODES",
    "Document",
    "FileFormat",
    "format_of",
    "parse",
]

FileFormat = Literal["json", "toml", "yaml"]

MAX_BYTES: Final = 50 * 1024 * 1024
"""Texts larger than this are refused rather than parsed."""

MAX_NESTING: Final = 256
"""The deepest nesting of objects and lists accepted in a YAML document."""

MAX_YAML_NODES: Final = 1_000_000
"""The most YAML nodes a document may expand to, counting each alias use again."""

_SUFFIXES: Final[dict[str, FileFormat]] = {
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}


class Document:
    """Parsed data and the problems found while parsing.

    ``data`` is ``None`` when the text could not be parsed at all; otherwise the
    problems (a YAML key given twice...) are in addition to whatever the data holds.
    """

    __slots__ = ("data", "lines", "problems")

    def __init__(
        self,
        data: Any = None,
        lines: Mapping[Location, int] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.data = data
        self.lines = lines
        self.problems = problems or []


def format_of(name: str) -> FileFormat | None:
    """The format a file name's suffix names (``None`` for an unknown suffix)."""
    lowered = name.lower()
    for suffix, kind in _SUFFIXES.items():
        if lowered.endswith(suffix):
            return kind
    return None


def parse(text: str | bytes, kind: FileFormat) -> Document:
    """Parse ``text`` as ``kind``; problems are returned, never raised."""
    if len(text) > MAX_BYTES:
        return Document(
            problems=[Problem("", f"larger than {MAX_BYTES // (1024 * 1024)} MiB: not read")]
        )
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig" if kind != "json" else "utf-8")
        except UnicodeDecodeError as exc:
            return Document(
                problems=[
                    Problem(
                        "",
                        f"not UTF-8 text (byte {exc.start}: {text[exc.start : exc.start + 1]!r})",
                    )
                ]
            )
    elif not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: not text any file can hold
            found = f"{ord(text[exc.start]):04X}"
            message = f"not valid text: an unpaired surrogate U+{found} (character {exc.start})"
            return Document(problems=[Problem("", message)])
    if kind == "json":
        return _json(text)
    if kind == "toml":
        return _toml(text)
    return _yaml(text)


def _empty(text: str) -> bool:
    return not text.strip()


_EMPTY: Final = "the file is empty: a dataset needs at least 'format'"


# JSON ---------------------------------------------------------------------------------------


class _Keeping(dict[str, Any]):
    """An object with a key given twice: the first value is kept, and the order of the
    keys as given (``True`` for a repeat) remembered."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.given: list[tuple[str, bool]] = []
        for key, value in pairs:
            self.given.append((key, key in self))
            if key not in self:
                self[key] = value


def _duplicates(data: Any, at: Location, problems: list[Problem]) -> Any:
    """``data`` with plain objects, and a problem for each key given twice, in the order
    of the text."""
    if isinstance(data, _Keeping):
        out = {}
        for key, repeat in data.given:
            if repeat:
                problems.append(Problem((*at, key), f"the key {key!r} is given twice"))
            else:
                out[key] = _duplicates(data[key], (*at, key), problems)
        return out
    if isinstance(data, dict):
        return {key: _duplicates(value, (*at, key), problems) for key, value in data.items()}
    if isinstance(data, list):
        return [_duplicates(value, (*at, index), problems) for index, value in enumerate(data)]
    return data


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogates(data: Any, at: Location, problems: list[Problem]) -> None:
    """A problem for each text of ``data`` holding a half of a character (a JSON escape
    such as ``\\ud800`` without its other half): it is not text."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as exc:
            found = f"{ord(data[exc.start]):04X}"
            problems.append(Problem(at, f"not valid text: an unpaired surrogate U+{found}"))
    elif isinstance(data, dict):
        for key, value in data.items():
            _lone_surrogates(key, at, problems)
            _lone_surrogates(value, (*at, key), problems)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _lone_surrogates(value, (*at, index), problems)


def _json(text: str) -> Document:
    if _empty(text):
        return Document(problems=[Problem("", _EMPTY)])
    twice: list[_Keeping] = []

    def pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        kept = _Keeping(pairs)
        twice.append(kept)
        return kept

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        return Document(
            problems=[
                Problem("", f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)
            ]
        )
    except RecursionError:
        return Document(problems=[Problem("", "not valid: nested too deeply")])
    if _SURROGATE_ESCAPE.search(text):
        lone: list[Problem] = []
        try:
            _lone_surrogates(data, (), lone)
        except RecursionError:
            return Document(problems=[Problem("", "not valid: nested too deeply")])
        if lone:
            return Document(problems=lone)
    if twice:
        problems: list[Problem] = []
        try:
            data = _duplicates(data, (), problems)
        except RecursionError:
            return Document(problems=[Problem("", "not valid: nested too deeply")])
        return Document(data, problems=problems)
    return Document(data)


# TOML ---------------------------------------------------------------------------------------


def _toml(text: str) -> Document:
    if _empty(text):
        return Document(problems=[Problem("", _EMPTY)])
    try:
        return Document(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(found[1]) if found else None
        return Document(problems=[Problem("", f"not valid TOML: {exc}", line=line)])
    except RecursionError:
        return Document(problems=[Problem("", "not valid: nested too deeply")])


# YAML ---------------------------------------------------------------------------------------


def _yaml(text: str) -> Document:
    try:
        import yaml
    except ImportError:
        return Document(
            problems=[
                Problem(
                    "",
                    "reading YAML needs PyYAML: install it with pip install 'tradeaccord[yaml]'",
                )
            ]
        )
    if _empty(text) or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return Document(problems=[Problem("", _EMPTY)])
    try:
        # libyaml's parser, when PyYAML has it, composes the same nodes several times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    except yaml.YAMLError as exc:
        return Document(problems=[_reader_problem(text, exc)])
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(problems=[Problem("", _EMPTY)])
        builder = _YamlBuilder(loader)
        try:
            data = builder.build(node, (), 0)
        except _TooLarge:
            return Document(
                problems=[
                    Problem("", f"expands to more than {MAX_YAML_NODES} nodes through aliases")
                ]
            )
        return Document(data, builder.lines, builder.problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "not valid"
        if "maximum nesting depth" in what:  # libyaml's own bound
            return Document(problems=[Problem("", "not valid: nested too deeply", line=line)])
        return Document(problems=[Problem("", f"not valid YAML: {what}", line=line)])
    except yaml.YAMLError as exc:
        return Document(problems=[_reader_problem(text, exc)])
    except RecursionError:
        return Document(problems=[Problem("", "not valid: nested too deeply")])
    finally:
        loader.dispose()


_TEXT_KEYS: Final = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "null", "timestamp")
)


class _YamlBuilder:
    """Builds plain data from composed YAML nodes, recording the line of each path."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.nodes = 0

    def fail(self, path: Location, node: Any, message: str) -> None:
        self.problems.append(Problem(path, message, line=node.start_mark.line + 1))

    def build(self, node: Any, path: Location, depth: int) -> Any:
        import yaml

        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise _TooLarge
        if depth > MAX_NESTING:
            self.fail(path, node, f"nested deeper than {MAX_NESTING} levels")
            return None
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            try:
                return self.loader.construct_object(node)
            except yaml.YAMLError as exc:
                self.fail(path, node, f"cannot read this value: {getattr(exc, 'problem', exc)}")
                return None
            except (ValueError, OverflowError):
                # A plain scalar that looks like a timestamp but is not a real one
                # (2025-02-30): keep the text, for the reader to say what is wrong.
                return self.loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(path, node, f"unsupported tag {node.tag!r}")
                return None
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(path, node, f"unsupported tag {node.tag!r}")
                return None
            out: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(path, key_node, "a key must be plain text, not a list or object")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(path, key_node, "merge keys ('<<') are not supported")
                    continue
                try:
                    # Keys are text: an unquoted `on`, `no` or `2025` names a key, it
                    # is not a boolean or a number as YAML 1.1 would have it.
                    key = (
                        key_node.value
                        if not key_node.style and key_node.tag in _TEXT_KEYS
                        else self.loader.construct_object(key_node)
                    )
                except yaml.YAMLError as exc:
                    self.fail(
                        path, key_node, f"cannot read this key: {getattr(exc, 'problem', exc)}"
                    )
                    continue
                line = key_node.start_mark.line + 1
                where = (*path, key)
                if key in first_line:
                    self.fail(
                        where,
                        key_node,
                        f"the key {key!r} is given twice (first on line {first_line[key]})",
                    )
                    continue
                first_line[key] = line
                self.lines[where] = line
                out[key] = self.build(value_node, where, depth + 1)
                self.lines[where] = line
            return out
        self.fail(path, node, "unsupported YAML node")  # pragma: no cover - PyYAML has three
        return None


def _reader_problem(text: str, exc: Exception) -> Problem:
    """A problem for a YAML reader error (a character YAML does not allow)."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(position, int):
        line = text.count("\n", 0, position) + 1
        what = f"character {character!r} is not allowed" if character is not None else str(exc)
        return Problem("", f"not valid YAML: {what}", line=line)
    return Problem("", f"not valid YAML: {exc}")


class _TooLarge(Exception):
    pass
