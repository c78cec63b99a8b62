"""The documentation is tested like code.

* Every fenced code block tagged ``python`` (or ``py``) in ``docs/**/*.md`` and in
  ``README.md`` is executed. The blocks of one Markdown file run in order, in one fresh
  module namespace, so a later block can use names defined by an earlier one. There is
  one test per Markdown file that has at least one runnable block; its id is the file's
  path relative to the repository root. Blocks run with a temporary directory as the
  working directory, so a block may write files freely.
* Blocks tagged anything else (``pycon``, ``text``, ``console``, ``sh``, ``json``, ...)
  are never run.
* To keep a ``python`` block out of the test run, put the HTML comment
  ``<!-- skip-test -->`` on the line immediately before its opening fence::

      <!-- skip-test -->
      ```python
      this_block_is_not_run()
      ```

  The comment is invisible in the rendered site. Use it sparingly: for a fragment that
  cannot run on its own, prefer a complete example.
* The site builds with ``mkdocs build --strict``.
* The public API (``tradeaccord.__all__``) is sorted, resolvable, documented in the API
  reference page, and every public class and function has a docstring.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import subprocess
import sys
import textwrap
import traceback
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
README = ROOT / "README.md"

#: Info-string languages whose blocks are executed.
RUN_LANGUAGES = frozenset({"python", "py"})
#: The marker that, on the line just before an opening fence, skips that block.
SKIP_MARKER = "<!-- skip-test -->"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block found in a Markdown file."""

    language: str
    source: str
    #: 1-based line number of the first line of code (the line after the opening fence).
    first_line: int
    skipped: bool

    @property
    def fence_line(self) -> int:
        """Return the 1-based line number of the opening fence."""
        return self.first_line - 1


def _language(info: str) -> str:
    """Return the language named by a fence info string (``python title="x"`` -> python)."""
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


def iter_code_blocks(text: str) -> Iterator[CodeBlock]:
    """Yield every fenced code block of a Markdown document, in order."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        skipped = i > 0 and lines[i - 1].strip() == SKIP_MARKER
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            closing = _FENCE.match(lines[j])
            if (
                closing is not None
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j])
            j += 1
        source = textwrap.dedent("\n".join(body))
        yield CodeBlock(_language(opening["info"]), source, i + 2, skipped)
        i = j + 1


def runnable_blocks(path: Path) -> list[CodeBlock]:
    """Return the blocks of ``path`` that the test suite executes."""
    blocks = iter_code_blocks(path.read_text(encoding="utf-8"))
    return [b for b in blocks if b.language in RUN_LANGUAGES and not b.skipped]


def markdown_files() -> list[Path]:
    """Return README.md and every Markdown file under docs/, sorted."""
    return [README, *sorted(DOCS.rglob("*.md"))]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


FILES_WITH_CODE = [p for p in markdown_files() if runnable_blocks(p)]


def test_markdown_discovery_finds_readme_and_docs() -> None:
    """Markdown discovery sees README.md and the docs home page."""
    found = {_relative(p) for p in markdown_files()}
    assert {"README.md", "docs/index.md"} <= found


def test_block_extraction_honours_tags_skip_marker_and_line_numbers() -> None:
    """Extraction tags blocks by language, honours the skip marker and keeps line numbers."""
    sample = textwrap.dedent(
        """\
        # Title

        ```python
        a = 1
        ```

        ```pycon
        >>> a
        ```

        <!-- skip-test -->
        ```python
        raise RuntimeError
        ```

        !!! note
            ```python title="indented"
            b = a + 1
            ```

        ````markdown
        ```python
        nested = True
        ```
        ````

        ```console
        $ tradeaccord status
        ```
        """
    )
    blocks = list(iter_code_blocks(sample))
    assert [(b.language, b.skipped) for b in blocks] == [
        ("python", False),
        ("pycon", False),
        ("python", True),
        ("python", False),
        ("markdown", False),
        ("console", False),
    ]
    run = [b for b in blocks if b.language in RUN_LANGUAGES and not b.skipped]
    assert [(b.source, b.first_line) for b in run] == [("a = 1", 4), ("b = a + 1", 18)]


def _run_blocks(path: Path, blocks: list[CodeBlock]) -> None:
    """Execute ``blocks`` in order in one fresh module; fail naming file and block line."""
    name = "docs_" + re.sub(r"\W", "_", _relative(path))
    module = types.ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # lets pickling, typing and attrs resolve the namespace
    try:
        for block in blocks:
            # Pad with blank lines so that tracebacks point at the Markdown line.
            source = "\n" * (block.first_line - 1) + block.source
            failure = None
            try:
                exec(compile(source, str(path), "exec"), module.__dict__)
            except (Exception, SystemExit) as exc:
                tb = exc.__traceback__.tb_next if exc.__traceback__ else None
                details = "".join(traceback.format_exception(type(exc), exc, tb))
                failure = (
                    f"{_relative(path)}: python block at line {block.fence_line} raised "
                    f"{type(exc).__name__}: {exc}\n\n{details}"
                )
            if failure is not None:
                pytest.fail(failure, pytrace=False)
    finally:
        del sys.modules[name]


@pytest.mark.parametrize("path", FILES_WITH_CODE, ids=_relative)
def test_markdown_python_blocks_run(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every python block of one Markdown file runs, in order, without raising."""
    monkeypatch.chdir(tmp_path)
    _run_blocks(path, runnable_blocks(path))


