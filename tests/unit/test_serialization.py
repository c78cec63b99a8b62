"""Canonical JSON of datasets and reports."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import tradeaccord as ta
from tradeaccord.errors import InputError
from tradeaccord.serialization import (
    MAX_DEPTH,
    dataset_from_json,
    dataset_to_json,
    make_converter,
    report_to_dict,
)


def test_example_round_trips() -> None:
    """The embedded dataset survives JSON and back unchanged."""
    ds = ta.example_dataset()
    assert dataset_from_json(dataset_to_json(ds)) == ds


def test_conditions_are_tagged() -> None:
    """Conditions and rules serialize as objects tagged by 'type'."""
    cond = ta.Delay(ta.AtLeast(1, ta.approved_by("USA", "a"), ~ta.InForce("b")), ta.NthDayAfter(30))
    data = make_converter().unstructure(
        ta.EntryIntoForce(
            when=cond, effective=ta.Earliest((ta.Upon(), ta.FixedDate(dt.date(2026, 1, 1))))
        )
    )
    assert data["when"]["type"] == "delay"
    assert data["when"]["rule"] == {"type": "nth_day_after", "n": 30}
    assert data["when"]["item"]["items"][1] == {
        "type": "not",
        "item": {"type": "in_force", "agreement": "b"},
    }
    assert data["effective"]["type"] == "earliest"
    assert make_converter().structure(data, ta.EntryIntoForce).when == cond


def invalid(mutate: object) -> InputError:
    data = json.loads(dataset_to_json(ta.example_dataset()))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        dataset_from_json(json.dumps(data), source="x.json")
    return caught.value


def test_every_problem_is_reported_with_its_path() -> None:
    """Several problems in one file are all listed, each with its path."""

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["events"][0]["date"] = "2025-02-30"
        d["events"][1]["bogus"] = 1
        d["events"][2]["kind"] = "approvl"
        d["agreements"][1]["entry_into_force"]["when"]["items"][0]["type"] = "approvd"

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        "agreements[1].entry_into_force.when.items[0].type",
        "events[0].date",
        "events[1]",
        "events[2].kind",
    ]
    assert "unknown condition type 'approvd'" in error.problems[0].message
    assert "extra fields found (bogus)" in error.problems[2].message


def test_reference_problems_come_from_the_dataset_check() -> None:
    """Unknown ids in a file are reported with dataset paths."""

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["events"][3]["target"] = "nope"

    error = invalid(mutate)
    assert [p.path for p in error.problems] == ["events[3].target"]


def test_deep_nesting_is_refused() -> None:
    """Condition trees deeper than MAX_DEPTH are refused with a clear message."""
    node: dict = {"type": "in_force", "agreement": "geneva-2025"}  # type: ignore[type-arg]
    for _ in range(MAX_DEPTH + 5):
        node = {"type": "not", "item": node}

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["agreements"][1]["entry_into_force"]["when"] = node

    error = invalid(mutate)
    assert "nested deeper than" in str(error)


def test_report_json_shape() -> None:
    """The report dict has the documented keys and JSON types."""
    data = report_to_dict(ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 12)), explain=True)
    assert set(data) == {"format", "as_of", "agreements"}
    london = next(a for a in data["agreements"] if a["id"] == "london-2025")
    assert {
        "id",
        "status",
        "in_force",
        "in_force_since",
        "missing",
        "commitments",
        "explanation",
    } <= set(london)
    assert london["missing_alternatives"] == [
        ["approval of london-2025 by USA", "approval of london-2025 by CHN"]
    ]
    json.dumps(data)
