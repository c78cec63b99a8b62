"""Rich HTML display: every value shows itself, text is escaped, the markup is well formed."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

import tradeaccord as ta

VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})
DAY = dt.date(2025, 6, 28)


class _Checker(HTMLParser):
    """Collects tags, attributes and text; records unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


@pytest.fixture(scope="module")
def history() -> ta.History:
    return ta.History(ta.example_dataset())


def displays(history: ta.History) -> dict[str, object]:
    report = history.at(DAY)
    london = report.agreement("london-2025")
    data = history.dataset
    return {
        "report": report,
        "agreement report": london,
        "commitment report": london.commitments[1],
        "party report": london.parties[0],
        "explanation": london.explanation,
        "history": history,
        "status history": history.agreement("london-2025"),
        "interval": history.agreement("london-2025").intervals[-1],
        "change": history.changes(dt.date(2025, 6, 26), DAY)[0],
        "dataset": data,
        "agreement": data.agreement("london-2025"),
        "commitment": data.commitment("london-2025/us-rollback-export-restrictions"),
        "condition": data.agreement("london-2025").entry_condition(),
        "leaf condition": ta.approved_by("USA", "london-2025"),
    }


def test_every_value_has_a_self_contained_display(history: ta.History) -> None:
    """Reports, explanations, histories, datasets, agreements and conditions render to HTML."""
    for name, value in displays(history).items():
        html = value._repr_html_()  # type: ignore[attr-defined]
        checker = parse(html)
        assert html == ta.render_html(value), name
        assert html.startswith('<div class="ta-display'), name
        tags = {tag for tag, _ in checker.tags}
        assert "script" not in tags, name
        assert not any(k.startswith("on") for _, a in checker.tags for k in a), name


def test_report_display_shows_status_missing_and_explanation(history: ta.History) -> None:
    """A report's display names each agreement's status, what is missing and why."""
    html = history.at(dt.date(2025, 6, 26))._repr_html_()
    text = " ".join(parse(html).text)
    assert "Report as of 2025-06-26" in text
    assert "awaiting entry into force" in text
    assert "approval of london-2025 by CHN" in text
    assert "rule awaiting-entry-into-force" in text  # the explanation tree
    assert "2025-06-25-us-approval" in text  # a cited event


def test_explanation_is_a_collapsible_tree_with_source_links(history: ta.History) -> None:
    """The explanation nests ``<details>``, with each cited event's sources and quotes."""
    london = history.at(DAY).agreement("london-2025")
    checker = parse(london.explanation._repr_html_())
    assert sum(tag == "details" for tag, _ in checker.tags) >= 3
    text = "".join(checker.text)
    cited = [x for node in london.explanation.walk() for x in node.citations]
    assert cited
    for citation in cited:
        assert citation.summary in text
        for source in citation.sources:
            assert source.publisher in text and source.quote in text


def test_sources_with_an_address_are_links(hostile_dataset: ta.Dataset) -> None:
    """A cited source with an https URL is a link that opens safely in a new tab."""
    report = ta.evaluate(hostile_dataset, dt.date(2025, 2, 1))
    checker = parse(report.agreement("deal").explanation._repr_html_())
    anchors = [a for tag, a in checker.tags if tag == "a"]
    assert len(anchors) == 2  # the one good source, cited by both approvals
    for attributes in anchors:
        assert attributes["rel"] == "noopener noreferrer"
        assert attributes["target"] == "_blank"


def test_script_in_an_event_summary_is_shown_as_text(hostile_dataset: ta.Dataset) -> None:
    """A ``<script>`` tag in an event summary appears as text in the report's HTML."""
    report = ta.evaluate(hostile_dataset, dt.date(2025, 2, 1))
    for value in (report, report.agreement("deal"), hostile_dataset, ta.History(hostile_dataset)):
        html = value._repr_html_()  # type: ignore[attr-defined]
        assert "<script" not in html and "<b>bold</b>" not in html
        checker = parse(html)
        assert "script" not in {tag for tag, _ in checker.tags}
        text = "".join(checker.text)
        assert '<script>alert("x")</script>' in text  # shown, as text


def test_only_http_urls_become_links(hostile_dataset: ta.Dataset) -> None:
    """A ``javascript:`` URL stays text; an https URL is a link with its query escaped."""
    report = ta.evaluate(hostile_dataset, dt.date(2025, 2, 1))
    html = report.agreement("deal").explanation._repr_html_()
    hrefs = [a["href"] for tag, a in parse(html).tags if tag == "a"]
    assert hrefs and set(hrefs) == {'https://example.org/a?b=1&c="2"'}
    assert "javascript:" not in "".join(hrefs)
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in html


def test_history_display_draws_a_strip_per_item(history: ta.History) -> None:
    """A history shows one row per agreement, party and commitment, each with coloured bars."""
    checker = parse(history._repr_html_())
    strips = [a for tag, a in checker.tags if tag == "div" and a.get("class") == "ta-strip"]
    assert len(strips) == len(history.statuses())
    titles = [a["title"] for tag, a in checker.tags if tag == "span" and a.get("title")]
    assert "2025-06-27 onwards: in_force (rule in-force: in force since 2025-06-27)" in titles


def test_undetermined_stretches_are_hatched() -> None:
    """Under a strict evidence policy London's undetermined stretch is drawn hatched."""
    strict = ta.EvidencePolicy(min_confidence=ta.Confidence.HIGH)
    london = ta.History(ta.example_dataset(), policy=strict).agreement("london-2025")
    html = london._repr_html_()
    assert "repeating-linear-gradient" in html
    assert "undetermined" in " ".join(parse(html).text)


def test_render_html_refuses_other_values() -> None:
    """Asking for the HTML of something else is a clear ModelTypeError."""
    with pytest.raises(ta.errors.ModelTypeError, match="cannot render a int as HTML"):
        ta.render_html(3)


def test_a_commitment_only_expected_says_so() -> None:
    """The 90-day window is shown as an expectation on weak sources, missed once past."""
    import datetime as dt

    import tradeaccord as ta

    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 10, 1)).agreement("london-2025")
    html = report._repr_html_()
    assert html.count("[expected, confidence low]") == 2
    window = report.commitment("london-2025/us-broader-agreement")
    assert "[expected, confidence low]" in window._repr_html_()
    assert "missed" in window._repr_html_()
    rollback = report.commitment("london-2025/us-rollback-export-restrictions")
    assert rollback.hedges == "" and "[expected" not in rollback._repr_html_()
