"""The pages newsdigest adds to Pelican's: taxonomies, editions, search, 404, sitemap, robots.

``generate_context`` builds the Digest and the stories once and hangs what each
article page needs on the article (its story, related coverage, older and
newer); ``generate_output`` writes the pages, each step one call.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from pelican.generators import Generator

from newsdigest.site.addresses import NOT_FOUND_PAGE, ROBOTS, SEARCH_PAGE, SITEMAP, post_name
from newsdigest.site.coverage import STORIES_JSON, cover, edition_stories, stories_json
from newsdigest.site.digest import Digest, build_digest, latest_edition
from newsdigest.site.feeds import absolute_site_url
from newsdigest.site.fragments import start_build
from newsdigest.site.incremental import IncrementalWriter, build_state
from newsdigest.site.labels import ui_strings
from newsdigest.site.pagination import term_pages
from newsdigest.site.search import (
    bundle_languages,
    by_date,
    is_article_page,
    plan_bundles,
    start_indexing,
)
from newsdigest.site.sharing import page_lang
from newsdigest.site.taxonomy import TAXONOMIES, join_tags, story_order, tag_cloud
from newsdigest.site.worldmap import render_world_map
from newsdigest.write.files import write_atomic

logger = logging.getLogger(__name__)


def _warn_about_future_dates(articles: list[Any], today: dt.date, settings: Any) -> None:
    """Name each post dated after the day of the build: it is not the home page's edition."""
    for article in articles:
        if article.date.date() > today:
            logger.warning(
                "%s: dated %s, after today (%s): it has its page, but the home page "
                "opens on the newest edition up to today",
                post_name(article, settings),
                article.date.date().isoformat(),
                today.isoformat(),
            )


