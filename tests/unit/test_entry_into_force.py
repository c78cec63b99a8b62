"""Entry-into-force clauses of multilateral agreements: thresholds, per-party force,
provisional application and terms, on the edges where off-by-one errors hide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

import pytest

import tradeaccord as ta
from tradeaccord.errors import CalendarError, DatasetError, ModelTypeError, ModelValueError

D = dt.date
EK = ta.EventKind
T, F, U = ta.Truth.TRUE, ta.Truth.FALSE, ta.Truth.UNKNOWN
AS = ta.AgreementStatus

NAMES = ("ARC", "BOR", "COR", "DEL", "ESS", "FEN", "GAL")
PARTIES = tuple(ta.Party(id=p, name=p.title()) for p in NAMES)
UPON = ta.Upon()


def event(
    id: str,
    day: dt.date,
    kind: ta.EventKind,
    party: str | None,
    *,
    target: str = "pact",
    confidence: ta.Confidence = ta.Confidence.HIGH,
    ends_on: dt.date | None = None,
) -> ta.Event:
    return ta.Event(
        id=id,
        date=day,
        kind=kind,
        party=party,
        target=target,
        summary=id,
        confidence=confidence,
        ends_on=ends_on,
    )


def deposits(*pairs: tuple[str, dt.date]) -> tuple[ta.Event, ...]:
    return tuple(event(f"dep-{p}-{d}", d, EK.DEPOSIT, p) for p, d in pairs)


def pact(
    when: ta.Condition,
    *,
    effective: ta.DayCount = UPON,
    per_party: ta.PartyEntry | None = None,
    deadline: dt.date | None = None,
    **more: object,
) -> ta.Agreement:
    return ta.Agreement(
        id="pact",
        title="Pact",
        kind=ta.AgreementKind.TREATY,
        parties=NAMES[:5],
        concluded=D(2024, 1, 10),
        entry_into_force=ta.EntryIntoForce(
            when=when, effective=effective, per_party=per_party, deadline=deadline
        ),
        **more,  # type: ignore[arg-type]
    )


def dataset(
    agreement: ta.Agreement,
    events: Iterable[ta.Event],
    groups: tuple[ta.Group, ...] = (),
    measures: tuple[ta.Measure, ...] = (),
) -> ta.Dataset:
    return ta.Dataset(
        parties=PARTIES,
        groups=groups,
        measures=measures,
        agreements=(agreement,),
        events=tuple(events),
    )


def report(ds: ta.Dataset, day: dt.date) -> ta.AgreementReport:
    return ta.evaluate(ds, day).agreement("pact")


def entered(ds: ta.Dataset) -> dt.date | None:
    return ta.in_force_timeline(ds, "pact").first(T)


# ---------------------------------------------------------------- counts


def test_third_deposit_starts_the_thirty_days() -> None:
    """Entry into force on the 30th day after the third deposit: 2025-01-15 + 30 days."""
    ds = dataset(
        pact(ta.InstrumentCount(3, target="pact"), effective=ta.NthDayAfter(30)),
        deposits(("ARC", D(2024, 5, 2)), ("BOR", D(2024, 9, 30)), ("COR", D(2025, 1, 15))),
    )
    assert entered(ds) == D(2025, 2, 14)
    waiting = report(ds, D(2025, 2, 13))
    assert waiting.status is AS.AWAITING_ENTRY_INTO_FORCE
    assert waiting.scheduled_entry_into_force == D(2025, 2, 14)
    assert report(ds, D(2025, 2, 14)).status is AS.IN_FORCE
    assert report(ds, D(2025, 2, 14)).scheduled_entry_into_force is None


def test_several_deposits_on_one_day_meet_the_threshold_together() -> None:
    """Two deposits on the same day take the count from 1 to 3 at once."""
    ds = dataset(
        pact(ta.InstrumentCount(3, target="pact"), effective=ta.NthDayAfter(30)),
        deposits(("ARC", D(2024, 3, 1)), ("BOR", D(2024, 6, 3)), ("COR", D(2024, 6, 3))),
    )
    assert entered(ds) == D(2024, 7, 3)
    history = ta.timeline(ta.InstrumentCount(3, target="pact"), ds)
    assert history.steps == ((D(2024, 6, 3), T),)
    day_before = report(ds, D(2024, 6, 2))
    assert [p.have for p in day_before.progress] == [Fraction(1)]
    assert day_before.progress[0].still_needed == 2
    # No group: the listed parties that have not deposited are the ones to watch.
    assert day_before.progress[0].outstanding == ("BOR", "COR", "DEL", "ESS")


def test_instrument_withdrawn_before_the_threshold_no_longer_counts() -> None:
    """BOR withdraws before the third deposit, so the threshold is met only by the fourth."""
    events = (
        *deposits(("ARC", D(2024, 3, 1)), ("BOR", D(2024, 4, 1)), ("COR", D(2024, 5, 2))),
        event("bor-withdraws", D(2024, 4, 20), EK.WITHDRAWAL, "BOR"),
        *deposits(("DEL", D(2024, 8, 31))),
    )
    ds = dataset(pact(ta.InstrumentCount(3, target="pact"), effective=ta.NthDayAfter(30)), events)
    assert entered(ds) == D(2024, 9, 30)
    may = report(ds, D(2024, 5, 2))
    assert may.progress[0].have == 2
    assert may.progress[0].counted == ("ARC", "COR")
    assert may.missing_descriptions() == (
        "1 more towards at least 3 deposits for pact (have 2 of 3); not yet: BOR, DEL, ESS",
        "then on the 30th day after that day",
    )
    # Without the withdrawal the third deposit (COR, 2024-05-02) would have sufficed.
    assert entered(ds.without_events("bor-withdraws")) == D(2024, 6, 1)


def test_a_withdrawal_after_the_threshold_is_met_does_not_undo_entry_into_force() -> None:
    """Once the condition has held, the delayed date stands; the withdrawing party is not bound."""
    events = (
        *deposits(("ARC", D(2024, 3, 1)), ("BOR", D(2024, 4, 1)), ("COR", D(2024, 5, 2))),
        event("cor-withdraws", D(2024, 5, 20), EK.WITHDRAWAL, "COR"),
    )
    ds = dataset(
        pact(
            ta.InstrumentCount(3, target="pact"),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
        events,
    )
    assert entered(ds) == D(2024, 6, 1)
    june = report(ds, D(2024, 6, 1))
    assert june.status is AS.IN_FORCE
    assert june.party("ARC").status is ta.PartyStatus.BOUND
    assert june.party("COR").status is ta.PartyStatus.WITHDRAWN
    assert june.party("COR").withdrawal_effective == D(2024, 5, 20)


def test_count_among_a_group_ignores_outsiders_and_former_members() -> None:
    group = ta.Group(
        id="LDC",
        name="Least developed",
        members=(
            ta.Member(party="ARC"),
            ta.Member(party="BOR", left=D(2024, 6, 1)),
            ta.Member(party="COR", joined=D(2024, 7, 1)),
        ),
    )
    node = ta.InstrumentCount(2, target="pact", among="LDC")
    events = deposits(
        ("ARC", D(2024, 2, 1)),
        ("BOR", D(2024, 3, 1)),
        ("DEL", D(2024, 3, 1)),
        ("COR", D(2024, 5, 1)),
    )
    ds = dataset(pact(node), events, groups=(group,))
    history = ta.timeline(node, ds)
    # ARC + BOR from 03-01; BOR leaves 06-01; COR (deposited earlier) joins 07-01.
    assert history.steps == ((D(2024, 3, 1), T), (D(2024, 6, 1), F), (D(2024, 7, 1), T))
    assert entered(ds) == D(2024, 3, 1)
    june = ta.evaluate(ds, D(2024, 6, 15)).agreement("pact")
    assert june.progress[0].counted == ("ARC",)
    assert june.progress[0].outstanding == ()  # COR is not a member yet, BOR no longer
    assert june.progress[0].members == 1


def test_per_group_counts_need_every_group() -> None:
    """At least two from the north and one from the south: the south's deposit completes it."""
    north = ta.Group(id="N", name="North", members=tuple(ta.Member(party=p) for p in NAMES[:3]))
    south = ta.Group(id="S", name="South", members=tuple(ta.Member(party=p) for p in NAMES[3:5]))
    when = ta.InstrumentCount(2, target="pact", among="N") & ta.InstrumentCount(
        1, target="pact", among="S"
    )
    events = deposits(
        ("ARC", D(2024, 2, 1)),
        ("BOR", D(2024, 2, 2)),
        ("COR", D(2024, 2, 3)),
        ("ESS", D(2024, 9, 9)),
    )
    ds = dataset(pact(when, effective=ta.NthDayAfter(90)), events, groups=(north, south))
    assert entered(ds) == D(2024, 12, 8)
    summer = report(ds, D(2024, 7, 1))
    assert [(p.have, p.required, p.still_needed) for p in summer.progress] == [(3, 2, 0), (0, 1, 1)]
    assert summer.progress[1].outstanding == ("DEL", "ESS")
    assert summer.missing_descriptions() == (
        "1 more towards at least 1 deposits for pact by members of S (have 0 of 1); not yet: DEL, ESS",
        "then on the 90th day after that day",
    )


