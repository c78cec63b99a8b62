"""Text rendering of reports and histories. Rendering reads them; it never evaluates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from ._engine import Change, History, StatusInterval
from ._engine.intervals import unchanged_words
from ._engine.results import (
    AgreementReport,
    CommitmentReport,
    CommitmentStatus,
    Explanation,
    PartyReport,
    PartyStatus,
    Report,
    describe_missing,
)
from ._expectations import Outcome
from ._truth import Truth

__all__ = ["render_changes", "render_history", "render_outcome", "render_outcomes", "render_text"]

_MARK = {Truth.TRUE: "yes", Truth.FALSE: "no", Truth.UNKNOWN: "unknown"}


def _words(member: Enum) -> str:
    """A status (or other enum member) in words: ``in_force`` is ``in force``."""
    return str(member.value).replace("_", " ")


def _explanation(node: Explanation, depth: int, lines: list[str], *, sources: bool) -> None:
    pad = "  " * depth
    value = ""
    if node.value is not None:
        value = f" [{_MARK[node.value]}"
        value += f" since {node.since.isoformat()}]" if node.since else "]"
    lines.append(f"{pad}- {node.label}{value}")
    for citation in node.citations:
        lines.append(
            f"{pad}    * {citation.date.isoformat()} {citation.kind.value}"
            f"{' by ' + citation.party if citation.party else ''}: {citation.summary}"
            f" (confidence {citation.confidence.value})"
            f"{' [hypothetical]' if citation.hypothetical else ''}"
        )
        if citation.evidence:
            lines.append(f"{pad}      evidence: {citation.evidence}")
        if sources:
            for source in citation.sources:
                where = f", {source.url}" if source.url else ""
                lines.append(
                    f"{pad}        source: {source.publisher}{' - ' + source.title if source.title else ''}{where}"
                )
    for child in node.children:
        _explanation(child, depth + 1, lines, sources=sources)


def _commitment(
    report: CommitmentReport, lines: list[str], *, explain: bool, sources: bool
) -> None:
    since = f" since {report.since.isoformat()}" if report.since else ""
    due = f", due {report.due.isoformat()}" if report.due else ""
    if report.performed_on is not None and report.status is not CommitmentStatus.PERFORMED:
        due += f"; performance recorded {report.performed_on.isoformat()}"
    lines.append(
        f"  - {report.id} ({report.by} {report.action.value}): {report.status.value}{since}; "
        f"{_words(report.deontic)}{due}{f' [{report.hedges}]' if report.hedges else ''}"
    )
    lines.append(f"      {report.summary}")
    for need in describe_missing(report.missing, evidence=True):
        lines.append(f"      missing: {need}")
    if explain:
        for child in report.explanation.children:
            _explanation(child, 3, lines, sources=sources)


def _own_position(report: AgreementReport, party: PartyReport) -> bool:
    """Whether a party stands otherwise than the agreement itself (withdrawn, bound apart...)."""
    if party.instrument_on is not None or party.withdrawal_effective is not None:
        return True
    if party.status is PartyStatus.WITHDRAWN or party.bound is not report.in_force:
        return True
    if party.status is PartyStatus.PENDING:
        return party.entry_into_force != report.scheduled_entry_into_force
    return party.status is PartyStatus.BOUND and party.entry_into_force != report.entered_into_force


def _party(party: PartyReport) -> str:
    text = f"  - {party.party}: {_words(party.status)}"
    if party.instrument_on is not None:
        text += f", instrument {party.instrument_on.isoformat()}"
    if party.entry_into_force is not None:
        text += f", entry into force {party.entry_into_force.isoformat()}"
    if party.withdrawal_effective is not None:
        text += f", withdrawal effective {party.withdrawal_effective.isoformat()}"
    return text


def _agreement(report: AgreementReport, lines: list[str], *, explain: bool, sources: bool) -> None:
    lines.append(f"{report.id}: {report.title}")
    lines.append(f"  status: {_words(report.status)} ({report.reason})")
    in_force = _MARK[report.in_force]
    if report.in_force_since is not None:
        in_force += f", since {report.in_force_since.isoformat()}"
    lines.append(f"  in force: {in_force}")
    if report.in_force is not Truth.TRUE:
        if report.scheduled_entry_into_force is not None:
            lines.append(
                f"  scheduled entry into force: {report.scheduled_entry_into_force.isoformat()}"
            )
        for progress in report.progress:
            lines.append(f"  progress: {progress.describe()}")
    for need in describe_missing(report.missing, evidence=True):
        lines.append(f"  missing: {need}")
    if report.parties and (
        report.per_party or any(_own_position(report, p) for p in report.parties)
    ):
        lines.append("  parties:")
        lines.extend(_party(p) for p in report.parties)
    if explain:
        lines.append("  why:")
        for child in report.explanation.children:
            _explanation(child, 2, lines, sources=sources)
    if report.commitments:
        lines.append("  commitments:")
        for commitment in report.commitments:
            _commitment(commitment, lines, explain=explain, sources=sources)


def render_text(report: Report, *, explain: bool = False, sources: bool = False) -> str:
    """Render a report as plain text.

    Each agreement shows its status, whether it is in force, and, while it is
    not, the day the facts already fix for its entry into force and the
    progress of each threshold of its clause; then what is missing; then, when
    parties are bound by their own instruments or a party stands otherwise
    than the agreement (it withdrew, say), each party's position; then its
    commitments.

    Args:
        report: the report to render.
        explain: also show each explanation tree, with the events relied on.
        sources: with ``explain``, also list the sources of each event.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import evaluate, example_dataset
        >>> text = render_text(evaluate(example_dataset(), dt.date(2025, 6, 12)))
        >>> print(text.splitlines()[0])
        As of 2025-06-12
    """
    known = f" (as known on {report.known_on.isoformat()})" if report.known_on is not None else ""
    lines = [f"As of {report.as_of.isoformat()}{known}", ""]
    if report.scenario is not None:
        lines[0] += f", in the what-if scenario {report.scenario!r} (hypothetical events marked)"
    for agreement in report.agreements:
        _agreement(agreement, lines, explain=explain, sources=sources)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _span(interval: StatusInterval[Any]) -> str:
    start, end = interval.start, interval.end
    last = None if end is None else (end - dt.timedelta(days=1)).isoformat()
    if start is None and last is None:
        return "always"
    if start is None:
        return f"until {last}"
    if last is None:
        return f"from {start.isoformat()}"
    if last == start.isoformat():
        return f"on {last}"
    return f"{start.isoformat()} to {last}"


def _intervals(
    intervals: Iterable[StatusInterval[Any]],
    depth: int,
    lines: list[str],
    *,
    explain: bool,
    sources: bool,
) -> None:
    pad = "  " * depth
    shown = list(intervals)
    width = max(len(_span(i)) for i in shown) if shown else 0
    before: tuple[StatusInterval[Any], str] | None = None
    for interval in shown:
        status = _words(interval.status)
        if interval.deontic is not None:
            status += f", {_words(interval.deontic)}"
        text = f"{status} ({interval.reason})"
        note = f" [{unchanged_words(before[0], interval)}]" if before and before[1] == text else ""
        lines.append(f"{pad}{_span(interval):<{width}}  {text}{note}")
        before = interval, text
        if explain:
            for citation in interval.citations():
                lines.append(
                    f"{pad}    * {citation.date.isoformat()} {citation.kind.value}"
                    f"{' by ' + citation.party if citation.party else ''}: {citation.summary}"
                    f"{' [hypothetical]' if citation.hypothetical else ''}"
                )
                if sources:
                    for source in citation.sources:
                        where = f", {source.url}" if source.url else ""
                        title = f" - {source.title}" if source.title else ""
                        lines.append(f"{pad}        source: {source.publisher}{title}{where}")


def render_history(
    history: History,
    *,
    agreements: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    explain: bool = False,
    sources: bool = False,
) -> str:
    """Render the status intervals of agreements, their parties and commitments as text.

    Each interval shows its days, its status and the reason the deciding rule
    gave; when these read as the previous interval's, brackets say what changed
    (the events newly cited, or no longer cited). Intervals that share no day with
    ``start`` to ``end`` are left out.

    Args:
        history: the history to render.
        agreements: ids of the agreements to show (default: all, in order).
        start: the first day of interest (default: the beginning of time).
        end: the last day of interest (default: for ever).
        explain: also list the events each interval relies on.
        sources: with ``explain``, also list the sources of each event.

    Examples:
        >>> from tradeaccord import History, example_dataset
        >>> text = render_history(History(example_dataset()), agreements=["london-2025"])
        >>> print("\\n".join(text.splitlines()[:7]))
        london-2025: London framework to implement the Geneva consensus
          status:
            until 2025-06-09          not concluded (to be concluded on 2025-06-10)
            on 2025-06-10             awaiting entry into force (concluded, not yet in force; waiting for approval of london-2025 by USA and approval of london-2025 by CHN)
            2025-06-11 to 2025-06-24  awaiting entry into force (concluded, not yet in force; waiting for approval of london-2025 by USA and approval of london-2025 by CHN) [newly citing 2025-06-11-deal-done-claim-usa, 2025-06-11-deal-done-claim-chn]
            2025-06-25 to 2025-06-26  awaiting entry into force (concluded, not yet in force; waiting for approval of london-2025 by CHN)
            from 2025-06-27           in force (in force since 2025-06-27)
    """
    lines: list[str] = []
    if history.scenario is not None:
        name = history.scenario.name
        lines += [f"In the what-if scenario {name!r} (hypothetical events marked)", ""]
    window = {"start": start, "end": end}
    ids = tuple(a.id for a in history.dataset.agreements) if agreements is None else agreements
    for agreement_id in ids:
        agreement = history.dataset.agreement(agreement_id)
        lines.append(f"{agreement.id}: {agreement.title}")
        lines.append("  status:")
        _intervals(
            history.agreement(agreement_id).within(**window),
            2,
            lines,
            explain=explain,
            sources=sources,
        )
        parties = history.parties(agreement_id)
        if parties:
            lines.append("  parties:")
            for party in parties:
                lines.append(f"    {party}:")
                _intervals(
                    history.party(agreement_id, party).within(**window),
                    3,
                    lines,
                    explain=explain,
                    sources=sources,
                )
        if agreement.commitments:
            lines.append("  commitments:")
            for commitment in agreement.commitments:
                lines.append(f"    {commitment.id} ({commitment.by} {commitment.action.value}):")
                _intervals(
                    history.commitment(commitment.id).within(**window),
                    3,
                    lines,
                    explain=explain,
                    sources=sources,
                )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_changes(changes: Iterable[Change], *, explain: bool = False) -> str:
    """Render changes (from ``History.changes`` or ``History.upcoming``) as text, a line each.

    Each line gives the day, what changed, the status before and after, and the
    reason the deciding rule gave after; a change of reason alone says "still". When
    neither changed, brackets say what did: the events newly cited (or no longer
    cited). With ``explain``, the events each change newly relies on follow it.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> ahead = History(example_dataset()).upcoming(dt.date(2025, 8, 1), dt.date(2025, 8, 31))
        >>> print(render_changes(ahead).splitlines()[-1])
        2025-08-12  geneva-2025/cn-suspend-24-points: active -> ended (its term ran out on 2025-08-12)
    """
    lines: list[str] = []
    for change in changes:
        what, move = change._wording(_words)
        note = ""
        if not change.status_changed and change.before.reason == change.after.reason:
            note = f" [{unchanged_words(change.before, change.after)}]"
        lines.append(f"{change.day.isoformat()}  {what}: {move} ({change.after.reason}){note}")
        if explain:
            for citation in change.citations():
                lines.append(
                    f"    * {citation.date.isoformat()} {citation.kind.value}"
                    f"{' by ' + citation.party if citation.party else ''}: {citation.summary}"
                    f"{' [hypothetical]' if citation.hypothetical else ''}"
                )
    if not lines:
        return "No changes.\n"
    return "\n".join(lines) + "\n"


def render_outcomes(source: str, outcomes: Sequence[Outcome], *, explain: bool = True) -> str:
    """The outcomes of a scenario file's expectations as text: one line for the file,
    then each expectation that is not met, with what was expected, what is, and (with
    ``explain``) the explanation of what is.

    Examples:
        >>> import datetime as dt
        >>> import tradeaccord as ta
        >>> file = ta.ScenarioFile(scenario=ta.Scenario(name="record"), expect=(
        ...     ta.Expectation(as_of=dt.date(2025, 6, 26), agreement="london-2025", in_force=True),))
        >>> print(render_outcomes("mine.yaml", file.check(ta.example_dataset()), explain=False))
        mine.yaml: 1 of 1 expectation not met
          expect[0]: as of 2025-06-26, london-2025: in_force yes: not met: in_force: expected yes, got no
        <BLANKLINE>
    """
    failed = [o for o in outcomes if not o.met]
    total = len(outcomes)
    noun = "expectation" if total == 1 else "expectations"
    if not failed:
        return f"{source}: {total} {noun}, all met\n"
    lines = [f"{source}: {len(failed)} of {total} {noun} not met"]
    lines += (render_outcome(outcome, explain=explain) for outcome in failed)
    return "\n".join(lines)


def render_outcome(outcome: Outcome, *, explain: bool = True) -> str:
    """One outcome, indented as ``render_outcomes`` lists it: what was expected, what is,
    and (with ``explain``, for one not met) why."""
    lines = [f"  {outcome.describe()}"]
    if explain and not outcome.met and outcome.explanation is not None:
        lines.append("    why:")
        _explanation(outcome.explanation, 3, lines, sources=False)
    return "\n".join(lines) + "\n"
