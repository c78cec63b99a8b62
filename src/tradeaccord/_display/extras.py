"""Optional packages, imported only by the functions that need them."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, *, feature: str, extra: str) -> ModuleType:
    """Import ``module``, or raise `MissingDependencyError` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(feature, module.split(".")[0], extra) from None
