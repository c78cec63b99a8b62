"""Dataset files and texts: the one loader of the library and the command line, and the
writers of the three formats.

A file that cannot be read at all (missing, not a file, too large, of a format its name
does not tell) raises [`FileError`][tradeaccord.errors.FileError]; a file that can be read
but is not a valid dataset raises [`InputError`][tradeaccord.errors.InputError] with
every problem in it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .._model import Dataset
from ..errors import FileError, InputError, Problem
from .converter import shared
from .datasets import Invalid, placed, read_dataset
from .documents import MAX_BYTES, FileFormat, format_of, parse

__all__ = [
    "dataset_from_text",
    "dataset_to_json",
    "dataset_to_toml",
    "dataset_to_yaml",
    "from_text",
    "load",
    "read_file",
]

QUOTE_HINT = "(quote text in YAML)"

T = TypeVar("T")


def read_file(
    path: str | os.PathLike[str], format: FileFormat | None = None
) -> tuple[bytes, FileFormat]:
    """The bytes of a dataset file, and its format (given, or told by its suffix).

    Raises:
        FileError: the file cannot be read.
    """
    name = os.fspath(path)
    kind = format or format_of(name)
    if kind is None:
        raise FileError(
            name,
            f"cannot tell the format of {name}: name it .json, .toml, .yaml or .yml, "
            "or give its format",
        )
    if kind == "yaml":
        try:
            import yaml  # noqa: F401
        except ImportError:
            raise FileError(
                name, f"reading {name} needs PyYAML: pip install 'tradeaccord[yaml]'"
            ) from None
    file = Path(name)
    try:
        if not file.is_file():
            raise FileError(
                name, f"no such file: {name}" if not file.exists() else f"not a file: {name}"
            )
        if file.stat().st_size > MAX_BYTES:
            raise FileError(name, f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MiB")
        return file.read_bytes(), kind
    except OSError as exc:
        raise FileError(name, f"cannot read {name}: {exc.strerror}") from None


def load(path: str | os.PathLike[str], format: FileFormat | None = None) -> Dataset:
    """Read a dataset file.

    Raises:
        FileError: the file cannot be read.
        InputError: it is not a valid dataset; every problem is listed.
    """
    data, kind = read_file(path, format)
    return dataset_from_text(data, format=kind, source=os.fspath(path))


def dataset_from_text(text: str | bytes, *, format: FileFormat, source: str) -> Dataset:
    """Read a dataset from the text of a file.

    Raises:
        InputError: the text cannot be parsed, or the data is not a valid dataset.
    """
    return from_text(text, format, source, lambda data: read_dataset(shared().reading, data))


def from_text(text: str | bytes, format: FileFormat, source: str, read: Callable[[Any], T]) -> T:
    """Parse the text of a file and ``read`` its data, every problem of either placed on
    its line.

    Raises:
        InputError: the text cannot be parsed, or ``read`` finds the data invalid.
    """
    document = parse(text, format)
    if document.data is None and document.problems:
        raise InputError(source, document.problems)
    try:
        value = read(document.data)
    except Invalid as exc:
        hint = QUOTE_HINT if format == "yaml" else ""
        found = placed(exc.found, document.lines, hint)
        raise InputError(source, merged(document.problems, found)) from None
    if document.problems:
        raise InputError(source, document.problems)
    return value


def merged(first: list[Problem], second: list[Problem]) -> list[Problem]:
    """Problems from parsing and from reading, in the order of the lines they are on."""
    if not first:
        return second
    # A value the parser could not read is reported once, by the parser.
    unread = {p.location for p in first}
    second = [p for p in second if p.location not in unread]
    return sorted([*first, *second], key=lambda p: p.line if p.line is not None else 0)


def dataset_to_json(dataset: Dataset, *, indent: int | None = 2) -> str:
    """The canonical JSON text of a dataset."""
    data = shared().text.dataset(dataset)
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def dataset_to_yaml(dataset: Dataset) -> str:
    """The dataset as YAML text (needs PyYAML)."""
    import yaml

    class Dumper(yaml.SafeDumper):  # type: ignore[misc]
        """Writes text holding a line break YAML would fold (U+0085) double-quoted,
        where it is escaped, so that it reads back unchanged."""

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(  # type: ignore[no-any-return]
        shared().native.dataset(dataset),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )


def dataset_to_toml(dataset: Dataset) -> str:
    """The dataset as TOML text (needs tomli-w)."""
    import tomli_w

    return tomli_w.dumps(shared().native.dataset(dataset))
