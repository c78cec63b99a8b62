"""The canonical file forms lose nothing.

Generated datasets (groups with dated membership, thresholds with exact shares
and weights, per-party rules, provisional applications, measures and their
invalidation, events of every kind) are written with ``dataset_to_json``,
``dataset_to_yaml`` and ``dataset_to_toml`` and read back with the matching
reader: the result equals the original (dates, exact fractions, the order of
weights, empty tuples, free text in any script, with typographic quotes, line
breaks and tabs), and writing it again gives the same text. The plain data of
``dataset_to_data`` is valid under ``json_schema()`` and reads back equal too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeaccord import (
    Agreement,
    AgreementKind,
    Condition,
    Dataset,
    Event,
    EventKind,
    Group,
    InstrumentShare,
    Measure,
    Official,
    Party,
    Source,
    SourceKind,
    WeightedShare,
    walk,
)
from tradeaccord.serialization import (
    dataset_from_data,
    dataset_from_json,
    dataset_from_toml,
    dataset_from_yaml,
    dataset_to_data,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    json_schema,
    make_converter,
)
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


#: Characters that writers must escape or quote: typographic quotes, every kind of line
#: break, tabs, and the punctuation of JSON, YAML and TOML.
AWKWARD = "“”«»\u2018\u2019„\u2039\u203a\n\r\t\x85\u2028\u2029 \"'\\:#-{}[]&*!|>%@`,?=~"

#: Free text that leans on the awkward characters, and may be anything else.
AWKWARD_TEXT = st.text(st.sampled_from(AWKWARD) | st.characters(codec="utf-8"), max_size=16)


@st.composite
def with_every_text(draw: st.DrawFn, dataset: Dataset) -> Dataset:
    """``dataset`` with every free-text field of every value replaced by awkward text."""
    text = AWKWARD_TEXT
    return attrs.evolve(
        dataset,
        title=draw(text),
        parties=tuple(attrs.evolve(p, name=draw(text)) for p in dataset.parties),
        groups=tuple(attrs.evolve(g, name=draw(text)) for g in dataset.groups),
        officials=tuple(
            attrs.evolve(o, name=draw(text), role=draw(text)) for o in dataset.officials
        ),
        measures=tuple(
            attrs.evolve(m, name=draw(text), legal_basis=draw(text), summary=draw(text))
            for m in dataset.measures
        ),
        sources=tuple(
            attrs.evolve(
                s,
                publisher=draw(text),
                title=draw(text),
                url=draw(st.none() | text),
                quote=draw(text),
            )
            for s in dataset.sources
        ),
        agreements=tuple(
            attrs.evolve(
                a,
                title=draw(text),
                summary=draw(text),
                commitments=tuple(attrs.evolve(c, summary=draw(text)) for c in a.commitments),
            )
            for a in dataset.agreements
        ),
        events=tuple(attrs.evolve(e, summary=draw(text), notes=draw(text)) for e in dataset.events),
    )


@st.composite
def with_empty_tuples(draw: st.DrawFn, dataset: Dataset) -> Dataset:
    """``dataset`` with some optional tuples emptied and an empty group and measure added."""
    events = dataset.events
    if draw(st.booleans()):
        events = tuple(attrs.evolve(e, sources=()) for e in events)
    agreements = dataset.agreements
    if draw(st.booleans()):
        agreements = tuple(attrs.evolve(a, links=(), sources=()) for a in agreements)
    groups = dataset.groups
    measures = dataset.measures
    if draw(st.booleans()) and dataset.parties:
        groups += (Group(id="nobody", name=draw(AWKWARD_TEXT), members=()),)
        measures += (
            Measure(
                id="unapplied",
                name=draw(AWKWARD_TEXT),
                imposed_by=dataset.parties[0].id,
                applies_to=(),
            ),
        )
    return attrs.evolve(
        dataset, events=events, agreements=agreements, groups=groups, measures=measures
    )


@st.composite
def awkward_datasets(draw: st.DrawFn) -> Dataset:
    """Generated datasets with awkward free text and empty tuples; now and then an empty one."""
    if draw(st.integers(0, 9)) == 0:
        return Dataset(title=draw(AWKWARD_TEXT))
    dataset = draw(datasets(max_events=6))
    dataset = draw(with_empty_tuples(dataset))
    return draw(with_every_text(dataset))


@given(awkward_datasets())
def test_datasets_survive_json_text(dataset: Dataset) -> None:
    """dataset_from_json(dataset_to_json(ds)) == ds, awkward text and empty tuples included."""
    text = dataset_to_json(dataset)
    back = dataset_from_json(text)
    assert back == dataset
    assert dataset_to_json(back) == text


@given(awkward_datasets())
def test_datasets_survive_yaml_text(dataset: Dataset) -> None:
    """dataset_from_yaml(dataset_to_yaml(ds)) == ds, awkward text and empty tuples included."""
    text = dataset_to_yaml(dataset)
    back = dataset_from_yaml(text)
    assert back == dataset
    assert dataset_to_yaml(back) == text


@given(awkward_datasets())
def test_datasets_survive_toml_text(dataset: Dataset) -> None:
    """dataset_from_toml(dataset_to_toml(ds)) == ds, awkward text and empty tuples included."""
    text = dataset_to_toml(dataset)
    back = dataset_from_toml(text)
    assert back == dataset
    assert dataset_to_toml(back) == text


SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.FormatChecker()
)


@given(awkward_datasets())
def test_dataset_data_is_valid_under_the_schema_and_reads_back(dataset: Dataset) -> None:
    """dataset_to_data(ds) is valid under json_schema() and dataset_from_data reads it back."""
    data = dataset_to_data(dataset)
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in SCHEMA_VALIDATOR.iter_errors(data)
    ]
    assert errors == []
    assert dataset_from_data(data) == dataset
    assert dataset_from_data(json.loads(json.dumps(data))) == dataset


def line_break_dataset(text: str) -> Dataset:
    """A small dataset with ``text`` in a title, a name, a summary and a quote."""
    return Dataset(
        title=text,
        parties=(Party(id="USA", name=text),),
        officials=(Official(id="o", name=text, party="USA", role=text),),
        sources=(Source(id="s", publisher=text, kind=SourceKind.PRESS_REPORT, quote=text),),
        agreements=(Agreement(id="a", title=text, kind=AgreementKind.TREATY, parties=("USA",)),),
        events=(
            Event(
                id="e",
                date=dt.date(2025, 1, 1),
                kind=EventKind.STATEMENT,
                summary=text,
                notes=text,
                sources=("s",),
            ),
        ),
    )


WRITERS = {
    "json": (dataset_to_json, dataset_from_json),
    "yaml": (dataset_to_yaml, dataset_from_yaml),
    "toml": (dataset_to_toml, dataset_from_toml),
}


@pytest.mark.parametrize("format", list(WRITERS))
@pytest.mark.parametrize(
    "text",
    [
        "“quoted” «cité» \u2018single\u2019 „low“",
        "line\nbreak\r\nwindows\rold mac",
        "next\x85line",
        "\x85",
        "line\u2028separator\u2029paragraph",
        "\ttabbed\t",
        " padded ",
        "yes",
        "2025-01-01",
        "",
    ],
    ids=repr,
)
def test_awkward_text_survives_every_format(format: str, text: str) -> None:
    """Quotes, every kind of line break, tabs, and YAML-looking words read back unchanged."""
    write, read = WRITERS[format]
    dataset = line_break_dataset(text)
    assert read(write(dataset)) == dataset


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
