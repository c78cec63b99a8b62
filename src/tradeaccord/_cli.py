"""The ``tradeaccord`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from ._calendar import Period, Rounding, add_period
from ._dataset import example_dataset
from ._display import diagram
from ._engine import Change, History, evaluate
from ._expectations import Outcome
from ._io.files import read_file
from ._io.scenarios import dataset_of, dataset_path
from ._model import Dataset
from ._render import render_changes, render_history, render_outcomes, render_text
from ._scenario import Scenario
from .errors import (
    FileError,
    InputError,
    Problem,
    ScenarioError,
    TradeAccordError,
    UnknownIdError,
)
from .serialization import (
    REPORT_FORMAT,
    changes_to_dict,
    dataset_from_text,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    explanation_to_dict,
    history_to_json,
    json_schema,
    load_dataset,
    load_scenario,
    report_to_json,
    scenario_from_text,
)

__all__ = ["main"]

_FORMATS = ("json", "toml", "yaml")


class _UsageError(Exception):
    """Arguments that cannot be used: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a valid date 'YYYY-MM-DD': {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tradeaccord",
        description="Whether trade agreements are in force on a date, why, and what they still wait for.",
    )
    parser.add_argument("--version", action="version", version=f"tradeaccord {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    status = commands.add_parser(
        "status",
        help="show the status of each agreement on a date",
        description="Show the status of each agreement on a date. Without FILE, use the embedded "
        "US-China example dataset.",
    )
    status.add_argument(
        "file", nargs="?", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    status.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )
    status.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="the day to evaluate (default: today)"
    )
    status.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    status.add_argument(
        "--explain", action="store_true", help="include the explanation of each status"
    )
    status.add_argument(
        "--sources",
        action="store_true",
        help="explain, listing each event's sources (JSON always has them)",
    )
    status.add_argument(
        "--agreement", action="append", metavar="ID", help="report only this agreement (repeatable)"
    )
    _scenario_argument(status)
    _known_on_argument(status)
    history = commands.add_parser(
        "history",
        help="show the status intervals of agreements, their parties and commitments",
        description="Show every status each agreement, each of its parties and each of its "
        "commitments has had or will have on the facts recorded, as intervals of days with the "
        "reason the deciding rule gave. Without FILE, use the embedded US-China example dataset.",
    )
    history.add_argument(
        "file", nargs="?", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    history.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )
    history.add_argument(
        "--agreement", action="append", metavar="ID", help="show only this agreement (repeatable)"
    )
    history.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="leave out intervals that end before this day",
    )
    history.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="YYYY-MM-DD",
        help="leave out intervals that begin after this day",
    )
    history.add_argument(
        "--json", action="store_true", help="print one JSON object instead of text"
    )
    history.add_argument(
        "--explain", action="store_true", help="list the events each interval relies on"
    )
    history.add_argument(
        "--sources",
        action="store_true",
        help="explain, listing each event's sources (JSON always has them)",
    )
    _scenario_argument(history)
    _known_on_argument(history)
    upcoming = commands.add_parser(
        "upcoming",
        help="list the changes the facts recorded by a day already fix for the days after it",
        description="List the changes the facts recorded by a day already fix for the days after "
        "it: terms ending, sunsets, scheduled entries into force, withdrawals taking effect, "
        "deadlines passing. Facts recorded later are left out. Without FILE, use the embedded "
        "US-China example dataset.",
    )
    _file_arguments(upcoming)
    upcoming.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day the record stood (default: today)",
    )
    upcoming.add_argument(
        "--within",
        type=_period,
        default=Period(days=30),
        metavar="PERIOD",
        help="how far ahead to look: 30d, 6w, 3m, 1y or an ISO 8601 period such as P90D "
        "(default: 30d)",
    )
    _change_arguments(upcoming)
    _known_on_argument(upcoming)
    diff = commands.add_parser(
        "diff",
        help="list what changed between two days",
        description="List every change of status of agreements, their parties and commitments "
        "after D1 up to and including D2. Without FILE, use the embedded US-China example "
        "dataset.",
    )
    diff.add_argument(
        "arguments",
        nargs="+",
        metavar="[FILE] D1 D2",
        help="an optional dataset file, then the two days (YYYY-MM-DD)",
    )
    diff.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )
    diff.add_argument(
        "--agreement", action="append", metavar="ID", help="show only this agreement (repeatable)"
    )
    _change_arguments(diff)
    _known_on_argument(diff)
    validate = commands.add_parser(
        "validate",
        help="check dataset files and list every problem in them",
        description="Check dataset files and list every problem in each, with its path (and "
        "line, for YAML). Exit status 0 when every file is valid, 1 when one is not, 2 when an "
        "argument cannot be used (a missing file, an unknown file type).",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    validate.add_argument(
        "--format", choices=_FORMATS, help="the format of every FILE, whatever its name"
    )
    validate.add_argument(
        "--json", action="store_true", help="print one JSON object instead of text"
    )
    checking = commands.add_parser(
        "check",
        help="check the expectations of scenario files",
        description="Apply the what-if scenario of each scenario file to its dataset (the "
        "embedded US-China example dataset unless the file names one) and check every "
        "expectation of the file. Exit status 0 when every expectation is met, 1 when one is "
        "not (or a file is not a valid scenario file, or its scenario does not apply), 2 when "
        "an argument cannot be used (a missing file, an unknown file type).",
    )
    checking.add_argument(
        "files", nargs="+", metavar="FILE", help="a scenario file (.json, .toml, .yaml or .yml)"
    )
    checking.add_argument(
        "--format", choices=_FORMATS, help="the format of every FILE, whatever its name"
    )
    checking.add_argument(
        "--json", action="store_true", help="print one JSON object instead of text"
    )
    example = commands.add_parser(
        "example",
        help="print the embedded example dataset",
        description="Print the embedded US-China example dataset, as canonical JSON by default.",
    )
    example.add_argument(
        "--format", choices=_FORMATS, default="json", help="the format to print (default: json)"
    )
    drawing = commands.add_parser(
        "diagram",
        help="print a Mermaid diagram of agreements and what they wait for",
        description="Print a Mermaid flowchart of agreements: their entry-into-force "
        "conditions, their commitments and what each waits for, across linked agreements. "
        "Without FILE, use the embedded US-China example dataset. Paste the output into a "
        "Markdown ```mermaid block (GitHub, mkdocs-material, JupyterLab) or the Mermaid "
        "live editor.",
    )
    drawing.add_argument(
        "file", nargs="?", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    drawing.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )
    drawing.add_argument(
        "--agreement", action="append", metavar="ID", help="draw only this agreement (repeatable)"
    )
    drawing.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="colour each node by its status on this day (default: the structure only)",
    )
    drawing.add_argument(
        "--no-linked",
        action="store_true",
        help="leave out the agreements and commitments the drawn ones refer to",
    )
    drawing.add_argument(
        "--direction",
        choices=("LR", "RL", "TB", "BT"),
        default="LR",
        help="the direction of the arrows (default: LR, left to right)",
    )
    drawing.add_argument(
        "--markdown", action="store_true", help="wrap the diagram in a ```mermaid Markdown block"
    )
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of dataset files (or of scenario files)",
        description="Print the JSON Schema (draft 2020-12) of dataset files, for editors to "
        "complete and check YAML, TOML and JSON datasets; with --scenario, of scenario files.",
    )
    schema.add_argument(
        "--scenario", action="store_true", help="the schema of scenario files instead"
    )
    return parser


