"""Reading dataset files in JSON, YAML and TOML: bad input is refused with every problem placed.

Each bad input raises ``InputError`` (a ``TradeAccordError``) whose problems name where
the fault is: its path in the file and, for YAML, its line. The tests assert on those
places, not only on the messages.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import pytest
import tomli_w
import yaml

import tradeaccord as ta
from tradeaccord._io.documents import MAX_NESTING, MAX_YAML_NODES
from tradeaccord.errors import InputError, Problem, TradeAccordError
from tradeaccord.serialization import (
    MAX_DEPTH,
    READABLE_FORMATS,
    REPORT_FORMAT,
    configure_converter,
    dataset_from_data,
    dataset_from_json,
    dataset_from_text,
    dataset_from_toml,
    dataset_from_yaml,
    dataset_to_data,
    explanation_to_dict,
    make_converter,
    report_to_dict,
    report_to_json,
)

Data = dict[str, Any]
FORMATS = ("json", "yaml", "toml")
WHEN = "agreements[0].entry_into_force.when"


def base() -> Data:
    """A small valid dataset, as plain data: parties, a group, two agreements, events."""
    return {
        "format": 1,
        "title": "Formats",
        "parties": [
            {"id": "USA", "name": "United States"},
            {"id": "CHN", "name": "China"},
        ],
        "groups": [
            {"id": "g", "name": "G", "members": ["USA", {"party": "CHN", "joined": "2025-01-01"}]}
        ],
        "agreements": [
            {
                "id": "deal",
                "title": "A deal",
                "kind": "framework",
                "parties": ["USA", "CHN"],
                "entry_into_force": {
                    "when": {"occurred": "approval", "by_all": ["USA", "CHN"], "target": "deal"}
                },
                "commitments": [
                    {"id": "deal/c1", "by": "USA", "action": "lift", "summary": "Lift it"}
                ],
            },
            {
                "id": "later",
                "title": "A later deal",
                "kind": "framework",
                "parties": ["USA", "CHN"],
                "entry_into_force": {"when": {"date_reached": "2025-09-01"}},
            },
        ],
        "events": [
            {
                "id": "e1",
                "date": "2025-06-11",
                "kind": "approval",
                "party": "USA",
                "target": "deal",
                "summary": "The US approves",
            },
            {
                "id": "e2",
                "date": "2025-06-12",
                "kind": "approval",
                "party": "CHN",
                "target": "deal",
                "summary": "China approves",
            },
        ],
    }


def write(data: Data, format: str) -> str:
    """``data`` as the text of a ``format`` file."""
    if format == "json":
        return json.dumps(data, indent=2)
    if format == "yaml":
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)  # type: ignore[no-any-return]
    return tomli_w.dumps(data)


def problems_of(text: str | bytes, format: str) -> tuple[Problem, ...]:
    """The problems reading ``text`` raises (asserting it does raise ``InputError``)."""
    with pytest.raises(InputError) as caught:
        dataset_from_text(text, format=format, source=f"input.{format}")  # type: ignore[arg-type]
    error = caught.value
    assert isinstance(error, TradeAccordError)
    assert error.source == f"input.{format}"
    assert error.problems, "an InputError lists at least one problem"
    return error.problems


def marked_lines(text: str) -> list[int]:
    """The numbers of the lines of ``text`` that end with the marker ``# <-``."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.endswith("# <-")]


@pytest.mark.parametrize("format", FORMATS)
def test_the_base_dataset_reads_in_every_format(format: str) -> None:
    """The dataset the bad inputs start from is valid, so each case has only its own problems."""
    ds = dataset_from_text(write(base(), format), format=format)  # type: ignore[arg-type]
    assert ds == dataset_from_data(base())
    assert ds.agreement("deal").commitments[0].id == "deal/c1"


# The table of bad inputs ------------------------------------------------------------------


def set_at(path: tuple[Any, ...], value: Any) -> Callable[[Data], None]:
    """A change of ``base()`` that puts ``value`` at ``path``."""

    def change(data: Data) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


def nested(depth: int, leaf: Any, key: str) -> Any:
    """``leaf`` wrapped ``depth`` times in ``{key: ...}`` (``{key: [...]}`` for lists)."""
    node = leaf
    for _ in range(depth):
        node = {key: [node]} if key in ("all_of", "any_of") else {key: node}
    return node


WHEN_KEYS = ("agreements", 0, "entry_into_force", "when")


def cycle(data: Data) -> None:
    """``deal`` needs ``later`` in force, and ``later`` needs ``deal`` in force."""
    data["agreements"][0]["entry_into_force"]["when"] = {
        "all_of": [{"in_force": "later"}, {"date_reached": "2025-01-01"}]
    }
    data["agreements"][1]["entry_into_force"]["when"] = {"in_force": "deal"}


