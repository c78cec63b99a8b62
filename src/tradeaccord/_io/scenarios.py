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
from .datasets import Invalid, check_format
from .documents import FileFormat
from .files import from_text, load, read_file
from .places import position
from .problems import found_in
from .reading import Reading

__all__ = ["dataset_of", "dataset_path", "load_scenario", "read_scenario", "scenario_from_text"]


def read_scenario(reading: Reading, data: Any) -> ScenarioFile:
    """Read a scenario file from plain data.

    Raises:
        Invalid: with every problem, located in ``data`` and in the order of ``data``.
    """
    check_format(data, "a scenario file")
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
    return from_text(text, format, source, lambda data: read_scenario(reading, data))


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