# ---------------------------------------------------------------- shares


WEIGHTS = {"ARC": "36.1", "BOR": "17.4", "COR": "8.5", "DEL": "4.3", "ESS": "33.7"}


def test_count_and_weighted_share_must_both_hold() -> None:
    """Three parties holding 55% of 100: three small ones are not enough; ARC tips it."""
    when = ta.InstrumentCount(3, target="pact") & ta.WeightedShare(
        "55%", weights=WEIGHTS, target="pact"
    )
    events = deposits(
        ("BOR", D(2024, 3, 1)),
        ("COR", D(2024, 4, 1)),
        ("DEL", D(2024, 5, 1)),
        ("ARC", D(2024, 11, 18)),
    )
    ds = dataset(pact(when, effective=ta.NthDayAfter(90)), events)
    assert entered(ds) == D(2025, 2, 16)
    progress = report(ds, D(2024, 6, 1)).progress
    count, weight = progress
    assert count.met is T and count.have == 3
    assert weight.met is F
    assert weight.have == Fraction("30.2")
    assert weight.required == Fraction(55)
    assert weight.still_needed == Fraction("24.8")
    assert weight.outstanding == ("ARC", "ESS")
    assert weight.describe() == (
        "deposits for pact by parties holding at least 55% of the weight (total 100): "
        "weight 30.2 of 55, 24.8 more needed"
    )


