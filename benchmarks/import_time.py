"""The time to import tradeaccord, against importing its dependencies.

Each measurement is a whole new process (``python -X importtime`` is not used: it adds
its own cost), started as ``python -c CODE``, timed from the outside with
``time.perf_counter``. The processes are interleaved — baseline, tradeaccord, each of
the others, then again — so that a change in the machine's load touches them all alike,
and the medians are compared:

- ``python -c "pass"``: starting Python;
- ``import attrs, cattrs, dateutil``: the baseline, the dependencies of tradeaccord;
- ``import tradeaccord``: the package;
- ``import tradeaccord`` and a first use of the model (``tradeaccord.Dataset``), of the
  engine (``tradeaccord.evaluate``), of the readers (``tradeaccord.serialization``) and
  of the embedded dataset (``example_dataset()``): what a program that uses them pays.

The ratio of the package to the baseline is the figure to compare across machines.

Run with::

    python benchmarks/import_time.py               # 30 rounds
    python benchmarks/import_time.py --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES: dict[str, str] = {
    "python": "pass",
    "attrs, cattrs, dateutil": "import attrs, cattrs, dateutil",
    "tradeaccord": "import tradeaccord",
    "+ the model": "import tradeaccord; tradeaccord.Dataset",
    "+ the engine": "import tradeaccord; tradeaccord.evaluate",
    "+ the readers": "import tradeaccord.serialization",
    "+ the example dataset": "import tradeaccord; tradeaccord.example_dataset()",
}
BASELINE = "attrs, cattrs, dateutil"


def once(code: str) -> float:
    """Seconds to run ``python -c code`` in a new process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def run(rounds: int) -> dict[str, list[float]]:
    """The times of every case, interleaved round by round."""
    for code in CASES.values():  # warm the file system caches, untimed
        once(code)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(rounds):
        for name, code in CASES.items():
            times[name].append(once(code))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    times = run(args.rounds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians[BASELINE]
    print(
        f"Importing tradeaccord, whole processes, {args.rounds} interleaved rounds, "
        f"medians (Python {sys.version.split()[0]})"
    )
    print(f"{'process':<26}{'median ms':>11}{f'/ {BASELINE}':>30}")
    for name, median in medians.items():
        print(f"{name:<26}{median * 1000:>11.1f}{median / base:>30.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
