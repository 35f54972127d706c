"""Atom and RSS 2.0 feeds of the site and of every country, topic and tag.

Pelican's own feed writer gives every feed the site's address as its id, titles a
term's feed "site - site: term", names the site as every entry's author, lists no
categories and mints entry ids from the host of SITEURL (``tag:None,...`` when it
is empty). Here:

- a feed's id is its own address, an entry's id a tag URI made from the site's
  host, the article's date and its address (``tag:example.org,2023-11-14:/digest/
  2023/11/14/slug/``), the same in every feed that lists it. Without an absolute
  SITEURL (a development build) both are ``urn:uuid:`` names derived from SITENAME
  and the address: valid, stable from build to build, distinct;
- a term's feed is titled "Jepang · newsdigest";
- an entry's author is the article's source (the agency or outlet), the site only
  when the source is unknown; its categories are its countries and topics, with
  their taxonomy page as scheme (Atom) or domain (RSS);
- links are absolute with an absolute SITEURL (publishconf.py), else relative to
  the feed's own address, like every link of the site's pages;
- nothing in a feed depends on the time of the build: the same articles give the
  same bytes (incremental.py skips a feed whose articles did not change).

Article text is data: titles and names are written as XML text, never as markup.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TextIO
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from markupsafe import Markup

ATOM = "atom"
RSS = "rss"
# A feed's "updated" when it lists nothing: a fixed instant, not the time of the build.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
CATEGORY_TAXONOMIES = ("countries", "topics")


def absolute_site_url(settings: Mapping[str, Any]) -> str:
    """SITEURL where it is an absolute http(s) address (publishconf.py), else ""."""
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    return site_url if site_url.startswith(("http://", "https://")) else ""


def feed_title(site_name: str, name: str | None = None) -> str:
    """``newsdigest`` for the site's feed, ``Jepang · newsdigest`` for a term's."""
    return f"{name} · {site_name}" if name else site_name


class Addresses:
    """Links and ids for one feed at ``path`` (relative to the output folder)."""

    def __init__(self, settings: Mapping[str, Any], path: str) -> None:
        self.site_url = absolute_site_url(settings)
        self.site_name = str(settings.get("SITENAME") or "newsdigest")
        self.path = path
        self.folder = posixpath.dirname(path)

    def link(self, target: str) -> str:
        """A link to ``target`` (a site address like ``2023/11/14/slug/``; "" is the home)."""
        if self.site_url:
            return f"{self.site_url}/{target}"
        relative = posixpath.relpath(target or ".", self.folder or ".")
        if target.endswith("/") or not target:
            relative = "./" if relative == "." else f"{relative}/"
        return relative

    def _uuid(self, kind: str, target: str) -> str:
        name = f"newsdigest:{self.site_name}:{kind}:{target}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def feed_id(self) -> str:
        return f"{self.site_url}/{self.path}" if self.site_url else self._uuid("feed", self.path)

    def entry_id(self, target: str, day: dt.date) -> str:
        if not self.site_url:
            return self._uuid("entry", target)
        parts = urlsplit(self.site_url)
        host = (parts.hostname or "").lower()
        return f"tag:{host},{day.isoformat()}:{parts.path}/{target}"


# An article's entry as one feed type writes it, with the site's address and name and the
# article's link as the feed gives it: its key (id(article): Articles live the whole build).
EntryKey = tuple[int, str, str, str, str]
Entries = dict[EntryKey, str]  # rendered entries, kept for one build (an article is in many feeds)


class _StableDates:
    """The feed's date is its newest entry's, or a fixed one when it lists nothing."""

    items: list[dict[str, Any]]

    def latest_post_date(self) -> dt.datetime:
        dates = [
            item[key] for item in self.items for key in ("updateddate", "pubdate") if item[key]
        ]
        return max(dates, default=EPOCH)


def _write_entries(
    feed: DigestAtomFeed | DigestRssFeed, handler: SimplerXMLGenerator, element: str
) -> None:
    """The feed's entries, each written once per build (``feed.entries``): the feeds of
    countries, topics and tags (one depth) link an article alike, and with an absolute
    SITEURL the site's feed does too, so each writes it in the same words."""
    entries = feed.entries if feed.entries is not None else {}
    for item in feed.items:
        text = entries.get(item["entry_key"])
        if text is None:
            single = io.StringIO()  # as the feed's own writer would write it
            writer = SimplerXMLGenerator(single, "utf-8", short_empty_elements=True)
            writer.startElement(element, feed.item_attributes(item))
            feed.add_item_elements(writer, item)
            writer.endElement(element)
            text = entries[item["entry_key"]] = single.getvalue()
        handler.ignorableWhitespace(text)  # written as it is: XML a writer made


