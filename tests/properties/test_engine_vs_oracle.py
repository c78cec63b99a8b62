"""The sweep engine equals the naive day-by-day oracle.

The engine computes each timeline in one pass over sorted change points; the
oracle (``NaiveEvaluator``) evaluates every day on its own, from the
definitions. Both must give the same value on every day: the days of the
generated window, a few days either side, and every day on which the engine
says a value changes (with the days around it, since rule-derived changes fall
after the window).

What is compared: every node of generated conditions (thresholds counted among
groups whose membership changes, weighted shares, instruments withdrawn and
deposited again included); whether each agreement is in force; whether it is
provisionally applied; whether it binds each party (its own instrument, its
own date of entry into force, its withdrawal after notice); and whether each
commitment is active (through its party, provisional application, and the end
of the measure it concerns).

The engine's ``Delay`` sweep is also checked on arbitrary timelines against its
definition, since datasets only rarely give it an inner condition that holds
and then becomes UNKNOWN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_days import ONE_DAY, days_to_check, mismatches

from tradeaccord import (
    Agreement,
    Confidence,
    Dataset,
    DayCount,
    EventKind,
    EvidencePolicy,
    Timeline,
    Truth,
    walk,
)
from tradeaccord._engine.primitives import delay_timeline
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import (
    DEFAULT_WINDOW,
    NaiveEvaluator,
    conditions_for,
    datasets,
    day_counts,
    thresholds,
    timelines,
)

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))

#: Commitments are the oracle's slowest question (a term scans the days before
#: each day, for each of them), so their datasets use a two-month window.
SHORT_WINDOW = (DEFAULT_WINDOW[0], dt.date(2025, 2, 28))


def describe(dataset: Dataset, policy: EvidencePolicy) -> str:
    """A readable dump of the inputs, for failure messages."""
    return (
        f"policy={policy!r}\ngroups={dataset.groups!r}\nagreements={dataset.agreements!r}\n"
        f"events={dataset.events!r}"
    )


class Oracle(NaiveEvaluator):
    """The naive evaluator, remembering the per-day answers it would otherwise recompute.

    Whether a party is bound, or has an instrument standing, is asked again and again
    for the same day when a commitment scans the days before each day; remembering
    the answers changes no definition, only how often each is worked out.
    """

    def __init__(self, dataset: Dataset, policy: EvidencePolicy) -> None:
        super().__init__(dataset, policy)
        self._answers: dict[tuple[object, ...], Truth] = {}

    def _remember(self, key: tuple[object, ...], compute: Callable[[], Truth]) -> Truth:
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]

    def instrument(self, target: str, kind: EventKind, party: str, day: dt.date) -> Truth:
        return self._remember(
            ("instrument", target, kind, party, day),
            partial(super().instrument, target, kind, party, day),
        )

    def ready(self, agreement: Agreement, day: dt.date) -> Truth:
        return self._remember(("ready", agreement.id, day), partial(super().ready, agreement, day))

    def bound(self, agreement: Agreement, party: str, day: dt.date) -> Truth:
        return self._remember(
            ("bound", agreement.id, party, day), partial(super().bound, agreement, party, day)
        )

    def effect(self, agreement: Agreement, party: str, day: dt.date) -> Truth:
        return self._remember(
            ("effect", agreement.id, party, day), partial(super().effect, agreement, party, day)
        )


#: The oracle scans day by day, up to a year on when a rule derives a date that far.
oracle_settings = settings(deadline=None)


@oracle_settings
@given(st.data())
def test_condition_timelines_equal_the_oracle(data: st.DataObject) -> None:
    """Every node of a generated condition has the same value in the engine and the oracle."""
    dataset = data.draw(datasets(), label="dataset")
    condition = data.draw(conditions_for(dataset), label="condition")
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        oracle = NaiveEvaluator(dataset, policy)
        for path, node in walk(condition):
            history = engine.condition(node)
            days = days_to_check(DEFAULT_WINDOW, [history])
            wrong = list(mismatches(history, days, partial(oracle.truth, node)))
            assert not wrong, (
                f"condition{path} = {node!r}\n(day, engine, oracle): {wrong[:5]}\n"
                f"{describe(dataset, policy)}"
            )


@oracle_settings
@given(st.data())
def test_threshold_timelines_equal_the_oracle(data: st.DataObject) -> None:
    """Counts, shares of a changing membership and weighted shares agree with the oracle."""
    dataset = data.draw(datasets(), label="dataset")
    node = data.draw(
        thresholds(
            parties=tuple(p.id for p in dataset.parties),
            targets=tuple(a.id for a in dataset.agreements),
            groups=tuple(g.id for g in dataset.groups),
            kinds=(EventKind.DEPOSIT, EventKind.RATIFICATION),
        ),
        label="threshold",
    )
    for policy in POLICIES:
        history = Sweep(dataset, policy).condition(node)
        oracle = NaiveEvaluator(dataset, policy)
        days = days_to_check(DEFAULT_WINDOW, [history])
        wrong = list(mismatches(history, days, partial(oracle.truth, node)))
        assert not wrong, (
            f"{node!r}\n(day, engine, oracle): {wrong[:5]}\n{describe(dataset, policy)}"
        )


def delayed_by_definition(inner: Timeline, rule: DayCount, day: dt.date) -> Truth:
    """TRUE if ``inner`` held on some day s with rule(s) <= day, UNKNOWN if it may have.

    ``inner`` is constant on each run of days and rules are monotone, so the
    first day of each run is the one to try; the run before the first step has
    held since always.
    """
    result = Truth.FALSE
    runs: list[tuple[dt.date | None, Truth]] = [(None, inner.initial), *inner.steps]
    for start, value in runs:
        if start is None or rule.apply(start) <= day:
            if value is Truth.TRUE:
                return Truth.TRUE
            if value is Truth.UNKNOWN:
                result = Truth.UNKNOWN
    return result


@given(timelines(), day_counts())
def test_delay_of_any_timeline_follows_the_definition(inner: Timeline, rule: DayCount) -> None:
    """The sweep's Delay latches: TRUE from rule(first TRUE day), UNKNOWN only before that."""
    delayed = delay_timeline(inner, rule)
    shifted = [rule.apply(day) for day in inner.change_days()]
    days = days_to_check(DEFAULT_WINDOW, [delayed, inner])
    days += [d + offset for d in shifted for offset in (-ONE_DAY, dt.timedelta(0), ONE_DAY)]
    for day in sorted(set(days)):
        assert delayed.at(day) is delayed_by_definition(inner, rule, day), day


