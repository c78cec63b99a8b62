"""The ``history`` command: status intervals as text and JSON, windows, and bad arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradeaccord._cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_london_history_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    """London awaits entry into force from 06-10, is in force from 06-27; the rollback follows."""
    code, out, err = run(capsys, "history", "--agreement", "london-2025")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "london-2025: London framework to implement the Geneva consensus"
    status = lines[lines.index("  status:") + 1 : lines.index("  parties:")]
    assert [line.split("  ")[2] for line in status] == [
        "until 2025-06-09",
        "on 2025-06-10",
        "2025-06-11 to 2025-06-24",
        "2025-06-25 to 2025-06-26",
        "from 2025-06-27",
    ]
    assert "awaiting entry into force (concluded, not yet in force; waiting for" in status[1]
    assert status[4].endswith("in force (in force since 2025-06-27)")
    start = lines.index("    london-2025/us-rollback-export-restrictions (USA lift):")
    rollback = [line.strip() for line in lines[start + 1 : start + 4]]
    assert (
        rollback[0].startswith("until 2025-06-26")
        and "conditional, not applicable (waiting for" in rollback[0]
    )
    assert (
        rollback[1].startswith("2025-06-27 to 2025-07-01")
        and "active, pending (active since" in rollback[1]
    )
    assert (
        rollback[2].startswith("from 2025-07-02")
        and "performed, fulfilled (performed on 2025-07-02)" in rollback[2]
    )


def test_history_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives every interval with its days, status, rule, reason and cited events."""
    code, out, _ = run(capsys, "history", "--agreement", "london-2025", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["format"], data["from"], data["to"]) == (2, None, None)
    (london,) = data["agreements"]
    assert [(i["start"], i["end"], i["status"]) for i in london["intervals"]] == [
        (None, "2025-06-10", "not_concluded"),
        ("2025-06-10", "2025-06-11", "awaiting_entry_into_force"),
        ("2025-06-11", "2025-06-25", "awaiting_entry_into_force"),
        ("2025-06-25", "2025-06-27", "awaiting_entry_into_force"),
        ("2025-06-27", None, "in_force"),
    ]
    last = london["intervals"][-1]
    assert last["rule"] == "in-force" and last["since"] == "2025-06-27"
    assert last["events"] == [
        "2025-06-11-deal-done-claim-usa",
        "2025-06-25-us-approval",
        "2025-06-11-deal-done-claim-chn",
        "2025-06-27-cn-approval",
    ]
    assert "explanation" not in last and "deontic" not in last
    assert [p["party"] for p in london["parties"]] == ["USA", "CHN"]
    rollback = next(
        c for c in london["commitments"] if c["id"].endswith("rollback-export-restrictions")
    )
    assert [(i["start"], i["status"], i["deontic"]) for i in rollback["intervals"]] == [
        (None, "conditional", "not_applicable"),
        ("2025-06-27", "active", "pending"),
        ("2025-07-02", "performed", "fulfilled"),
    ]


def test_window_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    """--from/--to keep the intervals that meet the window; --explain lists cited events."""
    code, out, _ = run(
        capsys,
        "history",
        "--agreement",
        "london-2025",
        "--from",
        "2025-06-26",
        "--to",
        "2025-06-27",
        "--json",
        "--explain",
    )
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2025-06-26", "2025-06-27")
    starts = [i["start"] for i in data["agreements"][0]["intervals"]]
    assert starts == ["2025-06-25", "2025-06-27"]
    assert data["agreements"][0]["intervals"][1]["explanation"]["label"].startswith(
        "london-2025: in_force"
    )
    code, text, _ = run(
        capsys, "history", "--agreement", "london-2025", "--to", "2025-06-12", "--sources"
    )
    assert code == 0
    assert "from 2025-06-27" not in text
    code, text, _ = run(
        capsys, "history", "--agreement", "london-2025", "--from", "2025-06-27", "--sources"
    )
    assert "* 2025-06-27 approval by CHN: MOFCOM confirms the framework and its details." in text
    assert "source: " in text


