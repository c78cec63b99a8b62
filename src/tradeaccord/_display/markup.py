"""HTML building blocks: escaping, badges, links and the stylesheet.

Every piece of text that comes from data goes through `esc` (or `link`, which
escapes too): labels, summaries, titles, ids, URLs. The output needs no
JavaScript: collapsible parts are ``<details>`` elements.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable
from urllib.parse import urlsplit

from .palette import FAMILIES, Family, family, label

__all__ = ["badge", "date", "esc", "link", "table", "wrap"]

_PREFIX = "ta"


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def date(day: dt.date | None, *, none: str = "-") -> str:
    """A day as ISO text (escaped), or ``none``."""
    return esc(none) if day is None else day.isoformat()


def badge(value: enum.Enum | str, *, text: str | None = None) -> str:
    """A coloured label for a status, deontic result or truth value."""
    shown = label(value) if text is None else text
    return f'<span class="{_PREFIX}-badge {_PREFIX}-{family(value).value}">{esc(shown)}</span>'


def link(text: str, url: str | None) -> str:
    """``text`` as a link to ``url`` when it is an http(s) address, else as plain text."""
    if url is None:
        return esc(text)
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return esc(text)
    return f'<a href="{esc(url.strip())}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], *, cls: str = "") -> str:
    """A table; ``headers`` are escaped here, cells must be HTML already."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    extra = f" {_PREFIX}-{cls}" if cls else ""
    return f'<table class="{_PREFIX}-table{extra}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _stylesheet() -> str:
    families = "".join(
        f".{_PREFIX}-{f.value}{{background:{fill};color:{ink}}}"
        for f, (fill, ink) in FAMILIES.items()
    )
    unknown = (
        f".{_PREFIX}-{Family.UNKNOWN.value}{{border:1px dashed {FAMILIES[Family.UNKNOWN][1]}}}"
    )
    p = _PREFIX
    return (
        f".{p}-display{{font-family:var(--jp-content-font-family,system-ui,sans-serif);"
        f"font-size:13px;line-height:1.45;max-width:100%}}"
        f".{p}-display h4{{margin:.3em 0;font-size:14px}}"
        f".{p}-badge{{display:inline-block;padding:0 .45em;border-radius:.6em;"
        f"font-size:12px;white-space:nowrap;border:1px solid transparent}}"
        f"{families}{unknown}"
        f".{p}-table{{border-collapse:collapse;margin:.3em 0}}"
        f".{p}-table th,.{p}-table td{{text-align:left;vertical-align:top;padding:.15em .6em;"
        f"border-bottom:1px solid rgba(127,127,127,.3)}}"
        f".{p}-muted{{opacity:.7}}"
        f".{p}-display details{{margin:.15em 0 .15em .2em}}"
        f".{p}-display summary{{cursor:pointer}}"
        f".{p}-tree{{margin-left:1.1em;border-left:1px solid rgba(127,127,127,.35);padding-left:.5em}}"
        f".{p}-cite{{margin:.1em 0 .1em 1.3em;font-size:12px}}"
        f".{p}-strip{{display:flex;width:100%;min-width:12em;height:.9em;"
        f"border-radius:.2em;overflow:hidden}}"
        f".{p}-strip span{{display:block;height:100%}}"
        f".{p}-cond ul{{margin:.1em 0 .1em 1em;padding-left:.6em}}"
    )


STYLE = f"<style>{_stylesheet()}</style>"


def wrap(body: str, *, kind: str) -> str:
    """A self-contained display: the stylesheet, then ``body`` in a scoped container."""
    return f'<div class="{_PREFIX}-display {_PREFIX}-{esc(kind)}">{STYLE}{body}</div>'
