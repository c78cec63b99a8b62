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
from ._dataset import example_dataset
from ._model import Dataset
from ._render import render_text
from ._rules import evaluate
from .errors import InputError, TradeAccordError, UnknownIdError
from .serialization import dataset_from_json, dataset_to_json, report_to_dict

__all__ = ["main"]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused rather than read."""


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
    status.add_argument("file", nargs="?", metavar="FILE", help="a dataset in canonical JSON form")
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
    commands.add_parser(
        "example",
        help="print the embedded example dataset as canonical JSON",
        description="Print the embedded US-China example dataset as canonical JSON.",
    )
    return parser


def _load(path: str) -> Dataset:
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise _UsageError(f"not a file: {path}")
        if size > MAX_FILE_BYTES:
            raise _UsageError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        data = file.read_bytes()
    except FileNotFoundError:
        raise _UsageError(f"no such file: {path}") from None
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror}") from None
    return dataset_from_json(data, source=path)


def _status(args: argparse.Namespace) -> int:
    dataset = example_dataset() if args.file is None else _load(args.file)
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
        sys.stdout.write(
            json.dumps(report_to_dict(report, explain=explain), indent=2, ensure_ascii=False) + "\n"
        )
    else:
        sys.stdout.write(render_text(report, explain=explain, sources=args.sources))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Exit status 0 on success, 1 when a file is not a valid dataset, 2 when the
    arguments cannot be used (an impossible date, a missing file, an unknown id).
    """
    try:
        args = _parser().parse_args(argv)
        if args.command == "example":
            sys.stdout.write(dataset_to_json(example_dataset()))
            return 0
        return _status(args)
    except _UsageError as exc:
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
