"""The ``newsdigest`` command: ingest, inspect, build, serve."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsdigest.ingest import (
    ClusterError,
    IngestOptions,
    IngestRefused,
    default_jobs,
    ingest,
)
from newsdigest.lock import LockedError
from newsdigest.report import ERROR, OK, PRUNED, SKIPPED, Outcome, shown

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdigest", description="Turn news article texts into a static digest site."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    ingest_cmd = commands.add_parser("ingest", help="article texts -> Markdown posts")
    ingest_cmd.add_argument(
        "paths", nargs="*", type=Path, help=f"files or folders ({DEFAULT_INPUT})"
    )
    ingest_cmd.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="posts folder")
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

    inspect_cmd = commands.add_parser("inspect", help="show one article's metadata and evidence")
    inspect_cmd.add_argument("file", type=Path)
    inspect_cmd.add_argument("--reference-date", type=_date, default=None)
    inspect_cmd.add_argument("--json", action="store_true", help="print JSON")

    for name, help_text in (("build", "build the site"), ("serve", "preview with autoreload")):
        site_cmd = commands.add_parser(name, help=help_text)
        site_cmd.add_argument("--settings", type=Path, default=DEFAULT_SETTINGS)
        site_cmd.add_argument("--output", type=Path, help="output folder (default from settings)")
        site_cmd.add_argument(
            "--content", type=Path, help="content folder holding posts/ (default from settings)"
        )
        if name == "serve":
            site_cmd.add_argument("--port", type=int, default=8000)
    publish_cmd = commands.add_parser(
        "publish", help="build with publishconf.py and deploy (folder, rsync, gh-pages)"
    )
    publish_cmd.add_argument("--settings", type=Path, default=Path("publishconf.py"))
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "inspect":
        return run_inspect(args)
    if args.command == "publish":
        return run_publish(args)
    from newsdigest.site.build import build_site, serve_site

    if args.command == "build":
        return build_site(args.settings, args.output, args.content)
    return serve_site(args.settings, args.output, args.port, args.content)


def run_ingest(args: argparse.Namespace) -> int:
    options = IngestOptions(
        output=args.output,
        reference_date=args.reference_date or dt.date.today(),
        jobs=args.jobs,
        report=args.report,
        scheduler=args.scheduler,
        force=args.force,
        prune=args.prune,
    )
    paths = args.paths or [DEFAULT_INPUT]
    try:
        outcomes = _ingest_with_progress(paths, options)
    except (ClusterError, IngestRefused, LockedError) as error:
        print(f"error: ingest: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the posts folder or the report cannot be written
        print(f"error: ingest: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    return _summarise(outcomes, options)


def _ingest_with_progress(paths: list[Path], options: IngestOptions) -> list[Outcome]:
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("ingest", total=None)
            return ingest(paths, options, progress=lambda _path: bar.advance(task))
    return ingest(paths, options)


def _summarise(outcomes: list[Outcome], options: IngestOptions) -> int:
    counts = Counter(o.status for o in outcomes)
    for outcome in outcomes:
        if outcome.status in (ERROR, PRUNED):
            print(f"{outcome.status}: {outcome.reason}", file=sys.stderr)
        elif outcome.status == SKIPPED:
            print(f"skipped: {shown(outcome.input)}: {outcome.reason}", file=sys.stderr)
    pruned = f", {counts[PRUNED]} pruned" if counts[PRUNED] else ""
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
    print(f"publish: the site is at {target}", file=sys.stderr)
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    from newsdigest.extract import extract_metadata
    from newsdigest.parse import DecodeError, ParseError, decode, parse_text

    try:
        parsed = parse_text(decode(args.file.read_bytes()))
    except (OSError, DecodeError, ParseError) as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 1
    metadata = extract_metadata(parsed, args.reference_date or dt.date.today())
    evidence = {
        field: [{"value": e.value, "score": e.score, "matches": list(e.matches)} for e in items]
        for field, items in metadata.evidence.items()
    }
    if args.json:
        print(
            json.dumps(
                {"metadata": metadata.as_report(), "evidence": evidence},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for field, value in metadata.as_report().items():
        shown = ", ".join(value) if isinstance(value, list) else value
        print(f"{field:>13}: {shown}")
        for item in evidence.get(field, []):
            print(f"{'':>15}{item['value']} ({item['score']}): {'; '.join(item['matches'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
