"""HTML displays of results: reports, explanations, histories, intervals and changes.

Each ``*_body`` function returns a fragment; [`render_html`][tradeaccord.render_html]
wraps one in a self-contained display (its own stylesheet, no JavaScript). The
fragments only read the values they are given: rendering never evaluates.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from .._engine.history import History
from .._engine.intervals import Change, StatusHistory, StatusInterval, subject_words
from .._engine.results import (
    AgreementReport,
    CommitmentReport,
    Explanation,
    PartyReport,
    Progress,
    Report,
    describe_missing,
)
from ..errors import ModelTypeError
from .markup import badge, date, esc, link, table, wrap
from .palette import FAMILIES, family, is_unknown, label

__all__ = ["render_html"]

#: Explanation nodes this deep or shallower start unfolded.
_OPEN_DEPTH = 1
#: At most this many rows in one table of a display; the rest is counted.
MAX_ROWS = 200
_ONE_DAY = dt.timedelta(days=1)


@functools.singledispatch
def body(value: object) -> tuple[str, str]:
    """The HTML fragment of ``value`` and the kind of display it is."""
    raise ModelTypeError(f"cannot render a {type(value).__name__} as HTML")


def render_html(value: object) -> str:
    """Render a report, explanation, history, dataset, agreement or condition as HTML.

    The HTML is self-contained: a small scoped stylesheet and plain elements,
    collapsible parts as ``<details>``, no JavaScript. Every text taken from
    the data is escaped; a source's address becomes a link only when it is an
    ``http``/``https`` URL. It is what notebooks show for these values
    (their ``_repr_html_``), and it can be embedded in any page.

    Args:
        value: a [`Report`][tradeaccord.Report], an
            [`AgreementReport`][tradeaccord.AgreementReport],
            [`CommitmentReport`][tradeaccord.CommitmentReport] or
            [`PartyReport`][tradeaccord.PartyReport], an
            [`Explanation`][tradeaccord.Explanation], a
            [`History`][tradeaccord.History],
            [`StatusHistory`][tradeaccord.StatusHistory],
            [`StatusInterval`][tradeaccord.StatusInterval] or
            [`Change`][tradeaccord.Change], a [`Dataset`][tradeaccord.Dataset], an
            [`Agreement`][tradeaccord.Agreement], a
            [`Commitment`][tradeaccord.Commitment] or a condition.

    Raises:
        ModelTypeError: ``value`` is none of these.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
        >>> page = ta.render_html(report)
        >>> page.startswith('<div class="ta-display ta-report">'), "<script" in page
        (True, False)
        >>> "london-2025" in page and "in force" in page
        True
    """
    fragment, kind = body(value)
    return wrap(fragment, kind=kind)


def _more(total: int, shown: int, noun: str) -> str:
    if total <= shown:
        return ""
    return f'<div class="ta-muted">and {total - shown} more {esc(noun)}</div>'


def _since(day: dt.date | None, word: str = "since") -> str:
    return "" if day is None else f' <span class="ta-muted">{esc(word)} {day.isoformat()}</span>'


def _missing(missing: Iterable[str]) -> str:
    items = "".join(f"<li>{esc(m)}</li>" for m in missing)
    return f"<ul>{items}</ul>" if items else ""


# Explanations ----------------------------------------------------------------------


def _citation(citation: Any) -> str:
    who = f" by {citation.party}" if citation.party else ""
    sources = "; ".join(
        link(f"{s.publisher}: {s.title}" if s.title else s.publisher, s.url)
        + (f' <q class="ta-muted">{esc(s.quote)}</q>' if s.quote else "")
        for s in citation.sources
    )
    where = f'<br><span class="ta-muted">sources:</span> {sources}' if sources else ""
    evidence = getattr(citation, "evidence", "")
    if evidence:
        where += f"<br><em>{esc(citation.standing.value)}</em>: {esc(evidence)}"
    mark = (
        '<strong class="ta-hypothetical">hypothetical</strong> '
        if getattr(citation, "hypothetical", False)
        else ""
    )
    return (
        f'<div class="ta-cite">{mark}{date(citation.date)} {esc(label(citation.kind))}{esc(who)}: '
        f"{esc(citation.summary)} "
        f'<span class="ta-muted">(event {esc(citation.event)}, confidence '
        f"{esc(citation.confidence.value)})</span>{where}</div>"
    )


def _explanation_node(node: Explanation, depth: int) -> str:
    value = f"{badge(node.value)} " if node.value is not None else ""
    head = f"{value}{esc(node.label)}{_since(node.since)}"
    if not node.children and not node.citations:
        return f"<div>{head}</div>"
    inner = "".join(_citation(c) for c in node.citations)
    inner += "".join(_explanation_node(child, depth + 1) for child in node.children)
    opened = " open" if depth <= _OPEN_DEPTH else ""
    return f'<details{opened}><summary>{head}</summary><div class="ta-tree">{inner}</div></details>'


def explanation_body(node: Explanation) -> str:
    """An explanation as a tree of ``<details>``, cited events and their sources inside."""
    return _explanation_node(node, 0)


@body.register
def _(value: Explanation) -> tuple[str, str]:
    return explanation_body(value), "explanation"


# Reports --------------------------------------------------------------------------


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    return f'<table class="ta-table ta-facts"><tbody>{cells}</tbody></table>'


def _progress(progress: tuple[Progress, ...]) -> str:
    items = "".join(f"<li>{badge(p.met)} {esc(p.describe())}</li>" for p in progress)
    return f"<h4>Progress</h4><ul>{items}</ul>" if items else ""


def _party_row(party: PartyReport) -> list[str]:
    return [
        esc(party.party),
        badge(party.status),
        badge(party.bound),
        date(party.since),
        date(party.entry_into_force),
        date(party.instrument_on),
        date(party.withdrawal_effective),
    ]


_PARTY_HEADERS = (
    "party",
    "status",
    "bound",
    "since",
    "entry into force",
    "instrument",
    "withdrawal effective",
)


def _hedged(c: CommitmentReport) -> str:
    return f" [{c.hedges}]" if c.hedges else ""


def _commitment_row(c: CommitmentReport) -> list[str]:
    missing = "; ".join(describe_missing(c.missing, evidence=True))
    return [
        esc(c.id),
        esc(f"{c.by} {c.action.value}{_hedged(c)}"),
        badge(c.status) + _since(c.since),
        badge(c.deontic),
        date(c.due),
        esc(c.summary),
        esc(missing) if missing else "-",
    ]


_COMMITMENT_HEADERS = ("commitment", "by", "status", "deontic", "due", "summary", "waiting for")


def agreement_report_body(report: AgreementReport) -> str:
    """One agreement's report: its status and why, progress, parties, commitments."""
    in_force = badge(report.in_force) + _since(report.in_force_since)
    parts = [
        _facts(
            [
                ("status", f"{badge(report.status)} {esc(report.reason)}"),
                ("rule", esc(report.rule)),
                ("in force", in_force),
                ("entered into force", date(report.entered_into_force, none="")),
                (
                    "scheduled entry into force",
                    date(report.scheduled_entry_into_force, none=""),
                ),
            ]
        )
    ]
    missing = describe_missing(report.missing, evidence=True)
    if missing:
        parts.append(f"<h4>Waiting for</h4>{_missing(missing)}")
    parts.append(_progress(report.progress))
    if report.parties:
        shown = report.parties[:MAX_ROWS]
        parts.append(
            "<h4>Parties</h4>"
            + table(_PARTY_HEADERS, (_party_row(p) for p in shown))
            + _more(len(report.parties), len(shown), "parties")
        )
    if report.commitments:
        parts.append(
            "<h4>Commitments</h4>"
            + table(_COMMITMENT_HEADERS, (_commitment_row(c) for c in report.commitments))
        )
    parts.append(f"<details><summary>Why</summary>{explanation_body(report.explanation)}</details>")
    return "".join(parts)


