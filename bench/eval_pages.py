"""Which engine finds an article's text in a saved page: trafilatura or readability-lxml.

    .venv/bin/python bench/eval_pages.py tests/fixtures/labelled [../shared/corpora/detik ...]

Every article of each corpus is wrapped in the three page layouts of
``bench/inputs.py`` (navigation, "Baca juga" boxes, share buttons, ads, comments,
related links, footers around the known text); each engine's text, after
newsdigest's own clean-up (``parse_text``: page leftovers removed), is compared
with the known paragraphs as word-overlap F1. Prints mean F1, the share of pages
at F1 >= 0.95 and the time per page, per engine and layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inputs import LAYOUTS, Known, page, word_f1
from newsdigest.formats import ReadOptions
from newsdigest.formats.page import ENGINES, read_page
from newsdigest.parse import decode, parse_text


def known_articles(corpus: Path, limit: int | None) -> list[Known]:
    files = sorted((corpus / "articles").glob("*.txt"))[:limit]
    articles = []
    for path in files:
        parsed = parse_text(decode(path.read_bytes()))
        articles.append(
            Known(
                parsed.headline,
                parsed.paragraphs,
                dt.date(2025, 11, 14),
                "Media Nusantara",
                f"https://news.example/{path.stem}",
            )
        )
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=200, help="articles per corpus")
    args = parser.parse_args()
    options = ReadOptions(dt.date(2025, 12, 31))
    print("| engine | layout | pages | mean F1 | F1 >= 0.95 | ms/page |")
    print("|---|---|---|---|---|---|")
    for engine in ENGINES:
        for layout in LAYOUTS:
            scores, elapsed = [], 0.0
            for corpus in args.corpora:
                for known in known_articles(corpus, args.limit):
                    html = page(known, layout).encode()
                    started = time.perf_counter()
                    try:
                        item = read_page(html, options, engine)
                        parsed = parse_text(item.text)
                        found = "\n".join(parsed.paragraphs)
                    except ValueError:
                        found = ""
                    elapsed += time.perf_counter() - started
                    scores.append(word_f1(found, "\n".join(known.paragraphs)))
            good = sum(s >= 0.95 for s in scores) / len(scores)
            print(
                f"| {engine} | {layout} | {len(scores)} | {statistics.mean(scores):.3f}"
                f" | {good:.3f} | {1000 * elapsed / len(scores):.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