def _scenario_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario",
        metavar="SCENARIO_FILE",
        help="a scenario file: answer under its what-if (its events marked hypothetical); "
        "without FILE, about the dataset it names",
    )


def _with_scenario(args: argparse.Namespace) -> tuple[Dataset, Scenario | None]:
    """The dataset a command reads and the scenario it is asked under (``--scenario``)."""
    if getattr(args, "scenario", None) is None:
        return _dataset(args), None
    scenario_file = load_scenario(args.scenario)
    if scenario_file.dataset is not None:
        named = dataset_path(scenario_file, args.scenario)
        if args.file is None:
            args.file = str(named)
        elif Path(args.file).resolve() != named.resolve():
            raise _UsageError(
                f"{args.scenario} is about {named}, not {args.file}: give that FILE, or none"
            )
    changes = scenario_file.scenario
    return _dataset(args), changes if changes.add or changes.remove or changes.redate else None


def _dataset(args: argparse.Namespace) -> Dataset:
    """The dataset a command reads (the embedded one without FILE), its agreements checked."""
    if args.file is None and args.format is not None:
        raise _UsageError("--format needs a FILE")
    dataset = (
        example_dataset() if args.file is None else load_dataset(args.file, format=args.format)
    )
    for agreement_id in args.agreement or ():
        try:
            dataset.agreement(agreement_id)
        except UnknownIdError as exc:
            raise _UsageError(str(exc)) from None
    return dataset


