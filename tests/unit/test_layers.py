"""Import layers: dependencies point one way, from the edges to the core.

Every module under ``src/tradeaccord/`` belongs to a layer (a module in a subpackage
belongs to the layer of its top-level subpackage). A module may import modules of its
own layer or of lower layers, never of a higher one. Imports are read with ``ast``,
wherever they appear in the module, including under ``if TYPE_CHECKING:``.

To add a module, give it a layer in ``LAYERS`` below.

One documented exception lets a value reach the presentation edge: a *display hook*,
a method of a core value class named in ``DISPLAY_HOOKS`` (``_repr_html_``, ``plot``,
``to_records``...), may import ``tradeaccord._display`` inside its body, provided the
body does nothing but that import and ``return`` a call of what it imported. Nothing
else in the core imports the edge, at module level or in any other function; the
display package itself reads results and never reaches the evaluation modules; and
matplotlib and pandas are imported only when a display function runs. See "Display
methods on core values" in docs/explanation/design-decisions.md.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
import textwrap
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
    # what-if scenarios: changes to a dataset's events
    "_scenario": 3,
    # 4: the engine: timelines, sweeps, the history, explanations, rules, reports
    "_engine": 4,
    # 5: reading and writing files, JSON Schema, report data, problems in input; the
    # embedded dataset, read with them. The engine never imports them.
    "_io": 5,
    "_dataset": 5,
    # expectations about a history, and scenario files that state them
    "_expectations": 5,
    # 6: edges: presentation, formats, strategies, command line, public façade
    "_render": 6,
    "_display": 6,
    "serialization": 6,
    "testing": 6,
    "_cli": 6,
    "__main__": 6,
    "pytest_plugin": 6,
    "__init__": 6,
}
EDGE_LAYER = 6
CORE_LAYERS = range(EDGE_LAYER)

#: The modules of the engine subpackage, low to high: each imports only those before it.
ENGINE_MODULES: tuple[str, ...] = (
    "collector",
    "steps",
    "values",
    "results",
    "policy",
    "index",
    "evidence",
    "primitives",
    "counting",
    "thresholds",
    "sweeps",
    "explain",
    "rules",
    "default_rules",
    "report",
    "intervals",
    "statuses",
    "parties",
    "outlook",
    "history",
    "__init__",
)

#: Modules allowed to import dateutil and cattrs (edge modules may also import cattrs).
DATEUTIL_USERS = frozenset({"_calendar"})
CATTRS_USERS = frozenset({"serialization", "_io"})
#: Modules the core must not import: it neither prints nor logs.
OUTPUT_MODULES = frozenset({"logging", "pprint", "structlog", "loguru", "rich"})
#: Method names that read the clock (``date.today()``, ``datetime.now()``...).
CLOCK_METHODS = frozenset({"today", "now", "utcnow"})

#: The presentation package that display hooks of core values may import when called.
DISPLAY_PACKAGE = "_display"
#: The methods of core value classes that may be display hooks.
DISPLAY_HOOKS = frozenset(
    {"_repr_html_", "_repr_markdown_", "_repr_mimebundle_", "plot", "to_records", "to_frame"}
)
#: Engine modules the display package may read: results, histories and timelines, never
#: the modules that evaluate (sweeps, rules, explanations, reports, indexes, policies).
DISPLAY_READS = frozenset({"results", "intervals", "history", "steps", "values"})
#: Optional packages: imported only inside functions of the display package, or for
#: annotations under ``if TYPE_CHECKING:``.
OPTIONAL_PACKAGES = frozenset({"matplotlib", "pandas"})


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
    hooks = display_hook_imports(path)
    violations = []
    for target, line in internal_targets(path):
        if target == own or (target == DISPLAY_PACKAGE and line in hooks):
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


ENGINE = SRC / "_engine"


def test_engine_modules_listed() -> None:
    """Every module of the engine subpackage has its place in ``ENGINE_MODULES``."""
    found = sorted(p.stem for p in ENGINE.glob("*.py"))
    assert found == sorted(ENGINE_MODULES)


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=_ids)
def test_engine_modules_import_only_those_below(path: Path) -> None:
    """Inside the engine, a module imports only the engine modules listed before it.

    ``RuleSet.default()`` reads the default rules when called: that one import points up.
    """
    rank = ENGINE_MODULES.index(path.stem)
    problems = []
    for name, line in imported_modules(path):
        parts = name.split(".")
        if parts[:2] != [PACKAGE, "_engine"] or len(parts) < 3:
            continue
        target = parts[2]
        if target not in ENGINE_MODULES:
            continue
        allowed = (path.stem, target) == ("rules", "default_rules")
        if ENGINE_MODULES.index(target) >= rank and target != path.stem and not allowed:
            problems.append(f"line {line}: imports _engine.{target}, listed after {path.stem}")
    _report(path, problems)


# --- display hooks and optional packages ---------------------------------------------


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_display_import(node: ast.stmt, path: Path) -> bool:
    if not isinstance(node, ast.ImportFrom):
        return False
    base = _resolve_relative(path, node.module, node.level) if node.level else node.module or ""
    return base.split(".")[:2] == [PACKAGE, DISPLAY_PACKAGE]


def _thin_hook(function: ast.FunctionDef, path: Path) -> bool:
    """Whether ``function`` is (docstring,) one display import, then ``return`` a call."""
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    imported = set()
    if len(body) == 2 and _is_display_import(body[0], path):
        imported = {a.asname or a.name for a in body[0].names}  # type: ignore[attr-defined]
    return (
        bool(imported)
        and isinstance(body[1], ast.Return)
        and isinstance(body[1].value, ast.Call)
        and isinstance(body[1].value.func, ast.Name)
        and body[1].value.func.id in imported
    )


def display_hook_imports(path: Path) -> set[int]:
    """The lines of the sanctioned display-hook imports of a core module."""
    if _layer(path) == EDGE_LAYER:
        return set()
    return _hook_lines(_tree(path), path)


def _hook_lines(tree: ast.Module, path: Path) -> set[int]:
    """The lines of the display imports of ``tree`` (the source of ``path``) that are thin hooks."""
    parents = _parents(tree)
    lines = set()
    for node in ast.walk(tree):
        if not _is_display_import(node, path):  # type: ignore[arg-type]
            continue
        function = parents.get(node)
        if (
            isinstance(function, ast.FunctionDef)
            and function.name in DISPLAY_HOOKS
            and isinstance(parents.get(function), ast.ClassDef)
            and _thin_hook(function, path)
        ):
            lines.add(node.lineno)
    return lines


def test_display_hooks_found() -> None:
    """Display hooks exist in each core layer that has values to show, so the checks bite."""
    found = {
        _key(path) for path in MODULES if _layer(path) != EDGE_LAYER and display_hook_imports(path)
    }
    assert {"_conditions", "_model", "_engine"} <= found


def test_a_fat_display_hook_is_refused() -> None:
    """A hook that does more than import and return, or lives outside a class, is not sanctioned."""
    fake = SRC / "_engine" / "results.py"
    source = textwrap.dedent(
        """\
        class A:
            def plot(self):
                from .._display.plot import plot_report
                return plot_report(self)

            def _repr_html_(self):
                from .._display import render_html
                print("side effect")
                return render_html(self)

            def other(self):
                from .._display import render_html
                return render_html(self)

        def plot(self):
            from .._display.plot import plot_report
            return plot_report(self)
        """
    )
    # Only the first method is a hook: thin, in a class, named as a hook.
    assert _hook_lines(ast.parse(source), fake) == {3}


@pytest.mark.parametrize("path", sorted((SRC / DISPLAY_PACKAGE).glob("*.py")), ids=_ids)
def test_display_reads_results_never_evaluates(path: Path) -> None:
    """The display package imports from the engine only results, histories and timelines."""
    problems = []
    for name, line in imported_modules(path):
        parts = name.split(".")
        if parts[:2] == [PACKAGE, "_engine"] and len(parts) > 2:
            module = parts[2]
            if (ENGINE / f"{module}.py").is_file() and module not in DISPLAY_READS:
                problems.append(f"line {line}: imports _engine.{module}, which evaluates")
    _report(path, problems)


def _under_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _in_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return True
    return False


@modules
def test_optional_packages_imported_lazily(path: Path) -> None:
    """matplotlib and pandas are imported in display functions or for annotations only."""
    tree = _tree(path)
    parents = _parents(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            roots = {node.module.split(".")[0]}
        else:
            continue
        optional = roots & OPTIONAL_PACKAGES
        if not optional or _under_type_checking(node, parents):
            continue
        if _key(path) != DISPLAY_PACKAGE or not _in_function(node, parents):
            problems.append(f"line {node.lineno}: imports {', '.join(sorted(optional))}")
    _report(path, problems)


def test_importing_the_package_loads_no_optional_package() -> None:
    """``import tradeaccord`` loads neither matplotlib nor pandas."""
    code = (
        "import sys, tradeaccord; "
        "print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


#: Subpackages and modules the core (layers 0-4) must never import: reading and writing
#: files, and the embedded dataset read with them.
IO_MODULES = frozenset({"_io", "_dataset", "serialization"})


@modules
def test_the_core_reads_no_files(path: Path) -> None:
    """The model, conditions and engine never import the readers or the embedded data."""
    if _layer(path) >= LAYERS["_io"]:
        return
    _report(
        path,
        [
            f"line {line}: imports {target!r}"
            for target, line in internal_targets(path)
            if target in IO_MODULES
        ],
    )
