"""The embedded example dataset: the 2025-2026 US-China trade arrangements.

Built from dated public reporting. Every event names its sources and carries
the confidence the reporting supports; where sources disagree, the event's
notes say so. Ids are stable: ``geneva-2025``, ``london-2025``,
``stockholm-2025`` and ``busan-2025``.

The data lives in ``data/us-china-2025.toml`` inside the package, written in the
dataset file format, and is read with the same reader as any user's file.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from ._format import _DatasetProblems, dataset_from_data
from ._model import Dataset
from .errors import InputError

__all__ = ["example_dataset"]

_FILE = "us-china-2025.toml"


@functools.cache
def _load() -> Dataset:
    text = resources.files("tradeaccord").joinpath("data", _FILE).read_text(encoding="utf-8")
    try:
        return dataset_from_data(tomllib.loads(text))
    except _DatasetProblems as exc:  # pragma: no cover - the tests load the file
        raise InputError(f"tradeaccord/data/{_FILE}", exc.problems) from None


def example_dataset() -> Dataset:
    """The embedded example: the 2025-2026 US-China trade arrangements.

    Agreements ``geneva-2025``, ``london-2025``, ``stockholm-2025`` and
    ``busan-2025``, with their commitments, the measures they concern, and the
    dated events and sources from April 2025 to May 2026. The dataset is read once
    from the package's data file and shared: it is immutable.

    Examples:
        >>> ds = example_dataset()
        >>> [a.id for a in ds.agreements]
        ['geneva-2025', 'london-2025', 'stockholm-2025', 'busan-2025']
        >>> ds.event("2025-06-11-trump-post").kind.value
        'statement'
    """
    return _load()
