"""Expectations, scenario files, ``tradeaccord check``, ``--scenario`` and the pytest plugin."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradeaccord as ta
from tradeaccord._cli import main
from tradeaccord.errors import FileError, InputError, ModelValueError, TradeAccordError
from tradeaccord.serialization import json_schema, load_scenario, scenario_from_text

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "scenarios").glob("*.scenario.*"))
WRONG = ROOT / "tests" / "data" / "wrong-expectation.yaml"
D = dt.date

#: What ``tradeaccord check`` and pytest both say of the wrong expectation.
WRONG_LINE = (
    "expect[1]: as of 2025-06-16, london-2025: status in_force, since 2025-06-14: "
    "not met: since: expected 2025-06-14, got 2025-06-15"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# Expectations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Expectation: name an agreement (and maybe a party of it) or a commitment"),
        (
            {"agreement": "a", "commitment": "c", "status": "in_force"},
            "Expectation: name an agreement (and maybe a party of it) or a commitment",
        ),
        ({"party": "USA", "status": "bound"}, "Expectation.party: names a party of an agreement"),
        ({"agreement": "a"}, "Expectation: say what should hold: one of status, in_force, since"),
        ({"agreement": "a", "bound": True}, "Expectation.bound: is about a party"),
        ({"agreement": "a", "party": "P", "in_force": True}, "Expectation.in_force: is about"),
        ({"commitment": "c", "in_force": True}, "Expectation.in_force: is about an agreement"),
        ({"agreement": "a", "deontic": "pending"}, "Expectation.deontic: is about a commitment"),
        ({"agreement": "a", "status": "active"}, "'active' is not a status of an agreement"),
        ({"commitment": "c", "status": "in_force"}, "'in_force' is not a status of a commitment"),
        ({"commitment": "c", "deontic": "late"}, "Expectation.deontic: 'late' is not one of"),
    ],
)
def test_an_expectation_says_what_is_wrong(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ModelValueError) as caught:
        ta.Expectation(as_of=D(2025, 6, 1), **fields)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_types_are_checked() -> None:
    with pytest.raises(ta.errors.ModelTypeError):
        ta.Expectation(as_of="2025-06-01", agreement="a", status="in_force")  # type: ignore[arg-type]
    with pytest.raises(ta.errors.ModelTypeError):
        ta.Expectation(as_of=D(2025, 6, 1), agreement="a", in_force="yes")  # type: ignore[arg-type]


def test_outcomes_compare_every_check_at_all_three_levels() -> None:
    """Agreement, party and commitment expectations, met or not, against the record."""
    day = D(2025, 6, 28)
    expect = (
        ta.Expectation(as_of=day, agreement="london-2025", status="in_force", in_force=True),
        ta.Expectation(as_of=day, agreement="london-2025", party="CHN", bound=True, since=day),
        ta.Expectation(
            as_of=day,
            commitment="london-2025/us-rollback-export-restrictions",
            status="active",
            deontic="pending",
            since=D(2025, 6, 27),
        ),
        ta.Expectation(as_of=day, agreement="no-such-agreement", status="in_force"),
    )
    file = ta.ScenarioFile(scenario=ta.Scenario(name="record"), expect=expect)
    agreement, party, commitment, unknown = file.check(ta.example_dataset())
    assert agreement.met and commitment.met
    assert not party.met
    assert [(m.check, m.expected, m.actual) for m in party.mismatches] == [
        ("since", day, D(2025, 6, 27))
    ]
    assert party.explanation is not None  # the agreement's, for a party
    assert (
        unknown.problem is not None and "unknown agreement 'no-such-agreement'" in unknown.problem
    )
    assert unknown.describe().endswith(unknown.problem)


def test_a_scenario_that_does_not_apply_raises() -> None:
    file = ta.ScenarioFile(scenario=ta.Scenario(name="typo", remove=("nope",)))
    with pytest.raises(ta.errors.ScenarioError, match="remove\\[0\\]: no recorded event 'nope'"):
        file.check(ta.example_dataset())


def test_the_history_of_a_file_without_changes_is_the_record() -> None:
    file = ta.ScenarioFile(scenario=ta.Scenario(name="record"))
    assert file.history(ta.example_dataset()).scenario is None


# Reading scenario files ------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_reads_and_is_met(path: Path) -> None:
    """The example files read, follow the JSON Schema, and every expectation holds."""
    file = load_scenario(path)
    assert file.expect
    assert all(o.met for o in file.check(ta.example_dataset()))
    data = _plain(path)
    jsonschema.validate(data, json_schema("scenario"))


def _plain(path: Path) -> object:
    """The file as JSON-like data (dates as text), as the schema describes it."""
    import tomllib

    import yaml

    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    return json.loads(json.dumps(data, default=lambda d: d.isoformat()))


def test_the_schema_refuses_what_the_reader_refuses() -> None:
    schema = json_schema("scenario")
    bad = {"format": 1, "scenario": {"name": "x"}, "expect": [{"as_of": "2025-01-01", "x": 1}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad_status = {"format": 1, "scenario": {"name": "x"}, "expect": [{"as_of": "2025-01-01", "agreement": "a", "status": "on"}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad_status, schema)
    with pytest.raises(ValueError, match="kind must be"):
        json_schema("report")  # type: ignore[arg-type]


def test_every_problem_is_listed_with_its_line() -> None:
    text = """\