def _agreement_title(report: AgreementReport) -> str:
    return f"{badge(report.status)} <b>{esc(report.id)}</b> {esc(report.title)}"


@body.register
def _(value: AgreementReport) -> tuple[str, str]:
    return f"<h4>{_agreement_title(value)}</h4>{agreement_report_body(value)}", "agreement-report"


@body.register
def _(value: CommitmentReport) -> tuple[str, str]:
    facts = _facts(
        [
            ("status", f"{badge(value.status)}{_since(value.since)} {esc(value.reason)}"),
            ("rule", esc(value.rule)),
            ("deontic", badge(value.deontic)),
            ("performed", badge(value.performed) + _since(value.performed_on, "on")),
            ("due", date(value.due, none="")),
            ("by", esc(f"{value.by} ({value.action.value}){_hedged(value)}")),
        ]
    )
    missing = describe_missing(value.missing, evidence=True)
    waiting = f"<h4>Waiting for</h4>{_missing(missing)}" if missing else ""
    why = f"<details><summary>Why</summary>{explanation_body(value.explanation)}</details>"
    head = f"<h4>{badge(value.status)} <b>{esc(value.id)}</b> {esc(value.summary)}</h4>"
    return head + facts + waiting + why, "commitment-report"


@body.register
def _(value: PartyReport) -> tuple[str, str]:
    return table(_PARTY_HEADERS, [_party_row(value)]), "party-report"


@body.register
def _(value: Report) -> tuple[str, str]:
    rows = [
        [
            f"<b>{esc(a.id)}</b>",
            esc(a.title),
            badge(a.status),
            badge(a.in_force) + _since(a.in_force_since),
            esc("; ".join(describe_missing(a.missing, evidence=True))) or "-",
        ]
        for a in value.agreements
    ]
    overview = table(("agreement", "title", "status", "in force", "waiting for"), rows)
    details = "".join(
        f"<details><summary>{_agreement_title(a)}</summary>"
        f'<div class="ta-tree">{agreement_report_body(a)}</div></details>'
        for a in value.agreements
    )
    head = f"<h4>Report as of {value.as_of.isoformat()}</h4>"
    return head + overview + details, "report"


