"""Countries, topics and tags as multi-valued taxonomies, all three by one mechanism.

Each taxonomy gets an index of all its terms with article counts
(``countries/``) and a page per term listing its articles newest first,
paginated, with an Atom feed (``countries/japan/``, ``countries/japan/feed.xml``).
The term lists are computed once per build and put in the template context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from pelican.generators import Generator

from newsdigest.site.labels import check_language, country_name, country_slug, topic_name
from newsdigest.slugs import slug_for


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
    "topics": Taxonomy("topics", "topic", topic_name, lambda key: key),
    "tags": Taxonomy("tags", "tag", lambda key, _lang: key, slug_for),
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
            listed.sort(key=lambda a: (a.date, a.title), reverse=True)
        result[name] = sorted(terms.items(), key=lambda item: (-len(item[1]), item[0]))
    return result


def group_by_day(articles: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """[(day, its articles)], newest day first; articles keep their order (newest first)."""
    days: dict[Any, list[Any]] = defaultdict(list)
    for article in articles:
        days[article.date.date()].append(article)
    return sorted(days.items(), key=lambda item: item[0], reverse=True)


class TaxonomyGenerator(Generator):
    """Writes the index and term pages and feeds of every taxonomy."""

    def generate_context(self) -> None:
        self.index = index_articles(self.context.get("articles", ()))
        # Replaces Pelican's own tag list: tags here are Terms like countries and topics.
        self.context.update(self.index)
        self.context["taxonomies"] = TAXONOMIES
        self.context["days"] = group_by_day(self.context.get("articles", ()))

    def generate_output(self, writer: Any) -> None:
        relative = self.settings["RELATIVE_URLS"]
        for name, terms in self.index.items():
            spec = TAXONOMIES[name]
            writer.write_file(
                f"{name}/index.html",
                self.get_template("taxonomy"),
                self.context,
                relative,
                taxonomy=spec,
                terms=terms,
                page_name=f"{name}/index",
                url=f"{name}/",
            )
            for term, articles in terms:
                writer.write_file(
                    term.save_as,
                    self.get_template("term"),
                    self.context,
                    relative,
                    paginated={"articles": articles},
                    template_name="term",
                    url=term.url,
                    taxonomy=spec,
                    term=term,
                    articles=articles,
                    page_name=term.save_as,
                )
                if self.settings.get("FEED_ATOM") is not None:
                    writer.write_feed(
                        articles[: self.settings["FEED_MAX_ITEMS"] or None],
                        self.context,
                        term.feed_url,
                        term.feed_url,
                        feed_title=f"{self.settings['SITENAME']}: {term.name}",
                    )
