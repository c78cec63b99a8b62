"""Whole histories: every status of every agreement, party and commitment, once.

Builds one History of the embedded US-China dataset and prints how the London
framework, its parties and its commitments changed between 24 June and 2 July 2025;
then follows a multilateral convention in which a late party is bound on its own date,
and asks the history about many days without evaluating any of them again.

Run with:  python examples/history.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tradeaccord as ta
from tradeaccord.serialization import load_dataset

D = dt.date
DATA = Path(__file__).resolve().parent / "data"


def london() -> None:
    history = ta.History(ta.example_dataset())
    print(ta.render_history(history, agreements=["london-2025"]))
    print("What changed from 24 June to 2 July 2025:")
    for change in history.changes(D(2025, 6, 24), D(2025, 7, 2)):
        print(" ", change.describe())
    print()

    statuses = history.agreement("london-2025")
    assert [(i.status.value, i.start) for i in statuses.intervals] == [
        ("not_concluded", None),
        ("awaiting_entry_into_force", D(2025, 6, 10)),
        ("awaiting_entry_into_force", D(2025, 6, 11)),  # the "deal is done" claims, unconfirmed
        ("awaiting_entry_into_force", D(2025, 6, 25)),
        ("in_force", D(2025, 6, 27)),
    ]
    rollback = history.commitment("london-2025/us-rollback-export-restrictions")
    assert [i.status.value for i in rollback.intervals] == ["conditional", "active", "performed"]
    assert rollback.at(D(2025, 7, 2)).citations()[0].event == "2025-07-02-us-lifts-eda-ethane"


def convention() -> None:
    data = load_dataset(DATA / "regional-convention.toml")
    history = ta.History(data)
    treaty = data.agreements[0].id
    print(ta.render_history(history, agreements=[treaty]))

    # Every party's position, looked up on the first day of each month of 2026.
    days = [D(2026, month, 1) for month in range(1, 13)]
    for party in history.parties(treaty):
        statuses = history.party(treaty, party)
        line = " ".join(f"{statuses.status_at(day).value[:7]:8}" for day in days)
        print(f"{party:5} {line}")
        for day in days:
            assert statuses.status_at(day) is history.at(day).agreement(treaty).party(party).status


def main() -> None:
    london()
    convention()


if __name__ == "__main__":
    main()
