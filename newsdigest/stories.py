"""Stories: articles that report the same event, grouped; and related coverage that is related.

A digest should say what happened once, with every source's take beside it, so
articles that report the same specific event (one announcement, incident,
decision, match or data release, and its follow-ups within a few days) form a
story. Sharing a broad topic, a country or a prolific person (a president, a
minister) is not enough: two reports of one event share its *rare*
particulars, the names, amounts and places few other articles use, and its
words. So each article is read into TF-IDF vectors (rare terms weigh most):

- words: the content words of its headline, lead and body (the headline and
  lead weigh more), Indonesian news words mapped to the English words they
  translate (``data/bilingual.json``), amounts in one canonical form whatever
  the language writes (``Rp 14,6 triliun`` and ``14.6 trillion`` are one
  token), and its people, organisations and countries from the metadata;
- particulars: the part of those that singles out an event: names (words the
  article only ever capitalises), amounts, people, organisations, countries;
- 4-grams: character 4-grams of the headline and lead, which catch what words
  miss: word forms (kenaikan, naik) and cognates across the languages
  (inflasi, inflation).

Two articles are alike by a mix of their word and 4-gram cosines; they are one
story only if they also share particulars, so a template (every dividend
notice reads alike) or a shared minister is not enough. Names, numbers and
places are written the same in both languages, so Indonesian and English
coverage of one event meet through them (with a lower threshold, as they share
fewer words).

Candidates come from an inverted index of each article's heaviest terms within
a time window, so the work grows with the number of articles times their
neighbours in time, never with its square. Stories grow from the most alike
pairs, each merge judged on the groups' centroids: a follow-up only moderately
like each earlier report is usually clearly like their sum, while a chain of
loose likenesses (A like B, B like C) does not make A and C one story. A sum
of many reports is like the whole subject, though, so two groups also join
only when most pairs across them are alike one by one.

Everything here is pure Python over plain records: the site's plugin turns its
posts into :class:`Article` records and calls :func:`group_stories`. The result
does not depend on the order the articles are given in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import heapq
import json
import math
import multiprocessing as mp
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsdigest.forks import fork_workers
from newsdigest.model import Metadata, ParsedText
from newsdigest.vocabulary import load_json

__all__ = ["SETTINGS", "Article", "Coverage", "Settings", "Story", "group_stories"]


@dataclass(frozen=True)
class Article:
    """What story grouping reads of one article (the site builds these from its posts).

    ``lead`` is the first paragraph or two without the dateline; ``body`` is
    the whole text and may repeat the lead. ``people``, ``organizations`` and
    ``countries`` (ISO codes) are the extracted metadata; ``lang`` is ``id``,
    ``en`` or ``und``.
    """

    id: str
    title: str
    lead: str
    body: str
    date: dt.date
    lang: str = "und"
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    source: str | None = None

    @classmethod
    def of_text(cls, id: str, parsed: ParsedText, metadata: Metadata) -> Article:
        """The record of an article ingest has read: its parts and extracted metadata."""
        return cls(
            id=id,
            title=metadata.title,
            lead=" ".join((parsed.lead, *parsed.paragraphs[1:2])),
            body=parsed.body,
            date=metadata.date,
            lang=metadata.lang,
            people=metadata.people,
            organizations=metadata.organizations,
            countries=metadata.countries,
            source=metadata.source,
        )


@dataclass(frozen=True)
class Settings:
    """The knobs, set on the ``dev`` pairs of ``bench/data/story_pairs.jsonl``."""

    story_days: int = 4  # two articles of a story are at most this many days apart ...
    story_span: int = 7  # ... and a whole story spans at most this many days
    same: float = 0.28  # similarity from which two groups in one language are one story
    same_cross: float = 0.20  # the same across languages, which share fewer words
    group_size: int = 4  # groups holding this many articles together ...
    group_same: float = 0.9  # ... are one story from this share of those thresholds
    linked: float = 0.7  # and this share of the pairs across two groups ...
    link: float = 0.55  # ... are alike from this share of the one-story threshold
    names: float = 0.25  # and one story's groups share particulars at least this much
    propose: float = 0.6  # pairs from this share of ``same`` propose a merge
    rounds: int = 4  # proposals are tried again while groups grow, at most this often
    related_days: int = 14  # related coverage looks this far back and ahead
    related: float = 0.24  # related coverage starts at this similarity (one language)
    related_cross: float = 0.17  # or this one across languages
    related_topic: float = 0.12  # and needs this much of the same words, names aside
    related_names: float = 0.20  # and of the same particulars: a shared topic is not enough
    related_actors: float = 0.05  # and some of the same people or organisations
    related_count: int = 5  # at most this many related articles, one per story
    word_share: float = 0.7  # similarity: this much word cosine, the rest 4-gram cosine
    body_chars: int = 4000  # the body is read this far
    keep_terms: int = 200  # each vector keeps its this many heaviest terms
    index_terms: int = 40  # an article is found through its this many heaviest words
    index_share: float = 0.02  # words in more than this share of articles find nothing ...
    index_floor: int = 30  # ... unless in at most this many (a small collection)
    # Word weights (document frequencies) over the articles within this many days of each
    # article, None: over all of them. Weights near in time would let a rebuild regroup only
    # the days around what changed; on the labelled pairs they group worse (README, Stories).
    df_days: int | None = None
    candidates: int = 15  # candidates scored exactly per article (plus 5 in other languages)
    template: float = 0.4  # this much of the same words with none of the same figures: two notices


SETTINGS = Settings()


@dataclass(frozen=True)
class Story:
    """Articles reporting one event. ``lead`` is the article most like the others.

    ``id`` is the id of the earliest article (then the smallest id), so a story
    keeps its id when later follow-ups join it. ``articles`` holds the ids,
    the lead first, then by date and id. ``first`` and ``last`` are the dates
    of its earliest and latest article.
    """

    id: str
    lead: str
    articles: tuple[str, ...]
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Coverage:
    """The grouping of a whole collection: every article is in exactly one story.

    ``stories`` are ordered by their last date (newest first), then size and
    id; an article nothing else reports is a story of one. ``story_of`` maps
    every article id to its story; ``related`` maps every article id to related
    article ids, most similar first, never of its own story and at most one per
    other story.
    """

    stories: tuple[Story, ...]
    story_of: dict[str, Story]
    related: dict[str, tuple[str, ...]]


_DATA = load_json(
    "newsdigest",
    "bilingual.json",
    {"terms": dict, "stopwords": dict, "months": list, "not_names": list, "percent": list,
     "scales": dict},
)  # fmt: skip
_STOPWORDS = frozenset(word for words in _DATA["stopwords"].values() for word in words)
_MONTHS = frozenset(_DATA["months"])
_NOT_NAMES = _STOPWORDS | _MONTHS | frozenset(_DATA["not_names"])
_PERCENT = frozenset(_DATA["percent"])
_SCALES = {
    lang: {**_DATA["scales"]["any"], **_DATA["scales"].get(lang, {})} for lang in ("id", "en")
}
_WORD = re.compile(r"[^\W\d_]+")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_UNITS = sorted(
    {*_PERCENT, *(unit for scale in _DATA["scales"].values() for unit in scale)},
    key=len,
    reverse=True,
)
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s?(" + "|".join(map(re.escape, _UNITS)) + r")(?![^\W\d_]))?",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """English plural to singular (Harman's S-stemmer): floods, flood; companies, company."""
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def _term_tables() -> tuple[
    dict[str, tuple[str, ...]], dict[str, list[tuple[tuple[str, ...], ...]]]
]:
    """(one-word terms, phrases by their first word, longest first) -> English word stems."""
    single: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], ...]]] = defaultdict(list)
    for source, target in _DATA["terms"].items():
        key, value = tuple(source.split()), tuple(_stem(word) for word in target.split())
        if len(key) == 1:
            single[key[0]] = value
        else:
            phrases[key[0]].append((key, value))
    for entries in phrases.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return single, dict(phrases)


