"""The built docs site, checked in a real browser: headless Debian Chromium via Playwright.

The site is built (``mkdocs build --strict``), served on a loopback port and opened page
by page. Every page must load with no console error, no uncaught exception, no failed
or off-site request (the site works offline); every image must load; every Mermaid
block must become an SVG diagram; search must answer; the API reference must list
the documented names and their members; and screenshots of the key pages must not be
blank.

These tests carry the ``browser`` marker. They need Debian's ``chromium`` (or the
browser named by ``TRADEACCORD_CHROMIUM``) and the ``playwright`` package: without
them they are skipped with the reason, except under ``CI=true``, where they fail, so
that CI cannot pass without running them (``.ci/run`` installs chromium first).
Screenshots are written to ``TRADEACCORD_SCREENSHOTS`` when it is set.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tradeaccord as ta

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Make shadow roots open, so that the SVG material puts in a closed one can be read.
OPEN_SHADOWS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, {mode: "open"}));
};
"""
KEY_PAGES = (
    "index.md",
    "tutorial/london-story.md",
    "gallery.md",
    "how-to/display-results.md",
    "reference/api.md",
)
TIMEOUT_MS = 20_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason}; CI must run the browser check (.ci/run installs chromium)")
    pytest.skip(reason)


def _url_of(page: str) -> str:
    """The site path of a Markdown page (directory URLs): ``a/b.md`` -> ``a/b/``."""
    path = page.removesuffix(".md")
    if path == "index":
        return ""
    return path.removesuffix("/index") + "/"


PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


@pytest.fixture(scope="module")
def chromium() -> str:
    path = os.environ.get("TRADEACCORD_CHROMIUM") or shutil.which("chromium")
    if not path:
        _unavailable("Debian's chromium is not installed: apt-get install -y chromium")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, args=FLAGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("TRADEACCORD_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """One page opened in a fresh browser context, with everything that went wrong."""

    def __init__(self, browser: Any, base_url: str, path: str) -> None:
        self.problems: list[str] = []
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(OPEN_SHADOWS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("request", self._request)
        self.page.on("response", self._response)
        response = self.page.goto(base_url + path, wait_until="load")
        if response is None or response.status != 200:
            self.problems.append(f"{path}: HTTP {response.status if response else 'none'}")

    def _console(self, message: Any) -> None:
        if message.type in {"error", "assert"}:
            self.problems.append(f"console {message.type}: {message.text}")

    def _failed(self, request: Any) -> None:
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.base_url, "data:", "blob:")):
            self.problems.append(f"off-site request: {request.url}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, base_url: str) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(path: str) -> Visit:
        page = Visit(browser, base_url, path)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


def _mermaid_blocks(site: Path, url: str) -> int:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return len(re.findall(r'<pre class="mermaid">', html))


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly(page: str, visit: Any, site: Path) -> None:
    """The page loads with no console error or failed request; images load; Mermaid renders."""
    url = _url_of(page)
    opened = visit(url)
    tab = opened.page
    tab.wait_for_load_state("networkidle")
    images = tab.eval_on_selector_all(
        "img", "els => els.map(e => [e.getAttribute('src'), e.complete, e.naturalWidth])"
    )
    for src, complete, width in images:
        if not (complete and width > 0):
            opened.problems.append(f"image did not load: {src}")
    expected = _mermaid_blocks(site, url)
    if expected:
        tab.wait_for_function(
            "n => document.querySelectorAll('pre.mermaid').length === 0"
            " && document.querySelectorAll('div.mermaid').length === n",
            arg=expected,
        )
        diagrams = tab.eval_on_selector_all(
            "div.mermaid",
            """els => els.map(e => {
                const svg = e.shadowRoot && e.shadowRoot.querySelector('svg');
                const box = e.getBoundingClientRect();
                return [!!svg, svg ? svg.querySelectorAll('g.node').length : 0,
                        box.width, box.height];
            })""",
        )
        for k, (has_svg, nodes, width, height) in enumerate(diagrams):
            if not has_svg or nodes == 0 or width < 50 or height < 30:
                opened.problems.append(
                    f"Mermaid diagram {k + 1} did not render: svg={has_svg}, nodes={nodes}, "
                    f"size={width:.0f}x{height:.0f}"
                )
    assert opened.problems == [], "\n".join(opened.problems)


def test_pages_found() -> None:
    """The docs have pages, diagrams and images to check."""
    assert len(PAGES) >= 15
    assert "gallery.md" in PAGES and "tutorial/london-story.md" in PAGES


def test_diagrams_show_their_labels(visit: Any) -> None:
    """The tutorial's diagrams are SVGs that show the labels of the Mermaid text."""
    opened = visit("tutorial/london-story/")
    tab = opened.page
    tab.wait_for_function("document.querySelectorAll('div.mermaid').length === 2")
    texts = tab.eval_on_selector_all(
        "div.mermaid", "els => els.map(e => e.shadowRoot.querySelector('svg').textContent)"
    )
    assert "approval of london-2025 by USA" in texts[0]
    assert "us-rollback-export-restrictions" in texts[0]
    assert "in force since 2025-06-27" in texts[1]
    assert opened.problems == []


def test_mermaid_renders_every_diagram_of_the_embedded_dataset(
    visit: Any, hostile_dataset: ta.Dataset
) -> None:
    """Mermaid (as served by the site) parses and renders each diagram of the embedded data.

    Also a diagram with unknown (dashed) nodes, and one of labels full of markup.
    """
    import datetime as dt

    data = ta.example_dataset()
    history = ta.History(data)
    strict = ta.History(data, policy=ta.EvidencePolicy(min_confidence=ta.Confidence.HIGH))
    texts = [ta.diagram(data).text, ta.diagram(data, direction="TB").text]
    for agreement in data.agreements:
        texts.append(ta.diagram(history, agreement.id, as_of=dt.date(2025, 11, 12)).text)
    texts.append(ta.diagram(strict, "london-2025", as_of=dt.date(2025, 6, 28)).text)
    assert "stroke-dasharray" in texts[-1]
    texts.append(ta.diagram(hostile_dataset, as_of=dt.date(2025, 2, 1)).text)
    opened = visit("gallery/")
    results = opened.page.evaluate(
        """async texts => {
            const out = [];
            for (const [k, text] of texts.entries()) {
                try {
                    await mermaid.parse(text);
                    const {svg} = await mermaid.render(`check${k}`, text);
                    const fine = svg.startsWith('<svg') && svg.includes('class="node')
                        && !svg.includes('<script');
                    out.push(fine ? 'ok' : svg.slice(0, 80));
                } catch (error) { out.push(String(error)); }
            }
            return out;
        }""",
        texts,
    )
    assert results == ["ok"] * len(texts)
    assert opened.problems == []


def test_search_returns_results(visit: Any) -> None:
    """Typing in the search box lists results, the London tutorial among them.

    The search index loads in a worker after the page: wait until the search says it
    is ready, then type key by key (material reads the query on key presses).
    """
    opened = visit("")
    tab = opened.page
    tab.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !/initializing/i.test(m.textContent); }"
    )
    tab.locator("input.md-search__input").press_sequentially("London framework", delay=20)
    tab.wait_for_selector(".md-search-result__item", state="attached")
    links = tab.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links and any("london-story" in link for link in links), links
    assert opened.problems == []


