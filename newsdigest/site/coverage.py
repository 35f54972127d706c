"""Stories on the site: the posts grouped by :func:`newsdigest.stories.group_stories`.

``cover`` turns each Pelican article into a :class:`newsdigest.stories.Article`,
groups them (reading each text through a cache kept between builds under
CACHE_PATH, so a rebuild reads only new and changed posts) and hangs on each
article its story (``article.story``), the story's other articles
(``article.same_story``) and its related coverage (``article.related``, never
of its own story). Stories of two or more articles have a page.
"""

from __future__ import annotations

import dbm
import html
import json
import logging
import re
import shelve
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest import stories
from newsdigest.site.taxonomy import story_order

logger = logging.getLogger(__name__)

STORY_URL = "stories/{}/"
CACHE_NAME = "story-readings"
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(eq=False)
class SiteStory:
    """One story as pages show it: its articles (the lead first, then by date), its sources."""

    id: str  # the url of its earliest article: kept when follow-ups join
    lead: Any
    articles: list[Any]
    first: Any  # datetime.date of the earliest article
    last: Any  # and of the latest
    sources: list[str] = field(default_factory=list)  # distinct, in the articles' order
    url: str | None = None  # stories of two or more articles have a page
    save_as: str | None = None

    @property
    def size(self) -> int:
        return len(self.articles)

    def rank(self) -> tuple[Any, ...]:
        """Home and edition order: most sources, then most recent, then most articles."""
        return (-len(self.sources), -self.last.toordinal(), -self.size, self.lead.title, self.id)


def plain_text(markup: str) -> str:
    """Text of rendered HTML: tags dropped, entities decoded, spaces joined."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _record(article: Any) -> stories.Article:
    content = getattr(article, "_content", "") or ""
    first = _PARAGRAPH.search(content)
    return stories.Article(
        id=article.url,
        title=plain_text(article.title),
        lead=plain_text(first.group(1)) if first else "",
        body=plain_text(content),
        date=article.date.date(),
        lang=getattr(article, "lang", None) or "und",
        people=tuple(getattr(article, "people", ()) or ()),
        organizations=tuple(getattr(article, "organizations", ()) or ()),
        countries=tuple(term.key for term in getattr(article, "countries", ()) or ()),
        source=getattr(article, "source", None),
    )


class _Used(MutableMapping[str, Any]):
    """A mapping that remembers the keys read or written, so the rest can be dropped."""

    def __init__(self, store: MutableMapping[str, Any]) -> None:
        self.store = store
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        value = self.store[key]
        self.used.add(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self.store[key] = value
        self.used.add(key)

    def __delitem__(self, key: str) -> None:
        del self.store[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


def _group(records: list[stories.Article], cache_path: str | None) -> stories.Coverage:
    """group_stories with its readings kept in a shelf under ``cache_path`` when it opens."""
    if not cache_path:
        return stories.group_stories(records)
    path = Path(cache_path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        shelf = shelve.open(str(path / CACHE_NAME))  # noqa: SIM115 (closed below)
    except (OSError, dbm.error) as error:
        logger.warning("story cache %s not used: %s", path / CACHE_NAME, error)
        return stories.group_stories(records)
    try:
        cache = _Used(shelf)
        coverage = stories.group_stories(records, cache=cache)
        for key in [key for key in shelf if key not in cache.used]:
            del shelf[key]  # readings of posts removed or changed
        return coverage
    finally:
        shelf.close()


def _slug(url: str) -> str:
    return _NOT_SLUG.sub("-", url.lower()).strip("-") or "story"


def cover(articles: Sequence[Any], cache_path: str | None) -> list[SiteStory]:
    """Group ``articles`` into stories and attach story and related coverage to each.

    Returns the stories, newest first as group_stories orders them.
    """
    by_id = {article.url: article for article in articles}
    coverage = _group([_record(article) for article in articles], cache_path)
    site_stories = []
    for story in coverage.stories:
        members = [by_id[i] for i in story.articles]
        lead, rest = members[0], sorted(members[1:], key=story_order)
        listed = [lead, *rest]
        sources: list[str] = []
        for article in listed:
            source = getattr(article, "source", None)
            if source and source not in sources:
                sources.append(source)
        site_story = SiteStory(story.id, lead, listed, story.first, story.last, sources)
        if len(listed) > 1:
            site_story.url = STORY_URL.format(_slug(story.id))
            site_story.save_as = f"{site_story.url}index.html"
        site_stories.append(site_story)
        for article in listed:
            article.story = site_story
            article.same_story = [other for other in listed if other is not article]
    for article in articles:
        article.related = [by_id[i] for i in coverage.related.get(article.url, ())]
    return site_stories


def ranked(site_stories: Sequence[SiteStory]) -> list[SiteStory]:
    return sorted(site_stories, key=SiteStory.rank)


def edition_stories(edition_articles: Sequence[Any]) -> list[SiteStory]:
    """The stories with an article in an edition, in home order."""
    seen: dict[int, SiteStory] = {}
    for article in edition_articles:
        story = getattr(article, "story", None)
        if story is not None:
            seen.setdefault(id(story), story)
    return ranked(list(seen.values()))


STORIES_JSON = "stories.json"


def _entry(article: Any) -> dict[str, Any]:
    return {
        "url": article.url,
        "input": getattr(article, "input", None),
        "title": plain_text(article.title),
        "source": getattr(article, "source", None),
        "lang": getattr(article, "lang", None),
        "date": article.date.date().isoformat(),
    }


def stories_json(site_stories: Sequence[SiteStory], articles: Sequence[Any]) -> str:
    """The machine-readable digest: every story (singletons too) and every article's related
    coverage, newest story first, articles in the order pages show them."""
    data = {
        "stories": [
            {
                "id": story.id,
                "title": plain_text(story.lead.title),
                "date": story.last.isoformat(),
                "articles": [_entry(article) for article in story.articles],
            }
            for story in site_stories
        ],
        "related": {
            article.url: [other.url for other in getattr(article, "related", ())]
            for article in sorted(articles, key=story_order, reverse=True)
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