_TERMS, _PHRASES = _term_tables()


def _value(digits: str, lang: str) -> float:
    """A number as written: a dot separates thousands in Indonesian and a comma in English;
    either followed by other than three digits is a decimal mark."""
    thousands = "," if lang == "en" else "."
    groups = re.split(r"[.,]", digits)
    marks = re.findall(r"[.,]", digits)
    if marks and all(len(g) == 3 for g in groups[1:]) and (len(marks) > 1 or marks[0] == thousands):
        return float("".join(groups))
    if len(marks) == 1:
        return float(groups[0] + "." + groups[1])
    if not marks:
        return float(digits)
    return float("".join(groups[:-1]) + "." + groups[-1])  # 1.234,5 or 1,234.5


def _number_matches(text: str) -> Iterable[re.Match[str]]:
    """The numbers of a text that are no dates (March 9, 9 Maret, 20/10/2025)."""
    text = _DATE.sub(" ", text)
    for match in _NUMBER.finditer(text):
        if not match.group(2):
            before = text[max(0, match.start() - 12) : match.start()].split()[-1:]
            after = text[match.end() : match.end() + 12].split()[:1]
            if {word.lower().strip(".,") for word in before + after} & _MONTHS:
                continue  # a date, which the time window already uses
        yield match


def _amounts(text: str, lang: str) -> tuple[list[str], set[str]]:
    """(amount tokens, figures) of a text, in one pass over its numbers.

    Amount tokens are terms (its words never include digits, so they stay): a
    small count or a year is none. Figures are amounts with a unit or a scale,
    or with decimals, however small: ``4.5 cts`` and ``Rp 300 ribu`` are
    figures; a bare count or a year is not. Figures are no terms: they tell
    two instances of one template apart (one fund's payout from another's, one
    day's forecast from the next one's).
    """
    tokens: list[str] = []
    figures: set[str] = set()
    scales = _SCALES["en" if lang == "en" else "id"]
    for match in _number_matches(text):
        value, unit = _value(match.group(1), lang), (match.group(2) or "").lower()
        if unit in _PERCENT:
            tokens.append(f"#{value:.4g}%")
            figures.add(f"#{value:.4g}%")
            continue
        scale = scales.get(unit)
        if scale is not None or not (value < 10 or (value == int(value) and 1900 <= value <= 2100)):
            tokens.append(f"#{value * (scale or 1):.4g}")  # "3 suspects", "2025": in too many
        if unit or value != int(value):
            figures.add(f"#{value * (scale or 1):.4g}")
    return tokens, figures


