"""tradeaccord: trade agreements as typed, immutable data, and a rules engine that
says whether an agreement is in force on a date, why, and what it still waits for.

Examples:
    >>> import datetime as dt
    >>> import tradeaccord as ta
    >>> report = ta.evaluate(ta.example_dataset(), dt.date(2025, 6, 28))
    >>> report.agreement("london-2025").in_force_since
    datetime.date(2025, 6, 27)
"""

from __future__ import annotations

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
    Not,
    Occurred,
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
    "PartyKind",
    "Period",
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
    "add_period",
    "approved_by",
    "evaluate",
    "example_dataset",
    "in_force_timeline",
    "render_text",
    "timeline",
    "walk",
]