format: 1
scenario:
  name: s
  redate:
    - {event: e, date: 2025-02-30}
expect:
  - as_of: 2025-06-16
    agreement: london-2025
    staus: in_force
  - as_of: 2025-06-16
    agreement: london-2025
    in_force: maybe
"""
    with pytest.raises(InputError) as caught:
        scenario_from_text(text, format="yaml", source="s.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert shown[0].startswith("scenario.redate[0].date (line 5): not a valid calendar date")
    assert shown[1].startswith("expect[0].staus (line 9): unknown key 'staus' in an expectation")
    assert "did you mean 'status'?" in shown[1]
    assert shown[2] == "expect[1].in_force (line 12): must be true or false, got text 'maybe'"
    assert len(shown) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "expected a scenario file (an object), got a list"),
        ('{"scenario": {"name": "x"}}', "format: a scenario file needs 'format': 1"),
        ('{"format": 7, "scenario": {"name": "x"}}', "format: unknown format 7"),
        ('{"format": 1}', "a scenario file needs 'scenario'"),
        ('{"format": 1, "scenario": {"name": "x"}, "data": 1}', "unknown key 'data'"),
        ('{"format": 1, "scenario": {"name": "x"', "line 1"),
    ],
)
def test_bad_files_are_input_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        scenario_from_text(text, format="json")
    assert message in str(caught.value)


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="no such file"):
        load_scenario(tmp_path / "none.scenario.yaml")


def _seeds() -> list[tuple[str, str]]:
    return [
        (p.read_text(encoding="utf-8"), "toml" if p.suffix == ".toml" else "yaml") for p in EXAMPLES
    ]


@settings(max_examples=150, deadline=None)
@given(
    seed=st.sampled_from(_seeds()),
    mutations=st.lists(st.integers(0, 2**32), min_size=1, max_size=3),
)
def test_fuzzed_scenario_files_raise_only_tradeaccord_errors(
    seed: tuple[str, str], mutations: list[int]
) -> None:
    """Mutated scenario files read and check, or raise a ``TradeAccordError``: nothing else."""
    text, format = seed
    for number in mutations:
        text = _mutate(random.Random(number), text)
    try:
        file = scenario_from_text(text, format=format)  # type: ignore[arg-type]
        file.check(ta.example_dataset())
    except TradeAccordError:
        pass


def _mutate(rng: random.Random, text: str) -> str:
    sys.path.insert(0, str(ROOT / "fuzz"))
    try:
        from readers import _text_mutation  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return _text_mutation(rng, text)  # type: ignore[no-any-return]


# The command line ----------------------------------------------------------------------


def test_check_passes_on_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", *map(str, EXAMPLES))
    assert (code, err) == (0, "")
    assert [line.split(": ", 1)[1] for line in out.splitlines()] == [
        "5 expectations, all met",
        "5 expectations, all met",
    ]


def test_check_fails_on_a_wrong_expectation_and_explains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", str(WRONG))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"{WRONG}: 1 of 2 expectations not met"
    assert lines[1] == f"  {WRONG_LINE}"
    assert lines[2] == "    why:"
    assert "london-2025: in_force (rule in-force: in force since 2025-06-15)" in lines[3]
    assert any("approval by CHN" in line and "[hypothetical]" in line for line in lines)


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", str(WRONG), str(EXAMPLES[0]))
    data = json.loads(out)
    assert code == 1
    assert (data["format"], data["met"]) == (2, False)
    wrong, example = data["files"]
    assert (wrong["met"], example["met"]) == (False, True)
    first, second = wrong["expectations"]
    assert first["met"] and first["explanation"] is None
    assert second["mismatches"] == [
        {"check": "since", "expected": "2025-06-14", "actual": "2025-06-15"}
    ]
    assert second["explanation"]["value"] == "true"


def test_check_lists_the_problems_of_an_invalid_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.scenario.yaml"
    bad.write_text("format: 1\nscenario: {name: s, remove: [nope]}\nexpect: []\n")
    worse = tmp_path / "worse.scenario.json"
    worse.write_text('{"format": 1, "scenario": {"name": "s"}, "expect": [{"as_of": 3}]}')
    code, out, err = run(capsys, "check", str(bad), str(worse))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{bad}: 1 problem",
        f"{bad}: remove[0]: no recorded event 'nope'",
        f"{worse}: 1 problem",
        f"{worse}: expect[0].as_of: expected a date 'YYYY-MM-DD', got int 3",
    ]


def test_check_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "none.scenario.yaml"))
    assert code == 2 and err.startswith("tradeaccord: error: no such file")
    other = tmp_path / "a.scenario.yaml"
    other.write_text("format: 1\nscenario: {name: s}\ndataset: missing.json\nexpect: []\n")
    code, out, _ = run(capsys, "check", str(other))
    assert code == 1 and f"no such file: {tmp_path / 'missing.json'}" in out


def test_status_and_history_under_a_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    early = str(EXAMPLES[1])
    code, out, _ = run(
        capsys, "status", "--scenario", early, "--as-of", "2025-06-16", "--agreement", "london-2025"
    )
    assert code == 0
    assert out.startswith("As of 2025-06-16, in the what-if scenario 'early-approvals'")
    assert "in force: yes, since 2025-06-15" in out
    code, out, _ = run(
        capsys, "history", "--scenario", early, "--agreement", "london-2025", "--json"
    )
    data = json.loads(out)
    assert data["scenario"] == "early-approvals"
    assert data["agreements"][0]["intervals"][-1]["start"] == "2025-06-15"
    code, out, _ = run(capsys, "history", "--scenario", early, "--agreement", "london-2025")
    assert out.startswith("In the what-if scenario 'early-approvals' (hypothetical events marked)")
    code, out, _ = run(capsys, "status", "--scenario", str(EXAMPLES[0]), "--as-of", "2025-06-16")
    assert code == 0 and "what-if" not in out  # a file that changes nothing: the record


def test_a_scenario_file_names_its_dataset(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without FILE, the dataset the scenario file names; with another FILE, an error."""
    (tmp_path / "data").mkdir()
    dataset = tmp_path / "data" / "us-china.json"
    code, out, _ = run(capsys, "example", "--format", "json")
    dataset.write_text(out)
    scenario = tmp_path / "later.scenario.yaml"
    scenario.write_text(
        "format: 1\ndataset: data/us-china.json\nscenario:\n  name: later\n"
        "  redate: [{event: 2025-06-27-cn-approval, date: 2025-06-30}]\n"
        "expect: [{as_of: 2025-06-28, agreement: london-2025, in_force: false}]\n"
    )
    code, out, _ = run(capsys, "check", str(scenario))
    assert (code, out) == (0, f"{scenario}: 1 expectation, all met\n")
    code, out, _ = run(capsys, "status", "--scenario", str(scenario), "--as-of", "2025-06-28")
    assert code == 0 and "'later'" in out
    code, out, _ = run(capsys, "status", str(dataset), "--scenario", str(scenario))
    assert code == 0
    code, _, err = run(capsys, "status", str(EXAMPLES[0]), "--scenario", str(scenario))
    assert code == 2 and "is about" in err and "give that FILE, or none" in err


