"""The arguments of the ``tradeaccord`` command line: its parser, and how a date or a
period is read."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import NoReturn

from .. import __version__
from .._calendar import Period
from ..errors import TradeAccordError

__all__ = ["UsageError", "parse_date", "parser"]


_FORMATS = ("json", "toml", "yaml")


class UsageError(Exception):
    """Arguments that cannot be used: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def parse_date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a valid date 'YYYY-MM-DD': {text!r}") from None


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


def _format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        help="the format of FILE, when its name does not end in .json, .toml, .yaml or .yml",
    )


def _agreement_argument(parser: argparse.ArgumentParser, verb: str = "show") -> None:
    parser.add_argument(
        "--agreement",
        action="append",
        metavar="ID",
        help=f"{verb} only this agreement (repeatable)",
    )


def _file_arguments(parser: argparse.ArgumentParser, verb: str = "show") -> None:
    """An optional dataset ``FILE``, its ``--format`` and ``--agreement ID``."""
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="a dataset file (.json, .toml, .yaml or .yml)"
    )
    _format_argument(parser)
    _agreement_argument(parser, verb)


def _files_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """One or more files of ``what`` (``"a dataset file"``), ``--format`` and ``--json``."""
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=f"{what} (.json, .toml, .yaml or .yml)"
    )
    parser.add_argument(
        "--format", choices=_FORMATS, help="the format of every FILE, whatever its name"
    )
    _output_arguments(parser)


def _change_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list changes of reason alone (the status stays, what it waits for changes)",
    )
    _output_arguments(parser, "list the events each change newly relies on")


def _output_arguments(
    parser: argparse.ArgumentParser, explains: str | None = None, *, sources: bool = False
) -> None:
    """``--json``; ``--explain`` too if ``explains`` says what it adds, and ``--sources``."""
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    if explains is not None:
        parser.add_argument("--explain", action="store_true", help=explains)
    if sources:
        parser.add_argument(
            "--sources",
            action="store_true",
            help="explain, listing each event's sources (JSON always has them)",
        )


def _known_on_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--known-on",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="answer with what was known on this day: facts, accounts, corrections and "
        "retractions reported later are left out (default: everything on record)",
    )


def _scenario_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario",
        metavar="SCENARIO_FILE",
        help="a scenario file: answer under its what-if (its events marked hypothetical); "
        "without FILE, about the dataset it names",
    )


def parser() -> argparse.ArgumentParser:
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
    _file_arguments(status, "report")
    status.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the day to evaluate (default: today)",
    )
    _output_arguments(status, "include the explanation of each status", sources=True)
    _scenario_argument(status)
    _known_on_argument(status)
    history = commands.add_parser(
        "history",
        help="show the status intervals of agreements, their parties and commitments",
        description="Show every status each agreement, each of its parties and each of its "
        "commitments has had or will have on the facts recorded, as intervals of days with the "
        "reason the deciding rule gave. Without FILE, use the embedded US-China example dataset.",
    )
    _file_arguments(history)
    history.add_argument(
        "--from",
        dest="start",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="leave out intervals that end before this day",
    )
    history.add_argument(
        "--to",
        dest="end",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="leave out intervals that begin after this day",
    )
    _output_arguments(history, "list the events each interval relies on", sources=True)
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
        type=parse_date,
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
    _format_argument(diff)
    _agreement_argument(diff)
    _change_arguments(diff)
    _known_on_argument(diff)
    validate = commands.add_parser(
        "validate",
        help="check dataset files and list every problem in them",
        description="Check dataset files and list every problem in each, with its path (and "
        "line, for YAML). Exit status 0 when every file is valid, 1 when one is not, 2 when an "
        "argument cannot be used (a missing file, an unknown file type).",
    )
    _files_arguments(validate, "a dataset file")
    checking = commands.add_parser(
        "check",
        help="check the expectations of scenario files",
        description="Apply the what-if scenario of each scenario file to its dataset (the "
        "embedded US-China example dataset unless the file names one) and check every "
        "expectation of the file. Exit status 0 when every expectation is met, 1 when one is "
        "not (or a file is not a valid scenario file, or its scenario does not apply), 2 when "
        "an argument cannot be used (a missing file, an unknown file type).",
    )
    _files_arguments(checking, "a scenario file")
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
    _file_arguments(drawing, "draw")
    drawing.add_argument(
        "--as-of",
        type=parse_date,
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