# Histories ------------------------------------------------------------------------


def _span(
    intervals: Iterable[StatusInterval[Any]], extra: Iterable[dt.date] = ()
) -> tuple[dt.date, dt.date] | None:
    days = [d for i in intervals for d in (i.start, i.end) if d is not None]
    days.extend(extra)
    if not days:
        return None
    first, last = min(days), max(days)
    pad = max(dt.timedelta(days=7), (last - first) / 20)
    return first - pad, last + pad


def strip(intervals: tuple[StatusInterval[Any], ...], span: tuple[dt.date, dt.date] | None) -> str:
    """The intervals as a bar of coloured segments over ``span``, each with its words as a tooltip."""
    if span is None:
        only = intervals[-1]
        fill = FAMILIES[family(only.status)][0]
        return (
            f'<div class="ta-strip"><span style="width:100%;background:{fill}" '
            f'title="{esc(only.describe())}"></span></div>'
        )
    first, last = span
    total = (last - first).days
    segments = []
    for interval in intervals:
        start = max(first, interval.start or first)
        end = min(last, interval.end or last)
        if end <= start:
            continue
        width = 100 * (end - start).days / total
        fill = FAMILIES[family(interval.status)][0]
        pattern = ""
        if is_unknown(interval.status, interval.explanation.value):
            pattern = (
                ";background-image:repeating-linear-gradient(45deg,transparent 0 3px,"
                "rgba(0,0,0,.25) 3px 5px)"
            )
        segments.append(
            f'<span style="width:{width:.3f}%;background-color:{fill}{pattern}" '
            f'title="{esc(interval.describe())}"></span>'
        )
    return f'<div class="ta-strip">{"".join(segments)}</div>'


def _interval_row(interval: StatusInterval[Any]) -> list[str]:
    last = None if interval.end is None else interval.end - _ONE_DAY
    cited = ", ".join(c.event for c in interval.citations())
    return [
        date(interval.start, none="(beginning)"),
        date(last, none="(onwards)"),
        badge(interval.status),
        esc(interval.rule),
        esc(interval.reason),
        esc(cited) or "-",
    ]


_INTERVAL_HEADERS = ("from", "to", "status", "rule", "reason", "events cited")


def _subject(history: StatusHistory[Any]) -> str:
    return subject_words(history.kind, history.agreement, history.subject)


@body.register
def _(value: StatusHistory) -> tuple[str, str]:  # type: ignore[type-arg]
    head = f"<h4>{esc(history_title(value))}</h4>"
    rows = table(_INTERVAL_HEADERS, (_interval_row(i) for i in value.intervals[:MAX_ROWS]))
    more = _more(len(value.intervals), MAX_ROWS, "intervals")
    return head + strip(value.intervals, _span(value.intervals)) + rows + more, "status-history"


def history_title(value: StatusHistory[Any]) -> str:
    """``'agreement london-2025'``, ``'party USA under busan-2025'``..."""
    if value.kind == "party":
        return f"party {value.subject} under {value.agreement}"
    return f"{value.kind} {value.subject}"


@body.register
def _(value: History) -> tuple[str, str]:
    statuses = value.statuses()
    shown = statuses[:MAX_ROWS]
    dataset = value.dataset
    span = _span((i for s in shown for i in s.intervals), (e.date for e in dataset.events))
    rows = [
        [
            esc(s.kind),
            esc(_subject(s)),
            strip(s.intervals, span),
            badge(s.intervals[-1].status) + _since(s.intervals[-1].start, "from"),
        ]
        for s in shown
    ]
    title = dataset.title or "a dataset"
    head = (
        f"<h4>History of {esc(title)}</h4>"
        f'<div class="ta-muted">{len(dataset.agreements)} agreements, {len(dataset.events)} '
        f"events; the bars run from {date(span[0] if span else None)} to "
        f"{date(span[1] if span else None)} (hover for each interval)</div>"
    )
    legend = _legend(statuses)
    headers = ("kind", "item", "over time", "last status")
    return head + table(headers, rows) + _more(
        len(statuses), len(shown), "items"
    ) + legend, "history"


def _legend(statuses: Iterable[StatusHistory[Any]]) -> str:
    seen: dict[str, Any] = {}
    for s in statuses:
        for i in s.intervals:
            seen.setdefault(i.status.value, i.status)
    return '<div class="ta-muted">' + " ".join(badge(v) for v in seen.values()) + "</div>"


@body.register
def _(value: StatusInterval) -> tuple[str, str]:  # type: ignore[type-arg]
    return f"<div>{badge(value.status)} {esc(value.describe())}</div>", "status-interval"


@body.register
def _(value: Change) -> tuple[str, str]:
    before, after = badge(value.before.status), badge(value.after.status)
    return (
        f"<div><b>{value.day.isoformat()}</b> {esc(value.kind)} {esc(value.subject)}: "
        f'{before} &rarr; {after} <span class="ta-muted">{esc(value.after.reason)}</span></div>',
        "change",
    )