#: (name, change of base(), path of the one problem, part of its message, text on its YAML line)
BAD_DATA: list[tuple[str, Callable[[Data], None], str, str, str]] = [
    (
        "text given a number",
        set_at(("parties", 0, "name"), 12),
        "parties[0].name",
        "must be str, got int 12",
        "name: 12",
    ),
    (
        "text given a boolean",
        set_at(("agreements", 0, "title"), True),
        "agreements[0].title",
        "must be str, got bool True",
        "title: true",
    ),
    (
        "id given a number",
        set_at(("events", 0, "party"), 5),
        "events[0].party",
        "must be a string id, got int 5",
        "party: 5",
    ),
    (
        "a list where an object is expected",
        set_at(("agreements", 0, "entry_into_force"), ["upon"]),
        "agreements[0].entry_into_force",
        "expected an entry-into-force clause (an object), got a list",
        "entry_into_force:",
    ),
    (
        "a list where a condition is expected",
        set_at(WHEN_KEYS, [{"in_force": "later"}]),
        WHEN,
        "expected a condition",
        "when:",
    ),
    (
        "an object where a list is expected",
        set_at(("groups",), {"id": "g", "name": "G"}),
        "groups",
        "expected a list, got an object",
        "groups:",
    ),
    (
        "an unknown key",
        set_at(("events", 1, "colour"), "red"),
        "events[1].colour",
        "unknown key 'colour' in an event",
        "colour: red",
    ),
    (
        "an unknown party of an agreement",
        set_at(("agreements", 0, "parties", 1), "CHX"),
        "agreements[0].parties[1]",
        "unknown party 'CHX' (known: CHN, USA)",
        "- CHX",
    ),
    (
        "an unknown party in a by_all",
        set_at((*WHEN_KEYS, "by_all", 1), "CHX"),
        f"{WHEN}.by_all[1]",
        "unknown party 'CHX'",
        "- CHX",
    ),
    (
        "an unknown party of a commitment",
        set_at(("agreements", 0, "commitments", 0, "by"), "FRA"),
        "agreements[0].commitments[0].by",
        "unknown party 'FRA'",
        "by: FRA",
    ),
    (
        "an unknown member of a group",
        set_at(("groups", 0, "members", 1, "party"), "DEU"),
        "groups[0].members[1].party",
        "unknown party 'DEU'",
        "party: DEU",
    ),
    (
        "an unknown condition kind",
        set_at(WHEN_KEYS, {"approved_by": "USA"}),
        WHEN,
        "expected a condition: an object with one of the keys occurred, ",
        "when:",
    ),
    (
        "an unknown condition kind inside another",
        set_at(WHEN_KEYS, {"all_of": [{"in_force": "later"}, {"signed": "deal"}]}),
        f"{WHEN}.all_of[1]",
        "(got keys: 'signed')",
        "signed: deal",
    ),
    (
        "two conditions in one node",
        set_at(WHEN_KEYS, {"in_force": "later", "not": {"in_force": "later"}}),
        WHEN,
        "a condition has exactly one of the keys",
        "when:",
    ),
    (
        "an 'at_least' without 'of'",
        set_at(WHEN_KEYS, {"at_least": 1}),
        WHEN,
        "an 'at_least' condition needs 'of'",
        "when:",
    ),
    (
        "a 'delay' without 'rule'",
        set_at(WHEN_KEYS, {"delay": {"in_force": "later"}}),
        WHEN,
        "a 'delay' condition needs 'rule'",
        "when:",
    ),
    (
        "a cyclic reference",
        cycle,
        "agreements[1].entry_into_force.when.in_force",
        "cyclic reference: deal -> later -> deal",
        "in_force: deal",
    ),
    (
        "an impossible date",
        set_at(("events", 0, "date"), "2025-02-30"),
        "events[0].date",
        "not a valid calendar date 'YYYY-MM-DD': '2025-02-30'",
        "2025-02-30",
    ),
    (
        "an impossible date inside a condition",
        set_at(WHEN_KEYS, {"any_of": [{"date_reached": "2025-02-30"}, {"in_force": "later"}]}),
        f"{WHEN}.any_of[0].date_reached",
        "not a valid calendar date",
        "date_reached: '2025-02-30'",
    ),
    (
        "an impossible membership date",
        set_at(("groups", 0, "members", 1, "joined"), "2025-04-31"),
        "groups[0].members[1].joined",
        "'2025-04-31'",
        "joined: '2025-04-31'",
    ),
    (
        "conditions nested past MAX_DEPTH",
        set_at(WHEN_KEYS, nested(MAX_DEPTH + 1, {"in_force": "later"}, "not")),
        WHEN + ".not" * (MAX_DEPTH + 1),
        f"conditions nested deeper than {MAX_DEPTH} levels",
        "not:",
    ),
    (
        "conditions nested past MAX_DEPTH in lists",
        set_at(WHEN_KEYS, nested(MAX_DEPTH + 1, {"in_force": "later"}, "all_of")),
        WHEN + ".all_of[0]" * (MAX_DEPTH + 1),
        f"conditions nested deeper than {MAX_DEPTH} levels",
        "in_force: later",
    ),
]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    ("change", "path", "message", "on_line"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_DATA],
)
def test_bad_data_is_refused_at_its_place(
    format: str, change: Callable[[Data], None], path: str, message: str, on_line: str
) -> None:
    """Each bad input is one problem at its path (and, in YAML, on the line that holds it)."""
    data = base()
    change(data)
    text = write(data, format)
    [problem] = problems_of(text, format)
    assert problem.path == path
    assert message in problem.message
    if format == "yaml":
        assert problem.line is not None
        assert on_line in text.splitlines()[problem.line - 1]
    else:
        assert problem.line is None


def test_yaml_booleans_and_numbers_in_text_fields_are_refused() -> None:
    """Unquoted yes/no and numbers in text fields are errors on their line, with a hint to quote."""
    text = """\
format: 1
title: 2025 # <-
parties:
  - {id: USA, name: United States}
  - id: "NO"
    name: no # <-
  - id: 12 # <-
    name: twelve
"""
    problems = problems_of(text, "yaml")
    assert [(p.path, p.line) for p in problems] == list(
        zip(["title", "parties[1].name", "parties[2].id"], marked_lines(text), strict=True)
    )
    assert "got int 2025" in problems[0].message
    assert "got bool False" in problems[1].message
    assert all(p.message.endswith("(quote text in YAML)") for p in problems)


# Cycles through YAML aliases --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        ("format: 1\nparties: &a [*a]\n", "parties[0]", 2),
        ("format: 1\ntitle: &t {again: *t}\n", "title", 2),
        ("&a [*a]\n", "", 1),
    ],
)
def test_a_recursive_yaml_alias_is_refused(text: str, path: str, line: int) -> None:
    """A YAML node that contains itself (``&a [*a]``) is refused, not followed for ever."""
    problems = problems_of(text, "yaml")
    assert all(p.path.startswith(path) for p in problems)
    assert all(p.line in (line, None) for p in problems)
    [deep] = [p for p in problems if f"nested deeper than {MAX_NESTING} levels" in p.message]
    assert deep.line == line
    assert deep.path.startswith(path) and len(deep.path) > len(path)


# Dates ------------------------------------------------------------------------------------


