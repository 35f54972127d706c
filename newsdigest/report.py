"""What happened to each input: the outcomes of a run and the JSON Lines report.

The report is a public format (README: "The report"): one JSON object per line,
one line per input. Every reader splits it into the same lines: the separators
some readers also break lines at (U+2028, U+2029, NEL) are written as escapes,
and file names that are not valid UTF-8 are shown with their bytes as ``\\xNN``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsdigest.model import Metadata
from newsdigest.write import write_atomic

OK, SKIPPED, ERROR, PRUNED = "ok", "skipped", "error", "pruned"
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def shown(text: str | Path) -> str:
    """A path or a message as text that encodes: undecodable bytes of a file name as \\xNN."""
    return str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def named(path: str | Path, item: str | None = None) -> str:
    """An input, or one article of it (``feed.xml [entry-id]``), as messages name it."""
    return f"{shown(path)} [{shown(item)}]" if item else shown(path)


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: a line of the report."""

    input: Path
    status: str
    output: Path | None = None
    reason: str | None = None
    metadata: Metadata | None = None
    item: str | None = None  # which article of a file that holds several

    def as_report(self) -> dict[str, object]:
        return {
            "input": shown(self.input),
            "item": shown(self.item) if self.item is not None else None,
            "status": self.status,
            "output": shown(self.output) if self.output else None,
            "reason": shown(self.reason) if self.reason else None,
            "metadata": self.metadata.as_report() if self.metadata else None,
        }


def report_line(outcome: Outcome) -> str:
    """One outcome as one line of JSON, whatever its text holds."""
    line = json.dumps(outcome.as_report(), ensure_ascii=False)
    for character, escape in _LINE_BREAKERS.items():
        line = line.replace(character, escape)
    return line + "\n"


def write_report(path: Path, outcomes: list[Outcome]) -> None:
    write_atomic(path, "".join(map(report_line, outcomes)))
