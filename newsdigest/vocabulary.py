"""The package's data files (vocabularies, word lists, UI strings): one way to read them.

Each is JSON in UTF-8 inside the package (``newsdigest/**/data/*.json``). Keys
that start with ``_`` are comments and are dropped. Each reader names the shape
it expects, checked once at load, so a file edited by hand that lost a key or
changed a list into a string fails with the file and the key named, not later
with a ``KeyError`` deep in extraction.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


class VocabularyError(ValueError):
    """A data file does not have the shape its reader expects."""


Shape = dict[str, type] | type  # key -> type of its value, or the type of every value


def load_json(package: str, name: str, shape: Shape = dict) -> dict[str, Any]:
    """``package``'s ``data/<name>`` as a dict without comment keys, checked against
    ``shape``; read once per process."""
    return _load(package, name, _freeze(shape))


@cache
def _load(package: str, name: str, shape: Any) -> dict[str, Any]:
    where = f"{package.replace('.', '/')}/data/{name}"
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise VocabularyError(f"{where}: not JSON: {error}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: not a JSON object")
    data = {key: value for key, value in data.items() if not key.startswith("_")}
    if isinstance(shape, type):
        for key, value in data.items():
            if not isinstance(value, shape):
                raise VocabularyError(f"{where}: {key!r} is not a {shape.__name__}")
        return data
    for key, kind in shape:
        if key not in data:
            raise VocabularyError(f"{where}: no {key!r}")
        if not isinstance(data[key], kind):
            raise VocabularyError(f"{where}: {key!r} is not a {kind.__name__}")
    return data


def _freeze(shape: Shape) -> Any:
    """A hashable form of ``shape`` (the load is cached by it)."""
    return shape if isinstance(shape, type) else tuple(sorted(shape.items()))
