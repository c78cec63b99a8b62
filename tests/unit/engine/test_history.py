"""The history: intervals over all time, lookups, changes, and what it refuses."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import tradeaccord as ta
from tradeaccord import AgreementStatus as A
from tradeaccord import CommitmentStatus as C
from tradeaccord import PartyStatus as P
from tradeaccord.errors import ModelTypeError, UnknownIdError

D = dt.date
ROLLBACK = "london-2025/us-rollback-export-restrictions"


@pytest.fixture(scope="module")
def history() -> ta.History:
    return ta.History(ta.example_dataset())


def spans(statuses: ta.StatusHistory) -> list[tuple[object, dt.date | None, dt.date | None]]:  # type: ignore[type-arg]
    return [(i.status, i.start, i.end) for i in statuses.intervals]


def test_london_agreement_intervals(history: ta.History) -> None:
    """London: not concluded, awaiting from 06-10 (both approvals, then China's), in force from 06-27."""
    london = history.agreement("london-2025")
    assert spans(london) == [
        (A.NOT_CONCLUDED, None, D(2025, 6, 10)),
        (A.AWAITING_ENTRY_INTO_FORCE, D(2025, 6, 10), D(2025, 6, 11)),
        (A.AWAITING_ENTRY_INTO_FORCE, D(2025, 6, 11), D(2025, 6, 25)),
        (A.AWAITING_ENTRY_INTO_FORCE, D(2025, 6, 25), D(2025, 6, 27)),
        (A.IN_FORCE, D(2025, 6, 27), None),
    ]
    waiting = london.intervals[3]
    assert waiting.rule == "awaiting-entry-into-force"
    assert waiting.reason.endswith("waiting for approval of london-2025 by CHN")
    assert [c.event for c in waiting.citations()] == [
        "2025-06-11-deal-done-claim-usa",
        "2025-06-25-us-approval",
        "2025-06-11-deal-done-claim-chn",
    ]
    assert london.intervals[-1].since == D(2025, 6, 27)


def test_rollback_commitment_intervals(history: ta.History) -> None:
    """The US rollback is conditional, active from 06-27, performed from 07-02."""
    rollback = history.commitment(ROLLBACK)
    assert [(i.status, i.start) for i in rollback.intervals] == [
        (C.CONDITIONAL, None),
        (C.ACTIVE, D(2025, 6, 27)),
        (C.PERFORMED, D(2025, 7, 2)),
    ]
    assert rollback.agreement == "london-2025" and rollback.kind == "commitment"
    assert rollback.status_at(D(2025, 7, 1)) is C.ACTIVE


def test_party_intervals(history: ta.History) -> None:
    """Each party of London is bound from its entry into force, with a reason."""
    usa = history.party("london-2025", "USA")
    assert [(i.status, i.start) for i in usa.intervals] == [
        (P.NOT_BOUND, None),
        (P.BOUND, D(2025, 6, 27)),
    ]
    assert usa.intervals[1].rule == "bound"
    assert usa.intervals[1].reason == "bound since 2025-06-27"
    assert history.parties("london-2025") == ("USA", "CHN")


def test_intervals_cover_every_day_without_gaps(history: ta.History) -> None:
    """Consecutive intervals meet: each begins on the day the previous one ends."""
    for statuses in history.statuses():
        intervals = statuses.intervals
        assert intervals[0].start is None and intervals[-1].end is None
        for before, after in itertools.pairwise(intervals):
            assert before.end == after.start
            assert before != after


def test_lookup_by_day_and_window(history: ta.History) -> None:
    """``at`` finds the interval of a day; ``within`` the intervals meeting a window."""
    london = history.agreement("london-2025")
    assert london.at(D(2025, 6, 26)).start == D(2025, 6, 25)
    assert london.at(D(2025, 6, 27)).status is A.IN_FORCE
    assert london.at(D(1900, 1, 1)).status is A.NOT_CONCLUDED
    assert london.at(D(2025, 6, 26)).contains(D(2025, 6, 25))
    assert not london.at(D(2025, 6, 26)).contains(D(2025, 6, 27))
    assert [i.start for i in london.within(D(2025, 6, 26), D(2025, 6, 27))] == [
        D(2025, 6, 25),
        D(2025, 6, 27),
    ]
    assert london.within(end=D(2025, 6, 9)) == london.intervals[:1]
    assert london.within(start=D(2025, 7, 1)) == london.intervals[-1:]
    assert london.within() == london.intervals


def test_describe(history: ta.History) -> None:
    """An interval says its days, status and rule in words."""
    london = history.agreement("london-2025")
    assert london.intervals[0].describe() == (
        "the beginning to 2025-06-09: not_concluded (rule not-concluded: to be concluded on 2025-06-10)"
    )
    assert london.intervals[-1].describe().startswith("2025-06-27 onwards: in_force")


def test_changes_between_two_days(history: ta.History) -> None:
    """The changes after 06-26 up to 06-27 are London's entry into force and what follows it."""
    changes = history.changes(D(2025, 6, 26), D(2025, 6, 27))
    assert {c.day for c in changes} == {D(2025, 6, 27)}
    agreement = next(c for c in changes if c.kind == "agreement")
    assert agreement.subject == "london-2025" and agreement.status_changed
    assert (agreement.before.status, agreement.after.status) == (
        A.AWAITING_ENTRY_INTO_FORCE,
        A.IN_FORCE,
    )
    assert [c.event for c in agreement.citations()] == ["2025-06-27-cn-approval"]
    kinds = sorted({c.kind for c in changes})
    assert kinds == ["agreement", "commitment", "party"]
    reason_only = history.changes(D(2025, 6, 24), D(2025, 6, 25))
    assert [(c.subject, c.status_changed) for c in reason_only] == [("london-2025", False)]
    assert "still awaiting_entry_into_force" in reason_only[0].describe()
    assert history.changes(D(2025, 6, 27), D(2025, 6, 27)) == ()


def test_at_is_evaluate(history: ta.History) -> None:
    """``at`` gives the report ``evaluate`` gives, before and after the intervals are worked out."""
    data = ta.example_dataset()
    fresh = ta.History(data)
    for day in (D(2025, 6, 12), D(2025, 6, 28), D(2026, 3, 1)):
        assert fresh.at(day) == ta.evaluate(data, day)
        assert history.at(day) == ta.evaluate(data, day)
    only = history.at(D(2025, 6, 28), agreements=["london-2025"])
    assert [a.id for a in only.agreements] == ["london-2025"]


def _performances(*days: dt.date) -> ta.Dataset:
    party = ta.Party(id="AAA", name="A")
    deal = ta.Agreement(
        id="deal",
        title="Deal",
        kind=ta.AgreementKind.ARRANGEMENT,
        parties=("AAA",),
        concluded=D(2025, 1, 1),
        commitments=(
            ta.Commitment(id="deal/buy", by="AAA", action=ta.Action.PROVIDE, summary="Buy"),
        ),
    )
    events = tuple(
        ta.Event(
            id=f"p{i}",
            date=day,
            kind=ta.EventKind.PERFORMANCE,
            target="deal/buy",
            party="AAA",
            summary="Bought",
        )
        for i, day in enumerate(days)
    )
    return ta.Dataset(parties=(party,), agreements=(deal,), events=events)


def _instrument(
    id: str, target: str, party: str, day: dt.date, kind: ta.EventKind = ta.EventKind.DEPOSIT
) -> ta.Event:
    """A deposit (or a withdrawal) by ``party`` about ``target``."""
    return ta.Event(id=id, date=day, kind=kind, party=party, target=target, summary=kind.value)


def test_a_new_citation_starts_an_interval() -> None:
    """A second performance changes no status but what is cited: a new interval begins."""
    buy = ta.History(_performances(D(2025, 2, 1), D(2025, 3, 1))).commitment("deal/buy")
    assert [(i.status, i.start) for i in buy.intervals] == [
        (C.CONDITIONAL, None),
        (C.ACTIVE, D(2025, 1, 1)),
        (C.PERFORMED, D(2025, 2, 1)),
        (C.PERFORMED, D(2025, 3, 1)),
    ]
    assert [c.event for c in buy.intervals[3].citations()] == ["p0", "p1"]


def test_a_user_rule_reading_events_is_asked_on_their_days() -> None:
    """A rule that counts events through its context is asked again on each event's day."""

    def counting(ctx: ta.CommitmentContext) -> ta.Finding[C] | None:
        done = ctx.events(ctx.commitment.id, ta.EventKind.PERFORMANCE)
        return ta.Finding(status=C.ACTIVE, reason=f"{len(done)} purchases")

    rules = ta.RuleSet.default().with_commitment_rule(
        ta.Rule(name="counting", summary="", check=counting), before="performed"
    )
    days = (D(2025, 2, 1), D(2025, 2, 1), D(2025, 3, 1))
    buy = ta.History(_performances(*days), rules=rules).commitment("deal/buy")
    assert [(i.reason, i.start, i.deontic) for i in buy.intervals] == [
        ("0 purchases", None, ta.Deontic.NOT_APPLICABLE),
        ("0 purchases", D(2025, 1, 1), ta.Deontic.PENDING),
        ("2 purchases", D(2025, 2, 1), ta.Deontic.FULFILLED),
        ("3 purchases", D(2025, 3, 1), ta.Deontic.FULFILLED),
    ]


def test_a_late_party_is_pending_until_its_own_date() -> None:
    """With per-party entry, a party depositing after entry into force is pending 30 days."""
    parties = tuple(ta.Party(id=p, name=p) for p in ("AAA", "BBB", "CCC"))
    treaty = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=("AAA", "BBB", "CCC"),
        concluded=D(2025, 1, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(2, target="t"),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
    )
    deposits = tuple(
        _instrument(f"d{p}", "t", p, day)
        for p, day in (("AAA", D(2025, 2, 1)), ("BBB", D(2025, 2, 10)), ("CCC", D(2025, 5, 1)))
    )
    history = ta.History(ta.Dataset(parties=parties, agreements=(treaty,), events=deposits))
    late = history.party("t", "CCC")
    assert [(i.status, i.start, i.reason) for i in late.intervals] == [
        (P.NOT_BOUND, None, "no instrument of its own recorded"),
        (P.PENDING, D(2025, 5, 1), "bound from 2025-05-31 on the facts recorded so far"),
        (P.BOUND, D(2025, 5, 31), "bound since 2025-05-31"),
    ]
    assert [c.event for c in late.intervals[1].citations()] == ["dCCC"]
    assert history.party("t", "AAA").status_at(D(2025, 2, 10)) is P.BOUND


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: ta.History("data"), ModelTypeError, "dataset must be a Dataset, got str"),  # type: ignore[arg-type]
        (
            lambda: ta.History(ta.example_dataset(), rules=[]),  # type: ignore[arg-type]
            ModelTypeError,
            "rules must be a RuleSet, got list",
        ),
        (
            lambda: ta.History(ta.example_dataset(), policy="high"),  # type: ignore[arg-type]
            ModelTypeError,
            "policy must be an EvidencePolicy, got str",
        ),
        (
            lambda: ta.History(ta.example_dataset()).at(dt.datetime(2025, 6, 1)),  # type: ignore[arg-type]
            ModelTypeError,
            "day must be a datetime.date, got datetime",
        ),
        (
            lambda: ta.History(ta.example_dataset()).at(D(2025, 6, 1), agreements="london-2025"),
            ModelTypeError,
            "agreements must be a collection of ids",
        ),
        (
            lambda: ta.History(ta.example_dataset()).agreement("london"),
            UnknownIdError,
            "london",
        ),
        (
            lambda: ta.History(ta.example_dataset()).party("london-2025", "GBR"),
            UnknownIdError,
            "GBR",
        ),
        (
            lambda: ta.History(ta.example_dataset()).changes(D(2025, 6, 1), "2025-07-01"),  # type: ignore[arg-type]
            ModelTypeError,
            "end must be a datetime.date, got str",
        ),
    ],
)
def test_bad_arguments_are_named(call, error, match) -> None:  # type: ignore[no-untyped-def]
    """Bad arguments raise a TradeAccordError that names them."""
    with pytest.raises(error, match=match):
        call()


