"""The build's own state files, kept in the output folder and read back by the next build.

- ``.newsdigest-manifest.json``: each page's signature and the list of files the
  build wrote (incremental.py: what to skip, what to remove);
- ``pagefind/bundles.json``: each search bundle's signature (search.py);
- ``.newsdigest-modes.json``: the umask under which the last build made every file
  of the site readable (readable.py), removed when a build starts: after a build
  that did not finish, the next one looks at every file again.

A state file that is missing or damaged reads as empty: the next build then
renders and indexes everything, and removes nothing it has no record of.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = ".newsdigest-manifest.json"
MODES = ".newsdigest-modes.json"


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object written by an earlier build; empty if it is missing or damaged."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_manifest(path: Path) -> dict[str, Any]:
    """The last build's manifest: page signatures and files; empty if there is none."""
    manifest = read_json_object(path)
    return manifest if "signatures" in manifest else {}
