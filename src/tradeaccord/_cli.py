"""The ``tradeaccord`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__
from ._dataset import example_dataset
from ._io.files import read_file
from ._model import Dataset
from ._render import render_text
from ._rules import evaluate
from .errors import FileError, InputError, Problem, TradeAccordError, UnknownIdError
from .serialization import (
    dataset_from_text,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    json_schema,
    load_dataset,
    report_to_json,
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
    example = commands.add_parser(
        "example",
        help="print the embedded example dataset",
        description="Print the embedded US-China example dataset, as canonical JSON by default.",
    )
    example.add_argument(
        "--format", choices=_FORMATS, default="json", help="the format to print (default: json)"
    )
    commands.add_parser(
        "schema",
        help="print the JSON Schema of dataset files",
        description="Print the JSON Schema (draft 2020-12) of dataset files, for editors to "
        "complete and check YAML, TOML and JSON datasets.",
    )
    return parser


def _status(args: argparse.Namespace) -> int:
    if args.file is None and args.format is not None:
        raise _UsageError("--format needs a FILE")
    dataset = (
        example_dataset() if args.file is None else load_dataset(args.file, format=args.format)
    )
    as_of = args.as_of if args.as_of is not None else dt.date.today()
    if args.agreement:
        for agreement_id in args.agreement:
            try:
                dataset.agreement(agreement_id)
            except UnknownIdError as exc:
                raise _UsageError(str(exc)) from None
    explain = args.explain or args.sources
    report = evaluate(dataset, as_of, agreements=args.agreement)
    if args.json:
        sys.stdout.write(report_to_json(report, explain=explain))
    else:
        sys.stdout.write(render_text(report, explain=explain, sources=args.sources))
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
            sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
            return 0
        if args.command == "validate":
            return _validate(args)
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
