"""Places: a model location followed through the data read to the keys of the file."""

from __future__ import annotations

from typing import Any

import pytest

from tradeaccord._io.places import in_file, line_of, position
from tradeaccord.errors import Key

WHEN: Any = {
    "all_of": [
        {"occurred": "approval", "by_all": ["USA", "CHN"], "target": "deal"},
        {"at_least": 1, "of": [{"in_force": "a"}, {"not": {"fulfilled": "c"}}]},
        {"weighted_share": "1/2", "weights": {"USA": 1, "RUS": 2}, "target": "deal"},
        {"delay": {"date_reached": "2026-01-01"}, "rule": {"earliest": ["upon"]}},
    ]
}
DATA: Any = {
    "format": 1,
    "groups": [{"id": "g", "name": "G", "members": ["USA", {"party": "CHN"}]}],
    "agreements": [
        {"id": "deal", "entry_into_force": {"when": WHEN}, "term": "P1Y"},
    ],
}
AT = ("agreements", 0, "entry_into_force", "when")


@pytest.mark.parametrize(
    ("model", "file"),
    [
        ((*AT, "items", 0, "items", 1, "party"), (*AT, "all_of", 0, "by_all", 1)),
        ((*AT, "items", 0, "items", 1, "target"), (*AT, "all_of", 0, "target")),
        ((*AT, "items", 0, "items", 0, "kind"), (*AT, "all_of", 0, "occurred")),
        ((*AT, "items", 1, "n"), (*AT, "all_of", 1, "at_least")),
        ((*AT, "items", 1, "items", 0, "agreement"), (*AT, "all_of", 1, "of", 0, "in_force")),
        (
            (*AT, "items", 1, "items", 1, "item", "commitment"),
            (*AT, "all_of", 1, "of", 1, "not", "fulfilled"),
        ),
        ((*AT, "items", 2, "weights", Key("RUS")), (*AT, "all_of", 2, "weights", Key("RUS"))),
        ((*AT, "items", 2, "share"), (*AT, "all_of", 2, "weighted_share")),
        ((*AT, "items", 3, "item", "on"), (*AT, "all_of", 3, "delay", "date_reached")),
        ((*AT, "items", 3, "rule", "rules", 0), (*AT, "all_of", 3, "rule", "earliest", 0)),
        (("groups", 0, "members", 0, "party"), ("groups", 0, "members", 0)),
        (("groups", 0, "members", 1, "party"), ("groups", 0, "members", 1, "party")),
        (("agreements", 0, "term", "period"), ("agreements", 0, "term")),
        (("agreements", 0, "links", 3, "target"), ("agreements", 0, "links", 3, "target")),
    ],
    ids=str,
)
def test_a_model_location_is_placed_in_the_file(model: Any, file: Any) -> None:
    """Renamed fields, the by_all short form, short forms of objects, mapping keys and
    places the data lacks are all followed."""
    assert in_file(DATA, model) == file


def test_positions_follow_the_order_of_keys_and_items() -> None:
    """Problems sort in the order of the input: keys in their order, then items."""
    places = [("agreements", 0, "term"), ("groups", 0, "name"), ("format",), ("agreements",)]
    assert sorted(places, key=lambda p: position(DATA, p)) == [
        ("format",),
        ("groups", 0, "name"),
        ("agreements",),
        ("agreements", 0, "term"),
    ]


def test_a_line_is_that_of_the_deepest_place_known() -> None:
    """The line of a place is the line of its deepest key or item that has one."""
    lines = {(): 1, ("agreements",): 4, ("agreements", 0): 5, ("w", "RUS"): 9}
    assert line_of(lines, ("agreements", 0, "term", "period")) == 5
    assert line_of(lines, ("w", Key("RUS"))) == 9
    assert line_of(lines, ("other",)) == 1
    assert line_of({}, ("x",)) is None