def test_api_reference_lists_documented_members(visit: Any) -> None:
    """The API page has a heading for every public name and for the display methods."""
    opened = visit("reference/api/")
    ids = set(opened.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    missing = [name for name in ta.__all__ if f"tradeaccord.{name}" not in ids]
    assert missing == []
    members = [
        "tradeaccord.Report.plot",
        "tradeaccord.Report.to_records",
        "tradeaccord.Report.to_frame",
        "tradeaccord.History.plot",
        "tradeaccord.History.to_records",
        "tradeaccord.History.to_frame",
        "tradeaccord.Diagram.markdown",
        "tradeaccord.History.changes",
        "tradeaccord.Dataset.with_events",
    ]
    assert [m for m in members if m not in ids] == []
    assert opened.problems == []


def _blank(png: bytes) -> str | None:
    """Why a screenshot looks blank, or ``None`` when it shows something."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
        total = sum(histogram)
        background = max(histogram)
        levels = sum(1 for count in histogram if count > total / 10_000)
    if (total - background) / total < 0.03:
        return f"{100 * background / total:.1f}% of the pixels share one colour"
    if levels < 8:
        return f"only {levels} shades"
    return None


@pytest.mark.parametrize("page", KEY_PAGES)
def test_screenshots_of_key_pages_are_not_blank(page: str, visit: Any, screenshots: Path) -> None:
    """A screenshot of each key page shows text and pictures, not an empty frame."""
    opened = visit(_url_of(page))
    tab = opened.page
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("document.querySelectorAll('pre.mermaid').length === 0")
    png = tab.screenshot()
    (screenshots / (page.replace("/", "-").removesuffix(".md") + ".png")).write_bytes(png)
    assert _blank(png) is None, _blank(png)
    for k, element in enumerate(tab.query_selector_all("div.mermaid")):
        shot = element.screenshot()
        (
            screenshots / f"{page.replace('/', '-').removesuffix('.md')}-mermaid-{k + 1}.png"
        ).write_bytes(shot)
        assert _blank(shot) is None, f"diagram {k + 1}: {_blank(shot)}"
    assert opened.problems == []


def test_blank_detection() -> None:
    """The blank check tells an empty frame from a page with text."""
    from PIL import Image, ImageDraw

    def png(draw_text: bool) -> bytes:
        image = Image.new("RGB", (400, 300), "white")
        if draw_text:
            pen = ImageDraw.Draw(image)
            for row in range(0, 300, 12):
                pen.text((5, row), "tradeaccord " * 6, fill=(30, 30, 30))
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()

    assert _blank(png(False)) is not None
    assert _blank(png(True)) is None
