"""How many processes may share a build's work by forking it.

Forking copies the building process as it is (its posts, templates and caches),
so a worker needs nothing sent to it. It is done on Linux only: macOS's system
libraries are not safe to use after a fork (Python starts its workers afresh
there), and Windows has no fork. Elsewhere the work is done in one process; the
output is the same either way.
"""

from __future__ import annotations

import os
import sys


def fork_workers() -> int:
    """The processes that may share work by forking: the cores on Linux, else 1."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return 1
    return os.cpu_count() or 1
