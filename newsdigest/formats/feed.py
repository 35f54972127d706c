"""RSS and Atom feeds (feedparser): one article per entry.

An entry gives its title, its content (or its summary when that is all the feed
carries; the longer of the two), its published date (as the entry writes it: the
day in the publisher's own time zone), its link, and its outlet: the entry's own
``<source>`` where an aggregator names one, else the feed's title without its
section ("Kompas.com - Nasional" is Kompas.com). The feed's language is given
for every entry. An entry is known by its id (else its link, else its place).
"""

from __future__ import annotations

import re
import time
from typing import Any

from newsdigest.formats import FormatError, Item, MissingExtra, ReadOptions, article_text
from newsdigest.formats.given import GivenError, given, parse_date
from newsdigest.formats.htmltext import html_paragraphs

# "Outlet - Section", "Outlet | Section", "Outlet: Section", "Outlet — Section".
_SECTION = re.compile(r"\s+[-|:–—»]\s+.*$|:\s+.*$")


def read_feed(data: bytes, options: ReadOptions) -> list[Item]:
    try:
        import feedparser
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingExtra("feeds", "feeds") from None
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FormatError(f"not a readable feed: {parsed.get('bozo_exception')}")
        if "title" not in parsed.get("feed", {}) and parsed.get("version", "") == "":
            raise FormatError("not an RSS or Atom feed")
        return []
    outlet = outlet_name(parsed.feed.get("title", ""))
    lang = parsed.feed.get("language")
    items = []
    for number, entry in enumerate(parsed.entries, start=1):
        items.append(_entry(entry, number, outlet, lang, options))
    return items


def _entry(
    entry: Any, number: int, outlet: str | None, lang: str | None, options: ReadOptions
) -> Item:
    key = str(entry.get("id") or entry.get("link") or f"entry {number}")
    title = " ".join(html_paragraphs(entry.get("title", "")))
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    paragraphs = max((html_paragraphs(b) for b in bodies), key=lambda p: sum(map(len, p)))
    if not title:
        return Item(key=key, error="the entry has no title")
    if not paragraphs:
        return Item(key=key, error="the entry has no content or summary")
    source = entry.get("source", {}).get("title") or outlet
    try:
        known = given(
            options.reference,
            date=_entry_date(entry),
            source=source,
            url=entry.get("link"),
            lang=lang,
        )
    except GivenError as error:
        return Item(key=key, error=str(error))
    return Item(article_text(title, paragraphs), known, key=key)


def _entry_date(entry: Any) -> str | None:
    """The entry's date as written; feedparser's UTC reading when the text is unusual."""
    for name in ("published", "updated", "created"):
        text = entry.get(name)
        if text:
            if parse_date(text) is not None:
                return str(text)
            parsed = entry.get(f"{name}_parsed")
            if parsed is not None:
                return time.strftime("%Y-%m-%d", parsed)
            return str(text)  # unreadable: the entry's error names it
    return None


def outlet_name(title: str) -> str | None:
    """The outlet a feed title names: "detikNews - Berita" -> "detikNews"."""
    name = _SECTION.sub("", " ".join(title.split()))
    return name or None