def test_an_impossible_native_yaml_date_is_refused() -> None:
    """An unquoted YAML date that does not exist is reported at its path and line."""
    data = base()
    text = write(data, "yaml").replace("date: '2025-06-12'", "date: 2025-02-30 # <-")
    [problem] = problems_of(text, "yaml")
    assert (problem.path, problem.line) == ("events[1].date", marked_lines(text)[0])
    assert "2025-02-30" in problem.message


def test_an_impossible_native_toml_date_is_refused() -> None:
    """TOML refuses a native date that does not exist: the problem names its line."""
    text = write(base(), "toml").replace('date = "2025-06-12"', "date = 2025-02-30")
    [problem] = problems_of(text, "toml")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "2025-02-30" in t)
    assert problem.path == ""
    assert "not valid TOML" in problem.message
    assert f"line {line}" in problem.message


@pytest.mark.parametrize(
    "value", ["2025-06-11 10:00:00", "2025-06-11T10:00:00Z", "2025-06-11t10:00:00.5-05:00"]
)
def test_a_yaml_timestamp_with_a_time_of_day_is_not_a_date(value: str) -> None:
    """A YAML timestamp with a time of day is refused wherever a date is expected."""
    text = f"""\
format: 1
parties:
  - {{id: USA, name: United States}}
agreements:
  - id: deal
    title: A deal
    kind: framework
    parties: [USA]
    concluded: {value} # <-
    entry_into_force:
      when:
        any_of:
          - {{in_force: deal}}
          - {{date_reached: {value}}} # <-
events:
  - id: e1
    date: {value} # <-
    kind: statement
    summary: s
"""
    problems = problems_of(text, "yaml")
    assert [(p.path, p.line) for p in problems] == list(
        zip(
            [
                "agreements[0].concluded",
                f"{WHEN}.any_of[1].date_reached",
                "events[0].date",
            ],
            marked_lines(text),
            strict=True,
        )
    )
    assert all("expected a date without a time of day" in p.message for p in problems)


@pytest.mark.parametrize("value", ["2025-06-11T10:00:00", "2025-06-11 10:00:00+02:00"])
def test_a_toml_date_time_is_not_a_date(value: str) -> None:
    """A TOML date-time is refused where a date is expected, at its path."""
    text = write(base(), "toml").replace('date = "2025-06-11"', f"date = {value}")
    [problem] = problems_of(text, "toml")
    assert problem.path == "events[0].date"
    assert "expected a date without a time of day" in problem.message


# Nesting ----------------------------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP + "]" * DEEP,
        '{"format": 1, "title": ' + "[" * DEEP + "]" * DEEP + "}",
        '{"format": 1, "title": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}",
    ],
    ids=["lists", "lists in a value", "objects in a value"],
)
def test_json_nested_a_hundred_thousand_deep_is_refused(text: str) -> None:
    """JSON nested 100000 deep is one problem about the nesting, not a crash."""
    [problem] = problems_of(text, "json")
    assert problem.path == ""
    assert "nested too deeply" in problem.message


def test_toml_nested_a_hundred_thousand_deep_is_refused() -> None:
    """TOML nested 100000 deep is one problem about the nesting, not a crash."""
    [problem] = problems_of("format = 1\ntitle = " + "[" * DEEP + "]" * DEEP + "\n", "toml")
    assert problem.path == ""
    assert "nested too deeply" in problem.message


@pytest.mark.parametrize(
    "value",
    [
        "[" * (MAX_NESTING + 2) + "]" * (MAX_NESTING + 2),
        "{a: " * (MAX_NESTING + 2) + "1" + "}" * (MAX_NESTING + 2),
    ],
    ids=["lists", "objects"],
)
def test_yaml_nested_past_max_nesting_is_refused(value: str) -> None:
    """YAML nested deeper than MAX_NESTING is refused at the place, on its line."""
    problems = problems_of(f"format: 1\ntitle: {value}\n", "yaml")
    deep = [p for p in problems if f"nested deeper than {MAX_NESTING} levels" in p.message]
    assert len(deep) == 1
    assert deep[0].path.startswith("title")
    assert deep[0].path.count("[") + deep[0].path.count(".") == MAX_NESTING
    assert deep[0].line == 2


def test_yaml_nested_by_indentation_past_max_nesting_is_refused() -> None:
    """Block-style YAML nested past MAX_NESTING is refused on the line of the deepest key."""
    depth = MAX_NESTING + 3
    lines = ["format: 1", "title:"]
    lines += ["  " * (level + 1) + f"k{level}:" for level in range(depth)]
    lines.append("  " * (depth + 1) + "leaf")
    problems = problems_of("\n".join(lines) + "\n", "yaml")
    deep = [p for p in problems if f"nested deeper than {MAX_NESTING} levels" in p.message]
    assert len(deep) == 1
    assert deep[0].path == "title." + ".".join(f"k{level}" for level in range(MAX_NESTING))
    # The line of the last key kept, or of the node that is one level too deep.
    assert deep[0].line in (MAX_NESTING + 2, MAX_NESTING + 3)


def test_yaml_nested_a_hundred_thousand_deep_is_refused() -> None:
    """YAML nested 100000 deep is refused, not a crash."""
    problems = problems_of("format: 1\ntitle: " + "[" * DEEP + "]" * DEEP + "\n", "yaml")
    assert [p.path for p in problems] == [""]
    assert "nested too deeply" in problems[0].message


# Duplicate keys ---------------------------------------------------------------------------


def test_yaml_duplicate_keys_are_refused_at_the_second_one() -> None:
    """A YAML key given twice is reported at its path, on the line of the repeat."""
    text = """\
format: 1
title: One
parties:
  - id: USA
    name: United States
    name: USA # <-
title: Two # <-
"""
    problems = problems_of(text, "yaml")
    assert [(p.path, p.line) for p in problems] == list(
        zip(["parties[0].name", "title"], marked_lines(text), strict=True)
    )
    assert "the key 'name' is given twice (first on line 5)" in problems[0].message
    assert "the key 'title' is given twice (first on line 2)" in problems[1].message


