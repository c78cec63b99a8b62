"""The immutable results of an evaluation: statuses, explanations, what is missing."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection, Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, final

import attrs

from .._conditions import format_number
from .._model import Source
from .._truth import Truth
from .._vocabulary import Action, Basis, Confidence, EventKind
from ..errors import UnknownIdError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "AgreementReport",
    "AgreementStatus",
    "Alternative",
    "Citation",
    "CommitmentReport",
    "CommitmentStatus",
    "Deontic",
    "Explanation",
    "Need",
    "PartyReport",
    "PartyStatus",
    "Progress",
    "Report",
    "Standing",
]

REPORT_FORMAT = 2
"""The version of the report's data layout; bumped when fields change meaning."""

#: At most this many items are named in a short ``repr``; the rest are counted.
REPR_ITEMS = 4


def listing(items: Iterable[str], limit: int = REPR_ITEMS) -> str:
    """``'a, b, c, d, ... (9 in all)'``: the first ``limit`` items, and how many in all."""
    every = list(items)
    shown = ", ".join(every[:limit])
    return shown if len(every) <= limit else f"{shown}, ... ({len(every)} in all)"


def when(day: dt.date | None, word: str = "since") -> str:
    """``' since 2025-06-27'``, or nothing for the beginning of time."""
    return "" if day is None else f" {word} {day.isoformat()}"


class AgreementStatus(enum.Enum):
    """Where an agreement stands on a day."""

    NOT_CONCLUDED = "not_concluded"
    AWAITING_ENTRY_INTO_FORCE = "awaiting_entry_into_force"
    PROVISIONALLY_APPLIED = "provisionally_applied"
    UNDETERMINED = "undetermined"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    LAPSED = "lapsed"


class CommitmentStatus(enum.Enum):
    """Where a commitment stands on a day.

    ``CONDITIONAL``: waiting for its agreement to be in force or its condition
    to hold. ``ACTIVE``: it binds its party now. ``PERFORMED``: the party did
    what it undertook. ``ENDED``: it no longer binds (term run out, terminated,
    agreement no longer in force). ``UNDETERMINED``: the facts do not settle it.
    """

    CONDITIONAL = "conditional"
    ACTIVE = "active"
    PERFORMED = "performed"
    ENDED = "ended"
    UNDETERMINED = "undetermined"


class Deontic(enum.Enum):
    """Whether a commitment has been honoured, on the day of the report.

    ``FULFILLED``: its performance is recorded and no breach is. ``VIOLATED``: a
    breach is recorded. ``OVERDUE``: its deadline passed without a recorded
    performance (nor a recorded breach). ``MISSED``: the same, for a commitment only
    expected of its party (``Basis.EXPECTED``), not undertaken. ``PENDING``: it binds, nothing settles it yet. ``UNSETTLED``: it no longer
    binds, and neither a performance nor a breach was recorded while it did.
    ``NOT_APPLICABLE``: it has never been active. ``UNDETERMINED``: the facts do
    not settle whether it ever became active.
    """

    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    VIOLATED = "violated"
    OVERDUE = "overdue"
    MISSED = "missed"
    UNSETTLED = "unsettled"
    UNDETERMINED = "undetermined"


