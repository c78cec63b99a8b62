"""tradeaccord: trade agreements as typed, immutable data, and a rules engine that
says whether an agreement is in force on a date, why, and what it still waits for.

Importing the package loads none of its modules: each public name is imported from
the module that defines it the first time it is used, so that ``import tradeaccord``
stays cheap (the readers, the engine and the embedded dataset load when needed).

Examples:
    >>> import datetime as dt
    >>> import tradeaccord as ta
    >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    >>> report.agreement("london-2025").in_force_since
    datetime.date(2025, 6, 27)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._calendar import (
        AfterClearDays,
        AfterPeriod,
        DayCount,
        Earliest,
        FirstDayOfMonthFollowing,
        FixedDate,
        Latest,
        NthDayAfter,
        Period,
        Rounding,
        Upon,
        add_period,
    )
    from ._conditions import (
        AllOf,
        AnyOf,
        AtLeast,
        Condition,
        DateReached,
        Delay,
        Fulfilled,
        InForce,
        InstrumentCount,
        InstrumentShare,
        Not,
        Occurred,
        WeightedShare,
        approved_by,
        walk,
    )
    from ._dataset import example_dataset
    from ._engine import EvidencePolicy, in_force_timeline, timeline
    from ._model import (
        Agreement,
        Commitment,
        Dataset,
        Deadline,
        EntryIntoForce,
        Event,
        Group,
        Link,
        Measure,
        Member,
        Official,
        Party,
        PartyEntry,
        ProvisionalApplication,
        Source,
        Term,
    )
    from ._render import render_text
    from ._report import (
        AgreementReport,
        AgreementStatus,
        Alternative,
        Citation,
        CommitmentReport,
        CommitmentStatus,
        Deontic,
        Explanation,
        Need,
        PartyReport,
        PartyStatus,
        Progress,
        Report,
    )
    from ._rules import AgreementContext, CommitmentContext, Finding, Rule, RuleSet, evaluate
    from ._timeline import Timeline
    from ._truth import Truth
    from ._vocabulary import (
        Action,
        AgreementKind,
        Confidence,
        EventKind,
        LinkKind,
        MeasureKind,
        PartyKind,
        SourceKind,
    )

__version__ = "0.1.0"

__all__ = [
    "Action",
    "AfterClearDays",
    "AfterPeriod",
    "Agreement",
    "AgreementContext",
    "AgreementKind",
    "AgreementReport",
    "AgreementStatus",
    "AllOf",
    "Alternative",
    "AnyOf",
    "AtLeast",
    "Citation",
    "Commitment",
    "CommitmentContext",
    "CommitmentReport",
    "CommitmentStatus",
    "Condition",
    "Confidence",
    "Dataset",
    "DateReached",
    "DayCount",
    "Deadline",
    "Delay",
    "Deontic",
    "Earliest",
    "EntryIntoForce",
    "Event",
    "EventKind",
    "EvidencePolicy",
    "Explanation",
    "Finding",
    "FirstDayOfMonthFollowing",
    "FixedDate",
    "Fulfilled",
    "Group",
    "InForce",
    "InstrumentCount",
    "InstrumentShare",
    "Latest",
    "Link",
    "LinkKind",
    "Measure",
    "MeasureKind",
    "Member",
    "Need",
    "Not",
    "NthDayAfter",
    "Occurred",
    "Official",
    "Party",
    "PartyEntry",
    "PartyKind",
    "PartyReport",
    "PartyStatus",
    "Period",
    "Progress",
    "ProvisionalApplication",
    "Report",
    "Rounding",
    "Rule",
    "RuleSet",
    "Source",
    "SourceKind",
    "Term",
    "Timeline",
    "Truth",
    "Upon",
    "WeightedShare",
    "add_period",
    "approved_by",
    "evaluate",
    "example_dataset",
    "in_force_timeline",
    "render_text",
    "timeline",
    "walk",
]

#: The module that defines each public name, imported on first use.
_DEFINED_IN: dict[str, str] = {
    "Action": "._vocabulary",
    "AfterClearDays": "._calendar",
    "AfterPeriod": "._calendar",
    "Agreement": "._model",
    "AgreementContext": "._rules",
    "AgreementKind": "._vocabulary",
    "AgreementReport": "._report",
    "AgreementStatus": "._report",
    "AllOf": "._conditions",
    "Alternative": "._report",
    "AnyOf": "._conditions",
    "AtLeast": "._conditions",
    "Citation": "._report",
    "Commitment": "._model",
    "CommitmentContext": "._rules",
    "CommitmentReport": "._report",
    "CommitmentStatus": "._report",
    "Condition": "._conditions",
    "Confidence": "._vocabulary",
    "Dataset": "._model",
    "DateReached": "._conditions",
    "DayCount": "._calendar",
    "Deadline": "._model",
    "Delay": "._conditions",
    "Deontic": "._report",
    "Earliest": "._calendar",
    "EntryIntoForce": "._model",
    "Event": "._model",
    "EventKind": "._vocabulary",
    "EvidencePolicy": "._engine",
    "Explanation": "._report",
    "Finding": "._rules",
    "FirstDayOfMonthFollowing": "._calendar",
    "FixedDate": "._calendar",
    "Fulfilled": "._conditions",
    "Group": "._model",
    "InForce": "._conditions",
    "InstrumentCount": "._conditions",
    "InstrumentShare": "._conditions",
    "Latest": "._calendar",
    "Link": "._model",
    "LinkKind": "._vocabulary",
    "Measure": "._model",
    "MeasureKind": "._vocabulary",
    "Member": "._model",
    "Need": "._report",
    "Not": "._conditions",
    "NthDayAfter": "._calendar",
    "Occurred": "._conditions",
    "Official": "._model",
    "Party": "._model",
    "PartyEntry": "._model",
    "PartyKind": "._vocabulary",
    "PartyReport": "._report",
    "PartyStatus": "._report",
    "Period": "._calendar",
    "Progress": "._report",
    "ProvisionalApplication": "._model",
    "Report": "._report",
    "Rounding": "._calendar",
    "Rule": "._rules",
    "RuleSet": "._rules",
    "Source": "._model",
    "SourceKind": "._vocabulary",
    "Term": "._model",
    "Timeline": "._timeline",
    "Truth": "._truth",
    "Upon": "._calendar",
    "WeightedShare": "._conditions",
    "add_period": "._calendar",
    "approved_by": "._conditions",
    "evaluate": "._rules",
    "example_dataset": "._dataset",
    "in_force_timeline": "._engine",
    "render_text": "._render",
    "timeline": "._engine",
    "walk": "._conditions",
}


def __getattr__(name: str) -> Any:
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
