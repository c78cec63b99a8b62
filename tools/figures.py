"""Regenerate the figures of the docs (and of the README) from the docs' own code.

The figures under ``docs/assets/figures/`` are made by the Python blocks of the pages
in ``PAGES``: a block that calls ``figure.savefig("name.png")`` or writes
``name.mmd``/``name.html`` makes the file of that name. This script runs those blocks
(as the docs tests do) in a scratch directory and copies what they make into
``docs/assets/figures/``; each PNG carries a fingerprint of what it shows (the drawn
items and texts, not the pixels, which vary with matplotlib and its fonts), so that
``tests/docs/test_figures.py`` can tell a stale figure from a fresh one.

Run it after changing a figure's code, the plots or the data::

    python tools/figures.py
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "assets" / "figures"
PAGES = ("docs/tutorial/london-story.md", "docs/gallery.md")
KEY = "Description"
PREFIX = "tradeaccord figure fingerprint "


def _docs_runner() -> Any:
    """The code-block runner of the docs tests (one parser of Markdown blocks, not two)."""
    spec = importlib.util.spec_from_file_location(
        "_docs_blocks", ROOT / "tests" / "docs" / "test_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _round(values: Any) -> Any:
    return [[round(float(x), 3) for x in row] for row in values]


def fingerprint(figure: Any) -> str:
    """A digest of what ``figure`` shows: its texts, bars, markers, lines and their styles."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    items: list[Any] = []
    for ax in figure.axes:
        items.append(
            [
                "axes",
                _round([ax.get_xlim(), ax.get_ylim()]),
                [ax.get_title(loc=loc) for loc in ("left", "center", "right")],
                [t.get_text() for t in ax.get_yticklabels()],
            ]
        )
        for artist in ax.get_children():
            if isinstance(artist, PolyCollection):
                items.append(
                    [
                        "bars",
                        artist.get_gid(),
                        artist.get_hatch(),
                        [to_hex(c) for c in artist.get_facecolors()],
                        [_round(p.vertices) for p in artist.get_paths()],
                    ]
                )
            elif isinstance(artist, Line2D):
                items.append(
                    [
                        "line",
                        artist.get_gid(),
                        artist.get_marker(),
                        str(artist.get_markerfacecolor()),
                        _round(artist.get_xydata()),
                    ]
                )
            elif isinstance(artist, Text) and artist.get_text():
                items.append(["text", artist.get_text(), _round([artist.get_position()])])
    for legend in figure.legends:
        items.append(["legend", [t.get_text() for t in legend.get_texts()]])
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


def png_fingerprint(path: Path) -> str | None:
    """The fingerprint stored in a PNG made by this script, if any."""
    from PIL import Image

    with Image.open(path) as image:
        text = getattr(image, "text", {}).get(KEY, "")
    return text[len(PREFIX) :] if text.startswith(PREFIX) else None


@contextlib.contextmanager
def _capturing() -> Iterator[dict[str, str]]:
    """Record the fingerprint of each figure saved, and store it in the PNG."""
    from matplotlib.figure import Figure

    saved: dict[str, str] = {}
    original = Figure.savefig

    def savefig(self: Any, fname: Any, *args: Any, **kwargs: Any) -> Any:
        digest = fingerprint(self)
        saved[Path(str(fname)).name] = digest
        if str(fname).endswith(".png"):
            kwargs.setdefault("metadata", {})[KEY] = PREFIX + digest
        return original(self, fname, *args, **kwargs)

    Figure.savefig = savefig  # type: ignore[method-assign]
    try:
        yield saved
    finally:
        Figure.savefig = original  # type: ignore[method-assign]


def make(workdir: Path) -> dict[str, str]:
    """Run the pages' blocks in ``workdir``; the fingerprints of the figures saved there."""
    import matplotlib

    matplotlib.use("Agg")
    runner = _docs_runner()
    here = Path.cwd()
    os.chdir(workdir)
    try:
        with _capturing() as saved, contextlib.redirect_stdout(io.StringIO()):
            for page in PAGES:
                path = ROOT / page
                runner._run_blocks(path, runner.runnable_blocks(path))
    finally:
        os.chdir(here)
    return saved


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        make(work)
        FIGURES.mkdir(parents=True, exist_ok=True)
        made = sorted(p.name for p in work.iterdir() if p.is_file())
        for old in FIGURES.iterdir():
            if old.name not in made:
                old.unlink()
        for name in made:
            shutil.copyfile(work / name, FIGURES / name)
    sys.stdout.write("".join(f"docs/assets/figures/{name}\n" for name in made))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
