"""Canonical JSON of datasets and reports."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

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


# Thresholds, per-party rules, provisional application ----------------------------------

D = dt.date
TREATY = "customs-convention"
STATES = ("ARC", "BOR", "COR", "DEL")


def multilateral() -> ta.Dataset:
    """A treaty with every new part: thresholds, groups, per-party entry, provisional use."""
    count = ta.InstrumentCount(2, target=TREATY, among="exporters")
    share = ta.InstrumentShare("2/3", target=TREATY, among="exporters")
    weighted = ta.WeightedShare(
        "55%", weights={"DEL": "36.1", "ARC": "17.4", "BOR": 0}, target=TREATY, total="100"
    )
    treaty = ta.Agreement(
        id=TREATY,
        title="Convention douanière régionale — 区域海关公约",
        kind=ta.AgreementKind.TREATY,
        parties=STATES,
        concluded=D(2025, 10, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.Delay(count & share & weighted, ta.NthDayAfter(30)),
            per_party=ta.PartyEntry(
                effective=ta.NthDayAfter(30), withdrawal=ta.AfterPeriod(ta.Period(years=1))
            ),
        ),
        provisional_application=ta.ProvisionalApplication(
            id=f"{TREATY}/provisional",
            start=ta.DateReached(D(2025, 11, 1)),
            term=ta.Term(period=ta.Period(days=90)),
        ),
        commitments=(
            ta.Commitment(
                id=f"{TREATY}/arc-duty",
                by="ARC",
                action=ta.Action.REDUCE,
                measure="arc-duty",
                summary="Arcadia halves its duty.",
            ),
        ),
    )

    def event(
        id: str, day: dt.date, kind: ta.EventKind, party: str | None, target: str
    ) -> ta.Event:
        return ta.Event(id=id, date=day, kind=kind, party=party, target=target, summary=id)

    return ta.Dataset(
        parties=tuple(ta.Party(id=p, name=p) for p in STATES),
        groups=(
            ta.Group(
                id="exporters",
                name="Exporters",
                members=(
                    ta.Member(party="ARC"),
                    ta.Member(party="BOR", joined=D(2025, 1, 1), left=D(2026, 1, 1)),
                    ta.Member(party="COR", joined=D(2025, 6, 1)),
                ),
            ),
        ),
        measures=(ta.Measure(id="arc-duty", name="Arcadian duty", imposed_by="ARC"),),
        agreements=(treaty,),
        events=(
            event("d-arc", D(2025, 11, 3), ta.EventKind.DEPOSIT, "ARC", TREATY),
            event("d-cor", D(2025, 12, 1), ta.EventKind.DEPOSIT, "COR", TREATY),
            event("w-cor", D(2026, 1, 5), ta.EventKind.WITHDRAWAL, "COR", TREATY),
            event("x-pa", D(2026, 1, 10), ta.EventKind.TERMINATION, None, f"{TREATY}/provisional"),
            event("ruling", D(2026, 2, 20), ta.EventKind.INVALIDATION, None, "arc-duty"),
        ),
    )


def test_new_parts_round_trip() -> None:
    """Thresholds, groups, per-party entry, provisional application and invalidations survive."""
    ds = multilateral()
    text = dataset_to_json(ds)
    assert dataset_from_json(text) == ds
    data = json.loads(text)
    [treaty] = data["agreements"]
    clause = treaty["entry_into_force"]
    count, share, weighted = clause["when"]["item"]["items"]
    assert count == {
        "type": "instrument_count",
        "n": 2,
        "target": TREATY,
        "kind": "deposit",
        "among": "exporters",
    }
    assert share == {
        "type": "instrument_share",
        "share": "2/3",
        "target": TREATY,
        "among": "exporters",
        "kind": "deposit",
    }
    assert weighted == {
        "type": "weighted_share",
        "share": "0.55",
        "weights": {"DEL": "36.1", "ARC": "17.4", "BOR": "0"},
        "target": TREATY,
        "kind": "deposit",
        "total": "100",
    }
    assert list(weighted["weights"]) == ["DEL", "ARC", "BOR"]  # the order is kept
    assert clause["per_party"] == {
        "instrument": "deposit",
        "effective": {"type": "nth_day_after", "n": 30},
        "withdrawal": {"type": "after_period", "period": "P1Y", "rounding": "strict"},
    }
    assert treaty["provisional_application"]["id"] == f"{TREATY}/provisional"
    assert data["groups"][0]["members"][1] == {
        "party": "BOR",
        "joined": "2025-01-01",
        "left": "2026-01-01",
    }
    assert data["events"][-1]["kind"] == "invalidation"
    assert "区域海关公约" in text  # not escaped


def test_numbers_are_read_exactly_from_numbers_and_strings() -> None:
    """JSON numbers and strings ("55%", "0.55", 0.55, "11/20") all give the exact share."""
    converter = make_converter()
    for share in ("55%", "0.55", 0.55, "11/20"):
        node = converter.structure(
            {
                "type": "weighted_share",
                "share": share,
                "weights": {"A": 36.1, "B": 1},
                "target": "t",
            },
            ta.Condition,
        )
        assert isinstance(node, ta.WeightedShare)
        assert node.share == Fraction(11, 20)
        assert node.weights == (("A", Fraction(361, 10)), ("B", Fraction(1)))
    count = converter.structure({"type": "instrument_count", "n": 3, "target": "t"}, ta.Condition)
    assert count == ta.InstrumentCount(3, target="t")  # kind defaults to deposit


def test_references_of_thresholds_are_checked_with_paths() -> None:
    """Unknown groups and parties, and party-less instruments, are reported at their paths."""

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["agreements"][1]["entry_into_force"]["when"] = {
            "type": "all_of",
            "items": [
                {"type": "instrument_count", "n": 1, "target": "london-2025", "among": "G9"},
                {
                    "type": "weighted_share",
                    "share": "1/2",
                    "weights": {"USA": 1, "RUS": 2},
                    "target": "london-2025",
                },
            ],
        }
        d["events"].append(
            {
                "id": "anonymous-deposit",
                "date": "2025-06-20",
                "kind": "deposit",
                "summary": "a deposit by nobody in particular",
                "target": "london-2025",
            }
        )

    error = invalid(mutate)
    where = "agreements[1].entry_into_force.when.items"
    assert [p.path for p in error.problems] == [
        f"{where}[0].among",
        f"{where}[1].weights['RUS']",
        f"events[{len(ta.example_dataset().events)}].party",
    ]
    assert "unknown group 'G9'" in error.problems[0].message
    assert "needs a party" in error.problems[2].message


@pytest.mark.parametrize(
    ("node", "path", "message"),
    [
        ({"type": "instrument_count", "n": 0, "target": "t"}, ".n", "must be 1 or more"),
        (
            {"type": "instrument_share", "share": "3/2", "target": "t", "among": "g"},
            ".share",
            "greater than 0 and at most 1",
        ),
        (
            {"type": "instrument_share", "share": [1], "target": "t", "among": "g"},
            ".share",
            "expected a number or a string",
        ),
        (
            {"type": "weighted_share", "share": "1/2", "weights": {"USA": "lots"}, "target": "t"},
            ".weights['USA']",
            "must be a number",
        ),
        (
            {"type": "weighted_share", "share": "1/2", "weights": {"USA": True}, "target": "t"},
            ".weights['USA']",
            "got bool",
        ),
        (
            {"type": "weighted_share", "share": "1/2", "weights": {"USA": "-1"}, "target": "t"},
            ".weights['USA']",
            "must not be negative",
        ),
        (
            {"type": "weighted_share", "share": "1/2", "weights": [["USA", 1]], "target": "t"},
            ".weights",
            "expected an object mapping party ids to weights",
        ),
        (
            {
                "type": "weighted_share",
                "share": "1/2",
                "weights": {"USA": 2},
                "target": "t",
                "total": "1",
            },
            ".total",
            "must be at least the sum of the weights",
        ),
        (
            {"type": "instrument_count", "n": 1, "target": "t", "kind": "withdrawal"},
            ".kind",
            "cannot be withdrawal",
        ),
        (
            {"type": "instrument_count", "n": 1, "target": "t", "kind": "deposti"},
            ".kind",
            "unknown EventKind 'deposti'",
        ),
        (
            {"type": "instrument_count", "n": 1, "target": "t", "quorum": 3},
            ".quorum",
            "unknown key 'quorum'",
        ),
        ({"type": "instrument_share", "share": "1/2", "target": "t"}, "", "needs key 'among'"),
    ],
)
def test_bad_thresholds_in_a_file(node: dict, path: str, message: str) -> None:  # type: ignore[type-arg]
    """Each bad threshold is one problem, at the path of the offending value."""

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["agreements"][1]["entry_into_force"]["when"]["items"][0] = node

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        f"agreements[1].entry_into_force.when.items[0]{path}"
    ]
    assert message in error.problems[0].message


def test_unknown_keys_in_new_parts_are_rejected() -> None:
    """per_party and provisional_application reject unknown keys like every other object."""

    def mutate(d: dict) -> None:  # type: ignore[type-arg]
        d["agreements"][1]["entry_into_force"]["per_party"] = {"instrument": "deposit", "x": 1}
        d["agreements"][1]["provisional_application"] = {
            "id": "london-2025/provisional",
            "start": {"type": "date_reached", "on": "2025-06-10"},
            "sunset": "2026-01-01",
        }

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        "agreements[1].entry_into_force.per_party",
        "agreements[1].provisional_application",
    ]
    assert all("extra fields found" in p.message for p in error.problems)


def test_report_has_progress_parties_and_schedule() -> None:
    """The report dict carries the schedule, threshold progress (exact strings) and parties."""
    ds = multilateral()
    data = report_to_dict(ta.evaluate(ds, D(2025, 12, 15)))
    [treaty] = data["agreements"]
    assert treaty["status"] == "provisionally_applied"
    assert treaty["scheduled_entry_into_force"] is None
    count, share, weighted = treaty["progress"]
    assert count["path"] == "entry_into_force.when.item.items[0]"
    assert (count["have"], count["required"], count["members"]) == ("2", "2", 3)
    assert count["counted"] == ["ARC", "COR"]
    assert (share["have"], share["required"], share["met"]) == ("2", "2", True)
    assert weighted["unit"] == "weight"
    assert (weighted["have"], weighted["required"], weighted["still_needed"]) == (
        "17.4",
        "55",
        "37.6",
    )
    assert weighted["met"] is False
    assert weighted["description"].startswith("deposits for customs-convention by parties holding")
    parties = {p["party"]: p for p in treaty["parties"]}
    assert list(parties) == list(STATES)
    assert parties["ARC"] == {
        "party": "ARC",
        "status": "not_bound",
        "bound": False,
        "since": None,
        "entry_into_force": None,
        "instrument_on": "2025-11-03",
        "withdrawal_effective": None,
    }
    json.dumps(data)