def test_json_duplicate_keys_are_refused_at_their_place() -> None:
    """A JSON key given twice is an error that names the object it is in."""
    text = '{"format": 1, "parties": [{"id": "USA", "name": "United States", "name": "USA"}]}'
    [problem] = problems_of(text, "json")
    assert "the key 'name' is given twice" in problem.message
    assert problem.path == "parties[0].name"


def test_toml_duplicate_keys_are_refused_by_toml() -> None:
    """TOML itself refuses a key given twice; the problem names the line."""
    text = 'format = 1\n\n[[parties]]\nid = "USA"\nname = "United States"\nname = "USA"\n'
    [problem] = problems_of(text, "toml")
    assert problem.path == ""
    assert "not valid TOML" in problem.message
    assert "line 6" in problem.message


# Empty files and junk ----------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    "text", ["", "   \n\t\n", b"", b"\n"], ids=["empty", "blank", "no bytes", "newline"]
)
def test_an_empty_file_is_refused(format: str, text: str | bytes) -> None:
    """An empty or blank file is one problem saying so."""
    [problem] = problems_of(text, format)
    assert problem.path == ""
    assert "the file is empty" in problem.message


def test_a_yaml_file_of_comments_only_is_empty() -> None:
    """A YAML file with nothing but comments is empty."""
    [problem] = problems_of("# yaml-language-server: $schema=x.json\n\n  # nothing else\n", "yaml")
    assert problem.path == ""
    assert "the file is empty" in problem.message


def test_a_toml_file_of_comments_only_lacks_format() -> None:
    """A TOML file with nothing but comments is an empty table: it lacks 'format'."""
    [problem] = problems_of("# nothing here\n", "toml")
    assert problem.path == "format"
    assert "needs 'format'" in problem.message


@pytest.mark.parametrize("format", FORMATS)
def test_bytes_that_are_not_utf8_are_refused(format: str) -> None:
    """Binary junk (every byte value; random bytes with NULs) is one problem, not a crash."""
    for junk in (bytes(range(256)), random.Random(7).randbytes(512) + b"\x00\xff\x00"):
        [problem] = problems_of(junk, format)
        assert problem.path == ""
        assert "not UTF-8 text" in problem.message


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    "junk",
    [
        b"\x00",
        b"format: 1\x00\n",
        bytes(random.Random(11).randrange(0, 32) for _ in range(64)) + b"\x00",
        "format = 1\x1b[31m\n",
    ],
    ids=["NUL", "NUL after text", "control characters", "escape sequence"],
)
def test_control_characters_are_refused(format: str, junk: str | bytes) -> None:
    """UTF-8 text with NULs and other control characters is a problem, not a crash."""
    problems = problems_of(junk, format)
    assert [p.path for p in problems] == [""]
    assert "not valid" in problems[0].message


# YAML -------------------------------------------------------------------------------------


def test_yaml_lines_are_right_at_every_depth() -> None:
    """Problems at the top, in objects, lists, conditions and rules are on the right lines."""
    text = """\
format: 1
title: Lines
parties:
  - id: USA
    name: United States
  - id: CHN
    name: China
    kind: nation # <-
groups:
  - id: g
    name: G
    members:
      - USA
      - party: CHN
        joined: 2025-13-01 # <-
agreements:
  - id: deal
    title: A deal
    kind: framework
    parties: [USA, CHN]
    entry_into_force:
      when:
        all_of:
          - occurred: approval
            by_all:
              - USA
              - 7 # <-
            target: deal
          - not:
              at_least: 1
              of:
                - {in_force: later}
                - instrument_count: two # <-
                  target: deal
      effective:
        earliest:
          - upon
          - {nth_day_after: 30, days: 2} # <-
    commitments:
      - id: deal/c1
        by: USA
        action: lft # <-
        summary: Lift
        deadline: {within: P1Q, rounding: up} # <-
events:
  - id: e1
    date: 2025-06-01
    kind: approval
    party: USA
    target: deal
    summary: ok
    confidence: sure # <-
"""
    problems = problems_of(text, "yaml")
    expected = [
        "parties[1].kind",
        "groups[0].members[1].joined",
        f"{WHEN}.all_of[0].by_all[1]",
        f"{WHEN}.all_of[1].not.of[1].instrument_count",
        "agreements[0].entry_into_force.effective.earliest[1].days",
        "agreements[0].commitments[0].action",
        "agreements[0].commitments[0].deadline.within",
        "events[0].confidence",
    ]
    assert [(p.path, p.line) for p in problems] == list(
        zip(expected, marked_lines(text), strict=True)
    )


