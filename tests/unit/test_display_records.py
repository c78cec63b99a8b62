"""Plain records and data frames of reports, histories, changes and progress."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

import tradeaccord as ta
from tradeaccord.errors import MissingDependencyError, ModelTypeError
from tradeaccord.serialization import load_dataset

ROOT = Path(__file__).resolve().parents[2]
PLAIN = (str, int, float, bool, dt.date, type(None))


def assert_plain(rows: list[dict[str, object]]) -> None:
    assert rows
    keys = list(rows[0])
    for row in rows:
        assert list(row) == keys, "every row has the same columns, in the same order"
        for key, value in row.items():
            assert isinstance(value, PLAIN), (key, value)


def test_report_records_have_one_row_per_item() -> None:
    """A report gives one plain row per agreement, party and commitment."""
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 26))
    rows = report.to_records()
    assert_plain(rows)
    assert rows == ta.to_records(report)
    assert len(rows) == sum(1 + len(a.parties) + len(a.commitments) for a in report.agreements)
    london = next(r for r in rows if r["subject"] == "london-2025")
    assert london == {
        "as_of": dt.date(2025, 6, 26),
        "kind": "agreement",
        "agreement": "london-2025",
        "subject": "london-2025",
        "status": "awaiting_entry_into_force",
        "since": dt.date(2025, 6, 10),
        "in_force": "false",
        "rule": "awaiting-entry-into-force",
        "reason": london["reason"],
        "missing": "approval of london-2025 by CHN",
        "deontic": None,
        "due": None,
        "performed_on": None,
        "entry_into_force": None,
    }
    rollback = next(r for r in rows if r["subject"].endswith("us-rollback-export-restrictions"))
    assert (rollback["kind"], rollback["status"], rollback["deontic"]) == (
        "commitment",
        "conditional",
        "not_applicable",
    )


def test_progress_records_of_a_multilateral_clause() -> None:
    """``table="progress"`` gives one row per threshold, with its agreement and day."""
    data = load_dataset(ROOT / "examples" / "data" / "regional-convention.toml")
    report = ta.evaluate(data, dt.date(2026, 1, 1))
    rows = report.to_records(table="progress")
    assert_plain(rows)
    expected = [(a.id, p.path) for a in report.agreements for p in a.progress]
    assert [(r["agreement"], r["path"]) for r in rows] == expected
    first = report.agreements[0].progress[0]
    assert rows[0]["have"] == first.have and rows[0]["required"] == first.required
    assert ta.to_records(report.agreements[0].progress)[0]["condition"] == first.condition


def test_history_records_list_every_interval_and_change() -> None:
    """A history gives one row per interval; ``table="changes"`` one per change."""
    history = ta.History(ta.example_dataset())
    rows = history.to_records()
    assert_plain(rows)
    assert len(rows) == sum(len(s.intervals) for s in history.statuses())
    assert ta.to_records(history) == rows
    london = [r for r in rows if r["kind"] == "agreement" and r["subject"] == "london-2025"]
    assert [(r["start"], r["end"], r["status"]) for r in london] == [
        (None, dt.date(2025, 6, 10), "not_concluded"),
        (dt.date(2025, 6, 10), dt.date(2025, 6, 11), "awaiting_entry_into_force"),
        (dt.date(2025, 6, 11), dt.date(2025, 6, 25), "awaiting_entry_into_force"),
        (dt.date(2025, 6, 25), dt.date(2025, 6, 27), "awaiting_entry_into_force"),
        (dt.date(2025, 6, 27), None, "in_force"),
    ]
    assert london[-1]["citations"] == (
        "2025-06-11-deal-done-claim-usa, 2025-06-25-us-approval, "
        "2025-06-11-deal-done-claim-chn, 2025-06-27-cn-approval"
    )
    changes = history.to_records(
        table="changes", start=dt.date(2025, 6, 9), end=dt.date(2025, 7, 2)
    )
    assert_plain(changes)
    assert changes == ta.to_records(history.changes(dt.date(2025, 6, 9), dt.date(2025, 7, 2)))
    assert {r["day"] for r in changes} == {
        dt.date(2025, 6, 10),
        dt.date(2025, 6, 11),
        dt.date(2025, 6, 25),
        dt.date(2025, 6, 27),
        dt.date(2025, 7, 2),
    }


def test_unknown_stretches_are_marked() -> None:
    """Interval rows say which stretches are unknown (undetermined, or of unknown truth)."""
    strict = ta.EvidencePolicy(min_confidence=ta.Confidence.HIGH)
    rows = ta.History(ta.example_dataset(), policy=strict).to_records(agreements=["london-2025"])
    unknown = [r for r in rows if r["unknown"]]
    assert any(r["kind"] == "agreement" and r["status"] == "undetermined" for r in unknown)
    assert not any(r["unknown"] for r in ta.History(ta.example_dataset()).to_records())


def test_any_attrs_value_gets_a_row_per_field() -> None:
    """A value type with no layout of its own (one added later, say) is tabulated by its fields."""

    @attrs.frozen
    class Upcoming:
        day: dt.date
        agreement: str
        status: ta.AgreementStatus
        needs: tuple[ta.Alternative, ...]

    need = ta.Alternative(needs=(ta.Need(kind="event", description="approval of x by USA"),))
    rows = ta.to_records([Upcoming(dt.date(2026, 1, 1), "x", ta.AgreementStatus.IN_FORCE, (need,))])
    assert rows == [
        {
            "day": dt.date(2026, 1, 1),
            "agreement": "x",
            "status": "in_force",
            "needs": "approval of x by USA",
        }
    ]


def test_bad_input_is_a_clear_error() -> None:
    """Something that cannot be tabulated, or an unknown table, is a ModelTypeError."""
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 26))
    with pytest.raises(ModelTypeError, match="cannot tabulate a int"):
        ta.to_records(3)
    with pytest.raises(ModelTypeError, match="table must be one of statuses, progress, got 'x'"):
        report.to_records(table="x")
    history = ta.History(ta.example_dataset())
    with pytest.raises(ModelTypeError, match="table must be 'intervals' or 'changes'"):
        history.to_records(table="y")
    with pytest.raises(ModelTypeError, match="start and end select changes"):
        history.to_records(start=dt.date(2025, 1, 1))


def test_frames_have_date_columns() -> None:
    """``to_frame`` gives pandas frames whose day columns are datetime64."""
    pandas = pytest.importorskip("pandas")
    history = ta.History(ta.example_dataset())
    frame = history.to_frame(agreements=["london-2025"])
    assert str(frame["start"].dtype).startswith("datetime64")
    assert frame["end"].isna().sum() == len(history.statuses(agreements=["london-2025"]))
    report_frame = history.at(dt.date(2025, 6, 28)).to_frame()
    assert list(report_frame.columns) == list(history.at(dt.date(2025, 6, 28)).to_records()[0])
    assert isinstance(ta.to_frame(history.changes(dt.date.min, dt.date.max)), pandas.DataFrame)


def test_frames_without_pandas_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, ``to_frame`` raises MissingDependencyError with the pip command."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    with pytest.raises(MissingDependencyError) as caught:
        report.to_frame()
    assert str(caught.value) == "data frames need pandas: pip install 'tradeaccord[pandas]'"
    assert isinstance(caught.value, ImportError) and caught.value.extra == "pandas"
