"""A multilateral treaty that enters into force after a threshold of ratifications.

The clause modelled here is a common one:

    "This Convention shall enter into force on the thirtieth day after the date of
    deposit of the third instrument of ratification, acceptance or approval."

It is written with two nodes of the condition algebra: ``AtLeast(3, ...)`` over one
``Occurred(DEPOSIT, ...)`` leaf per signatory, wrapped in ``Delay(..., NthDayAfter(30))``.
The parties are fictional; the dates are chosen to be easy to check.

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
    "DEL": D(2025, 2, 1),
}


def build() -> ta.Dataset:
    deposit_by = [ta.Occurred(ta.EventKind.DEPOSIT, party=p, target=TREATY) for p in SIGNATORIES]
    treaty = ta.Agreement(
        id=TREATY,
        title="Regional Customs Cooperation Convention",
        kind=ta.AgreementKind.TREATY,
        parties=tuple(SIGNATORIES),
        concluded=D(2024, 3, 1),
        entry_into_force=ta.EntryIntoForce(when=ta.Delay(ta.AtLeast(3, *deposit_by), ta.NthDayAfter(30))),
    )
    events = tuple(
        ta.Event(
            id=f"deposit-{party.lower()}",
            date=day,
            kind=ta.EventKind.DEPOSIT,
            party=party,
            target=TREATY,
            summary=f"{SIGNATORIES[party]} deposits its instrument of ratification.",
        )
        for party, day in DEPOSITS.items()
    )
    return ta.Dataset(
        title="A threshold clause",
        parties=tuple(ta.Party(id=p, name=n) for p, n in SIGNATORIES.items()),
        agreements=(treaty,),
        events=events,
    )


def main() -> None:
    data = build()

    print("Deposits of instruments of ratification")
    for party, day in DEPOSITS.items():
        print(f"  {day}  {SIGNATORIES[party]}")
    print()

    days = (
        D(2024, 3, 1),
        D(2024, 6, 1),
        D(2024, 12, 31),
        D(2025, 1, 15),
        D(2025, 2, 13),
        D(2025, 2, 14),
        D(2025, 6, 1),
    )
    print(f"{'as of':<12}{'deposits':<10}{'status':<28}{'in force':<10}still missing")
    rows = {}
    for day in days:
        report = ta.evaluate(data, day).agreement(TREATY)
        rows[day] = report
        deposited = sum(1 for d in DEPOSITS.values() if d <= day)
        missing = report.missing_descriptions()
        if not missing:
            still = "-"
        elif len(report.missing) == 1:
            still = "; ".join(missing)
        else:
            still = f"any {3 - deposited} more deposit(s), then 30 days ({len(report.missing)} ways)"
        print(f"{day.isoformat():<12}{deposited:<10}{report.status.value:<28}{report.in_force.value:<10}{still}")
    print()

    history = ta.in_force_timeline(data, TREATY)
    print(f"In force from {history.first(ta.Truth.TRUE)}: the 30th day after the third deposit (2025-01-15).")

    # Before the third deposit there are several ways forward: any one more deposit.
    assert rows[D(2024, 12, 31)].status is ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert rows[D(2024, 12, 31)].missing_descriptions() == (
        "either: deposit of customs-convention by COR and then on the 30th day after that day",
        "either: deposit of customs-convention by DEL and then on the 30th day after that day",
        "either: deposit of customs-convention by ESS and then on the 30th day after that day",
    )
    # After it, one way: wait for the 30th day.
    assert rows[D(2025, 1, 15)].missing_descriptions() == (
        "date 2025-02-14 reached (on the 30th day after 2025-01-15)",
    )
    assert rows[D(2025, 2, 13)].in_force is ta.Truth.FALSE
    assert rows[D(2025, 2, 14)].in_force_since == D(2025, 2, 14)
    assert history.steps == ((D(2025, 2, 14), ta.Truth.TRUE),)

    # A fourth deposit changes nothing: the clause counts from the first day three are in.
    # If the third deposit were only weakly reported, entry into force would be UNKNOWN
    # from 30 days after it, and certain from 30 days after the next established deposit
    # (Delmora's, on 1 February 2025).
    third = data.event("deposit-cor")
    weak = data.without_events(third.id).with_events(attrs.evolve(third, confidence=ta.Confidence.LOW))
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
