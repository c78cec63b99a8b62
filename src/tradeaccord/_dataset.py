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
from importlib import resources

from ._io.files import dataset_from_text
from ._model import Dataset

__all__ = ["example_dataset"]

_FILE = "us-china-2025.toml"


@functools.cache
def _load() -> Dataset:
    text = resources.files("tradeaccord").joinpath("data", _FILE).read_bytes()
    return dataset_from_text(text, format="toml", source=f"tradeaccord/data/{_FILE}")


def example_dataset() -> Dataset:
    """The embedded example: the 2025-2026 US-China trade arrangements.

    Agreements ``geneva-2025``, ``london-2025``, ``stockholm-2025`` and
    ``busan-2025``, with their commitments, the measures they concern, and the
    dated events and sources from April 2025 to May 2026. The dataset is read from
    the package's data file the first time it is asked for, then shared: it is
    immutable.

    Examples:
        >>> ds = example_dataset()
        >>> [a.id for a in ds.agreements]
        ['geneva-2025', 'london-2025', 'stockholm-2025', 'busan-2025']
        >>> ds.event("2025-06-11-trump-post").kind.value
        'statement'
    """
    return _load()
