"""Timeline plots: status intervals as a Gantt chart, with events, an as-of line and unknowns.

Needs matplotlib (the ``plot`` extra), imported by the functions here when they
are called. A figure is built with ``matplotlib.figure.Figure`` rather than
pyplot, so nothing global is touched: it works under any backend (Agg in tests),
displays once in a notebook, and is saved with ``figure.savefig``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, final

import attrs

from .._engine.history import History
from .._engine.intervals import StatusHistory
from .._engine.results import AgreementReport, Citation, Report
from .._truth import Truth
from ..errors import MissingDependencyError, ModelTypeError
from .palette import FAMILIES, family, is_unknown, label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Hypothetical", "plot_history", "plot_report"]

Hypothetical = Collection[str] | Callable[[Citation], bool] | None
"""Which events to draw as hypothetical: their ids, or a test on their citations."""

_ONE_DAY = dt.timedelta(days=1)
_BAR = 0.62
_MAX_LABEL = 44
_UNKNOWN_HATCH = "////"


@final
@attrs.frozen
class _Segment:
    start: dt.date | None
    end: dt.date | None
    status: Any
    unknown: bool
    words: str


@final
@attrs.frozen
class _Mark:
    day: dt.date
    text: str
    event: Citation | None = None
    scheduled: bool = False


@final
@attrs.frozen
class _Row:
    label: str
    kind: str
    segments: tuple[_Segment, ...]
    marks: tuple[_Mark, ...]


def _matplotlib() -> tuple[type[Figure], Any]:
    try:
        import matplotlib.dates as mdates
    except ImportError:
        raise MissingDependencyError("timeline plots", "matplotlib", "plot") from None
    return _figure_type(), mdates


@functools.cache
def _figure_type() -> type[Figure]:
    """A matplotlib ``Figure`` that shows itself in a notebook as a PNG.

    A figure made without pyplot has no display of its own unless pyplot set up the
    notebook's inline backend; this one renders itself when asked, whatever the backend.
    """
    from matplotlib.figure import Figure

    class TimelineFigure(Figure):
        """A matplotlib figure of tradeaccord, displayed as a PNG in notebooks."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", bbox_inches="tight")
            return buffer.getvalue()

    return TimelineFigure


