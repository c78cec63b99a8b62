"""The engine: timelines, sweeps, the history, explanations, rules and reports.

Modules, from the bottom up: ``steps`` (step functions), ``values`` (the
timelines of an agreement, a party, a commitment), ``policy`` (evidence),
``index`` (events indexed once), ``sweeps`` (every timeline in one pass over its
inputs), ``explain`` (explanations and missing needs), ``rules`` (rule types and
contexts), ``default_rules``, ``report`` (one day's answers) and ``history``
(every day's, as step functions). ``results`` holds the report values.

Importing the package loads none of its modules: each name is imported from its module
when first asked for, so that a reader of report values (``results``) does not load the
sweeps and the history.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: The module that defines each name, imported on first use.
_DEFINED_IN: dict[str, str] = {
    "AgreementContext": ".rules",
    "AgreementReport": ".results",
    "AgreementStatus": ".results",
    "AgreementTimelines": ".values",
    "Alternative": ".results",
    "Change": ".intervals",
    "Citation": ".results",
    "CommitmentContext": ".rules",
    "CommitmentReport": ".results",
    "CommitmentStatus": ".results",
    "CommitmentTimelines": ".values",
    "Deontic": ".results",
    "Difference": ".intervals",
    "EvidencePolicy": ".policy",
    "Explanation": ".results",
    "Finding": ".rules",
    "History": ".history",
    "Need": ".results",
    "Outlook": ".outlook",
    "PartyReport": ".results",
    "PartyStatus": ".results",
    "PartyTimelines": ".values",
    "Progress": ".results",
    "Prospect": ".outlook",
    "Report": ".results",
    "Rule": ".rules",
    "RuleSet": ".rules",
    "Standing": ".results",
    "StatusHistory": ".intervals",
    "StatusInterval": ".intervals",
    "Timeline": ".steps",
    "Way": ".outlook",
    "evaluate": ".history",
    "in_force_timeline": ".sweeps",
    "timeline": ".sweeps",
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
