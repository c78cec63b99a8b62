"""Assembling a dataset checks every reference and reports every problem with its path."""

from __future__ import annotations

import datetime as dt

import pytest

import tradeaccord as ta
from tradeaccord.errors import (
    DatasetError,
    ModelTypeError,
    ModelValueError,
    Problem,
    UnknownIdError,
)

D = dt.date
USA = ta.Party(id="USA", name="United States")
CHN = ta.Party(id="CHN", name="China")


def agreement(id: str, **kw: object) -> ta.Agreement:
    fields: dict[str, object] = {
        "id": id,
        "title": id,
        "kind": ta.AgreementKind.TREATY,
        "parties": ("USA", "CHN"),
        "concluded": D(2025, 1, 1),
    }
    fields.update(kw)
    return ta.Agreement(**fields)  # type: ignore[arg-type]


def test_unknown_ids_are_all_reported_with_paths() -> None:
    """Unknown party, source, target and commitment ids are listed together, each with its path."""
    bad = agreement(
        "a",
        parties=("USA", "CHA"),
        entry_into_force=ta.EntryIntoForce(when=ta.approved_by("USA", "b") & ta.Fulfilled("a/x")),
        sources=("nowhere",),
    )
    event = ta.Event(
        id="e", date=D(2025, 1, 2), kind=ta.EventKind.APPROVAL, summary="", target="zzz"
    )
    with pytest.raises(DatasetError) as caught:
        ta.Dataset(parties=(USA, CHN), agreements=(bad,), events=(event,))
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "agreements[0].parties[1]",
        "agreements[0].sources[0]",
        "agreements[0].entry_into_force.when.items[0].target",
        "agreements[0].entry_into_force.when.items[1].commitment",
        "events[0].target",
    ]
    assert caught.value.problems[0] == Problem(
        "agreements[0].parties[1]", "unknown party 'CHA' (known: CHN, USA)"
    )
    assert "5 problems" in str(caught.value)


def test_duplicate_ids_are_reported() -> None:
    """Duplicate ids name both places."""
    with pytest.raises(DatasetError) as caught:
        ta.Dataset(parties=(USA, CHN, USA), agreements=(agreement("a"), agreement("a")))
    assert [str(p) for p in caught.value.problems] == [
        "parties[2].id: duplicate id 'USA' (first used at parties[0])",
        "agreements[1].id: duplicate id 'a' (first used at agreements[0])",
    ]


def test_duplicate_commitment_ids_across_agreements() -> None:
    """Commitment ids are unique across all agreements."""
    c = ta.Commitment(id="c", by="USA", action=ta.Action.LIFT, summary="")
    with pytest.raises(
        DatasetError, match=r"agreements\[1\]\.commitments\[0\]\.id: duplicate commitment id 'c'"
    ):
        ta.Dataset(
            parties=(USA, CHN),
            agreements=(agreement("a", commitments=(c,)), agreement("b", commitments=(c,))),
        )


def test_cycle_through_entry_into_force_is_reported() -> None:
    """Agreements whose entry into force depends on each other form a cycle, reported once with its path."""
    a = agreement("a", entry_into_force=ta.EntryIntoForce(when=ta.InForce("b")))
    b = agreement("b", entry_into_force=ta.EntryIntoForce(when=ta.InForce("c") | ta.InForce("a")))
    c = agreement("c")
    with pytest.raises(DatasetError) as caught:
        ta.Dataset(parties=(USA, CHN), agreements=(a, b, c))
    assert [str(p) for p in caught.value.problems] == [
        "agreements[1].entry_into_force.when.items[1].agreement: cyclic reference: a -> b -> a"
    ]


def test_cycle_through_links_is_reported() -> None:
    """Links that implement each other in a circle are a cycle."""
    link = ta.LinkKind.IMPLEMENTS
    a = agreement("a", links=(ta.Link(kind=link, target="b"),))
    b = agreement("b", links=(ta.Link(kind=link, target="a"),))
    with pytest.raises(
        DatasetError, match=r"agreements\[1\]\.links\[0\]: cyclic reference: a -> b -> a"
    ):
        ta.Dataset(parties=(USA, CHN), agreements=(a, b))


def test_commitment_by_a_non_party() -> None:
    """A commitment's party must be a party to its agreement."""
    third = ta.Party(id="JPN", name="Japan")
    c = ta.Commitment(id="c", by="JPN", action=ta.Action.LIFT, summary="")
    with pytest.raises(DatasetError, match=r"commitments\[0\]\.by: 'JPN' is not a party to 'a'"):
        ta.Dataset(parties=(USA, CHN, third), agreements=(agreement("a", commitments=(c,)),))


def test_official_must_act_for_the_event_party() -> None:
    """An event's official must belong to the event's party."""
    xi = ta.Official(id="xi", name="Xi Jinping", party="CHN")
    event = ta.Event(
        id="e",
        date=D(2025, 1, 2),
        kind=ta.EventKind.APPROVAL,
        summary="",
        party="USA",
        official="xi",
    )
    with pytest.raises(DatasetError, match=r"events\[0\]\.official: 'xi' acts for 'CHN'"):
        ta.Dataset(parties=(USA, CHN), officials=(xi,), events=(event,))


