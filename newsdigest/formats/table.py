"""Exports: CSV (or TSV) with one article per row, JSON Lines or JSON with one per object.

Which column holds what is given on the command line (``--columns
title=judul,body=isi``) or found from common names, in English and Indonesian
(``title``/``judul``, ``content``/``body``/``isi``/``text``,
``date``/``tanggal``/``published``, ``url``/``link``, ``source``/``sumber``,
``lang``/``bahasa``). A JSON object's value may be an object with a ``name``
(``"source": {"name": "Reuters"}``, as news APIs write it).

What real exports look like is read: a byte-order mark, ``;`` or tab as the
separator (Excel in many locales), quoted fields over several lines, a body in
HTML. A row without a title or body, with a date that is not one, or a line that
is not JSON is one error naming the row; the other rows go on. A row is known
by its URL (unique in the file) or by its number.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from newsdigest.formats import EXPORT_LIMIT, FormatError, Item, ReadOptions, article_text
from newsdigest.formats.given import GivenError, given
from newsdigest.formats.htmltext import html_paragraphs
from newsdigest.parse.decode import DecodeError, decode

FIELDS = ("title", "body", "date", "url", "source", "lang")
# Column names each field is found under (compared without case, spaces, '_' or '-').
COMMON_NAMES = {
    "title": ("title", "judul", "headline", "heading", "name"),
    "body": ("body", "content", "isi", "text", "article", "artikel", "konten", "berita",
             "description", "summary", "fulltext", "articlebody"),
    "date": ("date", "tanggal", "published", "publishedat", "pubdate", "publishdate",
             "datepublished", "publicationdate", "datetime", "waktu", "tgl", "created",
             "createdat", "time", "timestamp"),
    "url": ("url", "link", "permalink", "canonical", "canonicalurl", "href", "tautan"),
    "source": ("source", "sumber", "media", "outlet", "publisher", "site", "sitename",
               "agency", "kantorberita", "portal"),
    "lang": ("lang", "language", "bahasa", "locale"),
}  # fmt: skip
REQUIRED = ("title", "body")


def read_csv(name: str, data: bytes, options: ReadOptions) -> list[Item]:
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if name.lower().endswith(".tsv") else ","
    csv.field_size_limit(EXPORT_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("empty: no header row") from None
    except csv.Error as error:
        raise FormatError(f"not CSV: {error}") from None
    columns = _columns([h.strip().lstrip("\ufeff") for h in header], options)
    rows: list[tuple[str, Mapping[str, Any] | str]] = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            rows.append((f"row {number}", f"not CSV: {error}"))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank line between rows
        number += 1
        if len(cells) > len(header):
            extra = len(cells) - len(header)
            rows.append((f"row {number}", f"{extra} more cells than the header has columns"))
            continue
        rows.append((f"row {number}", dict(zip(header, cells, strict=False))))
    return _items(rows, columns, options)


def read_json(name: str, data: bytes, options: ReadOptions) -> list[Item]:
    text = _decode(data).lstrip("\ufeff")
    rows: list[tuple[str, Mapping[str, Any] | str]] = []
    stripped = text.lstrip()
    if stripped.startswith("[") or (name.lower().endswith(".json") and stripped.startswith("{")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            if not stripped.startswith("{"):
                raise FormatError(f"not JSON: {error}") from None
            document = None  # a JSON Lines file named .json
        if document is not None:
            records = _records(document)
            for number, record in enumerate(records, start=1):
                rows.append((f"item {number}", record if isinstance(record, dict) else
                             "not an object"))  # fmt: skip
            return _items(rows, _columns(_keys(records), options), options)
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            rows.append((f"line {number}", f"not JSON: {error.msg} (column {error.colno})"))
            continue
        rows.append((f"line {number}", record if isinstance(record, dict) else "not an object"))
    records = [r for _, r in rows if isinstance(r, dict)]
    return _items(rows, _columns(_keys(records), options), options)


def _decode(data: bytes) -> str:
    try:
        return decode(data, EXPORT_LIMIT)
    except DecodeError as error:
        raise FormatError(str(error)) from None


def _records(document: Any) -> list[Any]:
    """The article objects of a JSON document: a list, or the list an object holds."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("articles", "items", "data", "posts", "results", "entries", "rows"):
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    raise FormatError("not a list of articles")


def _keys(records: Iterable[Any]) -> list[str]:
    keys: dict[str, None] = {}
    for record in records:
        if isinstance(record, dict):
            keys.update(dict.fromkeys(map(str, record)))
    return list(keys)


def _squash(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _columns(names: list[str], options: ReadOptions) -> dict[str, str]:
    """field -> column: what the user named, else the first common name found."""
    found: dict[str, str] = {}
    by_squashed = {_squash(n): n for n in reversed(names)}
    for field_name in FIELDS:
        if field_name in options.columns:
            column = options.columns[field_name]
            if column not in names:
                raise FormatError(
                    f"--columns {field_name}={column}: no such column"
                    f" (the columns are {', '.join(names) or 'none'})"
                )
            found[field_name] = column
            continue
        for common in COMMON_NAMES[field_name]:
            named = by_squashed.get(common)
            if named is not None and named not in found.values():
                found[field_name] = named
                break
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise FormatError(
            f"no {' or '.join(missing)} column among {', '.join(names) or 'no columns'};"
            f" name it with --columns {missing[0]}=COLUMN"
        )
    return found


def _items(
    rows: list[tuple[str, Mapping[str, Any] | str]],
    columns: dict[str, str],
    options: ReadOptions,
) -> list[Item]:
    urls = Counter(str(_value(r, columns.get("url"))) for _, r in rows if not isinstance(r, str))
    items = []
    for label, row in rows:
        if isinstance(row, str):
            items.append(Item(key=label, error=row))
            continue
        url = _value(row, columns.get("url"))
        key = url if url and urls[url] == 1 else label
        items.append(_item(row, columns, options, key, label))
    return items


def _item(
    row: Mapping[str, Any], columns: dict[str, str], options: ReadOptions, key: str, label: str
) -> Item:
    title = " ".join(html_paragraphs(_value(row, columns["title"]) or ""))
    paragraphs = html_paragraphs(_value(row, columns["body"]) or "")
    if not title:
        return Item(key=key, error=f"{label}: empty {columns['title']!r}, no title")
    if not paragraphs:
        return Item(key=key, error=f"{label}: empty {columns['body']!r}, no body")
    try:
        known = given(
            options.reference,
            **{f: _value(row, columns.get(f)) for f in ("date", "source", "url", "lang")},
        )
    except GivenError as error:
        return Item(key=key, error=f"{label}: {error}")
    return Item(article_text(title, paragraphs), known, key=key)


def _value(row: Mapping[str, Any], column: str | None) -> str | None:
    if column is None:
        return None
    value = row.get(column)
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("value")
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value if isinstance(v, str | int | float))
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)
