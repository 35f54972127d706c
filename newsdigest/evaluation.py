"""Scoring extracted metadata against a labelled corpus.

A corpus is ``articles/<id>.txt`` plus ``labels.jsonl`` (one object per article:
file, title, lang, date, countries, topics, source, reference_date; null where
not labelled). The rules are the ones the project is measured by:

- title: exact after trimming; lang: exact;
- date: the first 10 characters equal the label; date_3d: the label or up to
  3 days before it;
- countries: micro-averaged precision, recall and F1 (a predicted code is right
  if it is in ``countries`` or ``countries_allowed``);
- topics: the first extracted topic is in the label's set;
- source: case- and space-insensitive, either name containing the other.

Tags are scored against hand-made entity labels (``entities.jsonl``: per article
the people and organisations an editor would tag, each with the aliases the text
uses, those acceptable in passing, and strings that are not entities), compared
case-insensitively:

- tag_precision: emitted tags that name a labelled person or organisation,
  required or acceptable;
- tag_recall: per article, the share of its required entities among its tags,
  averaged over articles with any;
- tag_non_entity: emitted tags the labels list as not entities;
- tag_split: labelled entities (joined across articles by shared names) that
  get more than one tag page, i.e. tags with distinct slugs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

FIGURES = (
    "title",
    "lang",
    "date",
    "date_3d",
    "country_precision",
    "country_recall",
    "country_f1",
    "topic_top1",
    "source",
)


def load_labels(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "labels.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def files_by_reference(corpus: Path, labels: Iterable[Mapping[str, Any]]) -> dict[str, list[Path]]:
    """Article paths grouped by the reference date to ingest them with, in date order."""
    groups: dict[str, list[Path]] = {}
    for label in labels:
        groups.setdefault(label["reference_date"], []).append(corpus / "articles" / label["file"])
    return dict(sorted(groups.items()))


def _same_source(predicted: str | None, expected: str) -> bool:
    if not predicted:
        return False
    a, b = ("".join(s.casefold().split()) for s in (predicted, expected))
    return a in b or b in a


def score(
    labels: Iterable[Mapping[str, Any]], predictions: Mapping[str, Mapping[str, Any] | None]
) -> dict[str, Any]:
    """Figures (0-1, or None where nothing is labelled) and counts, keyed as in FIGURES.

    ``predictions`` maps an article's file name to its report ``metadata`` (None if
    ingest failed or skipped it: every labelled field then counts as wrong).
    """
    hits: dict[str, int] = dict.fromkeys(FIGURES, 0)
    totals: dict[str, int] = dict.fromkeys(FIGURES, 0)
    true_pos = false_pos = false_neg = 0
    for label in labels:
        meta = predictions.get(label["file"]) or {}
        totals["title"] += 1
        hits["title"] += meta.get("title", "").strip() == label["title"].strip()
        if label.get("lang"):
            totals["lang"] += 1
            hits["lang"] += meta.get("lang") == label["lang"]
        if label.get("date"):
            totals["date"] += 1
            totals["date_3d"] += 1
            predicted = (meta.get("date") or "")[:10]
            hits["date"] += predicted == label["date"]
            if predicted:
                gap = (dt.date.fromisoformat(label["date"]) - dt.date.fromisoformat(predicted)).days
                hits["date_3d"] += 0 <= gap <= 3
        if label.get("countries") is not None:
            expected = set(label["countries"])
            allowed = expected | set(label.get("countries_allowed") or ())
            predicted_codes = set(meta.get("countries") or ())
            true_pos += len(predicted_codes & allowed)
            false_pos += len(predicted_codes - allowed)
            false_neg += len(expected - predicted_codes)
            totals["country_f1"] += 1
        if label.get("topics"):
            totals["topic_top1"] += 1
            topics = meta.get("topics") or []
            hits["topic_top1"] += bool(topics) and topics[0] in label["topics"]
        if label.get("source"):
            totals["source"] += 1
            hits["source"] += _same_source(meta.get("source"), label["source"])
    figures: dict[str, Any] = {
        name: (hits[name] / totals[name] if totals[name] else None)
        for name in ("title", "lang", "date", "date_3d", "topic_top1", "source")
    }
    if totals["country_f1"]:
        precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
        recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures.update(country_precision=precision, country_recall=recall, country_f1=f1)
    else:
        figures.update(country_precision=None, country_recall=None, country_f1=None)
    figures["articles"] = totals["title"]
    return figures


def read_report(path: Path) -> dict[str, dict[str, Any] | None]:
    """File name -> report metadata (None for inputs that failed)."""
    result: dict[str, dict[str, Any] | None] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            name = Path(row["input"]).name
            result[name] = row["metadata"]  # None when the input failed
    return result


TAG_FIGURES = ("tag_precision", "tag_recall", "tag_non_entity", "tag_split")


def load_entities(corpus: Path) -> list[dict[str, Any]] | None:
    path = corpus / "entities.jsonl"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _forms(entity: Mapping[str, Any]) -> set[str]:
    return {n.casefold().strip() for n in (entity["name"], *entity.get("aliases", ()))}


def score_tags(
    labels: Iterable[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any] | None],
    slug: Any = None,
) -> dict[str, Any]:
    """Tag figures (TAG_FIGURES) and counts; ``slug`` maps a tag to its page (site-wide
    merging applied), by default the tag itself."""
    slug = slug or (lambda tag: tag.casefold())
    emitted = good = non_entity = 0
    recalls: list[float] = []
    entity_of: dict[str, int] = {}  # a form -> an entity number, joined across articles
    parent: list[int] = []

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    pages: list[tuple[str, str]] = []  # (form matched, tag slug)
    names: dict[int, set[str]] = {}  # entity number -> the labels' names joined under it
    for label in labels:
        tags = [t for t in (predictions.get(label["file"]) or {}).get("tags") or ()]
        required = [*label.get("people", ()), *label.get("organizations", ())]
        acceptable = [*label.get("people_ok", ()), *label.get("organizations_ok", ())]
        not_tags = {n.casefold().strip() for n in label.get("not_tags", ())}
        for entity in (*required, *acceptable):
            forms = _forms(entity)
            numbers = {entity_of[f] for f in forms if f in entity_of}
            number = min((find(n) for n in numbers), default=len(parent))
            if number == len(parent):
                parent.append(number)
            for other in numbers:
                parent[find(other)] = number
            for form in forms:
                entity_of[form] = number
            names.setdefault(number, set()).add(entity["name"])
        known = set().union(*map(_forms, (*required, *acceptable)))
        for tag in tags:
            form = tag.casefold().strip()
            emitted += 1
            good += form in known
            non_entity += form in not_tags
            if form in known:
                pages.append((form, slug(tag)))
        found = {t.casefold().strip() for t in tags}
        if required:
            recalls.append(sum(bool(_forms(e) & found) for e in required) / len(required))
    slugs_of: dict[int, set[str]] = {}
    for form, page in pages:
        slugs_of.setdefault(find(entity_of[form]), set()).add(page)
    joined: dict[int, set[str]] = {}
    for number, named in names.items():
        joined.setdefault(find(number), set()).update(named)
    splits = [
        {"pages": sorted(slugs), "labelled_as": sorted(joined.get(root, ()))}
        for root, slugs in slugs_of.items()
        if len(slugs) > 1
    ]
    return {
        "tag_precision": good / emitted if emitted else None,
        "tag_recall": sum(recalls) / len(recalls) if recalls else None,
        "tag_non_entity": non_entity / emitted if emitted else None,
        "tag_split": len(splits),
        # Each split: its tag pages and the labelled names joined into it (names that
        # share an alias are joined: two names here means the labels' alias joined them).
        "tag_splits": splits,
        "tags_emitted": emitted,
        "tagged_articles": len(recalls),
    }