def test_docs_build_strict(tmp_path: Path) -> None:
    """The documentation site builds with ``mkdocs build --strict``."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}\n{result.stdout}"


def test_ci_script_runs_the_readme_test_command() -> None:
    """.ci/run is executable and runs exactly the test command given in README.md."""
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), ".ci/run is not executable"
    commands = [
        line.strip()
        for block in iter_code_blocks(README.read_text(encoding="utf-8"))
        if block.language in {"console", "sh", "bash", "shell"}
        for line in block.source.splitlines()
        if "pytest" in line
    ]
    assert len(commands) == 1, f"expected one test command in README.md, found {commands}"
    script_lines = [
        line.strip()
        for line in script.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert script_lines[-1] == commands[0]


# --- public API --------------------------------------------------------------


@pytest.fixture(scope="module")
def package() -> types.ModuleType:
    """The ``tradeaccord`` package, imported fresh for the API checks."""
    return importlib.import_module("tradeaccord")


def test_all_is_sorted_and_unique(package: types.ModuleType) -> None:
    """``tradeaccord.__all__`` is a sorted list of distinct names."""
    names = list(package.__all__)
    assert names, "tradeaccord.__all__ is empty"
    assert len(names) == len(set(names)), "tradeaccord.__all__ has duplicates"
    assert names == sorted(names), "tradeaccord.__all__ is not sorted"


def test_all_names_resolve(package: types.ModuleType) -> None:
    """Every name in ``tradeaccord.__all__`` is an attribute of the package."""
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert not missing, f"names in tradeaccord.__all__ that do not resolve: {missing}"


def test_api_reference_renders_the_package() -> None:
    """docs/reference/api.md renders the package (and so its ``__all__``) with mkdocstrings."""
    text = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    assert re.search(r"^::: tradeaccord[ \t]*$", text, flags=re.MULTILINE), (
        "docs/reference/api.md must contain the line '::: tradeaccord'"
    )


def test_public_classes_and_functions_have_docstrings(package: types.ModuleType) -> None:
    """Every public class and function in ``tradeaccord.__all__`` has a docstring."""
    undocumented = []
    for name in package.__all__:
        obj = getattr(package, name)
        # __doc__ rather than inspect.getdoc: getdoc inherits a base class's docstring.
        is_class_or_function = inspect.isclass(obj) or inspect.isroutine(obj)
        if is_class_or_function and not (obj.__doc__ or "").strip():
            undocumented.append(name)
    assert not undocumented, f"public names without a docstring: {undocumented}"
