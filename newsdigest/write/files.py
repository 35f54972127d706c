"""Atomic file writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so readers see the old file or the new one, never a part.

    The rename is atomic; there is no fsync per file (it would cost a disk flush per
    article), so a power cut may lose the newest posts, never leave a torn one.
    """
    fill_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def fill_atomic(path: Path, fill: Callable[[IO[bytes]], object], readable: bool = True) -> None:
    """``fill`` a temporary file beside ``path``, then rename it over ``path`` (write_atomic).

    A post or a page must be readable like any other file (a web server runs as another
    user): 0644, less what the umask takes; the build's own caches (``readable`` False)
    stay as mkstemp makes them, 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if readable:
            os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
