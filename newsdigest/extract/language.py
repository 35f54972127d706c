"""Language of a text by its function words: a few hundred frequent words, no model."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+")
# Fewer listed words than this in a text means it is in none of the listed languages.
_MIN_HITS = 5
# Scripts no word list covers say "not one of ours" at once.
_NON_LATIN = re.compile(
    r"[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)


@cache
def _word_languages() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """word -> languages that use it, and the languages in file order (``data/languages.json``)."""
    data = json.loads(resources.files(__package__).joinpath("data/languages.json").read_text())
    languages = tuple(lang for lang in data if not lang.startswith("_"))
    index: dict[str, list[str]] = {}
    for lang in languages:
        for word in data[lang]:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}, languages


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``, or ``und`` when it is in none of the listed languages.

    A word shared by several languages (Indonesian and Malay share most) counts a share
    to each; ties go to the language with more words of its own, then to the one listed
    first (the languages newsdigest supports are listed first).
    """
    sample = text[:20_000]
    if len(_NON_LATIN.findall(sample)) > len(sample) // 10:
        return UNDETERMINED
    index, languages = _word_languages()
    scores: Counter[str] = Counter()
    own_words: Counter[str] = Counter()
    hits = 0
    for word in _WORD.findall(sample.lower()):
        langs = index.get(word)
        if not langs:
            continue
        hits += 1
        for lang in langs:
            scores[lang] += 1 / len(langs)
        if len(langs) == 1:
            own_words[langs[0]] += 1
    if hits < _MIN_HITS:
        return UNDETERMINED
    return max(
        languages,
        key=lambda lang: (round(scores[lang], 6), own_words[lang], -languages.index(lang)),
    )
