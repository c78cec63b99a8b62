"""A multilateral treaty that enters into force after a threshold of ratifications.

The clauses modelled here are common ones:

    Article 20. 1. This Convention shall enter into force on the thirtieth day after
    the date of deposit of the third instrument of ratification, acceptance or approval.
    2. For each State depositing its instrument after the deposit of the third
    instrument, the Convention shall enter into force on the thirtieth day after the
    deposit by that State of its instrument.

    Article 22. A Party may withdraw by notification to the depositary. Withdrawal
    takes effect one year after the date of the notification.

Paragraph 1 is ``InstrumentCount(3, ...)`` wrapped in the clause's ``NthDayAfter(30)``;
paragraph 2 and Article 22 are a ``PartyEntry``. The parties are fictional; the dates
are chosen to be easy to check.

Run with:  python examples/multilateral_threshold.py
"""

from __future__ import annotations

import datetime as dt

import attrs

import tradeaccord as ta

D = dt.date
TREATY = "customs-convention"

SIGNATORIES = {
    "ARC": "Republic of Arcadia",
    "BOR": "Kingdom of Borealia",
    "COR": "Corvinian Federation",
    "DEL": "Republic of Delmora",
    "ESS": "Essenland",
}

# Deposits of instruments of ratification, in date order.
DEPOSITS = {
    "ARC": D(2024, 5, 2),
    "BOR": D(2024, 9, 30),
    "COR": D(2025, 1, 15),  # the third deposit: entry into force 30 days later
    "DEL": D(2025, 2, 1),  # after the third: bound 30 days after its own deposit
    "ESS": D(2025, 6, 20),  # after entry into force: likewise
}
WITHDRAWAL = ("BOR", D(2025, 9, 1))  # notice of withdrawal: effective one year later


def build() -> ta.Dataset:
    treaty = ta.Agreement(
        id=TREATY,
        title="Regional Customs Cooperation Convention",
        kind=ta.AgreementKind.TREATY,
        parties=tuple(SIGNATORIES),
        concluded=D(2024, 3, 1),
        entry_into_force=ta.EntryIntoForce(
            when=ta.InstrumentCount(3, target=TREATY),
            effective=ta.NthDayAfter(30),
            per_party=ta.PartyEntry(
                effective=ta.NthDayAfter(30),
                withdrawal=ta.AfterPeriod(ta.Period(years=1)),
            ),
        ),
    )
    events = [
        ta.Event(
            id=f"deposit-{party.lower()}",
            date=day,
            kind=ta.EventKind.DEPOSIT,
            party=party,
            target=TREATY,
            summary=f"{SIGNATORIES[party]} deposits its instrument of ratification.",
        )
        for party, day in DEPOSITS.items()
    ]
    party, day = WITHDRAWAL
    events.append(
        ta.Event(
            id=f"withdrawal-{party.lower()}",
            date=day,
            kind=ta.EventKind.WITHDRAWAL,
            party=party,
            target=TREATY,
            summary=f"{SIGNATORIES[party]} notifies its withdrawal from the Convention.",
        )
    )
    return ta.Dataset(
        title="A threshold clause",
        parties=tuple(ta.Party(id=p, name=n) for p, n in SIGNATORIES.items()),
        agreements=(treaty,),
        events=tuple(events),
    )


