"""Test-suite configuration shared by every test directory.

Hypothesis profiles:

- ``dev`` (default locally): 100 examples per property.
- ``ci`` (default when the ``CI`` environment variable is true): 60 examples,
  derandomized so that a run is reproducible, no deadline, and failure blobs printed so
  that a failure can be replayed with ``@reproduce_failure``.
- ``thorough``: 1000 examples, no deadline; for occasional long runs.

Choose a profile explicitly with ``HYPOTHESIS_PROFILE=<name>``.
"""

from __future__ import annotations

import datetime as _dt
import gc as _gc
import os
import re as _re
from collections.abc import Callable as _Callable
from collections.abc import Iterator as _Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100)
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)

_FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})


def _env_flag(name: str) -> bool:
    """Return whether the environment variable ``name`` is set to a true value."""
    return os.environ.get(name, "").strip().lower() not in _FALSE_VALUES


def _profile_name() -> str:
    """Return the Hypothesis profile selected by the environment."""
    explicit = os.environ.get("HYPOTHESIS_PROFILE", "").strip()
    if explicit:
        return explicit
    return "ci" if _env_flag("CI") else "dev"


settings.load_profile(_profile_name())


# --- displays: a hostile dataset and a Mermaid syntax check ---------------------------

HOSTILE = '<script>alert("x")</script> & #1 `tick` "quoted" <b>bold</b>'
"""Text that would break HTML or Mermaid if it were not escaped."""


@pytest.fixture(scope="session")
def hostile_dataset():  # type: ignore[no-untyped-def]
    """A dataset whose titles, summaries, sources and URLs hold markup and quotes."""
    import tradeaccord as ta

    return ta.Dataset(
        title=HOSTILE,
        parties=(ta.Party(id="AAA", name=HOSTILE), ta.Party(id="BBB", name="B")),
        sources=(
            ta.Source(
                id="evil",
                publisher=HOSTILE,
                kind=ta.SourceKind.PRESS_REPORT,
                title=HOSTILE,
                url="javascript:alert(1)",
            ),
            ta.Source(
                id="good",
                publisher="Wire",
                kind=ta.SourceKind.PRESS_REPORT,
                title="Report",
                url='https://example.org/a?b=1&c="2"',
            ),
        ),
        agreements=(
            ta.Agreement(
                id="deal",
                title=HOSTILE,
                kind=ta.AgreementKind.FRAMEWORK,
                parties=("AAA", "BBB"),
                concluded=_dt.date(2025, 1, 10),
                entry_into_force=ta.EntryIntoForce(
                    when=ta.approved_by("AAA", "deal") & ta.approved_by("BBB", "deal")
                ),
                summary=HOSTILE,
                commitments=(
                    ta.Commitment(id="deal/a", by="AAA", action=ta.Action.LIFT, summary=HOSTILE),
                    ta.Commitment(
                        id="deal/b",
                        by="BBB",
                        action=ta.Action.EASE,
                        summary=HOSTILE,
                        condition=ta.Fulfilled("deal/a"),
                    ),
                ),
            ),
        ),
        events=(
            ta.Event(
                id="e1",
                date=_dt.date(2025, 1, 12),
                kind=ta.EventKind.APPROVAL,
                party="AAA",
                target="deal",
                summary=HOSTILE,
                sources=("evil", "good"),
            ),
            ta.Event(
                id="e2",
                date=_dt.date(2025, 1, 20),
                kind=ta.EventKind.APPROVAL,
                party="BBB",
                target="deal",
                summary=HOSTILE,
                sources=("good",),
            ),
        ),
    )


