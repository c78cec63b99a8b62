"""Kleene's strong three-valued logic, on truth values and lifted to conditions.

The laws are checked exhaustively on the three truth values, then on the
timelines the engine gives generated conditions: timelines are normalised step
functions, so two conditions have the same meaning exactly when their timelines
are equal.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Confidence,
    Dataset,
    EvidencePolicy,
    Not,
    Timeline,
    Truth,
)
from tradeaccord._engine.sweeps import Sweep
from tradeaccord.testing import conditions_for, datasets

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
ONE = list(Truth)
TWO = list(itertools.product(Truth, repeat=2))
THREE = list(itertools.product(Truth, repeat=3))


# ------------------------------------------------------------------ truth values


@pytest.mark.parametrize(("a", "b"), TWO)
def test_and_or_are_commutative(a: Truth, b: Truth) -> None:
    """a & b == b & a and a | b == b | a."""
    assert a & b is b & a
    assert a | b is b | a


@pytest.mark.parametrize(("a", "b", "c"), THREE)
def test_and_or_are_associative(a: Truth, b: Truth, c: Truth) -> None:
    """(a & b) & c == a & (b & c), and the same for |."""
    assert (a & b) & c is a & (b & c)
    assert (a | b) | c is a | (b | c)


@pytest.mark.parametrize(("a", "b", "c"), THREE)
def test_and_or_distribute_over_each_other(a: Truth, b: Truth, c: Truth) -> None:
    """a & (b | c) == (a & b) | (a & c) and a | (b & c) == (a | b) & (a | c)."""
    assert a & (b | c) is (a & b) | (a & c)
    assert a | (b & c) is (a | b) & (a | c)


@pytest.mark.parametrize(("a", "b"), TWO)
def test_de_morgan(a: Truth, b: Truth) -> None:
    """~(a & b) == ~a | ~b and ~(a | b) == ~a & ~b."""
    assert ~(a & b) is ~a | ~b
    assert ~(a | b) is ~a & ~b


@pytest.mark.parametrize("a", ONE)
def test_double_negation(a: Truth) -> None:
    """~~a == a."""
    assert ~~a is a


@pytest.mark.parametrize("a", ONE)
def test_identities_and_annihilators(a: Truth) -> None:
    """TRUE is the unit of & and FALSE of |; FALSE absorbs & and TRUE absorbs |."""
    assert a & T is a
    assert a | F is a
    assert a & F is F
    assert a | T is T


@pytest.mark.parametrize("a", ONE)
def test_idempotence(a: Truth) -> None:
    """a & a == a | a == a."""
    assert a & a is a
    assert a | a is a


@pytest.mark.parametrize(("a", "b"), TWO)
def test_absorption(a: Truth, b: Truth) -> None:
    """a & (a | b) == a and a | (a & b) == a."""
    assert a & (a | b) is a
    assert a | (a & b) is a


@pytest.mark.parametrize("a", ONE)
def test_excluded_middle_fails_exactly_for_unknown(a: Truth) -> None:
    """a | ~a is TRUE and a & ~a is FALSE, except for UNKNOWN, where both are UNKNOWN."""
    if a is U:
        assert a | ~a is U
        assert a & ~a is U
    else:
        assert a | ~a is T
        assert a & ~a is F


@pytest.mark.parametrize(("a", "b"), TWO)
def test_and_is_minimum_or_is_maximum(a: Truth, b: Truth) -> None:
    """& and | are the minimum and maximum in the order FALSE < UNKNOWN < TRUE."""
    assert (a & b).rank == min(a.rank, b.rank)
    assert (a | b).rank == max(a.rank, b.rank)


@pytest.mark.parametrize(("a", "b"), TWO)
def test_kleene_agrees_with_boolean_logic_on_known_values(a: Truth, b: Truth) -> None:
    """On TRUE and FALSE, &, | and ~ are Boolean and, or and not."""
    if U in (a, b):
        return
    x, y = a.as_bool(), b.as_bool()
    assert (a & b).as_bool() is (x and y)
    assert (a | b).as_bool() is (x or y)
    assert (~a).as_bool() is (not x)


# ------------------------------------------------------ lifted to conditions

POLICIES = (EvidencePolicy(), EvidencePolicy(min_confidence=Confidence.HIGH))


@st.composite
def worlds(draw: st.DrawFn, count: int = 3) -> tuple[Dataset, list[Condition]]:
    """A dataset and ``count`` conditions over its ids."""
    dataset = draw(datasets(), label="dataset")
    found = [draw(conditions_for(dataset, max_leaves=4), label=f"c{i}") for i in range(count)]
    return dataset, found


def same(dataset: Dataset, left: Condition, right: Condition) -> None:
    """Assert that two conditions have the same timeline under every policy."""
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        assert engine.condition(left) == engine.condition(right), (
            f"policy={policy!r}\nleft={left!r}\nright={right!r}"
        )


@given(worlds())
def test_conditions_commute(world: tuple[Dataset, list[Condition]]) -> None:
    """a & b means b & a, and a | b means b | a."""
    dataset, (a, b, _) = world
    same(dataset, a & b, b & a)
    same(dataset, a | b, b | a)


@given(worlds())
def test_conditions_associate(world: tuple[Dataset, list[Condition]]) -> None:
    """AllOf(AllOf(a, b), c) means AllOf(a, AllOf(b, c)), and the same for AnyOf."""
    dataset, (a, b, c) = world
    same(dataset, AllOf(AllOf(a, b), c), AllOf(a, AllOf(b, c)))
    same(dataset, AnyOf(AnyOf(a, b), c), AnyOf(a, AnyOf(b, c)))


@given(worlds())
def test_conditions_distribute(world: tuple[Dataset, list[Condition]]) -> None:
    """a & (b | c) means (a & b) | (a & c), and a | (b & c) means (a | b) & (a | c)."""
    dataset, (a, b, c) = world
    same(dataset, AllOf(a, AnyOf(b, c)), AnyOf(AllOf(a, b), AllOf(a, c)))
    same(dataset, AnyOf(a, AllOf(b, c)), AllOf(AnyOf(a, b), AnyOf(a, c)))


@given(worlds())
def test_conditions_obey_de_morgan(world: tuple[Dataset, list[Condition]]) -> None:
    """~(a & b) means ~a | ~b, and ~(a | b) means ~a & ~b."""
    dataset, (a, b, _) = world
    same(dataset, ~(a & b), ~a | ~b)
    same(dataset, ~(a | b), ~a & ~b)


@given(worlds())
def test_double_negation_of_a_condition_is_the_condition(
    world: tuple[Dataset, list[Condition]],
) -> None:
    """~~a means a."""
    dataset, (a, _, _) = world
    same(dataset, Not(Not(a)), a)


@given(worlds())
def test_condition_identities_and_absorption(world: tuple[Dataset, list[Condition]]) -> None:
    """AllOf() and AnyOf() are the units; a & (a | b) and a | (a & b) mean a."""
    dataset, (a, b, _) = world
    same(dataset, AllOf(a, AllOf()), a)
    same(dataset, AnyOf(a, AnyOf()), a)
    same(dataset, AllOf(a), a)
    same(dataset, AnyOf(a), a)
    same(dataset, AllOf(a, AnyOf(a, b)), a)
    same(dataset, AnyOf(a, AllOf(a, b)), a)


@given(worlds())
def test_at_least_generalises_any_and_all(world: tuple[Dataset, list[Condition]]) -> None:
    """AtLeast(1, ...) means AnyOf(...) and AtLeast(n, n items) means AllOf(...)."""
    dataset, (a, b, c) = world
    same(dataset, AtLeast(1, a, b, c), AnyOf(a, b, c))
    same(dataset, AtLeast(3, a, b, c), AllOf(a, b, c))
    same(dataset, AtLeast(2, a, b, c), AnyOf(AllOf(a, b), AllOf(a, c), AllOf(b, c)))


@given(worlds())
def test_excluded_middle_of_a_condition_fails_exactly_when_unknown(
    world: tuple[Dataset, list[Condition]],
) -> None:
    """a | ~a is TRUE on the days a is known and UNKNOWN on the days a is UNKNOWN."""
    dataset, (a, _, _) = world
    for policy in POLICIES:
        engine = Sweep(dataset, policy)
        history = engine.condition(a)
        known = history.map(lambda v: U if v is U else T)
        assert engine.condition(a | ~a) == known
        assert engine.condition(a & ~a) == known.map(lambda v: ~v)


@given(worlds())
def test_condition_operators_match_timeline_operators(
    world: tuple[Dataset, list[Condition]],
) -> None:
    """The timeline of a & b, a | b and ~a is computed from the timelines of a and b."""
    dataset, (a, b, _) = world
    engine = Sweep(dataset, EvidencePolicy())
    ta, tb = engine.condition(a), engine.condition(b)
    assert engine.condition(a & b) == ta & tb
    assert engine.condition(a | b) == ta | tb
    assert engine.condition(~a) == ~ta
    assert isinstance(ta, Timeline)
