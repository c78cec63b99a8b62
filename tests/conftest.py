"""Test-suite configuration shared by every test directory.

Hypothesis profiles:

- ``dev`` (default locally): 100 examples per property.
- ``ci`` (default when the ``CI`` environment variable is true): 60 examples,
  derandomized so that a run is reproducible, no deadline, and failure blobs printed so
  that a failure can be replayed with ``@reproduce_failure``.
- ``thorough``: 1000 examples, no deadline; for occasional long runs.

Choose a profile explicitly with ``HYPOTHESIS_PROFILE=<name>``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100)
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)

_FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})


def _env_flag(name: str) -> bool:
    """Return whether the environment variable ``name`` is set to a true value."""
    return os.environ.get(name, "").strip().lower() not in _FALSE_VALUES


def _profile_name() -> str:
    """Return the Hypothesis profile selected by the environment."""
    explicit = os.environ.get("HYPOTHESIS_PROFILE", "").strip()
    if explicit:
        return explicit
    return "ci" if _env_flag("CI") else "dev"


settings.load_profile(_profile_name())
