"""Canonical file forms of datasets (conditions named by their first key) and reports."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

import tradeaccord as ta
from tradeaccord.errors import InputError
from tradeaccord.serialization import (
    MAX_DEPTH,
    dataset_from_json,
    dataset_from_toml,
    dataset_from_yaml,
    dataset_to_data,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    make_converter,
    report_to_dict,
)


def test_example_round_trips() -> None:
    """The embedded dataset survives JSON and back unchanged."""
    ds = ta.example_dataset()
    assert dataset_from_json(dataset_to_json(ds)) == ds


def test_conditions_are_named_by_their_first_key() -> None:
    """Conditions and rules are objects whose first key names the node; they read back."""
    cond = ta.Delay(ta.AtLeast(1, ta.approved_by("USA", "a"), ~ta.InForce("b")), ta.NthDayAfter(30))
    clause = ta.EntryIntoForce(
        when=cond, effective=ta.Earliest((ta.Upon(), ta.FixedDate(dt.date(2026, 1, 1))))
    )
    data = make_converter().unstructure(clause)
    assert data == {
        "when": {
            "delay": {
                "at_least": 1,
                "of": [
                    {"occurred": "approval", "party": "USA", "target": "a"},
                    {"not": {"in_force": "b"}},
                ],
            },
            "rule": {"nth_day_after": 30},
        },
        "effective": {"earliest": ["upon", {"fixed_date": "2026-01-01"}]},
    }
    assert next(iter(data["when"])) == "delay"
    assert next(iter(data["when"]["delay"])) == "at_least"
    assert "type" not in json.dumps(data)
    assert make_converter().structure(data, ta.EntryIntoForce) == clause


Data = dict[str, Any]

#: Where the entry-into-force condition of the London framework is, in the file.
LONDON_WHEN = "agreements[1].entry_into_force.when"


def invalid(mutate: Callable[[Data], object]) -> InputError:
    """The error of reading the example dataset once ``mutate`` has changed its JSON data."""
    data = json.loads(dataset_to_json(ta.example_dataset()))
    mutate(data)
    with pytest.raises(InputError) as caught:
        dataset_from_json(json.dumps(data), source="x.json")
    assert caught.value.source == "x.json"
    return caught.value


def test_every_problem_is_reported_with_its_path() -> None:
    """Several problems in one file are all listed, each with its file path, in file order."""

    def mutate(d: Data) -> None:
        d["events"][0]["date"] = "2025-02-30"
        d["events"][1]["bogus"] = 1
        d["events"][2]["kind"] = "approvl"
        d["agreements"][1]["entry_into_force"]["when"]["by_all"][1] = 7

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        f"{LONDON_WHEN}.by_all[1]",
        "events[0].date",
        "events[1].bogus",
        "events[2].kind",
    ]
    assert "must be a string id" in error.problems[0].message
    assert "2025-02-30" in error.problems[1].message
    assert "unknown key 'bogus' in an event" in error.problems[2].message
    assert "unknown event kind 'approvl'" in error.problems[3].message
    assert all(p.line is None for p in error.problems)  # JSON has no lines to point at


def test_problems_inside_conditions_are_placed_at_their_node() -> None:
    """A bad kind, an unknown key and an unknown node are each reported at their node in the file."""

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["when"] = {
            "all_of": [
                {"occurred": "approvd", "party": "USA", "target": "london-2025"},
                {"in_force": "geneva-2025", "since": "2025-05-14"},
                {"approved_by": "USA"},
            ]
        }

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        f"{LONDON_WHEN}.all_of[0].occurred",
        f"{LONDON_WHEN}.all_of[1].since",
        f"{LONDON_WHEN}.all_of[2]",
    ]
    assert "unknown event kind 'approvd'" in error.problems[0].message
    assert "unknown key 'since' in an 'in_force' condition" in error.problems[1].message
    assert "expected a condition" in error.problems[2].message
    assert "'approved_by'" in error.problems[2].message


def test_reference_problems_come_from_the_dataset_check() -> None:
    """Unknown ids in a file are reported with dataset paths."""

    def mutate(d: Data) -> None:
        d["events"][3]["target"] = "nope"

    error = invalid(mutate)
    assert [p.path for p in error.problems] == ["events[3].target"]
    assert "unknown target 'nope'" in error.problems[0].message


def nested(depth: int, leaf: Any, key: str) -> Any:
    """``leaf`` wrapped ``depth`` times in ``{key: ...}`` (or ``{key: [...]}`` for lists)."""
    node = leaf
    for _ in range(depth):
        node = {key: [node]} if key in ("all_of", "earliest") else {key: node}
    return node


def test_deep_nesting_is_refused() -> None:
    """Condition trees deeper than MAX_DEPTH are refused, at the node past the limit."""
    when = nested(MAX_DEPTH + 5, {"in_force": "geneva-2025"}, "not")

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["when"] = when

    error = invalid(mutate)
    [problem] = error.problems
    assert problem.path == LONDON_WHEN + ".not" * (MAX_DEPTH + 1)
    assert f"nested deeper than {MAX_DEPTH} levels" in problem.message


def test_nesting_up_to_the_limit_is_read() -> None:
    """A condition nested exactly MAX_DEPTH levels deep is read, and survives a round trip."""
    ds = ta.example_dataset()
    when = nested(MAX_DEPTH, {"in_force": "geneva-2025"}, "not")
    data = json.loads(dataset_to_json(ds))
    data["agreements"][1]["entry_into_force"]["when"] = when
    read = dataset_from_json(json.dumps(data))
    assert dataset_to_data(read)["agreements"][1]["entry_into_force"]["when"] == when


def test_deep_day_count_rules_are_refused() -> None:
    """Day-count rules nested past MAX_DEPTH are refused under the rule's own path."""
    rule = nested(MAX_DEPTH + 5, {"nth_day_after": 1}, "earliest")

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["effective"] = rule

    error = invalid(mutate)
    [problem] = error.problems
    assert problem.path.startswith("agreements[1].entry_into_force.effective.earliest[0]")
    assert f"rules nested deeper than {MAX_DEPTH} levels" in problem.message


