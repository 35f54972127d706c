"""Benchmarks: ingest and build speed and memory at news-archive scale, against plain Pelican.

    .venv/bin/python bench/run.py [--sizes 1000 5000 20000] [--repeats 3]

For each size it generates deterministic synthetic articles (bench/synthetic.py)
and measures, as the median of the repeats with min and max:

- ingest with one job and with one job per core: articles per second, peak memory;
- the full build of our site (Pagefind search index included): seconds;
- the rebuild after adding 50 articles to the newest day, and after editing one
  (each from a site built just before the change, timed a minute after that build,
  whose removals would slow it: see Fresh), and with nothing changed (the
  least any rebuild of ours does: every post's Article taken as the last build
  kept it, every page's signature checked, nothing rendered);
- the peak memory of our builds: the most any of them took, full or rebuild;
- plain Pelican's floor of a rebuild (bench/pelican_floor.py): starting and
  reading every post from its filled cache, rendering nothing, which a build on
  Pelican's own reading pays however little changed (ours keeps the Articles
  themselves, newsdigest/site/kept.py, and makes only the new ones);
- plain Pelican (its default theme, Python-Markdown, no plugins) on the same posts,
  in the same run, so the ratios hold on a noisy machine, twice: as a user would
  configure it (``DEFAULT_PAGINATION = 20``, feeds off: the lean baseline) and
  with Pelican's defaults (unpaginated lists, feeds on).

Our build includes everything it does: story grouping, related coverage, the
Pagefind search index. Every measured ingest and full build, ours and Pelican's,
writes into a folder never used before, and nothing is removed before the end
(``Fresh``). Each step runs as its own process; peak memory is that
process tree's maximum resident set (from wait4). Each run's figures go to
bench/results/ as Markdown and JSON named by date, with the machine's core
count; bench/results/latest.md is the latest run, the README's table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import NEWEST_DAY, generate, generate_day

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REFERENCE = "2025-12-31"
PLAIN_PELICAN = """
SITENAME = "plain"
PATH = {posts!r}
OUTPUT_PATH = {output!r}
TIMEZONE = "UTC"
DEFAULT_LANG = "id"
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""
# What a Pelican user sets first: lists of 20 per page, no feeds.
LEAN_PELICAN = (
    PLAIN_PELICAN
    + """
DEFAULT_PAGINATION = 20
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
)
ADDED = 50  # articles added to the newest day for the incremental rebuild
# Seconds for which ext4 without a journal skips a deleted inode when it creates files
# (fs/ext4/ialloc.c, recently_deleted, once the inode table is written out).
RECENTLY_DELETED = 60


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one command, which must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def repeat(times: int, prepare, command, settle: bool = False) -> dict[str, dict[str, float]]:
    """``command()`` timed ``times``, each after ``prepare()``; with ``settle``, a minute
    after it (the build it makes removes pages and search bundles: see Fresh)."""
    seconds, memory = [], []
    for _ in range(times):
        prepare()
        os.sync()  # the writes of the preparation are flushed before the clock starts
        if settle:
            time.sleep(RECENTLY_DELETED + 1)
        elapsed, peak = measure(command())
        seconds.append(elapsed)
        memory.append(peak)
    return {"seconds": summary(seconds), "memory_mb": summary(memory)}


class Fresh:
    """A folder never used before for each measured run (``next``, then ``path``), all
    removed with the run's working folder at the end.

    Nothing is deleted just before a measured step but our build's cache (a few files):
    on a filesystem without a journal (this machine's ext4), creating a file skips over
    every inode deleted in the last minute, so a build that followed the removal of the
    last build's pages paid for that removal (at 5,000 articles 12.3 s instead of 10.5 s,
    most of it time in the kernel), which earlier runs did unequally for us and Pelican.
    """

    def __init__(self, work: Path, name: str) -> None:
        self.work, self.name, self.count = work, name, 0
        self.path = work / name

    def next(self) -> None:
        self.count += 1
        self.path = self.work / f"{self.name}-{self.count}"


def bench_size(size: int, repeats: int, work: Path) -> dict[str, object]:
    articles = work / "articles"
    generate(size, articles)
    content, output = work / "content", work / "output"
    posts = content / "posts"
    cores = os.cpu_count() or 1
    cli = [PYTHON, "-m", "newsdigest"]

    def ingest(jobs: int, target: Path, *paths: Path) -> list[str]:
        sources = [str(p) for p in paths] or [str(articles)]
        return [*cli, "ingest", *sources, "--output", str(target), "--reference-date",
                REFERENCE, "--jobs", str(jobs)]  # fmt: skip

    result: dict[str, object] = {"articles": size}
    for jobs in sorted({1, cores}):
        scratch = Fresh(work, f"ingest-{jobs}")
        run = repeat(repeats, scratch.next, lambda j=jobs, s=scratch: ingest(j, s.path))
        run["articles_per_second"] = size / run["seconds"]["median"]
        result[f"ingest_jobs_{jobs}"] = run
    subprocess.run(ingest(cores, posts), check=True, capture_output=True)
    build = [*cli, "build", "--content", str(content), "--output", str(output)]
    site = Fresh(work, "site")

    def from_scratch() -> None:  # no output folder and no cache of parsed posts
        site.next()
        shutil.rmtree(content / ".cache", ignore_errors=True)  # a few files

    def full_build() -> list[str]:
        return [*cli, "build", "--content", str(content), "--output", str(site.path)]

    result["build"] = repeat(repeats, from_scratch, full_build)

    # Each rebuild starts from a site built before the change, then times the build after it.
    day = generate_day(ADDED, work / "newest-day", NEWEST_DAY, first=size)

    def before_adding() -> None:
        for post in posts.glob("*.md"):
            if "Input: ../newest-day/" in post.read_text(encoding="utf-8")[:2000]:
                post.unlink()
        subprocess.run(build, check=True, capture_output=True)
        subprocess.run(ingest(cores, posts, *day), check=True, capture_output=True)

    result[f"rebuild_after_adding_{ADDED}"] = repeat(
        repeats, before_adding, lambda: build, settle=True
    )
    edited = sorted(articles.glob("article-*.txt"))[size // 2]
    original = edited.read_text()

    def before_editing() -> None:
        edited.write_text(original)
        subprocess.run(ingest(1, posts, edited), check=True, capture_output=True)
        subprocess.run(build, check=True, capture_output=True)
        edited.write_text(original + "\nA paragraph added by an editor.\n")
        subprocess.run(ingest(1, posts, edited), check=True, capture_output=True)

    result["rebuild_after_editing_one"] = repeat(
        repeats, before_editing, lambda: build, settle=True
    )
    # The least any rebuild of ours does: every Article taken as kept, the grouping reused,
    # every page's signature checked, nothing rendered.
    result["rebuild_unchanged"] = repeat(repeats, lambda: None, lambda: build)

    for name, settings in (("lean_pelican", LEAN_PELICAN), ("plain_pelican", PLAIN_PELICAN)):
        conf = work / f"{name}conf.py"
        conf.write_text(settings.format(posts=str(posts), output=str(work / name)))
        target = Fresh(work, name)  # from no output folder, as ours
        result[name] = repeat(
            repeats,
            target.next,
            lambda c=conf, t=target: [
                PYTHON,
                "-m",
                "pelican",
                "-s",
                str(c),
                "-q",
                "-o",
                str(t.path),
            ],
        )
    # Plain Pelican's floor of a rebuild: start and read every post from a filled cache.
    # Translations off, as in our build (Pelican's grouping of them is quadratic); the
    # cache uncompressed (gzip would only add to the floor).
    conf = work / "pelican_cachedconf.py"
    conf.write_text(
        LEAN_PELICAN.format(posts=str(posts), output=str(work / "pelican_cached"))
        + "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nGZIP_CACHE = False\n"
        + "ARTICLE_TRANSLATION_ID = None\n"
        + f"CACHE_PATH = {str(work / 'pelican-cache')!r}\n"
    )
    subprocess.run(
        [PYTHON, "-m", "pelican", "-s", str(conf), "-q"], check=True, capture_output=True
    )
    floor = [PYTHON, str(ROOT / "bench" / "pelican_floor.py"), str(conf)]
    result["pelican_floor"] = repeat(repeats, lambda: None, lambda: floor)
    return result


def markdown(results: list[dict]) -> str:
    def cell(run: dict, key: str = "seconds", digits: int = 1) -> str:
        values = run[key]
        return (
            f"{values['median']:.{digits}f} ({values['min']:.{digits}f}–{values['max']:.{digits}f})"
        )

    def ratio(r: dict, other: str) -> str:
        return f"{r['build']['seconds']['median'] / r[other]['seconds']['median']:.2f}x"

    def ratio_of(r: dict, part: str) -> str:
        if part not in r:
            return "–"
        return f"{r[part]['seconds']['median'] / r['build']['seconds']['median']:.2f}x"

    def peak(r: dict) -> float:
        """The most memory any build of ours took: the full build or a rebuild."""
        builds = ("build", f"rebuild_after_adding_{ADDED}", "rebuild_after_editing_one")
        return max(r[k]["memory_mb"]["max"] for k in (*builds, "rebuild_unchanged") if k in r)

    lines = [
        "| articles | ingest, 1 job (art/s) | ingest, 1 job per core (art/s) | ingest peak MB | "
        "build, ours (s) | our builds' peak MB | lean Pelican (s) | ours / lean | "
        "default Pelican (s) | ours / default | "
        f"rebuild after adding {ADDED} to the newest day (s) | / full build | "
        "rebuild after editing one (s) | rebuild, nothing changed (s) | "
        "plain Pelican's floor: start, read the cached posts (s) | / full build |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ingest_runs = [v for k, v in r.items() if k.startswith("ingest_jobs_")]
        adding = f"rebuild_after_adding_{ADDED}"
        added = r[adding]
        lines.append(
            f"| {r['articles']:,} | {ingest_runs[0]['articles_per_second']:.0f} | "
            f"{ingest_runs[-1]['articles_per_second']:.0f} | "
            f"{max(run['memory_mb']['max'] for run in ingest_runs):.0f} | "
            f"{cell(r['build'])} | {peak(r):.0f} | "
            f"{cell(r['lean_pelican'])} | {ratio(r, 'lean_pelican')} | "
            f"{cell(r['plain_pelican'])} | {ratio(r, 'plain_pelican')} | "
            f"{cell(added)} | {ratio_of(r, adding)} | "
            f"{cell(r['rebuild_after_editing_one'])} | "
            f"{cell(r['rebuild_unchanged']) if 'rebuild_unchanged' in r else '–'} | "
            f"{cell(r['pelican_floor']) if 'pelican_floor' in r else '–'} | "
            f"{ratio_of(r, 'pelican_floor')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    results = []
    # Every folder is removed at the end only, and the first run starts a minute after the
    # disk is flushed: files deleted before (by the tests, say) no longer slow its writing.
    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as work:
        os.sync()
        time.sleep(RECENTLY_DELETED + 1)
        for number, size in enumerate(args.sizes):
            folder = Path(work) / f"{number}-{size}"
            folder.mkdir()
            results.append(bench_size(size, args.repeats, folder))
            print(markdown(results), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    when = dt.datetime.now(dt.UTC).replace(microsecond=0)
    machine = {
        "date": when.isoformat(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "repeats": args.repeats,
    }
    text = (
        f"{when:%Y-%m-%d}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" {args.repeats} run{'s' if args.repeats > 1 else ''} each: median (min–max)"
        f"\n\n{markdown(results)}\n"
    )
    stem = f"{when:%Y-%m-%dT%H%M}-{os.cpu_count()}cores"
    (args.out / f"{stem}.md").write_text(text)
    (args.out / f"{stem}.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2) + "\n"
    )
    (args.out / "latest.md").write_text(text)
    print(f"\nwritten to {args.out}/{stem}.md, {stem}.json and latest.md")


if __name__ == "__main__":
    main()
