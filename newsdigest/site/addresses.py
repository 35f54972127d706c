"""One page per address, and every address inside the output folder.

Article pages are checked as soon as the articles are known, before anything is
written. An article is left out, with an error naming its post, when its page
would lie outside the output folder, replace one of the site's own pages (home,
archives, indexes, search, 404, feeds, an edition, anything under a taxonomy's,
the theme's or the search index's folder) or the page of another article. The
site's pages always win. Of two posts with the same address (the same date and
slug) the one whose file name sorts first keeps it and the other is left out
with an error naming both: which one is published never depends on the order in
which Pelican happens to list the files, and neither replaces the other.

The writer checks again, for every file, just before writing it (incremental.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsdigest.lock import LOCK_NAME
from newsdigest.site.digest import DAY_URL, MONTH_URL
from newsdigest.site.search import FOLDER as SEARCH_FOLDER
from newsdigest.site.state import MANIFEST
from newsdigest.site.taxonomy import TAXONOMIES

logger = logging.getLogger(__name__)

# Pages the DigestGenerator writes besides taxonomies and editions (generator.py).
SEARCH_PAGE = "search/index.html"
NOT_FOUND_PAGE = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
_FEED_SETTINGS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")


def normal(name: str) -> str:
    """A save_as as one spelling: ``a/./b/../c.html`` -> ``a/c.html``."""
    return os.path.normpath(name).replace(os.sep, "/")


def inside(name: str) -> bool:
    """Whether a save_as, relative to the output folder, stays inside it (by its text)."""
    path = normal(name)
    return not os.path.isabs(name) and path != ".." and not path.startswith("../")


def site_pages(settings: Mapping[str, Any], articles: Iterable[Any]) -> set[str]:
    """Every page and file the site writes that is not an article page."""
    pages = {SEARCH_PAGE, NOT_FOUND_PAGE, SITEMAP, ROBOTS, MANIFEST, LOCK_NAME}
    pages |= {f"{name}/index.html" for name in TAXONOMIES}
    for template in settings.get("DIRECT_TEMPLATES", ()):
        pages.add(settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html"))
    pages |= {
        str(settings[key])
        for key in _FEED_SETTINGS
        if settings.get(key) and "{" not in str(settings[key])
    }
    for article in articles:
        day = article.date.date()
        pages |= {f"{DAY_URL.format(day)}index.html", f"{MONTH_URL.format(day)}index.html"}
    return {normal(page) for page in pages if page}


def site_folders(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """Folders whose every file is the site's own: term pages, the theme, the search index."""
    theme = settings.get("THEME_STATIC_DIR", "theme")
    return tuple(f"{name}/" for name in (*TAXONOMIES, theme, SEARCH_FOLDER))


def one_page_per_address(articles: Sequence[Any], settings: Mapping[str, Any]) -> list[Any]:
    """The articles that may be written, in their order; an error is logged for each other."""
    pages, folders = site_pages(settings, articles), site_folders(settings)
    owners: dict[str, Any] = {}
    refused: set[int] = set()
    for article in sorted(articles, key=lambda a: a.source_path):
        page = normal(article.save_as)
        problem = _problem(article.save_as, pages, folders) or _taken(page, owners, settings)
        if problem:
            refused.add(id(article))
            post = post_name(article, settings)
            logger.error("%s: its page %s %s; the post is left out", post, page, problem)
        else:
            owners[page] = article
    return [article for article in articles if id(article) not in refused]


def _problem(save_as: str, pages: set[str], folders: tuple[str, ...]) -> str:
    """What is wrong with an article's address by itself, or ""."""
    page = normal(save_as)
    if not inside(save_as):
        return "would be outside the output folder"
    if page in pages or page.startswith(folders):
        return "would replace one of the site's own pages"
    return ""


def _taken(page: str, owners: Mapping[str, Any], settings: Mapping[str, Any]) -> str:
    """Whose page ``page`` already is, or ""."""
    if page not in owners:
        return ""
    return f"is already the page of {post_name(owners[page], settings)} (same date and slug)"


def post_name(article: Any, settings: Mapping[str, Any]) -> str:
    """The post's file in messages, relative to the content folder as Pelican names it."""
    return os.path.relpath(article.source_path, settings.get("PATH", "."))
