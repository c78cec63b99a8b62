"""The history equals the day-by-day answers, at every level, for every rule set.

A [`History`][tradeaccord.History] asks the rules only on the days on which
something they read changes, and looks every other day up. These properties
check it against answers computed for each day on its own:

- the status of every agreement, party and commitment, on every day of the
  window and around every change, equals the status the naive oracle derives
  from the definitions (default rules);
- the report ``at(d)`` of a history whose intervals are all worked out equals
  the report of a history that answers that day alone, for the default rules and
  for rule sets of users' own (rules that read explanations, events, other
  agreements' timelines and the dates the record schedules);
- the changes between two days lead from the statuses on the first to those on
  the second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeaccord import (
    AgreementContext,
    AgreementStatus,
    AnyOf,
    CommitmentContext,
    CommitmentStatus,
    Confidence,
    Dataset,
    EventKind,
    EvidencePolicy,
    Finding,
    History,
    InForce,
    Occurred,
    PartyStatus,
    Rule,
    RuleSet,
    StatusHistory,
    Timeline,
    Truth,
)
from tradeaccord.testing import (
    DEFAULT_WINDOW,
    NaiveEvaluator,
    datasets,
    dates,
    evidence_datasets,
    evidence_policies,
)

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))
ONE_DAY = dt.timedelta(days=1)
MARGIN = 3 * ONE_DAY
#: The oracle scans the days before each day: statuses are checked over two months.
SHORT_WINDOW = (DEFAULT_WINDOW[0], dt.date(2025, 2, 28))
T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def days_to_check(
    window: tuple[dt.date, dt.date], histories: Iterable[StatusHistory[Any]]
) -> list[dt.date]:
    """Every day of ``window`` and a margin, and every interval's first day and its neighbours."""
    days = {window[0] - MARGIN + n * ONE_DAY for n in range((window[1] - window[0]).days + 7)}
    for history in histories:
        for interval in history.intervals:
            if interval.start is not None:
                days.update((interval.start - ONE_DAY, interval.start, interval.start + ONE_DAY))
    return sorted(days)


class Oracle(NaiveEvaluator):
    """The naive evaluator, remembering per-day answers it would otherwise work out again."""

    def __init__(
        self, dataset: Dataset, policy: EvidencePolicy, *, known_on: dt.date | None = None
    ) -> None:
        super().__init__(dataset, policy, known_on=known_on)
        self._answers: dict[tuple[object, ...], Any] = {}

    def _remember(self, key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]

    def instrument(self, target: str, kind: EventKind, party: str, day: dt.date) -> Truth:
        return self._remember(  # type: ignore[no-any-return]
            ("instrument", target, kind, party, day),
            partial(super().instrument, target, kind, party, day),
        )

    def ready(self, agreement: Any, day: dt.date) -> Truth:
        return self._remember(("ready", agreement.id, day), partial(super().ready, agreement, day))  # type: ignore[no-any-return]

    def bound(self, agreement: Any, party: str, day: dt.date) -> Truth:
        return self._remember(  # type: ignore[no-any-return]
            ("bound", agreement.id, party, day), partial(super().bound, agreement, party, day)
        )

    def effect(self, agreement: Any, party: str, day: dt.date) -> Truth:
        return self._remember(  # type: ignore[no-any-return]
            ("effect", agreement.id, party, day), partial(super().effect, agreement, party, day)
        )

    def triggered(self, commitment: Any, day: dt.date) -> Truth:
        return self._remember(  # type: ignore[no-any-return]
            ("triggered", commitment.id, day), partial(super().triggered, commitment, day)
        )


def describe(dataset: Dataset, policy: EvidencePolicy) -> str:
    """A readable dump of the inputs, for failure messages."""
    return (
        f"policy={policy!r}\ngroups={dataset.groups!r}\nagreements={dataset.agreements!r}\n"
        f"events={dataset.events!r}"
    )


short_datasets = datasets(min_date=SHORT_WINDOW[0], max_date=SHORT_WINDOW[1], max_agreements=2)


def assert_statuses_are_the_oracles(
    dataset: Dataset, history: History, oracle: Oracle, context: str
) -> None:
    """Every agreement, commitment and party of ``dataset`` has in ``history``, on every
    day checked, the status the oracle gives; ``context`` follows each message."""
    for agreement in dataset.agreements:
        statuses = history.agreement(agreement.id)
        for day in days_to_check(SHORT_WINDOW, [statuses]):
            expected = oracle.agreement_status(agreement, day)
            assert statuses.status_at(day) is expected, (
                f"{agreement.id} on {day}: history {statuses.status_at(day)}, "
                f"oracle {expected}\n{context}"
            )
        for commitment in agreement.commitments:
            statuses_c = history.commitment(commitment.id)
            for day in days_to_check(SHORT_WINDOW, [statuses_c]):
                expected_c = oracle.commitment_status(commitment, day)
                assert statuses_c.status_at(day) is expected_c, (
                    f"{commitment.id} on {day}: history {statuses_c.status_at(day)}, "
                    f"oracle {expected_c}\n{context}"
                )
        for party in history.parties(agreement.id):
            statuses_p = history.party(agreement.id, party)
            for day in days_to_check(SHORT_WINDOW, [statuses_p]):
                status = statuses_p.status_at(day)
                bound = oracle.bound(agreement, party, day)
                where = f"{agreement.id} for {party} on {day}: {status}, oracle bound {bound}\n{context}"
                assert (status is PartyStatus.BOUND) == (bound is T), where
                if status is PartyStatus.UNDETERMINED:
                    assert bound is U, where


