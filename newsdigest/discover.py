"""Stage 0: which files a run reads, found without following anything out of the input folders.

Each path on the command line is a root. A file named there is read (the user
asked for it, even through a link). Under a folder, files with an input
extension (``newsdigest.formats``: ``.txt``, feeds, pages, exports) are read,
depth first in name order; a symbolic link is followed only when its target is
inside the same root (a link to ``/etc`` or to another user's files is
reported, never read); dangling links, FIFOs, sockets and devices are errors
and are never opened, so a run cannot hang on a pipe; a folder that cannot be
listed is an error naming it. File names that are not valid UTF-8 are read
like any other. Every input is named by its resolved path, so ``in/../in`` and
``in`` are the same inputs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdigest.formats import INPUT_SUFFIXES
from newsdigest.parse.decode import MAX_BYTES


@dataclass(frozen=True)
class InputFile:
    """One input: the path as the user's words name it, and the file it resolves to."""

    path: Path  # as given (or found under a root given), for messages and the report
    resolved: Path  # absolute, without symbolic links or ``..``: the input's identity
    root: Path  # the resolved root it was found under (itself for a file given)


@dataclass(frozen=True)
class Problem:
    """A path that is not read, and why; ``error`` says whether it fails the run."""

    path: Path
    reason: str
    error: bool = True


class InputError(ValueError):
    """A file could not be read as an input (the message says why)."""


def discover(paths: Iterable[Path]) -> tuple[list[InputFile], list[Problem]]:
    """The inputs under ``paths`` in a stable order, each file once, and what was not read."""
    inputs: dict[Path, InputFile] = {}
    problems: list[Problem] = []
    for given in paths:
        try:
            resolved = given.resolve(strict=True)
            mode = resolved.stat().st_mode
        except FileNotFoundError:
            problems.append(Problem(given, f"{given}: no such file or folder"))
            continue
        except (OSError, RuntimeError) as error:  # a link loop, a path we may not look at
            problems.append(Problem(given, f"{given}: cannot open: {_why(error)}"))
            continue
        if stat.S_ISDIR(mode):
            for found in _walk(given, resolved, resolved, problems):
                inputs.setdefault(found.resolved, found)
        elif stat.S_ISREG(mode):
            inputs.setdefault(resolved, InputFile(given, resolved, resolved))
        else:
            problems.append(Problem(given, f"{given}: {_kind(mode)}, not an article file"))
    return list(inputs.values()), problems


def _walk(shown: Path, folder: Path, root: Path, problems: list[Problem]) -> list[InputFile]:
    """Input files under ``folder`` (resolved), shown under the name ``shown``."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: os.fsencode(entry.name))
    except OSError as error:
        problems.append(Problem(shown, f"{shown}: cannot list the folder: {_why(error)}"))
        return []
    found: list[InputFile] = []
    for entry in entries:
        path = shown / entry.name
        try:
            if entry.is_symlink():
                found += _follow(path, Path(entry.path), root, problems)
            elif entry.is_dir(follow_symlinks=False):
                found += _walk(path, Path(entry.path), root, problems)
            elif _is_input_name(entry.name):
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISREG(mode):
                    found.append(InputFile(path, Path(entry.path), root))
                else:
                    problems.append(Problem(path, f"{path}: {_kind(mode)}, not read"))
        except OSError as error:
            problems.append(Problem(path, f"{path}: cannot open: {_why(error)}"))
    return found


def _follow(path: Path, link: Path, root: Path, problems: list[Problem]) -> list[InputFile]:
    """What a symbolic link under a root adds: its target, when that is inside the root."""
    try:
        target = link.resolve(strict=True)
        mode = target.stat().st_mode
    except FileNotFoundError:
        if _is_input_name(link.name):
            problems.append(Problem(path, f"{path}: a dangling symbolic link, not read"))
        return []
    except (OSError, RuntimeError) as error:
        problems.append(Problem(path, f"{path}: cannot follow the link: {_why(error)}"))
        return []
    if not target.is_relative_to(root):
        if stat.S_ISDIR(mode) or _is_input_name(link.name):
            problems.append(
                Problem(path, f"{path}: links outside the input folder ({target}), not followed",
                        error=False)
            )  # fmt: skip
        return []
    if stat.S_ISDIR(mode):
        # Inside the root: walked where it really is (the root's own walk reaches it too;
        # each file is kept once, by its resolved path).
        return []
    if not _is_input_name(link.name):
        return []
    if not stat.S_ISREG(mode):
        problems.append(Problem(path, f"{path}: links to {_kind(mode)}, not read"))
        return []
    return [InputFile(path, target, root)]


def read_input(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking and checked after opening (a file swapped for a FIFO
    between discovery and reading is refused, not waited on); a file over the limit
    is refused from its size, never read whole.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(f"cannot read: {_why(error)}") from None
    try:
        info = os.fstat(fd)
        mode, size = info.st_mode, info.st_size
        if not stat.S_ISREG(mode):
            raise InputError(f"{_kind(mode)}, not an article file")
        if size > limit:
            raise InputError(f"too large for an article: {size} bytes (limit {limit})")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew while being read
            raise InputError(f"too large for an article: over {limit} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise InputError(f"cannot read: {_why(error)}") from None
    finally:
        os.close(fd)


def _is_input_name(name: str) -> bool:
    return name.lower().endswith(INPUT_SUFFIXES)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
