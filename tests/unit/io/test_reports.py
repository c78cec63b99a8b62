"""Reports as data: one writer for every report value class."""

from __future__ import annotations

import datetime as dt
import enum
import json
from fractions import Fraction

import attrs

import tradeaccord as ta
from tradeaccord._io.reports import LAYOUTS, report_data
from tradeaccord.serialization import explanation_to_dict, report_to_dict


def test_every_report_class_of_the_reference_has_a_layout() -> None:
    """The classes of the JSON output reference are written by their layouts."""
    assert set(LAYOUTS) == {
        ta.Report,
        ta.AgreementReport,
        ta.CommitmentReport,
        ta.Progress,
        ta.PartyReport,
        ta.Citation,
        ta.Explanation,
    }


def test_report_data_is_the_json_output() -> None:
    """``report_data`` of a report is ``report_to_dict``, with and without explanations,
    and of any part of it, the same part."""
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 11, 15))
    for explain in (False, True):
        data = report_data(report, explain=explain)
        assert data == report_to_dict(report, explain=explain)
        assert [report_data(a, explain=explain) for a in report.agreements] == data["agreements"]
    london = report.agreement("london-2025")
    assert {
        "format": ta.serialization.REPORT_FORMAT,
        **report_data(london.explanation),
    } == explanation_to_dict(london.explanation)
    json.dumps(report_data(report, explain=True))


class Phase(enum.Enum):
    """A status of a class the reference does not know."""

    OPEN = "open"


@attrs.frozen(kw_only=True)
class Interval:
    """A report class without a layout: the conventions alone apply."""

    start: dt.date
    end: dt.date | None
    phase: Phase
    held: ta.Truth
    share: Fraction
    cited: tuple[ta.Citation, ...] = ()


def test_a_class_without_a_layout_follows_the_conventions() -> None:
    """Dates as text, truths as booleans, enums by value, exact numbers as text, tuples
    as lists, and known classes by their layout: no code is needed for a new class."""
    citation = ta.Citation(
        event="e",
        date=dt.date(2025, 1, 2),
        kind=ta.EventKind.APPROVAL,
        summary="s",
        confidence=ta.Confidence.HIGH,
    )
    value = Interval(
        start=dt.date(2025, 1, 1),
        end=None,
        phase=Phase.OPEN,
        held=ta.Truth.UNKNOWN,
        share=Fraction(2, 3),
        cited=(citation,),
    )
    assert report_data(value) == {
        "start": "2025-01-01",
        "end": None,
        "phase": "open",
        "held": None,
        "share": "2/3",
        "cited": [
            {
                "event": "e",
                "date": "2025-01-02",
                "kind": "approval",
                "party": None,
                "summary": "s",
                "confidence": "high",
                "hypothetical": False,
                "standing": "established",
                "evidence": "",
                "sources": [],
            }
        ],
    }
