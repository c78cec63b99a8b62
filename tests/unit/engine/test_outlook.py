"""What next: earliest days, ways forward, failed conditions, upcoming changes."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord import Prospect

D = dt.date


def test_london_on_12_june_needs_both_approvals() -> None:
    """On 12 June, London can enter into force that very day if both presidents approve."""
    history = ta.History(ta.example_dataset())
    [london] = [
        o
        for o in history.outlook(D(2025, 6, 12))
        if o.kind == "agreement" and o.subject == "london-2025"
    ]
    assert (london.prospect, london.earliest) == (Prospect.PENDING, D(2025, 6, 12))
    way = london.ways[0]
    assert [(e.kind, e.party, e.target) for e in way.events] == [
        (ta.EventKind.APPROVAL, "CHN", "london-2025"),
        (ta.EventKind.APPROVAL, "USA", "london-2025"),
    ]
    assert all(
        e.date == D(2025, 6, 12) and e.summary.startswith("(hypothetical)") for e in way.events
    )
    assert london.reason == (
        "in force on 2025-06-12 at the earliest, if approval of london-2025 by CHN and "
        "approval of london-2025 by USA happened on 2025-06-12"
    )
    rollback = next(
        o
        for o in history.outlook(D(2025, 6, 12))
        if o.subject.endswith("rollback-export-restrictions")
    )
    assert {e.kind for e in rollback.ways[0].events} == {
        ta.EventKind.APPROVAL,
        ta.EventKind.PERFORMANCE,
    }


def test_scheduled_and_met() -> None:
    """After both approvals London is met and drops out; a fixed future date is scheduled."""
    history = ta.History(ta.example_dataset())
    later = history.outlook(D(2025, 6, 28), agreements=["london-2025"])
    assert [o.subject for o in later] == []
    [stockholm, *_] = history.outlook(D(2025, 8, 1), agreements=["stockholm-2025"])
    assert (stockholm.prospect, stockholm.earliest) == (Prospect.SCHEDULED, D(2025, 8, 11))
    assert stockholm.ways[0].events == ()
    assert stockholm.ways[0].describe() == "nothing more: on 2025-08-11"


def _treaty(*events: ta.Event, deadline: dt.date | None = None) -> ta.Dataset:
    parties = tuple(ta.Party(id=p, name=p) for p in ("AAA", "BBB", "CCC"))
    treaty = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=("AAA", "BBB", "CCC"),
        concluded=D(2025, 1, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.approved_by("AAA", "t") & ta.InstrumentCount(2, target="t"),
            effective=ta.NthDayAfter(30),
            deadline=deadline,
        ),
    )
    return ta.Dataset(parties=parties, agreements=(treaty,), events=events)


def _event(id: str, day: dt.date, kind: ta.EventKind, party: str) -> ta.Event:
    return ta.Event(id=id, date=day, kind=kind, party=party, target="t", summary=id)


def test_earliest_day_follows_the_clause() -> None:
    """An approval and one more deposit, on the day: the 30th day after."""
    data = _treaty(_event("d1", D(2025, 2, 1), ta.EventKind.DEPOSIT, "BBB"))
    [found] = ta.History(data).outlook(D(2025, 3, 1))[:1]
    assert (found.prospect, found.earliest) == (Prospect.PENDING, D(2025, 3, 31))
    ways = {frozenset((e.kind, e.party) for e in way.events) for way in found.ways}
    assert ways == {
        frozenset({(ta.EventKind.APPROVAL, "AAA"), (ta.EventKind.DEPOSIT, party)})
        for party in ("AAA", "CCC")
    }


def test_a_refusal_fails_and_says_so() -> None:
    """Once AAA refuses, the treaty can no longer enter into force: failed, not pending."""
    data = _treaty(
        _event("d1", D(2025, 2, 1), ta.EventKind.DEPOSIT, "BBB"),
        _event("no", D(2025, 2, 10), ta.EventKind.REJECTION, "AAA"),
    )
    history = ta.History(data)
    [found] = history.outlook(D(2025, 3, 1))[:1]
    assert (found.prospect, found.earliest, found.ways) == (Prospect.FAILED, None, ())
    report = history.at(D(2025, 3, 1)).agreement("t")
    assert report.reason == (
        "concluded, not yet in force; it can no longer enter into force "
        "(failed: approval of t by AAA)"
    )
    assert report.missing == ()
    node = next(n for n in report.explanation.walk() if n.label == "approval of t by AAA")
    assert node.failed and [c.event for c in node.citations] == ["no"]
    assert not next(n for n in report.explanation.walk() if n.label.startswith("at least 2")).failed
    before = history.at(D(2025, 2, 9)).agreement("t")
    assert "failed" not in before.reason and before.missing


def test_a_passed_deadline_fails() -> None:
    """Past its deadline, a treaty not in force has lapsed: nothing can bring it about."""
    data = _treaty(deadline=D(2025, 2, 1))
    [found] = ta.History(data).outlook(D(2025, 3, 1))[:1]
    assert found.prospect is Prospect.FAILED
    [pending] = ta.History(data).outlook(D(2025, 1, 1))[:1]
    assert (pending.prospect, pending.earliest) == (Prospect.PENDING, D(2025, 1, 31))
    [late] = ta.History(data).outlook(D(2025, 1, 5))[:1]
    assert late.prospect is Prospect.FAILED  # the 30th day after would be after the deadline


def _bilateral(
    agreement_id: str,
    condition: ta.Condition | None,
    entry_into_force: ta.EntryIntoForce | None = None,
) -> ta.Agreement:
    """An agreement of the United States alone, with one commitment ``<id>/c1``."""
    commitment = ta.Commitment(
        id=f"{agreement_id}/c1",
        by="USA",
        action=ta.Action.LIFT,
        summary="lift",
        condition=condition,
    )
    return ta.Agreement(
        id=agreement_id,
        title=agreement_id.upper(),
        kind=ta.AgreementKind.TREATY,
        parties=("USA",),
        commitments=(commitment,),
        entry_into_force=entry_into_force,
    )


def _outlook_of(data: ta.Dataset, commitment: str) -> ta.Outlook:
    return next(o for o in ta.History(data).outlook(D(2025, 1, 1)) if o.subject == commitment)


_BOTH = (ta.Party(id="USA", name="United States"), ta.Party(id="CHN", name="China"))


def test_a_condition_that_holds_through_a_negation_keeps_its_other_ways() -> None:
    """Concluding a2 brings it into force and ends ``not a2 in force``: the commitment
    then needs a1/c1 performed as well, not nothing (it is pending, not failed)."""
    a1 = _bilateral("a1", None)
    a2 = _bilateral("a2", ta.Fulfilled("a1/c1") | ~ta.InForce("a2"))
    found = _outlook_of(ta.Dataset(parties=_BOTH, agreements=(a1, a2)), "a2/c1")
    assert (found.prospect, found.earliest) == (Prospect.PENDING, D(2025, 1, 1))
    assert [(e.kind, e.target) for e in found.ways[0].events] == [
        (ta.EventKind.CONCLUSION, "a2"),
        (ta.EventKind.PERFORMANCE, "a1/c1"),
    ]


def test_under_a_negation_the_parties_that_act_are_chosen() -> None:
    """One deposit brings a1 into force; the commitment needs it to come from no member of
    g2: China's, since it left g2 that day, not that of the United States."""
    g2 = ta.Group(
        id="g2",
        name="G2",
        members=(ta.Member(party="USA"), ta.Member(party="CHN", left=D(2025, 1, 1))),
    )
    a1 = _bilateral(
        "a1",
        ~ta.InstrumentCount(1, target="a1", among="g2"),
        ta.EntryIntoForce(when=ta.InstrumentCount(1, target="a1"), effective=ta.Upon()),
    )
    found = _outlook_of(ta.Dataset(parties=_BOTH, groups=(g2,), agreements=(a1,)), "a1/c1")
    assert (found.prospect, found.earliest) == (Prospect.PENDING, D(2025, 1, 1))
    assert [[(e.kind, e.party) for e in way.events] for way in found.ways] == [
        [(ta.EventKind.CONCLUSION, None), (ta.EventKind.DEPOSIT, "CHN")]
    ]


def test_upcoming_changes_as_known_on_a_day() -> None:
    """On 1 August 2025, the Geneva suspensions are due to end on 12 August."""
    ahead = ta.History(ta.example_dataset()).upcoming(D(2025, 8, 1), D(2025, 8, 31))
    ending = [c for c in ahead if c.after.status is ta.CommitmentStatus.ENDED]
    assert [(c.day, c.subject) for c in ending] == [
        (D(2025, 8, 12), "geneva-2025/us-suspend-24-points"),
        (D(2025, 8, 12), "geneva-2025/cn-suspend-24-points"),
    ]
    assert ending[0].after.reason == "its term ran out on 2025-08-12"
    # The extension recorded on 11 August is not known on 1 August...
    known_later = ta.History(ta.example_dataset()).upcoming(D(2025, 8, 11), D(2025, 8, 31))
    assert not [c for c in known_later if c.subject == "geneva-2025/us-suspend-24-points"]
    with pytest.raises(ta.errors.ModelTypeError, match=r"until must be a datetime\.date"):
        ta.History(ta.example_dataset()).upcoming(D(2025, 8, 1), "2025-08-31")  # type: ignore[arg-type]
