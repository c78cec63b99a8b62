"""Displays of any dataset: HTML is well formed, diagrams parse, records are plain, plots draw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

import tradeaccord as ta
from tradeaccord.testing import DEFAULT_WINDOW, datasets

PLAIN = (str, int, float, bool, dt.date, type(None))
VOID = frozenset({"br"})


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.bad.append("script")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(f"</{tag}>")


def well_formed(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return not parser.bad and not parser.stack


days = st.dates(min_value=DEFAULT_WINDOW[0], max_value=DEFAULT_WINDOW[1])


@given(datasets(), days)
@settings(max_examples=25)
def test_displays_of_any_dataset(
    mermaid_check: Callable[[str], list[str]], dataset: ta.Dataset, day: dt.date
) -> None:
    """Any dataset's report, history and dataset display as well-formed HTML; diagrams parse."""
    history = ta.History(dataset)
    report = history.at(day)
    for value in (report, history, dataset, *report.agreements):
        assert well_formed(value._repr_html_())  # type: ignore[attr-defined]
    assert mermaid_check(ta.diagram(dataset).text) == []
    assert mermaid_check(ta.diagram(history, as_of=day).text) == []
    assert len(repr(report)) < 1000


@given(datasets(), days)
@settings(max_examples=25)
def test_records_of_any_dataset_are_plain(dataset: ta.Dataset, day: dt.date) -> None:
    """Records have plain values and one row per item, interval and change."""
    history = ta.History(dataset)
    report = history.at(day)
    rows = report.to_records() + history.to_records() + history.to_records(table="changes")
    rows += report.to_records(table="progress")
    for row in rows:
        assert all(isinstance(v, PLAIN) for v in row.values()), row
    assert len(history.to_records()) == sum(len(s.intervals) for s in history.statuses())
    assert len(report.to_records()) == sum(
        1 + len(a.parties) + len(a.commitments) for a in report.agreements
    )


@given(datasets(), days)
@settings(max_examples=6, deadline=None)
def test_plots_of_any_dataset_draw(dataset: ta.Dataset, day: dt.date) -> None:
    """A history's plot (every party shown) and a report's plot draw under Agg."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    history = ta.History(dataset)
    for figure in (history.plot(parties=True, as_of=day), history.at(day).plot(parties=True)):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=30)
        assert buffer.getvalue().startswith(b"\x89PNG")