@settings(deadline=None, max_examples=max(10, settings.default.max_examples // 2))
@given(short_datasets)
def test_statuses_equal_the_oracle_on_every_day(dataset: Dataset) -> None:
    """Every agreement, commitment and party has, on every day, the status the definitions give."""
    for policy in POLICIES:
        history = History(dataset, policy=policy)
        oracle = Oracle(dataset, policy)
        assert_statuses_are_the_oracles(dataset, history, oracle, describe(dataset, policy))


@settings(deadline=None, max_examples=max(10, settings.default.max_examples // 2))
@given(st.data())
def test_statuses_as_known_on_a_day_equal_the_oracle(data: st.DataObject) -> None:
    """With report dates, accounts, corrections and retractions, as known on any day, the
    history's statuses are those the oracle derives from the definitions."""
    dataset = data.draw(
        evidence_datasets(min_date=SHORT_WINDOW[0], max_date=SHORT_WINDOW[1], max_agreements=2),
        label="dataset",
    )
    policy = data.draw(evidence_policies(), label="policy")
    window = dates(min_value=SHORT_WINDOW[0], max_value=SHORT_WINDOW[1])
    known_on = data.draw(st.none() | window, label="known_on")
    history = History(dataset, policy=policy, known_on=known_on)
    oracle = Oracle(dataset, policy, known_on=known_on)
    context = f"known on {known_on}\n{describe(dataset, policy)}"
    assert_statuses_are_the_oracles(dataset, history, oracle, context)


# --- rule sets of users' own ------------------------------------------------------------


def _invalidated(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    """Suspended, under review, once a measure of one of its commitments lost its legal basis."""
    measures = sorted({c.measure for c in ctx.agreement.commitments if c.measure is not None})
    if not measures:
        return None
    why = ctx.explain(AnyOf(*(Occurred(EventKind.INVALIDATION, target=m) for m in measures)))
    if why.value is not T:
        return None
    return Finding(
        status=AgreementStatus.SUSPENDED,
        reason=f"under review since {why.since}",
        since=why.since,
        explanation=(why,),
    )


def _scheduled(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    """Awaiting, with the day the record fixes for entry into force."""
    day = ctx.scheduled_entry_into_force(ctx.agreement.id)
    if day is None:
        return None
    return Finding(status=AgreementStatus.AWAITING_ENTRY_INTO_FORCE, reason=f"enters on {day}")


def _suspensions(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    """Suspended once two suspensions or terminations are on record."""
    events = ctx.events(ctx.agreement.id, EventKind.SUSPENSION, EventKind.TERMINATION)
    if len(events) < 2:
        return None
    return Finding(
        status=AgreementStatus.SUSPENDED,
        reason=f"{len(events)} suspensions and terminations",
        explanation=(),
    )


def _follows_others(ctx: AgreementContext) -> Finding[AgreementStatus] | None:
    """In force whenever every other agreement is, on its own timelines."""
    others = [a.id for a in ctx.dataset.agreements if a.id != ctx.agreement.id]
    if not others:
        return None
    if all(ctx.agreement_timelines(o).in_force.at(ctx.as_of) is T for o in others):
        return Finding(status=AgreementStatus.IN_FORCE, reason="all others are in force")
    return None


def _binding_soon(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    """Conditional, naming the day its agreement will bind the committing party."""
    day = ctx.scheduled_binding(ctx.agreement.id, ctx.commitment.by)
    if day is None:
        return None
    return Finding(status=CommitmentStatus.CONDITIONAL, reason=f"binds from {day}")


def _breach_watch(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    """Undetermined while a breach is on record and the party's timeline says it is bound."""
    bound = ctx.party_timelines(ctx.agreement.id, ctx.commitment.by).bound
    cited = ctx.events(ctx.commitment.id, EventKind.BREACH)
    if not cited or bound.at(ctx.as_of) is not T:
        return None
    return Finding(
        status=CommitmentStatus.UNDETERMINED,
        reason=f"breach reported on {cited[0].date}",
        since=cited[0].date,
    )


def _needs_in_force(ctx: CommitmentContext) -> Finding[CommitmentStatus] | None:
    """Conditional while its agreement's in-force condition is not met, with what it needs."""
    need = ctx.missing(InForce(ctx.agreement.id))
    condition = ctx.condition(InForce(ctx.agreement.id))
    if not need or condition.at(ctx.as_of) is T:
        return None
    return Finding(
        status=CommitmentStatus.CONDITIONAL,
        reason="needs " + need[0].describe(),
        missing=need,
    )


AGREEMENT_RULES = (
    Rule(name="under-review", summary="", check=_invalidated),
    Rule(name="scheduled", summary="", check=_scheduled),
    Rule(name="suspensions", summary="", check=_suspensions),
    Rule(name="follows-others", summary="", check=_follows_others),
)
COMMITMENT_RULES = (
    Rule(name="binding-soon", summary="", check=_binding_soon),
    Rule(name="breach-watch", summary="", check=_breach_watch),
    Rule(name="needs-in-force", summary="", check=_needs_in_force),
)


@st.composite
def rule_sets(draw: st.DrawFn) -> RuleSet:
    """The default rules with some removed and some rules of users' own placed among them."""
    rules = RuleSet.default()
    for name in draw(st.lists(st.sampled_from(("suspended", "expired", "in-force")), unique=True)):
        rules = rules.without(name)
    for rule in draw(st.lists(st.sampled_from(AGREEMENT_RULES), unique_by=lambda r: r.name)):
        anchor = draw(st.sampled_from(rules.agreement_names()[:-1]))
        rules = rules.with_agreement_rule(rule, before=anchor)
    for rule in draw(st.lists(st.sampled_from(COMMITMENT_RULES), unique_by=lambda r: r.name)):
        anchor = draw(st.sampled_from(rules.commitment_names()[:-1]))
        rules = rules.with_commitment_rule(rule, before=anchor)
    return rules


@settings(deadline=None)
@given(datasets(max_agreements=2), st.one_of(st.just(RuleSet.default()), rule_sets()))
def test_lookups_equal_answers_for_each_day(dataset: Dataset, rules: RuleSet) -> None:
    """A history whose intervals are worked out reports every day as a day on its own does."""
    for policy in POLICIES:
        whole = History(dataset, rules=rules, policy=policy)
        statuses = whole.statuses()
        daily = History(dataset, rules=rules, policy=policy)
        for day in days_to_check(DEFAULT_WINDOW, statuses):
            expected = daily.at(day)
            assert whole.at(day) == expected, f"{day}\n{rules!r}\n{describe(dataset, policy)}"
            for report in expected.agreements:
                interval = whole.agreement(report.id).at(day)
                assert (interval.status, interval.rule, interval.reason, interval.since) == (
                    report.status,
                    report.rule,
                    report.reason,
                    report.in_force_since if report.in_force is T else interval.since,
                )
                assert interval.explanation == report.explanation
                assert interval.missing == report.missing
                for party in report.parties:
                    assert whole.party(report.id, party.party).status_at(day) is party.status
                for commitment in report.commitments:
                    found = whole.commitment(commitment.id).at(day)
                    assert (found.status, found.rule, found.reason, found.explanation) == (
                        commitment.status,
                        commitment.rule,
                        commitment.reason,
                        commitment.explanation,
                    )


@settings(deadline=None)
@given(st.data())
def test_changes_lead_from_one_day_to_another(data: st.DataObject) -> None:
    """The changes after d1 up to d2 turn every status on d1 into the status on d2."""
    dataset = data.draw(datasets(max_agreements=2), label="dataset")
    first = data.draw(dates(), label="d1")
    second = data.draw(dates(min_value=first), label="d2")
    history = History(dataset)
    statuses = {(h.kind, h.agreement, h.subject): h for h in history.statuses()}
    now = {key: h.at(first) for key, h in statuses.items()}
    for change in history.changes(first, second):
        key = (change.kind, change.agreement, change.subject)
        assert first < change.day <= second
        assert now[key] == change.before, change.describe()
        assert change.after.start == change.day
        now[key] = change.after
    assert now == {key: h.at(second) for key, h in statuses.items()}
    before, after = history.at(first), history.at(second)
    for report_first, report_second in zip(before.agreements, after.agreements, strict=True):
        key = ("agreement", report_first.id, report_first.id)
        assert statuses[key].status_at(first) is report_first.status
        assert now[key].status is report_second.status


def test_timelines_of_a_history_are_those_of_its_conditions() -> None:
    """``History.condition`` gives the same timeline as asking the agreement's timelines."""
    from tradeaccord import example_dataset

    history = History(example_dataset())
    assert (
        history.condition(InForce("london-2025"))
        == history.agreement_timelines("london-2025").in_force
    )
    assert isinstance(history.condition(InForce("london-2025")), Timeline)
