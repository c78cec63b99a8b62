"""A rule of your own: flag agreements whose measures a court has ruled on.

On 20 February 2026 the US Supreme Court held that IEEPA does not authorise tariffs.
The embedded dataset records the ruling as COURT_RULING events about the two IEEPA
tariff measures, but the default rules derive nothing from court rulings. This script
adds two rules, without touching the engine:

* an agreement rule, placed before "in-force", that reports an agreement as suspended
  (pending review) from the day a court rules on a measure one of its commitments is
  about;
* a commitment rule, placed before "active", that reports a commitment about such a
  measure as ended.

Run with:  python examples/custom_rule.py
"""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta

TRUE = ta.Truth.TRUE


def court_ruling(ctx: ta.AgreementContext) -> ta.Finding[ta.AgreementStatus] | None:
    """Suspended, pending review, once a court has ruled on one of its measures."""
    measures = sorted({c.measure for c in ctx.agreement.commitments if c.measure is not None})
    if not measures or ctx.timelines.entered.at(ctx.as_of) is not TRUE:
        return None
    ruled = ta.AnyOf(*(ta.Occurred(ta.EventKind.COURT_RULING, target=m) for m in measures))
    why = ctx.explain(ruled)
    if why.value is not TRUE:
        return None
    return ta.Finding(
        status=ta.AgreementStatus.SUSPENDED,
        reason=f"under review: a court ruled on one of its measures on {why.since}",
        since=why.since,
        explanation=(why,),
    )


def measure_struck_down(ctx: ta.CommitmentContext) -> ta.Finding[ta.CommitmentStatus] | None:
    """Ended: a court has ruled on the measure the commitment is about."""
    measure = ctx.commitment.measure
    if measure is None or ctx.timelines.active.at(ctx.as_of) is not TRUE:
        return None
    why = ctx.explain(ta.Occurred(ta.EventKind.COURT_RULING, target=measure))
    if why.value is not TRUE:
        return None
    return ta.Finding(
        status=ta.CommitmentStatus.ENDED,
        reason=f"a court ruled on {measure} on {why.since}",
        since=why.since,
        explanation=(why,),
    )


RULES = (
    ta.RuleSet.default()
    .with_agreement_rule(
        ta.Rule(name="court-ruling", summary=court_ruling.__doc__ or "", check=court_ruling),
        before="in-force",
    )
    .with_commitment_rule(
        ta.Rule(name="measure-struck-down", summary=measure_struck_down.__doc__ or "", check=measure_struck_down),
        before="active",
    )
)


def main() -> None:
    data = ta.example_dataset()
    print("Agreement rules:", ", ".join(RULES.agreement_names()))
    print("Commitment rules:", ", ".join(RULES.commitment_names()))
    print()

    days = (dt.date(2026, 2, 19), dt.date(2026, 2, 20), dt.date(2026, 3, 1))
    print(f"{'as of':<12}{'agreement':<16}{'default rules':<16}{'with the new rules'}")
    for day in days:
        default = ta.evaluate(data, day)
        custom = ta.evaluate(data, day, rules=RULES)
        for a, b in zip(default.agreements, custom.agreements):
            print(f"{day.isoformat():<12}{a.id:<16}{a.status.value:<16}{b.status.value} (rule {b.rule})")
    print()

    report = ta.evaluate(data, dt.date(2026, 3, 1), rules=RULES, agreements=["geneva-2025"])
    print(ta.render_text(report, explain=True))

    geneva = report.agreement("geneva-2025")
    assert geneva.status is ta.AgreementStatus.SUSPENDED
    assert geneva.rule == "court-ruling"
    assert geneva.reason == "under review: a court ruled on one of its measures on 2026-02-20"
    cited = [c.event for node in geneva.explanation.walk() for c in node.citations]
    assert cited == ["2026-02-20-scotus-ieepa-reciprocal"]

    suspension = geneva.commitment("geneva-2025/us-suspend-24-points")
    assert suspension.status is ta.CommitmentStatus.ENDED
    assert suspension.rule == "measure-struck-down"
    assert suspension.since == dt.date(2026, 2, 20)

    # China's commitments concern China's own tariff: no ruling, still active.
    assert geneva.commitment("geneva-2025/cn-suspend-24-points").rule == "active"

    # The day before the ruling, and for London (whose measures no court ruled on),
    # the default rules decide.
    before = ta.evaluate(data, dt.date(2026, 2, 19), rules=RULES)
    assert before.agreement("geneva-2025").rule == "in-force"
    after = ta.evaluate(data, dt.date(2026, 3, 1), rules=RULES)
    assert after.agreement("london-2025").rule == "in-force"
    assert after.agreement("busan-2025").rule == "court-ruling"


if __name__ == "__main__":
    main()
