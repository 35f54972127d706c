"""One writer at a time: an advisory lock held on a folder for the length of a run.

``ingest`` locks its posts folder, ``build`` its output folder and ``publish`` its
destination. The lock is ``flock`` on a small file (the kernel drops it when the
process ends, even when killed), so a crashed run never leaves a stale lock; a
run removes its lock file when it ends, so the folder holds nothing of it. A
second run that finds the folder locked stops at once with a message naming the
folder and the process that holds it, before it reads or writes anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".newsdigest.lock"


class LockedError(RuntimeError):
    """Another newsdigest run holds the folder (the message says which and who)."""


def lock_file_for(folder: Path) -> Path:
    """The lock file of ``folder``: inside it."""
    return folder / LOCK_NAME


@contextmanager
def hold_lock(lock_path: Path, what: str) -> Iterator[None]:
    """Hold the lock at ``lock_path`` while the block runs; ``what`` names the folder
    in the message (``the posts folder content/posts``)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(lock_path, what)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        # Removed while still held: a run waiting on this file finds it gone and retries.
        lock_path.unlink(missing_ok=True)
        os.close(fd)


def _acquire(lock_path: Path, what: str) -> int:
    """An open, locked descriptor of the file now at ``lock_path``."""
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise LockedError(
                f"{what} is in use by another newsdigest run (process {holder}); "
                "try again when it has finished"
            ) from None
        try:
            if os.stat(lock_path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # the holder removed this file as we locked it: lock the new one


@contextmanager
def lock_folder(folder: Path, what: str) -> Iterator[None]:
    """Hold the lock of ``folder`` while the block runs. The folder is made for the
    lock if need be, and removed again if the run left nothing in it."""
    existed = folder.is_dir()
    try:
        with hold_lock(lock_file_for(folder), f"{what} {folder}"):
            yield
    finally:
        if not existed:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
