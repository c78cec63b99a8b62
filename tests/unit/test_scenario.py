"""What-if scenarios: applying them, marking their events, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord.errors import DatasetError

D = dt.date
US, CN = "2025-06-25-us-approval", "2025-06-27-cn-approval"
EARLY = ta.Scenario(
    name="early-approvals",
    description="The US approves on 13 June, China on 15 June 2025.",
    redate=(ta.Redate(event=US, date=D(2025, 6, 13)), ta.Redate(event=CN, date=D(2025, 6, 15))),
)


def test_apply_moves_adds_and_removes() -> None:
    """The applied dataset has the moved dates, the added events and not the removed ones."""
    data = ta.example_dataset()
    extra = ta.Event(
        id="what-if-termination",
        date=D(2025, 9, 1),
        kind=ta.EventKind.TERMINATION,
        party="USA",
        target="london-2025",
        summary="The framework is terminated",
    )
    scenario = ta.Scenario(
        name="everything",
        add=(extra,),
        remove=("2025-07-02-us-lifts-eda-ethane",),
        redate=(ta.Redate(event=US, date=D(2025, 6, 13)),),
    )
    applied = scenario.apply(data)
    assert applied.event(US).date == D(2025, 6, 13)
    assert applied.event("what-if-termination") == extra
    assert "2025-07-02-us-lifts-eda-ethane" not in {e.id for e in applied.events}
    assert len(applied.events) == len(data.events)
    assert scenario.hypothetical() == {"what-if-termination", US}
    assert data.event(US).date == D(2025, 6, 25)  # the record is unchanged


def test_history_of_a_scenario_marks_its_events() -> None:
    """In a scenario's history the moved approvals are cited as hypothetical, others not."""
    history = ta.History(ta.example_dataset(), scenario=EARLY)
    assert history.scenario is EARLY
    london = history.agreement("london-2025")
    assert (london.intervals[-1].status, london.intervals[-1].start) == (
        ta.AgreementStatus.IN_FORCE,
        D(2025, 6, 15),
    )
    cited = {c.event: c.hypothetical for c in london.intervals[-1].citations()}
    claims = {"2025-06-11-deal-done-claim-usa": False, "2025-06-11-deal-done-claim-chn": False}
    assert cited == {US: True, CN: True, **claims}
    report = history.at(D(2025, 6, 20))
    assert report.scenario == "early-approvals"
    assert "scenario early-approvals" in repr(report)
    text = ta.render_text(report, explain=True)
    assert text.startswith("As of 2025-06-20, in the what-if scenario 'early-approvals'")
    assert text.count("[hypothetical]") >= 2
    record = ta.evaluate(ta.example_dataset(), D(2025, 6, 28))
    assert record.scenario is None
    assert not any(
        c.hypothetical for a in record.agreements for n in a.explanation.walk() for c in n.citations
    )
    assert ta.evaluate(ta.example_dataset(), D(2025, 6, 20), scenario=EARLY) == report


def test_compare_a_scenario_with_the_record() -> None:
    """The differences: London in force from 15 June instead of 27 June, its parties bound."""
    data = ta.example_dataset()
    found = ta.History(data).compare(ta.History(data, scenario=EARLY), agreements=["london-2025"])
    statuses = [d for d in found if d.status_differs]
    london, later = [d for d in statuses if d.kind == "agreement"]
    assert (london.start, london.end, later.start, later.end) == (
        D(2025, 6, 15),
        D(2025, 6, 25),
        D(2025, 6, 25),
        D(2025, 6, 27),
    )
    assert later.base.reason.endswith("waiting for approval of london-2025 by CHN")
    assert (london.base.status, london.other.status) == (
        ta.AgreementStatus.AWAITING_ENTRY_INTO_FORCE,
        ta.AgreementStatus.IN_FORCE,
    )
    assert {(d.kind, d.subject) for d in statuses} >= {("party", "USA"), ("party", "CHN")}
    assert "london-2025, 2025-06-15 to 2025-06-24" in london.describe()
    with pytest.raises(ta.errors.ModelTypeError, match="other must be a History"):
        ta.History(data).compare(data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scenario", "messages"),
    [
        (
            ta.Scenario(name="s", remove=("no-such-event",)),
            ["remove[0]: no recorded event 'no-such-event'"],
        ),
        (
            ta.Scenario(
                name="s",
                remove=(US,),
                redate=(ta.Redate(event=US, date=D(2025, 6, 1)),),
            ),
            ["redate[0].event: event '2025-06-25-us-approval' is already named at remove[0]"],
        ),
        (
            ta.Scenario(
                name="s",
                add=(
                    ta.Event(id=US, date=D(2025, 6, 1), kind=ta.EventKind.APPROVAL, summary="x"),
                    ta.Event(
                        id="x",
                        date=D(2025, 6, 1),
                        kind=ta.EventKind.APPROVAL,
                        party="XXX",
                        summary="x",
                    ),
                ),
            ),
            [
                "add[0].id: duplicate id",
                "add[1].party: unknown party 'XXX'",
            ],
        ),
        (
            ta.Scenario(
                name="s", redate=(ta.Redate(event="2025-08-11-us-extension", date=D(2026, 1, 1)),)
            ),
            ["redate[0].date: (2025-11-10) must be after the event date (2026-01-01)"],
        ),
    ],
)
def test_bad_scenarios_name_every_problem(scenario: ta.Scenario, messages: list[str]) -> None:
    """Every problem of a scenario is reported, at its path in the scenario."""
    with pytest.raises(DatasetError) as caught:
        scenario.apply(ta.example_dataset())
    shown = [str(p) for p in caught.value.problems]
    assert len(shown) == len(messages)
    for line, message in zip(shown, messages, strict=True):
        assert line.startswith(message), line


def test_scenario_values_are_checked() -> None:
    """A scenario's own fields are checked when it is built."""
    with pytest.raises(ta.errors.ModelValueError):
        ta.Scenario(name="s", remove=("a", "a"))
    with pytest.raises(ta.errors.ModelTypeError):
        ta.Scenario(name="s", add=("not an event",))  # type: ignore[arg-type]
    with pytest.raises(ta.errors.ModelTypeError):
        ta.History(ta.example_dataset(), scenario="early")  # type: ignore[arg-type]
