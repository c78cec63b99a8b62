"""The evidence policy: which accounts of an event establish it, and what a conflict gives.

A policy is data, like everything in a dataset: a dataset file may carry one
(``policy``), and every question may be asked under another.
"""

from __future__ import annotations

from typing import final

import attrs

from .._truth import Truth
from .._validators import instance_of, tuple_of, unique
from .._vocabulary import Confidence, SourceKind
from ..errors import ModelValueError
from .values import Event

__all__ = ["DEFAULT_RANKING", "EvidencePolicy"]

DEFAULT_RANKING: tuple[SourceKind, ...] = (
    SourceKind.OFFICIAL_TEXT,
    SourceKind.OFFICIAL_STATEMENT,
    SourceKind.PRESS_REPORT,
    SourceKind.ANALYSIS,
    SourceKind.REFERENCE,
    SourceKind.SOCIAL_MEDIA_POST,
)
"""Source kinds from the strongest to the weakest: an official text first, a post last."""


@final
@attrs.frozen(kw_only=True)
class EvidencePolicy:
    """Which recorded events count as established facts, and what a conflict of accounts gives.

    - ``min_confidence``: an event whose confidence is below it is not ignored:
      a condition that only such events would satisfy is UNKNOWN rather than TRUE.
    - ``ranking``: source kinds from the strongest to the weakest. When the
      accounts of an event disagree, the side with the strongest account
      prevails; a kind left out ranks below all listed ones.
    - ``min_source``: the weakest kind whose account establishes an event by
      itself. An event that only weaker sources assert is *reported but
      unconfirmed* (UNKNOWN); weaker accounts neither establish nor deny.
    - ``on_conflict``: what an unresolved conflict gives (claims and denials
      whose strongest accounts rank the same): UNKNOWN by default, citing both
      sides; TRUE takes the claim, FALSE the denial.

    An event with no sources at all is judged by its confidence alone.

    Examples:
        >>> from tradeaccord import Confidence, SourceKind
        >>> EvidencePolicy().min_confidence
        <Confidence.MEDIUM: 'medium'>
        >>> EvidencePolicy(min_confidence=Confidence.HIGH).min_confidence.rank
        2
        >>> EvidencePolicy().trusts(Confidence.LOW)
        False
        >>> EvidencePolicy().accepts(SourceKind.SOCIAL_MEDIA_POST)
        False
        >>> EvidencePolicy(min_source=SourceKind.SOCIAL_MEDIA_POST).accepts(SourceKind.SOCIAL_MEDIA_POST)
        True
    """

    min_confidence: Confidence = attrs.field(
        default=Confidence.MEDIUM, validator=instance_of(Confidence)
    )
    ranking: tuple[SourceKind, ...] = attrs.field(
        default=DEFAULT_RANKING,
        validator=[tuple_of(instance_of(SourceKind)), unique],
    )
    min_source: SourceKind = attrs.field(
        default=SourceKind.REFERENCE, validator=instance_of(SourceKind)
    )
    on_conflict: Truth = attrs.field(default=Truth.UNKNOWN, validator=instance_of(Truth))

    def __attrs_post_init__(self) -> None:
        if self.min_source not in self.ranking:
            raise ModelValueError(
                f"EvidencePolicy: min_source {self.min_source.value!r} is not in the ranking",
                field="min_source",
                detail=f"{self.min_source.value!r} is not in the ranking",
            )

    def establishes(self, event: Event) -> bool:
        """Whether ``event``'s confidence is high enough for it to count as a fact."""
        return self.trusts(event.confidence)

    def trusts(self, confidence: Confidence) -> bool:
        """Whether an event of this confidence counts as a fact (``min_confidence`` or above)."""
        return confidence.rank >= self.min_confidence.rank

    def rank(self, kind: SourceKind) -> int:
        """The strength of a source kind: higher is stronger; 0 for a kind left out of the ranking."""
        try:
            return len(self.ranking) - self.ranking.index(kind)
        except ValueError:
            return 0

    def accepts(self, kind: SourceKind) -> bool:
        """Whether an account from a source of this kind establishes an event by itself."""
        return self.rank(kind) >= self.rank(self.min_source)
