"""The cyclic garbage collector is paused while the engine computes, and left as it was found."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator

import pytest

import tradeaccord as ta
from tradeaccord._engine.collector import paused_collection
from tradeaccord.errors import TradeAccordError


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_paused_while_computing_and_resumed_after() -> None:
    seen: list[bool] = []

    @paused_collection
    def compute() -> int:
        seen.append(gc.isenabled())
        return 1

    assert compute() == 1
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_resumed_after_an_error() -> None:
    @paused_collection
    def fail() -> None:
        raise TradeAccordError("boom")

    with pytest.raises(TradeAccordError, match="boom"):
        fail()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_a_caller_that_paused_it_keeps_it_paused() -> None:
    gc.disable()
    ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    history = ta.History(ta.example_dataset())
    history.statuses()
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_evaluate_and_histories_leave_it_running() -> None:
    report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    assert report.agreement("london-2025").status is ta.AgreementStatus.IN_FORCE
    history = ta.History(ta.example_dataset())
    assert history.statuses()
    assert history.changes(dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    assert gc.isenabled()
