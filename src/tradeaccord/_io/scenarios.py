"""Reading scenario files: a what-if scenario and the expectations to check under it.

A scenario file has the layout of a [`ScenarioFile`][tradeaccord.ScenarioFile] under the
same ``format`` as dataset files; its values are read by the same generated hooks, and
every problem is placed in the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .._dataset import example_dataset
from .._expectations import ScenarioFile
from .._model import Dataset
from ..errors import InputError
from .datasets import Invalid, placed
from .documents import FileFormat, parse
from .files import QUOTE_HINT, load, merged, read_file
from .layout import FORMAT, READABLE_FORMATS
from .places import position
from .problems import Found, found_in
from .reading import Reading
from .scalars import describe, shown

__all__ = ["dataset_of", "dataset_path", "load_scenario", "read_scenario", "scenario_from_text"]


def read_scenario(reading: Reading, data: Any) -> ScenarioFile:
    """Read a scenario file from plain data.

    Raises:
        Invalid: with every problem, located in ``data`` and in the order of ``data``.
    """
    if type(data) is not dict:
        raise Invalid([Found((), f"expected a scenario file (an object), got {describe(data)}")])
    if "format" not in data:
        message = f"a scenario file needs 'format': {FORMAT} (the layout it is written in)"
        raise Invalid([Found(("format",), message)])
    version = data["format"]
    if type(version) is not int or version not in READABLE_FORMATS:
        readable = ", ".join(map(str, READABLE_FORMATS))
        message = f"unknown format {shown(version)} (this release reads: {readable})"
        raise Invalid([Found(("format",), message)])
    rest = {key: value for key, value in data.items() if key != "format"}
    try:
        return reading.hooks[ScenarioFile](rest, ScenarioFile)  # type: ignore[no-any-return]
    except Exception as exc:
        found = found_in(exc, rest, reading)
    raise Invalid(sorted(found, key=lambda f: position(data, f.location)))


def scenario_from_text(
    text: str | bytes, *, format: FileFormat, source: str, reading: Reading
) -> ScenarioFile:
    """Read a scenario file from its text.

    Raises:
        InputError: the text cannot be parsed, or is not a valid scenario file.
    """
    document = parse(text, format)
    if document.data is None and document.problems:
        raise InputError(source, document.problems)
    try:
        scenario = read_scenario(reading, document.data)
    except Invalid as exc:
        hint = QUOTE_HINT if format == "yaml" else ""
        found = placed(exc.found, document.lines, hint)
        raise InputError(source, merged(document.problems, found)) from None
    if document.problems:
        raise InputError(source, document.problems)
    return scenario


def load_scenario(
    path: str | os.PathLike[str], format: FileFormat | None, reading: Reading
) -> ScenarioFile:
    """Read a scenario file.

    Raises:
        FileError: the file cannot be read.
        InputError: it is not a valid scenario file; every problem is listed.
    """
    data, kind = read_file(path, format)
    return scenario_from_text(data, format=kind, source=os.fspath(path), reading=reading)


def dataset_of(scenario: ScenarioFile, path: str | os.PathLike[str] | None) -> Dataset:
    """The dataset a scenario file is about: its ``dataset`` file, read relative to the
    folder of the scenario file at ``path``, or the embedded example dataset.

    Raises:
        FileError: the dataset file cannot be read.
        InputError: it is not a valid dataset.
    """
    if scenario.dataset is None:
        return example_dataset()
    return load(dataset_path(scenario, path))


def dataset_path(scenario: ScenarioFile, path: str | os.PathLike[str] | None) -> Path:
    """Where the dataset file a scenario file names is: relative to the scenario file."""
    assert scenario.dataset is not None
    folder = Path(path).parent if path is not None else Path()
    return folder / scenario.dataset