def main() -> None:
    data = build()

    print("Deposits of instruments of ratification")
    for party, day in DEPOSITS.items():
        print(f"  {day}  {SIGNATORIES[party]}")
    print()

    days = (
        D(2024, 3, 1),
        D(2024, 12, 31),
        D(2025, 1, 15),
        D(2025, 2, 13),
        D(2025, 2, 14),
        D(2025, 3, 3),
        D(2025, 7, 1),
        D(2026, 9, 1),
    )
    print(f"{'as of':<12}{'count':<8}{'status':<28}{'in force':<10}{'scheduled':<12}parties bound")
    rows: dict[dt.date, ta.AgreementReport] = {}
    for day in days:
        report = ta.evaluate(data, day).agreement(TREATY)
        rows[day] = report
        [progress] = report.progress
        bound = ", ".join(p.party for p in report.parties if p.status is ta.PartyStatus.BOUND)
        scheduled = str(report.scheduled_entry_into_force or "-")
        print(
            f"{day.isoformat():<12}{progress.have!s:<8}{report.status.value:<28}"
            f"{report.in_force.value:<10}{scheduled:<12}{bound or '-'}"
        )
    print()
    print(ta.render_text(ta.evaluate(data, D(2025, 7, 1))))

    # Before the third deposit: one more instrument, then 30 days.
    waiting = rows[D(2024, 12, 31)]
    assert waiting.status is ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert waiting.missing_descriptions() == (
        "1 more towards at least 3 deposits for customs-convention (have 2 of 3); "
        "not yet: COR, DEL, ESS",
        "then on the 30th day after that day",
    )
    # After it, one way: wait for the 30th day after 15 January, which is 14 February.
    assert rows[D(2025, 1, 15)].missing_descriptions() == (
        "date 2025-02-14 reached (on the 30th day after 2025-01-15)",
    )
    assert rows[D(2025, 1, 15)].scheduled_entry_into_force == D(2025, 2, 14)
    assert rows[D(2025, 2, 13)].in_force is ta.Truth.FALSE
    assert rows[D(2025, 2, 14)].in_force_since == D(2025, 2, 14)
    history = ta.in_force_timeline(data, TREATY)
    assert history.steps == ((D(2025, 2, 14), ta.Truth.TRUE),)

    # The original parties (instrument standing on 15 January) are bound from
    # 14 February. Delmora deposited on 1 February, after the third deposit: it is
    # bound from the 30th day after its own deposit, 3 March (1 February is day 0,
    # 28 February day 27).
    february = rows[D(2025, 2, 14)]
    assert [p.party for p in february.parties if p.status is ta.PartyStatus.BOUND] == [
        "ARC",
        "BOR",
        "COR",
    ]
    delmora = february.party("DEL")
    assert delmora.status is ta.PartyStatus.PENDING
    assert delmora.entry_into_force == DEPOSITS["DEL"] + dt.timedelta(days=30) == D(2025, 3, 3)
    assert rows[D(2025, 3, 3)].party("DEL").status is ta.PartyStatus.BOUND

    # Essenland deposited on 20 June, after entry into force: bound from 20 July.
    july = rows[D(2025, 7, 1)]
    assert july.party("ESS").status is ta.PartyStatus.PENDING
    assert july.party("ESS").entry_into_force == D(2025, 7, 20)

    # Borealia's notice of 1 September 2025 takes effect one year later.
    notice = ta.evaluate(data, D(2025, 9, 2)).agreement(TREATY).party("BOR")
    assert notice.status is ta.PartyStatus.BOUND
    assert notice.withdrawal_effective == D(2026, 9, 1)
    assert ta.evaluate(data, D(2026, 8, 31)).agreement(TREATY).party("BOR").status is (
        ta.PartyStatus.BOUND
    )
    assert rows[D(2026, 9, 1)].party("BOR").status is ta.PartyStatus.WITHDRAWN
    assert rows[D(2026, 9, 1)].in_force is ta.Truth.TRUE  # the Convention stays in force

    # If the third deposit were only weakly reported, the count would be UNKNOWN from
    # 15 January and certain from Delmora's established deposit on 1 February:
    # entry into force UNKNOWN from 14 February, certain from 3 March.
    third = data.event("deposit-cor")
    weak = data.without_events(third.id).with_events(
        attrs.evolve(third, confidence=ta.Confidence.LOW)
    )
    weak_history = ta.in_force_timeline(weak, TREATY)
    print("If the third deposit were only weakly reported:")
    for day, value in weak_history.steps:
        print(f"  from {day}: {value.value}")
    assert weak_history.steps == (
        (D(2025, 2, 14), ta.Truth.UNKNOWN),
        (D(2025, 3, 3), ta.Truth.TRUE),
    )


if __name__ == "__main__":
    main()
