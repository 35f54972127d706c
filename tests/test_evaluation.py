"""The tag scoring the benchmark reports: figures, and which labelled entities are split."""

from __future__ import annotations

from newsdigest.evaluation import score_tags


def test_an_entity_on_two_tag_pages_is_a_split_named_with_its_labels() -> None:
    labels = [
        {
            "file": "a.txt",
            "people": [{"name": "Sri Mulyani Indrawati", "aliases": ["Sri Mulyani"]}],
        },
        {"file": "b.txt", "people": [{"name": "Sri Mulyani", "aliases": []}]},
    ]
    predictions = {"a.txt": {"tags": ["Sri Mulyani Indrawati"]}, "b.txt": {"tags": ["Sri Mulyani"]}}
    figures = score_tags(labels, predictions)
    assert figures["tag_precision"] == 1.0 and figures["tag_recall"] == 1.0
    assert figures["tag_split"] == 1
    assert figures["tag_splits"] == [
        {"pages": ["sri mulyani", "sri mulyani indrawati"],
         "labelled_as": ["Sri Mulyani", "Sri Mulyani Indrawati"]}
    ]  # fmt: skip
    # Joined on the site under one page: no split.
    joined = score_tags(labels, predictions, lambda tag: "sri-mulyani-indrawati")
    assert joined["tag_split"] == 0 and joined["tag_splits"] == []


def test_two_entities_the_labels_give_one_alias_are_joined_and_shown_as_such() -> None:
    labels = [
        {"file": "a.txt", "organizations": [{"name": "Kejaksaan Agung", "aliases": ["Kejaksaan"]}]},
        {"file": "b.txt",
         "organizations": [{"name": "Kejaksaan Negeri Jayawijaya", "aliases": ["Kejaksaan"]}]},
    ]  # fmt: skip
    predictions = {
        "a.txt": {"tags": ["Kejaksaan Agung"]},
        "b.txt": {"tags": ["Kejaksaan Negeri Jayawijaya"]},
    }
    (split,) = score_tags(labels, predictions)["tag_splits"]
    assert split["labelled_as"] == ["Kejaksaan Agung", "Kejaksaan Negeri Jayawijaya"]
