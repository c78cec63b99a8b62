"""The checked ``Dataset``: every value of a story, and lookups by id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, final

import attrs

from .._validators import instance_of, optional, tuple_of
from ..errors import DatasetError, UnknownIdError
from .checks import Index, check
from .evidence import EvidencePolicy
from .values import (
    Agreement,
    Commitment,
    Event,
    Group,
    Measure,
    Official,
    Party,
    Source,
    _field_tuple,
    _text,
)

__all__ = ["Dataset"]


@final
@attrs.frozen(kw_only=True)
class Dataset:
    """A checked set of parties, groups, officials, measures, sources, agreements and events.

    Building a dataset checks every cross-reference and raises one
    [`DatasetError`][tradeaccord.errors.DatasetError] listing every unknown id,
    duplicate id and cyclic reference, each with its path.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import AgreementKind
        >>> Dataset(parties=(Party(id="USA", name="United States"),),
        ...         agreements=(Agreement(id="a", title="A", kind=AgreementKind.TREATY,
        ...                               parties=("USA", "CHA")),))
        Traceback (most recent call last):
        ...
        tradeaccord.errors.DatasetError: invalid dataset: agreements[0].parties[1]: unknown party 'CHA' (known: USA)
    """

    parties: tuple[Party, ...] = _field_tuple(tuple_of(instance_of(Party)))
    groups: tuple[Group, ...] = _field_tuple(tuple_of(instance_of(Group)))
    officials: tuple[Official, ...] = _field_tuple(tuple_of(instance_of(Official)))
    measures: tuple[Measure, ...] = _field_tuple(tuple_of(instance_of(Measure)))
    sources: tuple[Source, ...] = _field_tuple(tuple_of(instance_of(Source)))
    agreements: tuple[Agreement, ...] = _field_tuple(tuple_of(instance_of(Agreement)))
    events: tuple[Event, ...] = _field_tuple(tuple_of(instance_of(Event)))
    title: str = attrs.field(default="", validator=_text)
    policy: EvidencePolicy | None = attrs.field(
        default=None, validator=optional(instance_of(EvidencePolicy))
    )
    """The evidence policy the dataset is meant to be read under (``None``: the default)."""

    _lookup: Mapping[str, Mapping[str, Any]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index = Index.of(self)
        findings = check(index)
        if findings:
            raise DatasetError(finding.problem() for finding in findings)
        lookup = {
            "party": index.party,
            "group": index.group,
            "official": index.official,
            "measure": index.measure,
            "source": index.source,
            "agreement": index.agreement,
            "event": index.event,
            "commitment": index.commitment,
            "owner": index.owner,
        }
        object.__setattr__(self, "_lookup", lookup)

    def _get(self, kind: str, id: str) -> Any:
        table = self._lookup[kind]
        try:
            return table[id]
        except KeyError:
            raise UnknownIdError(kind, id, table) from None

    def party(self, id: str) -> Party:
        """The party with this id.

        Raises:
            UnknownIdError: there is no such party.
        """
        return self._get("party", id)  # type: ignore[no-any-return]

    def group(self, id: str) -> Group:
        """The group with this id (raises `UnknownIdError` if there is none)."""
        return self._get("group", id)  # type: ignore[no-any-return]

    def official(self, id: str) -> Official:
        """The official with this id (raises `UnknownIdError` if there is none)."""
        return self._get("official", id)  # type: ignore[no-any-return]

    def measure(self, id: str) -> Measure:
        """The measure with this id (raises `UnknownIdError` if there is none)."""
        return self._get("measure", id)  # type: ignore[no-any-return]

    def source(self, id: str) -> Source:
        """The source with this id (raises `UnknownIdError` if there is none)."""
        return self._get("source", id)  # type: ignore[no-any-return]

    def agreement(self, id: str) -> Agreement:
        """The agreement with this id (raises `UnknownIdError` if there is none)."""
        return self._get("agreement", id)  # type: ignore[no-any-return]

    def event(self, id: str) -> Event:
        """The event with this id (raises `UnknownIdError` if there is none)."""
        return self._get("event", id)  # type: ignore[no-any-return]

    def commitment(self, id: str) -> Commitment:
        """The commitment with this id, from any agreement (raises `UnknownIdError`)."""
        return self._get("commitment", id)  # type: ignore[no-any-return]

    def agreement_of(self, commitment_id: str) -> Agreement:
        """The agreement that contains the commitment ``commitment_id``."""
        table = self._lookup["owner"]
        if commitment_id not in table:
            raise UnknownIdError("commitment", commitment_id, table)
        return table[commitment_id]  # type: ignore[no-any-return]

    def with_events(self, *events: Event) -> Dataset:
        """A copy with ``events`` added (checked like any dataset): a what-if."""
        return attrs.evolve(self, events=self.events + events)

    def without_events(self, *ids: str) -> Dataset:
        """A copy without the events whose ids are given; every id must exist."""
        for id in ids:
            self.event(id)
        drop = set(ids)
        return attrs.evolve(self, events=tuple(e for e in self.events if e.id not in drop))

    def events_about(self, target: str) -> tuple[Event, ...]:
        """The events whose target is ``target``, in date order."""
        return tuple(sorted((e for e in self.events if e.target == target), key=lambda e: e.date))

    def __repr__(self) -> str:
        title = f"{self.title!r}: " if self.title else ""
        return (
            f"Dataset({title}{len(self.parties)} parties, {len(self.agreements)} agreements, "
            f"{len(self.events)} events, {len(self.sources)} sources)"
        )

    def _repr_html_(self) -> str:
        from .._display import render_html  # display hook: see docs/explanation

        return render_html(self)
