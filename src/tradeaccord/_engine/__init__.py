"""The engine: timelines, sweeps, the history, explanations, rules and reports.

Modules, from the bottom up: ``steps`` (step functions), ``values`` (the
timelines of an agreement, a party, a commitment), ``policy`` (evidence),
``index`` (events indexed once), ``sweeps`` (every timeline in one pass over its
inputs), ``explain`` (explanations and missing needs), ``rules`` (rule types and
contexts), ``default_rules``, ``report`` (one day's answers) and ``history``
(every day's, as step functions). ``results`` holds the report values.
"""

from __future__ import annotations

from .history import History, evaluate
from .intervals import Change, Difference, StatusHistory, StatusInterval
from .outlook import Outlook, Prospect, Way
from .policy import EvidencePolicy
from .results import (
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
    Standing,
)
from .rules import AgreementContext, CommitmentContext, Finding, Rule, RuleSet
from .steps import Timeline
from .sweeps import in_force_timeline, timeline
from .values import AgreementTimelines, CommitmentTimelines, PartyTimelines

__all__ = [
    "AgreementContext",
    "AgreementReport",
    "AgreementStatus",
    "AgreementTimelines",
    "Alternative",
    "Change",
    "Citation",
    "CommitmentContext",
    "CommitmentReport",
    "CommitmentStatus",
    "CommitmentTimelines",
    "Deontic",
    "Difference",
    "EvidencePolicy",
    "Explanation",
    "Finding",
    "History",
    "Need",
    "Outlook",
    "PartyReport",
    "PartyStatus",
    "PartyTimelines",
    "Progress",
    "Prospect",
    "Report",
    "Rule",
    "RuleSet",
    "Standing",
    "StatusHistory",
    "StatusInterval",
    "Timeline",
    "Way",
    "evaluate",
    "in_force_timeline",
    "timeline",
]
