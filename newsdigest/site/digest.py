"""Everything the site shows about the whole collection, computed once per build.

Term lists, editions by day and month and the countries and topics covered
together are built here with indexes, so templates only loop over ready lists
(nothing quadratic in templates, nothing recomputed per page). Stories and
related coverage come from ``coverage.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdigest.site.taxonomy import (
    TAXONOMIES,
    Term,
    alias_redirects,
    index_articles,
    story_order,
)

COMPANIONS = 8
OTHERS = ("countries", "topics")  # what companions are counted of
# Edition addresses, formatted with the edition's day (addresses.py keeps articles off them).
DAY_URL = "{:%Y/%m/%d}/"
MONTH_URL = "{:%Y/%m}/"


@dataclass(eq=False)
class Edition:
    """One day's or one month's articles, with the editions before and after it."""

    key: str  # 2023-11-14 or 2023-11
    date: dt.date  # the day, or the first of the month
    articles: list[Any]
    url: str
    previous: Edition | None = None  # the older edition
    next: Edition | None = None  # the newer edition
    stories: list[Any] = field(default_factory=list)  # coverage.edition_stories, set per build


@dataclass
class Digest:
    terms: dict[str, list[tuple[Term, list[Any]]]]
    days: list[Edition]
    months: list[Edition]
    companions: dict[Term, dict[str, list[tuple[Term, int]]]]
    redirects: dict[str, Term]  # a tag alias's slug -> its tag (taxonomy.alias_redirects)


def build_digest(articles: Sequence[Any]) -> Digest:
    """Index ``articles`` (newest first, as Pelican orders them) for every page of the site."""
    ordered = sorted(articles, key=story_order, reverse=True)
    terms = index_articles(ordered)
    return Digest(
        terms=terms,
        days=_editions(ordered, lambda d: d.isoformat(), lambda d: d, DAY_URL),
        months=_editions(ordered, lambda d: f"{d:%Y-%m}", lambda d: d.replace(day=1), MONTH_URL),
        companions=_companions(terms),
        redirects=alias_redirects(terms["tags"]),
    )


def latest_edition(days: Sequence[Edition], today: dt.date) -> Edition | None:
    """The home page's edition: the newest day not after ``today``.

    A post dated in the future (a typo, an embargo) keeps its article and edition
    pages, but a whole site must not open on it and hide today's news.
    """
    return next((edition for edition in days if edition.date <= today), None)


def _editions(
    articles: Sequence[Any],
    key: Callable[[dt.date], str],
    first_day: Callable[[dt.date], dt.date],
    url: str,
) -> list[Edition]:
    """Editions newest first, each linked to the older (previous) and newer (next) one."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        groups[key(article.date.date())].append(article)
    editions = []
    for name in sorted(groups, reverse=True):
        day = groups[name][0].date.date()
        editions.append(Edition(name, first_day(day), groups[name], url.format(day)))
    for newer, older in itertools.pairwise(editions):
        newer.previous, older.next = older, newer
    return editions


def _companions(
    terms: dict[str, list[tuple[Term, list[Any]]]],
) -> dict[Term, dict[str, list[tuple[Term, int]]]]:
    """For each country, topic and tag: the countries and topics most often covered with it.

    Articles with the same countries and topics are counted together: each article's are
    numbered once (terms equal by taxonomy and slug share a number), then each term counts
    its articles' combinations, most first, then by name. A companion is shown as the first
    of its equal terms among the term's own articles (two keys of one slug can be named
    apart; they are ordered by the name of the first seen).
    """
    number: dict[Term, int] = {}
    one: list[Term] = []  # number -> the term
    combination_of: dict[int, tuple[tuple[int, ...], ...]] = {}  # id(article) -> its numbers
    for name in TAXONOMIES:
        for _, listed in terms[name]:
            for article in listed:
                if id(article) not in combination_of:
                    combination_of[id(article)] = tuple(
                        tuple(_numbered(term, number, one) for term in getattr(article, other, ()))
                        for other in OTHERS
                    )
    result: dict[Term, dict[str, list[tuple[Term, int]]]] = {}
    for name in ("countries", "topics", "tags"):
        for term, listed in terms[name]:
            own = number.get(term, -1)
            combinations = Counter(combination_of[id(article)] for article in listed)
            result[term] = {}
            for at, other_name in enumerate(OTHERS):
                counts: Counter[int] = Counter()
                for combination, n in combinations.items():
                    for other in combination[at]:
                        if other != own:
                            counts[other] += n
                top = sorted(counts.items(), key=lambda item: (-item[1], one[item[0]]))
                top = top[:COMPANIONS]
                shown = _first_of(listed, other_name, {k for k, _ in top}, number)
                result[term][other_name] = [(shown[k], count) for k, count in top]
    return result


def _numbered(term: Term, number: dict[Term, int], one: list[Term]) -> int:
    """The number of ``term`` (and of the terms equal to it), given when first seen."""
    n = number.setdefault(term, len(one))
    if n == len(one):
        one.append(term)
    return n


def _first_of(
    listed: Sequence[Any], name: str, wanted: set[int], number: dict[Term, int]
) -> dict[int, Term]:
    """For each of the numbers ``wanted``, its first term among ``listed``'s ``name``."""
    found: dict[int, Term] = {}
    for article in listed:
        if len(found) == len(wanted):
            break
        for term in getattr(article, name, ()):
            n = number[term]
            if n in wanted and n not in found:
                found[n] = term
    return found


__all__ = ["TAXONOMIES", "Digest", "Edition", "build_digest", "latest_edition"]
