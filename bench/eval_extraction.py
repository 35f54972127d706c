"""Score ``newsdigest ingest --report`` against labelled corpora and print the figures.

    .venv/bin/python bench/eval_extraction.py ../shared/corpora/reuters ../shared/corpora/detik \
        ../shared/corpora/bbc [--jobs 1] [--json results.json]

Each corpus is ``articles/*.txt`` plus ``labels.jsonl`` (see newsdigest/evaluation.py
for the scoring rules). With ``--formats``, each corpus's dated articles are also
wrapped as an RSS feed and as saved pages in the layouts of ``bench/inputs.py``
and ingested in those forms: the date and source each item carries must come
back, and the body must match the known text (word-overlap F1). Ingest runs as
the real command, once per reference date in the labels, into a temporary folder;
throughput is articles per second over those runs, start-up included.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.inputs import LAYOUTS, labelled_articles, page, rss, word_f1

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


def evaluate_formats(corpus: Path) -> list[dict[str, object]]:
    """Date, source and body of the corpus's dated articles read back from a feed and pages."""
    from newsdigest.formats import ReadOptions, read_items
    from newsdigest.parse import parse_text

    articles = labelled_articles(corpus)
    if not articles:
        return []
    reference = max(known.date for _, known in articles).isoformat()
    results = []
    with tempfile.TemporaryDirectory(prefix="newsdigest-formats-") as tmp:
        folder = Path(tmp)
        made: dict[str, list[tuple[str, bytes]]] = {
            "rss feed": [("feed.xml", rss("Feed", [k for _, k in articles], True).encode())],
            "saved pages": [
                (f"{Path(name).stem}.html", page(known, LAYOUTS[n % len(LAYOUTS)]).encode())
                for n, (name, known) in enumerate(articles)
            ],
        }
        for form, files in made.items():
            inputs = folder / form.replace(" ", "-")
            inputs.mkdir()
            for name, data in files:
                (inputs / name).write_bytes(data)
            report = folder / f"{inputs.name}.jsonl"
            command = [
                sys.executable, "-m", "newsdigest", "ingest", str(inputs),
                "--output", str(folder / f"posts-{inputs.name}"), "--report", str(report),
                "--reference-date", reference, "--jobs", "1",
            ]  # fmt: skip
            subprocess.run(command, check=False, capture_output=True)
            rows = [json.loads(line) for line in report.read_text().splitlines()]
            by_url = {r["metadata"]["url"]: r["metadata"] for r in rows if r["metadata"]}
            bodies = {}
            options = ReadOptions(dt.date.fromisoformat(reference))
            for name, data in files:
                for item in read_items(name, data, options):
                    if item.error is None and item.given.url:
                        bodies[item.given.url] = "\n".join(parse_text(item.text).paragraphs)
            dates = sources = 0
            f1s = []
            for _, known in articles:
                meta = by_url.get(known.url) or {}
                dates += meta.get("date") == known.date.isoformat()
                sources += (meta.get("source") or "").casefold() == known.source.casefold()
                f1s.append(word_f1(bodies.get(known.url, ""), "\n".join(known.paragraphs)))
            results.append(
                {
                    "corpus": corpus.name,
                    "form": form,
                    "items": len(articles),
                    "date": dates / len(articles),
                    "source": sources / len(articles),
                    "body_f1": sum(f1s) / len(f1s),
                    "body_f1_min": min(f1s),
                }
            )
    return results


def formats_table(results: list[dict[str, object]]) -> str:
    rows = [
        f"| {r['corpus']} | {r['form']} | {r['items']} | {r['date']:.3f} | {r['source']:.3f}"
        f" | {r['body_f1']:.3f} | {r['body_f1_min']:.3f} |"
        for r in results
    ]
    header = "| corpus | form | items | date | source | body F1 | lowest body F1 |"
    return "\n".join([header, "|---|---|---|---|---|---|---|", *rows])


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
    parser.add_argument(
        "--formats", action="store_true", help="also read each corpus back from a feed and pages"
    )
    args = parser.parse_args()
    results = [evaluate(corpus, args.jobs) for corpus in args.corpora]
    print(markdown_table(results))
    for result in results:
        for split in result.get("tag_splits") or ():
            print(
                f"\n{result['corpus']}: split entity, tag pages {', '.join(split['pages'])};"
                f" labelled as {' / '.join(split['labelled_as'])}"
            )
    if args.formats:
        formats = [row for corpus in args.corpora for row in evaluate_formats(corpus)]
        print()
        print(formats_table(formats))
        results.extend(formats)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
