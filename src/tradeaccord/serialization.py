"""Reading and writing tradeaccord values: dataset files in YAML, TOML and JSON, JSON
Schema, and reports as versioned JSON data.

A dataset file has one layout whichever of the three formats it is written in; the
[dataset format reference](../reference/dataset-format.md) describes it. Conditions are
objects named by their first key (``{in_force: geneva-2025}``,
``{occurred: approval, by_all: [USA, CHN], target: london-2025}``), unknown keys are
errors, and every problem in a file is reported at once, each with its path (and its
line, for YAML).

Bring your own cattrs converter with
[`configure_converter`][tradeaccord.serialization.configure_converter], or take a ready
one from [`make_converter`][tradeaccord.serialization.make_converter].

Examples:
    >>> from tradeaccord import example_dataset
    >>> from tradeaccord.serialization import dataset_from_json, dataset_to_json
    >>> ds = example_dataset()
    >>> dataset_from_json(dataset_to_json(ds)) == ds
    True
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, Literal

import cattrs

from ._calendar import DAY_COUNT_TYPES, DayCount, Period
from ._conditions import _NODE_TYPES, Condition, format_number
from ._documents import MAX_BYTES, FileFormat, format_of, parse
from ._engine.history import History
from ._engine.intervals import Change, StatusInterval
from ._engine.results import REPORT_FORMAT as _REPORT_FORMAT
from ._engine.results import (
    AgreementReport,
    Citation,
    CommitmentReport,
    Explanation,
    PartyReport,
    Progress,
    Report,
    describe_missing,
)
from ._format import (
    FORMAT,
    MAX_DEPTH,
    READABLE_FORMATS,
    _DatasetProblems,
    read_value,
    value_to_data,
)
from ._format import dataset_from_data as _from_data
from ._format import dataset_to_data as _to_data
from ._model import (
    Agreement,
    Commitment,
    Dataset,
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
from ._schema import json_schema
from ._truth import Truth
from .errors import InputError, Problem

__all__ = [
    "DATASET_FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "READABLE_FORMATS",
    "REPORT_FORMAT",
    "changes_to_dict",
    "configure_converter",
    "dataset_from_data",
    "dataset_from_json",
    "dataset_from_text",
    "dataset_from_toml",
    "dataset_from_yaml",
    "dataset_to_data",
    "dataset_to_json",
    "dataset_to_toml",
    "dataset_to_yaml",
    "explanation_to_dict",
    "history_to_dict",
    "history_to_json",
    "json_schema",
    "load_dataset",
    "make_converter",
    "report_to_dict",
    "report_to_json",
]

DATASET_FORMAT: Final = FORMAT
"""The version of the dataset layout tradeaccord writes, in the ``"format"`` key."""

REPORT_FORMAT: Final = _REPORT_FORMAT
"""The version of the report layout, in the ``"format"`` key of a report's data."""

_MODEL_TYPES: Final = (
    Party,
    Group,
    Member,
    Official,
    Measure,
    Source,
    Event,
    Commitment,
    Deadline,
    Term,
    PartyEntry,
    EntryIntoForce,
    ProvisionalApplication,
    Link,
    Agreement,
    Dataset,
)


# Plain data ---------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """``value`` with every date written as ``"YYYY-MM-DD"``."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def dataset_to_data(
    dataset: Dataset, *, dates: Literal["text", "native"] = "text"
) -> dict[str, Any]:
    """The canonical form of a dataset as plain data, ready for ``json.dumps``.

    Optional keys holding their default are left out and the short forms are used
    where they apply (see the dataset format reference). With ``dates="native"``,
    dates are ``datetime.date`` values, as YAML and TOML writers want them.

    Examples:
        >>> from tradeaccord import example_dataset
        >>> data = dataset_to_data(example_dataset())
        >>> data["format"], data["agreements"][1]["entry_into_force"]
        (1, {'when': {'occurred': 'approval', 'by_all': ['USA', 'CHN'], 'target': 'london-2025'}})
    """
    data = _to_data(dataset)
    return data if dates == "native" else _jsonable(data)


