"""Countries, topics and tags as multi-valued taxonomies, all three by one mechanism.

Each taxonomy has an index of all its terms with article counts
(``countries/``) and a page per term listing its articles newest first,
paginated, with an Atom feed (``countries/japan/``, ``countries/japan/feed.xml``).

A term's slug is a folder name, so every key goes through a slug rule, whatever a
hand-edited post holds: a country's English name (``JP`` -> ``japan``), a topic or
tag slugified (IPTC slugs stay as they are; ``../../evil`` -> ``evil``). A key with
nothing left to slugify is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from newsdigest.site.labels import (
    check_language,
    country_name,
    country_slug,
    term_slug,
    topic_name,
)


@dataclass(frozen=True)
class Taxonomy:
    """How one taxonomy names and places its terms."""

    name: str  # plural, also the URL folder: countries
    singular: str  # template variable and page kind: country
    label: Callable[[str, str], str]  # (key, site language) -> display name
    slug: Callable[[str], str]

    def url(self, slug: str) -> str:
        return f"{self.name}/{slug}/"


TAXONOMIES = {
    "countries": Taxonomy("countries", "country", country_name, country_slug),
    "topics": Taxonomy("topics", "topic", topic_name, term_slug),
    "tags": Taxonomy("tags", "tag", lambda key, _lang: key, term_slug),
}


@total_ordering
class Term:
    """One country, topic or tag: what templates link to (``term.url``) and show (``term.name``)."""

    def __init__(self, taxonomy: str, key: str, lang: str) -> None:
        spec = TAXONOMIES[taxonomy]
        self.taxonomy = taxonomy
        self.key = key
        self.name = spec.label(key, lang)
        self.slug = spec.slug(key)
        self.url = spec.url(self.slug)
        self.save_as = f"{self.url}index.html"
        self.feed_url = f"{self.url}feed.xml"
        self.flag = flag(key) if taxonomy == "countries" else ""

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Term({self.taxonomy!r}, {self.key!r})"

    def __hash__(self) -> int:
        return hash((self.taxonomy, self.slug))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Term):
            return NotImplemented
        return (self.taxonomy, self.slug) == (other.taxonomy, other.slug)

    def __lt__(self, other: Term) -> bool:
        return (self.name.casefold(), self.slug) < (other.name.casefold(), other.slug)


def flag(code: str) -> str:
    """The flag emoji of an ISO 3166-1 alpha-2 code: JP -> 🇯🇵 (regional indicator letters)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def story_order(article: Any) -> tuple[Any, str, str]:
    """The order of stories everywhere on the site: by date, then title, then address (sort
    it reversed for newest first). Pelican's own order leaves stories of one day in
    file-listing order; two of one day and title have different addresses."""
    return (article.date, article.title, article.save_as)


def make_terms(taxonomy: str, keys: Iterable[str], settings: dict[str, Any]) -> list[Term]:
    """Terms for an article's keys, in the article's order, without repeats."""
    lang = check_language(settings["DEFAULT_LANG"])
    terms = [Term(taxonomy, key, lang) for key in keys]
    return list(dict.fromkeys(term for term in terms if term.slug))


def index_articles(articles: Iterable[Any]) -> dict[str, list[tuple[Term, list[Any]]]]:
    """taxonomy -> [(term, its articles newest first)], most covered terms first."""
    index: dict[str, dict[Term, list[Any]]] = {name: defaultdict(list) for name in TAXONOMIES}
    for article in articles:
        for name in TAXONOMIES:
            for term in getattr(article, name, ()):
                index[name][term].append(article)
    result = {}
    for name, terms in index.items():
        for listed in terms.values():
            listed.sort(key=story_order, reverse=True)
        result[name] = sorted(terms.items(), key=lambda item: (-len(item[1]), item[0]))
    return result
