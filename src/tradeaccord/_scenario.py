"""What-if scenarios: events added, removed or moved, as hypotheses beside the record."""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs

from ._model import Dataset, Event
from ._validators import identifier, instance_of, tuple_of, unique
from .errors import DatasetError, ModelValueError, Problem, ScenarioError, show_path

__all__ = ["Redate", "Scenario"]


@final
@attrs.frozen(kw_only=True)
class Redate:
    """Move a recorded event to another day.

    Examples:
        >>> import datetime as dt
        >>> Redate(event="2025-06-27-cn-approval", date=dt.date(2025, 6, 15)).date
        datetime.date(2025, 6, 15)
    """

    event: str = attrs.field(validator=identifier)
    date: dt.date = attrs.field(validator=instance_of(dt.date))


@final
@attrs.frozen(kw_only=True)
class Scenario:
    """A what-if: events added, recorded events removed or moved to other days.

    Applied to a dataset (``apply``), it gives the dataset the scenario imagines;
    given to a [`History`][tradeaccord.History] (or to
    [`evaluate`][tradeaccord.evaluate]), it marks every added or moved event as
    hypothetical wherever it is cited, so that it never passes for a fact.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> early = Scenario(
        ...     name="early-approvals",
        ...     redate=(Redate(event="2025-06-25-us-approval", date=dt.date(2025, 6, 13)),
        ...             Redate(event="2025-06-27-cn-approval", date=dt.date(2025, 6, 15))),
        ... )
        >>> History(example_dataset(), scenario=early).agreement("london-2025").intervals[-1].start
        datetime.date(2025, 6, 15)
    """

    name: str = attrs.field(validator=identifier)
    description: str = attrs.field(default="", validator=instance_of(str))
    add: tuple[Event, ...] = attrs.field(default=(), validator=tuple_of(instance_of(Event)))
    remove: tuple[str, ...] = attrs.field(default=(), validator=[tuple_of(identifier), unique])
    redate: tuple[Redate, ...] = attrs.field(default=(), validator=tuple_of(instance_of(Redate)))

    def hypothetical(self) -> frozenset[str]:
        """The ids of the events the scenario adds or moves: its hypotheses."""
        return frozenset(e.id for e in self.add) | frozenset(r.event for r in self.redate)

    def apply(self, dataset: Dataset) -> Dataset:
        """The dataset with the scenario's changes, checked like any dataset.

        Raises:
            ScenarioError: an event to remove or move is not in the dataset, or is
                named twice; a moved event no longer holds together; an added
                event clashes with the dataset. Every problem is listed, each with
                its path in the scenario.
        """
        problems: list[Problem] = []
        known = {e.id for e in dataset.events}
        touched: dict[str, tuple[str | int, ...]] = {}
        for i, event_id in enumerate(self.remove):
            self._own(("remove", i), event_id, known, touched, problems)
        moved: dict[str, dt.date] = {}
        for i, redate in enumerate(self.redate):
            if self._own(("redate", i, "event"), redate.event, known, touched, problems):
                moved[redate.event] = redate.date
        kept: list[Event] = []
        for event in dataset.events:
            if event.id in self.remove:
                continue
            if event.id in moved:
                index = next(i for i, r in enumerate(self.redate) if r.event == event.id)
                try:
                    event = attrs.evolve(event, date=moved[event.id])
                except ModelValueError as exc:
                    problems.append(Problem(("redate", index, "date"), exc.detail or str(exc)))
                    continue
            kept.append(event)
        if problems:
            raise ScenarioError(self.name, problems)
        try:
            return attrs.evolve(dataset, events=(*kept, *self.add))
        except DatasetError as exc:
            raise ScenarioError(
                self.name, [_in_scenario(p, len(kept)) for p in exc.problems]
            ) from None

    def _own(
        self,
        path: tuple[str | int, ...],
        event_id: str,
        known: set[str],
        touched: dict[str, tuple[str | int, ...]],
        problems: list[Problem],
    ) -> bool:
        """Check that a recorded event is named once; note where it was named."""
        if event_id not in known:
            problems.append(Problem(path, f"no recorded event {event_id!r}"))
            return False
        if event_id in touched:
            problems.append(
                Problem(
                    path, f"event {event_id!r} is already named at {show_path(touched[event_id])}"
                )
            )
            return False
        touched[event_id] = path
        return True


def _in_scenario(problem: Problem, kept: int) -> Problem:
    """A dataset problem about an added event, placed at that event in the scenario."""
    match problem.location:
        case ("events", int(index), *rest) if index >= kept:
            return Problem(("add", index - kept, *rest), problem.message, line=problem.line)
    return problem