class DigestGenerator(Generator):
    """Writes every page that is about more than one article."""

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        join_tags(articles, self.settings["DEFAULT_LANG"])  # before anything lists the tags
        # Before any page is written (Pelican writes article pages first): cards rendered once.
        state = build_state(self.settings)
        self.fragments = start_build(state, self.settings.get("CACHE_PATH"))
        self.digest: Digest = build_digest(articles)
        self.stories, self.stories_signature = cover(
            articles, self.settings.get("CACHE_PATH"), state
        )
        for edition in (*self.digest.days, *self.digest.months):
            edition.stories = edition_stories(edition.articles)
        for article in articles:
            # Pages link to an article often; where the reader could not make its address
            # (URL settings it does not know), Pelican would format it on every use.
            article.href = article.url
        ordered = sorted(articles, key=story_order)
        for older, newer in itertools.pairwise(ordered):
            older.newer, newer.older = newer, older
        today = dt.date.today()
        _warn_about_future_dates(articles, today, self.settings)
        latest = latest_edition(self.digest.days, today)
        # Tags here are Terms like countries and topics (Pelican's own tag list is replaced).
        self.context.update(self.digest.terms)
        self.context.update(
            taxonomies=TAXONOMIES,
            digest=self.digest,
            days=self.digest.days,
            months=self.digest.months,
            latest=latest,
            earlier_editions=[d for d in self.digest.days if latest and d.date < latest.date],
        )

    def generate_output(self, writer: Any) -> None:
        if isinstance(writer, IncrementalWriter):
            writer.render_deferred()  # Pelican has asked for every article page
        if isinstance(writer, IncrementalWriter) and by_date(self.settings):
            # Pelican has written every article page: Pagefind indexes them in processes of
            # its own while the pages below are rendered (search.py; finalized waits for it).
            writer.remove_gone(is_article_page)
            start_indexing(Path(self.output_path), dict(writer.current), dated=True)
        self._write_taxonomies(writer)
        self._write_tag_redirects(writer)
        self._write_editions(writer)
        self._write_stories(writer)
        articles = self.context.get("articles", [])
        bundles = plan_bundles((a.save_as for a in articles), by_date(self.settings))
        lang = self.settings["DEFAULT_LANG"]
        langs = {a.save_as: page_lang(a, lang) for a in articles}
        self._page(
            writer,
            "search",
            SEARCH_PAGE,
            search_bundles=list(bundles),
            bundle_languages=bundle_languages(bundles, langs, lang),
        )
        # Hosts answer any missing address with 404.html, at any depth: relative links
        # would point nowhere. With an absolute SITEURL (publishconf.py) its links are absolute.
        self._page(writer, "404", NOT_FOUND_PAGE, relative_urls=not self._absolute_site_url())
        self._write_sitemap_and_robots()
        if isinstance(writer, IncrementalWriter):
            writer.write_data(
                STORIES_JSON, self.stories_signature, lambda: stories_json(self.stories, articles)
            )
            # the last HTML is written: drop pages the site no longer has
            writer.finish()
        else:
            write_atomic(
                Path(self.output_path) / STORIES_JSON, stories_json(self.stories, articles)
            )
        self.fragments.save()

    def _page(
        self,
        writer: Any,
        template: str,
        save_as: str,
        relative_urls: bool | None = None,
        **extra: Any,
    ) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            self.settings["RELATIVE_URLS"] if relative_urls is None else relative_urls,
            page_name=save_as.removesuffix(".html"),
            url=save_as.removesuffix("index.html"),
            **extra,
        )

    def _write_taxonomies(self, writer: Any) -> None:
        for name, terms in self.digest.terms.items():
            spec = TAXONOMIES[name]
            extra: dict[str, Any] = {"taxonomy": spec, "terms": terms}
            if name == "countries":
                extra["world_map"] = self._world_map(terms)
            if name == "tags":
                extra["frequent"], extra["rare"] = tag_cloud(terms)
            self._page(writer, "taxonomy", f"{name}/index.html", **extra)
            for term, articles in terms:
                # Numbered from the oldest (pagination.py): a full page is written once.
                for page in term_pages(term.save_as, term.url, articles, self.settings):
                    front = page.is_front
                    writer.write_file(
                        page.save_as,
                        self.get_template("term"),
                        self.context,
                        self.settings["RELATIVE_URLS"],
                        url=page.url,
                        page_name=page.save_as,
                        taxonomy=spec,
                        term=term,
                        articles=page.object_list,
                        articles_page=page,
                        count=len(articles) if front else None,
                        companions=self.digest.companions.get(term, {}) if front else None,
                    )
                for setting, path, kind in (
                    ("FEED_ATOM", term.feed_url, "atom"),
                    ("FEED_RSS", term.rss_url, "rss"),
                ):
                    if self.settings.get(setting):
                        writer.write_feed(
                            articles[: self.settings.get("FEED_MAX_ITEMS") or None],
                            self.context,
                            path,
                            path,
                            feed_type=kind,
                            feed_title=term.name,
                        )

    def _write_tag_redirects(self, writer: Any) -> None:
        """A page at each alias slug of a tag, sending readers and links to the tag's page.

        Written after the tag pages, at addresses that are no tag's own; the writer's
        manifest records them, so a redirect no longer needed is removed.
        """
        spec = TAXONOMIES["tags"]
        for slug, term in self.digest.redirects.items():
            self._page(writer, "redirect", spec.url(slug) + "index.html", taxonomy=spec, term=term)

    def _world_map(self, terms: list[tuple[Any, list[Any]]]) -> Any:
        ui = ui_strings(self.settings["DEFAULT_LANG"])
        counts = {term.key: len(listed) for term, listed in terms}
        return render_world_map(
            counts,
            urls={term.key: term.slug + "/index.html" for term, _ in terms},
            labels={
                term.key: f"{term.name}: {len(listed)} {ui['articles']}" for term, listed in terms
            },
            title=ui["world_map"],
            description=ui["world_map_description"],
            cache_path=self.settings.get("CACHE_PATH"),
        )

    def _write_editions(self, writer: Any) -> None:
        for kind, editions in (("day", self.digest.days), ("month", self.digest.months)):
            for edition in editions:
                self._page(
                    writer, "edition", f"{edition.url}index.html", edition=edition, kind=kind
                )

    def _write_stories(self, writer: Any) -> None:
        """A page for each story of two or more articles: all its articles, sources, dates."""
        for story in self.stories:
            if story.save_as:
                self._page(writer, "story", story.save_as, story=story)

    def _absolute_site_url(self) -> str:
        """SITEURL where it is an absolute address (publishconf.py), else ""."""
        return absolute_site_url(self.settings)

    def _write_sitemap_and_robots(self) -> None:
        """sitemap.xml needs absolute addresses: written when SITEURL is one (publishconf.py).

        Each address with its ``<lastmod>``: the date of the newest article the page shows
        (the articles' dates, not the time of the build: the same posts give the same file).
        """
        site_url = self._absolute_site_url()
        output = Path(self.output_path)
        lines = ["User-agent: *", "Allow: /"]
        if site_url:
            articles = self.context.get("articles", [])
            newest = _newest(articles)
            pages: list[tuple[str, dt.date | None]] = [("", newest)]
            pages += [(a.href, a.date.date()) for a in articles]
            pages += [(f"{name}/", newest) for name in self.digest.terms]
            pages += [  # a term's front page, then its numbered pages (pagination.py)
                (page.url, _newest(page.object_list) if page.number else _newest(listed))
                for terms in self.digest.terms.values()
                for t, listed in terms
                for page in term_pages(t.save_as, t.url, listed, self.settings)
            ]
            pages += [
                (e.url, _newest(e.articles)) for e in (*self.digest.days, *self.digest.months)
            ]
            pages += [(story.url, story.last) for story in self.stories if story.url]
            entries = "".join(
                f"<url><loc>{xml_escape(f'{site_url}/{url}')}</loc>"
                + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "")
                + "</url>\n"
                for url, day in pages
            )
            write_atomic(
                output / SITEMAP,
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{entries}</urlset>\n",
            )
            lines.append(f"Sitemap: {site_url}/{SITEMAP}")
        write_atomic(output / ROBOTS, "\n".join(lines) + "\n")


def _newest(articles: Sequence[Any]) -> dt.date | None:
    """The date of the newest of ``articles``, or None."""
    return max((a.date.date() for a in articles), default=None)
