"""Timeline plots: every status kind renders under Agg; events, as-of line, unknowns, hypotheticals."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

import tradeaccord as ta
from tradeaccord._display import plot as plotting
from tradeaccord.errors import MissingDependencyError, ModelTypeError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

DAY = dt.date(2025, 6, 28)


def gids(figure: object) -> list[str]:
    """The gids of every artist on the figure's first axes."""
    ax = figure.axes[0]  # type: ignore[attr-defined]
    return [a.get_gid() for a in ax.get_children() if a.get_gid()]


def render(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)  # type: ignore[attr-defined]
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG") and len(data) > 2000
    return data


@pytest.fixture(scope="module")
def history() -> ta.History:
    return ta.History(ta.example_dataset())


def _synthetic(kind: str, statuses: list[object]) -> ta.StatusHistory:  # type: ignore[type-arg]
    start = dt.date(2025, 1, 1)
    intervals = []
    for k, status in enumerate(statuses):
        begin = None if k == 0 else start + dt.timedelta(days=10 * k)
        end = None if k == len(statuses) - 1 else start + dt.timedelta(days=10 * (k + 1))
        intervals.append(
            ta.StatusInterval(
                start=begin,
                end=end,
                status=status,
                rule="r",
                reason="why",
                explanation=ta.Explanation(label="x"),
            )
        )
    return ta.StatusHistory(kind=kind, agreement="a", subject="a", intervals=tuple(intervals))


def test_every_status_kind_renders_under_agg() -> None:
    """Each status of agreements, parties and commitments is drawn in its colour and renders."""
    rows = [
        plotting._history_row(_synthetic("agreement", list(ta.AgreementStatus))),
        plotting._history_row(_synthetic("party", list(ta.PartyStatus))),
        plotting._history_row(_synthetic("commitment", list(ta.CommitmentStatus))),
    ]
    figure = plotting._draw(rows, None, None, None, None, True, "all statuses", None)
    drawn = {g.split(":")[1] for g in gids(figure) if g.startswith("segment:")}
    every = {
        s.value for kind in (ta.AgreementStatus, ta.PartyStatus, ta.CommitmentStatus) for s in kind
    }
    assert drawn == every
    assert any(g.endswith(":unknown") for g in gids(figure))  # undetermined is hatched
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "unknown (undetermined)" in legend and "awaiting entry into force" in legend
    render(figure)


def test_history_plot_has_rows_events_and_an_as_of_line(history: ta.History) -> None:
    """A history's plot has a row per item, its cited events as markers and the as-of line."""
    figure = history.plot(as_of=DAY)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:2] == ["geneva-2025", "us-suspend-24-points"]
    assert "london-2025" in labels and "us-rollback-export-restrictions" in labels
    assert not any(label.startswith("party") for label in labels)  # bilateral: no party rows
    found = gids(figure)
    assert "as-of" in found
    assert (
        "event:2025-06-27-cn-approval" in found and "event:2025-07-02-us-lifts-eda-ethane" in found
    )
    render(figure)


def test_party_rows_and_filters(history: ta.History) -> None:
    """``parties=True`` adds party rows; ``commitments=False`` and ``agreements`` filter rows."""
    figure = history.plot(agreements=["london-2025"], parties=True, commitments=False)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["london-2025", "party USA", "party CHN"]
    with pytest.raises(ModelTypeError, match="parties must be True, False or None"):
        history.plot(parties="yes")  # type: ignore[arg-type]
    with pytest.raises(ta.errors.UnknownIdError):
        history.plot(agreements=["nope"])


def test_hypothetical_events_are_drawn_differently() -> None:
    """An event marked hypothetical is a hollow red marker labelled as such."""
    claim = ta.Event(
        id="claim",
        date=dt.date(2025, 6, 20),
        kind=ta.EventKind.APPROVAL,
        party="CHN",
        target="london-2025",
        summary="(hypothetical) China approves early",
    )
    history = ta.History(ta.example_dataset().with_events(claim))
    for marked in ({"claim"}, lambda c: c.summary.startswith("(hypothetical)")):
        figure = history.plot(agreements=["london-2025"], hypothetical=marked)
        ax = figure.axes[0]
        markers = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
        assert "hypothetical:claim" in markers and "event:claim" not in markers
        assert markers["hypothetical:claim"].get_markerfacecolor() == "white"
        assert markers["event:2025-06-25-us-approval"].get_markerfacecolor() != "white"
        texts = [t.get_text() for t in ax.texts]
        assert "approval CHN (hypothetical)" in texts
        legend = [t.get_text() for t in figure.legends[0].get_texts()]
        assert "hypothetical event" in legend
    plain = history.plot(agreements=["london-2025"])
    assert "event:claim" in gids(plain) and "hypothetical event" not in [
        t.get_text() for t in plain.legends[0].get_texts()
    ]


def test_unknown_stretches_are_hatched() -> None:
    """Under a strict evidence policy, London's undetermined stretch is hatched."""
    strict = ta.EvidencePolicy(min_confidence=ta.Confidence.HIGH)
    figure = ta.History(ta.example_dataset(), policy=strict).plot(agreements=["london-2025"])
    hatched = [c for c in figure.axes[0].collections if (c.get_gid() or "").endswith(":unknown")]
    assert hatched and all(c.get_hatch() == "////" for c in hatched)
    render(figure)


def test_report_plot_draws_the_day(history: ta.History) -> None:
    """A report's plot ends each bar on its day, draws the as-of line and scheduled days."""
    report = history.at(DAY)
    figure = report.plot()
    found = gids(figure)
    assert "as-of" in found
    assert any(g.startswith("scheduled:") for g in found)
    assert figure.axes[0].get_title(loc="left") == "Report as of 2025-06-28"
    render(figure)
    small = report.plot(agreements=["london-2025"], events=False, title="London")
    assert not any(g.startswith("event:") for g in gids(small))
    with pytest.raises(ModelTypeError, match="got the string"):
        report.plot(agreements="london-2025")


def test_plot_into_given_axes_and_bad_days(history: ta.History) -> None:
    """``ax`` draws into existing axes; days that are not dates are clear errors."""
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot()
    assert history.plot(agreements=["geneva-2025"], ax=ax) is figure
    with pytest.raises(ModelTypeError, match=r"as_of must be a datetime\.date, got str"):
        history.plot(as_of="2025-06-28")  # type: ignore[arg-type]
    with pytest.raises(ModelTypeError, match="must be before end"):
        history.plot(start=DAY, end=DAY)


def test_plots_without_matplotlib_name_the_extra(
    history: ta.History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib, plotting raises MissingDependencyError with the pip command."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'tradeaccord\[plot\]'"):
        history.plot()
