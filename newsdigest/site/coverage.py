"""Stories on the site: the posts grouped by :func:`newsdigest.stories.group_stories`.

``cover`` turns each Pelican article into a :class:`newsdigest.stories.Article`,
groups them (reading each text through a cache kept between builds in an SQLite
file under CACHE_PATH, so a rebuild reads only new and changed posts) and hangs
on each article its story (``article.story``), the story's other articles
(``article.same_story``) and its related coverage (``article.related``, never
of its own story). Stories of two or more articles have a page.
"""

from __future__ import annotations

import html
import json
import logging
import pickle
import re
import sqlite3
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest import stories
from newsdigest.forks import fork_workers
from newsdigest.parse.dateline import find_dateline
from newsdigest.site.cachefiles import load_keyed, save_keyed
from newsdigest.site.incremental import hash_parts, post_stamp
from newsdigest.site.taxonomy import story_order

logger = logging.getLogger(__name__)

STORY_URL = "stories/{}/"
CACHE_NAME = "story-readings.sqlite"
COVERAGE_NAME = "story-coverage.pickle"  # the last grouping, with the posts it was made from
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
    lead = plain_text(first.group(1)) if first else ""
    dateline = find_dateline(lead)
    if dateline is not None and lead.startswith(dateline.text):
        lead = lead[len(dateline.text) :].lstrip(" -–—:")
    return stories.Article(
        id=article.url,
        title=plain_text(article.title),
        lead=lead,
        body=plain_text(content),
        date=article.date.date(),
        lang=getattr(article, "lang", None) or "und",
        people=tuple(getattr(article, "people", ()) or ()),
        organizations=tuple(getattr(article, "organizations", ()) or ()),
        countries=tuple(term.key for term in getattr(article, "countries", ()) or ()),
        source=getattr(article, "source", None),
    )


class _Readings(MutableMapping[str, Any]):
    """Story readings kept between builds in one SQLite file under CACHE_PATH.

    Values are pickled (the cache is the build's own, like Pelican's content cache)
    and read in one query on first use (a rebuild reads nearly all of them); the keys
    read or written in this build are remembered, so ``close`` drops the readings of
    posts removed or changed, and writes it all in one transaction.
    """

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS readings (key TEXT PRIMARY KEY, value BLOB)")
        self.used: set[str] = set()
        self.stored: dict[str, bytes] | None = None

    def __getitem__(self, key: str) -> Any:
        if self.stored is None:
            self.stored = dict(self.db.execute("SELECT key, value FROM readings"))
        blob = self.stored.get(key)
        if blob is None:
            raise KeyError(key)
        try:
            value = pickle.loads(blob)
        except Exception:  # a reading of another version of the code: read the post again
            raise KeyError(key) from None
        self.used.add(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO readings VALUES (?, ?)", (key, blob))
        if self.stored is not None:
            self.stored[key] = blob
        self.used.add(key)

    def __delitem__(self, key: str) -> None:
        self.db.execute("DELETE FROM readings WHERE key = ?", (key,))
        if self.stored is not None:
            self.stored.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self.db.execute("SELECT key FROM readings").fetchall())

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM readings").fetchone()[0])

    def close(self, prune: bool) -> None:
        self.stored = None
        if prune:
            self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
            self.db.execute("DELETE FROM readings WHERE key NOT IN (SELECT key FROM used)")
            self.db.commit()
        self.db.close()


def _group(records: list[stories.Article], cache_path: str | None) -> stories.Coverage:
    """group_stories with its readings kept under ``cache_path`` when the cache opens; the
    texts not read before are read on every core."""
    jobs = fork_workers()
    if not cache_path:
        return stories.group_stories(records, jobs=jobs)
    path = Path(cache_path) / CACHE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        cache = _Readings(path)
    except (OSError, sqlite3.Error) as error:
        logger.warning("story cache %s not used (made anew next build): %s", path, error)
        path.unlink(missing_ok=True)
        return stories.group_stories(records, jobs=jobs)
    try:
        coverage = stories.group_stories(records, cache=cache, jobs=jobs)
    except sqlite3.Error as error:
        logger.warning("story cache %s not used: %s", path, error)
        cache.close(prune=False)
        path.unlink(missing_ok=True)
        return stories.group_stories(records, jobs=jobs)
    try:
        cache.close(prune=True)
    except sqlite3.Error as error:
        logger.warning("story cache %s not saved: %s", path, error)
    return coverage


def _slug(url: str) -> str:
    return _NOT_SLUG.sub("-", url.lower()).strip("-") or "story"


def _posts_key(articles: Sequence[Any], state: str) -> str | None:
    """A hash of what the grouping reads: each post file as it was read (post_stamp), its
    address, and ``state`` (the plugin's code and the settings, incremental.build_state);
    None when a post cannot be looked at."""
    parts = [state]
    try:
        for article in sorted(articles, key=lambda article: article.url):
            parts.append(f"{article.url} {post_stamp(article)}")
    except (OSError, AttributeError, TypeError):
        return None
    return hash_parts(parts)


def _digest(coverage: stories.Coverage) -> str:
    """A hash of a grouping: its stories and related coverage."""
    parts = [f"{story.id} {' '.join(story.articles)}" for story in coverage.stories]
    parts += [f"{url} {' '.join(related)}" for url, related in sorted(coverage.related.items())]
    return hash_parts(parts)


def _coverage(
    articles: Sequence[Any], cache_path: str | None, state: str | None
) -> tuple[stories.Coverage, str | None]:
    """(group_stories of ``articles``, a signature of what stories.json is made from: the
    posts and this grouping); with ``state`` and a cache folder, the last build's grouping
    when the posts are the same ones, unchanged (the grouping reads only them). The
    signature is None without them."""
    key = _posts_key(articles, state) if state and cache_path else None
    path = Path(cache_path) / COVERAGE_NAME if cache_path else None
    if key is not None and path is not None:
        saved = load_keyed(path, key)  # the key read first: the grouping only when it is the same
        if isinstance(saved, tuple) and isinstance(saved[0], stories.Coverage):
            return saved[0], hash_parts([key, saved[1]])
    coverage = _group([_record(article) for article in articles], cache_path)
    if key is None or path is None:
        return coverage, None
    digest = _digest(coverage)
    save_keyed(path, key, (coverage, digest))
    return coverage, hash_parts([key, digest])


def cover(
    articles: Sequence[Any], cache_path: str | None, state: str | None = None
) -> tuple[list[SiteStory], str | None]:
    """Group ``articles`` into stories and attach story and related coverage to each.

    With ``state`` (incremental.build_state) the grouping is kept under ``cache_path``
    and reused while the posts, the code and the settings are unchanged: the same
    grouping, not made again. Returns the stories, newest first as group_stories
    orders them, and a signature of what stories.json shows: the posts, the code, the
    settings and the grouping made of them (None without ``state`` or a cache folder).
    """
    by_id = {article.url: article for article in articles}
    coverage, signature = _coverage(articles, cache_path, state)
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
    return site_stories, signature


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
    # Compact: the C encoder (an indented file takes ten times as long at 20,000 articles).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
