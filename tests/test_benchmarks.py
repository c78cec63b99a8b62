"""The benchmarks keep working: each loader reads the same small input (no timing here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_json_loading_benchmark_runs_and_every_loader_reads_the_input(capsys) -> None:  # type: ignore[no-untyped-def]
    bench = _load("load_json")
    assert bench.main(["--commitments", "40", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for loader in ("tradeaccord", "pydantic v2", "msgspec"):
        assert loader in out
    assert "Every loader read: 40 commitments, 21 conditions" in out


def test_the_parts_of_the_load_are_timed(capsys) -> None:  # type: ignore[no-untyped-def]
    """With --parts, each part of tradeaccord's load is timed, the whole first."""
    bench = _load("load_json")
    assert bench.main(["--commitments", "40", "--repeat", "1", "--parts"]) == 0
    out = capsys.readouterr().out
    rows = out.split("part of the load")[1].splitlines()[1:]
    assert [row[:42].strip() for row in rows] == [
        "the whole load",
        "parsing JSON, refusing keys given twice",
        "(json.loads alone)",
        "reading the values",
        "(of which building the attrs values)",
        "the dataset's checks",
    ]
    assert rows[0].endswith("100%")


def _set_by(data: dict[str, Any]) -> None:
    data["agreements"][0]["commitments"][3]["by"] = "XXX"


def _set_by_all(data: dict[str, Any]) -> None:
    when = data["agreements"][0]["entry_into_force"]["when"]
    assert when["by_all"] == ["USA", "CHN"]
    when["by_all"][1] = "XXX"


@pytest.mark.parametrize("change", [_set_by, _set_by_all], ids=["by", "by_all"])
def test_the_peer_models_refuse_what_tradeaccord_refuses(
    change: Callable[[dict[str, Any]], None],
) -> None:
    """The peers do the same checks: an unknown party reference fails in all three."""
    from tradeaccord.errors import InputError
    from tradeaccord.serialization import dataset_from_json, dataset_to_json

    bench = _load("load_json")
    data = json.loads(dataset_to_json(bench.build_dataset(8)))
    change(data)
    text = json.dumps(data)
    with pytest.raises(InputError, match="XXX"):
        dataset_from_json(text)
    with pytest.raises(ValueError, match=r"unknown references.*unknown party 'XXX'"):
        bench.load_pydantic(text)
    with pytest.raises(ValueError, match=r"unknown references.*unknown party 'XXX'"):
        bench.load_msgspec(text)


def test_history_benchmark_runs_on_a_small_input(capsys) -> None:  # type: ignore[no-untyped-def]
    """Both workloads run and print every figure and ratio (no timing is checked)."""
    bench = _load("history")
    argv = ["--parties", "30", "--agreements", "3", "--members", "12", "--repeat", "1"]
    assert bench.main(argv) == 0
    out = capsys.readouterr().out
    for figure in (
        "one day",
        "agreement history",
        "whole history",
        "each change day",
        "each change day / whole history",
        "intervals alone",
        "sort the events",
        "every status on one day",
        "twice the events / one day",
        "peak memory of one day",
    ):
        assert figure in out


def test_history_benchmark_datasets_behave_as_described() -> None:
    """The large treaty enters into force 30 days after its 70th-percent deposit."""
    import datetime as dt

    import tradeaccord as ta

    bench = _load("history")
    data = bench.large_treaty(20)
    history = ta.History(data)
    entry = history.agreement_timelines("big").entered.first(ta.Truth.TRUE)
    assert entry == bench.START + dt.timedelta(days=14 + 30)
    every = history.statuses()
    copies = bench.copy_intervals(every)
    originals = [i for h in every for i in h.intervals]
    assert copies == originals and all(c is not o for c, o in zip(copies, originals, strict=True))
    assert any(i.missing for i in originals) and any(i.explanation.children for i in originals)
    database = bench.database(2, 10)
    assert len(database.events) == 20 and len(database.agreements) == 2


def test_import_time_benchmark_runs_every_process(capsys) -> None:  # type: ignore[no-untyped-def]
    """The import benchmark times each process once and prints a ratio for each."""
    bench = _load("import_time")
    assert bench.main(["--rounds", "1"]) == 0
    out = capsys.readouterr().out
    rows = {line[:26].strip(): line.split()[-1] for line in out.splitlines()[2:]}
    assert list(rows) == list(bench.CASES)
    assert rows[bench.BASELINE] == "1.00"
    assert all(float(ratio) > 0 for ratio in rows.values())
