"""Import layers: dependencies point one way, from the edges to the core.

Every module under ``src/tradeaccord/`` belongs to a layer (a module in a subpackage
belongs to the layer of its top-level subpackage). A module may import modules of its
own layer or of lower layers, never of a higher one. Imports are read with ``ast``,
wherever they appear in the module, including under ``if TYPE_CHECKING:``.

To add a module, give it a layer in ``LAYERS`` below.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "tradeaccord"
SRC = Path(__file__).resolve().parents[2] / "src" / PACKAGE

#: Layer of each top-level module or subpackage of ``tradeaccord``, low to high.
LAYERS: dict[str, int] = {
    # 0: the exception root
    "errors": 0,
    # 1: periods and day-count rules, validators, three-valued truth, vocabularies
    "_calendar": 1,
    "_validators": 1,
    "_truth": 1,
    "_vocabulary": 1,
    # 2: the condition algebra (data only; refers to the model by id)
    "_conditions": 2,
    # 3: the domain model (agreements hold conditions)
    "_model": 3,
    # 4: the engine: timelines, rules, evaluation, reports
    "_timeline": 4,
    "_engine": 4,
    "_rules": 4,
    "_report": 4,
    "_oracle": 4,
    # 5: edges: presentation, formats, strategies, command line, public façade
    # reading and writing files, JSON Schema, report data, problems in input
    "_io": 5,
    # the embedded dataset, read with _io (so the engine never imports it)
    "_dataset": 5,
    "_render": 5,
    "serialization": 5,
    "testing": 5,
    "_cli": 5,
    "__main__": 5,
    "__init__": 5,
}
EDGE_LAYER = 5
CORE_LAYERS = range(EDGE_LAYER)

#: Modules allowed to import dateutil and cattrs (edge modules may also import cattrs).
DATEUTIL_USERS = frozenset({"_calendar"})
CATTRS_USERS = frozenset({"serialization"})
#: Modules the core must not import: it neither prints nor logs.
OUTPUT_MODULES = frozenset({"logging", "pprint", "structlog", "loguru", "rich"})
#: Method names that read the clock (``date.today()``, ``datetime.now()``...).
CLOCK_METHODS = frozenset({"today", "now", "utcnow"})


def _module_name(path: Path) -> str:
    """Return the dotted module name of a source file, e.g. ``tradeaccord._engine.rules``."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1 and parts[:-1] != (PACKAGE,):
        parts = parts[:-1]
    return ".".join(parts)


def _key(path: Path) -> str:
    """Return the layer key of a source file: its top-level module or subpackage."""
    return path.relative_to(SRC).with_suffix("").parts[0]


MODULES = sorted(SRC.rglob("*.py")) if SRC.is_dir() else []


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _layer(path: Path) -> int:
    """Return the layer of ``path``, failing the test if it has none."""
    key = _key(path)
    if key not in LAYERS:
        pytest.fail(
            f"{_module_name(path)} has no layer: assign {key!r} a layer in LAYERS "
            f"in tests/unit/test_layers.py",
            pytrace=False,
        )
    return LAYERS[key]


def _resolve_relative(path: Path, module: str | None, level: int) -> str:
    """Return the absolute dotted name of ``from <level dots><module> import ...``."""
    # The package of both ``pkg/__init__.py`` and ``pkg/mod.py`` is ``pkg``.
    package = list(path.parent.relative_to(SRC.parent).parts)
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imported_modules(path: Path) -> Iterator[tuple[str, int]]:
    """Yield ``(absolute dotted name, line)`` for every module ``path`` imports.

    ``from package import name`` yields ``package.name``; whether that is a module or an
    attribute is decided by the caller. ``from package import *`` yields ``package``.
    """
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _resolve_relative(path, node.module, node.level)
            else:
                base = node.module or ""
            for alias in node.names:
                name = base if alias.name == "*" else f"{base}.{alias.name}"
                yield name, node.lineno


def internal_targets(path: Path) -> Iterator[tuple[str, int]]:
    """Yield ``(layer key, line)`` for every ``tradeaccord`` module ``path`` imports."""
    for name, line in imported_modules(path):
        parts = name.split(".")
        if parts[0] != PACKAGE:
            continue
        if len(parts) == 1:
            yield "__init__", line  # ``import tradeaccord`` runs the façade
        elif (
            (SRC / parts[1]).is_dir() or (SRC / f"{parts[1]}.py").is_file() or (parts[1] in LAYERS)
        ):
            yield parts[1], line
        else:
            yield "__init__", line  # ``from tradeaccord import Name`` uses the façade


