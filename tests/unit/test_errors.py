"""Problems keep their place as data; it becomes text only when shown."""

from __future__ import annotations

import pytest

from tradeaccord.errors import FileError, InputError, Key, ModelValueError, Problem, show_path


def test_a_location_is_shown_as_a_path() -> None:
    """Keys are names, indices are in brackets, mapping keys and odd keys are quoted."""
    assert show_path(("agreements", 1, "commitments", 0, "by")) == "agreements[1].commitments[0].by"
    assert show_path(("weights", Key("USA"))) == "weights['USA']"
    assert show_path(("odd key", 2)) == "['odd key'][2]"
    assert show_path(()) == ""


@pytest.mark.parametrize(
    "location",
    [("agreements", 0, "parties", 1), ("w", Key("USA")), ("a key", 5, Key("5")), ()],
    ids=repr,
)
def test_a_problem_from_its_path_equals_one_from_its_location(location: tuple) -> None:  # type: ignore[type-arg]
    """A problem made from a path as text is the problem made from its location."""
    problem = Problem(location, "m", line=3)
    assert Problem(problem.path, "m", line=3) == problem
    assert problem.path == show_path(location)


def test_a_path_that_is_not_one_is_refused() -> None:
    """Text that is not a path is an error, not a location guessed at."""
    with pytest.raises(ValueError, match="not a path"):
        Problem("agreements[0", "m")


def test_field_errors_carry_their_location() -> None:
    """A model error names its field as text and as a location."""
    error = ModelValueError("x", field=("weights", Key("USA")))
    assert (error.field, error.location) == ("weights['USA']", ("weights", Key("USA")))
    assert ModelValueError("x").location is None


def test_a_file_error_is_an_input_error_with_its_reason() -> None:
    """A file that cannot be read is an ``InputError`` whose one problem says why."""
    error = FileError("x.json", "no such file: x.json")
    assert isinstance(error, InputError) and str(error) == "no such file: x.json"
    assert error.problems == (Problem((), "no such file: x.json"),)