def test_what_the_record_said_follows_an_instrument_standing_for_a_member_to_come() -> None:
    """A count among a group's members: the record of 01-01 schedules entry for the day USA
    joins (03-02); its withdrawal on 01-02 unschedules it, whichever day is asked first."""
    dataset = ta.Dataset(
        parties=(ta.Party(id="USA", name="United States"),),
        groups=(
            ta.Group(id="g", name="G", members=(ta.Member(party="USA", joined=D(2025, 3, 2)),)),
        ),
        agreements=(
            ta.Agreement(
                id="pact",
                title="Pact",
                kind=ta.AgreementKind.TREATY,
                parties=("USA",),
                concluded=D(2025, 1, 1),
                entry_into_force=ta.EntryIntoForce(
                    when=ta.InstrumentCount(1, target="pact", among="g"), effective=ta.Upon()
                ),
            ),
        ),
        events=(
            _instrument("d", "pact", "USA", D(2025, 1, 1)),
            _instrument("w", "pact", "USA", D(2025, 1, 2), ta.EventKind.WITHDRAWAL),
        ),
    )
    for first in (D(2025, 1, 1), D(2025, 3, 1)):
        history = ta.History(dataset)
        history.at(first)
        said = {
            day: history.at(day).agreement("pact").scheduled_entry_into_force
            for day in (D(2025, 1, 1), D(2025, 3, 1))
        }
        assert said == {D(2025, 1, 1): D(2025, 3, 2), D(2025, 3, 1): None}, first