def test_weighted_share_exactly_at_the_threshold_holds() -> None:
    """Exact arithmetic: 36.1 + 17.4 + 1.5 is exactly 55, which is enough."""
    weights = {"ARC": "36.1", "BOR": "17.4", "COR": "1.5", "DEL": "45"}
    node = ta.WeightedShare("55%", weights=weights, target="pact")
    ds = dataset(
        pact(node),
        deposits(("ARC", D(2024, 2, 1)), ("BOR", D(2024, 2, 2)), ("COR", D(2024, 2, 3))),
    )
    assert entered(ds) == D(2024, 2, 3)


def test_weighted_share_of_a_larger_total() -> None:
    """Weights that are shares of a world total: 30 of a world of 100 is not 55%."""
    node = ta.WeightedShare("55%", weights={"ARC": 20, "BOR": 10}, target="pact", total=100)
    ds = dataset(pact(node), deposits(("ARC", D(2024, 2, 1)), ("BOR", D(2024, 2, 2))))
    assert entered(ds) is None
    assert node.threshold() == 55


def test_share_of_a_changing_membership_is_taken_on_each_day() -> None:
    """Two thirds of 3 members is 2; when two more join, 2/3 of 5 needs 4."""
    group = ta.Group(
        id="WTO",
        name="Members",
        members=(
            *(ta.Member(party=p) for p in NAMES[:3]),
            ta.Member(party="DEL", joined=D(2024, 4, 1)),
            ta.Member(party="ESS", joined=D(2024, 4, 1)),
        ),
    )
    node = ta.InstrumentShare("2/3", target="pact", among="WTO")
    events = deposits(
        ("ARC", D(2024, 2, 1)),
        ("DEL", D(2024, 4, 5)),
        ("ESS", D(2024, 4, 9)),
        ("BOR", D(2024, 5, 6)),
    )
    ds = dataset(pact(node), events, groups=(group,))
    assert entered(ds) == D(2024, 5, 6)
    history = ta.timeline(node, ds)
    assert history.at(D(2024, 3, 31)) is F  # 1 of 3
    assert history.at(D(2024, 4, 9)) is F  # 3 of 5: two thirds of 5 is 3.33
    april = report(ds, D(2024, 4, 9)).progress[0]
    assert (april.have, april.required, april.members) == (3, 4, 5)
    march = report(ds, D(2024, 3, 31)).progress[0]
    assert (march.have, march.required, march.members) == (1, 2, 3)


def test_share_met_before_new_members_join_was_met() -> None:
    """2 of 3 on 02-02 meets two thirds; later joiners do not undo entry into force."""
    group = ta.Group(
        id="WTO",
        name="Members",
        members=(
            *(ta.Member(party=p) for p in NAMES[:3]),
            ta.Member(party="DEL", joined=D(2024, 3, 1)),
        ),
    )
    node = ta.InstrumentShare("2/3", target="pact", among="WTO")
    ds = dataset(
        pact(node), deposits(("ARC", D(2024, 2, 1)), ("BOR", D(2024, 2, 2))), groups=(group,)
    )
    history = ta.timeline(node, ds)
    assert history.steps == ((D(2024, 2, 2), T), (D(2024, 3, 1), F))
    assert entered(ds) == D(2024, 2, 2)
    assert report(ds, D(2024, 6, 1)).status is AS.IN_FORCE


def test_a_group_with_no_members_never_meets_a_share() -> None:
    group = ta.Group(
        id="NONE", name="Nobody", members=(ta.Member(party="ARC", joined=D(2030, 1, 1)),)
    )
    node = ta.InstrumentShare("1/2", target="pact", among="NONE")
    ds = dataset(pact(node), (), groups=(group,))
    assert ta.timeline(node, ds).at(D(2029, 12, 31)) is F
    progress = report(ds, D(2029, 1, 1)).progress[0]
    assert (progress.members, progress.required, progress.still_needed) == (0, 1, 1)