_ID = r"[A-Za-z][A-Za-z0-9_]*"
_LABEL = r'"(?P<label>[^"]*)"'
_NODE = _re.compile(
    rf"^(?P<id>{_ID})(?:\(\[{_LABEL}\]\)|\[{_LABEL.replace('label', 'l2')}\]"
    rf"|\{{\{{{_LABEL.replace('label', 'l3')}\}}\}}|\({_LABEL.replace('label', 'l4')}\))$"
)
_EDGE = _re.compile(rf'^(?P<a>{_ID}) (?:-->|-\.->)(?:\|"(?P<label>[^"]*)"\|)? (?P<b>{_ID})$')
_ALLOWED_TAGS = _re.compile(r"</?b>|<br>")


def mermaid_problems(text: str) -> list[str]:
    """What breaks the Mermaid flowchart subset tradeaccord writes (empty: it parses).

    The subset: a ``flowchart`` header; ``subgraph ID["label"]`` ... ``end``;
    ``direction``; nodes ``ID(["..."])``, ``ID["..."]``, ``ID{{"..."}}``, ``ID("...")``;
    edges ``A --> B`` or ``A -.-> B`` with an optional ``|"label"|``; ``classDef`` and
    ``class``. Labels hold no raw quote, ``#`` only in entity codes and only the tags
    ``<b>`` and ``<br>``. Every edge and class refers to a defined node.
    """
    problems: list[str] = []
    lines = text.splitlines()
    if not lines or not _re.fullmatch(r"flowchart (LR|RL|TB|BT)", lines[0]):
        return [f"line 1: not a flowchart header: {lines[:1]}"]
    nodes: set[str] = set()
    refs: list[tuple[int, str]] = []
    depth = 0

    def label_ok(number: int, label: str) -> None:
        rest = _ALLOWED_TAGS.sub("", label)
        if "<" in rest or ">" in rest:
            problems.append(f"line {number}: raw markup in label {label!r}")
        if _re.search(r"#(?![A-Za-z0-9]+;)", rest):
            problems.append(f"line {number}: raw '#' in label {label!r}")
        if "`" in rest:
            problems.append(f"line {number}: backtick in label {label!r}")

    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if match := _re.fullmatch(rf"subgraph ({_ID})\[{_LABEL}\]", line):
            depth += 1
            nodes.add(match.group(1))
            label_ok(number, match.group("label"))
        elif line == "end":
            depth -= 1
            if depth < 0:
                problems.append(f"line {number}: 'end' without a subgraph")
        elif _re.fullmatch(r"direction (LR|RL|TB|BT)", line):
            pass
        elif match := _NODE.match(line):
            if match.group("id") in nodes:
                problems.append(f"line {number}: node {match.group('id')} defined twice")
            nodes.add(match.group("id"))
            label = next(g for g in match.groups()[1:] if g is not None)
            label_ok(number, label)
        elif match := _EDGE.match(line):
            refs += [(number, match.group("a")), (number, match.group("b"))]
            if match.group("label") is not None:
                label_ok(number, match.group("label"))
        elif match := _re.fullmatch(rf"classDef ({_ID}) [a-z-]+:[^,]+(,[a-z-]+:[^,]+)*", line):
            pass
        elif match := _re.fullmatch(rf"class ({_ID}(?:,{_ID})*) ({_ID})", line):
            refs += [(number, node) for node in match.group(1).split(",")]
        else:
            problems.append(f"line {number}: not in the subset: {line!r}")
    if depth:
        problems.append(f"{depth} subgraph(s) not closed")
    problems += [f"line {n}: {node} is not defined" for n, node in refs if node not in nodes]
    return problems


@pytest.fixture(scope="session")
def mermaid_check() -> _Callable[[str], list[str]]:
    """The Mermaid subset check, as a fixture (tests directories are not packages)."""
    return mermaid_problems


@pytest.fixture(autouse=True)
def _collector_left_as_found() -> _Iterator[None]:
    """Every test leaves Python's cyclic garbage collector running or paused, as it found it.

    The engine pauses the collector while it computes; this catches a pause that leaks
    out of a call into the caller's process.
    """
    was = _gc.isenabled()
    yield
    assert _gc.isenabled() == was, "the cyclic garbage collector was left " + (
        "running" if _gc.isenabled() else "paused"
    )
