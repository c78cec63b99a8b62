"""The command line: status on the embedded dataset or a file, JSON output, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tradeaccord as ta
from tradeaccord._cli import main
from tradeaccord.serialization import dataset_to_json


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def london(data: dict) -> dict:  # type: ignore[type-arg]
    return next(a for a in data["agreements"] if a["id"] == "london-2025")


def test_json_before_approvals(capsys: pytest.CaptureFixture[str]) -> None:
    """On 2025-06-12 the JSON shows London not in force with both approvals missing."""
    code, out, err = run(capsys, "status", "--as-of", "2025-06-12", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["as_of"] == "2025-06-12"
    entry = london(data)
    assert entry["in_force"] is False
    assert entry["in_force_since"] is None
    assert entry["status"] == "awaiting_entry_into_force"
    assert entry["missing"] == ["approval of london-2025 by USA", "approval of london-2025 by CHN"]


def test_json_after_approvals(capsys: pytest.CaptureFixture[str]) -> None:
    """On 2025-06-28 London is in force since 2025-06-27 and Geneva since 2025-05-14."""
    code, out, _ = run(capsys, "status", "--as-of", "2025-06-28", "--json")
    data = json.loads(out)
    assert code == 0
    assert london(data)["in_force"] is True
    assert london(data)["in_force_since"] == "2025-06-27"
    assert london(data)["missing"] == []
    geneva = next(a for a in data["agreements"] if a["id"] == "geneva-2025")
    assert (geneva["in_force"], geneva["in_force_since"]) == (True, "2025-05-14")
    rollback = next(
        c
        for c in london(data)["commitments"]
        if c["id"].endswith("us-rollback-export-restrictions")
    )
    assert rollback["status"] == "active"


def test_json_explain_has_citations(capsys: pytest.CaptureFixture[str]) -> None:
    """--explain adds explanation trees whose citations carry sources."""
    _, out, _ = run(
        capsys,
        "status",
        "--as-of",
        "2025-06-28",
        "--json",
        "--explain",
        "--agreement",
        "london-2025",
    )
    data = json.loads(out)
    assert [a["id"] for a in data["agreements"]] == ["london-2025"]

    def citations(node: dict) -> list:  # type: ignore[type-arg]
        return node["citations"] + [c for child in node["children"] for c in citations(child)]

    found = citations(data["agreements"][0]["explanation"])
    assert {c["event"] for c in found} >= {"2025-06-25-us-approval", "2025-06-27-cn-approval"}
    assert all(c["sources"] for c in found)


def test_text_output_mentions_missing(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report names what London is waiting for."""
    code, out, _ = run(capsys, "status", "--as-of", "2025-06-12", "--agreement", "london-2025")
    assert code == 0
    assert "missing: approval of london-2025 by USA" in out
    assert out.startswith("As of 2025-06-12")