def test_weak_deposits_make_a_threshold_unknown() -> None:
    events = (
        *deposits(("ARC", D(2024, 2, 1)), ("BOR", D(2024, 2, 2))),
        event("cor-rumour", D(2024, 2, 3), EK.DEPOSIT, "COR", confidence=ta.Confidence.LOW),
    )
    ds = dataset(pact(ta.InstrumentCount(3, target="pact")), events)
    found = report(ds, D(2024, 2, 4))
    assert found.status is AS.UNDETERMINED
    assert found.progress[0].uncertain == ("COR",)
    assert found.progress[0].unknown == 1
    assert found.missing_descriptions()[0].startswith(
        "either: confirmation of the instruments of COR towards at least 3 deposits"
    )


# ---------------------------------------------------------------- per-party force


def late_joiner_pact() -> ta.Dataset:
    """Three deposits bring it into force on 2024-07-01; DEL deposits later; ARC withdraws."""
    events = (
        *deposits(
            ("ARC", D(2024, 5, 2)),
            ("BOR", D(2024, 5, 20)),
            ("COR", D(2024, 6, 1)),
            ("DEL", D(2024, 6, 10)),
        ),
        *deposits(("ESS", D(2024, 12, 31))),
        event("arc-withdraws", D(2025, 1, 31), EK.WITHDRAWAL, "ARC"),
    )
    agreement = pact(
        ta.InstrumentCount(3, target="pact"),
        effective=ta.NthDayAfter(30),
        per_party=ta.PartyEntry(
            effective=ta.NthDayAfter(30),
            withdrawal=ta.AfterPeriod(ta.Period(years=1), rounding=ta.Rounding.DOWN),
        ),
    )
    return dataset(agreement, events)


def test_original_parties_are_bound_from_entry_into_force() -> None:
    found = report(late_joiner_pact(), D(2024, 7, 1))
    assert found.entered_into_force == D(2024, 7, 1)
    for party in ("ARC", "BOR", "COR"):
        assert found.party(party).status is ta.PartyStatus.BOUND
        assert found.party(party).entry_into_force == D(2024, 7, 1)


def test_a_deposit_between_the_threshold_and_entry_into_force_counts_from_its_own_date() -> None:
    """DEL deposits on 06-10, after the threshold day (06-01): bound from 07-10."""
    ds = late_joiner_pact()
    early = report(ds, D(2024, 7, 1)).party("DEL")
    assert early.status is ta.PartyStatus.PENDING
    assert early.entry_into_force == D(2024, 7, 10)
    assert early.instrument_on == D(2024, 6, 10)
    assert report(ds, D(2024, 7, 10)).party("DEL").status is ta.PartyStatus.BOUND


def test_a_late_party_is_bound_thirty_days_after_its_own_deposit() -> None:
    """ESS deposits on 2024-12-31: the 30th day after is 2025-01-30."""
    ds = late_joiner_pact()
    before = ta.evaluate(ds, D(2024, 12, 30)).agreement("pact")
    assert [p.party for p in before.parties] == ["ARC", "BOR", "COR", "DEL", "ESS"][:5]
    assert before.party("ESS").status is ta.PartyStatus.NOT_BOUND
    assert before.party("ESS").entry_into_force is None
    pending = report(ds, D(2025, 1, 29)).party("ESS")
    assert (pending.status, pending.entry_into_force) == (ta.PartyStatus.PENDING, D(2025, 1, 30))
    assert report(ds, D(2025, 1, 30)).party("ESS").status is ta.PartyStatus.BOUND


def test_a_withdrawal_takes_effect_after_the_notice_period() -> None:
    """ARC notifies on 2025-01-31; one year later, rounded down, is 2026-01-31."""
    ds = late_joiner_pact()
    during = report(ds, D(2026, 1, 30)).party("ARC")
    assert during.status is ta.PartyStatus.BOUND
    assert during.withdrawal_effective == D(2026, 1, 31)
    after = report(ds, D(2026, 1, 31))
    assert after.party("ARC").status is ta.PartyStatus.WITHDRAWN
    assert after.status is AS.IN_FORCE  # the agreement goes on for the others


def test_commitments_bind_a_party_only_while_it_is_bound() -> None:
    commitment = ta.Commitment(
        id="pact/del-open", by="DEL", action=ta.Action.MAINTAIN, summary="Keep the border open"
    )
    base = late_joiner_pact()
    agreement = base.agreement("pact")
    ds = dataset(
        ta.Agreement(
            **{**_fields(agreement), "commitments": (commitment,)}  # type: ignore[arg-type]
        ),
        base.events,
    )
    assert (
        report(ds, D(2024, 7, 9)).commitment("pact/del-open").status
        is ta.CommitmentStatus.CONDITIONAL
    )
    active = report(ds, D(2024, 7, 10)).commitment("pact/del-open")
    assert (active.status, active.since) == (ta.CommitmentStatus.ACTIVE, D(2024, 7, 10))


def _fields(agreement: ta.Agreement) -> dict[str, object]:
    import attrs

    return attrs.asdict(agreement, recurse=False)


# ---------------------------------------------------------------- provisional application