def test_report_json_shape() -> None:
    """The report dict has the documented keys and JSON types."""
    data = report_to_dict(ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 12)), explain=True)
    assert set(data) == {"format", "as_of", "scenario", "known_on", "agreements"}
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
    assert dataset_from_yaml(dataset_to_yaml(ds)) == ds
    assert dataset_from_toml(dataset_to_toml(ds)) == ds
    data = json.loads(text)
    [treaty] = data["agreements"]
    clause = treaty["entry_into_force"]
    assert list(clause["when"]) == ["delay", "rule"]
    assert clause["when"]["rule"] == {"nth_day_after": 30}
    count, share, weighted = clause["when"]["delay"]["all_of"]
    assert count == {"instrument_count": 2, "target": TREATY, "among": "exporters"}
    assert share == {"instrument_share": "2/3", "target": TREATY, "among": "exporters"}
    assert weighted == {
        "weighted_share": "0.55",
        "weights": {"DEL": "36.1", "ARC": "17.4", "BOR": "0"},
        "target": TREATY,
        "total": "100",
    }
    assert list(weighted) == ["weighted_share", "weights", "target", "total"]
    assert list(weighted["weights"]) == ["DEL", "ARC", "BOR"]  # the order is kept
    # Defaults (deposit, strict rounding) are left out.
    assert clause["per_party"] == {
        "effective": {"nth_day_after": 30},
        "withdrawal": {"after_period": "P1Y"},
    }
    assert treaty["provisional_application"] == {
        "id": f"{TREATY}/provisional",
        "start": {"date_reached": "2025-11-01"},
        "term": "P90D",
    }
    members = data["groups"][0]["members"]
    assert members[0] == "ARC"  # a member without dates is written as its party id
    assert members[1] == {"party": "BOR", "joined": "2025-01-01", "left": "2026-01-01"}
    assert members[2] == {"party": "COR", "joined": "2025-06-01"}
    assert data["events"][-1]["kind"] == "invalidation"
    assert "区域海关公约" in text  # not escaped


def test_numbers_are_read_exactly_from_numbers_and_strings() -> None:
    """JSON numbers and strings ("55%", "0.55", 0.55, "11/20") all give the exact share."""
    converter = make_converter()
    for share in ("55%", "0.55", 0.55, "11/20"):
        node = converter.structure(
            {"weighted_share": share, "weights": {"A": 36.1, "B": 1}, "target": "t"},
            ta.Condition,
        )
        assert isinstance(node, ta.WeightedShare)
        assert node.share == Fraction(11, 20)
        assert node.weights == (("A", Fraction(361, 10)), ("B", Fraction(1)))
    for share in ("2/3", Fraction(2, 3)):
        node = converter.structure(
            {"instrument_share": str(share), "target": "t", "among": "g"}, ta.Condition
        )
        assert isinstance(node, ta.InstrumentShare)
        assert node.share == Fraction(2, 3)
    count = converter.structure({"instrument_count": 3, "target": "t"}, ta.Condition)
    assert count == ta.InstrumentCount(3, target="t")  # kind defaults to deposit
    assert converter.unstructure(count, ta.Condition) == {"instrument_count": 3, "target": "t"}