def _file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )
    parser.add_argument(
        "--agreement", action="append", metavar="ID", help="show only this agreement (repeatable)"
    )


def _change_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list changes of reason alone (the status stays, what it waits for changes)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="list the events each change newly relies on"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def _known_on_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--known-on",
        type=_date,
        metavar="YYYY-MM-DD",
        help="answer with what was known on this day: facts, accounts, corrections and "
        "retractions reported later are left out (default: everything on record)",
    )


_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def _period(text: str) -> Period:
    """``30d``, ``6w``, ``3m``, ``1y`` or an ISO 8601 period (``P90D``)."""
    shorthand = text.strip().lower()
    if len(shorthand) > 1 and shorthand[-1] in _UNITS and shorthand[:-1].isdigit():
        return Period(**{_UNITS[shorthand[-1]]: int(shorthand[:-1])})
    try:
        return Period.parse(text)
    except TradeAccordError:
        raise argparse.ArgumentTypeError(
            f"not a period: {text!r} (write 30d, 6w, 3m, 1y or an ISO 8601 period such as P90D)"
        ) from None


def _write_changes(
    args: argparse.Namespace,
    changes: Sequence[Change],
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None,
) -> None:
    shown = [c for c in changes if args.all or c.status_changed]
    if args.json:
        data = changes_to_dict(shown, start=start, end=end, as_of=as_of, explain=args.explain)
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_changes(shown, explain=args.explain))


