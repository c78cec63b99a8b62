"""Mermaid diagrams of agreements: what each enters into force on, what each commitment waits for.

A diagram is a Mermaid flowchart. Arrows run from what is waited for to what
waits: approvals into the entry-into-force condition, the condition into the
agreement, the agreement (in force) into each of its commitments, a commitment
(performed) into the commitments that wait for it, across agreements. Links
between agreements (implements, extends...) are dotted. Given a day, every node
is coloured by its status or truth value on that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, final

import attrs

from .._conditions import Condition, Fulfilled, InForce, children
from .._engine.history import History
from .._model import Agreement, Commitment, Dataset
from ..errors import ModelTypeError, ModelValueError
from .palette import FAMILIES, Family, family, label

__all__ = ["Diagram", "diagram"]

_DIRECTIONS = ("LR", "RL", "TB", "BT")
_MAX_LABEL = 64
_PERFORMED = ' -->|"performed"| '
_IN_FORCE = ' -->|"in force"| '


@final
@attrs.frozen
class Diagram:
    """A diagram as Mermaid text, shown as a diagram by notebooks and the docs site.

    ``str(diagram)`` is the Mermaid text; [`markdown`][tradeaccord.Diagram.markdown]
    wraps it in a fenced ``mermaid`` block (for mkdocs-material, GitHub and
    JupyterLab Markdown cells). In a notebook the diagram displays itself as
    Mermaid (``text/vnd.mermaid``) or, where that is not rendered, as Markdown.

    Examples:
        >>> import tradeaccord as ta
        >>> d = ta.diagram(ta.example_dataset(), "london-2025")
        >>> str(d).splitlines()[0]
        'flowchart LR'
        >>> d.markdown().startswith("```mermaid")
        True
    """

    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        lines = self.text.splitlines()
        return f"Diagram({lines[0] if lines else 'empty'}, {len(lines)} lines)"

    def markdown(self) -> str:
        """The diagram as a fenced Markdown block of language ``mermaid``."""
        return f"```mermaid\n{self.text}\n```\n"

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "text/vnd.mermaid": self.text,
            "text/markdown": self.markdown(),
            "text/plain": self.text,
        }


_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_SPECIAL = re.compile(r"[#\"<>&`]")


def text(value: str, *, limit: int = _MAX_LABEL) -> str:
    """``value`` on one line, shortened to ``limit`` characters and escaped for a quoted label."""
    one = " ".join(value.split())
    if len(one) > limit:
        one = one[: limit - 1].rstrip() + "…"
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], one)


class _Builder:
    """Collects the lines of one diagram; nodes get short ids in order of appearance."""

    def __init__(
        self,
        dataset: Dataset,
        history: History | None,
        as_of: dt.date | None,
        requested: Iterable[str],
        linked: bool,
    ) -> None:
        self.dataset = dataset
        self.requested = frozenset(requested)
        self.linked = linked
        self.history = history
        self.as_of = as_of
        self.count = 0
        self.lines: list[str] = []
        self.edges: list[str] = []
        self.classes: dict[str, list[str]] = {}
        self.agreement_ids: dict[str, str] = {}
        self.commitment_ids: dict[str, str] = {}
        self.queue: list[str] = []

    def new_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def style(self, node: str, name: str) -> None:
        self.classes.setdefault(name, []).append(node)

    def agreement_node(self, agreement_id: str) -> str:
        """The id of an agreement's node, queueing the agreement to be drawn."""
        found = self.agreement_ids.get(agreement_id)
        if found is None:
            self.dataset.agreement(agreement_id)
            found = self.new_id("a")
            self.agreement_ids[agreement_id] = found
            self.queue.append(agreement_id)
        return found

    def commitment_node(self, commitment_id: str) -> str:
        found = self.commitment_ids.get(commitment_id)
        if found is None:
            self.agreement_node(self.dataset.agreement_of(commitment_id).id)
            found = self.new_id("c")
            self.commitment_ids[commitment_id] = found
        return found

    # status words and colours, when a day is given -------------------------------

    def agreement_status(self, agreement: Agreement) -> str:
        if self.history is None or self.as_of is None:
            self.style(self.agreement_ids[agreement.id], "agreement")
            return ""
        interval = self.history.agreement(agreement.id).at(self.as_of)
        self.style(self.agreement_ids[agreement.id], family(interval.status).value)
        return _status_words(interval.status, interval.since)

    def commitment_status(self, node: str, commitment: Commitment) -> str:
        if self.history is None or self.as_of is None:
            self.style(node, "commitment")
            return ""
        interval = self.history.commitment(commitment.id).at(self.as_of)
        self.style(node, family(interval.status).value)
        return _status_words(interval.status, interval.since)

    def condition_style(self, node_id: str, node: Condition) -> None:
        if self.history is None or self.as_of is None:
            return
        value = self.history.condition(node).at(self.as_of)
        self.style(node_id, family(value).value)

    # the condition tree -----------------------------------------------------------

    def condition(self, node: Condition, target: str, edge: str) -> None:
        """Draw ``node`` and what it waits for, with an arrow into ``target``."""
        arrow = f' -->|"{text(edge, limit=48)}"| ' if edge else " --> "
        if isinstance(node, Fulfilled) and self.drawn(
            self.dataset.agreement_of(node.commitment).id
        ):
            source = self.commitment_node(node.commitment)
            self.edges.append(f"{source}{arrow if edge else _PERFORMED}{target}")
            return
        if isinstance(node, InForce) and self.drawn(node.agreement):
            source = self.agreement_node(node.agreement)
            self.edges.append(f"{source}{arrow if edge else _IN_FORCE}{target}")
            return
        node_id = self.new_id("n")
        kids = children(node)
        words = text(node.describe())
        shape = f'{node_id}{{{{"{words}"}}}}' if kids else f'{node_id}["{words}"]'
        self.lines.append(f"    {shape}")
        self.condition_style(node_id, node)
        self.edges.append(f"{node_id}{arrow}{target}")
        for child in kids:
            self.condition(child, node_id, "")

    def drawn(self, agreement_id: str) -> bool:
        """Whether the diagram has a box for the agreement (asked for, or linked)."""
        return self.linked or agreement_id in self.requested

    # agreements ---------------------------------------------------------------------

    def agreement(self, agreement_id: str, *, full: bool) -> None:
        agreement = self.dataset.agreement(agreement_id)
        node = self.agreement_ids[agreement_id]
        self.lines.append(f'  subgraph g{node}["{text(agreement.title, limit=40)}"]')
        self.lines.append("    direction TB")
        status = self.agreement_status(agreement)
        kind = label(agreement.kind)
        head = f"<b>{text(agreement.id)}</b><br>{text(kind)}"
        if status:
            head += f"<br>{text(status)}"
        self.lines.append(f'    {node}(["{head}"])')
        if full:
            clause = agreement.entry_into_force
            if clause is not None:
                self.condition(
                    clause.when, node, f"entry into force: {clause.effective.describe()}"
                )
            for commitment in agreement.commitments:
                if commitment.id not in self.commitment_ids:
                    self.commitment_ids[commitment.id] = self.new_id("c")
        for commitment in agreement.commitments:
            cnode = self.commitment_ids.get(commitment.id)
            if cnode is None:
                continue
            self.commitment(commitment, cnode, node)
        self.lines.append("  end")

    def commitment(self, commitment: Commitment, node: str, agreement_node: str) -> None:
        status = self.commitment_status(node, commitment)
        short = commitment.id.rsplit("/", 1)[-1]
        words = (
            f"<b>{text(short)}</b><br>{text(commitment.by)} {text(commitment.action.value)}: "
            f"{text(commitment.summary, limit=48)}"
        )
        if status:
            words += f"<br>{text(status)}"
        self.lines.append(f'    {node}("{words}")')
        self.edges.append(f"{agreement_node}{_IN_FORCE}{node}")
        if commitment.condition is not None:
            self.condition(commitment.condition, node, "")


