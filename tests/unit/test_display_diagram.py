"""Mermaid diagrams: what each agreement and commitment waits for, across linked agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

import tradeaccord as ta
from tradeaccord._cli import main
from tradeaccord.errors import ModelTypeError, ModelValueError, UnknownIdError

Check = Callable[[str], list[str]]


def test_embedded_dataset_diagrams_parse(mermaid_check: Check) -> None:
    """Diagrams of the embedded dataset, of each agreement, with and without a day, parse."""
    data = ta.example_dataset()
    history = ta.History(data)
    variants = [ta.diagram(data), ta.diagram(data, direction="TB")]
    for agreement in data.agreements:
        variants.append(ta.diagram(data, agreement.id))
        variants.append(ta.diagram(history, agreement.id, as_of=dt.date(2025, 6, 28)))
        variants.append(ta.diagram(data, agreement.id, linked=False))
    for drawn in variants:
        assert mermaid_check(str(drawn)) == [], str(drawn)


def test_the_rollback_waits_for_chinas_approvals() -> None:
    """The US rollback has an arrow from China's rare-earth commitment, marked 'performed'."""
    text = str(ta.diagram(ta.example_dataset(), "london-2025"))
    ids = {
        line.strip().split("(", 1)[0]: line
        for line in text.splitlines()
        if line.strip().startswith("c")
    }
    cn = next(i for i, line in ids.items() if "cn-rare-earth-approvals" in line)
    us = next(i for i, line in ids.items() if "us-rollback-export-restrictions" in line)
    assert f'  {cn} -->|"performed"| {us}' in text.splitlines()
    assert '["approval of london-2025 by USA"]' in text
    assert '-.->|"implements"|' in text  # London implements Geneva, drawn linked


def test_links_across_agreements_are_drawn_or_left_out() -> None:
    """With ``linked``, a linked agreement gets its own box; without, it is left out."""
    data = ta.example_dataset()
    linked = str(ta.diagram(data, "stockholm-2025"))
    assert "<b>geneva-2025</b>" in linked and '-.->|"extends"|' in linked
    alone = str(ta.diagram(data, "stockholm-2025", linked=False))
    assert "geneva-2025" not in alone and "-.->" not in alone


def test_a_commitment_waiting_on_another_agreement() -> None:
    """A commitment that waits for another agreement's commitment links into that agreement."""
    data = ta.example_dataset()
    waiting = ta.Commitment(
        id="stockholm-2025/follow-up",
        by="USA",
        action=ta.Action.PROVIDE,
        summary="Follow up once China has approved the rare-earth exports.",
        condition=ta.Fulfilled("london-2025/cn-rare-earth-approvals") & ta.InForce("busan-2025"),
    )
    stockholm = attrs.evolve(data.agreement("stockholm-2025"), commitments=(waiting,))
    changed = attrs.evolve(
        data,
        agreements=tuple(stockholm if a.id == stockholm.id else a for a in data.agreements),
    )
    text = str(ta.diagram(changed, "stockholm-2025", as_of=dt.date(2025, 8, 12)))
    assert "<b>london-2025</b>" in text and "<b>busan-2025</b>" in text
    assert "<b>cn-rare-earth-approvals</b>" in text  # the one commitment it refers to
    assert "us-rollback-export-restrictions" not in text  # not the others
    assert '-->|"in force"|' in text
    alone = str(ta.diagram(changed, "stockholm-2025", linked=False))
    assert '["london-2025/cn-rare-earth-approvals performed"]' in alone


def test_a_day_colours_nodes_by_status(mermaid_check: Check) -> None:
    """Given ``as_of``, nodes show their status and are coloured by it."""
    text = str(ta.diagram(ta.example_dataset(), "london-2025", as_of=dt.date(2025, 6, 26)))
    assert "awaiting entry into force since 2025-06-10" in text
    classes = {
        line.split()[2]: line.split()[1].split(",")
        for line in text.splitlines()
        if line.strip().startswith("class ")
    }
    assert set(classes) <= {"holds", "waiting", "neutral", "done", "unknown", "ended"}
    by_label = {
        line.strip().split("[", 1)[0]: line for line in text.splitlines() if '["approval' in line
    }
    usa = next(i for i, line in by_label.items() if "by USA" in line)
    chn = next(i for i, line in by_label.items() if "by CHN" in line)
    assert usa in classes["holds"] and chn in classes["neutral"]


def test_labels_are_escaped(hostile_dataset: ta.Dataset, mermaid_check: Check) -> None:
    """Quotes, markup, '#' and backticks in titles and summaries cannot break the diagram."""
    for drawn in (
        ta.diagram(hostile_dataset),
        ta.diagram(hostile_dataset, as_of=dt.date(2025, 2, 1)),
    ):
        text = str(drawn)
        assert mermaid_check(text) == []
        assert "<script" not in text and "#lt;script#gt;" in text


def test_notebook_display_is_mermaid() -> None:
    """In a notebook a diagram displays as Mermaid, with Markdown and text to fall back on."""
    drawn = ta.diagram(ta.example_dataset(), "london-2025")
    bundle = drawn._repr_mimebundle_()
    assert bundle["text/vnd.mermaid"] == drawn.text
    assert bundle["text/markdown"] == f"```mermaid\n{drawn.text}\n```\n"
    assert repr(drawn) == f"Diagram(flowchart LR, {len(drawn.text.splitlines())} lines)"


def test_bad_arguments_are_clear_errors() -> None:
    """Unknown ids, directions and sources raise clear errors."""
    data = ta.example_dataset()
    with pytest.raises(UnknownIdError, match="unknown agreement 'nope'"):
        ta.diagram(data, "nope")
    with pytest.raises(ModelValueError, match="direction must be one of LR, RL, TB, BT"):
        ta.diagram(data, direction="up")
    with pytest.raises(ModelTypeError, match="source must be a Dataset or a History"):
        ta.diagram("data")  # type: ignore[arg-type]
    with pytest.raises(ModelTypeError, match=r"as_of must be a datetime\.date"):
        ta.diagram(data, as_of="2025-06-28")  # type: ignore[arg-type]


def test_command_line_diagram(capsys: pytest.CaptureFixture[str], mermaid_check: Check) -> None:
    """``tradeaccord diagram`` prints Mermaid text; --markdown fences it; bad ids exit 2."""
    assert main(["diagram", "--agreement", "london-2025", "--as-of", "2025-06-28"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and mermaid_check(out) == []
    expected = ta.diagram(ta.example_dataset(), ["london-2025"], as_of=dt.date(2025, 6, 28))
    assert out == expected.text + "\n"
    assert main(["diagram", "--markdown", "--no-linked", "--direction", "TB"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("```mermaid\nflowchart TB\n") and out.endswith("```\n")
    assert main(["diagram", "--agreement", "nope"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("tradeaccord: error: unknown agreement 'nope'")
    assert main(["diagram", "--format", "yaml"]) == 2
    _, err = capsys.readouterr()
    assert err == "tradeaccord: error: --format needs a FILE\n"