def test_references_of_thresholds_are_checked_with_paths() -> None:
    """Unknown groups and parties, and party-less instruments, are reported at their paths."""

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["when"] = {
            "all_of": [
                {"instrument_count": 1, "target": "london-2025", "among": "G9"},
                {
                    "weighted_share": "1/2",
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
    assert [p.path for p in error.problems] == [
        f"{LONDON_WHEN}.all_of[0].among",
        f"{LONDON_WHEN}.all_of[1].weights['RUS']",
        f"events[{len(ta.example_dataset().events)}].party",
    ]
    assert "unknown group 'G9'" in error.problems[0].message
    assert "unknown party 'RUS'" in error.problems[1].message
    assert "needs a party" in error.problems[2].message


def test_a_party_less_instrument_points_at_the_threshold_in_the_file() -> None:
    """The message about a party-less instrument names the threshold by its path in the file."""

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["when"] = {
            "all_of": [
                {"in_force": "geneva-2025"},
                {"instrument_count": 1, "target": "london-2025"},
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

    [problem] = invalid(mutate).problems
    assert problem.path == f"events[{len(ta.example_dataset().events)}].party"
    # The file has no 'items': the threshold is at all_of[1].
    assert f"{LONDON_WHEN}.all_of[1]" in problem.message
    assert ".items[" not in problem.message


@pytest.mark.parametrize(
    ("node", "path", "message"),
    [
        (
            {"instrument_count": 0, "target": "t"},
            ".instrument_count",
            "must be 1 or more",
        ),
        (
            {"instrument_count": "2", "target": "t"},
            ".instrument_count",
            "expected a whole number",
        ),
        (
            {"instrument_count": True, "target": "t"},
            ".instrument_count",
            "expected a whole number, got boolean true",
        ),
        (
            {"instrument_share": "3/2", "target": "t", "among": "g"},
            ".instrument_share",
            "greater than 0 and at most 1",
        ),
        (
            {"instrument_share": [1], "target": "t", "among": "g"},
            ".instrument_share",
            "must be a number",
        ),
        (
            {"weighted_share": "x", "weights": {"USA": 1}, "target": "t"},
            ".weighted_share",
            "must be a number",
        ),
        (
            {"weighted_share": "1/2", "weights": {"USA": "lots"}, "target": "t"},
            ".weights['USA']",
            "must be a number",
        ),
        (
            {"weighted_share": "1/2", "weights": {"USA": True}, "target": "t"},
            ".weights['USA']",
            "got bool",
        ),
        (
            {"weighted_share": "1/2", "weights": {"USA": "-1"}, "target": "t"},
            ".weights['USA']",
            "must not be negative",
        ),
        (
            {"weighted_share": "1/2", "weights": [["USA", 1]], "target": "t"},
            ".weights",
            "expected an object mapping party ids to weights",
        ),
        (
            {"weighted_share": "1/2", "weights": {"USA": 2}, "target": "t", "total": "1"},
            ".total",
            "must be at least the sum of the weights",
        ),
        (
            {"instrument_count": 1, "target": "t", "kind": "withdrawal"},
            ".kind",
            "cannot be withdrawal",
        ),
        (
            {"instrument_count": 1, "target": "t", "kind": "deposti"},
            ".kind",
            "unknown event kind 'deposti'",
        ),
        (
            {"instrument_count": 1, "target": "t", "among": 3},
            ".among",
            "must be a string id",
        ),
        (
            {"instrument_count": 1, "target": "t", "quorum": 3},
            ".quorum",
            "unknown key 'quorum' in an 'instrument_count' condition",
        ),
        (
            {"instrument_share": "1/2", "target": "t"},
            "",
            "an 'instrument_share' condition needs 'among'",
        ),
        # The same missing keys, in a node that holds nothing but its first key.
        ({"instrument_count": 1}, "", "an 'instrument_count' condition needs 'target'"),
        ({"instrument_share": "1/2"}, "", "an 'instrument_share' condition needs 'target'"),
        ({"weighted_share": "1/2"}, "", "a 'weighted_share' condition needs 'weights'"),
    ],
)
def test_bad_thresholds_in_a_file(node: Data, path: str, message: str) -> None:
    """Each bad threshold is one problem, at the path of the offending value."""

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["when"] = {
            "all_of": [node, {"in_force": "geneva-2025"}]
        }

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [f"{LONDON_WHEN}.all_of[0]{path}"]
    assert message in error.problems[0].message


def test_unknown_keys_in_new_parts_are_rejected() -> None:
    """per_party and provisional_application reject unknown keys like every other object."""

    def mutate(d: Data) -> None:
        d["agreements"][1]["entry_into_force"]["per_party"] = {"instrument": "deposit", "x": 1}
        d["agreements"][1]["provisional_application"] = {
            "id": "london-2025/provisional",
            "start": {"date_reached": "2025-06-10"},
            "sunset": "2026-01-01",
        }

    error = invalid(mutate)
    assert [p.path for p in error.problems] == [
        "agreements[1].entry_into_force.per_party.x",
        "agreements[1].provisional_application.sunset",
    ]
    assert "unknown key 'x' in a per-party entry into force" in error.problems[0].message
    assert "unknown key 'sunset' in a provisional application" in error.problems[1].message
    assert all("(allowed: " in p.message for p in error.problems)


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
