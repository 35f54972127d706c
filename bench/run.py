"""Benchmarks: ingest and build speed and memory at news-archive scale, against plain Pelican.

    .venv/bin/python bench/run.py [--sizes 1000 5000 20000] [--repeats 3]

For each size it generates deterministic synthetic articles (bench/synthetic.py)
and measures, as the median of the repeats with min and max:

- ingest with one job and with one job per core: articles per second, peak memory;
- the full build of our site (Pagefind search index included): seconds, peak memory;
- the rebuild after adding one article, and after editing one (each from a site
  built just before the change);
- plain Pelican (its default theme, Python-Markdown, no plugins) on the same posts,
  in the same run, so the ratio holds on a noisy machine.

Each step runs as its own process; peak memory is that process tree's maximum
resident set (from wait4). Results go to bench/results/ as Markdown and JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

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


def repeat(times: int, prepare, command) -> dict[str, dict[str, float]]:
    seconds, memory = [], []
    for _ in range(times):
        prepare()
        os.sync()  # the writes of the preparation are flushed before the clock starts
        elapsed, peak = measure(command())
        seconds.append(elapsed)
        memory.append(peak)
    return {"seconds": summary(seconds), "memory_mb": summary(memory)}


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

    def fresh(folder: Path):
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    result: dict[str, object] = {"articles": size}
    for jobs in sorted({1, cores}):
        scratch = work / f"ingest-{jobs}"
        run = repeat(repeats, fresh(scratch), lambda j=jobs, s=scratch: ingest(j, s))
        run["articles_per_second"] = size / run["seconds"]["median"]
        result[f"ingest_jobs_{jobs}"] = run
    subprocess.run(ingest(cores, posts), check=True, capture_output=True)
    build = [*cli, "build", "--content", str(content), "--output", str(output)]

    def from_scratch() -> None:  # no output folder and no cache of parsed posts
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(content / ".cache", ignore_errors=True)

    result["build"] = repeat(repeats, from_scratch, lambda: build)

    # Each rebuild starts from a site built before the change, then times the build after it.
    extra = work / "extra" / "zz-extra.txt"
    extra.parent.mkdir()
    extra.write_text(
        "Extra story for the incremental build\n\nJAKARTA, Dec 30 (Reuters) - Indonesia "
        "said on Tuesday that rice prices rose.\n",
        encoding="utf-8",
    )

    def before_adding() -> None:
        for post in posts.glob("extra-story*.md"):
            post.unlink()
        subprocess.run(build, check=True, capture_output=True)
        subprocess.run(ingest(1, posts, extra), check=True, capture_output=True)

    result["rebuild_after_adding_one"] = repeat(repeats, before_adding, lambda: build)
    edited = sorted(articles.glob("article-*.txt"))[size // 2]
    original = edited.read_text()

    def before_editing() -> None:
        edited.write_text(original)
        subprocess.run(ingest(1, posts, edited), check=True, capture_output=True)
        subprocess.run(build, check=True, capture_output=True)
        edited.write_text(original + "\nA paragraph added by an editor.\n")
        subprocess.run(ingest(1, posts, edited), check=True, capture_output=True)

    result["rebuild_after_editing_one"] = repeat(repeats, before_editing, lambda: build)

    conf = work / "plainconf.py"
    conf.write_text(PLAIN_PELICAN.format(posts=str(posts), output=str(work / "plain")))
    result["plain_pelican"] = repeat(
        repeats, lambda: None, lambda: [PYTHON, "-m", "pelican", "-s", str(conf), "-q"]
    )
    return result


def markdown(results: list[dict]) -> str:
    def cell(run: dict, key: str = "seconds", digits: int = 1) -> str:
        values = run[key]
        return (
            f"{values['median']:.{digits}f} ({values['min']:.{digits}f}–{values['max']:.{digits}f})"
        )

    lines = [
        "| articles | ingest, 1 job (art/s) | ingest, 1 job per core (art/s) | ingest peak MB | "
        "build, ours (s) | build peak MB | plain Pelican (s) | ours / Pelican | "
        "rebuild after adding one (s) | rebuild after editing one (s) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ingest_runs = [v for k, v in r.items() if k.startswith("ingest_jobs_")]
        ratio = r["build"]["seconds"]["median"] / r["plain_pelican"]["seconds"]["median"]
        lines.append(
            f"| {r['articles']:,} | {ingest_runs[0]['articles_per_second']:.0f} | "
            f"{ingest_runs[-1]['articles_per_second']:.0f} | "
            f"{max(run['memory_mb']['max'] for run in ingest_runs):.0f} | "
            f"{cell(r['build'])} | {r['build']['memory_mb']['max']:.0f} | "
            f"{cell(r['plain_pelican'])} | {ratio:.2f}x | "
            f"{cell(r['rebuild_after_adding_one'])} | {cell(r['rebuild_after_editing_one'])} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"newsdigest-bench-{size}-") as work:
            results.append(bench_size(size, args.repeats, Path(work)))
        print(markdown(results), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    table = markdown(results)
    (args.out / "bench.md").write_text(
        f"{os.cpu_count()} cores, {args.repeats} runs each: median (min–max)\n\n{table}\n"
    )
    (args.out / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.out}/bench.md and bench.json")


if __name__ == "__main__":
    main()
