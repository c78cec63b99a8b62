"""The embedded US-China dataset answers the questions it was built for."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord import AgreementStatus, CommitmentStatus, Deontic, Truth

D = dt.date
ROLLBACK = "london-2025/us-rollback-export-restrictions"
US_SUSPENSION = "geneva-2025/us-suspend-24-points"
CN_SUSPENSION = "geneva-2025/cn-suspend-24-points"


@pytest.fixture(scope="module")
def dataset() -> ta.Dataset:
    return ta.example_dataset()


def status(dataset: ta.Dataset, day: dt.date, agreement: str) -> ta.AgreementReport:
    return ta.evaluate(dataset, day).agreement(agreement)


def test_london_awaits_both_approvals_on_june_12(dataset: ta.Dataset) -> None:
    """On 2025-06-12 London is concluded but not in force; both approvals are missing."""
    london = status(dataset, D(2025, 6, 12), "london-2025")
    assert london.status is AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert london.in_force is Truth.FALSE
    assert london.in_force_since is None
    assert london.missing_descriptions() == (
        "approval of london-2025 by USA",
        "approval of london-2025 by CHN",
    )


def test_trump_post_is_a_statement_not_an_approval(dataset: ta.Dataset) -> None:
    """The 2025-06-11 post is recorded as a statement and satisfies no approval."""
    post = dataset.event("2025-06-11-trump-post")
    assert post.kind is ta.EventKind.STATEMENT
    london = status(dataset, D(2025, 6, 11), "london-2025")
    cited = {c.event for node in london.explanation.walk() for c in node.citations}
    assert "2025-06-11-trump-post" not in cited
    assert london.in_force is Truth.FALSE


def test_london_between_approvals_waits_for_china(dataset: ta.Dataset) -> None:
    """After the US approval (2025-06-25) only China's approval is missing."""
    london = status(dataset, D(2025, 6, 26), "london-2025")
    assert london.missing_descriptions() == ("approval of london-2025 by CHN",)


def test_london_in_force_since_last_approval(dataset: ta.Dataset) -> None:
    """On 2025-06-28 London is in force since 2025-06-27, the day of the last approval."""
    london = status(dataset, D(2025, 6, 28), "london-2025")
    assert london.status is AgreementStatus.IN_FORCE
    assert london.in_force is Truth.TRUE
    assert london.in_force_since == D(2025, 6, 27)
    assert london.entered_into_force == D(2025, 6, 27)
    assert london.missing == ()
    cited = {c.event for node in london.explanation.walk() for c in node.citations}
    assert {"2025-06-25-us-approval", "2025-06-27-cn-approval"} <= cited


def test_london_explanation_cites_sources(dataset: ta.Dataset) -> None:
    """Each cited event carries its resolved sources."""
    london = status(dataset, D(2025, 6, 28), "london-2025")
    citations = [c for node in london.explanation.walk() for c in node.citations]
    us = next(c for c in citations if c.event == "2025-06-25-us-approval")
    assert us.confidence is ta.Confidence.MEDIUM
    assert {s.publisher for s in us.sources} >= {"azzet.com", "mondaq.com"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 6, 26), CommitmentStatus.CONDITIONAL),
        (D(2025, 6, 27), CommitmentStatus.ACTIVE),
        (D(2025, 7, 1), CommitmentStatus.ACTIVE),
        (D(2025, 7, 2), CommitmentStatus.PERFORMED),
        (D(2026, 11, 21), CommitmentStatus.PERFORMED),
    ],
)
def test_us_rollback_lifecycle(
    dataset: ta.Dataset, day: dt.date, expected: CommitmentStatus
) -> None:
    """The US rollback is conditional until China's approvals, active, then performed on 2025-07-02."""
    report = status(dataset, day, "london-2025").commitment(ROLLBACK)
    assert report.status is expected


def test_us_rollback_waits_for_chinas_approvals(dataset: ta.Dataset) -> None:
    """Before activation the rollback's missing list names London and China's approvals."""
    report = status(dataset, D(2025, 6, 12), "london-2025").commitment(ROLLBACK)
    needs = {n.description for a in report.missing for n in a.needs}
    assert needs == {"london-2025 in force", "london-2025/cn-rare-earth-approvals performed"}
    performed = status(dataset, D(2025, 7, 2), "london-2025").commitment(ROLLBACK)
    assert performed.deontic is Deontic.FULFILLED
    assert performed.since == D(2025, 7, 2)


def test_rollback_without_chinas_approvals_stays_conditional(dataset: ta.Dataset) -> None:
    """Removing China's rare-earth approvals leaves the rollback conditional even after London."""
    what_if = dataset.without_events(
        "2025-06-27-cn-rare-earth-approvals", "2025-07-02-us-lifts-eda-ethane"
    )
    report = status(what_if, D(2025, 8, 1), "london-2025").commitment(ROLLBACK)
    assert report.status is CommitmentStatus.CONDITIONAL
    assert [n.description for a in report.missing for n in a.needs] == [
        "london-2025/cn-rare-earth-approvals performed"
    ]


def test_geneva_in_force_from_may_14(dataset: ta.Dataset) -> None:
    """Geneva waits for 2025-05-14 and is in force from that day."""
    before = status(dataset, D(2025, 5, 13), "geneva-2025")
    assert before.status is AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert before.missing_descriptions() == ("date 2025-05-14 reached",)
    on = status(dataset, D(2025, 5, 14), "geneva-2025")
    assert on.status is AgreementStatus.IN_FORCE
    assert on.in_force_since == D(2025, 5, 14)


