"""The ``newsdigest`` command: init, ingest, inspect, build, serve, publish.

Every command takes ``-v`` (say more: each article's outcome, the build's
warnings) and ``-q`` (errors only); output to a pipe that closes early
(``newsdigest inspect feed.xml | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from newsdigest import __version__
from newsdigest.ingest import (
    ClusterError,
    IngestOptions,
    IngestRefused,
    default_jobs,
    ingest,
)
from newsdigest.lock import LockedError
from newsdigest.model import Metadata
from newsdigest.report import ERROR, OK, PRUNED, SKIPPED, Outcome, named, shown

DEFAULT_INPUT = Path("content/articles")
DEFAULT_OUTPUT = Path("content/posts")
DEFAULT_SETTINGS = Path("pelicanconf.py")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return value


def _columns(text: str) -> dict[str, str]:
    """``title=judul,body=isi``: which export column holds which field."""
    from newsdigest.formats.table import FIELDS

    columns: dict[str, str] = {}
    for pair in text.split(","):
        name, equals, column = pair.partition("=")
        name = name.strip().lower()
        if not equals or not column.strip():
            raise argparse.ArgumentTypeError(f"{pair.strip()!r} is not FIELD=COLUMN")
        if name not in FIELDS:
            raise argparse.ArgumentTypeError(
                f"{name!r} is not a field; the fields are {', '.join(FIELDS)}"
            )
        columns[name] = column.strip()
    return columns


def _verbosity() -> argparse.ArgumentParser:
    """-v / -q, accepted by every command."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_mutually_exclusive_group()
    group.add_argument(
        "-v", "--verbose", action="store_const", const=1, default=0, dest="verbosity",
        help="say more: every article's outcome, the build's warnings",
    )  # fmt: skip
    group.add_argument(
        "-q", "--quiet", action="store_const", const=-1, dest="verbosity",
        help="print errors only",
    )  # fmt: skip
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _verbosity()
    parser = argparse.ArgumentParser(
        prog="newsdigest",
        description="Turn news articles (texts, feeds, saved pages, exports) into a static"
        " digest site browsable by country, topic, tag and date.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"newsdigest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init_cmd = commands.add_parser(
        "init", parents=[common], help="start a new digest in a folder",
        description="Create a digest folder (settings, content/articles with a sample,"
        " .gitignore) that ingest and build run in. Never overwrites a file.",
    )  # fmt: skip
    init_cmd.add_argument("folder", type=Path, help="the new digest's folder")
    init_cmd.add_argument("--name", help="the site's name (default: the folder's name)")
    init_cmd.add_argument(
        "--lang", default="id", choices=("id", "en"), help="the site's language (default: id)"
    )

    ingest_cmd = commands.add_parser(
        "ingest", parents=[common],
        help="article files (text, feeds, saved pages, CSV/JSON exports) -> posts",
    )  # fmt: skip
    ingest_cmd.add_argument(
        "paths", nargs="*", type=Path, help=f"files or folders ({DEFAULT_INPUT})"
    )
    ingest_cmd.add_argument(
        "--columns",
        type=_columns,
        default={},
        metavar="FIELD=COLUMN,...",
        help="which CSV/JSON column holds title, body, date, url, source, lang"
        " (default: found from common names such as judul, isi, tanggal)",
    )
    ingest_cmd.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"posts folder ({DEFAULT_OUTPUT})"
    )
    ingest_cmd.add_argument("--report", type=Path, help="write a JSON Lines report here")
    ingest_cmd.add_argument(
        "--reference-date",
        type=_date,
        default=None,
        help="the day the texts were collected, for dates without a year (default: today)",
    )
    ingest_cmd.add_argument(
        "--jobs", type=_jobs, default=default_jobs(), help="parallel workers (default: cores)"
    )
    ingest_cmd.add_argument(
        "--scheduler",
        help="extract on a Dask distributed cluster at this address (tcp://host:8786)",
    )
    ingest_cmd.add_argument(
        "--force",
        action="store_true",
        help="overwrite (and with --prune remove) posts that were edited by hand",
    )
    ingest_cmd.add_argument(
        "--prune",
        action="store_true",
        help="remove posts whose input file, in the folders given, is gone",
    )

    inspect_cmd = commands.add_parser(
        "inspect", parents=[common],
        help="show the metadata of a file's articles, and the evidence for each",
    )  # fmt: skip
    inspect_cmd.add_argument("file", type=Path, help="an input file of any format")
    inspect_cmd.add_argument(
        "--reference-date", type=_date, default=None,
        help="the day the texts were collected, for dates without a year (default: today)",
    )  # fmt: skip
    inspect_cmd.add_argument(
        "--columns", type=_columns, default={}, metavar="FIELD=COLUMN,...",
        help="export columns, as for ingest",
    )  # fmt: skip
    inspect_cmd.add_argument("--json", action="store_true", help="print JSON")

    for name, help_text in (("build", "build the site"), ("serve", "preview with autoreload")):
        site_cmd = commands.add_parser(name, parents=[common], help=help_text)
        site_cmd.add_argument(
            "--settings", type=Path, default=DEFAULT_SETTINGS,
            help=f"Pelican settings file ({DEFAULT_SETTINGS})",
        )  # fmt: skip
        site_cmd.add_argument("--output", type=Path, help="output folder (default from settings)")
        site_cmd.add_argument(
            "--content", type=Path, help="content folder holding posts/ (default from settings)"
        )
        if name == "serve":
            site_cmd.add_argument(
                "--port", type=int, default=8000, help="port to serve on (default: 8000)"
            )
            site_cmd.add_argument(
                "--bind", default="127.0.0.1",
                help="address to serve on (default: 127.0.0.1; 0.0.0.0 for every interface)",
            )  # fmt: skip
    publish_cmd = commands.add_parser(
        "publish", parents=[common],
        help="build with publishconf.py and deploy (folder, rsync, gh-pages)",
    )  # fmt: skip
    publish_cmd.add_argument(
        "--settings", type=Path, default=Path("publishconf.py"),
        help="Pelican settings file for publishing (publishconf.py)",
    )  # fmt: skip
    publish_cmd.add_argument("--content", type=Path, help="content folder holding posts/")
    target = publish_cmd.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--to",
        type=Path,
        dest="folder",
        help="a new, empty or previously published folder, replaced whole",
    )
    target.add_argument("--rsync", help="an rsync destination, host:path or a path")
    target.add_argument("--gh-pages", dest="gh_pages", help="a git repository (URL or path)")
    publish_cmd.add_argument("--branch", default="gh-pages", help="branch for --gh-pages")
    return parser


