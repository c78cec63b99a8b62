"""The one table of the file layout covers the model, and its names are consistent."""

from __future__ import annotations

import attrs
import pytest

import tradeaccord as ta
from tradeaccord._calendar import DAY_COUNT_TYPES
from tradeaccord._conditions import _NODE_TYPES
from tradeaccord._io.layout import (
    COLLECTIONS,
    CONDITIONS,
    NODES,
    OBJECTS,
    RULES,
    SCALAR_FORMS,
    file_key,
    model_field,
)


def test_every_condition_node_and_rule_has_a_tag() -> None:
    """The tagged nodes are exactly the condition nodes and the rules but ``Upon``."""
    assert {node.cls for node in CONDITIONS} == set(_NODE_TYPES)
    assert {node.cls for node in RULES} == set(DAY_COUNT_TYPES) - {ta.Upon}
    tags = [node.tag for node in (*CONDITIONS, *RULES)]
    assert len(tags) == len(set(tags))


def test_every_model_class_is_named() -> None:
    """Every class a dataset file holds has a name for messages and for the schema."""
    model = {getattr(ta, name) for name in ta.__all__ if attrs.has(getattr(ta, name))}
    files = model - set(_NODE_TYPES) - set(DAY_COUNT_TYPES) - {ta.Period}
    report = {
        ta.Report, ta.AgreementReport, ta.CommitmentReport, ta.PartyReport, ta.Progress,
        ta.Explanation, ta.Citation, ta.Need, ta.Alternative, ta.Finding, ta.Timeline,
        ta.Rule, ta.RuleSet, ta.AgreementContext, ta.CommitmentContext,
        ta.AgreementTimelines, ta.PartyTimelines, ta.CommitmentTimelines, ta.StatusHistory,
        ta.StatusInterval, ta.Change, ta.Difference, ta.Outlook, ta.Way, ta.Diagram,
        ta.Outcome, ta.Mismatch,
    }  # fmt: skip
    assert set(OBJECTS) == files - report
    assert set(COLLECTIONS.values()) <= set(OBJECTS)
    assert set(SCALAR_FORMS) <= set(OBJECTS)


@pytest.mark.parametrize("node", [*CONDITIONS, *RULES], ids=lambda node: node.tag)
def test_file_keys_and_fields_are_inverse(node: object) -> None:
    """Each field of a node has one file key, and that key names the field back."""
    cls = node.cls  # type: ignore[attr-defined]
    keys = [file_key(cls, a.name) for a in attrs.fields(cls)]
    assert file_key(cls, node.main) == node.tag  # type: ignore[attr-defined]
    assert len(set(keys)) == len(keys)
    for attribute in attrs.fields(cls):
        assert model_field(cls, file_key(cls, attribute.name)) == attribute.name
    assert node.file_keys[0] == node.tag  # type: ignore[attr-defined]
    assert model_field(cls, "no_such_key") is None


def test_the_short_forms_are_fields_of_their_class() -> None:
    """A short form stands for a field of the class it abbreviates."""
    for cls, fields in SCALAR_FORMS.items():
        assert set(fields) <= {a.name for a in attrs.fields(cls)}
    assert NODES[ta.AtLeast].key("items") == "of"
