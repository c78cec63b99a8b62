"""Rules of your own: flag agreements and commitments touched by court rulings.

On 20 February 2026 the US Supreme Court held that IEEPA does not authorise tariffs.
The embedded dataset records the ruling as INVALIDATION events about the two IEEPA
tariff measures, and the default rules end every commitment about those measures that
day. They say nothing about the agreements themselves, and nothing at all about a
ruling that leaves a measure in place (a COURT_RULING, such as the Court of
International Trade's judgment of 28 May 2025, stayed on appeal the next day).

This script adds two rules, without touching the engine:

* an agreement rule, placed before "in-force", that reports an agreement as suspended,
  under review, from the day a measure one of its commitments is about loses its legal
  basis;
* a commitment rule, placed before "active", that keeps the default "active" finding
  but adds that the commitment's measure is contested in court.

Run with:  python examples/custom_rule.py
"""

from __future__ import annotations

import datetime as dt

import attrs

import tradeaccord as ta

TRUE = ta.Truth.TRUE
DEFAULT_ACTIVE = next(r for r in ta.RuleSet.default().commitment_rules if r.name == "active")


def under_review(ctx: ta.AgreementContext) -> ta.Finding[ta.AgreementStatus] | None:
    """Suspended, under review, once one of its measures has lost its legal basis."""
    measures = sorted({c.measure for c in ctx.agreement.commitments if c.measure is not None})
    if not measures or ctx.timelines.entered.at(ctx.as_of) is not TRUE:
        return None
    invalidated = ta.AnyOf(*(ta.Occurred(ta.EventKind.INVALIDATION, target=m) for m in measures))
    why = ctx.explain(invalidated)
    if why.value is not TRUE:
        return None
    return ta.Finding(
        status=ta.AgreementStatus.SUSPENDED,
        reason=f"under review: one of its measures lost its legal basis on {why.since}",
        since=why.since,
        explanation=(why,),
    )


def contested(ctx: ta.CommitmentContext) -> ta.Finding[ta.CommitmentStatus] | None:
    """Active, and a court has ruled on its measure without removing its legal basis."""
    found = DEFAULT_ACTIVE.check(ctx)
    if found is None or ctx.commitment.measure is None:
        return None
    why = ctx.explain(ta.Occurred(ta.EventKind.COURT_RULING, target=ctx.commitment.measure))
    if why.value is not TRUE:
        return None
    return attrs.evolve(
        found,
        reason=f"{found.reason}; contested: a court ruled on {ctx.commitment.measure} on {why.since}",
        explanation=(*found.explanation, why),
    )


RULES = (
    ta.RuleSet.default()
    .with_agreement_rule(
        ta.Rule(name="under-review", summary=under_review.__doc__ or "", check=under_review),
        before="in-force",
    )
    .with_commitment_rule(
        ta.Rule(name="contested", summary=contested.__doc__ or "", check=contested),
        before="active",
    )
)


def with_trade_court_ruling(data: ta.Dataset) -> ta.Dataset:
    """The dataset plus the Court of International Trade's ruling of 28 May 2025."""
    source = ta.Source(
        id="cit-vos-selections",
        publisher="U.S. Court of International Trade",
        kind=ta.SourceKind.OFFICIAL_TEXT,
        title="V.O.S. Selections, Inc. v. United States",
        published=dt.date(2025, 5, 28),
    )
    ruling = ta.Event(
        id="2025-05-28-cit-ieepa",
        date=dt.date(2025, 5, 28),
        kind=ta.EventKind.COURT_RULING,
        party="USA",
        target="us-reciprocal-tariff-cn",
        summary="The Court of International Trade holds the IEEPA tariffs unlawful.",
        sources=(source.id,),
        notes="Stayed by the Court of Appeals for the Federal Circuit on 2025-05-29.",
    )
    return attrs.evolve(data, sources=(*data.sources, source), events=(*data.events, ruling))


def main() -> None:
    data = with_trade_court_ruling(ta.example_dataset())
    print("Agreement rules:", ", ".join(RULES.agreement_names()))
    print("Commitment rules:", ", ".join(RULES.commitment_names()))
    print()

    suspension = "geneva-2025/us-suspend-24-points"
    days = (dt.date(2025, 5, 27), dt.date(2025, 6, 1), dt.date(2026, 2, 19), dt.date(2026, 2, 20))
    print(f"{suspension} and its agreement")
    print(f"{'as of':<12}{'default rules':<44}with the new rules")
    for day in days:
        cells = []
        for rules in (None, RULES):
            geneva = ta.evaluate(data, day, rules=rules).agreement("geneva-2025")
            commitment = geneva.commitment(suspension)
            cells.append(
                f"{geneva.status.value} ({geneva.rule}), {commitment.status.value} ({commitment.rule})"
            )
        print(f"{day.isoformat():<12}{cells[0]:<44}{cells[1]}")
    print()

    june = ta.evaluate(data, dt.date(2025, 6, 1), rules=RULES, agreements=["geneva-2025"])
    print(f"On 2025-06-01, {suspension}:")
    print(f"  {june.agreement('geneva-2025').commitment(suspension).reason}")
    print()
    report = ta.evaluate(data, dt.date(2026, 3, 1), rules=RULES, agreements=["geneva-2025"])
    print(ta.render_text(report, explain=True))

    # A ruling stayed on appeal changes nothing by itself; the new rule says so.
    before = june.agreement("geneva-2025").commitment(suspension)
    assert before.status is ta.CommitmentStatus.ACTIVE
    assert before.rule == "contested"
    assert before.reason == (
        "active since 2025-05-14; contested: a court ruled on us-reciprocal-tariff-cn on 2025-05-28"
    )
    assert (
        ta.evaluate(data, dt.date(2025, 6, 1)).agreement("geneva-2025").commitment(suspension).rule
        == "active"
    )

    # The Supreme Court's ruling removes the legal basis: the default "ended" rule
    # decides the commitment, the new "under-review" rule decides the agreement.
    geneva = report.agreement("geneva-2025")
    assert geneva.status is ta.AgreementStatus.SUSPENDED
    assert geneva.rule == "under-review"
    assert geneva.reason == "under review: one of its measures lost its legal basis on 2026-02-20"
    cited = [c.event for node in geneva.explanation.walk() for c in node.citations]
    assert cited == ["2026-02-20-scotus-ieepa-reciprocal"]
    ended = geneva.commitment(suspension)
    assert (ended.status, ended.rule, ended.since) == (
        ta.CommitmentStatus.ENDED,
        "ended",
        dt.date(2026, 2, 20),
    )
    assert ended.reason == "the legal basis of us-reciprocal-tariff-cn was removed on 2026-02-20"

    # China's commitments concern China's own tariff: no ruling, still active.
    assert geneva.commitment("geneva-2025/cn-suspend-24-points").rule == "active"

    # The day before the ruling, and for London (whose measures no court ruled on),
    # the default rules decide. Busan is flagged through the fentanyl tariff, whose
    # reduction stays performed.
    assert ta.evaluate(data, dt.date(2026, 2, 19), rules=RULES).agreement("geneva-2025").rule == (
        "in-force"
    )
    after = ta.evaluate(data, dt.date(2026, 3, 1), rules=RULES)
    assert after.agreement("london-2025").rule == "in-force"
    busan = after.agreement("busan-2025")
    assert busan.rule == "under-review"
    assert busan.commitment("busan-2025/us-reduce-fentanyl-tariff").status is (
        ta.CommitmentStatus.PERFORMED
    )


if __name__ == "__main__":
    main()
