"""Stage 0.5: an input file to the articles it holds and the metadata it already carries.

One reader per format, chosen by the file's extension or, for a name that says
nothing, by its content:

==================  =========================================================
``.txt``            one article: a headline line and a body, optionally after
                    a header block (``Date:``, ``Source:``, ``URL:``, ``Lang:``)
``.xml .rss .atom`` an RSS or Atom feed: one article per entry (feedparser)
``.html .htm``      a saved article page (extra ``html``: trafilatura, lxml)
``.csv .tsv``       an export, one article per row (columns named or detected)
``.jsonl .json``    an export, one article per object (keys as CSV columns)
==================  =========================================================

Every article comes out as an :class:`Item`: its text as ``parse_text`` reads it
(headline line, blank line, paragraphs) and a :class:`Given` with what the input
says. A file that holds several articles names each by a key (the entry's id,
the row's URL, or ``row N``) so its post keeps belonging to it; one bad entry is
one Item with an ``error``, and the file's other articles go on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath

from newsdigest.formats.given import Given, GivenError, given

__all__ = [
    "EXPORT_SUFFIXES",
    "INPUT_SUFFIXES",
    "FormatError",
    "Given",
    "GivenError",
    "Item",
    "MissingExtra",
    "ReadOptions",
    "given",
    "read_items",
    "read_limit",
]

TEXT_SUFFIXES = (".txt",)
FEED_SUFFIXES = (".xml", ".rss", ".atom")
PAGE_SUFFIXES = (".html", ".htm")
CSV_SUFFIXES = (".csv", ".tsv")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
INPUT_SUFFIXES = TEXT_SUFFIXES + FEED_SUFFIXES + PAGE_SUFFIXES + CSV_SUFFIXES + JSON_SUFFIXES
# Files that hold many articles may be as large as an archive's export.
EXPORT_SUFFIXES = FEED_SUFFIXES + CSV_SUFFIXES + JSON_SUFFIXES
ARTICLE_LIMIT = 2 * 1024 * 1024  # one article: 50 KB is long, 2 MB is no article
EXPORT_LIMIT = 256 * 1024 * 1024
PAGE_LIMIT = 16 * 1024 * 1024  # a saved page carries its scripts and styles inline


class FormatError(ValueError):
    """The file cannot be read in its format (the message says why)."""


class MissingExtra(FormatError):
    """The format needs an optional dependency that is not installed."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(
            f"reading {what} needs the optional '{extra}' dependencies:"
            f" pip install 'newsdigest[{extra}]'"
        )


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs, from the command line: the run's reference date (no given date
    may lie after it) and export columns named by the user (field -> column)."""

    reference: dt.date
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    """One article of an input file (or why it cannot be read)."""

    text: str = ""  # headline line, blank line, body: what parse_text reads
    given: Given = field(default_factory=Given)
    key: str | None = None  # which article of a multi-article file; None: the whole file
    error: str | None = None

    @property
    def label(self) -> str:
        """How messages name it after the file's name (``row 12``, an entry's id)."""
        return f" [{self.key}]" if self.key else ""


def article_text(headline: str, paragraphs: list[str]) -> str:
    """What parse_text reads: the headline line, a blank line, one paragraph per line."""
    return " ".join(headline.split()) + "\n\n" + "\n".join(paragraphs)


def kind(name: str, data: bytes) -> str:
    """The format of a file: by its extension, else by how its content starts."""
    suffix = PurePath(name).suffix.lower()
    for kind_name, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("page", PAGE_SUFFIXES),
        ("csv", CSV_SUFFIXES),
        ("json", JSON_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind_name
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in FEED_SUFFIXES or start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        if b"<html" in start and b"<rss" not in start and b"<feed" not in start:
            return "page"
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "page"
    if start.startswith((b"{", b"[")):
        return "json"
    return "text"


def read_limit(name: str) -> int:
    """The largest file of this name that is read."""
    suffix = PurePath(name).suffix.lower()
    if suffix in EXPORT_SUFFIXES:
        return EXPORT_LIMIT
    if suffix in PAGE_SUFFIXES:
        return PAGE_LIMIT
    return ARTICLE_LIMIT


def read_items(name: str, data: bytes, options: ReadOptions) -> list[Item]:
    """The articles in a file's bytes; FormatError when the file as a whole cannot be read."""
    match kind(name, data):
        case "feed":
            from newsdigest.formats.feed import read_feed

            return read_feed(data, options)
        case "page":
            from newsdigest.formats.page import read_page

            return [read_page(data, options)]
        case "csv":
            from newsdigest.formats.table import read_csv

            return read_csv(name, data, options)
        case "json":
            from newsdigest.formats.table import read_json

            return read_json(name, data, options)
        case _:
            from newsdigest.formats.text import read_text

            return [read_text(data, options)]