def _figures(text: str, lang: str) -> set[str]:
    """The figures of a text."""
    return _amounts(text, lang)[1]


@functools.lru_cache(maxsize=1 << 17)
def _token(token: str, english: bool) -> tuple[str, tuple[str, ...], bool]:
    """(lower case, its terms without stop words, whether it may be a name) of one word
    token read alone (a phrase of the term list is looked up by ``_words``)."""
    low = token.lower()
    found = _TERMS.get(low)
    if found is None:
        found = ((_stem(low) if english and token == low else low),) if len(low) > 1 else ()
    terms = tuple(sys.intern(term) for term in found if term not in _STOPWORDS)
    return low, terms, token[0].isupper() and low not in _NOT_NAMES


def _words(
    tokens: list[str], lower: Iterable[str] | frozenset[str], english: bool
) -> tuple[list[str], list[tuple[str, str]]]:
    """(content words, names as (word, term) pairs) of a text's word tokens.

    Indonesian news words become the English words they translate; English
    plurals their singular. A name is a capitalised word the article never
    writes in lower case (``lower``): "Pemerintah" opening a sentence is no
    name where "pemerintah" occurs too.
    """
    words: list[str] = []
    names: list[tuple[str, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        low, terms, capital = _token(tokens[i], english)
        size = 1
        for key, target in _PHRASES.get(low, ()):
            if tuple(t.lower() for t in tokens[i : i + len(key)]) == key:
                size, terms = len(key), tuple(term for term in target if term not in _STOPWORDS)
                break
        i += size
        words.extend(terms)
        if capital and terms and low not in lower:
            names.extend((low, term) for term in terms)
    return words, names


@functools.lru_cache(maxsize=1 << 17)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple(sys.intern(padded[k : k + 4]) for k in range(len(padded) - 3))


def _grams(words: Iterable[str]) -> Counter[str]:
    """Character 4-grams of words with their boundaries: <kenaikan> shares 'naik' with <naik>."""
    grams: Counter[str] = Counter()
    for word in words:
        grams.update(_word_grams(word))
    return grams


@dataclass
class _Reading:
    """One article's counts before anything collection-wide (headline names, weights).

    Plain dicts and sets: a rebuild unpickles twenty thousand of them from the cache,
    and a Counter is rebuilt in Python where a dict is rebuilt in C.
    """

    terms: dict[str, int]
    particulars: dict[str, int]
    headline_names: list[tuple[str, str]]  # names unless the collection writes them in lower case
    grams: dict[str, int]
    lower: set[str]  # the words it writes in lower case
    key_figures: frozenset[str] = frozenset()  # the figures of its headline and first sentence
    figures: frozenset[str] = frozenset()  # all its figures


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z])")


