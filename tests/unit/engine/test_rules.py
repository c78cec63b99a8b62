"""Rule sets: ordering, user rules, and what the report says is missing."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord import AgreementStatus, Finding, Rule, RuleSet
from tradeaccord.errors import RuleSetError

D = dt.date
PARTIES = tuple(ta.Party(id=p, name=p) for p in ("AAA", "BBB", "CCC", "DDD"))


def treaty(when: ta.Condition, **kw: object) -> ta.Dataset:
    agreement = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=tuple(p.id for p in PARTIES),
        concluded=D(2025, 1, 1),
        entry_into_force=ta.EntryIntoForce(when=when),
    )
    return ta.Dataset(parties=PARTIES, agreements=(agreement,), **kw)  # type: ignore[arg-type]


def deposit(party: str, day: dt.date) -> ta.Event:
    return ta.Event(
        id=f"{party}-{day}",
        date=day,
        kind=ta.EventKind.DEPOSIT,
        party=party,
        target="t",
        summary="",
    )


def deposited(party: str) -> ta.Occurred:
    return ta.Occurred(ta.EventKind.DEPOSIT, party=party, target="t")


def test_user_rule_runs_before_in_force() -> None:
    """A user rule placed before 'in-force' decides, and its name is in the report."""
    suspended_by_court = Rule(
        name="court-suspension",
        summary="A court ruling about the agreement suspends it.",
        check=lambda ctx: (
            Finding(status=AgreementStatus.SUSPENDED, reason="court ruling")
            if any(
                e.kind is ta.EventKind.COURT_RULING and e.date <= ctx.as_of
                for e in ctx.dataset.events_about("t")
            )
            else None
        ),
    )
    rules = RuleSet.default().with_agreement_rule(suspended_by_court, before="in-force")
    ruling = ta.Event(
        id="r", date=D(2025, 3, 1), kind=ta.EventKind.COURT_RULING, target="t", summary=""
    )
    ds = treaty(ta.DateReached(D(2025, 2, 1)), events=(ruling,))
    assert (
        ta.evaluate(ds, D(2025, 2, 15), rules=rules).agreement("t").status
        is AgreementStatus.IN_FORCE
    )
    late = ta.evaluate(ds, D(2025, 3, 1), rules=rules).agreement("t")
    assert (late.status, late.rule) == (AgreementStatus.SUSPENDED, "court-suspension")


def test_rule_set_editing() -> None:
    """Rules can be removed, replaced and placed; mistakes raise RuleSetError."""
    rules = RuleSet.default()
    assert "suspended" not in rules.without("suspended").agreement_names()
    replacement = Rule(name="x", summary="", check=lambda ctx: None)
    assert rules.replacing("lapsed", replacement).agreement_names()[1] == "x"
    assert rules.with_agreement_rule(replacement, after="terminated").agreement_names()[:2] == (
        "terminated",
        "x",
    )
    with pytest.raises(RuleSetError, match="no rule named 'nope'"):
        rules.without("nope")
    with pytest.raises(RuleSetError, match="two agreement rules are named 'terminated'"):
        rules.with_agreement_rule(rules.agreement_rules[0])
    with pytest.raises(RuleSetError, match="at most one of before= and after="):
        rules.with_agreement_rule(replacement, before="lapsed", after="expired")


def test_rule_set_without_catch_all_raises() -> None:
    """If no rule decides, evaluation says so instead of inventing a status."""
    rules = RuleSet(agreement_rules=(), commitment_rules=())
    with pytest.raises(RuleSetError, match="no rule decided the status of agreement 't'"):
        ta.evaluate(treaty(ta.DateReached(D(2025, 2, 1))), D(2025, 1, 1), rules=rules)


def test_missing_lists_each_alternative() -> None:
    """For 'any of' each way forward is listed; satisfied parts are not."""
    ds = treaty(
        (deposited("AAA") & deposited("BBB")) | deposited("CCC"),
        events=(deposit("AAA", D(2025, 1, 5)),),
    )
    report = ta.evaluate(ds, D(2025, 1, 10)).agreement("t")
    assert report.missing_descriptions() == (
        "either: deposit of t by BBB",
        "either: deposit of t by CCC",
    )


def test_missing_for_at_least_counts_what_is_outstanding() -> None:
    """'At least 3 of 4' with one deposit lists the pairs still needed."""
    cond = ta.AtLeast(3, *(deposited(p.id) for p in PARTIES))
    ds = treaty(cond, events=(deposit("AAA", D(2025, 1, 5)),))
    report = ta.evaluate(ds, D(2025, 1, 10)).agreement("t")
    assert len(report.missing) == 3
    assert all(len(a.needs) == 2 for a in report.missing)


def test_delay_waits_then_enters_into_force() -> None:
    """'On the 30th day after the 2nd deposit': missing names the waiting date, then in force."""
    cond = ta.Delay(ta.AtLeast(2, *(deposited(p.id) for p in PARTIES)), ta.NthDayAfter(30))
    events = (deposit("AAA", D(2025, 1, 5)), deposit("BBB", D(2025, 1, 10)))
    ds = treaty(cond, events=events)
    waiting = ta.evaluate(ds, D(2025, 2, 8)).agreement("t")
    assert waiting.missing_descriptions() == (
        "date 2025-02-09 reached (on the 30th day after 2025-01-10)",
    )
    assert ta.evaluate(ds, D(2025, 2, 9)).agreement("t").in_force_since == D(2025, 2, 9)


def test_termination_ends_in_force() -> None:
    """A recorded termination takes the agreement out of force from its date."""
    end = ta.Event(
        id="end", date=D(2025, 6, 1), kind=ta.EventKind.TERMINATION, target="t", summary=""
    )
    ds = treaty(ta.DateReached(D(2025, 2, 1)), events=(end,))
    report = ta.evaluate(ds, D(2025, 6, 1)).agreement("t")
    assert (report.status, report.in_force) == (AgreementStatus.TERMINATED, ta.Truth.FALSE)


def test_suspension_and_resumption() -> None:
    """A suspension holds until a resumption is recorded."""
    events = (
        ta.Event(id="s", date=D(2025, 3, 1), kind=ta.EventKind.SUSPENSION, target="t", summary=""),
        ta.Event(id="r", date=D(2025, 4, 1), kind=ta.EventKind.RESUMPTION, target="t", summary=""),
    )
    ds = treaty(ta.DateReached(D(2025, 2, 1)), events=events)
    assert ta.evaluate(ds, D(2025, 3, 15)).agreement("t").status is AgreementStatus.SUSPENDED
    resumed = ta.evaluate(ds, D(2025, 4, 1)).agreement("t")
    assert (resumed.status, resumed.in_force_since) == (AgreementStatus.IN_FORCE, D(2025, 4, 1))


def test_lapse_after_deadline() -> None:
    """An agreement not in force by its deadline has lapsed the day after."""
    agreement = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=("AAA",),
        concluded=D(2025, 1, 1),
        entry_into_force=ta.EntryIntoForce(when=deposited("AAA"), deadline=D(2025, 6, 30)),
    )
    late = deposit("AAA", D(2025, 7, 5))
    ds = ta.Dataset(parties=PARTIES, agreements=(agreement,), events=(late,))
    assert (
        ta.evaluate(ds, D(2025, 6, 30)).agreement("t").status
        is AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    )
    assert ta.evaluate(ds, D(2025, 7, 1)).agreement("t").status is AgreementStatus.LAPSED
    assert ta.evaluate(ds, D(2025, 7, 10)).agreement("t").in_force is ta.Truth.FALSE


def test_deadline_missed_is_overdue() -> None:
    """An active one-off commitment not performed by its deadline is overdue; a breach violates."""
    commitment = ta.Commitment(
        id="t/c",
        by="AAA",
        action=ta.Action.LIFT,
        summary="",
        deadline=ta.Deadline(within=ta.Period(days=10)),
    )
    agreement = ta.Agreement(
        id="t",
        title="T",
        kind=ta.AgreementKind.TREATY,
        parties=("AAA",),
        concluded=D(2025, 1, 1),
        commitments=(commitment,),
    )
    ds = ta.Dataset(parties=PARTIES, agreements=(agreement,))
    on_time = ta.evaluate(ds, D(2025, 1, 11)).agreement("t").commitment("t/c")
    assert (on_time.deontic, on_time.due) == (ta.Deontic.PENDING, D(2025, 1, 11))
    assert (
        ta.evaluate(ds, D(2025, 1, 12)).agreement("t").commitment("t/c").deontic
        is ta.Deontic.OVERDUE
    )
    breach = ta.Event(
        id="b", date=D(2025, 1, 20), kind=ta.EventKind.BREACH, target="t/c", summary="breach"
    )
    broken = ds.with_events(breach)
    assert ta.evaluate(broken, D(2025, 1, 19)).agreement("t").commitment("t/c").deontic is (
        ta.Deontic.OVERDUE
    )
    assert ta.evaluate(broken, D(2025, 1, 20)).agreement("t").commitment("t/c").deontic is (
        ta.Deontic.VIOLATED
    )


def test_evaluate_rejects_datetime() -> None:
    """The day to evaluate must be a date, not a datetime."""
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        ta.evaluate(ta.example_dataset(), dt.datetime(2025, 6, 12))  # type: ignore[arg-type]


def test_ended_commitment_without_records_is_unsettled() -> None:
    """A commitment that ended with no performance or breach recorded is unsettled, not pending."""
    report = ta.evaluate(ta.example_dataset(), D(2026, 11, 21)).agreement("busan-2025")
    soybeans = report.commitment("busan-2025/cn-soybean-purchases")
    assert (soybeans.status, soybeans.deontic) == (ta.CommitmentStatus.ENDED, ta.Deontic.UNSETTLED)
    suspension = report.commitment("busan-2025/cn-suspend-october-controls")
    assert suspension.deontic is ta.Deontic.FULFILLED


def test_report_in_force_follows_the_deciding_rule() -> None:
    """When a user rule decides another status, the report's in_force is not TRUE."""
    always_suspended = Rule(
        name="always-suspended",
        summary="",
        check=lambda ctx: Finding(status=AgreementStatus.SUSPENDED, reason="test"),
    )
    rules = RuleSet.default().with_agreement_rule(always_suspended, before="terminated")
    report = ta.evaluate(ta.example_dataset(), D(2025, 7, 1), rules=rules).agreement("london-2025")
    assert (report.status, report.in_force, report.in_force_since) == (
        AgreementStatus.SUSPENDED,
        ta.Truth.FALSE,
        None,
    )


