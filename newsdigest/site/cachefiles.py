"""The build's own cache files under CACHE_PATH: written whole through a rename, read
back only when made under the same key.

A keyed file holds two pickles, the key and then the value, so a build with another
key (other code, other settings, other posts) reads the key only. The value is
streamed to the file, never held twice in memory. A damaged file, or one written by
other code, reads as missing: the caller makes its value anew.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import IO, Any

from newsdigest.write.files import fill_atomic

logger = logging.getLogger(__name__)


def write_atomic_bytes(path: Path, data: bytes) -> None:
    fill_atomic(path, lambda handle: handle.write(data), readable=False)


def load_keyed(path: Path, key: Any) -> Any | None:
    """The value saved in ``path`` under ``key``; None when missing, damaged or another key's."""
    try:
        with open(path, "rb") as file:
            if pickle.load(file) != key:
                return None
            return pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as error:  # damaged, or written by other code
        logger.debug("cache file %s not read: %s", path, error)
        return None


def save_keyed(path: Path, key: Any, value: Any) -> None:
    """Keep ``value`` under ``key`` in ``path``; a warning, not an error, when it cannot be
    written (the next build makes it anew)."""

    def fill(handle: IO[bytes]) -> None:
        pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        fill_atomic(path, fill, readable=False)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("cache file %s not saved: %s", path, error)
