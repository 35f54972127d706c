"""Ingest: article files in, one Markdown post per article out, every input accounted for.

A file may hold one article (text, a saved page) or many (a feed, an export):
``newsdigest.formats`` reads each into its articles and what it says about them.
Reading, parsing and extraction run per file (in parallel with ``jobs``);
everything that depends on the whole batch (duplicates, unique slugs, writing)
runs afterwards in input order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsdigest.discover import InputError, InputFile, discover, read_input
from newsdigest.extract import extract_metadata
from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.formats import (
    INPUT_SUFFIXES,
    FormatError,
    Item,
    ReadOptions,
    read_items,
    read_limit,
)
from newsdigest.lock import lock_folder
from newsdigest.model import Metadata, ParsedText
from newsdigest.parse import ParseError, parse_text
from newsdigest.post import render_post
from newsdigest.report import ERROR, OK, PRUNED, SKIPPED, Outcome, named, shown, write_report
from newsdigest.write import write_atomic
from newsdigest.write.folder import POST_SUFFIX, PostsFolder
from newsdigest.write.plan import Duplicate, KeepEdited, Plan, Write

__all__ = ["ERROR", "OK", "PRUNED", "SKIPPED", "IngestOptions", "Outcome", "ingest"]


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
    columns: dict[str, str] = field(default_factory=dict)  # export columns: field -> name
    cwd: Path = field(default_factory=lambda: Path.cwd().resolve())

    @property
    def reading(self) -> ReadOptions:
        return ReadOptions(self.reference_date, self.columns)


@dataclass(frozen=True)
class Analysis:
    """One article of an input after reading and extraction, before anything batch-wide
    (or why the input, or this article of it, could not be read)."""

    path: Path
    metadata: Metadata | None = None
    parsed: ParsedText | None = None
    fingerprint: str | None = None
    error: str | None = None
    item: str | None = None  # which article of a file that holds several
    post: str | None = None  # the post as written under the headline's own slug


def analyse(path: Path, options: ReadOptions, posts: Path | None = None) -> list[Analysis]:
    """Read one file and extract the metadata of each article in it; a bad file gives one
    Analysis with the reason, a bad article of a good file one for that article. With
    ``posts`` (the posts folder), each article's post is rendered here too, in the worker,
    under its headline's slug: the batch rewrites it only when the plan gives another."""
    try:
        data = read_input(path, read_limit(path.name))
    except InputError as error:
        return [Analysis(path, error=str(error))]
    return analyse_data(path, data, options, posts)


def analyse_data(
    path: Path, data: bytes, options: ReadOptions, posts: Path | None = None
) -> list[Analysis]:
    """The articles of one file's bytes (workers on other machines get the bytes)."""
    items = _read_articles(path, data, options)
    if isinstance(items, Analysis):
        return [items]
    return _analyse_items(path, items, options.reference, posts)


def _read_articles(path: Path, data: bytes, options: ReadOptions) -> list[Item] | Analysis:
    """The articles in a file's bytes, or an Analysis saying why the file cannot be read."""
    try:
        return read_items(path.name, data, options)
    except FormatError as error:
        return Analysis(path, error=str(error))
    except Exception as error:  # a reader's bug meeting one file must not end the batch
        return Analysis(path, error=f"reading failed: {type(error).__name__}: {error}")


def analyse_item(path: Path, item: Item, reference: dt.date, posts: Path | None = None) -> Analysis:
    """One article's parsed text, metadata and fingerprint (and post, given ``posts``)."""
    if item.error is not None:
        return Analysis(path, error=item.error, item=item.key)
    try:
        parsed = parse_text(item.text)
    except ParseError as error:
        return Analysis(path, error=str(error), item=item.key)
    try:
        metadata = extract_metadata(parsed, reference, item.given)
    except Exception as error:  # a bug meeting one text must not end the batch
        reason = f"extraction failed: {type(error).__name__}: {error}"
        return Analysis(path, error=reason, item=item.key)
    content = "\n".join((parsed.headline, *parsed.paragraphs)).casefold()
    fingerprint = "sha256:" + hashlib.sha256(" ".join(content.split()).encode()).hexdigest()[:32]
    post = None
    if posts is not None:
        location = os.path.relpath(path, posts)
        post = render_post(metadata, parsed, location, fingerprint, item.key)
    return Analysis(path, metadata, parsed, fingerprint, item=item.key, post=post)


