"""Evidence: what was known when, accounts that disagree, and the policy that weighs them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import tradeaccord as ta
from tradeaccord._cli import main
from tradeaccord.serialization import (
    dataset_from_text,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
)

D = dt.date
LONDON = "london-2025"
CLAIM_US, CLAIM_CN = "2025-06-11-deal-done-claim-usa", "2025-06-11-deal-done-claim-chn"
TRUSTING = ta.EvidencePolicy(min_source=ta.SourceKind.SOCIAL_MEDIA_POST)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def missing_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("  missing: ")]


def test_cli_known_on_the_eve_of_the_us_report_lists_both_approvals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As of 06-26 known on 06-25 both approvals are missing; known on 06-26 only China's."""
    argv = ("status", "--as-of", "2025-06-26", "--agreement", LONDON)
    code, out, err = run(capsys, *argv, "--known-on", "2025-06-25")
    assert code == 0 and err == ""
    assert missing_lines(out) == [
        f"missing: approval of {LONDON} by USA (reported but unconfirmed: {CLAIM_US})",
        f"missing: approval of {LONDON} by CHN (reported but unconfirmed: {CLAIM_CN})",
    ]
    code, out, err = run(capsys, *argv, "--known-on", "2025-06-26")
    assert code == 0 and err == ""
    assert missing_lines(out) == [
        f"missing: approval of {LONDON} by CHN (reported but unconfirmed: {CLAIM_CN})",
    ]


def test_cli_known_on_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON report names the known-on day and the needs reported but unconfirmed."""
    code, out, _ = run(
        capsys, "status", "--as-of", "2025-06-26", "--known-on", "2025-06-25", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["known_on"] == "2025-06-25"
    london = next(a for a in data["agreements"] if a["id"] == LONDON)
    assert london["unconfirmed"] == [
        {"need": f"approval of {LONDON} by USA", "reported": [CLAIM_US]},
        {"need": f"approval of {LONDON} by CHN", "reported": [CLAIM_CN]},
    ]


@pytest.mark.parametrize("command", ["history", "upcoming", "diff"])
def test_cli_known_on_on_every_question(capsys: pytest.CaptureFixture[str], command: str) -> None:
    """history, upcoming and diff take --known-on; a bad day is a usage error."""
    days = ["2025-06-20", "2025-06-30"] if command == "diff" else []
    code, _, err = run(capsys, command, *days, "--known-on", "2025-06-25")
    assert code == 0 and err == ""
    code, _, err = run(capsys, command, *days, "--known-on", "2025-02-30")
    assert code == 2 and "2025-02-30" in err


def test_diff_known_on_leaves_out_the_later_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Known on 06-25, nothing says the US approved on 06-25; known on 06-26, it does."""
    code, out, _ = run(
        capsys, "diff", "2025-06-20", "2025-06-26", "--all", "--known-on", "2025-06-25"
    )
    assert code == 0 and "2025-06-25  london-2025" not in out
    code, out, _ = run(
        capsys, "diff", "2025-06-20", "2025-06-26", "--all", "--known-on", "2025-06-26"
    )
    assert code == 0 and "2025-06-25  london-2025" in out


def test_deal_done_post_is_an_unconfirmed_claim_under_the_default_policy() -> None:
    """On 06-11 the post is cited as an unconfirmed claim; London is not in force."""
    london = ta.evaluate(ta.example_dataset(), D(2025, 6, 11)).agreement(LONDON)
    assert london.status is ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    assert london.in_force is ta.Truth.FALSE
    cited = {c.event: c for node in london.explanation.walk() for c in node.citations}
    claim = cited[CLAIM_US]
    assert claim.standing is ta.Standing.UNCONFIRMED
    assert "only truth-social-2025-06-11 (social-media post, claim)" in claim.evidence
    assert [n.kind for a in london.missing for n in a.needs] == ["confirmation", "confirmation"]
    assert [n.reported for a in london.missing for n in a.needs] == [(CLAIM_US,), (CLAIM_CN,)]


