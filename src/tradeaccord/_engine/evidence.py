"""The record as known on a day, each event judged under an evidence policy.

A dataset is append-only: an event has the day it became known (``reported``,
else its date), a later event may correct or retract it, and sources' claims,
confirmations and denials of it stand side by side. A [`Record`][] is what the
engine reads: the events known on a day, with the corrections and retractions
known by then applied, and, for each event with sources, how it stands under
the policy (a fact, reported but unconfirmed, disputed, denied).

It is built once per (dataset, policy, known-on day), in one pass over the
events; with no report dates, corrections, retractions or accounts in the
dataset it keeps the dataset's events as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple, final

from .._conditions import Fulfilled, Occurred
from .._model import Dataset, Event, EvidencePolicy
from .._truth import Truth
from .._vocabulary import Confidence, EventKind, SourceKind, Stance
from .index import EventIndex
from .results import Standing

__all__ = ["Judgement", "Record"]

_WORDS = {
    SourceKind.OFFICIAL_TEXT: "official text",
    SourceKind.OFFICIAL_STATEMENT: "official statement",
    SourceKind.PRESS_REPORT: "press report",
    SourceKind.SOCIAL_MEDIA_POST: "social-media post",
    SourceKind.ANALYSIS: "analysis",
    SourceKind.REFERENCE: "reference",
}


_DEFAULT = EvidencePolicy()


class Judgement(NamedTuple):
    """How one event stands: its standing, whether it counts (TRUE, UNKNOWN, FALSE), and why."""

    standing: Standing
    counts: Truth
    reason: str


class _Said(NamedTuple):
    source: str
    kind: SourceKind
    stance: Stance


@final
class Record:
    """The events of a dataset as known on a day, judged under an evidence policy.

    ``events`` are those the engine indexes: known by ``known_on`` (every one
    when it is ``None``), neither corrected nor retracted by an event known by
    then, not themselves retractions, and not set aside. An event is *set aside*
    when only sources weaker than the policy's ``min_source`` assert it (a
    claim reported but unconfirmed: it does not make its fact hold, but it is
    cited, and what is missing says it awaits confirmation) or when a stronger
    source denies it. An event of too low a confidence, or disputed by equally
    ranked sources, stays in the record as UNKNOWN. ``establishes`` says
    whether an event counts as a fact; ``judgement`` why.
    """

    __slots__ = (
        "_aside",
        "_judged",
        "_strong",
        "aside",
        "establishes",
        "events",
        "judges",
        "known_on",
        "policy",
        "timeless",
    )

    def __init__(
        self, dataset: Dataset, policy: EvidencePolicy, known_on: dt.date | None = None
    ) -> None:
        self.policy = policy
        self.known_on = known_on
        every = dataset.events
        timeless = not any(
            e.reported is not None or e.accounts or e.corrects is not None or e.retracts is not None
            for e in every
        )
        removed: set[str] = set()
        if not timeless:
            removed = _removed({e.id: e for e in every if known_on is None or e.known <= known_on})
        self.timeless = timeless
        judged: dict[str, Judgement] = {}
        aside: list[Event] = []
        if timeless and known_on is None:
            # The common case: only sources to weigh, and most events have none.
            for event in every:
                if event.sources:
                    found = _judge(dataset, policy, event, known_on)
                    if found is not None:
                        judged[event.id] = found
                        if found.counts is Truth.FALSE:
                            aside.append(event)
            kept: list[Event] | tuple[Event, ...] = every
            if aside:
                out = {e.id for e in aside}
                kept = [e for e in every if e.id not in out]
        else:
            kept = []
            for event in every:
                if event.id in removed or (known_on is not None and event.known > known_on):
                    continue
                if event.sources or event.accounts:
                    found = _judge(dataset, policy, event, known_on)
                    if found is not None:
                        judged[event.id] = found
                        if found.counts is Truth.FALSE:
                            aside.append(event)
                            continue
                kept.append(event)
        self._judged = judged
        self.judges = bool(judged)
        """Whether any event is judged by its sources (else ``judgement`` is always ``None``)."""
        self.events: tuple[Event, ...] = every if len(kept) == len(every) else tuple(kept)
        strong = frozenset(c for c in Confidence if policy.trusts(c))
        self._strong = strong
        self.establishes: Callable[[Event], bool] = (
            self._establishes if judged else lambda event: event.confidence in strong
        )
        """Whether an event counts as a fact (otherwise, if it is on record, it is UNKNOWN)."""
        self.aside: tuple[Event, ...] = tuple(aside)
        """The events on record that do not count: claims too weakly sourced, and denied ones."""
        self._aside: EventIndex | None = None

    def _establishes(self, event: Event) -> bool:
        found = self._judged.get(event.id)
        if found is None:
            return event.confidence in self._strong
        return found.counts is Truth.TRUE

    def judgement(self, event_id: str) -> Judgement | None:
        """How the event stands, when its accounts say more than "established by its sources"."""
        return self._judged.get(event_id)

    def set_aside(self, leaf: Occurred | Fulfilled) -> list[Event]:
        """The events set aside (see ``aside``) that would instantiate ``leaf``, in date order."""
        if not self.aside:
            return []
        if self._aside is None:
            self._aside = EventIndex(self.aside)
        if isinstance(leaf, Fulfilled):
            return self._aside.about(leaf.commitment, EventKind.PERFORMANCE)
        return self._aside.matching(leaf)


def _removed(visible: dict[str, Event]) -> set[str]:
    """The ids of the events out of the record: retracted, corrected, or retractions.

    An event is retracted when an event on record retracts it and is not itself
    retracted (retracting a retraction restores what it retracted); a retracted
    event has no effect, a correction included. A retraction is not itself a fact.
    """
    retracted: dict[str, bool] = {}

    def is_retracted(event_id: str, seen: frozenset[str]) -> bool:
        found = retracted.get(event_id)
        if found is None:
            found = any(
                not is_retracted(by, seen | {event_id})
                for by in retractions.get(event_id, ())
                if by not in seen
            )
            retracted[event_id] = found
        return found

    retractions: dict[str, list[str]] = {}
    for event in visible.values():
        if event.retracts is not None:
            retractions.setdefault(event.retracts, []).append(event.id)
    out: set[str] = set()
    for event in visible.values():
        if is_retracted(event.id, frozenset()) or event.retracts is not None:
            out.add(event.id)
        elif event.corrects is not None:
            out.add(event.corrects)
    return out


def _judge(
    dataset: Dataset, policy: EvidencePolicy, event: Event, known_on: dt.date | None
) -> Judgement | None:
    said = [_Said(s, dataset.source(s).kind, Stance.CLAIM) for s in event.sources]
    for account in event.accounts:
        source = dataset.source(account.source)
        day = account.reported or source.published or event.known
        if known_on is None or max(day, event.known) <= known_on:
            said.append(_Said(account.source, source.kind, account.stance))
    if not said:
        return None  # no account known yet: judged by its confidence alone, as without sources
    strong = [a for a in said if policy.accepts(a.kind)]
    claims = [a for a in strong if a.stance.affirms]
    denials = [a for a in strong if not a.stance.affirms]
    confident = policy.establishes(event)
    low = (
        f"; its confidence ({event.confidence.value}) is below the policy's minimum "
        f"({policy.min_confidence.value})"
    )
    if not denials:
        if claims:
            if not confident:
                return Judgement(Standing.UNCONFIRMED, Truth.UNKNOWN, f"reported{low[1:]}")
            if not event.accounts and any(_DEFAULT.accepts(a.kind) for a in claims):
                return None  # established by its plain sources, as by default: nothing to say
            return Judgement(Standing.ESTABLISHED, Truth.TRUE, _prevailed(policy, claims, said))
        weak = [a for a in said if a.stance.affirms]
        return Judgement(
            Standing.UNCONFIRMED,
            Truth.FALSE,
            f"reported but unconfirmed: only {_listed(weak)} "
            f"{'asserts' if len(weak) == 1 else 'assert'} it; this "
            f"policy needs a source of kind {policy.min_source.value} or stronger",
        )
    if not claims:
        return Judgement(Standing.DENIED, Truth.FALSE, f"denied by {_listed(denials)}")
    best_claim = max(policy.rank(a.kind) for a in claims)
    best_denial = max(policy.rank(a.kind) for a in denials)
    if best_claim > best_denial:
        if not confident:
            return Judgement(Standing.UNCONFIRMED, Truth.UNKNOWN, f"reported{low[1:]}")
        return Judgement(Standing.ESTABLISHED, Truth.TRUE, _prevailed(policy, claims, said))
    if best_denial > best_claim:
        return Judgement(
            Standing.DENIED,
            Truth.FALSE,
            f"denied by {_listed(denials)}, which outranks {_listed(claims)}",
        )
    counts = (
        policy.on_conflict if confident or policy.on_conflict is not Truth.TRUE else Truth.UNKNOWN
    )
    given = {Truth.TRUE: "the claim", Truth.FALSE: "the denial", Truth.UNKNOWN: "unknown"}
    return Judgement(
        Standing.DISPUTED if counts is not Truth.FALSE else Standing.DENIED,
        counts,
        f"disputed: asserted by {_listed(claims)}, denied by {_listed(denials)}, "
        f"ranked the same; this policy gives a conflict {given[policy.on_conflict]}",
    )


def _prevailed(policy: EvidencePolicy, claims: list[_Said], said: list[_Said]) -> str:
    best = max(policy.rank(a.kind) for a in claims)
    top = [a for a in claims if policy.rank(a.kind) == best]
    words = f"established by {_listed(top)}"
    against = [a for a in said if not a.stance.affirms]
    if against:
        words += f", which outranks the denial by {_listed(against)}"
    weak = sorted({_WORDS[a.kind] + "s" for a in top if not _DEFAULT.accepts(a.kind)})
    if weak:
        kinds = " and ".join(weak)
        words += f"; this policy accepts {kinds} alone, the default one does not"
    return words


def _listed(said: list[_Said]) -> str:
    return ", ".join(f"{a.source} ({_WORDS[a.kind]}, {a.stance.value})" for a in said)