def test_context_reads_facts_up_to_its_day() -> None:
    """A context gives events dated by its day, any item's timelines and scheduled dates."""
    seen: dict[str, object] = {}

    def spy(ctx: ta.AgreementContext) -> ta.Finding[AgreementStatus] | None:
        if ctx.as_of == D(2025, 6, 26):
            seen["events"] = [e.id for e in ctx.events("london-2025", ta.EventKind.APPROVAL)]
            seen["scheduled"] = ctx.scheduled_entry_into_force("london-2025")
            seen["binding"] = ctx.scheduled_binding("london-2025", "USA")
            seen["geneva"] = ctx.agreement_timelines("geneva-2025").in_force.at(ctx.as_of)
            seen["usa"] = ctx.party_timelines("london-2025", "USA").bound.at(ctx.as_of)
            seen["condition"] = ctx.condition(ta.InForce("geneva-2025")).at(ctx.as_of)
            seen["policy"] = ctx.policy
            seen["cite"] = ctx.cite(ctx.dataset.event("2025-06-25-us-approval")).event
        return None

    rules = RuleSet.default().with_agreement_rule(
        Rule(name="spy", summary="", check=spy), before="terminated"
    )
    ta.evaluate(ta.example_dataset(), D(2025, 6, 26), rules=rules, agreements=["london-2025"])
    assert seen == {
        "events": ["2025-06-25-us-approval"],
        "scheduled": None,
        "binding": None,
        "geneva": ta.Truth.TRUE,
        "usa": ta.Truth.FALSE,
        "condition": ta.Truth.TRUE,
        "policy": ta.EvidencePolicy(),
        "cite": "2025-06-25-us-approval",
    }


