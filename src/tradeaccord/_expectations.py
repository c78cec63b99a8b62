"""Expectations about a history, and scenario files that state them: what-ifs that run
as tests.

An [`Expectation`][tradeaccord.Expectation] says what should hold on one day about one
agreement, one party of an agreement or one commitment: its status, since when, whether
it is in force or bound, how a commitment stands. A
[`ScenarioFile`][tradeaccord.ScenarioFile] pairs a what-if
[`Scenario`][tradeaccord.Scenario] (events to add, remove or re-date; none for the
record as it stands) with expectations; [`check`][tradeaccord.ScenarioFile.check] builds
the scenario's history once and compares every expectation with it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, final

import attrs

from ._engine.results import (
    AgreementReport,
    AgreementStatus,
    CommitmentReport,
    CommitmentStatus,
    Deontic,
    Explanation,
    PartyReport,
    PartyStatus,
    Report,
)
from ._model import Dataset
from ._scenario import Scenario
from ._validators import identifier, instance_of, optional, tuple_of
from .errors import ModelValueError, UnknownIdError

if TYPE_CHECKING:
    from ._engine.history import History
    from ._engine.policy import EvidencePolicy
    from ._engine.rules import RuleSet

__all__ = ["Expectation", "Mismatch", "Outcome", "ScenarioFile"]

#: The values of the statuses of each kind of subject.
STATUS_VALUES: Final[dict[str, frozenset[str]]] = {
    "agreement": frozenset(s.value for s in AgreementStatus),
    "party": frozenset(s.value for s in PartyStatus),
    "commitment": frozenset(s.value for s in CommitmentStatus),
}
#: The values of the deontic statuses of commitments.
DEONTIC_VALUES: Final = frozenset(d.value for d in Deontic)

#: The checks each kind of subject takes, in the order they are compared.
_CHECKS: Final[dict[str, tuple[str, ...]]] = {
    "agreement": ("status", "in_force", "since"),
    "party": ("status", "bound", "since"),
    "commitment": ("status", "since", "deontic"),
}


@final
@attrs.frozen(kw_only=True)
class Expectation:
    """What should hold on one day about one agreement, party or commitment.

    Name the subject with ``agreement`` (an agreement), ``agreement`` and ``party`` (a
    party of an agreement) or ``commitment``; then say what should hold, one or more
    of: ``status`` (the value of its status: ``"in_force"``, ``"bound"``,
    ``"active"``...), ``since`` (the day an agreement has been in force since, a party
    bound since, a commitment in its status since; ``None`` with ``since_none``),
    ``in_force`` (an agreement), ``bound`` (a party), ``deontic`` (a commitment:
    ``"pending"``, ``"performed"``, ``"overdue"``...).

    Examples:
        >>> import datetime as dt
        >>> e = Expectation(as_of=dt.date(2025, 6, 28), agreement="london-2025",
        ...                 status="in_force", since=dt.date(2025, 6, 27))
        >>> e.describe()
        'as of 2025-06-28, london-2025: status in_force, since 2025-06-27'
        >>> Expectation(as_of=dt.date(2025, 6, 28), agreement="london-2025", bound=True)
        Traceback (most recent call last):
        ...
        tradeaccord.errors.ModelValueError: Expectation.bound: is about a party: name one with party
    """

    as_of: dt.date = attrs.field(validator=instance_of(dt.date))
    agreement: str | None = attrs.field(default=None, validator=optional(identifier))
    party: str | None = attrs.field(default=None, validator=optional(identifier))
    commitment: str | None = attrs.field(default=None, validator=optional(identifier))
    status: str | None = attrs.field(default=None, validator=optional(instance_of(str)))
    since: dt.date | None = attrs.field(default=None, validator=optional(instance_of(dt.date)))
    in_force: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    bound: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    deontic: str | None = attrs.field(default=None, validator=optional(instance_of(str)))

    def __attrs_post_init__(self) -> None:
        def wrong(field: str | None, detail: str) -> ModelValueError:
            return ModelValueError(
                f"Expectation.{field}: {detail}" if field else f"Expectation: {detail}",
                field=field,
                detail=detail,
            )

        if self.party is not None and self.agreement is None:
            raise wrong("party", "names a party of an agreement: name the agreement too")
        if (self.agreement is None) == (self.commitment is None):
            raise wrong(None, "name an agreement (and maybe a party of it) or a commitment")
        kind = self.kind
        for name in ("in_force", "bound", "deontic"):
            if getattr(self, name) is not None and name not in _CHECKS[kind]:
                about = {"in_force": "an agreement", "bound": "a party", "deontic": "a commitment"}
                hint = {"bound": ": name one with party"}.get(name, "")
                raise wrong(name, f"is about {about[name]}{hint}")
        if self.status is not None and self.status not in STATUS_VALUES[kind]:
            known = ", ".join(sorted(STATUS_VALUES[kind]))
            raise wrong("status", f"{self.status!r} is not a status of {_a(kind)} ({known})")
        if self.deontic is not None and self.deontic not in DEONTIC_VALUES:
            known = ", ".join(sorted(DEONTIC_VALUES))
            raise wrong("deontic", f"{self.deontic!r} is not one of {known}")
        if not self.expected():
            raise wrong(None, f"say what should hold: one of {', '.join(_CHECKS[kind])}")

    @property
    def kind(self) -> str:
        """``"agreement"``, ``"party"`` or ``"commitment"``: what the expectation is about."""
        if self.commitment is not None:
            return "commitment"
        return "party" if self.party is not None else "agreement"

    @property
    def subject(self) -> str:
        """The subject in words: ``london-2025``, ``USA in london-2025``, a commitment id."""
        if self.commitment is not None:
            return self.commitment
        if self.party is not None:
            return f"{self.party} in {self.agreement}"
        return str(self.agreement)

    def expected(self) -> dict[str, Any]:
        """What should hold, by check, in the order they are compared."""
        return {
            name: getattr(self, name)
            for name in _CHECKS[self.kind]
            if getattr(self, name) is not None
        }

    def describe(self) -> str:
        """The expectation in words."""
        shown = ", ".join(f"{k} {_show(v)}" for k, v in self.expected().items())
        return f"as of {self.as_of.isoformat()}, {self.subject}: {shown}"


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@final
@attrs.frozen
class Mismatch:
    """One check of an expectation that does not hold: what was expected, what is."""

    check: str
    expected: Any
    actual: Any

    def describe(self) -> str:
        """``since: expected 2025-06-14, got 2025-06-15``."""
        return f"{self.check}: expected {_show(self.expected)}, got {_show(self.actual)}"


@final
@attrs.frozen(kw_only=True)
class Outcome:
    """An expectation compared with a history: met, or the checks that do not hold.

    ``explanation`` is the subject's explanation on the day (why it has the status it
    has); ``problem`` says why the subject could not be found, when it could not.
    """

    index: int
    expectation: Expectation
    mismatches: tuple[Mismatch, ...] = ()
    explanation: Explanation | None = None
    problem: str | None = None

    @property
    def met(self) -> bool:
        """Whether every check of the expectation holds."""
        return not self.mismatches and self.problem is None

    def describe(self) -> str:
        """One line: the expectation and, unless it is met, what is otherwise."""
        head = f"expect[{self.index}]: {self.expectation.describe()}"
        if self.problem is not None:
            return f"{head}: {self.problem}"
        if self.met:
            return f"{head}: met"
        return f"{head}: not met: {'; '.join(m.describe() for m in self.mismatches)}"


def _actual(kind: str, found: Any) -> dict[str, Any]:
    if kind == "agreement":
        assert isinstance(found, AgreementReport)
        return {
            "status": found.status.value,
            "in_force": found.in_force.as_bool(),
            "since": found.in_force_since,
        }
    if kind == "party":
        assert isinstance(found, PartyReport)
        return {"status": found.status.value, "bound": found.bound.as_bool(), "since": found.since}
    assert isinstance(found, CommitmentReport)
    return {"status": found.status.value, "since": found.since, "deontic": found.deontic.value}


def _subject(report: Report, dataset: Dataset, e: Expectation) -> Any:
    if e.commitment is not None:
        agreement = dataset.agreement_of(e.commitment)
        return report.agreement(agreement.id).commitment(e.commitment)
    found = report.agreement(str(e.agreement))
    return found if e.party is None else found.party(e.party)


@final
@attrs.frozen(kw_only=True)
class ScenarioFile:
    """A what-if scenario with expectations: a scenario file, read or built in code.

    ``dataset`` is the dataset file the scenario is about, as written in the file
    (relative to the file's folder); ``None`` for the embedded example dataset.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> early = ScenarioFile(
        ...     scenario=ta.Scenario(name="early", redate=(
        ...         ta.Redate(event="2025-06-25-us-approval", date=dt.date(2025, 6, 13)),
        ...         ta.Redate(event="2025-06-27-cn-approval", date=dt.date(2025, 6, 15)),
        ...     )),
        ...     expect=(ta.Expectation(as_of=dt.date(2025, 6, 16), agreement="london-2025",
        ...                            status="in_force", since=dt.date(2025, 6, 15)),
        ...             ta.Expectation(as_of=dt.date(2025, 6, 16), agreement="london-2025",
        ...                            status="awaiting_entry_into_force")),
        ... )
        >>> for outcome in early.check(ta.example_dataset()):
        ...     print(outcome.describe())
        expect[0]: as of 2025-06-16, london-2025: status in_force, since 2025-06-15: met
        expect[1]: as of 2025-06-16, london-2025: status awaiting_entry_into_force: not met: status: expected awaiting_entry_into_force, got in_force
    """

    scenario: Scenario = attrs.field(validator=instance_of(Scenario))
    expect: tuple[Expectation, ...] = attrs.field(
        default=(), validator=tuple_of(instance_of(Expectation))
    )
    dataset: str | None = attrs.field(default=None, validator=optional(instance_of(str)))

    @property
    def what_if(self) -> Scenario | None:
        """The scenario, or ``None`` when it adds, removes and moves nothing: the record."""
        scenario = self.scenario
        return scenario if scenario.add or scenario.remove or scenario.redate else None

    def history(
        self,
        dataset: Dataset,
        *,
        rules: RuleSet | None = None,
        policy: EvidencePolicy | None = None,
    ) -> History:
        """The history of ``dataset`` under the scenario (the record, for a scenario
        that changes nothing)."""
        # Imported here: reading a scenario file needs its classes, not the engine.
        from ._engine.history import History

        return History(dataset, rules=rules, policy=policy, scenario=self.what_if)

    def check(
        self,
        dataset: Dataset,
        *,
        rules: RuleSet | None = None,
        policy: EvidencePolicy | None = None,
    ) -> tuple[Outcome, ...]:
        """Every expectation compared with the scenario's history of ``dataset``.

        Raises:
            ScenarioError: the scenario does not apply to ``dataset``.
        """
        history = self.history(dataset, rules=rules, policy=policy)
        reports: dict[dt.date, Report] = {}
        return tuple(_outcome(i, e, history, reports) for i, e in enumerate(self.expect))


def _outcome(
    index: int, expectation: Expectation, history: History, reports: dict[dt.date, Report]
) -> Outcome:
    report = reports.get(expectation.as_of)
    if report is None:
        report = reports[expectation.as_of] = history.at(expectation.as_of)
    try:
        found = _subject(report, history.dataset, expectation)
    except UnknownIdError as exc:
        return Outcome(index=index, expectation=expectation, problem=str(exc))
    actual = _actual(expectation.kind, found)
    mismatches = tuple(
        Mismatch(check, value, actual[check])
        for check, value in expectation.expected().items()
        if actual[check] != value
    )
    explanation = getattr(found, "explanation", None)
    if explanation is None and expectation.kind == "party":
        explanation = report.agreement(str(expectation.agreement)).explanation
    return Outcome(
        index=index, expectation=expectation, mismatches=mismatches, explanation=explanation
    )
