"""Quality gate: extraction scored on the project's own labelled articles must not regress.

The floors sit a little under the figures measured when they were pinned; raise
them when extraction improves. The same scoring runs on the shared corpora with
``bench/eval_extraction.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES
from newsdigest.evaluation import files_by_reference, load_labels, score
from newsdigest.ingest import IngestOptions, ingest

CORPUS = FIXTURES / "labelled"
FLOORS = {
    "title": 1.0,
    "lang": 1.0,
    "date": 0.97,
    "date_3d": 0.97,
    "country_precision": 0.95,
    "country_recall": 0.95,
    "country_f1": 0.95,
    "topic_top1": 0.90,
    "source": 0.93,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    labels = load_labels(CORPUS)
    output = tmp_path_factory.mktemp("quality")
    predictions = {}
    for reference, files in files_by_reference(CORPUS, labels).items():
        options = IngestOptions(output, dt.date.fromisoformat(reference))
        for outcome in ingest(files, options):
            meta = outcome.metadata.as_report() if outcome.metadata else None
            predictions[outcome.input.name] = meta
    return score(labels, predictions)


def test_the_labelled_set_is_big_and_bilingual() -> None:
    labels = load_labels(CORPUS)
    assert len(labels) >= 40
    assert {label["lang"] for label in labels} == {"id", "en"}


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_stays_above_its_floor(figures: dict[str, float], figure: str) -> None:
    assert figures[figure] >= FLOORS[figure], f"{figure} = {figures[figure]:.3f}"