def provisional_pact(*extra: ta.Event) -> ta.Dataset:
    """Applied from signature (2024-01-10) until 2025-01-01, unless in force before."""
    agreement = pact(
        ta.approved_by("ARC", "pact") & ta.approved_by("BOR", "pact"),
        effective=ta.FirstDayOfMonthFollowing(2),
        provisional_application=ta.ProvisionalApplication(
            id="pact/provisional", start=ta.DateReached(D(2024, 1, 10)), ends_on=D(2025, 1, 1)
        ),
        commitments=(
            ta.Commitment(id="pact/arc-cut", by="ARC", action=ta.Action.MAINTAIN, summary="cut"),
        ),
    )
    return dataset(agreement, extra)


SUNSET_EXTENDED = event(
    "extend", D(2024, 12, 1), EK.EXTENSION, None, target="pact/provisional", ends_on=D(2026, 1, 1)
)
"""A later decision moving the sunset from 2025-01-01 to 2026-01-01."""


def test_provisional_application_runs_until_its_sunset() -> None:
    ds = provisional_pact()
    during = report(ds, D(2024, 12, 31))
    assert during.status is AS.PROVISIONALLY_APPLIED
    assert during.in_force is F
    assert during.commitment("pact/arc-cut").status is ta.CommitmentStatus.ACTIVE
    after = report(ds, D(2025, 1, 1))
    assert after.status is AS.AWAITING_ENTRY_INTO_FORCE
    assert after.commitment("pact/arc-cut").status is ta.CommitmentStatus.ENDED


def test_an_extended_sunset_then_entry_into_force_ends_provisional_application() -> None:
    """Extended to 2026-01-01; both approvals by 2025-03-15; in force on 2025-05-01."""
    ds = provisional_pact(
        SUNSET_EXTENDED,
        event("arc-ok", D(2025, 2, 3), EK.APPROVAL, "ARC"),
        event("bor-ok", D(2025, 3, 15), EK.APPROVAL, "BOR"),
    )
    assert report(ds, D(2025, 1, 1)).status is AS.PROVISIONALLY_APPLIED
    waiting = report(ds, D(2025, 4, 30))
    assert waiting.status is AS.PROVISIONALLY_APPLIED
    assert waiting.scheduled_entry_into_force == D(2025, 5, 1)
    in_force = report(ds, D(2025, 5, 1))
    assert in_force.status is AS.IN_FORCE
    commitment = in_force.commitment("pact/arc-cut")
    assert (commitment.status, commitment.since) == (ta.CommitmentStatus.ACTIVE, D(2024, 1, 10))
    history = ta.evaluate(ds, D(2025, 5, 1))
    assert history.agreement("pact").entered_into_force == D(2025, 5, 1)


def test_terminating_provisional_application_ends_it_at_once() -> None:
    ds = provisional_pact(
        event("stop", D(2024, 6, 1), EK.TERMINATION, "BOR", target="pact/provisional")
    )
    assert report(ds, D(2024, 5, 31)).status is AS.PROVISIONALLY_APPLIED
    assert report(ds, D(2024, 6, 1)).status is AS.AWAITING_ENTRY_INTO_FORCE


def test_provisional_application_ends_when_the_agreement_lapses() -> None:
    agreement = pact(
        ta.approved_by("ARC", "pact"),
        deadline=D(2024, 6, 30),
        provisional_application=ta.ProvisionalApplication(
            id="pact/provisional", start=ta.DateReached(D(2024, 2, 1))
        ),
    )
    ds = dataset(agreement, ())
    assert report(ds, D(2024, 6, 30)).status is AS.PROVISIONALLY_APPLIED
    assert report(ds, D(2024, 7, 1)).status is AS.LAPSED


# ---------------------------------------------------------------- terms


def term_pact(*extra: ta.Event, rounding: ta.Rounding = ta.Rounding.DOWN) -> ta.Dataset:
    measure = ta.Measure(id="arc-duty", name="Duty", imposed_by="ARC")
    agreement = ta.Agreement(
        id="pact",
        title="Pact",
        kind=ta.AgreementKind.ARRANGEMENT,
        parties=("ARC", "BOR"),
        concluded=D(2024, 2, 29),
        commitments=(
            ta.Commitment(
                id="pact/suspend",
                by="ARC",
                action=ta.Action.SUSPEND,
                measure="arc-duty",
                summary="Suspend the duty for 90 days",
                term=ta.Term(period=ta.Period(days=90)),
            ),
            ta.Commitment(
                id="pact/yearly",
                by="ARC",
                action=ta.Action.MAINTAIN,
                summary="Keep quotas open for a year",
                term=ta.Term(period=ta.Period(years=1), rounding=rounding),
            ),
        ),
    )
    return ta.Dataset(parties=PARTIES, measures=(measure,), agreements=(agreement,), events=extra)


def commitment(ds: ta.Dataset, day: dt.date, id: str) -> ta.CommitmentReport:
    return report(ds, day).commitment(id)


