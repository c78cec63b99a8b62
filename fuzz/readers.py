"""Fuzzing the dataset readers: mutated and random inputs in JSON, YAML and TOML.

Every input is read with ``dataset_from_text``. What must hold, for every input:

- reading returns a ``Dataset`` or raises a ``TradeAccordError`` (``InputError``), and
  nothing else, within 2 seconds;
- ``tradeaccord validate`` on the same file exits with 0 or 1, agrees with the reader,
  and never lets an exception (a traceback) out;
- a dataset that is read is evaluated on a date and rendered as text and as JSON, with
  explanations; evaluating it raises nothing but a ``TradeAccordError`` (counted apart,
  as "evaluation errors": a dataset may be valid and still ask for a date past the
  calendar).

The inputs are mutants of seed files (the embedded example dataset written in the three
formats, and the example files in ``examples/data``), made by one to three random
mutations each: of the text (cut, repeat or swap a span, repeat a line — which gives
keys given twice —, insert a token or a byte, truncate) or of the data (replace, remove,
rename, repeat or nest a value, then write the file again); and, one input in ten, random
text or random JSON-like data. Everything follows from ``--seed``.

Run::

    python fuzz/readers.py                      # 120,000 inputs, 40,000 per format
    python fuzz/readers.py --inputs 3000 --seed 7 --workers 2

A failure is printed with the seed and index of its input and written under
``--failures`` (``fuzz-failures/`` by default), so that it can be replayed and turned into
a test. The exit status is 1 when there is a failure. ``tests/test_fuzz.py`` runs a small
``main`` and the same checks in a bounded Hypothesis test.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
import yaml

import tradeaccord as ta
from tradeaccord._cli import main as cli
from tradeaccord.errors import TradeAccordError
from tradeaccord.serialization import (
    dataset_from_text,
    dataset_to_data,
    dataset_to_json,
    dataset_to_toml,
    dataset_to_yaml,
    report_to_json,
)

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "yaml", "toml")
#: Inputs that take longer than this (to read, validate, evaluate and render) are hangs.
HANG_SECONDS = 2.0
#: The days a dataset that reads is evaluated on, one per input in turn.
DAYS = (dt.date(2025, 6, 12), dt.date(2025, 11, 15), dt.date(2026, 5, 1))


# Seeds -------------------------------------------------------------------------------------


def seeds() -> dict[str, list[str]]:
    """The texts mutants are made from, by format."""
    example = ta.example_dataset()
    out = {
        "json": [dataset_to_json(example)],
        "yaml": [dataset_to_yaml(example)],
        "toml": [dataset_to_toml(example)],
    }
    for path in sorted((ROOT / "examples" / "data").glob("*")):
        kind = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}.get(path.suffix)
        if kind is not None:
            out[kind].append(path.read_text(encoding="utf-8"))
    return out


# Mutations ---------------------------------------------------------------------------------

#: Tokens that are often meaningful to a parser, or to a reader.
TOKENS = (
    "null", "~", "true", "no", "on", "0", "-1", "1e999", "0.1", "[]", "{}", '""', "''", "[",
    "]", "{", "}", ":", ",", "- ", "\n", "\t", "#", "&a", "*a", "!!python/none", "<<",
    '"format"', "format", "2025-02-30", "2025-06-11T10:00:00", "P1Y", "P1Q", "upon",
    "all_of", "by_all", "occurred", "in_force", "weighted_share", "2/0", "55%", "\\u0000",
    "\\ud800", "\\udc00\\ud800",
    "\x00", "\x85", "\u2028", "\ufeff", "é", "\U0001d518", '"""', "'''", "[[parties]]", "=",
)  # fmt: skip

#: Values put in place of a value of the data.
VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 2**70, 0.5, float("inf"), "", " ", "x", "USA", "upon",
    "2025-02-30", "2025-06-11", "P90D", "P1Q", "55%", "2/3", "approval", "deposit", [],
    {}, [None], {"in_force": "x"}, {"occurred": "approval", "by_all": []},
    {"all_of": [{"not": {"in_force": "x"}}]}, {"delay": {"in_force": "x"}, "rule": "upon"},
    {"nth_day_after": 0}, {"earliest": []}, dt.date(2025, 1, 1),
)  # fmt: skip


def _span(rng: random.Random, text: str) -> tuple[int, int]:
    start = rng.randrange(len(text) + 1)
    return start, min(len(text), start + rng.choice((1, 2, 5, 20, 100)))