def test_history_of_a_file_with_late_parties(capsys: pytest.CaptureFixture[str]) -> None:
    """A dataset file's history shows each party's own entry into force."""
    code, out, err = run(capsys, "history", str(EXAMPLES / "regional-convention.toml"))
    assert code == 0 and err == ""
    assert "  parties:" in out
    assert "bound since" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["history", "--from", "2025-07-01", "--to", "2025-06-01"],
            "--to 2025-06-01 is before --from 2025-07-01",
        ),
        (["history", "--agreement", "london"], "unknown agreement 'london'"),
        (["history", "--from", "2025-02-30"], "not a valid date"),
        (["history", "--format", "json"], "--format needs a FILE"),
        (["history", "no-such-file.json"], "no such file"),
    ],
)
def test_unusable_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Arguments that cannot be used exit with status 2 and a one-line message."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("tradeaccord: error: ") and message in err
    assert "Traceback" not in err


def test_upcoming_lists_the_geneva_suspensions_ending(capsys: pytest.CaptureFixture[str]) -> None:
    """As known on 2025-08-01, the Geneva suspensions end on 2025-08-12."""
    code, out, err = run(capsys, "upcoming", "--as-of", "2025-08-01", "--within", "30d")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert (
        "2025-08-12  geneva-2025/us-suspend-24-points: active -> ended (its term ran out on 2025-08-12)"
        in lines
    )
    assert (
        "2025-08-12  geneva-2025/cn-suspend-24-points: active -> ended (its term ran out on 2025-08-12)"
        in lines
    )
    code, out, _ = run(capsys, "upcoming", "--as-of", "2025-08-01", "--within", "P10D", "--json")
    data = json.loads(out)
    assert (data["as_of"], data["from"], data["to"]) == ("2025-08-01", "2025-08-01", "2025-08-11")
    assert {c["day"] for c in data["changes"]} == {"2025-08-11"}


def test_diff_lists_what_changed(capsys: pytest.CaptureFixture[str]) -> None:
    """diff D1 D2 lists the changes after D1 up to D2; --all adds changes of reason."""
    code, out, _ = run(capsys, "diff", "2025-06-24", "2025-06-27", "--agreement", "london-2025")
    assert code == 0
    assert out.splitlines()[0] == (
        "2025-06-27  london-2025: awaiting entry into force -> in force (in force since 2025-06-27)"
    )
    code, out, _ = run(
        capsys, "diff", "2025-06-24", "2025-06-27", "--agreement", "london-2025", "--all"
    )
    assert out.splitlines()[0].startswith(
        "2025-06-25  london-2025: still awaiting entry into force"
    )
    code, out, _ = run(
        capsys,
        "diff",
        str(EXAMPLES / "regional-convention.toml"),
        "2026-01-01",
        "2026-12-31",
        "--json",
    )
    data = json.loads(out)
    assert data["from"] == "2026-01-01" and data["changes"]
    code, out, _ = run(capsys, "diff", "2025-06-24", "2025-06-24")
    assert (code, out) == (0, "No changes.\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["upcoming", "--within", "3x"], "not a period: '3x'"),
        (["upcoming", "--as-of", "2025-13-01"], "not a valid date"),
        (["diff", "2025-06-01"], "give two days, D1 and D2, after an optional FILE"),
        (["diff", "2025-07-01", "2025-06-01"], "D2 2025-06-01 is before D1 2025-07-01"),
        (["diff", "2025-06-01", "June"], "not a valid date"),
        (["diff", "missing.json", "2025-06-01", "2025-07-01"], "no such file"),
    ],
)
def test_upcoming_and_diff_refuse_unusable_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Unusable arguments exit with status 2 and a one-line message."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and message in err and "Traceback" not in err