def test_a_policy_that_trusts_posts_puts_london_in_force_on_june_11() -> None:
    """Trusting social-media posts, the post establishes both approvals, and says why."""
    london = ta.evaluate(ta.example_dataset(), D(2025, 6, 11), policy=TRUSTING).agreement(LONDON)
    assert london.status is ta.AgreementStatus.IN_FORCE
    assert london.in_force_since == D(2025, 6, 11)
    cited = {c.event: c for node in london.explanation.walk() for c in node.citations}
    assert cited[CLAIM_US].standing is ta.Standing.ESTABLISHED
    assert "this policy accepts social-media posts alone" in cited[CLAIM_US].evidence
    text = ta.render_text(ta.Report(as_of=D(2025, 6, 11), agreements=(london,)), explain=True)
    assert "evidence: established by truth-social-2025-06-11" in text


def test_history_known_on_is_coherent_with_recorded_on() -> None:
    """recorded_on(d) answers with what was known on d; known_on bounds it."""
    history = ta.History(ta.example_dataset())
    then = history.recorded_on(D(2025, 6, 25))
    assert then.known_on == D(2025, 6, 25)
    assert then.at(D(2025, 6, 25)).agreement(LONDON).missing_descriptions() == (
        f"approval of {LONDON} by USA",
        f"approval of {LONDON} by CHN",
    )
    known = ta.History(ta.example_dataset(), known_on=D(2025, 6, 26))
    assert known.recorded_on(D(2025, 12, 31)).known_on == D(2025, 6, 26)
    assert known.at(D(2025, 12, 31)).agreement(LONDON).status is (
        ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE
    )


def example(*events: ta.Event, policy: ta.EvidencePolicy | None = None) -> ta.Dataset:
    return ta.Dataset(
        parties=(ta.Party(id="USA", name="US"), ta.Party(id="CHN", name="China")),
        sources=(
            ta.Source(id="post", publisher="P", kind=ta.SourceKind.SOCIAL_MEDIA_POST),
            ta.Source(id="wire", publisher="W", kind=ta.SourceKind.PRESS_REPORT),
            ta.Source(id="ministry", publisher="M", kind=ta.SourceKind.PRESS_REPORT),
            ta.Source(id="text", publisher="T", kind=ta.SourceKind.OFFICIAL_TEXT),
        ),
        agreements=(
            ta.Agreement(
                id="deal",
                title="Deal",
                kind=ta.AgreementKind.FRAMEWORK,
                parties=("USA", "CHN"),
                concluded=D(2025, 1, 1),
                entry_into_force=ta.EntryIntoForce(when=ta.approved_by("CHN", "deal")),
            ),
        ),
        events=events,
        policy=policy,
    )


def approval(**fields: object) -> ta.Event:
    base: dict[str, object] = {
        "id": "cn", "date": D(2025, 2, 1), "kind": ta.EventKind.APPROVAL, "party": "CHN",
        "target": "deal", "summary": "China approves",
    }  # fmt: skip
    return ta.Event(**{**base, **fields})  # type: ignore[arg-type]


def in_force(dataset: ta.Dataset, **kwargs: object) -> ta.Truth:
    return ta.evaluate(dataset, D(2025, 3, 1), **kwargs).agreement("deal").in_force  # type: ignore[arg-type]


def test_equally_ranked_claim_and_denial_give_unknown_citing_both() -> None:
    """A press claim and a press denial conflict: UNKNOWN by default, citing both accounts."""
    event = approval(
        sources=("wire",), accounts=(ta.Account(source="ministry", stance=ta.Stance.DENIAL),)
    )
    dataset = example(event)
    report = ta.evaluate(dataset, D(2025, 3, 1)).agreement("deal")
    assert report.in_force is ta.Truth.UNKNOWN
    cited = next(c for n in report.explanation.walk() for c in n.citations)
    assert cited.standing is ta.Standing.DISPUTED
    assert "wire (press report, claim)" in cited.evidence
    assert "ministry (press report, denial)" in cited.evidence
    assert in_force(dataset, policy=ta.EvidencePolicy(on_conflict=ta.Truth.TRUE)) is ta.Truth.TRUE
    assert in_force(dataset, policy=ta.EvidencePolicy(on_conflict=ta.Truth.FALSE)) is ta.Truth.FALSE


def test_the_stronger_account_prevails() -> None:
    """An official text outranks a press denial; a press denial outranks a post."""
    confirmed = approval(
        sources=("wire",),
        accounts=(
            ta.Account(source="ministry", stance=ta.Stance.DENIAL),
            ta.Account(source="text", stance=ta.Stance.CONFIRMATION),
        ),
    )
    assert in_force(example(confirmed)) is ta.Truth.TRUE
    denied = approval(
        sources=("post",), accounts=(ta.Account(source="wire", stance=ta.Stance.DENIAL),)
    )
    assert in_force(example(denied), policy=TRUSTING) is ta.Truth.FALSE


