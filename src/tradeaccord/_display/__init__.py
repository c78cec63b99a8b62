"""Presentation of results: rich display, tables, timeline plots and diagrams.

An edge layer, like text rendering: it reads reports, histories and datasets and
never evaluates anything itself. Modules: ``palette`` (one colour and family per
status, shared by every view), ``markup`` (HTML escaping and the stylesheet),
``html`` (``_repr_html_`` of results) and ``html_model`` (of datasets, agreements and
conditions), ``records`` (plain rows and data frames), ``plot`` (timeline charts,
needs matplotlib), ``mermaid`` (diagrams as Mermaid text) and ``extras`` (optional packages).

The value classes of the lower layers carry thin display methods (``_repr_html_``,
``plot``, ``to_records``...) that import this package inside the method body, when
called: the one sanctioned upward import, checked by ``tests/unit/test_layers.py``
and explained in the design decisions.
"""

from __future__ import annotations

from . import html_model  # noqa: F401  (registers the displays of model values)
from .html import render_html
from .mermaid import Diagram, diagram
from .records import to_frame, to_records

__all__ = ["Diagram", "diagram", "render_html", "to_frame", "to_records"]
