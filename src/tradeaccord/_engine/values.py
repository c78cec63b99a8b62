"""The timelines the engine derives for agreements, parties and commitments, as values."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import final

import attrs

from .steps import Timeline

__all__ = ["AgreementTimelines", "CommitmentTimelines", "PartyTimelines", "Tally"]


class _Days:
    """The days on which any timeline of a set changes, worked out once."""

    __slots__ = ()

    def all(self) -> tuple[Timeline, ...]:
        raise NotImplementedError

    def change_days(self) -> tuple[dt.date, ...]:
        """Every day on which one of the timelines changes, in order."""
        found: tuple[dt.date, ...] | None = self._change_days  # type: ignore[attr-defined]
        if found is None:
            found = tuple(sorted({day for t in self.all() for day in t.change_days()}))
            object.__setattr__(self, "_change_days", found)
        return found


@final
@attrs.frozen(kw_only=True)
class AgreementTimelines(_Days):
    """The timelines the engine derives for one agreement.

    ``ready`` is "concluded and the entry-into-force condition holds";
    ``entered`` is when that took effect (latched); ``in_force`` removes the
    days it was terminated, suspended or expired. ``provisional`` is when it was
    provisionally applied (its commitments bind then too).
    """

    concluded: Timeline
    condition: Timeline
    ready: Timeline
    entered: Timeline
    lapsed: Timeline
    terminated: Timeline
    suspended: Timeline
    expired: Timeline
    in_force: Timeline
    provisional: Timeline
    _change_days: tuple[dt.date, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    def all(self) -> tuple[Timeline, ...]:
        """Every timeline of the agreement, in field order."""
        return (
            self.concluded,
            self.condition,
            self.ready,
            self.entered,
            self.lapsed,
            self.terminated,
            self.suspended,
            self.expired,
            self.in_force,
            self.provisional,
        )


@final
@attrs.frozen(kw_only=True)
class PartyTimelines(_Days):
    """The timelines of one party under one agreement.

    ``instrument``: the party's instrument stands (deposited, not withdrawn).
    ``bound``: the agreement is in force for the party. ``withdrawn``: its
    withdrawal has taken effect.
    """

    instrument: Timeline
    bound: Timeline
    withdrawn: Timeline
    _change_days: tuple[dt.date, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    def all(self) -> tuple[Timeline, ...]:
        """Every timeline of the party, in field order."""
        return (self.instrument, self.bound, self.withdrawn)


@final
@attrs.frozen(kw_only=True)
class CommitmentTimelines(_Days):
    """The timelines the engine derives for one commitment."""

    condition: Timeline
    triggered: Timeline
    expired: Timeline
    terminated: Timeline
    measure_ended: Timeline
    active: Timeline
    performed: Timeline
    breached: Timeline
    _change_days: tuple[dt.date, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    def all(self) -> tuple[Timeline, ...]:
        """Every timeline of the commitment, in field order."""
        return (
            self.condition,
            self.triggered,
            self.expired,
            self.terminated,
            self.measure_ended,
            self.active,
            self.performed,
            self.breached,
        )


@final
@attrs.frozen(kw_only=True)
class Tally:
    """Where a threshold stands on one day: how much is there, how much is needed.

    For a count or a membership share the unit is instruments; for a weighted
    share it is weight. ``have`` counts established instruments, ``unknown``
    those only weakly reported; ``required`` is what the threshold asks for on
    that day (for a share of a changing membership it moves with the membership).
    ``outstanding`` names the parties that could still add to it: members of the
    group on the day without an instrument; for a count without a group, the
    listed parties of the target agreement without one; for a weighted share,
    the weighted parties without one.
    """

    unit: str
    have: Fraction
    unknown: Fraction
    required: Fraction
    counted: tuple[str, ...]
    uncertain: tuple[str, ...]
    outstanding: tuple[str, ...]
    members: int | None = None

    @property
    def still_needed(self) -> Fraction:
        """How much more is needed (0 once the threshold is met)."""
        return max(Fraction(0), self.required - self.have)