# A file holding more articles than this (a feed, an export) has them extracted by every
# worker, in chunks of this size, rather than all by the worker that read it.
SPREAD_ITEMS = 64


@dataclass(frozen=True)
class _Items:
    """A file's articles, read but not yet extracted: too many for one worker."""

    path: Path
    items: list[Item]


def _analyse_or_spread(path: Path, options: ReadOptions, posts: Path) -> list[Analysis] | _Items:
    try:
        data = read_input(path, read_limit(path.name))
    except InputError as error:
        return [Analysis(path, error=str(error))]
    items = _read_articles(path, data, options)
    if isinstance(items, Analysis):
        return [items]
    if len(items) > SPREAD_ITEMS:
        return _Items(path, items)
    return _analyse_items(path, items, options.reference, posts)


def _analyse_items(
    path: Path, items: list[Item], reference: dt.date, posts: Path | None
) -> list[Analysis]:
    return [analyse_item(path, item, reference, posts) for item in items]


def _analyse_all(
    paths: list[Path], options: IngestOptions, posts: Path
) -> Iterator[list[Analysis]]:
    """Each file's articles, in the order of ``paths``."""
    reading = options.reading
    if options.scheduler:
        yield from _analyse_on_cluster(paths, options, posts)
        return
    if options.jobs <= 1:
        for path in paths:
            yield analyse(path, reading, posts)
        return
    with ProcessPoolExecutor(max_workers=options.jobs, initializer=load_gazetteer) as pool:
        chunk = max(1, min(64, len(paths) // (options.jobs * 4)))
        every = [reading] * len(paths), [posts] * len(paths)
        for result in pool.map(_analyse_or_spread, paths, *every, chunksize=chunk):
            if not isinstance(result, _Items):
                yield result
                continue
            parts = [
                result.items[start : start + SPREAD_ITEMS]
                for start in range(0, len(result.items), SPREAD_ITEMS)
            ]
            done = pool.map(
                _analyse_items,
                [result.path] * len(parts),
                parts,
                [options.reference_date] * len(parts),
                [posts] * len(parts),
            )
            yield [analysis for part in done for analysis in part]


def _analyse_on_cluster(
    paths: list[Path], options: IngestOptions, posts: Path
) -> Iterator[list[Analysis]]:
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
            unreadable: dict[Path, list[Analysis]] = {}
            for path in chunk:
                try:
                    readable.append((path, read_input(path, read_limit(path.name))))
                except InputError as error:
                    unreadable[path] = [Analysis(path, error=str(error))]
            futures = client.map(
                analyse_data,
                [p for p, _ in readable],
                [d for _, d in readable],
                [options.reading] * len(readable),
                [posts] * len(readable),
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


class IngestRefused(ValueError):
    """The run would write where it must not (the message says where); nothing was done."""


def ingest(
    paths: Iterable[Path],
    options: IngestOptions,
    progress: Callable[[Path], None] | None = None,
) -> list[Outcome]:
    """Ingest ``paths`` into ``options.output``; return one Outcome per input, in input order.

    The posts folder is locked for the whole run (LockedError for a second run);
    IngestRefused before anything is written when the posts or the report would land
    on an input.
    """
    paths = list(paths)
    inputs, problems = discover(paths)
    folder = options.output.resolve()
    _refuse_overlaps(inputs, folder, options.report)
    outcomes = [Outcome(p.path, ERROR if p.error else SKIPPED, reason=p.reason) for p in problems]
    with lock_folder(folder, "the posts folder"):
        by_path = {i.resolved: i for i in inputs}
        batch = _Batch(options, folder, by_path)
        for analyses in _analyse_all(list(by_path), options, folder):
            for analysis in analyses:
                outcomes.append(batch.publish(by_path[analysis.path], analysis))
            if progress is not None and analyses:
                progress(analyses[0].path)
        if options.prune:
            outcomes.extend(batch.prune(_scopes(paths)))
        if options.report is not None:
            write_report(options.report, outcomes)
    return outcomes


def _refuse_overlaps(inputs: list[InputFile], folder: Path, report: Path | None) -> None:
    """Refuse a posts folder or a report that is one of the inputs or an input folder."""
    files = {i.resolved for i in inputs}
    roots = {i.root for i in inputs}
    if folder in files or folder in roots:
        raise IngestRefused(f"--output {folder} is one of the inputs; name a posts folder")
    if report is None:
        return
    target = report.resolve()
    would_be_read = target.suffix.lower() in INPUT_SUFFIXES and any(
        target.is_relative_to(root) for root in roots
    )
    if target in files or target in roots or target.is_dir() or would_be_read:
        raise IngestRefused(f"--report {report} is an input or a folder; name a new file")
    if target.parent == folder and target.suffix == POST_SUFFIX:
        raise IngestRefused(f"--report {report} would replace a post; name another file")


def _scopes(paths: list[Path]) -> list[Path]:
    """The folders a run read, resolved: prune looks for gone inputs only there."""
    scopes = []
    for path in paths:
        with contextlib.suppress(OSError, RuntimeError):
            resolved = path.resolve(strict=True)
            scopes.append(resolved if resolved.is_dir() else resolved.parent)
    return scopes


class _Batch:
    """Carries out the plan: writes posts, removes the ones it replaced or pruned."""

    def __init__(self, options: IngestOptions, folder: Path, inputs: dict[Path, InputFile]) -> None:
        self.options = options
        self.folder = folder
        self.inputs = inputs  # resolved path -> the input, named as given in messages
        self.plan = Plan(PostsFolder.scan(folder), options.cwd, options.force)

    def publish(self, source: InputFile, analysis: Analysis) -> Outcome:
        path, item = source.path, analysis.item
        if analysis.error is not None or analysis.metadata is None or analysis.parsed is None:
            reason = f"{named(path, item)}: {analysis.error}"
            return Outcome(path, ERROR, reason=reason, item=item)
        assert analysis.fingerprint is not None
        metadata = analysis.metadata
        decision = self.plan.place(
            source.resolved, analysis.fingerprint, metadata.slug, item, metadata.url
        )
        if isinstance(decision, Duplicate):
            return Outcome(
                path,
                SKIPPED,
                reason=f"duplicate of {shown(self._given(decision.of))}",
                metadata=metadata,
                item=item,
            )
        if isinstance(decision, KeepEdited):
            return Outcome(
                path,
                SKIPPED,
                output=decision.post,
                reason=f"{shown(decision.post)}: edited by hand, kept (--force overwrites it)",
                metadata=metadata,
                item=item,
            )
        assert isinstance(decision, Write)
        text = analysis.post
        if text is None or decision.slug != metadata.slug:
            metadata = replace(metadata, slug=decision.slug)
            location = os.path.relpath(source.resolved, self.folder)
            text = render_post(metadata, analysis.parsed, location, analysis.fingerprint, item)
        if not _holds(decision.target, text):
            write_atomic(decision.target, text)
        if decision.replaces is not None:
            decision.replaces.unlink(missing_ok=True)  # its own old post: the slug moved
        output = self._shown(decision.target)
        return Outcome(path, OK, output=output, metadata=metadata, item=item)

    def prune(self, scopes: list[Path]) -> list[Outcome]:
        """Remove the posts whose input file is gone (hand-edited ones stay unless forced)."""
        outcomes = []
        for gone in self.plan.prune(scopes):
            post = self._shown(gone.post)
            if gone.kept:
                reason = f"{post}: input {shown(gone.input)} is gone, but the post was edited"
                outcomes.append(Outcome(gone.input, SKIPPED, post, f"{reason} by hand, kept"))
                continue
            gone.post.unlink(missing_ok=True)
            reason = f"{post}: input {shown(gone.input)} is gone, post removed"
            outcomes.append(Outcome(gone.input, PRUNED, reason=reason))
        return outcomes

    def _given(self, name: str) -> str | Path:
        """An input (or an article of one: ``file [key]``) as the user named it, or a
        post's path as it is."""
        file, bracket, item = name.partition(" [")
        source = self.inputs.get(Path(file if bracket else name))
        if source is None:
            return name
        return f"{source.path} [{item}" if bracket else source.path

    def _shown(self, post: Path) -> Path:
        """A post's path under the --output folder as the user named it."""
        return self.options.output / post.name


def _holds(path: Path, text: str) -> bool:
    """Whether ``path`` already holds exactly ``text`` (a post is not rewritten unchanged)."""
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def default_jobs() -> int:
    return os.cpu_count() or 1
