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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdigest", description="Turn news article texts into a static digest site."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    ingest_cmd = commands.add_parser(
        "ingest", help="article files (text, feeds, saved pages, CSV/JSON exports) -> posts"
    )
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

    inspect_cmd = commands.add_parser(
        "inspect", help="show the metadata of a file's articles, and the evidence for each"
    )
    inspect_cmd.add_argument("file", type=Path)
    inspect_cmd.add_argument("--reference-date", type=_date, default=None)
    inspect_cmd.add_argument(
        "--columns", type=_columns, default={}, metavar="FIELD=COLUMN,...",
        help="export columns, as for ingest",
    )  # fmt: skip
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
        columns=args.columns,
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
            item = f" [{shown(outcome.item)}]" if outcome.item else ""
            print(f"skipped: {shown(outcome.input)}{item}: {outcome.reason}", file=sys.stderr)
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
    from newsdigest.discover import InputError, read_input
    from newsdigest.formats import ReadOptions, read_limit
    from newsdigest.ingest import analyse_data

    reading = ReadOptions(args.reference_date or dt.date.today(), args.columns)
    try:
        data = read_input(args.file, read_limit(args.file.name))
    except InputError as error:
        print(f"error: {shown(args.file)}: {error}", file=sys.stderr)
        return 1
    analyses = analyse_data(args.file, data, reading)
    shown_items = []
    failed = False
    for analysis in analyses:
        label = f"{shown(args.file)}{f' [{analysis.item}]' if analysis.item else ''}"
        if analysis.metadata is None:
            print(f"error: {label}: {analysis.error}", file=sys.stderr)
            failed = True
            continue
        metadata = analysis.metadata
        evidence = {
            field: [{"value": e.value, "score": e.score, "matches": list(e.matches)} for e in items]
            for field, items in metadata.evidence.items()
        }
        shown_items.append((label, analysis.item, metadata, evidence))
    if args.json:
        documents = [
            {"item": item, "metadata": metadata.as_report(), "evidence": evidence}
            for _, item, metadata, evidence in shown_items
        ]
        single = len(analyses) == 1 and analyses[0].item is None
        print(json.dumps(documents[0] if single and documents else documents,
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 1 if failed else 0
    for number, (label, _, metadata, evidence) in enumerate(shown_items):
        if len(analyses) > 1 or analyses[0].item is not None:
            print(("\n" if number else "") + f"== {label}")
        report = metadata.as_report()
        origin = report.pop("origin")
        assert isinstance(origin, dict)
        for field, value in report.items():
            text = ", ".join(value) if isinstance(value, list) else value
            how = f"  ({origin[field]})" if field in origin else ""
            print(f"{field:>13}: {text}{how}")
            for item in evidence.get(field, []):
                print(f"{'':>15}{item['value']} ({item['score']}): {'; '.join(item['matches'])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