def dataset_from_data(data: Any, *, source: str = "<data>") -> Dataset:
    """Read a dataset from plain data (as parsed from JSON, TOML or YAML).

    Raises:
        InputError: with every problem in the data, each with its path.

    Examples:
        >>> ds = dataset_from_data({"format": 1, "parties": [{"id": "USA", "name": "US"}]})
        >>> ds.party("USA").name
        'US'
        >>> dataset_from_data({"format": 1, "parties": [{"id": "USA", "nom": "US"}]})
        Traceback (most recent call last):
        ...
        tradeaccord.errors.InputError: cannot read <data>: 2 problems
          - parties[0]: a party needs 'name'
          - parties[0].nom: unknown key 'nom' in a party (allowed: id, name, kind)
    """
    try:
        return _from_data(data)
    except _DatasetProblems as exc:
        raise InputError(source, exc.problems) from None


# Text ------------------------------------------------------------------------------------------


def dataset_from_text(
    text: str | bytes, *, format: FileFormat, source: str = "<string>"
) -> Dataset:
    """Read a dataset from the text of a ``"json"``, ``"toml"`` or ``"yaml"`` file.

    Raises:
        InputError: the text cannot be parsed, or the data is not a valid dataset;
            every problem is listed with its path (and its line, for YAML).
    """
    if format not in ("json", "toml", "yaml"):
        raise ValueError(f"format must be 'json', 'toml' or 'yaml', got {format!r}")
    document = parse(text, format)
    if document.data is None and document.problems:
        raise InputError(source, document.problems)
    try:
        dataset = _from_data(
            document.data,
            lines=document.lines,
            hint="(quote text in YAML)" if format == "yaml" else "",
        )
    except _DatasetProblems as exc:
        raise InputError(source, _merged(document.problems, exc.problems)) from None
    if document.problems:
        raise InputError(source, document.problems)
    return dataset


def _merged(first: list[Problem], second: list[Problem]) -> list[Problem]:
    """Problems from parsing and from reading, in the order of the lines they are on."""
    if not first:
        return second
    # A value the parser could not read is reported once, by the parser.
    unread = {p.path for p in first}
    second = [p for p in second if p.path not in unread]
    return sorted([*first, *second], key=lambda p: p.line if p.line is not None else 0)


