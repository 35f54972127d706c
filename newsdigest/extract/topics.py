"""IPTC Media Topics (the 17 top-level ones) from weighted bilingual lexicons.

The lexicons are data (``data/topics.json``): per topic and language, words and
phrases with a weight from 1 (a hint) to 3 (nearly only this topic); a term
ending in ``*`` matches any word it begins. Words in the headline count more
than in the lead, the lead more than the rest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from newsdigest.model import Evidence, ParsedText
from newsdigest.vocabulary import load_json

ZONE_WEIGHTS = {"headline": 3.0, "lead": 1.5, "body": 1.0}
# Topics after the first are kept when their share of the score reaches this.
SECONDARY_SHARE = 0.25
# A topic marked "leads_only_clearly" (crime, law and justice cuts across the news:
# a fraud trial at a bank is business news) gives the lead to another topic that
# scores at least this share of its score; it stays in the list.
CLEAR_LEAD = 1.25
MAX_TOPICS = 3
REPEAT_DAMPING = 0.4
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MAX_REMEMBERED = 200_000  # words whose hits a process keeps
Hit = tuple[str, float, str]  # a topic's slug, the term's weight, the term as matched


@dataclass(frozen=True)
class Lexicon:
    """Term lookups for one language: single words, phrases by first word, prefixes."""

    words: dict[str, tuple[tuple[str, float], ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, float], ...]]
    prefixes: dict[str, tuple[tuple[str, float], ...]]
    prefix_lengths: tuple[int, ...]
    # word -> its hits (slug, weight, the word) as a single word and by prefix, worked out
    # once per word
    hits: dict[str, tuple[tuple[Hit, ...], tuple[Hit, ...]]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    # words met so far, and those of them that are a term, open a phrase or have a prefix
    seen: set[str] = field(default_factory=set, compare=False, hash=False, repr=False)
    terms: set[str] = field(default_factory=set, compare=False, hash=False, repr=False)

    def terms_of(self, words: list[str]) -> set[str]:
        """The words of ``words`` that may be (or open) a term; set operations on the words
        met before, a look-up only for new ones."""
        distinct = set(words)
        new = distinct - self.seen
        if new:
            if len(self.seen) >= _MAX_REMEMBERED:
                self.seen.clear()
                self.terms.clear()
                self.hits.clear()
                new = distinct
            self.seen.update(new)
            self.terms.update(w for w in new if w in self.phrases or any(self.word_hits(w)))
        return distinct & self.terms

    def word_hits(self, word: str) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
        """(slug, weight, word) of ``word`` as a term, and of the prefixes it starts with."""
        found = self.hits.get(word)
        if found is None:
            prefixed = tuple(
                (slug, weight, word)
                for length in self.prefix_lengths
                if length <= len(word)
                for slug, weight in self.prefixes.get(word[:length], ())
            )
            single = tuple((slug, weight, word) for slug, weight in self.words.get(word, ()))
            found = (single, prefixed)
            self.hits[word] = found
        return found


@cache
def topic_catalogue() -> dict[str, dict[str, object]]:
    """The topics file as loaded: slug -> {iptc, label, terms}, in IPTC order."""
    return load_json(__package__, "topics.json", dict)


def topic_labels(lang: str) -> dict[str, str]:
    """slug -> label in ``lang`` (English where the language has none)."""
    labels = {}
    for slug, topic in topic_catalogue().items():
        names = topic["label"]
        assert isinstance(names, dict)
        labels[slug] = names.get(lang) or names["en"]
    return labels


@cache
def _lexicon(lang: str) -> Lexicon:
    words: dict[str, list[tuple[str, float]]] = defaultdict(list)
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = defaultdict(list)
    prefixes: dict[str, list[tuple[str, float]]] = defaultdict(list)
    languages = ("en", "id") if lang not in ("en", "id") else (lang,)
    for slug, topic in topic_catalogue().items():
        terms = topic["terms"]
        assert isinstance(terms, dict)
        for language in languages:
            for term, weight in terms.get(language, {}).items():
                if term.endswith("*"):
                    prefixes[term[:-1]].append((slug, float(weight)))
                    continue
                parts = tuple(_WORD.findall(term.lower()))
                if len(parts) == 1:
                    words[parts[0]].append((slug, float(weight)))
                elif parts:
                    phrases[parts[0]].append((parts, slug, float(weight)))
    return Lexicon(
        {w: tuple(v) for w, v in words.items()},
        {w: tuple(v) for w, v in phrases.items()},
        {p: tuple(v) for p, v in prefixes.items()},
        tuple(sorted({len(p) for p in prefixes})),
    )


def score_topics(parsed: ParsedText, lang: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Topic scores and the terms that matched, zone by zone."""
    lexicon = _lexicon(lang)
    per_term: dict[tuple[str, str], float] = defaultdict(float)
    matched: dict[str, list[str]] = defaultdict(list)
    zones = [("headline", parsed.headline), ("lead", parsed.lead)]
    zones += [("body", p) for p in parsed.paragraphs[1:]]
    for zone, text in zones:
        zone_weight = ZONE_WEIGHTS[zone]
        words = _WORD.findall(text.lower())
        # most words are no term and open none: only the others' places are read
        terms = lexicon.terms_of(words)
        for i in [i for i, word in enumerate(words) if word in terms]:
            word = words[i]
            single, prefixed = lexicon.word_hits(word)
            hits = single
            phrases = lexicon.phrases.get(word)
            if phrases:
                hits += tuple(
                    (slug, weight, " ".join(parts))
                    for parts, slug, weight in phrases
                    if tuple(words[i : i + len(parts)]) == parts
                )
            for slug, weight, term in hits + prefixed if prefixed else hits:
                per_term[slug, term] += weight * zone_weight
                if len(matched[slug]) < 12:
                    matched[slug].append(f"{zone}: {term}")
    # A word said ten times is strong evidence, but not ten times as strong.
    scores: dict[str, float] = defaultdict(float)
    for (slug, _term), total in per_term.items():
        scores[slug] += total**REPEAT_DAMPING
    return scores, matched


def extract_topics(parsed: ParsedText, lang: str) -> tuple[tuple[str, ...], tuple[Evidence, ...]]:
    """Topic slugs, most relevant first, each with its share of the score and its terms."""
    scores, matched = score_topics(parsed, lang)
    total = sum(scores.values())
    if not total:
        return (), ()
    ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
    if topic_catalogue()[ranked[0]].get("leads_only_clearly"):
        runner_up = next(
            (s for s in ranked[1:] if scores[s] * CLEAR_LEAD >= scores[ranked[0]]), None
        )
        if runner_up is not None:
            ranked.remove(runner_up)
            ranked.insert(0, runner_up)
    kept = [ranked[0], *(s for s in ranked[1:] if scores[s] / total >= SECONDARY_SHARE)]
    kept = kept[:MAX_TOPICS]
    evidence = tuple(
        Evidence(slug, tuple(matched[slug]), round(scores[slug] / total, 3)) for slug in kept
    )
    return tuple(kept), evidence