def test_a_party_waiting_for_the_others_is_pending_from_the_day_the_threshold_is_met() -> None:
    """Three deposits needed, each party bound 30 days after its own: ARC deposits first,
    is pending once COR's deposit meets the threshold (05-02), and bound from 06-01."""
    deposits = (("ARC", D(2024, 3, 1)), ("BOR", D(2024, 4, 20)), ("COR", D(2024, 5, 2)))
    dataset = ta.Dataset(
        parties=tuple(ta.Party(id=p, name=p) for p, _ in deposits),
        agreements=(
            ta.Agreement(
                id="pact",
                title="Pact",
                kind=ta.AgreementKind.TREATY,
                parties=tuple(p for p, _ in deposits),
                concluded=D(2024, 1, 1),
                entry_into_force=ta.EntryIntoForce(
                    when=ta.InstrumentCount(3, target="pact"),
                    effective=ta.NthDayAfter(30),
                    per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
                ),
            ),
        ),
        events=tuple(_instrument(f"d-{p}", "pact", p, day) for p, day in deposits),
    )
    history = ta.History(dataset)
    assert spans(history.party("pact", "ARC")) == [
        (P.NOT_BOUND, None, D(2024, 3, 1)),
        (P.NOT_BOUND, D(2024, 3, 1), D(2024, 5, 2)),
        (P.PENDING, D(2024, 5, 2), D(2024, 6, 1)),
        (P.BOUND, D(2024, 6, 1), None),
    ]
    pending = history.party("pact", "ARC").intervals[2]
    assert pending.reason == "bound from 2024-06-01 on the facts recorded so far"