def test_ninety_day_term_from_a_leap_day() -> None:
    """From 2024-02-29, 90 days run to 2024-05-28; the 29th is the first day without."""
    ds = term_pact()
    assert commitment(ds, D(2024, 5, 28), "pact/suspend").status is ta.CommitmentStatus.ACTIVE
    ended = commitment(ds, D(2024, 5, 29), "pact/suspend")
    assert (ended.status, ended.since) == (ta.CommitmentStatus.ENDED, D(2024, 5, 29))


@pytest.mark.parametrize(
    ("rounding", "last_day"),
    [(ta.Rounding.DOWN, D(2025, 2, 27)), (ta.Rounding.UP, D(2025, 2, 28))],
)
def test_a_year_from_a_leap_day_under_each_rounding(
    rounding: ta.Rounding, last_day: dt.date
) -> None:
    """One year from 2024-02-29 ends on 2025-02-28 (down) or 2025-03-01 (up)."""
    ds = term_pact(rounding=rounding)
    assert commitment(ds, last_day, "pact/yearly").status is ta.CommitmentStatus.ACTIVE
    after = commitment(ds, last_day + dt.timedelta(days=1), "pact/yearly")
    assert after.status is ta.CommitmentStatus.ENDED


def test_a_year_from_a_leap_day_under_strict_rounding_is_a_clear_error() -> None:
    with pytest.raises(
        CalendarError,
        match=r"term of commitment 'pact/yearly': 2024-02-29 \+ P1Y lands on day 29 of 2025-02",
    ):
        ta.evaluate(term_pact(rounding=ta.Rounding.STRICT), D(2025, 6, 1))


TWO_EXTENSIONS = (
    event(
        "ext-1", D(2024, 5, 20), EK.EXTENSION, "ARC", target="pact/suspend", ends_on=D(2024, 8, 1)
    ),
    event(
        "ext-2", D(2024, 7, 30), EK.EXTENSION, "ARC", target="pact/suspend", ends_on=D(2024, 11, 1)
    ),
)
"""The 90-day suspension (to 2024-05-29) extended to 2024-08-01, then to 2024-11-01."""


def test_a_term_extended_twice_then_ended_early_by_termination() -> None:
    ds = term_pact(
        *TWO_EXTENSIONS,
        event("stop", D(2024, 9, 15), EK.TERMINATION, "ARC", target="pact/suspend"),
    )
    assert commitment(ds, D(2024, 7, 31), "pact/suspend").status is ta.CommitmentStatus.ACTIVE
    assert commitment(ds, D(2024, 9, 14), "pact/suspend").status is ta.CommitmentStatus.ACTIVE
    ended = commitment(ds, D(2024, 9, 15), "pact/suspend")
    assert ended.status is ta.CommitmentStatus.ENDED
    assert ended.reason == "terminated on 2024-09-15"
    # Without the termination the second extension carries it to 2024-10-31.
    kept = ds.without_events("stop")
    assert commitment(kept, D(2024, 10, 31), "pact/suspend").status is ta.CommitmentStatus.ACTIVE
    assert commitment(kept, D(2024, 11, 1), "pact/suspend").status is ta.CommitmentStatus.ENDED


def test_a_term_extended_twice_then_ended_by_invalidating_its_measure() -> None:
    ds = term_pact(
        *TWO_EXTENSIONS,
        event("ruling", D(2024, 10, 2), EK.INVALIDATION, None, target="arc-duty"),
    )
    ended = commitment(ds, D(2024, 10, 2), "pact/suspend")
    assert ended.status is ta.CommitmentStatus.ENDED
    assert ended.reason == "the legal basis of arc-duty was removed on 2024-10-02"
    # A ruling without that effect changes nothing.
    stayed = term_pact(
        event("ruling", D(2024, 5, 2), EK.COURT_RULING, None, target="arc-duty"),
    )
    assert commitment(stayed, D(2024, 5, 2), "pact/suspend").status is ta.CommitmentStatus.ACTIVE


# ---------------------------------------------------------------- bad input


def test_threshold_references_are_checked() -> None:
    node = ta.InstrumentCount(2, target="pact", among="G20") & ta.WeightedShare(
        "1/2", weights={"ARC": 1, "XXX": 2}, target="nowhere"
    )
    with pytest.raises(DatasetError) as caught:
        dataset(pact(node), ())
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "agreements[0].entry_into_force.when.items[0].among",
        "agreements[0].entry_into_force.when.items[1].target",
        "agreements[0].entry_into_force.when.items[1].weights['XXX']",
    ]


def test_an_instrument_without_a_party_is_refused() -> None:
    with pytest.raises(DatasetError, match=r"events\[0\]\.party: a deposit about 'pact' counts"):
        dataset(
            pact(ta.InstrumentCount(1, target="pact")),
            (event("d", D(2024, 2, 1), EK.DEPOSIT, None),),
        )


