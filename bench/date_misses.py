"""Where extracted dates and labelled dates disagree, and what a date rule could gain.

    .venv/bin/python bench/date_misses.py ../shared/corpora/reuters

Prints the misses by gap (extracted date minus labelled date, in days) and by
dateline place, then two bounds: shifting every dateline one day back, and the
best per-place choice between the stated date and the day before, picked with
the labels themselves (an oracle, so an upper bound for any rule that knows only
the dateline's place).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_extraction import run_ingest

from newsdigest.evaluation import load_labels
from newsdigest.parse import decode, parse_text


def _place(path: Path) -> str:
    dateline = parse_text(decode(path.read_bytes())).dateline
    return dateline.place.upper() if dateline else "(no dateline)"


def _within_3d(label: dt.date, predicted: dt.date) -> bool:
    return 0 <= (label - predicted).days <= 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    labels = [label for label in load_labels(args.corpus) if label.get("date")]
    predictions, _ = run_ingest(args.corpus, labels, jobs=1)
    gaps: Counter[int | None] = Counter()
    by_place: dict[str, Counter[int | None]] = defaultdict(Counter)
    pairs = []
    for label in labels:
        meta = predictions.get(label["file"]) or {}
        expected = dt.date.fromisoformat(label["date"])
        predicted = dt.date.fromisoformat(meta["date"][:10]) if meta.get("date") else None
        gap = (predicted - expected).days if predicted else None
        place = _place(args.corpus / "articles" / label["file"])
        gaps[gap] += 1
        by_place[place][gap] += 1
        pairs.append((place, expected, predicted))
    total = len(labels)
    print(f"{total} dated articles; extracted date minus label, in days:")
    for gap, count in sorted(gaps.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        print(f"  {'none' if gap is None else f'{gap:+d}'}: {count}")
    print("\nplaces with misses (gap: count):")
    for place, counts in sorted(by_place.items(), key=lambda item: -sum(item[1].values())):
        if set(counts) != {0}:
            print(f"  {place}: {dict(sorted(counts.items(), key=lambda i: str(i[0])))}")

    def figures(shift: dict[str, int]) -> tuple[float, float]:
        exact = within = 0
        for place, expected, predicted in pairs:
            if predicted is None:
                continue
            moved = predicted - dt.timedelta(days=shift.get(place, 0))
            exact += moved == expected
            within += _within_3d(expected, moved)
        return exact / total, within / total

    as_stated = figures({})
    one_back = figures({place: 1 for place in by_place})
    best = {place: int(counts[1] > counts[0]) for place, counts in by_place.items()}
    oracle = figures(best)
    print("\n| rule | date | date_3d |\n|---|---|---|")
    for name, (exact, within) in (
        ("the dateline's date (newsdigest)", as_stated),
        ("every dateline one day back", one_back),
        ("per place, the better of the two, chosen with the labels", oracle),
    ):
        print(f"| {name} | {exact:.3f} | {within:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