def test_yaml_reference_problems_are_on_their_lines() -> None:
    """Unknown ids and cycles, found by the dataset check, are placed on their YAML lines."""
    text = """\
format: 1
parties:
  - {id: USA, name: United States}
  - {id: CHN, name: China}
agreements:
  - id: deal
    title: A deal
    kind: framework
    parties: [USA, CHN]
    entry_into_force:
      when:
        all_of:
          - occurred: approval
            by_all: [USA, CHX] # <-
            target: deal
          - not:
              at_least: 1
              of:
                - {in_force: deal} # <-
                - {instrument_count: 2, target: deal, among: nowhere} # <-
    commitments:
      - id: deal/c1
        by: FRA # <-
        action: lift
        summary: Lift
events:
  - id: e1
    date: 2025-06-01
    kind: approval
    party: GBR # <-
    target: deal
    summary: ok
"""
    problems = problems_of(text, "yaml")
    expected = [
        f"{WHEN}.all_of[0].by_all[1]",
        f"{WHEN}.all_of[1].not.of[0].in_force",
        f"{WHEN}.all_of[1].not.of[1].among",
        "agreements[0].commitments[0].by",
        "events[0].party",
    ]
    assert [(p.path, p.line) for p in problems] == list(
        zip(expected, marked_lines(text), strict=True)
    )


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["echo hi"]',
        "!!python/object/new:os.system [echo hi]",
        "!!python/name:os.system",
        "!!python/module:os",
        '!!python/object:__main__.Thing {"x": 1}',
    ],
)
def test_yaml_tags_that_build_python_objects_never_run(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag that would build a Python object is an error on its line, and nothing runs."""
    calls: list[Any] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    text = f"format: 1\ntitle: Tags\nparties:\n  - id: USA\n    name: {value}\n"
    problems = problems_of(text, "yaml")
    assert calls == []
    assert problems[0].path == "parties[0].name"
    assert problems[0].line == 5
    assert "python/" in problems[0].message
    assert all(p.path == "parties[0].name" for p in problems)


def test_a_python_tag_on_the_whole_document_never_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that is one Python-building tag is refused without running it."""
    calls: list[Any] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    problems = problems_of('!!python/object/apply:os.system ["echo hi"]\n', "yaml")
    assert calls == []
    assert (problems[0].path, problems[0].line) == ("", 1)
    assert "unsupported tag" in problems[0].message


def test_a_yaml_alias_bomb_is_refused_by_the_node_bound() -> None:
    """A billion-laughs document is refused once it expands past MAX_YAML_NODES nodes."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    lines += ["format: 1", "title: *l9"]
    [problem] = problems_of("\n".join(lines) + "\n", "yaml")
    assert problem.path == ""
    assert f"expands to more than {MAX_YAML_NODES} nodes through aliases" in problem.message


def test_yaml_merge_keys_are_refused() -> None:
    """A merge key ('<<') is an error on its line, in the object that uses it."""
    text = """\
format: 1
parties:
  - &usa {id: USA, name: United States}
  - <<: *usa # <-
    id: CHN
"""
    problems = problems_of(text, "yaml")
    assert problems[0].path == "parties[1]"
    assert problems[0].line == marked_lines(text)[0]
    assert "merge keys ('<<') are not supported" in problems[0].message


def test_a_yaml_deadline_may_use_an_unquoted_on_key() -> None:
    """``deadline: {on: 2025-07-01, rounding: down}`` (the documented keys) reads in YAML."""
    text = """\
format: 1
parties:
  - {id: USA, name: United States}
agreements:
  - id: deal
    title: A deal
    kind: framework
    parties: [USA]
    commitments:
      - id: deal/c1
        by: USA
        action: lift
        summary: Lift
        deadline: {on: 2025-07-01, rounding: down}
"""
    ds = dataset_from_yaml(text)
    deadline = ds.agreement("deal").commitments[0].deadline
    assert deadline == ta.Deadline(on=dt.date(2025, 7, 1), rounding=ta.Rounding.DOWN)


def test_a_yaml_file_with_two_documents_is_refused() -> None:
    """A YAML stream of two documents is refused on the line of the second."""
    [problem] = problems_of("format: 1\n---\nformat: 1\n", "yaml")
    assert (problem.path, problem.line) == ("", 2)
    assert "not valid YAML" in problem.message


# Every problem at once --------------------------------------------------------------------

MANY_PROBLEMS = """\
format: 1
title: [not, text] # <-
parties:
  - {id: USA, name: United States}
  - {id: CHN, name: China, kind: empire} # <-
groups:
  - {id: g, name: G, members: [USA, FRA]} # <-
agreements:
  - id: deal
    title: A deal
    kind: framework
    parties: [USA, CHN]
    entry_into_force:
      when:
        all_of:
          - {in_force: later}
          - {signed: deal} # <-
  - id: later
    title: Later
    kind: framework
    parties: [USA, CHN]
    commitments:
      - {id: later/c1, by: USA, action: lift, summary: Lift, deadline: P1Q} # <-
events:
  - {id: e1, date: "2025-02-30", kind: approval, party: USA, summary: s} # <-
  - {id: e2, date: "2025-03-01", kind: approval, party: USA, summary: s, colour: red} # <-
"""
MANY_PATHS = [
    "title",
    "parties[1].kind",
    "groups[0].members[1]",
    f"{WHEN}.all_of[1]",
    "agreements[1].commitments[0].deadline",
    "events[0].date",
    "events[1].colour",
]


def test_every_problem_in_a_yaml_file_is_reported_in_order() -> None:
    """A YAML file with problems in seven places reports all seven, in the order of the file."""
    problems = problems_of(MANY_PROBLEMS, "yaml")
    assert [(p.path, p.line) for p in problems] == list(
        zip(MANY_PATHS, marked_lines(MANY_PROBLEMS), strict=True)
    )
    assert "must be str" in problems[0].message
    assert "unknown party kind 'empire'" in problems[1].message
    assert "unknown party 'FRA'" in problems[2].message
    assert "'signed'" in problems[3].message
    assert "'P1Q'" in problems[4].message
    assert "'2025-02-30'" in problems[5].message
    assert "unknown key 'colour'" in problems[6].message


@pytest.mark.parametrize("format", ["json", "toml"])
def test_every_problem_in_a_json_or_toml_file_is_reported_in_order(format: str) -> None:
    """The same problems in JSON or TOML are all reported, at the same paths, in the same order."""
    data = yaml.safe_load(MANY_PROBLEMS)
    problems = problems_of(write(data, format), format)
    assert [p.path for p in problems] == MANY_PATHS


def test_problems_inside_one_json_object_keep_the_order_of_the_input() -> None:
    """Problems in one JSON object are listed in the order of its keys in the input."""
    text = json.dumps(
        {
            "format": 1,
            "parties": [{"id": "USA", "name": "United States"}],
            "agreements": [
                {
                    "id": "deal",
                    "title": "A deal",
                    "kind": "framework",
                    "parties": ["USA"],
                    "entry_into_force": {"when": {"in_force": "nowhere"}},
                    "term": "P1Q",
                    "sources": "not a list",
                }
            ],
        }
    )
    problems = problems_of(text, "json")
    assert [p.path for p in problems] == [
        f"{WHEN}.in_force",
        "agreements[0].term",
        "agreements[0].sources",
    ]


def test_a_bad_field_does_not_hide_the_problems_of_its_neighbours() -> None:
    """An object with an impossible date and a number for its text reports both problems."""
    data = base()
    data["events"][0]["date"] = "2025-02-30"
    data["events"][0]["summary"] = 12
    data["parties"][1]["kind"] = "empire"
    data["parties"][1]["name"] = False
    for format in FORMATS:
        problems = problems_of(write(data, format), format)
        assert sorted(p.path for p in problems) == [
            "events[0].date",
            "events[0].summary",
            "parties[1].kind",
            "parties[1].name",
        ], format


# null -------------------------------------------------------------------------------------

NULL_PLACES = [
    ("parties", 0, "kind"),
    ("parties", 1, "name"),
    ("events", 0, "notes"),
    ("events", 0, "party"),
    ("agreements", 0, "term"),
    ("agreements", 0, "entry_into_force", "deadline"),
    ("agreements", 0, "entry_into_force", "when", "target"),
    ("agreements", 0, "commitments", 0, "condition"),
    ("title",),
    ("groups",),
]


def dotted(keys: tuple[Any, ...]) -> str:
    """The file path of ``keys``: ``("events", 0, "notes")`` is ``events[0].notes``."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


@pytest.mark.parametrize("format", ["json", "yaml"])
@pytest.mark.parametrize("keys", NULL_PLACES, ids=dotted)
def test_null_is_refused_with_a_message_to_leave_the_key_out(
    format: str, keys: tuple[Any, ...]
) -> None:
    """A null value is refused at its path with a message saying to leave the key out."""
    data = base()
    set_at(keys, None)(data)
    problems = problems_of(write(data, format), format)
    assert {p.path for p in problems} == {dotted(keys)}
    assert any("leave the key out" in p.message for p in problems)


@pytest.mark.parametrize("keys", NULL_PLACES, ids=dotted)
def test_a_null_is_one_problem(keys: tuple[Any, ...]) -> None:
    """A null value is reported once, not once more by the reader of the value."""
    data = base()
    set_at(keys, None)(data)
    problems = problems_of(write(data, "json"), "json")
    assert len(problems) == 1, problems


def test_yaml_nulls_are_refused_on_their_lines() -> None:
    """``~``, ``null`` and an empty value are all null in YAML, refused on their lines."""
    text = """\
format: 1
parties:
  - {id: USA, name: United States, kind: ~} # <-
events:
  - id: e1
    date: 2025-06-11
    kind: statement
    summary: s
    party: # <-
    notes: null # <-
"""
    problems = problems_of(text, "yaml")
    assert [(p.path, p.line) for p in problems if "leave the key out" in p.message] == list(
        zip(
            ["parties[0].kind", "events[0].party", "events[0].notes"],
            marked_lines(text),
            strict=True,
        )
    )


# The format key ---------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_a_missing_format_is_reported_on_format(format: str) -> None:
    """A file without 'format' is one problem on 'format', naming the layout to give."""
    data = base()
    del data["format"]
    [problem] = problems_of(write(data, format), format)
    assert problem.path == "format"
    assert "a dataset needs 'format': 1" in problem.message


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("value", [2, "1", 0, True, 1.0], ids=repr)
def test_an_unknown_format_is_reported_on_format(format: str, value: Any) -> None:
    """A format this release does not read is refused on 'format', listing those it reads."""
    data = base()
    data["format"] = value
    [problem] = problems_of(write(data, format), format)
    assert problem.path == "format"
    assert "unknown format" in problem.message
    assert f"(this release reads: {', '.join(map(str, READABLE_FORMATS))})" in problem.message
    if format == "yaml":
        assert problem.line == 1


def test_an_unknown_format_hides_nothing_but_is_read_first() -> None:
    """A file of an unknown format is refused on 'format' whatever else it holds."""
    [problem] = problems_of('{"format": 2, "parties": [{"id": 1}], "extra": true}', "json")
    assert problem.path == "format"


@pytest.mark.parametrize(
    ("text", "format"),
    [("[]", "json"), ('"dataset"', "json"), ("- format: 1\n", "yaml"), ("null\n", "yaml")],
)
def test_a_document_that_is_not_an_object_is_refused(text: str, format: str) -> None:
    """A document that is a list, text or null is one problem on the whole document."""
    [problem] = problems_of(text, format)
    assert problem.path == ""
    assert "expected a dataset (an object)" in problem.message


# The converter ----------------------------------------------------------------------------

COMMITMENT: Data = {
    "id": "deal/c1",
    "by": "USA",
    "action": "lift",
    "summary": "Lift it",
    "condition": {"occurred": "approval", "by_any": ["USA", "CHN"], "target": "deal"},
    "deadline": "2025-07-01",
    "term": {"period": "P1M", "rounding": "down"},
}


def test_the_converter_structures_a_commitment() -> None:
    """make_converter() reads a commitment from its file form, short forms included."""
    commitment = make_converter().structure(copy.deepcopy(COMMITMENT), ta.Commitment)
    assert commitment == ta.Commitment(
        id="deal/c1",
        by="USA",
        action=ta.Action.LIFT,
        summary="Lift it",
        condition=ta.approved_by("USA", "deal") | ta.approved_by("CHN", "deal"),
        deadline=ta.Deadline(on=dt.date(2025, 7, 1)),
        term=ta.Term(period=ta.Period(months=1), rounding=ta.Rounding.DOWN),
    )


def test_the_converter_structures_conditions_and_datasets() -> None:
    """make_converter() reads a condition and a whole dataset, equal to the file reader's."""
    converter = make_converter()
    condition = converter.structure(
        {"at_least": 1, "of": [{"in_force": "a"}, {"not": {"fulfilled": "a/c1"}}]}, ta.Condition
    )
    assert condition == ta.AtLeast(1, ta.InForce("a"), ta.Not(ta.Fulfilled("a/c1")))
    assert converter.structure(base(), ta.Dataset) == dataset_from_data(base())
    ds = ta.example_dataset()
    assert converter.structure(converter.unstructure(ds), ta.Dataset) == ds


@pytest.mark.parametrize(
    ("data", "cls", "path"),
    [
        ({**COMMITMENT, "priority": "high"}, ta.Commitment, "priority"),
        ({"in_force": "a", "since": "2025-01-01"}, ta.Condition, "since"),
        ({"any_of": [{"in_force": "a", "x": 1}]}, ta.Condition, "any_of[0].x"),
        ({"nth_day_after": 3, "business": True}, ta.DayCount, "business"),
        ({**base(), "version": 2}, ta.Dataset, "version"),
        ({"id": "USA", "name": "US", "flag": "x"}, ta.Party, "flag"),
    ],
)
def test_the_converter_rejects_unknown_keys(data: Data, cls: Any, path: str) -> None:
    """Structuring with the converter rejects unknown keys with an InputError at their path."""
    with pytest.raises(InputError) as caught:
        make_converter().structure(data, cls)
    assert [p.path for p in caught.value.problems] == [path]
    assert "unknown key" in caught.value.problems[0].message


def test_the_converter_reports_every_problem_of_a_commitment() -> None:
    """A commitment with several problems is refused with all of them."""
    with pytest.raises(InputError) as caught:
        make_converter().structure(
            {"id": "c", "by": "USA", "action": "lfit", "deadline": "soon", "x": 1}, ta.Commitment
        )
    paths = [p.path for p in caught.value.problems]
    assert set(paths) == {"x", "", "action", "deadline"}
    assert any("needs 'summary'" in p.message for p in caught.value.problems)


def test_unstructure_gives_the_canonical_short_forms() -> None:
    """Unstructuring writes the canonical forms: by_all, 'upon', dates as text, bare periods."""
    converter = make_converter()
    both = ta.approved_by("USA", "deal") & ta.approved_by("CHN", "deal")
    assert converter.unstructure(both, ta.Condition) == {
        "occurred": "approval",
        "by_all": ["USA", "CHN"],
        "target": "deal",
    }
    assert converter.unstructure(ta.Upon(), ta.DayCount) == "upon"
    assert converter.unstructure(ta.DateReached(dt.date(2026, 1, 1)), ta.Condition) == {
        "date_reached": "2026-01-01"
    }
    assert converter.unstructure(ta.Period(years=1, months=6)) == "P1Y6M"
    commitment = converter.structure(copy.deepcopy(COMMITMENT), ta.Commitment)
    assert converter.unstructure(commitment) == COMMITMENT
    plain = ta.Commitment(
        id="c",
        by="USA",
        action=ta.Action.LIFT,
        summary="s",
        deadline=ta.Deadline(within=ta.Period(days=30)),
        term=ta.Term(period=ta.Period(days=90)),
    )
    assert converter.unstructure(plain) == {
        "id": "c",
        "by": "USA",
        "action": "lift",
        "summary": "s",
        "deadline": "P30D",
        "term": "P90D",
    }
    assert converter.unstructure(ta.Member(party="USA")) == "USA"
    ds = ta.example_dataset()
    assert converter.unstructure(ds) == dataset_to_data(ds)


@attrs.frozen
class Tracked:
    """A user's own class that holds tradeaccord values."""

    label: str
    commitment: ta.Commitment
    history: list[ta.Commitment] = attrs.field(factory=list)


@attrs.frozen
class Watched:
    """A user's own class with an optional condition."""

    label: str
    condition: ta.Condition | None = None


def test_configure_converter_teaches_a_users_converter() -> None:
    """A user's own cattrs converter, configured, reads and writes a class holding a Commitment."""
    converter = cattrs.Converter()
    configure_converter(converter)
    commitment = make_converter().structure(copy.deepcopy(COMMITMENT), ta.Commitment)
    value = Tracked(label="watch", commitment=commitment, history=[commitment])
    plain = converter.unstructure(value)
    assert plain == {"label": "watch", "commitment": COMMITMENT, "history": [COMMITMENT]}
    assert converter.structure(json.loads(json.dumps(plain)), Tracked) == value


def test_configure_converter_rejects_unknown_keys_in_a_users_class() -> None:
    """Structuring a user's class fails on an unknown key of the Commitment it holds."""
    converter = cattrs.Converter()
    configure_converter(converter)
    with pytest.raises(Exception) as caught:
        converter.structure(
            {"label": "x", "commitment": {**COMMITMENT, "priority": "high"}}, Tracked
        )
    errors = caught.value.exceptions if isinstance(caught.value, ExceptionGroup) else [caught.value]
    [error] = errors
    assert isinstance(error, InputError)
    assert [p.path for p in error.problems] == ["priority"]


def test_configure_converter_handles_an_optional_condition() -> None:
    """A user's class with a field typed ``Condition | None`` is read and written."""
    converter = cattrs.Converter()
    configure_converter(converter)
    value = Watched(label="w", condition=ta.InForce("deal"))
    plain = converter.unstructure(value)
    assert plain == {"label": "w", "condition": {"in_force": "deal"}}
    assert converter.structure(plain, Watched) == value
    assert converter.structure({"label": "w"}, Watched) == Watched(label="w")


# Reports ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> ta.Report:
    """The example dataset evaluated on 2025-11-15."""
    return ta.evaluate(ta.example_dataset(), dt.date(2025, 11, 15))


@pytest.mark.parametrize("explain", [False, True])
def test_report_to_dict_has_its_format(report: ta.Report, explain: bool) -> None:
    """The report data starts with "format": 1."""
    data = report_to_dict(report, explain=explain)
    assert data["format"] == REPORT_FORMAT == 2
    assert next(iter(data)) == "format"
    assert data["as_of"] == "2025-11-15"


@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize("indent", [None, 2])
def test_report_to_json_parses_back_to_the_dict(
    report: ta.Report, explain: bool, indent: int | None
) -> None:
    """report_to_json is the JSON text of report_to_dict, exactly."""
    text = report_to_json(report, explain=explain, indent=indent)
    assert json.loads(text) == report_to_dict(report, explain=explain)
    assert text.endswith("\n")


def test_explanation_to_dict_has_a_format_key(report: ta.Report) -> None:
    """An explanation alone carries the report format, and is the report's explanation node."""
    agreement = report.agreement("london-2025")
    data = explanation_to_dict(agreement.explanation)
    assert data["format"] == REPORT_FORMAT
    in_report = next(
        a for a in report_to_dict(report, explain=True)["agreements"] if a["id"] == "london-2025"
    )
    assert {k: v for k, v in data.items() if k != "format"} == in_report["explanation"]
    json.dumps(data)


# Reading from files ------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_the_format_readers_agree(format: str) -> None:
    """dataset_from_json/_yaml/_toml read what dataset_from_text reads."""
    reader = {"json": dataset_from_json, "yaml": dataset_from_yaml, "toml": dataset_from_toml}
    text = write(base(), format)
    assert reader[format](text) == dataset_from_text(text, format=format)  # type: ignore[arg-type]
    with pytest.raises(InputError) as caught:
        reader[format](write({**base(), "colour": "red"}, format), source="mine")
    assert caught.value.source == "mine"
    assert [p.path for p in caught.value.problems] == ["colour"]


def test_the_example_dataset_reads_from_every_format() -> None:
    """The example dataset, written as plain data, is read back from each format."""
    ds = ta.example_dataset()
    data = dataset_to_data(ds, dates="native")
    assert dataset_from_yaml(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)) == ds
    assert dataset_from_toml(tomli_w.dumps(data)) == ds
    assert dataset_from_json(json.dumps(dataset_to_data(ds))) == ds


