"""Ingest: article texts in, one Markdown post per article out, every input accounted for.

Reading, parsing and extraction run per file (in parallel with ``jobs``);
everything that depends on the whole batch (duplicates, unique slugs, writing)
runs afterwards in input order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsdigest.extract import extract_metadata
from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.model import Metadata, ParsedText
from newsdigest.parse import DecodeError, ParseError, decode, parse_text
from newsdigest.slugs import unique_slug
from newsdigest.write import render_post, write_atomic

INPUT_SUFFIXES = (".txt",)
OK, SKIPPED, ERROR = "ok", "skipped", "error"


@dataclass(frozen=True)
class IngestOptions:
    """Settings for one run, read once from the command line."""

    output: Path
    reference_date: dt.date
    jobs: int = 1
    report: Path | None = None
    cwd: Path = field(default_factory=lambda: Path.cwd().resolve())


@dataclass(frozen=True)
class Analysis:
    """One input after reading and extraction, before anything batch-wide."""

    path: Path
    metadata: Metadata | None = None
    parsed: ParsedText | None = None
    fingerprint: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: a line of the report."""

    input: Path
    status: str
    output: Path | None = None
    reason: str | None = None
    metadata: Metadata | None = None

    def as_report(self) -> dict[str, object]:
        return {
            "input": str(self.input),
            "status": self.status,
            "output": str(self.output) if self.output else None,
            "reason": self.reason,
            "metadata": self.metadata.as_report() if self.metadata else None,
        }


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """Input files in a stable order: files as given, ``*.txt`` under folders.

    Paths that do not exist come back as failed outcomes.
    """
    found: dict[Path, None] = {}
    missing = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in INPUT_SUFFIXES:
                    found.setdefault(child, None)
        elif path.is_file():
            found.setdefault(path, None)
        else:
            missing.append(Outcome(path, ERROR, reason=f"{path}: no such file or folder"))
    return list(found), missing


def analyse(path: Path, reference: dt.date) -> Analysis:
    """Read one file and extract its metadata; a bad file gives an Analysis with the reason."""
    try:
        text = decode(path.read_bytes())
        parsed = parse_text(text)
    except (DecodeError, ParseError) as error:
        return Analysis(path, error=str(error))
    except OSError as error:
        return Analysis(path, error=f"cannot read: {error.strerror or error}")
    metadata = extract_metadata(parsed, reference)
    content = "\n".join((parsed.headline, *parsed.paragraphs)).casefold()
    fingerprint = hashlib.sha256(" ".join(content.split()).encode()).hexdigest()
    return Analysis(path, metadata, parsed, fingerprint)


def _analyse_all(paths: list[Path], options: IngestOptions) -> Iterator[Analysis]:
    if options.jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield analyse(path, options.reference_date)
        return
    with ProcessPoolExecutor(max_workers=options.jobs, initializer=load_gazetteer) as pool:
        chunk = max(1, min(64, len(paths) // (options.jobs * 4)))
        yield from pool.map(analyse, paths, [options.reference_date] * len(paths), chunksize=chunk)


def ingest(
    paths: Iterable[Path],
    options: IngestOptions,
    progress: Callable[[Path], None] | None = None,
) -> list[Outcome]:
    """Ingest ``paths`` into ``options.output``; return one Outcome per input, in input order."""
    inputs, outcomes = discover(paths)
    seen: dict[str, Path] = {}
    taken: set[str] = set()
    for analysis in _analyse_all(inputs, options):
        if progress is not None:
            progress(analysis.path)
        outcomes.append(_publish(analysis, options, seen, taken))
    if options.report is not None:
        lines = (json.dumps(o.as_report(), ensure_ascii=False) for o in outcomes)
        write_atomic(options.report, "".join(f"{line}\n" for line in lines))
    return outcomes


def _publish(
    analysis: Analysis, options: IngestOptions, seen: dict[str, Path], taken: set[str]
) -> Outcome:
    if analysis.error is not None or analysis.metadata is None or analysis.parsed is None:
        return Outcome(analysis.path, ERROR, reason=f"{analysis.path}: {analysis.error}")
    assert analysis.fingerprint is not None
    if analysis.fingerprint in seen:
        first = seen[analysis.fingerprint]
        return Outcome(
            analysis.path,
            SKIPPED,
            reason=f"duplicate of {first}",
            metadata=analysis.metadata,
        )
    seen[analysis.fingerprint] = analysis.path
    metadata = replace(analysis.metadata, slug=unique_slug(analysis.metadata.slug, taken))
    target = options.output / f"{metadata.slug}.md"
    text = render_post(metadata, analysis.parsed, _display_path(analysis.path, options.cwd))
    if not (target.exists() and target.read_text(encoding="utf-8") == text):
        write_atomic(target, text)
    return Outcome(analysis.path, OK, output=target, metadata=metadata)


def _display_path(path: Path, cwd: Path) -> str:
    """The input's path relative to the working folder when it is below it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def default_jobs() -> int:
    return os.cpu_count() or 1