def test_geneva_suspension_ends_after_90_days_without_extension(dataset: ta.Dataset) -> None:
    """Without recorded extensions the 24-point suspensions end on 2025-08-12, after 90 days."""
    bare = dataset.without_events("2025-08-11-us-extension", "2025-08-11-cn-extension")
    for commitment in (US_SUSPENSION, CN_SUSPENSION):
        last_day = status(bare, D(2025, 8, 11), "geneva-2025").commitment(commitment)
        assert last_day.status is CommitmentStatus.ACTIVE
        ended = status(bare, D(2025, 8, 12), "geneva-2025").commitment(commitment)
        assert ended.status is CommitmentStatus.ENDED
        assert ended.since == D(2025, 8, 12)
        assert "term ran out on 2025-08-12" in ended.reason


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 8, 12), CommitmentStatus.ACTIVE),
        (D(2025, 11, 9), CommitmentStatus.ACTIVE),
        (D(2026, 2, 19), CommitmentStatus.ACTIVE),
        (D(2026, 11, 9), CommitmentStatus.ACTIVE),
        (D(2026, 11, 10), CommitmentStatus.ENDED),
    ],
)
def test_geneva_suspension_follows_recorded_extensions(
    dataset: ta.Dataset, day: dt.date, expected: CommitmentStatus
) -> None:
    """The recorded extensions carry China's suspension to 2025-11-10, then to 2026-11-10."""
    assert status(dataset, day, "geneva-2025").commitment(CN_SUSPENSION).status is expected


def test_supreme_court_ruling_ends_the_us_suspension_early(dataset: ta.Dataset) -> None:
    """The twice-extended US suspension ends on 2026-02-20, when IEEPA stops being its basis."""
    before = status(dataset, D(2026, 2, 19), "geneva-2025").commitment(US_SUSPENSION)
    assert before.status is CommitmentStatus.ACTIVE
    after = status(dataset, D(2026, 2, 20), "geneva-2025").commitment(US_SUSPENSION)
    assert after.status is CommitmentStatus.ENDED
    assert after.since == D(2026, 2, 20)
    assert "legal basis of us-reciprocal-tariff-cn was removed on 2026-02-20" in after.reason
    cited = {c.event for node in after.explanation.walk() for c in node.citations}
    assert "2026-02-20-scotus-ieepa-reciprocal" in cited
    # Without the ruling it would have run to the second extension's end.
    unruled = dataset.without_events("2026-02-20-scotus-ieepa-reciprocal")
    kept = status(unruled, D(2026, 11, 9), "geneva-2025").commitment(US_SUSPENSION)
    assert kept.status is CommitmentStatus.ACTIVE
    # The one-off fentanyl cut was performed before the ruling and stays performed.
    busan = status(dataset, D(2026, 3, 1), "busan-2025")
    assert (
        busan.commitment("busan-2025/us-reduce-fentanyl-tariff").status
        is CommitmentStatus.PERFORMED
    )


def test_first_extension_alone_ends_on_november_10(dataset: ta.Dataset) -> None:
    """With only the August extensions the suspensions end on 2025-11-10."""
    partial = dataset.without_events("2025-11-04-us-extension", "2025-11-05-cn-extension")
    for commitment in (US_SUSPENSION, CN_SUSPENSION):
        assert (
            status(partial, D(2025, 11, 9), "geneva-2025").commitment(commitment).status
            is CommitmentStatus.ACTIVE
        )
        assert (
            status(partial, D(2025, 11, 10), "geneva-2025").commitment(commitment).status
            is CommitmentStatus.ENDED
        )


def test_busan_runs_for_one_year(dataset: ta.Dataset) -> None:
    """Busan is in force from 2025-11-10 and expires on 2026-11-10."""
    assert (
        status(dataset, D(2025, 11, 9), "busan-2025").status
        is AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    )
    assert status(dataset, D(2025, 11, 10), "busan-2025").status is AgreementStatus.IN_FORCE
    expired = status(dataset, D(2026, 11, 10), "busan-2025")
    assert expired.status is AgreementStatus.EXPIRED
    assert expired.in_force is Truth.FALSE


def test_stricter_evidence_policy_leaves_london_undetermined(dataset: ta.Dataset) -> None:
    """Requiring high confidence makes the medium-confidence US approval UNKNOWN, not TRUE."""
    strict = ta.EvidencePolicy(min_confidence=ta.Confidence.HIGH)
    london = ta.evaluate(dataset, D(2025, 6, 28), policy=strict).agreement("london-2025")
    assert london.in_force is Truth.UNKNOWN
    assert london.status is AgreementStatus.UNDETERMINED
    assert london.missing_descriptions() == ("confirmation of approval of london-2025 by USA",)
    rollback = london.commitment(ROLLBACK)
    assert rollback.status is CommitmentStatus.UNDETERMINED


def test_every_event_has_sources(dataset: ta.Dataset) -> None:
    """Every event of the embedded dataset names at least one source."""
    assert all(event.sources for event in dataset.events)


def test_low_confidence_items_stay_low(dataset: ta.Dataset) -> None:
    """The one weakly sourced claim of the reference timeline stays low confidence."""
    low = [e.id for e in dataset.events if e.confidence is ta.Confidence.LOW]
    assert low == ["2026-05-14-general-licences-claim"]