def _upcoming(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    as_of = args.as_of if args.as_of is not None else dt.date.today()
    try:
        until = add_period(as_of, args.within, rounding=Rounding.DOWN)
    except TradeAccordError as exc:
        raise _UsageError(f"--within {args.within.describe()} from {as_of}: {exc}") from None
    changes = History(dataset, known_on=args.known_on).upcoming(
        as_of, until, agreements=args.agreement
    )
    _write_changes(args, changes, as_of, until, as_of)
    return 0


def _diff(args: argparse.Namespace) -> int:
    if len(args.arguments) not in (2, 3):
        raise _UsageError("give two days, D1 and D2, after an optional FILE")
    *file, first, second = args.arguments
    args.file = file[0] if file else None
    try:
        start, end = _date(first), _date(second)
    except argparse.ArgumentTypeError as exc:
        raise _UsageError(str(exc)) from None
    if end < start:
        raise _UsageError(f"D2 {end} is before D1 {start}")
    dataset = _dataset(args)
    changes = History(dataset, known_on=args.known_on).changes(
        start, end, agreements=args.agreement
    )
    _write_changes(args, changes, start, end, None)
    return 0


def _history(args: argparse.Namespace) -> int:
    dataset, scenario = _with_scenario(args)
    if args.start is not None and args.end is not None and args.end < args.start:
        raise _UsageError(f"--to {args.end} is before --from {args.start}")
    history = History(dataset, scenario=scenario, known_on=args.known_on)
    window = {"agreements": args.agreement, "start": args.start, "end": args.end}
    explain = args.explain or args.sources
    if args.json:
        sys.stdout.write(history_to_json(history, explain=explain, **window))
    else:
        sys.stdout.write(render_history(history, explain=explain, sources=args.sources, **window))
    return 0


def _status(args: argparse.Namespace) -> int:
    dataset, scenario = _with_scenario(args)
    as_of = args.as_of if args.as_of is not None else dt.date.today()
    explain = args.explain or args.sources
    report = evaluate(
        dataset, as_of, agreements=args.agreement, scenario=scenario, known_on=args.known_on
    )
    if args.json:
        sys.stdout.write(report_to_json(report, explain=explain))
    else:
        sys.stdout.write(render_text(report, explain=explain, sources=args.sources))
    return 0


def _diagram(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    drawn = diagram(
        dataset,
        args.agreement,
        as_of=args.as_of,
        linked=not args.no_linked,
        direction=args.direction,
    )
    sys.stdout.write(drawn.markdown() if args.markdown else drawn.text + "\n")
    return 0


def _problem(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "line": problem.line, "message": problem.message}


def _validate(args: argparse.Namespace) -> int:
    files = [(path, *read_file(path, args.format)) for path in args.files]
    results: list[tuple[str, Dataset | None, tuple[Problem, ...]]] = []
    for path, data, kind in files:
        try:
            dataset = dataset_from_text(data, format=kind, source=path)
        except InputError as exc:
            results.append((path, None, exc.problems))
        else:
            results.append((path, dataset, ()))
    if args.json:
        out = {
            "format": 1,
            "valid": all(result is not None for _, result, _ in results),
            "files": [
                {
                    "file": path,
                    "valid": result is not None,
                    "problems": [_problem(p) for p in problems],
                }
                for path, result, problems in results
            ],
        }
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        for path, checked, problems in results:
            if checked is not None:
                sys.stdout.write(
                    f"{path}: valid ({_count(len(checked.agreements), 'agreement')}, "
                    f"{_count(len(checked.events), 'event')})\n"
                )
                continue
            sys.stdout.write(f"{path}: {_count(len(problems), 'problem')}\n")
            for p in problems:
                place = f"{path}:{p.line}" if p.line is not None else path
                where = f"{p.path}: " if p.path else ""
                sys.stdout.write(f"{place}: {where}{p.message}\n")
    return 0 if all(result is not None for _, result, _ in results) else 1


def _check(args: argparse.Namespace) -> int:
    files = [(path, *read_file(path, args.format)) for path in args.files]
    results: list[tuple[str, tuple[Outcome, ...] | None, tuple[Problem, ...]]] = []
    for path, data, kind in files:
        try:
            scenario_file = scenario_from_text(data, format=kind, source=path)
            outcomes = scenario_file.check(dataset_of(scenario_file, path))
        except InputError as exc:  # a FileError too: the dataset the file names
            results.append((path, None, exc.problems))
        except ScenarioError as exc:
            results.append((path, None, exc.problems))
        else:
            results.append((path, outcomes, ()))
    met = all(found is not None and all(o.met for o in found) for _, found, _ in results)
    if args.json:
        out = {
            "format": REPORT_FORMAT,
            "met": met,
            "files": [_checked(path, outcomes, problems) for path, outcomes, problems in results],
        }
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        for path, checked, problems in results:
            if checked is not None:
                sys.stdout.write(render_outcomes(path, checked))
                continue
            sys.stdout.write(f"{path}: {_count(len(problems), 'problem')}\n")
            for p in problems:
                place = f"{path}:{p.line}" if p.line is not None else path
                where = f"{p.path}: " if p.path else ""
                sys.stdout.write(f"{place}: {where}{p.message}\n")
    return 0 if met else 1


def _checked(
    path: str, outcomes: Sequence[Outcome] | None, problems: Sequence[Problem]
) -> dict[str, object]:
    if outcomes is None:
        return {"file": path, "met": False, "problems": [_problem(p) for p in problems]}
    return {
        "file": path,
        "met": all(o.met for o in outcomes),
        "problems": [],
        "expectations": [
            {
                "index": o.index,
                "expectation": o.expectation.describe(),
                "met": o.met,
                "problem": o.problem,
                "mismatches": [
                    {
                        "check": m.check,
                        "expected": _plain(m.expected),
                        "actual": _plain(m.actual),
                    }
                    for m in o.mismatches
                ],
                "explanation": None
                if o.met or o.explanation is None
                else explanation_to_dict(o.explanation),
            }
            for o in outcomes
        ],
    }


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _example(args: argparse.Namespace) -> int:
    writers = {"json": dataset_to_json, "toml": dataset_to_toml, "yaml": dataset_to_yaml}
    try:
        text = writers[args.format](example_dataset())
    except ImportError:
        extra = {"toml": "toml", "yaml": "yaml"}[args.format]
        raise _UsageError(
            f"writing {args.format.upper()} needs an extra: pip install 'tradeaccord[{extra}]'"
        ) from None
    sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Exit status 0 on success, 1 when a file is not a valid dataset, 2 when the
    arguments cannot be used (an impossible date, a missing file, an unknown id).
    """
    try:
        args = _parser().parse_args(argv)
        if args.command == "example":
            return _example(args)
        if args.command == "schema":
            schema = json_schema("scenario" if args.scenario else "dataset")
            sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
            return 0
        if args.command == "check":
            return _check(args)
        if args.command == "validate":
            return _validate(args)
        if args.command == "history":
            return _history(args)
        if args.command == "upcoming":
            return _upcoming(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "diagram":
            return _diagram(args)
        return _status(args)
    except (_UsageError, FileError) as exc:
        sys.stderr.write(f"tradeaccord: error: {exc}\n")
        return 2
    except InputError as exc:
        sys.stderr.write(f"tradeaccord: error: {exc}\n")
        return 1
    except TradeAccordError as exc:
        sys.stderr.write(f"tradeaccord: error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0
