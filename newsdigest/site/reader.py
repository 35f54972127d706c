"""A Pelican reader for newsdigest posts, rendering Markdown with one markdown-it-py parser.

Only the header fields newsdigest writes are read; any other ``Key: value``
line (``Status:``, ``Template:``, ``Save_as:``) is ignored, so a post can never
steer where or how Pelican writes it. Raw HTML in the body is not rendered.

Every value that becomes part of a path is checked here, once: a ``Slug:`` must
already be a slug and a ``Lang:`` a language code, or the post is refused with
an error naming the field (an address is public: it is not silently changed
into another one), and a ``URL:`` must be an http(s) address (no ``javascript:``
link reaches a page); the date is written as digits; countries, topics and tags
are slugified by their taxonomy. Characters that XML forbids (controls, U+FFFE,
U+FFFF, lone surrogates) are dropped from the whole post before it is read, so
no title, name, summary or body can make a feed unreadable.
"""

from __future__ import annotations

import html
import os
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import ClassVar

from markdown_it import MarkdownIt
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

import newsdigest
from newsdigest.formats.given import given_url
from newsdigest.post import POST_FIELDS, read_header
from newsdigest.site.incremental import STAMP, hash_parts, stamp_of, tree_hash
from newsdigest.site.taxonomy import make_terms
from newsdigest.slugs import slug_for

_FIELDS = {name.lower(): separator for name, separator in POST_FIELDS.items()}
# What a parsed post depends on besides the post and this package's code.
READ_SETTINGS = (
    "DEFAULT_LANG", "ARTICLE_URL", "ARTICLE_SAVE_AS", "ARTICLE_LANG_URL", "ARTICLE_LANG_SAVE_AS",
)  # fmt: skip
# One parser for the whole build: CommonMark with raw HTML off, links validated
# (markdown-it refuses javascript:, vbscript:, file: and data: other than images).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# What XML 1.0 does not allow in a document (C0 controls but tab, newline and carriage
# return; DEL and the C1 controls, which no text means; U+FFFE, U+FFFF; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# ingest's slugs (newsdigest.slugs): lower-case ASCII words joined by single hyphens.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 120  # slug_for's 80 and a "-2"-style suffix, well under a file name's 255
_LANG = re.compile(r"[a-z]{2,3}")  # ISO 639-1, or "und"
REQUIRED = ("title", "date")


class PostError(ValueError):
    """A post that cannot be built; the message names the field and why (Pelican names the file)."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


def read_post_text(path: Path) -> str:
    """A post's text: UTF-8, with or without a byte-order mark, any line ends, XML-invalid
    characters dropped.

    Surrogates encoded as UTF-8 (some tools write them) are decoded and dropped like
    the rest, rather than refusing the whole post.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig", errors="surrogatepass")
    except UnicodeDecodeError as error:
        raise PostError(f"not UTF-8 text (byte {error.start}); save the post as UTF-8") from None
    return xml_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def split_post(text: str) -> tuple[dict[str, str], str]:
    """(header fields newsdigest knows, body) of a post file."""
    fields, body = read_header(text)
    return {name: value for name, value in fields.items() if name in _FIELDS}, body


def check_fields(fields: dict[str, str]) -> None:
    """Refuse a post without a header, without a title or date, or with an unsafe address."""
    if not fields:
        raise PostError("no header: a post starts with lines like 'Title: ...' and 'Date: ...'")
    for name in REQUIRED:
        if not fields.get(name):
            raise PostError(f"no '{name.title()}:' line in the header")
    slug = fields.get("slug")
    if slug is not None and not (_SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG_LENGTH):
        raise PostError(
            f"Slug: {slug!r} is not a slug (lower-case letters, digits and single hyphens, "
            f"at most {MAX_SLUG_LENGTH} characters); for example {slug_for(slug)!r}"
        )
    lang = fields.get("lang")
    if lang is not None and not _LANG.fullmatch(lang):
        raise PostError(f"Lang: {lang!r} is not a language code (like 'id', 'en' or 'und')")
    url = fields.get("url")
    if url is not None and given_url(url) is None:
        raise PostError(f"URL: {url!r} is not an http(s) address (like https://example.com/a)")


# The libraries a post is read with: its HTML, its links' checks, its terms' names and slugs.
READ_WITH = ("pelican", "markdown-it-py", "mdurl", "babel", "python-slugify")


def reading_state(settings: dict[str, object]) -> str:
    """A short hash of what a read post depends on: this package's code, the versions of
    the libraries it is read with (READ_WITH) and READ_SETTINGS. Posts read under another
    are read again (the kept Articles live in a cache folder named by it)."""
    code = tree_hash((os.path.dirname(newsdigest.__file__),))
    libraries = [f"{name} {_version(name)}" for name in READ_WITH]
    settings_read = [repr(settings.get(name)) for name in READ_SETTINGS]
    return hash_parts([code, *libraries, *settings_read])[:16]


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "-"


class PostReader(BaseReader):
    """Reads ``.md`` posts written by ``newsdigest ingest`` (or edited by hand).

    A post that cannot be built raises PostError: Pelican logs it with the file's
    name, leaves the post out and builds the rest (and does not cache it, so every
    build reports it again until it is fixed).
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, object]]:
        stamp = stamp_of(source_path)  # before the text: a later edit is the next build's
        fields, body = split_post(read_post_text(Path(source_path)))
        check_fields(fields)
        fields.setdefault("slug", slug_for(fields["title"]))  # as ingest would name it
        metadata: dict[str, object] = {}
        for name, value in fields.items():
            if name == "url":  # Pelican's own `url` is the article's address on the site
                metadata["source_url"] = value
                continue
            separator = _FIELDS[name]
            if separator is None:
                metadata[name] = self._single(name, value)
            else:
                items = [v.strip() for v in value.split(separator.strip()) if v.strip()]
                metadata[name] = self._list(name, items)
        date = self._date(fields["date"])
        metadata["date"] = date
        # For ARTICLE_URL: formatting {date:%Y} per URL lookup costs more than the page.
        metadata["datepath"] = f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
        metadata.update(self._addresses(metadata))
        metadata[STAMP] = stamp
        return _MARKDOWN.render(body), metadata

    def _addresses(self, metadata: dict[str, object]) -> dict[str, str]:
        """The article's url and save_as, made once here.

        Pelican would format them from the settings on every use (several times per
        page, per link and per check). Settings that need what only Pelican knows
        ({category}, {author}, {path}) are left to Pelican.
        """
        lang = metadata.get("lang", self.settings["DEFAULT_LANG"])
        prefix = "ARTICLE_" if lang == self.settings["DEFAULT_LANG"] else "ARTICLE_LANG_"
        fields = {**metadata, "lang": lang}
        try:
            return {
                "url": str(self.settings[f"{prefix}URL"]).format(**fields),
                "save_as": str(self.settings[f"{prefix}SAVE_AS"]).format(**fields),
            }
        except (KeyError, IndexError, AttributeError, ValueError):
            return {}

    def _date(self, value: str) -> SafeDatetime:
        try:  # the form ingest writes; Pelican's own parser is far slower
            return SafeDatetime.fromisoformat(value)
        except ValueError:
            pass
        try:
            return self.process_metadata("date", value)
        except ValueError:
            raise PostError(f"Date: {value!r} is not a date (like 2025-12-31)") from None

    def _single(self, name: str, value: str) -> object:
        if name == "summary":
            return html.escape(value)  # Pelican treats a summary as HTML
        return value

    def _list(self, name: str, items: list[str]) -> object:
        if name in ("countries", "topics", "tags"):
            return make_terms(name, items, self.settings)
        return items
