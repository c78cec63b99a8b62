"""Places in a file: the file's location of a place named in the model, where a place
comes in the file, and on which line.

A ``Dataset`` names places with the fields of the model
(``agreements[1].entry_into_force.when.items[0].party``); a file names them with its
keys, which may differ (``...when.by_all[0]``). ``in_file`` follows a model location
through the data that was read, with the layout tables, to the keys of the file. All
three functions take and give locations as data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..errors import Key, Location
from .layout import NODES, SHARED_OCCURRENCE, Node

__all__ = ["in_file", "line_of", "position"]

_TAGS: Final[Mapping[str, Node]] = {node.tag: node for node in NODES.values()}


def _node(data: dict[Any, Any]) -> Node | None:
    """The tagged node an object is, if it has exactly one tag."""
    tags = [key for key in data if key in _TAGS]
    return _TAGS[tags[0]] if len(tags) == 1 else None


def in_file(data: Any, location: Location) -> Location:
    """The location in the file ``data`` was read from of a place named by its location
    in the model.

    A place the file writes in a short form (a member written as its party id, a term as
    its period) is the short form itself.
    """
    out: list[Any] = []
    node = data
    steps = list(location)
    i = 0
    while i < len(steps):
        step = steps[i]
        if isinstance(node, dict):
            key = step.value if isinstance(step, Key) else step
            if key not in node and isinstance(step, str):
                spec = _node(node)
                if spec is not None:
                    shared = next((k for k in SHARED_OCCURRENCE if k in node), None)
                    if shared is not None and step == "items":
                        return (*out, *_shared(shared, steps[i + 1 :]))
                    key = spec.key(step)
            out.append(step if key == step or isinstance(step, Key) else key)
            node = node.get(key)
        elif isinstance(node, list) and type(step) is int:
            out.append(step)
            node = node[step] if step < len(node) else None
        elif node is None:
            out.extend(steps[i:])
            break
        else:  # a short form: the place is the value that stands for the object
            break
        i += 1
    return tuple(out)


def _shared(key: str, rest: list[Any]) -> tuple[Any, ...]:
    """The place, in ``{occurred, by_all: [...]}``, of a field of the ``Occurred`` item
    ``rest[0]`` of the ``AllOf`` (or ``AnyOf``) the short form stands for."""
    if len(rest) < 2 or rest[1] == "party":
        return (key, *rest[:1])
    if rest[1] == "kind":
        return ("occurred",)
    return (rest[1],)


def position(data: Any, location: Location) -> tuple[int, ...]:
    """Where a place comes in ``data``: the positions of its keys and items, for sorting
    problems in the order of the input."""
    out: list[int] = []
    node = data
    for step in location:
        if isinstance(node, dict):
            key = step.value if isinstance(step, Key) else step
            keys = list(node)
            out.append(keys.index(key) if key in node else len(keys))
            node = node.get(key)
        elif isinstance(node, list) and type(step) is int:
            out.append(step)
            node = node[step] if step < len(node) else None
        else:
            break
    return tuple(out)


def line_of(lines: Mapping[Location, int], location: Location) -> int | None:
    """The line of a place: of the deepest key or item on its way that has one."""
    steps = tuple(step.value if isinstance(step, Key) else step for step in location)
    for end in range(len(steps), -1, -1):
        found = lines.get(steps[:end])
        if found is not None:
            return found
    return None
