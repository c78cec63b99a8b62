"""The history: the status of every agreement, party and commitment, over all time.

A [`History`][tradeaccord.History] is built once from a dataset, an evidence
policy and a rule set. Its timelines are computed once; each status is a step
function, found by asking the rules only on the days on which something they
read changes (the change days of the timelines and the dates of the events they
read, collected as they read them). A question about one day is a lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from .._conditions import Condition
from .._model import Agreement, Dataset
from .._scenario import Scenario
from .._truth import Truth
from ..errors import ModelTypeError
from .collector import paused_collection
from .evidence import Record
from .explain import cite
from .intervals import (
    Change,
    Difference,
    StatusHistory,
    StatusInterval,
    _differences,
)
from .outlook import Outlook, Prospect, outlook
from .parties import PlainParties, party_reports, plain_party_histories
from .policy import EvidencePolicy
from .report import (
    Verdict,
    agreement_report,
    commitment_report,
    decide_agreement,
    parties_on,
    party_report,
)
from .results import (
    AgreementStatus,
    Citation,
    CommitmentReport,
    CommitmentStatus,
    PartyReport,
    PartyStatus,
    Report,
    listing,
)
from .rules import Reads, RuleSet
from .statuses import (
    agreement_interval,
    commitment_interval,
    index_of,
    make_intervals,
    party_interval,
    step_function,
)
from .steps import Timeline
from .sweeps import Sweep
from .values import AgreementTimelines, CommitmentTimelines, PartyTimelines

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Change", "Difference", "History", "StatusHistory", "StatusInterval", "evaluate"]

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
S = TypeVar("S", AgreementStatus, CommitmentStatus, PartyStatus)
V = TypeVar("V")


class History:
    """What a dataset says over all time: every status of every agreement, party and commitment.

    Built once from a dataset, a rule set and an evidence policy. Every
    timeline is computed once; a status is a step function whose intervals say
    which rule decided, why, and which events it relied on. ``at(day)`` gives
    the same [`Report`][tradeaccord.Report] as
    [`evaluate`][tradeaccord.evaluate] on that day. The intervals of an item are
    worked out the first time they are asked for; until then ``at`` answers
    each day on its own (the answers are the same). A history never changes.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> history = History(example_dataset())
        >>> london = history.agreement("london-2025")
        >>> [(i.status.value, i.start) for i in london.intervals]
        [('not_concluded', None), ('awaiting_entry_into_force', datetime.date(2025, 6, 10)), ('awaiting_entry_into_force', datetime.date(2025, 6, 11)), ('awaiting_entry_into_force', datetime.date(2025, 6, 25)), ('in_force', datetime.date(2025, 6, 27))]
        >>> history.at(dt.date(2025, 6, 28)).agreement("london-2025").in_force_since
        datetime.date(2025, 6, 27)
        >>> [c.describe() for c in history.changes(dt.date(2025, 6, 26), dt.date(2025, 6, 27))][0]
        '2025-06-27 london-2025: awaiting_entry_into_force -> in_force (rule in-force: in force since 2025-06-27)'
    """

    __slots__ = (
        "_agreements",
        "_commitments",
        "_known_on",
        "_parties",
        "_plains",
        "_policy",
        "_rules",
        "_scenario",
        "_sweep",
    )

    _sweep: Sweep

    @paused_collection
    def __init__(
        self,
        dataset: Dataset,
        *,
        rules: RuleSet | None = None,
        policy: EvidencePolicy | None = None,
        scenario: Scenario | None = None,
        known_on: dt.date | None = None,
    ) -> None:
        if not isinstance(dataset, Dataset):
            raise ModelTypeError(f"dataset must be a Dataset, got {type(dataset).__name__}")
        if rules is not None and not isinstance(rules, RuleSet):
            raise ModelTypeError(f"rules must be a RuleSet, got {type(rules).__name__}")
        if policy is not None and not isinstance(policy, EvidencePolicy):
            raise ModelTypeError(f"policy must be an EvidencePolicy, got {type(policy).__name__}")
        if scenario is not None and not isinstance(scenario, Scenario):
            raise ModelTypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
        self._rules = rules if rules is not None else RuleSet.default()
        if known_on is not None:
            _check_day(known_on, "known_on")
        if policy is None:
            policy = dataset.policy if dataset.policy is not None else EvidencePolicy()
        self._policy = policy
        self._scenario = scenario
        self._known_on = known_on
        if scenario is not None:
            dataset = scenario.apply(dataset)
        hypothetical = scenario.hypothetical() if scenario is not None else frozenset()
        record = Record(dataset, policy, known_on)
        self._start(Sweep(dataset, policy, hypothetical=hypothetical, record=record))

    def _start(self, sweep: Sweep) -> None:
        self._sweep = sweep
        self._agreements: dict[str, tuple[StatusHistory[AgreementStatus], tuple[Verdict, ...]]] = {}
        self._parties: dict[
            tuple[str, str], tuple[StatusHistory[PartyStatus], tuple[PartyReport, ...]]
        ] = {}
        self._plains: dict[str, PlainParties] = {}
        self._commitments: dict[
            str, tuple[StatusHistory[CommitmentStatus], tuple[CommitmentReport, ...]]
        ] = {}

    @property
    def dataset(self) -> Dataset:
        """The dataset the history is built from (with its scenario applied, if it has one)."""
        return self._sweep.dataset

    @property
    def scenario(self) -> Scenario | None:
        """The what-if scenario the history is about (``None``: the record)."""
        return self._scenario

    @property
    def through(self) -> dt.date | None:
        """The last day whose events this history sees (``None``: every event)."""
        return self._sweep.through

    @property
    def known_on(self) -> dt.date | None:
        """The day whose knowledge the history uses (``None``: everything on record)."""
        return self._known_on

    @paused_collection
    def recorded_on(self, day: dt.date) -> History:
        """The history of the record as it stood on ``day``: what was known then, dated by then.

        The events dated after ``day`` are left out, and so are those (and the
        accounts, corrections and retractions) that became known after it: the
        record as known on ``day`` (or on this history's ``known_on``, if earlier).
        Its statuses after ``day`` are what the record said then of the future: the
        dates it fixed (an entry into force 30 days on, a term's end), without
        anything recorded later.

        Examples:
            >>> import datetime as dt
            >>> from tradeaccord import History, example_dataset
            >>> then = History(example_dataset()).recorded_on(dt.date(2025, 6, 26))
            >>> then.agreement("london-2025").status_at(dt.date(2025, 12, 31)).value
            'awaiting_entry_into_force'
        """
        _check_day(day, "day")
        found = History.__new__(History)
        found._rules, found._policy, found._scenario = self._rules, self._policy, self._scenario
        found._known_on = self._known_on
        sweep = self._sweep
        if not sweep.record.timeless:
            known = day if self._known_on is None else min(day, self._known_on)
            found._known_on = known
            record = Record(sweep.dataset, self._policy, known)
            sweep = Sweep(
                sweep.dataset, self._policy, hypothetical=sweep.hypothetical, record=record
            )
        found._start(sweep.recorded_on(day))
        return found

    @property
    def rules(self) -> RuleSet:
        """The rule set that decides statuses."""
        return self._rules

    @property
    def policy(self) -> EvidencePolicy:
        """The evidence policy that decides which events are facts."""
        return self._policy

    def __repr__(self) -> str:
        dataset = self.dataset
        title = f"{dataset.title!r}: " if dataset.title else ""
        return (
            f"History({title}{len(dataset.agreements)} agreements: "
            f"{listing(a.id for a in dataset.agreements)}; {len(dataset.events)} events)"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)

    # Tables and plots ---------------------------------------------------------------

    def to_records(
        self,
        *,
        table: str = "intervals",
        start: dt.date | None = None,
        end: dt.date | None = None,
        agreements: Iterable[str] | None = None,
    ) -> list[dict[str, Any]]:
        """The history as plain records, one ``dict`` per row.

        Args:
            table: ``"intervals"`` (the default): one row per status interval of
                every agreement, party and commitment, with ``kind``,
                ``agreement``, ``subject``, ``start``, ``end`` (the first day
                after the interval; ``None``: open), ``status``, ``rule``,
                ``reason``, ``since``, ``unknown`` (undetermined or of unknown
                truth), ``missing`` and ``citations`` (event ids).
                ``"changes"``: one row per [`Change`][tradeaccord.Change] after
                ``start`` up to ``end`` (default: all), with ``day``, ``kind``,
                ``agreement``, ``subject``, ``before``, ``after``,
                ``status_changed``, ``rule``, ``reason`` and ``citations`` (the
                events newly cited).
            start: with ``"changes"``: only changes after this day.
            end: with ``"changes"``: only changes up to this day.
            agreements: ids of the agreements (default: all).

        Raises:
            ModelTypeError: an unknown ``table``, or ``start``/``end`` with intervals.

        Examples:
            >>> import tradeaccord as ta
            >>> history = ta.History(ta.example_dataset())
            >>> rows = history.to_records(agreements=["london-2025"])
            >>> [(r["subject"], r["status"], r["start"]) for r in rows][:2]
            [('london-2025', 'not_concluded', None), ('london-2025', 'awaiting_entry_into_force', datetime.date(2025, 6, 10))]
            >>> [r["day"].isoformat() for r in history.to_records(table="changes", agreements=["london-2025"]) if r["kind"] == "agreement"]
            ['2025-06-10', '2025-06-11', '2025-06-25', '2025-06-27']
        """
        from .._display.records import history_records  # display hook: see docs/explanation

        return history_records(self, table, start=start, end=end, agreements=agreements)

    def to_frame(
        self,
        *,
        table: str = "intervals",
        start: dt.date | None = None,
        end: dt.date | None = None,
        agreements: Iterable[str] | None = None,
    ) -> Any:
        """The records of [`to_records`][tradeaccord.History.to_records] as a pandas ``DataFrame``.

        Needs the ``pandas`` extra; days become ``datetime64`` columns (an open
        ``end`` is ``NaT``).

        Raises:
            MissingDependencyError: pandas is not installed.

        Examples:
            >>> import tradeaccord as ta
            >>> frame = ta.History(ta.example_dataset()).to_frame(agreements=["london-2025"])
            >>> frame[frame["kind"] == "agreement"]["status"].tolist()
            ['not_concluded', 'awaiting_entry_into_force', 'awaiting_entry_into_force', 'awaiting_entry_into_force', 'in_force']
        """
        from .._display.records import frame_of, history_records  # display hook

        return frame_of(history_records(self, table, start=start, end=end, agreements=agreements))

    def plot(
        self,
        *,
        agreements: Iterable[str] | None = None,
        parties: bool | None = None,
        commitments: bool = True,
        start: dt.date | None = None,
        end: dt.date | None = None,
        as_of: dt.date | None = None,
        hypothetical: Collection[str] | Callable[[Citation], bool] | None = None,
        events: bool = True,
        title: str | None = None,
        ax: Axes | None = None,
    ) -> Figure:
        """A Gantt chart of every status over time, with the events that changed them.

        One row per agreement, then its parties and its commitments; each
        status interval is a bar in the colour of its status (the legend names
        them). Undetermined stretches, or those whose truth is unknown, are
        hatched. The events each row's intervals cite are labelled triangles;
        hypothetical ones are hollow and red. ``as_of`` draws a dashed line on
        that day. Needs the ``plot`` extra (matplotlib).

        Args:
            agreements: ids of the agreements to draw (default: all).
            parties: draw party rows: ``None`` (the default) for agreements whose
                parties are bound by their own instruments, ``True`` for all,
                ``False`` for none.
            commitments: draw commitment rows.
            start: the first day shown (default: a little before the earliest change).
            end: the last day shown (default: a little after the latest).
            as_of: draw a line on this day.
            hypothetical: events to draw as hypothetical: their ids, or a test on
                their [`Citation`][tradeaccord.Citation]s (e.g. for a what-if
                dataset, the ids of the events it added).
            events: draw the cited events.
            title: the title (default: the dataset's title).
            ax: matplotlib axes to draw into (default: a new figure).

        Returns:
            The matplotlib ``Figure``; save it with ``figure.savefig(path)``.

        Raises:
            MissingDependencyError: matplotlib is not installed.
            UnknownIdError: an agreement id is unknown.

        Examples:
            >>> import datetime as dt
            >>> import tradeaccord as ta
            >>> history = ta.History(ta.example_dataset())
            >>> figure = history.plot(agreements=["london-2025"], as_of=dt.date(2025, 6, 28))
            >>> figure.axes[0].get_title(loc="left")
            'US-China trade arrangements 2025-2026 (as of 2025-06-28)'
        """
        from .._display.plot import plot_history  # display hook: see docs/explanation

        return plot_history(
            self,
            agreements=agreements,
            parties=parties,
            commitments=commitments,
            start=start,
            end=end,
            as_of=as_of,
            hypothetical=hypothetical,
            events=events,
            title=title,
            ax=ax,
        )

    # Timelines ----------------------------------------------------------------------

    def condition(self, node: Condition) -> Timeline:
        """The timeline of any condition over the dataset's events."""
        return self._sweep.condition(node)

    def agreement_timelines(self, agreement_id: str) -> AgreementTimelines:
        """The timelines of an agreement (entry into force, provisional application, end)."""
        return self._sweep.agreement(agreement_id)

    def party_timelines(self, agreement_id: str, party: str) -> PartyTimelines:
        """The timelines of one party under an agreement (instrument, bound, withdrawn)."""
        self.dataset.agreement(agreement_id)
        self.dataset.party(party)
        return self._sweep.party(agreement_id, party)

    def commitment_timelines(self, commitment_id: str) -> CommitmentTimelines:
        """The timelines of a commitment (triggered, active, performed...)."""
        return self._sweep.commitment(commitment_id)

    def parties(self, agreement_id: str) -> tuple[str, ...]:
        """Every party an agreement can bind: its listed parties, then later joiners."""
        self.dataset.agreement(agreement_id)
        return self._sweep.parties_of(agreement_id)

    # Statuses -----------------------------------------------------------------------

    @paused_collection
    def agreement(self, agreement_id: str) -> StatusHistory[AgreementStatus]:
        """The status of an agreement over all time."""
        return self._agreement(agreement_id)[0]

    def _agreement(
        self, agreement_id: str
    ) -> tuple[StatusHistory[AgreementStatus], tuple[Verdict, ...]]:
        found = self._agreements.get(agreement_id)
        if found is None:
            agreement = self.dataset.agreement(agreement_id)
            sweep, rules = self._sweep, self._rules
            starts, verdicts = step_function(
                lambda day, reads: decide_agreement(sweep, rules, agreement, day, reads),
                Reads(sweep),
            )
            intervals = make_intervals(
                starts,
                (agreement_interval(agreement_id, verdict) for verdict in verdicts),
            )
            found = (
                StatusHistory(
                    kind="agreement",
                    agreement=agreement_id,
                    subject=agreement_id,
                    intervals=intervals,
                ),
                verdicts,
            )
            self._agreements[agreement_id] = found
        return found

    @paused_collection
    def commitment(self, commitment_id: str) -> StatusHistory[CommitmentStatus]:
        """The status of a commitment over all time."""
        return self._commitment(commitment_id)[0]

    def _commitment(
        self, commitment_id: str
    ) -> tuple[StatusHistory[CommitmentStatus], tuple[CommitmentReport, ...]]:
        found = self._commitments.get(commitment_id)
        if found is None:
            commitment = self.dataset.commitment(commitment_id)
            agreement = self.dataset.agreement_of(commitment_id)
            sweep, rules = self._sweep, self._rules
            starts, reports = step_function(
                lambda day, reads: commitment_report(
                    sweep, rules, agreement, commitment, day, reads
                ),
                Reads(sweep),
            )
            intervals = make_intervals(starts, (commitment_interval(r) for r in reports))
            found = (
                StatusHistory(
                    kind="commitment",
                    agreement=agreement.id,
                    subject=commitment_id,
                    intervals=intervals,
                ),
                reports,
            )
            self._commitments[commitment_id] = found
        return found

    @paused_collection
    def party(self, agreement_id: str, party: str) -> StatusHistory[PartyStatus]:
        """The position of one party under an agreement over all time."""
        return self._party(agreement_id, party)[0]

    def _party(
        self, agreement_id: str, party: str
    ) -> tuple[StatusHistory[PartyStatus], tuple[PartyReport, ...]]:
        key = (agreement_id, party)
        found = self._parties.get(key)
        if found is None:
            self.dataset.party(party)
            self._plain_parties(agreement_id, (party,))
            found = self._parties.get(key)
        if found is None:
            found = self._general_party(agreement_id, party)
            self._parties[key] = found
        return found

    def _plain(self, agreement_id: str) -> PlainParties:
        """The common-case parties of an agreement, read once for every question about them."""
        found = self._plains.get(agreement_id)
        if found is None:
            agreement = self.dataset.agreement(agreement_id)
            found = self._plains[agreement_id] = PlainParties(self._sweep, agreement)
        return found

    def _plain_parties(self, agreement_id: str, parties: Iterable[str]) -> None:
        """Work out the histories of the common cases among ``parties``, all at once."""
        todo = [p for p in parties if (agreement_id, p) not in self._parties]
        for party, found in plain_party_histories(self._plain(agreement_id), todo).items():
            self._parties[agreement_id, party] = found

    def _general_party(
        self, agreement_id: str, party: str
    ) -> tuple[StatusHistory[PartyStatus], tuple[PartyReport, ...]]:
        """A party's history, its report asked again on every day what it read changes."""
        agreement = self.dataset.agreement(agreement_id)
        sweep = self._sweep
        events = sweep.party_events(agreement_id, party)
        starts, values = step_function(
            lambda day, reads: self._party_value(agreement, party, events, day, reads),
            Reads(sweep),
        )
        intervals = make_intervals(
            starts, (party_interval(agreement, report, cited) for report, cited in values)
        )
        return (
            StatusHistory(kind="party", agreement=agreement_id, subject=party, intervals=intervals),
            tuple(report for report, _ in values),
        )

    def _party_value(
        self, agreement: Agreement, party: str, events: list[Any], day: dt.date, reads: Reads
    ) -> tuple[PartyReport, tuple[Citation, ...]]:
        reads.events(events)
        report = party_report(self._sweep, agreement, party, day, reads)
        return report, tuple(cite(self._sweep, e) for e in events if e.date <= day)

    # Questions ----------------------------------------------------------------------

    @paused_collection
    def at(self, day: dt.date, *, agreements: Iterable[str] | None = None) -> Report:
        """Everything the history says on ``day``, as a report.

        Args:
            day: the day to report on.
            agreements: ids of the agreements to report (default: all, in order).
        """
        _check_day(day, "day")
        ids = self._ids(agreements)
        sweep = self._sweep
        reports = []
        for agreement_id in ids:
            agreement = self.dataset.agreement(agreement_id)
            verdict = self._verdict(agreement, day)
            commitments = tuple(
                self._commitment_at(agreement, c.id, day) for c in agreement.commitments
            )
            parties = self._parties_at(agreement, day)
            reports.append(agreement_report(sweep, agreement, day, verdict, parties, commitments))
        scenario = self._scenario.name if self._scenario is not None else None
        return Report(
            as_of=day, agreements=tuple(reports), scenario=scenario, known_on=self._known_on
        )

    def _ids(self, agreements: Iterable[str] | None) -> tuple[str, ...]:
        if agreements is None:
            return tuple(a.id for a in self.dataset.agreements)
        if isinstance(agreements, str):
            raise ModelTypeError(
                f"agreements must be a collection of ids, got the string {agreements!r}"
            )
        ids = tuple(agreements)
        for agreement_id in ids:
            self.dataset.agreement(agreement_id)
        return ids

    def _verdict(self, agreement: Agreement, day: dt.date) -> Verdict:
        found = self._agreements.get(agreement.id)
        if found is not None:
            return found[1][index_of(found[0], day)]
        return decide_agreement(
            self._sweep, self._rules, agreement, day, Reads(self._sweep, keep=False)
        )

    def _commitment_at(
        self, agreement: Agreement, commitment_id: str, day: dt.date
    ) -> CommitmentReport:
        found = self._commitments.get(commitment_id)
        if found is not None:
            return found[1][index_of(found[0], day)]
        commitment = self.dataset.commitment(commitment_id)
        return commitment_report(
            self._sweep, self._rules, agreement, commitment, day, Reads(self._sweep, keep=False)
        )

    def _parties_at(self, agreement: Agreement, day: dt.date) -> tuple[PartyReport, ...]:
        names = parties_on(self._sweep, agreement, day)
        known = self._parties
        plain = self._plain(agreement.id)
        if not known:
            return party_reports(plain, names, day)
        histories = [known.get((agreement.id, p)) for p in names]
        # The parties without a history worked out yet are answered together.
        todo = [p for p, found in zip(names, histories, strict=True) if found is None]
        answers = iter(party_reports(plain, todo, day) if todo else ())
        return tuple(
            next(answers) if found is None else found[1][index_of(found[0], day)]
            for found in histories
        )

    @paused_collection
    def statuses(
        self, *, agreements: Iterable[str] | None = None
    ) -> tuple[StatusHistory[Any], ...]:
        """The status histories of the agreements, each followed by its parties' and commitments'."""
        out: list[StatusHistory[Any]] = []
        for agreement_id in self._ids(agreements):
            out.append(self.agreement(agreement_id))
            names = self.parties(agreement_id)
            self._plain_parties(agreement_id, names)
            out.extend(self.party(agreement_id, p) for p in names)
            out.extend(
                self.commitment(c.id) for c in self.dataset.agreement(agreement_id).commitments
            )
        return tuple(out)

    @paused_collection
    def changes(
        self, start: dt.date, end: dt.date, *, agreements: Iterable[str] | None = None
    ) -> tuple[Change, ...]:
        """What changed after ``start`` up to and including ``end``, day by day.

        Each [`Change`][tradeaccord.Change] gives the status (and reason) before
        and after; read ``status_changed`` to keep only changes of status.
        """
        _check_day(start, "start")
        _check_day(end, "end")
        found: list[Change] = []
        for history in self.statuses(agreements=agreements):
            for before, after in history.changes():
                assert after.start is not None
                if start < after.start <= end:
                    found.append(
                        Change(
                            day=after.start,
                            kind=history.kind,
                            agreement=history.agreement,
                            subject=history.subject,
                            before=before,
                            after=after,
                        )
                    )
        found.sort(key=lambda c: c.day)
        return tuple(found)

    def upcoming(
        self, as_of: dt.date, until: dt.date, *, agreements: Iterable[str] | None = None
    ) -> tuple[Change, ...]:
        """The changes scheduled after ``as_of`` up to ``until``, as the record stood on ``as_of``.

        Terms ending, sunsets, scheduled entries into force, withdrawals taking
        effect, deadlines passing: every change the facts recorded by ``as_of``
        already fix, each with the rule and reason that will decide it. Facts
        recorded later are left out (``recorded_on(as_of).changes(as_of, until)``).

        Examples:
            >>> import datetime as dt
            >>> from tradeaccord import History, example_dataset
            >>> ahead = History(example_dataset()).upcoming(dt.date(2025, 8, 1), dt.date(2025, 8, 31))
            >>> [(c.day.isoformat(), c.subject, c.after.status.value) for c in ahead][-1]
            ('2025-08-12', 'geneva-2025/cn-suspend-24-points', 'ended')
        """
        _check_day(as_of, "as_of")
        _check_day(until, "until")
        return self.recorded_on(as_of).changes(as_of, until, agreements=agreements)

    @paused_collection
    def outlook(
        self, as_of: dt.date, *, agreements: Iterable[str] | None = None
    ) -> tuple[Outlook, ...]:
        """What is still to come, as the record stood on ``as_of``: the earliest days and the ways.

        For every agreement not in force on ``as_of``, every party it does not yet
        bind and every commitment not yet active: whether the facts recorded by then
        schedule it (``SCHEDULED``), whether events could still bring it about
        (``PENDING``, with the smallest sets of events that would, each with the day
        it would then come, the earliest first), or whether nothing can
        (``FAILED``). The events are imagined on ``as_of``, the earliest they could
        happen. Each answer is worked out when asked, by sweeping the record with
        each way added.

        Examples:
            >>> import datetime as dt
            >>> from tradeaccord import History, example_dataset
            >>> ahead = History(example_dataset()).outlook(dt.date(2025, 6, 12), agreements=["london-2025"])
            >>> london = ahead[0]
            >>> london.prospect.value, london.earliest
            ('pending', datetime.date(2025, 6, 12))
            >>> london.ways[0].describe()
            'approval of london-2025 by CHN and approval of london-2025 by USA: on 2025-06-12'
        """
        _check_day(as_of, "as_of")
        found: list[Outlook] = []
        for agreement_id in self._ids(agreements):
            agreement = self.dataset.agreement(agreement_id)
            items = [("agreement", agreement_id)]
            items += [("party", p) for p in parties_on(self._sweep, agreement, as_of)]
            items += [("commitment", c.id) for c in agreement.commitments]
            for kind, subject in items:
                answer = outlook(self._sweep, as_of, kind, agreement_id, subject)
                if answer.prospect is not Prospect.MET:
                    found.append(answer)
        return tuple(found)

    @paused_collection
    def compare(
        self, other: History, *, agreements: Iterable[str] | None = None
    ) -> tuple[Difference, ...]:
        """Where ``other`` (a scenario, another rule set or policy) says otherwise than this history.

        For each agreement, party and commitment of this history, the runs of days on
        which the two disagree on the status, the rule or the reason, each with what
        either history says. Both must describe the same agreements.

        Examples:
            >>> import datetime as dt
            >>> from tradeaccord import History, EvidencePolicy, Confidence, example_dataset
            >>> base = History(example_dataset())
            >>> strict = History(example_dataset(), policy=EvidencePolicy(min_confidence=Confidence.HIGH))
            >>> found = base.compare(strict, agreements=["london-2025"])
            >>> found[0].start, found[0].other.reason.split("; ")[1]
            (datetime.date(2025, 6, 25), 'waiting for confirmation of approval of london-2025 by USA and approval of london-2025 by CHN')
            >>> changed = [d for d in found if d.status_differs and d.kind == "agreement"][0]
            >>> changed.start, changed.base.status.value, changed.other.status.value
            (datetime.date(2025, 6, 27), 'in_force', 'undetermined')
        """
        if not isinstance(other, History):
            raise ModelTypeError(f"other must be a History, got {type(other).__name__}")
        found: list[Difference] = []
        for mine in self.statuses(agreements=agreements):
            theirs: StatusHistory[Any]
            if mine.kind == "agreement":
                theirs = other.agreement(mine.subject)
            elif mine.kind == "party":
                theirs = other.party(mine.agreement, mine.subject)
            else:
                theirs = other.commitment(mine.subject)
            found.extend(_differences(mine, theirs))
        found.sort(key=lambda d: (d.start is not None, d.start or dt.date.min))
        return tuple(found)


def _check_day(day: object, name: str) -> None:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise ModelTypeError(f"{name} must be a datetime.date, got {type(day).__name__}")


@paused_collection
def evaluate(
    dataset: Dataset,
    as_of: dt.date,
    *,
    agreements: Iterable[str] | None = None,
    rules: RuleSet | None = None,
    policy: EvidencePolicy | None = None,
    scenario: Scenario | None = None,
    known_on: dt.date | None = None,
) -> Report:
    """Evaluate agreements and their commitments on a day.

    The same as ``History(dataset, rules=rules, policy=policy).at(as_of)``: to
    ask about many days, build the [`History`][tradeaccord.History] once.

    Args:
        dataset: the agreements and the recorded events.
        as_of: the day to evaluate; only facts dated on or before it count.
        agreements: ids of the agreements to report (default: all, in order).
        rules: the rule set (default: [`RuleSet.default()`][tradeaccord.RuleSet.default]).
        policy: which events count as facts (default: medium confidence or better).
        scenario: a what-if scenario to evaluate instead of the record as it is.
        known_on: answer with what was known on this day: the events (and the
            accounts, corrections and retractions) reported later are left out
            (default: everything on record).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import example_dataset
        >>> report = evaluate(example_dataset(), dt.date(2025, 6, 12))
        >>> london = report.agreement("london-2025")
        >>> london.status.value, london.in_force.value
        ('awaiting_entry_into_force', 'false')
        >>> london.missing_descriptions()
        ('approval of london-2025 by USA', 'approval of london-2025 by CHN')
    """
    _check_day(as_of, "as_of")
    history = History(dataset, rules=rules, policy=policy, scenario=scenario, known_on=known_on)
    return history.at(as_of, agreements=agreements)
