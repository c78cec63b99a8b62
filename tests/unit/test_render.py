"""Text rendering: the schedule, threshold progress and the per-party list."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import tradeaccord as ta

D = dt.date
EK = ta.EventKind
TREATY = "customs-convention"
STATES = ("ARC", "BOR", "COR", "DEL", "ESS")


def convention() -> ta.Dataset:
    """Three deposits bring the Convention into force 30 days on; each party by its own."""

    def act(kind: ta.EventKind, party: str, day: dt.date) -> ta.Event:
        return ta.Event(
            id=f"{kind.value}-{party}-{day}",
            date=day,
            kind=kind,
            party=party,
            target=TREATY,
            summary=f"{kind.value} by {party}",
        )

    treaty = ta.Agreement(
        id=TREATY,
        title="Regional Customs Cooperation Convention",
        kind=ta.AgreementKind.TREATY,
        parties=STATES,
        concluded=D(2025, 10, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(3, target=TREATY),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(
                effective=ta.NthDayAfter(30), withdrawal=ta.AfterPeriod(ta.Period(years=1))
            ),
        ),
    )
    return ta.Dataset(
        parties=tuple(ta.Party(id=p, name=p) for p in STATES),
        agreements=(treaty,),
        events=(
            act(EK.DEPOSIT, "ARC", D(2025, 11, 3)),
            act(EK.DEPOSIT, "BOR", D(2025, 12, 1)),
            act(EK.WITHDRAWAL, "BOR", D(2026, 1, 5)),
            act(EK.DEPOSIT, "COR", D(2026, 1, 15)),
            act(EK.DEPOSIT, "DEL", D(2026, 1, 15)),
            act(EK.DEPOSIT, "ESS", D(2026, 3, 2)),
            act(EK.WITHDRAWAL, "ARC", D(2026, 6, 30)),
        ),
    )


def render(day: dt.date) -> str:
    return ta.render_text(ta.evaluate(convention(), day))


def test_waiting_with_a_date_fixed() -> None:
    """After the third deposit: the scheduled date, the count, and each party's own date.

    This is the example of the command-line reference.
    """
    assert render(D(2026, 1, 20)) == (
        "As of 2026-01-20\n"
        "\n"
        "customs-convention: Regional Customs Cooperation Convention\n"
        "  status: awaiting entry into force (concluded, not yet in force; waiting for date "
        "2026-02-14 reached (on the 30th day after 2026-01-15))\n"
        "  in force: no\n"
        "  scheduled entry into force: 2026-02-14\n"
        "  progress: at least 3 deposits for customs-convention: 3 of 3\n"
        "  missing: date 2026-02-14 reached (on the 30th day after 2026-01-15)\n"
        "  parties:\n"
        "  - ARC: pending, instrument 2025-11-03, entry into force 2026-02-14\n"
        "  - BOR: withdrawn, instrument 2025-12-01, withdrawal effective 2026-01-05\n"
        "  - COR: pending, instrument 2026-01-15, entry into force 2026-02-14\n"
        "  - DEL: pending, instrument 2026-01-15, entry into force 2026-02-14\n"
        "  - ESS: not bound\n"
    )


def test_waiting_for_more_instruments() -> None:
    """Before the threshold: progress with what is still needed, no date yet."""
    text = render(D(2025, 12, 1))
    assert "  progress: at least 3 deposits for customs-convention: 2 of 3, 1 more needed\n" in text
    assert "scheduled entry into force" not in text
    assert "  - ARC: not bound, instrument 2025-11-03\n" in text


def test_in_force_with_a_late_party_and_a_notice_of_withdrawal() -> None:
    """In force: no schedule nor progress lines; each party's own dates are listed."""
    march = render(D(2026, 3, 10))
    assert "scheduled entry into force" not in march
    assert "progress:" not in march
    assert "  - ESS: pending, instrument 2026-03-02, entry into force 2026-04-01\n" in march
    july = render(D(2026, 7, 1))
    assert (
        "  - ARC: bound, instrument 2025-11-03, entry into force 2026-02-14, "
        "withdrawal effective 2027-06-30\n"
    ) in july
    assert "  - ESS: bound, instrument 2026-03-02, entry into force 2026-04-01\n" in july


