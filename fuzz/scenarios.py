"""Fuzzing the scenario-file reader: mutated and random scenario files in JSON, YAML and TOML.

Every input is read with ``scenario_from_text``. What must hold, for every input:

- reading returns a ``ScenarioFile`` or raises a ``TradeAccordError``, and nothing else,
  within 2 seconds;
- a file that is read is checked against its dataset: that raises nothing but a
  ``TradeAccordError`` (its scenario may not apply, or its dataset may not be readable);
- ``tradeaccord check`` on the same file exits with 0 (read, applied, every expectation
  met) or 1 (anything else), agrees with the library, and never lets an exception (a
  traceback) out.

The inputs are mutants of the scenario files in ``examples/scenarios`` (written in the
three formats), made with the mutations of ``fuzz/readers.py``. Everything follows from
``--seed``.

Run::

    python fuzz/scenarios.py                    # 30,000 inputs, 10,000 per format
    python fuzz/scenarios.py --inputs 3000 --seed 7

A failure is printed with the seed and index of its input; the exit status is 1 when
there is one. ``tests/test_fuzz.py`` runs a small ``main``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import readers

import tradeaccord as ta
from tradeaccord._cli import main as cli
from tradeaccord._io.scenarios import dataset_of
from tradeaccord.errors import TradeAccordError
from tradeaccord.serialization import scenario_from_text

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("json", "yaml", "toml")
HANG_SECONDS = 2.0


def seeds() -> dict[str, list[str]]:
    """The example scenario files, each written in the three formats."""
    out: dict[str, list[str]] = {format: [] for format in FORMATS}
    for path in sorted((ROOT / "examples" / "scenarios").glob("*.scenario.*")):
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
        out["json"].append(json.dumps(data, default=str, ensure_ascii=False))
        out["yaml"].append(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        out["toml"].append(tomli_w.dumps(data))
    return out


def check(text: str | bytes, format: str, path: str) -> tuple[bool, str | None]:
    """Read, check and run ``tradeaccord check`` on one input: (read, failure)."""
    read, failure = False, None
    met = False
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        try:
            scenario = scenario_from_text(text, format=format, source=path)  # type: ignore[arg-type]
            read = True
            outcomes = scenario.check(dataset_of(scenario, path))
            met = all(o.met for o in outcomes)
        except TradeAccordError:
            pass
        with open(path, "wb") as file:
            file.write(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(["check", "--format", format, path])
        if code != (0 if met else 1):
            failure = f"check exited {code}; the library says {'met' if met else 'not met'}"
        elif err.getvalue():
            failure = f"check wrote to stderr: {err.getvalue()[:200]}"
    except readers._Hang:
        failure = f"hang: more than {HANG_SECONDS} s"
    except Exception as exc:  # the failures this harness looks for
        failure = f"{type(exc).__name__}: {exc}"[:500]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return read, failure


def run(inputs: int, seed: int) -> dict[str, dict[str, Any]]:
    """Fuzz ``inputs`` inputs, a third per format; the figures by format."""
    signal.signal(signal.SIGALRM, readers._alarm)
    sources = seeds()
    tallies: dict[str, dict[str, Any]] = {
        f: {"inputs": 0, "read": 0, "failures": [], "seconds": []} for f in FORMATS
    }
    path = os.path.join(tempfile.gettempdir(), f"tradeaccord-fuzz-scenario-{os.getpid()}")
    for index in range(inputs):
        format = FORMATS[index % len(FORMATS)]
        rng = random.Random(f"{seed}-{format}-{index}")
        text = readers.make_input(rng, format, sources[format])
        start = time.perf_counter()
        read, failure = check(text, format, f"{path}.{format}")
        tally = tallies[format]
        tally["seconds"].append(time.perf_counter() - start)
        tally["inputs"] += 1
        tally["read"] += read
        if failure is not None:
            tally["failures"].append((index, failure))
    return tallies


def main(argv: list[str] | None = None, *, out: Callable[[str], Any] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tallies = run(args.inputs, args.seed)
    lines = [
        f"Fuzzing the scenario-file reader: seed {args.seed}, {args.inputs} inputs in "
        f"{time.perf_counter() - start:.0f} s (tradeaccord {ta.__version__})",
        f"{'format':<8}{'inputs':>9}{'read':>8}{'refused':>9}{'failures':>10}{'median ms':>11}{'max ms':>9}",
    ]
    for format, tally in tallies.items():
        seconds = tally["seconds"] or [0.0]
        lines.append(
            f"{format:<8}{tally['inputs']:>9}{tally['read']:>8}"
            f"{tally['inputs'] - tally['read']:>9}{len(tally['failures']):>10}"
            f"{statistics.median(seconds) * 1000:>11.1f}{max(seconds) * 1000:>9.0f}"
        )
    for format, tally in tallies.items():
        for index, failure in tally["failures"][:10]:
            lines.append(f"FAILURE {format} #{index}: {failure}")
    out("\n".join(lines))
    return 1 if any(t["failures"] for t in tallies.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
