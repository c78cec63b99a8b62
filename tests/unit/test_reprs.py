"""Short, readable reprs of results, histories, datasets, agreements and conditions."""

from __future__ import annotations

import datetime as dt

import tradeaccord as ta


def test_one_date_report_repr_is_short() -> None:
    """The repr of a one-date report of the embedded dataset is under 1,000 characters."""
    history = ta.History(ta.example_dataset())
    days = {dt.date(2025, 6, 28)} | {
        i.start for s in history.statuses() for i in s.intervals if i.start is not None
    }
    for day in sorted(days):
        text = repr(history.at(day))
        assert len(text) < 1000, (day, len(text))
    assert repr(history.at(dt.date(2025, 6, 28))) == (
        "Report(as_of=2025-06-28, 4 agreements: geneva-2025 in_force, london-2025 in_force, "
        "stockholm-2025 not_concluded, busan-2025 not_concluded)"
    )


def test_reprs_name_the_item_and_its_status() -> None:
    """Each repr names the item and its status in one short line."""
    data = ta.example_dataset()
    history = ta.History(data)
    report = history.at(dt.date(2025, 6, 28))
    london = report.agreement("london-2025")
    expected = {
        london: "AgreementReport(london-2025: in_force since 2025-06-27, 2 parties, 6 commitments)",
        london.commitments[1]: (
            "CommitmentReport(london-2025/us-rollback-export-restrictions: active since "
            "2025-06-27, pending)"
        ),
        london.parties[0]: "PartyReport(USA: bound since 2025-06-27)",
        data: (
            "Dataset('US-China trade arrangements 2025-2026': 2 parties, 4 agreements, "
            "45 events, 48 sources)"
        ),
        data.agreement("london-2025"): (
            "Agreement(london-2025: framework, parties USA, CHN, 6 commitments)"
        ),
        history.agreement("london-2025").intervals[-1]: (
            "StatusInterval(2025-06-27 onwards: in_force (rule in-force: in force since "
            "2025-06-27))"
        ),
        ta.InForce("geneva-2025") | ta.DateReached(dt.date(2025, 8, 12)): (
            "AnyOf(InForce(agreement='geneva-2025'), DateReached(on=datetime.date(2025, 8, 12)))"
        ),
        ta.AtLeast(1, ta.Not(ta.Fulfilled("x")), ta.InForce("y")): (
            "AtLeast(1, Not(item=Fulfilled(commitment='x')), InForce(agreement='y'))"
        ),
    }
    for value, text in expected.items():
        assert repr(value) == text
    assert repr(history).startswith("History('US-China trade arrangements 2025-2026': 4 agreements")
    for value in (*history.statuses(), *history.changes(dt.date.min, dt.date.max)):
        assert len(repr(value)) < 400, repr(value)


def test_condition_repr_is_the_call_that_builds_it() -> None:
    """A condition's repr evaluates back to an equal condition."""
    data = ta.example_dataset()
    namespace = {name: getattr(ta, name) for name in ta.__all__} | {"datetime": dt}
    nodes = [a.entry_condition() for a in data.agreements]
    nodes += [c.condition for c in data.agreements[1].commitments if c.condition is not None]
    nodes.append(ta.Occurred(ta.EventKind.STATEMENT, party="USA", official="trump", target="x"))
    for node in nodes:
        assert eval(repr(node), namespace) == node


def test_long_reports_are_counted_not_listed() -> None:
    """A report of many agreements names the first few and counts the rest."""
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    many = ta.Report(as_of=report.as_of, agreements=report.agreements * 30)
    assert repr(many).endswith("... (120 in all))")
    assert len(repr(many)) < 300