def _without_dateline(body: str, lead: str) -> str:
    """The body from where its lead starts: without a dateline (``LONDON, March 2 -``).

    A dateline names where the copy was filed (a company's home town, the
    agency's bureau), which many unrelated reports share.
    """
    probe = lead[:40].strip()
    start = body.find(probe, 0, 160) if probe else -1
    return body[start:] if start > 0 and "\n" not in body[:start] else body


def _read(article: Article, body_chars: int) -> _Reading:
    """Count an article's terms, particulars and headline-and-lead 4-grams.

    The headline weighs 3, the lead 2 and the body 1. Headlines capitalise
    every word (Title Case, or capitals on the wire), so their names are
    settled later, against the whole collection's lower-case words.
    """
    fields = []
    lower: set[str] = set()
    figures: set[str] = set()
    body = _without_dateline(article.body[:body_chars], article.lead)
    key_figures: set[str] = set()
    for text in (article.title, article.lead, body):
        text = unicodedata.normalize("NFKC", text)
        (numbers, found), tokens = _amounts(text, article.lang), _WORD.findall(text)
        lower.update(token for token in tokens if token.islower())
        fields.append((numbers, tokens))
        figures |= found
        if not fields[1:]:  # the headline's
            key_figures |= found
    first = _SENTENCE_END.split(unicodedata.normalize("NFKC", article.lead), maxsplit=1)[0]
    key_figures |= _figures(first, article.lang)
    terms: Counter[str] = Counter()
    particulars: Counter[str] = Counter()
    headline: list[str] = []
    headline_names: list[tuple[str, str]] = []
    english = article.lang != "id"
    for weight, (numbers, tokens) in zip((3, 2, 1), fields, strict=True):
        words, names = _words(tokens, lower, english)
        for term in (*words, *numbers):
            terms[term] += weight
        for term in numbers:
            particulars[term] += weight
        if weight == 3:
            headline_names = names
        else:
            for _, term in names:
                particulars[term] += weight
        if weight > 1:
            headline.extend(words)
    for name in (*article.people, *article.organizations):
        key = "@" + " ".join(name.lower().split())
        terms[key] += 2
        particulars[key] += 2
    for code in article.countries:
        terms["^" + code.upper()] += 1
        particulars["^" + code.upper()] += 1
    return _Reading(
        {sys.intern(t): n for t, n in terms.items()},  # one string per term in all
        dict(particulars), headline_names, dict(_grams(headline)), lower,
        frozenset(key_figures), frozenset(figures),
    )  # fmt: skip


_LOG = [0.0, *(1 + math.log(c) for c in range(1, 64))]  # sublinear term frequency


_VERSION = hashlib.sha256(
    b"reading 3\0" + resources.files("newsdigest").joinpath("data/bilingual.json").read_bytes()
).hexdigest()[:16]  # what a cached reading was read with: change either, and it is read again


def _reading_key(article: Article, body_chars: int) -> str:
    """The cache key of an article's reading: everything ``_read`` reads (not the id or date)."""
    fields = (
        _VERSION, body_chars, article.title, article.lead, article.body[:body_chars],
        article.lang, article.people, article.organizations, article.countries,
    )  # fmt: skip
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


PARALLEL_FROM = 2000  # fewer articles to read than this are read in this process
_CHUNK = 250
_PENDING: list[Article] = []  # the articles forked workers read (inherited, not sent)


def _read_chunk(span: tuple[int, int, int]) -> list[_Reading]:
    start, stop, body_chars = span
    return [_read(article, body_chars) for article in _PENDING[start:stop]]


