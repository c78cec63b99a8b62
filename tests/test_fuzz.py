"""Fuzzing the readers, bounded: the harness of ``fuzz/readers.py`` runs, and
Hypothesis drives its mutations and random inputs through every reader.

For every input: reading returns a ``Dataset`` or raises a ``TradeAccordError``, and
nothing else; ``tradeaccord validate`` agrees and prints no traceback; what reads is
evaluated and rendered without an error. The long runs are ``python fuzz/readers.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradeaccord as ta
from tradeaccord.errors import TradeAccordError
from tradeaccord.serialization import dataset_from_data, dataset_from_text

FUZZ = Path(__file__).resolve().parent.parent / "fuzz" / "readers.py"


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fuzz_readers", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


harness = _harness()
SEEDS = harness.seeds()


def test_the_harness_runs_and_reports_its_figures(tmp_path: Path) -> None:
    """A small run of the standalone script reads every format and finds no failure."""
    lines: list[str] = []
    code = harness.main(
        ["--inputs", "30", "--workers", "1", "--failures", str(tmp_path)], out=lines.append
    )
    [table] = lines
    assert code == 0, table
    rows = table.splitlines()
    assert rows[1].split()[:4] == ["format", "inputs", "read", "refused"]
    assert [row.split()[:2] for row in rows[2:5]] == [
        ["json", "10"],
        ["yaml", "10"],
        ["toml", "10"],
    ]
    assert not list(tmp_path.iterdir())


def test_the_harness_counts_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that lets another exception out is a failure, saved for replay (so that
    a run without failures means something)."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(harness, "dataset_from_text", broken)
    lines: list[str] = []
    code = harness.main(
        ["--inputs", "3", "--workers", "1", "--failures", str(tmp_path)], out=lines.append
    )
    assert code == 1
    assert "FAILURE json #0: KeyError: 'boom'" in lines[0]
    assert len(list(tmp_path.iterdir())) == 3


@settings(deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(harness.FORMATS))
def test_mutants_of_the_seeds_are_read_or_refused(rng: random.Random, format: str) -> None:
    """A mutant is read or refused with an InputError; validate agrees without a
    traceback; what reads is evaluated and rendered."""
    text = harness.make_input(rng, format, SEEDS[format])
    harness._start()
    outcome = harness.check(text, format, str(_path(format)), dt.date(2025, 11, 15))
    assert outcome.failure is None, outcome.failure


def _path(format: str) -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / f"tradeaccord-fuzz-test.{format}"


@given(st.one_of(st.text(), st.binary()), st.sampled_from(harness.FORMATS))
def test_random_text_is_refused_with_an_input_error(text: str | bytes, format: str) -> None:
    """Random text or bytes, in any format, raise nothing but a TradeAccordError."""
    with contextlib.suppress(TradeAccordError):
        dataset_from_text(text, format=format)  # type: ignore[arg-type]


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
    | st.dates() | st.sampled_from(["approval", "USA", "upon", "P1Y", "2025-01-01"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(
            ["format", "parties", "agreements", "events", "id", "name", "kind", "when",
             "all_of", "occurred", "by_all", "target", "title", "parties"]
        ) | st.text(max_size=3),
        inner,
        max_size=4,
    ),
    max_leaves=20,
)  # fmt: skip


@given(JSON_LIKE)
def test_random_data_is_read_or_refused(data: Any) -> None:
    """Random plain data (with ``format: 1`` or not) raises nothing but a
    TradeAccordError, and a dataset read from it evaluates."""
    for candidate in (data, {"format": 1, **data} if isinstance(data, dict) else data):
        try:
            dataset = dataset_from_data(candidate)
        except TradeAccordError:
            continue
        ta.evaluate(dataset, dt.date(2025, 1, 1))


def test_the_scenario_file_harness_runs_and_finds_no_failure() -> None:
    """A small run of ``fuzz/scenarios.py``: every mutant of the example scenario files
    reads or is refused with a ``TradeAccordError``, and ``tradeaccord check`` agrees."""
    spec = importlib.util.spec_from_file_location("fuzz_scenarios", FUZZ.parent / "scenarios.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    lines: list[str] = []
    assert module.main(["--inputs", "60", "--seed", "3"], out=lines.append) == 0, lines[0]
    rows = lines[0].splitlines()
    assert [row.split()[:2] for row in rows[2:5]] == [
        ["json", "20"],
        ["yaml", "20"],
        ["toml", "20"],
    ]
    assert sum(int(row.split()[2]) for row in rows[2:5]) > 0  # some mutants still read