def third_party_roots(path: Path) -> Iterator[tuple[str, int]]:
    """Yield ``(top-level package, line)`` for every absolute import."""
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0], node.lineno


def _report(path: Path, problems: list[str]) -> None:
    """Fail the test, naming the module and listing ``problems``, if there are any."""
    if problems:
        unique = sorted(set(problems), key=lambda p: (int(p.split()[1].rstrip(":")), p))
        pytest.fail(f"{_module_name(path)}:\n  " + "\n  ".join(unique), pytrace=False)


def _ids(path: Path) -> str:
    return _module_name(path)


modules = pytest.mark.parametrize("path", MODULES, ids=_ids)


def test_package_sources_found() -> None:
    """The package sources exist, so the per-module checks below are never empty."""
    assert (SRC / "__init__.py").is_file(), f"{SRC / '__init__.py'} not found"


@modules
def test_module_has_a_layer(path: Path) -> None:
    """The module is assigned a layer."""
    _layer(path)


@modules
def test_imports_point_down(path: Path) -> None:
    """The module imports only tradeaccord modules of its own or a lower layer."""
    layer = _layer(path)
    own = _key(path)
    violations = []
    for target, line in internal_targets(path):
        if target == own:
            continue
        if target not in LAYERS:
            violations.append(f"line {line}: imports {target!r}, which has no layer")
        elif LAYERS[target] > layer:
            violations.append(
                f"line {line}: imports {target!r} (layer {LAYERS[target]}) from layer {layer}"
            )
    _report(path, violations)


@modules
def test_dateutil_only_in_calendar(path: Path) -> None:
    """Only the calendar module imports dateutil."""
    if _key(path) in DATEUTIL_USERS:
        return
    _report(
        path,
        [
            f"line {line}: imports dateutil"
            for root, line in third_party_roots(path)
            if root == "dateutil"
        ],
    )


@modules
def test_cattrs_only_at_the_edges(path: Path) -> None:
    """Only serialization and the edge modules import cattrs."""
    if _key(path) in CATTRS_USERS or _layer(path) == EDGE_LAYER:
        return
    _report(
        path,
        [
            f"line {line}: imports cattrs"
            for root, line in third_party_roots(path)
            if root == "cattrs"
        ],
    )


@modules
def test_core_neither_prints_nor_logs(path: Path) -> None:
    """Core modules (layers 0-4) do not call print, write to sys.stdout/stderr or log.

    Calls are found in the syntax tree rather than the text, so ``print(...)`` inside a
    docstring example is allowed.
    """
    if _layer(path) not in CORE_LAYERS:
        return
    problems = [
        f"line {line}: imports {root}"
        for root, line in third_party_roots(path)
        if root in OUTPUT_MODULES
    ]
    for node in ast.walk(_tree(path)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
        ):
            problems.append(f"line {node.lineno}: calls print()")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in {"stdout", "stderr"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            problems.append(f"line {node.lineno}: uses sys.{node.attr}")
    _report(path, problems)


@modules
def test_core_does_not_read_the_clock(path: Path) -> None:
    """Core modules (layers 0-4) never call ``today()``/``now()`` or import ``time``."""
    if _layer(path) not in CORE_LAYERS:
        return
    problems = [
        f"line {line}: imports time" for root, line in third_party_roots(path) if root == "time"
    ]
    for node in ast.walk(_tree(path)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CLOCK_METHODS
        ):
            problems.append(f"line {node.lineno}: calls .{node.func.attr}()")
    _report(path, problems)


#: Subpackages and modules the core (layers 0-4) must never import: reading and writing
#: files, and the embedded dataset read with them.
IO_MODULES = frozenset({"_io", "_dataset", "serialization"})


@modules
def test_the_core_reads_no_files(path: Path) -> None:
    """The model, conditions and engine never import the readers or the embedded data."""
    if _layer(path) not in CORE_LAYERS:
        return
    _report(
        path,
        [
            f"line {line}: imports {target!r}"
            for target, line in internal_targets(path)
            if target in IO_MODULES
        ],
    )
