"""The sweep engine equals the naive day-by-day oracle.

The engine computes each timeline in one pass over sorted change points; the
oracle (``NaiveEvaluator``) evaluates every day on its own, from the
definitions. Both must give the same value on every day: the days of the
generated window, a few days either side, and every day on which the engine
says a value changes (with the days around it, since rule-derived changes fall
after the window).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import Confidence, Dataset, EvidencePolicy, Timeline, Truth
from tradeaccord._engine import Engine
from tradeaccord.testing import DEFAULT_WINDOW, NaiveEvaluator, conditions_for, datasets

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))
MARGIN = dt.timedelta(days=3)
ONE_DAY = dt.timedelta(days=1)

#: Commitments are the oracle's slowest question (a term scans the days before
#: each day, for each of them), so their datasets use a two-month window.
SHORT_WINDOW = (DEFAULT_WINDOW[0], dt.date(2025, 2, 28))


def days_to_check(window: tuple[dt.date, dt.date], timelines: Iterable[Timeline]) -> list[dt.date]:
    """Every day of ``window`` and a margin, plus each change day of ``timelines`` and its neighbours."""
    days: set[dt.date] = set()
    day = window[0] - MARGIN
    while day <= window[1] + MARGIN:
        days.add(day)
        day += ONE_DAY
    for timeline in timelines:
        for change in timeline.change_days():
            days.update((change - ONE_DAY, change, change + ONE_DAY))
    return sorted(days)


def mismatches(
    engine: Timeline, days: Iterable[dt.date], value_of: Callable[[dt.date], Truth]
) -> Iterator[tuple[dt.date, str, str]]:
    """The days on which the engine's timeline and the oracle (``value_of``) disagree."""
    for day in days:
        expected = value_of(day)
        if engine.at(day) is not expected:
            yield day, engine.at(day).name, expected.name


def describe(dataset: Dataset, policy: EvidencePolicy) -> str:
    """A readable dump of the inputs, for failure messages."""
    return f"policy={policy!r}\nagreements={dataset.agreements!r}\nevents={dataset.events!r}"


@given(st.data())
def test_condition_timelines_equal_the_oracle(data: st.DataObject) -> None:
    """A generated condition has the same value in the engine and in the oracle on every day."""
    dataset = data.draw(datasets(), label="dataset")
    condition = data.draw(conditions_for(dataset), label="condition")
    for policy in POLICIES:
        history = Engine(dataset, policy).condition(condition)
        oracle = NaiveEvaluator(dataset, policy)
        days = days_to_check(DEFAULT_WINDOW, [history])
        wrong = list(mismatches(history, days, partial(oracle.truth, condition)))
        assert not wrong, f"(day, engine, oracle): {wrong[:5]}\n{describe(dataset, policy)}"


@given(datasets())
def test_in_force_timelines_equal_the_oracle(dataset: Dataset) -> None:
    """Every agreement is in force in the engine exactly when it is in the oracle."""
    for policy in POLICIES:
        engine = Engine(dataset, policy)
        oracle = NaiveEvaluator(dataset, policy)
        for agreement in dataset.agreements:
            history = engine.agreement(agreement.id).in_force
            days = days_to_check(DEFAULT_WINDOW, [history])
            wrong = list(mismatches(history, days, partial(oracle.in_force, agreement)))
            assert not wrong, (
                f"{agreement.id} (day, engine, oracle): {wrong[:5]}\n{describe(dataset, policy)}"
            )


@given(
    datasets(
        min_date=SHORT_WINDOW[0], max_date=SHORT_WINDOW[1], max_agreements=2, max_events=6
    ).filter(lambda ds: any(a.commitments for a in ds.agreements))
)
def test_active_timelines_equal_the_oracle(dataset: Dataset) -> None:
    """Every commitment is active in the engine exactly when it is in the oracle."""
    for policy in POLICIES:
        engine = Engine(dataset, policy)
        oracle = NaiveEvaluator(dataset, policy)
        for agreement in dataset.agreements:
            for commitment in agreement.commitments:
                history = engine.commitment(commitment.id).active
                days = days_to_check(SHORT_WINDOW, [history])
                wrong = list(mismatches(history, days, partial(oracle.active, commitment)))
                assert not wrong, (
                    f"{commitment.id} (day, engine, oracle): {wrong[:5]}\n"
                    f"{describe(dataset, policy)}"
                )