class Standing(enum.Enum):
    """How an event stands under an evidence policy, given the accounts known of it.

    ``ESTABLISHED``: a fact. ``UNCONFIRMED``: reported, but only by sources the
    policy does not accept on their own, or with too low a confidence (UNKNOWN).
    ``DISPUTED``: claimed and denied by equally ranked sources (what the
    policy's ``on_conflict`` gives). ``DENIED``: a stronger source denies it; it
    is left out of the record.
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    ESTABLISHED = "established"
    UNCONFIRMED = "unconfirmed"
    DISPUTED = "disputed"
    DENIED = "denied"


@final
@attrs.frozen(kw_only=True)
class Citation:
    """An event an explanation relies on, with its sources.

    ``hypothetical`` marks an event a what-if scenario added or moved: a
    hypothesis, not a fact of the record. ``standing`` says how the event
    stands under the evidence policy, and ``evidence`` which account prevailed
    and why (empty for an event its plain sources establish).
    """

    event: str
    date: dt.date
    kind: EventKind
    summary: str
    confidence: Confidence
    party: str | None = None
    sources: tuple[Source, ...] = ()
    hypothetical: bool = False
    standing: Standing = Standing.ESTABLISHED
    evidence: str = ""

    def __repr__(self) -> str:
        who = f" by {self.party}" if self.party else ""
        what = ", hypothetical" if self.hypothetical else ""
        if self.standing is not Standing.ESTABLISHED:
            what += f", {self.standing.value}"
        return (
            f"Citation({self.event}: {self.kind.value}{who} on {self.date.isoformat()}, "
            f"{len(self.sources)} sources{what})"
        )


@final
@attrs.frozen(kw_only=True)
class Explanation:
    """One node of an explanation tree: a rule, a condition or a fact, and its value.

    ``value`` is the node's truth on the report's day (``None`` for nodes that
    only group others); ``since`` the first day of the run of that value
    (``None``: since the beginning of time). ``failed`` marks a condition that is
    not met and can no longer be, whatever happens next (a party refused, the
    agreement it waits for was terminated): it is not merely pending.
    """

    label: str
    value: Truth | None = None
    since: dt.date | None = None
    citations: tuple[Citation, ...] = ()
    children: tuple[Explanation, ...] = ()
    failed: bool = False

    def walk(self) -> tuple[Explanation, ...]:
        """This node and every node below it, depth first."""
        out: list[Explanation] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)

    def __repr__(self) -> str:
        value = "" if self.value is None else f", {self.value.value}{when(self.since)}"
        return f"Explanation({self.label!r}{value}, {len(self.walk())} nodes)"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class Need:
    """One thing still outstanding: an event, a date, a waiting period...

    ``kind`` is one of ``"event"``, ``"performance"``, ``"agreement"``,
    ``"date"``, ``"wait"``, ``"absence"``, ``"confirmation"``, ``"count"``
    (more instruments) or ``"weight"`` (more weight). An ``"event"`` or
    ``"performance"`` has not happened yet, as far as the record knows; a
    ``"confirmation"`` is reported but unconfirmed: ``reported`` names the
    events on record that the evidence policy does not (yet) count as facts.
    """

    kind: str
    description: str
    reported: tuple[str, ...] = ()


@final
@attrs.frozen(kw_only=True)
class Alternative:
    """A set of needs that together would make the condition hold."""

    needs: tuple[Need, ...]

    def describe(self) -> str:
        """The needs joined in words."""
        return " and ".join(n.description for n in self.needs)


@final
@attrs.frozen(kw_only=True)
class CommitmentReport:
    """The status of one commitment on the report's day."""

    id: str
    by: str
    action: Action
    summary: str
    status: CommitmentStatus
    since: dt.date | None
    deontic: Deontic
    rule: str
    reason: str
    due: dt.date | None = None
    performed: Truth = Truth.FALSE
    performed_on: dt.date | None = None
    explanation: Explanation
    missing: tuple[Alternative, ...] = ()
    basis: Basis = Basis.AGREED
    """Undertaken by its party, or only expected of it (see [`Basis`][tradeaccord.Basis])."""
    confidence: Confidence = Confidence.HIGH
    """How well its sources establish that it was undertaken (or expected)."""

    @property
    def hedges(self) -> str:
        """What qualifies the commitment, in words: ``"expected, confidence low"`` for one
        only expected of its party on weak sources; ``""`` for one undertaken on high
        confidence.

        Examples:
            >>> import datetime as dt
            >>> import tradeaccord as ta
            >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 10, 1))
            >>> report.agreement("london-2025").commitment("london-2025/us-broader-agreement").hedges
            'expected, confidence low'
        """
        words = ["expected"] if self.basis is Basis.EXPECTED else []
        if self.confidence is not Confidence.HIGH:
            words.append(f"confidence {self.confidence.value}")
        return ", ".join(words)

    def __repr__(self) -> str:
        return (
            f"CommitmentReport({self.id}: {self.status.value}{when(self.since)}, "
            f"{self.deontic.value})"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


class PartyStatus(enum.Enum):
    """Where one party stands under an agreement on a day.

    ``BOUND``: the agreement is in force for it. ``PENDING``: its own date of
    entry into force is fixed by the facts so far but not yet reached.
    ``NOT_BOUND``: nothing (yet) binds it. ``WITHDRAWN``: its withdrawal has
    taken effect. ``UNDETERMINED``: the facts do not settle it.
    """

    BOUND = "bound"
    PENDING = "pending"
    NOT_BOUND = "not_bound"
    WITHDRAWN = "withdrawn"
    UNDETERMINED = "undetermined"


@final
@attrs.frozen(kw_only=True)
class PartyReport:
    """One party's own position under an agreement on the report's day.

    ``entry_into_force`` is the day the agreement became binding for the party,
    or, while it is ``PENDING``, the day it will on the facts recorded so far.
    ``instrument_on`` is the day its instrument (deposit, ratification...) was
    recorded, for agreements that bind each party by its own instrument.
    """

    party: str
    status: PartyStatus
    bound: Truth
    since: dt.date | None = None
    entry_into_force: dt.date | None = None
    instrument_on: dt.date | None = None
    withdrawal_effective: dt.date | None = None

    def __repr__(self) -> str:
        return f"PartyReport({self.party}: {self.status.value}{when(self.since)})"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


@final
@attrs.frozen(kw_only=True)
class Progress:
    """How far a threshold of the entry-into-force clause is met on the report's day.

    ``unit`` is ``"instruments"`` or ``"weight"``; ``have`` counts established
    instruments (or their weight), ``unknown`` weakly reported ones,
    ``required`` what the threshold asks for that day and ``still_needed`` the
    difference (0 once met). ``outstanding`` lists the parties that could still
    contribute; ``members`` the size of the group on the day, when counted
    against a group.
    """

    condition: str
    path: str
    unit: str
    met: Truth
    have: Fraction
    unknown: Fraction
    required: Fraction
    still_needed: Fraction
    counted: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    outstanding: tuple[str, ...] = ()
    members: int | None = None

    def describe(self) -> str:
        """The progress in words, e.g. ``'at least 3 deposits for x: 1 of 3, 2 more needed'``."""
        text = f"{self.condition}: " + tally_words(
            self.unit, self.have, self.required, self.members, self.unknown
        )
        if self.still_needed > 0:
            text += f", {format_number(self.still_needed)} more needed"
        return text


def tally_words(
    unit: str,
    have: Fraction | int,
    required: Fraction | int,
    members: int | None,
    unknown: Fraction | int,
) -> str:
    """``'2 of 3'``, ``'weight 30.2 of 55'``, with the group size and unconfirmed part if any."""
    text = f"{format_number(have)} of {format_number(required)}"
    if unit == "weight":
        text = "weight " + text
    if members is not None:
        text += f" ({members} members)"
    if unknown:
        text += f", {format_number(unknown)} unconfirmed"
    return text


@final
@attrs.frozen(kw_only=True)
class AgreementReport:
    """The status of one agreement on the report's day, with why and what is missing."""

    id: str
    title: str
    status: AgreementStatus
    in_force: Truth
    in_force_since: dt.date | None
    entered_into_force: dt.date | None
    rule: str
    reason: str
    explanation: Explanation
    missing: tuple[Alternative, ...] = ()
    scheduled_entry_into_force: dt.date | None = None
    """While not in force: the day it will enter into force on the facts recorded so far."""
    progress: tuple[Progress, ...] = ()
    """How far each threshold of the entry-into-force clause is met."""
    parties: tuple[PartyReport, ...] = ()
    """Each party's own position: listed parties first, then later joiners."""
    per_party: bool = False
    """Whether each party is bound by its own instrument (the clause has ``per_party``)."""
    commitments: tuple[CommitmentReport, ...] = ()

    def party(self, party: str) -> PartyReport:
        """The position of one party (raises `UnknownIdError` if it is not listed)."""
        for report in self.parties:
            if report.party == party:
                return report
        raise UnknownIdError("party", party, (p.party for p in self.parties))

    def commitment(self, commitment_id: str) -> CommitmentReport:
        """The report of one of this agreement's commitments."""
        for report in self.commitments:
            if report.id == commitment_id:
                return report
        raise UnknownIdError("commitment", commitment_id, (c.id for c in self.commitments))

    def missing_descriptions(self) -> tuple[str, ...]:
        """What is missing, in words: each need if there is one way forward, else each way."""
        return describe_missing(self.missing)

    def __repr__(self) -> str:
        since = when(self.in_force_since if self.in_force is Truth.TRUE else self.explanation.since)
        return (
            f"AgreementReport({self.id}: {self.status.value}{since}, "
            f"{len(self.parties)} parties, {len(self.commitments)} commitments)"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)


def describe_missing(
    missing: tuple[Alternative, ...], *, evidence: bool = False
) -> tuple[str, ...]:
    """Needs in words: the needs of the only alternative, or one line per alternative.

    With ``evidence``, a need reported but unconfirmed names the events on record.
    """

    def words(need: Need) -> str:
        if evidence and need.reported:
            return f"{need.description} (reported but unconfirmed: {', '.join(need.reported)})"
        return need.description

    if len(missing) == 1:
        return tuple(words(n) for n in missing[0].needs)
    return tuple("either: " + " and ".join(words(n) for n in a.needs) for a in missing)


@final
@attrs.frozen(kw_only=True)
class Report:
    """Everything an evaluation found, as of one day. Immutable data; render it to read it.

    Attributes:
        format: the version of this data layout (see the JSON output reference).
    """

    as_of: dt.date
    agreements: tuple[AgreementReport, ...]
    format: int = REPORT_FORMAT
    scenario: str | None = None
    """The name of the what-if scenario the report is about (``None``: the record)."""
    known_on: dt.date | None = None
    """The day whose knowledge the report uses (``None``: everything on record)."""

    def agreement(self, agreement_id: str) -> AgreementReport:
        """The report of one agreement.

        Raises:
            UnknownIdError: the report has no such agreement.
        """
        for report in self.agreements:
            if report.id == agreement_id:
                return report
        raise UnknownIdError("agreement", agreement_id, (a.id for a in self.agreements))

    def __repr__(self) -> str:
        items = listing(f"{a.id} {a.status.value}" for a in self.agreements)
        count = len(self.agreements)
        scenario = f", scenario {self.scenario}" if self.scenario is not None else ""
        if self.known_on is not None:
            scenario += f", known on {self.known_on.isoformat()}"
        return f"Report(as_of={self.as_of.isoformat()}{scenario}, {count} agreements: {items})"

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)

    def to_records(self, *, table: str = "statuses") -> list[dict[str, Any]]:
        """The report as plain records, one ``dict`` per row.

        Args:
            table: ``"statuses"`` (the default): one row per agreement, party and
                commitment, with ``as_of``, ``kind``, ``agreement``, ``subject``,
                ``status``, ``since``, ``in_force`` (for a party: whether it is
                bound), ``rule``, ``reason``, ``missing``, ``deontic``, ``due``,
                ``performed_on`` and ``entry_into_force`` (done or scheduled);
                ``"progress"``: one row per threshold of an entry-into-force
                clause (the fields of [`Progress`][tradeaccord.Progress]).

        Raises:
            ModelTypeError: ``table`` is neither.

        Examples:
            >>> import datetime as dt
            >>> import tradeaccord as ta
            >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 12))
            >>> [(r["subject"], r["status"]) for r in report.to_records() if r["kind"] == "agreement"]
            [('geneva-2025', 'in_force'), ('london-2025', 'awaiting_entry_into_force'), ('stockholm-2025', 'not_concluded'), ('busan-2025', 'not_concluded')]
        """
        from .._display.records import report_records  # display hook: see docs/explanation

        return report_records(self, table)

    def to_frame(self, *, table: str = "statuses") -> Any:
        """The records of [`to_records`][tradeaccord.Report.to_records] as a pandas ``DataFrame``.

        Needs the ``pandas`` extra (``pip install 'tradeaccord[pandas]'``); days
        become ``datetime64`` columns.

        Raises:
            MissingDependencyError: pandas is not installed.

        Examples:
            >>> import datetime as dt
            >>> import tradeaccord as ta
            >>> frame = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28)).to_frame()
            >>> frame.groupby("kind").size().to_dict()
            {'agreement': 4, 'commitment': 16, 'party': 8}
        """
        from .._display.records import frame_of, report_records  # display hook

        return frame_of(report_records(self, table))

    def plot(
        self,
        *,
        agreements: Iterable[str] | None = None,
        parties: bool | None = None,
        commitments: bool = True,
        start: dt.date | None = None,
        end: dt.date | None = None,
        hypothetical: Collection[str] | Callable[[Citation], bool] | None = None,
        events: bool = True,
        title: str | None = None,
        ax: Axes | None = None,
    ) -> Figure:
        """A chart of the report: each item's status up to the report's day, and its events.

        One row per agreement (then its parties and commitments): a bar in the
        colour of its status from the day that status began (``since``) up to
        the as-of line; before that day the report says nothing, so nothing is
        drawn (a [`History`][tradeaccord.History] plots every status over all
        time). Events the explanations cite are triangles; days the facts
        already fix (a scheduled entry into force, a commitment's due day) are
        hollow diamonds; undetermined statuses are hatched. Needs the ``plot``
        extra (matplotlib).

        Args:
            agreements: ids of the agreements to draw (default: all in the report).
            parties: draw party rows: ``None`` (the default) for agreements whose
                parties are bound by their own instruments, ``True`` for all,
                ``False`` for none.
            commitments: draw commitment rows.
            start: the first day shown (default: a little before the earliest).
            end: the last day shown (default: a little after the latest).
            hypothetical: events to draw as hypothetical (hollow, in red, marked
                "hypothetical"): their ids, or a test on their
                [`Citation`][tradeaccord.Citation]s.
            events: draw the cited events.
            title: the title (default: the report's day).
            ax: matplotlib axes to draw into (default: a new figure).

        Returns:
            The matplotlib ``Figure``; save it with ``figure.savefig(path)``.

        Raises:
            MissingDependencyError: matplotlib is not installed.

        Examples:
            >>> import datetime as dt
            >>> import tradeaccord as ta
            >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
            >>> figure = report.plot(agreements=["london-2025"])
            >>> [t.get_text() for t in figure.axes[0].get_yticklabels()][:2]
            ['london-2025', 'cn-rare-earth-approvals']
        """
        from .._display.plot import plot_report  # display hook: see docs/explanation

        return plot_report(
            self,
            agreements=agreements,
            parties=parties,
            commitments=commitments,
            start=start,
            end=end,
            hypothetical=hypothetical,
            events=events,
            title=title,
            ax=ax,
        )
