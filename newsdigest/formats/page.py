"""Saved article pages: the article's text and what the page says about it.

The body is found by readability-lxml (optional extra ``html``), measured against
trafilatura on pages with navigation, "Baca juga" boxes, comments and footers
around a known text (``bench/eval_pages.py``; README: "Inputs"): both keep the
text whole on the long pages, trafilatura keeps a newsletter box under short
wire items and takes twice the time. The
metadata is read from the page's own markup, in this order:

- title: ``og:title``, the first ``<h1>``, ``<title>``;
- date: ``article:published_time`` and the other publication-date meta tags,
  JSON-LD ``datePublished``, the first ``<time datetime>``;
- outlet: ``og:site_name``, JSON-LD ``publisher.name``, ``application-name``;
- address: ``<link rel=canonical>``, ``og:url``;
- language: ``<html lang>``, ``og:locale``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsdigest.formats import (
    PAGE_LIMIT,
    FormatError,
    Item,
    MissingExtra,
    ReadOptions,
    article_text,
)
from newsdigest.formats.given import GivenError, given
from newsdigest.formats.htmltext import html_paragraphs
from newsdigest.parse.decode import DecodeError, decode

_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created",
    "parsely-pub-date", "sailthru.date", "date", "content_publishdate", "dtreviewed",
)  # fmt: skip
ENGINES = ("readability", "trafilatura")


def read_page(data: bytes, options: ReadOptions, engine: str = "readability") -> Item:
    try:
        from lxml import html as lxml_html
    except ImportError:
        raise MissingExtra("HTML pages", "html") from None
    try:
        text = decode(data, PAGE_LIMIT)
    except DecodeError as error:
        raise FormatError(str(error)) from None
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8"))
    except Exception as error:  # lxml's errors have no common base worth naming
        raise FormatError(f"not an HTML page: {error}") from None
    meta = PageMeta(tree)
    title = meta.title()
    if not title:
        raise FormatError("the page has no title (no og:title, <h1> or <title>)")
    paragraphs = page_body(text, engine)
    if paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise FormatError("no article text found in the page")
    try:
        known = given(
            options.reference,
            date=meta.date(),
            source=meta.site(),
            url=meta.url(),
            lang=meta.lang(),
        )
    except GivenError as error:
        return Item(article_text(title, paragraphs), error=str(error))
    return Item(article_text(title, paragraphs), known)


def page_body(page: str, engine: str = "readability") -> list[str]:
    """The paragraphs of the page's main text, found by ``engine``."""
    if engine == "readability":
        try:
            from readability import Document
        except ImportError:
            raise MissingExtra("HTML pages", "html") from None
        return html_paragraphs(Document(page).summary(html_partial=True))
    try:
        import trafilatura  # only to compare engines: pip install 'newsdigest[bench]'
    except ImportError:
        raise MissingExtra("HTML pages with trafilatura", "bench") from None
    extracted = trafilatura.extract(
        page,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    return [" ".join(line.split()) for line in (extracted or "").splitlines() if line.strip()]


def _same(line: str, title: str) -> bool:
    return line.casefold().strip(" .") == title.casefold().strip(" .")


class PageMeta:
    """What a page's markup says about its article."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.meta: dict[str, str] = {}
        for element in tree.iter("meta"):
            name = element.get("property") or element.get("name") or element.get("itemprop")
            content = element.get("content")
            if name and content and name.lower() not in self.meta:
                self.meta[name.lower()] = content.strip()
        self.json_ld = list(_json_ld(tree))

    def title(self) -> str:
        for candidate in (
            self.meta.get("og:title"),
            self._text("//h1"),
            self._text("//title"),
            self._ld("headline"),
        ):
            if candidate and candidate.strip():
                return " ".join(candidate.split())
        return ""

    def date(self) -> str | None:
        for name in _DATE_META:
            if self.meta.get(name):
                return self.meta[name]
        published = self._ld("datePublished")
        if published:
            return published
        for element in self.tree.iter("time"):
            if element.get("datetime"):
                return str(element.get("datetime"))
        return None

    def site(self) -> str | None:
        publisher = self._ld("publisher")
        if isinstance(publisher, dict):
            publisher = publisher.get("name")
        return (
            self.meta.get("og:site_name")
            or (publisher if isinstance(publisher, str) else None)
            or self.meta.get("application-name")
        )

    def url(self) -> str | None:
        for link in self.tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                return str(link.get("href"))
        return self.meta.get("og:url")

    def lang(self) -> str | None:
        lang = self.tree.get("lang") or self.meta.get("og:locale")
        return lang or None

    def _text(self, path: str) -> str | None:
        found = self.tree.xpath(path)
        return found[0].text_content() if found else None

    def _ld(self, key: str) -> Any:
        for item in self.json_ld:
            if key in item and item.get("@type") != "WebSite":
                return item[key]
        return None


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
