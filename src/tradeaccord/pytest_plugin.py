"""Scenario files as pytest tests.

Installing tradeaccord registers this plugin with pytest (the ``pytest11`` entry
point). pytest then collects every file whose name ends in ``.scenario.yaml``,
``.scenario.yml``, ``.scenario.toml`` or ``.scenario.json`` under the paths it is
given: each expectation of the file is one test item (``expect[0]``, ``expect[1]``...),
checked against the history of the file's scenario, built once per file. A failed
expectation shows what was expected, what is, and the explanation of what is; a file
that cannot be read, or whose scenario does not apply, fails with every problem in it.

Run ``pytest -p no:tradeaccord`` to turn the plugin off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._expectations import Outcome, ScenarioFile
from ._io.scenarios import dataset_of
from ._render import render_outcome
from .errors import TradeAccordError
from .serialization import load_scenario

__all__ = ["SUFFIXES", "ExpectationItem", "ScenarioFileCollector", "pytest_collect_file"]

#: The endings of the names of the files the plugin collects.
SUFFIXES = (".scenario.yaml", ".scenario.yml", ".scenario.toml", ".scenario.json")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a scenario file (a file whose name ends in one of ``SUFFIXES``)."""
    if file_path.name.endswith(SUFFIXES):
        return ScenarioFileCollector.from_parent(parent, path=file_path)
    return None


class ScenarioFileError(Exception):
    """A scenario file that cannot be read or checked: its message lists every problem."""


class ExpectationNotMet(AssertionError):
    """An expectation of a scenario file that does not hold."""

    def __init__(self, outcome: Outcome, text: str) -> None:
        super().__init__(text)
        self.outcome = outcome


class ScenarioFileCollector(pytest.File):
    """A scenario file: one item per expectation, or one failing item when the file
    cannot be read."""

    _outcomes: tuple[Outcome, ...] | TradeAccordError | None = None
    scenario_file: ScenarioFile

    def collect(self) -> Iterator[pytest.Item]:
        try:
            self.scenario_file = load_scenario(self.path)
        except TradeAccordError as exc:
            yield InvalidScenarioFile.from_parent(self, name="read", error=exc)
            return
        if not self.scenario_file.expect:
            error = ScenarioFileError(f"{self.path}: the file states no expectation ('expect')")
            yield InvalidScenarioFile.from_parent(self, name="expect", error=error)
            return
        for index, expectation in enumerate(self.scenario_file.expect):
            yield ExpectationItem.from_parent(
                self, name=f"expect[{index}]", index=index, description=expectation.describe()
            )

    def outcomes(self) -> tuple[Outcome, ...]:
        """The outcome of every expectation: the history is built once, for the first item."""
        if self._outcomes is None:
            try:
                dataset = dataset_of(self.scenario_file, self.path)
                self._outcomes = self.scenario_file.check(dataset)
            except TradeAccordError as exc:
                self._outcomes = exc
        if isinstance(self._outcomes, TradeAccordError):
            raise ScenarioFileError(f"{self.path}: {self._outcomes}")
        return self._outcomes


class _ScenarioItem(pytest.Item):
    """An item of a scenario file: its own failures read as ``tradeaccord check`` prints them."""

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExpectationNotMet | ScenarioFileError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))


class ExpectationItem(_ScenarioItem):
    """One expectation of a scenario file."""

    def __init__(self, *, index: int, description: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.description = description

    def runtest(self) -> None:
        parent = self.parent
        assert isinstance(parent, ScenarioFileCollector)
        outcome = parent.outcomes()[self.index]
        if not outcome.met:
            raise ExpectationNotMet(outcome, render_outcome(outcome).rstrip())

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.name}: {self.description}"


class InvalidScenarioFile(_ScenarioItem):
    """A scenario file that cannot be read: fails with every problem in it."""

    def __init__(self, *, error: Exception, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise ScenarioFileError(str(self.error))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.path.name}: {self.name}"
