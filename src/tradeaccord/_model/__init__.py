"""The domain model: values, and the checked ``Dataset`` that holds them together.

- ``values``: parties, groups, officials, measures, sources, events, commitments and
  agreements, each a frozen attrs class that checks its own invariants;
- ``index``: one index of a dataset's values, their places and condition nodes;
- ``checks``: the checks of a dataset as a whole (duplicate ids, unknown references,
  cycles), small functions over the index;
- ``evidence``: the evidence policy, which a dataset may carry;
- ``dataset``: ``Dataset``, which runs the checks when it is built, and its lookups.

Model code never imports cattrs: reading and writing files is the business of
``tradeaccord._io``.
"""

from __future__ import annotations

from .dataset import Dataset
from .evidence import EvidencePolicy
from .index import conditions_of
from .values import (
    Account,
    Agreement,
    Commitment,
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

__all__ = [
    "Account",
    "Agreement",
    "Commitment",
    "Dataset",
    "Deadline",
    "EntryIntoForce",
    "Event",
    "EvidencePolicy",
    "Group",
    "Link",
    "Measure",
    "Member",
    "Official",
    "Party",
    "PartyEntry",
    "ProvisionalApplication",
    "Source",
    "Term",
    "conditions_of",
]
