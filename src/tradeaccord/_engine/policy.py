"""Which recorded events count as established facts: the policy, defined with the model.

The policy is data a dataset file may carry, so it lives in the model; the
engine reads it from here.
"""

from __future__ import annotations

from typing import Protocol

from .._model import Event, EvidencePolicy

__all__ = ["EvidencePolicy", "Judge"]


class Judge(Protocol):
    """Anything that says whether an event counts as a fact: a policy, or a judged record."""

    def establishes(self, event: Event) -> bool:
        """Whether ``event`` counts as a fact (otherwise it is UNKNOWN)."""
        ...