def test_file_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`tradeaccord example` writes a file that `tradeaccord status FILE` reads to the same answer."""
    code, out, _ = run(capsys, "example")
    assert code == 0
    path = tmp_path / "us-china.json"
    path.write_text(out, encoding="utf-8")
    _, from_file, _ = run(capsys, "status", str(path), "--as-of", "2025-06-28", "--json")
    _, embedded, _ = run(capsys, "status", "--as-of", "2025-06-28", "--json")
    assert json.loads(from_file) == json.loads(embedded)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("status", "--as-of", "2025-02-30"), "not a valid date 'YYYY-MM-DD': '2025-02-30'"),
        (("status", "--as-of", "tomorrow"), "not a valid date"),
        (("status", "no-such-file.json"), "no such file: no-such-file.json"),
        (("status", "--agreement", "nope"), "unknown agreement 'nope'"),
        (("frobnicate",), "invalid choice"),
        ((), "required"),
    ],
)
def test_unusable_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    """Unusable arguments give exit status 2 and one clear line on stderr."""
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("tradeaccord: error: ")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": 1, "parties": [{"id": "X"}]}', "parties[0]: a party needs 'name'"),
        ("{not json", "not valid JSON"),
        ("[]", "expected a dataset (an object), got a list"),
        ('{"format": 7}', "format: unknown format 7 (this release reads: 1)"),
        ("", "the file is empty"),
    ],
)
def test_invalid_file_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    """A file that is not a valid dataset gives exit status 1 and names the problem."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "status", str(path))
    assert code == 1
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_binary_junk_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Binary junk is reported as unreadable text, not a traceback."""
    path = tmp_path / "junk.json"
    path.write_bytes(bytes(range(256)))
    code, _, err = run(capsys, "status", str(path))
    assert code == 1
    assert "not UTF-8 text (byte 128" in err


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m tradeaccord` runs the same command line as a separate process."""
    result = subprocess.run(
        [sys.executable, "-m", "tradeaccord", "status", "--as-of", "2025-06-28", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert london(json.loads(result.stdout))["in_force_since"] == "2025-06-27"


def test_sources_implies_explain(capsys: pytest.CaptureFixture[str]) -> None:
    """--sources alone shows the explanation with each event's sources."""
    code, out, _ = run(
        capsys, "status", "--as-of", "2025-06-28", "--agreement", "london-2025", "--sources"
    )
    assert code == 0
    assert "why:" in out
    assert "source: mondaq.com" in out


def test_multilateral_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file with a threshold and per-party entry: text shows progress and parties, JSON too."""
    treaty = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=("AAA", "BBB", "CCC"),
        concluded=dt.date(2026, 1, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(2, target="t"),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
    )
    events = tuple(
        ta.Event(
            id=f"deposit-{p}",
            date=day,
            kind=ta.EventKind.DEPOSIT,
            party=p,
            target="t",
            summary=f"{p} deposits",
        )
        for p, day in (("AAA", dt.date(2026, 2, 2)), ("BBB", dt.date(2026, 3, 2)))
    )
    dataset = ta.Dataset(
        parties=tuple(ta.Party(id=p, name=p) for p in ("AAA", "BBB", "CCC")),
        agreements=(treaty,),
        events=events,
    )
    path = tmp_path / "treaty.json"
    path.write_text(dataset_to_json(dataset), encoding="utf-8")
    code, out, err = run(capsys, "status", str(path), "--as-of", "2026-02-10")
    assert (code, err) == (0, "")
    assert "  progress: at least 2 deposits for t: 1 of 2, 1 more needed\n" in out
    assert "  - AAA: not bound, instrument 2026-02-02\n" in out
    code, out, _ = run(capsys, "status", str(path), "--as-of", "2026-03-10", "--json")
    [entry] = json.loads(out)["agreements"]
    assert entry["scheduled_entry_into_force"] == "2026-04-01"
    assert entry["progress"][0]["have"] == "2"
    assert [(p["party"], p["status"]) for p in entry["parties"]] == [
        ("AAA", "pending"),
        ("BBB", "pending"),
        ("CCC", "not_bound"),
    ]


# Dataset files in every format -----------------------------------------------------------

BAD_FILES = [
    # (suffix, content, the problem's place as printed)
    (".yaml", "format: 1\nparties:\n  - {id: USA, name: 7}\n", ":3: parties[0].name: must be str"),
    (
        ".yaml",
        "format: 1\nparties: []\nparties: []\n",
        ":3: parties: the key 'parties' is given twice",
    ),
    (".yaml", "format: 1\nevents: !!python/object/apply:os.system ['echo hi']\n", ":2: events:"),
    (".yaml", "a: &a [*a]\n", ""),
    (".yaml", "# only a comment\n", "the file is empty"),
    (".yaml", "format: 1\n\tbad: indentation\n", ":2: not valid YAML"),
    (
        ".toml",
        "format = 1\n[[parties]]\nid = 'USA'\nname = 'US'\nkind = 'planet'\n",
        "parties[0].kind: unknown party kind 'planet'",
    ),
    (".toml", "format = 1\nformat = 1\n", "not valid TOML"),
    (".toml", "format = 1\n[[events]]\nid = 'e'\ndate = 2025-02-30\n", "not valid TOML"),
    (".json", '{"format": 1, "format": 1}', "the key 'format' is given twice"),
    (".json", "[" * 100_000, "nested too deeply"),
    (
        ".json",
        '{"format": 1, "agreements": [{"id": "a", "title": "A", "kind": "treaty", '
        '"parties": [], "entry_into_force": {"when": {"instrument_count": 2, "target": "a", '
        '"bogus": 1}}}]}',
        "agreements[0].entry_into_force.when.bogus: unknown key 'bogus'",
    ),
]


@pytest.mark.parametrize(("suffix", "content", "expected"), BAD_FILES)
def test_validate_reports_bad_files_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, content: str, expected: str
) -> None:
    """`validate` exits 1 on a bad file and prints its problems, never a traceback."""
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err == ""
    assert "Traceback" not in out
    assert out.startswith(f"{path}: ")
    assert expected in out
    code, _, err = run(capsys, "status", str(path))
    assert code == 1 and "Traceback" not in err


def test_validate_lists_every_problem_with_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every problem of a YAML file is printed as FILE:LINE: path: message."""
    path = tmp_path / "deal.yaml"
    path.write_text(
        "format: 1\n"
        "parties:\n"
        "  - {id: USA, name: United States}\n"
        "agreements:\n"
        "  - id: deal\n"
        "    title: Deal\n"
        "    kind: framework\n"
        "    parties: [USA, CHN]\n"
        "    concluded: 2025-13-01\n"
        "events:\n"
        "  - {id: e, date: 2025-06-01, kind: approvel, summary: x}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}: 3 problems"
    assert lines[1] == f"{path}:8: agreements[0].parties[1]: unknown party 'CHN' (known: USA)"
    assert lines[2].startswith(f"{path}:9: agreements[0].concluded: not a valid calendar date")
    assert lines[3].startswith(f"{path}:11: events[0].kind: unknown event kind 'approvel'")


def test_validate_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`validate --json` gives one object with each file's validity and problems."""
    good = tmp_path / "good.json"
    good.write_text('{"format": 1}', encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ntitle: [x]\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--json", str(good), str(bad))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert [f["valid"] for f in data["files"]] == [True, False]
    (problem,) = data["files"][1]["problems"]
    assert problem["path"] == "title" and problem["line"] == 2
    assert "must be str" in problem["message"]


def test_validate_accepts_every_shipped_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The example printed in each format validates, and `status` reads it to the same answer."""
    answers = []
    for kind in ("json", "toml", "yaml"):
        code, out, _ = run(capsys, "example", "--format", kind)
        assert code == 0
        path = tmp_path / f"example.{kind}"
        path.write_text(out, encoding="utf-8")
        code, out, _ = run(capsys, "validate", str(path))
        assert (code, out) == (0, f"{path}: valid (4 agreements, 45 events)\n")
        _, report, _ = run(capsys, "status", str(path), "--as-of", "2025-11-20", "--json")
        answers.append(json.loads(report))
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("validate", "no-such-file.yaml"), "no such file: no-such-file.yaml"),
        (("validate", "dataset.txt"), "cannot tell the format of dataset.txt"),
        (("validate",), "required"),
        (("validate", "--format", "xml", "x.xml"), "invalid choice"),
        (("status", "--format", "yaml"), "--format needs a FILE"),
        (("example", "--format", "csv"), "invalid choice"),
    ],
)
def test_validate_unusable_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    """Arguments `validate` cannot use give exit status 2 and one line on stderr."""
    (tmp_path / "dataset.txt").write_text("format: 1\n", encoding="utf-8")
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, err = run(capsys, *argv)
    finally:
        os.chdir(here)
    assert code == 2
    assert out == ""
    assert message in err


def test_validate_with_format_reads_any_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--format` says how to read a file whose name does not tell."""
    path = tmp_path / "dataset.txt"
    path.write_text("format = 1\ntitle = 'T'\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "toml", str(path))
    assert (code, out) == (0, f"{path}: valid (0 agreements, 0 events)\n")


def test_schema_command_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`tradeaccord schema` prints the JSON Schema that `json_schema()` returns."""
    from tradeaccord.serialization import json_schema

    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    assert json.loads(out)["required"] == ["format"]


@pytest.mark.parametrize("command", ["status", "validate"])
def test_a_json_key_given_twice_before_a_syntax_error_exits_1_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """The input that made `validate` print a traceback is refused with exit status 1."""
    path = tmp_path / "twice.json"
    path.write_text('{"format": 1, "format": 1, "title": }', encoding="utf-8")
    code, out, err = run(capsys, command, str(path))
    assert code == 1
    assert "Traceback" not in out + err
    assert "not valid JSON" in out + err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.json", "no such file: "),
        (lambda tmp: (tmp / "folder.json").mkdir() or tmp / "folder.json", "not a file: "),
        (lambda tmp: tmp / "data.csv", "cannot tell the format of "),
    ],
    ids=["missing", "a directory", "unknown suffix"],
)
def test_one_loader_tells_an_unreadable_file_from_an_invalid_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Any, message: str
) -> None:
    """A file that cannot be read is a FileError (an InputError), exit status 2, for the
    library and both commands alike."""
    from tradeaccord.errors import FileError, InputError
    from tradeaccord.serialization import load_dataset

    path = make(tmp_path)
    (tmp_path / "data.csv").write_text("format,1\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        load_dataset(path)
    assert isinstance(caught.value, InputError) and caught.value.code == "file"
    assert str(caught.value).startswith(message)
    for command in ("status", "validate"):
        code, out, err = run(capsys, command, str(path))
        assert (code, out) == (2, "")
        assert err.startswith(f"tradeaccord: error: {message}")