# Problems after a bad commitment, and hints -------------------------------------------------


def test_problems_after_a_bad_commitment_keep_their_commitment_index() -> None:
    """A reference problem in the third commitment is placed at ``commitments[2]`` even
    when the first commitment could not be read."""
    data = base()
    commitments = data["agreements"][0]["commitments"]
    commitments[0]["action"] = "lfit"
    commitments.append({"id": "deal/c2", "by": "USA", "action": "lift", "summary": "Two"})
    commitments.append({"id": "deal/c3", "by": "FRA", "action": "lift", "summary": "Three"})
    for format in FORMATS:
        paths = [p.path for p in problems_of(write(data, format), format)]
        assert paths == [
            "agreements[0].commitments[0].action",
            "agreements[0].commitments[2].by",
        ], format


@pytest.mark.parametrize(
    ("where", "value", "hint"),
    [
        (("events", 0, "kind"), "aproval", "did you mean 'approval'?"),
        (("agreements", 0, "commitments", 0, "sumary"), "x", "did you mean 'summary'?"),
        (
            ("agreements", 1, "entry_into_force", "when"),
            {"date_reachd": "2025-09-01"},
            "did you mean 'date_reached'?",
        ),
    ],
)
def test_misspellings_get_a_hint(where: tuple[Any, ...], value: Any, hint: str) -> None:
    """A misspelt enumeration value, key or condition name is answered with the likely word."""
    data = base()
    node: Any = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    (problem,) = [p for p in problems_of(write(data, "json"), "json") if hint in p.message]
    assert problem.path.startswith(dotted(where[:-1]))


