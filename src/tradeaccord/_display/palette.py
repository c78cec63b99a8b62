"""One colour per status, shared by the HTML display, the plots and the diagrams.

Statuses of agreements, parties and commitments, deontic results and truth values
fall into a few families (holding, waiting, ended, failed...), each with a fill and
a text colour that read on light and dark backgrounds alike.
"""

from __future__ import annotations

import enum
from typing import Final

__all__ = ["FAMILIES", "Family", "family", "is_unknown", "label"]


class Family(enum.Enum):
    """What a status means for the reader, whatever the axis it belongs to."""

    HOLDS = "holds"
    PROVISIONAL = "provisional"
    DONE = "done"
    WAITING = "waiting"
    NEUTRAL = "neutral"
    ENDED = "ended"
    SUSPENDED = "suspended"
    FAILED = "failed"
    UNKNOWN = "unknown"


#: Fill and text colour of each family.
FAMILIES: Final[dict[Family, tuple[str, str]]] = {
    Family.HOLDS: ("#7fc97f", "#0b3d0b"),
    Family.PROVISIONAL: ("#b8e0b8", "#0b3d0b"),
    Family.DONE: ("#6baed6", "#08306b"),
    Family.WAITING: ("#fdd27a", "#5c3a00"),
    Family.NEUTRAL: ("#dde1e6", "#2b3440"),
    Family.ENDED: ("#a3acb9", "#1c232d"),
    Family.SUSPENDED: ("#f4a261", "#4a2100"),
    Family.FAILED: ("#e76f51", "#3d0c02"),
    Family.UNKNOWN: ("#c9b6e4", "#2e1065"),
}

_BY_VALUE: Final[dict[str, Family]] = {
    # agreements
    "in_force": Family.HOLDS,
    "provisionally_applied": Family.PROVISIONAL,
    "awaiting_entry_into_force": Family.WAITING,
    "not_concluded": Family.NEUTRAL,
    "suspended": Family.SUSPENDED,
    "expired": Family.ENDED,
    "terminated": Family.FAILED,
    "lapsed": Family.FAILED,
    "undetermined": Family.UNKNOWN,
    # parties
    "bound": Family.HOLDS,
    "pending": Family.WAITING,
    "not_bound": Family.NEUTRAL,
    "withdrawn": Family.ENDED,
    # commitments
    "active": Family.HOLDS,
    "conditional": Family.WAITING,
    "performed": Family.DONE,
    "ended": Family.ENDED,
    # deontic results (``pending`` as above)
    "fulfilled": Family.DONE,
    "violated": Family.FAILED,
    "overdue": Family.FAILED,
    "missed": Family.FAILED,
    "unsettled": Family.ENDED,
    "not_applicable": Family.NEUTRAL,
    # truth values
    "true": Family.HOLDS,
    "false": Family.NEUTRAL,
    "unknown": Family.UNKNOWN,
}


def family(value: enum.Enum | str) -> Family:
    """The family of a status, deontic result or truth value (by its value)."""
    key = value.value if isinstance(value, enum.Enum) else value
    return _BY_VALUE.get(str(key), Family.NEUTRAL)


def label(value: enum.Enum | str) -> str:
    """A status in words: ``'awaiting entry into force'``."""
    key = value.value if isinstance(value, enum.Enum) else value
    return str(key).replace("_", " ")


def is_unknown(status: enum.Enum, truth: enum.Enum | None) -> bool:
    """Whether a stretch is unknown: its status is undetermined or its truth is unknown."""
    return status.value == "undetermined" or (truth is not None and truth.value == "unknown")
