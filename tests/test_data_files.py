"""Every dataset file shipped — the examples and the embedded dataset — is valid: it
matches the JSON Schema, loads, and is what the embedded dataset is built from.

So are the dataset blocks of the documentation: every fenced ``yaml``, ``toml`` or
``json`` block in ``docs/`` whose first key is ``format``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tradeaccord import example_dataset
from tradeaccord.serialization import (
    dataset_from_text,
    json_schema,
    load_dataset,
    scenario_from_text,
)

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    [
        *(ROOT / "examples" / "data").glob("*.*"),
        *(ROOT / "src" / "tradeaccord" / "data").glob("*.*"),
    ]
)
VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.FormatChecker()
)
SCENARIO_VALIDATOR = jsonschema.Draft202012Validator(
    json_schema("scenario"), format_checker=jsonschema.FormatChecker()
)


def _plain(value: Any) -> Any:
    """Data as JSON has it: native YAML/TOML dates become ``YYYY-MM-DD`` text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _parse(text: str, kind: str) -> Any:
    if kind == "json":
        return json.loads(text)
    if kind == "toml":
        return tomllib.loads(text)
    return yaml.safe_load(text)


def _kind(path: Path) -> str:
    return {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}[path.suffix]


def test_there_are_data_files() -> None:
    """The examples and the package ship dataset files, so the tests below are not empty."""
    assert len(FILES) >= 3
    assert any(f.suffix == ".yaml" for f in FILES) and any(f.suffix == ".toml" for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_data_file_matches_the_schema_and_loads(path: Path) -> None:
    """The file matches the JSON Schema and loads without a problem."""
    data = _plain(_parse(path.read_text(encoding="utf-8"), _kind(path)))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)
    ]
    assert errors == []
    assert load_dataset(path).agreements


def test_the_embedded_dataset_is_the_package_data_file() -> None:
    """``example_dataset()`` is exactly what the TOML file in the package holds."""
    path = ROOT / "src" / "tradeaccord" / "data" / "us-china-2025.toml"
    assert load_dataset(path) == example_dataset()


def test_the_schema_rejects_what_the_reader_rejects() -> None:
    """A misspelt key fails both the schema and the reader (the check can fail)."""
    path = ROOT / "examples" / "data" / "bilateral-truce.yaml"
    text = path.read_text(encoding="utf-8").replace("beneficiary: ARC", "beneficary: ARC")
    data = _plain(yaml.safe_load(text))
    assert list(VALIDATOR.iter_errors(data))
    with pytest.raises(ValueError, match="beneficary"):
        dataset_from_text(text, format="yaml")


_FENCE = re.compile(r"^```(?P<lang>yaml|toml|json)[^\n]*\n(?P<body>.*?)^```", re.M | re.S)


def _dataset_blocks() -> list[tuple[str, str, str]]:
    blocks = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for found in _FENCE.finditer(page.read_text(encoding="utf-8")):
            body = found["body"]
            content = [
                line for line in body.splitlines() if line.strip() and not line.startswith("#")
            ]
            if content and re.match(r'^\{?\s*"?format"?\s*[:=]', content[0]):
                line = page.read_text(encoding="utf-8")[: found.start()].count("\n") + 1
                blocks.append((f"{page.relative_to(ROOT)}:{line}", found["lang"], body))
    return blocks


DOC_BLOCKS = _dataset_blocks()


def test_the_docs_have_dataset_blocks() -> None:
    """The documentation shows datasets in YAML and TOML, so the test below is not empty."""
    assert {lang for _, lang, _ in DOC_BLOCKS} >= {"yaml", "toml"}


@pytest.mark.parametrize(("where", "kind", "text"), DOC_BLOCKS, ids=[b[0] for b in DOC_BLOCKS])
def test_dataset_blocks_in_the_docs_are_valid(where: str, kind: str, text: str) -> None:
    """Each dataset block of the docs matches the schema and loads; each scenario file
    block matches the schema of scenario files, and its expectations hold."""
    data = _plain(_parse(text, kind))
    if isinstance(data, dict) and "scenario" in data:
        errors = [e.message for e in SCENARIO_VALIDATOR.iter_errors(data)]
        assert errors == [], where
        scenario = scenario_from_text(text, format=kind)  # type: ignore[arg-type]
        outcomes = scenario.check(example_dataset())
        assert [o.describe() for o in outcomes if not o.met] == [], where
        return
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert errors == [], where
    dataset_from_text(text, format=kind)  # type: ignore[arg-type]