def test_no_hint_for_a_word_unlike_any_known() -> None:
    """A value unlike every known one gets the list of known values, not a guess."""
    data = base()
    data["events"][0]["kind"] = "zzzz"
    (problem,) = problems_of(write(data, "json"), "json")
    assert "did you mean" not in problem.message and "(known: statement," in problem.message


# A key given twice, then a syntax error -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"format": 1, "format": 1, "title": }',
        '{"format": 1, "parties": [{"id": "USA", "id": "USA"}], "title": "T" "x"}',
        '{"a": 1, "a": 2',
    ],
    ids=["then a missing value", "then a missing comma", "then the end"],
)
def test_a_json_key_given_twice_before_a_syntax_error_is_one_problem(text: str) -> None:
    """A key given twice followed by a syntax error is refused as invalid JSON, with its
    line, never with a bare ``json.JSONDecodeError`` (found by fuzzing the reader)."""
    [problem] = problems_of(text, "json")
    assert problem.path == ""
    assert problem.message.startswith("not valid JSON: ")
    assert problem.line == 1


def test_a_json_key_given_twice_is_placed_at_each_object(tmp_path: Any) -> None:
    """Keys given twice in several objects are each reported at their own place."""
    text = '{"format": 1, "parties": [{"id": "A", "name": "A", "id": "B"}], "title": "T", "title": "U"}'
    problems = problems_of(text, "json")
    assert [(p.location, p.message) for p in problems] == [
        (("parties", 0, "id"), "the key 'id' is given twice"),
        (("title",), "the key 'title' is given twice"),
    ]