def _status_words(status: Any, since: dt.date | None) -> str:
    words = label(status)
    return f"{words} since {since.isoformat()}" if since is not None else words


def diagram(
    source: Dataset | History,
    agreements: str | Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    linked: bool = True,
    direction: str = "LR",
) -> Diagram:
    """A Mermaid diagram of agreements: their entry into force, commitments and what each waits for.

    Each agreement is a box holding its node, its entry-into-force condition
    (node by node, arrows from what is waited for to what waits) and its
    commitments, each with an arrow from the agreement (a commitment binds
    while its agreement is in force) and from its own condition. A commitment
    that waits for another's performance gets an arrow from that commitment,
    in whichever agreement it is; an agreement that waits for another to be in
    force gets an arrow from that agreement; links (implements, extends...)
    are dotted arrows. With ``linked`` (the default), agreements and
    commitments referred to this way are drawn too, in their own boxes.

    Given ``as_of``, every node shows its status on that day and is coloured
    by it (condition nodes by their truth value), read from the history.

    Args:
        source: a [`Dataset`][tradeaccord.Dataset], or a
            [`History`][tradeaccord.History] (whose rules and evidence policy
            then decide the statuses shown with ``as_of``).
        agreements: an agreement id or ids (default: every agreement).
        as_of: the day whose statuses colour the diagram (default: none, the
            structure only).
        linked: also draw the agreements and commitments referred to.
        direction: ``"LR"`` (left to right, the default), ``"RL"``, ``"TB"`` or ``"BT"``.

    Raises:
        UnknownIdError: an agreement id is unknown.
        ModelValueError: ``direction`` is not one of the four.
        ModelTypeError: ``source`` is neither a dataset nor a history.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> d = ta.diagram(ta.example_dataset(), "london-2025", as_of=dt.date(2025, 6, 12))
        >>> print(str(d).splitlines()[3])
            a1(["<b>london-2025</b><br>framework<br>awaiting entry into force since 2025-06-10"])
    """
    if isinstance(source, History):
        history: History | None = source
        dataset = source.dataset
    elif isinstance(source, Dataset):
        dataset = source
        history = History(dataset) if as_of is not None else None
    else:
        raise ModelTypeError(f"source must be a Dataset or a History, got {type(source).__name__}")
    if direction not in _DIRECTIONS:
        raise ModelValueError(
            f"direction must be one of {', '.join(_DIRECTIONS)}, got {direction!r}"
        )
    if as_of is not None and (isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date)):
        raise ModelTypeError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    if agreements is None:
        ids = [a.id for a in dataset.agreements]
    elif isinstance(agreements, str):
        ids = [agreements]
    else:
        ids = list(agreements)
    builder = _Builder(dataset, history, as_of, ids, linked)
    for agreement_id in ids:
        builder.agreement_node(agreement_id)
    while builder.queue:
        agreement_id = builder.queue.pop(0)
        full = agreement_id in builder.requested
        if full:
            for link in dataset.agreement(agreement_id).links:
                if builder.drawn(link.target):
                    builder.edges.append(
                        f"{builder.agreement_ids[agreement_id]} -.->"
                        f'|"{text(label(link.kind))}"| {builder.agreement_node(link.target)}'
                    )
        builder.agreement(agreement_id, full=full)
    lines = [f"flowchart {direction}", *builder.lines]
    lines.extend(f"  {edge}" for edge in builder.edges)
    lines.extend(_class_lines(builder.classes))
    return Diagram("\n".join(lines))


_FIXED = {"agreement": ("#e8eef7", "#1f3a5f"), "commitment": ("#f5f5f5", "#333333")}


def _class_lines(classes: dict[str, list[str]]) -> list[str]:
    out = []
    for name, nodes in classes.items():
        if name in _FIXED:
            fill, ink = _FIXED[name]
        else:
            fill, ink = FAMILIES[Family(name)]
        dashed = ",stroke-dasharray:4 3" if name == Family.UNKNOWN.value else ""
        out.append(f"  classDef {name} fill:{fill},color:{ink},stroke:{ink}{dashed}")
        out.append(f"  class {','.join(nodes)} {name}")
    return out