def _read_all(
    articles: Sequence[Article],
    body_chars: int,
    cache: MutableMapping[str, _Reading] | None,
    jobs: int,
) -> list[_Reading]:
    """``_read`` of every article, through ``cache`` under ``_reading_key``.

    Articles the cache lacks are read by ``jobs`` forked processes when there
    are at least ``PARALLEL_FROM`` of them (a first build); a reading is the
    same whichever process makes it.
    """
    keys = [_reading_key(a, body_chars) for a in articles] if cache is not None else []
    readings: list[_Reading | None] = [None] * len(articles)
    missing = []
    for i in range(len(articles)):
        if cache is not None and (found := cache.get(keys[i])) is not None:
            readings[i] = found
        else:
            missing.append(i)
    global _PENDING
    if min(jobs, fork_workers()) > 1 and len(missing) >= PARALLEL_FROM:
        _PENDING = [articles[i] for i in missing]
        spans = [
            (k, min(k + _CHUNK, len(missing)), body_chars) for k in range(0, len(missing), _CHUNK)
        ]
        try:
            with mp.get_context("fork").Pool(jobs) as pool:
                done = [r for chunk in pool.imap(_read_chunk, spans) for r in chunk]
        finally:
            _PENDING = []
    else:
        done = [_read(articles[i], body_chars) for i in missing]
    for i, reading in zip(missing, done, strict=True):
        readings[i] = reading
        if cache is not None:
            cache[keys[i]] = reading
    return [r for r in readings if r is not None]


def _by_day(
    days: Sequence[int], radius: int, keys: Sequence[Iterable[str]]
) -> Iterator[tuple[int, int, tuple[int, int], Counter[str]]]:
    """For each day of ``days`` (ascending): its articles' range, the range of the
    articles within ``radius`` days of it, and how many of those have each key
    (``keys[i]``: article i's). The counter is one, updated from day to day: use it
    before asking for the next day.
    """
    counter: Counter[str] = Counter()
    lo = hi = start = 0
    while start < len(days):
        day = days[start]
        stop = bisect.bisect_right(days, day, start)
        while hi < len(days) and days[hi] <= day + radius:
            counter.update(keys[hi])
            hi += 1
        while days[lo] < day - radius:
            counter.subtract(keys[lo])
            lo += 1
        yield start, stop, (lo, hi), counter
        start = stop


def _vectors(
    counts: Sequence[dict[str, int]],
    keep: int,
    days: Sequence[int],
    radius: int,
    index_by: Settings | None = None,
) -> tuple[list[dict[str, float]], list[list[str]]]:
    """Unit TF-IDF vectors (sublinear term frequency, ``keep`` heaviest terms), each
    article's document frequencies taken over the articles within ``radius`` days of it;
    with ``index_by``, also each article's index keys: its heaviest terms (``index_terms``)
    that more than one and at most ``index_share`` of those articles have."""
    vectors: list[dict[str, float]] = []
    keys: list[list[str]] = []
    window, idf, limit = (-1, -1), dict[str, float](), 0
    for start, stop, around, df in _by_day(days, radius, [count.keys() for count in counts]):
        if around != window:  # other articles around: other weights
            n = around[1] - around[0]
            window, idf = around, {t: math.log(1 + n / d) for t, d in df.items() if d}
            if index_by is not None:
                limit = max(index_by.index_floor, int(index_by.index_share * n))
        for count in counts[start:stop]:
            weights = {
                t: (_LOG[c] if c < 64 else 1 + math.log(c)) * idf[t] for t, c in count.items()
            }
            if len(weights) > keep:
                weights = dict(heapq.nlargest(keep, weights.items(), key=lambda tw: (tw[1], tw[0])))
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            vector = {t: w / norm for t, w in weights.items()}
            vectors.append(vector)
            if index_by is not None:
                usable = [t for t in vector if 1 < df[t] <= limit]
                top = heapq.nlargest(index_by.index_terms, usable, key=lambda t: (vector[t], t))
                keys.append(top)
    return vectors, keys


def _norm(vector: dict[str, float], part: Callable[[str], bool]) -> float:
    return math.sqrt(sum(w * w for t, w in vector.items() if part(t)))


def _not_in(names: dict[str, float]) -> Callable[[str], bool]:
    """A term test: not one of ``names``."""
    return lambda term: term not in names


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    norms = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return _dot(a, b) / norms if norms else 0.0


