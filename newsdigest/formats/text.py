"""Plain text: a headline line and a body, optionally after a header block.

The header block is the first lines of the file when each is one of ``Date:``,
``Source:``, ``URL:`` or ``Lang:`` (any case) followed by a value, and a blank
line ends it::

    Date: 2025-11-14
    Source: Antara
    URL: https://example.com/berita/123

    Headline of the article
    Body ...

A file whose first line is anything else is read whole as the article, as before.
"""

from __future__ import annotations

import re

from newsdigest.formats import ARTICLE_LIMIT, FormatError, Item, ReadOptions
from newsdigest.formats.given import GivenError, given
from newsdigest.parse.decode import DecodeError, decode

_HEADER_LINE = re.compile(r"(date|source|url|lang|language)[ \t]*:[ \t]*(.*)", re.IGNORECASE)
_NAMES = {"date": "date", "source": "source", "url": "url", "lang": "lang", "language": "lang"}


def read_text(data: bytes, options: ReadOptions) -> Item:
    try:
        text = decode(data, ARTICLE_LIMIT)
    except DecodeError as error:
        raise FormatError(str(error)) from None
    values, article = split_header_block(text)
    try:
        return Item(article, given(options.reference, **values))
    except GivenError as error:
        return Item(article, error=f"header block: {error}")


def split_header_block(text: str) -> tuple[dict[str, str], str]:
    """(the header block's values by field, the article text after it)."""
    lines = text.lstrip("\ufeff").splitlines()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    values: dict[str, str] = {}
    index = start
    while index < len(lines):
        match = _HEADER_LINE.fullmatch(lines[index].strip())
        if match is None:
            break
        values[_NAMES[match.group(1).lower()]] = match.group(2).strip()
        index += 1
    if not values or index >= len(lines) or lines[index].strip():
        return {}, text  # no block, or one not ended by a blank line: all article
    return values, "\n".join(lines[index + 1 :])