def test_a_dataset_file_carries_its_policy() -> None:
    """A dataset's own policy is the default one for questions about it."""
    event = approval(sources=("post",))
    assert in_force(example(event)) is ta.Truth.FALSE
    assert in_force(example(event, policy=TRUSTING)) is ta.Truth.TRUE


def test_known_on_and_accounts_reported_later() -> None:
    """A confirmation counts from its report on; before that the claim is unconfirmed."""
    event = approval(
        sources=("post",),
        reported=D(2025, 2, 3),
        accounts=(
            ta.Account(source="ministry", stance=ta.Stance.CONFIRMATION, reported=D(2025, 2, 10)),
        ),
    )
    dataset = example(event)
    assert in_force(dataset, known_on=D(2025, 2, 2)) is ta.Truth.FALSE
    assert in_force(dataset, known_on=D(2025, 2, 5)) is ta.Truth.FALSE
    assert in_force(dataset, known_on=D(2025, 2, 10)) is ta.Truth.TRUE
    assert in_force(dataset) is ta.Truth.TRUE


def test_corrections_and_retractions_are_events() -> None:
    """A correction replaces an event from its report on; a retraction removes it."""
    original = approval(sources=("wire",))
    corrected = approval(
        id="cn-fixed",
        date=D(2025, 2, 20),
        sources=("wire",),
        corrects="cn",
        reported=D(2025, 2, 25),
    )
    dataset = example(original, corrected)
    report = ta.evaluate(dataset, D(2025, 3, 1), known_on=D(2025, 2, 24)).agreement("deal")
    assert report.in_force_since == D(2025, 2, 1)
    assert ta.evaluate(dataset, D(2025, 3, 1)).agreement("deal").in_force_since == D(2025, 2, 20)
    retraction = ta.Event(
        id="oops", date=D(2025, 2, 15), kind=ta.EventKind.STATEMENT, summary="withdrawn",
        retracts="cn",
    )  # fmt: skip
    dataset = example(original, retraction)
    assert in_force(dataset, known_on=D(2025, 2, 14)) is ta.Truth.TRUE
    assert in_force(dataset) is ta.Truth.FALSE


def test_evidence_round_trips_through_a_dataset_file() -> None:
    """Report dates, accounts, corrections and the policy are written and read back."""
    dataset = example(
        approval(
            sources=("wire",),
            reported=D(2025, 2, 3),
            accounts=(
                ta.Account(source="ministry"),
                ta.Account(source="text", stance=ta.Stance.DENIAL, reported=D(2025, 2, 9)),
            ),
        ),
        approval(id="cn-2", corrects="cn"),
        policy=ta.EvidencePolicy(min_source=ta.SourceKind.PRESS_REPORT, on_conflict=ta.Truth.TRUE),
    )
    writers = {"toml": dataset_to_toml, "yaml": dataset_to_yaml, "json": dataset_to_json}
    for kind, write in writers.items():
        assert dataset_from_text(write(dataset), format=kind) == dataset
    assert '"ministry"' in dataset_to_toml(dataset)  # a plain claim is written as its source id


def test_bad_evidence_is_named_where_it_is() -> None:
    """Unknown account sources and corrected events are errors naming their place."""
    with pytest.raises(ta.errors.DatasetError) as caught:
        example(approval(accounts=(ta.Account(source="nobody"),), corrects="ghost"))
    message = str(caught.value)
    assert "events[0].accounts[0].source: unknown source 'nobody'" in message
    assert "events[0].corrects: unknown event 'ghost'" in message
    with pytest.raises(ta.errors.ModelValueError, match="cannot retract itself"):
        approval(retracts="cn")
    with pytest.raises(ta.errors.ModelValueError, match="not in the ranking"):
        ta.EvidencePolicy(ranking=(ta.SourceKind.OFFICIAL_TEXT,))


def test_html_shows_claims_reported_but_unconfirmed() -> None:
    """The HTML rendering names the unconfirmed claims and why they do not count."""
    report = ta.evaluate(ta.example_dataset(), D(2025, 6, 12), agreements=[LONDON])
    html = ta.render_html(report)
    assert f"reported but unconfirmed: {CLAIM_US}" in html
    assert "only truth-social-2025-06-11 (social-media post, claim) asserts it" in html
