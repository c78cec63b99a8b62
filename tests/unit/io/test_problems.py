"""Problems through a converter: an InputError listing every problem, which cattrs'
``transform_error`` reads at every place."""

from __future__ import annotations

import attrs
import cattrs
import pytest

import tradeaccord as ta
from tradeaccord.errors import InputError
from tradeaccord.serialization import StructureError, configure_converter, format_exception


@attrs.frozen
class Owners:
    """A user's own class holding tradeaccord values."""

    label: str
    owners: list[ta.Party]
    clause: ta.EntryIntoForce | None = None


def structure_error(data: object) -> cattrs.ClassValidationError:
    converter = cattrs.Converter()
    configure_converter(converter)
    with pytest.raises(cattrs.ClassValidationError) as caught:
        converter.structure(data, Owners)
    return caught.value


BAD = {
    "label": "x",
    "owners": [
        {"id": "USA", "name": "United States"},
        {"id": " CHN", "kind": "empire", "flag": "red"},
    ],
    "clause": {"when": {"all_of": [{"in_force": 3}, {"signed": "x"}]}, "effective": "soon"},
}


def test_transform_error_names_every_place() -> None:
    """With cattrs' own wording, each problem is at its exact place, down to the key."""
    assert sorted(cattrs.transform_error(structure_error(BAD))) == [
        "extra fields found (flag) @ $.owners[1]",
        "invalid value @ $.clause.effective",
        "invalid value @ $.clause.when.all_of[0].in_force",
        "invalid value @ $.clause.when.all_of[1]",
        "invalid value @ $.owners[1].id",
        "invalid value @ $.owners[1].kind",
        "required field missing @ $.owners[1].name",
    ]


def test_format_exception_says_what_is_wrong_in_our_words() -> None:
    """With ``format_exception``, each place comes with tradeaccord's message."""
    lines = cattrs.transform_error(structure_error(BAD), format_exception=format_exception)
    assert "a party needs 'name' @ $.owners[1].name" in lines
    assert "unknown key 'flag' in a party (allowed: id, name, kind) @ $.owners[1]" in lines
    assert any(line.startswith("unknown party kind 'empire'") for line in lines)
    assert any("got ' CHN' @ $.owners[1].id" in line for line in lines)
    assert any(line.startswith("must be a string id, got int 3 @") for line in lines)
    assert any("(got keys: 'signed')" in line for line in lines)


def test_the_error_of_a_hook_is_an_input_error_and_a_cattrs_error() -> None:
    """What a hook raises is an ``InputError`` with every problem at its path, and a
    ``ClassValidationError``; a user's converter notes where the value was."""
    owners = next(
        e for e in structure_error(BAD).exceptions if isinstance(e, cattrs.IterableValidationError)
    )
    [error] = owners.exceptions
    assert isinstance(error, StructureError)
    assert isinstance(error, InputError) and isinstance(error, cattrs.ClassValidationError)
    assert error.source == "<Party>"
    assert [p.path for p in error.problems] == ["", "id", "kind", "flag"]
    assert [p.location for p in error.problems][1:] == [("id",), ("kind",), ("flag",)]


def test_a_null_is_one_problem_through_a_converter() -> None:
    """``null`` for a key is refused at the key, once, not also as a missing key."""
    converter = cattrs.Converter()
    configure_converter(converter)
    with pytest.raises(InputError) as caught:
        converter.structure({"id": "USA", "name": None, "kind": None}, ta.Party)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("name", "null is not a value here: leave the key out instead"),
        ("kind", "null is not a value here: leave the key out instead"),
    ]


def test_a_valid_value_structures_through_a_users_class() -> None:
    """The same converter reads a valid value (the errors above are not a default)."""
    converter = cattrs.Converter()
    configure_converter(converter)
    good = {
        "label": "x",
        "owners": [{"id": "USA", "name": "US"}],
        "clause": {"when": {"in_force": "a"}},
    }
    value = converter.structure(good, Owners)
    assert value.owners == [ta.Party(id="USA", name="US")]
    assert value.clause == ta.EntryIntoForce(when=ta.InForce("a"))
    assert converter.unstructure(value) == good
