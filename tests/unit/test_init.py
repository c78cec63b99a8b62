"""The package façade: public names imported on first use, and nothing else at import."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import tradeaccord

INIT = Path(tradeaccord.__file__)


def _type_checking_imports() -> dict[str, str]:
    """The names imported under ``if TYPE_CHECKING:`` in ``__init__.py``, by module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    found[alias.asname or alias.name] = "." * statement.level + (
                        statement.module or ""
                    )
    return found


def test_the_static_imports_the_lazy_table_and_all_agree() -> None:
    """Type checkers and the docs see the same names, from the same modules, as the
    runtime table; and they are exactly ``__all__``."""
    static = _type_checking_imports()
    assert static == tradeaccord._DEFINED_IN
    assert sorted(static) == sorted(tradeaccord.__all__)


def test_every_public_name_is_the_object_of_its_module() -> None:
    """Each name resolves to the object its module defines, and is kept once resolved."""
    import importlib

    for name, module in tradeaccord._DEFINED_IN.items():
        value = getattr(tradeaccord, name)
        assert value is getattr(importlib.import_module(module, "tradeaccord"), name)
        assert tradeaccord.__dict__[name] is value
    assert set(tradeaccord.__all__) <= set(dir(tradeaccord))


def test_an_unknown_name_is_an_attribute_error() -> None:
    """Asking for a name the package does not have fails as for any module."""
    try:
        tradeaccord.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("expected an AttributeError")


def _loaded_after(code: str) -> dict[str, list[str]]:
    script = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps({'ours': sorted(m for m in sys.modules if m.startswith('tradeaccord')),"
        " 'others': sorted(m.split('.')[0] for m in sys.modules)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_importing_the_package_loads_no_module_of_it() -> None:
    """``import tradeaccord`` loads neither a reader, nor the schema, nor the embedded
    dataset, nor the engine; nor cattrs, dateutil or PyYAML."""
    loaded = _loaded_after("import tradeaccord")
    assert loaded["ours"] == ["tradeaccord"]
    assert not {"cattrs", "dateutil", "yaml", "tomllib"} & set(loaded["others"])


def test_reading_files_loads_no_evaluation() -> None:
    """The readers, the schema and the embedded dataset load the report values of the
    engine (``results``, for report JSON), not the sweeps, the rules or the history."""
    loaded = _loaded_after(
        "import tradeaccord as ta, tradeaccord.serialization as s\n"
        "ta.example_dataset(); s.json_schema('scenario')\n"
        's.scenario_from_text(\'{"format": 1, "scenario": {"name": "x"}}\', format=\'json\')'
    )
    engine = [m for m in loaded["ours"] if m.startswith("tradeaccord._engine")]
    assert engine == ["tradeaccord._engine", "tradeaccord._engine.results"]


def test_using_the_model_loads_no_reader() -> None:
    """Building values and evaluating them loads the model and the engine, not the
    readers, the schema or the embedded dataset (and not cattrs)."""
    loaded = _loaded_after(
        "import datetime as dt, tradeaccord as ta\n"
        "ds = ta.Dataset(parties=(ta.Party(id='USA', name='US'),))\n"
        "ta.evaluate(ds, dt.date(2025, 1, 1))"
    )
    assert "tradeaccord._model" in loaded["ours"]
    assert not [
        m for m in loaded["ours"] if m.startswith(("tradeaccord._io", "tradeaccord._dataset"))
    ]
    assert "cattrs" not in loaded["others"]


def test_the_embedded_dataset_loads_when_first_asked_for() -> None:
    """The module of the embedded dataset (and the readers) loads when ``example_dataset``
    is first used, and the JSON Schema does not."""
    loaded = _loaded_after("import tradeaccord as ta\nta.example_dataset")
    assert "tradeaccord._dataset" in loaded["ours"]
    assert "tradeaccord._io.schema" not in loaded["ours"]
