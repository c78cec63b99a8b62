"""The canonical JSON form loses nothing.

Generated datasets (groups with dated membership, thresholds with exact shares
and weights, per-party rules, provisional applications, measures and their
invalidation, events of every kind) are written with ``dataset_to_json`` and
read back with ``dataset_from_json``: the result equals the original (dates,
exact fractions, the order of weights, empty tuples, free text in any script),
and writing it again gives the same text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import Condition, Dataset, InstrumentShare, WeightedShare, walk
from tradeaccord.serialization import dataset_from_json, dataset_to_json, make_converter
from tradeaccord.testing import conditions_for, datasets

#: Free text: any script, combining marks, quotes, backslashes and line breaks.
TEXT = st.text(max_size=12)


@st.composite
def with_free_text(draw: st.DrawFn, dataset: Dataset) -> Dataset:
    """``dataset`` with its titles, names, summaries and notes replaced by arbitrary text."""
    return attrs.evolve(
        dataset,
        title=draw(TEXT),
        parties=tuple(attrs.evolve(p, name=draw(TEXT)) for p in dataset.parties),
        groups=tuple(attrs.evolve(g, name=draw(TEXT)) for g in dataset.groups),
        measures=tuple(
            attrs.evolve(m, name=draw(TEXT), legal_basis=draw(TEXT)) for m in dataset.measures
        ),
        agreements=tuple(
            attrs.evolve(
                a,
                title=draw(TEXT),
                summary=draw(TEXT),
                commitments=tuple(attrs.evolve(c, summary=draw(TEXT)) for c in a.commitments),
            )
            for a in dataset.agreements
        ),
        events=tuple(attrs.evolve(e, summary=draw(TEXT), notes=draw(TEXT)) for e in dataset.events),
    )


def conditions_in(dataset: Dataset) -> Iterator[Condition]:
    """Every condition node of every agreement of ``dataset``."""
    for agreement in dataset.agreements:
        roots = [c.condition for c in agreement.commitments if c.condition is not None]
        if agreement.entry_into_force is not None:
            roots.append(agreement.entry_into_force.when)
        if agreement.provisional_application is not None:
            roots.append(agreement.provisional_application.start)
        for root in roots:
            for _, node in walk(root):
                yield node


def numbers_in(data: Any) -> Iterator[tuple[str, Any]]:
    """Every ``share``, ``total`` and weight of the threshold nodes in JSON data."""
    if isinstance(data, dict):
        if data.get("type") in ("instrument_share", "weighted_share"):
            yield "share", data["share"]
            if "total" in data:
                yield "total", data["total"]
            for weight in data.get("weights", {}).values():
                yield "weight", weight
        for value in data.values():
            yield from numbers_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from numbers_in(value)


@given(st.data())
def test_generated_datasets_survive_json(data: st.DataObject) -> None:
    """dataset_from_json(dataset_to_json(ds)) == ds, and writing it again gives the same text."""
    dataset = data.draw(datasets(), label="dataset")
    dataset = data.draw(with_free_text(dataset), label="with free text")
    text = dataset_to_json(dataset)
    back = dataset_from_json(text)
    assert back == dataset
    assert dataset_to_json(back) == text
    assert dataset_from_json(dataset_to_json(dataset, indent=None)) == dataset
    # Exact numbers are written as exact strings, never as floats.
    for what, number in numbers_in(json.loads(text)):
        assert isinstance(number, str), (what, number)
        assert Fraction(number) >= 0
    # The weights keep their order, and the fractions their exact values.
    for before, after in zip(conditions_in(dataset), conditions_in(back), strict=True):
        if isinstance(before, WeightedShare):
            assert isinstance(after, WeightedShare)
            assert after.weights == before.weights
            assert [p for p, _ in after.weights] == [p for p, _ in before.weights]
        if isinstance(before, InstrumentShare | WeightedShare):
            assert type(after.share) is Fraction and after.share == before.share


@given(st.data())
def test_generated_conditions_survive_the_converter(data: st.DataObject) -> None:
    """Every generated condition, thresholds included, is structured back to itself."""
    dataset = data.draw(datasets(max_events=4), label="dataset")
    condition = data.draw(conditions_for(dataset), label="condition")
    converter = make_converter()
    plain = converter.unstructure(condition, Condition)
    assert converter.structure(json.loads(json.dumps(plain)), Condition) == condition