def test_scheduled_dates_on_the_facts_so_far() -> None:
    """After the threshold is met, the record fixes the day of entry into force 30 days on."""
    agreement = ta.Agreement(
        id="t",
        title="Treaty",
        kind=ta.AgreementKind.TREATY,
        parties=tuple(p.id for p in PARTIES),
        concluded=D(2025, 1, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(2, target="t"), effective=ta.NthDayAfter(30)
        ),
    )
    data = ta.Dataset(
        parties=PARTIES,
        agreements=(agreement,),
        events=(deposit("AAA", D(2025, 2, 1)), deposit("BBB", D(2025, 2, 10))),
    )
    found: list[tuple[object, object]] = []

    def spy(ctx: ta.AgreementContext) -> ta.Finding[AgreementStatus] | None:
        found.append((ctx.scheduled_entry_into_force("t"), ctx.scheduled_binding("t", "AAA")))
        return None

    rules = RuleSet.default().with_agreement_rule(
        Rule(name="spy", summary="", check=spy), before="terminated"
    )
    for day in (D(2025, 2, 9), D(2025, 2, 10), D(2025, 3, 12)):
        ta.evaluate(data, day, rules=rules)
    assert found == [(None, None), (D(2025, 3, 12), D(2025, 3, 12)), (None, None)]