def test_schema_of_scenario_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "--scenario")
    assert code == 0 and json.loads(out) == json_schema("scenario")


# The pytest plugin ---------------------------------------------------------------------------


def test_pytest_collects_scenario_files_and_reports_the_failure(pytester: pytest.Pytester) -> None:
    shutil.copy(WRONG, pytester.path / "wrong.scenario.yaml")
    shutil.copy(EXAMPLES[0], pytester.path / EXAMPLES[0].name)
    (pytester.path / "not-collected.yaml").write_text("format: 1\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-rf")
    result.assert_outcomes(passed=6, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ expect[[]1[]]: as of 2025-06-16, london-2025: status in_force, since 2025-06-14 _*",
            f"  {WRONG_LINE}",
            "    why:",
            "*london-2025: in_force (rule in-force: in force since 2025-06-15)*",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_pytest_reports_an_invalid_scenario_file(pytester: pytest.Pytester) -> None:
    (pytester.path / "bad.scenario.json").write_text('{"format": 1, "expect": []}')
    (pytester.path / "empty.scenario.json").write_text('{"format": 1, "scenario": {"name": "e"}}')
    (pytester.path / "typo.scenario.json").write_text(
        '{"format": 1, "scenario": {"name": "t", "remove": ["nope"]},'
        ' "expect": [{"as_of": "2025-01-01", "agreement": "london-2025", "in_force": false}]}'
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "*cannot read *bad.scenario.json: a scenario file needs 'scenario'*",
            "*empty.scenario.json: the file states no expectation ('expect')",
            "*typo.scenario.json: scenario 't' does not apply: remove[[]0[]]: no recorded event 'nope'",
        ]
    )