def _text_mutation(rng: random.Random, text: str) -> str:
    """One change of the text."""
    kind = rng.randrange(8)
    start, end = _span(rng, text)
    if kind == 0:  # cut
        return text[:start] + text[end:]
    if kind == 1:  # repeat a span
        return text[:end] + text[start:end] + text[end:]
    if kind == 2:  # insert a token
        return text[:start] + rng.choice(TOKENS) + text[start:]
    if kind == 3:  # replace a span by a token
        return text[:start] + rng.choice(TOKENS) + text[end:]
    if kind == 4:  # repeat a line: keys given twice
        lines = text.splitlines(keepends=True)
        if lines:
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        return "".join(lines)
    if kind == 5:  # swap two spans
        other, other_end = _span(rng, text)
        if other < start:
            start, end, other, other_end = other, other_end, start, end
        if end <= other:
            return (
                text[:start]
                + text[other:other_end]
                + text[end:other]
                + text[start:end]
                + text[other_end:]
            )
        return text
    if kind == 6:  # truncate
        return text[:start]
    return text[:start] + chr(rng.randrange(0x110000 if rng.random() < 0.3 else 0x80)) + text[end:]


def _places(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place of a value in the data (keys of objects, indices of lists)."""
    yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*at, index))


def _data_mutation(rng: random.Random, data: Any) -> Any:
    """One change of the data: a value replaced, removed, renamed, repeated or nested."""
    places = [place for place in _places(data) if place]
    if not places:
        return rng.choice(VALUES)
    place = rng.choice(places)
    parent: Any = data
    for step in place[:-1]:
        parent = parent[step]
    last = place[-1]
    kind = rng.randrange(6)
    if kind == 0:
        parent[last] = copy.deepcopy(rng.choice(VALUES))
    elif kind == 1:
        del parent[last]
    elif kind == 2 and isinstance(parent, dict):
        value = parent.pop(last)
        parent[rng.choice((last + "_", last[:-1], "type", "by_any", "kind", last.upper()))] = value
    elif kind == 3 and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif kind == 4:
        parent[last] = [parent[last]] if rng.random() < 0.5 else {"not": parent[last]}
    else:
        other = rng.choice(places)
        source: Any = data
        for step in other:
            source = source[step]
        parent[last] = copy.deepcopy(source)
    return data


def _write(data: Any, format: str) -> str:
    if format == "json":
        return json.dumps(data, default=str, ensure_ascii=False)
    if format == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # type: ignore[no-any-return]
    return tomli_w.dumps(data)


def _read(text: str, format: str) -> Any:
    if format == "json":
        return json.loads(text)
    if format == "yaml":
        return yaml.safe_load(text)
    import tomllib

    return tomllib.loads(text)


def _random_data(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 6 else 5)
    if kind < 5:
        return copy.deepcopy(rng.choice(VALUES))
    if kind < 7:
        return [_random_data(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ("format", "parties", "agreements", "events", "id", "name", "when", "kind", "x")
    return {rng.choice(keys): _random_data(rng, depth + 1) for _ in range(rng.randrange(4))}


def make_input(rng: random.Random, format: str, sources: list[str]) -> str | bytes:
    """One input: usually a seed with one to three mutations, sometimes random."""
    roll = rng.random()
    if roll < 0.05:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    if roll < 0.1:
        data = _random_data(rng)
        if isinstance(data, dict) and rng.random() < 0.7:
            data["format"] = 1
        with contextlib.suppress(Exception):
            return _write(data, format)
        return json.dumps(data, default=str)
    text = rng.choice(sources)
    for _ in range(rng.choice((1, 1, 2, 3))):
        if rng.random() < 0.5:
            text = _text_mutation(rng, text)
            continue
        try:
            data = _read(text, format)
            text = _write(_data_mutation(rng, data), format)
        except Exception:  # the text no longer parses, or TOML cannot write the value
            text = _text_mutation(rng, text)
    return text


# Checking one input ------------------------------------------------------------------------


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang


@dataclass
class Outcome:
    """What happened to one input. ``refused`` is the message of a ``TradeAccordError``
    that evaluating a dataset that was read raised (a date past the calendar...): an
    error the library raises on purpose, counted apart from failures."""

    read: bool = False
    failure: str | None = None
    refused: str | None = None
    seconds: float = 0.0


def check(text: str | bytes, format: str, path: str, day: dt.date) -> Outcome:
    """Read, validate, evaluate and render one input; a failure is any exception that is
    not a ``TradeAccordError`` from a reader, a disagreement, or a hang."""
    outcome = Outcome()
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        try:
            dataset = dataset_from_text(text, format=format, source="input")  # type: ignore[arg-type]
            outcome.read = True
        except TradeAccordError:
            dataset = None
        with open(path, "wb") as file:
            file.write(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(["validate", "--format", format, path])
        if code != (0 if outcome.read else 1):
            outcome.failure = f"validate exited {code} for an input the reader {'read' if outcome.read else 'refused'}"
        elif err.getvalue():
            outcome.failure = f"validate wrote to stderr: {err.getvalue()[:200]}"
        if dataset is not None:
            try:
                report = ta.evaluate(dataset, day)
            except TradeAccordError as exc:
                outcome.refused = f"{type(exc).__name__}: {exc}"[:300]
            else:
                ta.render_text(report, explain=True, sources=True)
                report_to_json(report, explain=True)
            dataset_to_data(dataset)
    except _Hang:
        outcome.failure = f"hang: more than {HANG_SECONDS} s"
    except Exception as exc:  # the failures this harness looks for
        outcome.failure = f"{type(exc).__name__}: {exc}"[:500]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        outcome.seconds = time.perf_counter() - start
    return outcome


# Running -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """The outcomes of the inputs of one format."""

    inputs: int = 0
    read: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def _work(job: tuple[int, int, str]) -> tuple[str, int, Outcome, bytes | None]:
    seed, index, format = job
    rng = random.Random(f"{seed}-{format}-{index}")
    text = make_input(rng, format, _SEEDS[format])
    directory = tempfile.gettempdir()
    path = os.path.join(directory, f"tradeaccord-fuzz-{os.getpid()}.{format}")
    outcome = check(text, format, path, DAYS[index % len(DAYS)])
    saved = None
    if outcome.failure is not None:
        saved = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return format, index, outcome, saved


_SEEDS: dict[str, list[str]] = {}


def _start() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    _SEEDS.update(seeds())


def run(
    inputs: int, seed: int, workers: int, failures: Path, formats: tuple[str, ...] = FORMATS
) -> dict[str, Tally]:
    """Fuzz ``inputs`` inputs, shared between ``formats``."""
    jobs = [
        (seed, index, format) for index in range(inputs // len(formats) + 1) for format in formats
    ][:inputs]
    tallies = {format: Tally() for format in formats}
    results: Iterator[tuple[str, int, Outcome, bytes | None]]
    if workers > 1:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start)
        results = pool.imap_unordered(_work, jobs, chunksize=50)
    else:
        _start()
        pool = None
        results = map(_work, jobs)
    try:
        for format, index, outcome, saved in results:
            tally = tallies[format]
            tally.inputs += 1
            tally.read += outcome.read
            if outcome.refused is not None:
                tally.refused.append((index, outcome.refused))
            tally.seconds.append(outcome.seconds)
            if outcome.failure is not None:
                tally.failures.append((index, outcome.failure))
                tally.kinds[outcome.failure.split(":")[0]] += 1
                failures.mkdir(parents=True, exist_ok=True)
                (failures / f"{seed}-{format}-{index}.{format}").write_bytes(saved or b"")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return tallies


def report(tallies: dict[str, Tally], seed: int, took: float) -> str:
    """The figures of a run, as a table."""
    lines = [
        f"Fuzzing the readers: seed {seed}, {sum(t.inputs for t in tallies.values())} inputs "
        f"in {took:.0f} s (Python {sys.version.split()[0]}, tradeaccord {ta.__version__})",
        f"{'format':<8}{'inputs':>9}{'read':>8}{'refused':>9}{'failures':>10}"
        f"{'evaluation errors':>19}{'median ms':>11}{'max ms':>9}",
    ]
    for format, tally in tallies.items():
        seconds = tally.seconds or [0.0]
        lines.append(
            f"{format:<8}{tally.inputs:>9}{tally.read:>8}{tally.inputs - tally.read:>9}"
            f"{len(tally.failures):>10}{len(tally.refused):>19}"
            f"{statistics.median(seconds) * 1000:>11.1f}"
            f"{max(seconds) * 1000:>9.0f}"
        )
    for format, tally in tallies.items():
        for index, failure in tally.failures[:10]:
            lines.append(f"FAILURE {format} #{index}: {failure}")
        for index, refused in tally.refused[:5]:
            lines.append(f"evaluation error {format} #{index}: {refused}")
    return "\n".join(lines)


def main(argv: list[str] | None = None, *, out: Callable[[str], Any] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=120_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tallies = run(args.inputs, args.seed, args.workers, args.failures, tuple(args.formats))
    out(report(tallies, args.seed, time.perf_counter() - start))
    return 1 if any(t.failures for t in tallies.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
