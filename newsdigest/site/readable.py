"""The built site is readable by anyone the umask allows: a web server runs as another user.

Pelican creates files 0644 and folders 0755 (less the umask) but keeps the mode of
a file it rewrites, and an incremental build does not touch unchanged pages at
all: pages left 0600 by an earlier run under a stricter umask, or an output
folder made 0700 (``mktemp -d``), would stay unreadable. After each build, every
file and folder of the site (the pages and feeds the build recorded, the theme,
the search index, the folders holding them and the output folder itself) gets
the mode bits the current umask allows (0644 and 0755 under umask 022); bits are
only added. Nothing else in the folder is touched: a file that is not the site's
keeps its mode. Symbolic links are never followed.

A build records the umask it did this under (state.py: ``.newsdigest-modes.json``,
removed as the next build starts). When the next build runs under the same umask,
the files it did not write are as that build left them: it looks only at what it
wrote, the search bundles it re-indexed and the theme (Pelican copies the theme's
files with their own modes every build).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from newsdigest.site.state import MODES, read_json_object
from newsdigest.write.files import current_umask, write_atomic

FILE_MODE = 0o666  # what open() asks for; the umask takes its bits off
FOLDER_MODE = 0o777


def make_readable(output: Path, files: Iterable[str], folders: Iterable[str]) -> None:
    """Add the bits the umask allows to ``files`` and everything under ``folders`` (both
    relative to ``output``, and inside it: the writer checked), and to the folders
    holding them, ``output`` included. Paths as strings: a site has tens of thousands."""
    umask = current_umask()
    root = os.fspath(output)
    found_files = {os.path.join(root, name) for name in files}
    found_folders = {root}
    for folder in folders:
        _walk(os.path.join(root, folder), found_files, found_folders)
    ancestors: set[str] = set()
    inside = root.rstrip(os.sep) + os.sep
    for path in found_files:
        parent = os.path.dirname(path)
        while parent.startswith(inside) and parent not in ancestors:
            ancestors.add(parent)
            parent = os.path.dirname(parent)
    found_folders |= ancestors
    for path in found_files:
        _add_bits(path, FILE_MODE & ~umask)
    for path in found_folders:
        _add_bits(path, FOLDER_MODE & ~umask)


def _walk(folder: str, files: set[str], folders: set[str]) -> None:
    """Add what is under ``folder`` to ``files`` and ``folders``; no symbolic link is followed."""
    for top, names, file_names in os.walk(folder):
        folders.add(top)
        folders.update(os.path.join(top, name) for name in names)
        files.update(os.path.join(top, name) for name in file_names)


def _add_bits(path: str, bits: int) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISLNK(mode) and mode & bits != bits:
        os.chmod(path, mode | bits)


def forget_modes(output: Path) -> None:
    """As a build starts: until it finishes, no file's mode is known to be right."""
    with contextlib.suppress(OSError):  # no output folder yet, or not a folder: the build says so
        (output / MODES).unlink(missing_ok=True)


def keep_modes(output: Path) -> None:
    """Once every file of the site has the bits the umask allows: record that umask."""
    write_atomic(output / MODES, json.dumps({"umask": current_umask()}))


def modes_kept(output: Path) -> bool:
    """Whether the last build finished making the site readable under the current umask."""
    return read_json_object(output / MODES).get("umask") == current_umask()
