"""Score story grouping (newsdigest/stories.py) on labelled article pairs and print the figures.

    .venv/bin/python bench/eval_stories.py ../shared/corpora [--split test] [--errors] [--json FILE]
    .venv/bin/python bench/eval_stories.py ../shared/corpora --df-days 14  # weights near in time
    .venv/bin/python bench/eval_stories.py --time 20000 [--jobs 2]  # seconds, memory at 20,000

Every article of the corpora named in the pairs file (``detik``, ``reuters``
under the folder given) and every text in ``tests/fixtures/stories/`` is read
through newsdigest's own parse and extract (as ingest does), all of them are
grouped in one run, as a site mixing both languages would be, and the labelled
pairs are scored:

- same-story precision: of the labelled pairs put in one story, the share
  labelled ``same``; recall: of the pairs labelled ``same``, the share put in
  one story;
- related: of the related items shown (each article's list) whose pair is
  labelled, the share labelled ``related`` or ``same``.

``bench/data/story_pairs.jsonl`` holds one judgement per line: ``corpus``
(detik, reuters, or fixtures for the texts written for this project), the two
file names ``a`` and ``b``, ``label`` and ``split``. ``same``: the same
specific event or development (one announcement, incident, decision, meeting,
data release, and its follow-ups and reactions within days); ``related``: the
same ongoing issue, not the same event (another statement on the same policy,
the next day's figure of a series); ``unrelated``: anything else, including a
shared person, organisation, country, topic or template. Pairs were proposed
by shared rare headline words within a few days, by shared people, by topic
and day, and from the related items the grouping showed, then judged by
reading both texts, without scores; 51 more Reuters ``dev`` pairs were proposed
from the grouping's stories and near misses on articles no test pair uses, and
pairs a careful reader could judge either way were left out. ``dev`` pairs set
the thresholds; ``test``
pairs (all pairs of one event on one side) were scored once the thresholds
were set. Only file names and judgements are kept: the corpora stay outside
the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsdigest.extract import extract_metadata
from newsdigest.parse import DecodeError, ParseError, decode, parse_text
from newsdigest.stories import SETTINGS, Article, Coverage, group_stories

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "bench" / "data" / "story_pairs.jsonl"
FIXTURES = ROOT / "tests" / "fixtures" / "stories"
FIXTURE_REFERENCE = dt.date(2025, 12, 31)  # the fixtures' events are in October 2025
GOOD_RELATED = {"same", "related"}


def read_article(path: Path, key: str, reference: dt.date) -> Article | None:
    """One text file as a story record, through the parse and extract stages ingest runs."""
    try:
        parsed = parse_text(decode(path.read_bytes()))
    except (DecodeError, ParseError):
        return None
    return Article.of_text(key, parsed, extract_metadata(parsed, reference))


def load_articles(corpora: Path, names: set[str]) -> list[Article]:
    articles = []
    for name in sorted(names - {"fixtures"}):
        folder = corpora / name
        with (folder / "labels.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                label = json.loads(line)
                reference = dt.date.fromisoformat(label["reference_date"])
                path = folder / "articles" / label["file"]
                article = read_article(path, f"{name}/{label['file']}", reference)
                if article:
                    articles.append(article)
    for path in sorted(FIXTURES.glob("*.txt")):
        article = read_article(path, f"fixtures/{path.name}", FIXTURE_REFERENCE)
        if article:
            articles.append(article)
    return articles


def group_name(pair: dict, langs: dict[str, str]) -> str:
    """detik, reuters, or fixtures split into one-language and cross-language pairs."""
    a, b = f"{pair['corpus']}/{pair['a']}", f"{pair['corpus']}/{pair['b']}"
    if pair["corpus"] != "fixtures":
        return pair["corpus"]
    return "fixtures id-en" if langs.get(a) != langs.get(b) else "fixtures 1 lang"


def score(pairs: list[dict], coverage: Coverage, langs: dict[str, str]) -> dict[str, dict]:
    """Figures per group of pairs (and 'all')."""
    label_of = {}
    for pair in pairs:
        a, b = f"{pair['corpus']}/{pair['a']}", f"{pair['corpus']}/{pair['b']}"
        label_of[frozenset((a, b))] = (pair["label"], group_name(pair, langs))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in pairs:
        a, b = f"{pair['corpus']}/{pair['a']}", f"{pair['corpus']}/{pair['b']}"
        if a not in coverage.story_of or b not in coverage.story_of:
            continue
        grouped = coverage.story_of[a] is coverage.story_of[b]
        same = pair["label"] == "same"
        for group in (group_name(pair, langs), "all"):
            c = counts[group]
            c["pairs"] += 1
            c["labelled same"] += same
            c["grouped"] += grouped
            c["grouped and same"] += grouped and same
    for article, shown in coverage.related.items():
        for other in shown:
            found = label_of.get(frozenset((article, other)))
            if found:
                for group in (found[1], "all"):
                    counts[group]["related labelled"] += 1
                    counts[group]["related good"] += found[0] in GOOD_RELATED
    figures = {}
    for group, c in sorted(counts.items()):
        figures[group] = {
            "pairs": c["pairs"],
            "same": c["labelled same"],
            "precision": c["grouped and same"] / c["grouped"] if c["grouped"] else None,
            "recall": c["grouped and same"] / c["labelled same"] if c["labelled same"] else None,
            "related_labelled": c["related labelled"],
            "related_good": (
                c["related good"] / c["related labelled"] if c["related labelled"] else None
            ),
        }
    return figures


def table(title: str, figures: dict[str, dict]) -> str:
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    lines = [
        f"### {title}",
        "",
        "| pairs | labelled | same | same-story P | same-story R"
        " | related shown, labelled | judged related |",
        "|---|---|---|---|---|---|---|",
    ]
    for group, f in figures.items():
        lines.append(
            f"| {group} | {f['pairs']} | {f['same']} | {fmt(f['precision'])} | {fmt(f['recall'])}"
            f" | {f['related_labelled']} | {fmt(f['related_good'])} |"
        )
    return "\n".join(lines)


def errors(pairs: list[dict], coverage: Coverage, titles: dict[str, str]) -> list[str]:
    """Labelled pairs the grouping gets wrong, and related items judged unrelated."""
    label_of = {}
    lines = []
    for pair in pairs:
        a, b = f"{pair['corpus']}/{pair['a']}", f"{pair['corpus']}/{pair['b']}"
        label_of[frozenset((a, b))] = pair["label"]
        if a not in coverage.story_of or b not in coverage.story_of:
            continue
        grouped = coverage.story_of[a] is coverage.story_of[b]
        if grouped != (pair["label"] == "same"):
            kind = "joined" if grouped else "split"
            lines.append(f"{kind} ({pair['label']}): {titles[a]!r} / {titles[b]!r}  [{a} {b}]")
    for article, shown in coverage.related.items():
        for other in shown:
            label = label_of.get(frozenset((article, other)))
            if label is not None and label not in GOOD_RELATED:
                lines.append(
                    f"shown as related ({label}): {titles[article]!r} -> {titles[other]!r}"
                )
    return lines


def unlabelled(pairs: list[dict], coverage: Coverage) -> list[str]:
    """Shown related items without a judgement, as ``a b`` lines (to judge and add)."""
    known = {frozenset((f"{p['corpus']}/{p['a']}", f"{p['corpus']}/{p['b']}")) for p in pairs}
    shown = {
        tuple(sorted((article, other)))
        for article, others in coverage.related.items()
        for other in others
        if frozenset((article, other)) not in known
    }
    return [f"{a} {b}" for a, b in sorted(shown)]


def timing(count: int, jobs: int) -> None:
    """Group ``count`` synthetic articles (bench/synthetic.py, both languages) with ``jobs``
    processes reading them, and report."""
    from synthetic import generate  # bench/ is on the path when this script runs

    with tempfile.TemporaryDirectory(prefix="newsdigest-stories-") as tmp:
        paths = generate(count, Path(tmp))
        articles = [read_article(path, path.name, FIXTURE_REFERENCE) for path in paths]
    records = [a for a in articles if a is not None]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    coverage = group_stories(records, jobs=jobs)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    multi = sum(len(s.articles) > 1 for s in coverage.stories)
    print(
        f"{len(records)} synthetic articles grouped in {seconds:.1f} s"
        f" ({1000 * seconds / len(records):.2f} ms an article); peak memory {peak // 1024} MB"
        f" ({before // 1024} MB before grouping); {len(coverage.stories)} stories,"
        f" {multi} of two or more; {jobs} reading process(es)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="?", help="folder holding detik/ and reuters/")
    parser.add_argument("--time", type=int, metavar="N", help="only time N synthetic articles")
    parser.add_argument(
        "--jobs", type=int, default=1, help="with --time: processes reading the articles"
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list the pairs it gets wrong")
    parser.add_argument(
        "--unlabelled", action="store_true", help="list shown related items without a judgement"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--df-days",
        type=int,
        metavar="D",
        help="word weights over the articles within D days of each (default: over all)",
    )
    args = parser.parse_args()
    if args.time:
        timing(args.time, args.jobs)
        return
    if args.corpora is None:
        parser.error("the corpora folder is required")
    with args.pairs.open(encoding="utf-8") as lines:
        all_pairs = [json.loads(line) for line in lines if line.strip()]
    articles = load_articles(args.corpora, {p["corpus"] for p in all_pairs})
    started = time.perf_counter()
    coverage = group_stories(articles, dataclasses.replace(SETTINGS, df_days=args.df_days))
    seconds = time.perf_counter() - started
    langs = {a.id: a.lang for a in articles}
    multi = sum(len(s.articles) > 1 for s in coverage.stories)
    print(
        f"{len(articles)} articles, {len(coverage.stories)} stories ({multi} of two or more),"
        f" grouped in {seconds:.1f} s\n"
    )
    results = {}
    splits = ("dev", "test", "all") if args.split == "all" else (args.split,)
    for split in splits:
        pairs = [p for p in all_pairs if split == "all" or p["split"] == split]
        results[split] = score(pairs, coverage, langs)
        print(table(f"{split} pairs", results[split]) + "\n")
    if args.errors:
        titles = {a.id: a.title for a in articles}
        pairs = [p for p in all_pairs if args.split == "all" or p["split"] == args.split]
        print("\n".join(errors(pairs, coverage, titles)))
    if args.unlabelled:
        print("\n".join(unlabelled(all_pairs, coverage)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
