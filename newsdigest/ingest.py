"""Ingest: article texts in, one Markdown post per article out, every input accounted for.

Reading, parsing and extraction run per file (in parallel with ``jobs``);
everything that depends on the whole batch (duplicates, unique slugs, writing)
runs afterwards in input order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import contextlib
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
from newsdigest.write.folder import scan_posts

INPUT_SUFFIXES = (".txt",)
OK, SKIPPED, ERROR, PRUNED = "ok", "skipped", "error", "pruned"


@dataclass(frozen=True)
class IngestOptions:
    """Settings for one run, read once from the command line."""

    output: Path
    reference_date: dt.date
    jobs: int = 1
    report: Path | None = None
    scheduler: str | None = None  # a Dask distributed scheduler address: extract there
    force: bool = False  # overwrite posts edited by hand
    prune: bool = False  # remove posts whose input is gone
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
        data = path.read_bytes()
    except OSError as error:
        return Analysis(path, error=f"cannot read: {error.strerror or error}")
    return analyse_data(path, data, reference)


def analyse_data(path: Path, data: bytes, reference: dt.date) -> Analysis:
    """Extract the metadata of one file's bytes (workers on other machines get the bytes)."""
    try:
        parsed = parse_text(decode(data))
    except (DecodeError, ParseError) as error:
        return Analysis(path, error=str(error))
    metadata = extract_metadata(parsed, reference)
    content = "\n".join((parsed.headline, *parsed.paragraphs)).casefold()
    fingerprint = hashlib.sha256(" ".join(content.split()).encode()).hexdigest()
    return Analysis(path, metadata, parsed, fingerprint)


def _analyse_all(paths: list[Path], options: IngestOptions) -> Iterator[Analysis]:
    if options.scheduler:
        yield from _analyse_on_cluster(paths, options)
        return
    if options.jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield analyse(path, options.reference_date)
        return
    with ProcessPoolExecutor(max_workers=options.jobs, initializer=load_gazetteer) as pool:
        chunk = max(1, min(64, len(paths) // (options.jobs * 4)))
        yield from pool.map(analyse, paths, [options.reference_date] * len(paths), chunksize=chunk)


def _analyse_on_cluster(paths: list[Path], options: IngestOptions) -> Iterator[Analysis]:
    """Extraction on a Dask distributed cluster; files are read here and sent as bytes,
    so workers need the newsdigest package but not this machine's folders."""
    from distributed import Client  # optional: pip install "newsdigest[cluster]"

    batch = 256
    try:
        client = Client(options.scheduler, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {options.scheduler}: {error}"
        ) from None
    try:
        for start in range(0, len(paths), batch):
            chunk = paths[start : start + batch]
            readable: list[tuple[Path, bytes]] = []
            unreadable: dict[Path, Analysis] = {}
            for path in chunk:
                try:
                    readable.append((path, path.read_bytes()))
                except OSError as error:
                    unreadable[path] = Analysis(
                        path, error=f"cannot read: {error.strerror or error}"
                    )
            futures = client.map(
                analyse_data,
                [p for p, _ in readable],
                [d for _, d in readable],
                [options.reference_date] * len(readable),
                pure=False,
            )
            done = dict(zip([p for p, _ in readable], client.gather(futures), strict=True))
            for path in chunk:
                yield unreadable.get(path) or done[path]
    finally:
        # The results are in; a slow goodbye from the scheduler changes nothing.
        with contextlib.suppress(OSError, TimeoutError):
            client.close(timeout=120)


class ClusterError(RuntimeError):
    """The Dask scheduler could not be used (the message says which and why)."""


def ingest(
    paths: Iterable[Path],
    options: IngestOptions,
    progress: Callable[[Path], None] | None = None,
) -> list[Outcome]:
    """Ingest ``paths`` into ``options.output``; return one Outcome per input, in input order."""
    inputs, outcomes = discover(paths)
    batch = _Batch(options, {path: _display_path(path, options.cwd) for path in inputs})
    for analysis in _analyse_all(inputs, options):
        if progress is not None:
            progress(analysis.path)
        outcomes.append(batch.publish(analysis))
    if options.prune:
        outcomes.extend(batch.prune())
    if options.report is not None:
        lines = (json.dumps(o.as_report(), ensure_ascii=False) for o in outcomes)
        write_atomic(options.report, "".join(f"{line}\n" for line in lines))
    return outcomes


class _Batch:
    """What publishing one input depends on: the other inputs and the posts already there."""

    def __init__(self, options: IngestOptions, names: dict[Path, str]) -> None:
        self.options = options
        self.existing = scan_posts(options.output)
        self.name_of = names  # input path -> its Input: field
        self.names = set(names.values())
        self.seen: dict[str, Path] = {}
        # Posts of inputs not in this run keep their slugs.
        self.taken = {
            post.path.stem for source, post in self.existing.items() if source not in self.names
        }

    def publish(self, analysis: Analysis) -> Outcome:
        path = analysis.path
        if analysis.error is not None or analysis.metadata is None or analysis.parsed is None:
            return Outcome(path, ERROR, reason=f"{path}: {analysis.error}")
        assert analysis.fingerprint is not None
        if analysis.fingerprint in self.seen:
            first = self.seen[analysis.fingerprint]
            return Outcome(
                path, SKIPPED, reason=f"duplicate of {first}", metadata=analysis.metadata
            )
        self.seen[analysis.fingerprint] = path
        name = self.name_of[path]
        previous = self.existing.get(name)
        if previous is not None and previous.edited and not self.options.force:
            self.taken.add(previous.path.stem)
            return Outcome(
                path,
                SKIPPED,
                output=previous.path,
                reason=f"{previous.path}: edited by hand, kept (--force overwrites it)",
                metadata=analysis.metadata,
            )
        metadata = replace(analysis.metadata, slug=unique_slug(analysis.metadata.slug, self.taken))
        target = self.options.output / f"{metadata.slug}.md"
        text = render_post(metadata, analysis.parsed, name)
        if not (target.exists() and target.read_text(encoding="utf-8") == text):
            write_atomic(target, text)
        if previous is not None and previous.path != target:
            previous.path.unlink(missing_ok=True)  # the headline changed: so did the slug
        return Outcome(path, OK, output=target, metadata=metadata)

    def prune(self) -> list[Outcome]:
        """Remove the posts whose input file no longer exists."""
        pruned = []
        for source, post in self.existing.items():
            input_path = Path(source) if Path(source).is_absolute() else self.options.cwd / source
            if source not in self.names and not input_path.exists():
                post.path.unlink(missing_ok=True)
                pruned.append(
                    Outcome(
                        input_path,
                        PRUNED,
                        reason=f"{post.path}: input {source} is gone, post removed",
                    )
                )
        return pruned


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
