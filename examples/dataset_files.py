"""Read dataset files written by hand in YAML and TOML, check them, and convert them.

Run from anywhere: ``python examples/dataset_files.py``. Reading YAML needs PyYAML
(``pip install 'tradeaccord[yaml]'``) and writing TOML needs tomli-w
(``pip install 'tradeaccord[toml]'``); reading TOML and JSON needs nothing more.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tradeaccord import evaluate
from tradeaccord.errors import InputError
from tradeaccord.serialization import (
    dataset_from_json,
    dataset_from_toml,
    dataset_from_yaml,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    load_dataset,
)

DATA = Path(__file__).resolve().parent / "data"

# 1. Load each file: the format comes from the suffix.
truce = load_dataset(DATA / "bilateral-truce.yaml")
convention = load_dataset(DATA / "regional-convention.toml")

# 2. Ask the rules engine about them.
for dataset, day in ((truce, dt.date(2026, 5, 1)), (convention, dt.date(2026, 11, 21))):
    for agreement in evaluate(dataset, day).agreements:
        print(f"{agreement.id} on {day}: {agreement.status.value} ({agreement.reason})")

# 3. Any dataset can be written in any of the three formats and read back unchanged.
for dataset in (truce, convention):
    assert dataset_from_json(dataset_to_json(dataset)) == dataset
    assert dataset_from_yaml(dataset_to_yaml(dataset)) == dataset
    assert dataset_from_toml(dataset_to_toml(dataset)) == dataset
print("both datasets round-trip through JSON, YAML and TOML")
print()
print("The truce's entry-into-force clause, as TOML:")
toml = dataset_to_toml(truce)
start = toml.index("[agreements.entry_into_force.when]")
print(toml[start : toml.index("[[agreements.commitments]]")].strip())

# 4. A broken copy: every problem is reported at once, with its path and line.
broken = (DATA / "bilateral-truce.yaml").read_text(encoding="utf-8")
broken = broken.replace("by_all: [ARC, BOR]", "by_all: [ARC, BRD]")
broken = broken.replace("date: 2026-03-20", "date: 2026-02-30")
broken = broken.replace("action: suspend", "action: suspendd")
try:
    dataset_from_yaml(broken, source="broken.yaml")
except InputError as error:
    print()
    print(error)
    assert len(error.problems) == 3