class _Collection:
    """The articles (sorted by date and id), their vectors and the similar pairs found."""

    def __init__(
        self,
        articles: Iterable[Article],
        settings: Settings,
        cache: MutableMapping[str, _Reading] | None = None,
        jobs: int = 1,
    ) -> None:
        self.settings = s = settings
        self.articles = sorted(articles, key=lambda a: (a.date, a.id))
        ids = [a.id for a in self.articles]
        if len(set(ids)) != len(ids):
            raise ValueError("article ids must be unique")
        self.days = days = [a.date.toordinal() for a in self.articles]
        # word weights over the articles within df_days of each, or over all of them
        if s.df_days is not None and s.df_days < 0:
            raise ValueError("df_days must be 0 or more (or None: over all articles)")
        radius = s.df_days if s.df_days is not None else max(days, default=0)
        readings = []
        lower: list[set[str]] = []
        self.key_figures: list[frozenset[str]] = []
        self.figures: list[frozenset[str]] = []
        for reading in _read_all(self.articles, s.body_chars, cache, jobs):
            lower.append(reading.lower)
            self.key_figures.append(reading.key_figures)
            self.figures.append(reading.figures)
            readings.append(
                (reading.terms, reading.particulars, reading.headline_names, reading.grams)
            )
        # with the headline's names: words no other article (around it) writes in lower case
        particulars: list[dict[str, int]] = []
        for start, stop, _, written_lower in _by_day(days, radius, lower):
            for _, counts, headline_names, _ in readings[start:stop]:
                counts = counts.copy()
                for word, term in headline_names:
                    if written_lower[word] < 2:
                        counts[term] = counts.get(term, 0) + 3
                particulars.append(counts)
        del lower
        keep = s.keep_terms
        self.words, self.index_keys = _vectors([r[0] for r in readings], keep, days, radius, s)
        self.names, _ = _vectors(particulars, keep, days, radius)
        self.grams, _ = _vectors([r[3] for r in readings], keep, days, radius)
        del readings, particulars
        # the norms of two parts of each vector, for the partial cosines of related coverage
        self.topic_norm = [
            _norm(words, _not_in(names))
            for words, names in zip(self.words, self.names, strict=True)
        ]
        self.actor_norm = [_norm(names, lambda t: t[0] == "@") for names in self.names]
        self.known: dict[tuple[int, int], float] = {}
        self.unproposed: dict[tuple[int, int], float] = {}  # pairs scored only when grouping
        self._find_pairs()
        # pairs that are two instances of one template, never one story
        self.apart: dict[int, set[int]] = defaultdict(set)
        for i, j in self.known:
            if self.notices(i, j):
                self.apart[i].add(j)
                self.apart[j].add(i)

    def similarity(self, i: int, j: int) -> float:
        share = self.settings.word_share
        words = _dot(self.words[i], self.words[j])
        return share * words + (1 - share) * _dot(self.grams[i], self.grams[j])

    def topic(self, i: int, j: int) -> float:
        """Cosine of the words two articles share beyond either's particulars: the subject."""
        a, b, na, nb = self.words[i], self.words[j], self.names[i], self.names[j]
        shared = sum(w * b[t] for t, w in a.items() if t in b and t not in na and t not in nb)
        norms = self.topic_norm[i] * self.topic_norm[j]
        return shared / norms if norms else 0.0

    def actors(self, i: int, j: int) -> float:
        """Cosine of the people and organisations (metadata) two articles share."""
        a, b = self.names[i], self.names[j]
        shared = sum(w * b[t] for t, w in a.items() if t[0] == "@" and t in b)
        norms = self.actor_norm[i] * self.actor_norm[j]
        return shared / norms if norms else 0.0

    def notices(self, i: int, j: int) -> bool:
        """Whether two articles are two notices of one template, not two reports of one event.

        Each states figures up front (its headline and first sentence) that
        the other never states, in much the same words: one fund's payout and
        another's, one day's money-market forecast and the next day's, two
        bond issues. Reports of one event state its figures alike.
        """
        a, b = self.key_figures[i], self.key_figures[j]
        if not a or not b or a & self.figures[j] or b & self.figures[i]:
            return False
        return self.topic(i, j) >= self.settings.template

    def subject(self, i: int) -> str | None:
        """The person or organisation its headline and first sentence name first, if any."""
        article = self.articles[i]
        first = _SENTENCE_END.split(article.lead, maxsplit=1)[0]
        front = f"{article.title} {first}".lower()
        found = [
            (at, name)
            for name in (*article.people, *article.organizations)
            if (at := front.find(name.lower())) >= 0
        ]
        return min(found)[1] if found else None

    def one_series(self, i: int, j: int) -> bool:
        """Whether two notices of one template are of one subject: one market's forecasts,
        not two companies' bond issues or two funds' payouts."""
        subject = self.subject(i)
        return subject is not None and subject == self.subject(j)

    def cross(self, i: int, j: int) -> bool:
        return self.articles[i].lang != self.articles[j].lang

    def affinity(self, i: int, j: int) -> float:
        """A pair's similarity as a share of the one-story threshold for its languages."""
        s = self.settings
        sim = self.known.get((i, j) if i < j else (j, i), 0.0)
        return sim / (s.same_cross if self.cross(i, j) else s.same)

    def pair_affinity(self, i: int, j: int) -> float:
        """``affinity`` of any pair: scored now when the index did not propose it."""
        pair = (i, j) if i < j else (j, i)
        if pair not in self.known and pair not in self.unproposed:
            self.unproposed[pair] = self.similarity(*pair)
        sim = self.known.get(pair, self.unproposed.get(pair, 0.0))
        s = self.settings
        return sim / (s.same_cross if self.cross(i, j) else s.same)

    def _find_pairs(self) -> None:
        """Fill ``known`` with the similarities, worth keeping, of the pairs the index proposes."""
        s = self.settings
        floor = min(s.propose * s.same_cross, s.related_cross)  # nothing below is ever used
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        keys = self.index_keys
        for i, top in enumerate(keys):
            for term in top:
                postings[term].append((self.days[i], i))
        for i, top in enumerate(keys):
            scores: dict[int, float] = defaultdict(float)
            for term in top:
                listed = postings[term]
                lo = bisect.bisect_left(listed, (self.days[i] - s.related_days, -1))
                hi = bisect.bisect_right(listed, (self.days[i] + s.related_days, len(self.days)))
                weight = self.words[i][term]
                for _, j in listed[lo:hi]:
                    if j != i:
                        scores[j] += weight * self.words[j][term]
            ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
            chosen = ranked[: s.candidates]
            chosen += [item for item in ranked[s.candidates :] if self.cross(i, item[0])][:5]
            for j, _ in chosen:
                pair = (i, j) if i < j else (j, i)
                if pair not in self.known:
                    sim = self.similarity(*pair)
                    if sim >= floor:
                        self.known[pair] = sim


