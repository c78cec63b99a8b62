"""HTML displays of the model: datasets, agreements, commitments and conditions."""

from __future__ import annotations

from .._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Not,
    Occurred,
    WeightedShare,
    children,
)
from .._model import Agreement, Commitment, Dataset, Event
from .html import MAX_ROWS, body
from .markup import date, esc, link, table

__all__ = ["agreement_body", "condition_body"]


def _node(node: Condition) -> str:
    kids = "".join(_node(child) for child in children(node))
    inner = f"<ul>{kids}</ul>" if kids else ""
    return f"<li>{esc(node.describe())}{inner}</li>"


def condition_body(node: Condition) -> str:
    """A condition as a nested list, each node in words."""
    return f'<div class="ta-cond"><ul>{_node(node)}</ul></div>'


for _cls in (
    Occurred,
    Fulfilled,
    InForce,
    DateReached,
    InstrumentCount,
    InstrumentShare,
    WeightedShare,
    AllOf,
    AnyOf,
    Not,
    AtLeast,
    Delay,
):
    body.register(_cls, lambda value: (condition_body(value), "condition"))


def _commitment_row(commitment: Commitment) -> list[str]:
    waits = commitment.condition.describe() if commitment.condition is not None else ""
    if commitment.condition is not None and children(commitment.condition):
        waits = condition_body(commitment.condition)
    else:
        waits = esc(waits) or "-"
    due = "-"
    if commitment.deadline is not None:
        deadline = commitment.deadline
        due = (
            date(deadline.on)
            if deadline.on is not None
            else esc(f"within {deadline.within.describe()}" if deadline.within else "-")
        )
    term = esc(commitment.term.period.describe()) if commitment.term is not None else "-"
    return [
        esc(commitment.id),
        esc(f"{commitment.by} {commitment.action.value}"),
        esc(commitment.summary),
        waits,
        due,
        term,
    ]


def agreement_body(agreement: Agreement) -> str:
    """An agreement: its facts, entry-into-force condition, commitments and links."""
    rows = [
        ("kind", esc(agreement.kind.value.replace("_", " "))),
        ("parties", esc(", ".join(agreement.parties))),
        ("concluded", date(agreement.concluded)),
        ("term", esc(agreement.term.period.describe()) if agreement.term is not None else ""),
        (
            "links",
            esc(", ".join(f"{link.kind.value} {link.target}" for link in agreement.links)),
        ),
        ("summary", esc(agreement.summary)),
    ]
    facts = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    parts = [f'<table class="ta-table ta-facts"><tbody>{facts}</tbody></table>']
    clause = agreement.entry_into_force
    if clause is not None:
        effective = clause.effective.describe()
        parts.append(
            f"<h4>Entry into force</h4><div>{esc(effective)} when:</div>"
            + condition_body(clause.when)
        )
    if agreement.commitments:
        parts.append(
            "<h4>Commitments</h4>"
            + table(
                ("commitment", "by", "summary", "waits for", "due", "term"),
                (_commitment_row(c) for c in agreement.commitments),
            )
        )
    return "".join(parts)


@body.register
def _(value: Agreement) -> tuple[str, str]:
    head = f"<h4><b>{esc(value.id)}</b> {esc(value.title)}</h4>"
    return head + agreement_body(value), "agreement"


@body.register
def _(value: Commitment) -> tuple[str, str]:
    row = _commitment_row(value)
    return table(("commitment", "by", "summary", "waits for", "due", "term"), [row]), "commitment"


def _event_row(dataset: Dataset, event: Event) -> list[str]:
    sources = []
    for source_id in event.sources:
        source = dataset.source(source_id)
        sources.append(link(source.publisher, source.url))
    return [
        date(event.date),
        esc(event.kind.value.replace("_", " ")),
        esc(event.party or "-"),
        esc(event.target or "-"),
        esc(event.summary),
        esc(event.confidence.value),
        ", ".join(sources) or "-",
    ]


@body.register
def _(value: Dataset) -> tuple[str, str]:
    events = sorted(value.events, key=lambda e: (e.date, e.id))
    span = f", {events[0].date.isoformat()} to {events[-1].date.isoformat()}" if events else ""
    head = (
        f"<h4>{esc(value.title or 'Dataset')}</h4>"
        f'<div class="ta-muted">{len(value.parties)} parties, {len(value.agreements)} '
        f"agreements, {len(value.events)} events{span}, {len(value.sources)} sources</div>"
    )
    agreements = table(
        ("agreement", "kind", "title", "parties", "concluded", "commitments"),
        (
            [
                f"<b>{esc(a.id)}</b>",
                esc(a.kind.value.replace("_", " ")),
                esc(a.title),
                esc(", ".join(a.parties)),
                date(a.concluded),
                str(len(a.commitments)),
            ]
            for a in value.agreements
        ),
    )
    details = "".join(
        f"<details><summary><b>{esc(a.id)}</b> {esc(a.title)}</summary>"
        f'<div class="ta-tree">{agreement_body(a)}</div></details>'
        for a in value.agreements
    )
    shown = events[:MAX_ROWS]
    more = (
        f'<div class="ta-muted">and {len(events) - len(shown)} more events</div>'
        if len(events) > len(shown)
        else ""
    )
    event_table = table(
        ("date", "kind", "party", "target", "summary", "confidence", "sources"),
        (_event_row(value, e) for e in shown),
    )
    events_part = f"<details><summary>Events</summary>{event_table}{more}</details>"
    return head + agreements + details + events_part, "dataset"
