"""Countries, topics and tags as multi-valued taxonomies, all three by one mechanism.

Each taxonomy has an index of all its terms with article counts
(``countries/``) and a page per term listing its articles newest first,
paginated, with an Atom and an RSS feed (``countries/japan/``, ``countries/japan/feed.xml``,
``countries/japan/rss.xml``).

A term's slug is a folder name, so every key goes through a slug rule, whatever a
hand-edited post holds: a country's English name (``JP`` -> ``japan``), a topic or
tag slugified (IPTC slugs stay as they are; ``../../evil`` -> ``evil``). A key with
nothing left to slugify is dropped.

Tags are joined over the whole site (``join_tags``): every spelling of one person or
organisation (``BGN``, ``Badan Gizi Nasional``) is one Term named by the entity, with
the other spellings as its aliases; an alias whose own slug was a tag page's address
keeps that address as a redirect (``alias_redirects``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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
from newsdigest.tags import Entity, TagNames


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

    aliases: tuple[str, ...] = ()  # a tag's other spellings (join_tags)

    def __init__(self, taxonomy: str, key: str, lang: str) -> None:
        spec = TAXONOMIES[taxonomy]
        self.taxonomy = taxonomy
        self.key = key
        self.name = spec.label(key, lang)
        self.slug = spec.slug(key)
        self.url = spec.url(self.slug)
        self.save_as = f"{self.url}index.html"
        self.feed_url = f"{self.url}feed.xml"  # Atom
        self.rss_url = f"{self.url}rss.xml"
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
    file-listing order; two of one day and title have different addresses. Kept on the
    article once its address is settled (``settle_story_order``): lists are sorted by it
    hundreds of thousands of times a build."""
    key = getattr(article, "story_key", None)
    return key if key is not None else (article.date, article.title, article.save_as)


def settle_story_order(articles: Iterable[Any]) -> None:
    """Keep each article's ``story_order`` on it: its date, title and address are final."""
    for article in articles:
        article.story_key = (article.date, article.title, article.save_as)


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


def join_tags(articles: Sequence[Any], lang: str) -> None:
    """Give every article one tag Term per entity, for the whole site (newsdigest.tags).

    The reader makes an article's tags from its own post, before the other posts
    are read; only the whole site ties ``BGN`` in one post to ``Badan Gizi Nasional
    (BGN)`` in another. The reader's Terms stay in ``article.metadata`` (the spellings
    the post uses); ``article.tags`` gets the entity Terms, one object per entity.
    """
    names = TagNames()
    # One order whatever order Pelican lists the files in: the names chosen do not move.
    for article in sorted(articles, key=story_order):
        names.add(
            [term.key for term in article.metadata.get("tags", ())],
            getattr(article, "people", ()),
            getattr(article, "organizations", ()),
        )
    entities = names.resolve()
    joined: dict[int, Term | None] = {}
    for article in articles:
        spellings = article.metadata.get("tags")
        if not spellings:
            continue
        tags = []
        for term in spellings:
            entity = entities.get(term.key)
            if entity is not None:
                if id(entity) not in joined:
                    joined[id(entity)] = _entity_term(entity, lang)
                term = joined[id(entity)] or term  # a name with no slug keeps the spelling's
            tags.append(term)
        article.tags = list(dict.fromkeys(tags))


def _entity_term(entity: Entity, lang: str) -> Term | None:
    """The tag Term of an entity, with its aliases; None if its name has nothing to slugify."""
    term = Term("tags", entity.name, lang)
    if not term.slug:
        return None
    term.aliases = tuple(sorted(entity.aliases, key=lambda alias: (alias.casefold(), alias)))
    return term


def alias_redirects(tags: Sequence[tuple[Term, list[Any]]]) -> dict[str, Term]:
    """Alias slug -> the tag it stands for, for each alias whose slug is not a tag's own page.

    Links to a tag page, once published, keep working after its name joined another
    (``tags/bgn/`` -> ``tags/badan-gizi-nasional/``). A real tag page is never replaced;
    an alias slug two tags share goes to the one listed first (most covered).
    """
    taken = {term.slug for term, _ in tags}
    redirects: dict[str, Term] = {}
    for term, _ in tags:
        for alias in term.aliases:
            slug = term_slug(alias)
            if slug and slug not in taken:
                redirects.setdefault(slug, term)
    return dict(sorted(redirects.items()))


CLOUD_SIZES = 4  # the tag cloud's font sizes (theme/static/css/site.css: .weight-1 to -4)


def tag_cloud(
    tags: Sequence[tuple[Term, list[Any]]],
) -> tuple[list[tuple[Term, list[Any], int]], list[tuple[Term, list[Any]]]]:
    """The tags index: (tags on two or more articles with their size, the rest), by name.

    A tag named once is most of a site's tags, and mostly noise for browsing: the
    page lists them apart. Sizes grow with the logarithm of use, so tags on 3 and on
    30 articles look different when the top one has 300.
    """
    by_name = sorted(tags, key=lambda item: item[0])
    most = max((len(listed) for _, listed in tags), default=2)
    frequent = []
    for term, listed in by_name:
        if len(listed) > 1:
            share = math.log(len(listed) / 2) / math.log(most / 2) if most > 2 else 0
            frequent.append((term, listed, min(CLOUD_SIZES, 1 + int(CLOUD_SIZES * share))))
    return frequent, [(term, listed) for term, listed in by_name if len(listed) == 1]
