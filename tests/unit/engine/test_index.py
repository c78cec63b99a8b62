"""The event index: date order, lookups by target and kind, and the record as it stood."""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta
from tradeaccord._engine.index import EventIndex

D = dt.date
K = ta.EventKind


def event(id: str, day: dt.date, kind: ta.EventKind, **kw: object) -> ta.Event:
    return ta.Event(id=id, date=day, kind=kind, summary="", **kw)  # type: ignore[arg-type]


EVENTS = (
    event("late", D(2025, 3, 1), K.DEPOSIT, party="AAA", target="t"),
    event("early", D(2025, 1, 1), K.DEPOSIT, party="BBB", target="t"),
    event("tie-1", D(2025, 2, 1), K.WITHDRAWAL, party="BBB", target="t"),
    event("tie-2", D(2025, 2, 1), K.APPROVAL, party="AAA", target="t"),
    event("other", D(2025, 2, 1), K.APPROVAL, party="AAA", target="u"),
)


def ids(events: list[ta.Event]) -> list[str]:
    return [e.id for e in events]


def test_events_in_date_order_ties_in_input_order() -> None:
    """The index sorts by date and keeps the input order of events on one day."""
    index = EventIndex(EVENTS)
    assert ids(list(index.events)) == ["early", "tie-1", "tie-2", "other", "late"]


def test_lookups() -> None:
    """By target and kinds, by leaf, and each party's instruments with its withdrawals."""
    index = EventIndex(EVENTS)
    assert ids(index.about("t", K.DEPOSIT)) == ["early", "late"]
    assert ids(index.about("t", K.DEPOSIT, K.WITHDRAWAL)) == ["early", "tie-1", "late"]
    assert ids(index.matching(ta.Occurred(K.APPROVAL, party="AAA"))) == ["tie-2", "other"]
    assert ids(index.matching(ta.Occurred(K.APPROVAL, target="u"))) == ["other"]
    assert {p: ids(e) for p, e in index.instruments("t", K.DEPOSIT).items()} == {
        "BBB": ["early", "tie-1"],
        "AAA": ["late"],
    }
    assert index.instrument_parties("t", K.DEPOSIT) == ["BBB", "AAA"]
    assert ids(index.party_instruments("t", K.DEPOSIT, "CCC")) == []


def test_the_record_on_a_day_leaves_out_later_events() -> None:
    """``through(day)`` answers every lookup without the events dated after ``day``."""
    recorded = EventIndex(EVENTS).through(D(2025, 2, 1))
    assert ids(recorded.about("t", K.DEPOSIT)) == ["early"]
    assert ids(recorded.about("t", K.DEPOSIT, K.WITHDRAWAL)) == ["early", "tie-1"]
    assert recorded.instrument_parties("t", K.DEPOSIT) == ["BBB"]
    assert {p: ids(e) for p, e in recorded.instruments("t", K.DEPOSIT).items()} == {
        "BBB": ["early", "tie-1"]
    }
    assert ids(recorded.party_instruments("t", K.DEPOSIT, "AAA")) == []
    assert recorded.through(D(2025, 1, 15)).day == D(2025, 1, 15)
    assert recorded.through(D(2026, 1, 1)).day == D(2025, 2, 1)


def test_events_of_one_day_keep_their_order_across_kinds() -> None:
    """A withdrawal and a deposit on one day stay in the order given, whichever comes first."""
    day = D(2025, 5, 1)
    for first, second in ((K.WITHDRAWAL, K.DEPOSIT), (K.DEPOSIT, K.WITHDRAWAL)):
        index = EventIndex(
            (
                event("b", day, second, party="P", target="t"),
                event("a", day - dt.timedelta(days=1), first, party="P", target="t"),
                event("c", day, first, party="P", target="t"),
            )
        )
        assert ids(index.about("t", K.DEPOSIT, K.WITHDRAWAL)) == ["a", "b", "c"]
        assert ids(index.instruments("t", K.DEPOSIT)["P"]) == ["a", "b", "c"]
        # One kind alone, or kinds of which only one was recorded: the same list.
        assert ids(index.about("t", first)) == ["a", "c"]
        assert ids(index.about("t", first, K.APPROVAL)) == ["a", "c"]
