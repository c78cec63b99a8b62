"""The Geneva tariff suspension, with and without the recorded extensions.

In Geneva (May 2025) the United States suspended 24 of its 34 additional percentage
points on Chinese goods for an initial 90 days from 14 May 2025. The suspension was
extended on 11 August 2025 (to 10 November 2025) and on 4 November 2025 (to
10 November 2026). This script removes those extension events from the embedded
dataset and compares the status of the commitment on a few dates.

The Supreme Court's ruling of 20 February 2026 (an INVALIDATION of the tariff) ended
the suspension before its extended term ran out; to compare the terms alone, the
ruling is left out of every scenario.

Run with:  python examples/what_if_extension.py
"""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta

COMMITMENT = "geneva-2025/us-suspend-24-points"
FIRST_EXTENSION = "2025-08-11-us-extension"
SECOND_EXTENSION = "2025-11-04-us-extension"
RULING = "2026-02-20-scotus-ieepa-reciprocal"

DAYS = (
    dt.date(2025, 8, 11),
    dt.date(2025, 8, 12),
    dt.date(2025, 11, 9),
    dt.date(2025, 11, 10),
    dt.date(2026, 11, 9),
    dt.date(2026, 11, 10),
)


def status(data: ta.Dataset, day: dt.date) -> ta.CommitmentReport:
    return (
        ta.evaluate(data, day, agreements=["geneva-2025"])
        .agreement("geneva-2025")
        .commitment(COMMITMENT)
    )


def main() -> None:
    data = ta.example_dataset().without_events(RULING)
    scenarios = {
        "as recorded": data,
        "no extension at all": data.without_events(FIRST_EXTENSION, SECOND_EXTENSION),
        "only the November one": data.without_events(FIRST_EXTENSION),
    }

    print(f"{COMMITMENT}: {data.commitment(COMMITMENT).summary}")
    print()
    header = (f"{'day':<12}" + "".join(f"{name:<26}" for name in scenarios)).rstrip()
    print(header)
    print("-" * len(header))
    table: dict[str, dict[dt.date, ta.CommitmentReport]] = {name: {} for name in scenarios}
    for day in DAYS:
        cells = []
        for name, dataset in scenarios.items():
            report = status(dataset, day)
            table[name][day] = report
            cells.append(f"{report.status.value} (since {report.since})")
        print((f"{day.isoformat():<12}" + "".join(f"{cell:<26}" for cell in cells)).rstrip())

    ACTIVE, ENDED = ta.CommitmentStatus.ACTIVE, ta.CommitmentStatus.ENDED

    # As recorded: active until the first day after the last extension's end.
    recorded = table["as recorded"]
    assert all(recorded[day].status is ACTIVE for day in DAYS[:-1])
    assert recorded[dt.date(2026, 11, 10)].status is ENDED

    # Without any extension: the 90-day term from 14 May ends on 12 August.
    none = table["no extension at all"]
    assert none[dt.date(2025, 8, 11)].status is ACTIVE
    assert none[dt.date(2025, 8, 12)].status is ENDED
    assert none[dt.date(2025, 8, 12)].reason == "its term ran out on 2025-08-12"
    assert none[dt.date(2026, 11, 9)].status is ENDED

    # Only the November extension: ended on 12 August; the extension recorded on
    # 4 November brings the suspension back from that day until 10 November 2026.
    november = table["only the November one"]
    assert november[dt.date(2025, 8, 12)].status is ENDED
    assert november[dt.date(2025, 11, 9)].status is ACTIVE
    assert november[dt.date(2025, 11, 9)].since == dt.date(2025, 11, 4)
    assert november[dt.date(2026, 11, 10)].status is ENDED

    print()
    print("Without the 11 August 2025 extension the suspension would have ended on 2025-08-12,")
    print("90 days after it started on 2025-05-14.")

    # As recorded, with the ruling: the suspension ends on 2026-02-20.
    ruled = status(ta.example_dataset(), dt.date(2026, 11, 9))
    assert ruled.status is ENDED and ruled.since == dt.date(2026, 2, 20)
    print(f"With the Supreme Court's ruling it ended on {ruled.since}: {ruled.reason}.")


if __name__ == "__main__":
    main()
