"""The London framework of June 2025: waiting for two approvals, then in force.

Evaluates the embedded US-China dataset on 12 June 2025 (after the talks, before
either approval) and on 28 June 2025 (after both), and prints what changed.

Run with:  python examples/london_framework.py
"""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta

LONDON = "london-2025"


def main() -> None:
    data = ta.example_dataset()

    before = ta.evaluate(data, dt.date(2025, 6, 12), agreements=[LONDON])
    after = ta.evaluate(data, dt.date(2025, 6, 28), agreements=[LONDON])

    print(ta.render_text(before))
    print(ta.render_text(after, explain=True))

    waiting = before.agreement(LONDON)
    assert waiting.status is ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert waiting.in_force is ta.Truth.FALSE
    assert waiting.missing_descriptions() == (
        "approval of london-2025 by USA",
        "approval of london-2025 by CHN",
    )

    in_force = after.agreement(LONDON)
    assert in_force.status is ta.AgreementStatus.IN_FORCE
    assert in_force.in_force is ta.Truth.TRUE
    assert in_force.in_force_since == dt.date(2025, 6, 27)
    assert in_force.missing == ()

    # The events the answer relies on, with how each stands: the claims of 11 June
    # ("our deal with China is done", a social-media post) are cited, unconfirmed.
    cited = {c.event: c.standing for node in in_force.explanation.walk() for c in node.citations}
    assert cited == {
        "2025-06-11-deal-done-claim-usa": ta.Standing.UNCONFIRMED,
        "2025-06-25-us-approval": ta.Standing.ESTABLISHED,
        "2025-06-11-deal-done-claim-chn": ta.Standing.UNCONFIRMED,
        "2025-06-27-cn-approval": ta.Standing.ESTABLISHED,
    }

    # China's rare-earth approvals activate the US rollback, performed on 2 July.
    rollback_id = "london-2025/us-rollback-export-restrictions"
    assert waiting.commitment(rollback_id).status is ta.CommitmentStatus.CONDITIONAL
    assert in_force.commitment(rollback_id).status is ta.CommitmentStatus.ACTIVE
    later = ta.evaluate(data, dt.date(2025, 7, 3), agreements=[LONDON]).agreement(LONDON)
    assert later.commitment(rollback_id).performed_on == dt.date(2025, 7, 2)

    print("Summary")
    print(
        f"  2025-06-12: {waiting.status.value}; missing: {'; '.join(waiting.missing_descriptions())}"
    )
    print(f"  2025-06-28: {in_force.status.value} since {in_force.in_force_since}")
    print(f"  US rollback performed on {later.commitment(rollback_id).performed_on}")


if __name__ == "__main__":
    main()
