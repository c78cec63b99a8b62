"""Provisional application: commitments that bind before entry into force.

A fictional free-trade agreement between Arcadia and Borealia:

    Article 30. This Agreement shall enter into force on the thirtieth day after the
    date of the later of the notifications by which the Parties inform each other of
    the completion of their internal procedures.

    Article 31. 1. The Parties shall apply this Agreement provisionally from the date
    of its signature, for a period of one year, which the Joint Committee may extend.
    2. Provisional application ends on the entry into force of this Agreement, or when
    a Party notifies the other of its intention not to become a party to it.

Three scenarios are compared over time: the facts as recorded (an extension by the
Joint Committee, then entry into force), the same without the extension (a gap between
the sunset and entry into force), and a notice by Borealia that it will not become a
party (which ends provisional application; recorded as a TERMINATION of it), after
which the Agreement never enters into force.

Run with:  python examples/provisional_application.py
"""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta

D = dt.date
EK = ta.EventKind
FTA = "arc-bor-fta"
PROVISIONAL = f"{FTA}/provisional"
WINE = f"{FTA}/arc-suspend-wine-duty"
EXTENSION = "extension-joint-2027-02-26"
BOR_NOTIFICATION = "notification-bor-2027-04-20"


def both(kind: ta.EventKind) -> ta.AllOf:
    return ta.Occurred(kind, party="ARC", target=FTA) & ta.Occurred(kind, party="BOR", target=FTA)


def act(
    kind: ta.EventKind, party: str | None, day: dt.date, summary: str, **kw: object
) -> ta.Event:
    """An event about the agreement (or, with ``target=``, about something else)."""
    fields: dict[str, object] = {"target": FTA, **kw}
    return ta.Event(
        id=f"{kind.value}-{(party or 'joint').lower()}-{day.isoformat()}",
        date=day,
        kind=kind,
        party=party,
        summary=summary,
        **fields,  # type: ignore[arg-type]
    )


def build() -> ta.Dataset:
    agreement = ta.Agreement(
        id=FTA,
        title="Arcadia-Borealia Free Trade Agreement",
        kind=ta.AgreementKind.TREATY,
        parties=("ARC", "BOR"),
        concluded=D(2026, 3, 16),
        entry_into_force=ta.EntryIntoForce(
            when=both(EK.NOTIFICATION), effective=ta.NthDayAfter(30)
        ),
        provisional_application=ta.ProvisionalApplication(
            id=PROVISIONAL,
            start=both(EK.SIGNATURE),
            term=ta.Term(period=ta.Period(years=1)),
        ),
        commitments=(
            ta.Commitment(
                id=WINE,
                by="ARC",
                action=ta.Action.SUSPEND,
                measure="arc-wine-duty",
                beneficiary="BOR",
                summary="Arcadia suspends its duty on wine from Borealia.",
            ),
        ),
    )
    return ta.Dataset(
        title="Provisional application",
        parties=(
            ta.Party(id="ARC", name="Republic of Arcadia"),
            ta.Party(id="BOR", name="Kingdom of Borealia"),
        ),
        measures=(
            ta.Measure(
                id="arc-wine-duty",
                name="Arcadian duty on wine",
                imposed_by="ARC",
                kind=ta.MeasureKind.TARIFF,
            ),
        ),
        agreements=(agreement,),
        events=(
            act(EK.SIGNATURE, "ARC", D(2026, 3, 16), "Arcadia signs."),
            act(EK.SIGNATURE, "BOR", D(2026, 3, 16), "Borealia signs."),
            act(EK.NOTIFICATION, "ARC", D(2026, 11, 2), "Arcadia notifies."),
            act(
                EK.EXTENSION,
                None,
                D(2027, 2, 26),
                "Joint Committee Decision 1/2027: provisional application until 2027-09-15.",
                target=PROVISIONAL,
                ends_on=D(2027, 9, 16),
            ),
            act(EK.NOTIFICATION, "BOR", D(2027, 4, 20), "Borealia notifies."),
        ),
    )


def main() -> None:
    data = build()
    scenarios = {
        "as recorded": data,
        "no extension": data.without_events(EXTENSION),
        "Borealia's notice": data.without_events(BOR_NOTIFICATION).with_events(
            act(
                EK.TERMINATION,
                "BOR",
                D(2026, 10, 5),
                "Borealia notifies its intention not to become a party.",
                target=PROVISIONAL,
            )
        ),
    }
    days = (
        D(2026, 3, 15),
        D(2026, 3, 16),
        D(2026, 10, 5),
        D(2027, 3, 16),
        D(2027, 5, 19),
        D(2027, 5, 20),
    )
    table: dict[str, dict[dt.date, ta.AgreementReport]] = {name: {} for name in scenarios}
    header = f"{'as of':<12}" + "".join(f"{name:<44}" for name in scenarios)
    print(header.rstrip())
    print("-" * len(header.rstrip()))
    for day in days:
        cells = []
        for name, dataset in scenarios.items():
            report = ta.evaluate(dataset, day).agreement(FTA)
            table[name][day] = report
            cells.append(f"{report.status.value}, wine duty {report.commitment(WINE).status.value}")
        print((f"{day.isoformat():<12}" + "".join(f"{c:<44}" for c in cells)).rstrip())
    print()
    print(ta.render_text(ta.evaluate(data, D(2027, 4, 1)), explain=True))

    PA, IN_FORCE = ta.AgreementStatus.PROVISIONALLY_APPLIED, ta.AgreementStatus.IN_FORCE
    AWAITING = ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    ACTIVE, ENDED = ta.CommitmentStatus.ACTIVE, ta.CommitmentStatus.ENDED

    # As recorded: applied from signature, the one-year term (to 2027-03-16) extended
    # to 2027-09-16; entry into force on the 30th day after 20 April 2027, 20 May.
    recorded = table["as recorded"]
    assert recorded[D(2026, 3, 15)].status is ta.AgreementStatus.NOT_CONCLUDED
    assert recorded[D(2026, 3, 16)].status is PA
    assert recorded[D(2026, 3, 16)].in_force is ta.Truth.FALSE
    assert recorded[D(2026, 3, 16)].commitment(WINE).status is ACTIVE
    assert recorded[D(2027, 3, 16)].status is PA
    assert recorded[D(2027, 5, 19)].scheduled_entry_into_force == D(2027, 5, 20)
    assert recorded[D(2027, 5, 20)].status is IN_FORCE
    assert recorded[D(2027, 5, 20)].commitment(WINE).since == D(2026, 3, 16)

    # Without the extension: the term ends on 2027-03-16, and the commitment with it,
    # until entry into force.
    lapsed = table["no extension"]
    assert lapsed[D(2027, 3, 16)].status is AWAITING
    assert lapsed[D(2027, 3, 16)].commitment(WINE).status is ENDED
    assert lapsed[D(2027, 5, 20)].status is IN_FORCE
    assert lapsed[D(2027, 5, 20)].commitment(WINE).status is ACTIVE
    assert lapsed[D(2027, 5, 20)].commitment(WINE).since == D(2027, 5, 20)

    # Borealia's notice ends provisional application the day it is given.
    notice = table["Borealia's notice"]
    assert notice[D(2026, 10, 5)].status is AWAITING
    assert notice[D(2026, 10, 5)].commitment(WINE).status is ENDED
    assert notice[D(2027, 5, 20)].status is AWAITING


if __name__ == "__main__":
    main()