@pytest.mark.parametrize("format", FORMATS)
def test_text_with_a_lone_surrogate_is_refused(format: str) -> None:
    """A ``str`` holding a lone surrogate is not text a file can hold: it is refused
    like bytes that are not UTF-8, in every format (found by fuzzing; the YAML parser
    raised ``UnicodeEncodeError``)."""
    text = write(base(), format).replace("Formats", "a\udb76b")
    [problem] = problems_of(text, format)
    assert problem.path == ""
    assert problem.message.startswith("not valid text: an unpaired surrogate U+DB76 (character ")


def test_a_json_escape_of_half_a_character_is_refused_at_its_place() -> None:
    """A JSON escape that stands for half a character (``\\ud800`` alone) is not text;
    it is refused at the place of its value (a pair is one character, and reads)."""
    pair = write({**base(), "title": "\U0001f600"}, "json")
    assert dataset_from_json(pair).title == "\U0001f600"
    text = write({**base(), "title": "a\udb76b"}, "json")
    assert "\\udb76" in text
    [problem] = problems_of(text, "json")
    assert (problem.path, problem.message) == (
        "title",
        "not valid text: an unpaired surrogate U+DB76",
    )


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (("events", 0), "expected an event (an object), got null"),
        (("groups", 0, "members", 1), "expected a member (a party id or an object), got null"),
        ((*WHEN_KEYS, "by_all"), "expected a non-empty list of party ids, got null"),
    ],
)
def test_a_null_item_of_a_list_is_not_a_key_to_leave_out(
    where: tuple[Any, ...], message: str
) -> None:
    """A ``null`` in a list is an item of the wrong kind: the message says what was
    expected, not to leave a key out."""
    data = base()
    set_at(where, None)(data)
    problems = problems_of(write(data, "json"), "json")
    assert [(p.path, p.message) for p in problems] == [(dotted(where), message)]
