"""The commands of the ``tradeaccord`` command line, and ``main``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .._calendar import Rounding, add_period
from .._dataset import example_dataset
from .._display import diagram
from .._engine import Change, History, evaluate
from .._expectations import Outcome
from .._io.files import read_file
from .._io.scenarios import dataset_of, dataset_path
from .._model import Dataset
from .._render import render_changes, render_history, render_outcomes, render_text
from .._scenario import Scenario
from ..errors import (
    FileError,
    InputError,
    Problem,
    ScenarioError,
    TradeAccordError,
    UnknownIdError,
)
from ..serialization import (
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
from .arguments import UsageError, parse_date, parser

__all__ = ["main"]


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
            raise UsageError(
                f"{args.scenario} is about {named}, not {args.file}: give that FILE, or none"
            )
    return _dataset(args), scenario_file.what_if


def _dataset(args: argparse.Namespace) -> Dataset:
    """The dataset a command reads (the embedded one without FILE), its agreements checked."""
    if args.file is None and args.format is not None:
        raise UsageError("--format needs a FILE")
    dataset = (
        example_dataset() if args.file is None else load_dataset(args.file, format=args.format)
    )
    for agreement_id in args.agreement or ():
        try:
            dataset.agreement(agreement_id)
        except UnknownIdError as exc:
            raise UsageError(str(exc)) from None
    return dataset


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
        raise UsageError(f"--within {args.within.describe()} from {as_of}: {exc}") from None
    changes = History(dataset, known_on=args.known_on).upcoming(
        as_of, until, agreements=args.agreement
    )
    _write_changes(args, changes, as_of, until, as_of)
    return 0


def _diff(args: argparse.Namespace) -> int:
    if len(args.arguments) not in (2, 3):
        raise UsageError("give two days, D1 and D2, after an optional FILE")
    *file, first, second = args.arguments
    args.file = file[0] if file else None
    try:
        start, end = parse_date(first), parse_date(second)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    if end < start:
        raise UsageError(f"D2 {end} is before D1 {start}")
    dataset = _dataset(args)
    changes = History(dataset, known_on=args.known_on).changes(
        start, end, agreements=args.agreement
    )
    _write_changes(args, changes, start, end, None)
    return 0


def _history(args: argparse.Namespace) -> int:
    dataset, scenario = _with_scenario(args)
    if args.start is not None and args.end is not None and args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
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
            _write_problems(path, problems)
    return 0 if all(result is not None for _, result, _ in results) else 1


def _write_problems(path: str, problems: Sequence[Problem]) -> None:
    """A file's problems, a line each after a count: ``FILE:LINE: PATH: MESSAGE``."""
    sys.stdout.write(f"{path}: {_count(len(problems), 'problem')}\n")
    for p in problems:
        place = f"{path}:{p.line}" if p.line is not None else path
        where = f"{p.path}: " if p.path else ""
        sys.stdout.write(f"{place}: {where}{p.message}\n")


def _check(args: argparse.Namespace) -> int:
    files = [(path, *read_file(path, args.format)) for path in args.files]
    results: list[tuple[str, tuple[Outcome, ...] | None, tuple[Problem, ...]]] = []
    for path, data, kind in files:
        try:
            scenario_file = scenario_from_text(data, format=kind, source=path)
            outcomes = scenario_file.check(dataset_of(scenario_file, path))
        # A FileError (the dataset the file names) is an InputError; a ScenarioError, a
        # scenario that does not apply.
        except (InputError, ScenarioError) as exc:
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
            _write_problems(path, problems)
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
        raise UsageError(
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
        args = parser().parse_args(argv)
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
    except (UsageError, FileError) as exc:
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