def command() -> NoReturn:
    """The ``newsdigest`` command: ``main``, then the process ends at once.

    A build leaves millions of objects (every post's Article, the stories, the
    readings); freeing them one by one as Python shuts down takes seconds at
    20,000 posts, for a process about to end. Everything is written and closed by
    then; the log and the output streams are flushed here. Under a profiler or a
    coverage tracer the process exits as usual, so they can write what they found.
    """
    status = main()
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(status)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # none (started with it closed), the reader went away (| head), or closed
        with contextlib.suppress(AttributeError, BrokenPipeError, ValueError):
            stream.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (| head): say nothing more, and let nothing flush into it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # as a command killed by SIGPIPE


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        return run_init(args)
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "inspect":
        return run_inspect(args)
    if args.command == "publish":
        return run_publish(args)
    from newsdigest.site.build import build_site, serve_site

    if args.command == "build":
        return build_site(args.settings, args.output, args.content, args.verbosity)
    return serve_site(
        args.settings, args.output, args.port, args.content, args.bind, args.verbosity
    )


def run_init(args: argparse.Namespace) -> int:
    from newsdigest.init import InitError, init_site

    try:
        written = init_site(args.folder, args.name, args.lang)
    except (InitError, OSError) as error:
        print(f"error: init: {error}", file=sys.stderr)
        return 1
    if args.verbosity >= 0:
        for path in written:
            print(f"created {shown(path)}", file=sys.stderr)
        print(
            f"init: a new digest in {shown(args.folder)}; next:\n"
            f"  cd {shown(args.folder)}\n"
            "  newsdigest ingest      # content/articles -> content/posts\n"
            "  newsdigest build       # content/posts -> output/\n"
            "  newsdigest serve       # preview at http://127.0.0.1:8000/",
            file=sys.stderr,
        )
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    options = IngestOptions(
        output=args.output,
        reference_date=args.reference_date or dt.date.today(),
        jobs=args.jobs,
        report=args.report,
        scheduler=args.scheduler,
        force=args.force,
        prune=args.prune,
        columns=args.columns,
    )
    paths = args.paths or [DEFAULT_INPUT]
    try:
        outcomes = _ingest_with_progress(paths, options, args.verbosity)
    except (ClusterError, IngestRefused, LockedError) as error:
        print(f"error: ingest: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the posts folder or the report cannot be written
        print(f"error: ingest: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    return _summarise(outcomes, options, args.verbosity)


def _ingest_with_progress(
    paths: list[Path], options: IngestOptions, verbosity: int = 0
) -> list[Outcome]:
    if sys.stderr.isatty() and verbosity >= 0:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("ingest", total=None)
            return ingest(paths, options, progress=lambda _path: bar.advance(task))
    return ingest(paths, options)


def _summarise(outcomes: list[Outcome], options: IngestOptions, verbosity: int = 0) -> int:
    counts = Counter(o.status for o in outcomes)
    for outcome in outcomes:
        if outcome.status == ERROR or (outcome.status == PRUNED and verbosity >= 0):
            print(f"{outcome.status}: {outcome.reason}", file=sys.stderr)
        elif verbosity < 0:
            continue
        elif outcome.status == OK and verbosity > 0:
            post = shown(outcome.output or "")
            print(f"ok: {named(outcome.input, outcome.item)} -> {post}", file=sys.stderr)
        elif outcome.status == SKIPPED:
            print(
                f"skipped: {named(outcome.input, outcome.item)}: {outcome.reason}", file=sys.stderr
            )
    pruned = f", {counts[PRUNED]} pruned" if counts[PRUNED] else ""
    if verbosity < 0:
        return 1 if counts[ERROR] else 0
    print(
        f"ingest: {counts[OK]} ok, {counts[SKIPPED]} skipped, {counts[ERROR]} failed{pruned}"
        f" -> {options.output}",
        file=sys.stderr,
    )
    return 1 if counts[ERROR] else 0


def run_publish(args: argparse.Namespace) -> int:
    from newsdigest.publish import PublishError, PublishOptions, publish

    options = PublishOptions(
        settings=args.settings,
        content=args.content,
        folder=args.folder,
        rsync=args.rsync,
        gh_pages=args.gh_pages,
        branch=args.branch,
    )
    try:
        publish(options)
    except PublishError as error:
        print(f"error: publish: {error}", file=sys.stderr)
        return 1
    target = args.folder or args.rsync or f"{args.gh_pages} ({args.branch})"
    if args.verbosity >= 0:
        print(f"publish: the site is at {target}", file=sys.stderr)
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    from newsdigest.formats import ReadOptions
    from newsdigest.ingest import analyse

    reading = ReadOptions(args.reference_date or dt.date.today(), args.columns)
    analyses = analyse(args.file, reading)
    shown_items = []
    failed = False
    for analysis in analyses:
        label = named(args.file, analysis.item)
        if analysis.metadata is None:
            print(f"error: {label}: {analysis.error}", file=sys.stderr)
            failed = True
            continue
        shown_items.append((label, analysis.item, analysis.metadata))
    if args.json:
        documents = [
            {"item": item, "metadata": metadata.as_report(), "evidence": _evidence(metadata)}
            for _, item, metadata in shown_items
        ]
        single = len(analyses) == 1 and analyses[0].item is None
        if single and not documents:  # the file itself could not be read: said above
            return 1
        print(json.dumps(documents[0] if single else documents,
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 1 if failed else 0
    for number, (label, _, metadata) in enumerate(shown_items):
        if len(analyses) > 1 or analyses[0].item is not None:
            print(("\n" if number else "") + f"== {label}")
        report = metadata.as_report()
        origin = report.pop("origin")
        assert isinstance(origin, dict)
        for field, value in report.items():
            text = ", ".join(value) if isinstance(value, list) else value
            how = f"  ({origin[field]})" if field in origin else ""
            print(f"{field:>13}: {text}{how}")
            for found in metadata.evidence.get(field, ()):
                print(f"{'':>15}{found.value} ({found.score}): {'; '.join(found.matches)}")
    return 1 if failed else 0


def _evidence(metadata: Metadata) -> dict[str, list[dict[str, object]]]:
    """The evidence of each field as JSON for ``inspect --json``."""
    return {
        field: [{"value": e.value, "score": e.score, "matches": list(e.matches)} for e in items]
        for field, items in metadata.evidence.items()
    }


if __name__ == "__main__":
    sys.exit(main())