def group_stories(
    articles: Iterable[Article],
    settings: Settings = SETTINGS,
    *,
    cache: MutableMapping[str, Any] | None = None,
    jobs: int = 1,
) -> Coverage:
    """Group ``articles`` into stories and rank each article's related coverage.

    Reading the texts is most of the work. ``cache``, any mapping kept between
    builds (a dict, or a ``shelve`` for separate processes), keeps each
    article's reading under a key of its content, so a rebuild reads only the
    new and changed articles; the grouping is the same with or without it, and
    whatever ``jobs``, the processes reading the articles (a first build's many).
    """
    c = _Collection(articles, settings, cache, jobs)
    stories = [_story(c, members) for members in _cluster(c)]
    stories.sort(key=lambda s: (-s.last.toordinal(), -len(s.articles), s.id))
    story_of = {article_id: story for story in stories for article_id in story.articles}
    return Coverage(tuple(stories), story_of, _related(c, story_of))


class _Group:
    """A story in the making: its members and the sums of their vectors (its centroid)."""

    def __init__(self, c: _Collection, i: int) -> None:
        self.members = [i]
        self.langs = {c.articles[i].lang}
        self.first = self.last = c.days[i]
        self.sums = (dict(c.words[i]), dict(c.grams[i]), dict(c.names[i]))

    def absorb(self, other: _Group) -> None:
        self.members.extend(other.members)
        self.langs |= other.langs
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        for mine, theirs in zip(self.sums, other.sums, strict=True):
            for term, weight in theirs.items():
                mine[term] = mine.get(term, 0.0) + weight


def _cluster(c: _Collection) -> list[list[int]]:
    """Grow stories from the most alike pairs, each merge judged on the groups' centroids.

    Pairs within ``story_days`` from ``propose`` of the threshold up propose a
    merge, most alike first, and are tried again while groups grow.
    """
    s = c.settings
    edges = sorted(
        (-c.affinity(i, j), i, j)
        for (i, j) in c.known
        if abs(c.days[i] - c.days[j]) <= s.story_days
        and c.affinity(i, j) >= s.propose
        and j not in c.apart.get(i, ())
    )
    groups = {i: _Group(c, i) for i in range(len(c.articles))}
    group_of = list(range(len(c.articles)))
    for _ in range(s.rounds):
        merged = False
        for _, i, j in edges:
            a, b = group_of[i], group_of[j]
            if a == b or _apart(c, groups[a], group_of, b) or not _joins(c, groups[a], groups[b]):
                continue
            keep, gone = (a, b) if a < b else (b, a)
            for x in groups[gone].members:
                group_of[x] = keep
            groups[keep].absorb(groups.pop(gone))
            merged = True
        if not merged:
            break
    return [sorted(group.members) for group in groups.values()]


