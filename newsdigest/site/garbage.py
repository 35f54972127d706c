"""Python's cyclic garbage collector, held off while a build reads its posts.

A build first makes objects that live until it ends: every post's Article,
the cached readings, the stories. While millions of them pile up, the
collector runs full collections again and again (one each time the survivors
grow by a quarter), each walking every object made so far, and finds nothing
to free: a quarter of a rebuild's time at 20,000 posts. So ``build_site`` holds
it off (``held``) until every generator has read its content; then the
survivors are frozen (moved where no collection walks them) and collection
goes on as before while the pages are rendered, which is what makes garbage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_held = False  # whether a build_site holds the collector off now
_reading = False  # and has not yet frozen what it read
_was_enabled = True  # the collector's state when it was held off


@contextmanager
def held() -> Iterator[None]:
    """The collector off until ``read_done`` (or the end); as it was after, and what this
    build froze unfrozen. What is garbage already is collected first: a build run before
    in this process, not to be frozen with this one's objects."""
    global _held, _reading, _was_enabled
    if _held:  # a build within a build: the outer one decides
        yield
        return
    gc.collect()
    unfreeze = gc.get_freeze_count() == 0  # leave what the caller froze as it is
    _held = _reading = True
    _was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _held = _reading = False
        if unfreeze:
            gc.unfreeze()
        if _was_enabled:
            gc.enable()


def read_done(_generators: Any = None) -> None:
    """Once every generator has its context (Pelican's ``all_generators_finalized``):
    freeze what was read and collect as before, once, when ``held``; nothing otherwise."""
    global _reading
    if _reading:
        _reading = False
        gc.freeze()
        if _was_enabled:
            gc.enable()