def _short(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def _event_text(citation: Citation) -> str:
    kind = label(citation.kind)
    return f"{kind} {citation.party}" if citation.party else kind


def _marks(citations: Iterable[Citation]) -> tuple[_Mark, ...]:
    seen: dict[str, _Mark] = {}
    for c in citations:
        seen.setdefault(c.event, _Mark(day=c.date, text=_event_text(c), event=c))
    return tuple(sorted(seen.values(), key=lambda m: (m.day, m.text)))


def _item_label(kind: str, agreement: str, subject: str) -> str:
    if kind == "agreement":
        return subject
    if kind == "party":
        return f"party {subject}"
    prefix = f"{agreement}/"
    return subject[len(prefix) :] if subject.startswith(prefix) else subject


def _history_row(history: StatusHistory[Any]) -> _Row:
    segments = tuple(
        _Segment(
            start=i.start,
            end=i.end,
            status=i.status,
            unknown=is_unknown(i.status, i.explanation.value),
            words=i.describe(),
        )
        for i in history.intervals
    )
    marks = _marks(c for i in history.intervals for c in i.citations())
    return _Row(
        label=_item_label(history.kind, history.agreement, history.subject),
        kind=history.kind,
        segments=_merge(segments),
        marks=marks,
    )


def _merge(segments: tuple[_Segment, ...]) -> tuple[_Segment, ...]:
    """Consecutive segments of one status (only the reason changed) drawn as one bar."""
    out: list[_Segment] = []
    for s in segments:
        if out and out[-1].status is s.status and out[-1].unknown == s.unknown:
            out[-1] = attrs.evolve(out[-1], end=s.end)
        else:
            out.append(s)
    return tuple(out)


def _show_parties(parties: bool | None, per_party: bool) -> bool:
    return per_party if parties is None else parties


def _check(parties: object, commitments: object, **days: object) -> None:
    """Refuse arguments of the wrong type, naming the argument."""
    for name, day in days.items():
        if day is not None and (isinstance(day, dt.datetime) or not isinstance(day, dt.date)):
            raise ModelTypeError(f"{name} must be a datetime.date, got {type(day).__name__}")
    if parties is not None and not isinstance(parties, bool):
        raise ModelTypeError(f"parties must be True, False or None, got {parties!r}")
    if not isinstance(commitments, bool):
        raise ModelTypeError(f"commitments must be True or False, got {commitments!r}")


def plot_history(
    history: History,
    *,
    agreements: Iterable[str] | None = None,
    parties: bool | None = None,
    commitments: bool = True,
    start: dt.date | None = None,
    end: dt.date | None = None,
    as_of: dt.date | None = None,
    hypothetical: Hypothetical = None,
    events: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The Gantt chart of a history; see [`History.plot`][tradeaccord.History.plot]."""
    _check(parties, commitments, start=start, end=end, as_of=as_of)
    rows: list[_Row] = []
    for status in history.statuses(agreements=agreements):
        if status.kind == "party":
            clause = history.dataset.agreement(status.agreement).entry_into_force
            per_party = clause is not None and clause.per_party is not None
            if not _show_parties(parties, per_party):
                continue
        if status.kind == "commitment" and not commitments:
            continue
        rows.append(_history_row(status))
    if title is None:
        title = history.dataset.title or "Status over time"
        if as_of is not None:
            title += f" (as of {as_of.isoformat()})"
    return _draw(rows, start, end, as_of, hypothetical, events, title, ax)


def _report_rows(
    report: AgreementReport, as_of: dt.date, parties: bool, commitments: bool
) -> list[_Row]:
    cited = [c for node in report.explanation.walk() for c in node.citations]
    marks = list(_marks(cited))
    if report.scheduled_entry_into_force is not None:
        marks.append(
            _Mark(
                day=report.scheduled_entry_into_force,
                text="scheduled entry into force",
                scheduled=True,
            )
        )
    unknown = is_unknown(report.status, report.in_force)
    rows = [
        _Row(
            label=report.id,
            kind="agreement",
            segments=(
                _Segment(
                    start=report.explanation.since,
                    end=as_of + _ONE_DAY,
                    status=report.status,
                    unknown=unknown,
                    words=f"{label(report.status)}: {report.reason}",
                ),
            ),
            marks=tuple(marks),
        )
    ]
    if parties:
        for p in report.parties:
            party_marks: tuple[_Mark, ...] = ()
            if p.entry_into_force is not None and p.entry_into_force > as_of:
                party_marks = (_Mark(day=p.entry_into_force, text="scheduled", scheduled=True),)
            rows.append(
                _Row(
                    label=_item_label("party", report.id, p.party),
                    kind="party",
                    segments=(
                        _Segment(
                            start=p.since,
                            end=as_of + _ONE_DAY,
                            status=p.status,
                            unknown=is_unknown(p.status, p.bound),
                            words=label(p.status),
                        ),
                    ),
                    marks=party_marks,
                )
            )
    if commitments:
        for c in report.commitments:
            c_marks = list(_marks(x for node in c.explanation.walk() for x in node.citations))
            if c.due is not None and c.due > as_of:
                c_marks.append(_Mark(day=c.due, text="due", scheduled=True))
            rows.append(
                _Row(
                    label=_item_label("commitment", report.id, c.id),
                    kind="commitment",
                    segments=(
                        _Segment(
                            start=c.since,
                            end=as_of + _ONE_DAY,
                            status=c.status,
                            unknown=is_unknown(c.status, None) or c.performed is Truth.UNKNOWN,
                            words=f"{label(c.status)}: {c.reason}",
                        ),
                    ),
                    marks=tuple(c_marks),
                )
            )
    return rows


def plot_report(
    report: Report,
    *,
    agreements: Iterable[str] | None = None,
    parties: bool | None = None,
    commitments: bool = True,
    start: dt.date | None = None,
    end: dt.date | None = None,
    hypothetical: Hypothetical = None,
    events: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The chart of one day's report; see [`Report.plot`][tradeaccord.Report.plot]."""
    _check(parties, commitments, start=start, end=end)
    chosen = report.agreements
    if agreements is not None:
        if isinstance(agreements, str):
            raise ModelTypeError(
                f"agreements must be a collection of ids, got the string {agreements!r}"
            )
        chosen = tuple(report.agreement(a) for a in agreements)
    rows = [
        row
        for a in chosen
        for row in _report_rows(a, report.as_of, _show_parties(parties, a.per_party), commitments)
    ]
    if title is None:
        title = f"Report as of {report.as_of.isoformat()}"
    return _draw(rows, start, end, report.as_of, hypothetical, events, title, ax)


def _is_hypothetical(hypothetical: Hypothetical, citation: Citation | None) -> bool:
    if citation is not None and citation.hypothetical:
        return True  # a scenario's own hypotheses are always drawn as such
    if hypothetical is None or citation is None:
        return False
    if callable(hypothetical):
        return bool(hypothetical(citation))
    return citation.event in hypothetical


def _span(
    rows: list[_Row], start: dt.date | None, end: dt.date | None, as_of: dt.date | None
) -> tuple[dt.date, dt.date]:
    days = [d for r in rows for s in r.segments for d in (s.start, s.end) if d is not None]
    days.extend(m.day for r in rows for m in r.marks)
    if as_of is not None:
        days.append(as_of)
    if not days:
        days = [as_of or dt.date(2000, 1, 1)]
    first, last = min(days), max(days)
    pad = max(dt.timedelta(days=5), (last - first) / 25)
    lo = start if start is not None else first - pad
    hi = end if end is not None else last + pad
    if hi <= lo:
        raise ModelTypeError(f"start ({lo}) must be before end ({hi})")
    return lo, hi


def _draw(
    rows: list[_Row],
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None,
    hypothetical: Hypothetical,
    events: bool,
    title: str,
    ax: Axes | None,
) -> Figure:
    figure_type, mdates = _matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    lo, hi = _span(rows, start, end, as_of)
    own_figure = ax is None
    if ax is None:
        figure = figure_type(figsize=(11, 1.6 + 0.36 * max(len(rows), 1)), layout="constrained")
        ax = figure.add_subplot()
    else:
        figure = ax.get_figure()  # type: ignore[assignment]
    x0, x1 = mdates.date2num(lo), mdates.date2num(hi)
    seen: dict[str, Any] = {}
    unknown_seen = hypothetical_seen = scheduled_seen = False
    for y, row in enumerate(rows):
        for segment in row.segments:
            left = x0 if segment.start is None else max(x0, mdates.date2num(segment.start))
            right = x1 if segment.end is None else min(x1, mdates.date2num(segment.end))
            if right <= left:
                continue
            fill, ink = FAMILIES[family(segment.status)]
            bars = ax.broken_barh(
                [(left, right - left)],
                (y - _BAR / 2, _BAR),
                facecolors=fill,
                edgecolors=ink,
                linewidths=0.6,
                hatch=_UNKNOWN_HATCH if segment.unknown else None,
                gid=f"segment:{segment.status.value}{':unknown' if segment.unknown else ''}",
            )
            bars.set_label("_" + segment.words)
            seen.setdefault(segment.status.value, segment.status)
            unknown_seen = unknown_seen or segment.unknown
            if (right - left) > (x1 - x0) * 0.09:
                ax.text(
                    (left + right) / 2,
                    y,
                    label(segment.status),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=ink,
                    clip_on=True,
                    # On a hatched (unknown) bar, the words sit on a plain patch.
                    bbox={"boxstyle": "round,pad=0.2", "fc": fill, "ec": "none"}
                    if segment.unknown
                    else None,
                )
        if not events:
            continue
        for k, mark in enumerate(row.marks):
            x = mdates.date2num(mark.day)
            if not x0 <= x <= x1:
                continue
            maybe = _is_hypothetical(hypothetical, mark.event)
            hypothetical_seen = hypothetical_seen or maybe
            scheduled_seen = scheduled_seen or mark.scheduled
            hollow = maybe or mark.scheduled
            ax.plot(
                [x],
                [y - _BAR / 2 - 0.02],
                marker="D" if mark.scheduled else "v",
                markersize=6,
                markerfacecolor="white" if hollow else "#222222",
                markeredgecolor="#b02a37" if maybe else "#222222",
                markeredgewidth=1.2,
                linestyle="none",
                zorder=4,
                gid=("hypothetical:" if maybe else "scheduled:" if mark.scheduled else "event:")
                + (mark.event.event if mark.event is not None else mark.text),
            )
            words = mark.text + (" (hypothetical)" if maybe else "")
            ax.annotate(
                words,
                (x, y - _BAR / 2),
                xytext=(2, 3 + 7 * (k % 2)),
                textcoords="offset points",
                fontsize=6.5,
                color="#b02a37" if maybe else "#333333",
                fontstyle="italic" if hollow else "normal",
                annotation_clip=True,
            )
    if as_of is not None:
        ax.axvline(
            mdates.date2num(as_of),
            color="#b02a37",
            linestyle="--",
            linewidth=1.2,
            zorder=5,
            gid="as-of",
        )
        ax.annotate(
            f"as of {as_of.isoformat()}",
            (mdates.date2num(as_of), 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -10),
            textcoords="offset points",
            fontsize=8,
            color="#b02a37",
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(len(rows) - 0.5, -0.8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_short(r.label) for r in rows], fontsize=8)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if row.kind == "agreement":
            tick.set_fontweight("bold")
    for y, row in enumerate(rows):
        if row.kind == "agreement" and y:
            ax.axhline(y - 0.5, color="#999999", linewidth=0.5)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(title, fontsize=11, loc="left")
    handles: list[Any] = [
        Patch(facecolor=FAMILIES[family(s)][0], edgecolor=FAMILIES[family(s)][1], label=label(s))
        for s in seen.values()
    ]
    if unknown_seen:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#444444",
                hatch=_UNKNOWN_HATCH,
                label="unknown (undetermined)",
            )
        )
    if events and any(row.marks for row in rows):
        handles.append(Line2D([], [], marker="v", color="#222222", linestyle="none", label="event"))
    if hypothetical_seen:
        handles.append(
            Line2D(
                [],
                [],
                marker="v",
                markerfacecolor="white",
                markeredgecolor="#b02a37",
                linestyle="none",
                label="hypothetical event",
            )
        )
    if scheduled_seen:
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                markerfacecolor="white",
                markeredgecolor="#222222",
                linestyle="none",
                label="scheduled",
            )
        )
    if handles and own_figure:
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncol=min(6, len(handles)),
            fontsize=7.5,
            frameon=False,
        )
    elif handles:
        ax.legend(handles=handles, fontsize=7.5)
    return figure