def test_us_china_shows_no_party_list_nor_progress() -> None:
    """Bilateral agreements whose parties follow the agreement show no new sections."""
    dataset = ta.example_dataset()
    for day in (D(2025, 5, 12), D(2025, 6, 12), D(2025, 6, 28), D(2026, 3, 1), D(2026, 11, 10)):
        report = ta.evaluate(dataset, day)
        text = ta.render_text(report, explain=True)
        assert "  parties:" not in text
        assert "  progress:" not in text
        for agreement in report.agreements:
            line = f"  scheduled entry into force: {agreement.scheduled_entry_into_force}"
            assert (line in text) is (agreement.scheduled_entry_into_force is not None)


def test_geneva_before_its_date() -> None:
    """Concluded on 12 May 2025, in force on the 14th: the report gives that date."""
    text = ta.render_text(
        ta.evaluate(ta.example_dataset(), D(2025, 5, 12), agreements=["geneva-2025"])
    )
    assert text.splitlines()[2:7] == [
        "geneva-2025: Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
        "  status: awaiting entry into force (concluded, not yet in force; waiting for date "
        "2025-05-14 reached)",
        "  in force: no",
        "  scheduled entry into force: 2025-05-14",
        "  missing: date 2025-05-14 reached",
    ]


def _report(agreement: ta.AgreementReport) -> ta.Report:
    return ta.Report(as_of=D(2026, 1, 1), agreements=(agreement,))


def _agreement(**changes: object) -> ta.AgreementReport:
    fields: dict[str, object] = {
        "id": "x",
        "title": "X",
        "status": ta.AgreementStatus.IN_FORCE,
        "in_force": ta.Truth.TRUE,
        "in_force_since": D(2025, 1, 1),
        "entered_into_force": D(2025, 1, 1),
        "rule": "in-force",
        "reason": "in force since 2025-01-01",
        "explanation": ta.Explanation(label="x"),
    }
    fields.update(changes)
    return ta.AgreementReport(**fields)  # type: ignore[arg-type]


def test_rendering_reads_the_report_only() -> None:
    """A report made by hand renders: a party that left is listed, the others too."""
    bound = ta.PartyReport(
        party="AAA",
        status=ta.PartyStatus.BOUND,
        bound=ta.Truth.TRUE,
        since=D(2025, 1, 1),
        entry_into_force=D(2025, 1, 1),
    )
    left = ta.PartyReport(
        party="BBB",
        status=ta.PartyStatus.WITHDRAWN,
        bound=ta.Truth.FALSE,
        since=D(2025, 6, 1),
        entry_into_force=D(2025, 1, 1),
        withdrawal_effective=D(2025, 6, 1),
    )
    text = ta.render_text(_report(_agreement(parties=(bound, left))))
    assert text.endswith(
        "  parties:\n"
        "  - AAA: bound, entry into force 2025-01-01\n"
        "  - BBB: withdrawn, entry into force 2025-01-01, withdrawal effective 2025-06-01\n"
    )
    # Every party bound from the agreement's own entry into force: nothing to add.
    assert "parties:" not in ta.render_text(_report(_agreement(parties=(bound,))))


def test_weighted_progress_is_exact() -> None:
    """A weighted share shows exact weights."""
    progress = ta.Progress(
        condition="deposits for k by parties holding at least 55% of the weight (total 62)",
        path="entry_into_force.when",
        unit="weight",
        met=ta.Truth.FALSE,
        have=Fraction(361, 10),
        unknown=Fraction(0),
        required=Fraction(341, 10),
        still_needed=Fraction(0),
    )
    waiting = _agreement(
        status=ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE,
        in_force=ta.Truth.FALSE,
        in_force_since=None,
        entered_into_force=None,
        scheduled_entry_into_force=D(2026, 2, 1),
        progress=(progress,),
    )
    lines = ta.render_text(_report(waiting)).splitlines()
    assert lines[5:7] == [
        "  scheduled entry into force: 2026-02-01",
        "  progress: deposits for k by parties holding at least 55% of the weight (total 62): "
        "weight 36.1 of 34.1",
    ]
