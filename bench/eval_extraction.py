"""Score ``newsdigest ingest --report`` against labelled corpora and print the figures.

    .venv/bin/python bench/eval_extraction.py ../shared/corpora/reuters ../shared/corpora/detik \
        ../shared/corpora/bbc [--jobs 1] [--json results.json]

Each corpus is ``articles/*.txt`` plus ``labels.jsonl`` (see newsdigest/evaluation.py
for the scoring rules). Ingest runs as the real command, once per reference date
in the labels, into a temporary folder; throughput is articles per second over
those runs, start-up included.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsdigest.evaluation import (
    files_by_reference,
    load_entities,
    load_labels,
    read_report,
    score,
    score_tags,
)
from newsdigest.tags import TagNames

COLUMNS = (
    ("articles", "articles", "{:d}"),
    ("title", "title", "{:.3f}"),
    ("lang", "lang", "{:.3f}"),
    ("date", "date", "{:.3f}"),
    ("date_3d", "date_3d", "{:.3f}"),
    ("country_precision", "country P", "{:.3f}"),
    ("country_recall", "country R", "{:.3f}"),
    ("country_f1", "country F1", "{:.3f}"),
    ("topic_top1", "topic top-1", "{:.3f}"),
    ("source", "source", "{:.3f}"),
    ("tag_precision", "tag P", "{:.3f}"),
    ("tag_recall", "tag R", "{:.3f}"),
    ("tag_non_entity", "non-entity tags", "{:.3f}"),
    ("tag_split", "split entities", "{:d}"),
    ("articles_per_second", "articles/s", "{:.0f}"),
)


def run_ingest(corpus: Path, labels: list[dict], jobs: int) -> tuple[dict[str, object], float]:
    """(report metadata by file name, seconds): ingest over ``corpus``, a run per reference date."""
    predictions: dict[str, object] = {}
    elapsed = 0.0
    with tempfile.TemporaryDirectory(prefix="newsdigest-eval-") as tmp:
        for number, (reference, files) in enumerate(files_by_reference(corpus, labels).items()):
            report = Path(tmp) / f"report-{number}.jsonl"
            command = [
                sys.executable, "-m", "newsdigest", "ingest", *map(str, files),
                "--output", str(Path(tmp) / "posts"), "--report", str(report),
                "--reference-date", reference, "--jobs", str(jobs),
            ]  # fmt: skip
            started = time.perf_counter()
            done = subprocess.run(command, check=False, capture_output=True, text=True)
            if done.returncode not in (0, 1):  # 1: some inputs failed, which the report shows
                sys.exit(f"ingest crashed on {corpus}:\n{done.stderr}")
            elapsed += time.perf_counter() - started
            predictions.update(read_report(report))
    return predictions, elapsed


def evaluate(corpus: Path, jobs: int) -> dict[str, object]:
    labels = load_labels(corpus)
    predictions, elapsed = run_ingest(corpus, labels, jobs)
    figures = score(labels, predictions)  # type: ignore[arg-type]
    entities = load_entities(corpus)
    if entities is not None:
        figures.update(score_tags(entities, predictions, site_slugs(predictions)))
    figures["articles_per_second"] = len(labels) / elapsed if elapsed else None
    figures["corpus"] = corpus.name
    return figures


def site_slugs(predictions: dict[str, object]) -> Callable[[str], str]:
    """Tag -> the slug of its page once the build has joined tags across the corpus."""
    names = TagNames()
    for meta in predictions.values():
        if isinstance(meta, dict):
            names.add(meta["tags"], meta["people"], meta["organizations"])
    entities = names.resolve()
    return lambda tag: entities[tag].slug if tag in entities else tag.casefold()


def markdown_table(results: list[dict[str, object]]) -> str:
    header = "| corpus | " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|---|" + "---|" * len(COLUMNS)
    rows = [
        "| "
        + " | ".join(
            [str(r["corpus"])]
            + [fmt.format(r[key]) if r.get(key) is not None else "" for key, _, fmt in COLUMNS]
        )
        + " |"
        for r in results
    ]
    return "\n".join([header, rule, *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = [evaluate(corpus, args.jobs) for corpus in args.corpora]
    print(markdown_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