def test_lookup_of_unknown_id_names_the_known_ones() -> None:
    """Lookups raise UnknownIdError, a KeyError listing the known ids."""
    ds = ta.Dataset(parties=(USA, CHN))
    with pytest.raises(UnknownIdError) as caught:
        ds.party("CHA")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value) == "unknown party 'CHA' (known: CHN, USA)"


def test_without_events_rejects_unknown_ids() -> None:
    """A what-if cannot silently drop an event that does not exist."""
    with pytest.raises(UnknownIdError):
        ta.example_dataset().without_events("no-such-event")


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: ta.Party(id="", name="x"), ModelValueError, "Party.id must be a non-empty id"),
        (lambda: ta.Party(id=3, name="x"), ModelTypeError, "Party.id must be a string id"),
        (
            lambda: ta.Event(id="e", date="2025-01-01", kind=ta.EventKind.APPROVAL, summary=""),
            ModelTypeError,
            "Event.date must be date",
        ),
        (
            lambda: ta.Event(
                id="e", date=dt.datetime(2025, 1, 1), kind=ta.EventKind.APPROVAL, summary=""
            ),
            ModelTypeError,
            "Event.date must be date",
        ),
        (
            lambda: ta.Event(id="e", date=D(2025, 1, 1), kind=ta.EventKind.EXTENSION, summary=""),
            ModelValueError,
            "an extension needs ends_on",
        ),
        (
            lambda: ta.Event(
                id="e",
                date=D(2025, 1, 1),
                kind=ta.EventKind.APPROVAL,
                summary="",
                ends_on=D(2025, 2, 1),
            ),
            ModelValueError,
            "ends_on is only meaningful for an extension",
        ),
        (lambda: ta.Deadline(), ModelValueError, "exactly one of on= and within="),
        (
            lambda: ta.AtLeast(3, ta.InForce("a"), ta.InForce("b")),
            ModelValueError,
            "between 1 and 2",
        ),
        (
            lambda: ta.AllOf(ta.InForce("a"), "b"),
            ModelTypeError,
            r"AllOf.items\[1\] must be a condition",
        ),
        (lambda: ta.Delay(ta.InForce("a"), 30), ModelTypeError, "Delay.rule must be"),
        (
            lambda: ta.Agreement(
                id="a", title="", kind=ta.AgreementKind.TREATY, parties=("USA", "USA")
            ),
            ModelValueError,
            r"Agreement.parties\[1\]: 'USA' appears twice",
        ),
    ],
)
def test_invalid_values_raise_named_errors(
    build: object, error: type[Exception], message: str
) -> None:
    """Bad field values raise a TradeAccordError naming the class and field."""
    with pytest.raises(error, match=message):
        build()  # type: ignore[operator]
    assert issubclass(error, ta.errors.TradeAccordError)


def test_a_long_chain_of_links_is_checked_without_recursion() -> None:
    """Thousands of agreements linked one to the next (and back, at the end) are
    checked, and the cycle is found once."""
    n = 5000
    link = ta.LinkKind.IMPLEMENTS
    agreements = [
        agreement(f"a{i}", links=(ta.Link(kind=link, target=f"a{(i + 1) % n}"),)) for i in range(n)
    ]
    with pytest.raises(DatasetError) as caught:
        ta.Dataset(parties=(USA, CHN), agreements=tuple(agreements))
    [problem] = caught.value.problems
    assert problem.location == ("agreements", n - 1, "links", 0)
    assert problem.message.startswith("cyclic reference: a0 -> a1 -> ")


def test_findings_are_placed_by_the_index() -> None:
    """An index of values at other places (as a reader gives) places its findings, and
    the places their messages refer to, there; ignored ids are not reported."""
    from tradeaccord._model.checks import Index, check

    c = ta.Commitment(id="c", by="FRA", action=ta.Action.LIFT, summary="")
    a = agreement(
        "a", commitments=(c, c), entry_into_force=ta.EntryIntoForce(when=ta.InForce("gone"))
    )
    index = Index(
        parties=(USA, CHN),
        agreements=(a,),
        places={
            "parties": [("parties", 0), ("parties", 2)],
            "agreements": [("agreements", 4)],
            "commitments": [
                [("agreements", 4, "commitments", 1), ("agreements", 4, "commitments", 3)]
            ],
        },
        ignore=frozenset({"gone"}),
    )
    assert [str(f.problem()) for f in check(index)] == [
        "agreements[4].commitments[3].id: duplicate commitment id 'c' (first used at agreements[4].commitments[1])",
        "agreements[4].commitments[1].by: unknown party 'FRA' (known: CHN, USA)",
        "agreements[4].commitments[3].by: unknown party 'FRA' (known: CHN, USA)",
    ]
