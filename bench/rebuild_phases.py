"""Where a rebuild's time goes: the rebuild after adding 50 articles to the newest day,
timed phase by phase.

    .venv/bin/python bench/rebuild_phases.py [--size 20000]

Generates ``size`` synthetic articles (bench/synthetic.py), ingests and builds
them, ingests 50 more for the newest day, then builds again in this process with
a clock around each phase of the build (the functions named below, wrapped; a
phase inside another is counted in both). bench/run.py times the same rebuild as
a command; this says which part of it would have to go for it to be faster.

The last two rows are what any rebuild that shows the new articles must do,
however it finds out what changed: render and write the pages that show them
(their own, their terms' first pages and feeds, the edition, the home page,
the stories and related lists they join) and index the search bundle of their
month again. With the imports, they are the floor of such a rebuild.
"""

from __future__ import annotations

import argparse
import functools
import gc
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from synthetic import NEWEST_DAY, generate, generate_day

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "2025-12-31"
ADDED = 50


def _timed(
    owner: Any, name: str, label: str, spent: dict[str, float], calls: dict[str, int]
) -> None:
    function = getattr(owner, name)

    @functools.wraps(function)
    def clocked(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started
            calls[label] += 1

    setattr(owner, name, clocked)


def phases(content: Path, output: Path) -> tuple[dict[str, float], dict[str, int]]:
    """Build once in this process, the phases clocked: (label -> seconds, label -> calls)."""
    started = time.perf_counter()
    from pelican import generators, writers

    import newsdigest.site as site
    from newsdigest.site import build, feeds, generator, incremental, kept, search
    from newsdigest.stories import _Collection

    spent = {"imports": time.perf_counter() - started}
    clocked = (
        (generators.ArticlesGenerator, "generate_context", "posts read (Pelican's loop)"),
        (kept.KeptArticles, "get_cached_data", "  of which kept Articles taken"),
        (generators.ArticlesGenerator, "_build_period_archives", "  of which period archives"),
        (generators.Generator, "add_source_path", "  of which source paths"),
        (site, "_settle_articles", "  of which addresses checked, order settled"),
        (generator, "build_digest", "terms, editions, companions indexed"),
        (generator, "cover", "stories grouped, related coverage"),
        (_Collection, "__init__", "  of which readings, weights, pairs"),
        (generators.ArticlesGenerator, "generate_output", "article pages checked, rendered"),
        (generator.DigestGenerator, "generate_output", "other pages, feeds, stories.json"),
        (generator.DigestGenerator, "_write_taxonomies", "  of which term pages and feeds"),
        (incremental.IncrementalWriter, "write_feed", "    of which feeds (all)"),
        (incremental, "make_feed", "      of which feeds made anew"),
        (feeds.DigestAtomFeed, "write", "      of which Atom feeds written"),
        (feeds.DigestRssFeed, "write", "      of which RSS feeds written"),
        (generator.DigestGenerator, "_write_editions", "  of which editions"),
        (generator, "stories_json", "  of which stories.json"),
        (incremental.IncrementalWriter, "finish", "  of which manifest, pages gone removed"),
        (site, "_after_build", "search index finished, modes"),
        # What any rebuild showing the new articles must do, however it finds what changed:
        (writers.Writer, "write_file", "pages rendered and written (in this process)"),
        (search, "_index_bundle", "search bundles indexed (in threads, beside the rest)"),
    )
    calls: dict[str, int] = {}
    for owner, name, label in clocked:
        spent[label], calls[label] = 0.0, 0
        _timed(owner, name, label, spent, calls)
    began = time.perf_counter()
    status = build.build_site(ROOT / "pelicanconf.py", output, content, verbosity=-1)
    spent["whole build (after imports)"] = time.perf_counter() - began
    if status != 0:
        sys.exit(f"the build failed ({status})")
    return spent, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "newsdigest"]
    with tempfile.TemporaryDirectory(prefix="newsdigest-phases-") as tmp:
        work = Path(tmp)
        content, output = work / "content", work / "output"
        generate(args.size, work / "articles")
        day = generate_day(ADDED, work / "newest-day", NEWEST_DAY, first=args.size)
        ingest = [*cli, "ingest", "--output", str(content / "posts"), "--reference-date", REFERENCE]
        subprocess.run([*ingest, str(work / "articles")], check=True, capture_output=True, cwd=ROOT)
        build = [*cli, "build", "--content", str(content), "--output", str(output), "-q"]
        subprocess.run(build, check=True, capture_output=True, cwd=ROOT)
        subprocess.run([*ingest, *map(str, day)], check=True, capture_output=True, cwd=ROOT)
        gc.collect()
        spent, calls = phases(content, output)
    print(f"rebuild after adding {ADDED} to the newest day of {args.size:,} articles\n")
    print("| phase | seconds | calls |\n|---|---|---|")
    for label, seconds in spent.items():
        print(f"| {label} | {seconds:.2f} | {calls.get(label, 1):,} |")


if __name__ == "__main__":
    main()
