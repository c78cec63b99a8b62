"""Intervals and changes in words: what tells apart two intervals that read the same."""

from __future__ import annotations

import datetime as dt

import attrs

import tradeaccord as ta
from tradeaccord._engine.intervals import unchanged_words


def _london() -> tuple[ta.StatusInterval[ta.AgreementStatus], ...]:
    return ta.History(ta.example_dataset()).agreement("london-2025").intervals


def test_the_events_newly_cited_tell_apart_two_intervals_that_read_the_same() -> None:
    before, after = _london()[1:3]
    assert (before.status, before.reason) == (after.status, after.reason)
    assert unchanged_words(before, after) == (
        "newly citing 2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn"
    )


def test_events_no_longer_cited_are_named_when_none_is_new() -> None:
    before, after = _london()[1:3]
    assert unchanged_words(after, before) == (
        "no longer citing 2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn"
    )


def test_an_explanation_that_changed_without_its_citations() -> None:
    interval = _london()[1]
    other = attrs.evolve(
        interval, explanation=attrs.evolve(interval.explanation, label="something else")
    )
    assert unchanged_words(interval, other) == "its explanation changed"


def test_at_most_three_events_are_named() -> None:
    interval = _london()[-1]
    cited = interval.citations()
    assert len(cited) == 4
    many = (*cited, attrs.evolve(cited[0], event="one-more"))
    wider = attrs.evolve(interval, explanation=ta.Explanation(label="wider", citations=many))
    empty = attrs.evolve(interval, explanation=ta.Explanation(label="none"))
    assert unchanged_words(empty, wider) == (
        f"newly citing {cited[0].event}, {cited[1].event}, {cited[2].event} and 2 more"
    )


def test_changes_and_their_text_say_which_events_are_newly_cited() -> None:
    history = ta.History(ta.example_dataset())
    changes = history.changes(
        dt.date(2025, 6, 10), dt.date(2025, 6, 11), agreements=["london-2025"]
    )
    assert [c.describe() for c in changes] == [
        "2025-06-11 london-2025: still awaiting_entry_into_force, newly citing "
        "2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn"
    ]
    assert ta.render_changes(changes).endswith(
        "approval of london-2025 by CHN) "
        "[newly citing 2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn]\n"
    )


def test_a_new_reason_is_given_rather_than_the_events() -> None:
    history = ta.History(ta.example_dataset())
    (change,) = history.changes(
        dt.date(2025, 6, 24), dt.date(2025, 6, 25), agreements=["london-2025"]
    )
    assert change.describe().endswith(
        ", now concluded, not yet in force; waiting for approval of london-2025 by CHN"
    )
    assert "[" not in ta.render_changes((change,))


def test_the_history_text_marks_only_intervals_that_read_as_the_one_before() -> None:
    text = ta.render_history(ta.History(ta.example_dataset()), agreements=["london-2025"])
    marked = [line for line in text.splitlines() if "[" in line]
    assert len(marked) == 1 and marked[0].strip().startswith("2025-06-11 to 2025-06-24")
