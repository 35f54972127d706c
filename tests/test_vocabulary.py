"""The one reader of the package's data files: UTF-8, comments dropped, shapes checked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdigest.vocabulary import VocabularyError, load_json


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A throwaway package ``vocabtest`` whose data/ files the test writes."""
    root = tmp_path / "vocabtest"
    (root / "data").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    sys.modules.pop("vocabtest", None)


def test_comments_are_dropped_and_text_is_utf8_whatever_the_locale(package: Path) -> None:
    (package / "data" / "a.json").write_bytes(
        '{"_comment": "x", "words": ["Jum\'at", "Désiré"]}'.encode()
    )
    assert load_json("vocabtest", "a.json", {"words": list}) == {"words": ["Jum'at", "Désiré"]}


@pytest.mark.parametrize(
    ("text", "shape", "message"),
    [
        ('{"words": "not a list"}', {"words": list}, "data/b.json: 'words' is not a list"),
        ('{"other": []}', {"words": list}, "data/b.json: no 'words'"),
        ('{"en": ["a"], "id": "b"}', list, "data/b.json: 'id' is not a list"),
        ('["a"]', dict, "data/b.json: not a JSON object"),
        ('{"words": [}', dict, "data/b.json: not JSON"),
    ],
)
def test_a_file_of_the_wrong_shape_is_named_with_its_key(
    package: Path, text: str, shape: object, message: str
) -> None:
    (package / "data" / "b.json").write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match=message.replace(".", r"\.").replace("'", "'")):
        load_json("vocabtest", "b.json", shape)  # type: ignore[arg-type]
