"""The ``tradeaccord`` command line: ``arguments`` (the parser) and ``commands`` (what
each command does, and ``main``)."""

from __future__ import annotations

from .commands import main

__all__ = ["main"]
