"""The figures of the docs and the README are fresh: made by the docs' current code.

``tools/figures.py`` runs the Python blocks of the pages that make figures and copies
what they save into ``docs/assets/figures/``. Here the same blocks run in a scratch
directory: every file they make must be committed, unchanged (Mermaid and HTML byte
for byte; a PNG by the fingerprint of what it shows, stored in the file), and every
committed figure must be made by them. Run ``python tools/figures.py`` to refresh.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFRESH = "stale: run `python tools/figures.py` and commit docs/assets/figures/"


def _tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_figures_tool", ROOT / "tools" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path, dict[str, str]]:
    pytest.importorskip("matplotlib")
    figures = _tools()
    work = tmp_path_factory.mktemp("figures")
    return figures, work, figures.make(work)


def test_every_figure_is_committed_and_fresh(made: tuple[ModuleType, Path, dict[str, str]]) -> None:
    """Each file the docs' code makes is committed under docs/assets/figures, unchanged."""
    figures, work, fingerprints = made
    produced = sorted(p.name for p in work.iterdir() if p.is_file())
    committed = sorted(p.name for p in figures.FIGURES.iterdir())
    assert produced == committed, REFRESH
    for name in produced:
        if name.endswith(".png"):
            stored = figures.png_fingerprint(figures.FIGURES / name)
            assert stored == fingerprints[name], f"{name} {REFRESH}"
        else:
            fresh = (work / name).read_bytes()
            assert fresh == (figures.FIGURES / name).read_bytes(), f"{name} {REFRESH}"


def test_fingerprints_see_what_a_figure_shows() -> None:
    """A different title, bar or marker gives a different fingerprint; the same figure the same."""
    pytest.importorskip("matplotlib")
    import datetime as dt

    import tradeaccord as ta

    figures = _tools()
    history = ta.History(ta.example_dataset())
    one = history.plot(agreements=["london-2025"])
    same = history.plot(agreements=["london-2025"])
    titled = history.plot(agreements=["london-2025"], title="other")
    lined = history.plot(agreements=["london-2025"], as_of=dt.date(2025, 6, 28))
    assert figures.fingerprint(one) == figures.fingerprint(same)
    assert figures.fingerprint(one) != figures.fingerprint(titled)
    assert figures.fingerprint(one) != figures.fingerprint(lined)


def test_readme_shows_a_committed_plot_and_links_the_tutorial() -> None:
    """README.md shows a PNG made by the docs' code and links the London tutorial."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", readme)
    assert images, "README.md shows no picture"
    for image in images:
        path = ROOT / image
        assert path.is_file() and path.parent == ROOT / "docs" / "assets" / "figures", image
    assert "docs/tutorial/london-story.md" in readme