def test_provisional_application_id_must_not_clash() -> None:
    agreement = pact(
        ta.InstrumentCount(1, target="pact"),
        provisional_application=ta.ProvisionalApplication(
            id="pact", start=ta.DateReached(D(2024, 1, 1))
        ),
    )
    with pytest.raises(DatasetError, match="names both an agreement and a provisional application"):
        dataset(agreement, ())


@pytest.mark.parametrize(
    ("share", "error", "message"),
    [
        ("0", ModelValueError, "greater than 0 and at most 1"),
        ("3/2", ModelValueError, "greater than 0 and at most 1"),
        ("two thirds", ModelValueError, "such as '2/3'"),
        (True, ModelTypeError, "got bool"),
        (None, ModelTypeError, "must be a number"),
        (float("nan"), ModelValueError, "finite"),
    ],
)
def test_bad_shares_are_named(share: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        ta.InstrumentShare(share, target="pact", among="G")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ("2/3", Fraction(2, 3)),
        ("55%", Fraction(11, 20)),
        (0.55, Fraction(11, 20)),
        (1, Fraction(1)),
    ],
)
def test_shares_are_read_exactly(share: object, expected: Fraction) -> None:
    assert ta.InstrumentShare(share, target="pact", among="G").share == expected  # type: ignore[arg-type]


def test_bad_weights_are_named() -> None:
    with pytest.raises(ModelValueError, match=r"weights\['ARC'\] must not be negative"):
        ta.WeightedShare("1/2", weights={"ARC": -1}, target="pact")
    with pytest.raises(ModelValueError, match="appears twice"):
        ta.WeightedShare("1/2", weights=[("ARC", 1), ("ARC", 2)], target="pact")
    with pytest.raises(ModelValueError, match="total weight greater than 0"):
        ta.WeightedShare("1/2", weights={"ARC": 0}, target="pact")
    with pytest.raises(ModelValueError, match="at least the sum"):
        ta.WeightedShare("1/2", weights={"ARC": 3}, target="pact", total=2)


def test_a_withdrawal_is_not_an_instrument() -> None:
    with pytest.raises(ModelValueError, match="cannot be withdrawal"):
        ta.InstrumentCount(1, target="pact", kind=EK.WITHDRAWAL)
    with pytest.raises(ModelValueError, match="cannot be withdrawal"):
        ta.PartyEntry(instrument=EK.WITHDRAWAL)


def test_provisional_application_takes_one_sunset() -> None:
    with pytest.raises(ModelValueError, match="at most one of ends_on= and term="):
        ta.ProvisionalApplication(
            id="p",
            start=ta.DateReached(D(2024, 1, 1)),
            ends_on=D(2025, 1, 1),
            term=ta.Term(period=ta.Period(years=1)),
        )