@oracle_settings
@given(datasets())
def test_in_force_timelines_equal_the_oracle(dataset: Dataset) -> None:
    """Every agreement is in force in the engine exactly when it is in the oracle."""
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        oracle = NaiveEvaluator(dataset, policy)
        for agreement in dataset.agreements:
            history = engine.agreement(agreement.id).in_force
            days = days_to_check(DEFAULT_WINDOW, [history])
            wrong = list(mismatches(history, days, partial(oracle.in_force, agreement)))
            assert not wrong, (
                f"{agreement.id} (day, engine, oracle): {wrong[:5]}\n{describe(dataset, policy)}"
            )


#: Provisional application and per-party rules scan the days before each day: their
#: datasets use the short window.
@oracle_settings
@given(
    datasets(min_date=SHORT_WINDOW[0], max_date=SHORT_WINDOW[1], max_agreements=2).filter(
        lambda ds: any(
            a.provisional_application is not None
            or (a.entry_into_force is not None and a.entry_into_force.per_party is not None)
            or any(e.kind is EventKind.WITHDRAWAL and e.target == a.id for e in ds.events)
            for a in ds.agreements
        )
    )
)
def test_provisional_and_party_timelines_equal_the_oracle(dataset: Dataset) -> None:
    """Provisional application, and whether the agreement binds each party, agree with the oracle."""
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        oracle = Oracle(dataset, policy)
        for agreement in dataset.agreements:
            histories: list[tuple[Timeline, Callable[[dt.date], Truth], str]] = [
                (
                    engine.agreement(agreement.id).provisional,
                    partial(oracle.provisional, agreement),
                    "provisional",
                )
            ]
            for party in dataset.parties:
                timelines = engine.party(agreement.id, party.id)
                histories.append(
                    (
                        timelines.bound,
                        partial(oracle.bound, agreement, party.id),
                        f"binds {party.id}",
                    )
                )
            for history, value_of, what in histories:
                days = days_to_check(SHORT_WINDOW, [history])
                wrong = list(mismatches(history, days, value_of))
                assert not wrong, (
                    f"{agreement.id} {what} (day, engine, oracle): "
                    f"{wrong[:5]}\n{describe(dataset, policy)}"
                )


# The oracle's answer for a commitment costs the square of the days it scans: half as
# many examples as the other properties (whatever the profile) keeps the suite quick.
@settings(oracle_settings, max_examples=max(10, settings.default.max_examples // 2))
@given(
    datasets(
        min_date=SHORT_WINDOW[0], max_date=SHORT_WINDOW[1], max_agreements=2, max_events=6
    ).filter(lambda ds: any(a.commitments for a in ds.agreements))
)
def test_active_timelines_equal_the_oracle(dataset: Dataset) -> None:
    """Every commitment is active in the engine exactly when it is in the oracle."""
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        oracle = Oracle(dataset, policy)
        for agreement in dataset.agreements:
            for commitment in agreement.commitments:
                history = engine.commitment(commitment.id).active
                days = days_to_check(SHORT_WINDOW, [history])
                wrong = list(mismatches(history, days, partial(oracle.active, commitment)))
                assert not wrong, (
                    f"{commitment.id} (day, engine, oracle): {wrong[:5]}\n"
                    f"{describe(dataset, policy)}"
                )