class DigestAtomFeed(_StableDates, Atom1Feed):
    """Atom 1.0 with categories that carry a label and scheme and entries their language."""

    entries: Entries | None = None

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        _write_entries(self, handler, "entry")

    def item_attributes(self, item: dict[str, Any]) -> dict[str, str]:
        lang = item.get("lang")
        return {"xml:lang": lang} if lang else {}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for term, label, scheme in item["labelled_categories"]:
            attributes = {"term": term, "label": label}
            if scheme:
                attributes["scheme"] = scheme
            handler.addQuickElement("category", "", attributes)

    def write(self, outfile: TextIO, encoding: str) -> None:
        super().write(outfile, encoding)
        outfile.write("\n")


class DigestRssFeed(_StableDates, Rss201rev2Feed):
    """RSS 2.0 with categories that carry their taxonomy as domain."""

    entries: Entries | None = None

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        _write_entries(self, handler, "item")

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for _term, label, scheme in item["labelled_categories"]:
            handler.addQuickElement("category", label, {"domain": scheme} if scheme else {})

    def write(self, outfile: TextIO, encoding: str) -> None:
        super().write(outfile, encoding)
        outfile.write("\n")


def _categories(article: Any, addresses: Addresses) -> list[tuple[str, str, str]]:
    """(term, label, scheme) of each of the article's countries and topics."""
    found = []
    for taxonomy in CATEGORY_TAXONOMIES:
        # a scheme is an absolute address: none in a development build
        scheme = addresses.link(f"{taxonomy}/") if addresses.site_url else ""
        for term in getattr(article, taxonomy, ()):
            found.append((term.slug, term.name, scheme))
    return found


def _text(value: Any) -> str:
    """Plain text of a value Pelican keeps as HTML (a summary): tags dropped, entities read."""
    return Markup(str(value)).striptags()


def make_feed(
    articles: Iterable[Any],
    settings: Mapping[str, Any],
    path: str,
    feed_type: str = ATOM,
    name: str | None = None,
    entries: Entries | None = None,
) -> DigestAtomFeed | DigestRssFeed:
    """The feed at ``path`` listing ``articles`` (newest first), for a term ``name`` or the site.

    ``entries``: the entries written so far in this build, taken from and added to.
    """
    addresses = Addresses(settings, path)
    lang = str(settings.get("DEFAULT_LANG") or "") or None
    feed_class = DigestRssFeed if feed_type == RSS else DigestAtomFeed
    feed = feed_class(
        title=feed_title(addresses.site_name, name),
        link=addresses.link(""),
        feed_url=addresses.link(path),
        description=str(settings.get("SITESUBTITLE") or addresses.site_name),
        subtitle=settings.get("SITESUBTITLE") or None,
        language=lang,
        feed_guid=addresses.feed_id(),
    )
    feed.entries = entries
    for article in articles:
        published = article.date
        if published.tzinfo is None:
            published = published.replace(tzinfo=dt.UTC)
        link = addresses.link(article.url)  # all an entry takes from where its feed is
        key = (id(article), feed_type, addresses.site_url, addresses.site_name, link)
        if entries is not None and key in entries:  # written: only its date is looked at
            feed.add_item(title="", link=link, description=None, pubdate=published, entry_key=key)
            continue
        summary = _text(getattr(article, "summary", "") or "")
        article_lang = getattr(article, "lang", None)
        feed.add_item(
            title=str(article.title),
            link=link,
            description=summary or None,
            content=article.content if feed_type == ATOM else None,
            unique_id=addresses.entry_id(article.url, published.date()),
            unique_id_is_permalink=False if feed_type == RSS else None,
            author_name=getattr(article, "source", None) or addresses.site_name,
            pubdate=published,
            labelled_categories=_categories(article, addresses),  # feedgenerator's are text
            lang=article_lang if article_lang and article_lang != "und" else None,
            entry_key=key,
        )
    return feed