def test_a_party_that_deposits_again_before_the_threshold_is_an_original_party() -> None:
    """BOR withdraws and deposits again; its standing instrument counts and binds it."""
    events = (
        *deposits(("ARC", D(2024, 3, 1)), ("BOR", D(2024, 4, 1))),
        event("bor-withdraws", D(2024, 4, 20), EK.WITHDRAWAL, "BOR"),
        event("bor-again", D(2024, 5, 1), EK.DEPOSIT, "BOR"),
        *deposits(("COR", D(2024, 5, 2))),
    )
    ds = dataset(
        pact(
            ta.InstrumentCount(3, target="pact"),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
        events,
    )
    bor = report(ds, D(2024, 6, 1)).party("BOR")
    assert (bor.status, bor.entry_into_force) == (ta.PartyStatus.BOUND, D(2024, 6, 1))
    assert bor.instrument_on == D(2024, 5, 1)
    assert bor.withdrawal_effective is None


def test_a_party_withdrawing_after_its_notice_and_depositing_again_is_bound_again() -> None:
    """ARC's withdrawal takes effect 2026-01-31; a new deposit on 2026-03-02 binds it from 04-01."""
    ds = late_joiner_pact().with_events(event("arc-back", D(2026, 3, 2), EK.DEPOSIT, "ARC"))
    assert report(ds, D(2026, 3, 1)).party("ARC").status is ta.PartyStatus.WITHDRAWN
    back = report(ds, D(2026, 3, 2)).party("ARC")
    assert (back.status, back.entry_into_force) == (ta.PartyStatus.PENDING, D(2026, 4, 1))
    assert report(ds, D(2026, 4, 1)).party("ARC").status is ta.PartyStatus.BOUND


def test_a_commitment_of_a_pending_party_says_when_it_will_bind() -> None:
    commitment = ta.Commitment(
        id="pact/ess-open", by="ESS", action=ta.Action.MAINTAIN, summary="Keep ports open"
    )
    base = late_joiner_pact()
    fields = _fields(base.agreement("pact"))
    ds = dataset(ta.Agreement(**{**fields, "commitments": (commitment,)}), base.events)  # type: ignore[arg-type]
    waiting = report(ds, D(2025, 1, 10)).commitment("pact/ess-open")
    assert waiting.status is ta.CommitmentStatus.CONDITIONAL
    assert [n.description for a in waiting.missing for n in a.needs] == [
        "pact in force for ESS (from 2025-01-30)"
    ]


def test_a_commitment_ended_by_the_end_of_provisional_application_says_so() -> None:
    ended = report(provisional_pact(), D(2025, 1, 1)).commitment("pact/arc-cut")
    assert ended.reason == "the provisional application of pact ended on 2025-01-01"


def test_the_explanation_shows_the_extended_sunset() -> None:
    ds = provisional_pact(SUNSET_EXTENDED)
    labels = [n.label for n in report(ds, D(2025, 1, 1)).explanation.walk()]
    assert any("sunset 2026-01-01, extended from 2025-01-01" in label for label in labels)


@pytest.mark.parametrize(
    ("rule", "effective"),
    [
        (ta.Upon(), D(2025, 1, 31)),
        (ta.NthDayAfter(30), D(2025, 3, 2)),
        (ta.AfterClearDays(30), D(2025, 3, 3)),
        (ta.FirstDayOfMonthFollowing(1), D(2025, 2, 1)),
        (ta.FirstDayOfMonthFollowing(3), D(2025, 4, 1)),
        (ta.AfterPeriod(ta.Period(months=1), rounding=ta.Rounding.DOWN), D(2025, 2, 28)),
        (ta.AfterPeriod(ta.Period(months=1), rounding=ta.Rounding.UP), D(2025, 3, 1)),
        (ta.FixedDate(D(2025, 6, 1)), D(2025, 6, 1)),
        (ta.Earliest((ta.NthDayAfter(30), ta.FixedDate(D(2025, 2, 15)))), D(2025, 2, 15)),
        (ta.Latest((ta.NthDayAfter(30), ta.FixedDate(D(2025, 2, 15)))), D(2025, 3, 2)),
    ],
)
def test_every_day_count_rule_from_a_month_end_deposit(
    rule: ta.DayCount, effective: dt.date
) -> None:
    """The deposit on 2025-01-31 meets the clause; in force on exactly the rule's day."""
    ds = dataset(
        pact(ta.InstrumentCount(1, target="pact"), effective=rule),
        deposits(("ARC", D(2025, 1, 31))),
    )
    if effective > D(2025, 1, 31):
        day_before = report(ds, effective - dt.timedelta(days=1))
        assert day_before.status is AS.AWAITING_ENTRY_INTO_FORCE
        assert day_before.scheduled_entry_into_force == effective
    on_the_day = report(ds, effective)
    assert (on_the_day.status, on_the_day.entered_into_force) == (AS.IN_FORCE, effective)


def test_a_month_after_a_month_end_deposit_under_strict_rounding_is_a_clear_error() -> None:
    ds = dataset(
        pact(
            ta.InstrumentCount(1, target="pact"),
            effective=ta.AfterPeriod(ta.Period(months=1)),
        ),
        deposits(("ARC", D(2025, 1, 31))),
    )
    with pytest.raises(
        CalendarError,
        match="entry into force of agreement 'pact': 2025-01-31 \\+ P1M lands on day 31 of 2025-02",
    ):
        ta.evaluate(ds, D(2025, 3, 1))


def test_the_text_report_lists_parties_of_a_per_party_agreement_before_any_deposit() -> None:
    ds = dataset(
        pact(ta.InstrumentCount(3, target="pact"), per_party=ta.PartyEntry()),
        (),
    )
    found = ta.evaluate(ds, D(2024, 2, 1))
    assert found.agreement("pact").per_party is True
    text = ta.render_text(found)
    assert "  parties:\n  - ARC: not bound\n" in text
    assert "progress: at least 3 deposits for pact: 0 of 3, 3 more needed" in text


def test_the_instrument_that_meets_the_threshold_makes_an_original_party() -> None:
    """In force upon the third deposit; late parties wait 30 days, but COR (the third) does not."""
    ds = dataset(
        pact(
            ta.InstrumentCount(3, target="pact"),
            per_party=ta.PartyEntry(effective=ta.NthDayAfter(30)),
        ),
        deposits(
            ("ARC", D(2024, 3, 1)),
            ("BOR", D(2024, 4, 1)),
            ("COR", D(2024, 5, 2)),
            ("DEL", D(2024, 5, 3)),
        ),
    )
    found = report(ds, D(2024, 5, 3))
    assert found.entered_into_force == D(2024, 5, 2)
    assert [(p.party, p.status, p.entry_into_force) for p in found.parties[:4]] == [
        ("ARC", ta.PartyStatus.BOUND, D(2024, 5, 2)),
        ("BOR", ta.PartyStatus.BOUND, D(2024, 5, 2)),
        ("COR", ta.PartyStatus.BOUND, D(2024, 5, 2)),
        ("DEL", ta.PartyStatus.PENDING, D(2024, 6, 2)),
    ]
