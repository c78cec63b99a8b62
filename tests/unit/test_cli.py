"""The command line: status on the embedded dataset or a file, JSON output, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

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
        ('{"format": 1, "parties": [{"id": "X"}]}', "parties[0].name: required field missing"),
        ("{not json", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"format": 7}', "expected format 1, got 7"),
        ("", "not valid JSON"),
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
    """Binary junk is reported as unreadable JSON, not a traceback."""
    path = tmp_path / "junk.json"
    path.write_bytes(bytes(range(256)))
    code, _, err = run(capsys, "status", str(path))
    assert code == 1
    assert "not valid JSON" in err


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