def _apart(c: _Collection, a: _Group, group_of: list[int], b: int) -> bool:
    """Whether a member of group ``a`` and one of group ``b`` are two notices of one template."""
    return any(group_of[j] == b for i in a.members for j in c.apart.get(i, ()))


def _joins(c: _Collection, a: _Group, b: _Group) -> bool:
    """Whether two groups are one story: alike as wholes, sharing particulars, close in time.

    Each report of a development has its own angle (one minister's statement,
    another's denial, the police inquiry, the campus's sanctions), so the sums
    of groups that together hold ``group_size`` articles or more are less
    alike than two reports of one statement: they join from ``group_same`` of
    the threshold. The sum of several reports holds what they share, which a
    chain of loose likenesses does not.
    """
    s = c.settings
    if max(a.last, b.last) - min(a.first, b.first) > s.story_span:
        return False
    if _cosine(a.sums[2], b.sums[2]) < s.names:
        return False
    words, grams = _cosine(a.sums[0], b.sums[0]), _cosine(a.sums[1], b.sums[1])
    sim = s.word_share * words + (1 - s.word_share) * grams
    threshold = s.same if a.langs & b.langs else s.same_cross
    if len(a.members) + len(b.members) >= s.group_size:
        threshold *= s.group_same  # several reports, several angles: their sums meet lower
    return sim >= threshold and _linked(c, a, b) >= s.linked


def _linked(c: _Collection, a: _Group, b: _Group) -> float:
    """The share of the pairs across two groups that are alike (``link`` of the threshold).

    A sum of several reports is like more than each report is: it holds the
    words of the whole subject. So a minister's statement on social aid is
    like the sum of a week's reports on one aid payment, through the minister
    and the subject, while like few of those reports one by one. Reports of
    one event are like most of its other reports.
    """
    floor = c.settings.link
    alike = sum(c.pair_affinity(i, j) >= floor for i in a.members for j in b.members)
    return alike / (len(a.members) * len(b.members))


def _story(c: _Collection, members: list[int]) -> Story:
    """A story from its members' indexes (sorted by date and id, so the first is the earliest)."""

    def centrality(i: int) -> float:
        return sum(c.affinity(i, j) for j in members if j != i)

    lead = max(members, key=lambda i: (centrality(i), -i))
    return Story(
        id=c.articles[members[0]].id,
        lead=c.articles[lead].id,
        articles=(c.articles[lead].id, *(c.articles[i].id for i in members if i != lead)),
        first=c.articles[members[0]].date,
        last=c.articles[members[-1]].date,
    )


def _related(c: _Collection, story_of: dict[str, Story]) -> dict[str, tuple[str, ...]]:
    """Per article: the most similar articles of other stories that pass every floor.

    Besides the similarity, a related article must share words beyond names
    (the same subject), particulars (the same specifics) and at least one
    person or organisation, so neither a template nor a prolific name alone
    makes two articles related; two notices of one template are related only when
    they are of one subject (the next forecast for one market, not another
    company's bond issue). One article per other story is shown.
    """
    s = c.settings
    neighbours: dict[int, list[tuple[float, int, str, int]]] = defaultdict(list)
    for (i, j), sim in c.known.items():
        if (
            (j not in c.apart.get(i, ()) or c.one_series(i, j))
            and sim >= (s.related_cross if c.cross(i, j) else s.related)
            and c.topic(i, j) >= s.related_topic
            and _dot(c.names[i], c.names[j]) >= s.related_names
            and c.actors(i, j) >= s.related_actors
        ):
            gap = abs(c.days[i] - c.days[j])
            neighbours[i].append((-sim, gap, c.articles[j].id, j))
            neighbours[j].append((-sim, gap, c.articles[i].id, i))
    related: dict[str, tuple[str, ...]] = {}
    for i, article in enumerate(c.articles):
        seen = {story_of[article.id].id}
        shown: list[str] = []
        for *_, other_id, _j in sorted(neighbours[i]):
            story = story_of[other_id].id
            if story not in seen and len(shown) < s.related_count:
                seen.add(story)
                shown.append(other_id)
        related[article.id] = tuple(shown)
    return related
