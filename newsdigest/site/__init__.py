"""Stage 4: the Pelican plugin that turns posts into the digest site.

Enable it with ``PLUGINS = ["newsdigest.site"]``: it reads posts with one
markdown-it-py parser, adds countries, topics and tags as taxonomies, gives
templates the UI strings of the site's language, and brings the search index up
to date after every build (``newsdigest serve``'s rebuilds too). Every page's
address is checked before anything is written (addresses.py, incremental.py).
Feeds: feeds.py; sharing metadata and the theme's links: sharing.py (settings
FEED_RSS and INDEX_HTML_LINKS, with the others, in defaults.py).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, CachingGenerator

from newsdigest.site.addresses import one_page_per_address
from newsdigest.site.feeds import absolute_site_url
from newsdigest.site.fragments import card, story_fragment
from newsdigest.site.garbage import read_done
from newsdigest.site.generator import DigestGenerator
from newsdigest.site.incremental import IncrementalWriter
from newsdigest.site.kept import keep_articles
from newsdigest.site.labels import check_language, date_formatter, ui_strings
from newsdigest.site.readable import forget_modes, keep_modes, make_readable, modes_kept
from newsdigest.site.reader import PostReader, reading_state
from newsdigest.site.search import FOLDER as SEARCH_FOLDER
from newsdigest.site.search import STATE as SEARCH_STATE
from newsdigest.site.search import (
    UI_FILES,
    SearchIndexError,
    by_date,
    index_search,
    plan_bundles,
    started_indexing,
)
from newsdigest.site.sharing import canonical_path, link_maker, news_article_maker, og_locale
from newsdigest.site.state import MANIFEST, read_manifest
from newsdigest.site.taxonomy import settle_story_order, story_order

logger = logging.getLogger(__name__)

CACHE_PREFIX = "posts-"


def _add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = PostReader


def _forget_python_markdown(generator: Any) -> None:
    """Our reader handles .md; Pelican would warn that Python-Markdown is not installed."""
    generator.readers.disabled_readers.pop("md", None)


def _cache_articles(generator: Any) -> None:
    """Articles are kept between builds by the articles' generator (kept.py; CACHE_CONTENT
    on); the pages' generator reads its few pages anew (Pelican would pickle them with the
    settings), and so does every generator with CACHE_CONTENT off."""
    if isinstance(generator, ArticlesGenerator) and generator.settings.get("CACHE_CONTENT"):
        keep_articles(generator)
    elif isinstance(generator, CachingGenerator):
        generator.get_cached_data = lambda _filename, default=None: default
        generator.cache_data = lambda _filename, _data: None
        generator.save_cache = lambda: None


def _check_settings(pelican: Any) -> None:
    """Fail at start-up, with the setting's name, rather than half-way through a build."""
    settings = pelican.settings
    lang = check_language(settings["DEFAULT_LANG"])
    site_address = absolute_site_url(settings)
    settings.setdefault("JINJA_GLOBALS", {}).update(
        ui=ui_strings(lang),
        site_address=site_address,
        news_article=news_article_maker(settings, site_address),
        card=card,  # fragments rendered once per build (fragments.py)
        story_fragment=story_fragment,
    )
    settings.setdefault("JINJA_FILTERS", {}).update(
        format_date=date_formatter(lang),
        page_url=link_maker(bool(settings.get("INDEX_HTML_LINKS"))),
        canonical_path=canonical_path,
        og_locale=og_locale,
    )
    _key_content_cache(settings)
    output = Path(settings["OUTPUT_PATH"])
    pelican.newsdigest_modes_kept = modes_kept(output)  # read before it is forgotten
    forget_modes(output)


def _key_content_cache(settings: dict[str, Any]) -> None:
    """Keep read posts (kept.py) in a cache folder of their own per plugin code, libraries
    and reading settings (reader.reading_state).

    Posts are read into terms named in the site's language and into addresses made
    from the URL settings; after a change to either, the old cache must not be used.
    Builds with other settings (publishconf.py, another output folder) share the folder.
    """
    base = Path(settings["CACHE_PATH"])
    current = f"{CACHE_PREFIX}{reading_state(settings)}"
    if base.is_dir():
        for old in base.glob(f"{CACHE_PREFIX}*"):
            if old.name != current:
                shutil.rmtree(old, ignore_errors=True)
    settings["CACHE_PATH"] = str(base / current)


def _get_generators(_pelican: Any) -> type:
    return DigestGenerator


def _get_writer(_pelican: Any) -> type:
    return IncrementalWriter


def _settle_articles(generator: Any) -> None:
    """Once Pelican has read the posts, before any page is written: one page per address
    (addresses.py), Pelican's own taxonomies dropped, one story order."""
    settled = one_page_per_address(generator.articles, generator.settings)
    settle_story_order(settled)
    kept = {id(article) for article in settled}
    # Pelican orders by date only, over files it lists as a set: stories of the same day
    # would change places between builds (feeds, archives).
    for listed in (generator.articles, generator.dates):
        listed[:] = sorted((a for a in listed if id(a) in kept), key=story_order, reverse=True)
    _drop_pelican_taxonomies(generator)


def _drop_pelican_taxonomies(generator: Any) -> None:
    """Tags are one of our taxonomies; Pelican's own tag, author and category pages are off.

    Pelican would still list each author's and category's articles, in time quadratic
    in their number (every post has the same author and category here).
    """
    generator.tags.clear()
    generator.authors.clear()
    generator.categories.clear()


def _after_build(pelican: Any) -> None:
    """After every build, ``newsdigest serve``'s rebuilds included: the search bundles, then
    the modes of everything the build made (readable.py)."""
    output = Path(pelican.output_path)
    manifest = read_manifest(output / MANIFEST)
    started = started_indexing(output)  # by the generator, once the article pages were written
    stale: list[str] = []
    try:
        if started is not None:
            stale = started.finish()
        else:
            stale = index_search(output, manifest.get("signatures", {}), by_date(pelican.settings))
    except SearchIndexError as error:
        logger.error("search index: %s", error)  # counted: the build exits with status 1
        signatures = manifest.get("signatures", {})
        stale = list(plan_bundles(signatures, by_date(pelican.settings)))  # look at them all
    theme = pelican.settings["THEME_STATIC_DIR"]
    if getattr(pelican, "newsdigest_modes_kept", False):
        # every file this build did not write is as the last build left it
        bundles = [f"{SEARCH_FOLDER}/{name}" for name in stale]
        search_files = [f"{SEARCH_FOLDER}/{name}" for name in (*UI_FILES, SEARCH_STATE)]
        make_readable(output, [*manifest.get("written", []), *search_files], (theme, *bundles))
    else:
        make_readable(output, manifest.get("files", []), (SEARCH_FOLDER, theme))
    keep_modes(output)
    pelican.newsdigest_modes_kept = True  # for serve's next build, in this process (this umask)


def register() -> None:
    signals.initialized.connect(_check_settings)
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_forget_python_markdown)
    signals.generator_init.connect(_cache_articles)
    signals.get_generators.connect(_get_generators)
    signals.get_writer.connect(_get_writer)
    signals.article_generator_finalized.connect(_settle_articles)
    signals.all_generators_finalized.connect(read_done)
    signals.finalized.connect(_after_build)