def dataset_from_json(text: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from JSON text (see [`dataset_from_text`][tradeaccord.serialization.dataset_from_text])."""
    return dataset_from_text(text, format="json", source=source)


def dataset_from_toml(text: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from TOML text (see [`dataset_from_text`][tradeaccord.serialization.dataset_from_text])."""
    return dataset_from_text(text, format="toml", source=source)


def dataset_from_yaml(text: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from YAML text; needs PyYAML (``pip install 'tradeaccord[yaml]'``).

    Examples:
        >>> ds = dataset_from_yaml('''
        ... format: 1
        ... parties:
        ...   - {id: USA, name: United States}
        ...   - {id: CHN, name: China}
        ... agreements:
        ...   - id: deal
        ...     title: A deal
        ...     kind: framework
        ...     parties: [USA, CHN]
        ...     entry_into_force:
        ...       when: {occurred: approval, by_all: [USA, CHN], target: deal}
        ... ''')
        >>> ds.agreement("deal").entry_into_force.when.describe()
        'all of'
    """
    return dataset_from_text(text, format="yaml", source=source)


def load_dataset(path: str | os.PathLike[str], *, format: FileFormat | None = None) -> Dataset:
    """Read a dataset file; the format comes from the suffix (``.json``, ``.toml``,
    ``.yaml``, ``.yml``) unless given.

    Raises:
        InputError: the file cannot be read or is not a valid dataset.
    """
    name = os.fspath(path)
    kind = format or format_of(name)
    if kind is None:
        raise InputError(
            name, [Problem("", "unknown file type: name it .json, .toml, .yaml or .yml")]
        )
    file = Path(name)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise InputError(
                name, [Problem("", f"larger than {MAX_BYTES // (1024 * 1024)} MiB: not read")]
            )
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(name, [Problem("", f"cannot read the file: {exc.strerror}")]) from None
    return dataset_from_text(data, format=kind, source=name)


def dataset_to_json(dataset: Dataset, *, indent: int | None = 2) -> str:
    """The canonical JSON text of a dataset."""
    data = _to_data(dataset)
    return json.dumps(data, indent=indent, ensure_ascii=False, default=dt.date.isoformat) + "\n"


def dataset_to_yaml(dataset: Dataset) -> str:
    """The dataset as YAML text; needs PyYAML (``pip install 'tradeaccord[yaml]'``)."""
    import yaml

    class Dumper(yaml.SafeDumper):  # type: ignore[misc]
        """Writes text holding a line break YAML would fold (U+0085) double-quoted,
        where it is escaped, so that it reads back unchanged."""

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(  # type: ignore[no-any-return]
        dataset_to_data(dataset, dates="native"),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )


def dataset_to_toml(dataset: Dataset) -> str:
    """The dataset as TOML text; needs tomli-w (``pip install 'tradeaccord[toml]'``).

    Reading TOML needs nothing beyond the standard library.
    """
    import tomli_w

    return tomli_w.dumps(dataset_to_data(dataset, dates="native"))


# Converter ------------------------------------------------------------------------------------


def _structure(cls: Any) -> Callable[[Any, Any], Any]:
    def hook(data: Any, _: Any) -> Any:
        value, problems = read_value(cls, data)
        if problems:
            raise InputError(f"<{getattr(cls, '__name__', 'value')}>", problems)
        return value

    return hook


def _optional(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda data, type_: None if data is None else hook(data, type_)


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` tradeaccord's file forms, for every model class, conditions,
    day-count rules and periods.

    Structuring checks everything the file reader checks (unknown keys are always
    errors) and raises [`InputError`][tradeaccord.errors.InputError] with every problem
    found; unstructuring gives the canonical plain data, dates as ``"YYYY-MM-DD"``.

    Examples:
        >>> import cattrs
        >>> from tradeaccord import Commitment
        >>> conv = cattrs.Converter()
        >>> configure_converter(conv)
        >>> c = conv.structure({"id": "c", "by": "USA", "action": "lift", "summary": "Lift it",
        ...                     "condition": {"in_force": "deal"}}, Commitment)
        >>> c.condition
        InForce(agreement='deal')
        >>> conv.unstructure(c)["condition"]
        {'in_force': 'deal'}
    """
    for cls in _MODEL_TYPES:
        converter.register_structure_hook(cls, _structure(cls))
        converter.register_unstructure_hook(cls, lambda v: _jsonable(value_to_data(v)))
    for node_type in _NODE_TYPES:
        converter.register_unstructure_hook(node_type, lambda v: _jsonable(value_to_data(v)))
    for rule_type in DAY_COUNT_TYPES:
        converter.register_unstructure_hook(rule_type, lambda v: _jsonable(value_to_data(v)))
    converter.register_structure_hook(Condition, _structure(Condition))
    converter.register_structure_hook(DayCount, _structure(DayCount))
    optional: tuple[tuple[Any, Any], ...] = (
        (Condition | None, Condition),
        (DayCount | None, DayCount),
    )
    for union, member in optional:
        converter.register_structure_hook(union, _optional(_structure(member)))
    converter.register_unstructure_hook(Condition, lambda v: _jsonable(value_to_data(v)))
    converter.register_unstructure_hook(DayCount, lambda v: _jsonable(value_to_data(v)))
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(Period, _structure(Period))
    for report_type, function in (
        (Report, report_to_dict),
        (Explanation, explanation_to_dict),
    ):
        converter.register_unstructure_hook(report_type, function)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for tradeaccord values (unknown keys are errors).

    Examples:
        >>> from tradeaccord import Party
        >>> conv = make_converter()
        >>> conv.unstructure(Party(id="USA", name="United States"))
        {'id': 'USA', 'name': 'United States'}
        >>> conv.structure({"id": "USA", "name": "United States", "flag": "x"}, Party)
        Traceback (most recent call last):
        ...
        tradeaccord.errors.InputError: cannot read <Party>: flag: unknown key 'flag' in a party (allowed: id, name, kind)
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    configure_converter(converter)
    return converter


# Reports -------------------------------------------------------------------------------


def _truth(value: Truth) -> bool | None:
    return value.as_bool()


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _citation(citation: Citation) -> dict[str, Any]:
    return {
        "event": citation.event,
        "date": citation.date.isoformat(),
        "kind": citation.kind.value,
        "party": citation.party,
        "summary": citation.summary,
        "confidence": citation.confidence.value,
        "hypothetical": citation.hypothetical,
        "sources": [
            {
                "id": s.id,
                "publisher": s.publisher,
                "title": s.title,
                "url": s.url,
                "published": _day(s.published),
                "kind": s.kind.value,
            }
            for s in citation.sources
        ],
    }


def _explanation(node: Explanation) -> dict[str, Any]:
    return {
        "label": node.label,
        "value": None if node.value is None else node.value.value,
        "since": _day(node.since),
        "citations": [_citation(c) for c in node.citations],
        "children": [_explanation(c) for c in node.children],
        "failed": node.failed,
    }


def _commitment(report: CommitmentReport, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.id,
        "by": report.by,
        "action": report.action.value,
        "summary": report.summary,
        "status": report.status.value,
        "since": _day(report.since),
        "deontic": report.deontic.value,
        "due": _day(report.due),
        "performed": _truth(report.performed),
        "performed_on": _day(report.performed_on),
        "rule": report.rule,
        "reason": report.reason,
        "missing": list(describe_missing(report.missing)),
    }
    if explain:
        out["explanation"] = _explanation(report.explanation)
    return out


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "condition": progress.condition,
        "path": progress.path,
        "unit": progress.unit,
        "met": _truth(progress.met),
        "have": format_number(progress.have),
        "unknown": format_number(progress.unknown),
        "required": format_number(progress.required),
        "still_needed": format_number(progress.still_needed),
        "counted": list(progress.counted),
        "uncertain": list(progress.uncertain),
        "outstanding": list(progress.outstanding),
        "members": progress.members,
        "description": progress.describe(),
    }


def _party(report: PartyReport) -> dict[str, Any]:
    return {
        "party": report.party,
        "status": report.status.value,
        "bound": _truth(report.bound),
        "since": _day(report.since),
        "entry_into_force": _day(report.entry_into_force),
        "instrument_on": _day(report.instrument_on),
        "withdrawal_effective": _day(report.withdrawal_effective),
    }


def _agreement(report: AgreementReport, explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.id,
        "title": report.title,
        "status": report.status.value,
        "in_force": _truth(report.in_force),
        "in_force_since": _day(report.in_force_since),
        "entered_into_force": _day(report.entered_into_force),
        "scheduled_entry_into_force": _day(report.scheduled_entry_into_force),
        "rule": report.rule,
        "reason": report.reason,
        "missing": list(report.missing_descriptions()),
        "missing_alternatives": [[n.description for n in a.needs] for a in report.missing],
        "progress": [_progress(p) for p in report.progress],
        "per_party": report.per_party,
        "parties": [_party(p) for p in report.parties],
        "commitments": [_commitment(c, explain) for c in report.commitments],
    }
    if explain:
        out["explanation"] = _explanation(report.explanation)
    return out


def report_to_dict(report: Report, *, explain: bool = False) -> dict[str, Any]:
    """The JSON-compatible form of a report (see the JSON output reference).

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import evaluate, example_dataset
        >>> data = report_to_dict(evaluate(example_dataset(), dt.date(2025, 6, 12)))
        >>> london = [a for a in data["agreements"] if a["id"] == "london-2025"][0]
        >>> london["in_force"], london["missing"]
        (False, ['approval of london-2025 by USA', 'approval of london-2025 by CHN'])
    """
    return {
        "format": report.format,
        "as_of": report.as_of.isoformat(),
        "scenario": report.scenario,
        "agreements": [_agreement(a, explain) for a in report.agreements],
    }


def report_to_json(report: Report, *, explain: bool = False, indent: int | None = 2) -> str:
    """The JSON text of [`report_to_dict(report)`][tradeaccord.serialization.report_to_dict]:
    what ``tradeaccord status --json`` prints."""
    return (
        json.dumps(report_to_dict(report, explain=explain), indent=indent, ensure_ascii=False)
        + "\n"
    )


def explanation_to_dict(explanation: Explanation) -> dict[str, Any]:
    """One explanation tree as JSON-compatible data, with the report ``"format"`` key.

    The nodes have the layout of the ``explanation`` key of the JSON output.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import evaluate, example_dataset
        >>> report = evaluate(example_dataset(), dt.date(2025, 6, 12))
        >>> data = explanation_to_dict(report.agreement("london-2025").explanation)
        >>> data["format"], data["value"], data["children"][0]["label"]
        (2, 'false', 'entry into force (on the same day the condition first holds)')
    """
    return {"format": REPORT_FORMAT, **_explanation(explanation)}


# Histories -----------------------------------------------------------------------------


def _interval(interval: StatusInterval[Any], explain: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "start": _day(interval.start),
        "end": _day(interval.end),
        "status": interval.status.value,
        "rule": interval.rule,
        "reason": interval.reason,
        "since": _day(interval.since),
        "events": [c.event for c in interval.citations()],
        "missing": list(describe_missing(interval.missing)),
    }
    if interval.deontic is not None:
        out["deontic"] = interval.deontic.value
    if explain:
        out["explanation"] = _explanation(interval.explanation)
    return out


def history_to_dict(
    history: History,
    *,
    agreements: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """The JSON-compatible form of a history's status intervals (see the JSON output reference).

    Intervals that share no day with ``start`` to ``end`` (both included; ``None``
    leaves a side open) are left out.

    Examples:
        >>> from tradeaccord import History, example_dataset
        >>> data = history_to_dict(History(example_dataset()), agreements=["london-2025"])
        >>> [(i["start"], i["status"]) for i in data["agreements"][0]["intervals"]]
        [(None, 'not_concluded'), ('2025-06-10', 'awaiting_entry_into_force'), ('2025-06-25', 'awaiting_entry_into_force'), ('2025-06-27', 'in_force')]
    """
    window = {"start": start, "end": end}
    ids = tuple(a.id for a in history.dataset.agreements) if agreements is None else agreements
    out = []
    for agreement_id in ids:
        agreement = history.dataset.agreement(agreement_id)
        out.append(
            {
                "id": agreement.id,
                "title": agreement.title,
                "intervals": [
                    _interval(i, explain) for i in history.agreement(agreement_id).within(**window)
                ],
                "parties": [
                    {
                        "party": party,
                        "intervals": [
                            _interval(i, explain)
                            for i in history.party(agreement_id, party).within(**window)
                        ],
                    }
                    for party in history.parties(agreement_id)
                ],
                "commitments": [
                    {
                        "id": c.id,
                        "by": c.by,
                        "action": c.action.value,
                        "intervals": [
                            _interval(i, explain) for i in history.commitment(c.id).within(**window)
                        ],
                    }
                    for c in agreement.commitments
                ],
            }
        )
    return {
        "format": REPORT_FORMAT,
        "from": _day(start),
        "to": _day(end),
        "agreements": out,
    }


def history_to_json(
    history: History,
    *,
    agreements: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    explain: bool = False,
    indent: int | None = 2,
) -> str:
    """The JSON text of [`history_to_dict`][tradeaccord.serialization.history_to_dict]: what
    ``tradeaccord history --json`` prints."""
    data = history_to_dict(history, agreements=agreements, start=start, end=end, explain=explain)
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def changes_to_dict(
    changes: Iterable[Change],
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """The JSON-compatible form of changes between two days (see the JSON output reference).

    ``start`` and ``end`` are the days the changes were asked for (after ``start``, up to
    and including ``end``); ``as_of``, for upcoming changes, the day the record stood.

    Examples:
        >>> import datetime as dt
        >>> from tradeaccord import History, example_dataset
        >>> history = History(example_dataset())
        >>> data = changes_to_dict(history.changes(dt.date(2025, 6, 26), dt.date(2025, 6, 27)),
        ...                        start=dt.date(2025, 6, 26), end=dt.date(2025, 6, 27))
        >>> first = data["changes"][0]
        >>> first["day"], first["subject"], first["before"]["status"], first["after"]["status"]
        ('2025-06-27', 'london-2025', 'awaiting_entry_into_force', 'in_force')
    """
    return {
        "format": REPORT_FORMAT,
        "as_of": _day(as_of),
        "from": start.isoformat(),
        "to": end.isoformat(),
        "changes": [
            {
                "day": change.day.isoformat(),
                "kind": change.kind,
                "agreement": change.agreement,
                "subject": change.subject,
                "status_changed": change.status_changed,
                "before": _interval(change.before, False),
                "after": _interval(change.after, explain),
                "new_events": [c.event for c in change.citations()],
            }
            for change in changes
        ],
    }
