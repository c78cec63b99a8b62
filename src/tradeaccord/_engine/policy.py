"""Which recorded events count as established facts."""

from __future__ import annotations

from typing import final

import attrs

from .._model import Event
from .._validators import instance_of
from .._vocabulary import Confidence

__all__ = ["EvidencePolicy"]


@final
@attrs.frozen(kw_only=True)
class EvidencePolicy:
    """Which recorded events count as established facts.

    An event whose confidence is below ``min_confidence`` is not ignored: a
    condition that only such events would satisfy is UNKNOWN rather than TRUE.

    Examples:
        >>> from tradeaccord import Confidence
        >>> EvidencePolicy().min_confidence
        <Confidence.MEDIUM: 'medium'>
        >>> EvidencePolicy(min_confidence=Confidence.HIGH).min_confidence.rank
        2
    """

    min_confidence: Confidence = attrs.field(
        default=Confidence.MEDIUM, validator=instance_of(Confidence)
    )

    def establishes(self, event: Event) -> bool:
        """Whether ``event`` is well enough sourced to count as a fact."""
        return event.confidence.rank >= self.min_confidence.rank
